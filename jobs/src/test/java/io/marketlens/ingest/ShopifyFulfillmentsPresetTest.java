package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.testing.OlistExport;
import io.marketlens.testing.SparkTestSession;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Shopify orders exports of {@code ../shared/datasets/exports/shopify-orders} (skipped where absent) put in
 * {@code logistics/}: the {@code shopify-fulfillments} preset reads each fulfilled order's first line as its shipment;
 * the other lines are quarantined {@code not_selected}, outside the quarantine ratio. Expected figures from the file
 * read here with commons-csv.
 */
public class ShopifyFulfillmentsPresetTest {

    private static final DateTimeFormatter SHOPIFY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx");

    @TempDir
    Path tmp;

    private final SparkSession spark = SparkTestSession.get();

    private static Path real(String file) {
        Optional<Path> p = OlistExport.locate("exports/shopify-orders").map(d -> d.resolve(file)).filter(Files::isRegularFile);
        Assumptions.assumeTrue(p.isPresent(), "../shared/datasets/exports/shopify-orders is absent; skipping the real-export test");
        return p.get();
    }

    private static List<CSVRecord> records(Path file) throws IOException {
        try (Reader r = new java.io.StringReader(Files.readString(file, StandardCharsets.UTF_8).replace("\uFEFF", ""))) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    @Test
    void eachFulfilledOrderWithADestinationIsOneShipment() throws IOException {
        Path file = real("orders_export_devstore.csv");
        assertThat(ExportFiles.presetOf(Source.LOGISTICS, file)).isEqualTo("shopify-fulfillments");
        // by hand from the file: a line with Fulfilled at is its order's shipment; it needs a country to go to
        Map<String, Instant> shipped = new LinkedHashMap<>();
        long fulfilled = 0;
        long read = 0;
        for (CSVRecord rec : records(file)) {
            read++;
            if (rec.get("Fulfilled at").isBlank()) {
                continue;
            }
            fulfilled++;
            if (!(rec.get("Shipping Country") + rec.get("Billing Country")).isBlank()) {
                shipped.put(rec.get("Name"), OffsetDateTime.parse(rec.get("Fulfilled at"), SHOPIFY).toInstant());
            }
        }
        long fulfilledOrders = fulfilled;
        assertThat(read).isEqualTo(40);
        assertThat(shipped.keySet()).containsExactly("#1005", "#1008", "#1009");

        ExportFiles.ingestAlone(spark, tmp, Source.LOGISTICS, file, MarketlensConfig.defaults(), r -> {
            FileStats stats = r.files().get(0);
            assertThat(stats.rowsRead()).isEqualTo(40);
            assertThat(stats.rowsAccepted()).isEqualTo(shipped.size());
            assertThat(stats.reasons()).containsEntry(SourceOptions.NOT_SELECTED, 40 - fulfilledOrders)
                    .containsEntry("missing_required:destination_country", fulfilledOrders - shipped.size());
            // 11 of the 14 selected rows are quarantined; the 26 lines that are no shipment do not count
            assertThat(r.quarantineRatio()).isCloseTo(11.0 / 14, within(1e-12));
            List<Row> rows = r.accepted().get(Source.LOGISTICS).orderBy("shipment_id").collectAsList();
            assertThat(rows).extracting(x -> x.<String>getAs("shipment_id")).containsExactlyElementsOf(shipped.keySet());
            for (Row row : rows) {
                assertThat(row.<Instant>getAs("ship_ts")).isEqualTo(shipped.get(row.<String>getAs("shipment_id")));
                assertThat(row.<String>getAs("order_id")).isEqualTo(row.<String>getAs("shipment_id"));
                assertThat(row.<String>getAs("destination_country")).isEqualTo("CA");
                assertThat(row.<String>getAs("destination_region")).isEqualTo("ON");
                assertThat(row.<String>getAs("carrier")).isEqualTo("unspecified");
                assertThat(row.<String>getAs("status")).isEqualTo("in_transit");
            }
            // #1005 by hand: fulfilled 2025-05-12 15:08:05 -0400 = 19:08:05 UTC
            assertThat(rows.get(0).<Instant>getAs("ship_ts")).isEqualTo(Instant.parse("2025-05-12T19:08:05Z"));
        });
    }

    @Test
    void anExportWithoutFulfilledOrdersHasNoShipmentsAndNothingAboveTheRatio() throws IOException {
        Path file = real("orders_export_tr.csv");
        long withDate = records(file).stream().filter(rec -> !rec.get("Fulfilled at").isBlank()).count();
        assertThat(withDate).isZero();
        ExportFiles.ingestAlone(spark, tmp, Source.LOGISTICS, file, MarketlensConfig.defaults(), r -> {
            FileStats stats = r.files().get(0);
            assertThat(stats.rowsRead()).isEqualTo(818);
            assertThat(stats.rowsAccepted()).isZero();
            assertThat(stats.reasons()).isEqualTo(Map.of(SourceOptions.NOT_SELECTED, 818L));
            assertThat(r.quarantineRatio()).isZero();
        });
    }
}
