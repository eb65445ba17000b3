package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.io.Storage;
import io.marketlens.testing.Files2;
import io.marketlens.testing.SparkTestSession;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports with lines of report title, date range and blank lines before the header row (eBay, some Amazon reports). */
class PreambleTest {

    /** Eight lines before the header: a stray quote, a two-field line and blank lines among them. */
    static final String PREAMBLE = String.join("\n",
            "Report: Orders",                          // line 1
            "Date range: 2024-01-01 - 2024-01-31",     // 2
            "",                                        // 3
            "\"Seller Hub export, unfinished quote",   // 4: opens a quote that never closes
            "Marketplace,US",                          // 5: two fields, yet no column name
            "",                                        // 6
            "Currency: USD",                           // 7
            "") + "\n";                                // 8 blank

    /** The data rows after the header (line 1 of the file without preamble). */
    static final String BODY = IngestorTest.SALES_HEADER
            + "o1,1,2024-01-05 10:00:00,amazon,US,Kitchen,s1,p1,10.50,2,USD,shipped\n"   // +1 ok
            + "o2,1,2024-01-05,amazon,US,Kitchen,s1,p2,abc,1,USD,shipped\n"              // +2 bad_number:unit_price
            + "\n"                                                                      // +3 blank, not a row
            + "o3,1,2024-01-06,amazon,US,Kitchen,s2,p3,5,1\n"                           // +4 malformed_row
            + "o4,1,2024-01-07,amazon,US,\"Toys,\nGames\",s2,p4,3,4,USD,shipped\n"       // +5..+6 ok
            + "o5,1,2024-01-08,amazon,US,Kitchen,s3,p5,1,3,USD,shipped\n";               // +7 ok

    @TempDir
    Path dir;

    private final SparkSession spark = SparkTestSession.get();
    private final List<String> messages = new ArrayList<>();

    private static MarketlensConfig headerRow(String headerRow) {
        return new MarketlensConfig(null, null, null, null, null, null, null,
                Map.of("sales", new SourceOptions(null, null, null, null, null, null, null, headerRow, null)));
    }

