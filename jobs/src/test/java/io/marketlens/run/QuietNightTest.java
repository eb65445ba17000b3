package io.marketlens.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.testing.NightlyInputs;
import io.marketlens.testing.PublishedTables;
import io.marketlens.testing.Runs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quiet night — tonight's orders, shipments and FX rates all in the month under way (25–27 August 2025, the last full
 * month staying July) — takes the market tables of the run before (as of 24 August) instead of computing them again,
 * and publishes the same tables as one run over the same files on a fresh warehouse. A corrected re-export of 2024
 * lines afterwards (the same as-of date) changes months of the fact up to July: the market tables are computed.
 */
class QuietNightTest {

    @TempDir
    static Path tmp;

    static Path out;
    static Path full;
    static String firstLog;
    static String quietLog;
    static String correctedLog;
    static List<CSVRecord> quietMarketSize;
    static Path quietTables;

    @BeforeAll
    static void runAll() throws IOException {
        NightlyInputs.Folders in = NightlyInputs.write(tmp);
        Path history = in.history();
        Path config = in.config();
        out = tmp.resolve("out");
        firstLog = Runs.run(history, out, config);
        keep(in.tonight().resolve("sales/orders-2025-08-25.csv"), history.resolve("sales/orders-2025-08-25.csv"),
                "^[^,]*,[^,]*,2025-08-2[5-7]");
        keep(in.tonight().resolve("logistics/shipments-2025-08-25.csv"), history.resolve("logistics/shipments-2025-08-25.csv"),
                "^([^,]*,){7}2025-08-2[5-7]");
        keep(in.tonight().resolve("fx_rates/usd_rates-2025-08-25.csv"), history.resolve("fx_rates/usd_rates-2025-08-25.csv"),
                "^2025-08-2[5-7]");
        quietLog = Runs.run(history, out, config);
        quietMarketSize = PublishedTables.read(out.resolve("2025-08-27/tables/market_size.csv"));
        // kept aside: the corrected run below has the same date and replaces the folder
        quietTables = tmp.resolve("quiet-tables");
        NightlyInputs.copyTree(out.resolve("2025-08-27/tables"), quietTables);
        full = tmp.resolve("full");
        Runs.run(history, full, config);
        Files.copy(in.tonight().resolve("sales/orders-corrected.csv"), history.resolve("sales/orders-corrected.csv"));
        correctedLog = Runs.run(history, out, config);
    }

    @Test
    void aQuietNightTakesTheMarketTablesOfTheRunBefore() throws IOException {
        assertThat(firstLog).contains("note: market tables: computed (no previous run)");
        assertThat(quietLog).contains("note: market tables: taken from the run of 2025-08-24 (nothing they are computed from changed since)");
        // both runs' last full month is July 2025: the same market tables, byte for byte
        for (String table : List.of("market_size.csv", "concentration.csv", "competition_intensity.csv", "price_bands.csv",
                "hot_terms.csv", "forecast.csv", "competitors.csv")) {
            assertThat(full.resolve("2025-08-27/tables").resolve(table)).as(table)
                    .hasSameTextualContentAs(out.resolve("2025-08-24/tables").resolve(table));
        }
    }

    @Test
    void aQuietNightPublishesWhatAFullRecomputePublishes() throws IOException {
        assertThat(PublishedTables.names(full.resolve("2025-08-27/tables"))).contains("market_size.csv", "product_selection.csv",
                "platform_comparison.csv", "own_store.csv", "logistics_lanes.csv");
        assertThat(quietTables.resolve("_market_inputs.json")).exists();
        PublishedTables.assertSame(quietTables, full.resolve("2025-08-27/tables"), List.of("changes.csv"));
    }

    @Test
    void aCorrectionOfAnEarlierMonthComputesThemAgain() throws IOException {
        // compared with the run before its date (24 August): the fact changed in the corrected lines' months since
        assertThat(correctedLog).contains("note: market tables: computed (the market fact changed in 2024-03, 2024-06, 2024-07, 2024-11)");
        // the March line's quantity went up by 2: so did March 2024's units over all platforms, marketplaces, categories
        assertThat(units(PublishedTables.read(out.resolve("2025-08-27/tables/market_size.csv")), "2024-03"))
                .isEqualTo(units(quietMarketSize, "2024-03") + 2);
    }

    /** The units of the all-scopes row of {@code period} in market_size. */
    private static long units(List<CSVRecord> marketSize, String period) {
        List<String> header = marketSize.get(0).toList();
        for (CSVRecord r : marketSize.subList(1, marketSize.size())) {
            if (r.get(0).equals("ALL") && r.get(1).equals("ALL") && r.get(2).equals("ALL")
                    && r.get(header.indexOf("period")).equals(period)) {
                return Long.parseLong(r.get(header.indexOf("units")));
            }
        }
        throw new AssertionError("no row of " + period);
    }

    /** The header and the lines of {@code from} matching {@code pattern}, written to {@code to}. */
    private static void keep(Path from, Path to, String pattern) throws IOException {
        Pattern p = Pattern.compile(pattern);
        List<String> lines = Files.readAllLines(from, StandardCharsets.UTF_8);
        List<String> kept = new ArrayList<>(List.of(lines.get(0)));
        lines.subList(1, lines.size()).stream().filter(l -> p.matcher(l).find()).forEach(kept::add);
        assertThat(kept).as("lines of " + from).hasSizeGreaterThan(1);
        Files.createDirectories(to.getParent());
        Files.write(to, kept, StandardCharsets.UTF_8);
    }
}
