package io.marketlens.metrics.logistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The exact sum against the cases Python's {@code math.fsum} documents and tests (the same algorithm; each expected value
 * below is what {@code math.fsum} returns for the same list), and against {@link BigDecimal} arithmetic.
 */
class ExactSumTest {

    private static double sum(double... values) {
        ExactSum s = new ExactSum();
        for (double v : values) {
            s.add(v);
        }
        return s.value();
    }

    @Test
    void tenTimesATenthIsOne() {
        double naive = 0;
        for (int i = 0; i < 10; i++) {
            naive += 0.1;
        }
        assertThat(naive).isEqualTo(0.9999999999999999);
        assertThat(sum(0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1)).isEqualTo(1.0);
    }

    @Test
    void nothingAddedIsZero() {
        assertThat(sum()).isEqualTo(0.0);
        assertThat(sum(0.0)).isEqualTo(0.0);
    }

    @Test
    void largeValuesThatCancelLeaveTheSmallOnes() {
        assertThat(sum(1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50)).isEqualTo(1e-100);
        assertThat(sum(1e16, 1.0, 1e-16)).isEqualTo(10000000000000002.0);
    }

    @Test
    void aRemainderOfHalfAnUlpRoundsByWhatLiesBelowIt() {
        double two53 = Math.pow(2, 53);
        // 2^53 + 1 lies halfway between two doubles; the tiny third value tips it up (not to even, 2^53)
        assertThat(sum(two53, 1.0, Math.pow(2, -100))).isEqualTo(two53 + 2.0);
        assertThat(sum(two53 + 10.0, 1.0, Math.pow(2, -100))).isEqualTo(two53 + 12.0);
        assertThat(sum(two53, -0.5, -Math.pow(2, -54))).isEqualTo(two53 - 1.0);
    }

    @Test
    void harmonicSeriesAsPythonFsum() {
        double[] h = new double[1000];
        double[] alternating = new double[1000];
        for (int n = 1; n <= 1000; n++) {
            h[n - 1] = 1.0 / n;
            alternating[n - 1] = (n % 2 == 0 ? 1.0 : -1.0) / n;
        }
        assertThat(sum(h)).isEqualTo(Double.parseDouble("0x1.df11f45f4e61ap+2"));
        assertThat(sum(alternating)).isEqualTo(Double.parseDouble("-0x1.62a2af1bd3624p-1"));
    }

    @Test
    void aValueThatIsNotFiniteMakesTheSumNaN() {
        assertThat(sum(1.0, Double.NaN)).isNaN();
        assertThat(sum(Double.MAX_VALUE, Double.MAX_VALUE)).isNaN();
    }

    /** Costs and weights as the lanes add them: the exact sum, rounded once, in any order. */
    @Property(tries = 200)
    void equalsTheRoundedExactSumInAnyOrder(@ForAll @Size(max = 300) List<@DoubleRange(min = -1e6, max = 1e6) Double> values,
                                            @ForAll long seed) {
        BigDecimal exact = BigDecimal.ZERO;
        for (double v : values) {
            exact = exact.add(new BigDecimal(v));
        }
        double expected = Double.parseDouble(exact.toString()); // parsing rounds once, to the nearest double
        List<Double> shuffled = new ArrayList<>(values);
        Collections.shuffle(shuffled, new Random(seed));
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        double[] b = shuffled.stream().mapToDouble(Double::doubleValue).toArray();
        // == rather than equals: a sum of zero may come out as 0.0 or -0.0
        assertThat(sum(a) == expected).as(sum(a) + " against " + expected).isTrue();
        assertThat(sum(b) == sum(a)).as(sum(b) + " shuffled against " + sum(a)).isTrue();
    }
}
