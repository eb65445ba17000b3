package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading one export: header, delimiter, encodings, physical line numbers, files that cannot be read. */
class CsvFileReaderTest {

    static final String FILE = "in/sales/orders_2024-03.csv";
    static final Charset GB18030 = Charset.forName("GB18030");

    static SourceOptions encoding(String encoding) {
        return new SourceOptions(encoding, null, null, null, null, null, null, null, null);
    }

    static SourceOptions delimiter(String delimiter) {
        return new SourceOptions(null, delimiter, null, null, null, null, null, null, null);
    }

    static CsvFileReader open(byte[] bytes, SourceOptions options) {
        return CsvFileReader.open(new ByteArrayInputStream(bytes), FILE, Source.SALES, options);
    }

    static CsvFileReader open(String utf8, SourceOptions options) {
        return open(utf8.getBytes(StandardCharsets.UTF_8), options);
    }

    static CsvFileReader open(String utf8) {
        return open(utf8, SourceOptions.defaults());
    }

    static List<CsvFileReader.Record> readAll(CsvFileReader reader) {
        List<CsvFileReader.Record> out = new ArrayList<>();
        for (CsvFileReader.Record r = reader.next(); r != null; r = reader.next()) {
            out.add(r);
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static UnreadableFileException unreadable(byte[] bytes, SourceOptions options) {
        Throwable t = catchThrowable(() -> {
            try (CsvFileReader r = open(bytes, options)) {
                readAll(r);
            }
        });
        assertThat(t).isInstanceOf(UnreadableFileException.class);
        return (UnreadableFileException) t;
    }

    @Nested
    class Header {

        @Test
        void headerIsReadAndRecordsFollow() throws IOException {
            try (CsvFileReader r = open("order_id,platform,unit_price\nO1,amazon,9.99\nO2,ebay,12.00\n")) {
                assertThat(r.header()).containsExactly("order_id", "platform", "unit_price");
                assertThat(r.delimiter()).isEqualTo(',');
                assertThat(r.encoding()).isEqualTo("UTF-8");
                List<CsvFileReader.Record> recs = readAll(r);
                assertThat(recs).hasSize(2);
                assertThat(recs.get(0).line()).isEqualTo(2);
                assertThat(recs.get(0).fields()).containsExactly("O1", "amazon", "9.99");
                assertThat(recs.get(0).raw()).isEqualTo("O1,amazon,9.99");
                assertThat(recs.get(1).line()).isEqualTo(3);
                assertThat(recs.get(1).fields()).containsExactly("O2", "ebay", "12.00");
                assertThat(r.next()).isNull();
            }
        }

        @Test
        void quotedHeaderNamesAreUnquoted() throws IOException {
            try (CsvFileReader r = open("\"Order ID\",\"Unit Price, USD\"\nO1,9.99\n")) {
                assertThat(r.header()).containsExactly("Order ID", "Unit Price, USD");
                assertThat(readAll(r).get(0).fields()).containsExactly("O1", "9.99");
            }
        }

        @Test
        void utf8BomIsStrippedFromTheFirstHeaderName() throws IOException {
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            try (CsvFileReader r = open(concat(bom, "order_id,title\nO1,蓝牙耳机\n".getBytes(StandardCharsets.UTF_8)),
                    SourceOptions.defaults())) {
                assertThat(r.header()).containsExactly("order_id", "title");
                assertThat(r.header().get(0)).doesNotContain("\uFEFF").hasSize(8);
                assertThat(readAll(r).get(0).fields()).containsExactly("O1", "蓝牙耳机");
            }
        }

        @Test
        void utf8BomWinsOverAConfiguredEncoding() throws IOException {
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            try (CsvFileReader r = open(concat(bom, "order_id,title\nO1,蓝牙耳机\n".getBytes(StandardCharsets.UTF_8)),
                    encoding("GB18030"))) {
                assertThat(r.encoding()).isEqualTo("UTF-8");
                assertThat(readAll(r).get(0).fields()).containsExactly("O1", "蓝牙耳机");
            }
        }

        @Test
        void emptyFileIsUnreadable() {
            UnreadableFileException e = unreadable(new byte[0], SourceOptions.defaults());
            assertThat(e.getMessage()).contains(FILE).contains("empty").contains("header");
        }

        @Test
        void blankFirstLineIsAPreambleUnlessTheHeaderIsSaidToBeOnLineOne() throws IOException {
            byte[] bytes = "\norder_id,title\nO1,x\n".getBytes(StandardCharsets.UTF_8);
            try (CsvFileReader r = open(bytes, SourceOptions.defaults())) {
                assertThat(r.header()).containsExactly("order_id", "title");
                assertThat(r.preambleLines()).isEqualTo(1);
                assertThat(readAll(r)).extracting(CsvFileReader.Record::line).containsExactly(3L);
            }
            UnreadableFileException e = unreadable(bytes, new SourceOptions(null, null, null, null, null, null, null, "1", null));
            assertThat(e.getMessage()).contains(FILE).contains("header");
        }

        @Test
        void headerOnlyFileHasNoRecords() throws IOException {
            try (CsvFileReader r = open("order_id,title\n")) {
                assertThat(r.header()).containsExactly("order_id", "title");
                assertThat(r.next()).isNull();
            }
            try (CsvFileReader r = open("order_id,title")) { // no newline at the end
                assertThat(r.header()).containsExactly("order_id", "title");
                assertThat(r.next()).isNull();
            }
        }
    }

    @Nested
    class Delimiters {

        @Test
        void semicolonIsSniffed() throws IOException {
            try (CsvFileReader r = open("order_id;unit_price;title\nO1;12,5;a, b\n")) {
                assertThat(r.delimiter()).isEqualTo(';');
                assertThat(r.header()).containsExactly("order_id", "unit_price", "title");
                assertThat(readAll(r).get(0).fields()).containsExactly("O1", "12,5", "a, b");
            }
        }

        @Test
        void tabIsSniffed() throws IOException {
            try (CsvFileReader r = open("order_id\tunit_price\ttitle\nO1\t9.99\ta, b; c\n")) {
                assertThat(r.delimiter()).isEqualTo('\t');
                assertThat(readAll(r).get(0).fields()).containsExactly("O1", "9.99", "a, b; c");
            }
        }

        @Test
        void commaIsSniffed() throws IOException {
            try (CsvFileReader r = open("order_id,unit_price,title\nO1,9.99,a;b\n")) {
                assertThat(r.delimiter()).isEqualTo(',');
                assertThat(readAll(r).get(0).fields()).containsExactly("O1", "9.99", "a;b");
            }
        }

        @Test
        void sniffingCountsOnlyDelimitersOutsideQuotes() {
            assertThat(CsvFileReader.sniff("\"a,b,c\";d;e")).isEqualTo(';');
            assertThat(CsvFileReader.sniff("a;b,c;d")).isEqualTo(';');
            assertThat(CsvFileReader.sniff("a\tb\tc,d")).isEqualTo('\t');
            assertThat(CsvFileReader.sniff("a|b|c")).isEqualTo('|');
            assertThat(CsvFileReader.sniff("order_id")).isEqualTo(','); // none found: comma
            assertThat(CsvFileReader.sniff("a,b;c")).isEqualTo(','); // tie: comma preferred
        }

        @Test
        void configuredDelimiterIsUsedWithoutSniffing() throws IOException {
            // the header has more commas than semicolons, but ';' is configured
            try (CsvFileReader r = open("order_id;title, with, commas\nO1;a,b\n", delimiter(";"))) {
                assertThat(r.delimiter()).isEqualTo(';');
                assertThat(r.header()).containsExactly("order_id", "title, with, commas");
                assertThat(readAll(r).get(0).fields()).containsExactly("O1", "a,b");
            }
        }

        @ParameterizedTest(name = "delimiter ''{0}'' means tab")
        @ValueSource(strings = {"\\t", "tab", "TAB", "\t"})
        void tabSpellings(String configured) throws IOException {
            try (CsvFileReader r = open("order_id\ttitle,x\nO1\ta,b\n", delimiter(configured))) {
                assertThat(r.delimiter()).isEqualTo('\t');
                assertThat(r.header()).containsExactly("order_id", "title,x");
            }
        }
    }

    @Nested
    class Encodings {

        static final String CHINESE = "订单号,商品名称,单价\nA1001,蓝牙耳机,199.00\nA1002,手机壳（透明）,25.50\n";

        @Test
        void gb18030IsReadWhenConfigured() throws IOException {
            try (CsvFileReader r = open(CHINESE.getBytes(GB18030), encoding("GB18030"))) {
                assertThat(r.encoding()).isEqualTo("GB18030");
                assertThat(r.header()).containsExactly("订单号", "商品名称", "单价");
                List<CsvFileReader.Record> recs = readAll(r);
                assertThat(recs).extracting(CsvFileReader.Record::fields).containsExactly(
                        List.of("A1001", "蓝牙耳机", "199.00"),
                        List.of("A1002", "手机壳（透明）", "25.50"));
                assertThat(recs).extracting(CsvFileReader.Record::line).containsExactly(2L, 3L);
            }
        }

        @Test
        void gbkNameIsAcceptedToo() throws IOException {
            try (CsvFileReader r = open(CHINESE.getBytes(Charset.forName("GBK")), encoding("GBK"))) {
                assertThat(r.header()).containsExactly("订单号", "商品名称", "单价");
            }
        }

        @Test
        void gb18030BytesReadAsUtf8AreUnreadableAndTheMessageSaysWhatToSet() {
            UnreadableFileException e = unreadable(CHINESE.getBytes(GB18030), SourceOptions.defaults());
            assertThat(e.getMessage()).contains(FILE).contains("UTF-8").contains("GB18030").contains("sources.sales.encoding");
        }

        @Test
        void badBytesFarIntoTheFileAreUnreadableToo() {
            // 10 000 ASCII lines (beyond the header look-ahead), then one GB18030 line
            StringBuilder ascii = new StringBuilder("order_id,title\n");
            for (int i = 0; i < 10_000; i++) {
                ascii.append("O").append(i).append(",plain title\n");
            }
            byte[] bytes = concat(ascii.toString().getBytes(StandardCharsets.UTF_8), "O-last,蓝牙耳机\n".getBytes(GB18030));
            UnreadableFileException e = unreadable(bytes, SourceOptions.defaults());
            assertThat(e.getMessage()).contains(FILE).contains("GB18030");
        }

        @Test
        void utf16LittleEndianBomIsUnreadable() {
            byte[] bytes = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "order_id,title\n".getBytes(StandardCharsets.UTF_16LE));
            UnreadableFileException e = unreadable(bytes, SourceOptions.defaults());
            assertThat(e.getMessage()).contains(FILE).contains("UTF-16");
        }

        @Test
        void utf16BigEndianBomIsUnreadable() {
            byte[] bytes = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, "order_id,title\n".getBytes(StandardCharsets.UTF_16BE));
            UnreadableFileException e = unreadable(bytes, SourceOptions.defaults());
            assertThat(e.getMessage()).contains(FILE).contains("UTF-16");
        }

        @Test
        void binaryFileWithNulBytesIsUnreadable() {
            byte[] bytes = {'P', 'K', 3, 4, 0, 0, 'x', 'l', '/', 0, 0, 'a', ',', 'b', '\n'};
            UnreadableFileException e = unreadable(bytes, SourceOptions.defaults());
            assertThat(e.getMessage()).contains(FILE).contains("binary");
        }

        @Test
        void excelWorkbookIsCalledBinaryNotAnEncodingProblem() {
            // the start of a real .xlsx (a zip): local file header, then deflated bytes that are not valid UTF-8
            byte[] bytes = {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0, (byte) 0x9C, (byte) 0xE4, (byte) 0xFF,
                    (byte) 0x8A, 0x1F, 0x01, 0x00, 0x00};
            UnreadableFileException e = unreadable(bytes, SourceOptions.defaults());
            assertThat(e.getMessage()).contains(FILE).contains("binary");
        }

        @Test
        void unknownEncodingIsUnreadableNamingTheKey() {
            UnreadableFileException e = unreadable("order_id\n".getBytes(StandardCharsets.UTF_8), encoding("UTF-9"));
            assertThat(e.getMessage()).contains(FILE).contains("UTF-9").contains("sources.sales.encoding");
        }
    }

