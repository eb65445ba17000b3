package io.marketlens.metrics.logistics;

import static io.marketlens.tables.Columns.PERIOD;
import static org.apache.spark.sql.functions.*;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.metrics.FactCube;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;

/**
 * The logistics tables of T/CCPITCSC 111-2022 Table 1, 1.1.9 供应链数据分析 and 5.13 物流甄选 (SPEC M13):
 * {@code logistics_lanes} (per lane and period, figures by {@link LaneStats}), {@code lane_ranking} (per destination, by
 * {@link LaneRanking}) and {@code logistics_forecast} (monthly shipments per destination, by {@link Forecaster}).
 *
 * <p>Spark selects the shipments of the full months up to the as-of date (the month of ship_ts in the configured
 * time zone; later shipments are left out) and joins each to its order's revenue; the driver reads them at once when
 * few, else streamed a partition of whole months at a time, and adds each shipment to the group of every lane level
 * and period it counts in (see {@link Accumulated}): it holds one partition's rows and the window's shipments, not the
 * whole table. Lane levels: (carrier, service, destination_country, destination_region); the same with region
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

    /** The three tables; none when the warehouse has no shipments. */
    /** The three tables, lanes ranked by {@code weights}, shipments forecast {@code horizon} months ahead. */
    public static List<MetricTable> compute(MetricsContext ctx, LaneRanking.Weights weights, int horizon) {
        if (ctx.shipments().isEmpty()) {
            return List.of();
        }
        AnalysisPeriod period = ctx.period();
        Dataset<Row> joined = shipments(ctx.shipments().get(), ctx.orders(), period);
        Accumulated s;
        if (ctx.shipments().get().count() <= Accumulated.AT_ONCE_ROWS) {
            // few enough to read at once (the stored count comes from the files' metadata): one join, one chunk
            s = Accumulated.of(joined.collectAsList(), period);
        } else {
            // one pass: the join is computed once and streamed to the driver a partition (a few whole months) at a time
            s = Accumulated.of(joined, period);
        }
        List<Row> lanes = s.lanes();
        return List.of(
                MetricTable.local(ctx.spark(), Tables.LOGISTICS_LANES, lanes),
                MetricTable.local(ctx.spark(), Tables.LANE_RANKING, ranking(lanes, weights)),
                MetricTable.local(ctx.spark(), Tables.LOGISTICS_FORECAST,
                        forecast(s, period, horizon)));
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
     * The shipments read onto the driver whole months at a time and added to the {@link LaneStats} of every group they
     * count in: each lane level of their month, and of the window when their month is in it. A month's groups are
     * turned into rows as soon as the month is done, so the driver holds one partition's rows, the window's shipments
     * and the finished rows — not all shipments. A month's shipments are added by shipment id, and the window's groups
     * take theirs at the end, by month and shipment id: every group adds the same numbers in the same order however
     * the table is stored and in whatever order the months arrive.
     */
    static final class Accumulated {
        /** Shipments read onto the driver at once up to this many; more are streamed by partition. */
        static final long AT_ONCE_ROWS = 400_000;

        private final String firstWindow;
        private final String last;
        /** One copy of each lane, month and status text. */
        private final Map<String, String> texts = new HashMap<>();
        private final Map<List<String>, LaneStats> months = new HashMap<>();
        private final Map<List<String>, LaneStats> window = new HashMap<>();
        /** The window's shipments by month, added to {@link #window} when all months are in. */
        private final Map<String, List<LaneShipment>> windowShipments = new java.util.TreeMap<>();
        /** The groups of the open months per lane and month: one per lane level. */
        private final Map<LaneMonth, LaneStats[]> monthLanes = new HashMap<>();
        /** Numbers for the shipments' order ids, shared by all groups. */
        private final LaneStats.OrderNumbers orderNumbers = new LaneStats.OrderNumbers();
        /** The {@code logistics_lanes} rows of the groups closed so far. */
        private final List<Row> rows = new ArrayList<>();
        /** Shipments per destination country (and {@code ALL}) and month. */
        final Map<String, Map<String, Long>> perCountry = new java.util.TreeMap<>(FactCube::compareText);

        private Accumulated(AnalysisPeriod period) {
            this.firstWindow = period.firstWindowPeriod();
            this.last = period.lastPeriod();
        }

        private String text(String t) {
            return t == null ? null : texts.computeIfAbsent(t, x -> x);
        }

        /** Partitions the shipments are streamed in: a month's shipments are all in one of them. */
        static final int PARTITIONS = 16;

        /**
         * The shipments streamed to the driver one partition at a time ({@link #PARTITIONS} partitions by month, each
         * ordered by month and shipment id), each month added as it ends: the driver holds one partition's rows at a
         * time, and the query runs once. Months come in the order of their partitions (which the month alone decides),
         * so the groups of the window add their shipments in an order set by the months and ids only.
         */
        static Accumulated of(Dataset<Row> shipments, AnalysisPeriod period) {
            return of(shipments, period, PARTITIONS);
        }

        /** As {@link #of(Dataset, AnalysisPeriod)}, in {@code partitions} partitions. */
        static Accumulated of(Dataset<Row> shipments, AnalysisPeriod period, int partitions) {
            Accumulated a = new Accumulated(period);
            java.util.Iterator<Row> it = shipments.repartition(partitions, col(PERIOD))
                    .sortWithinPartitions(col(PERIOD), col("shipment_id")).toLocalIterator();
            List<Row> month = new ArrayList<>();
            String current = null;
            while (it.hasNext()) {
                Row r = it.next();
                String m = r.getString(4);
                if (current != null && !m.equals(current)) {
                    a.addChunk(month);
                    month = new ArrayList<>();
                }
                current = m;
                month.add(r);
            }
            if (!month.isEmpty()) {
                a.addChunk(month);
            }
            a.closeWindow();
            return a;
        }

        /** The shipments already on the driver, as one chunk. */
        static Accumulated of(List<Row> shipments, AnalysisPeriod period) {
            Accumulated a = new Accumulated(period);
            a.addChunk(shipments);
            a.closeWindow();
            return a;
        }

        /**
         * Adds a chunk of whole months, by month and shipment id, then closes its months' groups: every group adds its
         * shipments in the same order however the table is stored and however many months a chunk holds.
         */
        private void addChunk(List<Row> chunk) {
            // the sort keys read once per row (a Row's typed getter is slow in a comparator called n·log n times)
            int n = chunk.size();
            String[] month = new String[n];
            String[] id = new String[n];
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                month[i] = chunk.get(i).getString(4);
                id[i] = chunk.get(i).getString(13);
                order[i] = i;
            }
            boolean sorted = true; // as the streamed partitions come
            for (int i = 1; i < n && sorted; i++) {
                int d = month[i - 1].compareTo(month[i]);
                sorted = d < 0 || d == 0 && id[i - 1].compareTo(id[i]) <= 0;
            }
            if (!sorted) {
                java.util.Arrays.sort(order, Comparator.<Integer, String>comparing(i -> month[i]).thenComparing(i -> id[i]));
            }
            for (int i : order) {
                Row r = chunk.get(i);
                String[] lane = {text(r.getString(0)), text(r.getString(1)), text(r.getString(2)), text(r.getString(3))};
                add(lane, text(r.getString(4)), shipment(r, text(r.getString(5)), orderNumbers.of(r.getString(11))));
            }
            close(months); // a chunk holds whole months
            monthLanes.clear();
        }

        private void add(String[] lane, String month, LaneStats.Shipment s) {
            if (month.compareTo(firstWindow) >= 0 && month.compareTo(last) <= 0) {
                windowShipments.computeIfAbsent(month, k -> new ArrayList<>()).add(new LaneShipment(lane, s));
            }
            // a lane's groups are looked up once per month, not once per shipment and level
            for (LaneStats g : monthLanes.computeIfAbsent(new LaneMonth(lane[0], lane[1], lane[2], lane[3], month),
                    k -> groups(months, lane, month))) {
                g.add(s);
            }
            for (String country : new String[]{lane[2], Scopes.ALL}) {
                perCountry.computeIfAbsent(country, k -> new java.util.TreeMap<>()).merge(month, 1L, Long::sum);
            }
        }

        /** The group of each lane level of {@code lane} in {@code period}, made when missing. */
        private static LaneStats[] groups(Map<List<String>, LaneStats> groups, String[] lane, String period) {
            LaneStats[] out = new LaneStats[LEVELS.length];
            for (int l = 0; l < LEVELS.length; l++) {
                out[l] = groups.computeIfAbsent(key(lane, LEVELS[l], period), k -> new LaneStats());
            }
            return out;
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

        /**
         * Adds the window's shipments to the window's groups, by month and within a month in the order they were added
         * (by shipment id), and closes them: the same order whichever order the months arrived in.
         */
        private void closeWindow() {
            Map<List<String>, LaneStats[]> lanes = new HashMap<>();
            for (List<LaneShipment> shipments : windowShipments.values()) {
                for (LaneShipment x : shipments) {
                    for (LaneStats g : lanes.computeIfAbsent(Arrays.asList(x.lane()),
                            k -> groups(window, x.lane(), AnalysisPeriod.WINDOW))) {
                        g.add(x.shipment());
                    }
                }
            }
            windowShipments.clear();
            close(window);
        }

        private void close(Map<List<String>, LaneStats> groups) {
            groups.forEach((k, stats) -> {
                LaneStats.Figures f = stats.figures();
                rows.add(RowFactory.create(k.get(0), k.get(1), k.get(2), k.get(3), k.get(4), f.shipments(),
                        f.delivered(), f.returned(), f.lost(), f.inTransit(), f.deliveredRate(), f.returnedRate(),
                        f.lostRate(), f.leadTimeP50(), f.leadTimeP90(), f.leadTimeMean(), f.onTimeRate(),
                        f.costPerShipment(), f.costPerKg(), f.costShare(), f.costed(), f.weighed(), f.promised(),
                        f.matchedOrders(), f.shipments(), f.status()));
            });
            groups.clear();
        }

        /**
         * The {@code logistics_lanes} rows: each lane level per month and over the window, figures by {@link LaneStats};
         * ordered by carrier, service, country, region and period.
         */
        List<Row> lanes() {
            List<Row> out = new ArrayList<>(rows);
            out.sort(byColumns(0, 1, 2, 3, 4));
            return out;
        }
    }

    /** A lane (carrier, service, country, region) in a month. */
    private record LaneMonth(String carrier, String service, String country, String region, String month) {
    }

    /** A shipment and its lane (carrier, service, country, region). */
    private record LaneShipment(String[] lane, LaneStats.Shipment shipment) {
    }

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
    static List<Row> forecast(Accumulated s, AnalysisPeriod period, int horizon) {
        List<Row> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> e : s.perCountry.entrySet()) {
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
