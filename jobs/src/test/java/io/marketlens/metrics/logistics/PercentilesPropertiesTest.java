package io.marketlens.metrics.logistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/** {@link Percentiles} against a sort-based reference of the type-7 definition, and its invariants. */
class PercentilesPropertiesTest {

    @Provide
    Arbitrary<List<Double>> leadTimes() {
        // lead times in days with microsecond resolution, duplicates likely
        Arbitrary<Double> days = Arbitraries.longs().between(0, 120L * 86_400_000_000L).map(us -> us / 86_400_000_000.0);
        return Arbitraries.oneOf(days, Arbitraries.of(0.0, 1.5, 2.0, 7.25)).list().ofMinSize(1).ofMaxSize(300);
    }

    /**
     * The reference: sort a list, then Hyndman &amp; Fan type 7 in 1-based form, j = ⌊1 + (n − 1)p⌋, γ = the fraction,
     * Q = (1 − γ)·x_j + γ·x_{j+1}, computed in BigDecimal.
     */
    static double reference(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        BigDecimal pos = BigDecimal.ONE.add(BigDecimal.valueOf(sorted.size() - 1).multiply(new BigDecimal(p)));
        int j = pos.intValue();
        BigDecimal gamma = pos.subtract(BigDecimal.valueOf(j));
        BigDecimal lo = new BigDecimal(sorted.get(j - 1));
        BigDecimal hi = new BigDecimal(sorted.get(Math.min(j, sorted.size() - 1)));
        return BigDecimal.ONE.subtract(gamma).multiply(lo).add(gamma.multiply(hi)).round(MathContext.DECIMAL128).doubleValue();
    }

    @Property(tries = 500)
    void equalsTheSortBasedReference(@ForAll("leadTimes") List<Double> values, @ForAll @DoubleRange(min = 0, max = 1) double p) {
        double actual = Percentiles.of(values.stream().mapToDouble(Double::doubleValue).toArray(), p)[0];
        double expected = reference(values, p);
        // only rounding separates them: of h = (n − 1)·p (an ulp of h, times the spread of the values) and of
        // x_lo + f·(x_hi − x_lo) (a few ulps of the largest value)
        double max = Collections.max(values);
        double tolerance = 4 * Math.ulp(max) + 2 * Math.ulp((double) values.size()) * (max - Collections.min(values));
        assertThat(Math.abs(actual - expected)).as("p=%s of %s", p, values).isLessThanOrEqualTo(tolerance);
    }

    @Property(tries = 300)
    void p50AndP90AreOrderedWithinTheRangeAndIgnoreOrder(@ForAll("leadTimes") List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        double[] q = Percentiles.of(v, 0, 0.5, 0.9, 1);
        assertThat(q[0]).isEqualTo(Collections.min(values));
        assertThat(q[3]).isEqualTo(Collections.max(values));
        assertThat(q[1]).isBetween(q[0], q[2]);
        assertThat(q[2]).isBetween(q[1], q[3]);
        List<Double> shuffled = new ArrayList<>(values);
        Collections.shuffle(shuffled);
        assertThat(Percentiles.of(shuffled.stream().mapToDouble(Double::doubleValue).toArray(), 0.5, 0.9))
                .containsExactly(q[1], q[2]);
    }

    @Property(tries = 300)
    void atAWholeRankTheValueIsThatOrderStatistic(@ForAll("leadTimes") List<Double> values) {
        // p = k/(n−1) puts h on the whole number k: Q is exactly the (k+1)-th smallest value
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        for (int k = 0; k < n; k += Math.max(1, n / 7)) {
            double p = n == 1 ? 0.5 : (double) k / (n - 1);
            if ((n - 1) * p == k) {
                assertThat(Percentiles.of(v, p)[0]).isEqualTo(sorted.get(n == 1 ? 0 : k));
            }
        }
    }
}
