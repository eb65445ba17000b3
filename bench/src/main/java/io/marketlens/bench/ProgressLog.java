package io.marketlens.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stage and table timings in a run's stderr, read from the documented progress lines only:
 * {@code [stage] done in N.NN s} ends a stage, and inside a stage {@code   <table>  <rows> rows (N.N s)} reports one
 * table; {@code   market fact: <rows> rows up to … read in N.N s} reports the seconds the metrics stage spent reading
 * the market fact before its tables (in the versions that read it once for all of them). Every other line (counts,
 * warnings, the accounting summary) is ignored, so new kinds of lines do not break the benchmark.
 *
 * @param stages the stages in the order they finished
 * @param tables the table lines in the order they appeared, with the stage they appeared in
 * @param factReadSeconds the seconds of the {@code market fact:} line, when there is one
 */
public record ProgressLog(List<Stage> stages, List<Table> tables, Optional<Double> factReadSeconds) {

    private static final Pattern STAGE_START = Pattern.compile("^\\[([^\\]]+)\\]\\s*$");
    private static final Pattern STAGE_DONE = Pattern.compile("^\\[([^\\]]+)\\] done in ([0-9]+(?:\\.[0-9]+)?) s\\s*$");
    private static final Pattern FACT_READ = Pattern.compile("^ {2}market fact: .* read in ([0-9]+(?:\\.[0-9]+)?) s\\s*$");
    private static final Pattern TABLE = Pattern.compile("^ {2}(\\S+)\\s+([0-9][0-9,]*) rows \\(([0-9]+(?:\\.[0-9]+)?) s\\)\\s*$");

    /** A stage and its wall seconds. */
    public record Stage(String name, double seconds) {
    }

    /** A table line: the stage it appeared in, the table, its rows and seconds. */
    public record Table(String stage, String name, long rows, double seconds) {
    }

    public ProgressLog {
        stages = List.copyOf(stages);
        tables = List.copyOf(tables);
    }

    public ProgressLog(List<Stage> stages, List<Table> tables) {
        this(stages, tables, Optional.empty());
    }

    public static ProgressLog parse(List<String> lines) {
        List<Stage> stages = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        String current = null;
        Optional<Double> factRead = Optional.empty();
        for (String line : lines) {
            Matcher fact = FACT_READ.matcher(line);
            if (fact.matches()) {
                factRead = Optional.of(Double.parseDouble(fact.group(1)));
                continue;
            }
            Matcher done = STAGE_DONE.matcher(line);
            Matcher start = STAGE_START.matcher(line);
            Matcher table = TABLE.matcher(line);
            if (done.matches()) {
                stages.add(new Stage(done.group(1), Double.parseDouble(done.group(2))));
                current = null;
            } else if (start.matches()) {
                current = start.group(1);
            } else if (current != null && table.matches()) {
                tables.add(new Table(current, table.group(1), Long.parseLong(table.group(2).replace(",", "")),
                        Double.parseDouble(table.group(3))));
            }
        }
        return new ProgressLog(stages, tables, factRead);
    }

    public Optional<Double> stageSeconds(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).map(Stage::seconds).reduce(Double::sum);
    }

    public Optional<Table> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public List<Table> tablesOf(String stage) {
        return tables.stream().filter(t -> t.stage().equals(stage)).toList();
    }

    /** The seconds of a stage not reported on any of its table lines, when it reported tables. */
    public Optional<Double> unattributedSeconds(String stage) {
        List<Table> of = tablesOf(stage);
        if (of.isEmpty()) {
            return Optional.empty();
        }
        double tabled = of.stream().mapToDouble(Table::seconds).sum();
        return stageSeconds(stage).map(s -> Math.max(0, s - tabled));
    }
}
