package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.io.Storage;
import io.marketlens.testing.OlistExport;
import io.marketlens.testing.SparkTestSession;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The real Amazon.in order report ({@code ../shared/datasets/exports/amazon-in-sale-report}, 5,733 lines) read with the
 * preset its header selects, against what the file says read line by line here with commons-csv — not through the
 * preset: a line is accepted when it has its order id, date, category and ASIN and either a quantity ≥ 1 with an amount
 * and a currency, or the status Cancelled (a cancelled line may come with quantity 0 and no amount); an accepted line's
 * revenue is its Amount, its units its Qty.
 */
class AmazonOrderReportPresetTest {

    private static final String FOLDER = "exports/amazon-in-sale-report";
    private static final String FILE = "Amazon Sale Report.csv";

    @TempDir
    Path tmp;

    private final SparkSession spark = SparkTestSession.get();

    static Optional<Path> file() {
        return OlistExport.locate(FOLDER).map(p -> p.resolve(FILE)).filter(Files::isRegularFile);
    }

    /** What the file says, line by line: accepted lines, cancelled ones, revenue and units of the rest. */
    record Expected(long lines, long accepted, long cancelled, BigDecimal revenue, long units) {
    }

    static Expected expected(Path file) throws IOException {
        long lines = 0;
        long accepted = 0;
        long cancelled = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        long units = 0;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                lines++;
                boolean ids = !rec.get("Order ID").isBlank() && !rec.get("Date").isBlank() && !rec.get("Category").isBlank()
                        && !rec.get("ASIN").isBlank();
                String qty = rec.get("Qty").strip();
                String amount = rec.get("Amount").strip();
                boolean isCancelled = rec.get("Status").strip().equals("Cancelled");
                boolean priced = !qty.isEmpty() && Long.parseLong(qty) >= 1 && !amount.isEmpty() && !rec.get("currency").isBlank();
                if (!ids) {
                    continue;
                }
                if (priced) {
                    accepted++;
                    if (isCancelled) {
                        cancelled++;
                    } else {
                        revenue = revenue.add(new BigDecimal(amount));
                        units += Long.parseLong(qty);
                    }
                } else if (isCancelled && (amount.isEmpty() || qty.equals("0"))) {
                    accepted++;
                    cancelled++;
                }
            }
        }
        return new Expected(lines, accepted, cancelled, revenue, units);
    }

    @Test
    void theSaleReportIsReadWithItsPresetAndEveryLineIsAccountedFor() throws IOException {
        Optional<Path> real = file();
        Assumptions.assumeTrue(real.isPresent(), "../shared/datasets/" + FOLDER + " is absent; skipping the real-export test");
        Path in = tmp.resolve("in/sales");
        Files.createDirectories(in);
        Files.copy(real.get(), in.resolve(FILE));
        Expected want = expected(real.get());
        MarketlensConfig config = new MarketlensConfig("INR", null, null, null, null, null, null, Map.of());

        HeaderMapping mapping;
        try (CsvFileReader reader = CsvFileReader.open(Files.newInputStream(in.resolve(FILE)), FILE, Source.SALES, SourceOptions.defaults())) {
            mapping = HeaderMapping.resolve(Source.SALES, SourceOptions.defaults(), reader.header(), FILE);
        }
        assertThat(mapping.preset()).map(m -> m.preset().name()).contains("amazon-order-report");
        assertThat(mapping.preset().orElseThrow().why()).contains("'Order ID'", "'Sales Channel'");

        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        IngestResult r = new Ingestor(spark, config.ingest(), storage, m -> { }).ingest(tmp.resolve("in").toString(), null, 1L);
        try {
            FileStats stats = r.files().get(0);
            assertThat(stats.rowsRead()).isEqualTo(want.lines()).isEqualTo(5_733);
            assertThat(stats.rowsAccepted()).isEqualTo(want.accepted());
            assertThat(stats.rowsRead()).isEqualTo(stats.rowsAccepted() + stats.rowsQuarantined());
            List<Row> rows = r.accepted().get(Source.SALES).collectAsList();
            BigDecimal revenue = BigDecimal.ZERO;
            long units = 0;
            long cancelled = 0;
            List<String> marketplaces = new ArrayList<>();
            for (Row row : rows) {
                if ("cancelled".equals(row.getAs("status"))) {
                    cancelled++;
                    continue;
                }
                BigDecimal price = row.getAs("unit_price");
                long qty = row.<Long>getAs("quantity");
                revenue = revenue.add(price.multiply(BigDecimal.valueOf(qty)));
                units += qty;
                marketplaces.add(row.getAs("marketplace"));
            }
            assertThat(cancelled).isEqualTo(want.cancelled());
            assertThat(units).isEqualTo(want.units());
            // unit_price = Amount ÷ Qty to 6 decimals: × Qty again is within half a millionth × Qty of the Amount
            assertThat(revenue.doubleValue()).isCloseTo(want.revenue().doubleValue(), within(0.01));
            assertThat(marketplaces).contains("IN").allMatch(m -> m.equals("IN") || m.equals("NON-AMAZON"));
            assertThat(rows).allSatisfy(row -> {
                assertThat(row.<String>getAs("platform")).isEqualTo("amazon");
                assertThat(row.<String>getAs("seller_id")).isEqualTo("own-store");
            });
        } finally {
            r.release().run();
        }
    }
}
