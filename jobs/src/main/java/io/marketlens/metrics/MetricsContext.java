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

    /** Results loaded once per context. */
    public static final class Memo {
        private FactCube cube;
        private long[] orderCounts;
        private final List<String> notices = new java.util.ArrayList<>();
        private final Map<String, Object> values = new java.util.HashMap<>();
    }

    /**
     * A value several groups read, computed by {@code compute} on first use and shared after (e.g. the logistics cost
     * share, which two selection tables read): {@code name} must say what it is.
     */
    @SuppressWarnings("unchecked")
    public <T> T shared(String name, java.util.function.Supplier<T> compute) {
        synchronized (memo) {
            Object v = memo.values.get(name);
            if (v == null) {
                v = compute.get();
                memo.values.put(name, v);
            }
            return (T) v;
        }
    }

    /** Something the user should know about this run's tables (printed by the metrics stage after the group). */
    public void notice(String message) {
        synchronized (memo) {
            memo.notices.add(message);
        }
    }

    /** The notices given since the last call, in order. */
    public List<String> takeNotices() {
        synchronized (memo) {
            List<String> out = List.copyOf(memo.notices);
            memo.notices.clear();
            return out;
        }
    }

    /** The market fact on the driver, loaded on first use. */
    public FactCube cube() {
        synchronized (memo) {
            if (memo.cube == null) {
                memo.cube = FactCube.load(fact, period);
            }
            return memo.cube;
        }
    }

    /** Uses {@code cube} as the market fact on the driver (one loaded otherwise than from {@link #fact}, e.g. kept between runs). */
    public void useCube(FactCube cube) {
        synchronized (memo) {
            memo.cube = cube;
            memo.orderCounts = null;
        }
    }

    /** Distinct orders per key of {@link #cube()} (all zero without orders), computed on first use. */
    public long[] orderCounts() {
        synchronized (memo) {
            if (memo.orderCounts == null) {
                FactCube c = cube();
                memo.orderCounts = orders.map(o -> OrderCounts.perKey(o, c)).orElseGet(() -> new long[c.keys()]);
            }
            return memo.orderCounts;
        }
    }

    /** Registers an intermediate a group cached, to be unpersisted when the metrics stage ends. */
    public void release(Dataset<Row> intermediate) {
        cached.add(intermediate);
    }

    /** A table written earlier in this run. */
    public Dataset<Row> table(String name) {
        Dataset<Row> t = written.get(name);
        if (t == null) {
            throw new IllegalStateException("table " + name + " is needed before it is written; fix the order of MetricsStage.GROUPS");
        }
        return t;
    }

    /** The rows of a table written earlier in this run (collected from {@link #table} when only that is known). */
    public List<Row> tableRows(io.marketlens.tables.TableSchema table) {
        List<Row> rows = collected.get(table.name());
        return rows != null ? rows : table(table.name()).collectAsList();
    }
}
