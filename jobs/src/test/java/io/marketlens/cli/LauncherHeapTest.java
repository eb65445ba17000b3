package io.marketlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's measure of the data a command reads (bin/marketlens {@code data_mb}, which picks the JVM's heap): the
 * megabytes on disk of the --input folder and of the warehouse (--warehouse, else the one in --output), in either
 * spelling of the options; a URI, whose size the launcher cannot see, counts as large.
 */
class LauncherHeapTest {

    static final Path LAUNCHER = Path.of(System.getProperty("user.dir")).getParent().resolve("bin/marketlens");

    @TempDir
    Path tmp;

    @Test
    void theDataOfACommandIsItsInputAndItsWarehouseInMegabytes() throws Exception {
        Path input = tmp.resolve("input");
        Path warehouse = tmp.resolve("wh");
        Path output = tmp.resolve("out");
        fill(input.resolve("sales/a.csv"), 3);
        fill(warehouse.resolve("sales/part-0.parquet"), 2);
        fill(output.resolve("warehouse/fact/part-0.parquet"), 1);

        assertThat(dataMb("run", "--input", input.toString(), "--warehouse", warehouse.toString())).isEqualTo(5);
        assertThat(dataMb("run", "--input=" + input, "--warehouse=" + warehouse)).isEqualTo(5);
        // without --warehouse, the warehouse inside --output
        assertThat(dataMb("run", "--input", input.toString(), "--output", output.toString())).isEqualTo(4);
        assertThat(dataMb("metrics", "--output=" + output)).isEqualTo(1);
        assertThat(dataMb("demo")).isZero();
        assertThat(dataMb("run", "--input", tmp.resolve("missing").toString())).isZero();
        assertThat(dataMb("metrics", "--warehouse", "s3a://bucket/warehouse")).isEqualTo(999_999);
    }

    /** Writes {@code mb} megabytes of bytes that are not all zero (so that no file system stores them sparsely). */
    static void fill(Path file, int mb) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] block = new byte[1 << 20];
        java.util.Arrays.fill(block, (byte) 'x');
        try (var out = Files.newOutputStream(file)) {
            for (int i = 0; i < mb; i++) {
                out.write(block);
            }
        }
    }

    /** Runs the launcher's {@code data_mb} function (and nothing else of the launcher) on {@code args}. */
    private static int dataMb(String... args) throws Exception {
        String launcher = Files.readString(LAUNCHER, StandardCharsets.UTF_8);
        int from = launcher.indexOf("data_mb() {");
        int to = launcher.indexOf("\n}\n", from);
        assertThat(from).as("bin/marketlens defines data_mb").isNotNegative();
        String script = "set -euo pipefail\n" + launcher.substring(from, to + 3) + "data_mb \"$@\"\n";
        List<String> command = new ArrayList<>(List.of("bash", "-c", script, "data_mb"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).as(out).isZero();
        return Integer.parseInt(out);
    }
}
