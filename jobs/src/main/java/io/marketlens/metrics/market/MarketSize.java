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
 * Market size and growth, T/CCPITCSC 111-2022 Table 1, 1.1.1 市场容量 (SPEC M1): per scope and period,
 * revenue, units, orders, active sellers and products, month-on-month and year-on-year growth, and for the
 * window the compound annual growth rate against the window before it.
 */
public final class MarketSize {

    public static final String TABLE = "market_size";

    private MarketSize() {
    }

    public static MetricTable compute(MetricsContext ctx) {
        Dataset<Row> rows = Scopes.explode(Scopes.withWindow(ctx.fact()
                .withColumn("_seller", concat_ws("\u0001", col(PLATFORM), col(SELLER)))
                .withColumn("_listing", concat_ws("\u0001", col(PLATFORM), col(MARKETPLACE), col(PRODUCT))), ctx.period(), true), true);
        // one aggregation for every figure of every scope and period
        Dataset<Row> sized = rows.groupBy(Scopes.scopeAnd(PERIOD)).agg(
                sum(REVENUE).as(REVENUE),
                sum(UNITS).as(UNITS),
                countDistinct(when(col(UNITS).gt(0), col("_seller"))).as("sellers"),
                countDistinct(when(col(UNITS).gt(0), col("_listing"))).as("products"),
                count(lit(1)).as("rows"));
        Dataset<Row> withOrders = ctx.orders().map(orders -> sized.join(orders(orders, ctx.period()), joinKeys(), "left")
                        .withColumn(ORDERS, coalesce(col(ORDERS), lit(0L))))
                .orElseGet(() -> sized.withColumn(ORDERS, lit(0L)));

        Dataset<Row> monthly = withOrders.filter(col(PERIOD).notEqual(AnalysisPeriod.WINDOW)
                .and(col(PERIOD).notEqual(AnalysisPeriod.PREVIOUS_WINDOW)));
        Dataset<Row> out = withOrders.filter(col(PERIOD).notEqual(AnalysisPeriod.PREVIOUS_WINDOW))
                .join(shifted(monthly, 1, "_mom"), joinKeys(), "left")
                .join(shifted(monthly, 12, "_yoy"), joinKeys(), "left")
                .join(withOrders.filter(col(PERIOD).equalTo(AnalysisPeriod.PREVIOUS_WINDOW))
                        .select(col(PLATFORM), col(MARKETPLACE), col(CATEGORY), lit(AnalysisPeriod.WINDOW).as(PERIOD),
                                col(REVENUE).as("_prev_window")), joinKeys(), "left");
        Column isWindow = col(PERIOD).equalTo(AnalysisPeriod.WINDOW);
        double years = ctx.period().windowMonths() / 12.0;
        return new MetricTable(TABLE, out.select(
                col(PLATFORM), col(MARKETPLACE), col(CATEGORY), col(PERIOD),
                col(REVENUE), col(UNITS), col(ORDERS), col("sellers"), col("products"),
                when(isWindow, lit(null)).otherwise(growth(col(REVENUE), col("_mom"))).cast("double").as("mom_growth"),
                when(isWindow, growth(col(REVENUE), col("_prev_window"))).otherwise(growth(col(REVENUE), col("_yoy")))
                        .cast("double").as("yoy_growth"),
                when(isWindow.and(col("_prev_window").gt(0)),
                        pow(col(REVENUE).divide(col("_prev_window")), 1.0 / years).minus(1)).cast("double").as("cagr"),
                col("rows"),
                when(col(REVENUE).leq(0), lit("no_sales")).otherwise(lit(null).cast("string")).as("status"))
                .orderBy(col(PLATFORM), col(MARKETPLACE), col(CATEGORY), col(PERIOD)));
    }

    /** Distinct orders per scope and period, from the orders of own sales (competitor estimates have no orders). */
    static Dataset<Row> orders(Dataset<Row> orders, AnalysisPeriod period) {
        return Scopes.explode(Scopes.withWindow(orders.withColumn("_order", concat_ws("\u0001", col(PLATFORM), col(ORDER_ID))),
                        period, true), true)
                .groupBy(Scopes.scopeAnd(PERIOD)).agg(countDistinct("_order").as(ORDERS));
    }

    /** Revenue of the month {@code lag} months before, keyed by the later month, in column {@code name}. */
    private static Dataset<Row> shifted(Dataset<Row> monthly, int lag, String name) {
        return monthly.select(col(PLATFORM), col(MARKETPLACE), col(CATEGORY),
                Scopes.shiftMonths(col(PERIOD), lag).as(PERIOD), col(REVENUE).as(name));
    }

    private static String[] joinKeys() {
        return new String[]{PLATFORM, MARKETPLACE, CATEGORY, PERIOD};
    }

    /** current ÷ previous − 1; null when there is no previous or it is 0. */
    static Column growth(Column current, Column previous) {
        return when(previous.isNotNull().and(previous.gt(0)), current.divide(previous).minus(1));
    }
}
