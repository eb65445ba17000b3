package io.marketlens.metrics.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.testing.FactRows;
import io.marketlens.testing.SparkTestSession;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    private final SparkSession spark = SparkTestSession.get();

    @Test
    void classifiesEachScopeFromItsMonthlySeries() {
        FactRows f = new FactRows();
        YearMonth start = YearMonth.of(2023, 1);
        for (int i = 0; i < 24; i++) {
            String p = start.plusMonths(i).toString();
            f.sale("amazon", "US", "Flat", p, "f1", "s1", 1, 100);                 // 2 years at 100 → yoy 0: maturity
            f.sale("amazon", "US", "Up", p, "u1", "s2", 1, i < 12 ? 100 : 120);    // year 2 = 1.2 × year 1: growth
            if (i >= 12) {
                f.sale("amazon", "US", "Young", p, "y1", "s3", 1, 50);            // 12 months only
            }
        }
        f.sale("amazon", "US", "Down", "2023-01", "d1", "s4", 1, 1000);            // 1000, then months of nothing
        f.sale("amazon", "US", "Down", "2024-06", "d1", "s4", 1, 900);             // yoy 900/1000 − 1 = −0.1: decline
        MetricsContext ctx = new MetricsContext(spark, f.build(spark), Optional.empty(),
                new AnalysisPeriod(LocalDate.parse("2024-12-31"), 12));

        List<Row> rows = Lifecycle.compute(ctx, LifecycleStage.Thresholds.DEFAULT).rows().collectAsList();
        assertThat(rows).filteredOn(r -> r.getAs("marketplace").equals("US") && r.getAs("platform").equals("amazon"))
                .extracting(r -> r.getAs("category") + " " + r.getAs("stage") + " "
                        + (r.isNullAt(r.fieldIndex("yoy_growth")) ? "-" : String.format("%.6f", r.<Double>getAs("yoy_growth")))
                        + " " + r.getAs("months") + " " + r.getAs("status"))
                .containsExactly(
                        // all categories: 2024 = 1200 + 1440 + 600 + 900 = 4140 against 2023 = 1200 + 1200 + 0 + 1000 = 3400
                        "ALL growth 0.217647 24 null",
                        "Down decline -0.100000 24 null",    // 900 / 1000 − 1; the 22 empty months count as 0
                        "Flat maturity 0.000000 24 null",
                        "Up growth 0.200000 24 null",
                        "Young null - 12 insufficient_history");
    }
}
