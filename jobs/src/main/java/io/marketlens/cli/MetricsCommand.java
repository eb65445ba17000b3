package io.marketlens.cli;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.run.Progress;
import io.marketlens.run.RunPipeline;
import io.marketlens.run.RunSettings;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Recompute the metric tables from the warehouse and publish <output>/<as_of>/ again",
                "(tables/; the inputs and quarantine of a run folder already there for that date are kept)."})
final class MetricsCommand extends SparkCommand {

    @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "The Parquet warehouse.")
    String warehouse;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Where <as_of>/ is published.")
    String output;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "Analysis date (default: the last date in the data).")
    LocalDate asOf;

    @Option(names = "--window-months", paramLabel = "N", description = "Months in the analysis window (default 12).")
    Integer windowMonths;

    @Override
    int run(RunPipeline pipeline, MarketlensConfig config, Progress progress) {
        RunPipeline.Outcome o = pipeline.metricsOnly(new RunSettings(null, output, warehouse, asOf, config.withWindowMonths(windowMonths)));
        System.out.println(o.runFolder());
        return o.exitCode();
    }
}
