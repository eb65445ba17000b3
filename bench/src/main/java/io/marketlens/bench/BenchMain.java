package io.marketlens.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark of the nightly run at scale ({@code bench/run}): generates a history of exports, then per repeat runs
 * {@code marketlens run} on it, the DuckDB reference on the same files, adds tonight's files, and runs both again —
 * each as a whole process under {@code /usr/bin/time -v} — and prints the stage seconds, process figures and ratios.
 */
public final class BenchMain {

    static final String USAGE = """
            usage: bench/run --rows N [--repeat R] [--skip-duckdb | --reference-only] [--reference fast|differential]
                             [--work DIR] [--seed S] [--months M] [--keep] [--regenerate]

              --rows N        sales lines to generate (about; N/50 competitor listings); required
              --repeat R      runs of the whole sequence; the table shows medians (default 1)
              --skip-duckdb   time marketlens only
              --reference-only
                              time the DuckDB reference only (no marketlens runs, no agreement check)
              --reference K   fast (default): FastDuckDbReference, read_csv and GROUPING SETS;
                              differential: DuckDbReference, the differential tests' SQL
              --work DIR      work folder: generated data, logs, results (default /tmp/marketlens-bench)
              --seed S        generator and increment seed (default 7)
              --months M      months of history (default 36)
              --keep          keep each repeat's warehouse, run folders and DuckDB store (deleted by default)
              --regenerate    generate the history again even if the work folder has it for these settings

            Environment: MARKETLENS_JAVA_OPTS is passed to the timed marketlens runs as is (the launcher's default
            heap is -Xmx3g, or -Xmx2g for under 512 MB of input and warehouse); BENCH_GENERATE_JAVA_OPTS to the
            generator (default -Xmx6g).
            """;

    static final String DEFAULT_WORK = "/tmp/marketlens-bench";
    static final String DEFAULT_GENERATE_OPTS = "-Xmx6g";
    /** The reference's JVM heap: DuckDB works in native memory, the JVM only passes SQL and a few numbers. */
    static final String DUCKDB_JVM_HEAP = "-Xmx1g";

    /** The command line, validated. */
    record Settings(Path home, long rows, int repeat, boolean skipDuckdb, Path work, long seed, int months, boolean keep,
                    boolean regenerate, Reference reference, boolean referenceOnly) {

        long listings() {
            return Math.max(1, rows / 50);
        }

        static Settings of(String[] args) {
            Options o = Options.parse(args, 0, Options.names("--home", "--rows", "--repeat", "--work", "--seed", "--months",
                            "--reference"), Options.names("--skip-duckdb", "--reference-only", "--keep", "--regenerate", "--help"));
            if (o.flag("--help")) {
                return null;
            }
            if (o.flag("--skip-duckdb") && o.flag("--reference-only")) {
                throw new Options.UsageException("--skip-duckdb and --reference-only exclude each other");
            }
            return new Settings(Path.of(o.required("--home")).toAbsolutePath(), o.number("--rows", -1, 100),
                    (int) o.number("--repeat", 1, 1), o.flag("--skip-duckdb"),
                    Path.of(o.value("--work", DEFAULT_WORK)).toAbsolutePath(), o.number("--seed", 7, 0),
                    (int) o.number("--months", 36, 1), o.flag("--keep"), o.flag("--regenerate"),
                    Reference.of(o.value("--reference", "fast")), o.flag("--reference-only"));
        }
    }

    /** The DuckDB reference a benchmark runs: its main class and its name in the results. */
    enum Reference {
        FAST(FastDuckDbReference.class, "fast: read_csv, ASOF JOIN, GROUPING SETS"),
        DIFFERENTIAL(DuckDbReference.class, "differential: the differential tests' SQL");

        final Class<?> main;
        final String description;

        Reference(Class<?> main, String description) {
            this.main = main;
            this.description = description;
        }

        static Reference of(String name) {
            return switch (name) {
                case "fast" -> FAST;
                case "differential" -> DIFFERENTIAL;
                default -> throw new Options.UsageException("--reference takes fast or differential, not '" + name + "'");
            };
        }
    }

    private BenchMain() {
    }

