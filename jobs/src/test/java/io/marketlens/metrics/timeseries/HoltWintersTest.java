package io.marketlens.metrics.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.metrics.timeseries.Forecaster.Forecast;
import io.marketlens.metrics.timeseries.Forecaster.Params;
import io.marketlens.metrics.timeseries.HoltWinters.Run;
import io.marketlens.metrics.timeseries.HoltWinters.Seasonality;
import io.marketlens.tables.Codes;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The forecaster of SPEC M3 and its Holt–Winters engine on hand-built monthly series. */
class HoltWintersTest {

    static final double TOL = 1e-9;

    /** A retail-like season, averaging exactly 1: a small summer peak and a large Nov–Dec peak. */
    static final double[] SEASON = {0.80, 0.75, 0.90, 0.95, 1.00, 1.05, 1.10, 1.00, 0.95, 1.00, 1.20, 1.30};

    /** {@code (level + slope·t)·SEASON[t mod 12]·(1 + noise·ε_t)}, ε standard normal from {@code seed}, January first. */
    static double[] series(int months, double level, double slope, double noise, long seed) {
        Random random = new Random(seed);
        double[] y = new double[months];
        for (int t = 0; t < months; t++) {
            y[t] = (level + slope * t) * SEASON[t % 12] * (1 + noise * random.nextGaussian());
        }
        return y;
    }

    static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    static Forecast forecast(double[] monthly, int horizon) {
        return Forecaster.forecast(monthly, 1, horizon, null);
    }

    @Nested
    class RecursionsByHand {

        @Test
        void holtDampedTwoSteps() {
            // Start: least-squares line through (0, 10), (1, 12): slope 2, value at t = −1: ℓ = 8, b = 2.
            // t=0: ŷ = 8 + 0.8·2 = 9.6, e = 0.4, ℓ = 0.5·10 + 0.5·9.6 = 9.8, b = 0.5·(9.8 − 8) + 0.5·0.8·2 = 1.7
            // t=1: ŷ = 9.8 + 0.8·1.7 = 11.16, e = 0.84, ℓ = 0.5·12 + 0.5·11.16 = 11.58,
            //      b = 0.5·(11.58 − 9.8) + 0.5·0.8·1.7 = 1.57
            // SSE = 0.4² + 0.84² = 0.8656; ŷ(h=1) = 11.58 + 0.8·1.57 = 12.836, ŷ(h=2) = 11.58 + 1.44·1.57 = 13.8408
            Run run = HoltWinters.run(new double[] {10, 12}, 0, Seasonality.NONE, new Params(0.5, 0.5, Double.NaN, 0.8));
            assertThat(run.oneStep()).containsExactly(new double[] {9.6, 11.16}, within(TOL));
            assertThat(run.level()).isCloseTo(11.58, within(TOL));
            assertThat(run.trend()).isCloseTo(1.57, within(TOL));
            assertThat(run.sse()).isCloseTo(0.8656, within(TOL));
            assertThat(run.forecast(2)).containsExactly(new double[] {12.836, 13.8408}, within(TOL));
        }

        @Test
        void varianceFactorsOfTheDampedTrend() {
            // c_j = α(1 + β(φ + … + φ^j)); α = β = 0.5, φ = 0.8: c_1 = 0.5·1.4 = 0.7, c_2 = 0.5·(1 + 0.5·1.44) = 0.86
            // v = 1, 1 + 0.49 = 1.49, 1.49 + 0.7396 = 2.2296
            Run run = HoltWinters.run(new double[] {10, 12}, 0, Seasonality.NONE, new Params(0.5, 0.5, Double.NaN, 0.8));
            assertThat(run.varianceFactors(3)).containsExactly(new double[] {1, 1.49, 2.2296}, within(TOL));
        }

        @Test
        void seasonalVarianceFactorAddsGammaEveryTwelveMonths() {
            // α = 0.1, β = 0, γ = 0.2: c_j = 0.1 except c_12 = 0.1 + 0.2 = 0.3
            // v_12 = 1 + 11·0.01 = 1.11; v_13 = 1.11 + 0.09 = 1.20; v_14 = 1.21
            Run run = HoltWinters.run(series(24, 100, 0, 0, 1), 0, Seasonality.ADDITIVE, new Params(0.1, 0, 0.2, 1));
            double[] v = run.varianceFactors(14);
            assertThat(v[11]).isCloseTo(1.11, within(TOL));
            assertThat(v[12]).isCloseTo(1.20, within(TOL));
            assertThat(v[13]).isCloseTo(1.21, within(TOL));
        }

        /** (100 + 2t)·s_t, s alternating 0.8 (January, March, …) and 1.2, from January. */
        static double[] alternatingSeason(int months) {
            double[] y = new double[months];
            for (int t = 0; t < months; t++) {
                y[t] = (100 + 2 * t) * (t % 2 == 0 ? 0.8 : 1.2);
            }
            return y;
        }

