package io.marketlens.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;

/**
 * What became of one file's rows: rows_read = rows_accepted + rows_quarantined, with the quarantined
 * rows counted per reason. Also the warehouse's registry entry of an ingested file.
 */
public record FileStats(
        @JsonProperty("source") String source,
        @JsonProperty("file") String file,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("batch") long batch,
        @JsonProperty("rows_read") long rowsRead,
        @JsonProperty("rows_accepted") long rowsAccepted,
        @JsonProperty("rows_quarantined") long rowsQuarantined,
        @JsonProperty("reasons") Map<String, Long> reasons) {

    public FileStats {
        reasons = reasons == null ? Map.of() : new TreeMap<>(reasons);
        if (rowsRead != rowsAccepted + rowsQuarantined) {
            throw new IllegalStateException(file + ": rows read " + rowsRead + " ≠ accepted " + rowsAccepted
                    + " + quarantined " + rowsQuarantined);
        }
        long sum = reasons.values().stream().mapToLong(Long::longValue).sum();
        if (sum != rowsQuarantined) {
            throw new IllegalStateException(file + ": reasons add up to " + sum + ", quarantined " + rowsQuarantined);
        }
    }

    /** The same counts, reported for {@code path} (a later delivery of the same content). */
    public FileStats as(String path) {
        return new FileStats(source, path, sha256, batch, rowsRead, rowsAccepted, rowsQuarantined, reasons);
    }
}
