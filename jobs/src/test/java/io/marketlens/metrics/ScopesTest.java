package io.marketlens.metrics;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.testing.FactRows;
import io.marketlens.testing.SparkTestSession;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class ScopesTest {

    private final SparkSession spark = SparkTestSession.get();

    @Test
    void everyRowCountsInItsScopeAndTheSevenRollUps() {
        Dataset<Row> fact = new FactRows().sale("amazon", "US", "Toys", "2024-05", "p1", "s1", 1, 10).build(spark);
        assertThat(Scopes.explode(fact, true).collectAsList()).extracting(r -> r.getString(0) + "/" + r.getString(1) + "/" + r.getString(2))
                .containsExactlyInAnyOrder("amazon/US/Toys", "amazon/US/ALL", "amazon/ALL/Toys", "amazon/ALL/ALL",
                        "ALL/US/Toys", "ALL/US/ALL", "ALL/ALL/Toys", "ALL/ALL/ALL");
        assertThat(Scopes.explode(fact, false).count()).isEqualTo(4);
    }

    @Test
    void monthsInTheWindowAlsoCountForTheWindowAndTheOnesBeforeForThePreviousWindow() {
        AnalysisPeriod period = new AnalysisPeriod(LocalDate.parse("2024-12-31"), 12);
        Dataset<Row> fact = new FactRows()
                .sale("amazon", "US", "Toys", "2024-01", "p1", "s1", 1, 10)   // first month of the window
                .sale("amazon", "US", "Toys", "2023-12", "p1", "s1", 1, 10)   // last month of the previous window
                .sale("amazon", "US", "Toys", "2022-12", "p1", "s1", 1, 10)   // before both
                .build(spark);
        assertThat(Scopes.withWindow(fact, period, true).select("period").collectAsList()).extracting(r -> r.getString(0))
                .containsExactlyInAnyOrder("2024-01", "window", "2023-12", "previous_window", "2022-12");
        assertThat(Scopes.withWindow(fact, period, false).count()).isEqualTo(4);
    }

    @Test
    void shiftsMonthsAcrossYearsAndLeavesTheWindowLabelsEmpty() {
        Dataset<Row> periods = spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create("2024-12"),
                org.apache.spark.sql.RowFactory.create("2024-01"), org.apache.spark.sql.RowFactory.create("window"),
                org.apache.spark.sql.RowFactory.create("previous_window")),
                new org.apache.spark.sql.types.StructType().add("period", "string"));
        List<Row> shifted = periods.select(Scopes.shiftMonths(col("period"), 1), Scopes.shiftMonths(col("period"), -12))
                .collectAsList();
        assertThat(shifted).extracting(r -> r.getString(0) + " " + r.getString(1))
                .containsExactly("2025-01 2023-12", "2024-02 2023-01", "null null", "null null");
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
