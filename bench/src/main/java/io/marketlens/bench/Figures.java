package io.marketlens.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The benchmark's figures: one line per figure, with its value in every repeat for the first (full) run and for the
 * nightly run, shown as the median over the repeats. Ratios are taken per repeat (a marketlens run and its DuckDB
 * reference run minutes apart, under the same load) and then their median.
 */
public final class Figures {

    /** The metric tables whose seconds count as the work the DuckDB reference does too, besides ingest and warehouse. */
    static final List<String> SAME_WORK_TABLES = List.of("fact", "market_fact", "market_size", "concentration", "price_bands");
    static final List<String> SAME_WORK_STAGES = List.of("ingest", "warehouse");
    /** The stage that brings the market fact and its orders up to date, in the versions that have one. */
    static final String FACT_STAGE = "fact";
    static final List<String> REQUIRED_TABLES = List.of("market_size", "concentration", "price_bands");
    static final String SAME_WORK = "same-work seconds";
    static final String SAME_WORK_RATIO = "same-work ratio";
    static final String WHOLE_RUN_RATIO = "whole-run ratio (nightly column: the nightly ratio)";
    static final String CPU_RATIO = "CPU ratio";
    /** What the derived figures are, to print under the table. */
    List<String> legend() {
        List<String> legend = new ArrayList<>();
        if (lines.stream().anyMatch(l -> l.label().equals(SAME_WORK))) {
            legend.add("same-work seconds = ingest + warehouse + fact (the stage, or a table"
                    + " line where a version reports the fact so), the metrics stage's read of the market fact (its"
                    + " 'market fact: ... read in' line), market_size, concentration and price_bands table lines");
        }
        if (lines.stream().anyMatch(l -> l.label().equals(SAME_WORK_RATIO))) {
            legend.add("same-work ratio = marketlens same-work seconds / DuckDB whole process wall; whole-run ratio ="
                    + " marketlens whole process wall / DuckDB whole process wall; nightly ratio = the whole-run ratio of the"
                    + " nightly runs; CPU ratio = marketlens whole process CPU / DuckDB whole process CPU (less sensitive"
                    + " than wall time to other work on the machine)");
        }
        if (repeats > 1) {
            legend.add(lines.stream().anyMatch(l -> l.label().equals(SAME_WORK_RATIO))
                    ? "ratios are taken per repeat, then their median; every other figure is the median over the repeats"
                    : "every figure is the median over the repeats");
        }
        return legend;
    }

    /** The measured runs of one repeat; the DuckDB ones are null when skipped, the marketlens ones with --reference-only. */
    public record Repeat(RunFigures first, RunFigures nightly, RunFigures duckFirst, RunFigures duckNightly) {
    }

    /** One timed process: its progress lines and its time report. */
    public record RunFigures(ProgressLog log, TimeReport time) {

        static RunFigures of(TimedCommand.Result r) {
            return r == null ? null : new RunFigures(r.progress(), r.time());
        }

        /**
         * ingest + warehouse + the fact stage (or a fact table line), the metrics stage's read of the market fact (its
         * {@code market fact:} line), market_size, concentration and price_bands table lines of the metrics stage;
         * NaN when one of them is missing.
         */
        double sameWorkSeconds() {
            double sum = 0;
            for (String s : SAME_WORK_STAGES) {
                sum += log.stageSeconds(s).orElse(Double.NaN);
            }
            sum += log.stageSeconds(FACT_STAGE).orElse(0.0);
            sum += log.factReadSeconds().orElse(0.0);
            for (String t : REQUIRED_TABLES) {
                if (log.table(t).isEmpty()) {
                    return Double.NaN;
                }
            }
            for (String t : SAME_WORK_TABLES) {
                sum += log.table(t).map(ProgressLog.Table::seconds).orElse(0.0);
            }
            return sum;
        }
    }

    /** A figure: its section, label, unit and one value per repeat for each run (NaN where it is absent). */
    public record Line(String section, String label, String unit, double[] first, double[] nightly) {

        public double firstMedian() {
            return median(first);
        }

        public double nightlyMedian() {
            return median(nightly);
        }
    }

    private final List<Line> lines;
    private final int repeats;

    private Figures(List<Line> lines, int repeats) {
        this.lines = List.copyOf(lines);
        this.repeats = repeats;
    }

    public List<Line> lines() {
        return lines;
    }

    public int repeats() {
        return repeats;
    }

