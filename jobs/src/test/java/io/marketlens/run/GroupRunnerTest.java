package io.marketlens.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlens.metrics.MetricsContext;
import io.marketlens.tables.TableSchema;
import io.marketlens.tables.Tables;
import io.marketlens.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The metric groups run side by side, read each other's tables when written, and report in their own order. */
class GroupRunnerTest {

    private final SparkSession spark = SparkTestSession.get();
    private final List<String> printed = Collections.synchronizedList(new ArrayList<>());
    private final List<String> started = Collections.synchronizedList(new ArrayList<>());

    /** A group of one table, whose body returns the rows it writes. */
    private static MetricsStage.Group group(TableSchema table) {
        return new MetricsStage.Group(List.of(table), false, ctx -> List.of());
    }

    /** Runs the groups; each writes the rows its behaviour returns, under its table's name. */
    private List<String> run(int threads, List<TableSchema> tables, Map<TableSchema, Function<MetricsContext, List<Row>>> behaviour) {
        MetricsContext ctx = new MetricsContext(spark, null, Optional.empty(), null);
        List<MetricsStage.Group> groups = tables.stream().map(GroupRunnerTest::group).toList();
        return new GroupRunner(groups, ctx, threads, (g, c) -> {
            TableSchema t = g.tables().get(0);
            started.add(t.name());
            List<Row> rows = behaviour.get(t).apply(c);
            c.publish(t.name(), spark.emptyDataFrame(), rows);
            return new GroupRunner.Done(List.of(t.name() + " " + rows.size()), List.of(t.name()));
        }, printed::add).run();
    }

