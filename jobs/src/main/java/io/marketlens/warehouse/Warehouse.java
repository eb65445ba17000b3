package io.marketlens.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.marketlens.ingest.FileStats;
import io.marketlens.ingest.IngestResult;
import io.marketlens.ingest.IngestSchemas;
import io.marketlens.ingest.Source;
import io.marketlens.io.Storage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * The Parquet warehouse: one table per source holding the newest row of every natural key, the
 * quarantined rows of every file read, and the registry of ingested files. Each ingest writes the tables it changes
 * into a new version folder and then replaces {@code state.json} in one rename, so a run killed at
 * any point leaves the previous state whole; folders no state refers to are removed afterwards.
 */
public final class Warehouse {

    static final String STATE_FILE = "state.json";
    private static final String RANK = "_rank";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Storage storage;
    private final String root;
    private final WarehouseState state;

    private Warehouse(Storage storage, String root, WarehouseState state) {
        this.storage = storage;
        this.root = root;
        this.state = state;
    }

    /** Opens (or starts) the warehouse at {@code root}; nothing is written until {@link #commit}. */
    public static Warehouse open(Storage storage, String root) {
        String statePath = Storage.join(root, STATE_FILE);
        if (!storage.exists(statePath)) {
            return new Warehouse(storage, root, WarehouseState.empty());
        }
        try {
            WarehouseState s = JSON.readValue(storage.readString(statePath), WarehouseState.class);
            if (s.format() != WarehouseState.FORMAT) {
                throw new IllegalStateException("warehouse " + root + " has format " + s.format() + "; this marketlens reads format "
                        + WarehouseState.FORMAT + ". Use a new --warehouse, or the marketlens version that wrote it");
            }
            return new Warehouse(storage, root, s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(statePath + " is not a marketlens warehouse state (" + e.getOriginalMessage()
                    + "); point --warehouse at a marketlens warehouse or an empty folder", e);
        }
    }

    /** Takes the warehouse's run lock; refuses with a clear message when another run holds it. */
    public WarehouseLock lock(String runId) {
        return WarehouseLock.acquire(storage, root, runId);
    }

    public String root() {
        return root;
    }

    public long seq() {
        return state.seq();
    }

    /** The first batch number free for files ingested by the next commit. */
    public long nextBatch() {
        return (state.seq() + 1) * 1_000_000L;
    }

    /** Registry of ingested files, keyed {@code <source>:<sha256>}. */
    public Map<String, FileStats> registry() {
        Map<String, FileStats> m = new LinkedHashMap<>();
        for (FileStats f : state.files()) {
            m.put(f.source() + ":" + f.sha256(), f);
        }
        return m;
    }

    public Optional<Dataset<Row>> table(SparkSession spark, Source source) {
        String dir = state.tables().get(source.dirName());
        return dir == null ? Optional.empty()
                : Optional.of(spark.read().schema(IngestSchemas.accepted(source)).parquet(Storage.join(root, dir)));
    }

    /** Every quarantined row stored so far. */
    public Dataset<Row> quarantine(SparkSession spark) {
        if (state.quarantine() == null) {
            return spark.createDataFrame(List.<Row>of(), IngestSchemas.QUARANTINE);
        }
        return spark.read().schema(IngestSchemas.QUARANTINE).parquet(Storage.join(root, state.quarantine()));
    }

    /** Keeps, for each natural key, the row of the highest batch (the newest file), then the last line. */
    public static Dataset<Row> newestPerKey(Dataset<Row> rows, Source source) {
        Column[] key = source.naturalKey().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        return rows.withColumn(RANK, row_number().over(Window.partitionBy(key)
                        .orderBy(col(IngestSchemas.BATCH).desc(), col(IngestSchemas.LINE).desc())))
                .filter(col(RANK).equalTo(1))
                .drop(RANK);
    }

    /**
     * Merges newly accepted rows into the tables (newest file wins per natural key), stores the new
     * quarantined rows and file registry entries, and publishes the new state atomically.
     * Returns the committed warehouse; a commit with no new files changes nothing.
     */
    public Warehouse commit(SparkSession spark, IngestResult ingest) {
        List<FileStats> newFiles = ingest.newFiles();
        if (newFiles.isEmpty()) {
            return this;
        }
        long seq = state.seq() + 1;
        String version = String.format("v-%06d", seq);
        storage.delete(Storage.join(root, version)); // anything a killed run left under this number
        Map<String, String> tables = new LinkedHashMap<>(state.tables());
        for (Map.Entry<Source, Dataset<Row>> e : ingest.accepted().entrySet()) {
            Source source = e.getKey();
            Dataset<Row> merged = table(spark, source).map(old -> old.unionByName(e.getValue())).orElse(e.getValue());
            String dir = version + "/" + source.dirName();
            newestPerKey(merged, source).write().mode(SaveMode.Overwrite).parquet(Storage.join(root, dir));
            tables.put(source.dirName(), dir);
        }
        String quarantineDir = state.quarantine();
        if (newFiles.stream().anyMatch(f -> f.rowsQuarantined() > 0) || !ingest.reread().isEmpty()) {
            // rows of files read again are replaced by what this reading quarantined
            Dataset<Row> kept = quarantine(spark).filter(not(concat_ws(":", col("source"), col("file_sha256"))
                    .isin(ingest.reread().toArray())));
            quarantineDir = version + "/quarantine";
            kept.unionByName(ingest.quarantine()).coalesce(1).write().mode(SaveMode.Overwrite)
                    .parquet(Storage.join(root, quarantineDir));
        }
        Map<String, FileStats> files = new LinkedHashMap<>(registry());
        newFiles.forEach(f -> files.put(f.source() + ":" + f.sha256(), f));
        WarehouseState next = new WarehouseState(WarehouseState.FORMAT, seq, tables, quarantineDir, List.copyOf(files.values()));
        try {
            storage.writeStringAtomically(Storage.join(root, STATE_FILE), JSON.writeValueAsString(next));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        removeUnreferenced(next);
        return new Warehouse(storage, root, next);
    }

    /** Deletes version folders the state no longer refers to (left by earlier commits or killed runs). */
    private void removeUnreferenced(WarehouseState s) {
        Set<String> live = new HashSet<>();
        s.tables().values().forEach(d -> live.add(d.substring(0, d.indexOf('/'))));
        if (s.quarantine() != null) {
            live.add(s.quarantine().substring(0, s.quarantine().indexOf('/')));
        }
        for (FileStatus st : storage.list(root)) {
            String name = st.getPath().getName();
            if (st.isDirectory() && name.startsWith("v-") && !live.contains(name)) {
                storage.delete(st.getPath().toString());
            }
        }
    }
}
