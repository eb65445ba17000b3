package io.marketlens.warehouse;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.marketlens.ingest.FileStats;
import io.marketlens.ingest.IngestResult;
import io.marketlens.ingest.IngestSchemas;
import io.marketlens.ingest.Source;
import io.marketlens.ingest.StoredInputs;
import io.marketlens.io.Storage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The warehouse: Delta Lake tables under one folder — one per source holding the newest row of every natural
 * key, partitioned by the month of the source's date column; the quarantined rows of every file read; and the
 * registry of ingested files. A commit merges the new rows with a {@code MERGE} restricted to the months they
 * touch (or, when they only add new keys, appends them), so a night's run rewrites only those partitions; each
 * table changes in one Delta commit, so a run
 * killed at any point leaves every table at a committed version. The registry is written last: a file whose
 * rows were merged by a killed run is not in it, so the next run reads and merges it again, which changes
 * nothing further (the merge and the quarantine replacement are idempotent).
 *
 * <p>Each source commit records the months it changed in its Delta commit's user metadata ({@value #MONTHS_TAG}, then
 * the months comma-separated, or {@value #ALL_MONTHS} when it wrote the table anew), which lets the market fact be
 * brought up to date month by month ({@link #changedMonths}).
 */
public final class Warehouse implements StoredInputs {

    /** Partition column of the source tables: {@code yyyy-MM} of the source's date column. */
    public static final String MONTH = "_month";
    static final String REGISTRY = "files";
    static final String QUARANTINE = "quarantine";
    static final String LEGACY_STATE = "state.json";
    /** Prefix of a source commit's user metadata; the changed months follow, comma-separated. */
    static final String MONTHS_TAG = "marketlens-months:";
    /** The months of a commit that writes a table anew: all of them. */
    static final String ALL_MONTHS = "*";
    /** The registry's column of the fingerprint of the settings a file was read with (added in 0.x; null: unknown). */
    static final String SETTINGS = "settings";
    private static final String RANK = "_rank";
    private static final String REPLACES = "_replaces";
    private static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

    static final StructType REGISTRY_SCHEMA = new StructType()
            .add("source", DataTypes.StringType, false).add("file", DataTypes.StringType, false)
            .add("sha256", DataTypes.StringType, false).add("batch", DataTypes.LongType, false)
            .add("rows_read", DataTypes.LongType, false).add("rows_accepted", DataTypes.LongType, false)
            .add("rows_quarantined", DataTypes.LongType, false)
            .add("reasons", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), true)
            .add(SETTINGS, DataTypes.StringType, true);

    private final SparkSession spark;
    private final Storage storage;
    private final String root;
    private final Map<String, FileStats> registry;
    private final long seq;

    private Warehouse(SparkSession spark, Storage storage, String root, Map<String, FileStats> registry, long seq) {
        this.spark = spark;
        this.storage = storage;
        this.root = root;
        this.registry = registry;
        this.seq = seq;
    }

    /**
     * Opens (or starts) the warehouse at {@code root}; nothing is written until {@link #commit}, except that a
     * warehouse written by an earlier marketlens (Parquet version folders and {@code state.json}) is converted
     * to Delta tables once, here.
     */
    public static Warehouse open(SparkSession spark, Storage storage, String root) {
        if (storage.exists(Storage.join(root, LEGACY_STATE))) {
            LegacyWarehouse.convert(spark, storage, root);
        }
        return load(spark, storage, root);
    }

    /** The warehouse at {@code root} as if it held nothing yet, for the one-time conversion of an older one. */
    static Warehouse openEmpty(SparkSession spark, Storage storage, String root) {
        return new Warehouse(spark, storage, root, Map.of(), 0);
    }

    private static Warehouse load(SparkSession spark, Storage storage, String root) {
        String registryPath = Storage.join(root, REGISTRY);
        if (!isDelta(storage, registryPath)) {
            if (storage.exists(root) && !storage.list(root).stream().allMatch(s -> s.getPath().getName().startsWith("."))
                    && Arrays.stream(Source.values()).noneMatch(s -> storage.exists(Storage.join(root, s.dirName())))) {
                throw new IllegalStateException("warehouse " + root + " is not empty and holds no marketlens tables;"
                        + " point --warehouse at a marketlens warehouse or an empty folder");
            }
            return new Warehouse(spark, storage, root, Map.of(), 0);
        }
        Map<String, FileStats> m = new LinkedHashMap<>();
        Dataset<Row> files = spark.read().format("delta").load(registryPath);
        // a registry written before the settings column was added reads it as empty: settings unknown
        files = files.select(columns(REGISTRY_SCHEMA, files.schema()));
        for (Row r : files.orderBy(col("batch"), col("source"), col("sha256")).collectAsList()) {
            FileStats f = new FileStats(r.getString(0), r.getString(1), r.getString(2), r.getLong(3), r.getLong(4),
                    r.getLong(5), r.getLong(6), r.isNullAt(7) ? Map.of() : r.getJavaMap(7), null, r.isNullAt(8) ? null : r.getString(8));
            m.put(f.source() + ":" + f.sha256(), f);
        }
        return new Warehouse(spark, storage, root, m, new DeltaLogs(storage).version(registryPath) + 1);
    }

    static boolean isDelta(Storage storage, String path) {
        return storage.exists(Storage.join(path, "_delta_log"));
    }

    /** Takes the warehouse's run lock; refuses with a clear message when another run holds it. */
    public WarehouseLock lock(String runId) {
        return WarehouseLock.acquire(storage, root, runId);
    }

    public String root() {
        return root;
    }

    /** How many commits the warehouse has had (0: empty); the registry's Delta version + 1. */
    public long seq() {
        return seq;
    }

    /** The first batch number free for files ingested by the next commit. */
    public long nextBatch() {
        return (seq + 1) * 1_000_000L;
    }

    /** Registry of ingested files, keyed {@code <source>:<sha256>}. */
    @Override
    public Map<String, FileStats> registry() {
        return registry;
    }

    /** The input files' fingerprints, kept for the next run ({@code _cache/fingerprints.tsv}; safe to delete). */
    @Override
    public Optional<String> fingerprintCache() {
        return Optional.of(Storage.join(root, "_cache", "fingerprints.tsv"));
    }

    public String path(Source source) {
        return Storage.join(root, source.dirName());
    }

    /**
     * The source's table in its canonical columns ({@link IngestSchemas#accepted}), if it has one. A table written before
     * a column was added to the source reads that column as empty until the next commit adds it ({@link #addedColumns}).
     */
    @Override
    public Optional<Dataset<Row>> table(SparkSession session, Source source) {
        return rawTable(session, source).map(t -> t.select(columns(IngestSchemas.accepted(source), t.schema())));
    }

    /**
     * As {@link #table(SparkSession, Source)}, with the partition column {@value #MONTH} after the canonical columns, so
     * that a reader that needs only some months can filter on it and leave the other months unread. A row is stored
     * under the month of its date in the time zone of the run that stored it: within a month of its month in any
     * other zone.
     */
    public Optional<Dataset<Row>> tableWithMonth(SparkSession session, Source source) {
        return rawTable(session, source).map(t -> t.select(java.util.stream.Stream.concat(
                Arrays.stream(columns(IngestSchemas.accepted(source), t.schema())), java.util.stream.Stream.of(col(MONTH)))
                .toArray(Column[]::new)));
    }

    /** The source's rows of the given months only (partition pruning: the other months are not read). */
    public Optional<Dataset<Row>> table(SparkSession session, Source source, Set<String> months) {
        return rawTable(session, source).map(t -> t.filter(col(MONTH).isin(months.toArray()))
                .select(columns(IngestSchemas.accepted(source), t.schema())));
    }

    /**
     * The source's rows that can hold its latest date: those stored under the last month its table holds and the month
     * before. A row is stored under the month of its date in the time zone of the run that stored it, so the row with the
     * latest date lies at most a month before the last month stored, whatever time zones the runs had. The whole table
     * when its log does not say which months it holds ({@link DeltaLogs#partitions}).
     */
    public Optional<Dataset<Row>> latestRows(SparkSession session, Source source) {
        Optional<Set<String>> months = new DeltaLogs(storage).partitions(path(source), MONTH);
        if (months.isEmpty() || months.get().isEmpty()) {
            return table(session, source);
        }
        String last = months.get().stream().max(String::compareTo).orElseThrow();
        String before;
        try {
            before = java.time.YearMonth.parse(last).minusMonths(1).toString();
        } catch (java.time.format.DateTimeParseException e) {
            return table(session, source); // not a month this version writes
        }
        Set<String> latest = months.get().stream().filter(m -> m.compareTo(before) >= 0).collect(Collectors.toCollection(TreeSet::new));
        return table(session, source, latest);
    }

    private Optional<Dataset<Row>> rawTable(SparkSession session, Source source) {
        String path = path(source);
        return isDelta(storage, path) ? Optional.of(session.read().format("delta").load(path)) : Optional.empty();
    }

    /** The current Delta version of the source's table, or -1 when it has none. */
    public long version(Source source) {
        return new DeltaLogs(storage).version(path(source));
    }

    /**
     * The months changed in the source's table by the commits after {@code sinceVersion} up to its current
     * version, from the months each marketlens commit recorded; empty when a commit in between does not say
     * (another tool changed the table), in which case the caller must treat every month as changed.
     */
    public Optional<Set<String>> changedMonths(Source source, long sinceVersion) {
        DeltaLogs logs = new DeltaLogs(storage);
        String path = path(source);
        long current = logs.version(path);
        Set<String> months = new TreeSet<>();
        for (long v = Math.max(sinceVersion + 1, 0); v <= current; v++) {
            Optional<String> meta = logs.userMetadata(path, v);
            if (meta.isEmpty()) {
                return Optional.empty(); // part of the log was cleaned up
            }
            if (!meta.get().startsWith(MONTHS_TAG)) {
                return Optional.empty();
            }
            String list = meta.get().substring(MONTHS_TAG.length());
            if (list.equals(ALL_MONTHS)) {
                return Optional.empty(); // a table written anew
            }
            if (!list.isEmpty()) {
                months.addAll(Arrays.asList(list.split(",")));
            }
        }
        return Optional.of(months);
    }

    /** Every quarantined row stored so far. */
    public Dataset<Row> quarantine(SparkSession session) {
        String path = Storage.join(root, QUARANTINE);
        return isDelta(storage, path) ? session.read().format("delta").load(path)
                : session.createDataFrame(List.<Row>of(), IngestSchemas.QUARANTINE);
    }

    /** The month a source's row belongs to, from its date column. */
    static Column month(Source source) {
        return date_format(col(source.dateColumn()), "yyyy-MM");
    }

    /**
     * Merges newly accepted rows into the tables (newest file wins per natural key), stores the new quarantined
     * rows and file registry entries (a file read again has its quarantined rows and its entry replaced). Returns the
     * committed warehouse; a commit with no new files changes nothing, except that registry entries written by an earlier
     * marketlens get the fingerprint of the settings they are taken to have been read with
     * ({@link IngestResult#settingsAdopted}). Then keeps the input files' fingerprints for the next run
     * ({@link #fingerprintCache}).
     */
    public Warehouse commit(SparkSession session, IngestResult ingest) {
        Warehouse committed = io.marketlens.spark.SparkSessions.withUncompressedCache(spark, () -> store(ingest));
        // after the commit, under the run's lock; a copy that cannot be written costs the next run only the reading
        fingerprintCache().ifPresent(f -> io.marketlens.ingest.FingerprintCache.save(storage, f, ingest.fingerprints()));
        return committed;
    }

    private Warehouse store(IngestResult ingest) {
        List<FileStats> newFiles = ingest.newFiles();
        if (newFiles.isEmpty()) {
            return ingest.settingsAdopted().isEmpty() ? this : register(ingest.settingsAdopted());
        }
        // new tables of rows held on the driver (few: a first run on small exports) are written at the same time, each in
        // its own commit, together with the quarantine: most of such a commit is the driver's planning and Delta's log
        // work, which one thread does while the other's tasks run. Tables that exist are merged one after the other.
        List<Runnable> atOnce = new ArrayList<>();
        for (Map.Entry<Source, Dataset<Row>> e : ingest.accepted().entrySet()) {
            Source source = e.getKey();
            Runnable store = () -> io.marketlens.spark.SparkSessions.described(spark, "warehouse: " + source.dirName(), () -> {
                addColumns(source);
                mergeSource(source, e.getValue(), ingest.repeatsAcrossFiles().contains(source));
                Set<Long> reread = newFiles.stream().filter(f -> f.source().equals(source.dirName())
                        && ingest.reread().contains(f.source() + ":" + f.sha256())).map(FileStats::batch).collect(Collectors.toSet());
                dropRowsNoLongerRead(source, e.getValue(), reread);
                return null;
            });
            if (!isDelta(storage, path(source)) && e.getValue().isLocal()) {
                atOnce.add(store);
            } else {
                store.run();
            }
        }
        List<String> fileKeys = newFiles.stream().map(f -> f.source() + ":" + f.sha256()).toList();
        String quarantinePath = Storage.join(root, QUARANTINE);
        // without a quarantine table and without quarantined rows there is nothing to store: the table would be empty
        if (!ingest.noQuarantine() || isDelta(storage, quarantinePath)) {
            Runnable quarantine = () -> io.marketlens.spark.SparkSessions.described(spark, "warehouse: " + QUARANTINE, () -> {
                replaceRows(quarantinePath, ingest.quarantine(), "file_sha256", fileKeys);
                return null;
            });
            if (atOnce.isEmpty()) {
                quarantine.run();
            } else {
                atOnce.add(quarantine);
            }
        }
        runAtOnce(atOnce);
        List<FileStats> entries = new ArrayList<>(newFiles);
        entries.addAll(ingest.settingsAdopted());
        return register(entries);
    }

    /**
     * Runs the commits at the same time, one thread each, and returns when all have ended; the first failure is thrown
     * (the other commits still end first: each leaves its table at a committed version either way).
     */
    private static void runAtOnce(List<Runnable> commits) {
        if (commits.size() <= 1) {
            commits.forEach(Runnable::run);
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(commits.size(), r -> {
            Thread t = new Thread(r, "marketlens-warehouse");
            t.setDaemon(true); // a failing run's exit is not held up by a commit still writing
            return t;
        });
        try {
            List<java.util.concurrent.Future<?>> running = commits.stream().<java.util.concurrent.Future<?>>map(pool::submit).toList();
            Throwable first = null;
            for (java.util.concurrent.Future<?> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    first = first == null ? e.getCause() : first;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the warehouse's tables were written", e);
                }
            }
            if (first instanceof RuntimeException r) {
                throw r;
            }
            if (first instanceof Error e) {
                throw e;
            }
            if (first != null) {
                throw new IllegalStateException(first);
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Writes the registry entries of {@code files} (replacing those of the same files) in one commit, after adding the
     * settings column to a registry written before it had one; returns the warehouse with them.
     */
    private Warehouse register(List<FileStats> files) {
        String registryPath = Storage.join(root, REGISTRY);
        if (isDelta(storage, registryPath) && !Set.of(spark.read().format("delta").load(registryPath).schema().fieldNames())
                .contains(SETTINGS)) {
            // the path is the warehouse's own folder: quoted with backticks
            spark.sql("ALTER TABLE delta.`" + registryPath + "` ADD COLUMNS (`" + SETTINGS + "` STRING)");
        }
        List<String> fileKeys = files.stream().map(f -> f.source() + ":" + f.sha256()).toList();
        List<Row> entries = files.stream().map(Warehouse::registryRow).toList();
        replaceRows(registryPath, spark.createDataFrame(entries, REGISTRY_SCHEMA), "sha256", fileKeys);
        // the registry as a reload would read it back: one entry per file, ordered by batch, source and hash
        Map<String, FileStats> next = new LinkedHashMap<>(registry);
        files.forEach(f -> next.put(f.source() + ":" + f.sha256(), f));
        Map<String, FileStats> sorted = new LinkedHashMap<>();
        next.values().stream().sorted(java.util.Comparator.comparingLong(FileStats::batch).thenComparing(FileStats::source)
                        .thenComparing(FileStats::sha256))
                .forEach(f -> sorted.put(f.source() + ":" + f.sha256(), f));
        return new Warehouse(spark, storage, root, sorted, new DeltaLogs(storage).version(Storage.join(root, REGISTRY)) + 1);
    }

    /** Writes the quarantine and the registry of files an earlier marketlens ingested (see {@link LegacyWarehouse}). */
    void importLegacy(Map<Source, Dataset<Row>> tables, Dataset<Row> quarantine, List<FileStats> files) {
        tables.forEach((source, rows) -> mergeSource(source, rows, true));
        List<String> fileKeys = files.stream().map(f -> f.source() + ":" + f.sha256()).toList();
        replaceRows(Storage.join(root, QUARANTINE), quarantine, "file_sha256", fileKeys);
        List<Row> entries = files.stream().map(Warehouse::registryRow).toList();
        replaceRows(Storage.join(root, REGISTRY), spark.createDataFrame(entries, REGISTRY_SCHEMA), "sha256", fileKeys);
    }

    private static Row registryRow(FileStats f) {
        return RowFactory.create(f.source(), f.file(), f.sha256(), f.batch(), f.rowsRead(), f.rowsAccepted(),
                f.rowsQuarantined(), scala.jdk.javaapi.CollectionConverters.asScala(f.reasons()), f.settings());
    }

    /**
     * One Delta commit that replaces the rows of the files in {@code fileKeys} ({@code <source>:<sha256>}) by
     * {@code rows} (all of which belong to those files), so that storing the same files' rows again leaves one copy.
     */
    private void replaceRows(String path, Dataset<Row> rows, String shaColumn, List<String> fileKeys) {
        if (!isDelta(storage, path)) {
            // a new table: created, not overwritten (an overwrite would first look for rows to remove, a Spark job)
            rows.coalesce(1).write().format("delta").mode(SaveMode.ErrorIfExists).save(path);
            return;
        }
        // sources are fixed names and hashes hex digits: nothing in the predicate needs quoting
        String predicate = "concat_ws(':', source, " + shaColumn + ") IN ("
                + fileKeys.stream().map(k -> "'" + k + "'").collect(Collectors.joining(", ")) + ")";
        rows.coalesce(1).write().format("delta").mode(SaveMode.Overwrite).option("replaceWhere", predicate).save(path);
    }

    /**
     * The canonical columns ({@link IngestSchemas#accepted}) the source's table lacks, in the source's order: those added
     * to the source after the table was written (the sales lines' traffic: sessions, page_views, buy_box_pct). Empty
     * when the table has them all, or when there is no table.
     */
    List<org.apache.spark.sql.types.StructField> addedColumns(Source source) {
        Optional<Dataset<Row>> table = rawTable(spark, source);
        if (table.isEmpty()) {
            return List.of();
        }
        Set<String> stored = Set.of(table.get().schema().fieldNames());
        return Arrays.stream(IngestSchemas.accepted(source).fields()).filter(f -> !stored.contains(f.name())).toList();
    }

    /**
     * Adds to the source's table the canonical columns it lacks ({@link #addedColumns}), empty in the rows stored so far:
     * one Delta commit that changes no month (its user metadata lists none), so the market fact is not rebuilt for it.
     * Nothing is written when the table has every column.
     */
    private void addColumns(Source source) {
        List<org.apache.spark.sql.types.StructField> added = addedColumns(source);
        if (added.isEmpty()) {
            return;
        }
        // the path is the warehouse's own folder and the names canonical columns: quoted with backticks
        String columns = added.stream().map(f -> "`" + f.name() + "` " + f.dataType().sql()).collect(Collectors.joining(", "));
        withMonthsRecorded(Set.of(), () -> spark.sql("ALTER TABLE delta.`" + path(source) + "` ADD COLUMNS (" + columns + ")"));
    }

    /**
     * The newest row per key of {@code incoming} merged into the source's table: a row replaces the stored row of
     * its key unless that came from a newer file; rows of new keys are added; a row equal in every column to the one
     * stored (a file read again, an export that repeats earlier days) changes nothing and keeps its lineage. Only
     * the partitions of the months involved are read and rewritten — the incoming rows' months and, where the date
     * is not part of the natural key, the months their keys were stored under — and only the months of rows that
     * changed are recorded as changed. When no changed row replaces a stored one, the rows are appended, as the
     * merge would write them, without its passes over the source and the table.
     */
    private void mergeSource(Source source, Dataset<Row> incoming, boolean repeats) {
        String path = path(source);
        Dataset<Row> newest = repeats ? StoredInputs.newestPerKey(incoming, source) : incoming;
        if (!isDelta(storage, path)) {
            // a new table: the rows are written as they are, one file per month (not one per month and task); every
            // month is new, which the commit says without listing them
            // (the months as the writer's option, not the session's setting: other tables may be written meanwhile); rows
            // held on the driver (few) are written by one task, which sorts them by month, without a shuffle
            Dataset<Row> rows = newest.withColumn(MONTH, month(source));
            (incoming.isLocal() ? rows.coalesce(1) : rows.repartition(col(MONTH))).write().format("delta").partitionBy(MONTH)
                    .mode(SaveMode.ErrorIfExists).option("userMetadata", MONTHS_TAG + ALL_MONTHS).save(path);
            if (!source.naturalKey().contains(source.dateColumn()) && !storage.holdsLessThan(path, INDEX_BYTES)) {
                keyIndex(source).refresh(spark, new DeltaLogs(storage).version(path));
            }
            return;
        }
        if (incoming.isLocal()) {
            mergeLocal(source, incoming, repeats);
            return;
        }
        Dataset<Row> rows = newest.withColumn(MONTH, month(source)).cache();
        Dataset<Row> changed = null;
        Dataset<Row> stored = null;
        try {
            DeltaTable table = DeltaTable.forPath(spark, path);
            Dataset<Row> target = table.toDF();
            List<String> key = source.naturalKey();
            scala.collection.immutable.Seq<String> keySeq = scala.jdk.javaapi.CollectionConverters.asScala(key).toList();
            Column[] keyCols = key.stream().map(k -> col(k)).toArray(Column[]::new);
            // one pass: the incoming rows' months and, where the date is not part of the natural key (a corrected row
            // may carry another date than the row it replaces), the months their keys are stored under
            Dataset<Row> monthsInvolved = rows.select(col(MONTH));
            if (!key.contains(source.dateColumn())) {
                monthsInvolved = monthsInvolved.union(target.select(MONTH, key.toArray(String[]::new))
                        .join(rows.select(keyCols), keySeq, "left_semi").select(col(MONTH)));
            }
            Set<String> involved = distinctMonths(monthsInvolved);
            // read once: the comparison and the old rows' months both need the stored rows of these keys
            stored = target.filter(col(MONTH).isin(involved.toArray()))
                    .join(rows.select(keyCols), keySeq, "left_semi").cache();
            Column same = null;
            for (String c : IngestSchemas.accepted(source).fieldNames()) {
                if (!c.equals(IngestSchemas.FILE) && !c.equals(IngestSchemas.LINE) && !c.equals(IngestSchemas.BATCH)) {
                    Column eq = rows.col(c).eqNullSafe(stored.col(c));
                    same = same == null ? eq : same.and(eq);
                }
            }
            changed = rows.join(stored, same, "left_anti").cache();
            // one pass: the months of the changed rows and of the stored rows they replace, and whether they replace any
            Set<String> months = new TreeSet<>();
            boolean replaces = false;
            for (Row r : changed.select(col(MONTH), lit(false).as(REPLACES))
                    .union(stored.join(changed.select(keyCols), keySeq, "left_semi").select(col(MONTH), lit(true).as(REPLACES)))
                    .distinct().collectAsList()) {
                months.add(r.isNullAt(0) ? "" : r.getString(0));
                replaces |= r.getBoolean(1);
            }
            if (months.isEmpty()) {
                return;
            }
            Dataset<Row> update = changed;
            // a Delta commit plans every cached table that reads the table it changes again: let go of those first
            // (the commit computes the changed rows once more, from the incoming rows still cached)
            changed.unpersist();
            stored.unpersist();
            if (!replaces) {
                // only new keys: what the merge would do when it finds no row to replace — append the rows, a month's
                // rows in one file — in one commit, without the merge's passes over the source and the table
                withMonthsRecorded(months, () -> update.repartition(col(MONTH)).write().format("delta")
                        .partitionBy(MONTH).mode(SaveMode.Append).save(path));
                return;
            }
            withMonthsRecorded(months, () -> mergeInto(table, update, key, months));
        } finally {
            // dependents first: unpersisting a table that a cached one was built from makes Spark plan that one again
            if (changed != null) {
                changed.unpersist();
            }
            if (stored != null) {
                stored.unpersist();
            }
            rows.unpersist();
        }
    }

    /**
     * Removes the stored rows of files read again ({@code batches}: a file read again keeps its batch) that their new
     * reading no longer accepts — quarantined now, or read under another key (a date of the key read with another
     * pattern) — so that each of a file's rows is stored once, where its latest reading put it. A row that a newer file
     * replaced carries that file's batch and stays. One Delta commit recording the months it changed; nothing is written
     * when no such row is stored.
     */
    private void dropRowsNoLongerRead(Source source, Dataset<Row> incoming, Set<Long> batches) {
        String path = path(source);
        if (batches.isEmpty() || !isDelta(storage, path)) {
            return;
        }
        List<String> key = source.naturalKey();
        scala.collection.immutable.Seq<String> keySeq = scala.jdk.javaapi.CollectionConverters.asScala(key).toList();
        Column[] keyCols = key.stream().map(k -> col(k)).toArray(Column[]::new);
        Object[] batchList = batches.toArray();
        DeltaTable table = DeltaTable.forPath(spark, path);
        List<String> keyBatchMonth = new ArrayList<>(key);
        keyBatchMonth.add(IngestSchemas.BATCH);
        keyBatchMonth.add(MONTH);
        // few rows at most (a file's): their keys are collected and handed back as a local table
        Dataset<Row> stale = table.toDF().filter(col(IngestSchemas.BATCH).isin(batchList))
                .join(incoming.filter(col(IngestSchemas.BATCH).isin(batchList)).select(keyCols), keySeq, "left_anti")
                .select(keyBatchMonth.stream().map(c -> col(c)).toArray(Column[]::new));
        StructType schema = stale.schema();
        List<Row> rows = stale.collectAsList();
        if (rows.isEmpty()) {
            return;
        }
        Set<String> months = new TreeSet<>();
        rows.forEach(r -> months.add(r.isNullAt(r.size() - 1) ? "" : r.getString(r.size() - 1)));
        Dataset<Row> gone = spark.createDataFrame(rows, schema);
        String on = keyBatchMonth.stream().map(k -> "t.`" + k + "` <=> s.`" + k + "`").collect(Collectors.joining(" AND "))
                + " AND t.`" + MONTH + "` IN (" + months.stream().map(m -> "'" + m + "'").collect(Collectors.joining(", ")) + ")";
        withMonthsRecorded(months, () -> table.as("t").merge(gone.as("s"), on).whenMatched().delete().execute());
    }

    /**
     * The index of the months a source's rows are stored under by their natural key ({@link MonthKeyIndex},
     * {@code _cache/<source>_keys.bin}), for a source whose key has no date (sales lines, shipments): a corrected row may
     * carry another date than the row it replaces, so its key is looked for in every month the index names for it.
     */
    MonthKeyIndex keyIndex(Source source) {
        return new MonthKeyIndex(storage, root, source.dirName() + "_keys.bin", path(source), MONTH, source.naturalKey());
    }

    /**
     * The size of a new table's files from which its key index ({@link #keyIndex}) is made as it is written (10 M sales
     * lines take about 240 MB): the first night then finds its keys' months without a pass over the table. A smaller
     * table's index is made by the first night that merges into it.
     */
    static final long INDEX_BYTES = 32L << 20;

    /**
     * {@link #mergeSource} for rows held on the driver (tonight's exports, parsed there): the same outcome, but the
     * incoming rows are compared with the stored rows of their keys on the driver — the index of the table's months by
     * key ({@link #keyIndex}) names the months those keys can be stored under (only where the date is not part of the
     * key), one query reads their rows from those months — and only the rows that changed go to the append or the
     * {@code MERGE}.
     */
    private void mergeLocal(Source source, Dataset<Row> incoming, boolean repeats) {
        String path = path(source);
        // the month of each row, computed by Spark's own expression on the local rows (no job)
        Dataset<Row> withMonth = incoming.withColumn(MONTH, month(source));
        StructType schema = withMonth.schema();
        List<Row> rows = withMonth.collectAsList();
        List<String> key = source.naturalKey();
        int[] keyIndex = key.stream().mapToInt(schema::fieldIndex).toArray();
        int batch = schema.fieldIndex(IngestSchemas.BATCH);
        int line = schema.fieldIndex(IngestSchemas.LINE);
        int month = schema.fieldIndex(MONTH);
        // newest per key: the row of the highest batch, then the last line
        Map<List<Object>, Row> newest = new LinkedHashMap<>();
        for (Row r : rows) {
            newest.merge(keyOf(r, keyIndex), r, (a, b) -> {
                int byBatch = Long.compare(b.getLong(batch), a.getLong(batch));
                return byBatch > 0 || (byBatch == 0 && b.getLong(line) > a.getLong(line)) ? b : a;
            });
        }
        if (!repeats && newest.size() != rows.size()) {
            throw new IllegalStateException(source.dirName() + ": rows said to hold each key once repeat a key");
        }
        if (newest.isEmpty()) {
            return;
        }
        Dataset<Row> target = spark.read().format("delta").load(path);
        StructType keySchema = new StructType(key.stream().map(k -> schema.fields()[schema.fieldIndex(k)]).toArray(
                org.apache.spark.sql.types.StructField[]::new));
        Dataset<Row> keys = spark.createDataFrame(newest.keySet().stream().map(k -> RowFactory.create(k.toArray())).toList(),
                keySchema);
        scala.collection.immutable.Seq<String> keySeq = scala.jdk.javaapi.CollectionConverters.asScala(key).toList();
        Set<String> storedMonths = new TreeSet<>();
        if (key.contains(source.dateColumn())) {
            newest.values().forEach(r -> storedMonths.add(r.isNullAt(month) ? "" : r.getString(month)));
        } else {
            // the months the index names for these keys (their hashes computed by Spark's own expression on the local
            // keys: no job), instead of a pass over the keys of every month
            MonthKeyIndex index = keyIndex(source);
            index.refresh(spark, new DeltaLogs(storage).version(path));
            long[] hashes = keys.select(index.hash()).collectAsList().stream().mapToLong(r -> r.getLong(0)).toArray();
            storedMonths.addAll(index.monthsHolding(MonthKeyIndex.distinctSorted(hashes), index.months()));
        }
        Map<List<Object>, Row> stored = new HashMap<>();
        if (!storedMonths.isEmpty()) {
            for (Row r : target.filter(col(MONTH).isin(storedMonths.toArray())).join(broadcast(keys), keySeq, "left_semi")
                    .select(columns(schema)).collectAsList()) {
                stored.put(keyOf(r, keyIndex), r);
            }
        }
        // a row equal in every column but its lineage to the one stored changes nothing
        int[] compared = java.util.stream.IntStream.range(0, schema.size()).filter(i -> i != batch && i != line
                && i != schema.fieldIndex(IngestSchemas.FILE) && i != month).toArray();
        List<Row> changed = new ArrayList<>();
        Set<String> months = new TreeSet<>();
        boolean replaces = false;
        for (Map.Entry<List<Object>, Row> e : newest.entrySet()) {
            Row r = e.getValue();
            Row old = stored.get(e.getKey());
            if (old != null && sameValues(r, old, compared)) {
                continue;
            }
            changed.add(r);
            months.add(r.isNullAt(month) ? "" : r.getString(month));
            if (old != null) {
                replaces = true;
                months.add(old.isNullAt(month) ? "" : old.getString(month));
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        // few rows: one task writes them, a month's rows in one file
        Dataset<Row> update = spark.createDataFrame(changed, schema).coalesce(1);
        if (!replaces) {
            withMonthsRecorded(months, () -> update.write().format("delta").partitionBy(MONTH).mode(SaveMode.Append).save(path));
            return;
        }
        // the source is a handful of local rows, deterministic: Delta need not copy it before merging
        String materialize = "spark.databricks.delta.merge.materializeSource";
        String before = spark.conf().contains(materialize) ? spark.conf().get(materialize) : null;
        spark.conf().set(materialize, "none");
        try {
            withMonthsRecorded(months, () -> mergeInto(DeltaTable.forPath(spark, path), update, key, months));
        } finally {
            if (before == null) {
                spark.conf().unset(materialize);
            } else {
                spark.conf().set(materialize, before);
            }
        }
    }

    /**
     * The {@code MERGE} of both paths: a row of {@code update} replaces the stored row of its key (looked for in
     * {@code months} only) unless that came from a newer file; rows of new keys are inserted.
     */
    private static void mergeInto(DeltaTable table, Dataset<Row> update, List<String> key, Set<String> months) {
        String on = key.stream().map(k -> "t.`" + k + "` = s.`" + k + "`").collect(Collectors.joining(" AND "))
                + " AND t.`" + MONTH + "` IN (" + months.stream().map(m -> "'" + m + "'").collect(Collectors.joining(", ")) + ")";
        table.as("t")
                .merge(update.as("s"), on)
                .whenMatched("s.`" + IngestSchemas.BATCH + "` >= t.`" + IngestSchemas.BATCH + "`").updateAll()
                .whenNotMatched().insertAll()
                .execute();
    }

    private static List<Object> keyOf(Row r, int[] keyIndex) {
        List<Object> k = new ArrayList<>(keyIndex.length);
        for (int i : keyIndex) {
            k.add(r.get(i));
        }
        return k;
    }

    /** Equal in the given columns, nulls equal to nulls (Spark's {@code <=>}). */
    private static boolean sameValues(Row a, Row b, int[] columns) {
        for (int i : columns) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (x == null || y == null) {
                if (x != y) {
                    return false;
                }
            } else if (x instanceof java.math.BigDecimal dx && y instanceof java.math.BigDecimal dy) {
                if (dx.compareTo(dy) != 0) {
                    return false;
                }
            } else if (x instanceof Double dx && y instanceof Double dy) {
                if (dx.doubleValue() != dy.doubleValue() && !(dx.isNaN() && dy.isNaN())) {
                    return false;
                }
            } else if (!x.equals(y)) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> distinctMonths(Dataset<Row> rows) {
        Set<String> months = new TreeSet<>();
        for (Row r : rows.select(col(MONTH)).distinct().collectAsList()) {
            months.add(r.isNullAt(0) ? "" : r.getString(0));
        }
        return months;
    }

    /** Runs one Delta commit with the months it changes (null: every month) as the commit's user metadata. */
    private void withMonthsRecorded(Set<String> months, Runnable commit) {
        spark.conf().set(USER_METADATA, MONTHS_TAG + (months == null ? ALL_MONTHS : String.join(",", months)));
        try {
            commit.run();
        } finally {
            spark.conf().unset(USER_METADATA);
        }
    }

    static Column[] columns(StructType schema) {
        return Arrays.stream(schema.fieldNames()).map(n -> col(n)).toArray(Column[]::new);
    }

    /** The columns of {@code schema} read from a table of schema {@code stored}: one it lacks as empty, of its type. */
    static Column[] columns(StructType schema, StructType stored) {
        Set<String> present = Set.of(stored.fieldNames());
        return Arrays.stream(schema.fields()).map(f -> present.contains(f.name()) ? col(f.name())
                : lit(null).cast(f.dataType()).as(f.name())).toArray(Column[]::new);
    }
}
