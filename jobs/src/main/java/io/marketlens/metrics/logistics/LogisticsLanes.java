package io.marketlens.metrics.logistics;

import static io.marketlens.tables.Columns.PERIOD;
import static org.apache.spark.sql.functions.*;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.metrics.FactCube;
import io.marketlens.metrics.LaneMonthsStore;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.MonthlySeries;
import io.marketlens.metrics.Scopes;
import io.marketlens.metrics.timeseries.Forecaster;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Tables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The logistics tables of T/CCPITCSC 111-2022 Table 1, 1.1.9 供应链数据分析 and 5.13 物流甄选 (SPEC M13):
 * {@code logistics_lanes} (per lane and period, figures by {@link LaneStats}), {@code lane_ranking} (per destination, by
 * {@link LaneRanking}) and {@code logistics_forecast} (monthly shipments per destination, by {@link Forecaster}).
 *
 * <p>Spark selects the shipments of the full months up to the as-of date (the month of ship_ts in the configured
 * time zone; later shipments are left out) and joins each to its order's revenue; the tasks add each shipment to the
 * group of every lane level and period it counts in and send the driver the groups' rows (see {@link Grouped}). Lane
 * levels: (carrier, service, destination_country, destination_region); the same with region
 * {@code ALL}; {@code ALL} carriers and services to a destination country (region {@code ALL}); and all lanes
 * ({@code ALL} in all four). A missing service or region reads {@value #UNKNOWN}, so no shipment is dropped and
 * the region rows of a lane add up to its {@code ALL} row.
 */
public final class LogisticsLanes {

    /** The value of a service or destination region the export left empty. */
    public static final String UNKNOWN = "UNKNOWN";

    private static final String ORDER_REVENUE = "_order_revenue";

    /** Columns of {@code logistics_lanes}, in order. */

    /** Columns of {@code lane_ranking}, in order. */

    /** Columns of {@code logistics_forecast}, in order. */

    private LogisticsLanes() {
    }

    /** The three tables, lanes ranked by {@code weights}, shipments forecast {@code horizon} months ahead. */
    public static List<MetricTable> compute(MetricsContext ctx, LaneRanking.Weights weights, int horizon) {
        if (ctx.shipments().isEmpty()) {
            return List.of();
        }
        AnalysisPeriod period = ctx.period();
        Grouped g = ctx.laneMonths().map(store -> grouped(ctx, store, period))
                .orElseGet(() -> Grouped.of(shipments(ctx.shipments().get(), ctx.shippedOrders(), period), period, Grouped.PARTITIONS));
        return List.of(
                MetricTable.local(ctx.spark(), Tables.LOGISTICS_LANES, g.lanes()),
                MetricTable.local(ctx.spark(), Tables.LANE_RANKING, ranking(g.lanes(), weights)),
                MetricTable.local(ctx.spark(), Tables.LOGISTICS_FORECAST, forecast(g.perCountry(), period, horizon)));
    }

    /**
     * The lanes with the monthly rows of the months the store's plan ({@link MetricsContext#lanePlan}) says may have
     * changed grouped again, with the window's, and the other months' rows kept from its copy; the copy is then written
     * for the next run (a note says how).
     */
    private static Grouped grouped(MetricsContext ctx, LaneMonthsStore store, AnalysisPeriod period) {
        LaneMonthsStore.Plan plan = ctx.lanePlan().orElseThrow();
        Dataset<Row> needed = plan.needed(ctx.shipments().get(), period);
        List<Row> rows = new ArrayList<>(Grouped.rows(shipments(needed, ctx.shippedOrders(), period), period,
                Grouped.PARTITIONS, plan.months()));
        rows.addAll(plan.kept());
        ctx.notice(Tables.LOGISTICS_LANES.name() + ": " + plan.how() + store.save(rows, plan.now()));
        return Grouped.of(rows);
    }

    /** The columns of the rows {@link LaneMonthsStore} keeps: those of {@code logistics_lanes}, then the lane level. */
    public static StructType groupSchema() {
        return Grouped.schema();
    }

    /**
     * One row per shipment of a full month up to the as-of date: lane columns, period, status, timestamps in
     * microseconds, cost in the base currency, weight, order id, the order's revenue (Σ unit_price_base × quantity over
     * its demand lines, from {@code MarketFact.orders}; null without sales or without a matching order) and the
     * shipment id. The own store's table ({@code metrics.own}) reads its shipments and lanes from it too, so that both
     * place a shipment in the same month and leave out the same ones.
     */
    public static Dataset<Row> shipments(Dataset<Row> warehouse, Optional<Dataset<Row>> orders, AnalysisPeriod period) {
        // the last full month ends on or before the as-of date, so this also leaves out shipments after it
        Dataset<Row> s = warehouse.withColumn(PERIOD, date_format(col("ship_ts"), "yyyy-MM"))
                .filter(col(PERIOD).leq(period.lastPeriod()));
        Dataset<Row> withRevenue = orders
                // the orders come partitioned by order id: their revenue is summed without a shuffle, and a hash of it
                // per partition joins the shipments (sorting both sides for a merge join costs more)
                .map(o -> s.join(o.groupBy(col("order_id")).agg(sum(col("revenue")).as(ORDER_REVENUE)).hint("shuffle_hash"),
                        "order_id", "left"))
                .orElseGet(() -> s.withColumn(ORDER_REVENUE, lit(null).cast(DataTypes.DoubleType)));
        return withRevenue.select(col(Columns.CARRIER), coalesce(col(Columns.SERVICE), lit(UNKNOWN)).as(Columns.SERVICE), col(Columns.DESTINATION_COUNTRY),
                coalesce(col(Columns.DESTINATION_REGION), lit(UNKNOWN)).as(Columns.DESTINATION_REGION), col(PERIOD), col("status"),
                unix_micros(col("ship_ts")).as("_ship"), unix_micros(col("delivered_ts")).as("_delivered"),
                unix_micros(col("promised_ts")).as("_promised"), col("cost_base"),
                col("weight_kg").cast(DataTypes.DoubleType).as("weight_kg"), col("order_id"), col(ORDER_REVENUE),
                col("shipment_id"));
    }

    /** The shipment of a row of {@link #shipments}, as {@link LaneStats} reads it. */
    public static LaneStats.Shipment shipment(Row r) {
        return shipment(r, r.getString(5), -1);
    }

    /** As {@link #shipment(Row)}, with the status text given and the order's number. */
    private static LaneStats.Shipment shipment(Row r, String status, int orderNumber) {
        return new LaneStats.Shipment(status, r.getLong(6), boxedLong(r, 7), boxedLong(r, 8), boxedDouble(r, 9),
                boxedDouble(r, 10), r.getString(11), boxedDouble(r, 12), orderNumber);
    }

    /** The lane levels: which of (carrier, service, country, region) a level keeps; the others read {@code ALL}. */
    private static final boolean[][] LEVELS = {
            {true, true, true, true}, {true, true, true, false}, {false, false, true, false}, {false, false, false, false}};

    /**
     * The {@code logistics_lanes} rows computed where the shipments are, in one Spark job: each shipment goes to the
     * group of its month (all four lane levels of that month) and, when its month is in the window, to the group of its
     * destination country (the window's rows of the three levels that keep the country) and to the group of all
     * shipments (the window's all-lanes row). The groups are spread over partitions, and a task adds each shipment to
     * the {@link LaneStats} of its group's lanes as it comes: their figures do not depend on the order of the shipments
     * (every sum is exact, see {@link ExactSum}), so no sort is needed and every figure is the same however many
     * partitions there are and however the table is stored. The driver receives the rows only: no shipment.
     */
    static final class Grouped {
        /** Partitions the groups (months, destination countries, all) are spread over. */
        static final int PARTITIONS = 16;

        private static final String KIND = "_kind";
        private static final String KEY = "_key";
        /**
         * Index of the group's kind in a tagged row, its key the next: after the first 13 columns of {@link #shipments}
         * (all but the shipment id, which no figure reads).
         */
        private static final int KIND_INDEX = 13;
        private static final int MONTH = 0;
        private static final int COUNTRY = 1;
        private static final int ALL_LANES = 2;
        /** The lane levels each kind of group computes. */
        private static final int[][] KIND_LEVELS = {{0, 1, 2, 3}, {0, 1, 2}, {3}};

        private final List<Row> lanes;
        private final Map<String, Map<String, Long>> perCountry;

        private Grouped(List<Row> lanes, Map<String, Map<String, Long>> perCountry) {
            this.lanes = lanes;
            this.perCountry = perCountry;
        }

        /** The rows of {@code shipments} (as {@link #shipments} gives them) computed in {@code partitions} partitions. */
        static Grouped of(Dataset<Row> shipments, AnalysisPeriod period, int partitions) {
            return of(rows(shipments, period, partitions, null));
        }

        /** The columns of the groups' rows: those of {@code logistics_lanes}, then the lane level. */
        static StructType schema() {
            return io.marketlens.spark.TableSchemas.struct(Tables.LOGISTICS_LANES).add(LEVEL, DataTypes.IntegerType, false);
        }

        /**
         * The rows (with their level) of the groups of the window and of {@code months} (null: every month), from the
         * rows of {@code shipments}, in {@code partitions} partitions; the shipments of other months are left out.
         */
        static List<Row> rows(Dataset<Row> shipments, AnalysisPeriod period, int partitions, java.util.Set<String> months) {
            Column inWindow = col(PERIOD).geq(period.firstWindowPeriod()).and(col(PERIOD).leq(period.lastPeriod()));
            Column month = struct(lit(MONTH).as(KIND), col(PERIOD).as(KEY));
            Column country = struct(lit(COUNTRY).as(KIND), col(Columns.DESTINATION_COUNTRY).as(KEY));
            Column all = struct(lit(ALL_LANES).as(KIND), lit(null).cast(DataTypes.StringType).as(KEY));
            Column groups;
            Dataset<Row> input = shipments;
            if (months == null) {
                groups = when(inWindow, array(month, country, all)).otherwise(array(month));
            } else {
                Column wanted = col(PERIOD).isin(months.toArray());
                groups = when(inWindow, when(wanted, array(month, country, all)).otherwise(array(country, all))).otherwise(array(month));
                input = shipments.filter(inWindow.or(wanted));
            }
            Dataset<Row> tagged = input.withColumn("_group", explode(groups))
                    .select(java.util.stream.Stream.concat(Arrays.stream(shipments.columns()).filter(c -> !c.equals("shipment_id")).map(c -> col(c)),
                            java.util.stream.Stream.of(col("_group." + KIND).as(KIND), col("_group." + KEY).as(KEY)))
                            .toArray(Column[]::new));
            return tagged.repartition(partitions, col(KIND), col(KEY))
                    .mapPartitions((MapPartitionsFunction<Row, Row>) Grouped::groupRows, Encoders.row(schema()))
                    .collectAsList();
        }

        /** The lanes and the shipments per country and month from the rows of the groups (with their level). */
        static Grouped of(List<Row> withLevel) {
            List<Row> lanes = new ArrayList<>(withLevel.size());
            Map<String, Map<String, Long>> perCountry = new java.util.TreeMap<>(FactCube::compareText);
            for (Row r : withLevel) {
                Object[] values = new Object[r.length() - 1];
                for (int i = 0; i < values.length; i++) {
                    values[i] = r.get(i);
                }
                lanes.add(RowFactory.create(values));
                int level = r.getInt(r.length() - 1);
                String rowPeriod = r.getString(4);
                if (!AnalysisPeriod.WINDOW.equals(rowPeriod) && (level == 2 || level == 3)) {
                    // a month's shipments to a country (level 2) and to all (level 3)
                    perCountry.computeIfAbsent(level == 2 ? r.getString(2) : Scopes.ALL, k -> new java.util.TreeMap<>())
                            .merge(rowPeriod, r.getLong(5), Long::sum);
                }
            }
            lanes.sort(byColumns(0, 1, 2, 3, 4));
            return new Grouped(lanes, perCountry);
        }

        /**
         * One partition's groups, its rows in any order: each row added to the {@link LaneStats} of its group's levels
         * as it comes, and every group turned into rows at the end.
         */
        static Iterator<Row> groupRows(Iterator<Row> rows) {
            Map<List<Object>, Group> groups = new HashMap<>();
            Group g = null;
            while (rows.hasNext()) {
                Row r = rows.next();
                int kind = r.getInt(KIND_INDEX);
                String key = r.isNullAt(KIND_INDEX + 1) ? null : r.getString(KIND_INDEX + 1);
                if (g == null || g.kind != kind || !java.util.Objects.equals(g.key, key)) {
                    g = groups.computeIfAbsent(Arrays.<Object>asList(kind, key), k -> new Group(kind, key));
                }
                g.add(r);
            }
            List<Row> out = new ArrayList<>();
            groups.values().forEach(x -> x.close(out));
            return out.iterator();
        }

        /** The groups of one kind and key: one {@link LaneStats} per lane at each of its levels. */
        private static final class Group {
            final int kind;
            final String key;
            private final String period;
            private final int[] levels;
            private final Map<List<String>, LaneStats> stats = new HashMap<>();
            private final Map<List<String>, Integer> levelOf = new HashMap<>();
            /** The groups of each lane seen, looked up once per shipment rather than once per level. */
            private final Map<List<String>, LaneStats[]> byLane = new HashMap<>();
            private final LaneStats.OrderNumbers orderNumbers = new LaneStats.OrderNumbers();

            Group(int kind, String key) {
                this.kind = kind;
                this.key = key;
                this.period = kind == MONTH ? key : AnalysisPeriod.WINDOW;
                this.levels = KIND_LEVELS[kind];
            }

            void add(Row r) {
                String[] lane = {r.getString(0), r.getString(1), r.getString(2), r.getString(3)};
                LaneStats.Shipment s = shipment(r, r.getString(5), orderNumbers.of(r.getString(11)));
                for (LaneStats g : byLane.computeIfAbsent(Arrays.asList(lane), k -> {
                    LaneStats[] gs = new LaneStats[levels.length];
                    for (int l = 0; l < levels.length; l++) {
                        List<String> groupKey = key(lane, LEVELS[levels[l]], period);
                        levelOf.putIfAbsent(groupKey, levels[l]);
                        gs[l] = stats.computeIfAbsent(groupKey, x -> new LaneStats());
                    }
                    return gs;
                })) {
                    g.add(s);
                }
            }

            void close(List<Row> out) {
                stats.forEach((k, st) -> {
                    LaneStats.Figures f = st.figures();
                    out.add(RowFactory.create(k.get(0), k.get(1), k.get(2), k.get(3), k.get(4), f.shipments(),
                            f.delivered(), f.returned(), f.lost(), f.inTransit(), f.deliveredRate(), f.returnedRate(),
                            f.lostRate(), f.leadTimeP50(), f.leadTimeP90(), f.leadTimeMean(), f.onTimeRate(),
                            f.costPerShipment(), f.costPerKg(), f.costShare(), f.costed(), f.weighed(), f.promised(),
                            f.matchedOrders(), f.shipments(), f.status(), levelOf.get(k)));
                });
            }
        }

        /** A group's key: the lane at a level ({@code ALL} for the columns it leaves out) and the period. */
        private static List<String> key(String[] lane, boolean[] level, String period) {
            List<String> key = new ArrayList<>(5);
            for (int c = 0; c < 4; c++) {
                key.add(level[c] ? lane[c] : Scopes.ALL);
            }
            key.add(period);
            return key;
        }

        /** The {@code logistics_lanes} rows: each lane level per month and over the window, ordered by carrier, service, country, region and period. */
        List<Row> lanes() {
            return lanes;
        }

        /** Shipments per destination country (and {@code ALL}) and month. */
        Map<String, Map<String, Long>> perCountry() {
            return perCountry;
        }
    }

    /** Column of a group's row giving its lane level (0: the lane; 3: all lanes), dropped from the table. */
    private static final String LEVEL = "_level";

    /** Rows by the text of the given string columns, as Spark orders strings (nulls first). */
    private static Comparator<Row> byColumns(int... columns) {
        return (a, b) -> {
            for (int c : columns) {
                String x = a.getString(c);
                String y = b.getString(c);
                int d = x == null ? (y == null ? 0 : -1) : y == null ? 1 : FactCube.compareText(x, y);
                if (d != 0) {
                    return d;
                }
            }
            return 0;
        };
    }

    /**
     * The {@code lane_ranking} rows: the window rows of each (carrier, service) to a country (region {@code ALL}), ranked
     * per country; ordered by country, rank (unranked last), carrier and service.
     */
    static List<Row> ranking(List<Row> lanes, LaneRanking.Weights weights) {
        Map<String, List<LaneRanking.Lane>> byCountry = new java.util.TreeMap<>(FactCube::compareText);
        for (Row r : lanes) {
            if (AnalysisPeriod.WINDOW.equals(r.getString(4)) && !Scopes.ALL.equals(r.getString(0))
                    && Scopes.ALL.equals(r.getString(3))) {
                byCountry.computeIfAbsent(r.getString(2), k -> new ArrayList<>()).add(new LaneRanking.Lane(
                        r.getString(0), r.getString(1), r.getLong(5), r.getLong(6), r.getLong(7), r.getLong(8),
                        boxedDouble(r, 13), boxedDouble(r, 16), boxedDouble(r, 18)));
            }
        }
        List<Row> out = new ArrayList<>();
        for (Map.Entry<String, List<LaneRanking.Lane>> e : byCountry.entrySet()) {
            List<Row> country = new ArrayList<>();
            rank(e.getKey(), e.getValue().iterator(), weights).forEachRemaining(country::add);
            country.sort((a, b) -> {
                Integer x = a.isNullAt(3) ? null : a.getInt(3);
                Integer y = b.isNullAt(3) ? null : b.getInt(3);
                int d = x == null ? (y == null ? 0 : 1) : y == null ? -1 : Integer.compare(x, y);
                return d != 0 ? d : byColumns(1, 2).compare(a, b);
            });
            out.addAll(country);
        }
        return out;
    }

    static Iterator<Row> rank(String country, Iterator<LaneRanking.Lane> lanes, LaneRanking.Weights weights) {
        List<LaneRanking.Lane> list = new ArrayList<>();
        lanes.forEachRemaining(list::add);
        List<Row> out = new ArrayList<>();
        for (LaneRanking.Ranked x : LaneRanking.rank(list, weights)) {
            LaneRanking.Lane l = x.lane();
            out.add(RowFactory.create(country, l.carrier(), l.service(), x.rank(), x.score(), x.speedScore(),
                    x.reliabilityScore(), x.costScore(), l.leadTimeP50(), l.onTimeRate(), (double) l.delivered() / l.shipments(),
                    l.costPerKg(), l.shipments(), l.shipments(), x.status()));
        }
        return out.iterator();
    }

    /** The {@code logistics_forecast} rows: monthly shipments per destination country and for all, forecast per series. */
    static List<Row> forecast(Map<String, Map<String, Long>> perCountry, AnalysisPeriod period, int horizon) {
        List<Row> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> e : perCountry.entrySet()) {
            List<Row> months = new ArrayList<>();
            e.getValue().forEach((month, n) -> months.add(RowFactory.create(month, (double) n, n)));
            out.addAll(forecastRows(e.getKey(), months.iterator(), period.lastPeriod(), horizon));
        }
        return out;
    }

    static List<Row> forecastRows(String country, Iterator<Row> months, String lastPeriod, int horizon) {
        MonthlySeries series = MonthlySeries.of(months, lastPeriod, 0);
        Forecaster.Forecast f = Forecaster.forecast(series.values(), series.first().getMonthValue(), horizon, null);
        int n = series.values().length;
        List<Row> out = new ArrayList<>();
        for (int h = 0; h < f.point().length; h++) {
            out.add(RowFactory.create(country, series.period(n + h), f.point()[h], f.lower()[h], f.upper()[h], f.level(),
                    f.model(), h + 1, n, series.rows(), f.status()));
        }
        return out;
    }

    private static Long boxedLong(Row r, int i) {
        return r.isNullAt(i) ? null : r.getLong(i);
    }

    private static Double boxedDouble(Row r, int i) {
        return r.isNullAt(i) ? null : r.getDouble(i);
    }
}
