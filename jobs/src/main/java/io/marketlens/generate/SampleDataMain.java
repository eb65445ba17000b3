package io.marketlens.generate;

import io.marketlens.generate.SyntheticMarket.Params;
import io.marketlens.generate.SyntheticMarket.Truth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Regenerates the checked-in sample data: {@code SampleDataMain <outDir> [seed]}.
 *
 * <p>Writes the CSVs (via {@link SyntheticMarket}), {@code truth.json} and {@code README.md} into
 * {@code outDir}.
 */
public final class SampleDataMain {
    private SampleDataMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: SampleDataMain <outDir> [seed]");
            System.exit(2);
        }
        Params params = Params.defaults();
        if (args.length == 2) {
            params = params.withSeed(Long.parseLong(args[1]));
        }
        Truth truth = run(params, Path.of(args[0]));
        truth.files().forEach(f -> System.out.printf("%-32s %7d rows (%d bad)%n", f.file(), f.rows(), f.bad()));
    }

    /** The config the exports need: their timestamps without an offset are Beijing wall-clock time. */
    static final String CONFIG = """
            # Config for these exports (bin/marketlens demo uses it; pass it to run with --config).
            # Timestamps without an offset are Beijing wall-clock time, as a seller's back office writes them.
            timezone: Asia/Shanghai
            base_currency: USD
            """;

    /** {@link #CONFIG} and the own store of the data set (truth.json {@code own_store}), whose competitors the run lists. */
    static String config(Truth truth) {
        SyntheticMarket.OwnStore own = truth.ownStore();
        if (own == null) {
            return CONFIG;
        }
        return CONFIG + (own.planted()
                ? "# The own store: the seller planted by --selection-cases (truth.json selection_cases).\n"
                : "# The own store, for the competitor tables: the seller of the sales files with the largest revenue.\n")
                + "own_seller_ids: [" + TruthJson.str(own.sellerId()) + "]\n";
    }

    /**
     * Generates the CSVs and writes {@code truth.json}, {@code README.md} and {@code marketlens.yaml};
     * reusable by a CLI command.
     */
    public static Truth run(Params params, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Truth truth = SyntheticMarket.generate(params, outDir);
        Files.writeString(outDir.resolve("truth.json"), TruthJson.toJson(truth), StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve("README.md"), SampleReadme.render(truth, outDir), StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve("marketlens.yaml"), config(truth), StandardCharsets.UTF_8);
        return truth;
    }
}
