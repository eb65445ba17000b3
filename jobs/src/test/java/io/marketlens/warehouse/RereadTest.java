package io.marketlens.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlens.config.ConfigException;
import io.marketlens.config.ConfigLoader;
import io.marketlens.config.MarketlensConfig;
import io.marketlens.ingest.FileStats;
import io.marketlens.ingest.InputFolderException;
import io.marketlens.ingest.Reread;
import io.marketlens.ingest.Source;
import io.marketlens.io.Storage;
import io.marketlens.run.Progress;
import io.marketlens.run.RunPipeline;
import io.marketlens.run.RunSettings;
import io.marketlens.testing.Files2;
import io.marketlens.testing.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file read under other settings of its source is read again (issue 13: a sales export whose timestamps are written
 * {@code 05/03/2024 10:00} is quarantined whole as {@code bad_date} until {@code timestamp_pattern} says how to read
 * them); {@code --reread} forces it.
 */
class RereadTest {

    static final String HEADER = "order_id,line_id,order_ts,platform,marketplace,category,seller_id,product_id,unit_price,quantity,currency\n";

    /** Three order lines of 5, 6 and 7 March 2024, their times written day/month/year hour:minute. */
    static final String ORDERS = HEADER
            + "o1,1,05/03/2024 10:00,amazon,US,Toys,s1,p1,10,1,USD\n"
            + "o2,1,06/03/2024 11:30,amazon,US,Toys,s1,p2,20,2,USD\n"
            + "o3,1,07/03/2024 09:15,amazon,US,Toys,s1,p3,30,3,USD\n";

    @TempDir
    Path dir;

    private final SparkSession spark = SparkTestSession.get();
    private final Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
    private final ByteArrayOutputStream said = new ByteArrayOutputStream();

    private MarketlensConfig withTimestampPattern() {
        Path yaml = Files2.write(dir.resolve("marketlens.yaml"), "sources:\n  sales:\n    timestamp_pattern: dd/MM/yyyy HH:mm\n");
        return ConfigLoader.load(yaml);
    }

    private RunPipeline.Outcome ingest(MarketlensConfig config, Reread reread) {
        said.reset();
        RunSettings settings = new RunSettings(dir.resolve("in").toString(), null, dir.resolve("wh").toString(), null, config,
                reread);
        return new RunPipeline(spark, new Progress(new PrintStream(said, true, StandardCharsets.UTF_8))).ingestOnly(settings);
    }

    private String progress() {
        return said.toString(StandardCharsets.UTF_8);
    }

    private Warehouse warehouse() {
        return Warehouse.open(spark, storage, dir.resolve("wh").toString());
    }

    /** Each stored sales line: order, time, quantity and price. */
    private List<String> sales() {
        return warehouse().table(spark, Source.SALES).map(t -> t.orderBy("order_id").collectAsList().stream()
                .map(r -> r.getAs("order_id") + " " + r.<Instant>getAs("order_ts") + " x" + r.getAs("quantity") + " @"
                        + r.<java.math.BigDecimal>getAs("unit_price").stripTrailingZeros().toPlainString())
                .toList()).orElse(List.of());
    }

    /** Each stored quarantined row: file name, line, reason. */
    private List<String> quarantine() {
        return warehouse().quarantine(spark).orderBy("file", "line").collectAsList().stream()
                .map(r -> r.<String>getAs("file").replaceAll(".*/", "") + ":" + r.getAs("line") + " " + r.getAs("reason"))
                .toList();
    }

    private static String counts(FileStats f) {
        return f.file().replaceAll(".*/", "") + " " + f.rowsRead() + "/" + f.rowsAccepted() + "/" + f.rowsQuarantined() + " " + f.reasons();
    }

    private FileStats registered(String name) {
        return warehouse().registry().values().stream().filter(f -> f.file().endsWith("/" + name)).findFirst().orElseThrow();
    }

