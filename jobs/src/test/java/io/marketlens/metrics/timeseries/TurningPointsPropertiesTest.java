package io.marketlens.metrics.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.metrics.timeseries.TurningPoints.Params;
import io.marketlens.metrics.timeseries.TurningPoints.Point;
import io.marketlens.metrics.timeseries.TurningPoints.Result;
import io.marketlens.tables.Codes;
import io.marketlens.tables.TurningKind;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the turning points over arbitrary series and parameters. */
class TurningPointsPropertiesTest {

    /** White noise or a random walk, 0 to 120 months, with a few unknown (NaN) months. */
    @Provide
    Arbitrary<double[]> series() {
        Arbitrary<Double> step = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Double.NaN)),
                Tuple.of(30, Arbitraries.doubles().between(-100, 100)));
        Arbitrary<double[]> noise = step.list().ofMaxSize(120).map(TurningPointsPropertiesTest::toArray);
        Arbitrary<double[]> walk = noise.map(TurningPointsPropertiesTest::cumulate);
        return Arbitraries.oneOf(noise, walk);
    }

    /** Any valid parameters, around the defaults. */
    @Provide
    Arbitrary<Params> params() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 4).map(h -> 2 * h + 1),
                        Arbitraries.integers().between(1, 6),
                        Arbitraries.integers().between(1, 8),
                        Arbitraries.integers().between(1, 20),
                        Arbitraries.integers().between(0, 8))
                .as(Params::new);
    }

    /** Sorted values, rising or falling, ties included. */
    @Provide
    Arbitrary<double[]> monotone() {
        Arbitrary<double[]> values = Arbitraries.integers().between(-50, 50).map(i -> i * 2.5)
                .list().ofMaxSize(120).map(TurningPointsPropertiesTest::toArray);
        return Combinators.combine(values, Arbitraries.of(true, false)).as((v, rising) -> {
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            return rising ? sorted : Arrays.stream(sorted).map(x -> -x).toArray();
        });
    }

    static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double[] cumulate(double[] steps) {
        double[] walk = new double[steps.length];
        double level = 0;
        for (int t = 0; t < steps.length; t++) {
            if (!Double.isNaN(steps[t])) {
                level += steps[t];
            }
            walk[t] = Double.isNaN(steps[t]) ? Double.NaN : level;
        }
        return walk;
    }

    @Property
    void turnsAlternateAndKeepTheirDistances(@ForAll("series") double[] series, @ForAll("params") Params params) {
        Result r = TurningPoints.find(series, params);
        int n = series.length;
        if (n < 2 * params.window() + 1 || n < 2 * params.edge() + 1) {
            assertThat(r.status()).isEqualTo(Codes.INSUFFICIENT_HISTORY);
            assertThat(r.points()).isEmpty();
            return;
        }
        assertThat(r.status()).isNull();
        double[] smoothed = TurningPoints.smooth(series, params.span());
        List<Point> p = r.points();
        for (int i = 0; i < p.size(); i++) {
            Point here = p.get(i);
            assertThat(here.index()).isBetween(params.edge(), n - 1 - params.edge());
            assertThat(here.level()).isEqualTo(smoothed[here.index()]);
            if (i + 1 < p.size()) {
                assertThat(p.get(i + 1).kind()).isNotEqualTo(here.kind());
                assertThat(p.get(i + 1).index() - here.index()).isGreaterThanOrEqualTo(params.minPhase());
            }
            if (i + 2 < p.size()) {
                assertThat(p.get(i + 2).index() - here.index()).isGreaterThanOrEqualTo(params.minCycle());
            }
        }
        if (!p.isEmpty()) {
            // no month before the first turn (after the last) went beyond it
            assertThat(beyondAny(p.get(0), smoothed, 0, p.get(0).index())).isFalse();
            Point last = p.get(p.size() - 1);
            assertThat(beyondAny(last, smoothed, last.index() + 1, n)).isFalse();
        }
    }

    static boolean beyondAny(Point p, double[] s, int from, int to) {
        for (int j = from; j < to; j++) {
            if (p.kind() == TurningKind.PEAK ? s[j] > p.level() : s[j] < p.level()) {
                return true;
            }
        }
        return false;
    }

    @Property
    void aMonotoneSeriesHasNoTurn(@ForAll("monotone") double[] series, @ForAll("params") Params params) {
        assertThat(TurningPoints.find(series, params).points()).isEmpty();
    }

    @Property
    void turningTheSeriesUpsideDownSwapsPeaksAndTroughs(
            @ForAll("series") double[] series, @ForAll("params") Params params) {
        double[] negated = Arrays.stream(series).map(v -> -v).toArray();
        List<Point> upright = TurningPoints.find(series, params).points();
        List<Point> flipped = TurningPoints.find(negated, params).points();
        assertThat(flipped).hasSameSizeAs(upright);
        for (int i = 0; i < upright.size(); i++) {
            Point u = upright.get(i);
            TurningKind swapped = u.kind() == TurningKind.PEAK ? TurningKind.TROUGH : TurningKind.PEAK;
            Point f = flipped.get(i);
            assertThat(f.index()).isEqualTo(u.index());
            assertThat(f.kind()).isEqualTo(swapped);
            // adding 0.0 turns −0.0 into 0.0: a level of zero negates to −0.0, which Double.equals tells apart
            assertThat(f.level() + 0.0).isEqualTo(-u.level() + 0.0);
        }
    }

    @Property
    void aPowerOfTwoScaleChangesOnlyTheLevels(
            @ForAll("series") double[] series,
            @ForAll("params") Params params,
            @ForAll @IntRange(min = -10, max = 10) int exponent) {
        // scaling by 2^k is exact in every sum and mean, so every comparison comes out the same
        double[] scaled = Arrays.stream(series).map(v -> Math.scalb(v, exponent)).toArray();
        List<Point> expected = TurningPoints.find(series, params).points().stream()
                .map(p -> new Point(p.index(), p.kind(), Math.scalb(p.level(), exponent)))
                .toList();
        assertThat(TurningPoints.find(scaled, params).points()).isEqualTo(expected);
    }
}
