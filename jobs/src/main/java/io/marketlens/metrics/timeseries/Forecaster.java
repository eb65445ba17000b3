package io.marketlens.metrics.timeseries;

import io.marketlens.metrics.timeseries.HoltWinters.Run;
import io.marketlens.metrics.timeseries.HoltWinters.Seasonality;
import io.marketlens.tables.Codes;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Monthly revenue forecast with a prediction interval, for T/CCPITCSC 111-2022 Table 1, 1.1.3
 * 市场预测 (market forecast; SPEC M3).
 *
 * <p><b>Model.</b> Holt–Winters with an additive damped trend and multiplicative seasonality of
 * period 12 (Hyndman &amp; Athanasopoulos, <i>Forecasting: Principles and Practice</i>, 3rd ed.,
 * OTexts 2021, §8.3 "Holt–Winters' damped method"; the damped trend is Gardner &amp; McKenzie 1985,
 * "Forecasting trends in time series", Management Science 31(10)). Multiplicative, because a
 * market's seasonal swing grows with the market: a December that sells 40 % above the year's mean
 * does so at any size. Damped, because six months of a young category's steep trend extrapolated
 * undamped overshoot. The recursions are in {@link HoltWinters}.
 *
 * <p><b>Initial states</b> (Hyndman et al. 2008, <i>Forecasting with Exponential Smoothing</i>,
 * §2.6.1): seasonal indices from the ratio to the centred 2×12 moving average over the first two
 * years (as in {@code SeasonalIndex}), normalised to average 1; level and trend from the
 * least-squares line through the first ten seasonally adjusted months. The classical start (level
 * = mean of year 1, trend = (mean of year 2 − mean of year 1)/12, indices = ratio to the year's
 * mean) was tried and rejected: the trend within a year leaks into its indices (January looks
 * weaker and December stronger than they are), and on the noise-free {@code (500 + 10t)·season}
 * its twelve-month forecast missed by 7–15 %, against under 0.01 % with this start.
 *
 * <p><b>Parameters.</b> Unless fixed by the caller, (α, β, γ, φ) minimise the in-sample one-step
 * sum of squared errors over the grid α, β, γ ∈ {0.05, 0.10, …, 0.95}, φ ∈ {0.8, 0.9, 0.98, 1.0},
 * restricted to γ ≤ 1 − α (the usual region, FPP §8.3); ties go to the first candidate in grid
 * order. No local (e.g. Nelder–Mead) refinement follows: a fixed grid keeps the result
 * deterministic and its cost bounded (14 440 runs of the filter per seasonal series, about 10 ms
 * for five years of months).
 *
 * <p><b>Which model</b>, by n = months from the first month with sales (earlier zero months are
 * before the category existed and carry no level or season):
 *
 * <ul>
 *   <li>no month with sales → zeros, model {@value io.marketlens.tables.Codes.ZERO}, status {@value io.marketlens.tables.Codes.NO_SALES};
 *   <li>n ≥ 24 → {@value io.marketlens.tables.Codes.HOLT_WINTERS_DAMPED_MULTIPLICATIVE}; if a month after the first sale has no
 *       sales, a ratio to it is meaningless, so {@value io.marketlens.tables.Codes.HOLT_WINTERS_DAMPED_ADDITIVE} (same recursions,
 *       season added instead of multiplied; also the fallback when every multiplicative run meets
 *       a trend line at or below zero);
 *   <li>6 ≤ n &lt; 24 → Holt's damped trend without season, {@value io.marketlens.tables.Codes.HOLT_DAMPED}, status
 *       {@value io.marketlens.tables.Codes.INSUFFICIENT_HISTORY} (two years are needed to initialise a season);
 *   <li>1 ≤ n &lt; 6 → the mean of the months, {@value io.marketlens.tables.Codes.MEAN} (FPP §5.2), status
 *       {@value io.marketlens.tables.Codes.INSUFFICIENT_HISTORY}: too few months to fit a trend.
 * </ul>
 *
 * <p><b>Prediction interval</b> (90 %, z = 1.645). σ² is the mean squared
 * one-step in-sample error (the maximum-likelihood estimate); the h-step variance is
 * {@code σ²·v_h}, {@code v_h = 1 + Σ_{j<h} c_j²} with {@code c_j = α(1 + β(φ + … + φ^j)) + γ[j ≡ 0
 * mod 12]}, exact for the additive damped-trend model (Hyndman et al. 2008, <i>Forecasting with
 * Exponential Smoothing</i>, ch. 6, class 1). Holt damped and additive Holt–Winters use it as it
 * is: {@code ŷ ± z·σ·√v_h}. The multiplicative model takes σ from the relative errors
 * {@code (y − ŷ)/ŷ} and applies the band multiplicatively, {@code ŷ·(1 ± z·σ·√v_h)}, so the band
 * widens and narrows with the season; this is an approximation (the exact multiplicative-season
 * variance has no closed form of this kind; FPP §8.7). The mean model uses the sample standard
 * deviation s: {@code ŷ ± z·s·√(1 + 1/n)} (FPP §5.5); with one month, s = 0. Revenue is never
 * negative, so the point forecast and both bounds are cut at 0.
 *
 * <p>Stateless and thread-safe.
 */
