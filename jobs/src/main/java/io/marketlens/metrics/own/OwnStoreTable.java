package io.marketlens.metrics.own;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.fact.MarketFact;
import io.marketlens.ingest.ShipmentStatus;
import io.marketlens.metrics.FactCube;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.Ranks;
import io.marketlens.metrics.Scopes;
import io.marketlens.metrics.competitors.OwnStore;
import io.marketlens.metrics.logistics.LaneStats;
import io.marketlens.metrics.logistics.LogisticsLanes;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Tables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.storage.StorageLevel;

/**
 * The own store against its market, T/CCPITCSC 111-2022 5.14 数据分析 (SPEC M15): the table {@code own_store}.
 *
 * <p><b>Own store and its lines.</b> The sellers of the config's {@code own_seller_ids} ({@link OwnStore}; without the
 * setting, the only seller of the sales files), combined as one store. Its lines are the warehouse's sales lines of
 * those seller ids — every status, cancelled ones too — ordered up to the last full month; a line's revenue is
 * unit_price_base × quantity and its month that of order_ts in the configured time zone. Without a known own store the
 * table has no rows.
 *
 * <p><b>Scopes and periods.</b> Every scope of the market fact (platform, marketplace and category each real or
 * {@code ALL}) and of the own lines; periods: each month up to the last full month, {@code window} and
 * {@code previous_window} (the {@code window_months} months before the window, so that a report can show the window
 * beside the window before it). A (scope, period) has a row where the market has revenue, or the own store has lines
 * or shipments.
 *
 * <p><b>Own sales.</b> Demand lines are those whose status (trimmed, lower-case) is not in {@code cancelled_statuses}
 * — the market fact's rule, so revenue equals the own store's sales rows of the fact.
 * <ul>
 *   <li>revenue = Σ revenue and units = Σ quantity of the demand lines; orders = distinct (platform, order_id) with a
 *       demand line in the scope and period; aov = revenue ÷ orders; asp = revenue ÷ units;</li>
 *   <li>lines = own lines of any status (also {@code rows}); cancelled_lines = lines with a status in
 *       {@code cancelled_statuses}; cancel_rate = cancelled_lines ÷ lines; cancel_revenue_rate = cancelled lines'
 *       revenue ÷ gross revenue (Σ revenue of all own lines); returned_lines, return_rate and return_revenue_rate
 *       likewise with {@code returned_statuses} (default returned, refunded; a returned line is still demand).</li>
 * </ul>
 *
 * <p><b>Traffic</b>, where the own lines carry it (Amazon's Business Report: sessions, page views and the buy-box share
 * of each child ASIN over the report's range): sessions = Σ sessions and page_views = Σ page_views of the demand lines;
 * conversion_rate = Σ quantity of the demand lines with sessions ÷ Σ their sessions (the report's unit session
 * percentage, as a fraction); buy_box_pct = Σ (sessions × buy_box_pct) ÷ Σ sessions over the demand lines with both (the
 * session-weighted mean). Each is empty where no demand line carries it (or its sessions sum to 0).
 *
 * <p><b>Against the market</b> (the fact: sales and competitor snapshots, as {@code market_size} reads it):
 * market_revenue = the scope's revenue in the period (market_size.revenue); share = revenue ÷ market_revenue;
 * sellers = sellers (platform, seller_id) other than the own store with revenue &gt; 0, plus the own store as one
 * seller when its revenue &gt; 0; rank = 1 + the number of those other sellers whose revenue exceeds the own store's
 * (revenues equal to a millionth, {@link Ranks#revenueKey}, tie, and a tie shares the better rank), null when the own
 * revenue is 0; market_asp = market revenue ÷ market units; price_position = asp ÷ market_asp.
 *
 * <p><b>Growth</b> against the same period a year before — a month against the month twelve months earlier, the
 * window against the previous window, the previous window against the window before it: growth = revenue ÷ prior
 * revenue − 1 (own), market_growth the same for the market (for a month and the window: market_size.yoy_growth where
 * the data covers the prior period), relative_growth = 100 · (growth − market_growth) in percentage points. Null with
 * status {@code insufficient_history} when the prior period starts before the data (the first month of the fact or of
 * the own lines), {@code no_prior_year_sales} when the own store had no revenue then.
 *
 * <p><b>Delivery.</b> Own shipments are the shipments whose order_id is an order of an own demand line; a shipment
 * counts in each scope of its order's own demand lines, in the month of its ship_ts (the rule of
 * {@code logistics_lanes}: configured time zone, up to the last full month, later shipments left out), and figures as
 * {@link LaneStats} computes them: shipments = count; lead_time_p50 = exact median of (delivered_ts − ship_ts) in days
 * of the delivered ones; on_time_rate = delivered with delivered_ts ≤ promised_ts ÷ delivered with a promised_ts.
 * lane_lead_time_p50 and lane_on_time_rate are the same figures over every delivered shipment (any seller) of the
 * lanes (carrier, service, destination_country) the own shipments of that scope and period travelled, in the same
 * period. Status {@code no_own_shipments} without own shipments, {@code no_delivered_shipments} or
 * {@code no_promised_dates} as in {@code logistics_lanes}.
 *
 * <p>Other statuses: {@code no_own_products} where the own store has no revenue (no rank, share 0),
 * {@code no_sales} where the market has none (no share). Reasons are separated by {@code ;}.
 */
