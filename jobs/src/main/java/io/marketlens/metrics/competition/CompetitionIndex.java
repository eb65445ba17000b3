package io.marketlens.metrics.competition;

import io.marketlens.tables.Codes;
import java.io.Serializable;
import java.util.Objects;

/**
 * A 0–100 competition-intensity index of a market, for T/CCPITCSC 111-2022 Table 1, 1.1.4 竞争强度
 * (intensity of competition; SPEC M8). 0 = hardly any rivalry and nothing that keeps a newcomer
 * out; 100 = crowded, fragmented, and hard to break into.
 *
 * <p>Each component becomes a 0–100 sub-score by a fixed monotone transform. The transforms are
 * absolute, never relative to the other categories of a run (no z-scores or ranks), so a category's
 * index does not move when another category is added. Higher sub-score = more intense competition:
 *
 * <table>
 *   <caption>Sub-scores (defaults of {@link Scales} in brackets)</caption>
 *   <tr><th>component</th><th>sub-score</th><th>why</th></tr>
 *   <tr><td>active sellers s</td><td>100·min(1, log10(1+s) / log10(1+S_ref)) [S_ref 500]</td>
 *       <td>more rivals, more rivalry; logarithmic because the tenth rival matters more than the
 *       five-hundred-and-tenth; 500 active sellers count as fully crowded</td></tr>
 *   <tr><td>listings per 1 000 units of demand x</td><td>100·min(1, x / L_ref) [L_ref 50]</td>
 *       <td>supply crowding per unit of demand; at 50 listings per 1 000 units a listing sells 20
 *       units on average, a thin share</td></tr>
 *   <tr><td>HHI h (0–10 000)</td><td>100·(1 − h / 10 000)</td>
 *       <td>read as rivalry among equals: the Gini–Simpson index, the chance that two units of
 *       revenue go to different sellers. The standard's own vocabulary agrees: the CR8 classes of
 *       1.1.4 行业集中率 call fragmented markets 竞争型 (competitive) and concentrated ones 寡占型
 *       (oligopoly). The entry barrier that dominant incumbents raise is measured by the next two
 *       components, not here. Most categories have h below 2 500, so this sub-score mostly spans
 *       75–100.</td></tr>
 *   <tr><td>mean reviews of the top-10 products r</td><td>100·min(1, log10(1+r) / log10(1+R_ref)) [R_ref 5 000]</td>
 *       <td>entry barrier: a newcomer starts at zero reviews; logarithmic because review counts are
 *       heavy-tailed and the barrier grows with their order of magnitude</td></tr>
 *   <tr><td>share p of new products that reach the category's median sales</td><td>100·(1 − p)</td>
 *       <td>entry barrier: when few newcomers reach the median, breaking in is hard</td></tr>
 * </table>
 *
 * <p>The index is the weighted mean of the sub-scores present ({@link Weights#DEFAULT}: 0.25, 0.20,
 * 0.20, 0.20, 0.15). A missing component (NaN) is left out and the remaining weights are
 * renormalised, so weights need not sum to 1; {@link Result#componentsUsed()} says how many
 * components carried the index. Stateless and thread-safe.
 */
public final class CompetitionIndex {

    private static final double MAX_HHI = 10_000;
    /** Shares and HHI computed in floating point can overshoot their upper bound by rounding. */
    private static final double ROUNDING_SLACK = 1e-9;

    private CompetitionIndex() {}

    /**
     * The measured components of one scope and period; NaN marks a component that could not be
     * measured. Ranges: counts and ratios ≥ 0 (+∞ allowed where it means "no demand at all"),
     * {@code hhi} in [0, 10 000], {@code newProductSuccessShare} in [0, 1].
     */
    public record Components(
            double sellers,
            double listingsPer1000Units,
            double hhi,
            double top10MeanReviews,
            double newProductSuccessShare)
            implements Serializable {

        public Components {
            requireAtLeastZero("sellers", sellers);
            requireAtLeastZero("listingsPer1000Units", listingsPer1000Units);
            requireAtLeastZero("top10MeanReviews", top10MeanReviews);
            requireWithin("hhi", hhi, MAX_HHI);
            requireWithin("newProductSuccessShare", newProductSuccessShare, 1);
        }

        private static void requireAtLeastZero(String name, double v) {
            if (v < 0) {
                throw new IllegalArgumentException(
                        "competition component " + name + " must be >= 0 or NaN (missing), got " + v);
            }
        }

        private static void requireWithin(String name, double v, double max) {
            if (v < 0 || v > max * (1 + ROUNDING_SLACK)) {
                throw new IllegalArgumentException(
                        "competition component " + name + " must be within [0, " + max + "] or NaN (missing), got " + v);
            }
        }
    }

