package io.marketlens.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** The CSV tables of two run folders compared: the same tables, rows in the same order, numbers to 12 significant digits. */
public final class PublishedTables {

    private PublishedTables() {
    }

    /** The names of the CSV tables in a run's {@code tables/} folder, sorted. */
    public static List<String> names(Path tables) throws IOException {
        try (Stream<Path> files = Files.list(tables)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted().toList();
        }
    }

    /**
     * Every CSV table of {@code b} but those in {@code except} is in {@code a} with the same header and rows in the same
     * order, numbers equal to 12 significant digits (sums in another order); {@code a} has no other table.
     */
    public static void assertSame(Path a, Path b, List<String> except) throws IOException {
        List<String> names = names(b).stream().filter(n -> !except.contains(n)).toList();
        assertThat(names(a).stream().filter(n -> !except.contains(n))).containsExactlyElementsOf(names);
        for (String name : names) {
            assertSameTable(name, read(a.resolve(name)), read(b.resolve(name)));
        }
    }

    /** Same header and rows in the same order; numbers equal to 12 significant digits (sums in another order). */
    public static void assertSameTable(String name, List<CSVRecord> aRows, List<CSVRecord> bRows) {
        assertThat(aRows).as(name + " rows").hasSameSizeAs(bRows);
        for (int i = 0; i < bRows.size(); i++) {
            CSVRecord x = aRows.get(i);
            CSVRecord y = bRows.get(i);
            assertThat(x.size()).as(name + " row " + i).isEqualTo(y.size());
            for (int c = 0; c < y.size(); c++) {
                String u = x.get(c);
                String v = y.get(c);
                if (u.equals(v)) {
                    continue;
                }
                double du = Double.parseDouble(u);
                double dv = Double.parseDouble(v);
                assertThat(Math.abs(du - dv)).as(name + " row " + i + " column " + c + ": " + u + " vs " + v)
                        .isLessThanOrEqualTo(1e-12 * Math.max(Math.abs(du), Math.abs(dv)));
            }
        }
    }

    /** A published CSV table's records, header first (its byte order mark left out). */
    public static List<CSVRecord> read(Path csv) throws IOException {
        String text = Files.readString(csv, StandardCharsets.UTF_8).substring(1); // the BOM
        try (CSVParser p = CSVFormat.DEFAULT.parse(new StringReader(text))) {
            return p.getRecords();
        }
    }
}
