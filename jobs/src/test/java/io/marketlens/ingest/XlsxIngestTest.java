package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.io.Storage;
import io.marketlens.testing.SparkTestSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Excel workbooks (.xlsx), written here with POI, read through the same entry points as CSV exports. */
class XlsxIngestTest {

    static final String[] HEADER = IngestorTest.SALES_HEADER.strip().split(",");

    @TempDir
    Path dir;

    private final SparkSession spark = SparkTestSession.get();
    private final List<String> messages = new ArrayList<>();

    /**
     * A sales sheet: two title rows and a blank one above the header (row 4); rows 5-9 hold text, whole and decimal
     * numbers, date and date-time cells, an empty cell in the middle, a bad value and a row wider than the header.
     */
    private static void writeSales(Path file, boolean streaming, String sheetName) throws IOException {
        Files.createDirectories(file.getParent());
        try (Workbook wb = streaming ? new SXSSFWorkbook() : new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            if (sheetName != null) {
                wb.createSheet("Notes").createRow(0).createCell(0).setCellValue("not this sheet");
            }
            Sheet sh = wb.createSheet(sheetName == null ? "Orders" : sheetName);
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle dateTime = wb.createCellStyle();
            dateTime.setDataFormat(wb.createDataFormat().getFormat("m/d/yy h:mm"));
            CellStyle grouped = wb.createCellStyle();
            grouped.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));
            sh.createRow(0).createCell(0).setCellValue("Report: Orders");
            sh.createRow(1).createCell(0).setCellValue("Date range: 2024-05-01 - 2024-05-31");
            Row h = sh.createRow(3);
            for (int i = 0; i < HEADER.length; i++) {
                h.createCell(i).setCellValue(HEADER[i]);
            }
            // order_id,line_id,order_ts,platform,marketplace,category,seller_id,product_id,unit_price,quantity,currency,status
            Row r = sh.createRow(4); // row 5: a date-time, a whole number as order id, a grouped decimal price
            r.createCell(0).setCellValue(400081);
            r.createCell(1).setCellValue(1);
            cell(r, 2, dateTime).setCellValue(LocalDateTime.of(2024, 5, 1, 10, 0));
            text(r, 3, "amazon", "US", "Kitchen", "s1", "p1");
            cell(r, 8, grouped).setCellValue(1234.5);
            r.createCell(9).setCellValue(2);
            text(r, 10, "USD", "shipped");
            r = sh.createRow(5); // row 6: a date cell, a decimal, line_id left empty (no cell at all)
            r.createCell(0).setCellValue("o2");
            cell(r, 2, date).setCellValue(LocalDate.of(2024, 5, 2));
            text(r, 3, "amazon", "US", "Kitchen", "s1", "p2");
            r.createCell(8).setCellValue(0.1);
            r.createCell(9).setCellValue(1);
            text(r, 10, "USD", "shipped");
            r = sh.createRow(6); // row 7: a price that is not a number
            text(r, 0, "o3", "1", "2024-05-03", "amazon", "US", "Kitchen", "s2", "p3", "abc", "1", "USD", "shipped");
            r = sh.createRow(8); // row 9 (row 8 missing): a cell past the header
            text(r, 0, "o4", "1", "2024-05-04", "amazon", "US", "Kitchen", "s2", "p4", "3", "1", "USD", "shipped", "extra");
            r = sh.createRow(9); // row 10: the status cell left out at the end of the row
            text(r, 0, "o5", "1", "2024-05-05", "amazon", "US", "Kitchen", "s3", "p5", "7.25", "3", "USD");
            wb.write(out);
            if (wb instanceof SXSSFWorkbook s) {
                s.close();
            }
        }
    }

    private static Cell cell(Row r, int col, CellStyle style) {
        Cell c = r.createCell(col);
        c.setCellStyle(style);
        return c;
    }

    private static void text(Row r, int from, String... values) {
        for (int i = 0; i < values.length; i++) {
            r.createCell(from + i).setCellValue(values[i]);
        }
    }

    private static List<String> read(Path file, SourceOptions options) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
             XlsxFileReader r = XlsxFileReader.open(in, file.toString(), Source.SALES, options)) {
            out.add("header " + String.join(",", r.header()) + " after " + r.preambleLines());
            for (CsvFileReader.Record rec = r.next(); rec != null; rec = r.next()) {
                out.add(rec.line() + " " + rec.raw());
            }
        }
        return out;
    }

    @Test
    void cellsComeOutAsACsvExportWritesThem() throws IOException {
        Path f = dir.resolve("orders.xlsx");
        writeSales(f, false, null);
        assertThat(read(f, SourceOptions.defaults())).containsExactly(
                "header " + String.join(",", HEADER) + " after 3",
                "5 400081,1,2024-05-01 10:00:00,amazon,US,Kitchen,s1,p1,1234.5,2,USD,shipped",
                "6 o2,,2024-05-02,amazon,US,Kitchen,s1,p2,0.1,1,USD,shipped",
                "7 o3,1,2024-05-03,amazon,US,Kitchen,s2,p3,abc,1,USD,shipped",
                "9 o4,1,2024-05-04,amazon,US,Kitchen,s2,p4,3,1,USD,shipped,extra",
                "10 o5,1,2024-05-05,amazon,US,Kitchen,s3,p5,7.25,3,USD,");
    }

    @Test
    void aStreamedWorkbookAndANamedSheetReadTheSame() throws IOException {
        Path plain = dir.resolve("a.xlsx");
        Path streamed = dir.resolve("b.xlsx");
        writeSales(plain, false, null);
        writeSales(streamed, true, "Orders May");
        SourceOptions sheet = new SourceOptions(null, null, null, null, null, null, null, "4", "orders may");
        assertThat(read(streamed, sheet)).isEqualTo(read(plain, SourceOptions.defaults()));
        SourceOptions missing = new SourceOptions(null, null, null, null, null, null, null, null, "June");
        assertThatThrownBy(() -> read(streamed, missing)).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("no sheet 'June'").hasMessageContaining("[Notes, Orders May]");
    }

    @Test
    void plainNumbers() {
        assertThat(XlsxFileReader.plain("400081.0")).isEqualTo("400081");
        assertThat(XlsxFileReader.plain("1.25E-3")).isEqualTo("0.00125");
        assertThat(XlsxFileReader.plain("1.2E+7")).isEqualTo("12000000");
        assertThat(XlsxFileReader.plain("0.30000000000000004")).isEqualTo("0.30000000000000004");
        assertThat(XlsxFileReader.plain("-0")).isEqualTo("0");
        assertThat(XlsxFileReader.column("A1")).isZero();
        assertThat(XlsxFileReader.column("AB12")).isEqualTo(27);
    }

    @Test
    void ingestAcceptsAndQuarantinesWorkbookRowsLikeCsvLines() throws IOException {
        writeSales(dir.resolve("in/sales/orders.xlsx"), false, null);
        Files.createDirectories(dir.resolve("in/sales"));
        Files.write(dir.resolve("in/sales/old.xls"), new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0});
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        for (long localBytes : new long[] {Ingestor.LOCAL_BYTES, 0}) { // parsed on the driver, then by a task
            IngestResult r = new Ingestor(spark, MarketlensConfig.defaults().ingest(), storage, messages::add,
                    Ingestor.CHUNK_BYTES, localBytes).ingest(dir.resolve("in").toString(), null, 1);
            assertThat(PreambleTest.outcome(r)).containsExactly(
                    "read 5, accepted 3, quarantined 2",
                    "accepted 5 400081", "accepted 6 o2", "accepted 10 o5",
                    "quarantined 7 bad_number:unit_price o3,1,2024-05-03,amazon,US,Kitchen,s2,p3,abc,1,USD,shipped",
                    "quarantined 9 malformed_row o4,1,2024-05-04,amazon,US,Kitchen,s2,p4,3,1,USD,shipped,extra");
        }
        assertThat(messages).anyMatch(m -> m.contains("old.xls") && m.contains("save it as .xlsx or CSV"));
        assertThat(messages).anyMatch(m -> m.contains("orders.xlsx: header on row 4; the 3 rows above it skipped"));
    }

    @Test
    void acceptedValuesOfAWorkbookRow() throws IOException {
        writeSales(dir.resolve("in/sales/orders.xlsx"), true, null);
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        IngestResult r = new Ingestor(spark, MarketlensConfig.defaults().ingest(), storage, messages::add)
                .ingest(dir.resolve("in").toString(), null, 1);
        try {
            List<org.apache.spark.sql.Row> rows = r.accepted().get(Source.SALES).orderBy("_line").collectAsList();
            assertThat(rows).extracting(x -> x.getAs("order_id") + " " + x.getAs("line_id") + " "
                            + x.getAs("order_ts") + " " + x.getAs("unit_price") + " " + x.getAs("status"))
                    .containsExactly("400081 1 2024-05-01T10:00:00Z 1234.500000 shipped", "o2 p2 2024-05-02T00:00:00Z 0.100000 shipped",
                            "o5 1 2024-05-05T00:00:00Z 7.250000 null");
        } finally {
            r.release().run();
        }
    }
}