    private static List<Row> rows(int n) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(RowFactory.create(i));
        }
        return out;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the other group never ran beside this one");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void twoGroupsRunAtOnceALaterOneWaitsForTheTableItReadsAndTheLinesKeepTheGroupsOrder() {
        CountDownLatch secondStarted = new CountDownLatch(1);
        List<String> names = run(2, List.of(Tables.MARKET_SIZE, Tables.LIFECYCLE, Tables.NEW_VS_EXISTING), Map.of(
                // finishes only once the second group has run: both ran at the same time
                Tables.MARKET_SIZE, ctx -> {
                    await(secondStarted);
                    return rows(3);
                },
                Tables.LIFECYCLE, ctx -> {
                    secondStarted.countDown();
                    return rows(1);
                },
                // starts on the second group's thread while the first still computes its table, and waits for it
                Tables.NEW_VS_EXISTING, ctx -> rows(ctx.tableRows(Tables.MARKET_SIZE).size() + 2)));
        assertThat(names).containsExactly("market_size", "lifecycle", "new_vs_existing");
        // lifecycle finished first, but is printed after market_size
        assertThat(printed).containsExactly("market_size 3", "lifecycle 1", "new_vs_existing 5");
    }

    @Test
    void oneThreadRunsTheGroupsOneAfterTheOtherOnTheCallingThread() {
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        Function<MetricsContext, List<Row>> body = ctx -> {
            threads.add(Thread.currentThread().getName());
            return rows(threads.size());
        };
        List<String> names = run(1, List.of(Tables.MARKET_SIZE, Tables.LIFECYCLE, Tables.CONCENTRATION),
                Map.of(Tables.MARKET_SIZE, body, Tables.LIFECYCLE, body, Tables.CONCENTRATION, body));
        assertThat(names).containsExactly("market_size", "lifecycle", "concentration");
        assertThat(started).containsExactly("market_size", "lifecycle", "concentration");
        assertThat(threads).containsOnly(Thread.currentThread().getName());
        assertThat(printed).containsExactly("market_size 1", "lifecycle 2", "concentration 3");
    }

    @Test
    void groupsStartedFirstRunBeforeTheOthersAndArePrintedInTheirPlace() {
        MetricsContext ctx = new MetricsContext(spark, null, Optional.empty(), null);
        List<MetricsStage.Group> groups = List.of(group(Tables.MARKET_SIZE), group(Tables.LOGISTICS_LANES).first(),
                group(Tables.LIFECYCLE), group(Tables.OWN_STORE).first());
        List<String> names = new GroupRunner(groups, ctx, 1, (g, c) -> {
            String t = g.tables().get(0).name();
            started.add(t);
            c.publish(t, spark.emptyDataFrame(), rows(1));
            return new GroupRunner.Done(List.of(t + " 1"), List.of(t));
        }, printed::add).run();
        assertThat(started).containsExactly("logistics_lanes", "own_store", "market_size", "lifecycle");
        assertThat(printed).containsExactly("market_size 1", "logistics_lanes 1", "lifecycle 1", "own_store 1");
        assertThat(names).containsExactly("market_size", "logistics_lanes", "lifecycle", "own_store");

        // a run with a large fact starts every group in the groups' order
        started.clear();
        printed.clear();
        new GroupRunner(groups, new MetricsContext(spark, null, Optional.empty(), null), 1, (g, c) -> {
            String t = g.tables().get(0).name();
            started.add(t);
            c.publish(t, spark.emptyDataFrame(), rows(1));
            return new GroupRunner.Done(List.of(t + " 1"), List.of(t));
        }, printed::add, false).run();
        assertThat(started).containsExactly("market_size", "logistics_lanes", "lifecycle", "own_store");
        assertThat(printed).containsExactly("market_size 1", "logistics_lanes 1", "lifecycle 1", "own_store 1");
    }

    @Test
    void aFailedGroupFailsTheGroupsWaitingForItsTableStartsNoOtherAndIsThrownAsItWas() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        CountDownLatch waiting = new CountDownLatch(1);
        assertThatThrownBy(() -> run(2, List.of(Tables.MARKET_SIZE, Tables.LIFECYCLE, Tables.CONCENTRATION), Map.of(
                Tables.MARKET_SIZE, ctx -> {
                    await(waiting);
                    throw boom;
                },
                Tables.LIFECYCLE, ctx -> {
                    waiting.countDown();
                    return rows(ctx.tableRows(Tables.MARKET_SIZE).size());
                },
                Tables.CONCENTRATION, ctx -> rows(1)))).isSameAs(boom);
        assertThat(started).containsExactlyInAnyOrder("market_size", "lifecycle");
        assertThat(printed).isEmpty();
    }

    @Test
    void aGroupThatReadsTheTableOfAGroupNotStartedFailsInsteadOfWaiting() {
        assertThatThrownBy(() -> run(1, List.of(Tables.MARKET_SIZE, Tables.LIFECYCLE), Map.of(
                Tables.MARKET_SIZE, ctx -> ctx.tableRows(Tables.LIFECYCLE),
                Tables.LIFECYCLE, ctx -> rows(1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("table lifecycle is needed before it is written");
        assertThat(started).containsExactly("market_size");
    }

    @Test
    void whetherATableIsWrittenWaitsForAGroupUnderWayAndIsFalseForOneThatNeverRuns() {
        CountDownLatch asking = new CountDownLatch(1);
        List<Boolean> answers = Collections.synchronizedList(new ArrayList<>());
        run(2, List.of(Tables.MARKET_SIZE, Tables.CHANGES), Map.of(
                Tables.MARKET_SIZE, ctx -> {
                    await(asking);
                    return rows(2);
                },
                // asks while market_size is still computing: waits for it; lifecycle is in no group of this run
                Tables.CHANGES, ctx -> {
                    asking.countDown();
                    answers.add(ctx.hasTable(Tables.MARKET_SIZE.name()));
                    answers.add(ctx.hasTable(Tables.LIFECYCLE.name()));
                    return rows(ctx.tableRows(Tables.MARKET_SIZE).size());
                }));
        assertThat(answers).containsExactly(true, false);
        assertThat(printed).containsExactly("market_size 2", "changes 2");
    }

    @Test
    void theNumberOfThreadsComesFromTheSystemPropertyOrIsThree() {
        String before = System.getProperty(MetricsStage.THREADS_PROPERTY);
        try {
            System.clearProperty(MetricsStage.THREADS_PROPERTY);
            assertThat(MetricsStage.defaultThreads()).isEqualTo(3);
            System.setProperty(MetricsStage.THREADS_PROPERTY, " 1 ");
            assertThat(MetricsStage.defaultThreads()).isEqualTo(1);
            System.setProperty(MetricsStage.THREADS_PROPERTY, "0");
            assertThatThrownBy(MetricsStage::defaultThreads).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("-Dmarketlens.metrics.threads=0 is not a number of threads; give 1 or more");
            System.setProperty(MetricsStage.THREADS_PROPERTY, "two");
            assertThatThrownBy(MetricsStage::defaultThreads).hasMessageContaining("=two is not a number of threads");
        } finally {
            if (before == null) {
                System.clearProperty(MetricsStage.THREADS_PROPERTY);
            } else {
                System.setProperty(MetricsStage.THREADS_PROPERTY, before);
            }
        }
    }
}
