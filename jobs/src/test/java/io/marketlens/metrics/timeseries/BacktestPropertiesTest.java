package io.marketlens.metrics.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.metrics.timeseries.Backtest.BacktestResult;
import io.marketlens.tables.Codes;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/** Invariants of the backtest and its measures. */
class BacktestPropertiesTest {

    @Provide
    Arbitrary<double[]> series() {
        return new HoltWintersPropertiesTest().series();
    }

    @Provide
    Arbitrary<double[]> pair() {
        return Arbitraries.doubles().between(0, 1e6).array(double[].class).ofSize(12);
    }

    @Property
    void smapeIsBetweenZeroAndTwoHundredAndSymmetric(@ForAll("pair") double[] actual, @ForAll("pair") double[] forecast) {
        double smape = Backtest.smape(actual, forecast);
        assertThat(smape).isBetween(0.0, 200.0);
        assertThat(Backtest.smape(forecast, actual)).isCloseTo(smape, within(1e-9));
    }

    @Property(tries = 200)
    void measuresAreGivenOrTheStatusSaysWhyNot(
            @ForAll("series") double[] series, @ForAll @IntRange(min = 1, max = 12) int holdout) {
        BacktestResult r = Backtest.backtest(series, 1, holdout, null);
        assertThat(r.holdout()).isEqualTo(holdout);
        if (r.status() == null) {
            assertThat(r.smape()).isBetween(0.0, 200.0);
            assertThat(r.baselineSmape()).isBetween(0.0, 200.0);
            assertThat(r.mase()).isFinite().isGreaterThanOrEqualTo(0);
            assertThat(r.baselineMase()).isFinite().isGreaterThanOrEqualTo(0);
        } else if (r.status().equals(Codes.CONSTANT_HISTORY)) {
            assertThat(r.smape()).isBetween(0.0, 200.0);
            assertThat(r.mase()).isNaN();
        } else {
            assertThat(r.status()).isIn(Codes.INSUFFICIENT_HISTORY, Codes.NO_SALES);
            assertThat(r.smape()).isNaN();
        }
    }

    /** sMAPE and MASE are scale-free: revenue in cents or in millions backtests alike. */
    @Property(tries = 100)
    void measuresDoNotDependOnTheCurrencyUnit(
            @ForAll("series") double[] series, @ForAll @DoubleRange(min = 1e-3, max = 1e3) @Scale(6) double c) {
        BacktestResult r = Backtest.backtest(series, 1, 6, null);
        BacktestResult scaled = Backtest.backtest(Arrays.stream(series).map(v -> v * c).toArray(), 1, 6, null);
        assertThat(scaled.status()).isEqualTo(r.status());
        assertThat(scaled.model()).isEqualTo(r.model());
        if (r.status() == null) {
            assertThat(scaled.smape()).isCloseTo(r.smape(), within(1e-6 * (1 + r.smape())));
            assertThat(scaled.mase()).isCloseTo(r.mase(), within(1e-6 * (1 + r.mase())));
            assertThat(scaled.baselineSmape()).isCloseTo(r.baselineSmape(), within(1e-9 * (1 + r.baselineSmape())));
        }
    }
}
