package io.marketlens.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.testing.FactRows;
import io.marketlens.testing.SparkTestSession;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The market fact's cube and order counts loaded by one thread for the groups that wait for them. */
class CubeLoadingTest {

    private final SparkSession spark = SparkTestSession.get();
    private final AnalysisPeriod period = new AnalysisPeriod(LocalDate.parse("2024-12-31"), 12);
    private final Dataset<Row> fact = new FactRows().sale("amazon", "US", "Toys", "2024-05", "p1", "s1", 1, 10).build(spark);

    @Test
    void groupsWaitForTheCubeAndTheCountsTheLoaderHandsOver() throws Exception {
        MetricsContext ctx = new MetricsContext(spark, null, Optional.empty(), period);
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        ctx.cubeLoadedBy(loaded);
        // a group asks before the loader has anything: it waits (the context has no fact to load a cube of its own)
        CompletableFuture<long[]> asked = CompletableFuture.supplyAsync(ctx::orderCounts);
        Thread.sleep(200);
        assertThat(asked).isNotDone();

        FactCube cube = FactCube.load(fact, period);
        long[] counts = new long[cube.keys()];
        java.util.Arrays.fill(counts, 7);
        ctx.useCube(cube);
        // the cube alone is there: the counts are still awaited
        assertThat(ctx.cube()).isSameAs(cube);
        Thread.sleep(100);
        assertThat(asked).isNotDone();
        ctx.useOrderCounts(counts);
        loaded.complete(null);

        assertThat(asked.get(30, TimeUnit.SECONDS)).containsOnly(7L).hasSize(cube.keys());
        assertThat(ctx.cube()).isSameAs(cube);
    }

    @Test
    void aLoadThatFailsIsThrownToTheGroupsThatWaitForIt() {
        MetricsContext ctx = new MetricsContext(spark, fact, Optional.empty(), period);
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        ctx.cubeLoadedBy(loaded);
        IllegalStateException failure = new IllegalStateException("the fact table cannot be read");
        loaded.completeExceptionally(failure);
        assertThatThrownBy(ctx::cube).isSameAs(failure);
        assertThatThrownBy(ctx::orderCounts).isSameAs(failure);
    }
}
