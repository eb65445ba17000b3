package io.marketlens.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.fact.FactStore;
import io.marketlens.io.Storage;
import io.marketlens.metrics.changes.PreviousRun;
import io.marketlens.tables.TableSchema;
import io.marketlens.tables.Tables;
import io.marketlens.warehouse.DeltaLogs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The market tables of the previous run, taken again when nothing they are computed from has changed since: a night
 * whose new rows all lie after the last full month (tonight's orders of the month under way, no correction of an
 * earlier month) publishes the same market tables as the night before, and computing them again from 6 M fact rows
 * took half a 10 M-line night's metrics stage.
 *
 * <p>The tables ({@link #TABLES}) are those computed from the driver's copy of the market fact (its months up to the
 * last full one), the distinct orders counted from {@code fact_orders} (the same months), the analysis period, the
 * settings and each other only. Every run writes what they were computed from into its {@code tables/} folder
 * ({@value #FILE}): the fact's and the orders table's Delta versions (with their paths and a hash of that version's
 * commit), the period's first and last month, a fingerprint
 * of the effective settings (the manifest's {@code config}) and of the code (the application's jar, or its class
 * files). A run takes a table from the previous run ({@link PreviousRun}) when that run's record has the same period,
 * settings and code, both Delta tables are the same tables (path, and the commit file of the recorded version
 * unchanged) and their commits since those versions changed no month up to the last full one (their logs say which
 * partitions each commit wrote or removed; a log that no longer says, a table made anew, or a version older than the
 * record's: computed); the table is read back from the previous run's Parquet file (exact
 * values, the rows in their order), so its CSV and Parquet files come out the same, and the groups after it read the
 * same rows. Anything else — no previous run, a table missing there, a record missing or unreadable — computes the
 * table as usual.
 */
final class MarketTablesReuse {

    /** The record of what a run's market tables were computed from, in its {@code tables/} folder. */
    static final String FILE = "_market_inputs.json";
    /** Raised when the record's meaning changes. */
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The tables that depend on the market fact, the distinct orders, the period, the settings and each other only. */
    static final Set<String> TABLES = Set.of(Tables.MARKET_SIZE.name(), Tables.LIFECYCLE.name(), Tables.NEW_VS_EXISTING.name(),
            Tables.CONCENTRATION.name(), Tables.CONCENTRATION_CURVE.name(), Tables.COMPETITION_INTENSITY.name(),
            Tables.PRICE_BANDS.name(), Tables.HOT_TERMS.name(), Tables.SEASONALITY.name(), Tables.TURNING_POINTS.name(),
            Tables.CHANGE_POINTS.name(), Tables.FORECAST.name(), Tables.FORECAST_BACKTEST.name(), Tables.COMPETITORS.name(),
            Tables.COMPETITOR_BENCHMARK.name());

    /**
     * What a run's market tables are computed from: versions −1 for no such table, each table's version with its path
     * and a SHA-256 of that version's commit file (a table at another path, or made anew at the same one, has other
     * commits).
     */
    record Inputs(int format, String code, String settings, String firstWindow, String lastPeriod, Version fact, Version orders) {
    }

    /** A Delta table's version ({@code -1}: no table), its path and the SHA-256 of that version's commit file. */
    record Version(String table, long version, String commit) {

        static Version of(Storage storage, DeltaLogs logs, Optional<String> table) {
            if (table.isEmpty()) {
                return new Version("", -1, "");
            }
            long v = logs.version(table.get());
            return new Version(storage.qualify(table.get()), v, commitHash(storage, table.get(), v));
        }

        /** The SHA-256 of the table's commit file of {@code version}, "" when it cannot be read. */
        static String commitHash(Storage storage, String table, long version) {
            String file = Storage.join(table, "_delta_log", String.format(java.util.Locale.ROOT, "%020d.json", version));
            try {
                return storage.exists(file) ? sha256(storage.readString(file)) : "";
            } catch (RuntimeException e) {
                return "";
            }
        }
    }

    private final Storage storage;
    private final Inputs now;
    private final String reusedFrom;
    private final String why;

    private MarketTablesReuse(Storage storage, Inputs now, String reusedFrom, String why) {
        this.storage = storage;
        this.now = now;
        this.reusedFrom = reusedFrom;
        this.why = why;
    }

    /**
     * Tonight's inputs, and whether the previous run's market tables may be taken: from its folder when its record
     * allows, else from none.
     */
    static MarketTablesReuse plan(Storage storage, FactStore.Tables facts, Map<String, Object> settings, AnalysisPeriod period,
                                  Optional<PreviousRun> previous) {
        DeltaLogs logs = new DeltaLogs(storage);
        Inputs now = new Inputs(FORMAT, Code.FINGERPRINT, io.marketlens.io.SettingsFingerprint.of(settings), period.firstWindowPeriod(),
                period.lastPeriod(), Version.of(storage, logs, facts.factTable()), Version.of(storage, logs, facts.ordersTable()));
        if (previous.isEmpty() || facts.factTable().isEmpty()) {
            return new MarketTablesReuse(storage, now, null, "no previous run");
        }
        String file = Storage.join(previous.get().folder(), "tables", FILE);
        String why;
        if (!storage.exists(file)) {
            why = "the previous run has no " + FILE;
        } else {
            try {
                why = differs(storage, logs, JSON.readValue(storage.readString(file), Inputs.class), now, facts);
            } catch (IOException | RuntimeException e) {
                why = "the previous run's " + FILE + " cannot be read: " + Storage.why(e);
            }
        }
        return new MarketTablesReuse(storage, now, why == null ? previous.get().folder() : null, why);
    }

    /** Why the previous run's tables cannot be taken (null: they can). */
    private static String differs(Storage storage, DeltaLogs logs, Inputs before, Inputs now, FactStore.Tables facts) {
        if (before.format() != now.format() || !before.code().equals(now.code())) {
            return "another version of marketlens computed them";
        }
        if (!before.settings().equals(now.settings())) {
            return "the settings changed";
        }
        if (!before.firstWindow().equals(now.firstWindow()) || !before.lastPeriod().equals(now.lastPeriod())) {
            return "the analysis period changed";
        }
        String fact = untouched(storage, logs, facts.factTable(), before.fact(), now.fact(), now.lastPeriod());
        if (fact != null) {
            return "the market fact " + fact;
        }
        String orders = untouched(storage, logs, facts.ordersTable(), before.orders(), now.orders(), now.lastPeriod());
        return orders == null ? null : "the orders " + orders;
    }

    /** Why the table's months up to {@code lastPeriod} may differ between the versions (null: they do not). */
    private static String untouched(Storage storage, DeltaLogs logs, Optional<String> table, Version before, Version now,
                                    String lastPeriod) {
        if (before.equals(now)) {
            return null;
        }
        if (table.isEmpty() || before.version() < 0 || now.version() < before.version() || !before.table().equals(now.table())
                || before.commit().isEmpty()
                || !before.commit().equals(Version.commitHash(storage, table.get(), before.version()))) {
            return "is another table";
        }
        Optional<Set<String>> touched = logs.partitionsTouched(table.get(), before.version(), now.version(),
                io.marketlens.tables.Columns.PERIOD);
        if (touched.isEmpty()) {
            return "changed in a way its log does not tell by month";
        }
        List<String> earlier = touched.get().stream().filter(m -> m.compareTo(lastPeriod) <= 0).toList();
        return earlier.isEmpty() ? null : "changed in " + FactStore.abbreviate(new java.util.TreeSet<>(earlier));
    }

    /** The previous run's folder whose market tables may be taken, if any. */
    Optional<String> from() {
        return Optional.ofNullable(reusedFrom);
    }

    /** Why the previous run's tables are not taken (null when they are). */
    String why() {
        return why;
    }

    /**
     * The previous run's rows of {@code table} (as its Parquet file holds them), when the table may be taken and the
     * file is there with the table's columns; empty otherwise.
     */
    Optional<List<Row>> rows(SparkSession spark, TableSchema table) {
        if (reusedFrom == null || !TABLES.contains(table.name())) {
            return Optional.empty();
        }
        String file = Storage.join(reusedFrom, "tables", table.name() + ".parquet");
        if (!storage.exists(file)) {
            return Optional.empty();
        }
        org.apache.spark.sql.types.StructType schema = io.marketlens.spark.TableSchemas.struct(table);
        org.apache.spark.sql.Dataset<Row> read = spark.read().parquet(file);
        org.apache.spark.sql.types.StructField[] have = read.schema().fields();
        org.apache.spark.sql.types.StructField[] want = schema.fields();
        if (have.length != want.length) {
            return Optional.empty();
        }
        for (int i = 0; i < want.length; i++) {
            if (!have[i].name().equals(want[i].name()) || !have[i].dataType().equals(want[i].dataType())) {
                return Optional.empty();
            }
        }
        return Optional.of(read.collectAsList());
    }

    /** Writes tonight's record into the run's {@code tables/} folder. */
    void write(String tablesDir) {
        try {
            storage.writeStringAtomically(Storage.join(tablesDir, FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(now));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The code's fingerprint, computed once per process. */
    private static final class Code {
        static final String FINGERPRINT = fingerprint();

        /**
         * SHA-256 of the application's jar, or of its class files (path and bytes, in path order) when it runs from a
         * folder of classes; "unknown" (never equal to a recorded one) when neither can be read.
         */
        private static String fingerprint() {
            try {
                java.security.CodeSource source = MarketTablesReuse.class.getProtectionDomain().getCodeSource();
                if (source == null) {
                    return "unknown-" + System.nanoTime();
                }
                Path where = Path.of(source.getLocation().toURI());
                MessageDigest d = digest();
                if (Files.isRegularFile(where)) {
                    try (InputStream in = Files.newInputStream(where)) {
                        byte[] buf = new byte[1 << 16];
                        for (int n; (n = in.read(buf)) > 0; ) {
                            d.update(buf, 0, n);
                        }
                    }
                } else {
                    try (Stream<Path> files = Files.walk(where)) {
                        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                            d.update(where.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                            d.update(Files.readAllBytes(f));
                        }
                    }
                }
                return HexFormat.of().formatHex(d.digest());
            } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
                return "unknown-" + System.nanoTime();
            }
        }
    }
}
