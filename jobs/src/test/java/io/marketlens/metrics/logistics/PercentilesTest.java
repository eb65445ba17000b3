package io.marketlens.metrics.logistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void interpolatesBetweenTheTwoOrderStatisticsAroundH() {
        // sorted 1, 2, 3, 4: p50 → h = 3·0.5 = 1.5 → x2 + 0.5·(x3 − x2) = 2.5; p90 → h = 2.7 → 3 + 0.7·1 = 3.7
        double[] q = Percentiles.of(new double[]{4, 1, 3, 2}, 0.5, 0.9);
        assertThat(q[0]).isEqualTo(2.5);
        assertThat(q[1]).isCloseTo(3.7, within(1e-15));
    }

    @Test
    void matchesPublishedExamples() {
        // R: quantile(1:10, 0.9) = 9.1 (type 7: h = 9·0.9 = 8.1 → 9 + 0.1·1)
        assertThat(Percentiles.of(new double[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9)[0]).isCloseTo(9.1, within(1e-12));
        // numpy.percentile docs: a = [[10, 7, 4], [3, 2, 1]]; np.percentile(a, 50) = 3.5
        assertThat(Percentiles.of(new double[]{10, 7, 4, 3, 2, 1}, 0.5)[0]).isEqualTo(3.5);
    }

    @Test
    void endsAreTheMinimumAndMaximumAndOneValueIsEveryPercentile() {
        double[] v = {5.5, -1, 8};
        assertThat(Percentiles.of(v, 0, 1)).containsExactly(-1, 8);
        assertThat(Percentiles.of(new double[]{2.25}, 0, 0.5, 0.9, 1)).containsExactly(2.25, 2.25, 2.25, 2.25);
    }

    @Test
    void noValuesGiveNaNAndAFractionOutsideZeroOneIsRefused() {
        assertThat(Percentiles.of(new double[0], 0.5)[0]).isNaN();
        assertThatThrownBy(() -> Percentiles.ofSorted(new double[]{1}, 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> Percentiles.ofSorted(new double[]{1}, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theInputIsNotReordered() {
        double[] v = {3, 1, 2};
        Percentiles.of(v, 0.5);
        assertThat(v).containsExactly(3, 1, 2);
    }
}
