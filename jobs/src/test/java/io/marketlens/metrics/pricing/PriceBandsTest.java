package io.marketlens.metrics.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Band edges and the best price band on hand-computed categories; expected values beside the inputs. */
class PriceBandsTest {

    static final double EXACT = 1e-9;

    /** Bands 0, 1, … with the given listings and units; revenue = 10 per unit unless stated. */
    static List<BandStats> bands(long[] listings, double[] units) {
        List<BandStats> bands = new ArrayList<>();
        for (int i = 0; i < listings.length; i++) {
            bands.add(band(i, listings[i], units[i], 10 * units[i]));
        }
        return bands;
    }

    static BandStats band(int index, long listings, double units, double revenue) {
        return new BandStats(index, 10 * index, 10 * index + 10, listings, listings, units, revenue, 4.5, 120);
    }

    static List<Integer> bestIndices(List<BandResult> results) {
        return results.stream().filter(BandResult::best).map(r -> r.stats().index()).toList();
    }

    @Nested
    class Evaluate {

        @Test
        void handComputedCategory() {
            // listings 10, 5, 3, 2 (Σ 20); units 100, 200, 50, 10 (Σ 360)
            // demand share  100/360 = .277778   200/360 = .555556   50/360 = .138889   10/360 = .027778
            // supply share  10/20   = .5        5/20    = .25       3/20   = .15       2/20   = .10
            // opportunity   .555556             2.222222            .925926            .277778
            // band 3 is not eligible (2.8 % < 5 % of demand, 2 < 3 listings); band 1 has the highest opportunity
            List<BandResult> r = PriceBands.evaluate(bands(new long[] {10, 5, 3, 2}, new double[] {100, 200, 50, 10}));
            assertThat(r).extracting(BandResult::demandShare).containsExactly(
                    100.0 / 360, 200.0 / 360, 50.0 / 360, 10.0 / 360);
            assertThat(r).extracting(BandResult::supplyShare).containsExactly(0.5, 0.25, 0.15, 0.10);
            assertThat(r.get(0).opportunity()).isCloseTo(0.555556, within(1e-6));
            assertThat(r.get(1).opportunity()).isCloseTo(2.222222, within(1e-6));
            assertThat(r.get(2).opportunity()).isCloseTo(0.925926, within(1e-6));
            assertThat(r.get(3).opportunity()).isCloseTo(0.277778, within(1e-6));
            assertThat(r).extracting(BandResult::eligible).containsExactly(true, true, true, false);
            assertThat(bestIndices(r)).containsExactly(1);
            assertThat(PriceBands.best(r)).get().extracting(x -> x.stats().index()).isEqualTo(1);
        }

        @Test
        void aThinNicheCannotWin() {
            // listings 10, 5, 3, 2 (Σ 20); units 100, 100, 50, 80 (Σ 330); opportunity = units·20 / (listings·330)
            // band 0: 2000/3300 = .606  band 1: 2000/1650 = 1.212  band 2: 1000/990 = 1.010  band 3: 1600/660 = 2.424
            // band 3 has 24 % of demand but only 2 listings (< 3): band 1 is best
            List<BandResult> r = PriceBands.evaluate(bands(new long[] {10, 5, 3, 2}, new double[] {100, 100, 50, 80}));
            assertThat(r.get(3).opportunity()).isCloseTo(1600.0 / 660, within(EXACT));
            assertThat(r.get(3).eligible()).isFalse();
            assertThat(bestIndices(r)).containsExactly(1);
            // with two listings allowed, band 3 wins
            assertThat(bestIndices(PriceBands.evaluate(
                    bands(new long[] {10, 5, 3, 2}, new double[] {100, 100, 50, 80}), 0.05, 2))).containsExactly(3);
        }