public final class OwnStoreTable {

    /** Own lines, own shipments and lane shipments fetched per Spark action at most (whole months). */
    static final long CHUNK_ROWS = 400_000;
    /**
     * Own lines up to which their orders are sent to every task to find their shipments (a broadcast join: the
     * shipments are read where they are), instead of shuffling every shipment to meet them; at most a few tens of MB.
     */
    static final long BROADCAST_LINES = 1_000_000;

    private static final String ORDER_TS = "order_ts";
    private static final String LINE_ID = "line_id";
    private static final String UNIT_PRICE_BASE = "unit_price_base";
    private static final String QUANTITY = "quantity";
    /** The sales lines' traffic columns, read as empty from a sales table without them. */
    private static final String SESSIONS = Columns.SESSIONS;
    private static final String PAGE_VIEWS = Columns.PAGE_VIEWS;
    private static final String BUY_BOX_PCT = Columns.BUY_BOX_PCT;
    /** Index of shipment_id in a row of {@link LogisticsLanes#shipments}. */
    private static final int SHIPMENT_ID = 13;

    private OwnStoreTable() {
    }

    /** A scope: (platform, marketplace, category), {@value Scopes#ALL} where rolled up. */
    record Scope(String platform, String marketplace, String category) {

        /** The eight roll-ups of a (platform, marketplace, category), itself first. */
        List<Scope> rollUps() {
            List<Scope> out = new ArrayList<>(8);
            for (String p : new String[]{platform, Scopes.ALL}) {
                for (String m : new String[]{marketplace, Scopes.ALL}) {
                    for (String c : new String[]{category, Scopes.ALL}) {
                        out.add(new Scope(p, m, c));
                    }
                }
            }
            return out;
        }
    }

    /** One (scope, period) of the table. */
    record Cell(Scope scope, String period) {
    }

    /** The table for the own store of {@code ownSellerIds}, lines read with {@code statuses}. */
    public static MetricTable compute(MetricsContext ctx, List<String> ownSellerIds, LineStatuses statuses) {
        FactCube cube = ctx.cube();
        OwnStore own = OwnStore.resolve(cube, ownSellerIds);
        if (!own.known()) {
            // OwnStore's notice (given by the competitors group) says how to name the own store
            ctx.notice(Tables.OWN_STORE.name() + " has no rows: no own store is known");
            return MetricTable.local(ctx.spark(), Tables.OWN_STORE, List.of());
        }
        List<String> ids = ownSellerIds.isEmpty() ? own.ids() : ownSellerIds;
        AnalysisPeriod period = ctx.period();
        Own o = new Own(period, statuses);
        if (ctx.sales().isEmpty()) {
            ctx.notice(Tables.OWN_STORE.name() + ": the warehouse has no sales lines, so the own store has no revenue,"
                    + " orders or cancellations there; the table shows the market's figures");
        } else {
            // the own lines and their shipments are kept by Spark while the table is computed: every chunk and the
            // queries after them read them again, where each would otherwise scan all sales lines anew
            Dataset<Row> lines = ownLines(ctx.sales().get(), ids, period).persist(StorageLevel.MEMORY_AND_DISK());
            Dataset<Row> ownShipments = null;
            try {
                long[] ownLines = {0};
                FactCube.forEachMonthChunk(lines, Columns.PERIOD, CHUNK_ROWS, chunk -> {
                    ownLines[0] += chunk.size();
                    o.addLines(chunk);
                });
                if (ctx.shipments().isPresent()) {
                    Dataset<Row> shipments = LogisticsLanes.shipments(ctx.shipments().get(), java.util.Optional.empty(), period);
                    ownShipments = ownShipments(shipments, lines, statuses, o.statusesSeen, ownLines[0] <= BROADCAST_LINES)
                            .persist(StorageLevel.MEMORY_AND_DISK());
                    FactCube.forEachMonthChunk(ownShipments, Columns.PERIOD, CHUNK_ROWS, o::addShipments);
                    if (!o.laneMonths.isEmpty()) {
                        FactCube.forEachMonthChunk(laneShipments(shipments, ownShipments), Columns.PERIOD, CHUNK_ROWS,
                                o::addLaneShipments);
                    }
                }
            } finally {
                lines.unpersist();
                if (ownShipments != null) {
                    ownShipments.unpersist();
                }
            }
        }
        return MetricTable.local(ctx.spark(), Tables.OWN_STORE, new Market(cube, own, o).rows());
    }

