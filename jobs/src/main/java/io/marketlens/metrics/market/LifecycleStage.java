package io.marketlens.metrics.market;

import io.marketlens.tables.Codes;
import java.io.Serializable;
import java.util.Objects;

/**
 * Life-cycle stage of a market from its monthly revenue, for T/CCPITCSC 111-2022 Table 1, 1.1.1
 * 市场成熟度 (market maturity; SPEC M2).
 *
 * <p>The rule follows Polli &amp; Cook (1969), "Validity of the Product Life Cycle", Journal of
 * Business 42(4): 385–400, who classify a period by the percentage change of sales — growth
 * above a band around zero, decline below it, maturity inside. Two changes:
 *
 * <ul>
 *   <li>The band is absolute ({@link Thresholds}), not ±0.5σ of the changes across the products
 *       studied: a σ-band would make one category's stage depend on which other categories are in
 *       the run. Revenue here is nominal, not deflated as in Polli &amp; Cook, so a flat real market
 *       shows a few percent of nominal growth; the band is therefore asymmetric, −5 % &lt; yoy &lt; +10 %.
 *   <li>The change is year over year of trailing-12-month sums, so seasonality and single-month
 *       noise cancel: {@code T12M(t) = Σ revenue(t−11..t)}, {@code yoy = T12M(t) / T12M(t−12) − 1}.
 * </ul>
 *
 * <p>A rate of change cannot tell introduction from growth, so introduction has rules of its own:
 * a market with no revenue in the previous twelve months (younger than a year, or back after a
 * year of nothing), or one that at least doubled ({@code yoy ≥ 1.0}) while its growth is not
 * slowing ({@code trend = yoy(t) − yoy(t−k) ≥ 0}, k = 6 months): the steep, still-accelerating
 * start of the S-curve. A doubling market whose growth is slowing has passed that start: growth.
 * When the trend is unknown (fewer than 24 + k months, or no revenue in the year before t−k) the
 * stage is decided by yoy alone.
 *
 * <p>Order of the rules, first match wins (defaults in brackets):
 *
 * <ol>
 *   <li>fewer than 24 months → no stage, status {@value io.marketlens.tables.Codes.INSUFFICIENT_HISTORY};
 *   <li>no revenue in either of the two trailing years → no stage, status {@value io.marketlens.tables.Codes.NO_SALES};
 *   <li>no revenue in the previous trailing year → introduction, yoy NaN, status {@value io.marketlens.tables.Codes.NO_PRIOR_YEAR_SALES};
 *   <li>yoy ≥ introductionYoy [1.0] and (trend ≥ 0 or unknown) → introduction;
 *   <li>yoy ≥ growthYoy [0.10] → growth;
 *   <li>yoy ≤ declineYoy [−0.05] → decline (a market that sold nothing this year has yoy = −1);
 *   <li>otherwise → maturity.
 * </ol>
 *
 * <p>Thresholds are inclusive. Only the last 24 + k months are read; older history does not change
 * the stage. Stateless and thread-safe.
 */
public final class LifecycleStage {

    /** Months needed for one year-over-year change of trailing-12-month sums. */
    public static final int MIN_MONTHS = 24;

    /**
     * Slack on every threshold comparison, so a series built to sit exactly on a threshold (year 2 =
     * 1.1 × year 1) lands on the inclusive side whatever the binary rounding of the ratio.
     */
    private static final double EPS = 1e-9;

    private LifecycleStage() {}

    /**
     * Classification thresholds on yoy (fractions: 0.10 = +10 %) and the lag of the trend in months.
     * Must satisfy {@code declineYoy < growthYoy ≤ introductionYoy} and {@code trendLagMonths ≥ 1}.
     */
    public record Thresholds(double introductionYoy, double growthYoy, double declineYoy, int trendLagMonths)
            implements Serializable {

        public static final double DEFAULT_INTRODUCTION_YOY = 1.0;
        public static final double DEFAULT_GROWTH_YOY = 0.10;
        public static final double DEFAULT_DECLINE_YOY = -0.05;
        public static final int DEFAULT_TREND_LAG_MONTHS = 6;

        public static final Thresholds DEFAULT = new Thresholds(
                DEFAULT_INTRODUCTION_YOY, DEFAULT_GROWTH_YOY, DEFAULT_DECLINE_YOY, DEFAULT_TREND_LAG_MONTHS);

        /** The config's {@code metrics.lifecycle} section: a key left out takes its default. */
        @com.fasterxml.jackson.annotation.JsonCreator
        public static Thresholds of(@com.fasterxml.jackson.annotation.JsonProperty("introduction_yoy") Double introductionYoy,
                                    @com.fasterxml.jackson.annotation.JsonProperty("growth_yoy") Double growthYoy,
                                    @com.fasterxml.jackson.annotation.JsonProperty("decline_yoy") Double declineYoy,
                                    @com.fasterxml.jackson.annotation.JsonProperty("trend_lag_months") Integer trendLagMonths) {
            return new Thresholds(introductionYoy == null ? DEFAULT_INTRODUCTION_YOY : introductionYoy,
                    growthYoy == null ? DEFAULT_GROWTH_YOY : growthYoy, declineYoy == null ? DEFAULT_DECLINE_YOY : declineYoy,
                    trendLagMonths == null ? DEFAULT_TREND_LAG_MONTHS : trendLagMonths);
        }

        public Thresholds {
            if (!Double.isFinite(introductionYoy) || !Double.isFinite(growthYoy) || !Double.isFinite(declineYoy)) {
                throw new IllegalArgumentException("life-cycle thresholds must be finite numbers, got introduction "
                        + introductionYoy + ", growth " + growthYoy + ", decline " + declineYoy);
            }
            if (!(declineYoy < growthYoy && growthYoy <= introductionYoy)) {
                throw new IllegalArgumentException("life-cycle thresholds must satisfy decline < growth <= introduction"
                        + " (defaults -0.05, 0.10, 1.0), got decline " + declineYoy + ", growth " + growthYoy
                        + ", introduction " + introductionYoy);
            }
            if (trendLagMonths < 1) {
                throw new IllegalArgumentException(
                        "life-cycle trend lag must be at least 1 month (default 6), got " + trendLagMonths);
            }
        }
    }

