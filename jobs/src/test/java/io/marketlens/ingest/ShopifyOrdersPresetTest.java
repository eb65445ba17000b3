package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.io.Storage;
import io.marketlens.testing.Files2;
import io.marketlens.testing.OlistExport;
import io.marketlens.testing.SparkTestSession;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Shopify orders exports ({@code ../shared/datasets/exports/shopify-orders}) read with the preset their header
 * selects, against what the file says read here line by line with commons-csv, not through the preset. The rules, as the
 * preset documents them: a line belongs to the order named in {@code Name}; an empty Currency, country or status on a
 * later line of an order is the order's (from its latest line that has one); the status is {@code cancelled} when
 * {@code Cancelled at} has a date, else the Financial Status ({@code refunded} read as {@code returned}), else the
 * Fulfillment Status; the marketplace is the Shipping Country, else the Billing Country. A line is accepted when it has
 * its order number, Created at, a country, a product (Lineitem sku, else Lineitem name), a price, a quantity ≥ 1 and a
 * currency (a cancelled line may lack the price, the currency and the quantity) and is the first line of its order with
 * that product; every currency other than the base gets an FX rate on every day of the file, written by the test.
 */
class ShopifyOrdersPresetTest {

    private static final String FOLDER = "exports/shopify-orders";
    private static final DateTimeFormatter SHOPIFY_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx", Locale.ROOT);

    @TempDir
    Path tmp;

    private final SparkSession spark = SparkTestSession.get();
    private final List<String> messages = new ArrayList<>();

    /** What a file says: lines, accepted lines, cancelled ones, Σ price × quantity of the accepted per currency. */
    record Expected(long lines, long accepted, long cancelled, Map<String, BigDecimal> amounts, Set<String> marketplaces,
                    Set<String> currencies, LocalDate firstDay, LocalDate lastDay) {
    }

