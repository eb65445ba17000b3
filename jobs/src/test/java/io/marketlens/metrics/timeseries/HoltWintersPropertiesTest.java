package io.marketlens.metrics.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.metrics.timeseries.Forecaster.Forecast;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/** Invariants of the forecaster over arbitrary non-negative monthly series. */
class HoltWintersPropertiesTest {

    /** Monthly revenue with some zero months, 0 to 60 months long: every model tier. */
    @Provide
    Arbitrary<double[]> series() {
        Arbitrary<Double> month = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0.0)),
                Tuple.of(8, Arbitraries.doubles().between(1, 1e6)));
        return month.list().ofMaxSize(60).map(HoltWintersPropertiesTest::toArray);
    }

    static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Property(tries = 300)
    void boundsAreOrderedFiniteAndNotNegative(
            @ForAll("series") double[] series, @ForAll @IntRange(min = 1, max = 18) int horizon) {
        Forecast f = Forecaster.forecast(series, 1, horizon, null);
        assertThat(f.point()).hasSize(horizon);
        for (int h = 0; h < horizon; h++) {
            assertThat(f.lower()[h]).isFinite().isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(f.point()[h]);
            assertThat(f.upper()[h]).isFinite().isGreaterThanOrEqualTo(f.point()[h]);
        }
    }

    /** The forecast reads the history and leaves it as it was: a caller may forecast several horizons from one array. */
    @Property(tries = 200)
    void theHistoryIsLeftUnchanged(@ForAll("series") double[] series) {
        double[] before = series.clone();
        Forecaster.forecast(series, 1, 6, null);
        assertThat(series).containsExactly(before);
    }

    @Property(tries = 200)
    void scalingTheSeriesScalesTheForecast(
            @ForAll("series") double[] series, @ForAll @DoubleRange(min = 1e-3, max = 1e3) @Scale(6) double c) {
        Forecast f = Forecaster.forecast(series, 1, 6, null);
        Forecast scaled = Forecaster.forecast(Arrays.stream(series).map(v -> v * c).toArray(), 1, 6, null);
        assertThat(scaled.model()).isEqualTo(f.model());
        for (int h = 0; h < 6; h++) {
            assertThat(scaled.point()[h]).isCloseTo(c * f.point()[h], within(1e-6 * c * f.upper()[h] + 1e-9));
            assertThat(scaled.upper()[h]).isCloseTo(c * f.upper()[h], within(1e-6 * c * f.upper()[h] + 1e-9));
        }
    }

    /** The fit runs in units of a power of two, so a power-of-two scale changes no bit but the exponent. */
    @Property(tries = 100)
    void aPowerOfTwoScaleIsExact(@ForAll("series") double[] series, @ForAll @IntRange(min = -20, max = 600) int exponent) {
        Forecast f = Forecaster.forecast(series, 1, 6, null);
        Forecast scaled = Forecaster.forecast(Arrays.stream(series).map(v -> Math.scalb(v, exponent)).toArray(), 1, 6, null);
        assertThat(scaled.fitted()).isEqualTo(f.fitted());
        assertThat(scaled.point()).isEqualTo(Arrays.stream(f.point()).map(v -> Math.scalb(v, exponent)).toArray());
        assertThat(scaled.upper()).isEqualTo(Arrays.stream(f.upper()).map(v -> Math.scalb(v, exponent)).toArray());
    }

    @Property(tries = 100)
    void theCalendarMonthOnlyLabelsTheSeries(
            @ForAll("series") double[] series, @ForAll @IntRange(min = 2, max = 12) int firstMonthOfYear) {
        Forecast january = Forecaster.forecast(series, 1, 6, null);
        Forecast other = Forecaster.forecast(series, firstMonthOfYear, 6, null);
        assertThat(other.point()).isEqualTo(january.point());
    }

    /**
     * The fit is the grid's best full run, found the plain way — every (α, β, γ, φ) of the grid run in full from its own
     * initial states, the smallest SSE kept unless a later one only ties it — to the last bit of every state and forecast.
     */
    @Property(tries = 40)
    void theFitIsTheBestFullRunOfTheGrid(@ForAll("longSeries") double[] series,
                                         @ForAll HoltWinters.Seasonality seasonality) {
        HoltWinters.Run fitted = HoltWinters.fit(series, 3, seasonality);
        HoltWinters.Run best = null;
        for (int a = 1; a <= 19; a++) {
            for (int b = 1; b <= 19; b++) {
                for (int g = 1; g <= (seasonality == HoltWinters.Seasonality.NONE ? 1 : 19); g++) {
                    double alpha = a / 20.0;
                    double gamma = seasonality == HoltWinters.Seasonality.NONE ? Double.NaN : g / 20.0;
                    if (gamma > 1 - alpha + 1e-12) {
                        break;
                    }
                    for (double phi : new double[] {0.8, 0.9, 0.98, 1.0}) {
                        HoltWinters.Run run = HoltWinters.run(series, 3, seasonality,
                                new Forecaster.Params(alpha, b / 20.0, gamma, phi));
                        if (run != null && (best == null || run.sse() < best.sse() * (1 - 1e-9))) {
                            best = run;
                        }
                    }
                }
            }
        }
        if (best == null) {
            assertThat(fitted).isNull();
            return;
        }
        assertThat(fitted.params()).isEqualTo(best.params());
        assertThat(fitted.sse()).isEqualTo(best.sse());
        assertThat(fitted.level()).isEqualTo(best.level());
        assertThat(fitted.trend()).isEqualTo(best.trend());
        assertThat(fitted.seasonal()).isEqualTo(best.seasonal());
        assertThat(fitted.oneStep()).isEqualTo(best.oneStep());
        assertThat(fitted.forecast(12)).isEqualTo(best.forecast(12));
    }

    /** 24 to 48 months (seasonal fits need two years), some of them zero or tiny (multiplicative runs that fail). */
    @Provide
    Arbitrary<double[]> longSeries() {
        Arbitrary<Double> month = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0.0)),
                Tuple.of(1, Arbitraries.doubles().between(1e-3, 1).ofScale(6)),
                Tuple.of(8, Arbitraries.doubles().between(1, 1e6)));
        return month.list().ofMinSize(24).ofMaxSize(48).map(HoltWintersPropertiesTest::toArray);
    }
}