    /**
     * The stage (null when {@code status} says why there is none), the yoy change of trailing-12-month
     * revenue (NaN when undefined), its change over the trend lag (NaN when unknown), the number of
     * trailing months read, and a status (null when the stage rests on a computed yoy).
     */
    public record Result(io.marketlens.tables.LifecycleStage stage, double yoy, double trend, int monthsUsed, String status) implements Serializable {}

    /**
     * Classifies a monthly revenue series, oldest first, whose last element is the as-of month.
     * Months without sales must be present as zeros. Never throws for short or empty series.
     *
     * @throws IllegalArgumentException if a value is negative, NaN or infinite (revenue sums are neither)
     */
    public static Result classify(double[] monthlyRevenue, Thresholds thresholds) {
        Objects.requireNonNull(monthlyRevenue, "monthlyRevenue");
        Objects.requireNonNull(thresholds, "thresholds");
        for (int m = 0; m < monthlyRevenue.length; m++) {
            if (!Double.isFinite(monthlyRevenue[m]) || monthlyRevenue[m] < 0) {
                throw new IllegalArgumentException("monthly revenue must be finite and >= 0, got " + monthlyRevenue[m]
                        + " at month index " + m + " of " + monthlyRevenue.length);
            }
        }
        int n = monthlyRevenue.length;
        if (n < MIN_MONTHS) {
            return new Result(null, Double.NaN, Double.NaN, n, Codes.INSUFFICIENT_HISTORY);
        }
        int last = n - 1;
        double current = trailing12(monthlyRevenue, last);
        double previous = trailing12(monthlyRevenue, last - 12);
        if (previous == 0) {
            return current == 0
                    ? new Result(null, Double.NaN, Double.NaN, MIN_MONTHS, Codes.NO_SALES)
                    : new Result(io.marketlens.tables.LifecycleStage.INTRODUCTION, Double.NaN, Double.NaN, MIN_MONTHS, Codes.NO_PRIOR_YEAR_SALES);
        }
        double yoy = current / previous - 1;
        int lag = thresholds.trendLagMonths();
        boolean trendReadable = n >= MIN_MONTHS + lag;
        double trend = trendReadable ? yoy - yoyAt(monthlyRevenue, last - lag) : Double.NaN;
        int monthsUsed = trendReadable ? MIN_MONTHS + lag : MIN_MONTHS;
        return new Result(stage(yoy, trend, thresholds), yoy, trend, monthsUsed, null);
    }

    private static io.marketlens.tables.LifecycleStage stage(double yoy, double trend, Thresholds t) {
        if (yoy >= t.introductionYoy() - EPS && (Double.isNaN(trend) || trend >= -EPS)) {
            return io.marketlens.tables.LifecycleStage.INTRODUCTION;
        }
        if (yoy >= t.growthYoy() - EPS) {
            return io.marketlens.tables.LifecycleStage.GROWTH;
        }
        if (yoy <= t.declineYoy() + EPS) {
            return io.marketlens.tables.LifecycleStage.DECLINE;
        }
        return io.marketlens.tables.LifecycleStage.MATURITY;
    }

    /** yoy ending at month {@code end}; NaN when the year before had no revenue. */
    private static double yoyAt(double[] revenue, int end) {
        double previous = trailing12(revenue, end - 12);
        return previous == 0 ? Double.NaN : trailing12(revenue, end) / previous - 1;
    }

    /** Sum of the twelve months ending at {@code end}, summed afresh each time so no rounding drifts. */
    private static double trailing12(double[] revenue, int end) {
        double sum = 0;
        for (int m = end - 11; m <= end; m++) {
            sum += revenue[m];
        }
        return sum;
    }
}
