package io.marketlens.metrics.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.tables.Tables;
import io.marketlens.testing.FactRows;
import io.marketlens.testing.SparkTestSession;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Spark adapter of the time-series metrics (SPEC M3, M5, M6) on hand-built monthly facts: each category
 * below is one planted case with the expected figures beside it. All cases share one computation (one fact,
 * one pass), as in a run; every series ends at the last full month, 2026-12.
 */
class TimeSeriesTablesTest {

    private static final String LAST = "2026-12";

    /** A seasonal pattern averaging exactly 1 (the generator's): Nov and Dec ≥ 1.10, Jan–Mar ≤ 0.90. */
    private static final double[] SEASON = {0.86, 0.72, 0.90, 0.93, 0.95, 0.97, 1.06, 0.95, 0.96, 1.03, 1.42, 1.25};

    private static final int TREND_SERIES = 20;
    private static final int STEP_SERIES = 20;

    private static Map<String, List<Row>> tables;

    @BeforeAll
    static void computeAllCases() {
        SparkSession spark = SparkTestSession.get();
        FactRows f = new FactRows();
        // 12 months: too short for a season (needs 24), a trend only (6..23), no turning point (needs 13)
        months("2026-01", 12, (t, p) -> f.sale("amazon", "US", "Short", p, "s1", "x", 1, t % 2 == 0 ? 100 : 120));
        // 36 months of level 1000 × SEASON, split 600 / 400 over two marketplaces: every scope is exactly seasonal
        months("2024-01", 36, (t, p) -> {
            double s = SEASON[YearMonth.parse(p).getMonthValue() - 1];
            f.sale("amazon", "US", "Seasonal", p, "a1", "x", 1, 600 * s);
            f.sale("amazon", "DE", "Seasonal", p, "a2", "x", 1, 400 * s);
        });
        // 23 months (no season: the series is read as it is) rising by 10 a month to t = 11, then falling
        months("2025-02", 23, (t, p) -> f.sale("amazon", "US", "Tent", p, "t1", "x", 1, 100 + 10 * (11 - Math.abs(t - 11))));
        // 48 months: a level rising 3 %/month to t = 23 (2024-12), then falling 3 %/month, times SEASON
        months("2023-01", 48, (t, p) -> f.sale("amazon", "US", "TentSeasonal", p, "t2", "x", 1,
                1000 * Math.pow(1.03, 23 - Math.abs(t - 23)) * SEASON[YearMonth.parse(p).getMonthValue() - 1]));
        // 20 months (no season): 1000 for ten months, then 1250 from t = 10 (2026-03)
        months("2025-05", 20, (t, p) -> f.sale("amazon", "US", "Step", p, "p1", "x", 1, t < 10 ? 1000 : 1250));
        // 20 seeded series of 48 months: 1 %/month growth × SEASON × lognormal noise of sd 3 %, stepping up 25 % from
        // t = 24 (2025-01): the step as the pipeline sees it, through the deseasonalising
        for (int k = 1; k <= STEP_SERIES; k++) {
            Random noise = new Random(100 + k);
            String category = "StepSeasonal" + k;
            months("2023-01", 48, (t, p) -> f.sale("amazon", "US", category, p, "p2", "x", 1,
                    (t < 24 ? 1000 : 1250) * Math.pow(1.01, t) * SEASON[YearMonth.parse(p).getMonthValue() - 1]
                            * Math.exp(0.03 * noise.nextGaussian())));
        }
        // 20 seeded series of 48 months: 2 %/month growth × SEASON × lognormal noise of sd 3 %
        for (int k = 1; k <= TREND_SERIES; k++) {
            Random noise = new Random(k);
            String category = "Trend" + k;
            months("2023-01", 48, (t, p) -> f.sale("amazon", "US", category, p, "n1", "x", 1,
                    1000 * Math.pow(1.02, t) * SEASON[YearMonth.parse(p).getMonthValue() - 1]
                            * Math.exp(0.03 * noise.nextGaussian())));
        }
        // 36 months of 100, but never a sale in February: that month's seasonal index is 0
        months("2024-01", 36, (t, p) -> {
            if (YearMonth.parse(p).getMonthValue() != 2) {
                f.sale("amazon", "US", "NoFebruary", p, "g1", "x", 1, 100);
            }
        });

        MetricsContext ctx = new MetricsContext(spark, f.build(spark), Optional.empty(),
                new AnalysisPeriod(YearMonth.parse(LAST).atEndOfMonth(), 12));
        tables = new HashMap<>();
        // every case here is one listing without orders: judged thin by default, so the volume rule is off
        TimeSeriesTables.Options o = TimeSeriesTables.Options.DEFAULT;
        TimeSeriesTables.Options noVolumeRule = new TimeSeriesTables.Options(o.seasonality(), o.search(), o.filter(),
                o.horizon(), o.holdout(), 0);
        for (MetricTable t : TimeSeriesTables.compute(ctx, noVolumeRule)) {
            tables.put(t.name(), t.rows().collectAsList());
        }
    }

