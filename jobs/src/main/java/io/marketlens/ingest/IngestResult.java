package io.marketlens.ingest;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The outcome of reading an input folder: per-file accounting (in input order, files seen before
 * included), the files read this time ({@code newFiles}; {@code reread} names, as {@code <source>:<sha256>},
 * those read again because new FX rates arrived), the preset each file was read with ({@code presets}, by file; a
 * file without one is absent), their accepted rows per source, their quarantined
 * rows ({@code noQuarantine}: none), the sources whose accepted rows may repeat a natural key across files
 * ({@code repeatsAcrossFiles}; the others hold each key once, so no row needs to be chosen over another), and the
 * FX table used; and the entries of the input folders that were not read, with why ({@code skipped}).
 *
 * <p>{@code rereadWhy} says, for each file of {@code reread}, why it was read again ("new FX rates", "settings of
 * sources.sales changed", "--reread"); {@code settingsAdopted} are registry entries written by an earlier marketlens,
 * without the fingerprint of their settings, given tonight's (their files are in the input folder, not read again): the
 * commit records it, so that a later change of the settings reads them again. {@code fingerprints} are the input files'
 * fingerprints by path, which the commit keeps for the next run ({@link FingerprintCache}).
 */
public record IngestResult(
        List<FileStats> files,
        List<FileStats> newFiles,
        java.util.Set<String> reread,
        Map<String, Presets.Match> presets,
        Map<Source, Dataset<Row>> accepted,
        Dataset<Row> quarantine,
        boolean noQuarantine,
        java.util.Set<Source> repeatsAcrossFiles,
        FxRates fx,
        Runnable release,
        List<InputScanner.Skipped> skipped,
        Map<String, String> rereadWhy,
        List<FileStats> settingsAdopted,
        Map<String, FingerprintCache.Entry> fingerprints) {

    /** A result whose files read again were read for new FX rates, with no registry entry to complete. */
    public IngestResult(List<FileStats> files, List<FileStats> newFiles, java.util.Set<String> reread,
                        Map<String, Presets.Match> presets, Map<Source, Dataset<Row>> accepted, Dataset<Row> quarantine,
                        boolean noQuarantine, java.util.Set<Source> repeatsAcrossFiles, FxRates fx, Runnable release,
                        List<InputScanner.Skipped> skipped) {
        this(files, newFiles, reread, presets, accepted, quarantine, noQuarantine, repeatsAcrossFiles, fx, release, skipped,
                reread.stream().collect(java.util.stream.Collectors.toMap(k -> k, k -> Ingestor.NEW_FX_RATES)), List.of(), Map.of());
    }

    public long rowsRead() {
        return files.stream().mapToLong(FileStats::rowsRead).sum();
    }

    public long rowsQuarantined() {
        return files.stream().mapToLong(FileStats::rowsQuarantined).sum();
    }

    public long rowsAccepted() {
        return files.stream().mapToLong(FileStats::rowsAccepted).sum();
    }

    /** Rows quarantined as {@value SourceOptions#NOT_SELECTED}: not rows of their source, left out by {@code rows_with}. */
    public long rowsNotSelected() {
        return files.stream().mapToLong(f -> f.reasons().getOrDefault(SourceOptions.NOT_SELECTED, 0L)).sum();
    }

    /**
     * Quarantined ÷ read over all files, leaving out on both sides the rows that a reading's {@code rows_with} does not
     * select (reason {@value SourceOptions#NOT_SELECTED}: not rows of the source, rather than bad ones); 0 when nothing
     * else was read.
     */
    public double quarantineRatio() {
        long notSelected = rowsNotSelected();
        long read = rowsRead() - notSelected;
        return read == 0 ? 0 : (double) (rowsQuarantined() - notSelected) / read;
    }
}
