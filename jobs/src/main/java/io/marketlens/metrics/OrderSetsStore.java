package io.marketlens.metrics;

import static io.marketlens.fact.MarketFact.ORDER_ID;
import static io.marketlens.tables.Columns.CATEGORY;
import static io.marketlens.tables.Columns.MARKETPLACE;
import static io.marketlens.tables.Columns.PERIOD;
import static io.marketlens.tables.Columns.PLATFORM;
import static org.apache.spark.sql.functions.*;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.io.CacheFile;
import io.marketlens.io.Storage;
import io.marketlens.warehouse.DeltaLogs;
import io.marketlens.warehouse.MonthKeyIndex;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The distinct orders per scope and period (market_size's {@code orders}), from the orders' sets of cells
 * ({@link OrderSets}) kept in the warehouse between runs ({@code _cache/order_sets.bin}): a nightly run reads from the
 * orders table ({@code fact_orders}, partitioned by month) the months whose files changed since the run that wrote the
 * copy — and, in the other months, the rows of the orders it finds there (a Spark broadcast semi-join: one pass over
 * the order ids, no shuffle of them; up to {@value #BROADCAST_ROWS} rows of changed months) — instead of grouping all
 * orders by id again. Of the other months it reads only those that the index of the orders' months
 * ({@link MonthKeyIndex} by platform and order id, {@code _cache/order_months.bin}) names for those orders: usually
 * none, an order's lines sharing a month.
 *
 * <p>The copy records the orders table's version it reflects and the last month it holds (the analysis's last full
 * month then, later months being left out); the months after it are read as changed months, and an earlier last month
 * drops the later cells. The copy is not used — the orders are all grouped again, and the copy written again — when it
 * is missing, of another format, damaged, newer than the table, when the table's log no longer says what changed, or
 * when the changed orders do not agree with it. Written to a temporary name and renamed into place, zstd-compressed
 * with a checksum: a run killed while writing it leaves the previous copy.
 *
 * <p>In Spark, each (platform, marketplace, category, month) cell of the cube gets a number ({@code month × leaves +
 * leaf}, so that an order's smallest and largest numbers say whether its cells share a month), joined to the orders by
 * a broadcast. Each order is reduced to its row count and its smallest and largest cell, and the orders of one month
 * with one or two cells — nearly all — are counted per (smallest, largest) pair: the driver receives one row per pair.
 * The others (three cells or more in a month, or cells in several months) come in a second query that runs only when
 * there are such orders: those of one month counted per set, those of several months one by one with their keys.
 */
public final class OrderSetsStore {

    /** File of the copy, in {@link FactCubeStore#DIR}. */
    static final String FILE = "order_sets.bin";
    /** File of the index of the orders' months ({@link MonthKeyIndex}), in {@link FactCubeStore#DIR}. */
    static final String INDEX_FILE = "order_months.bin";
    /**
     * The size of the orders table's files from which grouping all orders also makes the index of their months (at 10 M
     * sales lines the table takes about 100 MB); a smaller table's index is made by the first night that needs it.
     */
    static final long INDEX_BYTES = 32L << 20;
    private static final String MAGIC = "marketlens order sets";
    /** Raised when the file's layout changes. */
    static final int FORMAT = 1;
    private static final String CELL = "_cell";
    /**
     * The most order rows of changed months whose ids are sent to every task to find those orders' rows in the other
     * months; with more (a night that changed many months of a large history), all orders are grouped again.
     */
    static final long BROADCAST_ROWS = 1_000_000;

    /** The counts, and how they were found (for the progress line). */
    public record Counted(long[] counts, String how) {
    }

    private final Storage storage;
    private final String warehouseRoot;
    private final CacheFile file;
    private final long broadcastRows;

    public OrderSetsStore(Storage storage, String warehouseRoot) {
        this(storage, warehouseRoot, BROADCAST_ROWS);
    }

    /** A store that sends at most {@code broadcastRows} order rows of changed months to every task. */
    OrderSetsStore(Storage storage, String warehouseRoot, long broadcastRows) {
        this.storage = storage;
        this.warehouseRoot = warehouseRoot;
        this.file = new CacheFile(storage, warehouseRoot, FILE, MAGIC, FORMAT);
        this.broadcastRows = broadcastRows;
    }

    private record Header(long version, int lastMonth) {
    }

    /**
     * Distinct orders per key of {@code cube} of the Delta table {@code ordersTable} up to the analysis's last full
     * month; {@code upToLast} is that table's rows up to that month, partitioned by order id, grouped when the copy
     * cannot be used. The copy is then brought up to date.
     */
    public Counted counts(SparkSession spark, String ordersTable, Dataset<Row> upToLast, FactCube cube, AnalysisPeriod period) {
        DeltaLogs logs = new DeltaLogs(storage);
        long version = logs.version(ordersTable);
        int last = FactCube.monthNumber(period.lastMonth());
        String why;
        Header h = null;
        OrderSets sets = null;
        Set<Integer> changed = Set.of();
        try (DataInputStream in = file.open()) {
            if (in == null) {
                why = "no copy of an earlier run's order sets";
            } else {
                h = header(in);
                Optional<Set<String>> touched = Optional.empty();
                if (h.version() > version) {
                    why = "the copy is of version " + h.version() + ", newer than the orders table's " + version;
                } else if ((touched = logs.partitionsTouched(ordersTable, h.version(), version, PERIOD)).isEmpty()) {
                    why = "the orders table's log does not say which months changed since version " + h.version();
                } else {
                    sets = OrderSets.read(in);
                    if (in.read() != -1) { // reading to the end checks the frame's checksum
                        throw new IOException("bytes after the order sets");
                    }
                    Set<Integer> months = new TreeSet<>();
                    touched.get().stream().map(FactCube::monthNumber).filter(m -> m <= last).forEach(months::add);
                    for (int m = h.lastMonth() + 1; m <= last; m++) {
                        months.add(m);
                    }
                    changed = months;
                    why = null;
                }
            }
        } catch (IOException | RuntimeException e) {
            why = "the copy cannot be read: " + Storage.why(e);
            sets = null;
        }
        String how;
        String lookedUp = "";
        if (sets != null) {
            if (h.lastMonth() > last) {
                sets.keepUpTo(last);
            }
            if (!changed.isEmpty()) {
                Column inChanged = col(PERIOD).isin(changed.stream().map(FactCube::monthText).toArray());
                Dataset<Row> table = spark.read().format("delta").option("versionAsOf", version).load(ordersTable)
                        .select(col(PLATFORM), col(MARKETPLACE), col(CATEGORY), col(PERIOD), col(ORDER_ID))
                        .filter(col(PERIOD).leq(FactCube.monthText(last)));
                Dataset<Row> ofChanged = table.filter(inChanged);
                long rows = ofChanged.count();
                if (rows > broadcastRows) {
                    why = String.format(Locale.ROOT, "%,d order rows in the %d changed month(s), more than the %,d sent to"
                            + " every task", rows, changed.size(), broadcastRows);
                    sets = null;
                } else {
                    // the same orders' rows in the months that did not change: only the months the index of the orders'
                    // months names for them are read
                    MonthKeyIndex index = index(ordersTable);
                    String indexed = index.refresh(spark, version);
                    Set<String> changedMonths = new TreeSet<>();
                    changed.forEach(m -> changedMonths.add(FactCube.monthText(m)));
                    Set<String> others = new TreeSet<>();
                    index.months().stream().filter(m -> !changedMonths.contains(m) && m.compareTo(FactCube.monthText(last)) <= 0)
                            .forEach(others::add);
                    Set<String> holding = index.monthsHolding(index.hashesOf(changedMonths), others);
                    lookedUp = String.format(Locale.ROOT, "; their rows elsewhere looked for in %d of %d other month(s)"
                            + " (the index of the orders' months: %s)", holding.size(), others.size(), indexed);
                    Dataset<Row> changedOrders = ofChanged;
                    if (!holding.isEmpty()) {
                        changedOrders = ofChanged.unionByName(table.filter(col(PERIOD).isin(holding.toArray()))
                                .join(broadcast(ofChanged.select(col(PLATFORM), col(ORDER_ID))), new String[]{PLATFORM, ORDER_ID}, "left_semi"));
                    }
                    OrderSets fresh = new OrderSets();
                    read(changedOrders, cube, fresh);
                    try {
                        sets.update(changed, fresh);
                    } catch (IllegalStateException | IllegalArgumentException e) {
                        why = "the copy does not agree with the changed orders (" + e.getMessage() + ")";
                        sets = null;
                    }
                }
            }
        }
        if (sets == null) {
            sets = new OrderSets();
            read(upToLast, cube, sets);
            how = "orders grouped in full (" + why + ")";
            if (!storage.holdsLessThan(ordersTable, INDEX_BYTES)) {
                // a large table: the index is made now, so that the next night need not look through it
                how += "; the index of the orders' months " + index(ordersTable).refresh(spark, version);
            }
        } else {
            how = String.format(Locale.ROOT, "orders of %d month(s) grouped, the others' kept", changed.size()) + lookedUp;
        }
        long[] counts = OrderCounts.ofSets(sets, cube);
        boolean same = h != null && h.version() == version && h.lastMonth() == last && changed.isEmpty() && why == null;
        return new Counted(counts, how + (same ? "" : save(sets, version, last)));
    }

    /** The index of the orders table's months by order ({@code platform, order_id}), kept beside the copy. */
    MonthKeyIndex index(String ordersTable) {
        return new MonthKeyIndex(storage, warehouseRoot, INDEX_FILE, ordersTable, PERIOD, List.of(PLATFORM, ORDER_ID));
    }

    /** Adds the sets of cells of {@code orders} (rows of the orders table) to {@code into}. */
    static void read(Dataset<Row> orders, FactCube cube, OrderSets into) {
        if (cube.leaves() == 0) {
            return;
        }
        int leaves = cube.leaves();
        if ((long) leaves * cube.months() > Integer.MAX_VALUE) {
            throw new IllegalStateException("too many cells to number: " + leaves + " leaves × " + cube.months() + " months");
        }
        Dataset<Row> cells = orders.join(broadcast(cells(orders.sparkSession(), cube)), new String[]{PLATFORM, MARKETPLACE, CATEGORY, PERIOD})
                .select(col(PLATFORM), col(ORDER_ID), col(CELL));
        Column oneMonth = floor(col("_lo").divide(leaves)).equalTo(floor(col("_hi").divide(leaves)));
        Column n = col("_n");
        List<Row> pairs = cells.groupBy(col(PLATFORM), col(ORDER_ID))
                .agg(count(lit(1)).as("_n"), min(col(CELL)).as("_lo"), max(col(CELL)).as("_hi"))
                .groupBy(when(n.leq(2).and(oneMonth), col("_lo")).as("_lo"), when(n.equalTo(2).and(oneMonth), col("_hi")).as("_hi"))
                .agg(count(lit(1)).as("_orders"))
                .collectAsList();
        int[] leafOf = new int[leaves];
        for (int leaf = 0; leaf < leaves; leaf++) {
            int[] codes = cube.leafCodes(leaf);
            leafOf[leaf] = into.leaf(cube.platforms.text(codes[0]), cube.marketplaces.text(codes[1]), cube.categories.text(codes[2]));
        }
        boolean others = false;
        for (Row r : pairs) {
            if (r.isNullAt(0)) {
                others = true;
                continue;
            }
            long[] set = r.isNullAt(1) ? new long[]{cell(r.getInt(0), cube, leafOf)}
                    : new long[]{cell(r.getInt(0), cube, leafOf), cell(r.getInt(1), cube, leafOf)};
            into.add(OrderSets.Cells.of(set), r.getLong(2), null);
        }
        if (others) {
            List<Row> rest = cells.groupBy(col(PLATFORM), col(ORDER_ID))
                    .agg(count(lit(1)).as("_n"), min(col(CELL)).as("_lo"), max(col(CELL)).as("_hi"),
                            collect_list(col(CELL)).as("_set"))
                    .where(not(n.leq(2).and(oneMonth)))
                    // an order of one month counts in its set's count; one of several months is kept by its key
                    .groupBy(when(oneMonth, lit(null)).otherwise(col(PLATFORM)).as(PLATFORM),
                            when(oneMonth, lit(null)).otherwise(col(ORDER_ID)).as(ORDER_ID), array_sort(col("_set")).as("_set"))
                    .agg(count(lit(1)).as("_orders"))
                    .collectAsList();
            for (Row r : rest) {
                List<Integer> members = r.getList(2);
                long[] set = new long[members.size()];
                for (int i = 0; i < set.length; i++) {
                    set[i] = cell(members.get(i), cube, leafOf);
                }
                OrderSets.OrderKey key = r.isNullAt(0) ? null : new OrderSets.OrderKey(r.getString(0), r.getString(1));
                into.add(OrderSets.Cells.of(set), r.getLong(3), key);
            }
        }
    }

    /** The {@link OrderSets} cell of a cell number of {@link #cells}. */
    private static long cell(int number, FactCube cube, int[] leafOf) {
        int leaves = cube.leaves();
        return OrderSets.cell(cube.firstMonth() + number / leaves, leafOf[number % leaves]);
    }

    /** The cube's cells as (platform, marketplace, category, period, cell number). */
    private static Dataset<Row> cells(SparkSession spark, FactCube cube) {
        StructType schema = new StructType()
                .add(PLATFORM, DataTypes.StringType)
                .add(MARKETPLACE, DataTypes.StringType)
                .add(CATEGORY, DataTypes.StringType)
                .add(PERIOD, DataTypes.StringType)
                .add(CELL, DataTypes.IntegerType, false);
        int leaves = cube.leaves();
        List<Row> rows = new ArrayList<>(leaves * cube.months());
        for (int t = 0; t < cube.months(); t++) {
            String period = FactCube.monthText(cube.firstMonth() + t);
            for (int leaf = 0; leaf < leaves; leaf++) {
                int[] codes = cube.leafCodes(leaf);
                rows.add(RowFactory.create(cube.platforms.text(codes[0]), cube.marketplaces.text(codes[1]),
                        cube.categories.text(codes[2]), period, t * leaves + leaf));
            }
        }
        return spark.createDataFrame(rows, schema);
    }

    private static Header header(DataInputStream in) throws IOException {
        return new Header(in.readLong(), in.readInt());
    }

    /**
     * Writes the copy under a temporary name and renames it into place; returns "" or, when it cannot be written, a
     * note saying so (the run goes on: the next one groups the orders in full, or reads the older copy).
     */
    String save(OrderSets sets, long version, int lastMonth) {
        return file.save(out -> {
            out.writeLong(version);
            out.writeInt(lastMonth);
            sets.write(out);
        }, "their copy");
    }
}
