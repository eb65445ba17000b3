package io.marketlens;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketlens.cli.MarketlensCli;
import io.marketlens.testing.SparkTestSession;
import io.marketlens.testing.StdStreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The competitor tables (1.1.5) and product selection (1.1.8) of a whole {@code marketlens run} on generated data with
 * the planted selection cases ({@code generate --selection-cases}, listed in truth.json as {@code selection_cases}),
 * for two seeds, against what the generator planted: an own store named in the generated {@code marketlens.yaml}, a
 * direct competitor in the own store's price band, an emerging seller that appears four months before the end and
 * gains the most share, and a category that is clearly the best pick.
 *
 * <p>Size as {@code PlantedTruthTest}'s, with 36 months (the window and the window before it, and a year more for the
 * seasonal indices): 4 000 sales lines and 1 500 competitor listings. Measured on seeds 5, 6 and 7: see the README's
 * generator section.
 */
class SelectionCasesTest {

    private static final List<String> SEEDS = List.of("5", "6");

    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static String timeZone;
    private static String shufflePartitions;
    private static final Map<String, JsonNode> truths = new LinkedHashMap<>();
    private static final Map<String, Path> tableDirs = new LinkedHashMap<>();
    private static final Map<String, String> configs = new LinkedHashMap<>();

    @BeforeAll
    static void generateAndRun() throws Exception {
        spark = SparkTestSession.get();
        // the run re-configures the shared session (time zone, partitions); put them back for the other tests
        timeZone = spark.conf().get("spark.sql.session.timeZone");
        shufflePartitions = spark.conf().get("spark.sql.shuffle.partitions");
        for (String seed : SEEDS) {
            Path in = dir.resolve("in-" + seed);
            StdStreams.Captured generated = StdStreams.capture(() -> MarketlensCli.execute("generate", "--out", in.toString(),
                    "--months", "36", "--rows", "4000", "--listings", "1500", "--seed", seed, "--selection-cases"));
            assertThat(generated.exitCode()).as(generated.err()).isZero();
            Path config = in.resolve("marketlens.yaml");
            configs.put(seed, Files.readString(config));
            // small data: two shuffle partitions instead of eight save a third of the run; no figure depends on it
            Files.writeString(config, "shuffle_partitions: 2\n", StandardOpenOption.APPEND);
            StdStreams.Captured run = StdStreams.capture(() -> MarketlensCli.execute("run", "--input", in.toString(),
                    "--output", dir.resolve("out-" + seed).toString(), "--config", config.toString()));
            assertThat(run.exitCode()).as(run.err()).isZero();
            tableDirs.put(seed, Path.of(run.out().strip()).resolve("tables"));
            truths.put(seed, new ObjectMapper().readTree(in.resolve("truth.json").toFile()));
        }
    }

    @AfterAll
    static void restoreSession() {
        spark.conf().set("spark.sql.session.timeZone", timeZone);
        spark.conf().set("spark.sql.shuffle.partitions", shufflePartitions);
    }

    @Test
    void theGeneratedConfigNamesThePlantedOwnStoreAndTheRunComparesWithIt() {
        for (String seed : SEEDS) {
            JsonNode cases = cases(seed);
            String own = cases.get("own_seller_ids").get(0).asText();
            assertThat(configs.get(seed)).as("seed " + seed).contains("own_seller_ids: [\"" + own + "\"]");
            assertThat(truths.get(seed).get("own_store").get("seller_ids").get(0).asText()).isEqualTo(own);
            List<String> categories = new ArrayList<>();
            cases.get("own_categories").forEach(c -> categories.add(c.asText()));
            assertThat(categories).as("seed " + seed).hasSize(3).doesNotHaveDuplicates()
                    .doesNotContain(cases.get("best_category").asText());
            for (String category : categories) {
                // the own store sells there: the benchmark sets it beside its competitors, the competitors list leaves it out
                assertThat(windowRows(seed, "competitor_benchmark", category)).as("seed %s, %s", seed, category)
                        .anySatisfy(r -> {
                            assertThat(r.<String>getAs("seller_id")).isEqualTo(own);
                            assertThat(r.<Boolean>getAs("is_own")).isTrue();
                        });
                assertThat(windowRows(seed, "competitors", category)).isNotEmpty()
                        .noneMatch(r -> own.equals(r.getAs("seller_id")))
                        .allSatisfy(r -> assertThat(r.<String>getAs("type")).isNotNull());
            }
        }
    }

