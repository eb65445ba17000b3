package io.marketlens.metrics.timeseries;

import io.marketlens.tables.ChangeKind;
import io.marketlens.tables.Direction;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Seasonal indices and change points of one monthly series, estimated together, for T/CCPITCSC 111-2022 Table 1,
 * 1.1.4 淡旺季 and 数据拐点 (SPEC M5, M6).
 *
 * <p><b>Why together.</b> The classical index ({@link SeasonalIndex}) divides each month by a centred 2×12 moving
 * average. Across a level shift that average climbs over twelve months, so the months just before the shift look
 * low against it and those just after look high: the indices absorb part of the shift, and the deseasonalised
 * series then steps in the same calendar month of every year — a change-point search reads those steps as shifts
 * that never happened. The cure is to estimate the shifts and the season together, as a regression of the log
 * series on month effects and a line per segment (level shifts are the jumps between segments), and only then
 * measure the season:
 *
 * <ol>
 *   <li><b>Two starts</b> for the month effects: the logs of classical indices whose calendar months take the
 *       <i>median</i> of their ratios ({@link SeasonalIndex#compute(double[], int, SeasonalIndex.Thresholds,
 *       boolean)}), and the median over the years of each month's month-to-month change in log level, less the
 *       trend, summed through the year ({@link #fromDifferences}) — a shift spoils a single change of a single
 *       month, while in a short series it sits inside the moving average of most months' only ratio;
 *   <li>from each start, in turn until the segmentation repeats (at most {@value #MAX_PASSES} passes): the search
 *       ({@link ChangePoints}) on the log series less the effects, then the effects that with a line per segment
 *       fit best (least squares by blocks, alternating lines and monthly mean residuals to convergence);
 *   <li>of the two fits, the one with the lower penalised cost (RSS / σ² + β per change, one σ for both);
 *   <li>the level shifts of that fit are divided out of the raw series, and the indices are the <b>classical</b>
 *       ones of what remains — ratio to the centred 2×12 average, mean per calendar month — so a series without
 *       shifts gets exactly R's {@code decompose}, and a smooth cycle is followed by the moving average rather than
 *       cut into lines; the search runs once more on the raw series divided by these indices, and its changes are
 *       the ones reported.
 * </ol>
 *
 * This is the iteration of X-11 and STL in miniature (trend and season estimated in turn; R. B. Cleveland et al.
 * 1990, "STL: A Seasonal-Trend Decomposition Procedure Based on Loess", Journal of Official Statistics 6(1): 3–73),
 * with a trend that may break where the change-point search says so instead of a smoother that cannot. With
 * {@link Method#CLASSICAL} none of this runs: the classical indices of the raw series, one search; nor for a
 * series with a month without sales (it has no log level), which keeps the classical indices.
 *
 * <p><b>What is reported.</b> For each change, {@code levelBefore} and {@code levelAfter} are the mean of the
 * deseasonalised months just before and just after it — up to {@value #LEVEL_MONTHS} months each side, never
 * across another change — and {@code change = after ÷ before − 1}: what a reader sees on the chart, not the
 * intercept of a fitted line. A change is a {@link ChangeKind#LEVEL_SHIFT} when the fitted level jumps by at least
 * {@code minChange} (relative) and the visible change agrees in sign and is at least {@code minChange} too; else a
 * {@link ChangeKind#TREND_BREAK} when both segments are at least {@value #TREND_MONTHS} months long (a slope
 * through fewer months is mostly noise) and their growth per month differs by at least {@code minSlopeChange}
 * (direction up when growth quickens); else it is not reported (a real but small change,
 * or one the months around it do not show).
 *
 * <p>{@link Result#shiftFree()} is the deseasonalised series with the level shifts divided out: turning points are
 * read from it, so a step up is not a trough followed by a peak. Stateless and thread-safe.
 */
public final class ShiftAwareSeasons {

    /** Passes of step 2 at most; the segmentation usually repeats by the second or third. */
    public static final int MAX_PASSES = 5;

    /** Months each side of a change whose mean is its level before and after. */
    public static final int LEVEL_MONTHS = 3;

    /**
     * Months each side of a trend break at the least: with ±3 % noise a month the slope of a line through four months
     * is uncertain by ±1.3 points a month, through six by ±0.7 — a break of growth needs half a year to be told.
     */
    public static final int TREND_MONTHS = 6;

    private ShiftAwareSeasons() {}

    /** How the seasonal indices are estimated ({@code metrics.seasonality.method}). */
    public enum Method {
        /** Indices and level shifts estimated in turn (the default). */
        SHIFT_AWARE,
        /** The classical ratio to moving average once, as R's {@code decompose}. */
        CLASSICAL;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** {@code shift_aware} or {@code classical} (case-insensitive). */
        @com.fasterxml.jackson.annotation.JsonCreator
        public static Method parse(String code) {
            for (Method m : values()) {
                if (m.code().equalsIgnoreCase(code.trim())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("seasonality method must be shift_aware or classical, got '" + code + "'");
        }
    }

    /**
     * Which changes are reported ({@code metrics.change_points}): a level shift of at least {@code minChange}
     * (relative, in (0, 1); default 10 %), a trend break where the growth per month changes by at least
     * {@code minSlopeChange} (default 0.01 = one point a month).
     */
    public record ChangeFilter(double minChange, double minSlopeChange) implements Serializable {

        public static final double DEFAULT_MIN_CHANGE = 0.10;
        public static final double DEFAULT_MIN_SLOPE_CHANGE = 0.01;

        public static final ChangeFilter DEFAULT = new ChangeFilter(DEFAULT_MIN_CHANGE, DEFAULT_MIN_SLOPE_CHANGE);

        /** The config's {@code metrics.change_points} section: a key left out takes its default. */
        @com.fasterxml.jackson.annotation.JsonCreator
        public static ChangeFilter of(@com.fasterxml.jackson.annotation.JsonProperty("min_change") Double minChange,
                                      @com.fasterxml.jackson.annotation.JsonProperty("min_slope_change") Double minSlopeChange) {
            return new ChangeFilter(minChange == null ? DEFAULT_MIN_CHANGE : minChange,
                    minSlopeChange == null ? DEFAULT_MIN_SLOPE_CHANGE : minSlopeChange);
        }

        public ChangeFilter {
            if (!(minChange > 0 && minChange < 1)) {
                throw new IllegalArgumentException("change points: min_change must be in (0, 1) (default "
                        + DEFAULT_MIN_CHANGE + " = 10 %), got " + minChange);
            }
            if (!(minSlopeChange > 0 && Double.isFinite(minSlopeChange))) {
                throw new IllegalArgumentException("change points: min_slope_change must be a number > 0 (default "
                        + DEFAULT_MIN_SLOPE_CHANGE + " = one point of growth a month), got " + minSlopeChange);
            }
        }
    }

    /** How the indices are estimated, the search's settings and which changes are reported. */
    public record Options(Method method, ChangePoints.Params search, ChangeFilter filter) implements Serializable {

        public static final Options DEFAULT = new Options(Method.SHIFT_AWARE, ChangePoints.Params.DEFAULT,
                ChangeFilter.DEFAULT);

        public Options {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(search, "search");
            Objects.requireNonNull(filter, "filter");
        }

        double minChange() {
            return filter.minChange();
        }

        double minSlopeChange() {
            return filter.minSlopeChange();
        }
    }

    /**
     * A reported change at month {@code index}: its kind and direction, the mean deseasonalised level of the months
     * before and after, {@code change = after ÷ before − 1} (NaN when the level before is not positive), and the
     * growth per month of the segments before and after ({@code e^slope − 1}).
     */
    public record Reported(int index, ChangeKind kind, Direction direction, double levelBefore, double levelAfter,
                           double change, double slopeBefore, double slopeAfter) implements Serializable {}

    /**
     * The seasonal indices, the last search, the reported changes, the deseasonalised series (the raw series when
     * the indices have a status), that series with the level shifts divided out, and the passes made.
     */
    public record Result(SeasonalIndex.Result seasons, ChangePoints.Result search, List<Reported> changes,
                         double[] adjusted, double[] shiftFree, int passes) {

        public Result {
            changes = List.copyOf(changes);
        }
    }

    /** Seasons and changes of a monthly series, oldest first, whose first month is {@code firstMonth} (1–12). */
    public static Result analyse(double[] y, int firstMonth, SeasonalIndex.Thresholds thresholds, Options o) {
        // the joint fit is of log levels: a month without sales has none, and the series keeps the classical indices
        boolean joint = o.method() == Method.SHIFT_AWARE && java.util.Arrays.stream(y).allMatch(v -> v > 0);
        SeasonalIndex.Result seasons = SeasonalIndex.compute(y, firstMonth, thresholds, joint);
        int passes = 1;
        if (joint && seasons.status() == null) {
            double[] logs = TimeSeriesTables.logLevels(y);
            double[] fromRatios = new double[MONTHS];
            double[] start = seasons.index();
            for (int m = 0; m < MONTHS; m++) {
                fromRatios[m] = start[m] > 0 ? Math.log(start[m]) : 0;
            }
            centre(fromRatios);
            Fit a = fit(logs, fromRatios, firstMonth, o);
            Fit b = fit(logs, fromDifferences(logs, firstMonth), firstMonth, o);
            double variance = Math.pow(Math.max(a.search().sigma(), 1e-12), 2);
            Fit best = b.cost(logs, firstMonth, variance) < a.cost(logs, firstMonth, variance) ? b : a;
            passes = best.passes();
            // the indices themselves by the classical ratios, on the series with the level shifts found taken out:
            // a smooth cycle is then followed by the moving average as in R's decompose, not cut into lines
            double[] raw = new double[MONTHS];
            for (int m = 0; m < MONTHS; m++) {
                raw[m] = Math.exp(best.effect()[m]);
            }
            SeasonalIndex.Result jointSeasons = SeasonalIndex.of(raw, monthCounts(y.length, firstMonth), thresholds);
            double[] jointAdjusted = adjusted(y, firstMonth, jointSeasons);
            ChangePoints.Result jointSearch = ChangePoints.detect(TimeSeriesTables.logLevels(jointAdjusted), o.search());
            double[] shifts = shiftLogs(jointSearch, report(jointSearch, jointAdjusted, o), y.length);
            double[] rescaled = new double[y.length];
            for (int t = 0; t < y.length; t++) {
                rescaled[t] = y[t] * Math.exp(-shifts[t]);
            }
            SeasonalIndex.Result classical = SeasonalIndex.compute(rescaled, firstMonth, thresholds);
            seasons = classical.status() == null ? classical : jointSeasons;
        }
        double[] adjusted = adjusted(y, firstMonth, seasons);
        ChangePoints.Result search = ChangePoints.detect(TimeSeriesTables.logLevels(adjusted), o.search());
        List<Reported> reported = report(search, adjusted, o);
        double[] shiftFree = withoutShifts(adjusted, shiftLogs(search, reported, y.length));
        return new Result(seasons, search, reported, adjusted, shiftFree, passes);
    }

    private static final int MONTHS = SeasonalIndex.MONTHS_PER_YEAR;

    /** Month effects (log scale, centred), the search on the series without them, and the passes it took. */
    private record Fit(double[] effect, ChangePoints.Result search, int passes) {

        /** The penalised cost of the fit, in units of a common noise variance: RSS / σ² + β per change. */
        double cost(double[] logs, int firstMonth, double variance) {
            double[] adjusted = minus(logs, effect, firstMonth);
            double[] trend = ChangePoints.fitted(adjusted, search.changes());
            double rss = 0;
            for (int t = 0; t < logs.length; t++) {
                rss += (adjusted[t] - trend[t]) * (adjusted[t] - trend[t]);
            }
            double penalty = Double.isNaN(search.penalty()) ? 0 : search.penalty();
            return rss / variance + penalty * search.changes().size();
        }
    }

    /** Month effects and segmentation fitted in turn from a start, until the segmentation repeats. */
    private static Fit fit(double[] logs, double[] start, int firstMonth, Options o) {
        double[] effect = start;
        List<Integer> months = null;
        int passes = 0;
        ChangePoints.Result search = null;
        while (passes < MAX_PASSES) {
            search = ChangePoints.detect(minus(logs, effect, firstMonth), o.search());
            passes++;
            List<Integer> found = months(search);
            if (found.equals(months)) {
                break;
            }
            months = found;
            effect = monthEffects(logs, effect, firstMonth, search);
        }
        return new Fit(effect, search, passes);
    }

    /**
     * Month effects from month-to-month changes: the median over the years of each calendar month's change in log
     * level, less their mean (the trend), summed up through the year. A level shift spoils one change of one month
     * only, which the median passes over once that month has three years of changes.
     */
    static double[] fromDifferences(double[] logs, int firstMonth) {
        List<List<Double>> byMonth = new ArrayList<>();
        for (int m = 0; m < MONTHS; m++) {
            byMonth.add(new ArrayList<>());
        }
        for (int t = 1; t < logs.length; t++) {
            byMonth.get(slot(firstMonth, t)).add(logs[t] - logs[t - 1]);
        }
        double[] step = new double[MONTHS];
        for (int m = 0; m < MONTHS; m++) {
            List<Double> d = byMonth.get(m);
            d.sort(null);
            int k = d.size();
            step[m] = k == 0 ? 0 : k % 2 == 1 ? d.get(k / 2) : (d.get(k / 2 - 1) + d.get(k / 2)) / 2;
        }
        double drift = java.util.Arrays.stream(step).average().orElse(0);
        double[] effect = new double[MONTHS];
        double level = 0;
        for (int m = 1; m < MONTHS; m++) {
            level += step[m] - drift;
            effect[m] = level;
        }
        centre(effect);
        return effect;
    }

    /** Inner passes at most of the alternating fit of month effects and segment lines for one segmentation. */
    private static final int INNER_PASSES = 50;

    /**
     * The month effects (log scale, centred on 0) that, with a line per segment of the search's segmentation, fit
     * the log series best: alternately the segment lines of the series without the effects, then each calendar
     * month's mean residual from the lines — least squares by blocks, which converges to the joint fit.
     */
    private static double[] monthEffects(double[] logs, double[] start, int firstMonth, ChangePoints.Result search) {
        double[] effect = start.clone();
        for (int pass = 0; pass < INNER_PASSES; pass++) {
            double[] trend = ChangePoints.fitted(minus(logs, effect, firstMonth), search.changes());
            double[] sum = new double[MONTHS];
            int[] count = new int[MONTHS];
            for (int t = 0; t < logs.length; t++) {
                int m = slot(firstMonth, t);
                sum[m] += logs[t] - trend[t];
                count[m]++;
            }
            double[] next = new double[MONTHS];
            double moved = 0;
            for (int m = 0; m < MONTHS; m++) {
                next[m] = count[m] == 0 ? 0 : sum[m] / count[m];
            }
            centre(next);
            for (int m = 0; m < MONTHS; m++) {
                moved = Math.max(moved, Math.abs(next[m] - effect[m]));
            }
            effect = next;
            if (moved < 1e-10) {
                break;
            }
        }
        return effect;
    }

    private static double[] minus(double[] logs, double[] effect, int firstMonth) {
        double[] out = new double[logs.length];
        for (int t = 0; t < logs.length; t++) {
            out[t] = logs[t] - effect[slot(firstMonth, t)];
        }
        return out;
    }

    private static void centre(double[] effect) {
        double mean = java.util.Arrays.stream(effect).average().orElse(0);
        for (int m = 0; m < effect.length; m++) {
            effect[m] -= mean;
        }
    }

    private static int[] monthCounts(int n, int firstMonth) {
        int[] counts = new int[MONTHS];
        for (int t = 0; t < n; t++) {
            counts[slot(firstMonth, t)]++;
        }
        return counts;
    }

    private static int slot(int firstMonth, int t) {
        return (firstMonth - 1 + t) % MONTHS;
    }

    private static double[] adjusted(double[] y, int firstMonth, SeasonalIndex.Result seasons) {
        return seasons.status() == null ? SeasonalIndex.deseasonalise(y, firstMonth, seasons.index()) : y.clone();
    }

    private static List<Integer> months(ChangePoints.Result search) {
        return search.changes().stream().map(ChangePoints.Change::index).toList();
    }

    /** The reported changes of a search, in month order. */
    static List<Reported> report(ChangePoints.Result search, double[] adjusted, ShiftAwareSeasons.Options o) {
        List<ChangePoints.Change> changes = search.changes();
        List<Reported> out = new ArrayList<>();
        for (int k = 0; k < changes.size(); k++) {
            ChangePoints.Change c = changes.get(k);
            int from = k == 0 ? 0 : changes.get(k - 1).index();
            int to = k + 1 < changes.size() ? changes.get(k + 1).index() : adjusted.length;
            double before = mean(adjusted, Math.max(from, c.index() - LEVEL_MONTHS), c.index());
            double after = mean(adjusted, c.index(), Math.min(to, c.index() + LEVEL_MONTHS));
            double change = before > 0 ? after / before - 1 : Double.NaN;
            double slopeBefore = Math.expm1(c.slopeBefore());
            double slopeAfter = Math.expm1(c.slopeAfter());
            if (isLevelShift(c, change, o)) {
                out.add(new Reported(c.index(), ChangeKind.LEVEL_SHIFT, change >= 0 ? Direction.UP : Direction.DOWN,
                        before, after, change, slopeBefore, slopeAfter));
            } else if (c.index() - from >= TREND_MONTHS && to - c.index() >= TREND_MONTHS
                    && Math.abs(slopeAfter - slopeBefore) >= o.minSlopeChange()) {
                out.add(new Reported(c.index(), ChangeKind.TREND_BREAK,
                        slopeAfter >= slopeBefore ? Direction.UP : Direction.DOWN, before, after, change, slopeBefore,
                        slopeAfter));
            }
        }
        return out;
    }

    /**
     * A jump of the fitted level of at least minChange that the months around it show, in the same direction, and
     * that the two segments' slopes do not explain: where the change of growth per month, over the
     * 2 · {@value #LEVEL_MONTHS} months around the break, adds up to more than the jump (a smooth turn of a cycle or a
     * noisy break of trend cut into straight lines that do not meet), the break is one of trend.
     */
    private static boolean isLevelShift(ChangePoints.Change c, double change, Options o) {
        double jump = Math.expm1(c.jump());
        return Math.abs(jump) >= o.minChange() && Double.isFinite(change) && Math.abs(change) >= o.minChange()
                && Math.signum(change) == Math.signum(jump)
                && Math.abs(c.slopeAfter() - c.slopeBefore()) * 2 * LEVEL_MONTHS <= Math.abs(c.jump());
    }

    /**
     * The log-level (the search's scale, ln(1 + value)) by which each month stands above the first segment because of
     * the level shifts up to it: the sum of the jumps of the changes reported as level shifts.
     */
    private static double[] shiftLogs(ChangePoints.Result search, List<Reported> reported, int n) {
        java.util.Set<Integer> shifts = new java.util.HashSet<>();
        for (Reported r : reported) {
            if (r.kind() == ChangeKind.LEVEL_SHIFT) {
                shifts.add(r.index());
            }
        }
        double[] logs = new double[n];
        double sum = 0;
        int next = 0;
        List<ChangePoints.Change> changes = search.changes();
        for (int t = 0; t < n; t++) {
            while (next < changes.size() && changes.get(next).index() == t) {
                if (shifts.contains(t)) {
                    sum += changes.get(next).jump();
                }
                next++;
            }
            logs[t] = sum;
        }
        return logs;
    }

    /** The series with the level shifts taken out, in the search's scale: e^(ln(1 + v) − shift) − 1. */
    private static double[] withoutShifts(double[] values, double[] shiftLogs) {
        double[] out = new double[values.length];
        for (int t = 0; t < values.length; t++) {
            out[t] = Math.expm1(Math.log1p(values[t]) - shiftLogs[t]);
        }
        return out;
    }

    /** Mean of the finite values of {@code v[a, b)}; NaN when there are none. */
    private static double mean(double[] v, int a, int b) {
        double sum = 0;
        int count = 0;
        for (int t = a; t < b; t++) {
            if (Double.isFinite(v[t])) {
                sum += v[t];
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
