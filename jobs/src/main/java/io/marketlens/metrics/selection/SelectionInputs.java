package io.marketlens.metrics.selection;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.sum;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.metrics.FactCube;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Scopes;
import io.marketlens.warehouse.Warehouse;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * What the z-scored selections ({@link ProductSelection}, {@code platforms.PlatformComparison}) read besides the tables
 * written before them: the window rows of those tables by scope, the thin-candidate rule, and the logistics cost share
 * of a scope. A scope is the list (platform, marketplace, category).
 */
public final class SelectionInputs {

    private SelectionInputs() {
    }

    /** The window rows of a table by scope (of one concentration entity when {@code entity} is given). */
    public static Map<List<String>, Row> windowRows(List<Row> rows, String entity) {
        Map<List<String>, Row> out = new HashMap<>();
        for (Row r : rows) {
            if (AnalysisPeriod.WINDOW.equals(r.getAs(Columns.PERIOD))
                    && (entity == null || entity.equals(r.getAs(Columns.ENTITY)))) {
                out.put(scope(r), r);
            }
        }
        return out;
    }

    /** The scope of a table row. */
    public static List<String> scope(Row r) {
        return List.of(r.getAs(Columns.PLATFORM), r.getAs(Columns.MARKETPLACE), r.getAs(Columns.CATEGORY));
    }

    /** The scope of a {@link FactCube} scope. */
    public static List<String> scope(FactCube cube, int s) {
        return List.of(cube.platformOf(s), cube.marketplaceOf(s), cube.categoryOf(s));
    }

    /** A number of a row as a double; NaN when the row is missing or the value null. */
    public static double number(Row r, String column) {
        if (r == null) {
            return Double.NaN;
        }
        Object v = r.getAs(column);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    /**
     * The first cells of a scored row: the scope, period {@code window}, and rank, candidates, score and rank_stability
     * (null for a candidate that was not scored).
     */
    public static List<Object> scoredHead(FactCube cube, int s, SelectionScore.Scored x, int candidates) {
        List<Object> r = new java.util.ArrayList<>(List.of(cube.platformOf(s), cube.marketplaceOf(s), cube.categoryOf(s),
                io.marketlens.fact.AnalysisPeriod.WINDOW));
        r.add(x == null ? null : x.rank());
        r.add(x == null ? null : candidates);
        r.add(x == null ? null : orNull(x.score()));
        r.add(x == null ? null : x.rankStability());
        return r;
    }

    /** NaN as null, for a table cell. */
    public static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** Per scope, the units of the window's snapshot rows (snapshots carry units, not orders). */
    public static long[] snapshotUnits(FactCube cube) {
        long[] units = new long[cube.scopes()];
        for (int r = 0; r < cube.rows(); r++) {
            if (!cube.fromSales(r) && cube.inWindow(cube.month(r))) {
                for (int s : cube.scopesOf(r)) {
                    units[s] += cube.units(r);
                }
            }
        }
        return units;
    }

    /**
     * Whether a candidate is too thin to score: fewer than {@code minOrders} orders in the window — its
     * {@code market_size} window row's orders plus its snapshots' units, a snapshot's estimated unit counting as one
     * order since snapshots carry no orders — or fewer than {@code minListings} selling listings ({@code products}).
     */
    public static boolean lowVolume(Row marketSize, long snapshotUnits, long minOrders, long minListings) {
        long volume = marketSize.<Long>getAs(Columns.ORDERS) + snapshotUnits;
        return volume < minOrders || marketSize.<Long>getAs(Columns.PRODUCTS) < minListings;
    }

    /**
     * Per scope (all eight roll-ups of the (platform, marketplace, category) of the orders), the logistics cost share
     * of the window: the shipments shipped in the window that have a cost and whose order has demand revenue
     * R_o &gt; 0; each order's shipment costs C_o split over the scopes of its lines by their revenue R_os; cost share
     * = Σ C_o · R_os ÷ R_o ÷ Σ R_os over those orders. Over all scopes ({@code ALL} × 3) it is the window cost share of
     * {@code logistics_lanes}' all-lanes row. Empty without shipments or sales.
     */
    public static Map<List<String>, Double> logisticsCostShare(MetricsContext ctx) {
        return ctx.shared("logistics cost share", () -> computeLogisticsCostShare(ctx));
    }

    private static Map<List<String>, Double> computeLogisticsCostShare(MetricsContext ctx) {
        if (ctx.shipments().isEmpty() || ctx.orders().isEmpty()) {
            return Map.of();
        }
        AnalysisPeriod period = ctx.period();
        Dataset<Row> shipments = ctx.shipments().get();
        if (java.util.Arrays.asList(shipments.columns()).contains(Warehouse.MONTH)) {
            // only the partitions that can hold the window's shipments are read: a shipment is stored under the month
            // of its date in the zone of the run that stored it, at most a month from its month in this run's zone
            shipments = shipments.filter(col(Warehouse.MONTH).between(
                    YearMonth.parse(period.firstWindowPeriod()).minusMonths(1).toString(),
                    YearMonth.parse(period.lastPeriod()).plusMonths(1).toString()));
        }
        Dataset<Row> costs = shipments
                .withColumn(Columns.PERIOD, date_format(col("ship_ts"), "yyyy-MM"))
                .filter(col(Columns.PERIOD).geq(period.firstWindowPeriod()).and(col(Columns.PERIOD).leq(period.lastPeriod()))
                        .and(col("cost_base").isNotNull()).and(col("order_id").isNotNull()))
                .groupBy(col("order_id")).agg(sum(col("cost_base")).as("_cost"));
        // an order's category rows all join its costs, so the order's revenue is their sum over the order; the orders
        // come partitioned by order id, and a hash of the costs per partition joins them without sorting either side
        List<Row> leaves = costs.hint("shuffle_hash").join(ctx.shippedOrders().get(), "order_id")
                .groupBy(col("order_id"), col("_cost"), col(Columns.PLATFORM), col(Columns.MARKETPLACE), col(Columns.CATEGORY))
                .agg(sum(col(Columns.REVENUE)).as("_revenue"))
                .withColumn("_order_revenue", sum(col("_revenue")).over(Window.partitionBy(col("order_id"))))
                .filter(col("_order_revenue").gt(0))
                .groupBy(col(Columns.PLATFORM), col(Columns.MARKETPLACE), col(Columns.CATEGORY))
                .agg(sum(col("_cost").multiply(col("_revenue")).divide(col("_order_revenue"))).as("_cost"),
                        sum(col("_revenue")).as("_revenue"))
                .collectAsList();
        Map<List<String>, double[]> sums = new HashMap<>();
        for (Row r : leaves) {
            for (String p : List.of(r.getString(0), Scopes.ALL)) {
                for (String m : List.of(r.getString(1), Scopes.ALL)) {
                    for (String c : List.of(r.getString(2), Scopes.ALL)) {
                        double[] a = sums.computeIfAbsent(List.of(p, m, c), x -> new double[2]);
                        a[0] += r.getDouble(3);
                        a[1] += r.getDouble(4);
                    }
                }
            }
        }
        Map<List<String>, Double> out = new HashMap<>();
        sums.forEach((k, a) -> {
            if (a[1] > 0) {
                out.put(k, a[0] / a[1]);
            }
        });
        return Map.copyOf(out);
    }
}
