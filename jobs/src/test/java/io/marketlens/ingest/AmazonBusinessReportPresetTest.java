package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.testing.OlistExport;
import io.marketlens.testing.SparkTestSession;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
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
 * The real Amazon.co.uk Business Report (Detail Page Sales and Traffic by Child Item) of
 * {@code ../shared/datasets/exports/amazon-business-report}, skipped where that folder is absent: read with the
 * {@code amazon-business-report} preset, one aggregated sales line per row dated the end of the report's range, against
 * the file read here with commons-csv.
 */
public class AmazonBusinessReportPresetTest {

    @TempDir
    Path tmp;

    private final SparkSession spark = SparkTestSession.get();

    private static Path real() {
        Optional<Path> p = OlistExport.locate("exports/amazon-business-report")
                .map(d -> d.resolve("BusinessReport-31-03-2026.csv")).filter(Files::isRegularFile);
        Assumptions.assumeTrue(p.isPresent(), "../shared/datasets/exports/amazon-business-report is absent; skipping");
        return p.get();
    }

    /** "£38,793.82" → 38793.82, "1,125" → 1125: the report's forms, read by hand. */
    private static BigDecimal plain(String text) {
        return new BigDecimal(text.replace("£", "").replace(",", "").strip());
    }

    @Test
    void eachChildAsinBecomesOneAggregatedLineOfTheReportsPeriod() throws IOException {
        Path file = real();
        assertThat(ExportFiles.presetOf(Source.SALES, file)).isEqualTo("amazon-business-report");
        List<CSVRecord> raw;
        try (Reader r = new java.io.StringReader(Files.readString(file, StandardCharsets.UTF_8).replace("\uFEFF", ""))) {
            raw = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
        long units = 0;
        long sessions = 0;
        long pageViews = 0;
        BigDecimal sales = BigDecimal.ZERO;
        Map<String, BigDecimal> salesByLine = new HashMap<>();
        for (CSVRecord rec : raw) {
            long u = plain(rec.get("Units ordered")).longValueExact();
            assertThat(u).as("every row of this report sold at least one unit").isPositive();
            units += u;
            // the headers' dashes are en dashes (U+2013), as Amazon writes them
            sessions += plain(rec.get("Sessions \u2013 Total")).longValueExact();
            pageViews += plain(rec.get("Page views \u2013 Total")).longValueExact();
            sales = sales.add(plain(rec.get("Ordered Product Sales")));
            salesByLine.put(rec.get("(Parent) ASIN") + " | " + rec.get("(Child) ASIN") + " | " + rec.get("SKU").strip(),
                    plain(rec.get("Ordered Product Sales")));
        }
        assertThat(raw).hasSize(2_026);
        assertThat(salesByLine).as("(parent, child, SKU) tells the rows apart").hasSize(2_026);
        long wantUnits = units;
        // Σ of the columns as a spreadsheet shows them
        assertThat(sessions).isEqualTo(870_945L);
        assertThat(pageViews).isEqualTo(1_132_250L);
        long wantSessions = sessions;
        long wantPageViews = pageViews;
        BigDecimal wantSales = sales;

        MarketlensConfig gbp = new MarketlensConfig("GBP", null, null, null, null, null, null, Map.of());
        ExportFiles.ingestAlone(spark, tmp.resolve("named"), Source.SALES, file, gbp, r -> {
            FileStats stats = r.files().get(0);
            assertThat(stats.rowsRead()).isEqualTo(2_026);
            assertThat(stats.rowsAccepted()).isEqualTo(2_026);
            assertThat(stats.rowsQuarantined()).isZero();
            List<Row> rows = r.accepted().get(Source.SALES).collectAsList();
            long gotUnits = 0;
            long gotSessions = 0;
            long gotPageViews = 0;
            BigDecimal gotSales = BigDecimal.ZERO;
            for (Row row : rows) {
                long q = row.<Long>getAs("quantity");
                BigDecimal line = row.<BigDecimal>getAs("unit_price").multiply(BigDecimal.valueOf(q));
                // unit_price = sales ÷ units to 6 decimals: × units again gives the row's sales to the penny
                assertThat(line.setScale(2, RoundingMode.HALF_UP)).isEqualByComparingTo(salesByLine.get(row.<String>getAs("line_id")));
                gotUnits += q;
                gotSessions += row.<Long>getAs("sessions");
                gotPageViews += row.<Long>getAs("page_views");
                double buyBox = row.<Double>getAs("buy_box_pct");
                assertThat(buyBox).as("a share between 0 and 100 %").isBetween(0.0, 1.0);
                gotSales = gotSales.add(line);
                assertThat(row.<String>getAs("order_id")).isEqualTo("31-03-2026");
                assertThat(row.<Instant>getAs("order_ts")).isEqualTo(Instant.parse("2026-03-31T00:00:00Z"));
                assertThat(row.<String>getAs("status")).isEqualTo("aggregated");
                assertThat(row.<String>getAs("currency")).isEqualTo("GBP");
                assertThat(row.<String>getAs("marketplace")).isEqualTo("GB");
                assertThat(row.<String>getAs("platform")).isEqualTo("amazon");
            }
            assertThat(gotUnits).isEqualTo(wantUnits);
            assertThat(gotSessions).isEqualTo(wantSessions);
            assertThat(gotPageViews).isEqualTo(wantPageViews);
            assertThat(gotSales.setScale(2, RoundingMode.HALF_UP)).isEqualByComparingTo(wantSales);
            // the first row, by hand: B0BGPMD867, 1,125 units for £38,793.82 over "13,910" sessions and "18,499" page
            // views, the buy box held in 75.71% of them
            Row first = rows.stream().filter(x -> "B0BGPMD867".equals(x.getAs("product_id"))).findFirst().orElseThrow();
            assertThat(first.<Long>getAs("quantity")).isEqualTo(1_125L);
            assertThat(first.<BigDecimal>getAs("unit_price")).isEqualByComparingTo("34.483396");
            assertThat(first.<Long>getAs("sessions")).isEqualTo(13_910L);
            assertThat(first.<Long>getAs("page_views")).isEqualTo(18_499L);
            assertThat(first.<Double>getAs("buy_box_pct")).isEqualTo(0.7571);
        });

        // named without a date, the file takes the period given with --period (sources.sales.file_date): a month's end
        Path undated = tmp.resolve("business report.csv");
        Files.copy(file, undated);
        ExportFiles.ingestAlone(spark, tmp.resolve("undated"), Source.SALES, undated,
                gbp.withFileDate(Source.SALES, "2026-02"), r -> {
                    assertThat(r.files().get(0).rowsAccepted()).isEqualTo(2_026);
                    Row any = r.accepted().get(Source.SALES).first();
                    assertThat(any.<Instant>getAs("order_ts")).isEqualTo(Instant.parse("2026-02-28T00:00:00Z"));
                    assertThat(any.<String>getAs("order_id")).isEqualTo("2026-02-28");
                });
    }
}