public final class Forecaster {

    public static final int DEFAULT_HORIZON = 6;

    /** Months from the first sale needed for the seasonal model: two years initialise the season. */
    public static final int SEASONAL_MIN_MONTHS = 24;

    /** Months from the first sale needed for a trend; fewer get the mean. */
    public static final int TREND_MIN_MONTHS = 6;

    /** Coverage of the prediction interval. */
    public static final double LEVEL = 0.90;

    /** Standard normal quantile at 0.95: the two-sided 90 % interval. */
    private static final double Z = 1.6448536269514722;

    private Forecaster() {}

    /**
     * Smoothing parameters: level α, trend β, season γ (each in [0, 1]) and damping φ in (0, 1].
     * NaN marks a component the model does not have (γ of {@value io.marketlens.tables.Codes.HOLT_DAMPED}, all four of
     * {@value io.marketlens.tables.Codes.MEAN}).
     */
    public record Params(double alpha, double beta, double gamma, double phi) implements Serializable {

        static final Params NONE = new Params(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        public Params {
            if (!unitOrNaN(alpha) || !unitOrNaN(beta) || !unitOrNaN(gamma) || !(Double.isNaN(phi) || phi > 0 && phi <= 1)) {
                throw new IllegalArgumentException("smoothing parameters must be alpha, beta, gamma in [0, 1] and phi"
                        + " in (0, 1], got alpha " + alpha + ", beta " + beta + ", gamma " + gamma + ", phi " + phi);
            }
        }

        boolean complete() {
            return !Double.isNaN(alpha) && !Double.isNaN(beta) && !Double.isNaN(gamma) && !Double.isNaN(phi);
        }

        private static boolean unitOrNaN(double v) {
            return Double.isNaN(v) || v >= 0 && v <= 1;
        }
    }

    /**
     * Forecast for the {@code horizon} months after the last input month: the model used, point
     * forecasts with the lower and upper bounds of the {@code level} prediction interval, the
     * parameters used, and a status (null when the seasonal model had the history it needs).
     */
    public record Forecast(
            String model, double[] point, double[] lower, double[] upper, double level, Params fitted, String status)
            implements Serializable {}

    /** Which model a series gets, by its months from the first sale. */
    enum Tier {
        NO_SALES,
        MEAN,
        TREND,
        SEASONAL
    }

    /**
     * Forecasts a monthly revenue series, oldest first, months without sales present as zeros.
     * Never throws for short, empty or all-zero series.
     *
     * @param firstMonthOfYear calendar month (1–12) of {@code monthly[0]}
     * @param horizon months to forecast, at least 1 ({@value #DEFAULT_HORIZON} by default)
     * @param fixed smoothing parameters to use instead of estimating them (all four given), or null
     * @throws IllegalArgumentException if a value is negative, NaN or infinite, or an argument is out of range
     */
    public static Forecast forecast(double[] monthly, int firstMonthOfYear, int horizon, Params fixed) {
        validate(monthly, firstMonthOfYear);
        if (horizon < 1) {
            throw new IllegalArgumentException("forecast horizon must be at least 1 month (default "
                    + DEFAULT_HORIZON + "), got " + horizon);
        }
        if (fixed != null && !fixed.complete()) {
            throw new IllegalArgumentException("fixed smoothing parameters must give all of alpha, beta, gamma and phi"
                    + " (unused ones are ignored), got " + fixed + "; pass null to estimate them");
        }
        Tier tier = tier(monthly);
        if (tier == Tier.NO_SALES) {
            return new Forecast(Codes.ZERO, new double[horizon], new double[horizon], new double[horizon], LEVEL,
                    Params.NONE, Codes.NO_SALES);
        }
        int start = firstSale(monthly);
        int startMonth = (firstMonthOfYear - 1 + start) % HoltWinters.PERIOD;
        // Fit in units of a power of two near the largest month: exact in binary, so the numbers are
        // unchanged, while sums of squares of any finite revenue stay far from overflow.
        double unit = Math.scalb(1.0, Math.getExponent(Arrays.stream(monthly).max().orElseThrow()));
        double[] y = Arrays.stream(monthly, start, monthly.length).map(v -> v / unit).toArray();
        Forecast f = switch (tier) {
            case MEAN -> mean(y, horizon);
            case TREND -> smoothed(Codes.HOLT_DAMPED, y, run(y, startMonth, Seasonality.NONE, fixed), horizon,
                    Codes.INSUFFICIENT_HISTORY);
            default -> seasonal(y, startMonth, horizon, fixed);
        };
        return new Forecast(f.model(), times(f.point(), unit), times(f.lower(), unit), times(f.upper(), unit),
                f.level(), f.fitted(), f.status());
    }

