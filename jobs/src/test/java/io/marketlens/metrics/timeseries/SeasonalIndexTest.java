package io.marketlens.metrics.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.metrics.timeseries.SeasonalIndex.Result;
import io.marketlens.metrics.timeseries.SeasonalIndex.Thresholds;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Season;
import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Seasonal indices of SPEC M5 on hand-built series and on a published textbook example. Series are
 * written "level × pattern": month t of a series starting in January is level(t) · PATTERN[t mod 12].
 */
class SeasonalIndexTest {

    static final double TOL = 1e-12;

    /** A seasonal pattern that averages exactly 1: Jan..Dec sum to 12.0. */
    static final double[] PATTERN = {0.8, 0.7, 0.9, 1.0, 1.0, 0.9, 0.8, 0.9, 1.1, 1.2, 1.4, 1.3};

    /**
     * Monthly sales of product A of a plastics manufacturer, five years from January, in thousands:
     * Makridakis, Wheelwright &amp; Hyndman (1998), <i>Forecasting: Methods and Applications</i>,
     * Exercise 3.5; the {@code plastics} data set of R package fpp2, used by Hyndman &amp;
     * Athanasopoulos, <i>Forecasting: Principles and Practice</i> (2nd ed.), §6.9 exercise 2
     * ("use a classical multiplicative decomposition to calculate the trend-cycle and seasonal indices").
     */
    static final double[] PLASTICS = {
        742, 697, 776, 898, 1030, 1107, 1165, 1216, 1208, 1131, 971, 783,
        741, 700, 774, 932, 1099, 1223, 1290, 1349, 1341, 1296, 1066, 901,
        896, 793, 885, 1055, 1204, 1326, 1303, 1436, 1473, 1453, 1170, 1023,
        951, 861, 938, 1109, 1274, 1422, 1486, 1555, 1604, 1600, 1403, 1209,
        1030, 1032, 1126, 1285, 1468, 1637, 1611, 1608, 1528, 1420, 1119, 1013,
    };

    /**
     * {@code decompose(plastics, type = "multiplicative")$figure} in R, Jan..Dec, as printed (7 decimals)
     * in public worked solutions of that exercise (e.g. RPubs document 528073). R's decompose is the
     * same method: 2×12 centred average, ratios, per-month mean, divided by the mean of the twelve.
     */
    static final double[] PLASTICS_R_FIGURE = {
        0.7670466, 0.7103357, 0.7765294, 0.9103112, 1.0447386, 1.1570026,
        1.1636317, 1.2252952, 1.2313635, 1.1887444, 0.9919176, 0.8330834,
    };

    /** Half a unit in the 7th decimal: R printed the figure rounded there. */
    static final double R_PRINT_TOL = 5e-8;

    static double[] levelTimesPattern(int months, int firstMonth, double[] pattern, IntToDoubleFunction level) {
        double[] y = new double[months];
        for (int t = 0; t < months; t++) {
            y[t] = level.applyAsDouble(t) * pattern[(firstMonth - 1 + t) % 12];
        }
        return y;
    }

    static Result compute(double[] values, int firstMonth) {
        return SeasonalIndex.compute(values, firstMonth, Thresholds.DEFAULT);
    }

    @Nested
    class ByHand {

        @Test
        void constantLevelTimesPatternGivesThePatternBack() {
            // every 2×12 window holds each calendar month once (the two half-weighted ends are the same
            // month), so the moving average is 100 · Σ pattern / 12 = 100 and every ratio is the pattern
            Result r = compute(levelTimesPattern(36, 1, PATTERN, t -> 100), 1);
            assertThat(r.status()).isNull();
            assertThat(r.index()).containsExactly(PATTERN, within(TOL));
            // 36 months → ratios at t = 6..29 → 24 ratios, two per calendar month
            assertThat(r.ratioCounts()).containsOnly(2);
            assertThat(r.season()).containsExactly(
                    Season.OFF, Season.OFF, Season.OFF, // 0.8, 0.7, 0.9 (0.90 is inclusive)
                    Season.NORMAL, Season.NORMAL, Season.OFF, Season.OFF, Season.OFF, // 1.0, 1.0, 0.9, 0.8, 0.9
                    Season.PEAK, Season.PEAK, Season.PEAK, Season.PEAK); // 1.1, 1.2, 1.4, 1.3
            assertThat(r.index(11)).isCloseTo(1.4, within(TOL));
            assertThat(r.season(12)).isEqualTo(Season.PEAK);
        }

