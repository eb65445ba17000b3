package io.marketlens.metrics.concentration;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.concentration.ConcentrationTable.Entity;
import io.marketlens.testing.SparkJobs;
import io.marketlens.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The concentration tables — three entity kinds × eight scope roll-ups × every month and the window —
 * read the market fact once per metrics run: {@link MetricsContext#cube()} loads it onto the driver on first
 * use, and every table computed from the same context after that starts no Spark job. The Spark jobs are counted by a
 * {@link SparkListener} under a job group of their own; the control loads the fact in a second context and sees the
 * same jobs again, so the counter does see them.
 */
class ConcentrationFactReadTest {

    private static SparkSession spark;
    private static Dataset<Row> fact;

    @BeforeAll
    static void cacheTheFact() {
        spark = SparkTestSession.get();
        // 2 platforms × 2 marketplaces × 3 categories × 30 months (2022-07…2024-12) × 5 sellers, some without brand
        List<Row> rows = new ArrayList<>();
        String[] platforms = {"amazon", "ebay"};
        String[] marketplaces = {"US", "DE"};
        String[] categories = {"toys", "games", "tools"};
        for (int month = 0; month < 30; month++) {
            String period = String.format("%d-%02d", 2022 + (month + 6) / 12, (month + 6) % 12 + 1);
            for (String p : platforms) {
                for (String m : marketplaces) {
                    for (String c : categories) {
                        for (int s = 0; s < 5; s++) {
                            rows.add(ConcentrationTableTest.sale(p, m, c, period, "s" + s, s == 4 ? null : "brand" + s % 3,
                                    "p" + s, 10 + s * s + month));
                        }
                    }
                }
            }
        }
        fact = ConcentrationTableTest.fact(spark, rows).cache();
        fact.count();
    }

    @AfterAll
    static void uncache() {
        fact.unpersist();
    }

    @Test
    void theTablesOfOneContextReadTheFactOnce() throws TimeoutException {
        MetricsContext ctx = ConcentrationTableTest.context(fact);
        int load = jobs(() -> ctx.cube().rows());
        assertThat(load).as("Spark jobs to load the fact onto the driver").isPositive();

        // every kind, scope and period of concentration, and the curve, from the loaded fact: no Spark job at all
        List<Row> all = new ArrayList<>();
        List<Row> sellers = new ArrayList<>();
        int tables = jobs(() -> {
            all.addAll(ConcentrationTable.compute(ctx, EnumSet.allOf(Entity.class)).rows().collectAsList());
            sellers.addAll(ConcentrationTable.compute(ctx, EnumSet.of(Entity.SELLER)).rows().collectAsList());
        });
        assertThat(tables).as("Spark jobs of the tables once the fact is loaded").isZero();
        // 36 scopes ((2 platforms + ALL) × (2 marketplaces + ALL) × (3 categories + ALL)) × (30 months + window) for
        // one kind (the previous window only gives the window its change); the three kinds have three times as many
        assertThat(sellers).hasSize(36 * 31);
        assertThat(all).hasSize(3 * sellers.size());

        // control: a second context loads the fact again, so the counter sees the jobs a reload starts
        MetricsContext other = ConcentrationTableTest.context(fact);
        assertThat(jobs(() -> other.cube().rows())).isEqualTo(load);
    }

    private static int jobs(Runnable work) throws TimeoutException {
        return SparkJobs.count(spark, work);
    }
}
