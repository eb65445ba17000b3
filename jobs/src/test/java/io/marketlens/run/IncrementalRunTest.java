package io.marketlens.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.cli.MarketlensCli;
import io.marketlens.testing.NightlyInputs;
import io.marketlens.testing.StdStreams;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nightly run on a warehouse that already holds the history — tonight's new exports (the last week of
 * data-samples), a corrected re-export of a few earlier order lines (one moved to another month, one cancelled) and
 * new FX rates — publishes the same tables as one run over all the same files on a fresh warehouse: the months the
 * night changed are recomputed, the others reused, and nothing differs.
 */
class IncrementalRunTest {

    private static final CSVFormat CSV = CSVFormat.DEFAULT;

    @TempDir
    static Path tmp;

    static Path nightly;
    static Path full;
    static String nightlyLog;

    @BeforeAll
    static void runBoth() throws IOException {
        NightlyInputs.Folders in = NightlyInputs.write(tmp);
        Path history = in.history();
        Path config = in.config();

        nightly = tmp.resolve("nightly");
        run(history, nightly, config);
        NightlyInputs.copyTree(in.tonight(), history);
        nightlyLog = run(history, nightly, config);

        full = tmp.resolve("full");
        run(history, full, config);
    }

    @Test
    void theNightRecomputesOnlyTheMonthsItChanged() {
        // tonight's rows are in August 2025; the corrections in 2024-03, 2024-07 (moved from 2024-06) and 2024-11; the
        // 2025 export read again for the new FX rates has no row that converts differently, so it changes no month
        assertThat(nightlyLog).contains("fact                   5 month(s) recomputed: 2024-03, 2024-06, 2024-07, 2024-11, 2025-08");
        // the distinct orders: those of the same five months grouped again (August 2025 also being the first run's
        // month after its last full one), the others' sets kept from the first run
        assertThat(nightlyLog).contains("orders of 5 month(s) grouped, the others' kept");
        // the lanes: the months of the parcels of orders whose revenue changed (the corrected lines', in logistics
        // partitions no commit touched, and August's orders), and those of tonight's shipments and the month before
        // (the month after is past the last full month, 2025-08)
        assertThat(nightlyLog).contains("note: logistics_lanes: 5 month(s) grouped (2024-03, 2024-06, 2024-11, 2025-07,"
                + " 2025-08), the others kept from the last run");
    }

    /**
     * Every table but {@code changes}, which differs by design: the nightly output holds the history's run folder to
     * compare with, the full recompute's output none.
     */
    @Test
    void everyTableEqualsAFullRecompute() throws IOException {
        Path a = nightly.resolve("2025-08-31/tables");
        Path b = full.resolve("2025-08-31/tables");
        List<String> names;
        try (Stream<Path> files = Files.list(b)) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted().toList();
        }
        assertThat(names).contains("changes.csv");
        assertThat(read(b.resolve("changes.csv"))).as("the full recompute's first run: the header alone").hasSize(1);
        assertThat(nightlyLog).contains("note: changes: compared with the run of 2025-08-24 (" + nightly.resolve("2025-08-24") + ")");
        names = names.stream().filter(n -> !n.equals("changes.csv")).toList();
        assertThat(names).contains("market_size.csv", "concentration.csv", "price_bands.csv", "seasonality.csv",
                "change_points.csv", "forecast.csv", "logistics_lanes.csv", "hot_terms.csv");
        try (Stream<Path> files = Files.list(a)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv") && !n.equals("changes.csv")).sorted())
                    .containsExactlyElementsOf(names);
        }
        for (String name : names) {
            assertSameTable(name, read(a.resolve(name)), read(b.resolve(name)));
        }
    }

    @Test
    void theQuarantineEqualsAFullRecompute() throws IOException {
        for (String source : List.of("sales.csv", "competitors.csv", "logistics.csv")) {
            assertThat(nightly.resolve("2025-08-31/quarantine").resolve(source))
                    .hasSameTextualContentAs(full.resolve("2025-08-31/quarantine").resolve(source));
        }
    }

    /** Same header and rows in the same order; numbers equal to 12 significant digits (sums in another order). */
    private static void assertSameTable(String name, List<CSVRecord> nightlyRows, List<CSVRecord> fullRows) {
        assertThat(nightlyRows).as(name + " rows").hasSameSizeAs(fullRows);
        for (int i = 0; i < fullRows.size(); i++) {
            CSVRecord x = nightlyRows.get(i);
            CSVRecord y = fullRows.get(i);
            assertThat(x.size()).as(name + " row " + i).isEqualTo(y.size());
            for (int c = 0; c < y.size(); c++) {
                String u = x.get(c);
                String v = y.get(c);
                if (u.equals(v)) {
                    continue;
                }
                double du = Double.parseDouble(u);
                double dv = Double.parseDouble(v);
                assertThat(Math.abs(du - dv)).as(name + " row " + i + " column " + c + ": " + u + " vs " + v)
                        .isLessThanOrEqualTo(1e-12 * Math.max(Math.abs(du), Math.abs(dv)));
            }
        }
    }

    private static List<CSVRecord> read(Path csv) throws IOException {
        String text = Files.readString(csv, StandardCharsets.UTF_8).substring(1); // the BOM
        try (CSVParser p = CSV.parse(new StringReader(text))) {
            return p.getRecords();
        }
    }

    private static String run(Path input, Path output, Path config) {
        StdStreams.Captured c = StdStreams.capture(() -> MarketlensCli.execute("run", "--input", input.toString(),
                "--output", output.toString(), "--config", config.toString()));
        assertThat(c.exitCode()).as(c.err()).isZero();
        return c.err();
    }
}