    /**
     * The own sellers' sales lines of every status up to the last full month: scope, period (month of order_ts), order
     * id, line id, product id, status, revenue (unit_price_base × quantity), quantity, sessions, page views and buy-box
     * share (empty where the sales lines have no such column).
     */
    static Dataset<Row> ownLines(Dataset<Row> sales, List<String> ids, AnalysisPeriod period) {
        Set<String> present = Set.of(sales.columns());
        return sales.filter(col(MarketFact.SELLER).isin(ids.toArray()))
                .withColumn(Columns.PERIOD, date_format(col(ORDER_TS), "yyyy-MM"))
                .filter(col(Columns.PERIOD).leq(period.lastPeriod()))
                .select(col(Columns.PLATFORM), col(Columns.MARKETPLACE), col(Columns.CATEGORY), col(Columns.PERIOD),
                        col(MarketFact.ORDER_ID), col(LINE_ID), col(MarketFact.PRODUCT), col(Columns.STATUS),
                        col(UNIT_PRICE_BASE).multiply(col(QUANTITY)).as(Columns.REVENUE), col(QUANTITY),
                        traffic(present, SESSIONS, "long"), traffic(present, PAGE_VIEWS, "long"),
                        traffic(present, BUY_BOX_PCT, "double"));
    }

    /** A traffic column of the sales lines as {@code type}, or empty when the lines have none. */
    private static Column traffic(Set<String> present, String name, String type) {
        return (present.contains(name) ? col(name).cast(type) : lit(null).cast(type)).as(name);
    }

    /**
     * The shipments ({@link LogisticsLanes#shipments} rows) of the orders of own demand lines, one row per shipment and
     * (platform, marketplace, category) of its order's own demand lines: the shipment's columns, then those three.
     * {@code present} holds every status of the own lines (see {@link LineStatuses#cancelled(Column, Collection)}).
     * With {@code broadcast}, the orders go to every task and the shipments are joined where they are read.
     */
    static Dataset<Row> ownShipments(Dataset<Row> shipments, Dataset<Row> ownLines, LineStatuses statuses,
                                     Collection<String> present, boolean broadcast) {
        Dataset<Row> distinct = ownLines.filter(not(statuses.cancelled(col(Columns.STATUS), present)))
                .select(col(MarketFact.ORDER_ID), col(Columns.PLATFORM), col(Columns.MARKETPLACE), col(Columns.CATEGORY))
                .distinct();
        Dataset<Row> orders = broadcast ? org.apache.spark.sql.functions.broadcast(distinct) : distinct;
        Column[] columns = Stream.concat(Arrays.stream(shipments.columns()).map(c -> shipments.col(c)),
                Stream.of(orders.col(Columns.PLATFORM), orders.col(Columns.MARKETPLACE), orders.col(Columns.CATEGORY)))
                .toArray(Column[]::new);
        return shipments.join(orders, shipments.col(MarketFact.ORDER_ID).equalTo(orders.col(MarketFact.ORDER_ID)))
                .select(columns);
    }

    /** The delivered shipments ({@link LogisticsLanes#shipments} rows, any seller) of the lanes own shipments travel. */
    static Dataset<Row> laneShipments(Dataset<Row> shipments, Dataset<Row> ownShipments) {
        String[] lane = {Columns.CARRIER, Columns.SERVICE, Columns.DESTINATION_COUNTRY};
        Dataset<Row> lanes = ownShipments.select(col(lane[0]), col(lane[1]), col(lane[2])).distinct();
        return shipments.filter(col(Columns.STATUS).equalTo(ShipmentStatus.DELIVERED.code()))
                .join(lanes, lane, "left_semi");
    }

