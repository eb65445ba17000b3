package io.marketlens.metrics.timeseries;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketlens.cli.MarketlensCli;
import io.marketlens.testing.SparkTestSession;
import io.marketlens.testing.StdStreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time-series tables (SPEC M3, M5, M6) of a whole {@code marketlens run} on generated data with the planted
 * time-series cases ({@code generate --time-series-cases}: one case per category, listed in truth.json), for two
 * seeds, against what the generator planted.
 *
 * <p>Where the planted pattern shows. The generator multiplies both the orders of every category and the
 * competitors' {@code est_units} by the season index and by the category's case, so every revenue scope carries
 * them. Competitor estimates dominate revenue (about 99 % here). With 1 500 listings, listing churn (a few listings
 * with large base units launching, ramping up over 100 days or delisted) moves a category by 2–5 % a month and gives
 * it a drift of its own of up to 2 % a month — except in the level-shift case, whose listings were all launched
 * before the data starts; few sales rows (4 000) keep "sales win" from flattening the season.
 *
 * <p>Tolerances, from the three seeds 5, 6, 7 run by hand: the market's indices are within 0.035 of the plant, a
 * category's within 0.065 (mean error ≤ 0.024). They are set at 0.04 and 0.07 (mean 0.03): a method without
 * detrending is off by up to ±0.045 from the trend alone, and the classical indices in the level-shift scope by more.
 */
class PlantedTruthTest {

    private static final List<String> SEEDS = List.of("5", "6");
    private static final double MARKET_TOLERANCE = 0.04;
    private static final double CATEGORY_TOLERANCE = 0.07;
    private static final double MEAN_TOLERANCE = 0.03;

    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static String timeZone;
    private static String shufflePartitions;
    private static final Map<String, JsonNode> truths = new LinkedHashMap<>();
    private static final Map<String, Path> tableDirs = new LinkedHashMap<>();

