package io.marketlens.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.testing.FactRows;
import io.marketlens.testing.SparkTestSession;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The scopes and periods a fact row counts in (as {@link FactCube} keys them) and the analysis period. */
class ScopesTest {

    private final SparkSession spark = SparkTestSession.get();

    @Test
    void everyRowCountsInItsScopeAndTheSevenRollUps() {
        Dataset<Row> fact = new FactRows().sale("amazon", "US", "Toys", "2024-05", "p1", "s1", 1, 10).build(spark);
        FactCube cube = FactCube.load(fact, new AnalysisPeriod(LocalDate.parse("2024-12-31"), 12));
        int[] keys = new int[16];
        int n = cube.keysOf(0, false, true, keys);
        assertThat(java.util.Arrays.stream(keys, 0, n).filter(k -> cube.labelOf(k) != cube.window())
                        .mapToObj(k -> cube.platformOf(cube.scopeOf(k)) + "/" + cube.marketplaceOf(cube.scopeOf(k)) + "/"
                                + cube.categoryOf(cube.scopeOf(k))).toList())
                .containsExactlyInAnyOrder("amazon/US/Toys", "amazon/US/ALL", "amazon/ALL/Toys", "amazon/ALL/ALL",
                        "ALL/US/Toys", "ALL/US/ALL", "ALL/ALL/Toys", "ALL/ALL/ALL");
        // category-level scopes only: four, each with the month and the window
        assertThat(cube.keysOf(0, false, false, keys)).isEqualTo(8);
    }

    @Test
    void monthsInTheWindowAlsoCountForTheWindowAndTheOnesBeforeForThePreviousWindow() {
        AnalysisPeriod period = new AnalysisPeriod(LocalDate.parse("2024-12-31"), 12);
        Dataset<Row> fact = new FactRows()
                .sale("amazon", "US", "Toys", "2024-01", "p1", "s1", 1, 10)   // first month of the window
                .sale("amazon", "US", "Toys", "2023-12", "p1", "s1", 1, 10)   // last month of the previous window
                .sale("amazon", "US", "Toys", "2022-12", "p1", "s1", 1, 10)   // before both
                .build(spark);
        FactCube cube = FactCube.load(fact, period);
        List<String> labels = new java.util.ArrayList<>();
        List<String> withoutPrevious = new java.util.ArrayList<>();
        int[] keys = new int[16];
        int root = cube.scope(cube.platforms.find("amazon"), cube.marketplaces.find("US"), cube.categories.find("Toys"));
        for (int row = 0; row < cube.rows(); row++) {
            int n = cube.keysOf(row, true, true, keys);
            for (int q = 0; q < n; q++) {
                if (cube.scopeOf(keys[q]) == root) {
                    labels.add(cube.periodOf(cube.labelOf(keys[q])));
                }
            }
            n = cube.keysOf(row, false, true, keys);
            for (int q = 0; q < n; q++) {
                if (cube.scopeOf(keys[q]) == root) {
                    withoutPrevious.add(cube.periodOf(cube.labelOf(keys[q])));
                }
            }
        }
        assertThat(labels).containsExactlyInAnyOrder("2024-01", "window", "2023-12", "previous_window", "2022-12");
        assertThat(withoutPrevious).hasSize(4);
    }

    @Test
    void distinctEntitiesCountOncePerKeyFromAnyCountedRowOfAnyOfTheirCells() {
        AnalysisPeriod period = new AnalysisPeriod(LocalDate.parse("2024-12-31"), 12);
        Dataset<Row> fact = new FactRows()
                .sale("amazon", "US", "Toys", "2024-05", "p2", "s1", 0, 0)    // s1's Toys cell: a row without units ...
                .sale("amazon", "US", "Toys", "2024-05", "p1", "s1", 1, 10)   // ... and one with
                .sale("amazon", "US", "Toys", "2024-05", "p3", "s1", 4, 40)
                .sale("amazon", "US", "Games", "2024-05", "p4", "s1", 0, 0)   // s1 in Games: no units
                .sale("ebay", "UK", "Toys", "2024-05", "p5", "s3", 2, 20)
                .sale("amazon", "US", "Toys", "2024-06", "p1", "s2", 0, 0)    // s2: no units at all
                .build(spark);
        FactCube cube = FactCube.load(fact, period);
        FactCube.Groups bySeller = cube.groupBy(cube::seller, cube.sellers.size());
        long[] selling = cube.distinct(bySeller, r -> cube.units(r) > 0, true);
        assertThat(count(cube, selling, "amazon", "US", "Toys", "2024-05")).isEqualTo(1);
        assertThat(count(cube, selling, "amazon", "US", "Games", "2024-05")).isZero();
        assertThat(count(cube, selling, "amazon", "US", "ALL", "2024-05")).isEqualTo(1);   // s1 once, from two cells
        assertThat(count(cube, selling, "ALL", "ALL", "Toys", "2024-05")).isEqualTo(2);    // s1 and s3
        assertThat(count(cube, selling, "ALL", "ALL", "ALL", "window")).isEqualTo(2);
        assertThat(count(cube, selling, "amazon", "US", "Toys", "2024-06")).isZero();

        // an entity's own condition per period: s3 only, and only in the window
        long[] s3InWindow = cube.distinct(bySeller, r -> cube.units(r) > 0,
                (seller, label) -> cube.sellerId(seller).equals("s3") && label == cube.window(), true);
        assertThat(count(cube, s3InWindow, "ALL", "ALL", "ALL", "window")).isEqualTo(1);
        assertThat(count(cube, s3InWindow, "ALL", "ALL", "ALL", "2024-05")).isZero();
        assertThat(count(cube, s3InWindow, "ebay", "UK", "Toys", "window")).isEqualTo(1);
    }

    /** The count of the key (scope, period) — of a period with rows in that scope. */
    private static long count(FactCube cube, long[] counts, String platform, String marketplace, String category, String period) {
        int p = platform.equals("ALL") ? FactCube.ALL : cube.platforms.find(platform);
        int m = marketplace.equals("ALL") ? FactCube.ALL : cube.marketplaces.find(marketplace);
        int c = category.equals("ALL") ? FactCube.ALL : cube.categories.find(category);
        int scope = cube.scope(p, m, c);
        for (int label = 0; label < cube.labels(); label++) {
            if (cube.periodOf(label).equals(period)) {
                return counts[scope * cube.labels() + label];
            }
        }
        throw new AssertionError("no period " + period);
    }

    @Test
    void theWindowEndsAtTheLastFullMonth() {
        assertThat(new AnalysisPeriod(LocalDate.parse("2025-08-31"), 12).lastPeriod()).isEqualTo("2025-08");
        assertThat(new AnalysisPeriod(LocalDate.parse("2025-08-30"), 12).lastPeriod()).isEqualTo("2025-07");
        assertThat(new AnalysisPeriod(LocalDate.parse("2025-08-31"), 12).firstWindowPeriod()).isEqualTo("2024-09");
        assertThat(new AnalysisPeriod(LocalDate.parse("2025-08-31"), 12).firstPreviousWindowPeriod()).isEqualTo("2023-09");
        assertThat(new AnalysisPeriod(LocalDate.parse("2025-08-31"), 12).lastPreviousWindowPeriod()).isEqualTo("2024-08");
        assertThat(new AnalysisPeriod(LocalDate.parse("2024-02-29"), 3).firstWindowPeriod()).isEqualTo("2023-12");
    }
}