    public static Figures of(List<Repeat> repeats) {
        List<Line> lines = new ArrayList<>();
        String ml = "marketlens";
        boolean withMarketlens = repeats.stream().anyMatch(r -> r.first() != null);
        for (String stage : stageNames(repeats, Repeat::first, Repeat::nightly)) {
            lines.add(line(repeats, ml, stage, "s", Repeat::first, Repeat::nightly, f -> f.log().stageSeconds(stage).orElse(Double.NaN)));
            if (stage.equals("metrics")) {
                for (ProgressLog.Table t : tables(repeats, stage)) {
                    lines.add(line(repeats, ml, "  " + t.name() + String.format(Locale.ROOT, " (%,d rows)", t.rows()), "s",
                            Repeat::first, Repeat::nightly, f -> f.log().table(t.name()).map(ProgressLog.Table::seconds).orElse(Double.NaN)));
                }
                lines.add(line(repeats, ml, "  (metrics outside the table lines)", "s", Repeat::first, Repeat::nightly,
                        f -> f.log().unattributedSeconds(stage).orElse(Double.NaN)));
            }
        }
        if (withMarketlens) {
            lines.addAll(processLines(repeats, ml, Repeat::first, Repeat::nightly));
            lines.add(line(repeats, ml, SAME_WORK, "s", Repeat::first, Repeat::nightly, RunFigures::sameWorkSeconds));
        }

        if (repeats.stream().anyMatch(r -> r.duckFirst() != null)) {
            String duck = "DuckDB reference";
            for (String stage : stageNames(repeats, Repeat::duckFirst, Repeat::duckNightly)) {
                lines.add(line(repeats, duck, stage, "s", Repeat::duckFirst, Repeat::duckNightly,
                        f -> f.log().stageSeconds(stage).orElse(Double.NaN)));
            }
            lines.addAll(processLines(repeats, duck, Repeat::duckFirst, Repeat::duckNightly));
            if (!withMarketlens) {
                return new Figures(lines, repeats.size());
            }
            String ratios = "ratios";
            lines.add(new Line(ratios, SAME_WORK_RATIO, "x",
                    ratio(repeats, Repeat::first, Repeat::duckFirst, RunFigures::sameWorkSeconds),
                    ratio(repeats, Repeat::nightly, Repeat::duckNightly, RunFigures::sameWorkSeconds)));
            lines.add(new Line(ratios, WHOLE_RUN_RATIO, "x",
                    ratio(repeats, Repeat::first, Repeat::duckFirst, f -> f.time().wallSeconds()),
                    ratio(repeats, Repeat::nightly, Repeat::duckNightly, f -> f.time().wallSeconds())));
            lines.add(new Line(ratios, CPU_RATIO, "x",
                    ratio(repeats, Repeat::first, Repeat::duckFirst, f -> f.time().cpuSeconds(), f -> f.time().cpuSeconds()),
                    ratio(repeats, Repeat::nightly, Repeat::duckNightly, f -> f.time().cpuSeconds(), f -> f.time().cpuSeconds())));
        }
        return new Figures(lines, repeats.size());
    }

    /** The line labelled {@code label}. */
    public Line line(String label) {
        return lines.stream().filter(l -> l.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no figure " + label));
    }

    // ---------------------------------------------------------------- rendering

    /** The table as text: a section heading, then one figure per line with the medians of the two runs. */
    public String text() {
        int width = Math.max(60, lines.stream().mapToInt(l -> l.label().length() + 2).max().orElse(0));
        StringBuilder sb = new StringBuilder();
        String header = repeats > 1 ? "median of " + repeats : "";
        sb.append(String.format(Locale.ROOT, "%-" + width + "s %12s %12s%n", header, "first run", "nightly"));
        String section = null;
        for (Line l : lines) {
            if (!l.section().equals(section)) {
                section = l.section();
                sb.append(section).append('\n');
            }
            sb.append(String.format(Locale.ROOT, "%-" + width + "s %12s %12s%n", "  " + l.label(),
                    format(l.firstMedian(), l.unit()), format(l.nightlyMedian(), l.unit())));
        }
        return sb.toString();
    }

    /** The table in Markdown. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("| figure | unit | first run | nightly |\n| --- | --- | ---: | ---: |\n");
        String section = null;
        for (Line l : lines) {
            if (!l.section().equals(section)) {
                section = l.section();
                sb.append("| **").append(section).append("** | | | |\n");
            }
            sb.append("| ").append(l.label().startsWith("  ") ? "&nbsp;&nbsp;" + l.label().strip() : l.label())
                    .append(" | ").append(l.unit()).append(" | ").append(format(l.firstMedian(), l.unit()))
                    .append(" | ").append(format(l.nightlyMedian(), l.unit())).append(" |\n");
        }
        return sb.toString();
    }

    /** Every figure of every repeat: section, figure, run, unit, median, and the repeats' values separated by ';'. */
    public String csv() {
        StringBuilder sb = new StringBuilder("section,figure,run,unit,median,values\n");
        for (Line l : lines) {
            for (String run : List.of("first", "nightly")) {
                double[] v = run.equals("first") ? l.first() : l.nightly();
                sb.append(quote(l.section())).append(',').append(quote(l.label().strip())).append(',').append(run).append(',')
                        .append(l.unit()).append(',').append(plain(median(v))).append(',')
                        .append(Arrays.stream(v).mapToObj(Figures::plain).collect(Collectors.joining(";"))).append('\n');
            }
        }
        return sb.toString();
    }

    static String format(double v, String unit) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return String.format(Locale.ROOT, unit.equals("MB") ? "%,.0f" : "%.2f", v);
    }

