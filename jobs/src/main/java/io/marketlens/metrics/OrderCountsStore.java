package io.marketlens.metrics;

import static io.marketlens.fact.MarketFact.ORDER_ID;
import static io.marketlens.tables.Columns.CATEGORY;
import static io.marketlens.tables.Columns.MARKETPLACE;
import static io.marketlens.tables.Columns.PERIOD;
import static io.marketlens.tables.Columns.PLATFORM;
import static org.apache.spark.sql.functions.*;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.io.Storage;
import io.marketlens.warehouse.DeltaLogs;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The distinct orders per scope and period ({@link OrderCounts}) kept between runs as the orders' sets of cells
 * ({@code _cache/order_sets.bin}): every distinct set of (platform, marketplace, category, month) cells an order has
 * rows in, with how many orders have exactly that set — a few thousand sets however many orders there are.
 *
 * <p>A night changes the months C of {@code fact_orders} whose files the Delta log shows added or removed since the
 * copy's version. Only the orders with a row in C, before or now, can have another set; their other rows lie in months
 * whose files did not change. So their sets are computed twice — from the rows in C as they were at the copy's version
 * (time travel) and as they are now, each with the orders' rows outside C (a semi-join on the order ids) — and the
 * copy's counts lose the old sets and gain the new ones. Every other order keeps its set. When that cannot be done —
 * no copy, another format, schema or last month, a log that no longer says what changed, an old version no longer
 * readable, a count that would turn negative — the orders are counted in full, as before, and the copy written again.
 */
public final class OrderCountsStore {

    static final String FILE = "order_sets.bin";
    private static final String MAGIC = "marketlens order sets";
    static final int FORMAT = 1;

    /** Per key of the cube, the distinct orders; and how they were counted, for the progress line. */
    public record Loaded(long[] counts, String how) {
    }

    /** One cell: a (platform, marketplace, category) and a month number. */
    record Cell(String platform, String marketplace, String category, int month) {
    }

    private final Storage storage;
    private final CopyFile copy;

    public OrderCountsStore(Storage storage, String warehouseRoot) {
        this.storage = storage;
        this.copy = new CopyFile(storage, warehouseRoot, FILE, MAGIC, FORMAT);
    }

    /** The distinct orders per key of {@code cube}, from the Delta table {@code ordersTable} ({@code fact_orders}). */
    public Loaded load(SparkSession spark, String ordersTable, FactCube cube, AnalysisPeriod period) {
        DeltaLogs logs = new DeltaLogs(storage);
        long version = logs.version(ordersTable);
        Column upToLast = col(PERIOD).leq(period.lastPeriod());
        Dataset<Row> now = spark.read().format("delta").option("versionAsOf", version).load(ordersTable);
        String schema = now.schema().json();
        now = now.filter(upToLast);
        int last = FactCube.monthNumber(period.lastMonth());

        String why;
        CopyFile.Header[] header = new CopyFile.Header[1];
        Map<List<Cell>, Long> sets = null;
        Set<String> changed = Set.of();
        try (DataInputStream in = copy.open(x -> header[0] = x)) {
            CopyFile.Header h = header[0];
            Optional<Set<String>> touched = Optional.empty();
            if (in == null) {
                why = "no copy of an earlier run's counts";
            } else if (h.version() > version) {
                why = "the copy is of version " + h.version() + ", newer than the table's " + version;
            } else if (!h.schema().equals(schema)) {
                why = "the table's columns changed since the copy";
            } else if (h.lastMonth() != last) {
                why = "the copy counts up to another month";
            } else if ((touched = logs.partitionsTouched(ordersTable, h.version(), version, PERIOD)).isEmpty()) {
                why = "the table's log does not say which months changed since version " + h.version();
            } else {
                sets = read(in);
                CopyFile.end(in);
                changed = new java.util.TreeSet<>(touched.get());
                changed.removeIf(m -> FactCube.monthNumber(m) > last);
                why = null;
            }
        } catch (IOException | RuntimeException e) {
            why = "the copy cannot be read: " + Storage.why(e);
            sets = null;
        }
        if (sets != null && !changed.isEmpty()) {
            try {
                Dataset<Row> before = spark.read().format("delta").option("versionAsOf", header[0].version()).load(ordersTable)
                        .filter(upToLast);
                if (!update(sets, now, before, changed)) {
                    why = "the changed orders do not match the copy";
                    sets = null;
                }
            } catch (RuntimeException e) {
                // e.g. the copy's version was vacuumed: its files are gone
                why = "the copy's version cannot be read (" + Storage.why(e) + ")";
                sets = null;
            }
        }
        String how;
        if (sets == null) {
            List<OrderCounts.CellSet> full = OrderCounts.sets(now, cube);
            sets = texts(full, cube);
            how = "counted in full (" + why + ")";
        } else {
            how = changed.size() + " month(s) counted again";
        }
        String saved = header[0] != null && header[0].version() == version && why == null ? ""
                : save(sets, version, schema, last);
        return new Loaded(counts(sets, cube), how + saved);
    }