        @Test
        void initialStatesRecoverAnExactTrendTimesSeason() {
            // The centred 2×12 moving average of (100 + 2t)·s_t is exactly 100 + 2t (even and odd lags
            // weigh 1/2 each, symmetric lags cancel the slope), so the ratios are exactly 0.8 and 1.2;
            // the adjusted months are 100 + 2t: slope b = 2, line one month before the first ℓ = 98.
            // α = β = γ = 0, φ = 1: nothing is smoothed, the one-step errors are 0, after 24 months
            // ℓ = 98 + 24·2 = 146, and January of year 3 is (146 + 2)·0.8 = 118.4, February 150·1.2 = 180.
            Run run = HoltWinters.run(alternatingSeason(24), 0, Seasonality.MULTIPLICATIVE, new Params(0, 0, 0, 1));
            assertThat(run.trend()).isCloseTo(2, within(TOL));
            assertThat(run.level()).isCloseTo(146, within(TOL));
            assertThat(run.seasonal()[0]).isCloseTo(0.8, within(TOL));
            assertThat(run.seasonal()[1]).isCloseTo(1.2, within(TOL));
            assertThat(run.sse()).isCloseTo(0, within(TOL));
            assertThat(run.forecast(2)).containsExactly(new double[] {118.4, 180}, within(TOL));
        }

        @Test
        void multiplicativeSeasonalUpdate() {
            // As above, then January of year 3 sells 148 instead of 118.4. α = β = 0, φ = 1, γ = 0.5:
            // base = 146 + 2 = 148, s(Jan) = 0.5·148/148 + 0.5·0.8 = 0.9, ℓ stays on the line (148).
            // The next January (h = 12): (148 + 12·2)·0.9 = 172·0.9 = 154.8.
            double[] y = alternatingSeason(25);
            y[24] = 148;
            Run run = HoltWinters.run(y, 0, Seasonality.MULTIPLICATIVE, new Params(0, 0, 0.5, 1));
            assertThat(run.seasonal()[0]).isCloseTo(0.9, within(TOL));
            assertThat(run.forecast(12)[11]).isCloseTo(154.8, within(TOL));
        }

        @Test
        void additiveSeasonalUpdate() {
            // Two flat years at 100 (indices 0, level 100, trend 0), then January at 112.
            // α = β = 0, γ = 0.5: s(Jan) = 0.5·(112 − 100) + 0.5·0 = 6; next January: 100 + 6 = 106.
            double[] y = new double[25];
            Arrays.fill(y, 100);
            y[24] = 112;
            Run run = HoltWinters.run(y, 0, Seasonality.ADDITIVE, new Params(0, 0, 0.5, 1));
            assertThat(run.seasonal()[0]).isCloseTo(6, within(TOL));
            assertThat(run.forecast(12)[11]).isCloseTo(106, within(TOL));
            assertThat(run.forecast(12)[0]).isCloseTo(100, within(TOL));
        }
    }

    @Nested
    class SeasonalModel {

        @Test
        void pureSeasonAtConstantLevelRepeats() {
            double[] y = series(36, 1000, 0, 0, 1);
            Forecast f = forecast(y, 18);
            assertThat(f.model()).isEqualTo(Codes.HOLT_WINTERS_DAMPED_MULTIPLICATIVE);
            assertThat(f.status()).isNull();
            for (int h = 0; h < 18; h++) {
                double expected = 1000 * SEASON[(36 + h) % 12];
                assertThat(f.point()[h]).isCloseTo(expected, within(1e-6 * expected));
            }
        }

        @Test
        void linearTrendTimesSeasonContinuesTheTrend() {
            // y_t = (500 + 10t)·s_t over four years; months 48.. are January..: (980 + 10h')·s.
            // January 980·0.80 = 784, February 990·0.75 = 742.5, November 1080·1.20 = 1296 (h = 11).
            double[] y = series(48, 500, 10, 0, 1);
            Forecast f = forecast(y, 12);
            assertThat(f.point()[0]).isCloseTo(784, within(784 * 0.03));
            assertThat(f.point()[1]).isCloseTo(742.5, within(742.5 * 0.03));
            assertThat(f.point()[10]).isCloseTo(1296, within(1296 * 0.03));
            for (int h = 0; h < 12; h++) {
                double expected = (500 + 10 * (48 + h)) * SEASON[h];
                assertThat(f.point()[h]).isCloseTo(expected, within(expected * 0.03));
            }
        }

