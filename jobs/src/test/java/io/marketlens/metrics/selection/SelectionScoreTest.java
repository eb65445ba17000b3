package io.marketlens.metrics.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.metrics.selection.SelectionScore.Candidate;
import io.marketlens.metrics.selection.SelectionScore.Robustness;
import io.marketlens.metrics.selection.SelectionScore.Scored;
import io.marketlens.tables.SelectionComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectionScoreTest {

    private static final double NAN = Double.NaN;

    /** A candidate with only its size and HHI known. */
    private static Candidate sizeAndHhi(String id, double size, double hhi) {
        double[] v = new double[SelectionComponent.values().length];
        Arrays.fill(v, NAN);
        v[SelectionComponent.SIZE.ordinal()] = size;
        v[SelectionComponent.HHI.ordinal()] = hhi;
        return new Candidate(id, v);
    }

    private static final Map<SelectionComponent, Double> EQUAL = Map.of(SelectionComponent.SIZE, 1.0, SelectionComponent.HHI, 1.0);

    @Test
    void zScoresScoresAndRanksByHand() {
        // size 10, 20, 30: mean 20, population sd √(200/3) = 8.164966 → z −1.224745, 0, +1.224745
        // HHI 1000, 1000, 4000: mean 2000, sd √(6e6/3) = 1414.2136 → z −0.707107, −0.707107, +1.414214
        // score = (z_size − z_hhi) / 2: A −0.258819, B +0.353553, C −0.094734 → B, C, A
        List<Scored> r = SelectionScore.rank(List.of(sizeAndHhi("A", 10, 1000), sizeAndHhi("B", 20, 1000),
                sizeAndHhi("C", 30, 4000)), EQUAL, Robustness.DEFAULT);
        assertThat(r).extracting(Scored::id).containsExactly("B", "C", "A");
        assertThat(r).extracting(Scored::rank).containsExactly(1, 2, 3);
        Scored b = r.get(0);
        assertThat(b.z()[SelectionComponent.SIZE.ordinal()]).isCloseTo(0, within(1e-12));
        assertThat(b.z()[SelectionComponent.HHI.ordinal()]).isCloseTo(-Math.sqrt(0.5), within(1e-12));
        assertThat(b.z()[SelectionComponent.GROWTH.ordinal()]).isNaN();
        assertThat(b.score()).isCloseTo(Math.sqrt(0.5) / 2, within(1e-12));
        assertThat(r.get(1).score()).isCloseTo((Math.sqrt(1.5) - Math.sqrt(2)) / 2, within(1e-12));
        assertThat(r.get(2).score()).isCloseTo((-Math.sqrt(1.5) + Math.sqrt(0.5)) / 2, within(1e-12));
    }

    @Test
    void aLeadNoPerturbationWithinTwentyFivePercentCanOverturnIsFullyStable() {
        // B beats C whenever 2.1213·w_hhi > 1.2247·w_size, i.e. w_size / w_hhi < √3 = 1.732; ±25 % reaches 1.25/0.75
        // = 1.667 at most, so every draw keeps B first and the others out of the top 1
        List<Scored> r = SelectionScore.rank(List.of(sizeAndHhi("A", 10, 1000), sizeAndHhi("B", 20, 1000),
                sizeAndHhi("C", 30, 4000)), EQUAL, new Robustness(1000, 0.25, 1, 7));
        assertThat(r).extracting(Scored::rankStability).containsOnly(1.0);
    }

    @Test
    void aTieBrokenOnlyByTheWeightsIsACoinToss() {
        // X leads on size, Y on (low) HHI, by the same z: X first exactly when its perturbed size weight exceeds the
        // HHI weight, half the draws for independent uniform factors; 1 000 draws: 0.5 ± 0.016
        List<Scored> r = SelectionScore.rank(List.of(sizeAndHhi("X", 1, 1), sizeAndHhi("Y", 0, 0)), EQUAL,
                new Robustness(1000, 0.25, 1, 11));
        assertThat(r.get(0).id()).isEqualTo("X"); // equal scores: the id breaks the tie
        assertThat(r.get(0).score()).isCloseTo(0, within(1e-12));
        assertThat(r.get(0).rankStability()).isCloseTo(0.5, within(0.05));
        assertThat(r.get(1).rankStability()).isEqualTo(r.get(0).rankStability());
        // the same seed, the same draws
        assertThat(SelectionScore.rank(List.of(sizeAndHhi("X", 1, 1), sizeAndHhi("Y", 0, 0)), EQUAL,
                new Robustness(1000, 0.25, 1, 11)).get(0).rankStability()).isEqualTo(r.get(0).rankStability());
    }

    @Test
    void aMissingComponentIsLeftOutAndItsWeightRenormalised() {
        // D has no HHI: its score is its size z alone. Sizes 0, 10, 20 → z −1.224745, 0, +1.224745; HHI of A, B
        // 1000, 3000 → z −1, +1
        double[] d = sizeAndHhi("D", 20, 0).values();
        d[SelectionComponent.HHI.ordinal()] = NAN;
        List<Scored> r = SelectionScore.rank(List.of(sizeAndHhi("A", 0, 1000), sizeAndHhi("B", 10, 3000),
                new Candidate("D", d)), EQUAL, Robustness.DEFAULT);
        Scored dScored = r.stream().filter(s -> s.id().equals("D")).findFirst().orElseThrow();
        assertThat(dScored.score()).isCloseTo(Math.sqrt(1.5), within(1e-12));
        assertThat(dScored.rank()).isEqualTo(1);
        Scored a = r.stream().filter(s -> s.id().equals("A")).findFirst().orElseThrow();
        assertThat(a.score()).isCloseTo((-Math.sqrt(1.5) + 1) / 2, within(1e-12));
    }

    @Test
    void aComponentThatDoesNotVaryScoresZeroAndBadInputIsRefused() {
        List<Scored> r = SelectionScore.rank(List.of(sizeAndHhi("A", 5, 1000), sizeAndHhi("B", 5, 1000)), EQUAL,
                Robustness.DEFAULT);
        assertThat(r).allSatisfy(s -> assertThat(s.score()).isZero());
        assertThatThrownBy(() -> SelectionScore.rank(List.of(sizeAndHhi("A", 1, 1)), Map.of(SelectionComponent.SIZE, -1.0),
                Robustness.DEFAULT)).hasMessageContaining("≥ 0");
        assertThatThrownBy(() -> SelectionScore.rank(List.of(new Candidate("A", new double[3])), EQUAL, Robustness.DEFAULT))
                .hasMessageContaining("3 component values, expected 8");
        assertThatThrownBy(() -> new Robustness(0, 0.25, 3, 1)).hasMessageContaining("draws ≥ 1");
    }
}
