package io.marketlens.metrics.pricing;

import java.io.Serializable;

/**
 * One row of the {@code price_bands} table without its scope columns (T/CCPITCSC 111-2022 Table 1,
 * 1.1.4 最佳价格波段): a band's aggregates with its shares, its opportunity and whether it is the best band.
 *
 * @param demandShare the band's units over the category's units; NaN when the category sold nothing
 * @param supplyShare the band's listings over the category's listings; NaN when it has no listings
 * @param opportunity demandShare ÷ supplyShare: above 1, the band sells more than its share of the offer;
 *                    NaN when either share is NaN or the band has no listings
 * @param eligible    whether the band passes the best-band thresholds (demand share and listings)
 * @param best        whether this is the category's best band; at most one band per category is
 */
public record BandResult(
        BandStats stats,
        double demandShare,
        double supplyShare,
        double opportunity,
        boolean eligible,
        boolean best) implements Serializable {
}
