package io.marketlens.warehouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketlens.ingest.IngestSchemas;
import io.marketlens.ingest.Source;
import io.marketlens.io.Storage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Converts, once, a warehouse written by marketlens 0.1 before the Delta tables — Parquet version folders
 * ({@code v-NNNNNN/<source>}) named by {@code state.json} — into the Delta tables, keeping every row, every
 * quarantined row and the registry of ingested files. {@code state.json} is removed last, so a conversion
 * killed midway is simply done again (each step is idempotent) on the next open.
 */
final class LegacyWarehouse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LegacyWarehouse() {
    }

    static void convert(SparkSession spark, Storage storage, String root) {
        String statePath = Storage.join(root, Warehouse.LEGACY_STATE);
        WarehouseState state;
        try {
            state = JSON.readValue(storage.readString(statePath), WarehouseState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(statePath + " is not a marketlens warehouse state (" + e.getOriginalMessage()
                    + "); point --warehouse at a marketlens warehouse or an empty folder", e);
        }
        if (state.format() != WarehouseState.FORMAT) {
            throw new IllegalStateException("warehouse " + root + " has format " + state.format() + ", which this marketlens"
                    + " cannot convert; use a new --warehouse and ingest the exports again");
        }
        System.err.println("  converting warehouse " + root + " (version " + state.seq() + ") to Delta tables, once");
        Map<Source, Dataset<Row>> tables = new EnumMap<>(Source.class);
        state.tables().forEach((name, dir) -> Source.fromDirName(name).ifPresent(s -> tables.put(s,
                spark.read().schema(IngestSchemas.accepted(s)).parquet(Storage.join(root, dir)))));
        Dataset<Row> quarantine = state.quarantine() == null
                ? spark.createDataFrame(List.<Row>of(), IngestSchemas.QUARANTINE)
                : spark.read().schema(IngestSchemas.QUARANTINE).parquet(Storage.join(root, state.quarantine()));
        // the Delta tables take the sources' folder names, which the version folders do not use
        Warehouse empty = Warehouse.openEmpty(spark, storage, root);
        empty.importLegacy(tables, quarantine, state.files());
        storage.delete(statePath);
        for (FileStatus st : storage.list(root)) {
            String name = st.getPath().getName();
            if (st.isDirectory() && name.startsWith("v-")) {
                storage.delete(st.getPath().toString());
            }
        }
    }
}
