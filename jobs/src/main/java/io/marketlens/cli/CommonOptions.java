package io.marketlens.cli;

import io.marketlens.config.ConfigLoader;
import io.marketlens.config.MarketlensConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every data command shares. */
public class CommonOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config: base currency, time zone, FX tolerance,"
            + " per-source encoding/delimiter/date pattern/column mapping. See README 'Configuration'.")
    Path config;

    @Option(names = "--base-currency", paramLabel = "CODE", description = "Base currency (overrides the config; default USD).")
    String baseCurrency;

    @Option(names = {"-v", "--verbose"}, description = "Show Spark's own logging and full stack traces.")
    boolean verbose;

    /** Config file, then command-line overrides on top. */
    MarketlensConfig load() {
        return ConfigLoader.load(config).withBaseCurrency(baseCurrency);
    }
}
