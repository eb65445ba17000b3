package io.marketlens.reports.findings;

import io.marketlens.reports.data.RunFolder;
import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Lang;
import io.marketlens.reports.text.Numbers;
import io.marketlens.reports.text.Texts;
import io.marketlens.tables.RunManifest;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small hand-written run folders for the findings tests. */
final class Fixtures {

    private Fixtures() {}

    /** A table from a comma-separated header and rows (no quoting; an empty field is an empty cell). */
    static Table table(String name, String header, String... rows) {
        List<String> columns = List.of(header.split(",", -1));
        List<List<String>> cells = Arrays.stream(rows).map(r -> {
            List<String> c = List.of(r.split(",", -1));
            if (c.size() != columns.size()) {
                throw new IllegalArgumentException(name + ": row has " + c.size() + " cells, header " + columns.size() + ": " + r);
            }
            return c;
        }).toList();
        return new Table(name, columns, cells);
    }

    /** The manifest of a run as of 2025-08-31 with a 12-month window and W = 6 for new products. */
    static RunManifest manifest(List<RunManifest.Input> inputs) {
        return new RunManifest("run-1", "2025-08-31", "USD", "2025-09-01T00:00:00Z", inputs, List.of(), List.of(),
                Map.of(), Map.of("window_months", 12, "metrics", Map.of("new_product_months", 6, "backtest_months", 6)));
    }

    static RunFolder run(Table... tables) {
        return run(manifest(List.of()), tables);
    }

    static RunFolder run(RunManifest manifest, Table... tables) {
        Map<String, Table> byName = new LinkedHashMap<>();
        for (Table t : tables) {
            byName.put(t.name(), t);
        }
        return RunFolder.of(Path.of("unused"), manifest, byName);
    }

    static List<Finding> findings(RunFolder run, Lang lang) {
        return KeyFindings.of(run, Texts.of(lang), new Numbers(lang, "USD"));
    }

    /** The texts of the findings of {@code topic}, in order. */
    static List<String> texts(RunFolder run, Lang lang, Topic topic) {
        return findings(run, lang).stream().filter(f -> f.topic().equals(topic)).map(Finding::text).toList();
    }
}