        @Test
        void thresholdsAreInclusive() {
            // band 0: 5 of 100 units (exactly 5 %), exactly 3 listings of 103 → opportunity .05/(3/103) = 1.7167
            // band 1: 95 units, 100 listings → .95/(100/103) = .9785
            List<BandResult> r = PriceBands.evaluate(List.of(band(0, 3, 5, 50), band(1, 100, 95, 950)));
            assertThat(r.get(0).demandShare()).isEqualTo(0.05);
            assertThat(r.get(0).opportunity()).isCloseTo(0.05 * 103 / 3, within(EXACT));
            assertThat(bestIndices(r)).containsExactly(0);
            // 4.99 units of 100 is below 5 %: band 1 is best
            assertThat(bestIndices(PriceBands.evaluate(List.of(band(0, 3, 4.99, 50), band(1, 100, 95.01, 950)))))
                    .containsExactly(1);
        }

        @Test
        void tiesGoToHigherRevenueThenToTheCheaperBand() {
            // listings 6, 3, 6 (Σ 15); units 60, 30, 10 (Σ 100)
            // opportunity .6/.4 = 1.5, .3/.2 = 1.5, .1/.4 = .25: bands 0 and 1 tie, revenue 400 < 600 → band 1
            List<BandResult> r = PriceBands.evaluate(List.of(band(0, 6, 60, 400), band(1, 3, 30, 600), band(2, 6, 10, 50)));
            assertThat(r.get(0).opportunity()).isCloseTo(1.5, within(EXACT));
            assertThat(r.get(1).opportunity()).isCloseTo(1.5, within(EXACT));
            assertThat(bestIndices(r)).containsExactly(1);
            // equal revenue as well → the lower index, whatever the input order
            assertThat(bestIndices(PriceBands.evaluate(
                    List.of(band(2, 6, 10, 50), band(1, 3, 30, 500), band(0, 6, 60, 500))))).containsExactly(0);
        }

        @Test
        void tiesOnPaperAreTiesDespiteRounding() {
            // listings 3, 9, 3 (Σ 15); units 21, 63, 16 (Σ 100)
            // opportunity .21/.2 = 1.05 and .63/.6 = 1.05 on paper, but 1.0499999999999998 and 1.05 in doubles;
            // band 0 earns more, so it wins the tie; .16/.2 = .8
            List<BandResult> r = PriceBands.evaluate(List.of(band(0, 3, 21, 900), band(1, 9, 63, 800), band(2, 3, 16, 100)));
            assertThat(r.get(0).opportunity()).isLessThan(r.get(1).opportunity());
            assertThat(bestIndices(r)).containsExactly(0);
        }

        @Test
        void noEligibleBandMeansNoBest() {
            // every band has fewer than 3 listings
            List<BandResult> r = PriceBands.evaluate(bands(new long[] {2, 1, 2}, new double[] {10, 20, 30}));
            assertThat(r).noneMatch(BandResult::best);
            assertThat(PriceBands.best(r)).isEmpty();
        }

        @Test
        void aCategoryWithoutSalesHasSharesOfNaNAndNoBest() {
            List<BandResult> r = PriceBands.evaluate(bands(new long[] {4, 5}, new double[] {0, 0}));
            assertThat(r).allSatisfy(x -> {
                assertThat(x.demandShare()).isNaN();
                assertThat(x.opportunity()).isNaN();
                assertThat(x.best()).isFalse();
            });
            assertThat(r.get(0).supplyShare()).isCloseTo(4.0 / 9, within(EXACT));
        }

        @Test
        void aBandWithoutListingsHasNoOpportunity() {
            // listings 0, 4: supply share 0 → opportunity NaN, never best even when nothing is required
            List<BandResult> r = PriceBands.evaluate(bands(new long[] {0, 4}, new double[] {0, 40}), 0, 0);
            assertThat(r.get(0).supplyShare()).isZero();
            assertThat(r.get(0).opportunity()).isNaN();
            assertThat(bestIndices(r)).containsExactly(1);
        }

