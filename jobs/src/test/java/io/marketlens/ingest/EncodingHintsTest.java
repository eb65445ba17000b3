package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a file that is not in its configured encoding is told, and {@code encoding: auto}, from bytes built here. */
class EncodingHintsTest {

    static final String FILE = "in/sales/orders_2024-03.csv";
    static final Charset GBK = Charset.forName("GBK");

    static final String WESTERN = "order_id,customer,buyer\nA1,Café,Müller\n";
    static final String CHINESE = "订单号,商品名称,单价\nA1001,蓝牙耳机,199.00\n";

    static SourceOptions encoding(String encoding) {
        return new SourceOptions(encoding, null, null, null, null, null, null, null, null);
    }

    static String hint(byte[] bytes, SourceOptions options) {
        return catchThrowableOfType(UnreadableFileException.class, () -> {
            try (CsvFileReader r = CsvFileReader.open(new ByteArrayInputStream(bytes), FILE, Source.SALES, options)) {
                for (CsvFileReader.Record rec = r.next(); rec != null; rec = r.next()) {
                    // read to the end
                }
            }
        }).getMessage();
    }

    static List<List<String>> read(byte[] bytes, SourceOptions options, String expectedEncoding) throws Exception {
        try (CsvFileReader r = CsvFileReader.open(new ByteArrayInputStream(bytes), FILE, Source.SALES, options)) {
            assertThat(r.encoding()).isEqualTo(expectedEncoding);
            List<List<String>> rows = new ArrayList<>();
            rows.add(r.header());
            for (CsvFileReader.Record rec = r.next(); rec != null; rec = r.next()) {
                rows.add(rec.fields());
            }
            return rows;
        }
    }

    @Test
    void utf16LittleEndianWithoutBomIsNamed() {
        assertThat(hint(WESTERN.getBytes(StandardCharsets.UTF_16LE), SourceOptions.defaults())).isEqualTo(FILE
                + ": the file looks like UTF-16LE without a byte-order mark (every other byte is 0), not UTF-8;"
                + " re-save it as UTF-8, or set sources.sales.encoding: UTF-16LE");
    }

    @Test
    void utf16BigEndianWithoutBomIsNamed() {
        assertThat(hint(WESTERN.getBytes(StandardCharsets.UTF_16BE), encoding("GB18030"))).isEqualTo(FILE
                + ": the file looks like UTF-16BE without a byte-order mark (every other byte is 0), not GB18030;"
                + " re-save it as UTF-8, or set sources.sales.encoding: UTF-16BE");
    }

    @Test
    void latin1IsNamedWindows1252() {
        assertThat(hint(WESTERN.getBytes(StandardCharsets.ISO_8859_1), SourceOptions.defaults())).isEqualTo(FILE
                + ": bytes at or after line 1 are not valid UTF-8 and look like Latin-1/windows-1252 (Western European"
                + " Windows/Excel output); set sources.sales.encoding: windows-1252, or re-export the file as UTF-8");
    }

    @Test
    void gbkChineseIsNamedGb18030() {
        assertThat(hint(CHINESE.getBytes(GBK), SourceOptions.defaults())).isEqualTo(FILE
                + ": bytes at or after line 1 are not valid UTF-8 and look like GB18030 (Chinese Windows/Excel output);"
                + " set sources.sales.encoding: GB18030, or re-export the file as UTF-8");
    }

    @Test
    void utf8FileInAGb18030SourceIsNotToldToSetGb18030() {
        String message = hint(CHINESE.getBytes(StandardCharsets.UTF_8), encoding("GB18030"));
        assertThat(message).isEqualTo(FILE + ": bytes at or after line 1 are not valid GB18030, and the file looks like"
                + " UTF-8; files of one source must share an encoding, or set sources.sales.encoding: auto");
        assertThat(message).doesNotContain("encoding: GB18030");
    }

    @Test
    void gbkBytesLaterInAGbkSourceAreNotToldToSetGbk() {
        StringBuilder rows = new StringBuilder(CHINESE);
        for (int i = 0; i < 20_000; i++) {
            rows.append("A").append(i).append(",蓝牙耳机,199.00\n");
        }
        byte[] bytes = EncodingHintsTestBytes.concat(rows.toString().getBytes(GBK), new byte[] {'B', ',', (byte) 0x80, '\n'});
        String message = hint(bytes, encoding("GB18030"));
        assertThat(message).startsWith(FILE + ": bytes at or after line ").contains("are not valid GB18030, though the start"
                + " of the file looks like GB18030; the file may be damaged or mix encodings, re-export it as UTF-8");
        assertThat(message).doesNotContain("encoding: GB18030");
    }

