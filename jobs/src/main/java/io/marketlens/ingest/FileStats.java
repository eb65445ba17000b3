package io.marketlens.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;

/**
 * What became of one file's rows: rows_read = rows_accepted + rows_quarantined, with the quarantined
 * rows counted per reason, and the file's physical {@code lines} (null for a workbook; not kept in the registry). Also
 * the warehouse's registry entry of an ingested file, with the fingerprint of the settings it was read with
 * ({@code settings}, {@link IngestSettings#fingerprint}; null: unknown, an entry written by an earlier marketlens).
 */
public record FileStats(
        @JsonProperty("source") String source,
        @JsonProperty("file") String file,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("batch") long batch,
        @JsonProperty("rows_read") long rowsRead,
        @JsonProperty("rows_accepted") long rowsAccepted,
        @JsonProperty("rows_quarantined") long rowsQuarantined,
        @JsonProperty("reasons") Map<String, Long> reasons,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        @JsonProperty("duplicate_of") String duplicateOf,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        @JsonProperty("settings") String settings,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        @JsonProperty("lines") Long lines) {

    /** The accounting of a file read with the settings of fingerprint {@code settings}, its lines not counted. */
    public FileStats(String source, String file, String sha256, long batch, long rowsRead, long rowsAccepted,
                     long rowsQuarantined, Map<String, Long> reasons, String duplicateOf, String settings) {
        this(source, file, sha256, batch, rowsRead, rowsAccepted, rowsQuarantined, reasons, duplicateOf, settings, null);
    }

    /** A file read in full (no copy of another), its settings unknown. */
    public FileStats(String source, String file, String sha256, long batch, long rowsRead, long rowsAccepted,
                     long rowsQuarantined, Map<String, Long> reasons) {
        this(source, file, sha256, batch, rowsRead, rowsAccepted, rowsQuarantined, reasons, null, null, null);
    }

    /** The accounting of a file, its settings unknown. */
    public FileStats(String source, String file, String sha256, long batch, long rowsRead, long rowsAccepted,
                     long rowsQuarantined, Map<String, Long> reasons, String duplicateOf) {
        this(source, file, sha256, batch, rowsRead, rowsAccepted, rowsQuarantined, reasons, duplicateOf, null, null);
    }

    /** The same entry, read with the settings of fingerprint {@code fingerprint}. */
    public FileStats withSettings(String fingerprint) {
        return new FileStats(source, file, sha256, batch, rowsRead, rowsAccepted, rowsQuarantined, reasons, duplicateOf,
                fingerprint, lines);
    }

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

    /**
     * The same counts, reported for {@code path} (a later delivery of the same content) of {@code lines} physical lines
     * (-1: not counted).
     */
    public FileStats as(String path, long lines) {
        return new FileStats(source, path, sha256, batch, rowsRead, rowsAccepted, rowsQuarantined, reasons, null, settings,
                lines < 0 ? null : lines);
    }

    /**
     * {@code path}, a second file of the same bytes in the same run: not read (its content is {@code first}'s), so no
     * rows of its own — its rows are counted once, under {@code first}; its {@code lines} are those of its bytes.
     */
    public FileStats copyAt(String path, String first, long lines) {
        return new FileStats(source, path, sha256, batch, 0, 0, 0, Map.of(), first, settings, lines < 0 ? null : lines);
    }
}