    @BeforeAll
    static void generateAndRun() throws Exception {
        spark = SparkTestSession.get();
        // the run re-configures the shared session (time zone, partitions); put them back for the other tests
        timeZone = spark.conf().get("spark.sql.session.timeZone");
        shufflePartitions = spark.conf().get("spark.sql.shuffle.partitions");
        for (String seed : SEEDS) {
            Path in = dir.resolve("in-" + seed);
            StdStreams.Captured generated = StdStreams.capture(() -> MarketlensCli.execute("generate", "--out", in.toString(),
                    "--months", "48", "--rows", "4000", "--listings", "1500", "--seed", seed, "--time-series-cases"));
            assertThat(generated.exitCode()).as(generated.err()).isZero();
            Path config = in.resolve("marketlens.yaml");
            // small data: two shuffle partitions instead of eight save a third of the run; no figure depends on it. The
            // 48 planted months run from 2023-01 to 2026-12, past the run's date until 2027: no bound on dates ahead
            Files.writeString(config, "shuffle_partitions: 2\nplausibility: {days_ahead: 36500}\n", StandardOpenOption.APPEND);
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
    void theMarketsSeasonalIndicesAreThePlantedOnes() {
        for (String seed : SEEDS) {
            double[] planted = plantedSeason(seed);
            List<Row> seasons = rows(seed, "seasonality", "ALL");
            assertThat(seasons).hasSize(12);
            for (Row r : seasons) {
                int m = r.<Integer>getAs("month");
                assertThat(r.isNullAt(r.fieldIndex("status"))).isTrue();
                assertThat(r.<Integer>getAs("months")).isEqualTo(48);
                assertThat(r.<Integer>getAs("ratios")).as("48 months: 36 ratios, three per calendar month").isEqualTo(3);
                assertThat(r.<Double>getAs("seasonal_index")).as("seed %s month %d, planted %.2f", seed, m, planted[m - 1])
                        .isCloseTo(planted[m - 1], within(MARKET_TOLERANCE));
                // a month planted further than the tolerance from a threshold (0.90, 1.10) must land on its side
                double p = planted[m - 1];
                if (p >= 1.10 + MARKET_TOLERANCE) {
                    assertThat(r.<String>getAs("season")).as("month " + m).isEqualTo("peak");
                } else if (p <= 0.90 - MARKET_TOLERANCE) {
                    assertThat(r.<String>getAs("season")).as("month " + m).isEqualTo("off");
                } else if (p > 0.90 + MARKET_TOLERANCE && p < 1.10 - MARKET_TOLERANCE) {
                    assertThat(r.<String>getAs("season")).as("month " + m).isEqualTo("normal");
                }
            }
            assertPeakAndTrough(seed, seasons, "ALL");
        }
    }

    @Test
    void everyCategoryButTheThinOneShowsThePlantedSeason() {
        for (String seed : SEEDS) {
            double[] planted = plantedSeason(seed);
            for (String category : categories(seed)) {
                List<Row> seasons = rows(seed, "seasonality", category);
                assertThat(seasons).as(category).hasSize(12);
                if (category.equals(caseCategory(seed, "thin"))) {
                    continue;
                }
                double sum = 0;
                for (Row r : seasons) {
                    int m = r.<Integer>getAs("month");
                    double error = Math.abs(r.<Double>getAs("seasonal_index") - planted[m - 1]);
                    assertThat(error).as("seed %s, %s, month %d", seed, category, m).isLessThanOrEqualTo(CATEGORY_TOLERANCE);
                    sum += error;
                }
                assertThat(sum / 12).as("seed %s, %s: mean error", seed, category).isLessThanOrEqualTo(MEAN_TOLERANCE);
                assertPeakAndTrough(seed, seasons, category);
            }
        }
    }

    @Test
    void theLevelShiftIsOneChangeAtItsMonthWithItsSize() {
        for (String seed : SEEDS) {
            JsonNode shift = truths.get(seed).get("level_shift");
            String category = shift.get("category").asText();
            YearMonth from = YearMonth.parse(shift.get("from_month").asText());
            assertThat(shift.get("factor").asDouble()).isEqualTo(1.6);

            List<Row> changes = rows(seed, "change_points", category);
            assertThat(changes).as("seed %s: change points of ALL/ALL/%s", seed, category).singleElement().satisfies(found -> {
                assertThat(found.<String>getAs("kind")).isEqualTo("level_shift");
                assertThat(found.<String>getAs("direction")).isEqualTo("up");
                assertThat(monthsBetween(from, found.getAs("period"))).isLessThanOrEqualTo(1);
                // the mean of the three deseasonalised months after over the three before, as the reader sees it:
                // the ×1.6 and three months of 0.8 % growth, 1.6 · 1.008³ − 1 = +0.639 (measured +0.64, +0.68 and
                // +0.66 for seeds 5, 6, 7). The same ratio from market_size with the planted season instead of the
                // estimated one agrees within 0.08 (indices within 0.03 on average, six months of them)
                double change = found.<Double>getAs("change");
                assertThat(change).as("seed " + seed).isCloseTo(0.60, within(0.10));
                assertThat(change).isCloseTo(visibleChange(seed, category, YearMonth.parse(found.getAs("period"))), within(0.08));
            });
            // the seasonal indices of the shifted scope itself
            double[] planted = plantedSeason(seed);
            double sum = 0;
            for (Row r : rows(seed, "seasonality", category)) {
                sum += Math.abs(r.<Double>getAs("seasonal_index") - planted[r.<Integer>getAs("month") - 1]);
            }
            assertThat(sum / 12).as("seed %s: mean index error of %s", seed, category).isLessThanOrEqualTo(0.03);
        }
    }

    @Test
    void theTrendBreakIsFoundAsATrendBreak() {
        for (String seed : SEEDS) {
            String category = caseCategory(seed, "trend_break");
            YearMonth at = caseMonth(seed, "trend_break");
            List<Row> changes = rows(seed, "change_points", category);
            assertThat(changes).as("seed " + seed).noneMatch(r -> "level_shift".equals(r.getAs("kind")));
            assertThat(changes).as("seed " + seed).anySatisfy(r -> {
                assertThat(r.<String>getAs("kind")).isEqualTo("trend_break");
                assertThat(r.<String>getAs("direction")).isEqualTo("down");
                // a kink is dated less sharply than a jump: +2 % to −1.5 % a month under ±2–5 % noise moves the best
                // break by a few months (found 3, 2 and 3 months off for seeds 5, 6, 7)
                assertThat(monthsBetween(at, r.getAs("period"))).isLessThanOrEqualTo(4);
                assertThat(r.<Double>getAs("slope_before") - r.<Double>getAs("slope_after")).isGreaterThan(0.02);
            });
        }
    }

    @Test
    void theShortShockReadsDownAtItsFirstMonthThenUp() {
        for (String seed : SEEDS) {
            String category = caseCategory(seed, "shock");
            YearMonth at = caseMonth(seed, "shock");
            List<Row> changes = rows(seed, "change_points", category);
            int down = -1;
            for (int k = 0; k < changes.size(); k++) {
                if (at.toString().equals(changes.get(k).getAs("period"))) {
                    down = k;
                }
            }
            assertThat(down).as("seed %s: a change in %s among %s", seed, at, changes).isNotNegative();
            assertThat(changes.subList(0, down)).noneMatch(r -> "up".equals(r.getAs("direction")));
            Row fall = changes.get(down);
            assertThat(fall.<String>getAs("direction")).isEqualTo("down");
            assertThat(fall.<Double>getAs("change")).as("seed " + seed).isLessThanOrEqualTo(-0.5);
            Row recovery = changes.get(down + 1);
            assertThat(recovery.<String>getAs("direction")).isEqualTo("up");
            assertThat(recovery.<String>getAs("period")).isEqualTo(at.plusMonths(2).toString());
        }
    }

    @Test
    void theCyclesPeakAndTroughAreDatedWithinTwoMonths() {
        for (String seed : SEEDS) {
            String category = caseCategory(seed, "cycle");
            JsonNode c = plantedCase(seed, "cycle");
            YearMonth peak = YearMonth.parse(c.get("month").asText());
            YearMonth trough = YearMonth.parse(c.get("second_month").asText());
            List<Row> turns = rows(seed, "turning_points", category);
            assertThat(turns).as("seed " + seed)
                    .anyMatch(r -> "peak".equals(r.getAs("kind")) && monthsBetween(peak, r.getAs("period")) <= 2)
                    .anyMatch(r -> "trough".equals(r.getAs("kind")) && monthsBetween(trough, r.getAs("period")) <= 2);
        }
    }

    @Test
    void aSteadyTrendHasNoChangeAndNoTurnAndTheThinCategoryIsLowVolume() {
        for (String seed : SEEDS) {
            String steady = caseCategory(seed, "steady");
            assertThat(rows(seed, "change_points", steady)).as("seed " + seed).isEmpty();
            assertThat(rows(seed, "turning_points", steady)).as("seed " + seed).isEmpty();
            String thin = caseCategory(seed, "thin");
            for (String table : List.of("seasonality", "turning_points", "change_points")) {
                assertThat(statusRows(seed, table, thin)).as("seed %s %s", seed, table).isNotEmpty()
                        .allSatisfy(r -> assertThat(r.<String>getAs("status")).isEqualTo("low_volume"));
            }
        }
    }

    @Test
    void theForecastBeatsTheSeasonalNaiveBaselineOnTheBacktest() {
        // on the steady category, and on most categories; the market as a whole carries the cycle, the shock and the
        // breaks of the other cases, which seasonal naive (the same month a year before) can beat
        for (String seed : SEEDS) {
            Row steady = rows(seed, "forecast_backtest", caseCategory(seed, "steady")).get(0);
            assertThat(steady.<String>getAs("model")).isEqualTo("holt_winters_damped_multiplicative");
            assertThat(steady.isNullAt(steady.fieldIndex("status"))).isTrue();
            assertThat(steady.<Integer>getAs("holdout")).isEqualTo(6);
            assertThat(steady.<Double>getAs("smape")).as("seed %s: model sMAPE (%%)", seed)
                    .isLessThan(steady.<Double>getAs("baseline_smape"));
            assertThat(steady.<Double>getAs("mase")).isLessThan(steady.<Double>getAs("baseline_mase"));
            List<String> better = new ArrayList<>();
            for (String category : categories(seed)) {
                Row r = rows(seed, "forecast_backtest", category).get(0);
                if (r.<Double>getAs("smape") < r.<Double>getAs("baseline_smape")) {
                    better.add(category);
                }
            }
            assertThat(better).as("seed %s: categories where the model beats seasonal naive", seed).hasSizeGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void theForecastCoversSixMonthsAfterTheLastOneInsideItsInterval() {
        for (String seed : SEEDS) {
            YearMonth last = YearMonth.parse(truths.get(seed).get("last_month").asText());
            List<Row> market = rows(seed, "forecast", "ALL");
            assertThat(market).extracting(r -> r.<String>getAs("period"))
                    .containsExactly(last.plusMonths(1).toString(), last.plusMonths(2).toString(), last.plusMonths(3).toString(),
                            last.plusMonths(4).toString(), last.plusMonths(5).toString(), last.plusMonths(6).toString());
            assertThat(market).extracting(r -> r.<Integer>getAs("horizon_step")).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(market).allSatisfy(r -> {
                assertThat(r.<String>getAs("model")).isEqualTo("holt_winters_damped_multiplicative");
                assertThat(r.<Double>getAs("interval_level")).isEqualTo(0.90);
            });
            // every scope of the run, down to a marketplace's category: 0 ≤ lower ≤ forecast ≤ upper
            List<Row> all = spark.read().parquet(tableDirs.get(seed).resolve("forecast.parquet").toString()).collectAsList();
            assertThat(all).isNotEmpty().allSatisfy(r -> {
                assertThat(r.<Double>getAs("lower")).isGreaterThanOrEqualTo(0);
                assertThat(r.<Double>getAs("lower")).isLessThanOrEqualTo(r.<Double>getAs("forecast"));
                assertThat(r.<Double>getAs("forecast")).isLessThanOrEqualTo(r.<Double>getAs("upper"));
            });
        }
    }

    /**
     * The three months from {@code at} over the three before it, each month's revenue (market_size) divided by the
     * planted season index: the visible change computed from the truth instead of the estimated indices.
     */
    private static double visibleChange(String seed, String category, YearMonth at) {
        double[] planted = plantedSeason(seed);
        Map<String, Double> revenue = new LinkedHashMap<>();
        for (Row r : rows(seed, "market_size", category)) {
            revenue.put(r.getAs("period"), r.<Double>getAs("revenue"));
        }
        double before = 0;
        double after = 0;
        for (int k = 1; k <= 3; k++) {
            YearMonth b = at.minusMonths(k);
            YearMonth a = at.plusMonths(k - 1);
            before += revenue.get(b.toString()) / planted[b.getMonthValue() - 1];
            after += revenue.get(a.toString()) / planted[a.getMonthValue() - 1];
        }
        return after / before - 1;
    }

    /** The highest index is the planted peak month and a peak; the lowest the planted trough and off season. */
    private static void assertPeakAndTrough(String seed, List<Row> seasons, String scope) {
        JsonNode truth = truths.get(seed);
        Row highest = seasons.stream().max(Comparator.comparingDouble(r -> r.<Double>getAs("seasonal_index"))).orElseThrow();
        Row lowest = seasons.stream().min(Comparator.comparingDouble(r -> r.<Double>getAs("seasonal_index"))).orElseThrow();
        assertThat(highest.<Integer>getAs("month")).as(scope + " peak month").isEqualTo(truth.get("peak_month").asInt());
        assertThat(highest.<String>getAs("season")).isEqualTo("peak");
        assertThat(lowest.<Integer>getAs("month")).as(scope + " trough month").isEqualTo(truth.get("trough_month").asInt());
        assertThat(lowest.<String>getAs("season")).isEqualTo("off");
    }

    private static long monthsBetween(YearMonth planted, String found) {
        return Math.abs(planted.until(YearMonth.parse(found), ChronoUnit.MONTHS));
    }

    private static double[] plantedSeason(String seed) {
        double[] index = new double[12];
        for (JsonNode m : truths.get(seed).get("season_index")) {
            index[m.get("month").asInt() - 1] = m.get("index").asDouble();
        }
        return index;
    }

    private static JsonNode plantedCase(String seed, String kind) {
        for (JsonNode c : truths.get(seed).get("time_series_cases")) {
            if (c.get("kind").asText().equals(kind)) {
                return c;
            }
        }
        throw new AssertionError("truth.json of seed " + seed + " plants no " + kind);
    }

    private static String caseCategory(String seed, String kind) {
        return plantedCase(seed, kind).get("category").asText();
    }

    private static YearMonth caseMonth(String seed, String kind) {
        return YearMonth.parse(plantedCase(seed, kind).get("month").asText());
    }

    private static List<String> categories(String seed) {
        List<String> names = new ArrayList<>();
        truths.get(seed).get("categories").forEach(c -> names.add(c.get("category").asText()));
        return names;
    }

    private static Dataset<Row> scope(String seed, String table, String category) {
        return spark.read().parquet(tableDirs.get(seed).resolve(table + ".parquet").toString())
                .filter(col("platform").equalTo("ALL").and(col("marketplace").equalTo("ALL")).and(col("category").equalTo(category)));
    }

    /** Rows of a table for ALL platforms, ALL marketplaces and {@code category} that carry a month or a period. */
    private static List<Row> rows(String seed, String table, String category) {
        Dataset<Row> scope = scope(seed, table, category);
        if (table.equals("seasonality")) {
            return scope.orderBy(col("month")).collectAsList();
        }
        if (table.equals("forecast_backtest")) {
            return scope.collectAsList();
        }
        return scope.filter(col("period").isNotNull()).orderBy(col("period")).collectAsList();
    }

    /** The status rows (no period) of a table for the scope. */
    private static List<Row> statusRows(String seed, String table, String category) {
        Dataset<Row> scope = scope(seed, table, category);
        return table.equals("seasonality") ? scope.collectAsList() : scope.filter(col("period").isNull()).collectAsList();
    }
}
