package io.marketlens.metrics.pricing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Demand and supply shares per price band and the best price band of a category (T/CCPITCSC 111-2022
 * Table 1, 1.1.4 最佳价格波段; SPEC M9). The bands' edges come from {@link BandEdges}; the Spark adapter
 * aggregates one {@link BandStats} per band and calls {@link #evaluate}.
 *
 * <p>Opportunity = demand share (units) ÷ supply share (listings). The best band has the highest
 * opportunity among the eligible bands, those with at least {@code minDemandShare} of the units and
 * {@code minListings} listings, both bounds inclusive, so that a niche with two listings and a handful of
 * sales cannot win. Ties go to the higher revenue, then to the lower band index; opportunities within a
 * relative {@value #TIE_TOLERANCE} count as tied, so that the rounding of two divisions cannot decide
 * between bands that are equal on paper. There is exactly one best band when any band is eligible, and
 * none otherwise.
 */
public final class PriceBands {

    /** Default least share of the category's units for a band to be eligible as best (5 %). */
    public static final double MIN_DEMAND_SHARE = 0.05;

    /** Default least number of listings for a band to be eligible as best. */
    public static final long MIN_LISTINGS = 3;

    static final double TIE_TOLERANCE = 1e-9;

    private PriceBands() {
    }

    /** {@link #evaluate(List, double, long)} with {@link #MIN_DEMAND_SHARE} and {@link #MIN_LISTINGS}. */
    public static List<BandResult> evaluate(List<BandStats> bands) {
        return evaluate(bands, MIN_DEMAND_SHARE, MIN_LISTINGS);
    }

    /**
     * Shares, opportunity and the best band of one category's bands; the results keep the input's order.
     *
     * @throws IllegalArgumentException for a threshold out of range or two bands with the same index
     */
    public static List<BandResult> evaluate(List<BandStats> bands, double minDemandShare, long minListings) {
        if (!(minDemandShare >= 0 && minDemandShare <= 1)) {
            throw new IllegalArgumentException("the best band's minimum demand share must be in [0, 1], got "
                    + minDemandShare);
        }
        if (minListings < 0) {
            throw new IllegalArgumentException("the best band's minimum listings must be ≥ 0, got " + minListings);
        }
        Set<Integer> indices = new HashSet<>();
        double totalUnits = 0;
        long totalListings = 0;
        for (BandStats b : bands) {
            if (!indices.add(b.index())) {
                throw new IllegalArgumentException("two price bands have index " + b.index());
            }
            totalUnits += b.units();
            totalListings += b.listings();
        }

        List<BandResult> evaluated = new ArrayList<>(bands.size());
        BandResult best = null;
        double bestOpportunity = Double.NEGATIVE_INFINITY;
        for (BandStats b : bands) {
            double demand = totalUnits > 0 ? b.units() / totalUnits : Double.NaN;
            double supply = totalListings > 0 ? (double) b.listings() / totalListings : Double.NaN;
            double opportunity = supply > 0 ? demand / supply : Double.NaN;
            boolean eligible = !Double.isNaN(opportunity) && b.listings() >= minListings && demand >= minDemandShare;
            BandResult r = new BandResult(b, demand, supply, opportunity, eligible, false);
            evaluated.add(r);
            if (eligible) {
                bestOpportunity = Math.max(bestOpportunity, opportunity);
            }
        }
        for (BandResult r : evaluated) {
            if (r.eligible() && r.opportunity() >= bestOpportunity * (1 - TIE_TOLERANCE)
                    && (best == null || beats(r.stats(), best.stats()))) {
                best = r;
            }
        }

        List<BandResult> results = new ArrayList<>(evaluated.size());
        for (BandResult r : evaluated) {
            results.add(r == best
                    ? new BandResult(r.stats(), r.demandShare(), r.supplyShare(), r.opportunity(), true, true)
                    : r);
        }
        return results;
    }

    /** The best band of evaluated results, if any band was eligible. */
    public static Optional<BandResult> best(List<BandResult> evaluated) {
        return evaluated.stream().filter(BandResult::best).findFirst();
    }

    /** Among bands tied on opportunity: higher revenue, then the cheaper band. */
    private static boolean beats(BandStats a, BandStats b) {
        if (a.revenue() != b.revenue()) {
            return a.revenue() > b.revenue();
        }
        return a.index() < b.index();
    }
}
