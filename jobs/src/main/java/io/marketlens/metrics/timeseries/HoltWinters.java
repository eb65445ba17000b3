package io.marketlens.metrics.timeseries;

import io.marketlens.metrics.timeseries.Forecaster.Params;

/**
 * Exponential smoothing with an additive damped trend and no, additive or multiplicative monthly
 * seasonality: the filter, its initial states, the parameter search and the forecast behind
 * {@link Forecaster}.
 *
 * <p>Recursions (Hyndman &amp; Athanasopoulos, FPP 3rd ed., §8.2–8.3, traditional form; m = 12,
 * {@code ⊕} is + for additive and × for multiplicative seasonality, {@code ⊖} its inverse):
 *
 * <pre>
 *   base_t   = ℓ_{t−1} + φ·b_{t−1}
 *   ŷ_t      = base_t ⊕ s_{t−m}                          one-step forecast
 *   ℓ_t      = α·(y_t ⊖ s_{t−m}) + (1 − α)·base_t
 *   b_t      = β·(ℓ_t − ℓ_{t−1}) + (1 − β)·φ·b_{t−1}
 *   s_t      = γ·(y_t ⊖ base_t) + (1 − γ)·s_{t−m}
 *   ŷ_{n+h}  = (ℓ_n + (φ + φ² + … + φ^h)·b_n) ⊕ s_{n+h−m(k+1)},  k = ⌊(h − 1)/m⌋
 * </pre>
 *
 * <p>The seasonal indices are kept per calendar month (0 = January), so the latest estimate for a
 * month is the one a forecast for that month uses.
 */
final class HoltWinters {

    static final int PERIOD = 12;

    /** α, β, γ ∈ {0.05, 0.10, …, 0.95}. */
    private static final double[] SMOOTHING_GRID = smoothingGrid();

    /** φ = 1 is the undamped (Holt linear) trend; 0.8 is the strongest damping FPP §8.2 suggests. */
    private static final double[] DAMPING_GRID = {0.8, 0.9, 0.98, 1.0};

    /** Months of the least-squares line that gives the initial level and trend (Hyndman et al. 2008, §2.6.1). */
    private static final int TREND_START_MONTHS = 10;

    /**
     * A candidate must beat the best SSE so far by this relative margin, so rounding cannot flip the
     * choice between equally good fits (e.g. of a series and of a rescaled copy): the first in grid
     * order wins a tie.
     */
    private static final double TIE = 1e-9;

    private HoltWinters() {}

    /** How the season combines with the trend line: the ⊕ and ⊖ of the recursions. */
    enum Seasonality {
        NONE {
            @Override
            double combine(double base, double season) {
                return base;
            }

            @Override
            double remove(double y, double base) {
                return y;
            }
        },
        ADDITIVE {
            @Override
            double combine(double base, double season) {
                return base + season;
            }

            @Override
            double remove(double y, double base) {
                return y - base;
            }
        },
        MULTIPLICATIVE {
            @Override
            double combine(double base, double season) {
                return base * season;
            }

            @Override
            double remove(double y, double base) {
                return y / base;
            }
        };

        /** {@code base ⊕ season}. */
        abstract double combine(double base, double season);

        /** {@code y ⊖ base}: the seasonal index of y against a base, or y without its season. */
        abstract double remove(double y, double base);
    }

    /**
     * A run of the filter over {@code y}: the parameters, the states after the last month, the
     * one-step forecasts and their sum of squared errors.
     */
    record Run(
            Seasonality seasonality,
            Params params,
            int months,
            int startMonth,
            double level,
            double trend,
            double[] seasonal,
            double[] oneStep,
            double sse) {

        /** Point forecasts for the {@code horizon} months after the last one. */
        double[] forecast(int horizon) {
            double[] f = new double[horizon];
            double phiPower = 1;
            double damping = 0;
            for (int h = 1; h <= horizon; h++) {
                phiPower *= params.phi();
                damping += phiPower;
                int month = (startMonth + months + h - 1) % PERIOD;
                f[h - 1] = seasonality.combine(level + damping * trend, seasonal[month]);
            }
            return f;
        }

        /**
         * Ratio of the h-step to the one-step forecast variance, {@code v_h = 1 + Σ_{j=1}^{h−1} c_j²}
         * with {@code c_j = α·(1 + β·(φ + … + φ^j)) + γ·[j ≡ 0 mod 12]}: the linear innovations
         * model ETS(A,Ad,A) / ETS(A,Ad,N) (Hyndman et al. 2008, ch. 6, class 1; {@code class1} of
         * R's forecast package). αβ is the ETS trend parameter of the traditional β here.
         */
        double[] varianceFactors(int horizon) {
            double alpha = params.alpha();
            double gamma = seasonality == Seasonality.NONE ? 0 : params.gamma();
            double[] v = new double[horizon];
            v[0] = 1;
            double phiPower = 1;
            double damping = 0;
            for (int j = 1; j < horizon; j++) {
                phiPower *= params.phi();
                damping += phiPower;
                double c = alpha * (1 + params.beta() * damping) + (j % PERIOD == 0 ? gamma : 0);
                v[j] = v[j - 1] + c * c;
            }
            return v;
        }
    }

