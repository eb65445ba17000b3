package io.marketlens.spark;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Builds the SparkSession. Under {@code spark-submit} the master and every setting come from there; run
 * directly, the session is {@code local[*]} without the web UI. Settings given to spark-submit win over
 * the defaults set here.
 */
public final class SparkSessions {

    private SparkSessions() {
    }

    /** True when this JVM already has a session (a test suite, a notebook); such a session is left running. */
    public static boolean sessionExists() {
        return SparkSession.getDefaultSession().isDefined();
    }

    /**
     * The session a command runs in: {@code local[*]} unless spark-submit chose a master, with the warehouse's Delta
     * extension, {@code shufflePartitions} partitions per shuffle and the run's time zone for dates and timestamps.
     */
    public static SparkSession create(int shufflePartitions, String timezone, boolean verbose) {
        if (verbose) {
            Configurator.setAllLevels(org.apache.logging.log4j.LogManager.ROOT_LOGGER_NAME, Level.INFO);
        } else {
            quietLogging();
        }
        SparkConf submitted = new SparkConf();
        SparkSession.Builder b = SparkSession.builder().appName("marketlens");
        if (!submitted.contains("spark.master")) {
            b.master("local[*]");
        }
        setDefault(b, submitted, "spark.ui.enabled", "false");
        if (!verbose) {
            // the context's own start-up lines at WARN too (under spark-submit, Spark configures its logging anew then)
            setDefault(b, submitted, "spark.log.level", "WARN");
        }
        setDefault(b, submitted, "spark.sql.shuffle.partitions", String.valueOf(shufflePartitions));
        setDefault(b, submitted, "spark.sql.adaptive.enabled", "true");
        setDefault(b, submitted, "spark.sql.parquet.compression.codec", "zstd");
        // the warehouse's Delta tables: MERGE and the Delta catalog need the extension in the session
        addExtension(b, submitted, "io.delta.sql.DeltaSparkSessionExtension");
        setDefault(b, submitted, "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        // a MERGE marks replaced rows in a deletion vector instead of rewriting their files
        setDefault(b, submitted, "spark.databricks.delta.properties.defaults.enableDeletionVectors", "true");
        // the warehouse's transaction logs are small: replaying one in 50 tasks (Delta's default) costs more than it reads
        setDefault(b, submitted, "spark.databricks.delta.snapshotPartitions", "2");
        // no per-column min/max statistics in the tables' logs (Delta keeps the row counts): every query of the warehouse
        // selects files by month, its partition column, so the statistics would not skip a file; collecting them took
        // 13 % of the executors' CPU in a first ingest (JFR), and 2.3 of 8.7 s in writing 1.7 M sales rows
        setDefault(b, submitted, "spark.databricks.delta.properties.defaults.dataSkippingNumIndexedCols", "0");
        // Delta keeps the file list of a small table (under 50 files) in each commit's checksum, computed from the commit,
        // and in a session whose time zone is not UTC checks it after every commit by replaying the whole log (a check of
        // timestamp partition values, which the warehouse does not have: it is partitioned by month names). Every table
        // of a 10 M-line warehouse has under 50 files (one per month). Without the check: the demo runs 127 Spark jobs
        // instead of 137, its warehouse stage 1.5-2.0 s shorter (two alternating pairs), a 10 M night's 14-17 s instead
        // of 20 s; a table's first reader replays the log once, as before
        setDefault(b, submitted, "spark.databricks.delta.allFilesInCrc.verificationMode.forceOnNonUTC.enabled", "false");
        if (!submitted.contains("spark.master")) {
            // run directly: local files' modes set and symbolic links looked for through Java, not by a process per file
            // (LocalFileSystemWithoutShell); under spark-submit the cluster's own file systems, whose executors may not
            // load classes of the application's jar for a Hadoop setting
            setDefault(b, submitted, "spark.hadoop.fs.file.impl", io.marketlens.io.LocalFileSystemWithoutShell.class.getName());
            setDefault(b, submitted, "spark.hadoop.fs.AbstractFileSystem.file.impl",
                    io.marketlens.io.LocalFileSystemWithoutShell.Fs.class.getName());
        }
        b.config("spark.sql.session.timeZone", timezone);
        b.config("spark.sql.datetime.java8API.enabled", "true");
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel(verbose ? "INFO" : "WARN");
        if (!verbose) {
            quietLogging(); // again: under spark-submit, starting the context may have configured Spark's logging anew
            // Delta's MERGE checkpoints its source locally and Spark warns about it on every merge: expected, not news
            Configurator.setLevel("org.apache.spark.rdd.MapPartitionsRDD", Level.ERROR);
            // a parse persisted in memory and on disk that outgrows the memory goes to disk, as asked: not news either
            Configurator.setLevel("org.apache.spark.storage.memory.MemoryStore", Level.ERROR);
        }
        return spark;
    }

    /**
     * Spark's and Hadoop's logging as quiet as marketlens' log4j2.properties makes it. Run directly, that file
     * configures the logging; under spark-submit the cluster's log4j profile does (Spark's default: everything at
     * INFO), so the same levels are set here, before the session starts: the progress stays readable, and a failed
     * task is reported once, by marketlens.
     */
    static void quietLogging() {
        // Spark's logging context, the one its classes log to: under spark-submit this class comes from another class
        // loader than Spark's, and Configurator's level setters would go to a context of that loader instead
        org.apache.logging.log4j.core.LoggerContext context = (org.apache.logging.log4j.core.LoggerContext)
                org.apache.logging.log4j.LogManager.getContext(SparkSession.class.getClassLoader(), false);
        org.apache.logging.log4j.core.config.Configuration config = context.getConfiguration();
        config.getRootLogger().setLevel(Level.WARN);
        for (String logger : QUIET_TO_ERROR) {
            setLevel(config, logger, Level.ERROR);
        }
        for (String logger : QUIET_OFF) {
            setLevel(config, logger, Level.OFF);
        }
        context.updateLoggers();
    }

    private static void setLevel(org.apache.logging.log4j.core.config.Configuration config, String logger, Level level) {
        org.apache.logging.log4j.core.config.LoggerConfig c = config.getLoggerConfig(logger);
        if (c.getName().equals(logger)) {
            c.setLevel(level);
        } else {
            config.addLogger(logger, new org.apache.logging.log4j.core.config.LoggerConfig(logger, level, true));
        }
    }

    /** Keep in step with src/main/resources/log4j2.properties. */
    static final java.util.List<String> QUIET_TO_ERROR = java.util.List.of("org.apache.hadoop.util.NativeCodeLoader",
            "org.apache.spark.util.Utils", "org.apache.spark.util.SparkStringUtils", "org.apache.parquet");
    static final java.util.List<String> QUIET_OFF = java.util.List.of("org.apache.spark.executor.Executor",
            "org.apache.spark.scheduler.TaskSetManager", "org.apache.spark.storage.BlockManager");

    private static final String CACHE_COMPRESSED = "spark.sql.inMemoryColumnarStorage.compressed";

    /**
     * Runs {@code body} with the tables it caches kept uncompressed, unless the session sets that itself. The ingest
     * and the warehouse cache each row once or twice and read it once or twice: compressing the columns (trying a
     * dictionary per column and batch) costs them more CPU than it saves. The metric tables read their cached fact
     * many times, and keep it compressed.
     */
    public static <T> T withUncompressedCache(SparkSession spark, java.util.function.Supplier<T> body) {
        if (spark.conf().contains(CACHE_COMPRESSED)) {
            return body.get();
        }
        spark.conf().set(CACHE_COMPRESSED, "false");
        try {
            return body.get();
        } finally {
            spark.conf().unset(CACHE_COMPRESSED);
        }
    }

    private static final String ADAPTIVE = "spark.sql.adaptive.enabled";

    /**
     * {@code rows} hash-partitioned by {@code columns} into the session's shuffle partitions and kept by Spark (memory,
     * then disk), in a way that later queries see: a query that groups or joins the result by those columns (or by
     * more columns that include them) reads it without shuffling it again. A table cached under adaptive execution
     * reports no partitioning (its plan may still change), so the plan to cache is made with adaptive execution
     * off; the queries that read the cache keep it.
     */
    public static Dataset<Row> persistPartitioned(Dataset<Row> rows, Column... columns) {
        SparkSession spark = rows.sparkSession();
        String before = spark.conf().get(ADAPTIVE, "true");
        spark.conf().set(ADAPTIVE, "false");
        try {
            // persist plans the cached table at once, so the setting holds for that plan only
            return rows.repartition(spark.sessionState().conf().numShufflePartitions(), columns)
                    .persist(StorageLevel.MEMORY_AND_DISK());
        } finally {
            spark.conf().set(ADAPTIVE, before);
        }
    }

    private static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
    private static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";

    /**
     * The settings of a small run (see {@link #withSettingsSizedTo}): no whole-stage code, Spark's interpreted
     * expressions.
     */
    static final java.util.Map<String, String> SMALL_RUN = java.util.Map.of(WHOLE_STAGE, "false", FACTORY_MODE, "NO_CODEGEN");

    /**
     * Runs of less data than this (the bytes of the input folder and the warehouse on disk) take the settings of a
     * small run ({@link #withSettingsSizedTo}). The demo's data-samples and warehouse take 12 MB; a 1 M-line history
     * 340 MB.
     */
    public static final long SMALL_RUN_BYTES = 64L << 20;

    /**
     * Runs {@code body} with Spark set for {@code dataBytes}, the data a command reads. Spark compiles Java classes for
     * every query it plans (whole-stage code and each projection, predicate and ordering): worth it when a query goes
     * over millions of rows, but a run of a few megabytes spends more time compiling than evaluating. Under {@link
     * #SMALL_RUN_BYTES} the body runs with the {@link #SMALL_RUN} settings: without whole-stage code generation and with
     * Spark's interpreted expressions ({@code spark.sql.codegen.factoryMode=NO_CODEGEN}, the evaluation Spark itself
     * falls back to when a generated class cannot be compiled). A setting the session already has (from spark-submit,
     * {@code -Dspark.…}, or set on the session) is left as it is, whatever the size; the others are unset again after
     * the body.
     */
    public static <T> T withSettingsSizedTo(SparkSession spark, long dataBytes, java.util.function.Supplier<T> body) {
        if (dataBytes >= SMALL_RUN_BYTES) {
            return body.get();
        }
        SparkConf given = spark.sparkContext().getConf();
        java.util.List<String> set = new java.util.ArrayList<>();
        for (java.util.Map.Entry<String, String> e : new java.util.TreeMap<>(SMALL_RUN).entrySet()) {
            // contains: given to the session or set on it (RuntimeConfig.getOption answers with Spark's default too)
            if (!given.contains(e.getKey()) && !spark.conf().contains(e.getKey())) {
                spark.conf().set(e.getKey(), e.getValue());
                set.add(e.getKey());
            }
        }
        try {
            return body.get();
        } finally {
            set.forEach(spark.conf()::unset);
        }
    }

    /** Spark's local property that names the jobs a thread submits (Spark's UI and event log show it per job). */
    private static final String JOB_DESCRIPTION = "spark.job.description";

    /**
     * Runs {@code body} with the Spark jobs the calling thread submits described as {@code what} (e.g. "metrics:
     * logistics_lanes"), so that Spark's UI and event log say which part of a run each job belongs to; the description
     * before is restored after. Descriptions that Delta sets for its own jobs inside take precedence there.
     */
    public static <T> T described(SparkSession spark, String what, java.util.function.Supplier<T> body) {
        org.apache.spark.SparkContext sc = spark.sparkContext();
        String before = sc.getLocalProperty(JOB_DESCRIPTION);
        sc.setLocalProperty(JOB_DESCRIPTION, what);
        try {
            return body.get();
        } finally {
            sc.setLocalProperty(JOB_DESCRIPTION, before);
        }
    }

    /**
     * Starts {@code body} on a daemon thread named {@code thread} (a run that fails meanwhile does not wait for it), its
     * Spark jobs described as {@code what} ({@link #described}); the supplier returned waits for its result and gives
     * it, or throws what {@code body} threw.
     */
    public static <T> java.util.function.Supplier<T> inBackground(SparkSession spark, String thread, String what,
                                                                  java.util.function.Supplier<T> body) {
        java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(described(spark, what, body));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, thread);
        t.setDaemon(true);
        t.start();
        return () -> {
            try {
                return result.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        };
    }

    /** Adds {@code extension} to the session extensions spark-submit may already list. */
    private static void addExtension(SparkSession.Builder b, SparkConf submitted, String extension) {
        String given = submitted.get("spark.sql.extensions", "");
        if (!java.util.Arrays.asList(given.split(",")).contains(extension)) {
            b.config("spark.sql.extensions", given.isBlank() ? extension : given + "," + extension);
        }
    }

    private static void setDefault(SparkSession.Builder b, SparkConf submitted, String key, String value) {
        if (!submitted.contains(key)) {
            b.config(key, value);
        }
    }
}