    private static List<CsvFileReader.Record> read(String text, SourceOptions options) {
        try (CsvFileReader r = CsvFileReader.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "orders.csv", Source.SALES, options)) {
            List<CsvFileReader.Record> out = new ArrayList<>();
            for (CsvFileReader.Record rec = r.next(); rec != null; rec = r.next()) {
                out.add(rec);
            }
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> lines(List<CsvFileReader.Record> records) {
        return records.stream().map(r -> r.line() + ":" + r.fields().get(0)).toList();
    }

    @Test
    void readerSkipsThePreambleAndKeepsTheFilesLineNumbers() throws Exception {
        for (SourceOptions o : List.of(SourceOptions.defaults(), headerRow("9").source(Source.SALES))) {
            try (CsvFileReader r = CsvFileReader.open(new ByteArrayInputStream((PREAMBLE + BODY).getBytes(StandardCharsets.UTF_8)),
                    "orders.csv", Source.SALES, o)) {
                assertThat(r.header()).hasSize(12).startsWith("order_id");
                assertThat(r.preambleLines()).isEqualTo(8);
                assertThat(r.delimiter()).isEqualTo(',');
            }
            assertThat(lines(read(PREAMBLE + BODY, o))).containsExactly("10:o1", "11:o2", "13:o3", "14:o4", "16:o5");
        }
        // without a preamble: as ever
        assertThat(lines(read(BODY, SourceOptions.defaults()))).containsExactly("2:o1", "3:o2", "5:o3", "6:o4", "8:o5");
    }

    @Test
    void crLfPreambleAndASemicolonHeaderAfterIt() {
        String text = (PREAMBLE + BODY.replace(',', ';')).replace("\n", "\r\n");
        assertThat(lines(read(text, SourceOptions.defaults()))).containsExactly("10:o1", "11:o2", "13:o3", "14:o4", "16:o5");
    }

    @Test
    void aHeaderWithAliasesIsFoundByThem() {
        String header = "Order Number,line_id,order_ts,platform,marketplace,category,seller_id,product_id,unit_price,quantity,currency,status\n";
        String text = "Orders report\n\n" + header + "o1,1,2024-01-05,amazon,US,Kitchen,s1,p1,10.50,2,USD,shipped\n";
        SourceOptions o = new SourceOptions(null, null, null, null, null, Map.of("order_id", ColumnRule.from("Order Number")), null, null, null);
        assertThat(CsvFileReader.preambleLines(text, java.util.Optional.empty(),
                CsvFileReader.knownHeaders(Source.SALES, o))).isEqualTo(2);
    }

    @Test
    void withoutAnyKnownNameTheFirstLineStaysTheHeader() {
        // unknown headers on line 1: the header check names what is missing, as it always did
        String text = "Bestellnummer,Datum,Preis\n1,2024-01-01,3\n";
        assertThat(CsvFileReader.preambleLines(text, java.util.Optional.empty(), CsvFileReader.knownHeaders(
                Source.SALES, SourceOptions.defaults()))).isZero();
        // a title line, then a table of unknown columns: the table's first line
        assertThat(CsvFileReader.preambleLines("Bestellungen\n\n" + text, java.util.Optional.empty(),
                CsvFileReader.knownHeaders(Source.SALES, SourceOptions.defaults()))).isEqualTo(2);
    }

    @Test
    void aHeaderRowPastTheEndOfTheFileIsUnreadable() {
        assertThatThrownBy(() -> read("Report\n\n", headerRow("9").source(Source.SALES)))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("header_row is 9");
    }

    @Test
    void ingestCountsOnlyDataRowsAndQuarantinesAtTheRealLines() {
        Files2.write(dir.resolve("auto/sales/orders.csv"), PREAMBLE + BODY);
        Files2.write(dir.resolve("nine/sales/orders.csv"), PREAMBLE + BODY);
        Files2.write(dir.resolve("none/sales/orders.csv"), BODY);
        Files2.write(dir.resolve("tasks/sales/orders.csv"), PREAMBLE + BODY);
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());

        List<String> auto = outcome(new Ingestor(spark, MarketlensConfig.defaults().ingest(), storage, messages::add)
                .ingest(dir.resolve("auto").toString(), null, 1));
        List<String> nine = outcome(new Ingestor(spark, headerRow("9").ingest(), storage, messages::add)
                .ingest(dir.resolve("nine").toString(), null, 1));
        // cut into many chunks parsed by tasks: a chunk that starts inside the file knows the header and its lines
        List<String> tasks = outcome(new Ingestor(spark, MarketlensConfig.defaults().ingest(), storage, messages::add, 40, 0)
                .ingest(dir.resolve("tasks").toString(), null, 1));
        List<String> none = outcome(new Ingestor(spark, MarketlensConfig.defaults().ingest(), storage, messages::add)
                .ingest(dir.resolve("none").toString(), null, 1));

        assertThat(auto).containsExactly(
                "read 5, accepted 3, quarantined 2",
                "accepted 10 o1", "accepted 14 o4", "accepted 16 o5",
                "quarantined 11 bad_number:unit_price o2,1,2024-01-05,amazon,US,Kitchen,s1,p2,abc,1,USD,shipped",
                "quarantined 13 malformed_row o3,1,2024-01-06,amazon,US,Kitchen,s2,p3,5,1");
        assertThat(nine).isEqualTo(auto);
        assertThat(tasks).isEqualTo(auto);
        assertThat(none).containsExactly(
                "read 5, accepted 3, quarantined 2",
                "accepted 2 o1", "accepted 6 o4", "accepted 8 o5",
                "quarantined 3 bad_number:unit_price o2,1,2024-01-05,amazon,US,Kitchen,s1,p2,abc,1,USD,shipped",
                "quarantined 5 malformed_row o3,1,2024-01-06,amazon,US,Kitchen,s2,p3,5,1");
        assertThat(messages).anyMatch(m -> m.contains("orders.csv: header on line 9; the 8 lines above it skipped"));
        assertThat(messages).anyMatch(m -> m.contains("chunks of about"));
    }

    @Test
    void oneLineAboveTheHeaderIsSaidInTheSingular() {
        Files2.write(dir.resolve("one/sales/orders.csv"), "Orders report\n" + IngestorTest.SALES_HEADER
                + "o1,1,2024-01-05,amazon,US,Kitchen,s1,p1,10.50,2,USD,shipped\n");
        IngestResult r = new Ingestor(spark, MarketlensConfig.defaults().ingest(),
                new Storage(spark.sparkContext().hadoopConfiguration()), messages::add).ingest(dir.resolve("one").toString(), null, 1);
        r.release().run();
        assertThat(messages).anyMatch(m -> m.endsWith("orders.csv: header on line 2; the line above it skipped (a report's"
                + " preamble, not rows)"));
    }

    /** The file's accounting, then its accepted and quarantined rows in line order. */
    static List<String> outcome(IngestResult r) {
        try {
            List<String> out = new ArrayList<>();
            FileStats f = r.files().get(0);
            out.add("read " + f.rowsRead() + ", accepted " + f.rowsAccepted() + ", quarantined " + f.rowsQuarantined());
            r.accepted().get(Source.SALES).orderBy("_line").collectAsList()
                    .forEach(row -> out.add("accepted " + row.getAs("_line") + " " + row.getAs("order_id")));
            r.quarantine().orderBy("line").collectAsList()
                    .forEach(q -> out.add("quarantined " + q.getAs("line") + " " + q.getAs("reason") + " " + q.getAs("raw")));
            return out;
        } finally {
            r.release().run();
        }
    }
}
