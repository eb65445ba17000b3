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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keepa Product Viewer exports read with the {@code keepa-product-viewer} preset: the real Amazon.it export of
 * {@code ../shared/datasets/exports/keepa} (skipped where that folder is absent), whose every row is accounted for against
 * the file read here with commons-csv; and a file written here in Keepa's layout whose rows are checked by hand.
 */
public class KeepaProductViewerPresetTest {

    private static final String KEEPA_HEADER = "\uFEFF\"Locale\",\"ASIN\",\"Title\",\"Brand\",\"Buy Box 🚚: Current\","
            + "\"Sales Rank: 90 days avg.\",\"Bought in past month\",\"Buy Box: Is FBA\",\"Buy Box Seller\",\"New: Current\","
            + "\"Amazon: Current\",\"Categories: Root\"\n";

    @TempDir
    Path tmp;

    private final SparkSession spark = SparkTestSession.get();

    private static MarketlensConfig euro() {
        return new MarketlensConfig("EUR", null, null, null, null, null, null, Map.of());
    }

    /** Ingests {@code file} alone, in a folder of its own under the test's. */
    private void ingest(Path file, MarketlensConfig config, Consumer<IngestResult> check) throws IOException {
        ExportFiles.ingestAlone(spark, Files.createTempDirectory(tmp, "run"), Source.COMPETITORS, file, config, check);
    }

    @Test
    void theRealExportIsDetectedAndEveryRowIsAccountedForWithItsReason() throws IOException {
        Optional<Path> found = OlistExport.locate("exports/keepa").map(d -> d.resolve("fragance_it_keepa.csv"))
                .filter(Files::isRegularFile);
        Assumptions.assumeTrue(found.isPresent(), "../shared/datasets/exports/keepa is absent; skipping the real-export test");
        Path file = found.get();
        assertThat(ExportFiles.presetOf(Source.COMPETITORS, file)).isEqualTo("keepa-product-viewer");

        // the reason of each row, from the file itself: the first required column without a value, in the competitors
        // schema's order (seller_id, price, est_units); a row with all three is accepted
        List<CSVRecord> raw;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            raw = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
        List<String> want = new ArrayList<>();
        for (CSVRecord rec : raw) {
            boolean price = !(rec.get("Buy Box 🚚: Current") + rec.get("New: Current") + rec.get("Amazon: Current")).isBlank();
            want.add(rec.get("Buy Box Seller").isBlank() ? "missing_required:seller_id" : !price ? "missing_required:price"
                    : rec.get("Bought in past month").isBlank() ? "missing_required:est_units" : "accepted");
        }
        assertThat(raw).hasSize(85);
        // this export has no "bought in past month" figure for any listing: nothing enters as zero sales
        assertThat(want).doesNotContain("accepted");

        // Keepa names the file without a date: without --snapshot-date the file cannot be read, and the message says so
        assertThatThrownBy(() -> ingest(file, euro(), r -> { }))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("matches the preset keepa-product-viewer")
                .hasMessageContaining("its name gives no competitors snapshot_date")
                .hasMessageContaining("--snapshot-date YYYY-MM-DD")
                .hasMessageNotContaining("not found in the header");

        ingest(file, euro().withFileDate(Source.COMPETITORS, "2026-11-30"), r -> {
            FileStats stats = r.files().get(0);
            assertThat(stats.rowsRead()).isEqualTo(85);
            assertThat(stats.rowsAccepted() + stats.rowsQuarantined()).isEqualTo(85);
            assertThat(stats.rowsAccepted()).isZero();
            List<Row> q = r.quarantine().orderBy("line").collectAsList();
            assertThat(q.stream().map(x -> x.<String>getAs("reason")).toList()).isEqualTo(want);
            assertThat(q.get(0).<Long>getAs("line")).isEqualTo(2L);
            assertThat(r.presets().values()).singleElement().satisfies(m -> assertThat(m.preset().name())
                    .isEqualTo("keepa-product-viewer"));
        });
    }

    @Test
    void aFileInKeepasLayoutGivesPricesCurrencySellersAndTheDateOfItsName() throws IOException {
        Path file = tmp.resolve("KeepaExport-2026-11-28-ProductViewer.csv");
        Files.writeString(file, KEEPA_HEADER
                // buy-box price and a third-party seller's id
                + "\"it\",\"B07B65CCJB\",\"Acqua di Giò Absolu\",\"GIORGIO ARMANI\",\"€ 121.60\",\"85459\",\"300\",\"no\","
                + "\"3rd Party (ATOGCWC1WP4O6)\",\"€ 119.00\",\"\",\"Bellezza\"\n"
                // no buy box: the lowest new offer's price; Amazon itself holds nothing, Amazon is the seller's name
                + "\"de\",\"B00T9VZMWW\",\"Bleu de Chanel\",\"Chanel\",\"\",\"28654\",\"1000\",\"yes\",\"Amazon\",\"€ 1,239.43\","
                + "\"\",\"Beauty\"\n"
                // no figure: quarantined, not zero
                + "\"it\",\"B001VMM3NS\",\"The Body Crème\",\"La Mer\",\"€ 100.75\",\"125372\",\"\",\"yes\",\"Amazon\",\"\","
                + "\"\",\"Bellezza\"\n", StandardCharsets.UTF_8);
        // the file's own date wins over --snapshot-date
        ingest(file, euro().withFileDate(Source.COMPETITORS, "2026-11-30"), r -> {
            assertThat(r.files().get(0).rowsAccepted()).isEqualTo(2);
            assertThat(r.quarantine().collectAsList()).singleElement().satisfies(q -> {
                assertThat(q.<String>getAs("reason")).isEqualTo("missing_required:est_units");
                assertThat(q.<Long>getAs("line")).isEqualTo(4L);
            });
            List<Row> rows = r.accepted().get(Source.COMPETITORS).orderBy("product_id").collectAsList();
            Row chanel = rows.get(0);
            assertThat(chanel.<String>getAs("product_id")).isEqualTo("B00T9VZMWW");
            assertThat(chanel.<String>getAs("marketplace")).isEqualTo("DE");
            assertThat(chanel.<String>getAs("seller_id")).isEqualTo("Amazon");
            assertThat(chanel.<BigDecimal>getAs("price")).isEqualByComparingTo("1239.43");
            assertThat(chanel.<String>getAs("currency")).isEqualTo("EUR");
            assertThat(chanel.<Long>getAs("est_units")).isEqualTo(1000L);
            assertThat(chanel.<String>getAs("fulfillment")).isEqualTo("FBA");
            Row armani = rows.get(1);
            assertThat(armani.<String>getAs("marketplace")).isEqualTo("IT");
            assertThat(armani.<String>getAs("seller_id")).isEqualTo("ATOGCWC1WP4O6");
            assertThat(armani.<BigDecimal>getAs("price")).isEqualByComparingTo("121.60");
            assertThat(armani.<String>getAs("category")).isEqualTo("Bellezza");
            assertThat(armani.<String>getAs("fulfillment")).isEqualTo("FBM");
            assertThat(armani.<String>getAs("platform")).isEqualTo("amazon");
            for (Row row : rows) {
                assertThat(row.<LocalDate>getAs("snapshot_date")).isEqualTo(LocalDate.of(2026, 11, 28));
            }
        });
    }
}
