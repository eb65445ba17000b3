package io.marketlens.metrics.pricing;

import java.io.Serializable;

/**
 * What the Spark adapter aggregates for one price band of one category over the window
 * (T/CCPITCSC 111-2022 Table 1, 1.1.4 最佳价格波段): the supply (listings, sellers) and the demand
 * (units, revenue) that fell into [low, high).
 *
 * @param index       the band's position, 0 for the cheapest; breaks the last tie of the best band
 * @param listings    distinct products offered in the band (the supply)
 * @param sellers     distinct sellers with a listing in the band
 * @param units       units sold (the demand)
 * @param revenue     revenue in the base currency
 * @param meanRating  mean rating of the band's listings; NaN when none has one
 * @param meanReviews mean review count of the band's listings; NaN when none has one
 */
public record BandStats(
        int index,
        double low,
        double high,
        long listings,
        long sellers,
        double units,
        double revenue,
        double meanRating,
        double meanReviews) implements Serializable {

    public BandStats {
        if (index < 0) {
            throw new IllegalArgumentException("band index must be ≥ 0, got " + index);
        }
        if (!(low <= high)) {
            throw new IllegalArgumentException("band " + index + " has low " + low + " above high " + high);
        }
        if (listings < 0 || sellers < 0) {
            throw new IllegalArgumentException("band " + index + " has negative listings (" + listings
                    + ") or sellers (" + sellers + ")");
        }
        if (!(units >= 0) || !(revenue >= 0) || Double.isInfinite(units) || Double.isInfinite(revenue)) {
            throw new IllegalArgumentException("band " + index + " needs finite units and revenue ≥ 0, got units "
                    + units + ", revenue " + revenue);
        }
    }
}