    /**
     * The run with the smallest in-sample one-step SSE over the grid α, β, γ ∈ {0.05, …, 0.95},
     * φ ∈ {0.8, 0.9, 0.98, 1}, with γ ≤ 1 − α (the usual region, FPP §8.3); null when no candidate
     * gives a usable run (multiplicative seasonality whose trend line fell to zero).
     */
    static Run fit(double[] y, int startMonth, Seasonality seasonality) {
        // the initial states do not depend on the parameters: computed once, and each candidate's run only sums its
        // squared errors (the same operations in the same order as the full run, so the same SSE to the last bit)
        double[] seasonal = initialSeasonal(y, startMonth, seasonality);
        double[] levelTrend = initialLevelTrend(y, startMonth, seasonality, seasonal);
        double[] work = new double[PERIOD];
        double[] best = null; // α, β, γ, φ
        double bestSse = Double.NaN;
        double[] state = new double[2];
        for (double alpha : SMOOTHING_GRID) {
            for (double beta : SMOOTHING_GRID) {
                for (double gamma : seasonality == Seasonality.NONE ? new double[] {Double.NaN} : SMOOTHING_GRID) {
                    if (gamma > 1 - alpha + 1e-12) {
                        break;
                    }
                    for (double phi : DAMPING_GRID) {
                        System.arraycopy(seasonal, 0, work, 0, PERIOD);
                        state[0] = levelTrend[0];
                        state[1] = levelTrend[1];
                        // a candidate is taken only below this; its run stops once its sum of squares reaches it (a
                        // sum of squares never falls: the whole run's would not be below it either)
                        double limit = best == null ? Double.POSITIVE_INFINITY : bestSse * (1 - TIE);
                        double sse = filter(y, startMonth, seasonality, alpha, beta, gamma, phi, state, work, null, limit);
                        if (!Double.isNaN(sse) && sse < limit) {
                            best = new double[] {alpha, beta, gamma, phi};
                            bestSse = sse;
                        }
                    }
                }
            }
        }
        return best == null ? null : run(y, startMonth, seasonality, new Params(best[0], best[1], best[2], best[3]),
                levelTrend[0], levelTrend[1], seasonal);
    }

    /**
     * Runs the filter with fixed parameters from the initial states; null when a multiplicative run
     * meets a trend line at or below zero (its seasonal ratio would be meaningless).
     *
     * <p>Initial states (Hyndman et al. 2008, <i>Forecasting with Exponential Smoothing</i>, §2.6.1;
     * also {@code initstate} of R's forecast package): the seasonal index of a calendar month is
     * the ratio (difference, if additive) of its value to the centred 2×12 moving average in the
     * first two years (months 6–17, one per calendar month), normalised to average 1 (0); the level
     * and the trend are the least-squares line through the first min(n, 10) seasonally adjusted
     * months, ℓ its value one month before the first and b its slope. The filter then runs from the
     * first month, and every month gives a one-step error.
     *
     * @param startMonth calendar month of {@code y[0]}, 0 = January
     */
    static Run run(double[] y, int startMonth, Seasonality seasonality, Params p) {
        double[] seasonal = initialSeasonal(y, startMonth, seasonality);
        double[] levelTrend = initialLevelTrend(y, startMonth, seasonality, seasonal);
        return run(y, startMonth, seasonality, p, levelTrend[0], levelTrend[1], seasonal);
    }

    /** The initial seasonal index of each calendar month (all zeros without seasonality); see {@link #run}. */
    private static double[] initialSeasonal(double[] y, int startMonth, Seasonality seasonality) {
        return seasonality == Seasonality.NONE ? new double[PERIOD] : seasonalIndices(y, startMonth, seasonality);
    }

    /** The initial level and trend, {ℓ₀, b₀}: the least-squares line through the first seasonally adjusted months. */
    private static double[] initialLevelTrend(double[] y, int startMonth, Seasonality seasonality, double[] seasonal) {
        int k = Math.min(y.length, TREND_START_MONTHS);
        double tMean = (k - 1) / 2.0;
        double[] adjusted = new double[k];
        double yMean = 0;
        for (int t = 0; t < k; t++) {
            adjusted[t] = seasonality.remove(y[t], seasonal[(startMonth + t) % PERIOD]);
            yMean += adjusted[t] / k;
        }
        double sxx = 0;
        double sxy = 0;
        for (int t = 0; t < k; t++) {
            sxx += (t - tMean) * (t - tMean);
            sxy += (t - tMean) * (adjusted[t] - yMean);
        }
        double trend = sxx == 0 ? 0 : sxy / sxx;
        double level = yMean - (tMean + 1) * trend;
        return new double[] {level, trend};
    }

