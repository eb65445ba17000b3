package io.marketlens.config;

import io.marketlens.metrics.competition.CompetitionIndex;
import io.marketlens.metrics.market.LifecycleStage;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The {@code metrics:} section of the config: thresholds and weights of the metric groups. Every key is
 * optional; an absent key takes the default documented in the README (the constants of the metric cores).
 *
 * @param newProductMonths   W: a product is new while its launch (or first sale) is within W months of the period's end
 * @param lifecycle          life-cycle stage thresholds
 * @param priceBands         band edges and best-band rule
 * @param hotTermsTopN       terms kept per scope
 * @param competitionWeights weights of the competition-intensity components
 * @param seasonality        seasonal-index thresholds of peak and off-season months
 * @param changePointPenalty c of the PELT penalty c · ln(n) (in units of the noise variance)
 * @param forecastHorizon    months forecast
 * @param backtestMonths     months held out by the forecast backtest
 * @param laneRanking        weights and minimum shipments of the lane ranking
 */
public record MetricsOptions(
        Integer newProductMonths,
        Lifecycle lifecycle,
        PriceBandOptions priceBands,
        Integer hotTermsTopN,
        CompetitionWeights competitionWeights,
        Seasonality seasonality,
        Double changePointPenalty,
        Integer forecastHorizon,
        Integer backtestMonths,
        LaneRankingOptions laneRanking) implements Serializable {

    public static final int DEFAULT_NEW_PRODUCT_MONTHS = io.marketlens.metrics.market.NewVsExisting.DEFAULT_NEW_MONTHS;
    public static final int DEFAULT_HOT_TERMS_TOP_N = io.marketlens.metrics.terms.HotTerms.DEFAULT_TOP_N;

    public MetricsOptions {
        newProductMonths = newProductMonths == null ? DEFAULT_NEW_PRODUCT_MONTHS : newProductMonths;
        lifecycle = lifecycle == null ? new Lifecycle(null, null, null, null) : lifecycle;
        priceBands = priceBands == null ? new PriceBandOptions(null, null, null, null, null) : priceBands;
        hotTermsTopN = hotTermsTopN == null ? DEFAULT_HOT_TERMS_TOP_N : hotTermsTopN;
        competitionWeights = competitionWeights == null ? new CompetitionWeights(null, null, null, null, null) : competitionWeights;
        seasonality = seasonality == null ? new Seasonality(null, null) : seasonality;
        changePointPenalty = changePointPenalty == null
                ? io.marketlens.metrics.timeseries.ChangePoints.Params.DEFAULT_PENALTY_MULTIPLIER : changePointPenalty;
        forecastHorizon = forecastHorizon == null ? io.marketlens.metrics.timeseries.Forecaster.DEFAULT_HORIZON : forecastHorizon;
        backtestMonths = backtestMonths == null ? io.marketlens.metrics.timeseries.Backtest.DEFAULT_HOLDOUT : backtestMonths;
        laneRanking = laneRanking == null ? new LaneRankingOptions(null, null, null, null) : laneRanking;
    }

    public static MetricsOptions defaults() {
        return new MetricsOptions(null, null, null, null, null, null, null, null, null, null);
    }

    /** {@code metrics.lane_ranking}: relative weights of speed, reliability and cost, and the shipments a ranked lane needs. */
    public record LaneRankingOptions(Double speed, Double reliability, Double cost, Long minShipments) implements Serializable {

        public io.marketlens.metrics.logistics.LaneRanking.Weights weights() {
            var d = io.marketlens.metrics.logistics.LaneRanking.Weights.DEFAULT;
            return new io.marketlens.metrics.logistics.LaneRanking.Weights(
                    speed == null ? d.speed() : speed,
                    reliability == null ? d.reliability() : reliability,
                    cost == null ? d.cost() : cost,
                    minShipments == null ? d.minShipments() : minShipments);
        }
    }

    /** {@code metrics.seasonality}: a month with index ≥ {@code peak} is peak season, ≤ {@code off} off-season. */
    public record Seasonality(Double peak, Double off) implements Serializable {

        public io.marketlens.metrics.timeseries.SeasonalIndex.Thresholds thresholds() {
            var d = io.marketlens.metrics.timeseries.SeasonalIndex.Thresholds.DEFAULT;
            return new io.marketlens.metrics.timeseries.SeasonalIndex.Thresholds(peak == null ? d.peak() : peak,
                    off == null ? d.off() : off);
        }
    }

    /** {@code metrics.lifecycle}: yoy thresholds of the stages and the lag of the trend. */
    public record Lifecycle(Double introductionYoy, Double growthYoy, Double declineYoy, Integer trendLagMonths)
            implements Serializable {

        public LifecycleStage.Thresholds thresholds() {
            LifecycleStage.Thresholds d = LifecycleStage.Thresholds.DEFAULT;
            return new LifecycleStage.Thresholds(
                    introductionYoy == null ? d.introductionYoy() : introductionYoy,
                    growthYoy == null ? d.growthYoy() : growthYoy,
                    declineYoy == null ? d.declineYoy() : declineYoy,
                    trendLagMonths == null ? d.trendLagMonths() : trendLagMonths);
        }
    }

    /**
     * {@code metrics.price_bands}: {@code mode} auto (nice 1-2-5 steps over the 1st–99th percentile),
     * quantiles ({@code quantile_bands} bands) or edges ({@code edges} per category, auto for the others);
     * the best band needs {@code min_demand_share} of the units and {@code min_listings} listings.
     */
    public record PriceBandOptions(String mode, Integer quantileBands, Double minDemandShare, Long minListings,
                                   Map<String, List<Double>> edges) implements Serializable {

        public static final String AUTO = "auto";
        public static final String QUANTILES = "quantiles";
        public static final String EDGES = "edges";

        public PriceBandOptions {
            mode = mode == null ? AUTO : mode.trim().toLowerCase(java.util.Locale.ROOT);
            quantileBands = quantileBands == null ? 5 : quantileBands;
            minDemandShare = minDemandShare == null ? io.marketlens.metrics.pricing.PriceBands.MIN_DEMAND_SHARE : minDemandShare;
            minListings = minListings == null ? io.marketlens.metrics.pricing.PriceBands.MIN_LISTINGS : minListings;
            edges = edges == null ? Map.of() : Map.copyOf(edges);
        }
    }

    /** {@code metrics.competition_weights}: relative weights of the five competition-intensity components. */
    public record CompetitionWeights(Double sellers, Double listingsPer1000Units, Double hhi, Double top10MeanReviews,
                                     Double newProductSuccessShare) implements Serializable {

        public CompetitionIndex.Weights weights() {
            CompetitionIndex.Weights d = CompetitionIndex.Weights.DEFAULT;
            return new CompetitionIndex.Weights(
                    sellers == null ? d.sellers() : sellers,
                    listingsPer1000Units == null ? d.listingsPer1000Units() : listingsPer1000Units,
                    hhi == null ? d.hhi() : hhi,
                    top10MeanReviews == null ? d.top10MeanReviews() : top10MeanReviews,
                    newProductSuccessShare == null ? d.newProductSuccessShare() : newProductSuccessShare);
        }
    }
}
