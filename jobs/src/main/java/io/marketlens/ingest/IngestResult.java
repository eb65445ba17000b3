package io.marketlens.ingest;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The outcome of reading an input folder: per-file accounting (in input order, files seen before
 * included), the files read this time ({@code newFiles}; {@code reread} names, as {@code <source>:<sha256>},
 * those read again because new FX rates arrived), their accepted rows per source, their quarantined
 * rows, and the FX table used. {@code months} holds, per source read, the months ({@code yyyy-MM} of the source's date
 * column) of its accepted rows — all of them, and perhaps one that only a row replaced within the run has;
 * {@code noQuarantine} says that no row of the files read was quarantined.
 */
public record IngestResult(
        List<FileStats> files,
        List<FileStats> newFiles,
        java.util.Set<String> reread,
        Map<Source, Dataset<Row>> accepted,
        Map<Source, java.util.Set<String>> months,
        Dataset<Row> quarantine,
        boolean noQuarantine,
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