    public static void main(String[] args) {
        try {
            Settings s = Settings.of(args);
            if (s == null) {
                System.out.print(USAGE);
                return;
            }
            if (s.rows() < 0) {
                throw new Options.UsageException("--rows is required");
            }
            run(s);
        } catch (Options.UsageException e) {
            System.err.println("bench: " + e.getMessage() + "\n\n" + USAGE);
            System.exit(2);
        } catch (IOException | RuntimeException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(Settings s) throws IOException {
        TimedCommand.requireGnuTime();
        String loadBefore = Machine.loadAverage();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path logs = s.work().resolve("logs");
        Dirs.deleteTree(logs);
        Path data = s.work().resolve(String.format(Locale.ROOT, "data-%d-rows-%d-months-seed-%d", s.rows(), s.months(), s.seed()));
        Path history = data.resolve("history");
        generate(s, data, history, logs);
        Path tonight = data.resolve("tonight");
        Dirs.deleteTree(tonight);
        // in a JVM of its own, as the checks below: the benchmark's own JVM stays small while the timed runs share the machine
        String increment = TimedCommand.run("increment", java(NightlyIncrement.class, "-Xmx4g", history.toString(), tonight.toString(),
                Long.toString(s.seed())), Map.of(), logs).requireSuccess().stdoutText().strip();
        say("tonight's increment: " + increment);
        saveClassArchive(s, logs);

        List<Figures.Repeat> repeats = new ArrayList<>();
        List<String> agreement = new ArrayList<>();
        String sparkVersion = "?";
        for (int r = 1; r <= s.repeat(); r++) {
            Repeated done = repeat(s, r, history, tonight, logs.resolve("run-" + r), r == 1 ? agreement : null);
            repeats.add(done.figures());
            sparkVersion = done.sparkVersion();
        }
        report(s, Figures.of(repeats), List.of(
                String.format(Locale.ROOT, "marketlens benchmark, %s: history from bin/marketlens %s; %d repeat(s)", started,
                        generateArguments(s), s.repeat()),
                "tonight: " + increment,
                "machine: " + Machine.describe().summary(),
                "load average (1, 5, 15 min): " + loadBefore + " before, " + Machine.loadAverage() + " after",
                "versions: Spark " + sparkVersion + (s.skipDuckdb() ? "" : ", DuckDB " + DuckDbReference.version() + " ("
                        + DuckDbReference.THREADS + " threads)"),
                "DuckDB reference: " + (s.skipDuckdb() ? "none (--skip-duckdb)" : s.reference().description
                        + (s.referenceOnly() ? " (--reference-only: marketlens not run)" : "")),
                "marketlens JVM options: " + System.getenv().getOrDefault("MARKETLENS_JAVA_OPTS",
                        "(launcher default " + launcherDefaultOptions(s.home()) + ")")),
                agreement, logs);
    }

    /**
     * The heaps bin/marketlens chooses from when MARKETLENS_JAVA_OPTS is not set, as the launcher spells them (its
     * {@code heap="..."} assignments: the default, then the one for under 512 MB of data).
     */
    static String launcherDefaultOptions(Path home) {
        try {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s*heap=\"([^\"]*)\"")
                    .matcher(java.nio.file.Files.readString(home.resolve("bin/marketlens")));
            List<String> heaps = new ArrayList<>();
            while (m.find()) {
                heaps.add(m.group(1));
            }
            return heaps.isEmpty() ? "unknown" : heaps.size() == 1 ? heaps.get(0)
                    : heaps.get(0) + ", " + String.join(", ", heaps.subList(1, heaps.size())) + " for under 512 MB of input and warehouse";
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /**
     * One repeat in {@code <work>/run-R/}: the first runs, tonight's files, the nightly runs; then, when
     * {@code agreement} is given, the comparison of the reference's tables with marketlens'.
     */
    private static Repeated repeat(Settings s, int r, Path history, Path tonight, Path logs, List<String> agreement)
            throws IOException {
        Path rep = s.work().resolve("run-" + r);
        Dirs.deleteTree(rep);
        Path input = rep.resolve("input");
        Dirs.linkTree(history, input);

        boolean ml = !s.referenceOnly();
        say("repeat " + r + "/" + s.repeat() + (ml ? ": marketlens, full run" : ": the DuckDB reference, full run"));
        TimedCommand.Result mlFirst = ml ? marketlens(s, input, rep, logs, "marketlens-first") : null;
        TimedCommand.Result duckFirst = s.skipDuckdb() ? null : duckdb(s, "full", input, rep, logs);
        Dirs.linkTree(tonight, input);
        say("repeat " + r + "/" + s.repeat() + (ml ? ": marketlens, nightly run" : ": the DuckDB reference, nightly run"));
        TimedCommand.Result mlNightly = ml ? marketlens(s, input, rep, logs, "marketlens-nightly") : null;
        TimedCommand.Result duckNightly = s.skipDuckdb() ? null : duckdb(s, "nightly", input, rep, logs);

        String sparkVersion = ml ? versionIn(runFolder(mlFirst).resolve("manifest.json"), "spark") : "(not run)";
        if (ml && !s.skipDuckdb() && agreement != null) {
            agreement.addAll(agree("full run", rep.resolve("duckdb/full"), runFolder(mlFirst), logs));
            agreement.addAll(agree("nightly run", rep.resolve("duckdb/nightly"), runFolder(mlNightly), logs));
        }
        if (!s.keep()) {
            Dirs.deleteTree(rep);
        }
        return new Repeated(new Figures.Repeat(Figures.RunFigures.of(mlFirst), Figures.RunFigures.of(mlNightly),
                Figures.RunFigures.of(duckFirst), Figures.RunFigures.of(duckNightly)), sparkVersion);
    }

    /** A repeat's figures, and the Spark version its run folder's manifest names. */
    private record Repeated(Figures.Repeat figures, String sparkVersion) {
    }

    /** Prints the table with its header and footer, and writes it as {@code results.md} and {@code results.csv}. */
    private static void report(Settings s, Figures figures, List<String> header, List<String> agreement, Path logs)
            throws IOException {
        List<String> footer = new ArrayList<>(figures.legend());
        if (!s.skipDuckdb() && !s.referenceOnly()) {
            Figures.Line sameWork = figures.line(Figures.SAME_WORK_RATIO);
            Figures.Line whole = figures.line(Figures.WHOLE_RUN_RATIO);
            footer.add(String.format(Locale.ROOT, "same-work ratio %s, whole-run ratio %s, nightly ratio %s%s",
                    Figures.format(sameWork.firstMedian(), "x"), Figures.format(whole.firstMedian(), "x"),
                    Figures.format(whole.nightlyMedian(), "x"), s.repeat() > 1 ? " (medians of " + s.repeat() + ")" : ""));
            footer.add("agreement of the DuckDB reference with marketlens' tables (repeat 1):");
            agreement.forEach(a -> footer.add("  " + a));
        }
        footer.add("logs: " + logs);

        StringBuilder text = new StringBuilder();
        header.forEach(h -> text.append(h).append('\n'));
        text.append('\n').append(figures.text()).append('\n');
        footer.forEach(f -> text.append(f).append('\n'));
        System.out.print(text);

        StringBuilder md = new StringBuilder("# marketlens benchmark\n\n");
        header.forEach(h -> md.append("- ").append(h).append('\n'));
        md.append('\n').append(figures.markdown()).append('\n');
        footer.forEach(f -> md.append(f.startsWith("  ") ? "  - " + f.strip() : "- " + f).append('\n'));
        Files.writeString(s.work().resolve("results.md"), md, StandardCharsets.UTF_8);
        Files.writeString(s.work().resolve("results.csv"), figures.csv(), StandardCharsets.UTF_8);
        System.out.println("written: " + s.work().resolve("results.md") + ", " + s.work().resolve("results.csv"));
    }

    /** The history, generated unless the work folder has it for these settings already (generating 1 M lines takes minutes). */
    private static void generate(Settings s, Path data, Path history, Path logs) throws IOException {
        Path stamp = data.resolve("generated.txt");
        String settings = generateArguments(s);
        if (!s.regenerate() && Files.isRegularFile(stamp) && Files.readString(stamp, StandardCharsets.UTF_8).strip().equals(settings)) {
            say("history: " + history + " (generated before with these settings)");
            return;
        }
        Dirs.deleteTree(data);
        Files.createDirectories(data);
        say("generating the history: bin/marketlens " + settings);
        TimedCommand.Result g = TimedCommand.run("generate", List.of(s.home().resolve("bin/marketlens").toString(), "generate",
                        "--rows", Long.toString(s.rows()), "--months", Integer.toString(s.months()), "--listings",
                        Long.toString(s.listings()), "--seed", Long.toString(s.seed()), "--no-bad-rows", "--out", history.toString()),
                Map.of("MARKETLENS_JAVA_OPTS", System.getenv().getOrDefault("BENCH_GENERATE_JAVA_OPTS", DEFAULT_GENERATE_OPTS)), logs)
                .requireSuccess();
        say(String.format(Locale.ROOT, "generated in %.1f s (peak RSS %,.0f MB)", g.time().wallSeconds(), g.time().maxRssMb()));
        Files.writeString(stamp, settings + "\n", StandardCharsets.UTF_8);
    }

    /**
     * The launcher saves the classes a run loads once per build, with the first run or demo after it (see
     * bin/marketlens); that first command takes half a minute longer. A demo does it here, untimed, so that the timed
     * runs are the runs a user has every night after the first.
     */
    private static void saveClassArchive(Settings s, Path logs) throws IOException {
        Path archive = s.home().resolve("jobs/target/marketlens-classes.jsa");
        Path jar = s.home().resolve("jobs/target/marketlens-jobs-0.1.0-SNAPSHOT.jar");
        // an archive not newer than the jar was saved from an earlier build: the launcher drops it and saves a new
        // one at the end of its next run, which must not be a timed one
        boolean current = Files.isRegularFile(archive) && Files.isRegularFile(jar)
                && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0;
        if ("off".equals(System.getenv("MARKETLENS_CDS")) || current) {
            return;
        }
        say("saving the launcher's class archive with an untimed demo (once per build)");
        Path out = s.work().resolve("class-archive-demo");
        Dirs.deleteTree(out);
        TimedCommand.run("class-archive-demo", List.of(s.home().resolve("bin/marketlens").toString(), "demo", "--output",
                out.toString()), Map.of(), logs).requireSuccess();
        Dirs.deleteTree(out);
    }

    private static TimedCommand.Result marketlens(Settings s, Path input, Path rep, Path logs, String name) {
        TimedCommand.Result r = TimedCommand.run(name, List.of(s.home().resolve("bin/marketlens").toString(), "run",
                "--input", input.toString(), "--warehouse", rep.resolve("warehouse").toString(),
                "--output", rep.resolve("out").toString(), "--config", input.resolve("marketlens.yaml").toString()), Map.of(), logs)
                .requireSuccess();
        say(String.format(Locale.ROOT, "  %s: %.1f s wall", name, r.time().wallSeconds()));
        return r;
    }

    private static TimedCommand.Result duckdb(Settings s, String mode, Path input, Path rep, Path logs) {
        TimedCommand.Result r = TimedCommand.run("duckdb-" + mode, java(s.reference().main, DUCKDB_JVM_HEAP, mode,
                "--input", input.toString(), "--store", rep.resolve("duckdb/store.duckdb").toString(),
                "--out", rep.resolve("duckdb/" + mode).toString()), Map.of(), logs).requireSuccess();
        say(String.format(Locale.ROOT, "  DuckDB %s: %.1f s wall", mode, r.time().wallSeconds()));
        return r;
    }

    /** Compares the reference's tables with a marketlens run folder (not timed); one line per comparison. */
    private static List<String> agree(String what, Path reference, Path run, Path logs) {
        TimedCommand.Result r = TimedCommand.run("check-" + what.replace(' ', '-'), java(DuckDbReference.class, "-Xmx2g", "check",
                "--reference", reference.toString(), "--run", run.toString()), Map.of(), logs);
        if (r.exitCode() != 0 && r.exitCode() != DuckDbReference.EXIT_DIFFERENT) {
            r.requireSuccess();
        }
        List<String> out = new ArrayList<>();
        out.add(what + ": " + (r.exitCode() == 0 ? "the same figures" : "DIFFERENT figures (see below)"));
        r.stdoutText().lines().forEach(l -> out.add("  " + l));
        return out;
    }

    /** A command running {@code main} of one of the benchmark's classes in a JVM of its own, on the benchmark's classpath. */
    private static List<String> java(Class<?> main, String heap, String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), heap, "-cp",
                System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static String generateArguments(Settings s) {
        return String.format(Locale.ROOT, "generate --rows %d --months %d --listings %d --seed %d --no-bad-rows",
                s.rows(), s.months(), s.listings(), s.seed());
    }

    /** The run folder a marketlens run printed on stdout (its last line). */
    private static Path runFolder(TimedCommand.Result r) {
        List<String> lines = r.stdoutText().lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IllegalStateException(r.name() + " printed no run folder on stdout (" + r.stdout() + ")");
        }
        return Path.of(lines.get(lines.size() - 1).strip());
    }

    private static String versionIn(Path manifest, String component) {
        try {
            Matcher m = Pattern.compile("\"" + component + "\"\\s*:\\s*\"([^\"]+)\"").matcher(Files.readString(manifest, StandardCharsets.UTF_8));
            return m.find() ? m.group(1) : "?";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void say(String line) {
        System.err.println("bench: " + line);
    }
}