    @Test
    void writesTheFiveTables() {
        assertThat(tables.keySet()).containsExactlyInAnyOrder(Tables.SEASONALITY.name(), Tables.TURNING_POINTS.name(),
                Tables.CHANGE_POINTS.name(), Tables.FORECAST.name(), Tables.FORECAST_BACKTEST.name());
    }

    @Test
    void twelveMonthsAreFlaggedInsufficientHistoryWithoutFailing() {
        List<Row> seasons = rows(Tables.SEASONALITY.name(), "amazon", "US", "Short");
        assertThat(seasons).extracting(r -> r.<Integer>getAs("month")).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(seasons).allSatisfy(r -> {
            assertThat(r.<String>getAs("status")).isEqualTo("insufficient_history");
            assertThat(r.isNullAt(r.fieldIndex("seasonal_index"))).isTrue();
            assertThat(r.isNullAt(r.fieldIndex("season"))).isTrue();
            assertThat(r.<Integer>getAs("months")).isEqualTo(12);
            assertThat(r.<Integer>getAs("ratios")).isZero();
        });

        // six months ahead with Holt's damped trend (no season before 24 months), flagged, interval around the point
        List<Row> forecast = rows(Tables.FORECAST.name(), "amazon", "US", "Short");
        assertThat(forecast).extracting(r -> r.<String>getAs("period"))
                .containsExactly("2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06");
        assertThat(forecast).allSatisfy(r -> {
            assertThat(r.<String>getAs("model")).isEqualTo("holt_damped");
            assertThat(r.<String>getAs("status")).isEqualTo("insufficient_history");
            assertThat(r.<Double>getAs("lower")).isLessThanOrEqualTo(r.<Double>getAs("forecast"));
            assertThat(r.<Double>getAs("forecast")).isLessThanOrEqualTo(r.<Double>getAs("upper"));
        });

        // 13 months are the least a turn can be dated in (6 at each end): one status row, no point
        assertThat(rows(Tables.TURNING_POINTS.name(), "amazon", "US", "Short"))
                .extracting(r -> r.getAs("period") + " " + r.getAs("kind") + " " + r.getAs("status"))
                .containsExactly("null null insufficient_history");
    }

    @Test
    void anExactMultiplicativePatternIsRecoveredInEveryScope() {
        // every month's 2×12 average is 1000 · mean(SEASON) = 1000 (600 and 400 in the marketplaces), so each ratio
        // is SEASON itself; indices ≥ 1.10 are peak, ≤ 0.90 (March exactly on it) off
        String[] expectedSeasons = {"off", "off", "off", "normal", "normal", "normal", "normal", "normal", "normal", "normal",
                "peak", "peak"};
        for (String[] scope : new String[][]{{"amazon", "US"}, {"amazon", "DE"}, {"amazon", "ALL"}, {"ALL", "US"},
                {"ALL", "DE"}, {"ALL", "ALL"}}) {
            List<Row> seasons = rows(Tables.SEASONALITY.name(), scope[0], scope[1], "Seasonal");
            assertThat(seasons).as(String.join("/", scope)).hasSize(12);
            for (Row r : seasons) {
                int m = r.<Integer>getAs("month");
                assertThat(r.<Double>getAs("seasonal_index")).as(scope[0] + "/" + scope[1] + " month " + m)
                        .isCloseTo(SEASON[m - 1], within(1e-9));
                assertThat(r.<String>getAs("season")).as("month " + m).isEqualTo(expectedSeasons[m - 1]);
                assertThat(r.<Integer>getAs("ratios")).as("36 months: 24 ratios, two per month").isEqualTo(2);
                assertThat(r.isNullAt(r.fieldIndex("status"))).isTrue();
            }
            // the deseasonalised series is flat: no turn, no level shift
            assertThat(rows(Tables.TURNING_POINTS.name(), scope[0], scope[1], "Seasonal")).isEmpty();
            assertThat(rows(Tables.CHANGE_POINTS.name(), scope[0], scope[1], "Seasonal")).isEmpty();
        }

        // Holt–Winters starts from the exact season and level: the forecast is the pattern, in each scope and rolled up
        Map<String, Double> scale = Map.of("US", 600.0, "DE", 400.0, "ALL", 1000.0);
        for (String marketplace : scale.keySet()) {
            List<Row> forecast = rows(Tables.FORECAST.name(), "amazon", marketplace, "Seasonal");
            assertThat(forecast).hasSize(6);
            for (Row r : forecast) {
                double expected = scale.get(marketplace) * SEASON[YearMonth.parse(r.getAs("period")).getMonthValue() - 1];
                assertThat(r.<String>getAs("model")).isEqualTo("holt_winters_damped_multiplicative");
                assertThat(r.<Double>getAs("forecast")).as(marketplace + " " + r.getAs("period"))
                        .isCloseTo(expected, within(expected * 1e-6));
                assertThat(r.<Double>getAs("lower")).isLessThanOrEqualTo(r.<Double>getAs("forecast"));
                assertThat(r.<Double>getAs("upper")).isGreaterThanOrEqualTo(r.<Double>getAs("forecast"));
            }
        }
        // on the last six months both the model and the seasonal-naive baseline are exact; the lag-12 scale of MASE
        // is 0, so MASE is undefined and the row says why
        Row backtest = rows(Tables.FORECAST_BACKTEST.name(), "amazon", "ALL", "Seasonal").get(0);
        assertThat(backtest.<Double>getAs("smape")).isCloseTo(0, within(1e-6));
        assertThat(backtest.<Double>getAs("baseline_smape")).isZero();
        assertThat(backtest.isNullAt(backtest.fieldIndex("mase"))).isTrue();
        assertThat(backtest.<String>getAs("status")).isEqualTo("constant_history");
        assertThat(backtest.<Integer>getAs("holdout")).isEqualTo(6);
    }

