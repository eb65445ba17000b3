package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlens.config.ConfigException;
import io.marketlens.config.ConfigLoader;
import io.marketlens.config.MarketlensConfig;
import io.marketlens.io.Storage;
import io.marketlens.testing.Files2;
import io.marketlens.testing.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values that parse but are not believed — a billion units on one line or in one listing's month, an order of 1970, an
 * order dated after the run — are quarantined as {@code out_of_range:<column>}; {@code plausibility:} moves the bounds.
 */
class PlausibilityTest {

    @TempDir
    Path dir;

    private final SparkSession spark = SparkTestSession.get();

    private List<String> quarantined(MarketlensConfig config) {
        IngestResult r = new Ingestor(spark, config.ingest(), new Storage(spark.sparkContext().hadoopConfiguration()), m -> { })
                .ingest(dir.resolve("in").toString(), null, 1L);
        try {
            return r.quarantine().orderBy("source", "line").collectAsList().stream()
                    .map(q -> q.getAs("source") + " " + q.getAs("line") + " " + q.getAs("reason") + " | " + q.getAs("details"))
                    .toList();
        } finally {
            r.release().run();
        }
    }

    @Test
    void implausibleQuantitiesEstimatesAndDatesAreQuarantinedWithTheBoundAndItsSetting() {
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        LocalDate later = tomorrow.plusDays(1);
        Files2.write(dir.resolve("in/sales/orders.csv"), IngestorTest.SALES_HEADER
                + "o1,1,2024-01-05,amazon,US,Kitchen,s1,p1,10.50,10000,USD,shipped\n"      // 2 ok: the bound itself
                + "o2,1,2024-01-05,amazon,US,Kitchen,s1,p2,10.50,1000000000,USD,shipped\n"  // 3 a billion
                + "o3,1,2024-01-05,amazon,US,Kitchen,s1,p3,10.50,1e9,USD,shipped\n"         // 4 a billion, written short
                + "o4,1,1970-01-01,amazon,US,Kitchen,s1,p4,10.50,1,USD,shipped\n"           // 5 the epoch
                + "o5,1," + tomorrow + ",amazon,US,Kitchen,s1,p5,10.50,1,USD,shipped\n"     // 6 ok: tomorrow
                + "o6,1," + later + ",amazon,US,Kitchen,s1,p6,10.50,1,USD,shipped\n"        // 7 the day after
                + "o7,1,1999-06-30,amazon,US,Kitchen,s1,p7,10.50,1,USD,shipped,1998-01-01\n".replace(",1998-01-01", ""));
        Files2.write(dir.resolve("in/competitors/listings.csv"), "snapshot_date,platform,marketplace,category,product_id,"
                + "seller_id,price,currency,est_units,launch_date\n"
                + "2024-01-31,amazon,US,Kitchen,p1,s1,9.99,USD,1000000000,1998-05-01\n"     // 2 a billion a month
                + "2024-01-31,amazon,US,Kitchen,p2,s1,9.99,USD,2500,1998-05-01\n");         // 3 ok: launched 1998 is no bound
        assertThat(quarantined(MarketlensConfig.defaults())).containsExactly(
                "competitors 2 out_of_range:est_units | est_units 1,000,000,000 is above 10,000,000 a month for one listing"
                        + " (plausibility.max_est_units)",
                "sales 3 out_of_range:quantity | quantity 1,000,000,000 is above 10,000 on one line (plausibility.max_quantity)",
                "sales 4 out_of_range:quantity | quantity 1,000,000,000 is above 10,000 on one line (plausibility.max_quantity)",
                "sales 5 out_of_range:order_ts | order_ts 1970-01-01 is before 2000-01-01 (plausibility.earliest_date)",
                "sales 7 out_of_range:order_ts | order_ts " + later + " is after " + tomorrow
                        + ", the run's date + plausibility.days_ahead",
                "sales 8 out_of_range:order_ts | order_ts 1999-06-30 is before 2000-01-01 (plausibility.earliest_date)");
    }

    @Test
    void theConfigMovesTheBounds() throws IOException {
        Files2.write(dir.resolve("in/sales/orders.csv"), IngestorTest.SALES_HEADER
                + "o1,1,2024-01-05,amazon,US,Kitchen,s1,p1,10.50,15000,USD,shipped\n"
                + "o2,1,1999-06-30,amazon,US,Kitchen,s1,p2,10.50,1,USD,shipped\n"
                + "o3,1,1994-06-30,amazon,US,Kitchen,s1,p3,10.50,1,USD,shipped\n");
        Path cfg = Files.writeString(dir.resolve("marketlens.yaml"),
                "plausibility:\n  max_quantity: 20000\n  earliest_date: 1995-01-01\n");
        assertThat(quarantined(ConfigLoader.load(cfg))).containsExactly(
                "sales 4 out_of_range:order_ts | order_ts 1994-06-30 is before 1995-01-01 (plausibility.earliest_date)");
        Files.writeString(cfg, "plausibility:\n  max_quantity: 0\n");
        assertThatThrownBy(() -> ConfigLoader.load(cfg)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("plausibility.max_quantity and max_est_units must be ≥ 1");
        Files.writeString(cfg, "plausibility:\n  earliest_date: 01.01.2000\n");
        assertThatThrownBy(() -> ConfigLoader.load(cfg)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("plausibility.earliest_date must be a date such as 2000-01-01, not '01.01.2000'");
    }
}
