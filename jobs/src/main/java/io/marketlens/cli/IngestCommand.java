package io.marketlens.cli;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.run.Progress;
import io.marketlens.run.RunPipeline;
import io.marketlens.run.RunSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Read the input folder into the warehouse only. Files already ingested (same SHA-256)"
                + " change nothing; a corrected re-export replaces the rows it corrects (natural key, newest file wins).")
final class IngestCommand extends SparkCommand {

    @Mixin
    InputOption in;

    @Mixin
    RereadOption reread;

    @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "The warehouse (a folder of Delta Lake tables).")
    String warehouse;

    @Override
    int run(RunPipeline pipeline, MarketlensConfig config, Progress progress) {
        RunSettings settings = new RunSettings(in.input, null, warehouse, null, in.apply(config), reread.request());
        RunPipeline.Outcome o = pipeline.ingestOnly(settings);
        Summary.print(o.ingest(), config.maxQuarantineRatio(), System.err);
        System.out.println(warehouse);
        return o.exitCode();
    }
}
