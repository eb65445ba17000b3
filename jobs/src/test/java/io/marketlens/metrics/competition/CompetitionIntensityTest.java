package io.marketlens.metrics.competition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.concentration.ConcentrationTable;
import io.marketlens.tables.Tables;
import io.marketlens.testing.FactRows;
import io.marketlens.testing.SparkTestSession;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class CompetitionIntensityTest {

    private final SparkSession spark = SparkTestSession.get();

    @Test
    void componentsAndIndexOfOneCategoryMonth() {
        // Toys on amazon US, December 2024; W = 6, so products launched after 2024-06 are new
        FactRows f = new FactRows()
                .listing("amazon", "US", "Toys", "2024-12", "p1", "s1", 60, 600, "2020-01-01", 100L)
                .listing("amazon", "US", "Toys", "2024-12", "p2", "s2", 30, 300, "2024-10-01", 50L)   // new, reaches the median
                .listing("amazon", "US", "Toys", "2024-12", "p3", "s3", 10, 100, "2024-11-15", null)  // new, below the median
                .listing("amazon", "US", "Toys", "2024-12", "p4", "s4", 0, 0, "2019-05-01", 10L);     // listed, nothing sold
        Row r = december2024(f, "Toys");

        assertThat(r.<Long>getAs("sellers")).isEqualTo(3L);                        // s4 sold nothing
        assertThat(r.<Long>getAs("listings")).isEqualTo(4L);
        assertThat(r.<Double>getAs("listings_per_1000_units")).isEqualTo(40.0);     // 4 listings / 100 units × 1000
        assertThat(r.<Double>getAs("hhi")).isCloseTo(4600.0, within(1e-6));         // 60² + 30² + 10²
        assertThat(r.<Double>getAs("top10_mean_reviews")).isCloseTo(160.0 / 3, within(1e-9)); // (100 + 50 + 10) / 3, p3 has none
        assertThat(r.<Long>getAs("new_products")).isEqualTo(2L);
        // median units of the 4 listings (0, 10, 30, 60) = 20; of p2 (30) and p3 (10) one reaches it
        assertThat(r.<Double>getAs("new_product_success_share")).isEqualTo(0.5);

        double sellers = 100 * Math.log10(1 + 3) / Math.log10(1 + 500);
        double listings = 100 * 40.0 / 50;
        double hhi = 100 * (1 - 4600.0 / 10_000);
        double reviews = 100 * Math.log10(1 + 160.0 / 3) / Math.log10(1 + 5000);
        double success = 100 * (1 - 0.5);
        assertThat(r.<Double>getAs("sellers_score")).isCloseTo(sellers, within(1e-9));
        assertThat(r.<Double>getAs("listings_score")).isCloseTo(listings, within(1e-9));
        assertThat(r.<Double>getAs("hhi_score")).isCloseTo(hhi, within(1e-6));
        assertThat(r.<Double>getAs("reviews_score")).isCloseTo(reviews, within(1e-9));
        assertThat(r.<Double>getAs("new_product_success_score")).isCloseTo(success, within(1e-9));
        assertThat(r.<Double>getAs("index")).isCloseTo(0.25 * sellers + 0.20 * listings + 0.20 * hhi + 0.20 * reviews + 0.15 * success,
                within(1e-6)); // ≈ 49.26
        assertThat(r.<Integer>getAs("components_used")).isEqualTo(5);
        assertThat(r.<Long>getAs("rows")).isEqualTo(4L);
    }

    @Test
    void theTopTenAndTheMedianOfMoreThanTenListings() {
        // Games on amazon US, December 2024: twelve listings, p10 and p11 tie at 30 units; W = 6 (new after 2024-06)
        long[] units = {120, 110, 100, 90, 80, 66, 64, 50, 40, 30, 30, 0};
        Long[] reviews = {100L, 100L, 100L, 100L, null, 100L, 100L, 100L, 100L, 1000L, 10_000L, 5L};
        FactRows f = new FactRows();
        for (int i = 0; i < units.length; i++) {
            String id = String.format("%02d", i + 1);
            boolean isNew = i == 5 || i == 6 || i == 10; // p06 (66 units), p07 (64), p11 (30)
            f.listing("amazon", "US", "Games", "2024-12", "p" + id, "s" + id, units[i], units[i] * 10,
                    isNew ? "2024-11-01" : "2020-01-01", reviews[i]);
        }
        Row r = december2024(f, "Games");

        assertThat(r.<Long>getAs("sellers")).isEqualTo(11L);                       // p12 sold nothing
        assertThat(r.<Long>getAs("listings")).isEqualTo(12L);
        assertThat(r.<Long>getAs("units")).isEqualTo(780L);
        // the first ten by units: p01 … p10 (p10 before p11 at 30 units: its key's text comes first); p05 has no
        // reviews: (8 × 100 + 1000) / 9 — p11's 10,000 reviews do not count
        assertThat(r.<Double>getAs("top10_mean_reviews")).isEqualTo(200.0);
        // median units of 0, 30, 30, 40, 50, 64, 66, 80, 90, 100, 110, 120: (64 + 66) / 2 = 65; of the new p06 (66),
        // p07 (64, a middle value below the median) and p11 (30) only p06 reaches it
        assertThat(r.<Long>getAs("new_products")).isEqualTo(3L);
        assertThat(r.<Double>getAs("new_product_success_share")).isEqualTo(1.0 / 3);
        assertThat(r.<Long>getAs("rows")).isEqualTo(12L);
    }

    /** The table's row of amazon US, {@code category}, 2024-12, from the fact rows (as-of 2024-12-31, a 12-month window). */
    private Row december2024(FactRows f, String category) {
        MetricsContext ctx = new MetricsContext(spark, f.build(spark), Optional.empty(),
                new AnalysisPeriod(LocalDate.parse("2024-12-31"), 12));
        ctx.written().put(Tables.CONCENTRATION.name(), ConcentrationTable.compute(ctx).rows());
        return CompetitionIntensity.compute(ctx, io.marketlens.metrics.market.NewVsExisting.DEFAULT_NEW_MONTHS, CompetitionIndex.Weights.DEFAULT).rows()
                .filter("platform = 'amazon' and marketplace = 'US' and category = '" + category + "' and period = '2024-12'").first();
    }
}