    /** Which periods a month counts in, and which months a period holds. */
    record Periods(AnalysisPeriod period) {

        /** The month itself, and the window or the previous window when it lies in one. */
        List<String> of(String month) {
            List<String> out = new ArrayList<>(2);
            out.add(month);
            if (month.compareTo(period.firstWindowPeriod()) >= 0 && month.compareTo(period.lastPeriod()) <= 0) {
                out.add(AnalysisPeriod.WINDOW);
            } else if (month.compareTo(period.firstPreviousWindowPeriod()) >= 0
                    && month.compareTo(period.lastPreviousWindowPeriod()) <= 0) {
                out.add(AnalysisPeriod.PREVIOUS_WINDOW);
            }
            return out;
        }

        /** The first and last month number of a period. */
        int[] months(String p) {
            if (AnalysisPeriod.WINDOW.equals(p)) {
                return new int[]{FactCube.monthNumber(period.firstWindowPeriod()), FactCube.monthNumber(period.lastPeriod())};
            }
            if (AnalysisPeriod.PREVIOUS_WINDOW.equals(p)) {
                return new int[]{FactCube.monthNumber(period.firstPreviousWindowPeriod()),
                        FactCube.monthNumber(period.lastPreviousWindowPeriod())};
            }
            int m = FactCube.monthNumber(p);
            return new int[]{m, m};
        }

        /** How far back the same period a year before lies: 12 months for a month, the window's length for a window. */
        int yearBack(String p) {
            return AnalysisPeriod.WINDOW.equals(p) || AnalysisPeriod.PREVIOUS_WINDOW.equals(p) ? period.windowMonths() : 12;
        }
    }

    /** The own store's lines and shipments, read chunk by chunk into the figures of every (scope, period). */
    static final class Own {
        final Periods periods;
        final LineStatuses statuses;
        final Map<Cell, OwnFigures> cells = new HashMap<>();
        /** Delivered shipments of the own store's lanes, per lane and month. */
        final Map<List<String>, Map<String, List<LaneStats.Shipment>>> laneMonths = new HashMap<>();
        private final Map<List<Object>, LaneStats.Figures> laneFigures = new HashMap<>();
        /** The first month (a month number) of the own lines; {@link Integer#MAX_VALUE} without lines. */
        int firstMonth = Integer.MAX_VALUE;
        /** The statuses of the lines added, as they are (null left out). */
        final Set<String> statusesSeen = new HashSet<>();
        /** The number of the order whose lines are being added (orders are counted once per cell by it). */
        private long orderNumber;

        Own(AnalysisPeriod period, LineStatuses statuses) {
            this.periods = new Periods(period);
            this.statuses = statuses;
        }

        OwnFigures cell(Scope scope, String period) {
            return cells.computeIfAbsent(new Cell(scope, period), k -> new OwnFigures());
        }