    @Nested
    class LineNumbers {

        @Test
        void headerIsLineOneAndRecordsCarryTheirFirstPhysicalLine() throws IOException {
            String csv = """
                    order_id,title,quantity
                    O1,plain,1
                    O2,"two
                    lines",2
                    O3,after the quoted newline,3

                    O4,after a blank line,4
                    """;
            // line 1 header, 2 O1, 3-4 O2, 5 O3, 6 blank, 7 O4
            try (CsvFileReader r = open(csv)) {
                List<CsvFileReader.Record> recs = readAll(r);
                assertThat(recs).extracting(CsvFileReader.Record::line).containsExactly(2L, 3L, 5L, 7L);
                assertThat(recs.get(1).fields()).containsExactly("O2", "two\nlines", "2");
                assertThat(recs.get(1).raw()).isEqualTo("O2,\"two\nlines\",2");
                assertThat(recs).extracting(rec -> rec.fields().get(0)).containsExactly("O1", "O2", "O3", "O4");
            }
        }

        @Test
        void windowsLineEndingsCountOnce() throws IOException {
            String csv = "order_id,title\r\nO1,a\r\nO2,\"b\r\nc\"\r\n\r\nO3,d\r\n";
            // line 1 header, 2 O1, 3-4 O2, 5 blank, 6 O3
            try (CsvFileReader r = open(csv)) {
                List<CsvFileReader.Record> recs = readAll(r);
                assertThat(recs).extracting(CsvFileReader.Record::line).containsExactly(2L, 3L, 6L);
                assertThat(recs.get(1).fields()).containsExactly("O2", "b\r\nc");
            }
        }

