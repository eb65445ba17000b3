package io.marketlens.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One command run as a whole process under GNU {@code /usr/bin/time -v}, its stdout and stderr kept in
 * {@code <logs>/<name>.out} and {@code <logs>/<name>.err} and the time report in {@code <logs>/<name>.time}.
 */
public final class TimedCommand {

    static final Path TIME = Path.of("/usr/bin/time");

    /** A finished command: its exit code, time report, and where its output went. */
    public record Result(String name, int exitCode, TimeReport time, Path stdout, Path stderr) {

        public List<String> stderrLines() {
            return readLines(stderr);
        }

        public String stdoutText() {
            try {
                return Files.readString(stdout, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public ProgressLog progress() {
            return ProgressLog.parse(stderrLines());
        }

        /** Fails naming the log unless the command exited 0. */
        public Result requireSuccess() {
            if (exitCode != 0) {
                List<String> err = stderrLines();
                throw new IllegalStateException(name + " exited with " + exitCode + "; its stderr (" + stderr + ") ends with:\n  "
                        + String.join("\n  ", err.subList(Math.max(0, err.size() - 15), err.size())));
            }
            return this;
        }
    }

    private TimedCommand() {
    }

    /** Checks that GNU time is there, before anything long starts. */
    public static void requireGnuTime() {
        if (!Files.isExecutable(TIME)) {
            throw new IllegalStateException(TIME + " is missing: install GNU time (Debian/Ubuntu: apt-get install time)");
        }
    }

    public static Result run(String name, List<String> command, Map<String, String> environment, Path logs) {
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        Path time = logs.resolve(name + ".time");
        List<String> timed = new ArrayList<>(List.of(TIME.toString(), "-v", "-o", time.toString()));
        timed.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(timed).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(environment);
        try {
            Files.createDirectories(logs);
            int exit = pb.start().waitFor();
            return new Result(name, exit, TimeReport.parse(Files.readString(time, StandardCharsets.UTF_8)), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + name + " ran", e);
        }
    }

    static List<String> readLines(Path file) {
        try {
            // decoded leniently: a stray byte in a log must not lose the timings around it
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
