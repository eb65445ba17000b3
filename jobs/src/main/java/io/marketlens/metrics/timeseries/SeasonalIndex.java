package io.marketlens.metrics.timeseries;

import io.marketlens.tables.Codes;
import io.marketlens.tables.Season;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Monthly seasonal indices and peak / off-season months, for T/CCPITCSC 111-2022 Table 1, 1.1.4 淡旺季
 * (peak and off seasons; SPEC M5, table {@code seasonality}).
 *
 * <p>Classical multiplicative decomposition by ratio to moving average (Census Method I; Hyndman &amp;
 * Athanasopoulos, <i>Forecasting: Principles and Practice</i>, 3rd ed., §3.4 "Classical
 * decomposition", 2nd ed. §6.3; the same computation as R's {@code decompose(x, type =
 * "multiplicative")}, whose published figure for the fpp2 {@code plastics} series it reproduces to the
 * seven printed decimals, see SeasonalIndexTest):
 *
 * <ol>
 *   <li>trend-cycle {@code T_t} = centred 2×12 moving average,
 *       {@code (½·y[t−6] + y[t−5] + … + y[t+5] + ½·y[t+6]) / 12}, defined for t = 6 .. n−7: a plain
 *       12-month mean is centred between two months, and averaging two neighbouring ones puts it on a
 *       month while every calendar month still weighs 1/12, so a stable seasonal pattern cancels;
 *   <li>seasonal-irregular ratio {@code r_t = y_t / T_t}, skipped where {@code T_t = 0} (with no sales in
 *       the 13 months around t there is nothing to compare month t with);
 *   <li>raw index of a calendar month = the <b>mean</b> of its ratios, as in the classical method and R.
 *       The median (or the "medial average" without the largest and smallest ratio, Census I) would
 *       resist a one-off promotion month better, but with the 2–5 ratios per month of a typical
 *       export it discards most of the data, and X-11's moving seasonal filters need far longer series;
 *   <li>normalised: multiplied by {@code 12 / Σ raw}, so the twelve indices average exactly 1 and a
 *       year of deseasonalised values sums to about the year's actual values ({@link #normalise}).
 * </ol>
 *
 * <p>Season of a month (thresholds inclusive, configurable in {@link Thresholds}): index ≥ 1.10 →
 * {@link Season#PEAK} 旺季, ≤ 0.90 → {@link Season#OFF} 淡季, otherwise {@link Season#NORMAL} 平季 —
 * a month at least 10 % above or below the year's average month.
 *
 * <p>Statuses instead of indices: fewer than {@value #MIN_MONTHS} months → {@value io.marketlens.tables.Codes.INSUFFICIENT_HISTORY}
 * (two years give every calendar month at least one ratio; one year gives none); no positive
 * ratio at all (no sales in the months that have a moving average) → {@value io.marketlens.tables.Codes.NO_SALES}; a calendar
 * month without a ratio (sales started too recently for every month to be seen against a full year
 * of sales around it) → {@value io.marketlens.tables.Codes.INSUFFICIENT_HISTORY}. Stateless and thread-safe.
 */
public final class SeasonalIndex {

    /** Two years: the 2×12 average loses six months at each end, leaving every calendar month once. */
    public static final int MIN_MONTHS = 24;

    public static final int MONTHS_PER_YEAR = 12;

    /** Half the span of the 2×12 moving average: it reaches six months back and six ahead. */
    private static final int HALF_SPAN = MONTHS_PER_YEAR / 2;

    /**
     * Slack on the threshold comparisons, so an index built to sit exactly on a threshold (1.10) lands
     * on the inclusive side whatever the binary rounding of the ratios and the normalisation.
     */
    private static final double EPS = 1e-9;

    private SeasonalIndex() {}

    /** Peak months have an index ≥ {@code peak}, off-season months ≤ {@code off}; needs off &lt; 1 &lt; peak. */
    public record Thresholds(double peak, double off) implements Serializable {

        public static final double DEFAULT_PEAK = io.marketlens.tables.Season.DEFAULT_PEAK;
        public static final double DEFAULT_OFF = io.marketlens.tables.Season.DEFAULT_OFF;

        public static final Thresholds DEFAULT = new Thresholds(DEFAULT_PEAK, DEFAULT_OFF);

        /** The config's {@code metrics.seasonality} section: a key left out takes its default. */
        @com.fasterxml.jackson.annotation.JsonCreator
        public static Thresholds of(@com.fasterxml.jackson.annotation.JsonProperty("peak") Double peak,
                                    @com.fasterxml.jackson.annotation.JsonProperty("off") Double off) {
            return new Thresholds(peak == null ? DEFAULT_PEAK : peak, off == null ? DEFAULT_OFF : off);
        }

        public Thresholds {
            // the indices average 1, so a peak threshold at or below 1 would call an average month a peak
            if (!(Double.isFinite(peak) && Double.isFinite(off) && 0 < off && off < 1 && 1 < peak)) {
                throw new IllegalArgumentException("seasonal thresholds must satisfy 0 < off < 1 < peak"
                        + " (defaults off 0.90, peak 1.10), got off " + off + ", peak " + peak);
            }
        }
    }

    /**
     * Indices by calendar month ({@code index[0]} = January, NaN when {@code status} is set), the season
     * of each month (null when {@code status} is set), the number of ratios each index is the mean of,
     * and a status (null when the indices were computed). Arrays are copied in and out.
     */
    public record Result(double[] index, Season[] season, int[] ratioCounts, String status) implements Serializable {

        public Result {
            index = index.clone();
            season = season.clone();
            ratioCounts = ratioCounts.clone();
        }

        @Override
        public double[] index() {
            return index.clone();
        }

        @Override
        public Season[] season() {
            return season.clone();
        }

        @Override
        public int[] ratioCounts() {
            return ratioCounts.clone();
        }

        /** The index of a calendar month, 1 = January. */
        public double index(int month) {
            return index[slot(month)];
        }

        /** The season of a calendar month, 1 = January; null when {@code status} is set. */
        public Season season(int month) {
            return season[slot(month)];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r
                    && Arrays.equals(index, r.index)
                    && Arrays.equals(season, r.season)
                    && Arrays.equals(ratioCounts, r.ratioCounts)
                    && Objects.equals(status, r.status);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(index), Arrays.hashCode(season), Arrays.hashCode(ratioCounts), status);
        }

        @Override
        public String toString() {
            return "Result[index=" + Arrays.toString(index) + ", season=" + Arrays.toString(season)
                    + ", ratioCounts=" + Arrays.toString(ratioCounts) + ", status=" + status + "]";
        }
    }

    /**
     * Seasonal indices of a monthly series, oldest first, without gaps (months without sales as zeros).
     * Never throws for short or all-zero series.
     *
     * @param firstMonth calendar month of {@code values[0]}, 1 = January
     * @throws IllegalArgumentException if a value is negative, NaN or infinite, or firstMonth is not 1..12
     */
    public static Result compute(double[] values, int firstMonth, Thresholds thresholds) {
        return compute(values, firstMonth, thresholds, false);
    }

    /**
     * As {@link #compute(double[], int, Thresholds)}, with each calendar month's raw index the <b>median</b> of its
     * ratios instead of their mean when {@code median} is set: one month in a year of shock or a shift half-absorbed
     * by the moving average then does not move the index (the mean of three ratios, one of them 0.3, is off by a
     * quarter). {@link ShiftAwareSeasons} starts from it.
     */
    public static Result compute(double[] values, int firstMonth, Thresholds thresholds, boolean median) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(thresholds, "thresholds");
        checkMonth(firstMonth, "firstMonth");
        for (int t = 0; t < values.length; t++) {
            if (!Double.isFinite(values[t]) || values[t] < 0) {
                throw new IllegalArgumentException("monthly values must be finite and >= 0 for a multiplicative"
                        + " seasonal index, got " + values[t] + " at month index " + t + " of " + values.length);
            }
        }
        int[] counts = new int[MONTHS_PER_YEAR];
        if (values.length < MIN_MONTHS) {
            return failed(counts, Codes.INSUFFICIENT_HISTORY);
        }
        double[] trend = centredMovingAverage(values);
        double[] ratioSums = new double[MONTHS_PER_YEAR];
        double[][] ratios = new double[MONTHS_PER_YEAR][values.length / MONTHS_PER_YEAR + 1];
        for (int t = HALF_SPAN; t < values.length - HALF_SPAN; t++) {
            if (trend[t] > 0) {
                int m = slot(firstMonth, t);
                ratioSums[m] += values[t] / trend[t];
                ratios[m][counts[m]] = values[t] / trend[t];
                counts[m]++;
            }
        }
        if (Arrays.stream(ratioSums).sum() == 0) {
            return failed(counts, Codes.NO_SALES);
        }
        double[] raw = new double[MONTHS_PER_YEAR];
        for (int m = 0; m < MONTHS_PER_YEAR; m++) {
            if (counts[m] == 0) {
                return failed(counts, Codes.INSUFFICIENT_HISTORY);
            }
            raw[m] = median ? median(Arrays.copyOf(ratios[m], counts[m])) : ratioSums[m] / counts[m];
        }
        double[] index = normalise(raw);
        Season[] season = new Season[MONTHS_PER_YEAR];
        for (int m = 0; m < MONTHS_PER_YEAR; m++) {
            season[m] = season(index[m], thresholds);
        }
        return new Result(index, season, counts, null);
    }

    private static double median(double[] v) {
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    /**
     * A result from indices estimated elsewhere ({@link ShiftAwareSeasons}): normalised to average 1, each month's
     * season under the thresholds, {@code counts} the months behind each index.
     */
    static Result of(double[] raw, int[] counts, Thresholds thresholds) {
        double[] index = normalise(raw);
        Season[] season = new Season[MONTHS_PER_YEAR];
        for (int m = 0; m < MONTHS_PER_YEAR; m++) {
            season[m] = season(index[m], thresholds);
        }
        return new Result(index, season, counts, null);
    }

    /** The season of one index value under the thresholds (inclusive). */
    private static Season season(double index, Thresholds thresholds) {
        if (index >= thresholds.peak() - EPS) {
            return Season.PEAK;
        }
        return index <= thresholds.off() + EPS ? Season.OFF : Season.NORMAL;
    }

    /**
     * The centred 2×12 moving average (the trend-cycle of the decomposition) at every month, NaN for the
     * first and last six months, where it would reach outside the series.
     */
    public static double[] centredMovingAverage(double[] values) {
        double[] trend = new double[values.length];
        Arrays.fill(trend, Double.NaN);
        for (int t = HALF_SPAN; t < values.length - HALF_SPAN; t++) {
            // summed afresh at each t rather than as a running sum, so no rounding drifts along the series
            double sum = 0.5 * (values[t - HALF_SPAN] + values[t + HALF_SPAN]);
            for (int j = t - HALF_SPAN + 1; j < t + HALF_SPAN; j++) {
                sum += values[j];
            }
            trend[t] = sum / MONTHS_PER_YEAR;
        }
        return trend;
    }

    /**
     * Scales raw seasonal averages so that they average exactly 1 (sum to the number of seasons: 12 for
     * months, 4 for quarters). Without this, a trend that the moving average follows imperfectly leaves
     * every ratio a little high or low and the indices would carry part of the trend.
     *
     * @throws IllegalArgumentException if {@code raw} is empty or does not have a positive finite sum
     */
    public static double[] normalise(double[] raw) {
        double sum = Arrays.stream(raw).sum();
        if (raw.length == 0 || !(sum > 0) || !Double.isFinite(sum)) {
            throw new IllegalArgumentException(
                    "raw seasonal averages need a positive finite sum, got " + Arrays.toString(raw));
        }
        double factor = raw.length / sum;
        return Arrays.stream(raw).map(r -> r * factor).toArray();
    }

    /**
     * The seasonally adjusted series {@code y_t / index[month(t)]}, input for change points and turning
     * points. NaN where the month's index is NaN or not positive: a month that never sells carries no
     * information about the level.
     *
     * @param firstMonth calendar month of {@code values[0]}, 1 = January
     * @param index twelve indices, {@code index[0]} = January, as in {@link Result#index()}
     */
    public static double[] deseasonalise(double[] values, int firstMonth, double[] index) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(index, "index");
        checkMonth(firstMonth, "firstMonth");
        if (index.length != MONTHS_PER_YEAR) {
            throw new IllegalArgumentException("need 12 seasonal indices (January first), got " + index.length);
        }
        double[] adjusted = new double[values.length];
        for (int t = 0; t < values.length; t++) {
            double s = index[slot(firstMonth, t)];
            adjusted[t] = s > 0 ? values[t] / s : Double.NaN;
        }
        return adjusted;
    }

    private static Result failed(int[] counts, String status) {
        double[] index = new double[MONTHS_PER_YEAR];
        Arrays.fill(index, Double.NaN);
        return new Result(index, new Season[MONTHS_PER_YEAR], counts, status);
    }

    /** Array slot (0 = January) of the calendar month of element {@code t}. */
    private static int slot(int firstMonth, int t) {
        return (firstMonth - 1 + t) % MONTHS_PER_YEAR;
    }

    private static int slot(int month) {
        checkMonth(month, "month");
        return month - 1;
    }

    private static void checkMonth(int month, String name) {
        if (month < 1 || month > MONTHS_PER_YEAR) {
            throw new IllegalArgumentException(name + " must be a calendar month 1..12, got " + month);
        }
    }
}
