package io.marketlens.metrics.concentration;

import static io.marketlens.fact.MarketFact.*;
import static org.apache.spark.sql.functions.*;

import io.marketlens.fact.MarketFact;
import io.marketlens.metrics.AnalysisPeriod;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.Scopes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The {@code concentration_curve} table, the detail behind T/CCPITCSC 111-2022 Table 1, 1.1.4 市场集中度: the
 * ranked revenue shares of every seller and brand in the analysis window, per category and over all
 * categories (all platforms and marketplaces), from which the report draws the Pareto and Lorenz curves
 * and names the leading sellers and brands.
 *
 * <p>Per (category or {@code ALL}, entity kind), entities with revenue v_i &gt; 0 ranked by v descending
 * (ties by key): share_i = v_i ÷ Σ v, cumulative_share_k = Σ_{i≤k} share_i (1 at the last rank). The
 * entities are those of the {@code concentration} table's window rows (a seller is (platform, seller_id),
 * a brand its trimmed name), so Σ share_i² · 10 000 is that table's HHI and the cumulative share at rank 4
 * is its CR4 ÷ 100.
 */
public final class ConcentrationCurve {

    public static final String TABLE = "concentration_curve";

    private ConcentrationCurve() {
    }

    public static MetricTable compute(MetricsContext ctx) {
        AnalysisPeriod p = ctx.period();
        Column inWindow = col(PERIOD).geq(p.firstWindowPeriod()).and(col(PERIOD).leq(p.lastPeriod()));
        Column seller = struct(lit(ConcentrationTable.Entity.SELLER.code()).as("kind"),
                concat_ws("\u0001", col(PLATFORM), col(MarketFact.SELLER)).as("key"),
                concat_ws(" / ", col(PLATFORM), col(MarketFact.SELLER)).as("name"));
        Column trimmedBrand = trim(col(MarketFact.BRAND));
        Column brand = struct(lit(ConcentrationTable.Entity.BRAND.code()).as("kind"),
                when(length(trimmedBrand).gt(0), trimmedBrand).as("key"), trimmedBrand.as("name"));
        Dataset<Row> entities = ctx.fact().filter(inWindow)
                .select(col(CATEGORY), col(REVENUE), explode(array(seller, brand)).as("_e"))
                .filter(col("_e.key").isNotNull())
                .withColumn("_scope", explode(array(col(CATEGORY), lit(Scopes.ALL))))
                .groupBy(col("_scope").as(CATEGORY), col("_e.kind").as(ConcentrationTable.ENTITY), col("_e.key").as("_key"))
                .agg(first(col("_e.name")).as("name"), sum(col(REVENUE).cast("double")).as(REVENUE), count(lit(1)).as("rows"))
                .filter(col(REVENUE).gt(0));
        WindowSpec group = Window.partitionBy(col(CATEGORY), col(ConcentrationTable.ENTITY));
        WindowSpec ranked = group.orderBy(col(REVENUE).desc(), col("_key"));
        Column total = sum(col(REVENUE)).over(group);
        return new MetricTable(TABLE, entities
                .select(lit(Scopes.ALL).as(PLATFORM), lit(Scopes.ALL).as(MARKETPLACE), col(CATEGORY),
                        lit(AnalysisPeriod.WINDOW).as(PERIOD), col(ConcentrationTable.ENTITY),
                        row_number().over(ranked).as("rank"), col("name"), col(REVENUE),
                        col(REVENUE).divide(total).as("share"),
                        sum(col(REVENUE)).over(ranked.rowsBetween(Window.unboundedPreceding(), Window.currentRow()))
                                .divide(total).as("cumulative_share"),
                        count(lit(1)).over(group).as("entities"), col("rows"))
                .orderBy(col(CATEGORY), col(ConcentrationTable.ENTITY), col("rank")));
    }
}
