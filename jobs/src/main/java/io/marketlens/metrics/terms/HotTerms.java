package io.marketlens.metrics.terms;

import static io.marketlens.fact.MarketFact.*;
import static org.apache.spark.sql.functions.*;

import io.marketlens.metrics.AnalysisPeriod;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.Scopes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * Hot search terms and attributes, T/CCPITCSC 111-2022 Table 1, 1.1.4 热搜属性及流行趋势 (SPEC M10): per
 * category-level scope (category with its platform and marketplace, or {@code ALL} of them), the terms of the
 * window's listings weighted by revenue, the top terms and the fastest risers against the window before.
 *
 * <p>Each fact row of the window or the previous window contributes its {@link TitleTokenizer#titleTerms title
 * terms} ({@code kind} = {@code title}) and its {@link TitleTokenizer#attributeTerms attribute pairs}
 * ({@code kind} = {@code attribute}), each term once, each with the row's whole revenue as weight. Per scope and
 * term:
 * <ul>
 *   <li>{@code weight} = Σ revenue of the window's rows carrying the term; terms with no positive weight are
 *       left out; {@code previous_weight} likewise over the previous window;</li>
 *   <li>{@code share} = weight ÷ the scope's window revenue (the share of demand whose listings carry the term;
 *       shares of different terms overlap);</li>
 *   <li>{@code rank} = 1, 2, … by weight descending, ties by term ascending;</li>
 *   <li>{@code growth} = weight ÷ previous_weight − 1; null for a term new in the window (no previous weight);</li>
 *   <li>{@code riser_rank} = 1, 2, … by growth descending (ties by weight descending, then term) among the terms
 *       with growth &gt; 0 and previous_weight ≥ {@code riserMinShare} (default
 *       {@value #DEFAULT_RISER_MIN_SHARE}) × the scope's previous-window revenue — a floor on the base of the
 *       ratio so a term that went from a few cents to a few dollars is not the fastest riser; null for others;</li>
 *   <li>a row is kept when rank ≤ N or riser_rank ≤ N (N = {@code topN}, default {@value #DEFAULT_TOP_N}), so the
 *       fastest risers appear even outside the top terms;</li>
 *   <li>{@code rows} = fact rows of the window carrying the term; {@code period} = {@code window};
 *       {@code status} = {@code insufficient_history} when the previous window starts before the fact's first
 *       month (growth then compares with a partial window and old terms may look new), else null.</li>
 * </ul>
 */
public final class HotTerms {

    public static final String TABLE = "hot_terms";
    /** N: terms kept per scope, by weight and by growth each. */
    public static final int DEFAULT_TOP_N = 30;
    /** A riser needs at least this share of the scope's previous-window revenue as its previous weight. */
    public static final double DEFAULT_RISER_MIN_SHARE = 0.01;
    public static final String TITLE_KIND = "title";
    public static final String ATTRIBUTE_KIND = "attribute";
    public static final String INSUFFICIENT_HISTORY = "insufficient_history";

    private static final UserDefinedFunction TITLE_TERMS = udf(
            (UDF1<String, String[]>) t -> TitleTokenizer.titleTerms(t).toArray(String[]::new),
            DataTypes.createArrayType(DataTypes.StringType, false));
    private static final UserDefinedFunction ATTRIBUTE_TERMS = udf(
            (UDF1<String, String[]>) a -> TitleTokenizer.attributeTerms(a).toArray(String[]::new),
            DataTypes.createArrayType(DataTypes.StringType, false));

    private static final String CURRENT = "_current";
    private static final String TERM = "term";
    private static final String KIND = "kind";
    private static final String WEIGHT = "weight";
    private static final String PREVIOUS_WEIGHT = "previous_weight";
    private static final String GROWTH = "growth";
    private static final String RANK = "rank";
    private static final String RISER_RANK = "riser_rank";
    private static final String SCOPE_REVENUE = "_scope_revenue";
    private static final String SCOPE_PREVIOUS = "_scope_previous";
    private static final String FIRST_MONTH = "_first_month";

    private HotTerms() {
    }

    public static MetricTable compute(MetricsContext ctx) {
        return compute(ctx, ctx.config().metrics().hotTermsTopN(), DEFAULT_RISER_MIN_SHARE);
    }

    /** The table keeping {@code topN} (≥ 1) terms per scope by weight and by growth, risers from {@code riserMinShare}. */
    public static MetricTable compute(MetricsContext ctx, int topN, double riserMinShare) {
        if (topN < 1) {
            throw new IllegalArgumentException("hot terms: top N must be at least 1, got " + topN);
        }
        if (!(riserMinShare >= 0 && riserMinShare <= 1)) {
            throw new IllegalArgumentException("hot terms: riser minimum share must be in [0, 1], got " + riserMinShare);
        }
        AnalysisPeriod period = ctx.period();
        Dataset<Row> rows = ctx.fact()
                .filter(col(PERIOD).between(period.firstPreviousWindowPeriod(), period.lastPeriod()))
                .withColumn(CURRENT, col(PERIOD).geq(period.firstWindowPeriod()));
        Column current = col(CURRENT);
        Column previous = not(current);

        Dataset<Row> scopeRevenue = Scopes.explode(rows, false).groupBy(Scopes.scopeColumns()).agg(
                sum(when(current, col(REVENUE))).as(SCOPE_REVENUE),
                sum(when(previous, col(REVENUE))).as(SCOPE_PREVIOUS));
        // a listing's title and attributes repeat month after month: tokenise each distinct (leaf scope, title,
        // attributes) once, with the revenue and row count of each window summed, before the rows are multiplied
        // by term and scope
        Dataset<Row> texts = rows.groupBy(col(PLATFORM), col(MARKETPLACE), col(CATEGORY), col(TITLE), col(ATTRIBUTES))
                .agg(sum(when(current, col(REVENUE))).as("_weight"), sum(when(previous, col(REVENUE))).as("_previous"),
                        count(when(current, lit(1))).as("_rows"));
        Dataset<Row> termRows = Scopes.explode(texts
                .select(col(PLATFORM), col(MARKETPLACE), col(CATEGORY), col("_weight"), col("_previous"), col("_rows"),
                        explode(concat(
                                tagged(TITLE_TERMS.apply(col(TITLE)), TITLE_KIND),
                                tagged(ATTRIBUTE_TERMS.apply(col(ATTRIBUTES)), ATTRIBUTE_KIND))).as("_term"))
                .select(col(PLATFORM), col(MARKETPLACE), col(CATEGORY), col("_weight"), col("_previous"), col("_rows"),
                        col("_term." + TERM).as(TERM), col("_term." + KIND).as(KIND)), false);
        // one aggregation for both windows of every term of every scope
        Dataset<Row> weighted = termRows.groupBy(Scopes.scopeAnd(TERM, KIND)).agg(
                        sum(col("_weight")).as(WEIGHT),
                        sum(col("_previous")).as(PREVIOUS_WEIGHT),
                        sum(col("_rows")).as("rows"))
                .filter(col(WEIGHT).gt(0))
                .join(scopeRevenue, Scopes.COLUMNS.toArray(String[]::new), "left")
                .crossJoin(ctx.fact().agg(min(PERIOD).as(FIRST_MONTH)))
                .withColumn(GROWTH, when(col(PREVIOUS_WEIGHT).gt(0),
                        col(WEIGHT).divide(col(PREVIOUS_WEIGHT)).minus(1)).cast("double"));

        Column riser = col(GROWTH).gt(0).and(col(PREVIOUS_WEIGHT).geq(col(SCOPE_PREVIOUS).multiply(riserMinShare)));
        WindowSpec byScope = Window.partitionBy(Scopes.scopeColumns());
        Dataset<Row> ranked = weighted
                .withColumn(RANK, row_number().over(byScope.orderBy(col(WEIGHT).desc(), col(TERM), col(KIND))))
                .withColumn("_riser", coalesce(riser, lit(false)))
                .withColumn(RISER_RANK, when(col("_riser"), row_number().over(Window
                        .partitionBy(Scopes.scopeAnd("_riser")).orderBy(col(GROWTH).desc(), col(WEIGHT).desc(), col(TERM), col(KIND)))))
                .filter(col(RANK).leq(topN).or(col(RISER_RANK).leq(topN)));

        return new MetricTable(TABLE, ranked.select(
                col(PLATFORM), col(MARKETPLACE), col(CATEGORY), lit(AnalysisPeriod.WINDOW).as(PERIOD),
                col(TERM), col(KIND), col(WEIGHT).cast("double").as(WEIGHT),
                col(WEIGHT).divide(col(SCOPE_REVENUE)).cast("double").as("share"),
                col(RANK).cast("int").as(RANK),
                col(PREVIOUS_WEIGHT).cast("double").as(PREVIOUS_WEIGHT),
                col(GROWTH),
                col(RISER_RANK).cast("int").as(RISER_RANK),
                col("rows"),
                when(lit(period.firstPreviousWindowPeriod()).lt(col(FIRST_MONTH)), lit(INSUFFICIENT_HISTORY))
                        .otherwise(lit(null).cast("string")).as("status"))
                .orderBy(col(PLATFORM), col(MARKETPLACE), col(CATEGORY), col(RANK)));
    }

    /** Each term of an array as a (term, kind) struct. */
    private static Column tagged(Column terms, String kind) {
        return transform(terms, t -> struct(t.as(TERM), lit(kind).as(KIND)));
    }
}