        @Test
        void monthsWithoutSalesAfterTheFirstSaleSwitchToAdditiveSeason() {
            double[] y = series(36, 1000, 5, 0.05, 2);
            y[20] = 0;
            Forecast f = forecast(y, 6);
            assertThat(f.model()).isEqualTo(Codes.HOLT_WINTERS_DAMPED_ADDITIVE);
            assertThat(f.status()).isNull();
            // the forecast keeps the season: April–June (SEASON 0.95–1.05) stand above January–March (0.75–0.90) by
            // about their ratio, 1.22 — a model without a season would put them level, trend aside (1.015) —, and each
            // month stays within 15 % of (1000 + 5·t)·SEASON (5 % noise per month, three years to learn the season from)
            double low = f.point()[0] + f.point()[1] + f.point()[2];
            double high = f.point()[3] + f.point()[4] + f.point()[5];
            assertThat(high / low).isBetween(1.12, 1.32);
            for (int h = 0; h < 6; h++) {
                double expected = (1000 + 5 * (36 + h)) * SEASON[h];
                assertThat(f.point()[h]).as("month " + (h + 1)).isCloseTo(expected, within(expected * 0.15));
            }
        }

        @Test
        void monthsBeforeTheFirstSaleAreDropped() {
            // Five empty months (Jan–May) then the series from June: same forecast as the series alone from June.
            double[] sales = series(30, 1000, 5, 0.05, 3);
            double[] padded = new double[35];
            System.arraycopy(sales, 0, padded, 5, 30);
            Forecast withPadding = Forecaster.forecast(padded, 1, 6, null);
            Forecast alone = Forecaster.forecast(sales, 6, 6, null);
            assertThat(withPadding.model()).isEqualTo(Codes.HOLT_WINTERS_DAMPED_MULTIPLICATIVE);
            assertThat(withPadding.point()).containsExactly(alone.point(), within(TOL));
            assertThat(withPadding.upper()).containsExactly(alone.upper(), within(TOL));
        }

        @Test
        void fixedParametersAreUsedAndReported() {
            Params p = new Params(0.3, 0.1, 0.2, 0.9);
            Forecast f = Forecaster.forecast(series(36, 1000, 5, 0.05, 4), 1, 6, p);
            assertThat(f.fitted()).isEqualTo(p);
        }

        @Test
        void fittedParametersComeFromTheGrid() {
            Params p = forecast(series(48, 1000, 5, 0.05, 5), 6).fitted();
            assertThat(p.alpha() * 20).isCloseTo(Math.rint(p.alpha() * 20), within(TOL));
            assertThat(p.gamma()).isLessThanOrEqualTo(1 - p.alpha() + TOL);
            assertThat(p.phi()).isIn(0.8, 0.9, 0.98, 1.0);
        }
    }

    @Nested
    class GridSearch {

        /**
         * The fit against every candidate of the grid run in full, one after the other in the grid's order, the first
         * of the smallest sums of squared one-step errors taken (a later one only when smaller by more than 1e-9 of it):
         * the search that stops a candidate's run once its sum reaches the best so far must choose the same run.
         */
        @Test
        void theFitIsTheBestOfTheWholeGridInOrder() {
            Random random = new Random(11);
            for (int i = 0; i < 6; i++) {
                double[] y = series(26 + 2 * i, 100 + 20 * i, (i - 2) * 1.5, 0.05 + 0.04 * i, 40 + i);
                if (i == 5) {
                    y[7] = 0; // a month without sales: a multiplicative run may fail, the additive one not
                }
                int startMonth = random.nextInt(12);
                for (Seasonality k : Seasonality.values()) {
                    Run fit = HoltWinters.fit(y, startMonth, k);
                    Params expected = null;
                    double best = Double.NaN;
                    for (int a = 1; a <= 19; a++) {
                        for (int b = 1; b <= 19; b++) {
                            for (int g = 1; g <= (k == Seasonality.NONE ? 1 : 20 - a); g++) {
                                for (double phi : new double[] {0.8, 0.9, 0.98, 1.0}) {
                                    Params p = new Params(a / 20.0, b / 20.0, k == Seasonality.NONE ? Double.NaN : g / 20.0, phi);
                                    Run run = HoltWinters.run(y, startMonth, k, p);
                                    if (run != null && (expected == null || run.sse() < best * (1 - 1e-9))) {
                                        expected = p;
                                        best = run.sse();
                                    }
                                }
                            }
                        }
                    }
                    if (expected == null) {
                        assertThat(fit).as("series %d, %s", i, k).isNull();
                        continue;
                    }
                    assertThat(fit.params()).as("series %d, %s", i, k).isEqualTo(expected);
                    assertThat(fit.sse()).as("series %d, %s", i, k).isEqualTo(best);
                }
            }
        }
    }

    @Nested
    class Interval {

