package io.marketlens.metrics.competition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link CompetitionIntensity#select}: the k-th smallest value, and the range split around it. */
class SelectionPropertiesTest {

    record Case(long[] values, int from, int to, int k) {
    }

    @Provide
    Arbitrary<Case> cases() {
        // few distinct values (many repeats, as units have) as well as many
        Arbitrary<long[]> values = Arbitraries.oneOf(Arbitraries.longs().between(0, 3), Arbitraries.longs().between(-1_000, 1_000),
                Arbitraries.longs()).array(long[].class).ofMinSize(1).ofMaxSize(300);
        return values.flatMap(v -> Combinators.combine(Arbitraries.integers().between(0, v.length - 1),
                        Arbitraries.integers().between(0, v.length - 1))
                .flatAs((x, y) -> {
                    int from = Math.min(x, y);
                    int to = Math.max(x, y) + 1;
                    return Arbitraries.integers().between(from, to - 1).map(k -> new Case(v, from, to, k));
                }));
    }

    @Property
    void givesWhatSortingGivesAndSplitsTheRangeAroundIt(@ForAll("cases") Case c) {
        long[] a = c.values().clone();
        long[] sorted = c.values().clone();
        Arrays.sort(sorted, c.from(), c.to());

        long v = CompetitionIntensity.select(a, c.from(), c.to(), c.k());

        assertThat(v).isEqualTo(sorted[c.k()]);
        assertThat(a[c.k()]).isEqualTo(v);
        for (int i = c.from(); i < c.k(); i++) {
            assertThat(a[i]).isLessThanOrEqualTo(v);
        }
        for (int i = c.k() + 1; i < c.to(); i++) {
            assertThat(a[i]).isGreaterThanOrEqualTo(v);
        }
        // the same values, only moved; nothing outside the range touched
        long[] inRange = Arrays.copyOfRange(a, c.from(), c.to());
        Arrays.sort(inRange);
        assertThat(inRange).isEqualTo(Arrays.copyOfRange(sorted, c.from(), c.to()));
        assertThat(Arrays.copyOfRange(a, 0, c.from())).isEqualTo(Arrays.copyOfRange(c.values(), 0, c.from()));
        assertThat(Arrays.copyOfRange(a, c.to(), a.length)).isEqualTo(Arrays.copyOfRange(c.values(), c.to(), a.length));
    }

    @Example
    void anOrganPipeAndARunOfEqualValues() {
        // shapes that make a naive pivot choice slow; the answers by hand
        long[] pipe = new long[1001];
        for (int i = 0; i < pipe.length; i++) {
            pipe[i] = Math.min(i, pipe.length - 1 - i); // 0, 1, …, 500, …, 1, 0
        }
        assertThat(CompetitionIntensity.select(pipe, 0, pipe.length, 0)).isEqualTo(0);
        assertThat(CompetitionIntensity.select(pipe, 0, pipe.length, 1000)).isEqualTo(500);
        assertThat(CompetitionIntensity.select(pipe, 0, pipe.length, 500)).isEqualTo(250); // 0 and 1 … 249 twice, then 250
        long[] same = new long[500];
        Arrays.fill(same, 7);
        assertThat(CompetitionIntensity.select(same, 0, same.length, 321)).isEqualTo(7);
    }
}