    /**
     * Runs the filter with fixed parameters from given initial states: the level ℓ₀ and trend b₀ one month before
     * {@code y[0]} and the seasonal index of each calendar month ({@code seasonal} is updated in place; all zeros
     * without seasonality). Null as {@link #run(double[], int, Seasonality, Params)}.
     */
    static Run run(double[] y, int startMonth, Seasonality seasonality, Params p, double level0, double trend0,
                   double[] seasonal) {
        double[] state = {level0, trend0};
        double[] oneStep = new double[y.length];
        double sse = filter(y, startMonth, seasonality, p.alpha(), p.beta(), p.gamma(), p.phi(), state, seasonal, oneStep,
                Double.POSITIVE_INFINITY);
        return Double.isNaN(sse) ? null : new Run(seasonality, p, y.length, startMonth, state[0], state[1], seasonal, oneStep, sse);
    }

    /**
     * The recursions over {@code y} with the parameters α, β, γ (unused without seasonality) and φ: {@code state}
     * holds the level and trend before the first month and, after, those after the last; {@code seasonal} is updated
     * in place; the one-step forecasts go to {@code oneStep} unless it is null. Returns the one-step SSE, or NaN when a
     * multiplicative run meets a trend line at or below zero, a figure is not finite, or the sum reaches {@code limit}.
     *
     * <p>The grid search runs this some 14,000 times per fit: ⊕ and ⊖ are written out here as the branches of
     * {@link Seasonality#combine} and {@link Seasonality#remove} (the same operations in the same order), where a call
     * to the seasonality's method could not be inlined by the first-tier compiler small runs use.
     */
    private static double filter(double[] y, int startMonth, Seasonality seasonality, double alpha, double beta,
                                 double gamma, double phi, double[] state, double[] seasonal, double[] oneStep, double limit) {
        double level = state[0];
        double trend = state[1];
        boolean none = seasonality == Seasonality.NONE;
        boolean multiplicative = seasonality == Seasonality.MULTIPLICATIVE;
        double sse = 0;
        int month = startMonth % PERIOD;
        for (int t = 0; t < y.length; t++) {
            double base = level + phi * trend;
            if (multiplicative && !(base > 0)) {
                return Double.NaN;
            }
            double season = seasonal[month];
            double forecast = none ? base : multiplicative ? base * season : base + season;
            if (oneStep != null) {
                oneStep[t] = forecast;
            }
            double error = y[t] - forecast;
            sse += error * error;
            if (sse >= limit) {
                return Double.NaN;
            }
            double deseasoned = none ? y[t] : multiplicative ? y[t] / season : y[t] - season;
            double newLevel = alpha * deseasoned + (1 - alpha) * base;
            if (!none) {
                seasonal[month] = gamma * (multiplicative ? y[t] / base : y[t] - base) + (1 - gamma) * season;
            }
            trend = beta * (newLevel - level) + (1 - beta) * phi * trend;
            level = newLevel;
            month = month == PERIOD - 1 ? 0 : month + 1;
        }
        state[0] = level;
        state[1] = trend;
        return Double.isFinite(sse) && Double.isFinite(level) && Double.isFinite(trend) ? sse : Double.NaN;
    }

    /** Ratio-to-moving-average indices per calendar month from the first 24 months; see {@link #run}. */
    private static double[] seasonalIndices(double[] y, int startMonth, Seasonality seasonality) {
        double[] index = new double[PERIOD];
        double sum = 0;
        for (int t = PERIOD / 2; t < PERIOD / 2 + PERIOD; t++) {
            double movingAverage = (y[t - 6] + y[t + 6]) / 2;
            for (int j = t - 5; j <= t + 5; j++) {
                movingAverage += y[j];
            }
            movingAverage /= PERIOD;
            double i = seasonality.remove(y[t], movingAverage);
            index[(startMonth + t) % PERIOD] = i;
            sum += i;
        }
        double mean = sum / PERIOD;
        for (int m = 0; m < PERIOD; m++) {
            index[m] = seasonality == Seasonality.MULTIPLICATIVE ? index[m] / mean : index[m] - mean;
        }
        return index;
    }

    private static double[] smoothingGrid() {
        double[] grid = new double[19];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = (i + 1) / 20.0;
        }
        return grid;
    }
}
