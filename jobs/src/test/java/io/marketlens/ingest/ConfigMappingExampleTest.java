package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.config.ConfigLoader;
import io.marketlens.config.MarketlensConfig;
import io.marketlens.io.Storage;
import io.marketlens.testing.SparkTestSession;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's example of an export mapped by hand in the config ("Presets and column rules"): the same YAML, read by
 * the config loader, applied to a two-line export whose every value is checked by hand.
 */
class ConfigMappingExampleTest {

    /** Copied verbatim into README.md ("Writing your own mapping"). */
    static final String CONFIG = """
            base_currency: EUR
            own_seller_ids: [my-shop]
            sources:
              sales:
                date_pattern: dd.MM.yyyy          # 03.05.2024
                decimal_comma: true               # 25,00
                columns:
                  order_id: Bestellnummer
                  line_id: Position
                  order_ts: Bestelldatum
                  platform: {value: otto}
                  marketplace: {value: DE}
                  category: [Kategorie, Warengruppe]          # the first of the two with a value
                  seller_id: {value: my-shop}
                  product_id: {from: EAN, code: true}         # 4006381333931.0 -> 4006381333931
                  unit_price: {divide: [Gesamtpreis, Menge]}  # the line's total / its quantity
                  quantity: Menge
                  currency: {value: EUR}
                  status: {from: Status, map: {Storniert: cancelled, Retoure: returned, Versendet: shipped}}
            """;

    static final String EXPORT = """
            Bestellnummer;Position;Bestelldatum;Kategorie;Warengruppe;EAN;Gesamtpreis;Menge;Status
            B-1001;1;03.05.2024;Küche;Haushalt;4006381333931.0;25,00;2;Versendet
            B-1001;2;03.05.2024;;Garten;4006381333948;7,99;1;in Prüfung
            B-1002;1;04.05.2024;Küche;;4006381333955;;0;Storniert
            """;

    @TempDir
    Path tmp;

    private final SparkSession spark = SparkTestSession.get();

    @Test
    void theReadmesMappingReadsItsExport() throws IOException {
        MarketlensConfig config = ConfigLoader.load(Files.writeString(tmp.resolve("marketlens.yaml"), CONFIG));
        Files.createDirectories(tmp.resolve("in/sales"));
        Files.writeString(tmp.resolve("in/sales/bestellungen.csv"), EXPORT);
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        IngestResult r = new Ingestor(spark, config.ingest(), storage, m -> { }).ingest(tmp.resolve("in").toString(), null, 1L);
        try {
            assertThat(r.files()).singleElement().satisfies(f -> {
                assertThat(f.rowsRead()).isEqualTo(3);
                assertThat(f.rowsAccepted()).isEqualTo(3);
            });
            assertThat(r.presets()).isEmpty();
            List<Row> rows = r.accepted().get(Source.SALES).orderBy("order_id", "line_id").collectAsList();
            Row first = rows.get(0);
            assertThat(first.<String>getAs("platform")).isEqualTo("otto");
            assertThat(first.<String>getAs("marketplace")).isEqualTo("DE");
            assertThat(first.<String>getAs("category")).isEqualTo("Küche");
            assertThat(first.<String>getAs("product_id")).isEqualTo("4006381333931");
            assertThat(first.<BigDecimal>getAs("unit_price")).isEqualByComparingTo("12.50");   // 25,00 ÷ 2
            assertThat(first.<Long>getAs("quantity")).isEqualTo(2L);
            assertThat(first.<String>getAs("status")).isEqualTo("shipped");
            assertThat(first.<Instant>getAs("order_ts")).isEqualTo(Instant.parse("2024-05-03T00:00:00Z"));
            Row second = rows.get(1);
            assertThat(second.<String>getAs("category")).isEqualTo("Garten");                  // Kategorie empty
            assertThat(second.<BigDecimal>getAs("unit_price")).isEqualByComparingTo("7.99");
            assertThat(second.<String>getAs("status")).isEqualTo("in prüfung");                // not in the map: kept
            Row cancelled = rows.get(2);
            assertThat(cancelled.<String>getAs("status")).isEqualTo("cancelled");
            assertThat(cancelled.<Long>getAs("quantity")).isZero();                             // cancelled, no amount
            assertThat(cancelled.<BigDecimal>getAs("unit_price")).isNull();
        } finally {
            r.release().run();
        }
    }

    @Test
    void theReadmeShowsThisExampleVerbatim() throws IOException {
        Path readme = Path.of("..", "README.md");
        if (!Files.exists(readme)) {
            readme = Path.of("README.md");
        }
        assertThat(Files.readString(readme)).contains(CONFIG.strip());
    }
}
