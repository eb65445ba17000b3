package io.marketlens.cli;

import static org.apache.spark.sql.functions.col;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.run.Progress;
import io.marketlens.run.RunPipeline;
import io.marketlens.run.RunSettings;
import java.util.Locale;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Dry run: read and check every input file as 'run' would and print the data-quality findings"
                + " (rows read/accepted/quarantined per file, reasons, example lines). Writes nothing.")
final class ValidateCommand extends SparkCommand {

    @Mixin
    InputOption in;

    @Option(names = "--warehouse", paramLabel = "DIR",
            description = "Existing warehouse: its FX rates apply and its files count as already read.")
    String warehouse;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "20", description = "Quarantined lines to show (default ${DEFAULT-VALUE}).")
    int examples;

    @Override
    int run(RunPipeline pipeline, MarketlensConfig config, Progress progress) {
        RunSettings settings = new RunSettings(in.input, null, warehouse, null, in.apply(config));
        RunPipeline.Outcome o = pipeline.validate(settings, q -> {
            for (Row r : q.orderBy(col("file"), col("line")).limit(examples).collectAsList()) {
                System.err.println(String.format(Locale.ROOT, "  %s:%d  %s  %s", r.getAs("file"), r.<Long>getAs("line"),
                        r.getAs("reason"), r.getAs("details")));
            }
        });
        Summary.print(o.ingest(), config.maxQuarantineRatio(), System.err);
        return o.exitCode();
    }
}
