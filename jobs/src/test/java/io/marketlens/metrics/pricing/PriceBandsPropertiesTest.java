package io.marketlens.metrics.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Invariants of band edges and of the best band for any prices, units and band aggregates. */
class PriceBandsPropertiesTest {

    record Sale(double price, long units) {
    }

    @Provide
    Arbitrary<List<Sale>> sales() {
        Arbitrary<Double> price = Arbitraries.doubles().between(0, 5000).ofScale(2);
        Arbitrary<Long> units = Arbitraries.longs().between(0, 1000);
        return Combinators.combine(price, units).as(Sale::new).list().ofMinSize(1).ofMaxSize(200);
    }

    /** p1 and p99 as the adapter computes them: exact percentiles with linear interpolation. */
    static double percentile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int below = (int) Math.floor(h);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
    }

    static List<BandEdges> edgesFor(List<Sale> sales, int quantileBands) {
        double[] prices = sales.stream().mapToDouble(Sale::price).sorted().toArray();
        return List.of(
                BandEdges.nice(percentile(prices, 0.01), percentile(prices, 0.99)),
                BandEdges.quantiles(prices, quantileBands),
                BandEdges.configured(0, 10, 50, 100, 1000));
    }

    /**
     * Each price lands in the band [e_i, e_i+1) that holds it, the last band closed at its top edge, and a price below
     * the first edge or above the last joins the end band: checked against a linear scan of the edges, for the sales'
     * prices and for every edge itself (where an off-by-one would show).
     */
    @Property(tries = 300)
    void aPriceLandsInTheBandThatHoldsIt(@ForAll("sales") List<Sale> sales,
                                         @ForAll @IntRange(min = 1, max = 12) int quantileBands) {
        for (BandEdges edges : edgesFor(sales, quantileBands)) {
            double[] e = edges.edges();
            List<Double> prices = new java.util.ArrayList<>(sales.stream().map(Sale::price).toList());
            Arrays.stream(e).forEach(prices::add);
            prices.add(e[0] - 1);
            prices.add(e[e.length - 1] + 1);
            for (double p : prices) {
                int last = e.length - 2;
                int expected = 0;
                for (int i = 0; i <= last; i++) {
                    if (e[i] <= p) {
                        expected = i;
                    }
                }
                assertThat(edges.bandOf(p)).as(edges + " price " + p).isEqualTo(expected);
                boolean inside = p >= e[0] && p <= e[e.length - 1];
                if (inside) {
                    int b = edges.bandOf(p);
                    assertThat(e[b] <= p && (p < e[b + 1] || b == last && p == e[b + 1])).as(edges + " price " + p).isTrue();
                }
            }
        }
    }

    @Property(tries = 300)
    void edgesStrictlyIncrease(@ForAll("sales") List<Sale> sales,
                               @ForAll @IntRange(min = 1, max = 12) int quantileBands) {
        for (BandEdges edges : edgesFor(sales, quantileBands)) {
            double[] e = edges.edges();
            assertThat(e.length).isGreaterThanOrEqualTo(2);
            for (int i = 1; i < e.length; i++) {
                assertThat(e[i]).as(edges.toString()).isGreaterThan(e[i - 1]);
            }
        }
    }

    @Property(tries = 300)
    void quantileBandsNeverExceedTheRequest(@ForAll("sales") List<Sale> sales,
                                            @ForAll @IntRange(min = 1, max = 12) int bands) {
        double[] prices = sales.stream().mapToDouble(Sale::price).sorted().toArray();
        assertThat(BandEdges.quantiles(prices, bands).count()).isBetween(1, bands);
    }

    /**
     * 5–12 bands whenever p1 &lt; p99 by more than {@value BandEdges#SAME_PRICE} of p99: here p1 from 0 or
     * 10^-3 to 10^6 and p99 − p1 from 10^-3 to 10^7, log-uniform.
     */
    @Property(tries = 2000)
    void niceGivesFiveToTwelveBandsCoveringP1ToP99(@ForAll @DoubleRange(min = -3, max = 6) double log10P1,
                                                   @ForAll @DoubleRange(min = -3, max = 7) double log10Range,
                                                   @ForAll boolean fromZero) {
        double p1 = fromZero ? 0 : Math.pow(10, log10P1);
        double p99 = p1 + Math.pow(10, log10Range);
        BandEdges e = BandEdges.nice(p1, p99);
        assertThat(e.count()).as(e.toString()).isBetween(BandEdges.MIN_NICE_BANDS, BandEdges.MAX_NICE_BANDS);
        assertThat(e.low(0)).isLessThanOrEqualTo(p1);
        assertThat(e.high(e.count() - 1)).isGreaterThanOrEqualTo(p99);
        for (int i = 1; i < e.count(); i++) {
            assertThat(e.high(i)).isGreaterThan(e.low(i));
        }
    }

    @Provide
    Arbitrary<List<BandStats>> categories() {
        Arbitrary<long[]> row = Arbitraries.longs().between(0, 20).array(long[].class).ofSize(3);
        return row.list().ofMinSize(0).ofMaxSize(12).map(rows -> {
            List<BandStats> bands = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                long listings = rows.get(i)[0];
                double units = listings == 0 ? 0 : rows.get(i)[1] * 10.0;
                double revenue = units * (1 + rows.get(i)[2] % 3); // repeated revenues provoke ties
                bands.add(new BandStats(i, i, i + 1, listings, listings, units, revenue, Double.NaN, Double.NaN));
            }
            return bands;
        });
    }

    @Property(tries = 1000)
    void exactlyOneBestBandWhenAnyIsEligible(@ForAll("categories") List<BandStats> bands,
                                             @ForAll @DoubleRange(min = 0, max = 0.3) double minDemandShare,
                                             @ForAll @LongRange(min = 0, max = 6) long minListings) {
        List<BandResult> results = PriceBands.evaluate(bands, minDemandShare, minListings);
        long eligible = results.stream().filter(BandResult::eligible).count();
        List<BandResult> best = results.stream().filter(BandResult::best).toList();
        assertThat(best).hasSize(eligible > 0 ? 1 : 0);
        for (BandResult r : results) {
            assertThat(r.eligible()).isEqualTo(r.stats().listings() >= minListings && r.stats().listings() > 0
                    && r.demandShare() >= minDemandShare);
            if (!best.isEmpty() && r.eligible()) {
                assertThat(best.get(0).opportunity()).isGreaterThanOrEqualTo(r.opportunity() * (1 - 1e-9));
            }
        }
    }

    @Property(tries = 300)
    void sharesSumToOne(@ForAll("categories") @Size(min = 1) List<BandStats> bands) {
        List<BandResult> results = PriceBands.evaluate(bands);
        double units = bands.stream().mapToDouble(BandStats::units).sum();
        double listings = bands.stream().mapToLong(BandStats::listings).sum();
        if (units > 0) {
            assertThat(results.stream().mapToDouble(BandResult::demandShare).sum()).isCloseTo(1.0, within(1e-9));
        }
        if (listings > 0) {
            assertThat(results.stream().mapToDouble(BandResult::supplyShare).sum()).isCloseTo(1.0, within(1e-9));
        }
    }
}