        @Test
        void badArgumentsAreRefused() {
            assertThatThrownBy(() -> PriceBands.evaluate(List.of(), 1.5, 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1]");
            assertThatThrownBy(() -> PriceBands.evaluate(List.of(band(0, 1, 1, 1), band(0, 2, 2, 2))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two price bands have index 0");
            assertThatThrownBy(() -> band(0, -1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(PriceBands.evaluate(List.of())).isEmpty();
        }
    }

    @Nested
    class Nice {

        @ParameterizedTest(name = "p1 {0}, p99 {1} → {2}")
        @CsvSource(delimiter = ';', value = {
            // step 5 → 20 bands, step 10 → 10, step 20 → 5: 10 is nearest 8
            "3.2;   97;    0 10 20 30 40 50 60 70 80 90 100",
            // step 0.5 → 12 bands, step 1 → 6, step 2 → 3: 6 is nearest 8
            "12;    18;    12 13 14 15 16 17 18",
            // step 0.1 → 16 bands (0.3–1.9), step 0.2 → 9 (0.2–2.0), step 0.5 → 4: 9
            "0.35;  1.9;   0.2 0.4 0.6 0.8 1 1.2 1.4 1.6 1.8 2",
            // step 2000 → 24 bands, step 5000 → 10, step 10000 → 5: 10
            "1200;  48000; 0 5000 10000 15000 20000 25000 30000 35000 40000 45000 50000",
            // step 1 → 10 bands (1–11), step 2 → 6 (0–12): equally far from 8, the wider step wins
            "1.5;   10.5;  0 2 4 6 8 10 12",
            // step 0.01 → 8 bands exactly: 0.99 … 1.07
            "0.995; 1.065; 0.99 1 1.01 1.02 1.03 1.04 1.05 1.06 1.07",
            // a lone price is one band of its decade
            "19.99; 19.99; 10 20",
            "250;   250;   200 300",
            "0;     0;     0 1",
            // a difference within 1e-9 of p99 is noise, not a range
            "100;   100.00000001; 100 200",
        })
        void edges(double p1, double p99, String expected) {
            double[] want = Arrays.stream(expected.trim().split(" +")).mapToDouble(Double::parseDouble).toArray();
            assertThat(BandEdges.nice(p1, p99).edges()).containsExactly(want);
        }

        @Test
        void edgesAreExactDecimals() {
            // 0.2·3 is 0.6000000000000001 in binary floating point; the edge must be the double 0.6
            BandEdges e = BandEdges.nice(0.35, 1.9);
            assertThat(e.low(2)).isEqualTo(0.6);
            assertThat(e.label(2)).isEqualTo("0.6–0.8");
            assertThat(e.count()).isEqualTo(9);
        }

        /**
         * 5–12 bands whenever p1 &lt; p99: p1 from 0 to 1 000 and ranges from 0.01 to 10^6 (about 20 000 pairs);
         * every edge a multiple of the step, p1 and p99 inside the edges.
         */
        @Test
        void fiveToTwelveBandsAcrossAWideRange() {
            int checked = 0;
            for (double p1 = 0; p1 <= 1000; p1 = p1 * 1.37 + 0.13) {
                for (double range = 0.01; range <= 1e6; range *= 1.013) {
                    double p99 = p1 + range;
                    BandEdges e = BandEdges.nice(p1, p99);
                    String at = "p1 " + p1 + ", p99 " + p99 + " → " + e;
                    assertThat(e.count()).as(at).isBetween(5, 12);
                    assertThat(e.low(0)).as(at).isLessThanOrEqualTo(p1);
                    assertThat(e.high(e.count() - 1)).as(at).isGreaterThanOrEqualTo(p99);
                    BigDecimal step = BigDecimal.valueOf(e.high(0)).subtract(BigDecimal.valueOf(e.low(0)));
                    assertThat(step.unscaledValue().abs().toString()).as(at).matches("[125]0*");
                    for (double edge : e.edges()) {
                        assertThat(BigDecimal.valueOf(edge).remainder(step).signum()).as(at).isZero();
                    }
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(10_000);
        }

        @Test
        void invalidPercentilesAreRefused() {
            assertThatThrownBy(() -> BandEdges.nice(10, 5))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 ≤ p1 ≤ p99");
            assertThatThrownBy(() -> BandEdges.nice(-1, 5)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> BandEdges.nice(Double.NaN, 5)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Configured {

        @Test
        void keepsTheEdges() {
            BandEdges e = BandEdges.configured(0, 10, 20, 50);
            assertThat(e.count()).isEqualTo(3);
            assertThat(e.low(2)).isEqualTo(20.0);
            assertThat(e.high(2)).isEqualTo(50.0);
            assertThat(e.label(0)).isEqualTo("0–10");
            assertThat(e).isEqualTo(BandEdges.configured(0, 10, 20, 50)).hasSameHashCodeAs(BandEdges.configured(0, 10, 20, 50));
        }

        @Test
        void explainsWhatIsWrong() {
            assertThatThrownBy(() -> BandEdges.configured(0, 20, 10))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("edge 2 (10.0) is not greater than edge 1 (20.0)")
                    .hasMessageContaining("ascending, e.g. [0, 10, 20, 50]");
            assertThatThrownBy(() -> BandEdges.configured(0, 10, 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("edge 2 (10.0)");
            assertThatThrownBy(() -> BandEdges.configured(10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two edges");
            assertThatThrownBy(() -> BandEdges.configured(-5, 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not negative");
            assertThatThrownBy(() -> BandEdges.configured(0, Double.POSITIVE_INFINITY))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void isACopy() {
            double[] edges = {0, 10, 20};
            BandEdges e = BandEdges.configured(edges);
            edges[1] = 15;
            e.edges()[1] = 15;
            assertThat(e.low(1)).isEqualTo(10.0);
        }
    }

    @Nested
    class Quantiles {

        @Test
        void quartilesOfOneToTen() {
            // n = 10, h = 9·j/4: 0 → 1; 2.25 → 3 + .25 = 3.25; 4.5 → 5.5; 6.75 → 7.75; 9 → 10
            BandEdges e = BandEdges.quantiles(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 4);
            assertThat(e.edges()).containsExactly(1, 3.25, 5.5, 7.75, 10);
            assertThat(e.label(1)).isEqualTo("3.25–5.5");
        }

        @Test
        void repeatedPricesMergeEdges() {
            // 5, 5, 5, 5, 10 in 4 bands: h = j → 5, 5, 5, 5, 10 → edges 5 and 10, one band
            assertThat(BandEdges.quantiles(new double[] {5, 5, 5, 5, 10}, 4).edges()).containsExactly(5, 10);
            // all equal: the single nice band of the price's decade
            assertThat(BandEdges.quantiles(new double[] {7, 7, 7}, 3)).isEqualTo(BandEdges.nice(7, 7));
            assertThat(BandEdges.quantiles(new double[] {7, 7, 7}, 3).edges()).containsExactly(7, 8);
        }

        @Test
        void labelsKeepSixSignificantDigits() {
            // thirds of 0, 40: 13.333…, 26.666…
            assertThat(BandEdges.quantiles(new double[] {0, 40}, 3).label(0)).isEqualTo("0–13.3333");
        }

        @Test
        void refusesBadInput() {
            assertThatThrownBy(() -> BandEdges.quantiles(new double[] {3, 1}, 2))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sorted ascending");
            assertThatThrownBy(() -> BandEdges.quantiles(new double[0], 2))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one price");
            assertThatThrownBy(() -> BandEdges.quantiles(new double[] {1, 2}, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 band");
        }
    }

    @Nested
    class BandOf {

        @ParameterizedTest(name = "price {0} → band {1}")
        @CsvSource({
            "-5,    0", // below e0: the first band
            "0,     0",
            "9.99,  0",
            "10,    1", // an inner edge opens its band
            "19.99, 1",
            "20,    2",
            "49.99, 2",
            "50,    2", // the last band includes its upper edge
            "1000,  2", // above ek: the last band
        })
        void atAndOutsideTheEdges(double price, int band) {
            assertThat(BandEdges.configured(0, 10, 20, 50).bandOf(price)).isEqualTo(band);
        }

        @Test
        void tailsJoinTheEndBands() {
            BandEdges e = BandEdges.nice(12, 18); // 12 … 18 by 1
            assertThat(e.bandOf(3)).isZero();
            assertThat(e.bandOf(18)).isEqualTo(5);
            assertThat(e.bandOf(99)).isEqualTo(5);
            assertThat(BandEdges.nice(0.35, 1.9).bandOf(0.6)).isEqualTo(2); // 0.6 is the edge, not just below it
        }

        @Test
        void nanHasNoBand() {
            assertThatThrownBy(() -> BandEdges.configured(0, 1).bandOf(Double.NaN))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
