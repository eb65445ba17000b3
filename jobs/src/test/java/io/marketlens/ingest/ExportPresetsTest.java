package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.testing.OlistExport;
import io.marketlens.testing.SparkTestSession;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports read with the preset their header selects: the real Helium 10 Xray and Amazon Shipping files of
 * {@code ../shared/datasets/exports} (skipped where that folder is absent), each against what the file says read here
 * with commons-csv, not through the preset; and an Amazon "All Orders" flat file written here in the layout Amazon
 * documents, whose every figure is checked by hand.
 */
public class ExportPresetsTest {

    @TempDir
    Path tmp;

    private final SparkSession spark = SparkTestSession.get();

    private static Path real(String folder, String file) {
        Optional<Path> p = OlistExport.locate("exports/" + folder).map(d -> d.resolve(file)).filter(Files::isRegularFile);
        Assumptions.assumeTrue(p.isPresent(), "../shared/datasets/exports/" + folder + " is absent; skipping the real-export test");
        return p.get();
    }

    private static List<CSVRecord> records(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    /** Ingests {@code file} as the only file of {@code source}; hands its stats and accepted rows to {@code check}. */
    private void ingest(Source source, Path file, MarketlensConfig config, Consumer<Ingested> check) throws IOException {
        ExportFiles.ingestAlone(spark, tmp, source, file, config, r -> check.accept(new Ingested(r.files().get(0),
                r.accepted().get(source).collectAsList(),
                r.quarantine().collectAsList().stream().map(q -> q.<String>getAs("reason")).toList())));
    }

    record Ingested(FileStats stats, List<Row> rows, List<String> reasons) {
    }

    private static String preset(Source source, Path file) throws IOException {
        return ExportFiles.presetOf(source, file);
    }

    /** "6 892" → 6892, "69,95" → 69.95: the European forms of the Xray export, read by hand. */
    private static BigDecimal european(String text) {
        return new BigDecimal(text.replaceAll("[\\s\u00A0\u202F\u2009]", "").replace(',', '.'));
    }

    @Test
    void heliumTenXrayBecomesCompetitorSnapshotsOfItsFilesDate() throws IOException {
        Path file = real("helium10-xray", "Helium_10_Xray_2026-08-21.csv");
        List<CSVRecord> raw = records(file);
        // a search page can list a listing twice (organic and again further down): the same snapshot, counted once
        long units = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        Set<String> sellers = new HashSet<>();
        Set<String> listings = new HashSet<>();
        for (CSVRecord rec : raw) {
            if (!listings.add(rec.get("ASIN") + "|" + rec.get("Seller"))) {
                continue;
            }
            long u = european(rec.get("ASIN Sales")).longValueExact();
            units += u;
            revenue = revenue.add(european(rec.get("Price  USD")).multiply(BigDecimal.valueOf(u)));
            sellers.add(rec.get("Seller"));
        }
        long wantUnits = units;
        BigDecimal wantRevenue = revenue;
        assertThat(preset(Source.COMPETITORS, file)).isEqualTo("helium10-xray");

        ingest(Source.COMPETITORS, file, new MarketlensConfig("USD", null, null, null, null, null, null, Map.of()), got -> {
            assertThat(got.stats().rowsRead()).isEqualTo(raw.size()).isEqualTo(70);
            assertThat(got.stats().rowsAccepted()).isEqualTo(listings.size()).isEqualTo(65);
            assertThat(got.reasons()).hasSize(5).containsOnly("duplicate_key");
            long gotUnits = 0;
            BigDecimal gotRevenue = BigDecimal.ZERO;
            Set<String> gotSellers = new HashSet<>();
            for (Row r : got.rows()) {
                gotUnits += r.<Long>getAs("est_units");
                gotRevenue = gotRevenue.add(r.<BigDecimal>getAs("price").multiply(BigDecimal.valueOf(r.<Long>getAs("est_units"))));
                gotSellers.add(r.getAs("seller_id"));
                assertThat(r.<LocalDate>getAs("snapshot_date")).isEqualTo(LocalDate.of(2026, 8, 21));
                assertThat(r.<String>getAs("marketplace")).isEqualTo("US");
            }
            assertThat(gotUnits).isEqualTo(wantUnits);
            assertThat(gotRevenue).isEqualByComparingTo(wantRevenue);
            assertThat(gotSellers).isEqualTo(sellers);
            // the first listing, by hand: B0751CBXBT, KILMAT, 69,95 USD, 2 889 a month, 4,8 stars from 26 511, since Aug 22, 2017
            Row kilmat = got.rows().stream().filter(r -> "B0751CBXBT".equals(r.getAs("product_id"))).findFirst().orElseThrow();
            assertThat(kilmat.<BigDecimal>getAs("price")).isEqualByComparingTo("69.95");
            assertThat(kilmat.<Long>getAs("est_units")).isEqualTo(2_889L);
            assertThat(kilmat.<Double>getAs("rating")).isEqualTo(4.8);
            assertThat(kilmat.<Long>getAs("review_count")).isEqualTo(26_511L);
            assertThat(kilmat.<LocalDate>getAs("launch_date")).isEqualTo(LocalDate.of(2017, 8, 22));
            assertThat(kilmat.<String>getAs("brand")).isEqualTo("KILMAT");
        });
    }

    @Test
    void amazonShippingBecomesShipmentsInUtcAndACancelledPickupIsQuarantined() throws IOException {
        Path file = real("amazon-shipping", "shipments.csv");
        List<CSVRecord> raw = records(file);
        DateTimeFormatter f = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
        long cancelledPickups = raw.stream().filter(r -> r.get("Order status").equals("PICKUP_CANCELLED")).count();
        long delivered = raw.stream().filter(r -> r.get("Order status").equals("DELIVERED")).count();
        BigDecimal cost = raw.stream().filter(r -> !r.get("Order status").equals("PICKUP_CANCELLED"))
                .map(r -> new BigDecimal(r.get("Label Cost(GBP)"))).reduce(BigDecimal.ZERO, BigDecimal::add);
        CSVRecord first = raw.get(0);
        Instant firstShip = LocalDateTime.parse(first.get("Label Creation Date").replace(" (UTC)", ""), f).toInstant(ZoneOffset.UTC);
        assertThat(preset(Source.LOGISTICS, file)).isEqualTo("amazon-shipping");

        // the run's zone is Shanghai: "(UTC)" in the text still means UTC
        ingest(Source.LOGISTICS, file, new MarketlensConfig("GBP", "Asia/Shanghai", null, null, null, null, null, Map.of()), got -> {
            assertThat(got.stats().rowsRead()).isEqualTo(raw.size()).isEqualTo(503);
            assertThat(got.stats().rowsAccepted()).isEqualTo(raw.size() - cancelledPickups);
            assertThat(got.reasons()).hasSize((int) cancelledPickups).containsOnly("bad_value:status");
            assertThat(got.rows().stream().filter(r -> "delivered".equals(r.getAs("status"))).count()).isEqualTo(delivered);
            BigDecimal gotCost = got.rows().stream().map(r -> r.<BigDecimal>getAs("cost")).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(gotCost).isEqualByComparingTo(cost);
            Row row = got.rows().stream().filter(r -> first.get("Shipment #").equals(r.getAs("shipment_id"))).findFirst().orElseThrow();
            assertThat(row.<Instant>getAs("ship_ts")).isEqualTo(firstShip);
            assertThat(row.<String>getAs("destination_country")).isEqualTo("GB");
            assertThat(row.<String>getAs("currency")).isEqualTo("GBP");
        });
    }

    /** Amazon's documented All Orders columns (tab-separated), two orders by hand. */
    public static final String ALL_ORDERS = String.join("\t", "amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date",
            "order-status", "fulfillment-channel", "sales-channel", "order-channel", "url", "ship-service-level", "product-name", "sku",
            "asin", "item-status", "quantity", "currency", "item-price", "item-tax", "shipping-price", "shipping-tax", "gift-wrap-price",
            "gift-wrap-tax", "item-promotion-discount", "ship-promotion-discount", "ship-city", "ship-state", "ship-postal-code",
            "ship-country", "promotion-ids") + "\n"
            // two units of SKU-1 for 39.98 in all: 19.99 each; then a cancelled line without a price; then a line without a quantity
            + String.join("\t", "111-0000001-0000001", "", "2024-05-01T10:23:45+00:00", "2024-05-02T08:00:00+00:00", "Shipped",
            "Amazon", "Amazon.com", "", "", "Standard", "Garlic press", "SKU-1", "B000000001", "Shipped", "2", "USD", "39.98", "3.20",
            "0.00", "0.00", "", "", "", "", "SEATTLE", "WA", "98101", "US", "") + "\n"
            + String.join("\t", "111-0000002-0000002", "", "2024-05-03T09:00:00-07:00", "2024-05-03T10:00:00-07:00", "Cancelled",
            "Merchant", "Amazon.com", "", "", "Standard", "Peeler", "SKU-2", "B000000002", "Cancelled", "0", "", "", "", "", "", "", "",
            "", "", "", "", "", "US", "") + "\n"
            + String.join("\t", "111-0000003-0000003", "", "2024-05-04T12:00:00+00:00", "2024-05-04T12:00:00+00:00", "Shipped",
            "Amazon", "Amazon.de", "", "", "Standard", "Grater", "SKU-3", "B000000003", "Shipped", "", "EUR", "12.00", "", "", "", "",
            "", "", "", "", "", "", "DE", "") + "\n";

    @Test
    void anAllOrdersFlatFileBecomesSalesLinesWithTheirUnitPrices() throws IOException {
        Path file = Files.writeString(tmp.resolve("All Orders.txt"), ALL_ORDERS);
        assertThat(preset(Source.SALES, file)).isEqualTo("amazon-all-orders");

        ingest(Source.SALES, file, new MarketlensConfig("USD", null, null, null, null, null, null, Map.of()), got -> {
            assertThat(got.stats().rowsRead()).isEqualTo(3);
            assertThat(got.stats().rowsAccepted()).isEqualTo(2);
            assertThat(got.reasons()).containsExactly("missing_required:unit_price"); // no quantity to divide by: the first problem in column order
            Row shipped = got.rows().stream().filter(r -> "111-0000001-0000001".equals(r.getAs("order_id"))).findFirst().orElseThrow();
            assertThat(shipped.<BigDecimal>getAs("unit_price")).isEqualByComparingTo("19.99");   // 39.98 ÷ 2
            assertThat(shipped.<Long>getAs("quantity")).isEqualTo(2L);
            assertThat(shipped.<String>getAs("marketplace")).isEqualTo("US");
            assertThat(shipped.<String>getAs("status")).isEqualTo("shipped");
            assertThat(shipped.<String>getAs("line_id")).isEqualTo("SKU-1");
            assertThat(shipped.<String>getAs("category")).isEqualTo("uncategorised");
            assertThat(shipped.<Instant>getAs("order_ts")).isEqualTo(Instant.parse("2024-05-01T10:23:45Z"));
            Row cancelled = got.rows().stream().filter(r -> "111-0000002-0000002".equals(r.getAs("order_id"))).findFirst().orElseThrow();
            assertThat(cancelled.<String>getAs("status")).isEqualTo("cancelled");
            assertThat(cancelled.<Long>getAs("quantity")).isZero();
            assertThat(cancelled.<BigDecimal>getAs("unit_price")).isNull();
            assertThat(cancelled.<Instant>getAs("order_ts")).isEqualTo(Instant.parse("2024-05-03T16:00:00Z"));
        });
    }

    @Test
    void aFileThatLooksLikeAPresetButLacksOneOfItsColumnsIsUnreadableNamingBoth() {
        // the All Orders header without sales-channel, which the preset reads the marketplace from
        List<String> header = new ArrayList<>(List.of(ALL_ORDERS.lines().findFirst().orElseThrow().split("\t")));
        header.remove("sales-channel");
        assertThatThrownBy(() -> HeaderMapping.resolve(Source.SALES, SourceOptions.defaults(), header, "in/sales/orders.txt"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("in/sales/orders.txt: matches the preset amazon-all-orders")
                .hasMessageContaining("marketplace (from [sales-channel])");
    }
}