        @Test
        void aSeriesStartingInJulyIsFiledUnderTheRightMonths() {
            Result r = compute(levelTimesPattern(30, 7, PATTERN, t -> 250), 7);
            assertThat(r.status()).isNull();
            assertThat(r.index()).containsExactly(PATTERN, within(TOL));
            // 30 months from July: ratios at t = 6..23, i.e. January of year 1 .. December of year 1
            // and January..June once more → Jan..Jun two ratios, Jul..Dec one
            assertThat(r.ratioCounts()).containsExactly(2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1);
        }

        @Test
        void movingAverageAtOneMonth() {
            // plastics, t = 6 (July of year 1): (½·742 + 697 + 776 + 898 + 1030 + 1107 + 1165 + 1216
            // + 1208 + 1131 + 971 + 783 + ½·741) / 12 = (741.5 + 10 982) / 12 = 11 723.5 / 12 = 976.958 3…
            // R prints 976.9583 for the same month
            double[] trend = SeasonalIndex.centredMovingAverage(PLASTICS);
            assertThat(trend[6]).isCloseTo(11_723.5 / 12, within(TOL));
            assertThat(trend[6]).isCloseTo(976.9583, within(5e-5));
            // two more of R's printed trend values: January of year 2, June of year 5
            assertThat(trend[12]).isCloseTo(1000.4583, within(5e-5));
            assertThat(trend[53]).isCloseTo(1331.2500, within(5e-5));
            // undefined where the window would leave the series
            assertThat(Arrays.copyOfRange(trend, 0, 6)).containsOnly(Double.NaN);
            assertThat(Arrays.copyOfRange(trend, 54, 60)).containsOnly(Double.NaN);
        }

        @Test
        void movingAverageOfAStraightLineIsTheLine() {
            // the weights are symmetric about t and sum to 1, so a linear series passes unchanged
            double[] line = new double[30];
            Arrays.setAll(line, t -> 40 + 3.0 * t);
            double[] trend = SeasonalIndex.centredMovingAverage(line);
            for (int t = 6; t < 24; t++) {
                assertThat(trend[t]).as("t=%d", t).isCloseTo(line[t], within(1e-12));
            }
        }

        @Test
        void linearTrendTimesPatternIsCloseButNotExact() {
            // y_t = (100 + 2t) · p(t) over 48 months. The 2×12 average of a straight line is exact, but
            // here the line multiplies a pattern: Σ_j w_j (a + b(t+j)) p(t+j) = (a + bt)·12 + b·Σ_j j·w_j·p(t+j),
            // and the last sum is not zero unless the pattern is symmetric about t. The ratios are off by
            // about b / level × that sum, changing with t, so neither their mean nor its normalisation is
            // exact. Largest error here ≈ 0.0057 (July).
            Result r = compute(levelTimesPattern(48, 1, PATTERN, t -> 100 + 2.0 * t), 1);
            assertThat(r.status()).isNull();
            assertThat(r.index()).containsExactly(PATTERN, within(0.01));
            assertThat(r.index(7)).isNotCloseTo(PATTERN[6], within(1e-3));
        }
    }

    @Nested
    class PublishedExample {

        @Test
        void plasticsMatchesRDecompose() {
            Result r = compute(PLASTICS, 1);
            assertThat(r.status()).isNull();
            assertThat(r.index()).containsExactly(PLASTICS_R_FIGURE, within(R_PRINT_TOL));
            // 60 months → ratios at t = 6..53 → four per calendar month
            assertThat(r.ratioCounts()).containsOnly(4);
            assertThat(r.season()).containsExactly(
                    Season.OFF, Season.OFF, Season.OFF, // 0.767, 0.710, 0.777
                    Season.NORMAL, Season.NORMAL, // 0.910 (just above 0.90), 1.045
                    Season.PEAK, Season.PEAK, Season.PEAK, Season.PEAK, Season.PEAK, // Jun..Oct 1.157..1.231
                    Season.NORMAL, Season.OFF); // 0.992, 0.833
        }

