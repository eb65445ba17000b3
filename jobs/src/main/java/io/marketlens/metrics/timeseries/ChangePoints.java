package io.marketlens.metrics.timeseries;

import io.marketlens.tables.Codes;
import io.marketlens.tables.Direction;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Change points (level shifts) of a deseasonalised log series, for T/CCPITCSC 111-2022 Table 1, 1.1.4
 * 数据拐点 (data turning points; SPEC M6, table {@code change_points}).
 *
 * <p><b>Search.</b> Exact PELT (Killick, Fearnhead &amp; Eckley 2012, "Optimal detection of
 * changepoints with a linear computational cost", JASA 107(500): 1590–1598, Algorithm 2): optimal
 * partitioning {@code F(t) = min_s F(s) + C(y[s..t)) + β}, {@code F(0) = −β}, where a candidate last
 * change {@code s} is dropped for good once {@code F(s) + C(y[s..t)) > F(t)} (their K = 0, valid because
 * the cost below is superadditive: one line fitted to the union of two segments leaves at least the sum
 * of the two residual sums of squares). The result is the global optimum over all segmentations whose
 * segments are at least {@link Params#minSegment()} long. With a minimum segment length the pruning
 * argument only covers ends {@code T ≥ t + minSegment} (before that, {@code t} cannot be a change), so a
 * candidate pruned at {@code t} stays in the candidate set until {@code t + minSegment − 1}. A candidate
 * is pruned only when it is worse by more than rounding ({@code 1e-9 · max(1, |F(t)|)}), so rounding
 * never prunes an optimal one. Memory O(n); each segment cost is O(1) from prefix sums of y, y² and t·y.
 *
 * <p><b>Cost: piecewise linear mean with known noise variance.</b> Each segment is a straight line in
 * t (log revenue: a constant growth rate) plus i.i.d. normal noise of variance σ²;
 * {@code C(segment) = RSS / σ̂²}, the residual sum of squares of the least-squares line, i.e. twice the
 * negative log-likelihood up to a constant. A change is a break in level and/or slope. A piecewise
 * constant mean (normal mean-change cost) is wrong for revenue: a 2 %/month trend climbs ln(1.02)·36 ≈
 * 0.71 in three years, three times a 25 % shift (ln 1.25 ≈ 0.223), and would be cut into steps. A cost on
 * first differences would turn a level shift into a single spike; a mean-change cost on a globally
 * detrended series fails as soon as the growth rate changes. The linear model keeps any steady trend in
 * one segment and sees a shift as a jump of the intercept.
 *
 * <p><b>Noise scale.</b> {@code σ̂ = 1.4826 · MAD(Δy) / √2}, the median absolute deviation of the first
 * differences about their median: a steady slope moves only that median, each level shift spoils a
 * single difference, and the difference of two i.i.d. noises has variance 2σ². The estimate is
 * floored at {@value #SIGMA_FLOOR_FRACTION} of the series' range, so a noise-free series (a clean
 * step, an exact line: MAD = 0) has a finite cost; below that floor the series is treated as
 * noise-free. A constant series (range 0) has no change — every segmentation fits it exactly — and is
 * returned with {@code sigma = 0} and no cost ever evaluated, so no 0/0 arises. Autocorrelated noise
 * makes differences understate σ and breaks more likely; raise the penalty multiplier for such data.
 *
 * <p><b>Penalty.</b> {@code β = c · ln n} in the units of the cost, the Schwarz (BIC) form: each extra
 * segment costs a slope, an intercept and a break position (3 parameters), so BIC would give c = 3.
 * The default c = {@value Params#DEFAULT_PENALTY_MULTIPLIER} is larger because σ̂ is itself estimated,
 * the best of ~n break positions (and of short segments at the ends) gains more than a χ² with 3
 * degrees of freedom, and real residuals are neither normal nor independent. It is the smallest c
 * that keeps false changes at or under ~5 % of steady-trend series even under such misspecification,
 * while a 25 % shift is still found ~always. Tuned on seeded simulations: log series of 36–60 months
 * (uniform), slope uniform in ±ln 1.02 per month, noise σ = 0.03 (±3 % multiplicative), 5 000 series
 * per row; "found" = a change within one month of the shift with the right direction; shifts ×1.25 or
 * ×0.75 at a uniform month in 6..n−6:
 *
 * <pre>
 *   noise                   c   trend series with ≥ 1 change   25 % shift found
 *   normal                  3   13.9 %                          99.7 %
 *   normal                  6    1.0 %                          99.98 %
 *   normal                  8    0.24 %                        100 %
 *   normal                 10    0.04 %                        100 %     (20 %: 99.7, 15 %: 94.6, 10 %: 51 %)
 *   uniform ±3 %           10    0.10 %                        100 %
 *   AR(1) φ 0.3, sd 0.03   10    3.0 %                          99.98 %  (c = 8: 5.7 % false)
 *   Student t₄, sd 0.03    10    3.5 %                          99.86 %  (c = 8: 5.6 % false)
 * </pre>
 *
 * A 25 % shift in the last 3 months of the series is found in 99.1 % of cases (last 4: 99.9 %).
 * ChangePointsTest repeats the default normal row on 200 + 200 seeded series as a regression check.
 *
 * <p><b>Reported change.</b> {@link Change#index()} is the first index of the new segment. Its
 * {@code levelBefore} is the fitted value of the old segment's line at {@code index − 1}, its
 * {@code levelAfter} that of the new segment's line at {@code index}, both in the input's (log) scale;
 * the direction is the sign of {@code levelAfter − levelBefore}, a zero difference counting as up. A
 * break of slope alone is a change too; its two levels then differ by about one month of slope.
 *
 * <p>Stateless and thread-safe.
 */
public final class ChangePoints {

    /** σ̂ is never below this fraction of the series' range (max − min). */
    public static final double SIGMA_FLOOR_FRACTION = 1e-3;

    /** Consistency factor of the MAD for a normal distribution, 1 / Φ⁻¹(3/4). */
    private static final double MAD_TO_SIGMA = 1.4826;

    /** Relative slack of the pruning test, far above the rounding of a prefix-sum cost. */
    private static final double PRUNE_SLACK = 1e-9;

    private ChangePoints() {}

    /**
     * Minimum segment length in months (≥ 3: a line through two points fits exactly) and the penalty
     * multiplier c of {@code β = c · ln n} (finite, &gt; 0).
     */
    public record Params(int minSegment, double penaltyMultiplier) implements Serializable {

        public static final int DEFAULT_MIN_SEGMENT = 3;
        public static final double DEFAULT_PENALTY_MULTIPLIER = 10.0;

        public static final Params DEFAULT = new Params(DEFAULT_MIN_SEGMENT, DEFAULT_PENALTY_MULTIPLIER);

        public Params {
            if (minSegment < 3) {
                throw new IllegalArgumentException("change-point minimum segment must be at least 3 months"
                        + " (a line through fewer points fits exactly; default " + DEFAULT_MIN_SEGMENT + "), got "
                        + minSegment);
            }
            if (!(Double.isFinite(penaltyMultiplier) && penaltyMultiplier > 0)) {
                throw new IllegalArgumentException("change-point penalty multiplier must be a finite number > 0"
                        + " (default " + DEFAULT_PENALTY_MULTIPLIER + "), got " + penaltyMultiplier);
            }
        }
    }

    /**
     * One change: the first index of the new segment, the direction of the jump, and the fitted level of
     * the old segment at {@code index − 1} and of the new one at {@code index} (input scale).
     */
    public record Change(int index, Direction direction, double levelBefore, double levelAfter)
            implements Serializable {}

    /**
     * The changes in index order, the noise scale σ̂ used (0 for a constant series, NaN when not
     * computed), the penalty β in units of the cost RSS/σ̂² (NaN when not computed), and a status (null
     * when the series was searched).
     */
    public record Result(List<Change> changes, double sigma, double penalty, String status) implements Serializable {

        public Result {
            changes = List.copyOf(changes);
        }
    }

    /**
     * Finds the change points of a deseasonalised log series, oldest first, one value per month.
     * Fewer than {@code 2 · minSegment} values → no changes, status {@value io.marketlens.tables.Codes.INSUFFICIENT_HISTORY}.
     *
     * @throws IllegalArgumentException if a value is NaN or infinite (take logs of positive revenue only)
     */
    public static Result detect(double[] logSeries, Params params) {
        Objects.requireNonNull(logSeries, "logSeries");
        Objects.requireNonNull(params, "params");
        for (int t = 0; t < logSeries.length; t++) {
            if (!Double.isFinite(logSeries[t])) {
                throw new IllegalArgumentException("change-point series must be finite, got " + logSeries[t]
                        + " at index " + t + " of " + logSeries.length
                        + " (months without revenue have no logarithm: leave them out or fill them first)");
            }
        }
        int n = logSeries.length;
        int m = params.minSegment();
        if (n < 2 * m) {
            return new Result(List.of(), Double.NaN, Double.NaN, Codes.INSUFFICIENT_HISTORY);
        }
        double penalty = params.penaltyMultiplier() * Math.log(n);
        double range = range(logSeries);
        if (range == 0) {
            return new Result(List.of(), 0, penalty, null);
        }
        double sigma = Math.max(madSigma(logSeries), SIGMA_FLOOR_FRACTION * range);
        Segments segments = new Segments(logSeries);
        int[] last = pelt(segments, n, m, penalty, sigma * sigma);
        return new Result(changes(segments, last, n), sigma, penalty, null);
    }

    /** PELT; returns for every end t the start of the last segment of the optimal segmentation of [0, t). */
    private static int[] pelt(Segments segments, int n, int m, double penalty, double variance) {
        double[] f = new double[n + 1];
        int[] last = new int[n + 1];
        f[0] = -penalty;
        int[] candidates = new int[n + 1];
        int[] prunedAt = new int[n + 1];
        double[] costs = new double[n + 1];
        int size = 0;
        for (int t = m; t <= n; t++) {
            int joining = t - m;
            if (joining == 0 || joining >= m) { // F is finite only at 0 and from m on
                candidates[size] = joining;
                prunedAt[size] = Integer.MAX_VALUE;
                size++;
            }
            double best = Double.POSITIVE_INFINITY;
            int argBest = -1;
            for (int i = 0; i < size; i++) {
                int s = candidates[i];
                costs[i] = f[s] + segments.rss(s, t) / variance;
                if (costs[i] + penalty < best) {
                    best = costs[i] + penalty;
                    argBest = s;
                }
            }
            f[t] = best;
            last[t] = argBest;
            double bound = best + PRUNE_SLACK * Math.max(1, Math.abs(best));
            int kept = 0;
            for (int i = 0; i < size; i++) {
                int pruned = prunedAt[i] == Integer.MAX_VALUE && costs[i] > bound ? t : prunedAt[i];
                if (pruned > t + 1 - m) { // still needed as the last change of some end before pruned + m
                    candidates[kept] = candidates[i];
                    prunedAt[kept] = pruned;
                    kept++;
                }
            }
            size = kept;
        }
        return last;
    }

    private static List<Change> changes(Segments segments, int[] last, int n) {
        List<Integer> bounds = new ArrayList<>();
        for (int t = n; t > 0; t = last[t]) {
            bounds.add(0, t);
        }
        bounds.add(0, 0);
        List<Change> changes = new ArrayList<>();
        for (int k = 1; k < bounds.size() - 1; k++) {
            int start = bounds.get(k - 1);
            int index = bounds.get(k);
            int end = bounds.get(k + 1);
            double before = segments.fitted(start, index, index - 1);
            double after = segments.fitted(index, end, index);
            changes.add(new Change(index, after >= before ? Direction.UP : Direction.DOWN, before, after));
        }
        return changes;
    }

    private static double range(double[] y) {
        double min = y[0];
        double max = y[0];
        for (double v : y) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }

    /** 1.4826 · MAD of the first differences / √2. */
    private static double madSigma(double[] y) {
        double[] diffs = new double[y.length - 1];
        for (int t = 1; t < y.length; t++) {
            diffs[t - 1] = y[t] - y[t - 1];
        }
        double median = median(diffs);
        for (int i = 0; i < diffs.length; i++) {
            diffs[i] = Math.abs(diffs[i] - median);
        }
        return MAD_TO_SIGMA * median(diffs) / Math.sqrt(2);
    }

    /** Median of a copy, sorted. */
    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * Least-squares lines over segments [a, b) in O(1) from prefix sums. The values are centred on their
     * mean first, so a log level of 15 does not drown a residual of 10⁻³ in rounding; Σ(t − t̄)² over
     * consecutive integers is L(L² − 1)/12 exactly.
     */
    private static final class Segments {
        private final double mean;
        private final double[] sumY;
        private final double[] sumYY;
        private final double[] sumTY;

        Segments(double[] y) {
            int n = y.length;
            mean = Arrays.stream(y).sum() / n;
            sumY = new double[n + 1];
            sumYY = new double[n + 1];
            sumTY = new double[n + 1];
            for (int t = 0; t < n; t++) {
                double v = y[t] - mean;
                sumY[t + 1] = sumY[t] + v;
                sumYY[t + 1] = sumYY[t] + v * v;
                sumTY[t + 1] = sumTY[t] + t * v;
            }
        }

        /** Residual sum of squares of the line fitted to [a, b), b − a ≥ 2; never negative. */
        double rss(int a, int b) {
            int len = b - a;
            double sy = sumY[b] - sumY[a];
            double sty = centredCross(a, b);
            return Math.max(0, sumYY[b] - sumYY[a] - sy * sy / len - sty * sty / centredSquares(len));
        }

        /** Value at t of the line fitted to [a, b), in the input's scale. */
        double fitted(int a, int b, int t) {
            int len = b - a;
            double slope = centredCross(a, b) / centredSquares(len);
            return mean + (sumY[b] - sumY[a]) / len + slope * (t - (a + b - 1) / 2.0);
        }

        /** Σ (t − t̄)(y − ȳ) over [a, b). */
        private double centredCross(int a, int b) {
            return sumTY[b] - sumTY[a] - (a + b - 1) / 2.0 * (sumY[b] - sumY[a]);
        }

        /** Σ (t − t̄)² over len consecutive integers. */
        private static double centredSquares(int len) {
            return len * ((double) len * len - 1) / 12;
        }
    }
}
