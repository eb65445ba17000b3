package io.marketlens.cli;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.run.ExitCodes;
import io.marketlens.run.Progress;
import io.marketlens.run.RunPipeline;
import io.marketlens.run.RunSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "The nightly job: ingest the input folder into the warehouse and publish <output>/<as_of>/"
                + " (manifest.json, quarantine/, and every metric stage this version has) atomically.")
final class RunCommand extends ReportingCommand {

    @Mixin
    InputOption in;

    @Mixin
    AnalysisOptions analysis;

    @Mixin
    RereadOption reread;

    @Option(names = "--warehouse", paramLabel = "DIR", description = "The warehouse, a folder of Delta Lake tables (default: <output>/warehouse).")
    String warehouse;

    @Override
    int run(RunPipeline pipeline, MarketlensConfig config, Progress progress) {
        return runAndReport(pipeline, new RunSettings(in.input, analysis.output, warehouse, analysis.asOf, in.apply(analysis.apply(config)),
                reread.request()));
    }

    private static int runAndReport(RunPipeline pipeline, RunSettings settings) {
        RunPipeline.Outcome o = pipeline.run(settings);
        Summary.print(o.ingest(), settings.config().maxQuarantineRatio(), System.err);
        System.out.println(o.runFolder());
        if (o.exitCode() == ExitCodes.QUARANTINE_ABOVE_THRESHOLD) {
            System.err.println("marketlens: completed, but more rows than max_quarantine_ratio were quarantined; see "
                    + o.runFolder() + "/quarantine/");
        }
        return o.exitCode();
    }
}
