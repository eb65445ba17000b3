package io.marketlens.cli;

import io.marketlens.generate.SampleDataMain;
import io.marketlens.generate.SyntheticMarket;
import io.marketlens.run.ExitCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write synthetic canonical exports (sales, competitors, logistics, fx_rates) with planted,"
                + " documented ground truth — seasonal pattern, a level shift, a peak month, a long-tail seller"
                + " distribution — into DIR, with truth.json (what was planted), README.md and marketlens.yaml"
                + " (its own_seller_ids names the own store: the sales seller with the largest revenue).",
                "Same seed, same files. Rows are written as they are made, so the heap needed does not grow"
                + " with --rows (10 million lines run with -Xmx1g); sorts spill to a hidden folder in DIR."})
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (its old exports are replaced).")
    Path out;

    @Option(names = "--months", paramLabel = "N", description = "Months of data (default ${DEFAULT-VALUE}).", defaultValue = "32")
    int months;

    @Option(names = "--rows", paramLabel = "N", description = "About this many sales lines (default ${DEFAULT-VALUE}).",
            defaultValue = "20000")
    int rows;

    @Option(names = "--listings", paramLabel = "N", description = "Distinct competitor listings over the whole period (default ${DEFAULT-VALUE}).",
            defaultValue = "320")
    int listings;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}, the one of data-samples/).",
            defaultValue = "2117")
    long seed;

    @Option(names = "--first-month", paramLabel = "YYYY-MM", description = "First month (default ${DEFAULT-VALUE}).",
            defaultValue = "2023-01")
    YearMonth firstMonth;

    @Option(names = "--no-bad-rows", description = "Leave out the deliberately bad rows.")
    boolean noBadRows;

    @Option(names = "--time-series-cases", description = "Plant one time-series case per category (needs --months 36 or more):"
            + " a steady trend, a trend break, a two-year cycle, a two-month shock, a ×1.6 level shift and a thin"
            + " category of 3 orders a month; truth.json lists them (time_series_cases).")
    boolean timeSeriesCases;

    @Option(names = "--selection-cases", description = "Plant an own store (an Amazon sales seller, the largest in three"
            + " categories, named in marketlens.yaml), a direct competitor in the own store's price bands, an emerging"
            + " seller that appears four months before the end and gains the most share, and a category that is"
            + " clearly the best pick (needs --months 24 or more; not with --time-series-cases); truth.json names"
            + " them (selection_cases).")
    boolean selectionCases;

    @Override
    public Integer call() {
        SyntheticMarket.Params params;
        try {
            params = new SyntheticMarket.Params(seed, firstMonth, months, rows, listings, !noBadRows, timeSeriesCases,
                    selectionCases);
        } catch (IllegalArgumentException e) {
            throw new io.marketlens.config.ConfigException("generate: " + e.getMessage());
        }
        try {
            SyntheticMarket.Truth truth = SampleDataMain.run(params, out);
            truth.files().forEach(f -> System.err.printf("  %-32s %,9d rows (%d bad)%n", f.file(), f.rows(), f.bad()));
            java.time.LocalDate last = firstMonth.plusMonths(months - 1L).atEndOfMonth();
            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            if (last.isAfter(today)) {
                // the run's plausibility bound would quarantine what is dated after tomorrow
                System.err.printf("  note: the data runs to %s, after today (%s); run it with plausibility: {days_ahead: %d}"
                        + " in the config%n", last, today, java.time.temporal.ChronoUnit.DAYS.between(today, last) + 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        System.out.println(out);
        return ExitCodes.OK;
    }
}
