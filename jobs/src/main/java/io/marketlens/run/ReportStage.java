package io.marketlens.run;

import io.marketlens.io.Storage;
import io.marketlens.reports.ReportRenderer;
import io.marketlens.reports.data.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Renders the report of a staged run folder: {@code report.pdf} and {@code charts/*.png} beside its
 * tables, before the folder is published. The renderer works on local files; a run folder on another
 * file system (HDFS, S3, ...) has its manifest and CSV tables copied to a local temporary folder, and
 * the PDF and charts copied back.
 */
final class ReportStage {

    private final Storage storage;
    private final ReportRenderer.Settings settings;
    private final Consumer<String> progress;
    private final ReportRenderer.FontSearch fonts;

    /** With {@code fonts} the search for the report's fonts, started with {@code settings}' font ({@link #searchFonts}). */
    ReportStage(Storage storage, ReportRenderer.Settings settings, Consumer<String> progress, ReportRenderer.FontSearch fonts) {
        this.storage = storage;
        this.settings = settings;
        this.progress = progress;
        this.fonts = fonts;
    }

    /** Starts looking for the fonts of a report rendered with {@code settings} (a run does so before its fact stage). */
    static ReportRenderer.FontSearch searchFonts(ReportRenderer.Settings settings) {
        return ReportRenderer.searchFonts(settings.font());
    }

    ReportRenderer.Result render(String stagedDir, String version) {
        java.util.Optional<Path> dir = storage.localFile(stagedDir);
        if (dir.isPresent()) {
            return renderLocal(dir.get(), version);
        }
        Path local = null;
        try {
            local = Files.createTempDirectory("marketlens-report-");
            storage.copy(Storage.join(stagedDir, "manifest.json"), local.resolve("manifest.json").toUri().toString());
            Files.createDirectories(local.resolve("tables"));
            for (var f : storage.list(Storage.join(stagedDir, "tables"))) {
                String name = f.getPath().getName();
                if (name.endsWith(".csv")) {
                    storage.copy(f.getPath().toString(), local.resolve("tables").resolve(name).toUri().toString());
                }
            }
            ReportRenderer.Result r = renderLocal(local, version);
            storage.copy(local.resolve("report.pdf").toUri().toString(), Storage.join(stagedDir, "report.pdf"));
            storage.copy(local.resolve("charts").toUri().toString(), Storage.join(stagedDir, "charts"));
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the report through a local folder: " + e.getMessage(), e);
        } finally {
            deleteQuietly(local);
        }
    }

    private ReportRenderer.Result renderLocal(Path dir, String version) {
        RunFolder run = RunFolder.open(dir);
        ReportRenderer.Result r = ReportRenderer.render(run, settings.forRun(run), version, w -> progress.accept("  warning: " + w),
                fonts);
        progress.accept(String.format(java.util.Locale.ROOT, "  report.pdf: %d pages (%s), %d charts", r.pages(),
                r.lang().code(), r.charts().size()));
        return r;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
