package io.marketlens.metrics.timeseries;

import io.marketlens.metrics.timeseries.Forecaster.Forecast;
import io.marketlens.metrics.timeseries.Forecaster.Params;
import io.marketlens.metrics.timeseries.Forecaster.Tier;
import io.marketlens.tables.Codes;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Hold-out backtest of the {@link Forecaster} beside a seasonal-naive baseline, for T/CCPITCSC
 * 111-2022 Table 1, 1.1.3 市场预测 (SPEC M3, table {@code forecast_backtest}).
 *
 * <p>The last {@code holdout} months (default {@value #DEFAULT_HOLDOUT}) are held out; the
 * forecaster is fitted on the months before them (the training part) and forecasts {@code holdout}
 * months, which are compared with the months held out. So is the baseline. Measures (Hyndman &amp;
 * Koehler 2006, "Another look at measures of forecast accuracy", International Journal of
 * Forecasting 22(4): 679–688; FPP 3rd ed. §5.8), with A the actuals and F the forecasts over the h
 * months held out:
 *
 * <ul>
 *   <li>{@code sMAPE = (100/h)·Σ 2|F − A| / (|A| + |F|)}, a month where both are 0 counting 0;
 *       0 to 200;
 *   <li>{@code MASE = mean|F − A| / Q}, Q the in-sample mean absolute error of the naive forecast
 *       with lag m on the training part, {@code Q = mean_{t ≥ m} |y_t − y_{t−m}|}, m = 12 when the
 *       training part has ≥ 24 months, else m = 1 (too few lag-12 differences). Below 1: better
 *       than the in-sample naive forecast. The model and the baseline share Q.
 * </ul>
 *
 * <p>Baseline: the seasonal naive forecast {@code ŷ_{n+h} = y_{n+h−12k}}, k = ⌈h/12⌉ — the last
 * observed value of the same calendar month; with fewer than 12 training months, the naive
 * forecast (the last value).
 *
 * <p>As in {@link Forecaster}, months before the first sale are dropped, from the training part.
 * A backtest must test the model that forecasts, so it is only run when the training part gets the
 * same model tier as the whole series (a 28-month series is forecast with Holt–Winters but its
 * 22-month training part could only fit Holt's trend) and has at least two months; otherwise the
 * measures are NaN with status {@value Forecaster#INSUFFICIENT_HISTORY}. An all-zero series has
 * status {@value Forecaster#NO_SALES}. A constant training part makes Q = 0 and MASE undefined:
 * MASE is NaN with status {@value io.marketlens.tables.Codes.CONSTANT_HISTORY}, sMAPE still given.
 */
public final class Backtest {

    public static final int DEFAULT_HOLDOUT = 6;

    private Backtest() {}

    /**
     * The model tested (as {@link Forecast#model()} names it), sMAPE (percent) and MASE of the model
     * and of the baseline, the months held out, and a status (null when all four are computed).
     */
    public record BacktestResult(
            String model, double smape, double mase, double baselineSmape, double baselineMase, int holdout, String status)
            implements Serializable {}

    /**
     * Backtests the forecaster on a monthly revenue series, oldest first, months without sales as
     * zeros. Never throws for short, empty or all-zero series.
     *
     * @param firstMonthOfYear calendar month (1–12) of {@code monthly[0]}
     * @param holdout months held out and forecast, at least 1 ({@value #DEFAULT_HOLDOUT} by default)
     * @param fixed smoothing parameters to use instead of estimating them, or null
     * @throws IllegalArgumentException if a value is negative, NaN or infinite, or an argument is out of range
     */
    public static BacktestResult backtest(double[] monthly, int firstMonthOfYear, int holdout, Params fixed) {
        Forecaster.validate(monthly, firstMonthOfYear);
        if (holdout < 1) {
            throw new IllegalArgumentException(
                    "backtest holdout must be at least 1 month (default " + DEFAULT_HOLDOUT + "), got " + holdout);
        }
        Tier tier = Forecaster.tier(monthly);
        if (tier == Tier.NO_SALES) {
            return unevaluated(Codes.ZERO, holdout, Codes.NO_SALES);
        }
        int n = monthly.length;
        double[] training = Arrays.copyOf(monthly, Math.max(0, n - holdout));
        double[] history = Arrays.copyOfRange(training, Forecaster.firstSale(training), training.length);
        if (n <= holdout || Forecaster.tier(training) != tier || history.length < 2) {
            String model = Forecaster.forecast(monthly, firstMonthOfYear, 1, fixed).model();
            return unevaluated(model, holdout, Codes.INSUFFICIENT_HISTORY);
        }
        double[] actual = Arrays.copyOfRange(monthly, n - holdout, n);
        Forecast forecast = Forecaster.forecast(training, firstMonthOfYear, holdout, fixed);
        double[] baseline = seasonalNaive(history, holdout, history.length >= HoltWinters.PERIOD ? HoltWinters.PERIOD : 1);
        int scaleLag = history.length >= Forecaster.SEASONAL_MIN_MONTHS ? HoltWinters.PERIOD : 1;
        double mase = mase(actual, forecast.point(), history, scaleLag);
        return new BacktestResult(forecast.model(), smape(actual, forecast.point()), mase, smape(actual, baseline),
                mase(actual, baseline, history, scaleLag), holdout, Double.isNaN(mase) ? Codes.CONSTANT_HISTORY : null);
    }

    /**
     * Symmetric mean absolute percentage error in percent, 0–200: {@code (100/h)·Σ 2|F − A| / (|A| +
     * |F|)}, a pair of zeros counting 0.
     */
    public static double smape(double[] actual, double[] forecast) {
        requireSameLength(actual, forecast);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double denominator = Math.abs(actual[i]) + Math.abs(forecast[i]);
            sum += denominator == 0 ? 0 : 2 * Math.abs(forecast[i] - actual[i]) / denominator;
        }
        return 100 * sum / actual.length;
    }

    /**
     * Mean absolute scaled error: {@code mean|F − A|} over the in-sample mean absolute lag-{@code lag}
     * naive error of {@code history}; NaN when that is 0 or {@code history} has no lag-{@code lag}
     * difference.
     */
    public static double mase(double[] actual, double[] forecast, double[] history, int lag) {
        requireSameLength(actual, forecast);
        double scale = 0;
        for (int t = lag; t < history.length; t++) {
            scale += Math.abs(history[t] - history[t - lag]);
        }
        if (scale == 0) {
            return Double.NaN;
        }
        scale /= history.length - lag;
        double error = 0;
        for (int i = 0; i < actual.length; i++) {
            error += Math.abs(forecast[i] - actual[i]);
        }
        return error / actual.length / scale;
    }

    /**
     * The naive forecast with lag {@code lag} for the {@code horizon} months after {@code history}:
     * {@code ŷ_{n+h} = y_{n+h−lag·k}}, k = ⌈h/lag⌉ (lag 12: the last value of the same calendar
     * month; lag 1: the last value).
     *
     * @throws IllegalArgumentException if {@code history} is shorter than {@code lag}
     */
    public static double[] seasonalNaive(double[] history, int horizon, int lag) {
        Objects.requireNonNull(history, "history");
        if (lag < 1 || history.length < lag) {
            throw new IllegalArgumentException("a lag-" + lag + " naive forecast needs at least " + lag
                    + " months of history, got " + history.length);
        }
        int n = history.length;
        double[] f = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
            int k = (h - 1) / lag + 1;
            f[h - 1] = history[n + h - lag * k - 1];
        }
        return f;
    }

    private static BacktestResult unevaluated(String model, int holdout, String status) {
        return new BacktestResult(model, Double.NaN, Double.NaN, Double.NaN, Double.NaN, holdout, status);
    }

    private static void requireSameLength(double[] actual, double[] forecast) {
        if (actual.length != forecast.length || actual.length == 0) {
            throw new IllegalArgumentException("actuals and forecasts must be non-empty and of equal length, got "
                    + actual.length + " and " + forecast.length);
        }
    }
}