    @Test
    void aRiseThenFallHasOnePeakAtItsTop() {
        // 23 months, read as they are: the centred 5-month mean at t = 11 (2026-01) is 100 + 10·(9+10+11+10+9)/5 = 198
        assertThat(rows(Tables.TURNING_POINTS.name(), "amazon", "US", "Tent"))
                .extracting(r -> r.getAs("period") + " " + r.getAs("kind") + " " + r.getAs("level"))
                .containsExactly("2026-01 peak 198.0");
        // 48 months times a season whose own peak is December: the turn is dated on the deseasonalised series,
        // at the top of the level (2024-12) give or take a month, and it is the only one
        List<Row> seasonal = rows(Tables.TURNING_POINTS.name(), "amazon", "US", "TentSeasonal");
        assertThat(seasonal).hasSize(1);
        assertThat(seasonal.get(0).<String>getAs("kind")).isEqualTo("peak");
        assertThat(monthsBetween("2024-12", seasonal.get(0).getAs("period"))).isBetween(-1, 1);
    }

    @Test
    void aClean25PercentStepIsOneChangeUpAtItsMonth() {
        // PELT on ln(1 + revenue): two flat segments fit exactly; levels come back in revenue units
        assertThat(rows(Tables.CHANGE_POINTS.name(), "amazon", "US", "Step")).singleElement().satisfies(r -> {
            assertThat(r.<String>getAs("period")).isEqualTo("2026-03");
            assertThat(r.<String>getAs("direction")).isEqualTo("up");
            assertThat(r.<String>getAs("kind")).isEqualTo("level_shift");
            assertThat(r.<Double>getAs("slope_before")).isCloseTo(0, within(1e-12));
            assertThat(r.<Double>getAs("slope_after")).isCloseTo(0, within(1e-12));
            assertThat(r.<Double>getAs("level_before")).isCloseTo(1000, within(1e-6));
            assertThat(r.<Double>getAs("level_after")).isCloseTo(1250, within(1e-6));
            assertThat(r.<Double>getAs("change")).isCloseTo(0.25, within(1e-9));
        });
        // the step under a season, a trend and noise: found at its month in every seed, alone. The reported size is
        // the mean of the three deseasonalised months after over the three before: 1.25 · 1.01³ − 1 = 0.288 from the
        // step and three months of trend, ± about 0.06 from the noise (two means of three months at sd 3 %). With
        // the classical indices it ran low (0.18..0.24 for these seeds): the 2×12 average spread the step over the
        // ratios of the twelve months around it, and part of the step was divided out as "season"
        for (int k = 1; k <= STEP_SERIES; k++) {
            assertThat(rows(Tables.CHANGE_POINTS.name(), "amazon", "US", "StepSeasonal" + k)).as("seed " + k)
                    .singleElement().satisfies(r -> {
                        assertThat(r.<String>getAs("period")).isEqualTo("2025-01");
                        assertThat(r.<String>getAs("direction")).isEqualTo("up");
                        assertThat(r.<String>getAs("kind")).isEqualTo("level_shift");
                        assertThat(r.<Double>getAs("change")).isBetween(0.288 - 0.06, 0.288 + 0.06);
                    });
        }
    }

