package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.io.Storage;
import io.marketlens.testing.Files2;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fingerprints and chunk boundaries found in one pass over each export. */
class InputScannerTest {

    @TempDir
    Path dir;

    private final List<String> messages = new ArrayList<>();

    private InputFile scanOne(byte[] bytes, MarketlensConfig config, long chunkBytes) {
        Files2.writeBytes(dir.resolve("in/sales/export.csv"), bytes);
        return new InputScanner(new Storage(new Configuration()), messages::add, config.ingest(), chunkBytes)
                .scan(dir.resolve("in").toString()).get(Source.SALES).get(0);
    }

    private static Chunking.Split at(long offset, long linesBefore) {
        return new Chunking.Split(offset, linesBefore);
    }

    @Test
    void aSourceFolderGivenAsTheInputSaysToPassItsParent() {
        Files2.write(dir.resolve("mydata/sales/orders.csv"), "order_id,order_ts\n1,2024-01-01\n");
        Files2.write(dir.resolve("mydata/sales/notes.md"), "exports of March\n");
        String input = dir.resolve("mydata/sales").toString();
        InputScanner scanner = new InputScanner(new Storage(new Configuration()), messages::add, MarketlensConfig.defaults().ingest(), 1 << 20);
        assertThatThrownBy(() -> scanner.scan(input)).isInstanceOf(InputFolderException.class)
                .hasMessage(input + " holds data files but no sales/, competitors/, logistics/ or fx_rates/ folder: pass its"
                        + " parent, --input " + dir.resolve("mydata"));
        assertThatThrownBy(() -> scanner.scan(input + "/")).hasMessageEndingWith("--input " + dir.resolve("mydata"));
        assertThat(messages).as("no 'ignored' line for each file of the wrong folder").isEmpty();
        assertThat(InputScanner.wrongFolder("mydata/sales")).isEqualTo("mydata/sales holds data files but no sales/,"
                + " competitors/, logistics/ or fx_rates/ folder: pass its parent, --input mydata");
        assertThat(InputScanner.wrongFolder("Sales/")).endsWith("pass its parent, --input .");
    }

    @Test
    void exportsLooseInTheInputFolderSayWhereTheyBelong() {
        Files2.write(dir.resolve("exports/orders.xlsx"), "not read");
        String input = dir.resolve("exports").toString();
        assertThatThrownBy(() -> new InputScanner(new Storage(new Configuration()), messages::add,
                MarketlensConfig.defaults().ingest(), 1 << 20).scan(input))
                .isInstanceOf(InputFolderException.class)
                .hasMessage(input + " holds data files but no sales/, competitors/, logistics/ or fx_rates/ folder: move each"
                        + " export into the folder of its source, e.g. " + input + "/sales/");
    }

    @Test
    void anInputFolderWithoutExportsOrWithASourceFolderIsRead() {
        Files2.write(dir.resolve("empty/notes.md"), "nothing yet\n");
        InputScanner scanner = new InputScanner(new Storage(new Configuration()), messages::add, MarketlensConfig.defaults().ingest(), 1 << 20);
        assertThat(scanner.scan(dir.resolve("empty").toString())).isEmpty();
        Files2.write(dir.resolve("in/sales/orders.csv"), "order_id,order_ts\n1,2024-01-01\n");
        Files2.write(dir.resolve("in/stray.csv"), "a,b\n");
        assertThat(scanner.scan(dir.resolve("in").toString())).containsOnlyKeys(Source.SALES);
        assertThat(messages).containsExactly("ignored " + dir.resolve("in/stray.csv")
                + ": exports belong in sales/, competitors/, logistics/ or fx_rates/");
    }

