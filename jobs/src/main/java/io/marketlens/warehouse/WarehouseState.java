package io.marketlens.warehouse;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.marketlens.ingest.FileStats;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The committed state of a warehouse written by marketlens before the Delta tables ({@code state.json}): the ingest sequence number, the folder of each
 * source's current table, the quarantine table (null until a row is quarantined), and the registry
 * of every file ingested so far.
 */
public record WarehouseState(
        @JsonProperty("format") int format,
        @JsonProperty("seq") long seq,
        @JsonProperty("tables") Map<String, String> tables,
        @JsonProperty("quarantine") String quarantine,
        @JsonProperty("files") List<FileStats> files) {

    public static final int FORMAT = 1;

    public WarehouseState {
        tables = tables == null ? Map.of() : new TreeMap<>(tables);
        files = files == null ? List.of() : List.copyOf(files);
    }

    static WarehouseState empty() {
        return new WarehouseState(FORMAT, 0, Map.of(), null, List.of());
    }
}