        /**
         * Adds a chunk of whole months of {@link #ownLines} rows, by platform, order, line and product (so that sums add
         * in the same order however the table is stored); an order counts once in each cell one of its demand lines is in.
         */
        void addLines(List<Row> chunk) {
            // the sort keys read once per row (a Row's typed getter is slow in a comparator called n·log n times)
            int n = chunk.size();
            String[][] sortKeys = new String[n][];
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                Row r = chunk.get(i);
                sortKeys[i] = new String[] {r.getString(0), r.getString(4), r.getString(5), r.getString(6)};
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> {
                for (int c = 0; c < 4; c++) {
                    int d = FactCube.compareText(sortKeys[a][c], sortKeys[b][c]);
                    if (d != 0) {
                        return d;
                    }
                }
                return 0;
            });
            // the cells of a (platform, marketplace, category, month): its scopes' roll-ups in each of its periods
            Map<List<String>, OwnFigures[]> targets = new HashMap<>();
            for (int i = 0; i < n; i++) {
                Row r = chunk.get(order[i]);
                String month = r.getString(3);
                firstMonth = Math.min(firstMonth, FactCube.monthNumber(month));
                String status = r.getString(7);
                if (status != null) {
                    statusesSeen.add(status);
                }
                double revenue = r.isNullAt(8) ? 0 : r.getDouble(8);
                long quantity = r.isNullAt(9) ? 0 : r.getLong(9);
                boolean demand = !statuses.isCancelled(status);
                Long sessions = r.isNullAt(10) ? null : r.getLong(10);
                Long pageViews = r.isNullAt(11) ? null : r.getLong(11);
                Double buyBox = r.isNullAt(12) ? null : r.getDouble(12);
                OwnFigures[] lineCells = targets.computeIfAbsent(
                        java.util.Arrays.asList(r.getString(0), r.getString(1), r.getString(2), month), k -> {
                            List<OwnFigures> fs = new ArrayList<>();
                            for (Scope s : new Scope(k.get(0), k.get(1), k.get(2)).rollUps()) {
                                for (String p : periods.of(month)) {
                                    fs.add(cell(s, p));
                                }
                            }
                            return fs.toArray(OwnFigures[]::new);
                        });
                for (OwnFigures f : lineCells) {
                    f.addLine(status, revenue, quantity, statuses);
                    if (demand) {
                        f.addTraffic(sessions, pageViews, buyBox, quantity);
                        // an order counts once in each cell one of its demand lines is in
                        if (f.lastOrder != orderNumber) {
                            f.lastOrder = orderNumber;
                            f.orders++;
                        }
                    }
                }
                boolean lastOfOrder = i + 1 == n || !Objects.equals(sortKeys[order[i]][0], sortKeys[order[i + 1]][0])
                        || !Objects.equals(sortKeys[order[i]][1], sortKeys[order[i + 1]][1]);
                if (lastOfOrder) {
                    orderNumber++;
                }
            }
        }

        /**
         * Adds a chunk of whole months of {@link #ownShipments} rows: each shipment once in every scope of its order's
         * own demand lines, in its month and the window it lies in.
         */
        void addShipments(List<Row> chunk) {
            List<Row> sorted = new ArrayList<>(chunk);
            sorted.sort(byText(SHIPMENT_ID));
            Set<Scope> scopes = new LinkedHashSet<>();
            for (int i = 0; i < sorted.size(); i++) {
                Row r = sorted.get(i);
                int n = r.length();
                scopes.addAll(new Scope(r.getString(n - 3), r.getString(n - 2), r.getString(n - 1)).rollUps());
                boolean lastOfShipment = i + 1 == sorted.size()
                        || !r.getString(SHIPMENT_ID).equals(sorted.get(i + 1).getString(SHIPMENT_ID));
                if (lastOfShipment) {
                    LaneStats.Shipment s = LogisticsLanes.shipment(r);
                    List<String> lane = List.of(r.getString(0), r.getString(1), r.getString(2));
                    laneMonths.putIfAbsent(lane, new HashMap<>());
                    for (Scope scope : scopes) {
                        for (String p : periods.of(r.getString(4))) {
                            cell(scope, p).addShipment(s, lane);
                        }
                    }
                    scopes.clear();
                }
            }
        }

        /** Adds a chunk of whole months of {@link #laneShipments} rows. */
        void addLaneShipments(List<Row> chunk) {
            for (Row r : chunk) {
                laneMonths.get(List.of(r.getString(0), r.getString(1), r.getString(2)))
                        .computeIfAbsent(r.getString(4), k -> new ArrayList<>()).add(LogisticsLanes.shipment(r));
            }
        }