        @Test
        void containsThePointAndWidensWithTheHorizon() {
            Forecast f = forecast(series(48, 1000, 10, 0.05, 6), 12);
            assertThat(f.level()).isEqualTo(0.90);
            double previous = 0;
            for (int h = 0; h < 12; h++) {
                assertThat(f.lower()[h]).isLessThan(f.point()[h]);
                assertThat(f.upper()[h]).isGreaterThan(f.point()[h]);
                // The band is multiplicative: its width relative to the point grows with h.
                double relative = f.upper()[h] / f.point()[h] - 1;
                assertThat(relative).isGreaterThanOrEqualTo(previous);
                previous = relative;
            }
        }

        @Test
        void holtBandWidensInAbsoluteTerms() {
            Forecast f = forecast(series(18, 1000, 10, 0.05, 7), 6);
            assertThat(f.model()).isEqualTo(Codes.HOLT_DAMPED);
            for (int h = 1; h < 6; h++) {
                assertThat(f.upper()[h] - f.point()[h]).isGreaterThan(f.upper()[h - 1] - f.point()[h - 1]);
            }
        }

        @Test
        void boundsNeverBelowZero() {
            // A collapsing market: the damped trend may still take the line under zero; nothing is negative.
            double[] y = new double[12];
            for (int t = 0; t < 12; t++) {
                y[t] = 1200 - 100 * t;
            }
            Forecast f = forecast(y, 12);
            assertThat(boxed(f.lower())).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(0));
            assertThat(boxed(f.point())).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(0));
        }
    }

    @Nested
    class ShortHistory {

        @Test
        void twelveMonthsGetHoltsDampedTrend() {
            Forecast f = forecast(series(12, 1000, 10, 0.05, 8), 6);
            assertThat(f.model()).isEqualTo(Codes.HOLT_DAMPED);
            assertThat(f.status()).isEqualTo(Codes.INSUFFICIENT_HISTORY);
            assertThat(f.fitted().gamma()).isNaN();
            assertThat(boxed(f.point())).hasSize(6).allSatisfy(v -> assertThat(v).isFinite().isPositive());
        }

        @Test
        void threeMonthsGetTheMean() {
            // mean 200, s = 100, half-width = 1.6449·100·√(1 + 1/3) = 189.93
            Forecast f = forecast(new double[] {100, 200, 300}, 6);
            assertThat(f.model()).isEqualTo(Codes.MEAN);
            assertThat(f.status()).isEqualTo(Codes.INSUFFICIENT_HISTORY);
            double half = 1.6448536269514722 * 100 * Math.sqrt(4.0 / 3);
            assertThat(f.point()).containsOnly(200.0);
            assertThat(f.lower()[5]).isCloseTo(200 - half, within(TOL));
            assertThat(f.upper()[5]).isCloseTo(200 + half, within(TOL));
        }

        @Test
        void oneMonthIsItsOwnForecastWithoutSpread() {
            Forecast f = forecast(new double[] {0, 0, 50}, 2);
            assertThat(f.point()).containsExactly(50.0, 50.0);
            assertThat(f.lower()).containsExactly(50.0, 50.0);
            assertThat(f.upper()).containsExactly(50.0, 50.0);
        }

        @Test
        void allZeroSeriesForecastsZeros() {
            Forecast f = forecast(new double[36], 6);
            assertThat(f.model()).isEqualTo(Codes.ZERO);
            assertThat(f.status()).isEqualTo(Codes.NO_SALES);
            assertThat(f.point()).containsOnly(0.0).hasSize(6);
            assertThat(f.lower()).containsOnly(0.0);
            assertThat(f.upper()).containsOnly(0.0);
        }

        @Test
        void emptySeriesForecastsZeros() {
            Forecast f = forecast(new double[0], 3);
            assertThat(f.status()).isEqualTo(Codes.NO_SALES);
            assertThat(f.point()).containsExactly(0.0, 0.0, 0.0);
        }
    }

    @Nested
    class Validation {

        @Test
        void negativeRevenueNamesTheMonth() {
            assertThatThrownBy(() -> forecast(new double[] {1, -2}, 6))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("month index 1");
        }

        @Test
        void horizonAndCalendarMonthMustBeInRange() {
            assertThatThrownBy(() -> forecast(new double[] {1}, 0)).hasMessageContaining("at least 1 month");
            assertThatThrownBy(() -> Forecaster.forecast(new double[] {1}, 13, 6, null)).hasMessageContaining("1-12");
        }

        @Test
        void fixedParametersMustBeCompleteAndInRange() {
            assertThatThrownBy(() -> new Params(1.5, 0.1, 0.1, 0.9)).hasMessageContaining("alpha 1.5");
            assertThatThrownBy(() -> Forecaster.forecast(new double[] {1}, 1, 6, new Params(0.5, 0.1, Double.NaN, 0.9)))
                    .hasMessageContaining("pass null to estimate");
        }
    }
}
