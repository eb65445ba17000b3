package io.marketlens.reports.charts;

import io.marketlens.reports.data.RunFolder;
import io.marketlens.reports.text.Lang;
import io.marketlens.reports.text.Numbers;
import io.marketlens.reports.text.Texts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Tiny hand-written run folders for the chart tests: tables as CSV text, written with the writer's BOM. */
final class Fixture {

    private Fixture() {
    }

    /** A run folder in {@code dir} holding exactly {@code tables} (name → CSV text) and a USD manifest. */
    static RunFolder run(Path dir, Map<String, String> tables) {
        try {
            Files.createDirectories(dir.resolve("tables"));
            Files.writeString(dir.resolve("manifest.json"),
                    "{\"run_id\":\"fixture\",\"as_of\":\"2024-12-31\",\"base_currency\":\"USD\"}", StandardCharsets.UTF_8);
            for (Map.Entry<String, String> t : tables.entrySet()) {
                Files.writeString(dir.resolve("tables").resolve(t.getKey() + ".csv"), "\uFEFF" + t.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return RunFolder.open(dir);
    }

    static ReportCharts charts(RunFolder run, Lang lang) {
        return new ReportCharts(run, Texts.of(lang), new Numbers(lang, "USD"), ChartStyle.defaults());
    }

    static ReportCharts charts(Path dir, Map<String, String> tables) {
        return charts(run(dir, tables), Lang.EN);
    }
}