        @Test
        void severalBlankLinesAndNoFinalNewline() throws IOException {
            try (CsvFileReader r = open("a,b\n1,2\n\n\n3,4")) {
                List<CsvFileReader.Record> recs = readAll(r);
                assertThat(recs).extracting(CsvFileReader.Record::line).containsExactly(2L, 5L);
                assertThat(recs.get(1).fields()).containsExactly("3", "4");
            }
        }

        @Test
        void tooFewFieldsComeBackAsTheyAre() throws IOException {
            try (CsvFileReader r = open("order_id,title,quantity\nO1,a\nO2,b,2,extra\nO3,c,3\n")) {
                List<CsvFileReader.Record> recs = readAll(r);
                assertThat(recs).extracting(rec -> rec.fields().size()).containsExactly(2, 4, 3);
                assertThat(recs.get(0).fields()).containsExactly("O1", "a");
                assertThat(recs).extracting(CsvFileReader.Record::line).containsExactly(2L, 3L, 4L);
            }
        }

        @Test
        void quoteNeverClosedSetsItsLineAsideAndReadingResumesOnTheNext() throws IOException {
            try (CsvFileReader r = open("order_id,title\nO1,ok\nO2,\"never closed\nO3,x\n")) {
                List<CsvFileReader.Record> recs = readAll(r);
                assertThat(recs).hasSize(3);
                assertThat(recs.get(0).fields()).containsExactly("O1", "ok");
                assertThat(recs.get(1).unbalancedQuote()).isTrue();
                assertThat(recs.get(1).line()).isEqualTo(3);
                assertThat(recs.get(1).raw()).isEqualTo("O2,\"never closed");
                assertThat(recs.get(2).line()).isEqualTo(4);
                assertThat(recs.get(2).fields()).containsExactly("O3", "x");
                assertThat(r.next()).isNull();
            }
        }