    @Test
    void everyEntryOfASourceFolderThatIsNotReadIsReportedWithItsReason() throws Exception {
        Files2.write(dir.resolve("in/sales/orders.csv"), "order_id,order_ts\n1,2024-01-01\n");
        Files2.write(dir.resolve("in/sales/_x.csv"), "order_id,order_ts\n2,2024-01-01\n");
        Files2.write(dir.resolve("in/sales/..csv"), "order_id,order_ts\n3,2024-01-01\n");
        Files2.write(dir.resolve("in/sales/x.csv/part.csv"), "order_id,order_ts\n4,2024-01-01\n");
        Files2.write(dir.resolve("in/sales/old.xls"), "not read");
        Files2.write(dir.resolve("in/sales/notes.md"), "March\n");
        Files2.write(dir.resolve("elsewhere/more.csv"), "order_id,order_ts\n5,2024-01-01\n");
        java.nio.file.Files.createSymbolicLink(dir.resolve("in/sales/linked"), dir.resolve("elsewhere"));
        java.nio.file.Files.createSymbolicLink(dir.resolve("in/sales/gone.csv"), dir.resolve("nowhere.csv"));
        InputScanner scanner = new InputScanner(new Storage(new Configuration()), messages::add,
                MarketlensConfig.defaults().ingest(), 1 << 20);
        String in = dir.resolve("in").toString();
        assertThat(scanner.scan(in).get(Source.SALES)).extracting(InputFile::display).containsExactly(in + "/sales/orders.csv");
        String sales = in + "/sales/";
        assertThat(scanner.skipped()).extracting(k -> k.path().substring(sales.length()) + " | " + k.reason()).containsExactly(
                "..csv | a name beginning with '.' is a hidden or a tool's own file; rename it to read it",
                "_x.csv | a name beginning with '_' is a hidden or a tool's own file; rename it to read it",
                "linked | a folder (or a link to one): only the files directly in sales/ are read",
                "notes.md | only .csv, .tsv, .txt and .xlsx exports are read",
                "old.xls | an old binary Excel workbook (.xls) is not read; save it as .xlsx or CSV (UTF-8)",
                "x.csv | a folder (or a link to one): only the files directly in sales/ are read",
                "gone.csv | a link to a file that does not exist");
        // each said in the progress too
        assertThat(messages).hasSize(7).allMatch(m -> m.startsWith("ignored " + sales));
    }

    @Test
    void recordStartsAfterEachChunkSizeWithTheLinesBeforeThem() throws Exception {
        byte[] bytes = IngestorTest.bomCrlfExport();
        InputFile f = scanOne(bytes, MarketlensConfig.defaults(), 35);

        assertThat(f.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        Chunking c = f.chunking();
        assertThat(c.charset()).isEqualTo("UTF-8");
        assertThat(c.delimiter()).isEqualTo(',');
        assertThat(c.header()).hasSize(12).startsWith("order_id", "line_id");
        // targets 35, 152, 222, 293, 352, 399, 469 (each 35 after the previous split); the first record end at
        // or after each: the header's end (117), line 2's (187), line 4's (258: 222 is inside line 3's quoted
        // field), the blank line 6 starts at 317, then 364 and 434; 469 would need the end of the file (501)
        assertThat(c.splits()).containsExactly(at(117, 1), at(187, 2), at(258, 4), at(317, 5), at(364, 7), at(434, 8));
        assertThat(c.note()).isNull();
        assertThat(f.chunks()).extracting(ch -> ch.start() + "-" + ch.end() + "@" + ch.linesBefore()).containsExactly(
                "0-117@0", "117-187@1", "187-258@2", "258-317@4", "317-364@5", "364-434@7", "434--1@8");
    }

    @Test
    void aFileNoBiggerThanAChunkIsOneTaskWithoutANote() {
        byte[] bytes = IngestorTest.bomCrlfExport();
        InputFile f = scanOne(bytes, MarketlensConfig.defaults(), bytes.length);
        assertThat(f.chunking().splits()).isEmpty();
        assertThat(f.chunking().note()).isNull();
        assertThat(f.chunks()).hasSize(1);
    }

    @Test
    void aFileWhoseHeaderCannotBeReadIsLeftToTheHeaderCheck() {
        // GB18030 bytes read as UTF-8: the header check before parsing names the fix; the scan only declines to cut
        byte[] bytes = ("订单号,下单时间\n" + "a,b\n".repeat(20)).getBytes(java.nio.charset.Charset.forName("GB18030"));
        InputFile f = scanOne(bytes, MarketlensConfig.defaults(), 8);
        assertThat(f.chunking().splits()).isEmpty();
        assertThat(f.chunking().note()).isNull();
    }

    @Test
    void utf16IsOneTaskAndTheNoteSaysWhy() {
        byte[] bytes = ("\uFEFForder_id,title\n" + "o1,a\n".repeat(20)).getBytes(StandardCharsets.UTF_16LE);
        MarketlensConfig config = new MarketlensConfig(null, null, null, null, null, null, null,
                Map.of("sales", new SourceOptions("UTF-16", null, null, null, null, null, null, null, null)));
        InputFile f = scanOne(bytes, config, 8);
        assertThat(f.chunking().splits()).isEmpty();
        assertThat(f.chunking().note()).isEqualTo("in UTF-16 line-break and quote bytes can occur inside characters");
    }

    @Test
    void lineBreaksThatAreCrAloneLeaveNothingToCutAt() {
        byte[] bytes = ("order_id,title\r" + "o1,a\r".repeat(20)).getBytes(StandardCharsets.UTF_8);
        InputFile f = scanOne(bytes, MarketlensConfig.defaults(), 8);
        assertThat(f.chunking().splits()).isEmpty();
        assertThat(f.chunking().note()).isEqualTo("no line ends outside quotes after its first 8 B"
                + " (line breaks that are CR alone, or a quote never closed)");
    }
}
