package io.marketlens.cli;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.run.Progress;
import io.marketlens.run.RunPipeline;
import io.marketlens.run.RunSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline on the bundled data-samples/ into a fresh folder and print where it wrote.",
                "Uses data-samples/marketlens.yaml unless --config is given."})
final class DemoCommand extends ReportingCommand {

    static final String MARKER = ".marketlens-demo";
    /** The samples' own settings (their time zone), used unless --config is given. */
    static final String SAMPLE_CONFIG = "marketlens.yaml";

    @Option(names = "--output", paramLabel = "DIR", description = "Demo output folder (default: out/demo in the marketlens folder).")
    Path output;

    @Option(names = "--samples", paramLabel = "DIR", description = "Sample exports (default: data-samples/ in the marketlens folder).")
    Path samples;

    private Path home() {
        return Path.of(System.getProperty("marketlens.home", "."));
    }

    private Path samplesDir() {
        return samples != null ? samples : home().resolve("data-samples");
    }

    @Override
    MarketlensConfig loadConfig() {
        Path sampleConfig = samplesDir().resolve(SAMPLE_CONFIG);
        if (common.config == null && Files.isRegularFile(sampleConfig)) {
            return io.marketlens.config.ConfigLoader.load(sampleConfig).withBaseCurrency(common.baseCurrency);
        }
        return super.loadConfig();
    }

    @Override
    int run(RunPipeline pipeline, MarketlensConfig config, Progress progress) {
        Path in = samplesDir();
        Path out = output != null ? output : home().resolve("out/demo");
        fresh(out);
        progress.say("demo: " + in.toAbsolutePath().normalize() + " → " + out.toAbsolutePath().normalize());
        RunSettings settings = new RunSettings(in.toString(), out.toString(), null, null, config);
        RunPipeline.Outcome o = pipeline.run(settings);
        Summary.print(o.ingest(), settings.config().maxQuarantineRatio(), System.err);
        Path pdf = Path.of(o.runFolder()).resolve("report.pdf");
        // the demo's one line of output is what to open
        System.out.println(Files.isRegularFile(pdf) ? pdf : o.runFolder());
        return o.exitCode();
    }

    /** Empties a folder an earlier demo made; refuses to touch any other non-empty folder. */
    private static void fresh(Path out) {
        try {
            if (Files.isDirectory(out)) {
                boolean empty;
                try (Stream<Path> s = Files.list(out)) {
                    empty = s.findAny().isEmpty();
                }
                if (!empty && !Files.exists(out.resolve(MARKER))) {
                    throw new io.marketlens.config.ConfigException(out + " exists and was not made by 'marketlens demo';"
                            + " give another --output");
                }
                try (Stream<Path> s = Files.walk(out)) {
                    s.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(out)).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(out);
            Files.writeString(out.resolve(MARKER), "made by marketlens demo; the next demo empties this folder\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + out + ": " + e.getMessage(), e);
        }
    }
}