    private static double[] times(double[] values, double factor) {
        return Arrays.stream(values).map(v -> v * factor).toArray();
    }

    static void validate(double[] monthly, int firstMonthOfYear) {
        Objects.requireNonNull(monthly, "monthly");
        for (int m = 0; m < monthly.length; m++) {
            if (!Double.isFinite(monthly[m]) || monthly[m] < 0) {
                throw new IllegalArgumentException("monthly revenue must be finite and >= 0, got " + monthly[m]
                        + " at month index " + m + " of " + monthly.length);
            }
        }
        if (firstMonthOfYear < 1 || firstMonthOfYear > 12) {
            throw new IllegalArgumentException(
                    "firstMonthOfYear is the calendar month of the first value, 1-12, got " + firstMonthOfYear);
        }
    }

    /** The model tier of a series; expects a validated series. */
    static Tier tier(double[] monthly) {
        int months = monthly.length - firstSale(monthly);
        if (months == 0) {
            return Tier.NO_SALES;
        }
        if (months < TREND_MIN_MONTHS) {
            return Tier.MEAN;
        }
        return months < SEASONAL_MIN_MONTHS ? Tier.TREND : Tier.SEASONAL;
    }

    /** Index of the first month with sales; the length when there is none. */
    static int firstSale(double[] monthly) {
        int start = 0;
        while (start < monthly.length && monthly[start] == 0) {
            start++;
        }
        return start;
    }

    private static Forecast seasonal(double[] y, int startMonth, int horizon, Params fixed) {
        boolean gaps = Arrays.stream(y).anyMatch(v -> v == 0);
        if (!gaps) {
            Run run = run(y, startMonth, Seasonality.MULTIPLICATIVE, fixed);
            if (run != null) {
                return smoothed(Codes.HOLT_WINTERS_DAMPED_MULTIPLICATIVE, y, run, horizon, null);
            }
        }
        return smoothed(Codes.HOLT_WINTERS_DAMPED_ADDITIVE, y, run(y, startMonth, Seasonality.ADDITIVE, fixed), horizon, null);
    }

    /** The fitted run, or the run with the fixed parameters; null only for an unusable multiplicative run. */
    private static Run run(double[] y, int startMonth, Seasonality seasonality, Params fixed) {
        return fixed == null
                ? HoltWinters.fit(y, startMonth, seasonality)
                : HoltWinters.run(y, startMonth, seasonality, fixed);
    }

    private static Forecast smoothed(String model, double[] y, Run run, int horizon, String status) {
        boolean relative = run.seasonality() == Seasonality.MULTIPLICATIVE;
        double sigma = sigma(y, run, relative);
        double[] raw = run.forecast(horizon);
        double[] v = run.varianceFactors(horizon);
        double[] point = new double[horizon];
        double[] lower = new double[horizon];
        double[] upper = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            double halfWidth = Z * sigma * Math.sqrt(v[h]) * (relative ? Math.abs(raw[h]) : 1);
            point[h] = Math.max(0, raw[h]);
            lower[h] = Math.max(0, raw[h] - halfWidth);
            upper[h] = Math.max(0, raw[h] + halfWidth);
        }
        Params p = run.params();
        Params used = run.seasonality() == Seasonality.NONE ? new Params(p.alpha(), p.beta(), Double.NaN, p.phi()) : p;
        return new Forecast(model, point, lower, upper, LEVEL, used, status);
    }

    /**
     * Root mean squared one-step error of a run, each error relative to its one-step forecast when
     * {@code relative} (positive there: a multiplicative run never forecasts at or below zero).
     */
    private static double sigma(double[] y, Run run, boolean relative) {
        double[] oneStep = run.oneStep();
        double squares = 0;
        for (int t = 0; t < y.length; t++) {
            double error = (y[t] - oneStep[t]) / (relative ? oneStep[t] : 1);
            squares += error * error;
        }
        return Math.sqrt(squares / y.length);
    }

    private static Forecast mean(double[] y, int horizon) {
        int n = y.length;
        double mean = Arrays.stream(y).sum() / n;
        double squares = 0;
        for (double v : y) {
            squares += (v - mean) * (v - mean);
        }
        double sd = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
        double halfWidth = Z * sd * Math.sqrt(1 + 1.0 / n);
        double[] point = new double[horizon];
        double[] lower = new double[horizon];
        double[] upper = new double[horizon];
        Arrays.fill(point, mean);
        Arrays.fill(lower, Math.max(0, mean - halfWidth));
        Arrays.fill(upper, mean + halfWidth);
        return new Forecast(Codes.MEAN, point, lower, upper, LEVEL, Params.NONE, Codes.INSUFFICIENT_HISTORY);
    }
}
