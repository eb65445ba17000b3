package io.marketlens.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmark ran on, from {@code /proc} and the JVM: the figures mean little without it. */
record Machine(String cpu, int cores, long memoryMb, String os, String java) {

    static Machine describe() {
        String cpu = procField("/proc/cpuinfo", "model name\\s*:\\s*(.+)").orElse(System.getProperty("os.arch"));
        long memoryMb = procField("/proc/meminfo", "MemTotal:\\s*(\\d+) kB").map(kb -> Long.parseLong(kb) / 1024).orElse(-1L);
        return new Machine(cpu, Runtime.getRuntime().availableProcessors(), memoryMb,
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    /** The 1-, 5- and 15-minute load averages now, which say whether other work shared the cores. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).strip().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    String summary() {
        return String.format(Locale.ROOT, "%s, %d cores, %,d MB RAM; %s; %s", cpu, cores, memoryMb, os, java);
    }

    private static Optional<String> procField(String file, String regex) {
        try {
            Matcher m = Pattern.compile(regex).matcher(Files.readString(Path.of(file), StandardCharsets.UTF_8));
            return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
