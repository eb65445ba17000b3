package io.marketlens.metrics;

import static org.apache.spark.sql.functions.col;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.io.CacheFile;
import io.marketlens.io.Storage;
import io.marketlens.tables.Columns;
import io.marketlens.warehouse.DeltaLogs;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The market fact's {@link FactCube} kept in the warehouse between runs ({@code _cache/fact_cube.bin}), so that a
 * nightly run reads from the fact table only the months whose files changed since the run that wrote the copy, not
 * all of them again.
 *
 * <p>The copy records the fact table's version it was read at, the table's schema and the last month it holds (the
 * analysis's last full month then). A run reads the table's commits since that version from the Delta log
 * ({@link DeltaLogs#partitionsTouched}): the months whose files were added or removed are read again, with any month
 * after the copy's last; the copy's other months are kept; and the cube is put together month by month with its codes
 * given again in order of first appearance — the cube a read of the whole fact gives (each month's rows in the order
 * of its file), which {@code FactCubeStoreTest} checks. When the copy cannot be used — missing, of another format or
 * schema, damaged, or the log no longer says what changed — the whole fact is read, and the copy written again.
 *
 * <p>The file is zstd-compressed with a checksum, written to a temporary name and renamed into place, so a run killed
 * while writing it leaves the previous copy. Deleting {@code _cache/} costs the next run a full read, nothing else.
 */
public final class FactCubeStore {

    /** Folder of the warehouse that holds the copy. */
    public static final String DIR = io.marketlens.io.CacheFile.DIR;
    static final String FILE = "fact_cube.bin";
    private static final String MAGIC = "marketlens fact cube";
    /** Raised when the file's layout or the cube's columns change. */
    static final int FORMAT = 1;

    /** The cube and how it was read, for the progress line. */
    public record Loaded(FactCube cube, String how) {
    }

    private final Storage storage;
    private final CacheFile file;

    public FactCubeStore(Storage storage, String warehouseRoot) {
        this.storage = storage;
        this.file = new CacheFile(storage, warehouseRoot, FILE, MAGIC, FORMAT);
    }

    /** The copy's header: what it reflects. */
    private record Header(long version, String schema, int lastMonth) {
    }

    /**
     * The cube of the Delta table {@code factTable} (the market fact, partitioned by {@code period}) up to the
     * analysis's last full month, read at its latest version from the copy and the changed months, or in full; the copy
     * is then brought up to date.
     */
    public Loaded load(SparkSession spark, String factTable, AnalysisPeriod period) {
        DeltaLogs logs = new DeltaLogs(storage);
        long version = logs.version(factTable);
        Dataset<Row> fact = spark.read().format("delta").option("versionAsOf", version).load(factTable);
        String schema = fact.schema().json();
        int last = FactCube.monthNumber(period.lastMonth());
        Column upToLast = col(Columns.PERIOD).leq(period.lastPeriod());

        // the copy and the months to read again, or why the whole fact is read
        String why = null;
        Header h = null;
        FactCube old = null;
        Set<Integer> reread = Set.of();
        try (DataInputStream in = file.open()) {
            if (in == null) {
                why = "no copy of an earlier run's cube";
            } else {
                h = header(in);
                Optional<Set<String>> touched = Optional.empty();
                if (h.version() > version) {
                    why = "the copy is of version " + h.version() + ", newer than the fact table's " + version;
                } else if (!h.schema().equals(schema)) {
                    why = "the fact table's columns changed since the copy";
                } else if ((touched = logs.partitionsTouched(factTable, h.version(), version, Columns.PERIOD)).isEmpty()) {
                    why = "the fact table's log does not say which months changed since version " + h.version();
                } else {
                    reread = touched.get().stream().map(FactCube::monthNumber).filter(m -> m <= last)
                            .collect(Collectors.toCollection(TreeSet::new));
                    old = FactCube.read(in, period);
                    if (in.read() != -1) { // reading to the end checks the frame's checksum
                        throw new IOException("bytes after the cube");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            why = "the copy cannot be read: " + Storage.why(e);
            old = null;
        }
        if (old == null) {
            FactCube cube = FactCube.load(fact.filter(upToLast), period);
            return new Loaded(cube, "read in full (" + why + ")" + save(cube, version, schema, last));
        }
        int copyLast = h.lastMonth();
        Set<Integer> months = reread;
        Column which = col(Columns.PERIOD).isin(months.stream().map(FactCube::monthText).toArray());
        if (last > copyLast) {
            which = which.or(col(Columns.PERIOD).gt(FactCube.monthText(copyLast)));
        }
        FactCube fresh = months.isEmpty() && last <= copyLast ? FactCube.none(period)
                : FactCube.rowsOf(fact.filter(upToLast.and(which)), period);
        FactCube cube = old.merge(fresh, m -> m <= last && m <= copyLast && !months.contains(m));
        int read = fresh.monthsPresent().length;
        String saved = h.version() == version && copyLast == last ? "" : save(cube, version, schema, last);
        return new Loaded(cube, String.format(java.util.Locale.ROOT, "%d month(s) read from the fact, %d kept from the last run's copy%s",
                read, cube.monthsPresent().length - read, saved));
    }

    private static Header header(DataInputStream in) throws IOException {
        long version = in.readLong();
        int schemaLength = in.readInt();
        if (schemaLength < 0 || schemaLength > 1 << 24) {
            throw new IOException("a damaged header");
        }
        byte[] schema = new byte[schemaLength];
        in.readFully(schema);
        return new Header(version, new String(schema, java.nio.charset.StandardCharsets.UTF_8), in.readInt());
    }

    /**
     * Writes the copy under a temporary name and renames it into place; returns "" or, when it cannot be written, a
     * note saying so (the run goes on: the next one reads the fact in full, or from the older copy).
     */
    String save(FactCube cube, long version, String schema, int lastMonth) {
        return file.save(out -> {
            out.writeLong(version);
            byte[] s = schema.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(s.length);
            out.write(s);
            out.writeInt(lastMonth);
            cube.write(out);
        }, "its copy");
    }
}
