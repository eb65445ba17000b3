package io.marketlens.metrics.concentration;

import static io.marketlens.metrics.concentration.ConcentrationTableTest.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The {@code concentration_curve} table on a hand-computed fact (window 2024-01…2024-12). */
class ConcentrationCurveTest {

    /**
     * Toys: seller a 50 (amazon US) + 10 (amazon UK, same seller) = 60, b 30, c 10 → shares 0.6, 0.3, 0.1,
     * cumulative 0.6, 0.9, 1.0. Garden: d 100 → one seller, share 1. A 2023 sale is outside the window and a
     * zero-revenue seller takes no rank. All categories: a 60, d 100, b 30, c 10 of 200 → d 0.5, a 0.3, b 0.15,
     * c 0.05. Brands: "Acme" (a's toys, padded with spaces) 60 and "Zed" (d) 100; b and c have none.
     */
    static final List<Row> FACT = List.of(
            sale("amazon", "US", "toys", "2024-03", "a", " Acme ", "p1", 50),
            sale("amazon", "UK", "toys", "2024-07", "a", "Acme", "p2", 10),
            sale("amazon", "US", "toys", "2024-05", "b", null, "p3", 30),
            sale("amazon", "US", "toys", "2024-12", "c", "", "p4", 10),
            sale("amazon", "US", "toys", "2024-12", "z", null, "p5", 0),
            sale("amazon", "US", "toys", "2023-12", "old", null, "p6", 999),
            sale("ebay", "DE", "garden", "2024-01", "d", "Zed", "p7", 100));

    @Test
    void ranksSharesAndCumulativeSharesPerCategoryAndOverAll() {
        List<Row> curve = ConcentrationCurve.compute(context(fact(SparkTestSession.get(), FACT))).rows().collectAsList();

        assertThat(points(curve, "toys", "seller")).containsExactly(
                "1 amazon / a 60.0 0.600 0.600 3", "2 amazon / b 30.0 0.300 0.900 3", "3 amazon / c 10.0 0.100 1.000 3");
        assertThat(points(curve, "garden", "seller")).containsExactly("1 ebay / d 100.0 1.000 1.000 1");
        assertThat(points(curve, "ALL", "seller")).containsExactly("1 ebay / d 100.0 0.500 0.500 4",
                "2 amazon / a 60.0 0.300 0.800 4", "3 amazon / b 30.0 0.150 0.950 4", "4 amazon / c 10.0 0.050 1.000 4");
        assertThat(points(curve, "ALL", "brand")).containsExactly("1 Zed 100.0 0.625 0.625 2", "2 Acme 60.0 0.375 1.000 2");
        assertThat(curve).allSatisfy(r -> {
            assertThat(r.<String>getAs("platform")).isEqualTo("ALL");
            assertThat(r.<String>getAs("marketplace")).isEqualTo("ALL");
            assertThat(r.<String>getAs("period")).isEqualTo("window");
        });
    }

    @Test
    void revenuesEqualInDecimalsTieAndGoByKey() {
        // 54.9 + 64.9 = 119.80000000000001 in binary floating point, 59.9 + 59.9 = 119.8: the same 119.80
        List<Row> fact = List.of(
                sale("olist", "BR", "bed", "2024-06", "zz", null, "p1", 54.9),
                sale("olist", "BR", "bed", "2024-06", "zz", null, "p2", 64.9),
                sale("olist", "BR", "bed", "2024-06", "aa", null, "p3", 59.9),
                sale("olist", "BR", "bed", "2024-06", "aa", null, "p4", 59.9));
        List<Row> curve = ConcentrationCurve.compute(context(fact(SparkTestSession.get(), fact))).rows().collectAsList();
        assertThat(points(curve, "bed", "seller"))
                .containsExactly("1 olist / aa 119.8 0.500 0.500 2", "2 olist / zz 119.8 0.500 1.000 2");
    }

    @Test
    void squaredSharesGiveTheConcentrationTablesHhiAndRankFourItsCr4() {
        Dataset<Row> fact = fact(SparkTestSession.get(), FACT);
        List<Row> curve = ConcentrationCurve.compute(context(fact)).rows().collectAsList();
        List<Row> table = ConcentrationTable.compute(context(fact)).rows().collectAsList();
        for (String category : List.of("toys", "garden", "ALL")) {
            double hhi = curve.stream().filter(r -> r.getAs("category").equals(category) && r.getAs("entity").equals("seller"))
                    .mapToDouble(r -> Math.pow(r.<Double>getAs("share"), 2)).sum() * 10_000;
            Row c = find(table, "ALL", "ALL", category, "window", "seller");
            assertThat(hhi).as(category).isCloseTo(d(c, "hhi"), within(1e-6));
        }
        // all categories: CR4 = 100 · (0.5 + 0.3 + 0.15 + 0.05) = 100
        assertThat(d(find(table, "ALL", "ALL", "ALL", "window", "seller"), "cr4")).isCloseTo(100, within(1e-9));
    }

    private static List<String> points(List<Row> curve, String category, String entity) {
        return curve.stream().filter(r -> r.getAs("category").equals(category) && r.getAs("entity").equals(entity))
                .map(r -> String.format(java.util.Locale.ROOT, "%d %s %.1f %.3f %.3f %d", r.<Integer>getAs("rank"),
                        r.<String>getAs("name"), r.<Double>getAs("revenue"), r.<Double>getAs("share"),
                        r.<Double>getAs("cumulative_share"), r.<Long>getAs("entities")))
                .toList();
    }
}
