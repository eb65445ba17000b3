package io.marketlens.metrics.timeseries;

import io.marketlens.tables.Codes;
import io.marketlens.tables.TurningKind;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turning points (peaks and troughs) of a deseasonalised monthly series, for T/CCPITCSC 111-2022
 * Table 1, 1.1.4 数据拐点 (data turning points; SPEC M6, table {@code turning_points}).
 *
 * <p>A simplified Bry–Boschan procedure: G. Bry and C. Boschan (1971), <i>Cyclical Analysis of Time
 * Series: Selected Procedures and Computer Programs</i>, NBER Technical Paper 20, in the form Harding
 * and Pagan reduced it to (BBQ: local extremes in a window, then censoring rules; D. Harding and A.
 * Pagan (2002), "Dissecting the cycle: a methodological investigation", Journal of Monetary Economics
 * 49(2): 365–381). Steps, defaults in brackets ({@link Params}):
 *
 * <ol>
 *   <li><b>Smooth</b> with a centred moving average of {@code span} months [5]; at the ends the
 *       window is cut to the months that exist. Bry–Boschan date turns on a Spencer 15-term curve
 *       and refine them on a short "months for cyclical dominance" average and then on the raw series;
 *       one short centred average keeps the dates unshifted and is enough for a seasonally adjusted
 *       series of monthly sales. Turns are dated and reported on this smoothed series: the raw
 *       deseasonalised month is noisier, and moving a date to its highest raw month would move it by
 *       noise.
 *   <li><b>Candidates</b>: month t is a peak when its smoothed value is above every month in
 *       t−{@code window} .. t−1 and at least as high as every month in t+1 .. t+{@code window}, one of
 *       which is lower [window 5, as Bry–Boschan]; troughs mirror this. Ties therefore date a flat top
 *       at its first month, and a series that rises (or falls) and then stays flat has no turn. Only
 *       months at least {@code edge} months from both ends are candidates [6, as Bry–Boschan]: near
 *       an end one cannot tell a turn from a pause.
 *   <li><b>Alternation</b>: of two peaks in a row the higher is kept, of two troughs the lower (on a
 *       tie the earlier).
 *   <li><b>Ends</b> (Bry–Boschan): a first (last) peak lower than some month before (after) it, or a
 *       first (last) trough higher than some month before (after) it, is dropped: the series had
 *       already been past it.
 *   <li><b>Minimum cycle</b> peak→peak or trough→trough of {@code minCycle} months [15, as
 *       Bry–Boschan]: of two turns of one kind too close together the less extreme is dropped (on a tie
 *       the later), then alternation is restored.
 *   <li><b>Minimum phase</b> peak→trough or trough→peak of {@code minPhase} months [6; Bry–Boschan use
 *       5 for business-cycle aggregates, a category's sales are noisier, and six months is half a
 *       year, so a phase must outlast a season]: for a short phase a→b, b is dropped if the turn
 *       before a (b's kind) is beyond it, else a is dropped if the turn after b (a's kind) is beyond
 *       it, else both go; alternation is then restored (dropping one end leaves two turns of one kind
 *       side by side, and the more extreme stays).
 *
 *   <li><b>Minimum amplitude</b> {@code minAmplitude} [10 %]: a phase must move the smoothed level by at least
 *       that fraction of its higher end, else it is noise, not a cycle. The first turn is measured against the
 *       most extreme month before it (the lowest before a peak), the last against the most extreme after it, and
 *       need only half the move, since the series starts or stops part of the way through that phase —
 *       unless it is the only turn, which must stand out by the whole move on both sides; a
 *       small phase between two turns is fixed as a short phase is, a small first or last phase by dropping
 *       that turn. Not in Bry–Boschan (their aggregates always move); without it a steady trend with ±3 %
 *       noise shows a turn in one series in eight.
 * </ol>
 *
 * <p>Steps 4–7 repeat, one fix at a time, until no rule is broken. The result alternates, every turn is
 * at least {@code edge} months from both ends, and consecutive turns are at least {@code minPhase}
 * months apart. NaN marks a month with no information (see {@link SeasonalIndex#deseasonalise}); the
 * smoothing averages the known months of its window and the comparisons skip unknown months. Series
 * shorter than {@code 2·window + 1} or {@code 2·edge + 1} months get status {@value io.marketlens.tables.Codes.INSUFFICIENT_HISTORY}.
 * Stateless and thread-safe.
 */
public final class TurningPoints {

    private TurningPoints() {}

    /**
     * Smoothing span (odd, months), half-width of the extreme window, minimum phase and cycle, and the
     * months at each end where no turn is dated. See the class Javadoc for what each does.
     */
    public record Params(int span, int window, int minPhase, int minCycle, int edge, double minAmplitude)
            implements Serializable {

        public static final int DEFAULT_SPAN = 5;
        public static final int DEFAULT_WINDOW = 5;
        public static final int DEFAULT_MIN_PHASE = 6;
        public static final int DEFAULT_MIN_CYCLE = 15;
        public static final int DEFAULT_EDGE = 6;
        public static final double DEFAULT_MIN_AMPLITUDE = 0.10;

        public static final Params DEFAULT = new Params(DEFAULT_SPAN, DEFAULT_WINDOW, DEFAULT_MIN_PHASE,
                DEFAULT_MIN_CYCLE, DEFAULT_EDGE, DEFAULT_MIN_AMPLITUDE);

        /** Without an amplitude rule: every swing that passes the timing rules is a phase. */
        public Params(int span, int window, int minPhase, int minCycle, int edge) {
            this(span, window, minPhase, minCycle, edge, 0);
        }

        public Params {
            if (span < 1 || span % 2 == 0) {
                throw new IllegalArgumentException("turning-point smoothing span must be an odd number of months"
                        + " >= 1 (1 = no smoothing, default 5), got " + span);
            }
            if (window < 1 || minPhase < 1 || minCycle < 1 || edge < 0) {
                throw new IllegalArgumentException("turning-point window, minimum phase and minimum cycle must be"
                        + " >= 1 month and the edge >= 0 (defaults 5, 6, 15, 6), got window " + window
                        + ", minPhase " + minPhase + ", minCycle " + minCycle + ", edge " + edge);
            }
            if (!(minAmplitude >= 0 && minAmplitude < 1)) {
                throw new IllegalArgumentException("turning-point minimum amplitude must be in [0, 1) (default "
                        + DEFAULT_MIN_AMPLITUDE + " = 10 %), got " + minAmplitude);
            }
        }
    }

    /** A turn at month {@code index} of the input, with the smoothed series' value there. */
    public record Point(int index, TurningKind kind, double level) implements Serializable {}

    /** The turns, oldest first, and a status (null unless the series was too short to look at). */
    public record Result(List<Point> points, String status) implements Serializable {

        public Result {
            points = List.copyOf(points);
        }
    }

    /**
     * Turning points of a deseasonalised monthly series, oldest first. Never throws for short series.
     *
     * @throws IllegalArgumentException if a value is infinite (NaN is allowed and means unknown)
     */
    public static Result find(double[] deseasonalised, Params params) {
        return find(deseasonalised, params, Double.NaN);
    }

    /** Months of noise, in σ of the log series, a phase must move beyond: smoothed noise rarely swings that far. */
    public static final double NOISE_AMPLITUDE = 3.0;

    /**
     * As {@link #find(double[], Params)}, with the minimum amplitude raised to {@value #NOISE_AMPLITUDE} times
     * {@code logNoise} (the month-to-month noise of the series in log terms, as {@link ChangePoints} estimates it; NaN
     * for none): with ±7 % noise a month, the 5-month average of a flat series swings by more than 10 % somewhere in
     * four years in about half of series.
     */
    public static Result find(double[] deseasonalised, Params params, double logNoise) {
        if (Double.isFinite(logNoise) && NOISE_AMPLITUDE * logNoise > params.minAmplitude()) {
            params = new Params(params.span(), params.window(), params.minPhase(), params.minCycle(), params.edge(),
                    Math.min(0.99, NOISE_AMPLITUDE * logNoise));
        }
        Objects.requireNonNull(deseasonalised, "deseasonalised");
        Objects.requireNonNull(params, "params");
        for (int t = 0; t < deseasonalised.length; t++) {
            if (Double.isInfinite(deseasonalised[t])) {
                throw new IllegalArgumentException("deseasonalised values must be finite or NaN (unknown), got "
                        + deseasonalised[t] + " at month index " + t + " of " + deseasonalised.length);
            }
        }
        int n = deseasonalised.length;
        if (n < 2 * params.window() + 1 || n < 2 * params.edge() + 1) {
            return new Result(List.of(), Codes.INSUFFICIENT_HISTORY);
        }
        double[] s = smooth(deseasonalised, params.span());
        List<Point> points = new ArrayList<>();
        for (int t = params.edge(); t < n - params.edge(); t++) {
            if (isTurn(s, t, params.window(), TurningKind.PEAK)) {
                points.add(new Point(t, TurningKind.PEAK, s[t]));
            } else if (isTurn(s, t, params.window(), TurningKind.TROUGH)) {
                points.add(new Point(t, TurningKind.TROUGH, s[t]));
            }
        }
        alternate(points);
        boolean fixed;
        do { // each fix removes at least one point, so this ends
            fixed = dropPassedEnd(points, s)
                    || fixShortCycle(points, params.minCycle())
                    || fixShortPhase(points, params.minPhase())
                    || fixSmallPhase(points, s, params.minAmplitude());
        } while (fixed);
        return new Result(points, null);
    }

    /**
     * Centred moving average of {@code span} months (odd); at the ends the window is cut to the months
     * that exist, and unknown (NaN) months are left out of every mean. NaN where a window has no known month.
     */
    public static double[] smooth(double[] values, int span) {
        if (span < 1 || span % 2 == 0) {
            throw new IllegalArgumentException("smoothing span must be odd and >= 1, got " + span);
        }
        int half = span / 2;
        double[] smoothed = new double[values.length];
        for (int t = 0; t < values.length; t++) {
            double sum = 0;
            int known = 0;
            for (int j = Math.max(0, t - half); j <= Math.min(values.length - 1, t + half); j++) {
                if (!Double.isNaN(values[j])) {
                    sum += values[j];
                    known++;
                }
            }
            smoothed[t] = known == 0 ? Double.NaN : sum / known;
        }
        return smoothed;
    }

    /**
     * Whether t is a turn of the kind within ±window: beyond every known month before it, at least as far
     * as every known month after it, with at least one known month before and one after strictly behind.
     * Written for peaks on the sign-flipped series when looking for troughs.
     */
    private static boolean isTurn(double[] s, int t, int window, TurningKind kind) {
        if (Double.isNaN(s[t])) {
            return false;
        }
        double sign = kind == TurningKind.PEAK ? 1 : -1;
        double here = sign * s[t];
        boolean before = false;
        for (int j = Math.max(0, t - window); j < t; j++) {
            if (!Double.isNaN(s[j])) {
                if (sign * s[j] >= here) {
                    return false;
                }
                before = true;
            }
        }
        boolean after = false;
        for (int j = t + 1; j <= Math.min(s.length - 1, t + window); j++) {
            if (!Double.isNaN(s[j])) {
                double there = sign * s[j];
                if (there > here) {
                    return false;
                }
                after |= there < here;
            }
        }
        return before && after;
    }

    /** Merges runs of one kind into their most extreme point (the earliest on a tie). */
    private static void alternate(List<Point> points) {
        int i = 0;
        while (i + 1 < points.size()) {
            Point a = points.get(i);
            Point b = points.get(i + 1);
            if (a.kind() != b.kind()) {
                i++;
            } else if (beyond(b, a)) {
                points.remove(i);
            } else {
                points.remove(i + 1);
            }
        }
    }

    /** Whether p is strictly more extreme than q, both of one kind: higher for peaks, lower for troughs. */
    private static boolean beyond(Point p, Point q) {
        return p.kind() == TurningKind.PEAK ? p.level() > q.level() : p.level() < q.level();
    }

    /** Drops a first or last turn that a known month between it and the end outdoes; true if one was dropped. */
    private static boolean dropPassedEnd(List<Point> points, double[] s) {
        if (points.isEmpty()) {
            return false;
        }
        Point first = points.get(0);
        if (outdone(first, s, 0, first.index())) {
            points.remove(0);
            return true;
        }
        Point last = points.get(points.size() - 1);
        if (outdone(last, s, last.index() + 1, s.length)) {
            points.remove(points.size() - 1);
            return true;
        }
        return false;
    }

    /** Whether a known month in [from, to) is strictly beyond the point: higher than a peak, lower than a trough. */
    private static boolean outdone(Point p, double[] s, int from, int to) {
        for (int j = from; j < to; j++) {
            if (!Double.isNaN(s[j]) && (p.kind() == TurningKind.PEAK ? s[j] > p.level() : s[j] < p.level())) {
                return true;
            }
        }
        return false;
    }

    /** Fixes the first pair of same-kind turns closer than minCycle; true if one was fixed. */
    private static boolean fixShortCycle(List<Point> points, int minCycle) {
        for (int i = 0; i + 2 < points.size(); i++) {
            Point a = points.get(i);
            Point c = points.get(i + 2);
            if (c.index() - a.index() < minCycle) {
                points.remove(beyond(c, a) ? i : i + 2);
                alternate(points);
                return true;
            }
        }
        return false;
    }

    /**
     * Fixes the smallest phase whose move is under {@code minAmplitude} of its higher end (the swings before the
     * first turn and after the last included); true if one was fixed.
     */
    private static boolean fixSmallPhase(List<Point> points, double[] s, double minAmplitude) {
        if (points.isEmpty() || minAmplitude <= 0) {
            return false;
        }
        int worst = -2;
        double smallest = minAmplitude;
        for (int i = -1; i < points.size(); i++) {
            double a = i < 0 ? extreme(s, 0, points.get(0).index(), points.get(0).kind()) : points.get(i).level();
            double b = i + 1 < points.size() ? points.get(i + 1).level()
                    : extreme(s, points.get(i).index() + 1, s.length, points.get(i).kind());
            double move = Double.isNaN(a) || Double.isNaN(b) ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
            if ((i < 0 || i + 1 == points.size()) && points.size() > 1) {
                move *= 2; // an end phase is seen in part: the series starts or stops on its way
            }
            if (move < smallest || Double.isNaN(move)) {
                smallest = Double.isNaN(move) ? -1 : move;
                worst = i;
            }
        }
        if (worst == -2) {
            return false;
        }
        if (worst < 0) {
            points.remove(0);
        } else if (worst == points.size() - 1) {
            points.remove(worst);
        } else {
            removeShortPhase(points, worst);
        }
        alternate(points);
        return true;
    }

    /** The opposite extreme of the known months in [from, to): the lowest for a peak's side, the highest for a trough's. */
    private static double extreme(double[] s, int from, int to, TurningKind kind) {
        double out = Double.NaN;
        for (int j = from; j < to; j++) {
            if (!Double.isNaN(s[j]) && (Double.isNaN(out) || (kind == TurningKind.PEAK ? s[j] < out : s[j] > out))) {
                out = s[j];
            }
        }
        return out;
    }

    /**
     * Fixes the first phase shorter than minPhase; true if one was fixed. Dropping one end of the phase
     * leaves the other's neighbours of the opposite kind adjacent, and alternation keeps the more extreme
     * of them, so the end to drop is the one that its own-kind neighbour on the far side outdoes.
     */
    private static boolean fixShortPhase(List<Point> points, int minPhase) {
        for (int i = 0; i + 1 < points.size(); i++) {
            Point a = points.get(i);
            Point b = points.get(i + 1);
            if (b.index() - a.index() < minPhase) {
                removeShortPhase(points, i);
                alternate(points);
                return true;
            }
        }
        return false;
    }

    /** Removes the phase from turn i to turn i + 1: the end its own-kind neighbour outdoes, else both ends. */
    private static void removeShortPhase(List<Point> points, int i) {
        Point a = points.get(i);
        Point b = points.get(i + 1);
        boolean bOutdone = i > 0 && beyond(points.get(i - 1), b);
        boolean aOutdone = i + 2 < points.size() && beyond(points.get(i + 2), a);
        if (bOutdone) {
            points.remove(i + 1);
        } else if (aOutdone) {
            points.remove(i);
        } else {
            // both ends are the most extreme of their kind nearby: the swing between them is too
            // short to count, and removing the pair keeps the turns around it alternating
            points.remove(i + 1);
            points.remove(i);
        }
    }
}