        @Test
        void aLineOfOneEmptyQuotedFieldIsARecordNotABlankLine() throws IOException {
            try (CsvFileReader r = open("order_id,title\r\n\r\n\"\"\r\nO1,x\r\n")) {
                List<CsvFileReader.Record> recs = readAll(r);
                assertThat(recs).extracting(CsvFileReader.Record::line).containsExactly(3L, 4L);
                assertThat(recs.get(0).fields()).containsExactly("");
            }
        }

        @Test
        void aStrayNulInTheFirstLinesIsTextNotBinary() throws IOException {
            try (CsvFileReader r = open("order_id,title\nO1,a\0b\n")) {
                assertThat(readAll(r)).singleElement().extracting(CsvFileReader.Record::fields)
                        .isEqualTo(List.of("O1", "a\0b")); // the validator removes the NUL from the cell
            }
        }

        @Test
        void longRawRecordIsCutForTheQuarantine() throws IOException {
            String longTitle = "x".repeat(3000);
            try (CsvFileReader r = open("order_id,title\nO1," + longTitle + "\n")) {
                CsvFileReader.Record rec = r.next();
                assertThat(rec.fields().get(1)).hasSize(3000); // the field itself is whole
                assertThat(rec.raw()).hasSize(CsvFileReader.MAX_RAW_CHARS + 1).startsWith("O1,xxx").endsWith("…");
            }
        }
    }

    @Test
    void closeClosesTheStream() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream in = new ByteArrayInputStream("order_id\nO1\n".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() throws IOException {
                closed.set(true);
                super.close();
            }
        };
        CsvFileReader r = CsvFileReader.open(in, FILE, Source.SALES, SourceOptions.defaults());
        assertThat(r.next().fields()).containsExactly("O1");
        r.close();
        assertThat(closed).isTrue();
    }

    @Test
    void messagesNameTheSourceOfTheFile() {
        assertThatThrownBy(() -> CsvFileReader.open(new ByteArrayInputStream(new byte[0]), "in/logistics/s.csv",
                Source.LOGISTICS, SourceOptions.defaults()))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("in/logistics/s.csv")
                .hasMessageContaining("logistics");
    }
}
