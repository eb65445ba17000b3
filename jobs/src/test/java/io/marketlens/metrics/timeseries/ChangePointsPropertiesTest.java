package io.marketlens.metrics.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.metrics.timeseries.ChangePoints.Change;
import io.marketlens.metrics.timeseries.ChangePoints.Params;
import io.marketlens.metrics.timeseries.ChangePoints.Result;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Direction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of the change points, and the correctness of PELT's pruning: on short series its
 * segmentation is the one found by unpruned optimal partitioning, with the cost recomputed here from
 * its definition (two-pass least squares per segment) rather than from prefix sums.
 */
class ChangePointsPropertiesTest {

    /**
     * A piecewise linear series with 0–3 breaks at random months, random levels (−2..2) and slopes
     * (−0.2..0.2 per month), plus normal noise whose sd is log-uniform in 0.001..1, from one seed.
     */
    static double[] series(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int breaks = n < 2 ? 0 : random.nextInt(4);
        int[] at = new int[breaks];
        for (int k = 0; k < breaks; k++) {
            at[k] = 1 + random.nextInt(n - 1);
        }
        Arrays.sort(at);
        double noise = Math.pow(10, -3 + 3 * random.nextDouble());
        double level = 4 * random.nextDouble() - 2;
        double slope = 0.4 * random.nextDouble() - 0.2;
        double[] y = new double[n];
        int next = 0;
        for (int t = 0; t < n; t++) {
            while (next < breaks && at[next] == t) {
                level = 4 * random.nextDouble() - 2 - slope * t;
                slope = 0.4 * random.nextDouble() - 0.2;
                next++;
            }
            y[t] = level + slope * t + noise * ChangePointsTest.gaussian(random);
        }
        return y;
    }

    @Property
    void changesAreSortedAndAtLeastAMinimumSegmentApartAndFromTheEnds(
            @ForAll @IntRange(min = 0, max = 80) int n,
            @ForAll @IntRange(min = 3, max = 8) int minSegment,
            @ForAll @DoubleRange(min = 0.5, max = 20) double c,
            @ForAll long seed) {
        Result r = ChangePoints.detect(series(n, seed), new Params(minSegment, c));
        if (n < 2 * minSegment) {
            assertThat(r.status()).isEqualTo(Codes.INSUFFICIENT_HISTORY);
            assertThat(r.changes()).isEmpty();
            return;
        }
        assertThat(r.status()).isNull();
        assertThat(r.sigma()).isPositive().isFinite();
        int previous = 0;
        for (Change change : r.changes()) {
            assertThat(change.index()).isGreaterThanOrEqualTo(previous + minSegment);
            assertThat(change.levelBefore()).isFinite();
            assertThat(change.levelAfter()).isFinite();
            assertThat(change.direction())
                    .isEqualTo(change.levelAfter() >= change.levelBefore() ? Direction.UP : Direction.DOWN);
            previous = change.index();
        }
        assertThat(n - previous).isGreaterThanOrEqualTo(minSegment);
    }

    @Property
    void sigmaIsTheFlooredMadOfFirstDifferences(
            @ForAll @IntRange(min = 6, max = 60) int n, @ForAll long seed) {
        double[] y = series(n, seed);
        double[] diffs = new double[n - 1];
        for (int t = 1; t < n; t++) {
            diffs[t - 1] = y[t] - y[t - 1];
        }
        double median = median(diffs);
        double[] deviations = Arrays.stream(diffs).map(d -> Math.abs(d - median)).toArray();
        double range = Arrays.stream(y).max().orElseThrow() - Arrays.stream(y).min().orElseThrow();
        double expected = Math.max(1.4826 * median(deviations) / Math.sqrt(2), 1e-3 * range);
        assertThat(ChangePoints.detect(y, Params.DEFAULT).sigma()).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void peltFindsTheOptimalSegmentation(
            @ForAll @IntRange(min = 6, max = 40) int n,
            @ForAll @IntRange(min = 3, max = 5) int minSegment,
            @ForAll @DoubleRange(min = 0.2, max = 15) double c,
            @ForAll long seed) {
        double[] y = series(n, seed);
        Result r = ChangePoints.detect(y, new Params(minSegment, c));
        if (n < 2 * minSegment) {
            return;
        }
        double variance = r.sigma() * r.sigma();
        double penalty = r.penalty();
        assertThat(penalty).isEqualTo(c * Math.log(n));

        // optimal partitioning without pruning: F(t) = min over every allowed last change s
        double[] f = new double[n + 1];
        int[] last = new int[n + 1];
        f[0] = -penalty;
        for (int t = 1; t <= n; t++) {
            f[t] = Double.POSITIVE_INFINITY;
            for (int s = 0; s <= t - minSegment; s++) {
                if (s != 0 && s < minSegment) {
                    continue;
                }
                double candidate = f[s] + rss(y, s, t) / variance + penalty;
                if (candidate < f[t]) {
                    f[t] = candidate;
                    last[t] = s;
                }
            }
        }
        List<Integer> optimal = new ArrayList<>();
        for (int t = last[n]; t > 0; t = last[t]) {
            optimal.add(0, t);
        }
        List<Integer> found = r.changes().stream().map(Change::index).toList();
        assertThat(penalisedCost(y, found, variance, penalty)).isCloseTo(f[n], within(
                1e-9 * Math.max(1, Math.abs(f[n]))));
        assertThat(found).isEqualTo(optimal);
    }

    static double penalisedCost(double[] y, List<Integer> changes, double variance, double penalty) {
        double cost = -penalty;
        int start = 0;
        List<Integer> ends = new ArrayList<>(changes);
        ends.add(y.length);
        for (int end : ends) {
            cost += rss(y, start, end) / variance + penalty;
            start = end;
        }
        return cost;
    }

    /** Residual sum of squares of the least-squares line through (t, y[t]), t in [a, b), two-pass. */
    static double rss(double[] y, int a, int b) {
        int len = b - a;
        double meanT = (a + b - 1) / 2.0;
        double meanY = 0;
        for (int t = a; t < b; t++) {
            meanY += y[t] / len;
        }
        double sxy = 0;
        double sxx = 0;
        for (int t = a; t < b; t++) {
            sxy += (t - meanT) * (y[t] - meanY);
            sxx += (t - meanT) * (t - meanT);
        }
        double slope = sxy / sxx;
        double rss = 0;
        for (int t = a; t < b; t++) {
            double residual = y[t] - meanY - slope * (t - meanT);
            rss += residual * residual;
        }
        return rss;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
