package io.marketlens.metrics.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.metrics.timeseries.SeasonalIndex.Result;
import io.marketlens.metrics.timeseries.SeasonalIndex.Thresholds;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Season;
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
import net.jqwik.api.constraints.Size;

/** Invariants of the seasonal indices over arbitrary non-negative monthly series. */
class SeasonalIndexPropertiesTest {

    /** Monthly sales with some zero months, 0 to 72 months long. */
    @Provide
    Arbitrary<double[]> series() {
        Arbitrary<Double> month = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0.0)),
                Tuple.of(9, Arbitraries.doubles().between(0.01, 1e6)));
        return month.list().ofMaxSize(72).map(SeasonalIndexPropertiesTest::toArray);
    }

    static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static Result compute(double[] series, int firstMonth) {
        return SeasonalIndex.compute(series, firstMonth, Thresholds.DEFAULT);
    }

    @Property
    void indicesAverageOneOrAStatusSaysWhyNot(
            @ForAll("series") double[] series, @ForAll @IntRange(min = 1, max = 12) int firstMonth) {
        Result r = compute(series, firstMonth);
        if (r.status() == null) {
            assertThat(Arrays.stream(r.index()).average().orElseThrow()).isCloseTo(1.0, within(1e-9));
            assertThat(Arrays.stream(r.index()).allMatch(i -> i >= 0 && Double.isFinite(i))).isTrue();
            assertThat(r.season()).doesNotContainNull();
            assertThat(Arrays.stream(r.ratioCounts()).min().orElseThrow()).isPositive();
            // one ratio per month that has a positive moving average, at most n − 12 of them
            assertThat(Arrays.stream(r.ratioCounts()).sum()).isLessThanOrEqualTo(series.length - 12);
        } else {
            assertThat(r.status()).isIn(Codes.INSUFFICIENT_HISTORY, Codes.NO_SALES);
            assertThat(r.index()).containsOnly(Double.NaN);
        }
        if (series.length < SeasonalIndex.MIN_MONTHS) {
            assertThat(r.status()).isEqualTo(Codes.INSUFFICIENT_HISTORY);
        }
    }

    @Property
    void scalingTheSeriesChangesNoIndex(
            @ForAll("series") double[] series,
            @ForAll @IntRange(min = 1, max = 12) int firstMonth,
            @ForAll @DoubleRange(min = 1e-3, max = 1e3) @Scale(6) double factor) {
        double[] scaled = Arrays.stream(series).map(v -> v * factor).toArray();
        Result r = compute(series, firstMonth);
        Result s = compute(scaled, firstMonth);
        assertThat(s.status()).isEqualTo(r.status());
        assertThat(s.ratioCounts()).isEqualTo(r.ratioCounts());
        if (r.status() == null) {
            assertThat(s.index()).containsExactly(r.index(), within(1e-9));
        }
    }

    @Property
    void aPowerOfTwoScalesEveryStepExactly(
            @ForAll("series") double[] series, @ForAll @IntRange(min = -20, max = 20) int exponent) {
        double[] scaled = Arrays.stream(series).map(v -> Math.scalb(v, exponent)).toArray();
        assertThat(compute(scaled, 1)).isEqualTo(compute(series, 1));
    }

    @Property
    void aConstantSeriesHasNoSeason(
            @ForAll @DoubleRange(min = 0.01, max = 1e6) double level,
            @ForAll @IntRange(min = 24, max = 72) int months,
            @ForAll @IntRange(min = 1, max = 12) int firstMonth) {
        double[] flat = new double[months];
        Arrays.fill(flat, level);
        Result r = compute(flat, firstMonth);
        assertThat(r.status()).isNull();
        for (int m = 1; m <= 12; m++) {
            assertThat(r.index(m)).isCloseTo(1.0, within(1e-12));
        }
        assertThat(r.season()).containsOnly(Season.NORMAL);
    }

    /**
     * A series that is exactly a level times a seasonal pattern: its indices are the pattern (scaled to mean 1) on the
     * right calendar months, and deseasonalising it leaves the level in every month — whichever month it starts in.
     */
    @Property
    void anExactlySeasonalSeriesDeseasonalisesToItsLevel(
            @ForAll @Size(12) List<@DoubleRange(min = 0.2, max = 5) Double> pattern,
            @ForAll @DoubleRange(min = 1, max = 1e6) double level,
            @ForAll @IntRange(min = 24, max = 72) int months,
            @ForAll @IntRange(min = 1, max = 12) int firstMonth) {
        double mean = pattern.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double[] y = new double[months];
        for (int t = 0; t < months; t++) {
            y[t] = level * pattern.get((firstMonth - 1 + t) % 12) / mean;
        }
        Result r = compute(y, firstMonth);
        assertThat(r.status()).isNull();
        for (int m = 1; m <= 12; m++) {
            assertThat(r.index(m)).as("month " + m).isCloseTo(pattern.get(m - 1) / mean, within(1e-9));
        }
        double[] adjusted = SeasonalIndex.deseasonalise(y, firstMonth, r.index());
        for (int t = 0; t < months; t++) {
            assertThat(adjusted[t]).as("t " + t).isCloseTo(level, within(1e-9 * level));
        }
    }
}
