package io.marketlens.metrics.logistics;

import static io.marketlens.fact.MarketFact.PERIOD;
import static org.apache.spark.sql.functions.*;

import io.marketlens.metrics.AnalysisPeriod;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.MonthlySeries;
import io.marketlens.metrics.Scopes;
import io.marketlens.metrics.timeseries.Forecaster;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The logistics tables of T/CCPITCSC 111-2022 Table 1, 1.1.9 供应链数据分析 and 5.13 物流甄选 (SPEC M13):
 * {@value #LANES} (per lane and period, figures by {@link LaneStats}), {@value #RANKING} (per destination, by
 * {@link LaneRanking}) and {@value #FORECAST} (monthly shipments per destination, by {@link Forecaster}).
 *
 * <p>Spark selects the shipments of the full months up to the as-of date (the month of ship_ts in the configured
 * time zone; later shipments are left out), joins each to its order's revenue, writes each shipment once per
 * lane level and period it counts in, and groups; the figures of a group are computed on the executors from its
 * shipments. Lane levels: (carrier, service, destination_country, destination_region); the same with region
 * {@code ALL}; {@code ALL} carriers and services to a destination country (region {@code ALL}); and all lanes
 * ({@code ALL} in all four). A missing service or region reads {@value #UNKNOWN}, so no shipment is dropped and
 * the region rows of a lane add up to its {@code ALL} row.
 */
public final class LogisticsLanes {

    public static final String LANES = "logistics_lanes";
    public static final String RANKING = "lane_ranking";
    public static final String FORECAST = "logistics_forecast";

    /** The value of a service or destination region the export left empty. */
    public static final String UNKNOWN = "UNKNOWN";

    public static final String CARRIER = "carrier";
    public static final String SERVICE = "service";
    public static final String COUNTRY = "destination_country";
    public static final String REGION = "destination_region";
    private static final String ORDER_REVENUE = "_order_revenue";
    private static final String KEY_SEPARATOR = "\u0001";

    /** Columns of {@value #LANES}, in order. */
    static final StructType LANE_SCHEMA = new StructType()
            .add(CARRIER, DataTypes.StringType).add(SERVICE, DataTypes.StringType)
            .add(COUNTRY, DataTypes.StringType).add(REGION, DataTypes.StringType).add(PERIOD, DataTypes.StringType)
            .add("shipments", DataTypes.LongType).add("delivered", DataTypes.LongType).add("returned", DataTypes.LongType)
            .add("lost", DataTypes.LongType).add("in_transit", DataTypes.LongType)
            .add("delivered_rate", DataTypes.DoubleType).add("returned_rate", DataTypes.DoubleType)
            .add("lost_rate", DataTypes.DoubleType)
            .add("lead_time_p50", DataTypes.DoubleType).add("lead_time_p90", DataTypes.DoubleType)
            .add("lead_time_mean", DataTypes.DoubleType).add("on_time_rate", DataTypes.DoubleType)
            .add("cost_per_shipment", DataTypes.DoubleType).add("cost_per_kg", DataTypes.DoubleType)
            .add("cost_share", DataTypes.DoubleType)
            .add("costed_shipments", DataTypes.LongType).add("weighed_shipments", DataTypes.LongType)
            .add("promised_shipments", DataTypes.LongType).add("matched_orders", DataTypes.LongType)
            .add("rows", DataTypes.LongType).add("status", DataTypes.StringType);

    /** Columns of {@value #RANKING}, in order. */
    static final StructType RANKING_SCHEMA = new StructType()
            .add(COUNTRY, DataTypes.StringType).add(CARRIER, DataTypes.StringType).add(SERVICE, DataTypes.StringType)
            .add("rank", DataTypes.IntegerType).add("score", DataTypes.DoubleType)
            .add("speed_score", DataTypes.DoubleType).add("reliability_score", DataTypes.DoubleType)
            .add("cost_score", DataTypes.DoubleType).add("lead_time_p50", DataTypes.DoubleType)
            .add("on_time_rate", DataTypes.DoubleType).add("delivered_rate", DataTypes.DoubleType)
            .add("cost_per_kg", DataTypes.DoubleType).add("shipments", DataTypes.LongType)
            .add("rows", DataTypes.LongType).add("status", DataTypes.StringType);

    /** Columns of {@value #FORECAST}, in order. */
    static final StructType FORECAST_SCHEMA = new StructType()
            .add(COUNTRY, DataTypes.StringType).add(PERIOD, DataTypes.StringType)
            .add("forecast", DataTypes.DoubleType).add("lower", DataTypes.DoubleType).add("upper", DataTypes.DoubleType)
            .add("interval_level", DataTypes.DoubleType).add("model", DataTypes.StringType)
            .add("horizon_step", DataTypes.IntegerType).add("months", DataTypes.IntegerType)
            .add("rows", DataTypes.LongType).add("status", DataTypes.StringType);

    private LogisticsLanes() {
    }

    /** The three tables; none when the warehouse has no shipments. */
    public static List<MetricTable> compute(MetricsContext ctx) {
        if (ctx.shipments().isEmpty()) {
            return List.of();
        }
        AnalysisPeriod period = ctx.period();
        Dataset<Row> shipments = shipments(ctx.shipments().get(), ctx.orders(), period);
        Dataset<Row> lanes = lanes(shipments, period).persist(StorageLevel.MEMORY_AND_DISK());
        ctx.release(lanes);
        LaneRanking.Weights weights = ctx.config().metrics().laneRanking().weights();
        return List.of(
                new MetricTable(LANES, lanes.orderBy(col(CARRIER), col(SERVICE), col(COUNTRY), col(REGION), col(PERIOD))),
                new MetricTable(RANKING, ranking(lanes, weights)
                        .orderBy(col(COUNTRY), col("rank").asc_nulls_last(), col(CARRIER), col(SERVICE))),
                new MetricTable(FORECAST, forecast(shipments, period, ctx.config().metrics().forecastHorizon())
                        .orderBy(col(COUNTRY), col(PERIOD))));
    }

    /**
     * One row per shipment of a full month up to the as-of date: lane columns, period, status, timestamps in
     * microseconds, cost in the base currency, weight, order id and the order's revenue (Σ unit_price_base ×
     * quantity over its demand lines, from {@code MarketFact.orders}; null without sales or without a matching order).
     */
    static Dataset<Row> shipments(Dataset<Row> warehouse, Optional<Dataset<Row>> orders, AnalysisPeriod period) {
        // the last full month ends on or before the as-of date, so this also leaves out shipments after it
        Dataset<Row> s = warehouse.withColumn(PERIOD, date_format(col("ship_ts"), "yyyy-MM"))
                .filter(col(PERIOD).leq(period.lastPeriod()));
        Dataset<Row> withRevenue = orders
                .map(o -> s.join(o.groupBy(col("order_id")).agg(sum(col("revenue")).as(ORDER_REVENUE)), "order_id", "left"))
                .orElseGet(() -> s.withColumn(ORDER_REVENUE, lit(null).cast(DataTypes.DoubleType)));
        return withRevenue.select(col(CARRIER), coalesce(col(SERVICE), lit(UNKNOWN)).as(SERVICE), col(COUNTRY),
                coalesce(col(REGION), lit(UNKNOWN)).as(REGION), col(PERIOD), col("status"),
                unix_micros(col("ship_ts")).as("_ship"), unix_micros(col("delivered_ts")).as("_delivered"),
                unix_micros(col("promised_ts")).as("_promised"), col("cost_base"),
                col("weight_kg").cast(DataTypes.DoubleType).as("weight_kg"), col("order_id"), col(ORDER_REVENUE));
    }

    /** The {@value #LANES} rows: each shipment once per lane level and period, grouped, figures per group. */
    static Dataset<Row> lanes(Dataset<Row> shipments, AnalysisPeriod period) {
        Column all = lit(Scopes.ALL);
        Column[] levels = {
                struct(col(CARRIER).as("c"), col(SERVICE).as("s"), col(COUNTRY).as("d"), col(REGION).as("r")),
                struct(col(CARRIER).as("c"), col(SERVICE).as("s"), col(COUNTRY).as("d"), all.as("r")),
                struct(all.as("c"), all.as("s"), col(COUNTRY).as("d"), all.as("r")),
                struct(all.as("c"), all.as("s"), all.as("d"), all.as("r"))};
        Dataset<Row> exploded = Scopes.withWindow(shipments, period, false)
                .withColumn("_lane", explode(array(levels)))
                .select(col("_lane.c").as(CARRIER), col("_lane.s").as(SERVICE), col("_lane.d").as(COUNTRY),
                        col("_lane.r").as(REGION), col(PERIOD), col("status"), col("_ship"), col("_delivered"),
                        col("_promised"), col("cost_base"), col("weight_kg"), col("order_id"), col(ORDER_REVENUE));
        return exploded
                .groupByKey((MapFunction<Row, String>) r -> String.join(KEY_SEPARATOR, r.getString(0), r.getString(1),
                        r.getString(2), r.getString(3), r.getString(4)), Encoders.STRING())
                .mapGroups((MapGroupsFunction<String, Row, Row>) (key, rows) -> lane(key, rows), Encoders.row(LANE_SCHEMA));
    }

    /** One lane and period's row from its shipments (rows as {@link #lanes} selects them). */
    static Row lane(String key, Iterator<Row> rows) {
        String[] k = key.split(KEY_SEPARATOR, -1);
        LaneStats stats = new LaneStats();
        while (rows.hasNext()) {
            Row r = rows.next();
            stats.add(new LaneStats.Shipment(r.getString(5), r.getLong(6), boxedLong(r, 7), boxedLong(r, 8),
                    boxedDouble(r, 9), boxedDouble(r, 10), r.getString(11), boxedDouble(r, 12)));
        }
        LaneStats.Figures f = stats.figures();
        return RowFactory.create(k[0], k[1], k[2], k[3], k[4], f.shipments(), f.delivered(), f.returned(), f.lost(),
                f.inTransit(), f.deliveredRate(), f.returnedRate(), f.lostRate(), f.leadTimeP50(), f.leadTimeP90(),
                f.leadTimeMean(), f.onTimeRate(), f.costPerShipment(), f.costPerKg(), f.costShare(), f.costed(),
                f.weighed(), f.promised(), f.matchedOrders(), f.shipments(), f.status());
    }

    /** The {@value #RANKING} rows: the window rows of each (carrier, service) to a country, ranked per country. */
    static Dataset<Row> ranking(Dataset<Row> lanes, LaneRanking.Weights weights) {
        return lanes.filter(col(PERIOD).equalTo(AnalysisPeriod.WINDOW).and(col(CARRIER).notEqual(Scopes.ALL))
                        .and(col(REGION).equalTo(Scopes.ALL)))
                .select(col(COUNTRY), col(CARRIER), col(SERVICE), col("shipments"), col("delivered"), col("returned"),
                        col("lost"), col("lead_time_p50"), col("on_time_rate"), col("cost_per_kg"))
                .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
                .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (country, rows) -> rank(country, rows, weights),
                        Encoders.row(RANKING_SCHEMA));
    }

    static Iterator<Row> rank(String country, Iterator<Row> rows, LaneRanking.Weights weights) {
        List<LaneRanking.Lane> lanes = new ArrayList<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            lanes.add(new LaneRanking.Lane(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4), r.getLong(5),
                    r.getLong(6), boxedDouble(r, 7), boxedDouble(r, 8), boxedDouble(r, 9)));
        }
        List<Row> out = new ArrayList<>();
        for (LaneRanking.Ranked x : LaneRanking.rank(lanes, weights)) {
            LaneRanking.Lane l = x.lane();
            out.add(RowFactory.create(country, l.carrier(), l.service(), x.rank(), x.score(), x.speedScore(),
                    x.reliabilityScore(), x.costScore(), l.leadTimeP50(), l.onTimeRate(), (double) l.delivered() / l.shipments(),
                    l.costPerKg(), l.shipments(), l.shipments(), x.status()));
        }
        return out.iterator();
    }

    /** The {@value #FORECAST} rows: monthly shipments per destination country and for all, forecast per series. */
    static Dataset<Row> forecast(Dataset<Row> shipments, AnalysisPeriod period, int horizon) {
        String lastPeriod = period.lastPeriod();
        return shipments.withColumn(COUNTRY, explode(array(col(COUNTRY), lit(Scopes.ALL))))
                .groupBy(col(COUNTRY), col(PERIOD))
                .agg(count(lit(1)).cast(DataTypes.DoubleType).as("shipments"), count(lit(1)).as("rows"))
                .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
                .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (country, months) ->
                        forecastRows(country, months, lastPeriod, horizon), Encoders.row(FORECAST_SCHEMA));
    }

    static Iterator<Row> forecastRows(String country, Iterator<Row> months, String lastPeriod, int horizon) {
        MonthlySeries series = MonthlySeries.of(months, lastPeriod, 1);
        Forecaster.Forecast f = Forecaster.forecast(series.values(), series.first().getMonthValue(), horizon, null);
        int n = series.values().length;
        List<Row> out = new ArrayList<>();
        for (int h = 0; h < f.point().length; h++) {
            out.add(RowFactory.create(country, series.period(n + h), f.point()[h], f.lower()[h], f.upper()[h], f.level(),
                    f.model(), h + 1, n, series.rows(), f.status()));
        }
        return out.iterator();
    }

    private static Long boxedLong(Row r, int i) {
        return r.isNullAt(i) ? null : r.getLong(i);
    }

    private static Double boxedDouble(Row r, int i) {
        return r.isNullAt(i) ? null : r.getDouble(i);
    }
}
