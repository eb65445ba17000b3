package io.marketlens.metrics.concentration;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.metrics.concentration.ConcentrationTable.Entity;
import io.marketlens.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole {@code concentration} table — three entity kinds × eight scopes × every month, the window and
 * the previous window — reads the cached market fact once, as deequ's tests prove that its metrics share
 * one scan.
 *
 * <p>Two measurements of one run of the table: the {@code InMemoryTableScan} nodes of its executed plan
 * (each one reads the whole cached fact), and the Spark jobs it starts, counted by a {@link SparkListener}
 * (with adaptive execution every shuffle stage is a job of its own, so the job count is the number of
 * stages). A naive table — one query per entity kind (or per scope) unioned together — has one scan and
 * one chain of stages per query. The control at the end builds exactly that union from the single-kind
 * tables and shows that the same measurement sees three scans and more jobs, so the assertions can fail.
 */
class ConcentrationScanTest {

    /** The local property {@link SparkContext#setJobGroup} sets (Spark's constant for it is internal). */
    private static final String JOB_GROUP = "spark.jobGroup.id";
    private static final Pattern SCAN = Pattern.compile("InMemoryTableScan");

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
    void theWholeTableScansTheCachedFactOnce() throws TimeoutException {
        Run all = run(() -> compute(EnumSet.allOf(Entity.class)));
        Run sellersOnly = run(() -> compute(EnumSet.of(Entity.SELLER)));

        // one scan of the cached fact serves every kind, scope and period …
        assertThat(all.scans).as("InMemoryTableScan nodes of the whole table:%n%s", all.plan).isEqualTo(1);
        assertThat(sellersOnly.scans).isEqualTo(1);
        // … and the whole table runs the same stages as one kind alone: the work is one pipeline, whose
        // rows grow with kinds and scopes but whose jobs do not
        assertThat(all.jobs).as("jobs of the whole table vs one kind").isEqualTo(sellersOnly.jobs).isPositive();
        assertThat(all.rows).isEqualTo(3 * sellersOnly.rows);

        // control: the naive union of one query per kind scans the fact three times and starts more jobs
        Run naive = run(() -> compute(EnumSet.of(Entity.SELLER)).unionByName(compute(EnumSet.of(Entity.BRAND)))
                .unionByName(compute(EnumSet.of(Entity.PRODUCT))));
        assertThat(naive.scans).as("the naive plan:%n%s", naive.plan).isEqualTo(3);
        assertThat(naive.jobs).isGreaterThan(all.jobs);
        assertThat(naive.rows).isEqualTo(all.rows);
    }

    private static Dataset<Row> compute(Set<Entity> kinds) {
        return ConcentrationTable.compute(ConcentrationTableTest.context(fact), kinds).rows();
    }

    /**
     * The plan as it ran: an adaptive plan's final stages (reused exchanges included), without the initial
     * plan that its own string repeats below them.
     */
    private static SparkPlan finalPlan(SparkPlan plan) {
        if (plan instanceof AdaptiveSparkPlanExec adaptive) {
            assertThat(adaptive.isFinalPlan()).as("the table has run, so its adaptive plan is final").isTrue();
            return adaptive.executedPlan();
        }
        return plan;
    }

    /** What one run of a table cost. */
    private record Run(int jobs, int scans, long rows, String plan) {
    }

    /** Runs the table once under a job group of its own and counts the jobs of that group and the scans of its plan. */
    private static Run run(Supplier<Dataset<Row>> table) throws TimeoutException {
        SparkContext sc = spark.sparkContext();
        String group = "concentration-scan-" + UUID.randomUUID();
        AtomicInteger jobs = new AtomicInteger();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                if (group.equals(start.properties().getProperty(JOB_GROUP))) {
                    jobs.incrementAndGet();
                }
            }
        };
        sc.addSparkListener(listener);
        try {
            sc.setJobGroup(group, "concentration scan test", false);
            Dataset<Row> rows = table.get();
            long count = rows.collectAsList().size();
            sc.clearJobGroup();
            sc.listenerBus().waitUntilEmpty();
            String plan = finalPlan(rows.queryExecution().executedPlan()).toString();
            Matcher m = SCAN.matcher(plan);
            int scans = 0;
            while (m.find()) {
                scans++;
            }
            return new Run(jobs.get(), scans, count, plan);
        } finally {
            sc.removeSparkListener(listener);
        }
    }
}
