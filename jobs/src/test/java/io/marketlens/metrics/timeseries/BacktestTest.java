package io.marketlens.metrics.timeseries;

import static io.marketlens.metrics.timeseries.HoltWintersTest.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.metrics.timeseries.Backtest.BacktestResult;
import io.marketlens.tables.Codes;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Accuracy measures, the seasonal-naive baseline and the hold-out backtest of SPEC M3. */
class BacktestTest {

    static final double TOL = 1e-9;

    static BacktestResult backtest(double[] monthly) {
        return Backtest.backtest(monthly, 1, Backtest.DEFAULT_HOLDOUT, null);
    }

    @Nested
    class Measures {

        @Test
        void smapeByHand() {
            // A = [100, 200], F = [110, 180]: 100/2·(2·10/210 + 2·20/380) = 50·(0.0952381 + 0.1052632) = 10.02506
            assertThat(Backtest.smape(new double[] {100, 200}, new double[] {110, 180}))
                    .isCloseTo(50 * (20.0 / 210 + 40.0 / 380), within(TOL))
                    .isCloseTo(10.02506, within(1e-5));
        }

        @Test
        void smapeOfZerosAndOfAMissedMonth() {
            // both 0: 0; A = 0, F = 5: 2·5/5 = 2 → 200 %; mean over the two: 100
            assertThat(Backtest.smape(new double[] {0}, new double[] {0})).isZero();
            assertThat(Backtest.smape(new double[] {0, 0}, new double[] {0, 5})).isCloseTo(100, within(TOL));
        }

        @Test
        void maseWithLagOneByHand() {
            // history 10, 12, 11, 13: naive errors 2, 1, 2 → Q = 5/3; A = [12, 14], F = [13, 13]: MAE = 1 → 0.6
            double mase = Backtest.mase(new double[] {12, 14}, new double[] {13, 13}, new double[] {10, 12, 11, 13}, 1);
            assertThat(mase).isCloseTo(0.6, within(TOL));
        }

        @Test
        void maseWithLagTwelveByHand() {
            // Two years, year 2 = year 1 + 10 → every lag-12 error is 10, Q = 10; MAE = (5 + 15)/2 = 10 → 1.0
            double[] history = new double[24];
            for (int t = 0; t < 24; t++) {
                history[t] = 100 + t % 12 + (t < 12 ? 0 : 10);
            }
            double mase = Backtest.mase(new double[] {120, 130}, new double[] {125, 115}, history, 12);
            assertThat(mase).isCloseTo(1.0, within(TOL));
        }

        @Test
        void maseOfAConstantHistoryIsUndefined() {
            assertThat(Backtest.mase(new double[] {5}, new double[] {6}, new double[] {5, 5, 5}, 1)).isNaN();
        }

        @Test
        void unequalLengthsAreRejected() {
            assertThatThrownBy(() -> Backtest.smape(new double[] {1, 2}, new double[] {1}))
                    .hasMessageContaining("equal length");
        }
    }

    @Nested
    class SeasonalNaive {

        @Test
        void lastValueOfTheSameMonth() {
            // history 1..14 (Jan = 1 … Dec = 12, then Jan = 13, Feb = 14): next are Mar, Apr, May of year 1 → 3, 4, 5
            double[] history = new double[14];
            Arrays.setAll(history, t -> t + 1);
            assertThat(Backtest.seasonalNaive(history, 3, 12)).containsExactly(3, 4, 5);
            // h = 13 is March again (k = 2): y_{14+13−24} = y_3 = 3; h = 14: 4
            double[] longer = Backtest.seasonalNaive(history, 14, 12);
            assertThat(longer[12]).isEqualTo(3);
            assertThat(longer[13]).isEqualTo(4);
        }

        @Test
        void lagOneRepeatsTheLastValue() {
            assertThat(Backtest.seasonalNaive(new double[] {4, 7, 9}, 3, 1)).containsExactly(9, 9, 9);
        }

        @Test
        void tooShortForTheLag() {
            assertThatThrownBy(() -> Backtest.seasonalNaive(new double[] {1, 2}, 3, 12))
                    .hasMessageContaining("at least 12 months");
        }
    }

    @Nested
    class HoldOut {

        @Test
        void forecastBeatsSeasonalNaiveOnTrendSeasonAndNoise() {
            // Five years, level 1000 growing 15 a month (≈ 1.5 → 0.9 %/month), retail season, 5 % noise, seed 42.
            BacktestResult r = backtest(series(60, 1000, 15, 0.05, 42));
            assertThat(r.model()).isEqualTo(Codes.HOLT_WINTERS_DAMPED_MULTIPLICATIVE);
            assertThat(r.status()).isNull();
            assertThat(r.holdout()).isEqualTo(6);
            assertThat(r.smape()).isLessThan(r.baselineSmape());
            assertThat(r.mase()).isLessThan(r.baselineMase());
        }

