package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.testing.SparkTestSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Control characters in cells are removed wherever they stand in a file, not only in the first 64 K characters that
 * the binary check looks at: a NUL before a formula must not reach the tables as {@code "\0=1+1"}.
 */
class ControlCharactersTest {

    @TempDir
    Path tmp;

    @Test
    void theTextOfACellLosesItsControlCharacters() {
        assertThat(ValueParser.withoutControlCharacters("\0=1+1")).isEqualTo("=1+1");
        assertThat(ValueParser.withoutControlCharacters("Acqua\u0007 di\u001B Giò\u007F\u0085")).isEqualTo("Acqua di Giò");
        // line breaks and tabs inside a quoted title are text; a vertical tab or form feed is not
        assertThat(ValueParser.withoutControlCharacters("Body\r\nCrème\t150 ml")).isEqualTo("Body\r\nCrème\t150 ml");
        assertThat(ValueParser.withoutControlCharacters("Body\u000BCrème\f")).isEqualTo("BodyCrème");
        assertThat(ValueParser.withoutControlCharacters("\0\0")).isEmpty();
        String plain = "香水 Eau de Parfum";
        assertThat(ValueParser.withoutControlCharacters(plain)).isSameAs(plain);
    }

    @Test
    void aNulAfterTheFirst64KCharactersDoesNotReachTheRows() throws IOException {
        StringBuilder csv = new StringBuilder("snapshot_date,platform,marketplace,category,product_id,seller_id,title,price,"
                + "currency,est_units\n");
        int filler = 0;
        while (csv.length() < 70_000) {
            csv.append("2024-03-31,amazon,US,Perfume,P").append(filler++).append(",S1,Plain title,10.00,USD,5\n");
        }
        // line filler + 2: a NUL then a formula in the title, a BEL inside the seller id; then a row whose only cell is a NUL
        csv.append("2024-03-31,amazon,US,Perfume,PX,S\u00072,\0=1+1,12.00,USD,7\n");
        csv.append("2024-03-31,amazon,US,Perfume,PY,\0,Title,12.00,USD,7\n");
        long fillerRows = filler;
        Path in = tmp.resolve("in/competitors");
        Files.createDirectories(in);
        Files.writeString(in.resolve("listings.csv"), csv, StandardCharsets.UTF_8);
        SparkSession spark = SparkTestSession.get();
        MarketlensConfig config = new MarketlensConfig("USD", null, null, null, null, null, null, Map.of());
        IngestResult r = new Ingestor(spark, config.ingest(), new io.marketlens.io.Storage(spark.sparkContext()
                .hadoopConfiguration()), m -> { }).ingest(tmp.resolve("in").toString(), null, 1L);
        try {
            FileStats stats = r.files().get(0);
            assertThat(stats.rowsRead()).isEqualTo(filler + 2L);
            assertThat(stats.rowsAccepted()).isEqualTo(filler + 1L);
            Row px = r.accepted().get(Source.COMPETITORS).where("product_id = 'PX'").first();
            assertThat(px.<String>getAs("title")).isEqualTo("=1+1");
            assertThat(px.<String>getAs("seller_id")).isEqualTo("S2");
            // the seller id that was only a NUL is empty: the row lacks a required cell
            List<Row> q = r.quarantine().collectAsList();
            assertThat(q).singleElement().satisfies(x -> {
                assertThat(x.<String>getAs("reason")).isEqualTo("missing_required:seller_id");
                assertThat(x.<Long>getAs("line")).isEqualTo(fillerRows + 3L);
                // the raw text keeps the NUL (the CSV writer shows it as U+FFFD: TableWriterTest)
                assertThat(x.<String>getAs("raw")).contains("PY,\"\0\",Title");
            });
        } finally {
            r.release().run();
        }
    }
}
