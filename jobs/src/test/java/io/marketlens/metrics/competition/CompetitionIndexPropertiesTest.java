package io.marketlens.metrics.competition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.metrics.competition.CompetitionIndex.Components;
import io.marketlens.metrics.competition.CompetitionIndex.Result;
import io.marketlens.metrics.competition.CompetitionIndex.Weights;
import io.marketlens.tables.Codes;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the competition index: bounds, direction of each component, renormalised weights. */
class CompetitionIndexPropertiesTest {

    static final double TOL = 1e-9;

    /** Component k goes up with competition (+1) or down (−1): sellers, listings, HHI, reviews, new-product success. */
    static final int[] DIRECTION = {+1, +1, -1, +1, -1};

    static Arbitrary<Double> maybeMissing(Arbitrary<Double> present) {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Double.NaN)), Tuple.of(5, present));
    }

    @Provide
    Arbitrary<Components> components() {
        return Combinators.combine(
                        maybeMissing(Arbitraries.doubles().between(0, 100_000)),
                        maybeMissing(Arbitraries.doubles().between(0, 1_000)),
                        maybeMissing(Arbitraries.doubles().between(0, 10_000)),
                        maybeMissing(Arbitraries.doubles().between(0, 1_000_000)),
                        maybeMissing(Arbitraries.doubles().between(0, 1).ofScale(4)))
                .as(Components::new);
    }

    @Provide
    Arbitrary<Components> presentComponents() {
        return components().map(c -> new Components(
                orElse(c.sellers(), 10), orElse(c.listingsPer1000Units(), 10), orElse(c.hhi(), 2000),
                orElse(c.top10MeanReviews(), 100), orElse(c.newProductSuccessShare(), 0.5)));
    }

    @Provide
    Arbitrary<Weights> weights() {
        Arbitrary<Double> w = Arbitraries.doubles().between(0, 1).ofScale(3);
        return Combinators.combine(w, w, w, w, w)
                .as((a, b, c, d, e) -> new double[] {a, b, c, d, e})
                .filter(v -> Arrays.stream(v).sum() > 0)
                .map(CompetitionIndexPropertiesTest::weights);
    }

    static double orElse(double v, double fallback) {
        return Double.isNaN(v) ? fallback : v;
    }

    static double[] values(Components c) {
        return new double[] {c.sellers(), c.listingsPer1000Units(), c.hhi(), c.top10MeanReviews(), c.newProductSuccessShare()};
    }

    static double[] values(Weights w) {
        return new double[] {w.sellers(), w.listingsPer1000Units(), w.hhi(), w.top10MeanReviews(), w.newProductSuccessShare()};
    }

    static double[] scores(Result r) {
        return new double[] {r.sellersScore(), r.listingsPer1000UnitsScore(), r.hhiScore(), r.top10MeanReviewsScore(),
            r.newProductSuccessShareScore()};
    }

    static Components components(double[] v) {
        return new Components(v[0], v[1], v[2], v[3], v[4]);
    }

    static Weights weights(double[] v) {
        return new Weights(v[0], v[1], v[2], v[3], v[4]);
    }

    @Property
    void indexAndSubScoresWithinZeroToOneHundred(@ForAll("components") Components c, @ForAll("weights") Weights w) {
        Result r = CompetitionIndex.score(c, w);
        if (r.componentsUsed() == 0) {
            assertThat(r.index()).isNaN();
            assertThat(r.status()).isEqualTo(Codes.NO_COMPONENTS);
        } else {
            assertThat(r.index()).isBetween(0.0, 100.0);
            assertThat(r.status()).isNull();
        }
        double[] in = values(c);
        double[] out = scores(r);
        for (int k = 0; k < in.length; k++) {
            assertThat(Double.isNaN(out[k])).isEqualTo(Double.isNaN(in[k]));
            if (!Double.isNaN(out[k])) {
                assertThat(out[k]).isBetween(0.0, 100.0);
            }
        }
    }

    @Property
    void theIndexLiesBetweenTheSubScoresThatCarryIt(@ForAll("components") Components c, @ForAll("weights") Weights w) {
        Result r = CompetitionIndex.score(c, w);
        double[] s = scores(r);
        double[] wv = values(w);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < s.length; k++) {
            if (!Double.isNaN(s[k]) && wv[k] > 0) {
                min = Math.min(min, s[k]);
                max = Math.max(max, s[k]);
            }
        }
        if (r.componentsUsed() > 0) {
            assertThat(r.index()).isBetween(min - TOL, max + TOL);
        }
    }

    @Property
    void monotoneInEachComponentInItsDocumentedDirection(
            @ForAll("presentComponents") Components c,
            @ForAll("weights") Weights w,
            @ForAll @IntRange(min = 0, max = 4) int k,
            @ForAll @DoubleRange(min = 0, max = 1) double fraction) {
        double[] lower = values(c);
        double[] higher = lower.clone();
        double upperBound = k == 2 ? 10_000 : k == 4 ? 1 : lower[k] * 2 + 100;
        higher[k] = lower[k] + fraction * (upperBound - lower[k]);
        double before = CompetitionIndex.score(components(lower), w).index();
        double after = CompetitionIndex.score(components(higher), w).index();
        if (DIRECTION[k] > 0) {
            assertThat(after).isGreaterThanOrEqualTo(before - TOL);
        } else {
            assertThat(after).isLessThanOrEqualTo(before + TOL);
        }
    }

    @Property
    void aMissingComponentCountsAsAZeroWeight(
            @ForAll("presentComponents") Components c, @ForAll("weights") Weights w, @ForAll @IntRange(min = 0, max = 4) int k) {
        double[] v = values(c);
        v[k] = Double.NaN;
        double[] wv = values(w);
        wv[k] = 0;
        if (Double.compare(Arrays.stream(wv).sum(), 0) == 0) {
            return; // no weight left: a Weights record refuses that, and the index is NaN anyway
        }
        Result missing = CompetitionIndex.score(components(v), w);
        Result unweighted = CompetitionIndex.score(c, weights(wv));
        assertThat(missing.index()).isCloseTo(unweighted.index(), within(TOL));
        assertThat(missing.componentsUsed()).isEqualTo(unweighted.componentsUsed());
    }

    @Property
    void onlyTheRatiosOfTheWeightsMatter(
            @ForAll("components") Components c,
            @ForAll("weights") Weights w,
            @ForAll @DoubleRange(min = 0.01, max = 100) double factor) {
        double[] scaled = values(w);
        for (int k = 0; k < scaled.length; k++) {
            scaled[k] *= factor;
        }
        Result r = CompetitionIndex.score(c, w);
        Result s = CompetitionIndex.score(c, weights(scaled));
        if (Double.isNaN(r.index())) {
            assertThat(s.index()).isNaN();
        } else {
            assertThat(s.index()).isCloseTo(r.index(), within(TOL));
        }
    }
}