        @Test
        void forecastBeatsSeasonalNaiveOnAverageOverSeeds() {
            double model = 0;
            double baseline = 0;
            for (long seed = 1; seed <= 20; seed++) {
                BacktestResult r = backtest(series(48, 1000, 15, 0.05, seed));
                model += r.smape() / 20;
                baseline += r.baselineSmape() / 20;
            }
            assertThat(model).isLessThan(baseline);
        }

        @Test
        void isTheForecastOfTheTrainingPartAgainstTheHeldOutMonths() {
            double[] y = series(40, 1000, 15, 0.05, 9);
            double[] training = Arrays.copyOf(y, 34);
            double[] actual = Arrays.copyOfRange(y, 34, 40);
            double[] point = Forecaster.forecast(training, 1, 6, null).point();
            BacktestResult r = backtest(y);
            assertThat(r.smape()).isCloseTo(Backtest.smape(actual, point), within(TOL));
            // 34 training months ≥ 24: MASE scaled by the lag-12 naive error; baseline is last year's month
            assertThat(r.mase()).isCloseTo(Backtest.mase(actual, point, training, 12), within(TOL));
            double[] baseline = Backtest.seasonalNaive(training, 6, 12);
            assertThat(r.baselineSmape()).isCloseTo(Backtest.smape(actual, baseline), within(TOL));
            assertThat(r.baselineMase()).isCloseTo(Backtest.mase(actual, baseline, training, 12), within(TOL));
        }

        @Test
        void twelveMonthsBacktestHoltOnSixWithLagOne() {
            double[] y = series(12, 1000, 15, 0.05, 10);
            BacktestResult r = backtest(y);
            assertThat(r.model()).isEqualTo(Codes.HOLT_DAMPED);
            assertThat(r.status()).isNull();
            double[] training = Arrays.copyOf(y, 6);
            double[] actual = Arrays.copyOfRange(y, 6, 12);
            // fewer than 12 training months: the baseline is the last value, MASE scaled by lag 1
            double[] baseline = Backtest.seasonalNaive(training, 6, 1);
            assertThat(r.baselineMase()).isCloseTo(Backtest.mase(actual, baseline, training, 1), within(TOL));
        }

        @Test
        void seasonalSeriesWhoseTrainingPartIsTooShortIsNotBacktested() {
            // 28 months are forecast by Holt–Winters; 22 training months could only fit Holt's trend.
            BacktestResult r = backtest(series(28, 1000, 15, 0.05, 11));
            assertThat(r.model()).isEqualTo(Codes.HOLT_WINTERS_DAMPED_MULTIPLICATIVE);
            assertThat(r.status()).isEqualTo(Codes.INSUFFICIENT_HISTORY);
            assertThat(r.smape()).isNaN();
            assertThat(r.baselineSmape()).isNaN();
        }

        @Test
        void shorterThanTheHoldout() {
            BacktestResult r = backtest(new double[] {5, 6, 7});
            assertThat(r.model()).isEqualTo(Codes.MEAN);
            assertThat(r.status()).isEqualTo(Codes.INSUFFICIENT_HISTORY);
        }

        @Test
        void allZeroSeries() {
            BacktestResult r = backtest(new double[36]);
            assertThat(r.model()).isEqualTo(Codes.ZERO);
            assertThat(r.status()).isEqualTo(Codes.NO_SALES);
        }

        @Test
        void constantTrainingPartLeavesMaseUndefined() {
            // 30 months at 100, then 6 at 110: the model and the baseline forecast 100; sMAPE = 2·10/210 = 9.52 %
            double[] y = new double[36];
            Arrays.fill(y, 0, 30, 100);
            Arrays.fill(y, 30, 36, 110);
            BacktestResult r = backtest(y);
            assertThat(r.status()).isEqualTo(Codes.CONSTANT_HISTORY);
            assertThat(r.mase()).isNaN();
            assertThat(r.smape()).isCloseTo(2000.0 / 210, within(1e-6));
            assertThat(r.baselineSmape()).isCloseTo(2000.0 / 210, within(TOL));
        }

        @Test
        void holdoutMustBePositive() {
            assertThatThrownBy(() -> Backtest.backtest(new double[] {1}, 1, 0, null))
                    .hasMessageContaining("at least 1 month");
        }
    }
}
