package io.marketlens.metrics;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.fact.FactStore;
import io.marketlens.io.CacheFile;
import io.marketlens.io.Storage;
import io.marketlens.tables.Columns;
import io.marketlens.warehouse.DeltaLogs;
import io.marketlens.warehouse.Warehouse;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The monthly rows of {@code logistics_lanes} kept in the warehouse between runs ({@code _cache/lane_months.bin}), so
 * that a nightly run groups the shipments of the months whose rows can have changed, and of the window (whose rows
 * span months), instead of every shipment of the history.
 *
 * <p>A month's rows depend on its shipments and on the revenue of their orders (the cost share). The copy records the
 * logistics table's version, the orders table's ({@code fact_orders}) version, the last full month and the time zone
 * it reflects; a month is grouped again when
 * <ul>
 *   <li>the commits since then touched its partition of the logistics table, or the one before or after (a
 *   shipment's partition is the month of its date in the zone of the run that stored it);</li>
 *   <li>one of its shipments belongs to an order whose rows in the months of the orders table the commits since then
 *   touched add up to another revenue now than at the copy's version, or that has rows there at one of the two only
 *   (a new order, or one whose lines were all cancelled);</li>
 *   <li>it lies between the copy's last month and tonight's (when the last full month moved, the orders of the months
 *   in between are compared too: their lines now count, or no longer do).</li>
 * </ul>
 * The copy is not used — every shipment is grouped again, and the copy written anew — when it is missing, of another
 * format or time zone, damaged, newer than a table, when a table's log no longer says which partitions changed (or a
 * commit changed its schema), or when more than {@value #BROADCAST_ROWS} orders changed their revenue. Written
 * to a temporary name and renamed into place, zstd-compressed with a checksum: a run killed while writing it leaves
 * the previous copy.
 */
public final class LaneMonthsStore {

    /** File of the copy, in {@link FactCubeStore#DIR}. */
    static final String FILE = "lane_months.bin";
    private static final String MAGIC = "marketlens lane months";
    /** Raised when the file's layout or the rows' columns change. */
    static final int FORMAT = 1;
    /** The most orders of changed revenue whose ids are sent to every task to find their shipments. */
    static final long BROADCAST_ROWS = 1_000_000;
    private static final String ORDER_ID = "order_id";
    private static final String BEFORE = "_before";
    private static final String NOW = "_now";

    /**
     * What to group: the months whose rows are grouped again ({@code null}: every month), the rows kept from the copy
     * for the other months (with their lane level, as {@code LogisticsLanes} groups them), and how (for the note).
     */
    public record Plan(Versions now, Set<String> months, List<Row> kept, String how) {

        /** Every month grouped, nothing kept, because of {@code why}. */
        static Plan all(Versions now, String why) {
            return new Plan(now, null, List.of(), "every month grouped (" + why + ")");
        }

        /**
         * The shipments of the warehouse ({@code shipments}, with its month partition column) that the months to group and
         * the window of {@code period} need: those of the partitions of these months and of the month before and after each
         * (a shipment is stored under the month of its date in the zone of the run that stored it, at most a month from its
         * month in this run's zone); all of them when every month is grouped.
         */
        public Dataset<Row> needed(Dataset<Row> shipments, AnalysisPeriod period) {
            if (months == null || !java.util.Arrays.asList(shipments.columns()).contains(Warehouse.MONTH)) {
                return shipments;
            }
            Set<String> wanted = new TreeSet<>(months);
            for (YearMonth m = period.firstWindowMonth(); !m.isAfter(period.lastMonth()); m = m.plusMonths(1)) {
                wanted.add(m.toString());
            }
            return shipments.filter(col(Warehouse.MONTH).isin(FactStore.widen(wanted).toArray()));
        }
    }

    private record Header(String zone, long shipmentsVersion, long ordersVersion, int lastMonth) {
    }

    private final Storage storage;
    private final CacheFile file;
    private final String shipmentsTable;
    private final Optional<String> ordersTable;
    private final String zone;
    private final long broadcastRows;
    private final StructType schema;

    /**
     * A store in the warehouse of the Delta table {@code shipmentsTable} (the logistics source), whose orders' revenue
     * comes from the Delta table {@code ordersTable} (empty without sales), months taken in time zone {@code zone}; the
     * rows it keeps are of {@code schema} (the lanes' columns and their level, {@code LogisticsLanes.groupSchema}).
     */
    public LaneMonthsStore(Storage storage, String shipmentsTable, Optional<String> ordersTable, String zone, StructType schema) {
        this(storage, shipmentsTable, ordersTable, zone, schema, BROADCAST_ROWS);
    }

    LaneMonthsStore(Storage storage, String shipmentsTable, Optional<String> ordersTable, String zone, StructType schema,
                    long broadcastRows) {
        this.schema = schema;
        this.storage = storage;
        this.file = new CacheFile(storage, new org.apache.hadoop.fs.Path(shipmentsTable).getParent().toString(), FILE, MAGIC, FORMAT);
        this.shipmentsTable = shipmentsTable;
        this.ordersTable = ordersTable;
        this.zone = zone;
        this.broadcastRows = broadcastRows;
    }

    /** The versions the rows grouped now reflect, to be given to {@link #save}. */
    public record Versions(long shipments, long orders, int lastMonth) {
    }

    /** The tables' current versions, with the last full month {@code lastMonth}. */
    Versions versions(YearMonth lastMonth) {
        DeltaLogs logs = new DeltaLogs(storage);
        return new Versions(logs.version(shipmentsTable), ordersTable.map(logs::version).orElse(-1L), FactCube.monthNumber(lastMonth));
    }

    /**
     * Which months to group for the analysis {@code period}, given the warehouse's shipments ({@code shipments}: the
     * logistics table with its month partition column) as the tables are now.
     */
    public Plan plan(SparkSession spark, Dataset<Row> shipments, AnalysisPeriod period) {
        Versions now = versions(period.lastMonth());
        DeltaLogs logs = new DeltaLogs(storage);
        Header h;
        List<Row> rows;
        try (DataInputStream in = file.open()) {
            if (in == null) {
                return Plan.all(now, "no copy of an earlier run's lane months");
            }
            h = new Header(in.readUTF(), in.readLong(), in.readLong(), in.readInt());
            if (!h.zone().equals(zone)) {
                return Plan.all(now, "the copy's months are in time zone " + h.zone() + ", not " + zone);
            }
            if (h.shipmentsVersion() > now.shipments() || h.ordersVersion() > now.orders()) {
                return Plan.all(now, "the copy is newer than the tables");
            }
            if ((h.ordersVersion() < 0) != (now.orders() < 0)) {
                return Plan.all(now, now.orders() < 0 ? "the orders are gone" : "the orders are new");
            }
            rows = readRows(in, schema);
            if (in.read() != -1) { // reading to the end checks the frame's checksum
                throw new IOException("bytes after the rows");
            }
        } catch (IOException | RuntimeException e) {
            return Plan.all(now, "the copy cannot be read: " + Storage.why(e));
        }
        Optional<Set<String>> stored = logs.partitionsTouched(shipmentsTable, h.shipmentsVersion(), now.shipments(), Warehouse.MONTH);
        if (stored.isEmpty()) {
            return Plan.all(now, "the logistics table's log does not say which months changed");
        }
        // a shipment's partition is the month of its date in the zone of the run that stored it
        Set<String> months = FactStore.widen(stored.get());
        Set<String> orderMonths = new TreeSet<>();
        if (now.orders() >= 0) {
            Optional<Set<String>> touched = logs.partitionsTouched(ordersTable.get(), h.ordersVersion(), now.orders(), Columns.PERIOD);
            if (touched.isEmpty()) {
                return Plan.all(now, "the orders table's log does not say which months changed");
            }
            orderMonths.addAll(touched.get());
        }
        // the months between the copy's last month and tonight's: new months, and orders whose lines now count or no longer
        int from = Math.min(h.lastMonth(), now.lastMonth());
        int to = Math.max(h.lastMonth(), now.lastMonth());
        for (int m = from + 1; m <= to; m++) {
            months.add(FactCube.monthText(m));
            orderMonths.add(FactCube.monthText(m));
        }
        // without orders no shipment has an order's revenue, whatever the months
        if (now.orders() >= 0 && !orderMonths.isEmpty()) {
            Optional<Set<String>> ofOrders;
            try {
                ofOrders = shipmentMonths(spark, shipments, h, now, orderMonths);
            } catch (RuntimeException e) {
                // e.g. the files of the copy's version were vacuumed
                return Plan.all(now, "the orders table at version " + h.ordersVersion() + " cannot be read: " + Storage.why(e));
            }
            if (ofOrders.isEmpty()) {
                return Plan.all(now, String.format(Locale.ROOT, "more than %,d orders of the %d changed month(s) of the orders"
                        + " changed their revenue", broadcastRows, orderMonths.size()));
            }
            months.addAll(ofOrders.get());
        }
        String last = FactCube.monthText(now.lastMonth());
        months.removeIf(m -> m.compareTo(last) > 0);
        List<Row> kept = new ArrayList<>();
        for (Row r : rows) {
            String month = r.getString(4);
            if (month.compareTo(last) <= 0 && !months.contains(month)) {
                kept.add(r);
            }
        }
        return new Plan(now, months, kept, String.format(Locale.ROOT, "%d month(s) grouped%s, the others kept from the last run",
                months.size(), months.isEmpty() ? "" : " (" + FactStore.abbreviate(months) + ")"));
    }

    /**
     * The months (of ship_ts in the session's time zone) of the shipments whose order's revenue can differ from the one
     * the copy's rows used: the orders whose rows in {@code orderMonths} add up to another revenue at the orders
     * table's version now (rows up to the last full month now) than at the copy's (up to the copy's last month), or
     * that have such rows at one of the two only; empty when there are more such orders than the store sends to every
     * task. Rows in other months are the same at both versions, and a sum over the same rows in another order counts as
     * a change here, so no changed order is missed.
     */
    private Optional<Set<String>> shipmentMonths(SparkSession spark, Dataset<Row> shipments, Header h, Versions now,
                                                 Set<String> orderMonths) {
        Object[] in = orderMonths.toArray();
        Dataset<Row> before = spark.read().format("delta").option("versionAsOf", h.ordersVersion()).load(ordersTable.get())
                .filter(col(Columns.PERIOD).isin(in).and(col(Columns.PERIOD).leq(FactCube.monthText(h.lastMonth()))))
                .select(col(ORDER_ID), col(Columns.REVENUE).as(BEFORE), lit(null).cast(DataTypes.DoubleType).as(NOW));
        Dataset<Row> after = spark.read().format("delta").option("versionAsOf", now.orders()).load(ordersTable.get())
                .filter(col(Columns.PERIOD).isin(in).and(col(Columns.PERIOD).leq(FactCube.monthText(now.lastMonth()))))
                .select(col(ORDER_ID), lit(null).cast(DataTypes.DoubleType).as(BEFORE), col(Columns.REVENUE).as(NOW));
        List<Row> changed = before.unionByName(after).groupBy(col(ORDER_ID)).agg(sum(col(BEFORE)).as(BEFORE), sum(col(NOW)).as(NOW))
                .filter(not(col(BEFORE).eqNullSafe(col(NOW)))).select(col(ORDER_ID))
                .limit((int) Math.min(Integer.MAX_VALUE, broadcastRows + 1)).collectAsList();
        if (changed.size() > broadcastRows) {
            return Optional.empty();
        }
        Set<String> out = new TreeSet<>();
        if (changed.isEmpty()) {
            return Optional.of(out);
        }
        Dataset<Row> ids = spark.createDataFrame(changed, new StructType().add(ORDER_ID, DataTypes.StringType));
        shipments.filter(col(ORDER_ID).isNotNull())
                .join(broadcast(ids), new String[]{ORDER_ID}, "left_semi")
                .select(date_format(col("ship_ts"), "yyyy-MM").as(Columns.PERIOD)).distinct()
                .collectAsList().forEach(r -> {
                    if (!r.isNullAt(0)) {
                        out.add(r.getString(0));
                    }
                });
        return Optional.of(out);
    }

    /**
     * Writes the monthly rows ({@code rows}: all months, window rows left out here) for the next run as reflecting the
     * tables at {@code now}, under a temporary name renamed into place; returns "" or, when it cannot be written, a note
     * saying so.
     */
    public String save(List<Row> rows, Versions now) {
        return file.save(out -> {
            out.writeUTF(zone);
            out.writeLong(now.shipments());
            out.writeLong(now.orders());
            out.writeInt(now.lastMonth());
            List<Row> monthly = rows.stream().filter(r -> !AnalysisPeriod.WINDOW.equals(r.getString(4))).toList();
            writeRows(out, monthly, schema);
        }, "the lane months' copy");
    }

    /** Rows of {@code schema}: their count, then each value with a mark for null (text, 64- and 32-bit integers, doubles). */
    static void writeRows(DataOutputStream out, List<Row> rows, StructType schema) throws IOException {
        StructField[] fields = schema.fields();
        out.writeInt(fields.length);
        out.writeInt(rows.size());
        for (Row r : rows) {
            for (int i = 0; i < fields.length; i++) {
                if (r.isNullAt(i)) {
                    out.writeBoolean(false);
                    continue;
                }
                out.writeBoolean(true);
                DataType t = fields[i].dataType();
                if (t.equals(DataTypes.StringType)) {
                    out.writeUTF(r.getString(i));
                } else if (t.equals(DataTypes.LongType)) {
                    out.writeLong(r.getLong(i));
                } else if (t.equals(DataTypes.IntegerType)) {
                    out.writeInt(r.getInt(i));
                } else if (t.equals(DataTypes.DoubleType)) {
                    out.writeLong(Double.doubleToRawLongBits(r.getDouble(i)));
                } else {
                    throw new IllegalArgumentException("no layout for " + t + " (" + fields[i].name() + ")");
                }
            }
        }
    }

    /** The rows {@link #writeRows} wrote, of the same {@code schema}. */
    static List<Row> readRows(DataInputStream in, StructType schema) throws IOException {
        StructField[] fields = schema.fields();
        int columns = in.readInt();
        if (columns != fields.length) {
            throw new IOException(columns + " columns, not " + fields.length);
        }
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("a negative row count");
        }
        List<Row> rows = new ArrayList<>(Math.min(n, 1 << 20));
        for (int k = 0; k < n; k++) {
            Object[] values = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                if (!in.readBoolean()) {
                    continue;
                }
                DataType t = fields[i].dataType();
                if (t.equals(DataTypes.StringType)) {
                    values[i] = in.readUTF();
                } else if (t.equals(DataTypes.LongType)) {
                    values[i] = in.readLong();
                } else if (t.equals(DataTypes.IntegerType)) {
                    values[i] = in.readInt();
                } else if (t.equals(DataTypes.DoubleType)) {
                    values[i] = Double.longBitsToDouble(in.readLong());
                } else {
                    throw new IOException("no layout for " + t + " (" + fields[i].name() + ")");
                }
            }
            rows.add(RowFactory.create(values));
        }
        return rows;
    }
}