    @Test
    void aFileQuarantinedForItsDatesIsReadAgainWhenTheTimestampPatternIsSet() {
        Files2.write(dir.resolve("in/sales/orders.csv"), ORDERS);
        RunPipeline.Outcome first = ingest(MarketlensConfig.defaults(), Reread.NONE);
        assertThat(first.ingest().files()).extracting(RereadTest::counts)
                .containsExactly("orders.csv 3/0/3 {bad_date:order_ts=3}");
        assertThat(sales()).isEmpty();
        assertThat(quarantine()).containsExactly("orders.csv:2 bad_date:order_ts", "orders.csv:3 bad_date:order_ts",
                "orders.csv:4 bad_date:order_ts");
        FileStats before = registered("orders.csv");
        assertThat(before.settings()).isEqualTo(MarketlensConfig.defaults().ingest().fingerprint(Source.SALES)).hasSize(64);

        // the user adds timestamp_pattern; the same file is still in the folder
        MarketlensConfig fixed = withTimestampPattern();
        RunPipeline.Outcome second = ingest(fixed, Reread.NONE);
        assertThat(progress()).contains("sales       " + dir.resolve("in/sales/orders.csv") + ": read again: settings of"
                + " sources.sales changed");
        assertThat(second.ingest().rereadWhy()).containsOnly(Map.entry("sales:" + before.sha256(), "settings of sources.sales changed"));
        assertThat(second.ingest().files()).extracting(RereadTest::counts).containsExactly("orders.csv 3/3/0 {}");
        assertThat(sales()).containsExactly("o1 2024-03-05T10:00:00Z x1 @10", "o2 2024-03-06T11:30:00Z x2 @20",
                "o3 2024-03-07T09:15:00Z x3 @30");
        assertThat(quarantine()).as("the old quarantined rows are gone").isEmpty();
        FileStats after = registered("orders.csv");
        assertThat(counts(after)).isEqualTo("orders.csv 3/3/0 {}");
        assertThat(after.batch()).as("read again under its first batch").isEqualTo(before.batch());
        assertThat(after.settings()).isEqualTo(fixed.ingest().fingerprint(Source.SALES)).isNotEqualTo(before.settings());

        // the same settings again: nothing is read, nothing written
        long registryVersion = warehouse().seq();
        RunPipeline.Outcome third = ingest(fixed, Reread.NONE);
        assertThat(third.ingest().newFiles()).isEmpty();
        assertThat(third.ingest().reread()).isEmpty();
        assertThat(progress()).doesNotContain("read again");
        assertThat(warehouse().seq()).isEqualTo(registryVersion);
        assertThat(registered("orders.csv")).isEqualTo(after);
    }

    @Test
    void rereadReadsTheFilesNamedOrAllOfThemWithTheSameSettings() {
        Files2.write(dir.resolve("in/sales/orders.csv"), ORDERS);
        Files2.write(dir.resolve("in/sales/more.csv"), HEADER + "o4,1,2024-03-08T08:00:00Z,amazon,US,Toys,s1,p4,40,4,USD\n");
        MarketlensConfig fixed = withTimestampPattern();
        ingest(fixed, Reread.NONE);
        assertThat(sales()).hasSize(4);
        long seq = warehouse().seq();

        // named as under the input folder
        RunPipeline.Outcome named = ingest(fixed, Reread.of("sales/orders.csv"));
        assertThat(progress()).contains(dir.resolve("in/sales/orders.csv") + ": read again: asked for with --reread")
                .doesNotContain("more.csv: read again");
        assertThat(named.ingest().newFiles()).extracting(RereadTest::counts).containsExactly("orders.csv 3/3/0 {}");
        assertThat(warehouse().seq()).as("the registry entry is written again").isEqualTo(seq + 1);
        assertThat(sales()).containsExactly("o1 2024-03-05T10:00:00Z x1 @10", "o2 2024-03-06T11:30:00Z x2 @20",
                "o3 2024-03-07T09:15:00Z x3 @30", "o4 2024-03-08T08:00:00Z x4 @40");

        // named as the manifest shows it
        RunPipeline.Outcome shown = ingest(fixed, Reread.of(dir.resolve("in/sales/more.csv").toString()));
        assertThat(shown.ingest().newFiles()).extracting(RereadTest::counts).containsExactly("more.csv 1/1/0 {}");

        RunPipeline.Outcome all = ingest(fixed, Reread.everything());
        assertThat(all.ingest().newFiles()).extracting(RereadTest::counts)
                .containsExactlyInAnyOrder("orders.csv 3/3/0 {}", "more.csv 1/1/0 {}");
        assertThat(all.ingest().rereadWhy().values()).containsExactly("--reread", "--reread");
        assertThat(sales()).hasSize(4);
        assertThat(quarantine()).isEmpty();

        long before = warehouse().seq();
        assertThatThrownBy(() -> ingest(fixed, Reread.of("sales/nope.csv")))
                .isInstanceOf(InputFolderException.class)
                .hasMessageStartingWith("--reread sales/nope.csv: no such file in the input folder " + dir.resolve("in"));
        assertThat(warehouse().seq()).isEqualTo(before);
    }

