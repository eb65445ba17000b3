package io.marketlens.metrics.concentration;

import static io.marketlens.fact.MarketFact.*;
import static org.apache.spark.sql.functions.*;

import io.marketlens.fact.MarketFact;
import io.marketlens.metrics.AnalysisPeriod;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.Scopes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code concentration} table, T/CCPITCSC 111-2022 Table 1, 1.1.4 市场集中度 / 行业集中率 (SPEC M7): per
 * scope (all eight roll-ups), period (every month and {@code window}) and entity kind (seller, brand,
 * product), CR4, CR8, CR10 and HHI of the revenue shares, their DOJ 2023, DOJ 2010 and Bain classes, and
 * their change against the previous period.
 *
 * <p>With v_i the revenue of entity i in the scope and period (entities with v_i &gt; 0 only) and
 * v_(1) ≥ v_(2) ≥ … ranked: CR_n = 100 · Σ_{i≤n} v_(i) / Σ v_i and HHI = 10 000 · Σ v_i² / (Σ v_i)²; the
 * arithmetic and the classes are {@link Concentration#fromSums}'s. A seller is (platform, seller_id), a
 * product (platform, marketplace, product_id), a brand its trimmed name (case-sensitive); rows without a
 * brand are left out of the brand rows and their share of the revenue is reported as {@code
 * unattributed_share} (0 for sellers and products); status {@code no_sales} when the scope had no revenue,
 * {@code no_brand} when it had revenue but none with a brand.
 *
 * <p>Deequ's shape: one frequency table of Σ revenue per (scope, period, entity kind, entity), built in a
 * single pass over the fact (the fact's rows are multiplied by period label, scope and entity kind before
 * one aggregation); a rank over it; one aggregation of the sufficient statistics (entities, Σ v, Σ v²,
 * top-4, top-8, top-10 sums) per (scope, period, kind); {@link Concentration#fromSums} on the executors.
 * The change columns come from a window over the same result, not a second query, so the cached fact is
 * read once for the whole table.
 */
public final class ConcentrationTable {

    public static final String TABLE = "concentration";

    /** The kinds of entity whose shares are measured, with their {@code entity} column value. */
    public enum Entity {
        SELLER("seller"),
        BRAND("brand"),
        PRODUCT("product");

        private final String code;

        Entity(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        /** The entity's key in a fact row; null when the row has none (a missing or blank brand). */
        Column key() {
            return switch (this) {
                // the enum's constants hide MarketFact's column names here
                case SELLER -> concat_ws("\u0001", col(PLATFORM), col(MarketFact.SELLER));
                case PRODUCT -> concat_ws("\u0001", col(PLATFORM), col(MARKETPLACE), col(MarketFact.PRODUCT));
                case BRAND -> when(length(trim(col(MarketFact.BRAND))).gt(0), trim(col(MarketFact.BRAND)));
            };
        }
    }

    public static final String ENTITY = "entity";
    public static final String STATUS_NO_SALES = "no_sales";
    /** The scope sold, but no row had a brand: brand shares are undefined. */
    public static final String STATUS_NO_BRAND = "no_brand";

    private static final String KEY = "_key";
    private static final String VALUE = "_value";
    private static final String ATTRIBUTED = "_attributed";
    private static final String[] CHANGED = {"cr4", "cr8", "cr10", "hhi"};

    /** One row of metrics per (scope, period, kind), the output of {@link #toMetrics}. */
    private static final StructType METRICS = new StructType(new StructField[] {
        nullable(PLATFORM, DataTypes.StringType), nullable(MARKETPLACE, DataTypes.StringType),
        nullable(CATEGORY, DataTypes.StringType), nullable(PERIOD, DataTypes.StringType),
        nullable(ENTITY, DataTypes.StringType), nullable("entities", DataTypes.LongType),
        nullable("cr4", DataTypes.DoubleType), nullable("cr8", DataTypes.DoubleType),
        nullable("cr10", DataTypes.DoubleType), nullable("hhi", DataTypes.DoubleType),
        nullable("doj2023_class", DataTypes.StringType), nullable("doj2010_class", DataTypes.StringType),
        nullable("bain_cr4_class", DataTypes.StringType), nullable("bain_cr8_class", DataTypes.StringType),
        nullable("unattributed_share", DataTypes.DoubleType), nullable("rows", DataTypes.LongType),
        nullable("status", DataTypes.StringType)});

    private ConcentrationTable() {
    }

    public static MetricTable compute(MetricsContext ctx) {
        return compute(ctx, Set.of(Entity.values()));
    }

    /** The table for some entity kinds only; the scan-sharing test compares it with all three. */
    static MetricTable compute(MetricsContext ctx, Set<Entity> kinds) {
        Dataset<Row> frequencies = frequencies(ctx.fact(), ctx.period(), kinds);
        Dataset<Row> metrics = sufficientStatistics(frequencies)
                .map((MapFunction<Row, Row>) ConcentrationTable::toMetrics, Encoders.row(METRICS));
        return new MetricTable(TABLE, withChanges(metrics)
                .filter(col(PERIOD).notEqual(AnalysisPeriod.PREVIOUS_WINDOW))
                .orderBy(col(PLATFORM), col(MARKETPLACE), col(CATEGORY), col(ENTITY), col(PERIOD)));
    }

    /**
     * Σ revenue and fact rows per (scope, period, kind, entity) in one aggregation: each fact row is
     * repeated per entity kind, period label and scope. Entity keys are taken before the scopes replace
     * platform and marketplace with {@code ALL}.
     */
    private static Dataset<Row> frequencies(Dataset<Row> fact, AnalysisPeriod period, Set<Entity> kinds) {
        List<Column> entities = new ArrayList<>();
        for (Entity e : Entity.values()) {
            if (kinds.contains(e)) {
                entities.add(struct(lit(e.code()).as("kind"), e.key().as("key")));
            }
        }
        Dataset<Row> keyed = fact.select(col(PLATFORM), col(MARKETPLACE), col(CATEGORY), col(PERIOD), col(REVENUE),
                        explode(array(entities.toArray(Column[]::new))).as("_e"))
                .select(col(PLATFORM), col(MARKETPLACE), col(CATEGORY), col(PERIOD), col(REVENUE),
                        col("_e.kind").as(ENTITY), col("_e.key").as(KEY));
        return Scopes.explode(Scopes.withWindow(keyed, period, true), true)
                .groupBy(Scopes.scopeAnd(PERIOD, ENTITY, KEY))
                .agg(coalesce(sum(col(REVENUE).cast("double")), lit(0.0)).as(VALUE), count(lit(1)).as("rows"));
    }

    /**
     * Entities, Σ v, Σ v², the top-4/8/10 sums, the revenue without an entity and the rows per (scope,
     * period, kind): a rank within the group, then one aggregation. Entities without a key sort last so
     * that they never take a top rank; entities with v ≤ 0 are not participants (see {@link Concentration}).
     */
    private static Dataset<Row> sufficientStatistics(Dataset<Row> frequencies) {
        WindowSpec byValue = Window.partitionBy(Scopes.scopeAnd(PERIOD, ENTITY))
                .orderBy(col(KEY).isNull(), col(VALUE).desc(), col(KEY));
        Column counted = col(ATTRIBUTED).and(col(VALUE).gt(0));
        Column rank = col("_rank");
        return frequencies
                .withColumn("_rank", row_number().over(byValue))
                .withColumn(ATTRIBUTED, col(KEY).isNotNull())
                .groupBy(Scopes.scopeAnd(PERIOD, ENTITY))
                .agg(count(when(counted, lit(1))).as("_entities"),
                        positiveSum(counted, col(VALUE)).as("_total"),
                        positiveSum(counted, col(VALUE).multiply(col(VALUE))).as("_squares"),
                        positiveSum(counted.and(rank.leq(4)), col(VALUE)).as("_top4"),
                        positiveSum(counted.and(rank.leq(8)), col(VALUE)).as("_top8"),
                        positiveSum(counted.and(rank.leq(10)), col(VALUE)).as("_top10"),
                        positiveSum(not(col(ATTRIBUTED)).and(col(VALUE).gt(0)), col(VALUE)).as("_unattributed"),
                        coalesce(sum(when(col(ATTRIBUTED), col("rows"))), lit(0L)).as("rows"));
    }

    /** CR_n, HHI, classes and status of one group's sufficient statistics, by {@link Concentration#fromSums}. */
    private static Row toMetrics(Row s) {
        double total = s.<Double>getAs("_total");
        double unattributed = s.<Double>getAs("_unattributed");
        ConcentrationMetrics m = Concentration.fromSums(s.<Long>getAs("_entities"), total, s.<Double>getAs("_squares"),
                s.<Double>getAs("_top4"), s.<Double>getAs("_top8"), s.<Double>getAs("_top10"));
        String status = m.isOk() ? null : unattributed > 0 ? STATUS_NO_BRAND : STATUS_NO_SALES;
        double all = total + unattributed;
        return RowFactory.create(
                s.getAs(PLATFORM), s.getAs(MARKETPLACE), s.getAs(CATEGORY), s.getAs(PERIOD), s.getAs(ENTITY),
                m.entities(),
                m.isOk() ? m.cr4() : null, m.isOk() ? m.cr8() : null, m.isOk() ? m.cr10() : null,
                m.isOk() ? m.hhi() : null,
                m.isOk() ? m.doj2023Class().code() : null, m.isOk() ? m.doj2010Class().code() : null,
                m.isOk() ? m.bainCr4Class().code() : null, m.isOk() ? m.bainCr8Class().code() : null,
                all > 0 ? unattributed / all : null,
                s.getAs("rows"),
                status);
    }

    /**
     * Adds {@code <metric>_change} = value − value of the previous period of the same scope and kind: the
     * month before for a month, {@code previous_window} for {@code window}. Within a (scope, kind) sorted
     * by period, months ("YYYY-MM") come before {@code previous_window}, which comes before {@code window},
     * so the previous row is the right one exactly when its period is the one expected; otherwise (a gap
     * month, no previous window) the change is null.
     */
    private static Dataset<Row> withChanges(Dataset<Row> metrics) {
        WindowSpec byPeriod = Window.partitionBy(Scopes.scopeAnd(ENTITY)).orderBy(col(PERIOD));
        Column isWindow = col(PERIOD).equalTo(AnalysisPeriod.WINDOW);
        Column expected = when(isWindow, lit(AnalysisPeriod.PREVIOUS_WINDOW))
                .when(col(PERIOD).notEqual(AnalysisPeriod.PREVIOUS_WINDOW), Scopes.shiftMonths(col(PERIOD), -1));
        Column previousFound = lag(col(PERIOD), 1).over(byPeriod).equalTo(expected);
        List<String> trailing = List.of("unattributed_share", "rows", "status");
        List<Column> out = new ArrayList<>();
        for (String name : METRICS.fieldNames()) {
            if (!trailing.contains(name)) {
                out.add(col(name));
            }
        }
        for (String metric : CHANGED) {
            // CR_n and HHI are rounded to 1e-6; so is their difference, which would otherwise show binary noise
            out.add(when(previousFound, round(col(metric).minus(lag(col(metric), 1).over(byPeriod)), 6))
                    .cast("double").as(metric + "_change"));
        }
        trailing.forEach(name -> out.add(col(name)));
        return metrics.select(out.toArray(Column[]::new));
    }

    private static Column positiveSum(Column condition, Column value) {
        return coalesce(sum(when(condition, value)), lit(0.0));
    }

    private static StructField nullable(String name, org.apache.spark.sql.types.DataType type) {
        return DataTypes.createStructField(name, type, true);
    }
}
