package io.marketlens.metrics.competition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.metrics.competition.CompetitionIndex.Components;
import io.marketlens.metrics.competition.CompetitionIndex.Result;
import io.marketlens.metrics.competition.CompetitionIndex.Scales;
import io.marketlens.metrics.competition.CompetitionIndex.Weights;
import io.marketlens.tables.Codes;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The competition-intensity index of SPEC M8; every sub-score is worked out beside its input. */
class CompetitionIndexTest {

    static final double NaN = Double.NaN;
    static final double TOL = 1e-9;

    @Test
    void aWorkedExampleWithTheDefaults() {
        Result r = CompetitionIndex.score(new Components(120, 20, 1500, 800, 0.30), Weights.DEFAULT);
        // sellers 120:      100 · log10(121) / log10(501)   = 100 · 2.082785 / 2.699838 = 77.1448
        // listings 20/1000: 100 · 20 / 50                                               = 40
        // HHI 1 500:        100 · (1 − 1 500 / 10 000)                                  = 85
        // reviews 800:      100 · log10(801) / log10(5 001) = 100 · 2.903633 / 3.699057 = 78.4966
        // new success 0.30: 100 · (1 − 0.30)                                            = 70
        // index = 0.25·77.1448 + 0.20·40 + 0.20·85 + 0.20·78.4966 + 0.15·70             = 70.4855
        assertThat(r.sellersScore()).isCloseTo(77.14484, within(1e-5));
        assertThat(r.listingsPer1000UnitsScore()).isCloseTo(40, within(TOL));
        assertThat(r.hhiScore()).isCloseTo(85, within(TOL));
        assertThat(r.top10MeanReviewsScore()).isCloseTo(78.49656, within(1e-5));
        assertThat(r.newProductSuccessShareScore()).isCloseTo(70, within(TOL));
        assertThat(r.index()).isCloseTo(70.48552, within(1e-5));
        assertThat(r.componentsUsed()).isEqualTo(5);
        assertThat(r.status()).isNull();
    }

    @Test
    void aWorkedExampleWithRoundScalesAndEqualWeights() {
        Scales round = new Scales(999, 50, 9_999); // log10(1 000) = 3, log10(10 000) = 4
        Result r = CompetitionIndex.score(new Components(99, 25, 2000, 999, 0.40), new Weights(1, 1, 1, 1, 1), round);
        // sellers 99: 100 · 2/3 = 66.667; listings 25: 50; HHI 2 000: 80; reviews 999: 100 · 3/4 = 75; share 0.4: 60
        // index = (66.667 + 50 + 80 + 75 + 60) / 5 = 66.333
        assertThat(r.sellersScore()).isCloseTo(200.0 / 3, within(TOL));
        assertThat(r.top10MeanReviewsScore()).isCloseTo(75, within(TOL));
        assertThat(r.index()).isCloseTo(199.0 / 3, within(TOL));
    }

    @Nested
    class Extremes {

        @Test
        void noRivalryAndNoBarrierIsZero() {
            // no sellers, no listings, one seller holds everything, no reviews, every new product succeeds
            Result r = CompetitionIndex.score(new Components(0, 0, 10_000, 0, 1), Weights.DEFAULT);
            assertThat(r.index()).isZero();
            assertThat(new double[] {r.sellersScore(), r.listingsPer1000UnitsScore(), r.hhiScore(),
                            r.top10MeanReviewsScore(), r.newProductSuccessShareScore()})
                    .containsOnly(0.0);
        }

        @Test
        void everyComponentAtItsReferenceIsOneHundred() {
            Result r = CompetitionIndex.score(new Components(500, 50, 0, 5_000, 0), Weights.DEFAULT);
            assertThat(r.index()).isCloseTo(100, within(TOL));
            assertThat(r.sellersScore()).isCloseTo(100, within(TOL));
            assertThat(r.top10MeanReviewsScore()).isCloseTo(100, within(TOL));
        }

        @Test
        void beyondTheReferenceStaysAtOneHundred() {
            Result r = CompetitionIndex.score(
                    new Components(1e6, Double.POSITIVE_INFINITY, 0, 1e7, 0), Weights.DEFAULT);
            assertThat(r.index()).isEqualTo(100.0);
            assertThat(r.listingsPer1000UnitsScore()).isEqualTo(100.0); // listings but no demand at all
        }

