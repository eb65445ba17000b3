package io.marketlens.config;

import io.marketlens.metrics.changes.ChangesOptions;
import io.marketlens.metrics.competition.CompetitionIndex;
import io.marketlens.metrics.competitors.CompetitorOptions;
import io.marketlens.metrics.logistics.LaneRanking;
import io.marketlens.metrics.market.LifecycleStage;
import io.marketlens.metrics.market.NewVsExisting;
import io.marketlens.metrics.platforms.PlatformOptions;
import io.marketlens.metrics.pricing.PriceBandsTable;
import io.marketlens.metrics.selection.SelectionOptions;
import io.marketlens.metrics.terms.HotTerms;
import io.marketlens.metrics.timeseries.Backtest;
import io.marketlens.metrics.timeseries.ChangePoints;
import io.marketlens.metrics.timeseries.Forecaster;
import io.marketlens.metrics.timeseries.SeasonalityOptions;
import io.marketlens.metrics.timeseries.ShiftAwareSeasons;
import io.marketlens.metrics.timeseries.TimeSeriesTables;
import java.io.Serializable;

/**
 * The {@code metrics:} section of the config. Each subsection binds to the options record of the metric that reads it
 * — which holds its defaults and its checks — and each number left out takes the default of the metric's core.
 *
 * @param newProductMonths   W: a product is new while its launch (or first sale) is within W months of the period's end
 * @param lifecycle          life-cycle stage thresholds
 * @param priceBands         band edges and best-band rule
 * @param hotTermsTopN       terms kept per scope
 * @param competitionWeights weights of the competition-intensity components
 * @param seasonality        seasonal-index thresholds of peak and off-season months, and the estimation method
 * @param changePointPenalty c of the change-point penalty c · ln(n) (in units of the noise variance)
 * @param changePoints       which change points are reported (smallest level shift and trend break)
 * @param minOrdersPerMonth  a scope with fewer orders (and fewer selling listings) than this in more than half its
 *                           months is {@code low_volume}: no seasons, turning or change points
 * @param forecastHorizon    months forecast
 * @param backtestMonths     months held out by the forecast backtest
 * @param laneRanking        weights and minimum shipments of the lane ranking
 * @param competitors        which sellers are emerging, how many direct competitors the benchmark shows
 * @param productSelection   weights and minimum volume of the product-selection score
 * @param platformComparison weights, minimum volume and marketplace destinations of the platform comparison
 * @param changes            how far a figure must move between two runs to be listed in {@code changes}
 */
public record MetricsOptions(
        Integer newProductMonths,
        LifecycleStage.Thresholds lifecycle,
        PriceBandsTable.Options priceBands,
        Integer hotTermsTopN,
        CompetitionIndex.Weights competitionWeights,
        SeasonalityOptions seasonality,
        Double changePointPenalty,
        ShiftAwareSeasons.ChangeFilter changePoints,
        Integer minOrdersPerMonth,
        Integer forecastHorizon,
        Integer backtestMonths,
        LaneRanking.Weights laneRanking,
        CompetitorOptions competitors,
        SelectionOptions productSelection,
        PlatformOptions platformComparison,
        ChangesOptions changes) implements Serializable {

    public MetricsOptions {
        newProductMonths = newProductMonths == null ? NewVsExisting.DEFAULT_NEW_MONTHS : newProductMonths;
        lifecycle = lifecycle == null ? LifecycleStage.Thresholds.DEFAULT : lifecycle;
        priceBands = priceBands == null ? PriceBandsTable.Options.defaults() : priceBands;
        hotTermsTopN = hotTermsTopN == null ? HotTerms.DEFAULT_TOP_N : hotTermsTopN;
        competitionWeights = competitionWeights == null ? CompetitionIndex.Weights.DEFAULT : competitionWeights;
        seasonality = seasonality == null ? SeasonalityOptions.DEFAULT : seasonality;
        changePointPenalty = changePointPenalty == null ? ChangePoints.Params.DEFAULT_PENALTY_MULTIPLIER : changePointPenalty;
        changePoints = changePoints == null ? ShiftAwareSeasons.ChangeFilter.DEFAULT : changePoints;
        minOrdersPerMonth = minOrdersPerMonth == null ? TimeSeriesTables.DEFAULT_MIN_ORDERS_PER_MONTH : minOrdersPerMonth;
        forecastHorizon = forecastHorizon == null ? Forecaster.DEFAULT_HORIZON : forecastHorizon;
        backtestMonths = backtestMonths == null ? Backtest.DEFAULT_HOLDOUT : backtestMonths;
        laneRanking = laneRanking == null ? LaneRanking.Weights.DEFAULT : laneRanking;
        competitors = competitors == null ? CompetitorOptions.DEFAULT : competitors;
        productSelection = productSelection == null ? SelectionOptions.DEFAULT : productSelection;
        platformComparison = platformComparison == null ? PlatformOptions.DEFAULT : platformComparison;
        changes = changes == null ? ChangesOptions.DEFAULT : changes;
    }

    public static MetricsOptions defaults() {
        return new MetricsOptions(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The change-point search: the default minimum segment with the configured penalty. */
    public ChangePoints.Params changePointSearch() {
        return new ChangePoints.Params(ChangePoints.Params.DEFAULT_MIN_SEGMENT, changePointPenalty);
    }
}
