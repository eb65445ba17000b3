package io.marketlens.fact;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketlens.ingest.Source;
import io.marketlens.io.Storage;
import io.marketlens.tables.Columns;
import io.marketlens.warehouse.Warehouse;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Keeps the market fact ({@link MarketFact#build}) and the orders behind it ({@link MarketFact#orders}) as Delta
 * tables in the warehouse, partitioned by month, and brings them up to date month by month: a table's last commit
 * records the versions of the sales and competitor tables it reflects, the warehouse says which months the commits
 * since then changed ({@link Warehouse#changedMonths}), and only those months are computed again from the source
 * rows of those months. Anything that makes the months unknown — a first run, a change of the settings the fact
 * depends on, a source table changed by another tool — rebuilds the table in full. Each table changes in one Delta
 * commit that also records its new source versions, so a run killed during an update leaves the previous version
 * and the next run computes the same months again.
 */
public final class FactStore {

    public static final String FACT = "fact";
    public static final String ORDERS = "fact_orders";
    /** Raised when the fact's definition changes, so that tables written before are rebuilt. */
    static final int FORMAT = 1;
    private static final String STATE_TAG = "marketlens-fact:";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a derived table reflects: the settings' fingerprint and the source table versions (-1: no table). */
    record State(String fingerprint, long sales, long competitors) {
    }

    /**
     * The two tables as read after the refresh (empty when the warehouse has neither sales nor competitor rows), and
     * the tables' paths (each empty with its table).
     */
    public record Tables(Optional<Dataset<Row>> fact, Optional<Dataset<Row>> orders, Optional<String> factTable,
                         Optional<String> ordersTable) {

        public Tables(Optional<Dataset<Row>> fact, Optional<Dataset<Row>> orders, Optional<String> factTable) {
            this(fact, orders, factTable, Optional.empty());
        }
    }

    private final SparkSession spark;
    private final Storage storage;
    private final Warehouse warehouse;
    private final FactSettings config;
    private final Consumer<String> progress;

    public FactStore(SparkSession spark, Storage storage, Warehouse warehouse, FactSettings config, Consumer<String> progress) {
        this.spark = spark;
        this.storage = storage;
        this.warehouse = warehouse;
        this.config = config;
        this.progress = progress;
    }

    /**
     * The size of the warehouse's sales table under which the order lines' table is brought up to date beside the fact
     * ({@link #refresh}): such a run waits on Spark's latency. A larger one keeps both cores busy either way, and the two
     * builds' rows held at once cost its heap: a 10 M-line first run that built both at once took its metrics stage
     * 190 s after them, against 118 s after building them one after the other in the same hour (860 against 818 user
     * s), its heap near full.
     */
    static final long BESIDE_SALES_BYTES = io.marketlens.spark.SparkSessions.SMALL_RUN_BYTES;

    /**
     * Brings both tables up to date with the warehouse and returns them. With a small sales table
     * ({@link #BESIDE_SALES_BYTES}) the order lines' table is brought up to date on a thread of its own while the fact
     * is, on this one: it reads only the sales lines, and its queries fill the cores while the fact's wait for the
     * driver's planning and Delta's log work. Their progress lines come in this order, each with its own seconds (the
     * time it shared the cores with the other included).
     */
    public Tables refresh() {
        State now = new State(fingerprint(config), warehouse.version(Source.SALES), warehouse.version(Source.COMPETITORS));
        if (now.sales() < 0 && now.competitors() < 0) {
            return new Tables(Optional.empty(), Optional.empty(), Optional.empty());
        }
        java.util.function.Supplier<Refreshed> build =
                () -> refresh(ORDERS, now, (s, c, keep) -> s.map(lines -> MarketFact.orders(lines, config)));
        boolean beside = now.sales() >= 0
                && storage.holdsLessThan(warehouse.path(Source.SALES), BESIDE_SALES_BYTES);
        java.util.function.Supplier<Refreshed> orders;
        if (now.sales() < 0) {
            orders = () -> new Refreshed(Optional.empty(), null);
        } else if (beside) {
            orders = io.marketlens.spark.SparkSessions.inBackground(spark, "marketlens-fact-orders", "fact: " + ORDERS, build);
        } else {
            orders = () -> io.marketlens.spark.SparkSessions.described(spark, "fact: " + ORDERS, build); // after the fact
        }
        Refreshed fact;
        try {
            fact = io.marketlens.spark.SparkSessions.described(spark, "fact: " + FACT,
                    () -> refresh(FACT, now, (s, c, keep) -> MarketFact.build(s, c, config, keep)));
        } catch (RuntimeException | Error e) {
            if (beside) {
                try {
                    orders.get(); // nothing left writing when the failure is reported
                } catch (RuntimeException | Error also) {
                    e.addSuppressed(also);
                }
            }
            throw e;
        }
        Refreshed o = orders.get();
        fact.say(progress);
        o.say(progress);
        return new Tables(fact.table(), o.table(), fact.table().map(f -> Storage.join(warehouse.root(), FACT)),
                o.table().map(x -> Storage.join(warehouse.root(), ORDERS)));
    }

    /** A table brought up to date (empty when there are no rows to make it of), and its progress line (null: none). */
    private record Refreshed(Optional<Dataset<Row>> table, String line) {
        void say(Consumer<String> progress) {
            if (line != null) {
                progress.accept(line);
            }
        }
    }

    /**
     * Computes a table's rows from the sales lines and the competitor snapshots (each empty without that source); rows it
     * reads more than once it passes through {@code keep}, which holds them in Spark's cache until the table is written.
     */
    private interface Build {
        Optional<Dataset<Row>> apply(Optional<Dataset<Row>> sales, Optional<Dataset<Row>> competitors,
                                     java.util.function.UnaryOperator<Dataset<Row>> keep);
    }

    private Refreshed refresh(String name, State now, Build build) {
        String path = Storage.join(warehouse.root(), name);
        long start = System.nanoTime();
        Optional<State> before = state(path);
        Optional<Set<String>> changed = before.filter(b -> b.fingerprint().equals(now.fingerprint())).flatMap(b -> {
            Optional<Set<String>> sales = warehouse.changedMonths(Source.SALES, b.sales());
            Optional<Set<String>> competitors = warehouse.changedMonths(Source.COMPETITORS, b.competitors());
            return sales.isPresent() && competitors.isPresent()
                    ? Optional.of(union(sales.get(), competitors.get())) : Optional.empty();
        });
        String note;
        List<Dataset<Row>> kept = new java.util.ArrayList<>();
        try {
            if (changed.isEmpty()) {
                Optional<Dataset<Row>> rows = build.apply(warehouse.table(spark, Source.SALES), warehouse.table(spark, Source.COMPETITORS),
                        keep(null, kept));
                if (rows.isEmpty()) {
                    return new Refreshed(Optional.empty(), null);
                }
                rows.get().repartition(col(Columns.PERIOD)).write().format("delta").partitionBy(Columns.PERIOD)
                        .mode(SaveMode.Overwrite).option("overwriteSchema", "true").option("userMetadata", tag(now)).save(path);
                note = "built in full";
            } else if (changed.get().isEmpty() && before.get().sales() == now.sales() && before.get().competitors() == now.competitors()) {
                note = "up to date";
            } else {
                Set<String> months = changed.get();
                // the sales lines of the months around them (their month depends on the time zone); a snapshot's month is
                // that of its date in any time zone, so the competitor rows of those months are all there is
                Optional<Dataset<Row>> rows = build.apply(warehouse.table(spark, Source.SALES, widen(months)),
                        warehouse.table(spark, Source.COMPETITORS, months), keep(months, kept));
                Dataset<Row> update = rows.orElseThrow().filter(col(Columns.PERIOD).isin(months.toArray()));
                String predicate = months.isEmpty() ? "false" : Columns.PERIOD + " IN ("
                        + months.stream().map(m -> "'" + m + "'").collect(Collectors.joining(", ")) + ")";
                update.repartition(col(Columns.PERIOD)).write().format("delta").mode(SaveMode.Overwrite)
                        .option("replaceWhere", predicate).option("userMetadata", tag(now)).save(path);
                note = months.size() + " month(s) recomputed: " + abbreviate(months);
            }
        } finally {
            kept.forEach(Dataset::unpersist);
        }
        return new Refreshed(Optional.of(spark.read().format("delta").load(path)),
                String.format(Locale.ROOT, "  %-22s %s (%.1f s)", name, note, (System.nanoTime() - start) / 1e9));
    }

    /**
     * Keeps rows in Spark's cache, those of {@code months} only (all when null: a filter of the rows read from the cache
     * would not reach the grouping that made them), adding each to {@code kept} to be released once the table is written.
     */
    private static java.util.function.UnaryOperator<Dataset<Row>> keep(Set<String> months, List<Dataset<Row>> kept) {
        return rows -> {
            Dataset<Row> persisted = (months == null ? rows : rows.filter(col(Columns.PERIOD).isin(months.toArray())))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            kept.add(persisted);
            return persisted;
        };
    }

    /**
     * The months around {@code months}: a sales line's month comes from its order timestamp in the configured time
     * zone, which can put it in the month before or after the partition it was stored under if the time zone changed
     * since (a snapshot's date has the same month in every zone: its table needs no widening).
     */
    public static Set<String> widen(Set<String> months) {
        Set<String> out = new TreeSet<>();
        for (String m : months) {
            YearMonth ym = YearMonth.parse(m);
            out.add(ym.minusMonths(1).toString());
            out.add(m);
            out.add(ym.plusMonths(1).toString());
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    /** The months, as a progress line names them: all up to six, else the first three … the last two. */
    public static String abbreviate(Set<String> months) {
        List<String> list = List.copyOf(months);
        return list.size() <= 6 ? String.join(", ", list)
                : String.join(", ", list.subList(0, 3)) + " … " + String.join(", ", list.subList(list.size() - 2, list.size()));
    }

    /** The settings a fact row depends on, besides the source rows. */
    static String fingerprint(FactSettings config) {
        return "format=" + FORMAT + ";timezone=" + config.timezone() + ";cancelled="
                + config.cancelledStatuses().stream().sorted().collect(Collectors.joining(","));
    }

    private Optional<State> state(String path) {
        if (!storage.exists(Storage.join(path, "_delta_log"))) {
            return Optional.empty();
        }
        io.marketlens.warehouse.DeltaLogs logs = new io.marketlens.warehouse.DeltaLogs(storage);
        String meta = logs.userMetadata(path, logs.version(path)).orElse("");
        if (!meta.startsWith(STATE_TAG)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(meta.substring(STATE_TAG.length()), State.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String tag(State s) {
        try {
            return STATE_TAG + JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