        @Test
        void normalisationStepOfAPublishedQuarterlyExample() {
            // futurera, "Forecasting — decomposition multiplicative" (futurera.blue/docs/
            // forecasting-decomposition-multiplicative): quarterly averages of the ratios 0.606, 0.918,
            // 0.992, 1.481 sum to 3.997; "adjust the seasonal factors so that it is equal to 4.0", factor
            // 4.000 / 3.997 = 1.000 750 6…, giving 0.606, 0.919, 0.993, 1.482 (three decimals):
            // 0.606 · f = 0.606 45, 0.918 · f = 0.918 69, 0.992 · f = 0.992 74, 1.481 · f = 1.482 11
            double[] adjusted = SeasonalIndex.normalise(new double[] {0.606, 0.918, 0.992, 1.481});
            assertThat(adjusted[0]).isCloseTo(0.606 * 4 / 3.997, within(TOL));
            assertThat(Arrays.stream(adjusted).map(a -> Math.round(a * 1000) / 1000.0).toArray())
                    .containsExactly(0.606, 0.919, 0.993, 1.482);
            assertThat(Arrays.stream(adjusted).sum()).isCloseTo(4.0, within(TOL));
        }

        @Test
        void plasticsRawAveragesDoNotSumToTwelveBeforeNormalising() {
            // the first index is the mean of its four ratios scaled by 12 / Σ raw; the raw January mean
            // (y / T at t = 12, 24, 36, 48) is 0.76963, the published index 0.76705: the raw sum is 12.0405
            double[] trend = SeasonalIndex.centredMovingAverage(PLASTICS);
            double rawJanuary = (PLASTICS[12] / trend[12] + PLASTICS[24] / trend[24]
                    + PLASTICS[36] / trend[36] + PLASTICS[48] / trend[48]) / 4;
            assertThat(rawJanuary).isCloseTo(0.769634, within(1e-6));
            assertThat(12 * rawJanuary / PLASTICS_R_FIGURE[0]).isCloseTo(12.0405, within(1e-4));
        }
    }

    @Nested
    class Seasons {

        @Test
        void bothSidesOfEachThreshold() {
            // Jan on the peak line, Feb just under it, Mar on the off line, Apr just above it; the other
            // eight share what is left so the pattern averages 1 and the indices equal it
            double[] pattern = new double[12];
            pattern[0] = 1.10;
            pattern[1] = 1.0999;
            pattern[2] = 0.90;
            pattern[3] = 0.9001;
            Arrays.fill(pattern, 4, 12, (12 - 1.10 - 1.0999 - 0.90 - 0.9001) / 8);
            Result r = compute(levelTimesPattern(24, 1, pattern, t -> 100), 1);
            assertThat(r.season()).startsWith(Season.PEAK, Season.NORMAL, Season.OFF, Season.NORMAL);
        }

        @Test
        void configurableThresholds() {
            Result r = SeasonalIndex.compute(levelTimesPattern(24, 1, PATTERN, t -> 100), 1, new Thresholds(1.3, 0.75));
            // 1.4 and 1.3 peak, 0.7 off; 0.8 (above 0.75) and 1.2 (below 1.3) are now normal
            assertThat(r.season(11)).isEqualTo(Season.PEAK);
            assertThat(r.season(12)).isEqualTo(Season.PEAK);
            assertThat(r.season(2)).isEqualTo(Season.OFF);
            assertThat(r.season(1)).isEqualTo(Season.NORMAL);
            assertThat(r.season(10)).isEqualTo(Season.NORMAL);
        }

