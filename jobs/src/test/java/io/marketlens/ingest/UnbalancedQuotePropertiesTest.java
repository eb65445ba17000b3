package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the quotes in a file, every physical line after the header is a line of a record the reader returns (a row,
 * or an opening line set aside) or a blank line: records come in line order, each spanning its own lines, with only
 * blank lines between them and after the last.
 */
class UnbalancedQuotePropertiesTest {

    private static final List<String> PIECES = List.of(
            "a", "b c", ",", "\"", "\"\"", "x\"y", "\n", "\r\n", "\r", "\n\n", "\"quoted, with\nline break\"",
            "1,2,3\n", "\"a\",\"b\",\"c\"\r\n", "1,\"two\nlines\",3\n", "1,\"open,3\n");

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.of(PIECES).list().ofMaxSize(60).map(parts -> String.join("", parts));
    }

    /** The physical lines of {@code text}, without their line breaks (a last line without one counts). */
    static List<String> physicalLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** The physical lines a record spans: its first, and one more per line break inside its fields. */
    static int span(CsvFileReader.Record r) {
        if (r.unbalancedQuote()) {
            return 1;
        }
        int breaks = 0;
        for (String f : r.fields()) {
            breaks += physicalLines(f + "x").size() - 1;
        }
        return 1 + breaks;
    }

    @Property(tries = 600)
    void everyLineIsARecordsOrBlank(@ForAll("bodies") String body, @ForAll @IntRange(min = 1, max = 6) int maxLines)
            throws IOException {
        String text = "id,title,qty\n" + body;
        List<String> lines = physicalLines(text);
        SourceOptions options = new SourceOptions(null, ",", null, null, null, null, null, "1", null, null, null, maxLines);
        List<CsvFileReader.Record> records = new ArrayList<>();
        try (CsvFileReader r = CsvFileReader.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "f.csv",
                Source.SALES, options)) {
            for (CsvFileReader.Record rec = r.next(); rec != null; rec = r.next()) {
                records.add(rec);
            }
        }
        long next = 2; // the first line after the header
        for (CsvFileReader.Record rec : records) {
            assertThat(rec.line()).as("a record after line %d", next - 1).isGreaterThanOrEqualTo(next);
            for (long blank = next; blank < rec.line(); blank++) {
                assertThat(lines.get((int) blank - 1)).as("line %d, skipped as blank", blank).isEmpty();
            }
            if (rec.unbalancedQuote()) {
                assertThat(rec.raw()).isEqualTo(lines.get((int) rec.line() - 1));
            } else if (span(rec) > 1) {
                assertThat(span(rec)).as("a record over several lines").isLessThanOrEqualTo(maxLines);
                assertThat(rec.fields()).as("a record over several lines has the header's fields").hasSize(3);
            }
            next = rec.line() + span(rec);
        }
        for (long blank = next; blank <= lines.size(); blank++) {
            assertThat(lines.get((int) blank - 1)).as("line %d, after the last record", blank).isEmpty();
        }
    }
}
