package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.io.Storage;
import io.marketlens.testing.Files2;
import io.marketlens.testing.OlistExport;
import io.marketlens.testing.SparkTestSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stray quote swallows no lines: the opening line of a quote that does not close as a quote should is set aside
 * ({@code unbalanced_quote}) and reading resumes on the next line, so every physical line is a record's or set aside.
 */
class UnbalancedQuoteTest {

    private static final String FILE = "in/sales/orders.csv";

    private static List<CsvFileReader.Record> read(String text, int maxLines) throws IOException {
        SourceOptions options = new SourceOptions(null, null, null, null, null, null, null, null, null, null, null, maxLines);
        try (CsvFileReader r = CsvFileReader.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), FILE,
                Source.SALES, options)) {
            List<CsvFileReader.Record> out = new ArrayList<>();
            for (CsvFileReader.Record rec = r.next(); rec != null; rec = r.next()) {
                out.add(rec);
            }
            return out;
        }
    }

    private static String describe(CsvFileReader.Record r) {
        return r.line() + (r.unbalancedQuote() ? " unbalanced " + r.raw() : " " + String.join("|", r.fields()));
    }

    /** Seven data lines, a stray quote in the third: before, 2 records were read; now 7, one of them set aside. */
    @Test
    void strayQuoteInTheMiddleOfSevenLines() throws IOException {
        String text = "id,title,qty\n"
                + "1,mug,2\n"
                + "2,plate,1\n"
                + "3,\"bowl,4\n"
                + "4,cup,1\n"
                + "5,spoon,3\n"
                + "6,fork,6\n"
                + "7,knife,1\n";
        assertThat(read(text, 5)).extracting(UnbalancedQuoteTest::describe).containsExactly(
                "2 1|mug|2", "3 2|plate|1", "4 unbalanced 3,\"bowl,4", "5 4|cup|1", "6 5|spoon|3", "7 6|fork|6",
                "8 7|knife|1");
    }

    @Test
    void quoteClosedByAnotherStrayQuoteLeavesTheWrongFieldCount() throws IOException {
        // line 3 opens a quote in its 2nd field that line 5 closes in its 1st: one record of 3 lines with 4 fields, not
        // 3. Line 3 is set aside; read again from line 4, line 5's quote opens a field that never closes: set aside too
        String text = "id,title,qty\n"
                + "1,mug,2\n"
                + "2,\"plate,1\n"
                + "3,bowl,4\n"
                + "\"4,cup,1\n"
                + "5,spoon,3\n";
        assertThat(read(text, 5)).extracting(UnbalancedQuoteTest::describe).containsExactly(
                "2 1|mug|2", "3 unbalanced 2,\"plate,1", "4 3|bowl|4", "5 unbalanced \"4,cup,1", "6 5|spoon|3");
    }

    @Test
    void aRecordOverSeveralLinesWithTheHeadersFieldCountIsKept() throws IOException {
        // the limit of what can be told: two stray quotes in the same column make a well-formed record of 3 fields
        String text = "id,title,qty\n1,\"plate\n2,bowl\n3,cup\",1\n4,spoon,3\n";
        assertThat(read(text, 5)).extracting(UnbalancedQuoteTest::describe).containsExactly(
                "2 1|plate\n2,bowl\n3,cup|1", "5 4|spoon|3");
    }

    @Test
    void wellFormedFieldOverThreeLinesStaysOneRecord() throws IOException {
        String text = "id,title,qty\r\n1,\"line one\r\nline two\r\nline three\",2\r\n2,b,1\r\n";
        assertThat(read(text, 5)).extracting(UnbalancedQuoteTest::describe).containsExactly(
                "2 1|line one\r\nline two\r\nline three|2", "5 2|b|1");
    }

    @Test
    void aFieldOverMoreLinesThanTheLimitIsSetAsideLineByLine() throws IOException {
        // 3 lines are allowed; the quoted field spans 4, so its opening line is set aside and the rest read as records
        String text = "id,title,qty\n1,\"a\nb\nc\nd\",2\n2,e,1\n";
        assertThat(read(text, 3)).extracting(UnbalancedQuoteTest::describe).containsExactly(
                "2 unbalanced 1,\"a", "3 b", "4 c", "5 d\"|2", "6 2|e|1");
        assertThat(read(text, 4)).extracting(UnbalancedQuoteTest::describe).containsExactly(
                "2 1|a\nb\nc\nd|2", "6 2|e|1");
    }

    @Test
    void strayQuoteOnTheLastLineWithoutLineBreak() throws IOException {
        String text = "id,title,qty\r1,mug,2\r2,\"plate,1";
        assertThat(read(text, 5)).extracting(UnbalancedQuoteTest::describe).containsExactly(
                "2 1|mug|2", "3 unbalanced 2,\"plate,1");
    }

    @Test
    void crLfAfterALineSetAsideIsOneLineBreak() throws IOException {
        String text = "id,title,qty\r\n1,\"mug,2\r\n2,plate,1\r\n\r\n3,cup,1\r\n";
        // with one line allowed, the quote is open at the end of line 2: set aside there, its LF with it
        assertThat(read(text, 1)).extracting(UnbalancedQuoteTest::describe).containsExactly(
                "2 unbalanced 1,\"mug,2", "3 2|plate|1", "5 3|cup|1");
    }

    @Test
    void aHeaderThatOpensAQuoteIsOneSentence() {
        String text = "id,\"title,qty\n1,a,2\n2,b,1\n3,c,1\n4,d,1\n5,e,1\n6,f,1\n";
        assertThatThrownBy(() -> read(text, 5)).isInstanceOf(UnreadableFileException.class)
                .hasMessage(FILE + ": line 1, the header row, opens a quote that is not closed within 5 lines; fix the header"
                        + " (a stray \" in a column name), or raise sources.sales.max_lines_per_record if a header name"
                        + " really spans lines");
    }

    @TempDir
    Path dir;

    private static final String ROW = ",2024-03-05 09:00:00,amazon,US,Kitchen,s1,p1,10.50,2,USD,shipped\n";

    /** The fixture as a sales export: 8 physical lines, a stray quote opening the 3rd line's line id. */
    private static String salesWithStrayQuote() {
        return IngestorTest.SALES_HEADER
                + "o1,1" + ROW
                + "o2,1" + ROW
                + "o3,\"1" + ROW
                + "o4,1" + ROW
                + "o5,1" + ROW
                + "o6,1" + ROW
                + "o7,1" + ROW;
    }

    private IngestResult ingest(Path input, MarketlensConfig config, long chunkBytes) {
        var spark = SparkTestSession.get();
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        return new Ingestor(spark, config.ingest(), storage, m -> { }, chunkBytes, 0).ingest(input.toString(), null, 1L);
    }

    /** Line, order id of the accepted rows, and line, reason, raw text of the quarantined ones, in line order. */
    private static List<String> outcome(IngestResult r) {
        List<String> out = new ArrayList<>();
        for (Row a : r.accepted().get(Source.SALES).orderBy("_line").collectAsList()) {
            out.add(a.getAs("_line") + " " + a.getAs("order_id"));
        }
        for (Row q : r.quarantine().orderBy("line").collectAsList()) {
            out.add(q.getAs("line") + " " + q.getAs("reason") + " " + q.getAs("raw"));
        }
        return out;
    }

    @Test
    void everyPhysicalLineOfTheFixtureIsAccountedFor() {
        Files2.write(dir.resolve("in/sales/orders.csv"), salesWithStrayQuote());
        // read whole, and cut into parts of a byte each: the parts end where the unbalanced quote begins
        for (long chunkBytes : new long[] {Ingestor.CHUNK_BYTES, 1}) {
            IngestResult r = ingest(dir.resolve("in"), MarketlensConfig.defaults(), chunkBytes);
            try {
                FileStats f = r.files().get(0);
                assertThat(f.lines()).isEqualTo(8L);
                assertThat(f.rowsRead()).isEqualTo(7);
                assertThat(f.rowsAccepted()).isEqualTo(6);
                assertThat(f.reasons()).isEqualTo(Map.of("unbalanced_quote", 1L));
                assertThat(outcome(r)).as("chunks of " + chunkBytes + " bytes").containsExactly(
                        "2 o1", "3 o2", "5 o4", "6 o5", "7 o6", "8 o7",
                        "4 unbalanced_quote o3,\"1" + ROW.strip());
                assertThat(r.quarantine().collectAsList().get(0).<String>getAs("details")).isEqualTo("a quote opened on"
                        + " this line is not closed within 5 lines, or closes leaving a record of another number of fields"
                        + " than the header's 12; the line is set aside and reading resumes on the next line"
                        + " (sources.sales.max_lines_per_record)");
            } finally {
                r.release().run();
            }
        }
    }

    @Test
    void theLimitIsASettingOfTheSource() {
        // a field over 3 lines: set aside line by line with max_lines_per_record 2, one row with the default 5
        Files2.write(dir.resolve("in/sales/orders.csv"), IngestorTest.SALES_HEADER
                + "o1,1,2024-03-05 09:00:00,amazon,US,\"Kitchen\nand\nDining\",s1,p1,10.50,2,USD,shipped\n");
        IngestResult wide = ingest(dir.resolve("in"), MarketlensConfig.defaults(), Ingestor.CHUNK_BYTES);
        try {
            assertThat(wide.files().get(0).lines()).isEqualTo(4L);
            assertThat(outcome(wide)).containsExactly("2 o1");
        } finally {
            wide.release().run();
        }
        MarketlensConfig two = new MarketlensConfig(null, null, null, null, null, null, null, Map.of("sales",
                new SourceOptions(null, null, null, null, null, null, null, null, null, null, null, 2)));
        IngestResult narrow = ingest(dir.resolve("in"), two, Ingestor.CHUNK_BYTES);
        try {
            assertThat(narrow.files().get(0).reasons()).isEqualTo(Map.of("unbalanced_quote", 1L, "malformed_row", 2L));
            assertThat(outcome(narrow)).containsExactly(
                    "2 unbalanced_quote o1,1,2024-03-05 09:00:00,amazon,US,\"Kitchen",
                    "3 malformed_row and",
                    "4 malformed_row \"Dining\"\"\",s1,p1,10.50,2,USD,shipped");
        } finally {
            narrow.release().run();
        }
    }

    /**
     * The real Amazon order report with one quote put before a field in the middle: the same lines, the same rows read,
     * and that line alone set aside — before, the quote swallowed the lines after it into one row.
     */
    @Test
    void oneStrayQuoteInARealExportSetsAsideOneLine() throws IOException {
        Optional<Path> real = OlistExport.locate("exports/amazon-in-sale-report").map(p -> p.resolve("Amazon Sale Report.csv"))
                .filter(Files::isRegularFile);
        Assumptions.assumeTrue(real.isPresent(), "../shared/datasets is not here");
        List<String> lines = new ArrayList<>(Files.readAllLines(real.get(), StandardCharsets.UTF_8));
        int at = lines.size() / 2;
        while (lines.get(at).indexOf('"') >= 0) {
            at++; // a line without quotes of its own
        }
        String line = lines.get(at);
        int comma = line.indexOf(',', line.indexOf(',') + 1); // before the third field
        lines.set(at, line.substring(0, comma + 1) + "\"" + line.substring(comma + 1));
        Path original = dir.resolve("a/in/sales/Amazon Sale Report.csv");
        Path broken = dir.resolve("b/in/sales/Amazon Sale Report.csv");
        Files.createDirectories(original.getParent());
        Files.createDirectories(broken.getParent());
        Files.copy(real.get(), original);
        Files.writeString(broken, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        FileStats before = stats(dir.resolve("a/in"));
        FileStats after = stats(dir.resolve("b/in"));
        long physical = lines.size();
        assertThat(after.lines()).isEqualTo(physical).isEqualTo(before.lines());
        assertThat(after.rowsRead()).isEqualTo(before.rowsRead());
        assertThat(after.reasons().get("unbalanced_quote")).isEqualTo(1L);
        long acceptedBefore = before.rowsAccepted();
        assertThat(after.rowsAccepted()).isIn(acceptedBefore, acceptedBefore - 1);
        assertThat(after.rowsQuarantined() - after.reasons().get("unbalanced_quote"))
                .isEqualTo(before.rowsQuarantined() - (acceptedBefore - after.rowsAccepted() == 1 ? 0 : 1));
    }

    private FileStats stats(Path input) {
        var spark = SparkTestSession.get();
        IngestResult r = new Ingestor(spark, MarketlensConfig.defaults().ingest(),
                new Storage(spark.sparkContext().hadoopConfiguration()), m -> { }).ingest(input.toString(), null, 1L);
        try {
            return r.files().get(0);
        } finally {
            r.release().run();
        }
    }
}