    /**
     * Takes the sets of the orders with a row in {@code changed} months, as they were ({@code before}) and as they are
     * ({@code now}), out of and into {@code sets}; false when an old set is not there to take out.
     */
    static boolean update(Map<List<Cell>, Long> sets, Dataset<Row> now, Dataset<Row> before, Set<String> changed) {
        Column inChanged = col(PERIOD).isin(changed.toArray());
        Column[] columns = {col(PLATFORM), col(MARKETPLACE), col(CATEGORY), col(PERIOD), col(ORDER_ID)};
        Dataset<Row> nowChanged = now.filter(inChanged).select(columns);
        Dataset<Row> beforeChanged = before.filter(inChanged).select(columns);
        Dataset<Row> ids = nowChanged.select(col(PLATFORM), col(ORDER_ID))
                .union(beforeChanged.select(col(PLATFORM), col(ORDER_ID))).distinct();
        // the rows of those orders in the other months: the same at both versions, so counted in both sets
        Dataset<Row> rest = now.filter(not(inChanged)).select(columns)
                .join(broadcast(ids), new String[]{PLATFORM, ORDER_ID}, "left_semi")
                .withColumn("_v", explode(array(lit(0), lit(1))));
        List<Row> rows = nowChanged.withColumn("_v", lit(1))
                .unionByName(beforeChanged.withColumn("_v", lit(0)))
                .unionByName(rest)
                .groupBy(col("_v"), col(PLATFORM), col(ORDER_ID))
                .agg(array_sort(collect_set(struct(col(PLATFORM), col(MARKETPLACE), col(CATEGORY), col(PERIOD)))).as("_set"))
                .groupBy(col("_v"), col("_set"))
                .agg(count(lit(1)).as("_orders"))
                .collectAsList();
        for (Row r : rows) {
            List<Cell> set = new ArrayList<>();
            for (Row c : r.<Row>getList(1)) {
                set.add(new Cell(c.getString(0), c.getString(1), c.getString(2), FactCube.monthNumber(c.getString(3))));
            }
            set.sort(CELL_ORDER);
            long n = r.getInt(0) == 1 ? r.getLong(2) : -r.getLong(2);
            long sum = sets.merge(set, n, Long::sum);
            if (sum < 0) {
                return false;
            }
            if (sum == 0) {
                sets.remove(set);
            }
        }
        return true;
    }

    /** The sets of {@link OrderCounts#sets} (cube cells) as text cells, each set ordered as Spark's array_sort orders them. */
    static Map<List<Cell>, Long> texts(List<OrderCounts.CellSet> sets, FactCube cube) {
        int months = cube.months();
        Map<List<Cell>, Long> out = new HashMap<>();
        for (OrderCounts.CellSet s : sets) {
            List<Cell> cells = new ArrayList<>();
            for (int cell : s.cells()) {
                int[] codes = cube.leafCodes(cell / months);
                cells.add(new Cell(cube.platforms.text(codes[0]), cube.marketplaces.text(codes[1]),
                        cube.categories.text(codes[2]), cube.firstMonth() + cell % months));
            }
            cells.sort(CELL_ORDER);
            out.merge(cells, s.orders(), Long::sum);
        }
        return out;
    }

    /** Cells as Spark orders the structs (platform, marketplace, category, period): by each field, nulls first. */
    private static final java.util.Comparator<Cell> CELL_ORDER = (a, b) -> {
        int c = FactCube.compareText(a.platform(), b.platform());
        if (c == 0) {
            c = FactCube.compareText(a.marketplace(), b.marketplace());
        }
        if (c == 0) {
            c = FactCube.compareText(a.category(), b.category());
        }
        return c != 0 ? c : Integer.compare(a.month(), b.month());
    };

    /**
     * The counts per key of the cube from the sets (cells the cube does not hold are left out, as the full count does;
     * counts are sums of whole numbers, so the sets' order does not matter).
     */
    static long[] counts(Map<List<Cell>, Long> sets, FactCube cube) {
        Map<List<Object>, Integer> leaves = new HashMap<>();
        for (int leaf = 0; leaf < cube.leaves(); leaf++) {
            int[] codes = cube.leafCodes(leaf);
            leaves.put(java.util.Arrays.asList(cube.platforms.text(codes[0]), cube.marketplaces.text(codes[1]),
                    cube.categories.text(codes[2])), leaf);
        }
        int months = cube.months();
        List<OrderCounts.CellSet> coded = new ArrayList<>();
        for (Map.Entry<List<Cell>, Long> e : sets.entrySet()) {
            int[] cells = e.getKey().stream().mapToInt(c -> {
                Integer leaf = leaves.get(java.util.Arrays.asList(c.platform(), c.marketplace(), c.category()));
                int label = cube.monthLabel(c.month());
                return leaf == null || label < 0 ? -1 : leaf * months + label;
            }).filter(c -> c >= 0).toArray();
            coded.add(new OrderCounts.CellSet(cells, e.getValue()));
        }
        return OrderCounts.counts(coded, cube);
    }

    private String save(Map<List<Cell>, Long> sets, long version, String schema, int last) {
        return copy.save(new CopyFile.Header(version, schema, last), out -> {
            out.writeInt(sets.size());
            for (Map.Entry<List<Cell>, Long> e : sets.entrySet()) {
                out.writeInt(e.getKey().size());
                for (Cell c : e.getKey()) {
                    CopyFile.writeText(out, c.platform());
                    CopyFile.writeText(out, c.marketplace());
                    CopyFile.writeText(out, c.category());
                    out.writeInt(c.month());
                }
                out.writeLong(e.getValue());
            }
        });
    }

    private static Map<List<Cell>, Long> read(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("a damaged count of sets");
        }
        Map<List<Cell>, Long> sets = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int size = in.readInt();
            if (size < 0) {
                throw new IOException("a damaged set");
            }
            List<Cell> set = new ArrayList<>(size);
            for (int j = 0; j < size; j++) {
                set.add(new Cell(CopyFile.readText(in), CopyFile.readText(in), CopyFile.readText(in), in.readInt()));
            }
            sets.put(set, in.readLong());
        }
        return sets;
    }
}
