package io.marketlens.metrics.market;

import static io.marketlens.fact.MarketFact.*;
import static org.apache.spark.sql.functions.*;

import io.marketlens.metrics.AnalysisPeriod;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.Scopes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * New versus existing products, T/CCPITCSC 111-2022 Table 1, 1.1.4 增量与存量 (SPEC M4): per scope (all eight
 * roll-ups) and period — every month of the fact and the {@code window} — how much of the market is new and how
 * much of its growth new products bring.
 *
 * <p>Definitions, with W = {@code newMonths} (default {@value #DEFAULT_NEW_MONTHS}) and {@code end} the period's
 * month (for {@code window}: its last month):
 * <ul>
 *   <li>a product (platform, marketplace, product_id) has the intro month of its earliest {@code launch_date} in the
 *       fact, else of its first month in the fact; it is <b>new</b> in a period when intro &gt; end − W, i.e. intro in
 *       (end − W, end] — a launch after {@code end} counts as new too;</li>
 *   <li>a seller (platform, seller_id) is new when its first month in the fact is &gt; end − W;</li>
 *   <li>{@code products} = listings with units &gt; 0; {@code new_products} = those that are new;
 *       {@code new_product_count_share} = new_products ÷ products;
 *       {@code new_product_revenue_share} = R_new ÷ R (R = Σ revenue, R_new = Σ revenue of new products);
 *       {@code new_seller_share} = new sellers with units &gt; 0 ÷ sellers with units &gt; 0 (each null on a zero
 *       denominator);</li>
 *   <li>{@code growth_from_new} = R_new(t) ÷ R(t−1) and {@code growth_from_existing} = (R_existing(t) − R(t−1)) ÷
 *       R(t−1), where t−1 is the month before (for {@code window}: the window before); they add up to the revenue
 *       growth R(t) ÷ R(t−1) − 1, and are null when R(t−1) is 0 or absent;</li>
 *   <li>{@code status} = {@code insufficient_history} when end − W is before the fact's first month: the look-back
 *       (end − W, end] then starts at or before the first month of data, so every product seen without a launch
 *       date and every seller counts as new, whatever its true age;</li>
 *   <li>{@code rows} = fact rows of the scope and period.</li>
 * </ul>
 */
public final class NewVsExisting {

    public static final String TABLE = "new_vs_existing";
    /** W: a product or seller is new for this many months after its introduction, the period's end included. */
    public static final int DEFAULT_NEW_MONTHS = 6;
    public static final String INSUFFICIENT_HISTORY = "insufficient_history";

    public static final String LISTING = "_listing";
    public static final String SELLER_KEY = "_seller";
    private static final String INTRO = "_intro";
    private static final String SELLER_FIRST = "_seller_first";
    private static final String FIRST_MONTH = "_first_month";
    private static final String NEW_REVENUE = "_new_revenue";
    private static final String PREVIOUS = "_previous";

    private NewVsExisting() {
    }

    public static MetricTable compute(MetricsContext ctx) {
        return compute(ctx, ctx.config().metrics().newProductMonths());
    }

    /** The table with W = {@code newMonths} (≥ 1). */
    public static MetricTable compute(MetricsContext ctx, int newMonths) {
        if (newMonths < 1) {
            throw new IllegalArgumentException("new-product months must be at least 1, got " + newMonths);
        }
        AnalysisPeriod period = ctx.period();
        Dataset<Row> fact = ctx.fact();
        Dataset<Row> rows = Scopes.explode(Scopes.withWindow(withIntroductions(fact), period, true), true);

        Column newProduct = isNewProduct(period, newMonths);
        Column newSeller = col(SELLER_FIRST).gt(oldUpTo(period, newMonths));
        Column sold = col(UNITS).gt(0);
        // one aggregation for every figure of every scope and period
        Dataset<Row> split = rows.groupBy(Scopes.scopeAnd(PERIOD)).agg(
                sum(REVENUE).as(REVENUE),
                sum(when(newProduct, col(REVENUE)).otherwise(0.0)).as(NEW_REVENUE),
                countDistinct(when(sold, col(LISTING))).as("products"),
                countDistinct(when(sold.and(newProduct), col(LISTING))).as("new_products"),
                countDistinct(when(sold, col(SELLER_KEY))).as("sellers"),
                countDistinct(when(sold.and(newSeller), col(SELLER_KEY))).as("new_sellers"),
                count(lit(1)).as("rows"));

        Dataset<Row> monthly = split.filter(col(PERIOD).notEqual(AnalysisPeriod.WINDOW)
                .and(col(PERIOD).notEqual(AnalysisPeriod.PREVIOUS_WINDOW)));
        Dataset<Row> previous = monthly
                .select(col(PLATFORM), col(MARKETPLACE), col(CATEGORY), Scopes.shiftMonths(col(PERIOD), 1).as(PERIOD),
                        col(REVENUE).as(PREVIOUS))
                .unionByName(split.filter(col(PERIOD).equalTo(AnalysisPeriod.PREVIOUS_WINDOW))
                        .select(col(PLATFORM), col(MARKETPLACE), col(CATEGORY), lit(AnalysisPeriod.WINDOW).as(PERIOD),
                                col(REVENUE).as(PREVIOUS)));
        Dataset<Row> out = split.filter(col(PERIOD).notEqual(AnalysisPeriod.PREVIOUS_WINDOW))
                .join(previous, new String[]{PLATFORM, MARKETPLACE, CATEGORY, PERIOD}, "left")
                .crossJoin(fact.agg(min(PERIOD).as(FIRST_MONTH)));

        Column hasPrevious = col(PREVIOUS).isNotNull().and(col(PREVIOUS).gt(0));
        return new MetricTable(TABLE, out.select(
                col(PLATFORM), col(MARKETPLACE), col(CATEGORY), col(PERIOD),
                col("products"), col("new_products"),
                ratio(col("new_products"), col("products")).as("new_product_count_share"),
                ratio(col(NEW_REVENUE), col(REVENUE)).as("new_product_revenue_share"),
                ratio(col("new_sellers"), col("sellers")).as("new_seller_share"),
                when(hasPrevious, col(NEW_REVENUE).divide(col(PREVIOUS))).cast("double").as("growth_from_new"),
                when(hasPrevious, col(REVENUE).minus(col(NEW_REVENUE)).minus(col(PREVIOUS)).divide(col(PREVIOUS)))
                        .cast("double").as("growth_from_existing"),
                col("rows"),
                when(oldUpTo(period, newMonths).lt(col(FIRST_MONTH)), lit(INSUFFICIENT_HISTORY))
                        .otherwise(lit(null).cast("string")).as("status"))
                .orderBy(col(PLATFORM), col(MARKETPLACE), col(CATEGORY), col(PERIOD)));
    }

    /**
     * The fact with each row's product introduction month ({@code _intro}: its earliest launch_date, else its
     * first month in the data), its seller's first month ({@code _seller_first}) and the keys {@code _listing}
     * (platform, marketplace, product_id) and {@code _seller} (platform, seller_id).
     */
    public static Dataset<Row> withIntroductions(Dataset<Row> fact) {
        Dataset<Row> intro = fact.groupBy(col(PLATFORM), col(MARKETPLACE), col(PRODUCT))
                .agg(coalesce(date_format(min(LAUNCH_DATE), "yyyy-MM"), min(PERIOD)).as(INTRO));
        Dataset<Row> sellerFirst = fact.groupBy(col(PLATFORM), col(SELLER)).agg(min(PERIOD).as(SELLER_FIRST));
        return fact
                .join(intro, new String[]{PLATFORM, MARKETPLACE, PRODUCT}, "left")
                .join(sellerFirst, new String[]{PLATFORM, SELLER}, "left")
                .withColumn(LISTING, concat_ws("\u0001", col(PLATFORM), col(MARKETPLACE), col(PRODUCT)))
                .withColumn(SELLER_KEY, concat_ws("\u0001", col(PLATFORM), col(SELLER)));
    }

    /** On rows of {@link #withIntroductions}, exploded by period: the product is new in the row's period. */
    public static Column isNewProduct(AnalysisPeriod period, int newMonths) {
        return col(INTRO).gt(oldUpTo(period, newMonths));
    }

    /** end − W as {@code YYYY-MM}: the last month whose introductions are old; end is a window's last month. */
    private static Column oldUpTo(AnalysisPeriod period, int newMonths) {
        Column end = when(col(PERIOD).equalTo(AnalysisPeriod.WINDOW), lit(period.lastPeriod()))
                .when(col(PERIOD).equalTo(AnalysisPeriod.PREVIOUS_WINDOW), lit(period.lastPreviousWindowPeriod()))
                .otherwise(col(PERIOD));
        return Scopes.shiftMonths(end, -newMonths);
    }

    /** numerator ÷ denominator as a double; null when the denominator is 0. */
    private static Column ratio(Column numerator, Column denominator) {
        return when(denominator.notEqual(0), numerator.cast("double").divide(denominator)).cast("double");
    }
}