    @Test
    void aSteadyTrendWithNoiseIsNotCutIntoSteps() {
        // 2 %/month (ln 1.02 · 47 ≈ 0.93 over the series: four 25 % shifts' worth) with 3 % noise, 20 seeds
        List<String> withChanges = IntStream.rangeClosed(1, TREND_SERIES).mapToObj(k -> "Trend" + k)
                .filter(c -> !rows(Tables.CHANGE_POINTS.name(), "amazon", "US", c).isEmpty()).toList();
        assertThat(withChanges).as("steady-trend series with a change point").isEmpty();
        for (int k = 1; k <= TREND_SERIES; k++) {
            assertThat(rows(Tables.SEASONALITY.name(), "amazon", "US", "Trend" + k))
                    .allSatisfy(r -> assertThat(r.isNullAt(r.fieldIndex("status"))).isTrue());
        }
    }

    @Test
    void aCalendarMonthThatNeverSellsDoesNotFailTheRun() {
        // every 2×12 window holds one February's weight, so the average is 1100/12 and every other month's ratio
        // 12/11; February's index is 0, and February has no deseasonalised value.
        List<Row> seasons = rows(Tables.SEASONALITY.name(), "amazon", "US", "NoFebruary");
        assertThat(seasons).hasSize(12);
        for (Row r : seasons) {
            int m = r.<Integer>getAs("month");
            assertThat(r.<Double>getAs("seasonal_index")).as("month " + m).isCloseTo(m == 2 ? 0 : 12.0 / 11, within(1e-12));
            assertThat(r.<String>getAs("season")).isEqualTo(m == 2 ? "off" : "normal");
        }
        // the deseasonalised months are all 1100/12; each February keeps January's level, so there is no change
        assertThat(rows(Tables.CHANGE_POINTS.name(), "amazon", "US", "NoFebruary")).isEmpty();
        assertThat(rows(Tables.FORECAST.name(), "amazon", "US", "NoFebruary")).hasSize(6)
                .allSatisfy(r -> assertThat(r.<String>getAs("model")).isEqualTo("holt_winters_damped_additive"));
        assertThat(rows(Tables.FORECAST_BACKTEST.name(), "amazon", "US", "NoFebruary")).hasSize(1);
    }

    @Test
    void everyCategoryIsAlsoRolledUpOverPlatformsAndMarketplacesAndCategories() {
        Map<String, Long> seasonRows = tables.get(Tables.SEASONALITY.name()).stream()
                .collect(Collectors.groupingBy(TimeSeriesTablesTest::scope, Collectors.counting()));
        for (String category : List.of("Short", "Tent", "Step", "Trend1", "ALL")) {
            for (String scope : List.of("amazon/US/", "amazon/ALL/", "ALL/US/", "ALL/ALL/")) {
                assertThat(seasonRows.get(scope + category)).as(scope + category).isEqualTo(12L);
            }
        }
        // one backtest row and six forecast rows per scope, whatever its history
        Map<String, Long> backtests = tables.get(Tables.FORECAST_BACKTEST.name()).stream()
                .collect(Collectors.groupingBy(TimeSeriesTablesTest::scope, Collectors.counting()));
        Map<String, Long> forecasts = tables.get(Tables.FORECAST.name()).stream()
                .collect(Collectors.groupingBy(TimeSeriesTablesTest::scope, Collectors.counting()));
        assertThat(backtests.keySet()).isEqualTo(seasonRows.keySet());
        assertThat(backtests.values()).containsOnly(1L);
        assertThat(forecasts.keySet()).isEqualTo(seasonRows.keySet());
        assertThat(forecasts.values()).containsOnly(6L);
        // the all-category series starts with the oldest category (2023-01) and runs to 2026-12
        assertThat(rows(Tables.SEASONALITY.name(), "ALL", "ALL", "ALL"))
                .allSatisfy(r -> assertThat(r.<Integer>getAs("months")).isEqualTo(48));
    }

    private interface MonthConsumer {
        void accept(int t, String period);
    }

    /** Calls {@code body} for {@code count} consecutive months from {@code first}, with t = 0, 1, ... */
    private static void months(String first, int count, MonthConsumer body) {
        YearMonth start = YearMonth.parse(first);
        for (int t = 0; t < count; t++) {
            body.accept(t, start.plusMonths(t).toString());
        }
        assertThat(start.plusMonths(count - 1).toString()).as("every case ends at the last full month").isEqualTo(LAST);
    }

    private static List<Row> rows(String table, String platform, String marketplace, String category) {
        return tables.get(table).stream().filter(r -> scope(r).equals(platform + "/" + marketplace + "/" + category)).toList();
    }

    private static String scope(Row r) {
        return r.getAs("platform") + "/" + r.getAs("marketplace") + "/" + r.getAs("category");
    }

    private static int monthsBetween(String from, String to) {
        return (int) YearMonth.parse(from).until(YearMonth.parse(to), java.time.temporal.ChronoUnit.MONTHS);
    }
}
