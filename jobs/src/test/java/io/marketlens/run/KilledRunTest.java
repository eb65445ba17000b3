package io.marketlens.run;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.not;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.cli.MarketlensCli;
import io.marketlens.config.ConfigLoader;
import io.marketlens.fact.FactStore;
import io.marketlens.fact.MarketFact;
import io.marketlens.ingest.Source;
import io.marketlens.io.Storage;
import io.marketlens.tables.Columns;
import io.marketlens.testing.NightlyInputs;
import io.marketlens.testing.SparkTestSession;
import io.marketlens.testing.StdStreams;
import io.marketlens.warehouse.Warehouse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL (no shutdown hook, no finally block runs) of a real marketlens process while it merges tonight's rows into
 * the warehouse, and while it updates the market fact: every table stays readable at a committed version — the sales
 * table holds either last night's rows or tonight's, never part of them — and the next run completes, with a fact
 * equal to one built from scratch.
 */
class KilledRunTest {

    @TempDir
    static Path tmp;

    private final SparkSession spark = SparkTestSession.get();
    private final Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());

    @Test
    void aRunKilledDuringTheMergeOrTheFactUpdateLeavesCommittedTablesAndTheNextRunCompletes() throws Exception {
        NightlyInputs.Folders in = NightlyInputs.write(tmp);
        Path out = tmp.resolve("out");
        Path warehouse = out.resolve("warehouse");
        String[] run = {"run", "--input", in.history().toString(), "--output", out.toString(), "--config", in.config().toString()};
        StdStreams.Captured first = StdStreams.capture(() -> MarketlensCli.execute(run));
        assertThat(first.exitCode()).as(first.err()).isZero();
        long lastNight = salesRows(warehouse);
        NightlyInputs.copyTree(in.tonight(), in.history());

        List<String> killedAt = new ArrayList<>();
        for (String stage : List.of("[warehouse]", "[fact]")) {
            for (long delayMillis : new long[]{200, 1500}) {
                killedAt.add(killDuring(run, stage, delayMillis));
                long rows = salesRows(warehouse);
                assertThat(rows).as("sales rows after a kill %s", killedAt).isIn(lastNight, lastNight + tonightsNewLines(in));
            }
        }

        StdStreams.Captured next = StdStreams.capture(() -> MarketlensCli.execute(run));
        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(salesRows(warehouse)).isEqualTo(lastNight + tonightsNewLines(in));
        assertFactIsFresh(warehouse, in.config());
    }

    /** Starts {@code marketlens run} in its own JVM and kills it {@code delayMillis} after it prints {@code stage}. */
    private static String killDuring(String[] args, String stage, long delayMillis) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Xmx") || a.startsWith("-Djdk.reflect")
                        || a.startsWith("-Djava.awt"))
                .forEach(command::add);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MarketlensCli.class.getName());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        CountDownLatch reached = new CountDownLatch(1);
        StringBuilder log = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    log.append(line).append('\n');
                    if (line.equals(stage)) {
                        reached.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // the process was killed
            }
        });
        reader.start();
        assertThat(reached.await(5, TimeUnit.MINUTES)).as("the run reaches %s:%n%s", stage, log).isTrue();
        Thread.sleep(delayMillis);
        boolean stillRunning = p.isAlive();
        p.destroyForcibly(); // SIGKILL
        p.waitFor();
        reader.join();
        assertThat(stillRunning).as("killed before it finished:%n%s", log).isTrue();
        return stage + "+" + delayMillis + "ms";
    }

    private long salesRows(Path warehouse) {
        return Warehouse.open(spark, storage, warehouse.toString()).table(spark, Source.SALES).orElseThrow().count();
    }

    /** Tonight's sales lines that are new keys (the three corrections replace lines already there). */
    private static long tonightsNewLines(NightlyInputs.Folders in) throws java.io.IOException {
        return java.nio.file.Files.readAllLines(in.tonight().resolve("sales/orders-2025-08-25.csv")).size() - 1L;
    }

    /**
     * The stored fact has the rows of a fact built from the warehouse's current tables: the same keys, units and
     * orders, revenue equal but for the order of the sum's terms (relative 1e-12).
     */
    private void assertFactIsFresh(Path warehouse, Path config) {
        Warehouse w = Warehouse.open(spark, storage, warehouse.toString());
        Dataset<Row> stored = spark.read().format("delta").load(warehouse.resolve(FactStore.FACT).toString());
        Dataset<Row> rebuilt = MarketFact.build(w.table(spark, Source.SALES), w.table(spark, Source.COMPETITORS),
                ConfigLoader.load(config).fact()).orElseThrow();
        String[] key = {Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.PERIOD,
                MarketFact.PRODUCT, MarketFact.SELLER, MarketFact.SOURCE};
        Dataset<Row> a = stored.select(col(key[0]), col(key[1]), col(key[2]), col(key[3]), col(key[4]), col(key[5]), col(key[6]),
                col(Columns.UNITS).as("u1"), col(Columns.ORDERS).as("o1"), col(Columns.REVENUE).as("r1"));
        Dataset<Row> b = rebuilt.select(col(key[0]), col(key[1]), col(key[2]), col(key[3]), col(key[4]), col(key[5]), col(key[6]),
                col(Columns.UNITS).as("u2"), col(Columns.ORDERS).as("o2"), col(Columns.REVENUE).as("r2"));
        Dataset<Row> both = a.join(b, scala.jdk.javaapi.CollectionConverters.asScala(List.of(key)).toList(), "full_outer");
        assertThat(stored.count()).isEqualTo(rebuilt.count()).isGreaterThan(1000);
        List<Row> differ = both.filter(col("u1").isNull().or(col("u2").isNull()).or(not(col("u1").eqNullSafe(col("u2"))))
                .or(not(col("o1").eqNullSafe(col("o2"))))
                .or(abs(col("r1").minus(col("r2"))).gt(greatest(abs(col("r1")), abs(col("r2"))).multiply(1e-12))))
                .collectAsList();
        assertThat(differ).as("fact rows that differ from a rebuilt fact").isEmpty();
    }
}
