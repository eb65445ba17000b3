package io.marketlens.metrics.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.metrics.timeseries.ChangePoints.Change;
import io.marketlens.metrics.timeseries.ChangePoints.Params;
import io.marketlens.metrics.timeseries.ChangePoints.Result;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Direction;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Change points of SPEC M6 on hand-built and seeded series. "Trend 2 %/month, noise 3 %" means
 * {@code y[t] = ln 1.02 · t + 0.03 · z[t]}, z standard normal from a seeded generator: the log of a
 * revenue growing 2 % a month with ±3 % multiplicative noise.
 */
class ChangePointsTest {

    static final double TOL = 1e-9;
    static final double GROWTH_2_PERCENT = Math.log(1.02);

    static Result detect(double[] series) {
        return ChangePoints.detect(series, Params.DEFAULT);
    }

    /** Log revenue: level 10 (≈ 22 000), the given monthly log growth and normal noise of sd {@code noise}. */
    static double[] trend(int months, double monthlyLogGrowth, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] y = new double[months];
        for (int t = 0; t < months; t++) {
            y[t] = 10 + monthlyLogGrowth * t + noise * gaussian(random);
        }
        return y;
    }

    /** The series with revenue multiplied by {@code factor} from month {@code from} on. */
    static double[] shifted(double[] series, int from, double factor) {
        double[] y = series.clone();
        for (int t = from; t < y.length; t++) {
            y[t] += Math.log(factor);
        }
        return y;
    }

    /** Box–Muller, so the fixtures depend only on SplittableRandom's documented sequence. */
    static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    static List<Integer> indices(Result r) {
        return r.changes().stream().map(Change::index).toList();
    }

    @Nested
    class TheIssueCases {

        @Test
        void aCleanStepIsOneChangeAtItsFirstMonth() {
            double[] y = new double[100];
            Arrays.fill(y, 50, 100, 10.0); // 50 zeros, then 50 tens: MAD of differences = 0
            Result r = detect(y);
            assertThat(r.status()).isNull();
            assertThat(indices(r)).containsExactly(50);
            Change c = r.changes().get(0);
            assertThat(c.direction()).isEqualTo(Direction.UP);
            assertThat(c.direction().code()).isEqualTo("up");
            assertThat(c.levelBefore()).isCloseTo(0, within(TOL));
            assertThat(c.levelAfter()).isCloseTo(10, within(TOL));
            assertThat(r.sigma()).isEqualTo(0.01); // floor: 1e-3 × range 10
            assertThat(r.penalty()).isCloseTo(10 * Math.log(100), within(TOL)); // 46.05
        }

        @Test
        void aSteadyTwoPercentTrendWithThreePercentNoiseIsNotCut() {
            double[] y = trend(48, GROWTH_2_PERCENT, 0.03, 1); // rises ln 1.02 × 47 ≈ 0.93
            Result r = detect(y);
            assertThat(r.changes()).isEmpty();
            assertThat(r.status()).isNull();
            assertThat(r.sigma()).isBetween(0.015, 0.06); // σ = 0.03 estimated from 47 differences
        }

        @Test
        void aTwentyFivePercentShiftIsFoundWithinAMonth() {
            double[] y = shifted(trend(48, GROWTH_2_PERCENT, 0.03, 1), 30, 1.25); // jump ln 1.25 = 0.223 at 30
            Result r = detect(y);
            assertThat(r.changes()).hasSize(1);
            Change c = r.changes().get(0);
            assertThat(c.index()).isBetween(29, 31);
            assertThat(c.direction()).isEqualTo(Direction.UP);
            // levels one month apart, so the jump includes one month of trend (0.02)
            assertThat(c.levelAfter() - c.levelBefore()).isCloseTo(Math.log(1.25), within(0.1));
            assertThat(c.levelBefore()).isCloseTo(10 + GROWTH_2_PERCENT * (c.index() - 1), within(0.05));
        }

        @Test
        void aThirtyPercentDropIsDown() {
            double[] y = shifted(trend(48, GROWTH_2_PERCENT, 0.03, 2), 30, 0.70); // jump ln 0.7 = −0.357 at 30
            Result r = detect(y);
            assertThat(r.changes()).hasSize(1);
            Change c = r.changes().get(0);
            assertThat(c.index()).isBetween(29, 31);
            assertThat(c.direction()).isEqualTo(Direction.DOWN);
            assertThat(c.direction().code()).isEqualTo("down");
            assertThat(c.levelAfter() - c.levelBefore()).isCloseTo(Math.log(0.70), within(0.1));
        }

        @Test
        void twoShiftsFarApartAreTwoChanges() {
            double[] y = shifted(shifted(trend(60, GROWTH_2_PERCENT, 0.03, 3), 20, 1.30), 42, 0.75); // +30 % at 20, −25 % at 42
            Result r = detect(y);
            assertThat(r.changes()).hasSize(2);
            assertThat(r.changes().get(0).index()).isBetween(19, 21);
            assertThat(r.changes().get(0).direction()).isEqualTo(Direction.UP);
            assertThat(r.changes().get(1).index()).isBetween(41, 43);
            assertThat(r.changes().get(1).direction()).isEqualTo(Direction.DOWN);
        }

        @Test
        void aConstantSeriesHasNoChangeAndNoNaN() {
            double[] y = new double[36];
            Arrays.fill(y, 9.5); // range 0: σ̂ = 0, every segmentation fits exactly
            Result r = detect(y);
            assertThat(r.changes()).isEmpty();
            assertThat(r.sigma()).isZero();
            assertThat(r.penalty()).isCloseTo(10 * Math.log(36), within(TOL));
            assertThat(r.status()).isNull();
        }
    }

    @Nested
    class CostAndPenalty {

        @Test
        void sigmaIsTheMadOfFirstDifferencesOverRootTwo() {
            double[] y = {0, 1, 3, 6, 10, 15}; // differences 1..5, median 3, absolute deviations 2 1 0 1 2, MAD 1
            Result r = detect(y);
            assertThat(r.sigma()).isCloseTo(1.4826 / Math.sqrt(2), within(TOL)); // 1.0484
            assertThat(r.penalty()).isCloseTo(10 * Math.log(6), within(TOL)); // 17.92
            // one line: RSS 9.333 / σ̂² 1.0990 = 8.49 < two lines: 2 × (1/6) / 1.0990 + 17.92
            assertThat(r.changes()).isEmpty();
        }

        @Test
        void anyStraightLineIsOneSegment() {
            double[] y = new double[60];
            for (int t = 0; t < 60; t++) {
                y[t] = 5 - 0.3 * t; // steep decline, exact: MAD 0, σ̂ = 1e-3 × 17.7
            }
            assertThat(detect(y).changes()).isEmpty();
        }

        @Test
        void aBreakOfSlopeAloneIsAChangeWithNoJump() {
            double[] y = new double[40];
            for (int t = 0; t < 40; t++) {
                // up 5 %/month, then down 5 %/month; the lines meet at t = 19.5, so no month fits both
                y[t] = t < 20 ? 0.05 * t : 0.975 - 0.05 * (t - 19.5);
            }
            Result r = detect(y);
            assertThat(indices(r)).containsExactly(20);
            Change c = r.changes().get(0);
            assertThat(c.levelBefore()).isCloseTo(1.00, within(TOL)); // first line extended to 20
            assertThat(c.levelAfter()).isCloseTo(0.95, within(TOL)); // second line at 20
            assertThat(c.jump()).isCloseTo(-0.05, within(TOL)); // the lines meet half a month earlier
            assertThat(c.slopeBefore()).isCloseTo(0.05, within(TOL));
            assertThat(c.slopeAfter()).isCloseTo(-0.05, within(TOL));
        }

        @Test
        void aLargerPenaltyFindsFewerChanges() {
            double[] y = shifted(trend(48, 0, 0.03, 4), 24, 1.10); // +10 %: 3.2 σ, between the two penalties
            assertThat(ChangePoints.detect(y, new Params(3, 3)).changes()).isNotEmpty();
            assertThat(ChangePoints.detect(y, new Params(3, 40)).changes()).isEmpty();
        }

        @Test
        void aLongerMinimumSegmentKeepsChangesAwayFromTheEnds() {
            double[] y = shifted(trend(48, 0, 0.03, 5), 45, 1.5); // +50 % in the last three months
            assertThat(indices(detect(y))).containsExactly(45);
            // with six months a segment, a shift three months before the end cannot be placed at its month: the change
            // is put at the latest month a six-month segment allows (48 − 6) …
            assertThat(indices(ChangePoints.detect(y, new Params(6, Params.DEFAULT_PENALTY_MULTIPLIER)))).containsExactly(42);
            // … while the same shift eight months before the end is found at its month
            double[] earlier = shifted(trend(48, 0, 0.03, 5), 40, 1.5);
            assertThat(indices(ChangePoints.detect(earlier, new Params(6, Params.DEFAULT_PENALTY_MULTIPLIER))))
                    .containsExactly(40);
        }
    }

    @Nested
    class Simulation {

        /** The regression check of the tuning in the class Javadoc: 200 trend series, 200 shifted ones. */
        @Test
        void falseChangesAreRareAndTwentyFivePercentShiftsAreFound() {
            SplittableRandom random = new SplittableRandom(20120101);
            int falseAlarms = 0;
            int found = 0;
            for (int i = 0; i < 200; i++) {
                int n = 36 + random.nextInt(25);
                double slope = GROWTH_2_PERCENT * (2 * random.nextDouble() - 1);
                if (!detect(trend(n, slope, 0.03, random.nextLong())).changes().isEmpty()) {
                    falseAlarms++;
                }
            }
            for (int i = 0; i < 200; i++) {
                int n = 36 + random.nextInt(25);
                double slope = GROWTH_2_PERCENT * (2 * random.nextDouble() - 1);
                int at = 6 + random.nextInt(n - 11);
                boolean up = random.nextBoolean();
                double[] y = shifted(trend(n, slope, 0.03, random.nextLong()), at, up ? 1.25 : 0.75);
                Direction expected = up ? Direction.UP : Direction.DOWN;
                if (detect(y).changes().stream()
                        .anyMatch(c -> Math.abs(c.index() - at) <= 1 && c.direction() == expected)) {
                    found++;
                }
            }
            assertThat(falseAlarms).isLessThanOrEqualTo(2); // ≤ 1 %; measured rate 0.16 %
            assertThat(found).isGreaterThanOrEqualTo(198); // ≥ 99 %; measured rate 99.98 %
        }
    }

    @Nested
    class Edges {

        @Test
        void fewerThanTwoMinimumSegmentsIsInsufficientHistory() {
            Result r = detect(new double[] {1, 2, 3}); // 3 < 2 × 2
            assertThat(r.changes()).isEmpty();
            assertThat(r.status()).isEqualTo(Codes.INSUFFICIENT_HISTORY);
            assertThat(r.sigma()).isNaN();
            assertThat(r.penalty()).isNaN();
            assertThat(detect(new double[0]).status()).isEqualTo(Codes.INSUFFICIENT_HISTORY);
            assertThat(detect(new double[] {1, 2, 3, 4}).status()).isNull(); // 4 = 2 × 2
        }

        @Test
        void theSmallestSplittableSeriesSplitsInTheMiddle() {
            double[] y = {0, 0.01, 0, 5, 5.01, 5}; // two 3-month segments, jump 5
            assertThat(indices(detect(y))).containsExactly(3);
        }

        @Test
        void nonFiniteValuesAreRejectedWithTheirIndex() {
            double[] y = {1, 2, Double.NEGATIVE_INFINITY, 4, 5, 6};
            assertThatThrownBy(() -> detect(y))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("index 2")
                    .hasMessageContaining("logarithm");
        }

        @Test
        void paramsAreValidated() {
            assertThatThrownBy(() -> new Params(1, 10)).hasMessageContaining("at least 2");
            assertThatThrownBy(() -> new Params(3, 0)).hasMessageContaining("> 0");
            assertThatThrownBy(() -> new Params(3, Double.NaN)).hasMessageContaining("> 0");
        }

        @Test
        void theResultOwnsItsList() {
            Result r = detect(shifted(trend(48, 0, 0.03, 6), 24, 2.0));
            assertThatThrownBy(() -> r.changes().clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
