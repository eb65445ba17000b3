package io.marketlens.ingest;

import static org.apache.spark.sql.functions.*;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.io.Storage;
import io.marketlens.warehouse.Warehouse;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads an input folder into canonical rows (SPEC §2): files already in the warehouse (same SHA-256)
 * are not read again; new files are header-checked on the driver, then parsed one task per file;
 * FX rates are read first so amounts convert with the rates that arrive with them, and files that had
 * rows quarantined as {@code fx_rate_missing} are read again when new rates arrive. Every row is
 * accepted or quarantined; a repeated natural key within a file quarantines the later line.
 */
public final class Ingestor {

    private static final String RANK = "_rank";
    private static final String FIRST_LINE = "_first_line";

    private final SparkSession spark;
    private final MarketlensConfig config;
    private final Storage storage;
    private final Consumer<String> progress;

    public Ingestor(SparkSession spark, MarketlensConfig config, Storage storage, Consumer<String> progress) {
        this.spark = spark;
        this.config = config;
        this.storage = storage;
        this.progress = progress;
    }

    /**
     * Reads {@code input}; {@code warehouse} (may be null) supplies the files already ingested, their
     * stored accounting, and FX rates from earlier runs.
     */
    public IngestResult ingest(String input, Warehouse warehouse, long firstBatch) {
        Map<Source, List<InputFile>> found = new InputScanner(storage, progress).scan(input);
        Map<String, FileStats> known = warehouse == null ? Map.of() : warehouse.registry();
        List<FileStats> reported = new ArrayList<>();
        Map<Source, List<InputFile>> fresh = new EnumMap<>(Source.class);
        Set<String> seenThisRun = new HashSet<>();
        long batch = firstBatch;
        for (Source s : Source.INGEST_ORDER) {
            for (InputFile f : found.getOrDefault(s, List.of())) {
                String key = s.dirName() + ":" + f.sha256();
                if (known.containsKey(key) || !seenThisRun.add(key)) {
                    continue;
                }
                FileParser.checkHeader(storage, f, config.source(s));
                fresh.computeIfAbsent(s, k -> new ArrayList<>()).add(f.withBatch(batch++));
            }
        }
        // New FX rates may convert rows that an earlier run quarantined for want of one: read those files
        // again, keeping their original batch so that newer files still win over them.
        Set<String> reread = new HashSet<>();
        if (fresh.containsKey(Source.FX_RATES)) {
            for (Source s : Source.INGEST_ORDER) {
                for (InputFile f : found.getOrDefault(s, List.of())) {
                    String key = s.dirName() + ":" + f.sha256();
                    FileStats before = known.get(key);
                    if (before != null && before.reasons().containsKey("fx_rate_missing") && reread.add(key)) {
                        fresh.computeIfAbsent(s, k -> new ArrayList<>()).add(f.withBatch(before.batch()));
                    }
                }
            }
        }
        List<Dataset<Row>> persisted = new ArrayList<>();
        Map<String, FileStats> statsBySha = new HashMap<>();
        Map<Source, Dataset<Row>> accepted = new EnumMap<>(Source.class);
        List<Dataset<Row>> quarantines = new ArrayList<>();

        // FX first: the other sources convert with the rates known before this run plus the new ones.
        FxRates fx = new FxRates(config.baseCurrency(), config.fxToleranceDays());
        Dataset<Row> fxRows = warehouse == null ? null : warehouse.table(spark, Source.FX_RATES).orElse(null);
        for (Source s : Source.INGEST_ORDER) {
            List<InputFile> files = fresh.getOrDefault(s, List.of());
            if (!files.isEmpty()) {
                Parsed p = parse(s, files, fx);
                persisted.addAll(p.persisted);
                accepted.put(s, p.accepted);
                quarantines.add(p.quarantine);
                p.stats.forEach(st -> statsBySha.put(s.dirName() + ":" + st.sha256(), st));
                if (s == Source.FX_RATES) {
                    fxRows = fxRows == null ? p.accepted : Warehouse.newestPerKey(fxRows.unionByName(p.accepted), s);
                }
            }
            if (s == Source.FX_RATES && fxRows != null) {
                for (Row r : fxRows.select("currency", "date", "rate_to_base").collectAsList()) {
                    fx.put(r.getString(0), r.<LocalDate>getAs(1), r.<BigDecimal>getAs(2));
                }
            }
        }
        List<FileStats> newFiles = new ArrayList<>();
        for (Source s : Source.INGEST_ORDER) {
            for (InputFile f : found.getOrDefault(s, List.of())) {
                String key = s.dirName() + ":" + f.sha256();
                FileStats st = statsBySha.containsKey(key) ? statsBySha.get(key) : known.get(key);
                if ((!known.containsKey(key) || reread.contains(key)) && !newFiles.contains(st)) {
                    newFiles.add(st);
                }
                reported.add(st.as(f.display()));
            }
        }
        Dataset<Row> quarantine = quarantines.stream().reduce(Dataset::unionByName)
                .orElseGet(() -> spark.createDataFrame(List.<Row>of(), IngestSchemas.QUARANTINE));
        Runnable release = () -> persisted.forEach(Dataset::unpersist);
        return new IngestResult(List.copyOf(reported), List.copyOf(newFiles), Set.copyOf(reread), accepted, quarantine, fx, release);
    }

