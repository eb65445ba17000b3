package io.marketlens.ingest;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The outcome of reading an input folder: per-file accounting (in input order, files seen before
 * included), the newly accepted rows per source, the newly quarantined rows, and the FX table used.
 */
public record IngestResult(
        List<FileStats> files,
        List<FileStats> newFiles,
        Map<Source, Dataset<Row>> accepted,
        Dataset<Row> quarantine,
        FxRates fx,
        Runnable release) {

    public long rowsRead() {
        return files.stream().mapToLong(FileStats::rowsRead).sum();
    }

    public long rowsQuarantined() {
        return files.stream().mapToLong(FileStats::rowsQuarantined).sum();
    }

    public long rowsAccepted() {
        return files.stream().mapToLong(FileStats::rowsAccepted).sum();
    }

    /** Quarantined ÷ read over all files; 0 when nothing was read. */
    public double quarantineRatio() {
        long read = rowsRead();
        return read == 0 ? 0 : (double) rowsQuarantined() / read;
    }
}