        /** The figures of every delivered shipment of {@code lanes} in {@code period} (computed once per lane set). */
        LaneStats.Figures lanes(Set<List<String>> lanes, String period) {
            List<List<String>> sorted = new ArrayList<>(lanes);
            sorted.sort(Comparator.comparing((List<String> l) -> String.join("\u0001", l)));
            return laneFigures.computeIfAbsent(List.of(sorted, period), k -> {
                LaneStats stats = new LaneStats();
                int[] range = periods.months(period);
                for (List<String> lane : sorted) {
                    Map<String, List<LaneStats.Shipment>> byMonth = laneMonths.getOrDefault(lane, Map.of());
                    for (int m = range[0]; m <= range[1]; m++) {
                        byMonth.getOrDefault(FactCube.monthText(m), List.of()).forEach(stats::add);
                    }
                }
                return stats.figures();
            });
        }
    }

    /** The market's figures of the cube beside the own store's, and the rows of the table. */
    static final class Market {
        private final FactCube cube;
        private final Own own;
        private final FactCube.Totals totals;
        private final Map<Scope, Integer> scopeIds = new HashMap<>();
        private final Map<String, Integer> labelIds = new HashMap<>();
        /** Per cube key: sellers other than the own store with revenue &gt; 0, and those of them above the own store. */
        private final long[] others;
        private final long[] above;
        private final int firstMonth;

        Market(FactCube cube, OwnStore ownStore, Own own) {
            this.cube = cube;
            this.own = own;
            this.totals = cube.totals();
            for (int s = 0; s < cube.scopes(); s++) {
                scopeIds.put(new Scope(cube.platformOf(s), cube.marketplaceOf(s), cube.categoryOf(s)), s);
            }
            for (int l = 0; l < cube.labels(); l++) {
                labelIds.put(cube.periodOf(l), l);
            }
            this.firstMonth = Math.min(cube.rows() > 0 ? cube.firstMonth() : Integer.MAX_VALUE, own.firstMonth);
            double[] ownRevenue = new double[cube.keys()];
            own.cells.forEach((c, f) -> {
                int k = key(c.scope(), c.period());
                if (k >= 0) {
                    ownRevenue[k] = f.revenue;
                }
            });
            others = new long[cube.keys()];
            above = new long[cube.keys()];
            FactCube.Groups bySeller = cube.groupBy(cube::seller, cube.sellers.size());
            int[] buf = new int[16];
            // a seller's revenue per key, summed in row order; the keys it touched are reset after it
            double[] revenue = new double[cube.keys()];
            boolean[] touched = new boolean[cube.keys()];
            int[] keys = new int[cube.keys()];
            for (int s = 0; s < bySeller.size(); s++) {
                if (ownStore.isOwn(s)) {
                    continue;
                }
                int touchedKeys = 0;
                for (int j = bySeller.start()[s]; j < bySeller.start()[s + 1]; j++) {
                    int r = bySeller.rows()[j];
                    int n = cube.keysOf(r, true, true, buf);
                    for (int q = 0; q < n; q++) {
                        int k = buf[q];
                        if (touched[k]) {
                            revenue[k] += cube.revenue(r);
                        } else {
                            touched[k] = true;
                            keys[touchedKeys++] = k;
                            revenue[k] = cube.revenue(r);
                        }
                    }
                }
                for (int i = 0; i < touchedKeys; i++) {
                    int k = keys[i];
                    touched[k] = false;
                    double v = revenue[k];
                    if (v > 0) {
                        others[k]++;
                        if (ownRevenue[k] > 0 && Ranks.revenueKey(v) > Ranks.revenueKey(ownRevenue[k])) {
                            above[k]++;
                        }
                    }
                }
            }
        }

        /** The cube key of a scope and period, −1 when the fact has no such scope or period. */
        int key(Scope scope, String period) {
            Integer s = scopeIds.get(scope);
            Integer l = labelIds.get(period);
            return s == null || l == null ? -1 : s * cube.labels() + l;
        }

        double marketRevenue(Scope scope, String period) {
            int k = key(scope, period);
            return k < 0 ? 0 : totals.revenue()[k];
        }

        double ownRevenue(Scope scope, String period) {
            OwnFigures f = own.cells.get(new Cell(scope, period));
            return f == null ? 0 : f.revenue;
        }

        /** The rows: every cell with market revenue, own lines or own shipments, by scope and period text. */
        List<Row> rows() {
            Set<Cell> reported = new HashSet<>();
            for (Map.Entry<Cell, OwnFigures> e : own.cells.entrySet()) {
                if (e.getValue().lines > 0 || e.getValue().shipmentCount > 0) {
                    reported.add(e.getKey());
                }
            }
            for (Map.Entry<Scope, Integer> s : scopeIds.entrySet()) {
                for (Map.Entry<String, Integer> l : labelIds.entrySet()) {
                    if (totals.revenue()[s.getValue() * cube.labels() + l.getValue()] > 0) {
                        reported.add(new Cell(s.getKey(), l.getKey()));
                    }
                }
            }
            List<Cell> ordered = new ArrayList<>(reported);
            ordered.sort(Comparator.comparing((Cell c) -> c.scope().platform(), FactCube::compareText)
                    .thenComparing(c -> c.scope().marketplace(), FactCube::compareText)
                    .thenComparing(c -> c.scope().category(), FactCube::compareText)
                    .thenComparing(Cell::period, FactCube::compareText));
            List<Row> out = new ArrayList<>(ordered.size());
            for (Cell c : ordered) {
                out.add(row(c, own.cells.getOrDefault(c, new OwnFigures())));
            }
            return out;
        }

        private Row row(Cell c, OwnFigures f) {
            Scope scope = c.scope();
            String period = c.period();
            int k = key(scope, period);
            double marketRevenue = k < 0 ? 0 : totals.revenue()[k];
            long marketUnits = k < 0 ? 0 : totals.units()[k];
            boolean sells = f.revenue > 0;
            StringJoiner status = new StringJoiner(Codes.STATUS_SEPARATOR);
            if (!sells) {
                status.add(Codes.NO_OWN_PRODUCTS);
            }
            if (marketRevenue <= 0) {
                status.add(Codes.NO_SALES);
            }

            // the same period a year before
            int back = own.periods.yearBack(period);
            int[] range = own.periods.months(period);
            boolean covered = range[0] - back >= firstMonth;
            double ownPrior;
            double marketPrior;
            if (AnalysisPeriod.PREVIOUS_WINDOW.equals(period)) {
                ownPrior = 0;
                marketPrior = 0;
                for (int m = range[0] - back; m <= range[1] - back; m++) {
                    ownPrior += ownRevenue(scope, FactCube.monthText(m));
                    marketPrior += marketRevenue(scope, FactCube.monthText(m));
                }
            } else {
                String prior = AnalysisPeriod.WINDOW.equals(period) ? AnalysisPeriod.PREVIOUS_WINDOW
                        : FactCube.monthText(range[0] - back);
                ownPrior = ownRevenue(scope, prior);
                marketPrior = marketRevenue(scope, prior);
            }
            Double growth = covered && ownPrior > 0 ? f.revenue / ownPrior - 1 : null;
            Double marketGrowth = covered && marketPrior > 0 ? marketRevenue / marketPrior - 1 : null;
            if (!covered) {
                status.add(Codes.INSUFFICIENT_HISTORY);
            } else if (ownPrior <= 0) {
                status.add(Codes.NO_PRIOR_YEAR_SALES);
            }

            Double asp = f.asp();
            Double marketAsp = marketUnits > 0 ? marketRevenue / marketUnits : null;
            LaneStats.Figures ship = f.shipmentCount > 0 ? f.shipments.figures() : null;
            LaneStats.Figures lane = f.shipmentCount > 0 ? own.lanes(f.lanes, period) : null;
            if (ship == null) {
                status.add(Codes.NO_OWN_SHIPMENTS);
            } else if (ship.leadTimeP50() == null) {
                status.add(Codes.NO_DELIVERED_SHIPMENTS);
            } else if (ship.onTimeRate() == null) {
                status.add(Codes.NO_PROMISED_DATES);
            }
            return RowFactory.create(scope.platform(), scope.marketplace(), scope.category(), period,
                    f.revenue, f.orders, f.aov(), f.units, f.lines, f.cancelledLines, f.cancelRate(), f.cancelRevenueRate(),
                    f.returnedLines, f.returnRate(), f.returnRevenueRate(), marketRevenue,
                    marketRevenue > 0 ? f.revenue / marketRevenue : null,
                    sells && k >= 0 ? (int) (1 + above[k]) : null,
                    (k < 0 ? 0 : others[k]) + (sells ? 1 : 0),
                    growth, marketGrowth, growth != null && marketGrowth != null ? 100 * (growth - marketGrowth) : null,
                    asp, marketAsp, asp != null && marketAsp != null && marketAsp > 0 ? asp / marketAsp : null,
                    f.sessions(), f.pageViews(), f.conversionRate(), f.buyBoxPct(),
                    f.shipmentCount, ship == null ? null : ship.leadTimeP50(), ship == null ? null : ship.onTimeRate(),
                    lane == null ? null : lane.leadTimeP50(), lane == null ? null : lane.onTimeRate(),
                    f.lines, status.length() == 0 ? null : status.toString());
        }
    }

    /** Rows by the text of the given string columns, as Spark orders strings (nulls first). */
    private static Comparator<Row> byText(int... columns) {
        return (a, b) -> {
            for (int c : columns) {
                int d = FactCube.compareText(a.getString(c), b.getString(c));
                if (d != 0) {
                    return d;
                }
            }
            return 0;
        };
    }
}