    @Test
    void autoNamesTheEncodingItChoseWhenBytesLaterAreNotInIt() {
        StringBuilder ascii = new StringBuilder("order_id,title\n");
        for (int i = 0; i < 10_000; i++) {
            ascii.append("O").append(i).append(",plain title\n");
        }
        byte[] bytes = EncodingHintsTestBytes.concat(ascii.toString().getBytes(StandardCharsets.US_ASCII),
                "O-last,蓝牙耳机\n".getBytes(GBK));
        assertThat(hint(bytes, encoding("auto"))).startsWith(FILE + ": bytes at or after line ")
                .contains(" are not valid UTF-8, the encoding that encoding: auto found from the start of the file,")
                .doesNotContain("set sources.sales.encoding: auto");
    }

    @Test
    void autoReadsUtf16LittleEndianWithoutBom() throws Exception {
        assertThat(read(WESTERN.getBytes(StandardCharsets.UTF_16LE), encoding("auto"), "UTF-16LE"))
                .containsExactly(List.of("order_id", "customer", "buyer"), List.of("A1", "Café", "Müller"));
    }

    @Test
    void autoReadsUtf16BigEndianWithoutBom() throws Exception {
        assertThat(read(WESTERN.getBytes(StandardCharsets.UTF_16BE), encoding("auto"), "UTF-16BE"))
                .containsExactly(List.of("order_id", "customer", "buyer"), List.of("A1", "Café", "Müller"));
    }

    @Test
    void autoReadsLatin1() throws Exception {
        assertThat(read(WESTERN.getBytes(StandardCharsets.ISO_8859_1), encoding("AUTO"), "windows-1252"))
                .containsExactly(List.of("order_id", "customer", "buyer"), List.of("A1", "Café", "Müller"));
    }

    @Test
    void autoReadsGbk() throws Exception {
        assertThat(read(CHINESE.getBytes(GBK), encoding("auto"), "GB18030"))
                .containsExactly(List.of("订单号", "商品名称", "单价"), List.of("A1001", "蓝牙耳机", "199.00"));
    }

    @Test
    void autoReadsUtf8() throws Exception {
        assertThat(read(CHINESE.getBytes(StandardCharsets.UTF_8), encoding("auto"), "UTF-8"))
                .containsExactly(List.of("订单号", "商品名称", "单价"), List.of("A1001", "蓝牙耳机", "199.00"));
        assertThat(read(WESTERN.getBytes(StandardCharsets.UTF_8), encoding("auto"), "UTF-8"))
                .containsExactly(List.of("order_id", "customer", "buyer"), List.of("A1", "Café", "Müller"));
    }

    @Test
    void autoLetsAByteOrderMarkWin() throws Exception {
        byte[] utf8Bom = EncodingHintsTestBytes.concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                WESTERN.getBytes(StandardCharsets.UTF_8));
        assertThat(read(utf8Bom, encoding("auto"), "UTF-8"))
                .containsExactly(List.of("order_id", "customer", "buyer"), List.of("A1", "Café", "Müller"));
        byte[] utf16Bom = EncodingHintsTestBytes.concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                CHINESE.getBytes(StandardCharsets.UTF_16LE));
        assertThat(read(utf16Bom, encoding("auto"), "UTF-16"))
                .containsExactly(List.of("订单号", "商品名称", "单价"), List.of("A1001", "蓝牙耳机", "199.00"));
    }

    @Test
    void autoReadsAsciiAsUtf8() throws Exception {
        assertThat(read("order_id,title\nA1,plain\n".getBytes(StandardCharsets.US_ASCII), encoding("auto"), "UTF-8"))
                .containsExactly(List.of("order_id", "title"), List.of("A1", "plain"));
    }

    /** Joins byte arrays. */
    static final class EncodingHintsTestBytes {
        static byte[] concat(byte[]... parts) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (byte[] p : parts) {
                out.writeBytes(p);
            }
            return out.toByteArray();
        }
    }
}
