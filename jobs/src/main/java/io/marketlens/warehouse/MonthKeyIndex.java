package io.marketlens.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.xxhash64;

import io.marketlens.io.CacheFile;
import io.marketlens.io.Storage;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Which months of a Delta table partitioned by month can hold a key: for each month partition, the sorted distinct
 * 64-bit hashes (Spark's {@code xxhash64}) of the key columns of its rows. A month that holds a key always has its
 * hash; a month that has the hash may not hold the key (two keys share a hash about once in 2⁶⁴ / n² pairs), so a
 * caller reads the months it names to find the rows — it reads no other month.
 *
 * <p>Kept in the warehouse's {@link CacheFile#DIR} between runs with the table version it reflects, and brought up to a
 * later version by hashing again only the months the commits since then added or removed files in
 * ({@link DeltaLogs#partitionsTouched}). Built in full — one pass over the key columns of every month — when the copy is
 * missing, damaged, of another format, of another table or key, newer than the table, or when the table's log no
 * longer says what changed. Written under a temporary name and renamed into place (a run killed while writing it
 * leaves the previous copy); safe to delete.
 */
public final class MonthKeyIndex {

    private static final String MAGIC = "marketlens month key index";
    /** Raised when the file's layout changes. */
    static final int FORMAT = 1;
    private static final String HASH = "_key_hash";
    /** A month partition without a value (null) is kept under this name. */
    private static final String NO_MONTH = "";

    private final Storage storage;
    private final CacheFile file;
    private final String table;
    private final String monthColumn;
    private final List<String> keyColumns;
    private long version = -1;
    private final TreeMap<String, long[]> months = new TreeMap<>();

    /**
     * The index of the Delta table {@code table} by {@code keyColumns}, per value of its partition column
     * {@code monthColumn}, kept as {@code <warehouseRoot>/_cache/<name>}; empty until {@link #refresh}.
     */
    public MonthKeyIndex(Storage storage, String warehouseRoot, String name, String table, String monthColumn,
                         List<String> keyColumns) {
        this.storage = storage;
        this.file = new CacheFile(storage, warehouseRoot, name, MAGIC, FORMAT);
        this.table = table;
        this.monthColumn = monthColumn;
        this.keyColumns = List.copyOf(keyColumns);
    }

    /** The hash of a key as this index computes it: Spark's {@code xxhash64} of the key columns, in order. */
    public Column hash() {
        return xxhash64(keyColumns.stream().map(c -> col(c)).toArray(Column[]::new));
    }

    /**
     * Brings the index to {@code upTo}, the table's version (from its copy where it can, saving the copy when it
     * changed); returns how, for a progress line: {@code "n month(s) hashed again"} or {@code "built in full (why)"},
     * and a note when the copy cannot be written.
     */
    public String refresh(SparkSession spark, long upTo) {
        String why;
        Set<String> touched = null;
        months.clear();
        version = -1;
        try (DataInputStream in = file.open()) {
            if (in == null) {
                why = "no copy yet";
            } else {
                long v = in.readLong();
                String described = in.readUTF();
                Optional<Set<String>> changed = Optional.empty();
                if (!described.equals(describe())) {
                    why = "the copy is of " + described;
                } else if (v > upTo) {
                    why = "the copy is of version " + v + ", newer than the table's " + upTo;
                } else if ((changed = new DeltaLogs(storage).partitionsTouched(table, v, upTo, monthColumn)).isEmpty()) {
                    why = "the table's log does not say which months changed since version " + v;
                } else {
                    int n = in.readInt();
                    for (int i = 0; i < n; i++) {
                        String month = in.readUTF();
                        long[] hashes = new long[in.readInt()];
                        for (int j = 0; j < hashes.length; j++) {
                            hashes[j] = in.readLong();
                        }
                        months.put(month, hashes);
                    }
                    if (in.read() != -1) { // reading to the end checks the frame's checksum
                        throw new IOException("bytes after the index");
                    }
                    touched = changed.get();
                    why = null;
                }
            }
        } catch (IOException | RuntimeException e) {
            why = "the copy cannot be read: " + Storage.why(e);
        }
        String how;
        if (why == null) {
            touched.forEach(months::remove);
            if (!touched.isEmpty()) {
                months.putAll(hashMonths(spark, upTo, touched));
            }
            how = touched.size() + " month(s) hashed again";
        } else {
            months.clear();
            months.putAll(hashMonths(spark, upTo, null));
            how = "built in full (" + why + ")";
        }
        boolean same = why == null && touched.isEmpty();
        version = upTo;
        return same ? how : how + save();
    }

    /** The months the index knows, in order. */
    public Set<String> months() {
        return java.util.Collections.unmodifiableSet(months.keySet());
    }

    /** The sorted distinct hashes of the keys of {@code months}' rows, together. */
    public long[] hashesOf(Collection<String> months) {
        return distinctSorted(months.stream().map(this.months::get).filter(java.util.Objects::nonNull)
                .flatMapToLong(java.util.Arrays::stream).toArray());
    }

    /** The months of {@code among} that can hold one of the keys with the sorted {@code hashes}, in order. */
    public Set<String> monthsHolding(long[] hashes, Collection<String> among) {
        Set<String> out = new TreeSet<>();
        for (String m : among) {
            long[] h = months.get(m);
            if (h != null && intersect(h, hashes)) {
                out.add(m);
            }
        }
        return out;
    }

    /** Whether two sorted arrays share a value. */
    static boolean intersect(long[] a, long[] b) {
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                return true;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    static long[] distinctSorted(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (i == 0 || v[i] != v[i - 1]) {
                v[n++] = v[i];
            }
        }
        return Arrays.copyOf(v, n);
    }

    /** What the copy is of: its table's folder name, month column and key. */
    private String describe() {
        return String.format(Locale.ROOT, "%s by %s per %s", new org.apache.hadoop.fs.Path(table).getName(),
                String.join(", ", keyColumns), monthColumn);
    }

    /**
     * The hashes of the keys of the rows of {@code only} months (all when null) at {@code upTo}: one Spark query without
     * a shuffle — each task sorts the hashes of its rows per month into primitive arrays and sends each month's as one
     * binary value — merged per month on the driver.
     */
    private Map<String, long[]> hashMonths(SparkSession spark, long upTo, Set<String> only) {
        Dataset<Row> rows = spark.read().format("delta").option("versionAsOf", upTo).load(table);
        if (only != null) {
            rows = rows.filter(col(monthColumn).isin(only.stream().filter(m -> !m.equals(NO_MONTH)).toArray()));
        }
        StructType parts = new StructType().add("month", DataTypes.StringType).add("hashes", DataTypes.BinaryType);
        Dataset<Row> perTask = rows.select(col(monthColumn).cast("string"), hash().as(HASH))
                .mapPartitions((MapPartitionsFunction<Row, Row>) MonthKeyIndex::sortedPerMonth, Encoders.row(parts));
        Map<String, List<long[]>> pieces = new TreeMap<>();
        for (Row r : perTask.collectAsList()) {
            java.nio.LongBuffer b = java.nio.ByteBuffer.wrap(r.getAs(1)).asLongBuffer();
            long[] h = new long[b.remaining()];
            b.get(h);
            pieces.computeIfAbsent(r.isNullAt(0) ? NO_MONTH : r.getString(0), m -> new java.util.ArrayList<>()).add(h);
        }
        Map<String, long[]> out = new TreeMap<>();
        pieces.forEach((m, list) -> out.put(m, distinctSorted(list.stream().flatMapToLong(Arrays::stream).toArray())));
        return out;
    }

    /** A task's (month, hash) rows as one row per month: the month and its distinct hashes, sorted, as bytes. */
    private static java.util.Iterator<Row> sortedPerMonth(java.util.Iterator<Row> rows) {
        Map<String, Hashes> perMonth = new java.util.HashMap<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            perMonth.computeIfAbsent(r.isNullAt(0) ? null : r.getString(0), m -> new Hashes()).add(r.getLong(1));
        }
        List<Row> out = new java.util.ArrayList<>();
        perMonth.forEach((m, hashes) -> {
            long[] sorted = distinctSorted(Arrays.copyOf(hashes.values, hashes.size));
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(sorted.length * Long.BYTES);
            b.asLongBuffer().put(sorted);
            out.add(org.apache.spark.sql.RowFactory.create(m, b.array()));
        });
        return out.iterator();
    }

    /** A growing array of one month's hashes in a task. */
    private static final class Hashes {
        long[] values = new long[1024];
        int size;

        void add(long h) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = h;
        }
    }

    private String save() {
        return file.save(out -> {
            out.writeLong(version);
            out.writeUTF(describe());
            out.writeInt(months.size());
            for (Map.Entry<String, long[]> e : months.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (long h : e.getValue()) {
                    out.writeLong(h);
                }
            }
        }, "the index of " + describe());
    }
}
