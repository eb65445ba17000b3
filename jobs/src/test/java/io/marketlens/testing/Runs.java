package io.marketlens.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.cli.MarketlensCli;
import java.nio.file.Path;

/** {@code marketlens run} called in the test's JVM. */
public final class Runs {

    private Runs() {
    }

    /** Runs {@code marketlens run} over {@code input} into {@code output} with {@code config}; its progress (stderr) once it succeeded. */
    public static String run(Path input, Path output, Path config) {
        StdStreams.Captured c = StdStreams.capture(() -> MarketlensCli.execute("run", "--input", input.toString(),
                "--output", output.toString(), "--config", config.toString()));
        assertThat(c.exitCode()).as(c.err()).isZero();
        return c.err();
    }
}
