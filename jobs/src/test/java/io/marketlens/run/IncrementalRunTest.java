package io.marketlens.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.testing.NightlyInputs;
import io.marketlens.testing.PublishedTables;
import io.marketlens.testing.Runs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
        Runs.run(history, nightly, config);
        NightlyInputs.copyTree(in.tonight(), history);
        nightlyLog = Runs.run(history, nightly, config);

        full = tmp.resolve("full");
        Runs.run(history, full, config);
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
        assertThat(PublishedTables.names(b)).contains("changes.csv", "market_size.csv", "concentration.csv", "price_bands.csv",
                "seasonality.csv", "change_points.csv", "forecast.csv", "logistics_lanes.csv", "hot_terms.csv");
        assertThat(PublishedTables.read(b.resolve("changes.csv"))).as("the full recompute's first run: the header alone").hasSize(1);
        assertThat(nightlyLog).contains("note: changes: compared with the run of 2025-08-24 (" + nightly.resolve("2025-08-24") + ")");
        // the night's new month (August 2025) moves the analysis period: its market tables are computed, not taken
        assertThat(nightlyLog).contains("note: market tables: computed (the analysis period changed)");
        PublishedTables.assertSame(a, b, List.of("changes.csv"));
    }

    @Test
    void theQuarantineEqualsAFullRecompute() throws IOException {
        for (String source : List.of("sales.csv", "competitors.csv", "logistics.csv")) {
            assertThat(nightly.resolve("2025-08-31/quarantine").resolve(source))
                    .hasSameTextualContentAs(full.resolve("2025-08-31/quarantine").resolve(source));
        }
    }
}
