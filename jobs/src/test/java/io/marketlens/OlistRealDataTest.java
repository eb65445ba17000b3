package io.marketlens;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.cli.MarketlensCli;
import io.marketlens.ingest.Source;
import io.marketlens.io.Storage;
import io.marketlens.tables.RunManifest;
import io.marketlens.tables.Tables;
import io.marketlens.testing.OlistExport;
import io.marketlens.testing.PdfLayout;
import io.marketlens.testing.StdStreams;
import io.marketlens.testing.SparkTestSession;
import io.marketlens.testing.WarehouseFiles;
import io.marketlens.warehouse.Warehouse;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on real data: the Olist 2017 subset ({@code shared/datasets/olist-2017-subset}), converted to canonical
 * sales and logistics exports by {@link OlistExport}, with a known handful of broken lines planted in the sales file
 * at known positions. The expected accounting is computed here, independently, from the raw Olist files (not from the
 * converter's output, not from the pipeline). The pipeline runs twice on the same input: the second run must find
 * every file already ingested and change nothing. Skipped when the data set is absent.
 */
class OlistRealDataTest {

    private static final DateTimeFormatter OLIST_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final CSVFormat RAW_CSV = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

    @TempDir
    static Path tmp;

    static Path in;
    static Path out;
    static Path salesFile;
    static Path logisticsFile;
    static List<String> salesLines;
    static List<String> logisticsLines;
    static Expected expected;
    static List<Broken> broken;
    static long duplicatedOriginalLine;

    static int firstExit;
    static int secondExit;
    static RunManifest first;
    static RunManifest second;
    static List<Map<String, String>> salesQuarantine;
    static List<Map<String, String>> logisticsQuarantine;
    static byte[] salesQuarantineBytes;
    static byte[] salesQuarantineBytesAfterRerun;
    static Map<String, Object> warehouseAfterFirst;
    static Map<String, Object> warehouseAfterSecond;

    /** A planted broken line: where it is (1-based physical line), its text and the reason it must get. */
    record Broken(long line, String text, String reason) {
    }

    @BeforeAll
    static void convertPlantAndRunTwice() throws Exception {
        Path olist = OlistExport.locate().orElse(null);
        Assumptions.assumeTrue(olist != null, "shared/datasets/" + OlistExport.DATASET + " is absent; skipping the real-data test");

        expected = Expected.from(olist);
        in = tmp.resolve("in");
        out = tmp.resolve("out");
        Path config = OlistExport.writeConfig(tmp.resolve("olist.yaml"));
        OlistExport export = OlistExport.load(olist);
        salesFile = export.writeSales(in);
        logisticsFile = export.writeLogistics(in);
        plantBrokenLines();
        salesLines = Files.readAllLines(salesFile, StandardCharsets.UTF_8);
        logisticsLines = Files.readAllLines(logisticsFile, StandardCharsets.UTF_8);

        String[] args = {"run", "--input", in.toString(), "--output", out.toString(), "--config", config.toString()};
        long t0 = System.nanoTime();
        firstExit = MarketlensCli.execute(args);
        long t1 = System.nanoTime();
        Path runDir = out.resolve(expected.asOf.toString());
        assertThat(runDir.resolve("manifest.json"))
                .as("run folder named after the last date in the accepted data; output has %s", list(out))
                .isRegularFile();
        first = RunManifest.fromJson(Files.readString(runDir.resolve("manifest.json")));
        salesQuarantineBytes = Files.readAllBytes(runDir.resolve("quarantine/sales.csv"));
        salesQuarantine = readQuarantine(runDir.resolve("quarantine/sales.csv"));
        logisticsQuarantine = readQuarantine(runDir.resolve("quarantine/logistics.csv"));
        warehouseAfterFirst = warehouseFigures(out.resolve("warehouse"), tmp.resolve("export-1"));

        long t2 = System.nanoTime();
        secondExit = MarketlensCli.execute(args);
        long t3 = System.nanoTime();
        second = RunManifest.fromJson(Files.readString(runDir.resolve("manifest.json")));
        salesQuarantineBytesAfterRerun = Files.readAllBytes(runDir.resolve("quarantine/sales.csv"));
        warehouseAfterSecond = warehouseFigures(out.resolve("warehouse"), tmp.resolve("export-2"));
        System.err.printf("OlistRealDataTest: first run %.1f s, second run %.1f s; as_of %s; planted %s (copy of line %d)%n",
                (t1 - t0) / 1e9, (t3 - t2) / 1e9, expected.asOf,
                broken.stream().map(b -> b.line() + "=" + b.reason()).toList(), duplicatedOriginalLine);
    }

    /**
     * Inserts the broken lines into the converted sales file at fixed positions (after N original data rows),
     * recording the physical line each one ends up on.
     */
    private static void plantBrokenLines() throws IOException {
        List<String> lines = Files.readAllLines(salesFile, StandardCharsets.UTF_8);
        assertThat(lines).as("header + one line per order item (no Olist value holds a line break)")
                .hasSize(1 + expected.items.size());
        List<String> header = fields(lines.get(0));
        int category = header.indexOf("category");
        // a template: the first line whose product has a category (decided from the raw products, not the export)
        int templateRow = firstRowWithCategory(0);
        List<String> template = fields(lines.get(1 + templateRow));
        int dupRow = firstRowWithCategory(6000);
        assertThat(fields(lines.get(1 + dupRow)).get(category)).isNotEmpty();

        Map<Integer, List<String[]>> after = new TreeMap<>(); // original data rows before it → [text, reason]
        after.computeIfAbsent(0, k -> new ArrayList<>()).add(new String[]{
                line(with(template, header, "order_id", "zz-malformed-row").subList(0, 12)), "malformed_row"});
        after.computeIfAbsent(1000, k -> new ArrayList<>()).add(new String[]{
                line(with(template, header, "order_id", "zz-bad-price", "unit_price", "abc")), "bad_number:unit_price"});
        after.computeIfAbsent(3000, k -> new ArrayList<>()).add(new String[]{
                line(with(template, header, "order_id", "zz-negative-price", "unit_price", "-5.00")), "negative:unit_price"});
        after.computeIfAbsent(5000, k -> new ArrayList<>()).add(new String[]{
                line(with(template, header, "order_id", "zz-bad-date", "order_ts", "2017-02-30 10:00:00")), "bad_date:order_ts"});
        after.computeIfAbsent(8000, k -> new ArrayList<>()).add(new String[]{lines.get(1 + dupRow), "duplicate_key"});
        after.computeIfAbsent(10000, k -> new ArrayList<>()).add(new String[]{
                line(with(template, header, "order_id", "zz-unknown-currency", "currency", "XYZ")), "fx_rate_missing"});
        after.computeIfAbsent(expected.items.size(), k -> new ArrayList<>()).add(new String[]{
                line(with(template, header, "order_id", "zz-zero-quantity", "quantity", "0")), "out_of_range:quantity"});

        List<String> result = new ArrayList<>();
        List<Broken> planted = new ArrayList<>();
        result.add(lines.get(0));
        for (int row = 0; row <= expected.items.size(); row++) {
            for (String[] b : after.getOrDefault(row, List.of())) {
                result.add(b[0]);
                planted.add(new Broken(result.size(), b[0], b[1]));
            }
            if (row < expected.items.size()) {
                result.add(lines.get(1 + row));
                if (row == dupRow) {
                    duplicatedOriginalLine = result.size();
                }
            }
        }
        broken = List.copyOf(planted);
        Files.writeString(salesFile, String.join("\n", result) + "\n", StandardCharsets.UTF_8);
    }

    private static int firstRowWithCategory(int from) {
        for (int r = from; r < expected.items.size(); r++) {
            if (!expected.noCategory.contains(expected.items.get(r).key())) {
                return r;
            }
        }
        throw new IllegalStateException("no item with a category after row " + from);
    }

    // ---------------------------------------------------------------- sales

    @Test
    void salesAccountingMatchesTheRawDataPlusThePlantedLines() {
        RunManifest.Input sales = single(first, "sales");
        Map<String, Long> reasons = new TreeMap<>();
        broken.forEach(b -> reasons.merge(b.reason(), 1L, Long::sum));
        reasons.put("missing_required:category", (long) expected.noCategory.size());
        long read = expected.items.size() + broken.size();
        long quarantined = reasons.values().stream().mapToLong(Long::longValue).sum();

        assertThat(sales.file()).endsWith("/sales/" + OlistExport.FILE_NAME);
        assertThat(sales.rowsRead()).isEqualTo(read);
        assertThat(sales.reasons()).isEqualTo(reasons);
        assertThat(sales.rowsQuarantined()).isEqualTo(quarantined);
        assertThat(sales.rowsAccepted()).isEqualTo(read - quarantined)
                .isEqualTo(expected.items.size() - expected.noCategory.size());
        assertThat(sales.previouslyIngested()).isFalse();
        assertThat(first.baseCurrency()).isEqualTo(OlistExport.CURRENCY);
        assertThat(first.inputs()).extracting(RunManifest.Input::source).containsExactly("logistics", "sales");
        long allRead = first.inputs().stream().mapToLong(RunManifest.Input::rowsRead).sum();
        long allQuarantined = first.inputs().stream().mapToLong(RunManifest.Input::rowsQuarantined).sum();
        assertThat(firstExit).as("exit code for a quarantine ratio of %d/%d", allQuarantined, allRead)
                .isEqualTo((double) allQuarantined / allRead > 0.05 ? 3 : 0);
    }

    @Test
    void eachPlantedLineIsQuarantinedWithItsLineNumberAndReason() {
        assertThat(salesQuarantineBytes).startsWith(0xEF, 0xBB, 0xBF);
        for (Broken b : broken) {
            List<Map<String, String>> at = salesQuarantine.stream()
                    .filter(q -> Long.parseLong(q.get("line")) == b.line()).toList();
            assertThat(at).as("quarantine rows at line %d (%s)", b.line(), b.reason()).hasSize(1);
            assertThat(at.get(0).get("reason")).as("reason at line %d", b.line()).isEqualTo(b.reason());
            assertThat(at.get(0).get("raw")).as("raw at line %d", b.line()).isEqualTo(b.text());
            assertThat(at.get(0).get("file")).isEqualTo(single(first, "sales").file());
        }
        Broken dup = broken.stream().filter(b -> b.reason().equals("duplicate_key")).findFirst().orElseThrow();
        assertThat(dup.line()).isGreaterThan(duplicatedOriginalLine);
        assertThat(salesQuarantine.stream().filter(q -> Long.parseLong(q.get("line")) == dup.line()).findFirst().orElseThrow()
                .get("details")).endsWith("as line " + duplicatedOriginalLine);
        assertThat(salesQuarantine).as("the earlier copy of the duplicated line is accepted")
                .noneMatch(q -> Long.parseLong(q.get("line")) == duplicatedOriginalLine);
    }

    @Test
    void salesQuarantineHoldsExactlyTheItemsWithoutCategoryAndThePlantedLines() {
        assertThat(salesQuarantine).hasSize((int) single(first, "sales").rowsQuarantined());
        for (Map<String, String> q : salesQuarantine) {
            int line = Integer.parseInt(q.get("line"));
            assertThat(unneutralised(q.get("raw"))).as("raw of line %d is that line of the file", line)
                    .isEqualTo(salesLines.get(line - 1));
        }
        Set<String> uncategorised = salesQuarantine.stream()
                .filter(q -> q.get("reason").equals("missing_required:category"))
                .map(q -> fields(q.get("raw")))
                .map(f -> f.get(0) + "/" + f.get(1))
                .collect(Collectors.toSet());
        assertThat(uncategorised).isEqualTo(expected.noCategory);
        assertThat(salesQuarantine).extracting(q -> q.get("reason"))
                .containsOnlyOnceElementsOf(broken.stream().map(Broken::reason).toList());
    }

    // ---------------------------------------------------------------- logistics

    @Test
    void logisticsAccountingMatchesTheRawTimestamps() {
        RunManifest.Input logistics = single(first, "logistics");
        Map<String, Long> reasons = new TreeMap<>();
        expected.shipmentReason.forEach((id, reason) -> reasons.merge(reason, 1L, Long::sum));

        assertThat(logistics.file()).endsWith("/logistics/" + OlistExport.FILE_NAME);
        assertThat(logistics.rowsRead()).isEqualTo(expected.shipments)
                .isEqualTo(logistics.rowsAccepted() + logistics.rowsQuarantined());
        assertThat(logistics.reasons()).isEqualTo(reasons);
        assertThat(logistics.rowsQuarantined()).isEqualTo(expected.shipmentReason.size());
        assertThat(logistics.rowsAccepted()).isEqualTo(expected.shipments - expected.shipmentReason.size());
        assertThat(logistics.previouslyIngested()).isFalse();
    }

    @Test
    void logisticsQuarantineNamesTheShipmentsFoundInTheRawData() {
        assertThat(logisticsQuarantine).hasSize(expected.shipmentReason.size());
        Map<String, String> byShipment = new HashMap<>();
        for (Map<String, String> q : logisticsQuarantine) {
            int line = Integer.parseInt(q.get("line"));
            assertThat(unneutralised(q.get("raw"))).isEqualTo(logisticsLines.get(line - 1));
            byShipment.put(fields(q.get("raw")).get(0), q.get("reason"));
        }
        assertThat(byShipment).isEqualTo(expected.shipmentReason);
    }

    // ---------------------------------------------------------------- warehouse and re-ingest

    @Test
    void warehouseHoldsExactlyTheAcceptedRows() {
        assertThat(warehouseAfterFirst.get("sales_rows")).isEqualTo(single(first, "sales").rowsAccepted());
        assertThat(warehouseAfterFirst.get("sales_keys")).isEqualTo(single(first, "sales").rowsAccepted());
        assertThat(warehouseAfterFirst.get("sales_planted")).isEqualTo(0L);
        assertThat(warehouseAfterFirst.get("sales_quantity_not_1")).isEqualTo(0L);
        assertThat((BigDecimal) warehouseAfterFirst.get("sales_revenue")).isEqualByComparingTo(expected.acceptedPriceSum);
        assertThat(warehouseAfterFirst.get("logistics_rows")).isEqualTo(single(first, "logistics").rowsAccepted());
    }

    @Test
    void reRunningOnTheSameInputChangesNothing() {
        assertThat(secondExit).isEqualTo(firstExit);
        assertThat(second.runId()).isNotEqualTo(first.runId());
        assertThat(second.asOf()).isEqualTo(first.asOf());
        assertThat(second.inputs()).hasSameSizeAs(first.inputs()).allMatch(RunManifest.Input::previouslyIngested);
        assertThat(second.inputs()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("previouslyIngested")
                .containsExactlyElementsOf(first.inputs());
        assertThat(warehouseAfterSecond).isEqualTo(warehouseAfterFirst);
        assertThat(salesQuarantineBytesAfterRerun).isEqualTo(salesQuarantineBytes);
    }

    // ---------------------------------------------------------------- helpers

    // ---- the layout of the real run's report, in English and Chinese (PdfLayout): one test per rule

    private static Path reportPdf() {
        return out.resolve(expected.asOf.toString()).resolve("report.pdf");
    }

    /** The Chinese rendering of the run (made once, beside the run folder). */
    private static Path chinesePdf() {
        Path zh = tmp.resolve("zh/report-zh.pdf");
        if (!Files.exists(zh)) {
            StdStreams.Captured c = StdStreams.capture(() -> MarketlensCli.execute("report", "--run", reportPdf().getParent().toString(),
                    "--lang", "zh", "--out", zh.toString()));
            assertThat(c.exitCode()).as(c.err()).isZero();
        }
        return zh;
    }

    @Test
    void layoutNoPageButTheLastIsMostlyBlank() throws IOException {
        PdfLayout.assertNoMostlyBlankPage("olist en", reportPdf());
        PdfLayout.assertNoMostlyBlankPage("olist zh", chinesePdf());
    }

    @Test
    void layoutNoWordIsBrokenAcrossTheLinesOfATableCell() throws IOException {
        PdfLayout.assertNoBrokenWord("olist en", reportPdf(), reportPdf().resolveSibling("tables"));
        PdfLayout.assertNoBrokenWord("olist zh", chinesePdf(), reportPdf().resolveSibling("tables"));
    }

    @Test
    void layoutNoTextLiesOnChartData() throws IOException {
        PdfLayout.assertNoTextOnChartData("olist en", reportPdf());
        PdfLayout.assertNoTextOnChartData("olist zh", chinesePdf());
    }

    private static RunManifest.Input single(RunManifest m, String source) {
        List<RunManifest.Input> inputs = m.inputs().stream().filter(i -> i.source().equals(source)).toList();
        assertThat(inputs).as("%s inputs in the manifest", source).hasSize(1);
        return inputs.get(0);
    }

    /** Figures computed with DuckDB from the warehouse tables' current rows, independently of Spark. */
    private static Map<String, Object> warehouseFigures(Path warehouse, Path export) throws IOException, SQLException {
        String sales = WarehouseFiles.parquetGlob(warehouse, Source.SALES, export);
        String logistics = WarehouseFiles.parquetGlob(warehouse, Source.LOGISTICS, export);
        Map<String, Object> m = new TreeMap<>();
        m.put("seq", Warehouse.open(SparkTestSession.get(), new Storage(SparkTestSession.get().sparkContext().hadoopConfiguration()),
                warehouse.toString()).seq());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT (order_id, line_id)),"
                    + " count(*) FILTER (WHERE order_id LIKE 'zz-%'), sum(unit_price), count(*) FILTER (WHERE quantity <> 1)"
                    + " FROM read_parquet('" + sales + "')")) {
                r.next();
                m.put("sales_rows", r.getLong(1));
                m.put("sales_keys", r.getLong(2));
                m.put("sales_planted", r.getLong(3));
                m.put("sales_revenue", r.getBigDecimal(4));
                m.put("sales_quantity_not_1", r.getLong(5));
            }
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM read_parquet('" + logistics + "')")) {
                r.next();
                m.put("logistics_rows", r.getLong(1));
            }
        }
        return m;
    }

    private static List<Map<String, String>> readQuarantine(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).as("%s starts with a UTF-8 BOM", file).startsWith("\uFEFF");
        try (CSVParser p = RAW_CSV.parse(new StringReader(text.substring(1)))) {
            assertThat(p.getHeaderNames()).containsExactly("file", "line", "reason", "details", "raw");
            return p.getRecords().stream().map(CSVRecord::toMap).toList();
        }
    }

    /** The quarantine CSV prefixes text starting with = + - @ with an apostrophe (formula injection). */
    private static String unneutralised(String cell) {
        return cell.startsWith("'") && cell.length() > 1 && Tables.FORMULA_FIRST_CHARACTERS.indexOf(cell.charAt(1)) >= 0 ? cell.substring(1) : cell;
    }

    private static List<String> fields(String line) {
        try (CSVParser p = CSVFormat.RFC4180.parse(new StringReader(line))) {
            return p.getRecords().get(0).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String line(List<String> fields) {
        return OlistExport.FORMAT.format(fields.toArray());
    }

    private static List<String> with(List<String> template, List<String> header, String... columnValue) {
        List<String> f = new ArrayList<>(template);
        for (int i = 0; i < columnValue.length; i += 2) {
            f.set(header.indexOf(columnValue[i]), columnValue[i + 1]);
        }
        return f;
    }

    private static String list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList().toString();
        } catch (IOException e) {
            return "(" + e.getMessage() + ")";
        }
    }

    // ---------------------------------------------------------------- the independent expectation

    /** What the pipeline must make of the Olist files, worked out from the raw files alone. */
    static final class Expected {
        record Item(String orderId, String itemId, String productId, BigDecimal price) {
            String key() {
                return orderId + "/" + itemId;
            }
        }

        List<Item> items = new ArrayList<>();
        /** order_id/order_item_id of items whose product has no category. */
        Set<String> noCategory = new HashSet<>();
        BigDecimal acceptedPriceSum = BigDecimal.ZERO;
        /** Orders with a carrier hand-over date. */
        long shipments;
        /** Quarantine reason per shipment (= order) id. */
        Map<String, String> shipmentReason = new HashMap<>();
        LocalDate asOf;

        static Expected from(Path olist) throws IOException {
            Expected e = new Expected();
            Map<String, String[]> products = new HashMap<>(); // id → [category, weight_g]
            for (CSVRecord r : records(olist.resolve("products.csv"))) {
                products.put(r.get("product_id"), new String[]{r.get("product_category_name").strip(), r.get("product_weight_g").strip()});
            }
            Map<String, String> purchase = new HashMap<>();
            List<CSVRecord> orders = records(olist.resolve("orders.csv"));
            orders.forEach(o -> purchase.put(o.get("order_id"), o.get("order_purchase_timestamp")));
            Map<String, List<Item>> itemsByOrder = new HashMap<>();
            LocalDateTime last = LocalDateTime.MIN;
            for (CSVRecord r : records(olist.resolve("order_items.csv"))) {
                Item it = new Item(r.get("order_id"), r.get("order_item_id"), r.get("product_id"), new BigDecimal(r.get("price")));
                e.items.add(it);
                itemsByOrder.computeIfAbsent(it.orderId(), k -> new ArrayList<>()).add(it);
                String[] p = products.get(it.productId());
                if (p == null || p[0].isEmpty()) {
                    e.noCategory.add(it.key());
                } else {
                    e.acceptedPriceSum = e.acceptedPriceSum.add(it.price());
                    LocalDateTime ts = LocalDateTime.parse(purchase.get(it.orderId()), OLIST_TS);
                    last = ts.isAfter(last) ? ts : last;
                }
            }
            assertThat(e.items).as("order items in the subset").hasSize(11_252);
            assertThat(e.items.stream().map(Item::key).distinct().count()).as("(order_id, order_item_id) is unique in Olist")
                    .isEqualTo(e.items.size());

            for (CSVRecord o : orders) {
                String shipText = o.get("order_delivered_carrier_date");
                if (shipText.isEmpty()) {
                    continue;
                }
                e.shipments++;
                LocalDateTime ship = LocalDateTime.parse(shipText, OLIST_TS);
                String deliveredText = o.get("order_delivered_customer_date");
                LocalDateTime delivered = deliveredText.isEmpty() ? null : LocalDateTime.parse(deliveredText, OLIST_TS);
                LocalDateTime promised = LocalDateTime.parse(o.get("order_estimated_delivery_date"), OLIST_TS);
                List<Item> its = itemsByOrder.getOrDefault(o.get("order_id"), List.of());
                boolean weightKnown = !its.isEmpty() && its.stream().noneMatch(i -> products.get(i.productId())[1].isEmpty());
                boolean zeroWeight = weightKnown && its.stream().allMatch(i -> new BigDecimal(products.get(i.productId())[1]).signum() == 0);
                // first problem: per-column checks (weight) come before the rules spanning columns
                String reason = null;
                if (zeroWeight) {
                    reason = "out_of_range:weight_kg";
                } else if (delivered == null && o.get("order_status").equals("delivered")) {
                    reason = "missing_required:delivered_ts";
                } else if (delivered != null && delivered.isBefore(ship)) {
                    reason = "out_of_range:delivered_ts";
                }
                // a promise that fell before the hand-over is a late shipment, accepted as it is
                assertThat(promised).isNotNull();
                if (reason != null) {
                    e.shipmentReason.put(o.get("order_id"), reason);
                } else if (ship.isAfter(last)) {
                    last = ship;
                }
            }
            e.asOf = last.toLocalDate();
            return e;
        }

        private static List<CSVRecord> records(Path file) throws IOException {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser p = RAW_CSV.parse(r)) {
                return p.getRecords();
            }
        }
    }
}
