package io.marketlens.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Compares two run folders of the same input — one published by a local run, one by a run on a cluster — and lists
 * every difference: the set of tables, quarantine files and charts; each table row for row (rows matched in sorted
 * order, numbers within {@value #RELATIVE} relative, anything else exactly); the manifest's accounting (each input's
 * rows read, accepted and quarantined with their reasons, lines, fingerprint) and its settings; the report's pages.
 * Run ids, start times and stage seconds may differ. {@code bin/marketlens-cluster-test} runs its main.
 */
public final class RunFolderComparison {

    static final double RELATIVE = 1e-9;
    private static final int SHOWN_PER_FILE = 20;

    private RunFolderComparison() {
    }

    /** {@code RunFolderComparison EXPECTED_RUN_DIR ACTUAL_RUN_DIR}: prints what differs; exit code 1 if anything does. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: RunFolderComparison EXPECTED_RUN_DIR ACTUAL_RUN_DIR");
            System.exit(2);
        }
        Path expected = Path.of(args[0]);
        Path actual = Path.of(args[1]);
        List<String> differences = compare(expected, actual);
        if (differences.isEmpty()) {
            System.err.println("comparison: " + actual + " publishes what " + expected + " does (" + summary(expected) + ")");
            return;
        }
        System.err.println("comparison: " + differences.size() + " difference(s) between " + expected + " (expected) and "
                + actual + " (actual):");
        differences.forEach(d -> System.err.println("  " + d));
        System.exit(1);
    }

    private static String summary(Path run) {
        List<String> tables = names(run.resolve("tables"), ".csv");
        long rows = 0;
        for (String t : tables) {
            rows += readCsv(run.resolve("tables").resolve(t)).rows.size();
        }
        return tables.size() + " tables, " + rows + " rows, " + names(run.resolve("quarantine"), ".csv").size()
                + " quarantine files, manifest and " + pages(run.resolve("report.pdf")) + "-page report";
    }

    /** Every difference between the two run folders, one line each; empty when they publish the same. */
    public static List<String> compare(Path expected, Path actual) {
        List<String> out = new ArrayList<>();
        compareCsvFolder(expected, actual, "tables", out);
        compareCsvFolder(expected, actual, "quarantine", out);
        sameNames(expected, actual, "charts", ".png", out);
        compareManifests(expected.resolve("manifest.json"), actual.resolve("manifest.json"), out);
        compareReports(expected.resolve("report.pdf"), actual.resolve("report.pdf"), out);
        return out;
    }

    private static void compareCsvFolder(Path expected, Path actual, String folder, List<String> out) {
        for (String name : sameNames(expected, actual, folder, ".csv", out)) {
            compareCsv(folder + "/" + name, expected.resolve(folder).resolve(name), actual.resolve(folder).resolve(name), out);
        }
    }

    /** The names both folders hold; a name only one holds is a difference. */
    private static List<String> sameNames(Path expected, Path actual, String folder, String suffix, List<String> out) {
        List<String> e = names(expected.resolve(folder), suffix);
        List<String> a = names(actual.resolve(folder), suffix);
        for (String n : e) {
            if (!a.contains(n)) {
                out.add(folder + "/" + n + ": missing from the actual run");
            }
        }
        for (String n : a) {
            if (!e.contains(n)) {
                out.add(folder + "/" + n + ": not in the expected run");
            }
        }
        return e.stream().filter(a::contains).toList();
    }

    private static List<String> names(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Csv(List<String> header, List<List<String>> rows) {
    }

    private static Csv readCsv(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().get().parse(r)) {
            List<List<String>> records = new ArrayList<>();
            for (CSVRecord rec : p) {
                records.add(rec.toList());
            }
            if (records.isEmpty()) {
                return new Csv(List.of(), List.of());
            }
            List<String> header = new ArrayList<>(records.get(0));
            if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
                header.set(0, header.get(0).substring(1));
            }
            return new Csv(header, records.subList(1, records.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void compareCsv(String what, Path expectedFile, Path actualFile, List<String> out) {
        Csv e = readCsv(expectedFile);
        Csv a = readCsv(actualFile);
        if (!e.header.equals(a.header)) {
            out.add(what + ": columns " + a.header + ", expected " + e.header);
            return;
        }
        List<List<String>> es = sortedRows(e.rows);
        List<List<String>> as = sortedRows(a.rows);
        int shown = 0;
        int differing = 0;
        if (es.size() != as.size()) {
            out.add(what + ": " + as.size() + " rows, expected " + es.size());
        }
        int n = Math.min(es.size(), as.size());
        for (int i = 0; i < n; i++) {
            List<String> er = es.get(i);
            List<String> ar = as.get(i);
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < e.header.size(); c++) {
                String ev = c < er.size() ? er.get(c) : null;
                String av = c < ar.size() ? ar.get(c) : null;
                if (!sameCell(ev, av)) {
                    cells.add(e.header.get(c) + " " + av + " (expected " + ev + ")");
                }
            }
            if (!cells.isEmpty()) {
                differing++;
                if (shown++ < SHOWN_PER_FILE) {
                    out.add(what + " row " + (i + 1) + " " + key(e.header, er) + ": " + String.join(", ", cells));
                }
            }
        }
        if (differing > SHOWN_PER_FILE) {
            out.add(what + ": " + (differing - SHOWN_PER_FILE) + " more differing rows");
        }
    }

    /** The first few cells of a row, to find it again. */
    private static String key(List<String> header, List<String> row) {
        return "{" + java.util.stream.IntStream.range(0, Math.min(4, row.size()))
                .mapToObj(i -> header.get(i) + "=" + row.get(i)).collect(Collectors.joining(", ")) + "}";
    }

    /** Rows in an order that does not depend on the last digits of their numbers (partition order may differ). */
    private static List<List<String>> sortedRows(List<List<String>> rows) {
        // each row's key made once, not once per comparison (a table of 80 k rows took half a minute so)
        record Keyed(String key, List<String> row) {}
        return rows.stream().map(r -> new Keyed(sortKey(r), r)).sorted(Comparator.comparing(Keyed::key))
                .map(Keyed::row).toList();
    }

    private static String sortKey(List<String> row) {
        return row.stream().map(c -> {
            Double d = number(c);
            return d == null ? c : String.format(Locale.ROOT, "%.6g", d);
        }).collect(Collectors.joining("\u0001"));
    }

    static boolean sameCell(String expected, String actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected.equals(actual)) {
            return true;
        }
        Double e = number(expected);
        Double a = number(actual);
        if (e == null || a == null) {
            return false;
        }
        if (Double.compare(e, a) == 0) {
            return true;
        }
        return Math.abs(e - a) <= RELATIVE * Math.max(Math.abs(e), Math.abs(a));
    }

    private static Double number(String cell) {
        if (cell.isEmpty() || !(Character.isDigit(cell.charAt(cell.length() - 1)) || cell.endsWith("NaN")
                || cell.endsWith("Infinity"))) {
            return null;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Manifest fields that must agree; run_id, started_at and the stages' seconds may not. */
    private static final List<String> MANIFEST_FIELDS = List.of("as_of", "base_currency", "tables", "config", "skipped");

    private static void compareManifests(Path expected, Path actual, List<String> out) {
        JsonNode e = readJson(expected);
        JsonNode a = readJson(actual);
        if (e == null || a == null) {
            out.add("manifest.json: " + (e == null ? "missing from the expected run" : "missing from the actual run"));
            return;
        }
        for (String f : MANIFEST_FIELDS) {
            if (!e.path(f).equals(a.path(f))) {
                out.add("manifest " + f + ": " + a.path(f) + ", expected " + e.path(f));
            }
        }
        for (String f : List.of("marketlens", "spark")) {
            if (!e.path("versions").path(f).equals(a.path("versions").path(f))) {
                out.add("manifest versions." + f + ": " + a.path("versions").path(f) + ", expected " + e.path("versions").path(f));
            }
        }
        List<String> eStages = stageNames(e);
        List<String> aStages = stageNames(a);
        if (!eStages.equals(aStages)) {
            out.add("manifest stages: " + aStages + ", expected " + eStages);
        }
        Map<String, JsonNode> eInputs = inputs(e);
        Map<String, JsonNode> aInputs = inputs(a);
        for (String file : new TreeSet<>(eInputs.keySet())) {
            JsonNode ei = eInputs.get(file);
            JsonNode ai = aInputs.get(file);
            if (ai == null) {
                out.add("manifest inputs " + file + ": missing from the actual run");
                continue;
            }
            List<String> fields = new ArrayList<>();
            ei.fieldNames().forEachRemaining(fields::add);
            ai.fieldNames().forEachRemaining(f -> {
                if (!fields.contains(f)) {
                    fields.add(f);
                }
            });
            for (String f : fields) {
                if (!ei.path(f).equals(ai.path(f))) {
                    out.add("manifest inputs " + file + " " + f + ": " + ai.path(f) + ", expected " + ei.path(f));
                }
            }
        }
        for (String file : aInputs.keySet()) {
            if (!eInputs.containsKey(file)) {
                out.add("manifest inputs " + file + ": not in the expected run");
            }
        }
    }

    private static List<String> stageNames(JsonNode manifest) {
        List<String> names = new ArrayList<>();
        manifest.path("stages").forEach(s -> names.add(s.path("name").asText()));
        return names;
    }

    private static Map<String, JsonNode> inputs(JsonNode manifest) {
        Map<String, JsonNode> byFile = new TreeMap<>();
        manifest.path("inputs").forEach(i -> byFile.put(i.path("source").asText() + " " + i.path("file").asText(), i));
        return byFile;
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void compareReports(Path expected, Path actual, List<String> out) {
        if (!Files.isRegularFile(expected) || !Files.isRegularFile(actual)) {
            out.add("report.pdf: missing from " + (Files.isRegularFile(actual) ? "the expected run"
                    : Files.isRegularFile(expected) ? "the actual run" : "both runs"));
            return;
        }
        int e = pages(expected);
        int a = pages(actual);
        if (e != a) {
            out.add("report.pdf: " + a + " pages, expected " + e);
        }
    }

    private static int pages(Path pdf) {
        if (!Files.isRegularFile(pdf)) {
            return 0;
        }
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return doc.getNumberOfPages();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
