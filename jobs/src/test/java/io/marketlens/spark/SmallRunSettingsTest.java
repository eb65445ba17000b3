package io.marketlens.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlens.io.Storage;
import io.marketlens.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SparkSessions#withSettingsSizedTo}: a run of less data than {@link SparkSessions#SMALL_RUN_BYTES} plans its
 * queries without whole-stage code and evaluates them interpreted, with the same results; a larger run keeps Spark's
 * generated code, and a setting the session has is kept; the settings before are back afterwards. And {@link
 * Storage#bytesUnder}, the size it is given.
 */
class SmallRunSettingsTest {

    private static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
    private static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";

    private final SparkSession spark = SparkTestSession.get();

    /** 1 … 100 grouped by last digit: the sums of the ten groups. */
    private Dataset<Row> query() {
        return spark.range(1, 101).selectExpr("id % 10 as digit", "id").groupBy("digit").sum("id").orderBy("digit");
    }

    /** The plan the query ran with (adaptive execution settles the operators, and their generated code, as it runs). */
    private static String plan(Dataset<Row> rows) {
        rows.collectAsList();
        return rows.queryExecution().executedPlan().toString();
    }

    private static List<Long> sums(Dataset<Row> rows) {
        return rows.collectAsList().stream().map(r -> r.getLong(1)).toList();
    }

    /** Digit d (1 … 9) sums d + (d + 10) + … + (d + 90) = 10 d + 450; digit 0 sums 10 + 20 + … + 100 = 550. */
    private static final List<Long> SUMS = List.of(550L, 460L, 470L, 480L, 490L, 500L, 510L, 520L, 530L, 540L);

    @Test
    void aSmallRunIsInterpretedWithTheSameResultsAndTheSettingsComeBack() {
        // Spark marks the operators of whole-stage generated code with "*(n)" in the physical plan
        assertThat(plan(query())).contains("*(");
        assertThat(sums(query())).isEqualTo(SUMS);
        List<Long> interpreted = SparkSessions.withSettingsSizedTo(spark, SparkSessions.SMALL_RUN_BYTES - 1, () -> {
            assertThat(spark.conf().get(WHOLE_STAGE)).isEqualTo("false");
            assertThat(spark.conf().get(FACTORY_MODE)).isEqualTo("NO_CODEGEN");
            assertThat(plan(query())).doesNotContain("*(");
            return sums(query());
        });
        assertThat(interpreted).isEqualTo(SUMS);
        assertThat(spark.conf().contains(WHOLE_STAGE)).isFalse();
        assertThat(spark.conf().contains(FACTORY_MODE)).isFalse();
        assertThat(plan(query())).contains("*(");
    }

    @Test
    void aRunOfTheThresholdOrMoreKeepsTheGeneratedCode() {
        String plan = SparkSessions.withSettingsSizedTo(spark, SparkSessions.SMALL_RUN_BYTES, () -> {
            assertThat(spark.conf().contains(WHOLE_STAGE)).isFalse();
            assertThat(spark.conf().contains(FACTORY_MODE)).isFalse();
            return plan(query());
        });
        assertThat(plan).contains("*(");
    }

    @Test
    void aSettingGivenToTheSessionIsLeftAsGiven() {
        spark.conf().set(FACTORY_MODE, "CODEGEN_ONLY");
        try {
            String plan = SparkSessions.withSettingsSizedTo(spark, 0, () -> {
                assertThat(spark.conf().get(FACTORY_MODE)).isEqualTo("CODEGEN_ONLY");
                assertThat(spark.conf().get(WHOLE_STAGE)).isEqualTo("false");
                return plan(query());
            });
            assertThat(plan).doesNotContain("*(");
            assertThat(spark.conf().get(FACTORY_MODE)).isEqualTo("CODEGEN_ONLY");
            assertThat(spark.conf().contains(WHOLE_STAGE)).isFalse();
        } finally {
            spark.conf().unset(FACTORY_MODE);
        }
    }

    @Test
    void theSettingsComeBackWhenTheBodyFails() {
        assertThatThrownBy(() -> SparkSessions.withSettingsSizedTo(spark, 0, () -> {
            throw new IllegalStateException("failed inside");
        })).hasMessage("failed inside");
        assertThat(spark.conf().contains(WHOLE_STAGE)).isFalse();
        assertThat(spark.conf().contains(FACTORY_MODE)).isFalse();
    }

    @Test
    void bytesUnderAddsTheFilesOfAFolderAndItsSubfoldersUpToTheLimit(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("a.csv"), new byte[10]);
        Files.write(dir.resolve("orders 2024-03-05T10:00.csv"), new byte[20]); // a colon: listed by Java, not by Hadoop
        Files.createDirectories(dir.resolve("sub/deeper"));
        Files.write(dir.resolve("sub/b.csv"), new byte[30]);
        Files.write(dir.resolve("sub/deeper/c.csv"), new byte[40]);
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        assertThat(storage.bytesUnder(dir.toString(), 1_000)).isEqualTo(100);
        assertThat(storage.bytesUnder(dir.toString(), 100)).isEqualTo(100);
        assertThat(storage.bytesUnder(dir.toString(), 25)).isEqualTo(25);
        assertThat(storage.bytesUnder(dir.resolve("sub").toString(), 1_000)).isEqualTo(70);
        assertThat(storage.bytesUnder(dir.resolve("a.csv").toString(), 1_000)).isEqualTo(10);
        assertThat(storage.bytesUnder(dir.resolve("missing").toString(), 1_000)).isZero();
        // a file in a folder 16 levels below "deep" is counted; one 17 levels below makes "deep" count as the limit (the
        // bound that keeps a link to a folder above from nesting without end)
        Path sixteen = Files.createDirectories(dir.resolve("deep/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16"));
        Files.write(sixteen.resolve("d.csv"), new byte[5]);
        assertThat(storage.bytesUnder(dir.resolve("deep").toString(), 1_000)).isEqualTo(5);
        Files.write(Files.createDirectories(sixteen.resolve("17")).resolve("e.csv"), new byte[5]);
        assertThat(storage.bytesUnder(dir.resolve("deep").toString(), 1_000)).isEqualTo(1_000);
    }
}
