package io.marketlens.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.to_date;

import io.marketlens.io.TableWriter;
import io.marketlens.fact.FactStore;
import io.marketlens.ingest.FileStats;
import io.marketlens.ingest.IngestResult;
import io.marketlens.ingest.Ingestor;
import io.marketlens.ingest.InputScanner;
import io.marketlens.ingest.Source;
import io.marketlens.io.Storage;
import io.marketlens.spark.SparkSessions;
import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.metrics.changes.PreviousRun;
import io.marketlens.reports.ReportRenderer;
import io.marketlens.tables.RunManifest;
import io.marketlens.warehouse.Warehouse;
import io.marketlens.warehouse.WarehouseLock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The nightly job: ingest the input folder into the warehouse, compute the metric tables, then write the
 * run folder ({@code tables/}, {@code quarantine/}, {@code manifest.json}, the report) and publish it atomically as
 * {@code <output>/<as_of>/}, without the checksum files and {@code _SUCCESS} markers of the writers.
 */
public final class RunPipeline {

    private final SparkSession spark;
    private final Storage storage;
    private final Progress progress;
    private final ReportRenderer.Settings report;

    public RunPipeline(SparkSession spark, Progress progress) {
        this(spark, progress, ReportRenderer.Settings.DEFAULT);
    }

    private RunPipeline(SparkSession spark, Progress progress, ReportRenderer.Settings report) {
        this.spark = spark;
        this.storage = new Storage(spark.sparkContext().hadoopConfiguration());
        this.progress = progress;
        this.report = report;
    }

    /** The same pipeline, rendering the report with these settings (language, font). */
    public RunPipeline withReport(ReportRenderer.Settings settings) {
        return new RunPipeline(spark, progress, settings);
    }

    /** What a run produced: the published folder, its manifest and the exit code it earns. */
    public record Outcome(String runFolder, RunManifest manifest, IngestResult ingest, int exitCode) {
    }

    /** A published run: its manifest, and whether its report was rendered. */
    private record Published(RunManifest manifest, boolean reportRendered) {
    }