    private record Parsed(Dataset<Row> accepted, Dataset<Row> quarantine, List<FileStats> stats, List<Dataset<Row>> persisted) {
    }

    private Parsed parse(Source source, List<InputFile> files, FxRates fx) {
        long started = System.nanoTime();
        FileParser parser = new FileParser(source, config, fx, storage.settings());
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(files, files.size())
                .flatMap(parser::parse);
        Dataset<Row> envelope = spark.createDataFrame(rows, IngestSchemas.envelope(source))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        try {
            for (Row r : envelope.groupBy(IngestSchemas.FILE, IngestSchemas.REASON).count().collectAsList()) {
                counts.computeIfAbsent(r.getString(0), k -> new HashMap<>())
                        .put(r.isNullAt(1) ? "" : r.getString(1), r.getLong(2));
            }
        } catch (Exception e) { // Spark's own exceptions are checked in Scala's eyes
            envelope.unpersist();
            throw unwrap(e);
        }
        Column[] key = source.naturalKey().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        Column[] fileAndKey = new Column[key.length + 1];
        fileAndKey[0] = col(IngestSchemas.FILE);
        System.arraycopy(key, 0, fileAndKey, 1, key.length);
        WindowSpec byKeyInFile = Window.partitionBy(fileAndKey).orderBy(col(IngestSchemas.LINE));
        Dataset<Row> ranked = envelope.filter(col(IngestSchemas.OK))
                .withColumn(RANK, row_number().over(byKeyInFile))
                .withColumn(FIRST_LINE, min(IngestSchemas.LINE).over(byKeyInFile))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, Long> duplicates = new HashMap<>();
        for (Row r : ranked.filter(col(RANK).gt(1)).groupBy(IngestSchemas.FILE).count().collectAsList()) {
            duplicates.put(r.getString(0), r.getLong(1));
        }
        Column[] acceptedCols = java.util.Arrays.stream(IngestSchemas.accepted(source).fieldNames())
                .map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        Dataset<Row> accepted = ranked.filter(col(RANK).equalTo(1)).select(acceptedCols);
        Dataset<Row> shaOf = spark.createDataFrame(files.stream()
                .map(f -> RowFactory.create(f.display(), f.sha256())).toList(), new org.apache.spark.sql.types.StructType()
                .add("_qfile", "string").add("file_sha256", "string"));
        Dataset<Row> rejected = envelope.filter(not(col(IngestSchemas.OK)))
                .select(col(IngestSchemas.FILE), col(IngestSchemas.LINE), col(IngestSchemas.REASON),
                        col(IngestSchemas.DETAILS), col(IngestSchemas.RAW));
        Dataset<Row> repeated = ranked.filter(col(RANK).gt(1))
                .select(col(IngestSchemas.FILE), col(IngestSchemas.LINE), lit("duplicate_key").as(IngestSchemas.REASON),
                        concat(lit("same " + String.join(", ", source.naturalKey()) + " as line "),
                                col(FIRST_LINE).cast("string")).as(IngestSchemas.DETAILS),
                        col(IngestSchemas.RAW));
        Dataset<Row> quarantine = rejected.unionByName(repeated)
                .join(broadcast(shaOf), col(IngestSchemas.FILE).equalTo(col("_qfile")))
                .select(lit(source.dirName()).as("source"), col(IngestSchemas.FILE).as("file"), col("file_sha256"),
                        col(IngestSchemas.LINE).as("line"), col(IngestSchemas.REASON).as("reason"),
                        col(IngestSchemas.DETAILS).as("details"), col(IngestSchemas.RAW).as("raw"));

        List<FileStats> stats = new ArrayList<>();
        long read = 0;
        long bad = 0;
        for (InputFile f : files) {
            Map<String, Long> c = counts.getOrDefault(f.display(), Map.of());
            Map<String, Long> reasons = new HashMap<>(c);
            long ok = reasons.getOrDefault("", 0L);
            reasons.remove("");
            long dup = duplicates.getOrDefault(f.display(), 0L);
            if (dup > 0) {
                reasons.merge("duplicate_key", dup, Long::sum);
            }
            long quarantined = reasons.values().stream().mapToLong(Long::longValue).sum();
            long total = c.values().stream().mapToLong(Long::longValue).sum();
            stats.add(new FileStats(source.dirName(), f.display(), f.sha256(), f.batch(), total, ok - dup, quarantined, reasons));
            read += total;
            bad += quarantined;
        }
        progress.accept(String.format(java.util.Locale.ROOT, "  %-11s %d file(s), %,d rows read, %,d accepted, %,d quarantined (%.1f s)",
                source.dirName(), files.size(), read, read - bad, bad, (System.nanoTime() - started) / 1e9));
        return new Parsed(accepted, quarantine, stats, List.of(envelope, ranked));
    }

    /** The file-level failure behind a Spark job failure, so its message reaches the user unwrapped. */
    static RuntimeException unwrap(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnreadableFileException u) {
                return u;
            }
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }
}