    private static String plain(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    // ---------------------------------------------------------------- helpers

    static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    private static List<Line> processLines(List<Repeat> repeats, String section, Function<Repeat, RunFigures> first,
                                           Function<Repeat, RunFigures> nightly) {
        return List.of(
                line(repeats, section, "whole process wall", "s", first, nightly, f -> f.time().wallSeconds()),
                line(repeats, section, "whole process CPU (user + system)", "s", first, nightly, f -> f.time().cpuSeconds()),
                line(repeats, section, "whole process peak RSS", "MB", first, nightly, f -> f.time().maxRssMb()));
    }

    private static Line line(List<Repeat> repeats, String section, String label, String unit, Function<Repeat, RunFigures> first,
                             Function<Repeat, RunFigures> nightly, ToDoubleFunction<RunFigures> value) {
        return new Line(section, label, unit, values(repeats, first, value), values(repeats, nightly, value));
    }

    private static double[] values(List<Repeat> repeats, Function<Repeat, RunFigures> run,
                                   ToDoubleFunction<RunFigures> value) {
        return repeats.stream().map(run).mapToDouble(f -> f == null ? Double.NaN : value.applyAsDouble(f)).toArray();
    }

    private static double[] ratio(List<Repeat> repeats, Function<Repeat, RunFigures> ml, Function<Repeat, RunFigures> duck,
                                  ToDoubleFunction<RunFigures> numerator) {
        return ratio(repeats, ml, duck, numerator, f -> f.time().wallSeconds());
    }

    private static double[] ratio(List<Repeat> repeats, Function<Repeat, RunFigures> ml, Function<Repeat, RunFigures> duck,
                                  ToDoubleFunction<RunFigures> numerator, ToDoubleFunction<RunFigures> denominator) {
        return repeats.stream().mapToDouble(r -> ml.apply(r) == null || duck.apply(r) == null ? Double.NaN
                : numerator.applyAsDouble(ml.apply(r)) / denominator.applyAsDouble(duck.apply(r))).toArray();
    }

    /**
     * The stage names of the runs in run order: a stage that only a later run has goes just before the next of that
     * run's stages already listed (the nightly reference's {@code merge} after the full one's {@code store}).
     */
    static List<String> stageNames(List<Repeat> repeats, Function<Repeat, RunFigures> first,
                                   Function<Repeat, RunFigures> nightly) {
        List<String> names = new ArrayList<>();
        for (Repeat r : repeats) {
            for (RunFigures f : new RunFigures[]{first.apply(r), nightly.apply(r)}) {
                if (f == null) {
                    continue;
                }
                List<String> run = f.log().stages().stream().map(ProgressLog.Stage::name).toList();
                for (int i = 0; i < run.size(); i++) {
                    if (!names.contains(run.get(i))) {
                        int before = run.subList(i + 1, run.size()).stream().filter(names::contains).findFirst()
                                .map(names::indexOf).orElse(names.size());
                        names.add(before, run.get(i));
                    }
                }
            }
        }
        return List.copyOf(names);
    }

    /** The table lines of a stage, in order of appearance, with the rows of their first appearance. */
    private static List<ProgressLog.Table> tables(List<Repeat> repeats, String stage) {
        List<ProgressLog.Table> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Repeat r : repeats) {
            for (RunFigures f : new RunFigures[]{r.first(), r.nightly()}) {
                for (ProgressLog.Table t : f.log().tablesOf(stage)) {
                    if (seen.add(t.name())) {
                        out.add(t);
                    }
                }
            }
        }
        return out;
    }
}