    @Test
    void thePlantedDirectCompetitorIsDirectAndInTheBenchmark() {
        for (String seed : SEEDS) {
            JsonNode direct = cases(seed).get("direct_competitor");
            String category = direct.get("category").asText();
            String seller = direct.get("seller_id").asText();
            Row row = sellerRow(seed, category, seller);
            assertThat(row.<String>getAs("type")).as("seed %s: %s in %s", seed, seller, category).isEqualTo("direct");
            assertThat(row.<Boolean>getAs("same_band")).isTrue();
            assertThat(row.<String>getAs("seller_platform")).isEqualTo(direct.get("platform").asText());
            // large enough to be among the top direct competitors set beside the own store
            assertThat(windowRows(seed, "competitor_benchmark", category)).as("seed " + seed)
                    .anySatisfy(r -> {
                        assertThat(r.<String>getAs("seller_id")).isEqualTo(seller);
                        assertThat(r.<String>getAs("type")).isEqualTo("direct");
                    });
        }
    }

    @Test
    void thePlantedEmergingSellerIsEmergingWithTheLargestShareGain() {
        for (String seed : SEEDS) {
            JsonNode emerging = cases(seed).get("emerging_seller");
            String category = emerging.get("category").asText();
            String seller = emerging.get("seller_id").asText();
            Row row = sellerRow(seed, category, seller);
            assertThat(row.<String>getAs("type")).as("seed %s: %s in %s", seed, seller, category).isEqualTo("emerging");
            assertThat(row.<String>getAs("first_period")).isEqualTo(emerging.get("first_month").asText());
            assertThat(row.<Double>getAs("previous_revenue")).isZero();
            double gain = row.<Double>getAs("share_change");
            assertThat(windowRows(seed, "competitors", category)).as("seed %s: share changes in %s", seed, category)
                    .filteredOn(r -> !seller.equals(r.getAs("seller_id")) && r.getAs("share_change") != null)
                    .allSatisfy(r -> assertThat(r.<Double>getAs("share_change")).isLessThan(gain));
        }
    }

    @Test
    void theBestCategoryRanksFirstAndStably() {
        for (String seed : SEEDS) {
            String best = cases(seed).get("best_category").asText();
            List<Row> rows = spark.read().parquet(tableDirs.get(seed).resolve("product_selection.parquet").toString())
                    .filter(col("platform").equalTo("ALL").and(col("marketplace").equalTo("ALL")).and(col("category").equalTo(best)))
                    .collectAsList();
            assertThat(rows).as("seed " + seed).singleElement().satisfies(r -> {
                assertThat(r.<Integer>getAs("rank")).as("seed %s: rank of %s", seed, best).isEqualTo(1);
                assertThat(r.<Double>getAs("rank_stability")).as("seed %s: rank_stability of %s", seed, best)
                        .isGreaterThanOrEqualTo(0.9);
            });
        }
    }

    private static JsonNode cases(String seed) {
        JsonNode cases = truths.get(seed).get("selection_cases");
        assertThat(cases).as("truth.json of seed %s: selection_cases", seed).isNotNull();
        return cases;
    }

    /** The window rows of a table for ALL platforms, ALL marketplaces and {@code category}, in the table's order. */
    private static List<Row> windowRows(String seed, String table, String category) {
        return spark.read().parquet(tableDirs.get(seed).resolve(table + ".parquet").toString())
                .filter(col("platform").equalTo("ALL").and(col("marketplace").equalTo("ALL")).and(col("category").equalTo(category))
                        .and(col("period").equalTo("window")))
                .collectAsList();
    }

    private static Row sellerRow(String seed, String category, String seller) {
        List<Row> rows = windowRows(seed, "competitors", category).stream().filter(r -> seller.equals(r.getAs("seller_id"))).toList();
        assertThat(rows).as("seed %s: window row of %s in ALL/ALL/%s", seed, seller, category).hasSize(1);
        return rows.get(0);
    }
}