    public static String newRunId() {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(Instant.now().atOffset(ZoneOffset.UTC))
                + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * {@code body} with Spark set for the bytes of {@code input} and {@code warehouse} (either may be null): a small run's
     * queries are interpreted, not compiled ({@link SparkSessions#withSettingsSizedTo}).
     */
    private Outcome sizedToData(String input, String warehouse, java.util.function.Supplier<Outcome> body) {
        long limit = SparkSessions.SMALL_RUN_BYTES;
        long bytes = (input == null ? 0 : storage.bytesUnder(input, limit))
                + (warehouse == null ? 0 : storage.bytesUnder(warehouse, limit));
        return SparkSessions.withSettingsSizedTo(spark, bytes, body);
    }

    /** Ingest + everything after it; the run folder appears only when complete. */
    public Outcome run(RunSettings settings) {
        return sizedToData(settings.input(), settings.warehouse(), () -> runSized(settings));
    }

    private Outcome runSized(RunSettings settings) {
        String runId = newRunId();
        String startedAt = Instant.now().toString();
        InputScanner.checkFolder(storage, settings.input()); // before the warehouse and output are touched
        // both folders are checked before anything is written: a run that cannot publish must not commit the warehouse
        storage.checkWritable(settings.output(), "the output folder", "--output");
        storage.checkWritable(settings.warehouse(), "the warehouse folder", "--warehouse");
        Warehouse warehouse = Warehouse.open(spark, storage, settings.warehouse());
        try (WarehouseLock lock = warehouse.lock(runId);
             OutputPublisher publisher = new OutputPublisher(storage, settings.output())) {
            publisher.recover();
            IngestResult ingest = progress.stage("ingest", () -> ingest(settings, warehouse));
            Warehouse committed;
            try {
                committed = progress.stage("warehouse", () -> {
                    Warehouse w = warehouse.commit(spark, ingest);
                    progress.say("  " + (ingest.newFiles().isEmpty() ? "no new files; warehouse unchanged"
                            : ingest.newFiles().size() + " file(s) merged" + readAgain(ingest))
                            + " (" + w.root() + ", version " + w.seq() + ")");
                    return w;
                });
            } finally {
                ingest.release().run();
            }
            java.util.function.Supplier<LocalDate> asOf = asOfBesideTheFact(settings, committed);
            List<RunManifest.Skipped> skipped = ingest.skipped().stream()
                    .map(k -> new RunManifest.Skipped(k.path(), k.reason())).toList();
            Published published = analyseAndPublish(committed, settings, asOf, publisher, runId, startedAt, inputs(ingest), skipped,
                    dir -> writeQuarantine(committed.quarantine(spark), ingest.files(), dir));
            return new Outcome(Storage.join(settings.output(), published.manifest().asOf()), published.manifest(), ingest,
                    published.reportRendered() ? exitCode(ingest, settings) : ExitCodes.FAILED);
        }
    }

    /**
     * Recomputes the metric tables from the warehouse and publishes {@code <output>/<as_of>/} again; the
     * inputs and quarantine of a run folder already there for that date are carried over.
     */
    public Outcome metricsOnly(RunSettings settings) {
        return sizedToData(null, settings.warehouse(), () -> metricsOnlySized(settings));
    }

    private Outcome metricsOnlySized(RunSettings settings) {
        String runId = newRunId();
        String startedAt = Instant.now().toString();
        Warehouse warehouse = Warehouse.open(spark, storage, settings.warehouse());
        if (warehouse.seq() == 0) {
            throw new io.marketlens.config.ConfigException("warehouse " + settings.warehouse() + " holds no data yet;"
                    + " run 'marketlens ingest' or 'marketlens run' first");
        }
        storage.checkWritable(settings.output(), "the output folder", "--output");
        try (WarehouseLock lock = warehouse.lock(runId);
             OutputPublisher publisher = new OutputPublisher(storage, settings.output())) {
            publisher.recover();
            LocalDate asOf = asOf(settings, warehouse);
            String previous = Storage.join(settings.output(), asOf.toString());
            String previousManifest = Storage.join(previous, "manifest.json");
            Optional<RunManifest> before = storage.exists(previousManifest)
                    ? Optional.of(RunManifest.fromJson(storage.readString(previousManifest))) : Optional.empty();
            List<RunManifest.Input> inputs = before.map(RunManifest::inputs).orElse(List.of());
            List<RunManifest.Skipped> skipped = before.map(RunManifest::skipped).orElse(List.of());
            Published published = analyseAndPublish(warehouse, settings, () -> asOf, publisher, runId, startedAt, inputs, skipped, dir -> {
                if (storage.exists(Storage.join(previous, "quarantine"))) {
                    storage.copy(Storage.join(previous, "quarantine"), dir);
                } else {
                    storage.mkdirs(dir);
                }
            });
            return new Outcome(previous, published.manifest(), null, published.reportRendered() ? ExitCodes.OK : ExitCodes.FAILED);
        }
    }

    /** {@code ", 2 of them read again (new FX rates; settings of sources.sales changed)"}, or nothing. */
    static String readAgain(IngestResult ingest) {
        if (ingest.reread().isEmpty()) {
            return "";
        }
        java.util.TreeSet<String> why = new java.util.TreeSet<>();
        ingest.reread().forEach(k -> why.add(ingest.rereadWhy().getOrDefault(k, "new FX rates")));
        return ", " + ingest.reread().size() + " of them read again (" + String.join("; ", why) + ")";
    }

    /**
     * The run's date ({@link #asOf}), worked out beside the fact stage, which does not need it: the query of the
     * sources' last dates is mostly Delta reading the tables' logs in small Spark jobs, with the cores idle between
     * them, and runs while the fact's months are computed instead of before them (2.5 s of the demo, which is shorter
     * by about that; 3 s of a 10 M-line night, whose cores are busy either way). Given {@code --as-of}, or when no source
     * table has rows to date, nothing runs beside: the date, or the message saying why there is none, comes at once.
     * The supplier waits for the query and throws what it threw.
     */
    private java.util.function.Supplier<LocalDate> asOfBesideTheFact(RunSettings settings, Warehouse warehouse) {
        if (settings.asOf() != null || DATED.stream().allMatch(s -> warehouse.version(s) < 0)) {
            LocalDate now = asOf(settings, warehouse);
            return () -> now;
        }
        // a run that fails in the fact stage does not wait for it
        return SparkSessions.inBackground(spark, "marketlens-as-of", "as of: the sources' last dates", () -> asOf(settings, warehouse));
    }

    /** The sources whose last dates date a run ({@link #lastDate}). */
    private static final List<Source> DATED = List.of(Source.SALES, Source.LOGISTICS, Source.COMPETITORS);

    private LocalDate asOf(RunSettings settings, Warehouse warehouse) {
        return settings.asOf() != null ? settings.asOf() : lastDate(warehouse).orElseThrow(() ->
                new io.marketlens.config.ConfigException(nothingToDate(warehouse.registry().values(), settings.input(),
                        Storage.join(warehouse.root(), "quarantine"))));
    }

    /** How many of a run's reasons the message of a run without accepted rows names. */
    static final int TOP_REASONS = 3;

    /**
     * Why a run without an accepted row cannot be dated, from the registry's accounting of every file ingested: how many
     * rows were quarantined and why (the most frequent reasons, with their counts), where to see them, and what to do.
     * A date in a form not configured (the commonest cause: {@code 05/03/2024 10:00}) names the setting to add.
     */
    static String nothingToDate(java.util.Collection<FileStats> files, String input, String quarantineTable) {
        String lead = "no rows were accepted, so there is no data to date the run by";
        long read = files.stream().mapToLong(FileStats::rowsRead).sum();
        if (read == 0) {
            return lead + ": no rows were read; add exports to the input folder or give --as-of";
        }
        Map<String, Long> reasons = new java.util.TreeMap<>();
        Map<String, Long> badDates = new java.util.TreeMap<>(); // "<source>:<reason>" of the bad_date reasons
        files.forEach(f -> f.reasons().forEach((r, n) -> {
            reasons.merge(r, n, Long::sum);
            if (r.startsWith("bad_date:")) {
                badDates.merge(f.source() + ":" + r.substring("bad_date:".length()), n, Long::sum);
            }
        }));
        List<Map.Entry<String, Long>> top = reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey())).toList();
        StringBuilder m = new StringBuilder(lead).append(": ");
        long quarantined = files.stream().mapToLong(FileStats::rowsQuarantined).sum();
        m.append(quarantined == read ? (read == 1 ? "the one row read was quarantined" : "all " + String.format(java.util.Locale.ROOT, "%,d", read)
                + " rows read were quarantined") : String.format(java.util.Locale.ROOT, "%,d of %,d rows read were quarantined", quarantined, read));
        m.append(" (");
        for (int i = 0; i < Math.min(TOP_REASONS, top.size()); i++) {
            m.append(i == 0 ? "" : ", ").append(top.get(i).getKey()).append(' ').append(String.format(java.util.Locale.ROOT, "%,d", top.get(i).getValue()));
        }
        if (top.size() > TOP_REASONS) {
            m.append(", and ").append(top.size() - TOP_REASONS).append(" other reason(s)");
        }
        m.append("); ").append(input != null ? "'marketlens validate --input " + input + "' lists them"
                : "the warehouse's quarantine table " + quarantineTable + " holds them");
        if (!badDates.isEmpty()) {
            String worst = badDates.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            int colon = worst.indexOf(':');
            String source = worst.substring(0, colon);
            String column = worst.substring(colon + 1);
            boolean timestamp = Source.fromDirName(source).flatMap(s -> s.columns().stream().filter(c -> c.name().equals(column))
                    .findFirst()).map(c -> c.type() == io.marketlens.ingest.ColumnType.TIMESTAMP).orElse(false);
            m.append("; for dates written in another form, set sources.").append(source).append('.')
                    .append(timestamp ? "timestamp_pattern" : "date_pattern").append(" to the form of ").append(column)
                    .append(" (e.g. dd/MM/yyyy").append(timestamp ? " HH:mm" : "").append(") and run again: files are read again"
                            + " when their source's settings change");
        }
        return m.append("; or give --as-of").toString();
    }

    /** Metrics, quarantine, manifest and report into a staging folder, then the atomic publish as {@code <as_of>}. */
    private Published analyseAndPublish(Warehouse warehouse, RunSettings settings, java.util.function.Supplier<LocalDate> asOfWhenDone,
                                        OutputPublisher publisher, String runId, String startedAt, List<RunManifest.Input> inputs,
                                        List<RunManifest.Skipped> skipped, java.util.function.Consumer<String> quarantine) {
        // the report's fonts are read meanwhile
        ReportRenderer.FontSearch fonts = ReportStage.searchFonts(report);
        // the fact covers every month, whatever the run's date
        FactStore.Tables facts = progress.stage("fact", () ->
                new FactStore(spark, storage, warehouse, settings.config().fact(), progress::say).refresh());
        LocalDate asOf = asOfWhenDone.get();
        String name = asOf.toString();
        // before staging: the staging folder is no run folder, and this date's own folder is passed over
        Optional<PreviousRun> previous = PreviousRun.find(storage, settings.output(), asOf);
        String staged = publisher.stage(name, runId);
        AnalysisPeriod period = new AnalysisPeriod(asOf, settings.config().windowMonths());
        // the run's quarantined rows are written beside the metrics stage, whose tables they do not touch (a small query
        // over the quarantine table, mostly Delta's log work and the driver's planning); the quarantine stage waits for it
        java.util.function.Supplier<Void> quarantined = SparkSessions.inBackground(spark, "marketlens-quarantine", "quarantine",
                () -> {
                    quarantine.accept(Storage.join(staged, "quarantine"));
                    return null;
                });
        List<String> tables = progress.stage("metrics", () -> new MetricsStage(spark, storage, progress::say)
                .run(facts, warehouse.tableWithMonth(spark, Source.LOGISTICS), Optional.of(warehouse.path(Source.LOGISTICS)),
                        warehouse.table(spark, Source.SALES), settings.config(),
                        period, previous, Storage.join(staged, "tables")));
        progress.stage("quarantine", quarantined::get);
        // the report reads the manifest; it is written again at publishing, with the report's and the publish's stages
        String manifestFile = Storage.join(staged, "manifest.json");
        RunManifest analysed = new RunManifest(runId, name, settings.config().baseCurrency(), startedAt, inputs,
                progress.stages(), tables, Versions.all(spark.version()), settings.config().describe(), skipped);
        storage.writeStringAtomically(manifestFile, analysed.toJson());
        boolean rendered = progress.stage("report", () -> {
            try {
                new ReportStage(storage, report, progress::say, fonts).render(staged, Versions.marketlens());
                return true;
            } catch (RuntimeException e) {
                // the tables are worth publishing without their PDF; the exit code says the run is not complete
                progress.say("  report: failed: " + e + "; the tables are published; render it again with"
                        + " 'marketlens report --run " + Storage.join(settings.output(), name) + "'");
                return false;
            }
        });
        RunManifest manifest = progress.stage("publish", () -> {
            // every stage of the run, the report's included; the publish stage's own seconds are those up to this moment,
            // the manifest being written in it: the rename into place that follows is not counted (the progress line
            // "[publish] done in N s" has it)
            RunManifest complete = new RunManifest(runId, name, analysed.baseCurrency(), startedAt, inputs,
                    progress.stagesSoFar(), tables, analysed.versions(), analysed.config(), skipped);
            storage.writeStringAtomically(manifestFile, complete.toJson());
            publisher.publish(staged, name, runId);
            return complete;
        });
        return new Published(manifest, rendered);
    }

    /** Ingest into the warehouse only. */
    public Outcome ingestOnly(RunSettings settings) {
        return sizedToData(settings.input(), settings.warehouse(), () -> ingestOnlySized(settings));
    }

    private Outcome ingestOnlySized(RunSettings settings) {
        String runId = newRunId();
        InputScanner.checkFolder(storage, settings.input()); // before the warehouse is touched
        Warehouse warehouse = Warehouse.open(spark, storage, settings.warehouse());
        try (WarehouseLock lock = warehouse.lock(runId)) {
            IngestResult ingest = progress.stage("ingest", () -> ingest(settings, warehouse));
            try {
                progress.stage("warehouse", () -> warehouse.commit(spark, ingest));
            } finally {
                ingest.release().run();
            }
            return new Outcome(settings.warehouse(), null, ingest, exitCode(ingest, settings));
        }
    }

    /** A dry run: reads and checks everything, writes nothing; the quarantined rows are returned for display. */
    public Outcome validate(RunSettings settings, java.util.function.Consumer<Dataset<Row>> showQuarantine) {
        return sizedToData(settings.input(), settings.warehouse(), () -> validateSized(settings, showQuarantine));
    }

    private Outcome validateSized(RunSettings settings, java.util.function.Consumer<Dataset<Row>> showQuarantine) {
        Warehouse warehouse = settings.warehouse() != null && storage.exists(settings.warehouse())
                ? Warehouse.open(spark, storage, settings.warehouse()) : null;
        IngestResult ingest = progress.stage("validate", () -> new Ingestor(spark, settings.config().ingest(), storage, progress::say)
                .ingest(settings.input(), warehouse, warehouse == null ? 1_000_000L : warehouse.nextBatch()));
        try {
            showQuarantine.accept(ingest.quarantine());
        } finally {
            ingest.release().run();
        }
        return new Outcome(null, null, ingest, exitCode(ingest, settings));
    }

    private IngestResult ingest(RunSettings settings, Warehouse warehouse) {
        return new Ingestor(spark, settings.config().ingest(), storage, progress::say)
                .ingest(settings.input(), warehouse, warehouse.nextBatch(), settings.reread());
    }

    private static int exitCode(IngestResult ingest, RunSettings settings) {
        return ingest.quarantineRatio() > settings.config().maxQuarantineRatio() ? ExitCodes.QUARANTINE_ABOVE_THRESHOLD : ExitCodes.OK;
    }

    /**
     * The last date in the data: the latest order or shipment date in the warehouse, or the end of the latest competitor
     * snapshot's month when that month is later than theirs (a snapshot's est_units are the sales of the 30 days before
     * it, counted in its month: a month of snapshots alone is whole; with orders or shipments of that month it ends
     * where they do).
     */
    private Optional<LocalDate> lastDate(Warehouse warehouse) {
        Map<Source, LocalDate> last = lastDates(warehouse, DATED);
        LocalDate flows = null;
        for (Source s : List.of(Source.SALES, Source.LOGISTICS)) {
            LocalDate d = last.get(s);
            flows = d != null && (flows == null || d.isAfter(flows)) ? d : flows;
        }
        LocalDate snapshot = last.get(Source.COMPETITORS);
        if (snapshot != null && (flows == null || java.time.YearMonth.from(snapshot).isAfter(java.time.YearMonth.from(flows)))) {
            return Optional.of(java.time.YearMonth.from(snapshot).atEndOfMonth());
        }
        return Optional.ofNullable(flows != null ? flows : snapshot);
    }

    /**
     * The latest date of each source's table that has one (a source without a table or dates is left out), in one query
     * that reads only the months that can hold it ({@link Warehouse#latestRows}).
     */
    private Map<Source, LocalDate> lastDates(Warehouse warehouse, List<Source> sources) {
        Dataset<Row> all = null;
        for (Source s : sources) {
            Optional<Dataset<Row>> t = warehouse.latestRows(spark, s);
            if (t.isPresent()) {
                // as text: Delta answers a bare max from its file statistics with a date type the Java 8 time API rejects
                Dataset<Row> one = t.get().agg(max(to_date(col(s.dateColumn()))).cast("string").as("last"))
                        .select(org.apache.spark.sql.functions.lit(s.dirName()).as("source"), col("last"));
                all = all == null ? one : all.union(one);
            }
        }
        Map<Source, LocalDate> out = new java.util.EnumMap<>(Source.class);
        if (all != null) {
            for (Row r : all.collectAsList()) {
                if (!r.isNullAt(1)) {
                    out.put(Source.fromDirName(r.getString(0)).orElseThrow(), LocalDate.parse(r.getString(1)));
                }
            }
        }
        return out;
    }

    /** One CSV per source with the quarantined rows of this run's input files, under the names they had here. */
    private void writeQuarantine(Dataset<Row> stored, List<FileStats> inputs, String dir) {
        storage.mkdirs(dir);
        Map<String, String> pathBySha = new LinkedHashMap<>();
        Set<String> sources = new java.util.TreeSet<>();
        for (FileStats f : inputs) {
            if (f.rowsQuarantined() > 0) {
                pathBySha.putIfAbsent(f.source() + ":" + f.sha256(), f.file());
                sources.add(f.source());
            }
        }
        if (pathBySha.isEmpty()) {
            return;
        }
        List<Row> names = new ArrayList<>();
        pathBySha.forEach((k, v) -> names.add(RowFactory.create(k, v)));
        Dataset<Row> byFile = spark.createDataFrame(names, new StructType().add("_key", "string").add("_path", "string"));
        Dataset<Row> rows = stored
                .join(org.apache.spark.sql.functions.broadcast(byFile),
                        org.apache.spark.sql.functions.concat_ws(":", col("source"), col("file_sha256")).equalTo(col("_key")))
                .select(col("source"), col("_path").as("file"), col("line"), col("reason"), col("details"), col("raw"));
        // one query for every source, in order: each source's rows are streamed into its own file as they arrive
        Dataset<Row> ordered = rows.orderBy(col("source"), col("file"), col("line"));
        StructType schema = ordered.drop("source").schema();
        java.util.Iterator<Row> all = ordered.toLocalIterator();
        TableWriter writer = new TableWriter(storage);
        java.time.ZoneId zone = TableWriter.sessionZone(spark);
        Row[] next = {all.hasNext() ? all.next() : null};
        while (next[0] != null) {
            String source = next[0].getString(0);
            sources.remove(source);
            writer.writeCsv(schema, new java.util.Iterator<Row>() {
                @Override
                public boolean hasNext() {
                    return next[0] != null && next[0].getString(0).equals(source);
                }

                @Override
                public Row next() {
                    Row r = next[0];
                    next[0] = all.hasNext() ? all.next() : null;
                    Object[] values = new Object[r.size() - 1];
                    for (int i = 1; i < r.size(); i++) {
                        values[i - 1] = r.get(i);
                    }
                    return RowFactory.create(values);
                }
            }, zone, Storage.join(dir, source + ".csv"));
        }
        // a source whose files say they had quarantined rows that the table no longer holds: its header alone
        for (String source : sources) {
            writer.writeCsv(schema, java.util.Collections.emptyIterator(), zone, Storage.join(dir, source + ".csv"));
        }
    }

    private static List<RunManifest.Input> inputs(IngestResult ingest) {
        Set<String> fresh = new HashSet<>();
        ingest.newFiles().forEach(f -> fresh.add(f.source() + ":" + f.sha256()));
        return ingest.files().stream()
                .sorted(Comparator.comparing(FileStats::source).thenComparing(FileStats::file))
                .map(f -> new RunManifest.Input(f.source(), f.file(), f.sha256(), f.rowsRead(), f.rowsAccepted(),
                        f.rowsQuarantined(), f.reasons(), !fresh.contains(f.source() + ":" + f.sha256()),
                        java.util.Optional.ofNullable(ingest.presets().get(f.file())).map(m -> m.preset().name()).orElse(null),
                        f.duplicateOf(), f.lines()))
                .toList();
    }
}
