package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.io.Storage;
import io.marketlens.testing.Files2;
import io.marketlens.testing.SparkTestSession;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestorTest {

    static final String SALES_HEADER = "order_id,line_id,order_ts,platform,marketplace,category,seller_id,product_id,unit_price,quantity,currency,status\n";

    @TempDir
    Path dir;

    private final SparkSession spark = SparkTestSession.get();
    private final List<String> messages = new ArrayList<>();

    private IngestResult ingest(Path input, MarketlensConfig config) {
        return ingest(input, config, Ingestor.CHUNK_BYTES);
    }

    private IngestResult ingest(Path input, MarketlensConfig config, long chunkBytes) {
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        return new Ingestor(spark, config.ingest(), storage, messages::add, chunkBytes).ingest(input.toString(), null, 1_000_000L);
    }

    /**
     * A sales export with a UTF-8 byte-order mark and CR LF line ends; the byte ranges of its lines are
     * written beside them (the mark is bytes 0-2).
     */
    static byte[] bomCrlfExport() {
        String text = String.join("\r\n",
                SALES_HEADER.strip(),                                                       // line 1, bytes 3-116
                "o1,1,2024-01-05 10:00:00,amazon,US,Kitchen,s1,p1,10.50,2,USD,shipped",      // 2, 117-186 ok
                "o2,1,2024-01-05,amazon,US,\"Kitchen,\r\nDining\",s1,p2,7.00,1,USD,shipped", // 3-4, 187-257 ok, CR at 222
                "o3,1,2024-01-06,amazon,US,Kitchen,s1,p3,abc,1,USD,shipped",                // 5, 258-316 bad_number
                "",                                                                         // 6, 317-318 blank
                "o4,1,2024-01-06,amazon,US,Kitchen,s2,p4,5,1",                              // 7, 319-363 malformed_row
                "o1,1,2024-01-05 10:00:00,amazon,US,Kitchen,s1,p1,10.50,2,USD,shipped",      // 8, 364-433 duplicate of 2
                "o5,1,2024-01-07,amazon,US,\"Toys \"\"Deluxe\"\"\",s2,p5,3,4,USD,shipped") + "\r\n"; // 9, 434-500 ok
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[body.length + 3];
        all[0] = (byte) 0xEF;
        all[1] = (byte) 0xBB;
        all[2] = (byte) 0xBF;
        System.arraycopy(body, 0, all, 3, body.length);
        return all;
    }

    /** Sales exports in GB18030 whose headers are Chinese, mapped in the config. */
    private static MarketlensConfig gb18030WithChineseHeaders() {
        Map<String, List<String>> columns = Map.ofEntries(Map.entry("order_id", List.of("订单号")), Map.entry("order_ts", List.of("下单时间")),
                Map.entry("platform", List.of("平台")), Map.entry("marketplace", List.of("站点")), Map.entry("category", List.of("类目")),
                Map.entry("seller_id", List.of("店铺")), Map.entry("product_id", List.of("商品编码")), Map.entry("title", List.of("标题")),
                Map.entry("unit_price", List.of("单价")), Map.entry("quantity", List.of("数量")), Map.entry("currency", List.of("币种")));
        return new MarketlensConfig(null, null, null, null, null, null, null,
                Map.of("sales", new SourceOptions("GB18030", null, null, null, null, HeaderMappingTest.rules(columns), null, null, null)));
    }

    /** Accepted rows (every column) and quarantined rows, both in line order, read before the result is released. */
    private record Rows(List<Row> accepted, List<String> quarantine) {
    }

    private Rows rows(Path input, MarketlensConfig config, long chunkBytes) {
        return rows(ingest(input, config, chunkBytes));
    }

    private Rows rows(IngestResult r) {
        try {
            return new Rows(r.accepted().get(Source.SALES).orderBy("_line", "_file").collectAsList(),
                    r.quarantine().orderBy("line", "file").collectAsList().stream()
                            .map(q -> q.getAs("file") + " | " + q.getAs("line") + " | " + q.getAs("reason") + " | "
                                    + q.getAs("details") + " | " + q.getAs("raw"))
                            .toList());
        } finally {
            r.release().run();
        }
    }

    private static FileStats stats(IngestResult r, String fileSuffix) {
        return r.files().stream().filter(f -> f.file().endsWith(fileSuffix)).findFirst().orElseThrow();
    }

    @Test
    void aFileWithAColonInItsNameIsRead() {
        // Hadoop's own listing takes "orders 2024-03-05T10" for a URI scheme and fails the whole run
        Files2.write(dir.resolve("in/sales/orders 2024-03-05T10:00.csv"), SALES_HEADER
                + "o1,1,2024-03-05 09:00:00,amazon,US,Kitchen,s1,p1,10.50,2,USD,shipped\n"
                + "o2,1,2024-03-05 09:30:00,amazon,US,Kitchen,s1,p2,abc,1,USD,shipped\n");
        IngestResult r = ingest(dir.resolve("in"), MarketlensConfig.defaults());
        try {
            FileStats f = stats(r, "orders 2024-03-05T10:00.csv");
            assertThat(f.rowsRead()).isEqualTo(2);
            assertThat(f.rowsAccepted()).isEqualTo(1);
            assertThat(r.quarantine().collectAsList()).singleElement()
                    .satisfies(q -> assertThat(q.<String>getAs("file")).endsWith("sales/orders 2024-03-05T10:00.csv"));
        } finally {
            r.release().run();
        }
    }

    @Test
    void theSameFileUnderTwoNamesIsReadOnceAndTheCopyNamesTheFirst() {
        String body = SALES_HEADER
                + "o1,1,2024-01-05,amazon,US,Kitchen,s1,p1,10.50,2,USD,shipped\n"     // line 2 ok
                + "o2,1,2024-01-05,amazon,US,Kitchen,s1,p2,abc,1,USD,shipped\n"       // 3 bad_number:unit_price
                + "o3,1,2024-01-06,amazon,US,Kitchen,s2,p3,5,1,USD,shipped\n";        // 4 ok
        Files2.write(dir.resolve("in/sales/orders.csv"), body);
        Files2.write(dir.resolve("in/sales/orders (copy).csv"), body);
        // files are taken in modification order: the copy, made a minute later, comes second
        try {
            java.nio.file.Files.setLastModifiedTime(dir.resolve("in/sales/orders.csv"),
                    java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L));
            java.nio.file.Files.setLastModifiedTime(dir.resolve("in/sales/orders (copy).csv"),
                    java.nio.file.attribute.FileTime.fromMillis(1_700_000_060_000L));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        IngestResult r = ingest(dir.resolve("in"), MarketlensConfig.defaults());
        try {
            FileStats first = stats(r, "/orders.csv");
            FileStats copy = stats(r, "orders (copy).csv");
            assertThat(first.rowsRead()).isEqualTo(3);
            assertThat(first.rowsQuarantined()).isEqualTo(1);
            assertThat(first.duplicateOf()).isNull();
            assertThat(copy.rowsRead()).isZero();
            assertThat(copy.reasons()).isEmpty();
            assertThat(copy.duplicateOf()).isEqualTo(first.file());
            assertThat(r.rowsRead()).isEqualTo(3);
            assertThat(r.quarantine().collectAsList()).singleElement()
                    .satisfies(q -> assertThat(q.<String>getAs("file")).isEqualTo(first.file()));
            assertThat(messages).anyMatch(m -> m.contains("orders (copy).csv: the same bytes as") && m.contains("read once"));
        } finally {
            r.release().run();
        }
    }

    @Test
    void countsReconcileOnAFileMixingGoodAndBadRows() {
        Files2.write(dir.resolve("in/sales/mixed.csv"), SALES_HEADER
                + "o1,1,2024-01-05 10:00:00,amazon,US,Kitchen,s1,p1,10.50,2,USD,shipped\n"     // line 2 ok
                + "o2,1,2024-01-05,amazon,US,Kitchen,s1,p2,abc,1,USD,shipped\n"                // 3 bad_number:unit_price
                + "\n"                                                                        // 4 blank, not a row
                + "o3,1,2024-01-06,amazon,US,Kitchen,,p3,5,1,USD,shipped\n"                   // 5 missing_required:seller_id
                + "o4,1,2024-01-06,amazon,US,Kitchen,s2,p4,5,1\n"                             // 6 malformed_row
                + "o1,1,2024-01-05 10:00:00,amazon,US,Kitchen,s1,p1,10.50,2,USD,shipped\n"     // 7 duplicate_key (of line 2)
                + "o5,1,2024-01-07,amazon,US,Kitchen,s2,p5,-3.00,1,USD,shipped\n"              // 8 negative:unit_price
                + "\"o6\",1,2024-01-07,amazon,US,\"Kitchen, Dining\",s2,p6,7.25,4,USD,cancelled\n" // 9 ok
                + "o7,,2024-01-08,amazon,US,Kitchen,s3,p7,1,0,USD,shipped\n"                  // 10 out_of_range:quantity
                + "o8,,2024-01-08,amazon,US,Kitchen,s3,p8,1,3,USD,shipped\n");                // 11 ok, line_id := p8

        IngestResult r = ingest(dir.resolve("in"), MarketlensConfig.defaults());
        try {
            FileStats f = stats(r, "mixed.csv");
            assertThat(f.rowsRead()).isEqualTo(9);
            assertThat(f.rowsAccepted()).isEqualTo(3);
            assertThat(f.rowsQuarantined()).isEqualTo(6);
            assertThat(f.reasons()).isEqualTo(Map.of("bad_number:unit_price", 1L, "missing_required:seller_id", 1L,
                    "malformed_row", 1L, "duplicate_key", 1L, "negative:unit_price", 1L, "out_of_range:quantity", 1L));

            List<Row> q = r.quarantine().orderBy("line").collectAsList();
            assertThat(q).extracting(x -> x.<Long>getAs("line") + " " + x.getAs("reason")).containsExactly(
                    "3 bad_number:unit_price", "5 missing_required:seller_id", "6 malformed_row", "7 duplicate_key",
                    "8 negative:unit_price", "10 out_of_range:quantity");
            assertThat(q.get(3).<String>getAs("details")).isEqualTo("same platform, order_id, line_id as line 2");
            assertThat(q.get(0).<String>getAs("raw")).isEqualTo("o2,1,2024-01-05,amazon,US,Kitchen,s1,p2,abc,1,USD,shipped");

            List<Row> ok = r.accepted().get(Source.SALES).orderBy("order_id").collectAsList();
            assertThat(ok).extracting(x -> x.<String>getAs("order_id")).containsExactly("o1", "o6", "o8");
            assertThat(ok.get(0).<BigDecimal>getAs("unit_price")).isEqualByComparingTo("10.50");
            assertThat(ok.get(0).<Instant>getAs("order_ts")).isEqualTo(Instant.parse("2024-01-05T10:00:00Z"));
            assertThat(ok.get(1).<String>getAs("category")).isEqualTo("Kitchen, Dining");
            assertThat(ok.get(1).<Long>getAs("quantity")).isEqualTo(4L);
            assertThat(ok.get(2).<String>getAs("line_id")).isEqualTo("p8");
            assertThat(ok.get(2).<Long>getAs("_line")).isEqualTo(11L);
        } finally {
            r.release().run();
        }
    }

    @Test
    void readsBomTabAndSemicolonFilesBySniffingTheDelimiter() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = (SALES_HEADER + "b1,1,2024-02-01,ebay,GB,Toys,s1,p1,3.5,2,USD,shipped\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, withBom, 0, 3);
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files2.writeBytes(dir.resolve("in/sales/bom.csv"), withBom);
        Files2.write(dir.resolve("in/sales/tab.tsv"), SALES_HEADER.replace(',', '\t')
                + "t1\t1\t2024-02-02\tebay\tGB\tToys\ts1\tp1\t4\t1\tUSD\tshipped\n");
        Files2.write(dir.resolve("in/sales/semi.csv"), SALES_HEADER.replace(',', ';')
                + "c1;1;2024-02-03;ebay;GB;Toys, Games;s1;p1;5;1;USD;shipped\n");

        IngestResult r = ingest(dir.resolve("in"), MarketlensConfig.defaults());
        try {
            assertThat(r.files()).allSatisfy(f -> {
                assertThat(f.rowsRead()).isEqualTo(1);
                assertThat(f.rowsAccepted()).isEqualTo(1);
            });
            List<Row> rows = r.accepted().get(Source.SALES).orderBy("order_id").collectAsList();
            assertThat(rows).extracting(x -> x.getAs("order_id") + "|" + x.getAs("category") + "|" + x.getAs("unit_price_base"))
                    .containsExactly("b1|Toys|3.5", "c1|Toys, Games|5.0", "t1|Toys|4.0");
        } finally {
            r.release().run();
        }
    }

    @Test
    void readsGb18030WithAHeaderMappingFromTheConfig() {
        String text = "订单号,下单时间,平台,站点,类目,店铺,商品编码,标题,单价,数量,币种\n"
                + "g1,2024-03-01 08:00:00,Shopee,SG,家居厨房>收纳,店铺A,SKU-1,硅胶折叠收纳盒,12.80,3,USD\n";
        Files2.write(dir.resolve("in/sales/export.csv"), text, Charset.forName("GB18030"));
        MarketlensConfig config = gb18030WithChineseHeaders();

        IngestResult r = ingest(dir.resolve("in"), config);
        try {
            Row row = r.accepted().get(Source.SALES).first();
            assertThat(row.<String>getAs("category")).isEqualTo("家居厨房>收纳");
            assertThat(row.<String>getAs("title")).isEqualTo("硅胶折叠收纳盒");
            assertThat(row.<String>getAs("seller_id")).isEqualTo("店铺A");
            assertThat(row.<String>getAs("platform")).isEqualTo("shopee");
            assertThat(row.<Double>getAs("unit_price_base")).isEqualTo(12.8);
        } finally {
            r.release().run();
        }
    }

    @Test
    void convertsWithTheRateOfTheDayOrAnEarlierOneWithinTheTolerance() {
        Files2.write(dir.resolve("in/fx_rates/fx.csv"), "date,currency,rate_to_base\n2024-01-01,EUR,1.10\n2024-01-20,EUR,1.25\n");
        Files2.write(dir.resolve("in/sales/eur.csv"), SALES_HEADER
                + "e1,1,2024-01-01 12:00:00,amazon,DE,Toys,s1,p1,10,1,EUR,shipped\n"   // same day: 10 × 1.10
                + "e2,1,2024-01-08 23:59:59,amazon,DE,Toys,s1,p1,10,2,EUR,shipped\n"   // 7 days later: still 1.10
                + "e3,1,2024-01-09 00:00:00,amazon,DE,Toys,s1,p1,10,1,EUR,shipped\n"   // 8 days: fx_rate_missing
                + "e4,1,2024-01-21,amazon,DE,Toys,s1,p1,10,1,EUR,shipped\n"            // newer rate 1.25
                + "e5,1,2024-01-09,amazon,US,Toys,s1,p1,10,1,USD,shipped\n"            // base currency, rate 1
                + "e6,1,2024-01-09,amazon,GB,Toys,s1,p1,10,1,GBP,shipped\n");          // no GBP rates at all

        IngestResult r = ingest(dir.resolve("in"), MarketlensConfig.defaults());
        try {
            FileStats f = stats(r, "eur.csv");
            assertThat(f.reasons()).isEqualTo(Map.of("fx_rate_missing", 2L));
            List<Row> rows = r.accepted().get(Source.SALES).orderBy("order_id").collectAsList();
            assertThat(rows).extracting(x -> x.getAs("order_id") + " " + x.<BigDecimal>getAs("fx_rate").stripTrailingZeros().toPlainString()
                    + " " + x.getAs("unit_price_base")).containsExactly("e1 1.1 11.0", "e2 1.1 11.0", "e4 1.25 12.5", "e5 1 10.0");
            assertThat(r.quarantine().orderBy("line").collectAsList()).extracting(x -> x.<String>getAs("details")).containsExactly(
                    "no EUR→USD rate on 2024-01-09 or up to 7 days before; add it to fx_rates",
                    "no GBP→USD rate on 2024-01-09 or up to 7 days before; add it to fx_rates");
        } finally {
            r.release().run();
        }
    }

    @Test
    void aRequiredColumnMissingFailsTheFileBeforeAnyRowIsRead() {
        Files2.write(dir.resolve("in/sales/no-price.csv"), "order_id,order_ts,platform,marketplace,category,seller_id,product_id,quantity,currency\n"
                + "o1,2024-01-01,amazon,US,Toys,s1,p1,1,USD\n");
        assertThatThrownBy(() -> ingest(dir.resolve("in"), MarketlensConfig.defaults()))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("no-price.csv")
                .hasMessageContaining("unit_price")
                .hasMessageContaining("sources.sales.columns.unit_price");
    }

    @Test
    void aWrongEncodingDeepInTheFileFailsTheWholeFileWithTheFix() {
        StringBuilder sb = new StringBuilder(SALES_HEADER);
        for (int i = 0; i < 3000; i++) { // past the 64 KiB the driver looks at before reading
            sb.append("o").append(i).append(",1,2024-01-01,amazon,US,Toys,s1,p1,1,1,USD,shipped\n");
        }
        byte[] ascii = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] chinese = "x9,1,2024-01-01,amazon,US,玩具,s1,p1,1,1,USD,shipped\n".getBytes(Charset.forName("GB18030"));
        byte[] all = new byte[ascii.length + chinese.length];
        System.arraycopy(ascii, 0, all, 0, ascii.length);
        System.arraycopy(chinese, 0, all, ascii.length, chinese.length);
        Files2.writeBytes(dir.resolve("in/sales/gbk.csv"), all);

        assertThatThrownBy(() -> ingest(dir.resolve("in"), MarketlensConfig.defaults()))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("gbk.csv: bytes at or after line 2360 are not valid UTF-8")
                // the first 64 KiB are ASCII: the message cannot tell the encoding, and names the likely ones
                .hasMessageContaining("set sources.sales.encoding to its encoding (GB18030 for Chinese Windows/Excel output");
    }

    @Test
    void smallFilesParsedOnTheDriverGiveTheRowsQuarantineAndCountsOfTasks() {
        Files2.writeBytes(dir.resolve("in/sales/export.csv"), bomCrlfExport());
        // a second file repeating line 2 of the first: not a duplicate within a file, the newer file's row is kept later
        Files2.write(dir.resolve("in/sales/more.csv"), SALES_HEADER
                + "o1,1,2024-01-05 10:00:00,amazon,US,Kitchen,s1,p1,11.50,2,USD,shipped\n"
                + "o6,1,2024-02-01,amazon,US,Kitchen,s1,p6,1,1,EUR,shipped\n"        // fx_rate_missing
                + "o6,1,2024-02-01,amazon,US,Kitchen,s1,p6,1,1,USD,shipped\n"        // ok: the first line was rejected
                + "o6,1,2024-02-02,amazon,US,Kitchen,s1,p6,2,1,USD,shipped\n");      // duplicate_key of line 4
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        IngestResult onDriver = new Ingestor(spark, MarketlensConfig.defaults().ingest(), storage, messages::add, Ingestor.CHUNK_BYTES)
                .ingest(dir.resolve("in").toString(), null, 1_000_000L);
        List<FileStats> driverStats = onDriver.files();
        Rows driver = rows(onDriver);
        IngestResult inTasks = new Ingestor(spark, MarketlensConfig.defaults().ingest(), storage, messages::add, Ingestor.CHUNK_BYTES, 0)
                .ingest(dir.resolve("in").toString(), null, 1_000_000L);
        List<FileStats> taskStats = inTasks.files();
        Rows tasks = rows(inTasks);

        assertThat(driver).isEqualTo(tasks);
        assertThat(driverStats).isEqualTo(taskStats);
        assertThat(driverStats).extracting(f -> f.rowsAccepted() + "+" + f.rowsQuarantined() + " " + f.reasons())
                .containsExactlyInAnyOrder("3+3 {bad_number:unit_price=1, duplicate_key=1, malformed_row=1}",
                        "2+2 {duplicate_key=1, fx_rate_missing=1}");
        assertThat(driver.quarantine()).anyMatch(q -> q.contains("more.csv | 5 | duplicate_key | same platform, order_id, line_id as line 4"
                + " | o6,1,2024-02-02,amazon,US,Kitchen,s1,p6,2,1,USD,shipped"));
        // o1 is in both files: the warehouse must choose the newer file's row
        assertThat(onDriver.repeatsAcrossFiles()).containsExactly(Source.SALES);
        assertThat(inTasks.repeatsAcrossFiles()).containsExactly(Source.SALES);

        // without a key in two files the tasks count every file in one aggregation (by first and last batch of each
        // key), with the same verdicts per file
        Files2.write(dir.resolve("in2/sales/more.csv"), Files2.read(dir.resolve("in/sales/more.csv")).replace("o1,1,", "o9,1,"));
        Files2.writeBytes(dir.resolve("in2/sales/export.csv"), bomCrlfExport());
        IngestResult apartOnDriver = new Ingestor(spark, MarketlensConfig.defaults().ingest(), storage, messages::add, Ingestor.CHUNK_BYTES)
                .ingest(dir.resolve("in2").toString(), null, 1_000_000L);
        IngestResult apartInTasks = new Ingestor(spark, MarketlensConfig.defaults().ingest(), storage, messages::add, Ingestor.CHUNK_BYTES, 0)
                .ingest(dir.resolve("in2").toString(), null, 1_000_000L);
        assertThat(apartOnDriver.repeatsAcrossFiles()).isEmpty();
        assertThat(apartInTasks.repeatsAcrossFiles()).isEmpty();
        assertThat(rows(apartInTasks)).isEqualTo(rows(apartOnDriver));
        assertThat(apartInTasks.files()).isEqualTo(apartOnDriver.files())
                .extracting(f -> f.rowsAccepted() + "+" + f.rowsQuarantined() + " " + f.reasons())
                .containsExactlyInAnyOrder("3+3 {bad_number:unit_price=1, duplicate_key=1, malformed_row=1}",
                        "2+2 {duplicate_key=1, fx_rate_missing=1}");
    }

    @Test
    void aFileCutIntoChunksGivesTheRowsAndTheQuarantineOfOneTask() {
        Files2.writeBytes(dir.resolve("in/sales/export.csv"), bomCrlfExport());
        // chunks of 35 bytes: records start at 117, 187, 258 (the target 222 is the CR inside line 3's quoted
        // category, so the chunk runs on to the end of line 4), 317 (a blank line), 364 and 434
        Rows chunked = rows(dir.resolve("in"), MarketlensConfig.defaults(), 35);
        assertThat(messages).anyMatch(m -> m.contains("export.csv (501 B): 7 chunks of about 35 B, parsed in parallel"));
        Rows oneTask = rows(dir.resolve("in"), MarketlensConfig.defaults(), Ingestor.CHUNK_BYTES);

        assertThat(chunked.accepted()).isEqualTo(oneTask.accepted());
        assertThat(chunked.quarantine()).isEqualTo(oneTask.quarantine());
        assertThat(chunked.accepted()).extracting(x -> x.<Long>getAs("_line") + " " + x.getAs("category"))
                .containsExactly("2 Kitchen", "3 Kitchen,\r\nDining", "9 Toys \"Deluxe\"");
        String file = dir.resolve("in/sales/export.csv").toString();
        assertThat(chunked.quarantine()).containsExactly(
                file + " | 5 | bad_number:unit_price | 'abc' is not a number | o3,1,2024-01-06,amazon,US,Kitchen,s1,p3,abc,1,USD,shipped",
                file + " | 7 | malformed_row | expected 12 fields, found 10 | o4,1,2024-01-06,amazon,US,Kitchen,s2,p4,5,1",
                file + " | 8 | duplicate_key | same platform, order_id, line_id as line 2 | o1,1,2024-01-05 10:00:00,amazon,US,Kitchen,s1,p1,10.50,2,USD,shipped");
    }

    @Test
    void gb18030IsCutAtCommasButReadByOneTaskWhenPipesDelimitIt() {
        MarketlensConfig config = gb18030WithChineseHeaders();
        String text = "订单号,下单时间,平台,站点,类目,店铺,商品编码,标题,单价,数量,币种\n"
                + "g1,2024-03-01 08:00:00,Shopee,SG,家居厨房>收纳,店铺A,SKU-1,\"硅胶折叠收纳盒\n两件装\",12.80,3,USD\n" // lines 2-3 ok
                + "g2,2024-03-01 09:00:00,Shopee,SG,家居厨房>收纳,店铺A,SKU-2,收纳袋,十二,1,USD\n"             // 4 bad_number
                + "g1,2024-03-01 08:00:00,Shopee,SG,家居厨房>收纳,店铺A,SKU-1,硅胶折叠收纳盒,12.80,3,USD\n"    // 5 duplicate of 2
                + "g3,2024-03-02 10:00:00,Shopee,SG,家居厨房>收纳,店铺B,SKU-3,亅形挂钩,2.50,10,USD\n";        // 6 ok
        Path commas = Files2.write(dir.resolve("commas/sales/export.csv"), text, Charset.forName("GB18030"));
        Path pipes = Files2.write(dir.resolve("pipes/sales/export.csv"), text.replace(',', '|'), Charset.forName("GB18030"));

        // every record is longer than 16 bytes, so each is a chunk: the header, lines 2-3, 4, 5 and 6
        Rows chunked = rows(dir.resolve("commas"), config, 16);
        assertThat(messages).anyMatch(m -> m.contains(commas + " (") && m.contains("5 chunks of about 16 B"));
        Rows oneTask = rows(dir.resolve("commas"), config, Ingestor.CHUNK_BYTES);
        assertThat(chunked).isEqualTo(oneTask);
        assertThat(chunked.accepted()).extracting(x -> x.<Long>getAs("_line") + " " + x.getAs("title"))
                .containsExactly("2 硅胶折叠收纳盒\n两件装", "6 亅形挂钩");
        assertThat(chunked.quarantine()).extracting(q -> q.split(" \\| ")[1] + " " + q.split(" \\| ")[2] + " " + q.split(" \\| ")[3])
                .containsExactly("4 bad_number:unit_price '十二' is not a number",
                        "5 duplicate_key same platform, order_id, line_id as line 2");

        // 亅 is 81 7C in GB18030, and 7C is '|': cutting at '|' bytes could cut a character, so one task reads it
        Rows piped = rows(dir.resolve("pipes"), config, 16);
        assertThat(messages).anyMatch(m -> m.contains(pipes + " (") && m.endsWith(
                "parsed by one task, since in GB18030 the byte of its delimiter '|' also occurs inside characters"));
        assertThat(piped.accepted()).extracting(x -> x.<Long>getAs("_line") + " " + x.getAs("title"))
                .containsExactly("2 硅胶折叠收纳盒\n两件装", "6 亅形挂钩");
        assertThat(piped.quarantine()).hasSize(2);
    }
}