    @Test
    void aRowTheNewSettingsQuarantineLeavesTheTable() {
        Files2.write(dir.resolve("in/sales/orders.csv"), ORDERS);
        ingest(withTimestampPattern(), Reread.NONE);
        assertThat(sales()).hasSize(3);

        // a tighter bound on a line's quantity: o3's 3 units are now out of range
        Path yaml = Files2.write(dir.resolve("tight.yaml"), "plausibility:\n  max_quantity: 2\n"
                + "sources:\n  sales:\n    timestamp_pattern: dd/MM/yyyy HH:mm\n");
        RunPipeline.Outcome tight = ingest(ConfigLoader.load(yaml), Reread.NONE);
        assertThat(tight.ingest().rereadWhy().values()).containsExactly("settings of sources.sales changed");
        assertThat(tight.ingest().files()).extracting(RereadTest::counts)
                .containsExactly("orders.csv 3/2/1 {out_of_range:quantity=1}");
        assertThat(sales()).as("o3 is no longer stored").containsExactly("o1 2024-03-05T10:00:00Z x1 @10",
                "o2 2024-03-06T11:30:00Z x2 @20");
        assertThat(quarantine()).containsExactly("orders.csv:4 out_of_range:quantity");
        assertThat(warehouse().changedMonths(Source.SALES, warehouse().version(Source.SALES) - 1))
                .contains(java.util.Set.of("2024-03"));
    }

    @Test
    void aWarehouseWithoutSettingsTakesTonightsAndReadsAgainWhenTheyChangeLater() {
        Files2.write(dir.resolve("in/sales/orders.csv"), ORDERS);
        ingest(MarketlensConfig.defaults(), Reread.NONE);
        // the registry as an earlier marketlens wrote it: no settings column
        String registry = dir.resolve("wh/files").toString();
        spark.read().format("delta").load(registry).drop("settings").coalesce(1).write().format("delta")
                .mode(SaveMode.Overwrite).option("overwriteSchema", "true").save(registry);
        assertThat(registered("orders.csv").settings()).isNull();

        // upgraded and the pattern set in one go: the file is not read again (its settings are taken to be tonight's)
        MarketlensConfig fixed = withTimestampPattern();
        RunPipeline.Outcome upgraded = ingest(fixed, Reread.NONE);
        assertThat(upgraded.ingest().reread()).isEmpty();
        assertThat(upgraded.ingest().settingsAdopted()).extracting(RereadTest::counts)
                .containsExactly("orders.csv 3/0/3 {bad_date:order_ts=3}");
        assertThat(sales()).isEmpty();
        assertThat(registered("orders.csv").settings()).isEqualTo(fixed.ingest().fingerprint(Source.SALES));

        // those settings are now recorded: going back to the defaults reads the file again
        RunPipeline.Outcome back = ingest(MarketlensConfig.defaults(), Reread.NONE);
        assertThat(back.ingest().rereadWhy().values()).containsExactly("settings of sources.sales changed");
        assertThat(quarantine()).hasSize(3);

        // and --reread reads it with the pattern
        ingest(fixed, Reread.of("sales/orders.csv"));
        assertThat(sales()).hasSize(3);
        assertThat(quarantine()).isEmpty();
    }

    @Test
    void aRunWithNoAcceptedRowSaysHowManyWereQuarantinedAndWhy() {
        Files2.write(dir.resolve("in/sales/orders.csv"), ORDERS);
        RunSettings settings = new RunSettings(dir.resolve("in").toString(), dir.resolve("out").toString(), null, null,
                MarketlensConfig.defaults());
        assertThatThrownBy(() -> new RunPipeline(spark, new Progress(new PrintStream(PrintStream.nullOutputStream()))).run(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessage("no rows were accepted, so there is no data to date the run by: all 3 rows read were quarantined"
                        + " (bad_date:order_ts 3); 'marketlens validate --input " + dir.resolve("in") + "' lists them;"
                        + " for dates written in another form, set sources.sales.timestamp_pattern to the form of order_ts"
                        + " (e.g. dd/MM/yyyy HH:mm) and run again: files are read again when their source's settings change;"
                        + " or give --as-of");
    }
}