    static Expected expected(Path file) throws IOException {
        long lines = 0;
        long accepted = 0;
        long cancelled = 0;
        Map<String, BigDecimal> amounts = new TreeMap<>();
        Set<String> marketplaces = new TreeSet<>();
        Set<String> currencies = new TreeSet<>();
        Set<String> keys = new HashSet<>();
        LocalDate first = null;
        LocalDate last = null;
        String order = null;
        String currency = "";
        String country = "";
        String status = "";
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                lines++;
                String name = rec.get("Name").strip();
                String lineCurrency = rec.get("Currency").strip();
                String lineCountry = rec.get("Shipping Country").isBlank() ? rec.get("Billing Country").strip()
                        : rec.get("Shipping Country").strip();
                String lineStatus = !rec.get("Cancelled at").isBlank() ? "cancelled"
                        : !rec.get("Financial Status").isBlank() ? rec.get("Financial Status").strip().toLowerCase(Locale.ROOT)
                        : rec.get("Fulfillment Status").strip().toLowerCase(Locale.ROOT);
                lineStatus = lineStatus.equals("refunded") ? "returned" : lineStatus;
                boolean sameOrder = !name.isEmpty() && name.equals(order);
                order = name;
                currency = lineCurrency.isEmpty() && sameOrder ? currency : lineCurrency;
                country = lineCountry.isEmpty() && sameOrder ? country : lineCountry;
                status = lineStatus.isEmpty() && sameOrder ? status : lineStatus;

                String created = rec.get("Created at").strip();
                String product = rec.get("Lineitem sku").isBlank() ? rec.get("Lineitem name").strip() : rec.get("Lineitem sku").strip();
                String price = rec.get("Lineitem price").strip();
                String qty = rec.get("Lineitem quantity").strip();
                boolean isCancelled = status.equals("cancelled");
                boolean priced = !price.isEmpty() && !qty.isEmpty() && Long.parseLong(qty) >= 1 && !currency.isEmpty();
                if (name.isEmpty() || created.isEmpty() || country.isEmpty() || product.isEmpty() || !(priced || isCancelled && price.isEmpty())
                        || !keys.add(name + "\u0000" + product)) {
                    continue;
                }
                accepted++;
                cancelled += isCancelled ? 1 : 0;
                marketplaces.add(country);
                if (priced) {
                    currencies.add(currency);
                    amounts.merge(currency, new BigDecimal(price).multiply(new BigDecimal(qty)), BigDecimal::add);
                }
                LocalDate day = OffsetDateTime.parse(created, SHOPIFY_TS).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
                first = first == null || day.isBefore(first) ? day : first;
                last = last == null || day.isAfter(last) ? day : last;
            }
        }
        return new Expected(lines, accepted, cancelled, amounts, marketplaces, currencies, first, last);
    }

    /** An fx_rates file with a rate for each currency but the base on every day from {@code from} to {@code to}. */
    static void writeRates(Path file, Set<String> currencies, String base, LocalDate from, LocalDate to) {
        StringBuilder text = new StringBuilder("date,currency,rate_to_base\n");
        for (String c : currencies) {
            if (!c.equals(base)) {
                for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                    text.append(d).append(',').append(c).append(",2.5\n");
                }
            }
        }
        Files2.write(file, text.toString());
    }

    private IngestResult ingest(Path input, MarketlensConfig config, long chunkBytes, long localBytes) {
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        return new Ingestor(spark, config.ingest(), storage, messages::add, chunkBytes, localBytes).ingest(input.toString(), null, 1L);
    }

    @ParameterizedTest
    @CsvSource({"orders_export_tr.csv, TRY, 818", "orders_export_devstore.csv, EUR, 40"})
    void aShopifyExportIsReadWithItsPresetAndEveryLineIsAccountedFor(String fileName, String base, long lines) throws IOException {
        Optional<Path> real = OlistExport.locate(FOLDER).map(p -> p.resolve(fileName)).filter(Files::isRegularFile);
        Assumptions.assumeTrue(real.isPresent(), "../shared/datasets/" + FOLDER + "/" + fileName + " is absent; skipping the real-export test");
        Expected want = expected(real.get());
        Path in = tmp.resolve("in");
        Files.createDirectories(in.resolve("sales"));
        Files.copy(real.get(), in.resolve("sales").resolve(fileName));
        writeRates(in.resolve("fx_rates/rates.csv"), want.currencies(), base, want.firstDay().minusDays(1), want.lastDay());
        MarketlensConfig config = new MarketlensConfig(base, null, null, null, null, null, null, Map.of());

        HeaderMapping mapping;
        try (CsvFileReader reader = CsvFileReader.open(Files.newInputStream(real.get()), fileName, Source.SALES, SourceOptions.defaults())) {
            mapping = HeaderMapping.resolve(Source.SALES, SourceOptions.defaults(), reader.header(), fileName);
        }
        assertThat(mapping.preset()).map(m -> m.preset().name()).contains("shopify-orders");
        assertThat(mapping.carries()).isTrue();

        IngestResult r = ingest(in, config, Ingestor.CHUNK_BYTES, 0);
        try {
            FileStats stats = r.files().stream().filter(f -> f.file().endsWith(fileName)).findFirst().orElseThrow();
            assertThat(stats.rowsRead()).isEqualTo(want.lines()).isEqualTo(lines);
            assertThat(stats.rowsRead()).isEqualTo(stats.rowsAccepted() + stats.rowsQuarantined());
            assertThat(stats.rowsAccepted()).isEqualTo(want.accepted()).isPositive();
            List<Row> rows = r.accepted().get(Source.SALES).collectAsList();
            Map<String, BigDecimal> amounts = new TreeMap<>();
            long cancelled = 0;
            Set<String> marketplaces = new TreeSet<>();
            for (Row row : rows) {
                cancelled += "cancelled".equals(row.getAs("status")) ? 1 : 0;
                marketplaces.add(row.getAs("marketplace"));
                BigDecimal price = row.getAs("unit_price");
                if (price != null) {
                    amounts.merge(row.getAs("currency"), price.multiply(BigDecimal.valueOf(row.<Long>getAs("quantity"))),
                            BigDecimal::add);
                }
            }
            assertThat(cancelled).isEqualTo(want.cancelled());
            assertThat(amounts.keySet()).isEqualTo(want.amounts().keySet());
            want.amounts().forEach((c, a) -> assertThat(amounts.get(c)).as(c).isEqualByComparingTo(a));
            assertThat(marketplaces).isEqualTo(want.marketplaces());
            assertThat(rows).allSatisfy(row -> {
                assertThat(row.<String>getAs("platform")).isEqualTo("shopify");
                assertThat(row.<String>getAs("seller_id")).isEqualTo("own-store");
                assertThat(row.<String>getAs("order_id")).startsWith("#");
            });
        } finally {
            r.release().run();
        }
    }

    static final String HEADER = "Name,Email,Financial Status,Fulfillment Status,Currency,Created at,Lineitem quantity,"
            + "Lineitem name,Lineitem price,Lineitem sku,Shipping Country,Billing Country,Cancelled at,Vendor\n";
    static final String[] COUNTRIES = {"TR", "DE", "FR"};

    /** Order {@code i}: its currency, country and status, as every one of its lines should read them. */
    static String orderFields(int i) {
        String status = i % 7 == 0 ? "cancelled" : i % 5 == 0 ? "returned" : "paid";
        return (i % 4 == 0 ? "USD" : "TRY") + " " + COUNTRIES[i % 3] + " " + status;
    }

    /** 400 orders of one to three lines; the order's fields on its first line only, as Shopify writes them. */
    static String synthetic() {
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = 1; i <= 400; i++) {
            String[] f = orderFields(i).split(" ");
            String financial = f[2].equals("returned") ? "refunded" : "paid";
            String cancelledAt = f[2].equals("cancelled") ? "2025-03-02 09:00:00 +0300" : "";
            for (int line = 1; line <= 1 + i % 3; line++) {
                String ts = "2025-03-01 1" + (line % 10) + ":00:00 +0300";
                text.append(line == 1
                        ? String.format(Locale.ROOT, "#%d,a@b.c,%s,unfulfilled,%s,%s,1,Item %d,10.00,,%s,,%s,Acme%n", 1000 + i,
                                financial, f[0], ts, line, f[1], cancelledAt)
                        : String.format(Locale.ROOT, "#%d,,,,,%s,2,Item %d,5.50,SKU-%d,,,,Acme%n", 1000 + i, ts, line, line));
            }
        }
        return text.toString();
    }

    @Test
    void aFileThatCarriesValuesDownIsReadByOneTaskHoweverBigAndEveryLineGetsItsOrdersFields() {
        Path in = tmp.resolve("in");
        String text = synthetic();
        Files2.write(in.resolve("sales/orders_export.csv"), text);
        Files2.write(in.resolve("fx_rates/rates.csv"), "date,currency,rate_to_base\n2025-03-01,USD,38.5\n");
        MarketlensConfig config = new MarketlensConfig("TRY", null, null, null, null, null, null, Map.of());
        long chunk = 2048;
        assertThat(text.length()).isGreaterThan(10 * (int) chunk);

        IngestResult r = ingest(in, config, chunk, 0);
        try {
            assertThat(messages).anyMatch(m -> m.contains("orders_export.csv") && m.contains("parsed by one task, since its rows"
                    + " carry an order's values down from its first line (preset shopify-orders)"));
            FileStats stats = r.files().stream().filter(f -> f.file().endsWith("orders_export.csv")).findFirst().orElseThrow();
            long lines = text.lines().count() - 1;
            assertThat(stats.rowsRead()).isEqualTo(lines);
            assertThat(stats.rowsAccepted()).isEqualTo(lines);
            Map<String, String> byLine = new LinkedHashMap<>();
            for (Row row : r.accepted().get(Source.SALES).collectAsList()) {
                int order = Integer.parseInt(row.<String>getAs("order_id").substring(1)) - 1000;
                String got = row.getAs("currency") + " " + row.getAs("marketplace") + " " + row.getAs("status");
                byLine.put(row.getAs("order_id") + "/" + row.getAs("product_id"), got);
                assertThat(got).as(row.getAs("order_id") + " " + row.getAs("product_id")).isEqualTo(orderFields(order));
            }
            assertThat(byLine).hasSize((int) lines);
        } finally {
            r.release().run();
        }

        // the same file read without carrying (its preset off, the plain columns mapped) is cut into chunks of that size
        Map<String, ColumnRule> plain = new LinkedHashMap<>();
        Map.of("order_id", "Name", "order_ts", "Created at", "marketplace", "Shipping Country", "category", "Vendor",
                "product_id", "Lineitem name", "unit_price", "Lineitem price", "quantity", "Lineitem quantity",
                "currency", "Currency", "seller_id", "Vendor").forEach((k, v) -> plain.put(k, ColumnRule.from(v)));
        plain.put("platform", ColumnRule.of(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("value", "shopify")));
        MarketlensConfig off = new MarketlensConfig("TRY", null, null, null, null, null, null,
                Map.of("sales", new SourceOptions(null, null, null, null, null, plain, Presets.NONE, null, null)));
        messages.clear();
        IngestResult split = ingest(in, off, chunk, 0);
        try {
            assertThat(messages).anyMatch(m -> m.contains("orders_export.csv") && m.contains("chunks of about 2 KiB"));
            // without carrying, an order's later lines lack its currency and country
            assertThat(split.files().stream().filter(f -> f.file().endsWith("orders_export.csv")).findFirst().orElseThrow()
                    .rowsQuarantined()).isPositive();
        } finally {
            split.release().run();
        }
    }
}