        @Test
        void roundingAboveTheUpperBoundOfHhiAndShareIsTolerated() {
            Result r = CompetitionIndex.score(new Components(1, 0, 10_000.000001, 0, 1.0000000001), Weights.DEFAULT);
            assertThat(r.hhiScore()).isZero();
            assertThat(r.newProductSuccessShareScore()).isZero();
        }
    }

    @Nested
    class MissingComponents {

        @Test
        void missingComponentsAreLeftOutAndTheRestRenormalised() {
            Result r = CompetitionIndex.score(new Components(120, 20, NaN, 800, NaN), Weights.DEFAULT);
            // (0.25·77.1448 + 0.20·40 + 0.20·78.4966) / (0.25 + 0.20 + 0.20) = 42.9855 / 0.65 = 66.1316
            assertThat(r.index()).isCloseTo(66.13157, within(1e-5));
            assertThat(r.hhiScore()).isNaN();
            assertThat(r.newProductSuccessShareScore()).isNaN();
            assertThat(r.componentsUsed()).isEqualTo(3);
            assertThat(r.status()).isNull();
        }

        @Test
        void aComponentWithZeroWeightIsShownButDoesNotCount() {
            Result r = CompetitionIndex.score(new Components(120, 20, 1500, 800, 0.30), new Weights(0, 1, 0, 0, 0));
            assertThat(r.index()).isCloseTo(40, within(TOL));
            assertThat(r.sellersScore()).isCloseTo(77.14484, within(1e-5));
            assertThat(r.componentsUsed()).isEqualTo(1);
        }

        @Test
        void nothingMeasuredGivesNoIndex() {
            Result r = CompetitionIndex.score(new Components(NaN, NaN, NaN, NaN, NaN), Weights.DEFAULT);
            assertThat(r.index()).isNaN();
            assertThat(r.componentsUsed()).isZero();
            assertThat(r.status()).isEqualTo(Codes.NO_COMPONENTS);
        }

        @Test
        void onlyZeroWeightedComponentsMeasuredGivesNoIndex() {
            Result r = CompetitionIndex.score(new Components(120, NaN, NaN, NaN, NaN), new Weights(0, 1, 1, 1, 1));
            assertThat(r.index()).isNaN();
            assertThat(r.status()).isEqualTo(Codes.NO_COMPONENTS);
        }
    }

    @Nested
    class Validation {

        @Test
        void componentsOutsideTheirRangeAreBugsAndSaySo() {
            assertThatThrownBy(() -> new Components(-1, 0, 0, 0, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sellers must be >= 0");
            assertThatThrownBy(() -> new Components(1, 0, 10_001, 0, 0)).hasMessageContaining("hhi must be within [0, 10000.0]");
            assertThatThrownBy(() -> new Components(1, 0, Double.POSITIVE_INFINITY, 0, 0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Components(1, 0, 0, 0, 1.5)).hasMessageContaining("newProductSuccessShare");
            assertThatThrownBy(() -> new Components(1, -0.5, 0, 0, 0)).hasMessageContaining("listingsPer1000Units");
            assertThatThrownBy(() -> new Components(1, 0, 0, -3, 0)).hasMessageContaining("top10MeanReviews");
        }

        @Test
        void weightsMustBeNonNegativeAndNotAllZero() {
            assertThatThrownBy(() -> new Weights(0.25, -0.2, 0.2, 0.2, 0.15)).hasMessageContaining("finite and >= 0");
            assertThatThrownBy(() -> new Weights(0.25, NaN, 0.2, 0.2, 0.15)).hasMessageContaining("finite and >= 0");
            assertThatThrownBy(() -> new Weights(0, 0, 0, 0, 0)).hasMessageContaining("all 0");
        }

        @Test
        void scalesMustBePositive() {
            assertThatThrownBy(() -> new Scales(0, 50, 5000)).hasMessageContaining("defaults 500, 50, 5000");
            assertThatThrownBy(() -> new Scales(500, 50, Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void defaultsAreTheDocumentedOnes() {
            assertThat(Weights.DEFAULT).isEqualTo(new Weights(0.25, 0.20, 0.20, 0.20, 0.15));
            assertThat(Scales.DEFAULT).isEqualTo(new Scales(500, 50, 5_000));
        }
    }
}
