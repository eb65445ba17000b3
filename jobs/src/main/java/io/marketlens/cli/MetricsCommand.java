package io.marketlens.cli;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.run.Progress;
import io.marketlens.run.RunPipeline;
import io.marketlens.run.RunSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Recompute the metric tables from the warehouse and publish <output>/<as_of>/ again"
                + " (tables/; the inputs and quarantine of a run folder already there for that date are kept).")
final class MetricsCommand extends ReportingCommand {

    @Mixin
    AnalysisOptions analysis;

    @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "The warehouse (a folder of Delta Lake tables).")
    String warehouse;

    @Override
    int run(RunPipeline pipeline, MarketlensConfig config, Progress progress) {
        RunPipeline.Outcome o = pipeline.metricsOnly(new RunSettings(null, analysis.output, warehouse, analysis.asOf, analysis.apply(config)));
        System.out.println(o.runFolder());
        return o.exitCode();
    }
}
