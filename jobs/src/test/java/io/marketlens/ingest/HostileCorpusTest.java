package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.io.Storage;
import io.marketlens.testing.SparkTestSession;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input corpus ({@code src/test/resources/hostile/}): small exports that try to break ingest, each with its
 * outcome worked out by hand in {@code EXPECTED.csv} (see the corpus' README). Every file has one row of the table and
 * each row one file; the physical lines of a file add up to its header, blank, continuation lines and rows read. The
 * files that a run can read go through one ingest together; a file that stops a run (its {@code run} is
 * {@code alone}) is ingested in an input folder of its own, and its one-sentence message is checked. Rows whose
 * {@code known} column is set are those where the pipeline is known to disagree: they are still checked, and a
 * failure names them as known.
 */
class HostileCorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/hostile");
    private static final List<String> SOURCES = List.of("sales", "competitors", "logistics", "fx_rates");
    /** The run's date: plausibility's latest day is the next one, whatever day the test runs. */
    private static final LocalDate RUN_DATE = LocalDate.of(2026, 12, 4);
    /** One modification time for every copy, so that the ingest order is the path order. */
    private static final FileTime MODIFIED = FileTime.fromMillis(1_760_000_000_000L);

    @TempDir
    Path tmp;

    /** One row of {@code EXPECTED.csv}; the counts of a file that is not read are null. */
    record Expected(String path, String source, int lines, Integer headerLines, Integer blankLines, Integer continuationLines,
                    Long rowsRead, Long rowsAccepted, String reasons, String quarantinedLines, String outcome, String run, String what,
                    String known) {

        boolean read() {
            return outcome.equals("read");
        }
    }

    static List<Expected> table() {
        try (Reader in = Files.newBufferedReader(CORPUS.resolve("EXPECTED.csv"), StandardCharsets.UTF_8);
             CSVParser p = CSVParser.builder().setReader(in)
                     .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            List<Expected> out = new ArrayList<>();
            for (CSVRecord r : p) {
                out.add(new Expected(r.get("path"), r.get("source"), Integer.parseInt(r.get("lines")), integer(r.get("header_lines")),
                        integer(r.get("blank_lines")), integer(r.get("continuation_lines")), number(r.get("rows_read")),
                        number(r.get("rows_accepted")), r.get("reasons"), r.get("quarantined_lines"), r.get("outcome"), r.get("run"),
                        r.get("case"),
                        r.get("known")));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Integer integer(String s) {
        return s.isEmpty() ? null : Integer.valueOf(s);
    }

    private static Long number(String s) {
        return s.isEmpty() ? null : Long.valueOf(s);
    }

    /** Every file under the corpus' source folders, as a path relative to the corpus, '/'-separated. */
    private static Set<String> corpusFiles() {
        Set<String> files = new TreeSet<>();
        for (String source : SOURCES) {
            try (Stream<Path> walk = Files.walk(CORPUS.resolve(source))) {
                walk.filter(Files::isRegularFile)
                        .forEach(f -> files.add(CORPUS.relativize(f).toString().replace('\\', '/')));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Physical lines: CR, LF and CR LF each end one, and a last line without a line break counts. The text is the
     * file's bytes one character each (line breaks are single bytes in UTF-8, Latin-1 and GB18030), or UTF-16 when the
     * file has a UTF-16 byte-order mark or a NUL in every other byte.
     */
    static int physicalLines(byte[] b) {
        String text = new String(b, utf16(b).orElse(StandardCharsets.ISO_8859_1));
        int lines = 0;
        boolean open = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines++;
                open = false;
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                open = true;
            }
        }
        return open ? lines + 1 : lines;
    }

    private static Optional<Charset> utf16(byte[] b) {
        if (b.length >= 2 && ((b[0] == (byte) 0xFF && b[1] == (byte) 0xFE) || (b[0] == (byte) 0xFE && b[1] == (byte) 0xFF))) {
            return Optional.of(StandardCharsets.UTF_16);
        }
        return EncodingSniffer.utf16WithoutBom(b, b.length);
    }

    @Test
    void everyFileHasOneRowAndItsLinesAddUp() {
        List<Expected> table = table();
        Map<String, Long> rowsPerPath = table.stream().collect(Collectors.groupingBy(Expected::path, TreeMap::new, Collectors.counting()));
        assertThat(rowsPerPath).as("paths with more than one row").allSatisfy((path, n) -> assertThat(n).as(path).isEqualTo(1));
        assertThat(rowsPerPath.keySet()).as("the table's paths are the corpus' files").containsExactlyInAnyOrderElementsOf(corpusFiles());
        Map<String, Long> perSource = table.stream().collect(Collectors.groupingBy(Expected::source, Collectors.counting()));
        assertThat(table).hasSizeGreaterThanOrEqualTo(60);
        assertThat(perSource).containsOnlyKeys(SOURCES).allSatisfy((s, n) -> assertThat(n).as(s).isGreaterThanOrEqualTo(10));
        List<String> wrong = new ArrayList<>();
        for (Expected e : table) {
            if (!e.path().startsWith(e.source() + "/")) {
                wrong.add(e.path() + ": source " + e.source());
            }
            int lines = physicalLines(bytes(CORPUS.resolve(e.path())));
            if (lines != e.lines()) {
                wrong.add(e.path() + ": " + lines + " physical lines, the table says " + e.lines());
            }
            if (e.read()) {
                long sum = e.headerLines() + e.blankLines() + e.continuationLines() + e.rowsRead();
                if (sum != e.lines()) {
                    wrong.add(e.path() + ": header " + e.headerLines() + " + blank " + e.blankLines() + " + continuation "
                            + e.continuationLines() + " + rows " + e.rowsRead() + " = " + sum + ", not lines " + e.lines());
                }
                long quarantined = reasons(e.reasons()).values().stream().mapToLong(Long::longValue).sum();
                Map<String, Long> byLine = new TreeMap<>();
                if (!e.quarantinedLines().isEmpty()) {
                    for (String q : e.quarantinedLines().split(";")) {
                        byLine.merge(q.substring(q.indexOf(':') + 1), 1L, Long::sum);
                    }
                }
                if (!byLine.equals(reasons(e.reasons()))) {
                    wrong.add(e.path() + ": quarantined_lines " + byLine + " do not add up to reasons " + e.reasons());
                }
                if (e.rowsAccepted() + quarantined != e.rowsRead()) {
                    wrong.add(e.path() + ": accepted " + e.rowsAccepted() + " + quarantined " + quarantined + " ≠ read " + e.rowsRead());
                }
            }
            if (!Set.of("shared", "alone").contains(e.run()) || e.outcome().startsWith("failed:") && !e.run().equals("alone")) {
                wrong.add(e.path() + ": a failing file must run alone (run " + e.run() + ")");
            }
        }
        assertThat(wrong).as("table rows that do not fit their files").isEmpty();
    }

    private static Map<String, Long> reasons(String text) {
        Map<String, Long> out = new TreeMap<>();
        if (!text.isEmpty()) {
            for (String part : text.split(";")) {
                int eq = part.lastIndexOf('=');
                out.put(part.substring(0, eq), Long.valueOf(part.substring(eq + 1)));
            }
        }
        return out;
    }

    private static String reasonsText(Map<String, Long> reasons) {
        return new TreeMap<>(reasons).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    /** What became of one file in an ingest, in the table's terms. */
    private record Actual(String outcome, Long rowsRead, Long rowsAccepted, String reasons, String quarantinedLines,
                          Long lines) {

        Actual(String outcome) {
            this(outcome, null, null, null, null, null);
        }

        @Override
        public String toString() {
            return outcome.equals("read") ? "read " + rowsRead + "/" + rowsAccepted + " [" + reasons + "] at [" + quarantinedLines
                    + "] in " + lines + " lines" : outcome;
        }
    }

    private IngestSettings settings() {
        IngestSettings d = MarketlensConfig.defaults().ingest();
        return new IngestSettings(d.baseCurrency(), d.timezone(), d.fxToleranceDays(), d.sources(), d.cancelledStatuses(),
                Plausibility.defaults(RUN_DATE, d.timezone()));
    }

    /** Copies the corpus files {@code paths} into {@code input}, all with one modification time. */
    private static void copy(List<String> paths, Path input) throws IOException {
        for (String path : paths) {
            Path to = input.resolve(path);
            Files.createDirectories(to.getParent());
            Files.copy(CORPUS.resolve(path), to);
            Files.setLastModifiedTime(to, MODIFIED);
        }
    }

    /** Ingests {@code input}: each file's outcome by its path relative to the input, or the message that stopped it. */
    private Map<String, Actual> ingest(Path input, List<String> paths) {
        SparkSession spark = SparkTestSession.get();
        String in = input.toString();
        IngestResult r;
        try {
            r = new Ingestor(spark, settings(), new Storage(spark.sparkContext().hadoopConfiguration()), m -> { })
                    .ingest(in, null, 1L);
        } catch (RuntimeException e) {
            Map<String, Actual> failed = new LinkedHashMap<>();
            paths.forEach(p -> failed.put(p, new Actual("failed:" + e.getMessage())));
            return failed;
        }
        try {
            Map<String, Map<Long, String>> quarantined = new TreeMap<>();
            for (org.apache.spark.sql.Row q : r.quarantine().select("file", "line", "reason").collectAsList()) {
                quarantined.computeIfAbsent(relative(in, q.getString(0)), k -> new TreeMap<>()).put(q.getLong(1), q.getString(2));
            }
            Map<String, Actual> out = new LinkedHashMap<>();
            for (FileStats f : r.files()) {
                String path = relative(in, f.file());
                String lines = quarantined.getOrDefault(path, Map.of()).entrySet().stream()
                        .map(q -> q.getKey() + ":" + q.getValue()).collect(Collectors.joining(";"));
                out.put(path, f.duplicateOf() != null
                        ? new Actual("duplicate_of:" + relative(in, f.duplicateOf()), f.rowsRead(), f.rowsAccepted(),
                                reasonsText(f.reasons()), lines, f.lines())
                        : new Actual("read", f.rowsRead(), f.rowsAccepted(), reasonsText(f.reasons()), lines, f.lines()));
            }
            for (String path : paths) {
                if (out.containsKey(path)) {
                    continue;
                }
                for (InputScanner.Skipped s : r.skipped()) {
                    String skipped = relative(in, s.path());
                    if (path.equals(skipped) || path.startsWith(skipped + "/")) {
                        out.put(path, new Actual("skipped:" + s.reason()));
                    }
                }
            }
            return out;
        } finally {
            r.release().run();
        }
    }

    private static String relative(String input, String display) {
        String prefix = input.endsWith("/") ? input : input + "/";
        int at = display.indexOf(prefix);
        return at < 0 ? display : display.substring(at + prefix.length());
    }

    /** Why {@code actual} is not what {@code e} expects; null when it is. */
    private static String mismatch(Expected e, Actual actual) {
        if (actual == null) {
            return "neither read, skipped nor failed";
        }
        String kind = e.outcome().contains(":") ? e.outcome().substring(0, e.outcome().indexOf(':') + 1) : e.outcome();
        String fragment = e.outcome().substring(kind.length());
        boolean ok = switch (kind) {
            case "read" -> actual.outcome().equals("read") && actual.rowsRead().equals(e.rowsRead())
                    && actual.rowsAccepted().equals(e.rowsAccepted()) && actual.reasons().equals(reasonsText(reasons(e.reasons())))
                    && actual.quarantinedLines().equals(e.quarantinedLines()) && java.util.Objects.equals(actual.lines(), (long) e.lines());
            case "duplicate_of:" -> actual.outcome().equals(e.outcome()) && actual.rowsRead() == 0 && actual.rowsAccepted() == 0
                    && java.util.Objects.equals(actual.lines(), (long) e.lines());
            case "skipped:", "failed:" -> actual.outcome().startsWith(kind) && actual.outcome().contains(fragment);
            default -> false;
        };
        if (ok) {
            return null;
        }
        String expected = e.read() ? "read " + e.rowsRead() + "/" + e.rowsAccepted() + " [" + reasonsText(reasons(e.reasons()))
                + "] at [" + e.quarantinedLines() + "] in " + e.lines() + " lines" : e.outcome();
        return "expected " + expected + ", but was " + actual;
    }

    @Test
    void eachFileEndsAsTheTableSays() throws IOException {
        long started = System.nanoTime();
        List<Expected> table = table();
        List<String> shared = table.stream().filter(e -> e.run().equals("shared")).map(Expected::path).toList();
        Path sharedInput = tmp.resolve("shared");
        copy(shared, sharedInput);
        Map<String, Actual> actual = new LinkedHashMap<>(ingest(sharedInput, shared));
        int n = 0;
        for (Expected e : table) {
            if (e.run().equals("alone")) {
                Path input = tmp.resolve("alone-" + n++);
                copy(List.of(e.path()), input);
                actual.putAll(ingest(input, List.of(e.path())));
            }
        }
        List<String> unexpected = new ArrayList<>();
        List<String> known = new ArrayList<>();
        for (Expected e : table) {
            String why = mismatch(e, actual.get(e.path()));
            if (why != null) {
                (e.known().isEmpty() ? unexpected : known).add(e.path() + ": " + why
                        + (e.known().isEmpty() ? "" : " (known: " + e.known() + ")"));
            }
        }
        System.out.printf("hostile corpus: %d files, %d as the table says, %d known disagreements, %d unexpected (%.1f s)%n",
                table.size(), table.size() - known.size() - unexpected.size(), known.size(), unexpected.size(),
                (System.nanoTime() - started) / 1e9);
        List<String> all = new ArrayList<>(unexpected);
        all.addAll(known);
        assertThat(all).as("files whose outcome differs from EXPECTED.csv (%d unexpected, %d known)", unexpected.size(), known.size())
                .isEmpty();
    }
}