    /** Relative weights of the components; non-negative, finite, at least one positive. */
    public record Weights(
            double sellers,
            @com.fasterxml.jackson.annotation.JsonProperty("listings_per_1000_units") double listingsPer1000Units,
            double hhi,
            double top10MeanReviews,
            double newProductSuccessShare)
            implements Serializable {

        /**
         * Rivalry (sellers, crowding, fragmentation) 0.65 and entry barriers (reviews, newcomer
         * success) 0.35; the head count of rivals weighs most as the most direct measure.
         */
        public static final Weights DEFAULT = new Weights(0.25, 0.20, 0.20, 0.20, 0.15);

        /** The config's {@code metrics.competition_weights} section: a key left out takes its default. */
        @com.fasterxml.jackson.annotation.JsonCreator
        public static Weights of(@com.fasterxml.jackson.annotation.JsonProperty("sellers") Double sellers,
                                 // the table's column name; the first release read it as listings_per1000_units
                                 @com.fasterxml.jackson.annotation.JsonProperty("listings_per_1000_units")
                                 @com.fasterxml.jackson.annotation.JsonAlias("listings_per1000_units") Double listingsPer1000Units,
                                 @com.fasterxml.jackson.annotation.JsonProperty("hhi") Double hhi,
                                 @com.fasterxml.jackson.annotation.JsonProperty("top10_mean_reviews") Double top10MeanReviews,
                                 @com.fasterxml.jackson.annotation.JsonProperty("new_product_success_share")
                                 Double newProductSuccessShare) {
            return new Weights(sellers == null ? DEFAULT.sellers : sellers,
                    listingsPer1000Units == null ? DEFAULT.listingsPer1000Units : listingsPer1000Units,
                    hhi == null ? DEFAULT.hhi : hhi, top10MeanReviews == null ? DEFAULT.top10MeanReviews : top10MeanReviews,
                    newProductSuccessShare == null ? DEFAULT.newProductSuccessShare : newProductSuccessShare);
        }

        public Weights {
            double[] all = {sellers, listingsPer1000Units, hhi, top10MeanReviews, newProductSuccessShare};
            double sum = 0;
            for (double w : all) {
                if (!Double.isFinite(w) || w < 0) {
                    throw new IllegalArgumentException("competition weights must be finite and >= 0 (defaults 0.25, "
                            + "0.20, 0.20, 0.20, 0.15), got " + w);
                }
                sum += w;
            }
            if (sum == 0) {
                throw new IllegalArgumentException("competition weights are all 0; give at least one a positive weight");
            }
        }
    }

    /** Reference values at which a logarithmic or linear sub-score reaches 100. */
    public record Scales(double sellersRef, double listingsPer1000UnitsRef, double top10MeanReviewsRef)
            implements Serializable {

        public static final double DEFAULT_SELLERS_REF = 500;
        public static final double DEFAULT_LISTINGS_PER_1000_UNITS_REF = 50;
        public static final double DEFAULT_TOP10_MEAN_REVIEWS_REF = 5_000;

        public static final Scales DEFAULT = new Scales(
                DEFAULT_SELLERS_REF, DEFAULT_LISTINGS_PER_1000_UNITS_REF, DEFAULT_TOP10_MEAN_REVIEWS_REF);

        public Scales {
            if (!(sellersRef > 0 && listingsPer1000UnitsRef > 0 && top10MeanReviewsRef > 0)
                    || !Double.isFinite(sellersRef + listingsPer1000UnitsRef + top10MeanReviewsRef)) {
                throw new IllegalArgumentException("competition scales must be finite and > 0 (defaults 500, 50, 5000), got "
                        + sellersRef + ", " + listingsPer1000UnitsRef + ", " + top10MeanReviewsRef);
            }
        }
    }

    /**
     * The index (NaN with status {@value io.marketlens.tables.Codes.NO_COMPONENTS} when no weighted component was present), each
     * sub-score (NaN when its component is missing), and how many components carried the index.
     */
    public record Result(
            double index,
            double sellersScore,
            double listingsPer1000UnitsScore,
            double hhiScore,
            double top10MeanReviewsScore,
            double newProductSuccessShareScore,
            int componentsUsed,
            String status)
            implements Serializable {}

    /** The index with the default {@link Scales}. */
    public static Result score(Components c, Weights w) {
        return score(c, w, Scales.DEFAULT);
    }

    public static Result score(Components c, Weights w, Scales s) {
        Objects.requireNonNull(c, "components");
        Objects.requireNonNull(w, "weights");
        Objects.requireNonNull(s, "scales");
        double[] scores = {
            logScore(c.sellers(), s.sellersRef()),
            100 * Math.min(1, c.listingsPer1000Units() / s.listingsPer1000UnitsRef()),
            100 * Math.max(0, 1 - c.hhi() / MAX_HHI),
            logScore(c.top10MeanReviews(), s.top10MeanReviewsRef()),
            100 * Math.max(0, 1 - c.newProductSuccessShare())
        };
        double[] weights = {w.sellers(), w.listingsPer1000Units(), w.hhi(), w.top10MeanReviews(), w.newProductSuccessShare()};
        double weighted = 0;
        double weightSum = 0;
        int used = 0;
        for (int k = 0; k < scores.length; k++) {
            if (!Double.isNaN(scores[k]) && weights[k] > 0) {
                weighted += weights[k] * scores[k];
                weightSum += weights[k];
                used++;
            }
        }
        // the weighted mean of values in [0, 100] can land an ulp outside it
        double index = used == 0 ? Double.NaN : Math.min(100, Math.max(0, weighted / weightSum));
        return new Result(index, scores[0], scores[1], scores[2], scores[3], scores[4], used,
                used == 0 ? Codes.NO_COMPONENTS : null);
    }

    /** NaN stays NaN: Math.min(1, NaN) is NaN, so a missing component passes through every transform. */
    private static double logScore(double x, double ref) {
        return 100 * Math.min(1, Math.log10(1 + x) / Math.log10(1 + ref));
    }
}
