package io.marketlens.reports.data;

import io.marketlens.tables.RunManifest;
import io.marketlens.tables.Scopes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A finished run's folder ({@code <output>/<as_of>/}): its {@code manifest.json} and its
 * {@code tables/<name>.csv}, read without Spark. Tables are read on first use and kept.
 */
public final class RunFolder {

    /** The roll-up value of a platform, marketplace, category or region column. */
    public static final String ALL = Scopes.ALL;
    /** The {@code period} of whole-window rows. */
    public static final String WINDOW = Scopes.WINDOW;
    /** Months in the window when the manifest does not say. */
    public static final int DEFAULT_WINDOW_MONTHS = 12;

    private final Path dir;
    private final RunManifest manifest;
    private final Map<String, Optional<Table>> tables = new ConcurrentHashMap<>();

    private RunFolder(Path dir, RunManifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /**
     * Opens a run folder.
     *
     * @throws IllegalArgumentException with a message saying what to do, when {@code dir} is not a run folder
     */
    public static RunFolder open(Path dir) {
        Path manifestFile = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifestFile)) {
            throw new IllegalArgumentException(dir + " is not a marketlens run folder (no manifest.json); pass the folder a run"
                    + " published, e.g. out/<as-of date>");
        }
        try {
            return new RunFolder(dir, RunManifest.fromJson(Files.readString(manifestFile, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifestFile + ": " + e.getMessage(), e);
        }
    }

    /** A run folder from parts, for rendering tables that are not on disk (tests). */
    public static RunFolder of(Path dir, RunManifest manifest, Map<String, Table> tables) {
        RunFolder f = new RunFolder(dir, manifest);
        tables.forEach((k, v) -> f.tables.put(k, Optional.of(v)));
        return f;
    }

    public Path dir() {
        return dir;
    }

    public RunManifest manifest() {
        return manifest;
    }

    /** The table, when the run wrote it. */
    public Optional<Table> table(String name) {
        return tables.computeIfAbsent(name, n -> {
            Path csv = dir.resolve("tables").resolve(n + ".csv");
            return Files.isRegularFile(csv) ? Optional.of(Table.read(csv)) : Optional.empty();
        });
    }

    /** The table, or an empty one with no columns when the run did not write it. */
    public Table tableOrEmpty(String name) {
        return table(name).orElseGet(() -> new Table(name, java.util.List.of(), java.util.List.of()));
    }

    /** Months in the analysis window: the run's {@code window_months} setting (SPEC §7 default 12). */
    public int windowMonths() {
        Object w = manifest == null || manifest.config() == null ? null : manifest.config().get(Scopes.WINDOW_MONTHS_KEY);
        return w instanceof Number n && n.intValue() > 0 ? n.intValue() : Scopes.DEFAULT_WINDOW_MONTHS;
    }

    /**
     * The number the run's config holds under {@code path} (e.g. {@code metrics}, {@code seasonality}, {@code peak}),
     * {@code fallback} when the manifest has no such number (the config left it at its default).
     */
    public double configNumber(java.util.List<String> path, double fallback) {
        Object node = manifest == null ? null : manifest.config();
        for (String key : path) {
            node = node instanceof Map<?, ?> m ? m.get(key) : null;
        }
        return node instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : fallback;
    }

    /**
     * The last full calendar month at the as-of date (the as-of month itself when the as-of date is its last
     * day), i.e. the window's last month; empty when the manifest has no readable as-of date.
     */
    public Optional<java.time.YearMonth> lastFullMonth() {
        if (manifest == null || manifest.asOf() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Scopes.lastFullMonth(java.time.LocalDate.parse(manifest.asOf())));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public Path chartsDir() {
        return dir.resolve("charts");
    }

    public Path pdf() {
        return dir.resolve("report.pdf");
    }
}
