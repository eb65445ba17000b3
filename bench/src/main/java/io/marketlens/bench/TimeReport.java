package io.marketlens.bench;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What GNU time's {@code -v} report says about a finished process.
 *
 * @param wallSeconds elapsed wall-clock time
 * @param cpuSeconds user + system CPU time (summed over the process's threads and waited-for children)
 * @param maxRssKb peak resident set size in KiB
 * @param exitStatus the process's exit status
 */
public record TimeReport(double wallSeconds, double cpuSeconds, long maxRssKb, int exitStatus) {

    private static final Pattern USER = Pattern.compile("User time \\(seconds\\): ([0-9.]+)");
    private static final Pattern SYSTEM = Pattern.compile("System time \\(seconds\\): ([0-9.]+)");
    private static final Pattern WALL = Pattern.compile("Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\): ([0-9:.]+)");
    private static final Pattern RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): ([0-9]+)");
    private static final Pattern EXIT = Pattern.compile("Exit status: (-?[0-9]+)");

    public static TimeReport parse(String text) {
        return new TimeReport(clock(find(WALL, text)), Double.parseDouble(find(USER, text)) + Double.parseDouble(find(SYSTEM, text)),
                Long.parseLong(find(RSS, text)), Integer.parseInt(find(EXIT, text)));
    }

    public double maxRssMb() {
        return maxRssKb / 1024.0;
    }

    /** {@code h:mm:ss} or {@code m:ss.ss} in seconds. */
    static double clock(String text) {
        double seconds = 0;
        for (String part : List.of(text.split(":"))) {
            seconds = seconds * 60 + Double.parseDouble(part);
        }
        return seconds;
    }

    private static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("not a GNU time -v report (no '" + p.pattern().replace("\\", "") + "'):\n" + text);
        }
        return m.group(1);
    }
}
