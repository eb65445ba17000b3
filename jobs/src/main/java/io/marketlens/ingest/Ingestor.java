package io.marketlens.ingest;

import static org.apache.spark.sql.functions.*;

import io.marketlens.io.Storage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
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
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads an input folder into canonical rows (SPEC §2): files already in the warehouse (same SHA-256)
 * are not read again; new files are header-checked on the driver, then parsed one task per chunk (a big
 * file is cut at record boundaries into chunks of about {@link #CHUNK_BYTES}, so that it uses every core);
 * FX rates are read first so amounts convert with the rates that arrive with them, and files that had
 * rows quarantined as {@code fx_rate_missing} are read again when new rates arrive. A file of the registry read under
 * other settings of its source ({@link IngestSettings#fingerprint}) is read again, as is one named by {@code --reread}
 * ({@link Reread}); a file read again keeps its batch, and its rows and quarantine replace those of its earlier reading.
 * Every row is accepted or quarantined; a repeated natural key within a file quarantines the later line.
 *
 * <p>The parsed rows of a source are persisted once, and one aggregation over them gives every file's accounting
 * and finds the keys a file repeats; the accepted rows and the quarantine are read from that persisted parse. A
 * source whose new files are small (tonight's exports, up to {@link #LOCAL_BYTES} in all) is parsed on the driver
 * instead, with the same parser and the same verdicts, into local tables: no Spark job at all.
 */
public final class Ingestor {

    /**
     * Small enough that an export of a few hundred MB spreads over several cores and a 2 GB one over 32 tasks,
     * big enough that what a task does before its first record (open, seek, map the header) is negligible.
     */
    public static final long CHUNK_BYTES = 64L << 20;

    /**
     * A source's new files up to this size in all, each read by one task, are parsed on the driver: below it, a Spark
     * job costs more than the parsing.
     */
    public static final long LOCAL_BYTES = 8L << 20;

    /** Why a file quarantined for want of a rate is read again. */
    static final String NEW_FX_RATES = "new FX rates";
    /** Why a file named by {@code --reread} is read again. */
    static final String ASKED = "--reread";

    private static final String FIRST_LINE = "_first_line";
    private static final String REPEATS = "_repeats";

    private final SparkSession spark;
    private final IngestSettings config;
    private final Storage storage;
    private final Consumer<String> progress;
    private final long chunkBytes;
    private final long localBytes;

    /**
     * Spark settings (e.g. {@code spark-submit --conf}) that replace {@link #CHUNK_BYTES} and {@link #LOCAL_BYTES}:
     * {@code bin/marketlens-cluster-test} sets them so that the small sample files too are parsed in tasks, in chunks,
     * on the cluster's executors.
     */
    public static final String CHUNK_BYTES_SETTING = "spark.marketlens.ingest.chunkBytes";
    public static final String LOCAL_BYTES_SETTING = "spark.marketlens.ingest.localBytes";

    public Ingestor(SparkSession spark, IngestSettings config, Storage storage, Consumer<String> progress) {
        this(spark, config, storage, progress, setting(spark, CHUNK_BYTES_SETTING, CHUNK_BYTES),
                setting(spark, LOCAL_BYTES_SETTING, LOCAL_BYTES));
    }

    private static long setting(SparkSession spark, String key, long otherwise) {
        return spark == null ? otherwise : Long.parseLong(spark.conf().get(key, String.valueOf(otherwise)).trim());
    }

    long chunkBytes() {
        return chunkBytes;
    }

    long localBytes() {
        return localBytes;
    }

    /** With chunks of {@code chunkBytes}; tests cut small files into many chunks with it. */
    Ingestor(SparkSession spark, IngestSettings config, Storage storage, Consumer<String> progress, long chunkBytes) {
        this(spark, config, storage, progress, chunkBytes, LOCAL_BYTES);
    }

    /** With chunks of {@code chunkBytes}, parsing on the driver up to {@code localBytes} per source (0: never). */
    Ingestor(SparkSession spark, IngestSettings config, Storage storage, Consumer<String> progress, long chunkBytes,
             long localBytes) {
        this.spark = spark;
        this.config = config;
        this.storage = storage;
        this.progress = progress;
        this.chunkBytes = chunkBytes;
        this.localBytes = localBytes;
    }

    /**
     * Reads {@code input}; {@code warehouse} (may be null) supplies the files already ingested, their
     * stored accounting, and FX rates from earlier runs.
     */
    public IngestResult ingest(String input, StoredInputs warehouse, long firstBatch) {
        return ingest(input, warehouse, firstBatch, Reread.NONE);
    }

    /**
     * Reads {@code input} as {@link #ingest(String, StoredInputs, long)} does, reading again the files of the registry that
     * {@code reread} names (or all of them), as a change of their source's settings would.
     */
    public IngestResult ingest(String input, StoredInputs warehouse, long firstBatch, Reread reread) {
        return io.marketlens.spark.SparkSessions.withUncompressedCache(spark, () -> {
            try {
                return read(input, warehouse, firstBatch, reread, true);
            } catch (StaleFingerprint e) {
                // a file kept its size and time but not its bytes: every file is read through again
                return read(input, warehouse, firstBatch, reread, false);
            }
        });
    }

    /** A file to be parsed whose bytes are no longer those of the fingerprint the cache kept for it. */
    private static final class StaleFingerprint extends RuntimeException {
        StaleFingerprint(String display) {
            super(display + " changed while its size and modification time stayed the same", null, false, false);
        }
    }

    /** The file with its chunks planned (its fingerprint may have come from the cache), the same bytes as scanned. */
    private static InputFile planned(InputScanner scanner, InputFile f) {
        InputFile full = scanner.complete(f);
        if (!full.sha256().equals(f.sha256())) {
            throw new StaleFingerprint(f.display());
        }
        return full;
    }

    /**
     * The preset of a file read by an earlier run, for the manifest: its header checked again (a few bytes); empty when
     * it has none or its header no longer reads with today's config.
     */
    private Optional<Presets.Match> presetOfKnown(InputFile f, Source s) {
        try {
            return FileParser.checkHeader(storage, f, config.source(s)).mapping().preset();
        } catch (UnreadableFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Why the registry's file {@code before} is read again tonight, or null when it is not: named by {@code --reread}, or
     * read under other settings of its source than tonight's. An entry without a fingerprint (an earlier marketlens
     * wrote it) is taken to have been read with tonight's settings.
     */
    private static String rereadCause(Source s, FileStats before, boolean asked, String settings) {
        if (asked) {
            return ASKED;
        }
        if (before.settings() != null && !before.settings().equals(settings)) {
            return "settings of sources." + s.dirName() + " changed";
        }
        return null;
    }

    private IngestResult read(String input, StoredInputs warehouse, long firstBatch, Reread rereadAsked, boolean useCache) {
        InputScanner scanner = new InputScanner(storage, progress, config, chunkBytes);
        Optional<String> cacheFile = warehouse == null ? Optional.empty() : warehouse.fingerprintCache();
        if (useCache && cacheFile.isPresent()) {
            scanner.useCache(FingerprintCache.load(storage, cacheFile.get()));
        }
        Map<Source, List<InputFile>> found = scanner.scan(input);
        Map<String, FileStats> known = warehouse == null ? Map.of() : warehouse.registry();
        Set<String> asked = rereadAsked.none() ? Set.of() : rereadAsked.keys(found, input);
        Map<Source, String> settingsOf = new EnumMap<>(Source.class);
        for (Source s : Source.values()) {
            settingsOf.put(s, config.fingerprint(s));
        }
        List<FileStats> reported = new ArrayList<>();
        Map<Source, List<InputFile>> fresh = new EnumMap<>(Source.class);
        Set<String> seenThisRun = new HashSet<>();
        Map<String, Presets.Match> presets = new java.util.TreeMap<>();
        // files read again keep their original batch, so that newer files still win over them
        Set<String> reread = new HashSet<>();
        Map<String, String> rereadWhy = new java.util.TreeMap<>();
        Map<String, FileStats> adopted = new java.util.LinkedHashMap<>();
        long batch = firstBatch;
        for (Source s : Source.INGEST_ORDER) {
            for (InputFile scanned : found.getOrDefault(s, List.of())) {
                String key = s.dirName() + ":" + scanned.sha256();
                FileStats before = known.get(key);
                String cause = before == null ? null : rereadCause(s, before, asked.contains(key), settingsOf.get(s));
                if ((before != null && cause == null) || !seenThisRun.add(key)) {
                    presetOfKnown(scanned, s).ifPresent(m -> presets.put(scanned.display(), m));
                    if (before != null && before.settings() == null && !reread.contains(key)) {
                        adopted.putIfAbsent(key, before.withSettings(settingsOf.get(s)));
                    }
                    continue;
                }
                InputFile f = planned(scanner, scanned);
                if (cause != null) {
                    reread.add(key);
                    rereadWhy.put(key, cause);
                    progress.accept(String.format(Locale.ROOT, "  %-11s %s: read again: %s", s.dirName(), f.display(),
                            cause.equals(ASKED) ? "asked for with --reread" : cause));
                }
                FileParser.Header header = FileParser.checkHeader(storage, f, config.source(s));
                header.mapping().preset().ifPresent(m -> {
                    presets.put(f.display(), m);
                    progress.accept(String.format(Locale.ROOT, "  %-11s %s: read with the preset %s (%s)", s.dirName(), f.display(),
                            m.preset().name(), m.why()));
                });
                if (header.preambleLines() > 0) {
                    String unit = f.workbook() ? "row" : "line";
                    long above = header.preambleLines();
                    progress.accept(String.format(Locale.ROOT, "  %-11s %s: header on %s %d; %s above it skipped"
                                    + " (a report's preamble, not rows)", s.dirName(), f.display(), unit, above + 1,
                            above == 1 ? "the " + unit : "the " + above + " " + unit + "s"));
                }
                reportChunks(f);
                fresh.computeIfAbsent(s, k -> new ArrayList<>()).add(f.withBatch(cause != null ? before.batch() : batch++));
            }
        }
        // New FX rates may convert rows that an earlier run quarantined for want of one: read those files
        // again, keeping their original batch so that newer files still win over them.
        if (fresh.containsKey(Source.FX_RATES)) {
            for (Source s : Source.INGEST_ORDER) {
                for (InputFile f : found.getOrDefault(s, List.of())) {
                    String key = s.dirName() + ":" + f.sha256();
                    FileStats before = known.get(key);
                    if (before != null && before.reasons().containsKey("fx_rate_missing") && reread.add(key)) {
                        rereadWhy.put(key, NEW_FX_RATES);
                        adopted.remove(key);
                        fresh.computeIfAbsent(s, k -> new ArrayList<>()).add(planned(scanner, f).withBatch(before.batch()));
                    }
                }
            }
        }
        List<Dataset<Row>> persisted = new ArrayList<>();
        Map<String, FileStats> statsBySha = new HashMap<>();
        Map<Source, Dataset<Row>> accepted = new EnumMap<>(Source.class);
        List<Dataset<Row>> quarantines = new ArrayList<>();
        boolean noQuarantine = true;
        Set<Source> repeatsAcrossFiles = java.util.EnumSet.noneOf(Source.class);

        // FX first: the other sources convert with the rates known before this run plus the new ones.
        FxRates fx = new FxRates(config.baseCurrency(), config.fxToleranceDays());
        Dataset<Row> fxRows = warehouse == null ? null : warehouse.table(spark, Source.FX_RATES).orElse(null);
        for (Source s : Source.INGEST_ORDER) {
            List<InputFile> files = fresh.getOrDefault(s, List.of());
            if (!files.isEmpty()) {
                Parsed p = parse(s, files, fx);
                persisted.addAll(p.persisted);
                accepted.put(s, p.accepted);
                if (!p.noQuarantine) {
                    quarantines.add(p.quarantine);
                    noQuarantine = false;
                }
                p.stats.forEach(st -> statsBySha.put(s.dirName() + ":" + st.sha256(), st.withSettings(settingsOf.get(s))));
                if (p.repeatsAcrossFiles) {
                    repeatsAcrossFiles.add(s);
                }
                if (s == Source.FX_RATES) {
                    fxRows = fxRows == null ? p.accepted : StoredInputs.newestPerKey(fxRows.unionByName(p.accepted), s);
                }
            }
            boolean converts = Source.INGEST_ORDER.stream().anyMatch(o -> o.moneyColumn().isPresent() && fresh.containsKey(o));
            if (s == Source.FX_RATES && fxRows != null && converts) {
                for (Row r : fxRows.select("currency", "date", "rate_to_base").collectAsList()) {
                    fx.put(r.getString(0), r.<LocalDate>getAs(1), r.<BigDecimal>getAs(2));
                }
            }
        }
        List<FileStats> newFiles = new ArrayList<>();
        Map<String, String> firstOfKey = new HashMap<>();
        for (Source s : Source.INGEST_ORDER) {
            for (InputFile f : found.getOrDefault(s, List.of())) {
                String key = s.dirName() + ":" + f.sha256();
                FileStats st = statsBySha.containsKey(key) ? statsBySha.get(key) : known.get(key);
                if ((!known.containsKey(key) || reread.contains(key)) && !newFiles.contains(st)) {
                    newFiles.add(st);
                }
                String first = firstOfKey.putIfAbsent(key, f.display());
                reported.add(first == null ? st.as(f.display(), f.lines()) : st.copyAt(f.display(), first, f.lines()));
                if (first != null) {
                    progress.accept(String.format(Locale.ROOT, "  %-11s %s: the same bytes as %s; read once, under that name",
                            s.dirName(), f.display(), first));
                }
            }
        }
        Dataset<Row> quarantine = quarantines.stream().reduce(Dataset::unionByName)
                .orElseGet(() -> spark.createDataFrame(List.<Row>of(), IngestSchemas.QUARANTINE));
        Runnable release = () -> persisted.forEach(Dataset::unpersist);
        return new IngestResult(List.copyOf(reported), List.copyOf(newFiles), Set.copyOf(reread), Map.copyOf(presets), accepted, quarantine,
                noQuarantine, java.util.Collections.unmodifiableSet(repeatsAcrossFiles), fx, release, scanner.skipped(),
                java.util.Collections.unmodifiableMap(rereadWhy), List.copyOf(adopted.values()), scanner.fingerprints());
    }

    private record Parsed(Dataset<Row> accepted, Dataset<Row> quarantine, boolean noQuarantine, List<FileStats> stats,
                          boolean repeatsAcrossFiles, List<Dataset<Row>> persisted) {
    }

    /** The name of the RDD whose tasks parse the chunks of a source (Spark's listeners see it in their stages). */
    static String parseStageName(Source source) {
        return "parse " + source.dirName() + " chunks";
    }

    private void reportChunks(InputFile f) {
        int chunks = f.chunking().splits().size() + 1;
        if (chunks > 1) {
            progress.accept(String.format(Locale.ROOT, "  %-11s %s (%s): %d chunks of about %s, parsed in parallel",
                    f.source().dirName(), f.display(), Chunking.size(f.size()), chunks, Chunking.size(chunkBytes)));
        } else if (f.chunking().note() != null) {
            progress.accept(String.format(Locale.ROOT, "  %-11s %s (%s): parsed by one task, since %s",
                    f.source().dirName(), f.display(), Chunking.size(f.size()), f.chunking().note()));
        }
    }

    private Parsed parse(Source source, List<InputFile> files, FxRates fx) {
        long started = System.nanoTime();
        FileParser parser = new FileParser(source, config, fx, storage.settings());
        long bytes = files.stream().mapToLong(InputFile::size).sum();
        boolean small = bytes <= localBytes && files.stream().allMatch(f -> f.chunking().splits().isEmpty());
        Parsed p = small ? parseOnDriver(source, files, parser) : parseInTasks(source, files, parser);
        long read = 0;
        long bad = 0;
        for (FileStats st : p.stats) {
            read += st.rowsRead();
            bad += st.rowsQuarantined();
        }
        progress.accept(String.format(Locale.ROOT, "  %-11s %d file(s), %,d rows read, %,d accepted, %,d quarantined (%.1f s)",
                source.dirName(), files.size(), read, read - bad, bad, (System.nanoTime() - started) / 1e9));
        return p;
    }

    /**
     * Files of a few MB (tonight's exports) are parsed on the driver: the same parser and the same verdicts, but no
     * Spark job — starting the tasks, the shuffle for the duplicate check and the aggregation cost more than the
     * parsing. The rows become local tables.
     */
    private Parsed parseOnDriver(Source source, List<InputFile> files, FileParser parser) {
        StructType envelope = IngestSchemas.envelope(source);
        int ok = envelope.fieldIndex(IngestSchemas.OK);
        int reason = envelope.fieldIndex(IngestSchemas.REASON);
        int details = envelope.fieldIndex(IngestSchemas.DETAILS);
        int raw = envelope.fieldIndex(IngestSchemas.RAW);
        int line = envelope.fieldIndex(IngestSchemas.LINE);
        List<String> key = source.naturalKey();
        int[] keyIndex = key.stream().mapToInt(envelope::fieldIndex).toArray();
        String dupDetails = "same " + String.join(", ", key) + " as line ";
        int[] acceptedIndex = Arrays.stream(IngestSchemas.accepted(source).fieldNames()).mapToInt(envelope::fieldIndex).toArray();
        List<Row> accepted = new ArrayList<>();
        List<Row> quarantined = new ArrayList<>();
        List<FileStats> stats = new ArrayList<>();
        Set<List<Object>> keysOfEarlierFiles = new HashSet<>();
        boolean repeatsAcrossFiles = false;
        for (InputFile f : files) {
            List<Row> rows = new ArrayList<>();
            try {
                for (InputFile.Chunk c : f.chunks()) {
                    parser.parse(c).forEachRemaining(rows::add);
                }
            } catch (RuntimeException e) {
                throw unwrap(e);
            }
            // a repeated natural key: the row on the earliest line of the file wins (the order of the chunks is the file's)
            Map<List<Object>, Long> firstLine = new HashMap<>();
            Map<String, Long> reasons = new HashMap<>();
            long okRows = 0;
            for (Row r : rows) {
                if (r.getBoolean(ok)) {
                    List<Object> k = new ArrayList<>(keyIndex.length);
                    for (int i : keyIndex) {
                        k.add(r.get(i));
                    }
                    Long first = firstLine.get(k);
                    if (first == null || r.getLong(line) < first) {
                        firstLine.put(k, r.getLong(line));
                    }
                }
            }
            for (Row r : rows) {
                Row settled = r;
                if (r.getBoolean(ok)) {
                    List<Object> k = new ArrayList<>(keyIndex.length);
                    for (int i : keyIndex) {
                        k.add(r.get(i));
                    }
                    long first = firstLine.get(k);
                    if (r.getLong(line) > first) {
                        Object[] v = new Object[r.length()];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = r.get(i);
                        }
                        v[ok] = false;
                        v[reason] = "duplicate_key";
                        v[details] = dupDetails + first;
                        settled = RowFactory.create(v);
                    }
                }
                if (settled.getBoolean(ok)) {
                    okRows++;
                    Object[] v = new Object[acceptedIndex.length];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = settled.get(acceptedIndex[i]);
                    }
                    accepted.add(RowFactory.create(v));
                } else {
                    reasons.merge(settled.getString(reason), 1L, Long::sum);
                    quarantined.add(RowFactory.create(source.dirName(), f.display(), f.sha256(), settled.getLong(line),
                            settled.getString(reason), settled.getString(details), settled.getString(raw)));
                }
            }
            long bad = reasons.values().stream().mapToLong(Long::longValue).sum();
            stats.add(new FileStats(source.dirName(), f.display(), f.sha256(), f.batch(), okRows + bad, okRows, bad, reasons));
            for (List<Object> k : firstLine.keySet()) {
                repeatsAcrossFiles |= !keysOfEarlierFiles.add(k);
            }
        }
        Dataset<Row> acceptedRows = spark.createDataFrame(accepted, IngestSchemas.accepted(source));
        Dataset<Row> quarantine = spark.createDataFrame(quarantined, IngestSchemas.QUARANTINE);
        return new Parsed(acceptedRows, quarantine, quarantined.isEmpty(), stats, repeatsAcrossFiles, List.of());
    }

    /**
     * Bigger inputs are parsed one task per chunk and persisted once; one aggregation over the persisted parse counts
     * every file's rows per reason, the keys repeated within a file and whether any key is in several files (when one
     * is, a second aggregation counts per file). Normally no key repeats within a file, and then the parse is used as
     * it is; else the repeats are marked by a join with their keys' first lines, on a parse that keeps every raw line.
     */
    private Parsed parseInTasks(Source source, List<InputFile> files, FileParser parser) {
        Dataset<Row> parsed = parseChunks(source, files, parser.withoutRawOfAccepted());
        Map<String, Map<String, Long>> counts = new HashMap<>();
        Dataset<Row> settled;
        boolean repeatsAcrossFiles;
        try {
            List<Row> perFile = null;
            Map<Long, String> fileOfBatch = new HashMap<>();
            files.forEach(f -> fileOfBatch.put(f.batch(), f.display()));
            boolean acrossFiles = true;
            if (fileOfBatch.size() == files.size()) {
                // per natural key (a rejected row has none: per file and reason) the rows and the first and last file
                // (by batch) they are in; then per (first file, last file, reason) the rows and the repeats of a key after
                // its first line. Batches, not file names, keep the aggregation's buffer fixed-width (a hash aggregation)
                List<Column> group = new ArrayList<>();
                group.add(when(not(col(IngestSchemas.OK)), col(IngestSchemas.BATCH)));
                group.add(col(IngestSchemas.REASON));
                source.naturalKey().forEach(k -> group.add(col(k)));
                List<Row> perBatches = parsed.groupBy(group.toArray(Column[]::new))
                        .agg(count(lit(1)).as(REPEATS), min(col(IngestSchemas.BATCH)).as("_b0"), max(col(IngestSchemas.BATCH)).as("_b1"))
                        .groupBy(col("_b0"), col("_b1"), col(IngestSchemas.REASON))
                        .agg(sum(col(REPEATS)), sum(col(REPEATS).minus(1))).collectAsList();
                acrossFiles = perBatches.stream().anyMatch(r -> r.getLong(0) != r.getLong(1));
                if (!acrossFiles) {
                    perFile = perBatches.stream().map(r -> RowFactory.create(fileOfBatch.get(r.getLong(0)),
                            r.get(2), r.get(3), r.get(4))).toList();
                }
            }
            if (perFile == null) {
                // a key in several files (exports that overlap): its rows counted per file and reason
                List<Column> group = new ArrayList<>();
                group.add(col(IngestSchemas.FILE));
                group.add(col(IngestSchemas.REASON));
                source.naturalKey().forEach(k -> group.add(col(k)));
                perFile = parsed.groupBy(group.toArray(Column[]::new)).agg(count(lit(1)).as(REPEATS))
                        .groupBy(col(IngestSchemas.FILE), col(IngestSchemas.REASON))
                        .agg(sum(col(REPEATS)), sum(col(REPEATS).minus(1))).collectAsList();
            }
            repeatsAcrossFiles = acrossFiles;
            long repeats = 0;
            for (Row r : perFile) {
                Map<String, Long> c = counts.computeIfAbsent(r.getString(0), k -> new HashMap<>());
                if (r.isNullAt(1)) {
                    long again = r.getLong(3);
                    c.merge("", r.getLong(2) - again, Long::sum);
                    if (again > 0) {
                        c.merge("duplicate_key", again, Long::sum);
                        repeats += again;
                    }
                } else {
                    c.merge(r.getString(1), r.getLong(2), Long::sum);
                }
            }
            if (repeats == 0) {
                settled = parsed;
            } else {
                // the repeats become quarantined rows, which show their raw line: parse again, keeping every raw line
                Dataset<Row> withRaw = parseChunks(source, files, parser);
                parsed.unpersist();
                parsed = withRaw;
                List<Column> fileAndKey = new ArrayList<>();
                fileAndKey.add(col(IngestSchemas.FILE));
                source.naturalKey().forEach(k -> fileAndKey.add(col(k)));
                Dataset<Row> repeated = parsed.filter(col(IngestSchemas.OK)).groupBy(fileAndKey.toArray(Column[]::new))
                        .agg(min(col(IngestSchemas.LINE)).as(FIRST_LINE), count(lit(1)).as(REPEATS))
                        .filter(col(REPEATS).gt(1)).drop(REPEATS);
                settled = markRepeats(parsed, repeated, source);
            }
        } catch (Exception e) { // Spark's own exceptions are checked in Scala's eyes
            parsed.unpersist();
            throw unwrap(e);
        }
        Column[] acceptedCols = Arrays.stream(IngestSchemas.accepted(source).fieldNames())
                .map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        Dataset<Row> accepted = settled.filter(col(IngestSchemas.OK)).select(acceptedCols);
        Dataset<Row> shaOf = spark.createDataFrame(files.stream()
                .map(f -> RowFactory.create(f.display(), f.sha256())).toList(), new StructType()
                .add("_qfile", "string").add("file_sha256", "string"));
        Dataset<Row> quarantine = settled.filter(not(col(IngestSchemas.OK)))
                .join(broadcast(shaOf), col(IngestSchemas.FILE).equalTo(col("_qfile")))
                .select(lit(source.dirName()).as("source"), col(IngestSchemas.FILE).as("file"), col("file_sha256"),
                        col(IngestSchemas.LINE).as("line"), col(IngestSchemas.REASON).as("reason"),
                        col(IngestSchemas.DETAILS).as("details"), col(IngestSchemas.RAW).as("raw"));

        List<FileStats> stats = new ArrayList<>();
        boolean noQuarantine = true;
        for (InputFile f : files) {
            Map<String, Long> reasons = new HashMap<>(counts.getOrDefault(f.display(), Map.of()));
            long ok = Objects.requireNonNullElse(reasons.remove(""), 0L);
            reasons.values().removeIf(n -> n == 0);
            long quarantined = reasons.values().stream().mapToLong(Long::longValue).sum();
            noQuarantine &= quarantined == 0;
            stats.add(new FileStats(source.dirName(), f.display(), f.sha256(), f.batch(), ok + quarantined, ok, quarantined, reasons));
        }
        return new Parsed(accepted, quarantine, noQuarantine, stats, repeatsAcrossFiles, List.of(parsed));
    }

    /** The envelope rows of the files' chunks, parsed one task per chunk, persisted. */
    private Dataset<Row> parseChunks(Source source, List<InputFile> files, FileParser parser) {
        List<InputFile.Chunk> chunks = files.stream().flatMap(f -> f.chunks().stream()).toList();
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(chunks, chunks.size())
                .flatMap(parser::parse)
                .setName(parseStageName(source));
        return spark.createDataFrame(rows, IngestSchemas.envelope(source)).persist(StorageLevel.MEMORY_AND_DISK());
    }

    /**
     * Marks, as {@code duplicate_key}, the accepted rows that repeat a natural key of {@code repeated} (file, key,
     * {@value #FIRST_LINE}) after its first line; the details name that line.
     */
    private static Dataset<Row> markRepeats(Dataset<Row> parsed, Dataset<Row> repeated, Source source) {
        List<String> on = new ArrayList<>();
        on.add(IngestSchemas.FILE);
        on.addAll(source.naturalKey());
        String[] names = parsed.columns();
        Dataset<Row> joined = parsed.join(repeated, scala.jdk.javaapi.CollectionConverters.asScala(on).toList(), "left");
        Column repeats = col(IngestSchemas.OK).and(col(FIRST_LINE).isNotNull()).and(col(IngestSchemas.LINE).gt(col(FIRST_LINE)));
        Column[] out = new Column[names.length];
        for (int i = 0; i < names.length; i++) {
            String n = names[i];
            out[i] = switch (n) {
                case IngestSchemas.OK -> col(IngestSchemas.OK).and(not(repeats)).as(n);
                case IngestSchemas.REASON -> when(repeats, lit("duplicate_key")).otherwise(col(n)).as(n);
                case IngestSchemas.DETAILS -> when(repeats, concat(lit("same " + String.join(", ", source.naturalKey())
                        + " as line "), col(FIRST_LINE).cast("string"))).otherwise(col(n)).as(n);
                default -> col(n);
            };
        }
        return joined.select(out);
    }

    /**
     * Rejects, as {@code duplicate_key}, an accepted row whose natural key an accepted row on an earlier line of
     * the same file has; the details name that line. A rejected row has no key: its own line is added to the
     * window's partition, so that rejected rows neither match one another nor pile up in one partition.
     */
    static Dataset<Row> markDuplicates(Dataset<Row> envelope, Source source) {
        List<Column> group = new ArrayList<>();
        group.add(col(IngestSchemas.FILE));
        source.naturalKey().forEach(k -> group.add(col(k)));
        group.add(when(not(col(IngestSchemas.OK)), col(IngestSchemas.LINE)));
        Column repeats = col(IngestSchemas.OK).and(col(IngestSchemas.LINE).gt(col(FIRST_LINE)));
        return envelope
                .withColumn(FIRST_LINE, min(col(IngestSchemas.LINE)).over(Window.partitionBy(group.toArray(Column[]::new))))
                .withColumn(REPEATS, repeats)
                .withColumn(IngestSchemas.REASON, when(col(REPEATS), lit("duplicate_key")).otherwise(col(IngestSchemas.REASON)))
                .withColumn(IngestSchemas.DETAILS, when(col(REPEATS), concat(lit("same " + String.join(", ", source.naturalKey())
                        + " as line "), col(FIRST_LINE).cast("string"))).otherwise(col(IngestSchemas.DETAILS)))
                .withColumn(IngestSchemas.OK, col(IngestSchemas.OK).and(not(col(REPEATS))))
                .drop(FIRST_LINE, REPEATS);
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
