package io.marketlens.metrics;

import io.marketlens.fact.AnalysisPeriod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What every metric group works from: the market fact up to the last full month, read once into {@link FactCube} (null when the warehouse has no sales or
 * competitor rows; only groups that do not need it run then), the orders behind it ({@code MarketFact.orders}: one
 * row per order and scope-month, for order counts and order revenue), the warehouse's shipments, the warehouse's sales
 * lines (every status, for the own store's cancellations and returns) and the analysis period; the tables already written in this run (as local Datasets, and their rows), so that a later group
 * uses an earlier one's result instead of computing it again; and, loaded on first use, the fact on the driver
 * ({@link FactCube}) and the distinct orders per scope and period ({@link OrderCounts}).
 */
public record MetricsContext(SparkSession spark, Dataset<Row> fact, Optional<Dataset<Row>> orders,
                             Optional<Dataset<Row>> shipments, Optional<Dataset<Row>> sales, AnalysisPeriod period,
                             Map<String, Dataset<Row>> written, Map<String, List<Row>> collected,
                             List<Dataset<Row>> cached, Memo memo) {

    /** The order id column of the orders and the shipments. */
    private static final String ORDER_ID = "order_id";

    public MetricsContext(SparkSession spark, Dataset<Row> fact, Optional<Dataset<Row>> orders,
                          Optional<Dataset<Row>> shipments, Optional<Dataset<Row>> sales, AnalysisPeriod period) {
        this(spark, fact, orders, shipments, sales, period, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
                new CopyOnWriteArrayList<>(), new Memo());
    }

    /** A context without the warehouse's sales lines. */
    public MetricsContext(SparkSession spark, Dataset<Row> fact, Optional<Dataset<Row>> orders,
                          Optional<Dataset<Row>> shipments, AnalysisPeriod period) {
        this(spark, fact, orders, shipments, Optional.empty(), period);
    }

    /** A context without shipments. */
    public MetricsContext(SparkSession spark, Dataset<Row> fact, Optional<Dataset<Row>> orders,
                          AnalysisPeriod period) {
        this(spark, fact, orders, Optional.empty(), period);
    }

    /**
     * Results loaded once per context, and what the groups that run at the same time share: the tables announced but
     * not yet written ({@link #expect}), and the notices of the group running on each thread.
     */
    public static final class Memo {
        private FactCube cube;
        /** The load of {@link #cube} and of the order counts under way on another thread ({@link #cubeLoadedBy}), if any. */
        private java.util.concurrent.CompletableFuture<?> cubeLoading;
        private LaneMonthsStore laneMonths;
        private java.util.concurrent.CompletableFuture<long[]> orderCounts;
        private final List<String> notices = new java.util.ArrayList<>();
        private final Map<String, java.util.concurrent.CompletableFuture<Object>> values = new ConcurrentHashMap<>();
        private final Map<String, java.util.concurrent.CompletableFuture<Void>> expected = new ConcurrentHashMap<>();
        private final ThreadLocal<List<String>> groupNotices = new ThreadLocal<>();
        private final ThreadLocal<long[]> waited = ThreadLocal.withInitial(() -> new long[1]);
    }

    /**
     * A value several groups read, computed by {@code compute} on first use and shared after (e.g. the logistics cost
     * share, which two selection tables read): {@code name} must say what it is. A group that asks while another
     * computes it waits for that result; other values and the cube stay available meanwhile.
     */
    @SuppressWarnings("unchecked")
    public <T> T shared(String name, java.util.function.Supplier<T> compute) {
        java.util.concurrent.CompletableFuture<Object> mine = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Object> v = memo.values.putIfAbsent(name, mine);
        if (v == null) {
            try {
                mine.complete(compute.get());
            } catch (RuntimeException | Error e) {
                memo.values.remove(name, mine); // a later caller tries again, as it would have without the failure
                mine.completeExceptionally(e);
                throw e;
            }
            v = mine;
        }
        return (T) await(v);
    }

    /**
     * Announces tables that groups running now or later will write: a group that reads one of them ({@link #table},
     * {@link #tableRows}, {@link #hasTable}) waits until it is written.
     */
    public void expect(java.util.Collection<String> tables) {
        tables.forEach(t -> memo.expected.putIfAbsent(t, new java.util.concurrent.CompletableFuture<>()));
    }

    /** Makes a table written by this run available to the groups: its local Dataset and its rows. */
    public void publish(String name, Dataset<Row> local, List<Row> rows) {
        written.put(name, local);
        collected.put(name, rows);
        memo.expected.computeIfAbsent(name, t -> new java.util.concurrent.CompletableFuture<>()).complete(null);
    }

    /**
     * Says that an announced table will not be written ({@code cause}: why): the groups waiting for it fail with an
     * {@link IllegalStateException} naming it.
     */
    public void withdraw(String name, Throwable cause) {
        java.util.concurrent.CompletableFuture<Void> f = memo.expected.get(name);
        if (f != null) {
            f.completeExceptionally(new IllegalStateException("table " + name + " was not written: " + cause, cause));
        }
    }

    /**
     * Whether the table is written in this run; waits for it when it is announced ({@link #expect}) and not yet written.
     * False when it is not announced, or was withdrawn.
     */
    public boolean hasTable(String name) {
        if (written.containsKey(name) || collected.containsKey(name)) {
            return true;
        }
        java.util.concurrent.CompletableFuture<Void> f = memo.expected.get(name);
        if (f == null) {
            return false;
        }
        try {
            await(f);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Waits for an announced table ({@link #expect}) that is not yet written; returns at once for any other. */
    private void awaitTable(String name) {
        java.util.concurrent.CompletableFuture<Void> f = memo.expected.get(name);
        if (f != null && !written.containsKey(name) && !collected.containsKey(name)) {
            await(f);
        }
    }

    /**
     * The future's value, with the exception it failed with thrown as it was thrown; the time spent waiting for it counts
     * in this thread's {@link #waitedNanos}.
     */
    private <T> T await(java.util.concurrent.CompletableFuture<T> f) {
        long start = f.isDone() ? 0 : System.nanoTime();
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        } finally {
            if (start != 0) {
                memo.waited.get()[0] += System.nanoTime() - start;
            }
        }
    }

    /**
     * How long this thread has waited, in all, for what other groups compute: tables ({@link #table}, {@link #tableRows},
     * {@link #hasTable}), shared values ({@link #shared}) and the order counts ({@link #orderCounts}); a table's time
     * leaves it out.
     */
    public long waitedNanos() {
        return memo.waited.get()[0];
    }

    /**
     * Starts collecting the notices given on this thread apart from those of other threads, for the group that runs on it
     * next (see {@link #takeNotices}).
     */
    public void beginGroup() {
        memo.groupNotices.set(new java.util.ArrayList<>());
    }

    /** Something the user should know about this run's tables (printed by the metrics stage after the group). */
    public void notice(String message) {
        List<String> mine = memo.groupNotices.get();
        if (mine != null) {
            mine.add(message);
            return;
        }
        synchronized (memo) {
            memo.notices.add(message);
        }
    }

    /** The notices given since the last call, in order: on this thread's group since {@link #beginGroup}, else all. */
    public List<String> takeNotices() {
        List<String> mine = memo.groupNotices.get();
        if (mine != null) {
            List<String> out = List.copyOf(mine);
            memo.groupNotices.remove();
            return out;
        }
        synchronized (memo) {
            List<String> out = List.copyOf(memo.notices);
            memo.notices.clear();
            return out;
        }
    }

    /** The market fact on the driver, loaded on first use. */
    public FactCube cube() {
        java.util.concurrent.CompletableFuture<?> loading;
        synchronized (memo) {
            if (memo.cube != null) {
                return memo.cube;
            }
            loading = memo.cubeLoading;
        }
        if (loading != null) {
            await(loading);
        }
        synchronized (memo) {
            if (memo.cube == null) {
                memo.cube = FactCube.load(fact, period);
            }
            return memo.cube;
        }
    }

    /**
     * Has {@link #cube()} and {@link #orderCounts()} wait for {@code loading}, which another thread completes once it has
     * set both ({@link #useCube}, then {@link #useOrderCounts}); groups that need neither (the logistics lanes) run
     * meanwhile. When {@code loading} fails, they throw what it failed with.
     */
    public void cubeLoadedBy(java.util.concurrent.CompletableFuture<?> loading) {
        synchronized (memo) {
            memo.cubeLoading = loading;
        }
    }

    /** Waits for a load of the cube and the order counts under way on another thread ({@link #cubeLoadedBy}). */
    private void awaitCubeLoading() {
        java.util.concurrent.CompletableFuture<?> loading;
        synchronized (memo) {
            loading = memo.cube != null && memo.orderCounts != null ? null : memo.cubeLoading;
        }
        if (loading != null) {
            await(loading);
        }
    }

    /** Uses {@code cube} as the market fact on the driver (one loaded otherwise than from {@link #fact}, e.g. kept between runs). */
    public void useCube(FactCube cube) {
        synchronized (memo) {
            memo.cube = cube;
            memo.orderCounts = null;
        }
    }

    /**
     * Keeps the monthly rows of {@code logistics_lanes} in {@code store} between runs: the lanes then group the shipments of
     * the months that may have changed, and of the window, only.
     */
    public void useLaneMonths(LaneMonthsStore store) {
        synchronized (memo) {
            memo.laneMonths = store;
        }
    }

    /** Where the monthly rows of {@code logistics_lanes} are kept between runs, when they are ({@link #useLaneMonths}). */
    public Optional<LaneMonthsStore> laneMonths() {
        synchronized (memo) {
            return Optional.ofNullable(memo.laneMonths);
        }
    }

    /**
     * The plan of the lanes' store ({@link #useLaneMonths}): which months the lanes group, made once and shared — the
     * orders with shipments ({@link #shippedOrders}) are those of the shipments it needs.
     */
    public Optional<LaneMonthsStore.Plan> lanePlan() {
        return laneMonths().filter(s -> shipments.isPresent())
                .map(s -> shared("lane months", () -> s.plan(spark, shipments.get(), period)));
    }

    /** Uses {@code counts} as the distinct orders per key of {@link #cube()} (counted otherwise, e.g. from sets kept between runs). */
    public void useOrderCounts(long[] counts) {
        synchronized (memo) {
            if (counts.length != cube().keys()) {
                throw new IllegalArgumentException(counts.length + " order counts for " + cube().keys() + " keys");
            }
            memo.orderCounts = java.util.concurrent.CompletableFuture.completedFuture(counts);
        }
    }

    /**
     * Distinct orders per key of {@link #cube()} (all zero without orders), computed on first use; a group that asks
     * while another computes them waits for that result.
     */
    public long[] orderCounts() {
        awaitCubeLoading();
        java.util.concurrent.CompletableFuture<long[]> f;
        boolean mine = false;
        synchronized (memo) {
            if (memo.orderCounts == null) {
                memo.orderCounts = new java.util.concurrent.CompletableFuture<>();
                mine = true;
            }
            f = memo.orderCounts;
        }
        if (mine) {
            try {
                f.complete(countOrders());
            } catch (RuntimeException | Error e) {
                synchronized (memo) {
                    if (memo.orderCounts == f) {
                        memo.orderCounts = null; // a later caller tries again
                    }
                }
                f.completeExceptionally(e);
                throw e;
            }
        }
        return await(f);
    }

    /**
     * Counts the distinct orders per key of {@link #cube()} from {@link #orders} (all zero without orders), as
     * {@link #orderCounts()} does on first use; for the thread that loads the cube for the others ({@link #cubeLoadedBy}),
     * which hands them over with {@link #useOrderCounts}.
     */
    public long[] countOrders() {
        FactCube c = cube();
        return orders.map(o -> OrderCounts.perKey(o, c)).orElseGet(() -> new long[c.keys()]);
    }

    /**
     * The rows of {@link #orders} of the orders that shipments name, kept by Spark partitioned by order id (released
     * when the metrics stage ends): the logistics lanes and the cost share join the shipments to their orders, and find
     * them already partitioned so. Most orders have no shipment; a Bloom filter of the shipments' order ids (1 % false
     * positives) leaves them out before the orders are partitioned, so Spark moves and keeps about the orders the
     * shipments name — with the lanes' store, the shipments of the months the lanes group and of the window only
     * ({@link LaneMonthsStore.Plan#needed}), which hold every shipment the lanes and the cost share read. An order it lets through by chance joins no shipment, and no order a shipment names is left out,
     * so every join gives what it gives with all orders. Empty without orders; all orders without shipments.
     */
    public Optional<Dataset<Row>> shippedOrders() {
        if (orders.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(shared("orders with shipments", () -> {
            Dataset<Row> all = orders.get();
            if (shipments.isPresent()) {
                // with the lanes' store, the shipments of the months the lanes group and of the window (the cost share's)
                Dataset<Row> needed = lanePlan().map(p -> p.needed(shipments.get(), period)).orElse(shipments.get());
                Dataset<Row> ids = needed.select(org.apache.spark.sql.functions.col(ORDER_ID))
                        .filter(org.apache.spark.sql.functions.col(ORDER_ID).isNotNull());
                long expected = Math.max(1_000L, ids.count());
                org.apache.spark.util.sketch.BloomFilter filter = ids.stat().bloomFilter(ORDER_ID, expected, 0.01);
                org.apache.spark.broadcast.Broadcast<org.apache.spark.util.sketch.BloomFilter> sent =
                        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(filter);
                org.apache.spark.sql.expressions.UserDefinedFunction named = org.apache.spark.sql.functions.udf(
                        (org.apache.spark.sql.api.java.UDF1<String, Boolean>) id -> id != null && sent.value().mightContainString(id),
                        org.apache.spark.sql.types.DataTypes.BooleanType);
                all = all.filter(named.apply(org.apache.spark.sql.functions.col(ORDER_ID)));
            }
            Dataset<Row> kept = io.marketlens.spark.SparkSessions.persistPartitioned(all, org.apache.spark.sql.functions.col(ORDER_ID));
            release(kept);
            return kept;
        }));
    }

    /** Registers an intermediate a group cached, to be unpersisted when the metrics stage ends. */
    public void release(Dataset<Row> intermediate) {
        cached.add(intermediate);
    }

    /** A table written earlier in this run; waits for it when it is announced and not yet written. */
    public Dataset<Row> table(String name) {
        awaitTable(name);
        Dataset<Row> t = written.get(name);
        if (t == null) {
            throw new IllegalStateException("table " + name + " is needed before it is written; fix the order of MetricsStage.GROUPS");
        }
        return t;
    }

    /** The rows of a table written earlier in this run (collected from {@link #table} when only that is known). */
    public List<Row> tableRows(io.marketlens.tables.TableSchema table) {
        awaitTable(table.name());
        List<Row> rows = collected.get(table.name());
        return rows != null ? rows : table(table.name()).collectAsList();
    }
}
