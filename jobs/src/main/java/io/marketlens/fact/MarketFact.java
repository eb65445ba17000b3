package io.marketlens.fact;

import static org.apache.spark.sql.functions.*;

import io.marketlens.tables.Columns;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The market fact (SPEC §3): one row per (platform, marketplace, category, period, product_id, seller_id)
 * and month, with units and revenue in the base currency, from own sales (units = Σ quantity, revenue =
 * Σ unit_price·quantity, cancelled lines excluded) and from competitor snapshots (units = est_units of the
 * month's latest snapshot of the listing, revenue = est_units·price). Where both sources have the same
 * (platform, marketplace, product_id, period), sales win. Each row keeps its {@code source}.
 * The fact covers every month of the data; the metrics read the months up to the analysis's last full month.
 */
public final class MarketFact {

    public static final String SALES = "sales";
    public static final String COMPETITORS = "competitors";

    public static final String PRODUCT = "product_id";
    public static final String SELLER = "seller_id";
    public static final String BRAND = "brand";
    public static final String SOURCE = "source";
    public static final String TITLE = "title";
    public static final String ATTRIBUTES = "attributes";
    public static final String LAUNCH_DATE = "launch_date";
    public static final String RATING = "rating";
    public static final String REVIEWS = "review_count";
    public static final String PRICE = "price";
    public static final String ORDER_ID = "order_id";

    /** Columns of the orders table ({@link #orders}), in order. */
    public static final List<String> ORDER_COLUMNS = List.of(Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.PERIOD, ORDER_ID, Columns.REVENUE);

    /** Columns of the fact, in order. */
    public static final List<String> COLUMNS = List.of(Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.PERIOD, PRODUCT, SELLER, BRAND,
            SOURCE, Columns.UNITS, Columns.REVENUE, Columns.ORDERS, TITLE, ATTRIBUTES, LAUNCH_DATE, RATING, REVIEWS, PRICE);

    private MarketFact() {
    }

    /**
     * The monthly fact from sales and competitor rows (either may be absent), for every month they cover; a month's
     * rows depend on that month's sales and snapshots only, so the fact can be rebuilt a month at a time.
     */
    public static Optional<Dataset<Row>> build(Optional<Dataset<Row>> sales, Optional<Dataset<Row>> competitors,
                                               FactSettings config) {
        return build(sales, competitors, config, java.util.function.UnaryOperator.identity());
    }

    /**
     * As {@link #build(Optional, Optional, FactSettings)}, with the fact's sales rows passed through {@code keep} before
     * they are used: they are read twice (as rows of the fact, and as the listings whose snapshots they replace), and a
     * caller that keeps them (Spark's cache: a few rows per listing and month) reads the sales lines once, not twice.
     */
    public static Optional<Dataset<Row>> build(Optional<Dataset<Row>> sales, Optional<Dataset<Row>> competitors,
                                               FactSettings config, java.util.function.UnaryOperator<Dataset<Row>> keep) {
        List<Dataset<Row>> parts = new ArrayList<>();
        Optional<Dataset<Row>> fromSales = sales.map(s -> keep.apply(fromSales(s, config)));
        fromSales.ifPresent(parts::add);
        competitors.map(MarketFact::fromCompetitors).ifPresent(c -> parts.add(fromSales
                .map(s -> c.join(s.select(Columns.PLATFORM, Columns.MARKETPLACE, PRODUCT, Columns.PERIOD).distinct(),
                        new String[]{Columns.PLATFORM, Columns.MARKETPLACE, PRODUCT, Columns.PERIOD}, "left_anti"))
                .orElse(c)));
        return parts.stream().reduce(Dataset::unionByName);
    }

    /** Sales lines that count as demand, with their month: not cancelled (status compared lower-case; no status counts). */
    public static Dataset<Row> demandLines(Dataset<Row> sales, FactSettings config) {
        Column cancelled = col("status").isin(config.cancelledStatuses().toArray());
        return sales.filter(col("status").isNull().or(not(cancelled)))
                .withColumn(Columns.PERIOD, date_format(col("order_ts"), "yyyy-MM"));
    }

    /**
     * The orders behind the fact: one row per order and (platform, marketplace, category, month) it has demand lines
     * in, with the revenue of those lines — for distinct order counts per scope and each order's revenue.
     */
    public static Dataset<Row> orders(Dataset<Row> sales, FactSettings config) {
        return demandLines(sales, config)
                .groupBy(col(Columns.PLATFORM), col(Columns.MARKETPLACE), col(Columns.CATEGORY), col(Columns.PERIOD), col(ORDER_ID))
                .agg(sum(col("unit_price_base").multiply(col("quantity"))).as(Columns.REVENUE));
    }

    static Dataset<Row> fromSales(Dataset<Row> sales, FactSettings config) {
        return demandLines(sales, config)
                .groupBy(col(Columns.PLATFORM), col(Columns.MARKETPLACE), col(Columns.CATEGORY), col(Columns.PERIOD), col(PRODUCT), col(SELLER))
                .agg(sum("quantity").as(Columns.UNITS),
                        sum(col("unit_price_base").multiply(col("quantity"))).as(Columns.REVENUE),
                        countDistinct(col("order_id")).as(Columns.ORDERS),
                        max(BRAND).as(BRAND),
                        max_by(col(TITLE), col("order_ts")).as(TITLE),
                        min(LAUNCH_DATE).as(LAUNCH_DATE))
                .select(col(Columns.PLATFORM), col(Columns.MARKETPLACE), col(Columns.CATEGORY), col(Columns.PERIOD), col(PRODUCT), col(SELLER), col(BRAND),
                        lit(SALES).as(SOURCE), col(Columns.UNITS), col(Columns.REVENUE), col(Columns.ORDERS), col(TITLE),
                        lit(null).cast("string").as(ATTRIBUTES), col(LAUNCH_DATE),
                        lit(null).cast("double").as(RATING), lit(null).cast("long").as(REVIEWS),
                        col(Columns.REVENUE).divide(col(Columns.UNITS)).as(PRICE));
    }

    static Dataset<Row> fromCompetitors(Dataset<Row> competitors) {
        Column rank = row_number().over(Window.partitionBy(col(Columns.PLATFORM), col(Columns.MARKETPLACE), col(PRODUCT), col(SELLER), col(Columns.PERIOD))
                .orderBy(col("snapshot_date").desc(), col("_batch").desc(), col("_line").desc()));
        return competitors
                .withColumn(Columns.PERIOD, date_format(col("snapshot_date"), "yyyy-MM"))
                .withColumn("_rank", rank)
                .filter(col("_rank").equalTo(1))
                .select(col(Columns.PLATFORM), col(Columns.MARKETPLACE), col(Columns.CATEGORY), col(Columns.PERIOD), col(PRODUCT), col(SELLER), col(BRAND),
                        lit(COMPETITORS).as(SOURCE), col("est_units").as(Columns.UNITS),
                        col("est_units").multiply(col("price_base")).as(Columns.REVENUE), lit(null).cast("long").as(Columns.ORDERS),
                        col(TITLE), col(ATTRIBUTES), col(LAUNCH_DATE), col(RATING), col(REVIEWS), col("price_base").as(PRICE));
    }
}
