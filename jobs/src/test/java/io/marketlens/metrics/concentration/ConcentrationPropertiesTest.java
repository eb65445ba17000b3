package io.marketlens.metrics.concentration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;

/** Invariants of shares, CR_n and HHI for any non-negative values (zeros included). */
class ConcentrationPropertiesTest {

    /** Reported metrics are rounded to 1e-6, so comparisons between two computations allow one grain. */
    static final double GRAIN = 1e-6;

    static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static long positives(double[] values) {
        return Arrays.stream(values).filter(v -> v > 0).count();
    }

    @Property(tries = 500)
    void sharesSumToOne(@ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = 0, max = 1e6) Double> values) {
        double[] v = array(values);
        Assume.that(positives(v) > 0);
        double sum = Arrays.stream(Concentration.shares(v)).sum();
        assertThat(sum).isCloseTo(1.0, within(1e-9));
    }

    @Property(tries = 500)
    void hhiLiesBetweenEqualSharesAndMonopoly(
            @ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = 0, max = 1e6) Double> values) {
        double[] v = array(values);
        long n = positives(v);
        Assume.that(n > 0);
        ConcentrationMetrics m = Concentration.of(v);
        assertThat(m.entities()).isEqualTo(n);
        assertThat(m.hhi()).isBetween(10_000.0 / n - GRAIN, 10_000.0);
    }

    @Property(tries = 500)
    void ratiosAreOrderedAndAtLeastTheAverageFirms(
            @ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = 0, max = 1e6) Double> values) {
        double[] v = array(values);
        long n = positives(v);
        Assume.that(n > 0);
        ConcentrationMetrics m = Concentration.of(v);
        assertThat(m.cr4()).isLessThanOrEqualTo(m.cr8());
        assertThat(m.cr8()).isLessThanOrEqualTo(m.cr10());
        assertThat(m.cr10()).isLessThanOrEqualTo(100.0);
        // the k largest of n firms hold at least k/n of the market
        assertThat(m.cr4()).isGreaterThanOrEqualTo(100.0 * Math.min(4, n) / n - GRAIN);
        assertThat(m.cr10()).isGreaterThanOrEqualTo(100.0 * Math.min(10, n) / n - GRAIN);
    }

    @Property(tries = 300)
    void invariantUnderPermutation(@ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = 0, max = 1e6) Double> values,
                                   @ForAll long seed) {
        List<Double> shuffled = new ArrayList<>(values);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(Concentration.of(array(shuffled))).isEqualTo(Concentration.of(array(values)));
    }

    @Property(tries = 300)
    void invariantUnderScaling(@ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = 0, max = 1e6) Double> values,
                               @ForAll @DoubleRange(min = 1e-3, max = 1e3) @Scale(6) double factor) {
        double[] v = array(values);
        Assume.that(positives(v) > 0 && factor > 0);
        double[] scaled = Arrays.stream(v).map(x -> x * factor).toArray();
        Assume.that(positives(scaled) == positives(v)); // no value underflows to 0
        ConcentrationMetrics a = Concentration.of(v);
        ConcentrationMetrics b = Concentration.of(scaled);
        assertThat(b.hhi()).isCloseTo(a.hhi(), within(GRAIN));
        assertThat(b.cr4()).isCloseTo(a.cr4(), within(GRAIN));
        assertThat(b.cr8()).isCloseTo(a.cr8(), within(GRAIN));
        assertThat(b.cr10()).isCloseTo(a.cr10(), within(GRAIN));
        assertThat(b.entities()).isEqualTo(a.entities());
    }

    /** Sums as a Spark aggregation would produce them: total and Σv² in arbitrary row order, top-n after ranking. */
    @Property(tries = 500)
    void fromSumsEqualsOf(@ForAll @Size(max = 60) List<@DoubleRange(min = 0, max = 1e6) Double> values) {
        double[] v = array(values);
        double total = 0;
        double sumOfSquares = 0;
        long entities = 0;
        for (double x : v) {
            total += x;
            sumOfSquares += x * x;
            entities += x > 0 ? 1 : 0;
        }
        double[] ranked = v.clone();
        Arrays.sort(ranked);
        double top4 = 0;
        double top8 = 0;
        double top10 = 0;
        for (int rank = 1; rank <= ranked.length; rank++) {
            double x = ranked[ranked.length - rank];
            top4 += rank <= 4 ? x : 0;
            top8 += rank <= 8 ? x : 0;
            top10 += rank <= 10 ? x : 0;
        }
        ConcentrationMetrics expected = Concentration.of(v);
        ConcentrationMetrics actual = Concentration.fromSums(entities, total, sumOfSquares, top4, top8, top10);
        assertThat(actual.status()).isEqualTo(expected.status());
        assertThat(actual.entities()).isEqualTo(expected.entities());
        if (expected.isOk()) {
            assertThat(actual.hhi()).isCloseTo(expected.hhi(), within(GRAIN));
            assertThat(actual.cr4()).isCloseTo(expected.cr4(), within(GRAIN));
            assertThat(actual.cr8()).isCloseTo(expected.cr8(), within(GRAIN));
            assertThat(actual.cr10()).isCloseTo(expected.cr10(), within(GRAIN));
        } else {
            assertThat(actual).isEqualTo(expected);
        }
    }
}
