package io.marketlens.cli;

import io.marketlens.ingest.FileStats;
import io.marketlens.ingest.IngestResult;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The per-file accounting printed at the end of run, ingest and validate. */
final class Summary {

    private Summary() {
    }

    static void print(IngestResult ingest, double threshold, PrintStream out) {
        out.println(String.format(Locale.ROOT, "%-12s %10s %10s %11s  %s", "source", "read", "accepted", "quarantined", "file / top reasons"));
        for (FileStats f : ingest.files()) {
            out.println(String.format(Locale.ROOT, "%-12s %,10d %,10d %,11d  %s", f.source(), f.rowsRead(), f.rowsAccepted(),
                    f.rowsQuarantined(), f.file()));
            if (f.duplicateOf() != null) {
                out.println(" ".repeat(48) + "the same bytes as " + f.duplicateOf() + ": read once, under that name");
                continue;
            }
            io.marketlens.ingest.Presets.Match preset = ingest.presets().get(f.file());
            if (preset != null) {
                out.println(" ".repeat(48) + "preset " + preset.preset().name() + ": " + preset.why());
            }
            if (!f.reasons().isEmpty()) {
                out.println(" ".repeat(48) + topReasons(f.reasons(), 5));
            }
        }
        long notSelected = ingest.rowsNotSelected();
        out.println(String.format(Locale.ROOT, "%-12s %,10d %,10d %,11d  (%.2f %% quarantined%s; threshold %.2f %%)", "total",
                ingest.rowsRead(), ingest.rowsAccepted(), ingest.rowsQuarantined(), 100 * ingest.quarantineRatio(),
                notSelected == 0 ? "" : String.format(Locale.ROOT, " of the rows the readings select, %,d not selected",
                        notSelected), 100 * threshold));
    }

    static String topReasons(Map<String, Long> reasons, int n) {
        List<Map.Entry<String, Long>> top = reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .toList();
        String shown = top.stream().limit(n).map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
        return top.size() > n ? shown + ", … (" + (top.size() - n) + " more)" : shown;
    }
}