        @Test
        void thresholdsMustStraddleOne() {
            assertThatThrownBy(() -> new Thresholds(1.0, 0.9)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("0 < off < 1 < peak");
            assertThatThrownBy(() -> new Thresholds(1.1, 1.0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Thresholds(1.1, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Thresholds(Double.NaN, 0.9)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void seasonCodes() {
            assertThat(Season.PEAK.code()).isEqualTo("peak");
            assertThat(Season.OFF.code()).isEqualTo("off");
            assertThat(Season.NORMAL.code()).isEqualTo("normal");
        }
    }

    @Nested
    class Statuses {

        @Test
        void twentyThreeMonthsAreNotEnough() {
            Result r = compute(levelTimesPattern(23, 1, PATTERN, t -> 100), 1);
            assertThat(r.status()).isEqualTo(Codes.INSUFFICIENT_HISTORY);
            assertThat(r.index()).hasSize(12).containsOnly(Double.NaN);
            assertThat(r.season()).hasSize(12).containsOnlyNulls();
        }

        @Test
        void twentyFourMonthsAreEnough() {
            // ratios at t = 6..17: every calendar month exactly once
            Result r = compute(levelTimesPattern(24, 1, PATTERN, t -> 100), 1);
            assertThat(r.status()).isNull();
            assertThat(r.ratioCounts()).containsOnly(1);
            assertThat(r.index()).containsExactly(PATTERN, within(TOL));
        }

        @Test
        void noSalesAtAll() {
            Result r = compute(new double[36], 1);
            assertThat(r.status()).isEqualTo(Codes.NO_SALES);
            assertThat(r.index()).containsOnly(Double.NaN);
        }

        @Test
        void salesThatStartedTooRecentlyLeaveAMonthUnseen() {
            // 30 months from January, nothing sold before month 19: the average is 0 up to t = 12
            // (its window ends at t + 6 = 18), so ratios exist only for t = 13..23, and January
            // (t = 12) has none
            double[] y = levelTimesPattern(30, 1, PATTERN, t -> t < 19 ? 0 : 100);
            Result r = compute(y, 1);
            assertThat(r.status()).isEqualTo(Codes.INSUFFICIENT_HISTORY);
            assertThat(r.ratioCounts()).containsExactly(0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        }

        @Test
        void badInputIsRefusedWithTheMonthIndex() {
            assertThatThrownBy(() -> compute(new double[] {1, -2, 3}, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at month index 1");
            assertThatThrownBy(() -> compute(new double[] {Double.NaN}, 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> compute(new double[24], 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1..12");
            assertThatThrownBy(() -> compute(new double[24], 13)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> SeasonalIndex.normalise(new double[] {0, 0}))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Deseasonalise {

        @Test
        void dividingByTheIndicesLeavesTheLevel() {
            double[] y = levelTimesPattern(30, 4, PATTERN, t -> 100);
            double[] adjusted = SeasonalIndex.deseasonalise(y, 4, PATTERN);
            assertThat(adjusted).hasSize(30);
            for (double a : adjusted) {
                assertThat(a).isCloseTo(100, within(1e-12));
            }
        }

        @Test
        void aMonthWithoutAnIndexIsUnknown() {
            double[] index = PATTERN.clone();
            index[1] = 0; // February never sells
            index[2] = Double.NaN;
            double[] adjusted = SeasonalIndex.deseasonalise(new double[] {80, 0, 90, 100}, 1, index);
            assertThat(adjusted[0]).isCloseTo(100, within(TOL));
            assertThat(adjusted[1]).isNaN();
            assertThat(adjusted[2]).isNaN();
            assertThat(adjusted[3]).isCloseTo(100, within(TOL));
        }

        @Test
        void needsTwelveIndices() {
            assertThatThrownBy(() -> SeasonalIndex.deseasonalise(new double[3], 1, new double[4]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("12 seasonal indices");
        }
    }

    @Test
    void resultArraysAreCopies() {
        Result r = compute(levelTimesPattern(24, 1, PATTERN, t -> 100), 1);
        r.index()[0] = 99;
        r.season()[0] = null;
        assertThat(r.index(1)).isCloseTo(0.8, within(TOL));
        assertThat(r.season(1)).isEqualTo(Season.OFF);
        assertThat(r).isEqualTo(compute(levelTimesPattern(24, 1, PATTERN, t -> 100), 1));
    }
}
