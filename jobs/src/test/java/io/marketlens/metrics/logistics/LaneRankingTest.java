package io.marketlens.metrics.logistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.metrics.logistics.LaneRanking.Lane;
import io.marketlens.metrics.logistics.LaneRanking.Ranked;
import io.marketlens.metrics.logistics.LaneRanking.Weights;
import io.marketlens.tables.Codes;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaneRankingTest {

    // Cainiao: 100 shipments, 90 delivered, 5 returned, 5 lost; p50 10 days, 80 % on time, 5 per kg
    static final Lane CAINIAO = new Lane("Cainiao", "Standard", 100, 90, 5, 5, 10.0, 0.8, 5.0);
    // 4PX: 50 shipments, all delivered; p50 5 days, always on time, 10 per kg
    static final Lane FOUR_PX = new Lane("4PX", "Express", 50, 50, 0, 0, 5.0, 1.0, 10.0);
    // YunExpress: 10 shipments — under the default 30
    static final Lane YUN = new Lane("YunExpress", "Economy", 10, 10, 0, 0, 2.0, 1.0, 1.0);

    @Test
    void equalWeightsByHand() {
        List<Ranked> r = LaneRanking.rank(List.of(CAINIAO, FOUR_PX, YUN), Weights.DEFAULT);
        // 4PX: speed 5/5 = 1, reliability 1 · 1 = 1, cost 5/10 = 0.5 → 2.5/3
        assertThat(r.get(0).lane()).isEqualTo(FOUR_PX);
        assertThat(r.get(0).rank()).isEqualTo(1);
        assertThat(r.get(0).speedScore()).isEqualTo(1.0);
        assertThat(r.get(0).reliabilityScore()).isEqualTo(1.0);
        assertThat(r.get(0).costScore()).isEqualTo(0.5);
        assertThat(r.get(0).score()).isCloseTo(2.5 / 3, within(1e-15));
        // Cainiao: speed 5/10 = 0.5, reliability 90/100 · 0.8 = 0.72, cost 5/5 = 1 → 2.22/3 = 0.74
        assertThat(r.get(1).lane()).isEqualTo(CAINIAO);
        assertThat(r.get(1).rank()).isEqualTo(2);
        assertThat(r.get(1).speedScore()).isEqualTo(0.5);
        assertThat(r.get(1).reliabilityScore()).isCloseTo(0.72, within(1e-15));
        assertThat(r.get(1).score()).isCloseTo(0.74, within(1e-15));
        assertThat(r.get(1).status()).isNull();
        // YunExpress would win on every measure, but 10 parcels are too few; it does not set the best values either
        assertThat(r.get(2).lane()).isEqualTo(YUN);
        assertThat(r.get(2).rank()).isNull();
        assertThat(r.get(2).score()).isNull();
        assertThat(r.get(2).status()).isEqualTo(Codes.TOO_FEW_SHIPMENTS);
    }

    @Test
    void weightsChangeTheOrderAndTheMinimumIsConfigurable() {
        List<Ranked> costOnly = LaneRanking.rank(List.of(CAINIAO, FOUR_PX), new Weights(0, 0, 1, 30));
        assertThat(costOnly).extracting(x -> x.lane().carrier() + " " + x.rank() + " " + x.score())
                .containsExactly("Cainiao 1 1.0", "4PX 2 0.5");
        List<Ranked> all = LaneRanking.rank(List.of(CAINIAO, FOUR_PX, YUN), new Weights(1, 1, 1, 10));
        // YunExpress now counts: speed 1, reliability 1, cost 1 → 1; 4PX: 2/5, 1, 1/10 → 1.5/3 = 0.5
        assertThat(all).extracting(x -> x.lane().carrier()).containsExactly("YunExpress", "4PX", "Cainiao");
        assertThat(all.get(1).score()).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void withoutCostPerKgALaneIsScoredOnSpeedAndReliabilityAndSaysSo() {
        Lane noWeights = new Lane("DHL", "Parcel", 40, 40, 0, 0, 5.0, 0.5, null);
        List<Ranked> r = LaneRanking.rank(List.of(CAINIAO, noWeights), Weights.DEFAULT);
        Ranked dhl = r.stream().filter(x -> x.lane() == noWeights).findFirst().orElseThrow();
        // speed 5/5 = 1, reliability 1 · 0.5 = 0.5 → (1 + 0.5) / 2
        assertThat(dhl.score()).isEqualTo(0.75);
        assertThat(dhl.costScore()).isNull();
        assertThat(dhl.status()).isEqualTo(Codes.NO_COST_PER_KG);
        assertThat(dhl.rank()).isEqualTo(1);
    }

    @Test
    void laneStillInTransitIsNotRankedAndOneThatNeverDeliveredScoresZeroSpeed() {
        Lane inTransit = new Lane("UPS", "Saver", 40, 0, 0, 0, null, null, 1.0);
        Lane allLost = new Lane("GLS", "Road", 40, 0, 4, 36, null, null, 2.0);
        List<Ranked> r = LaneRanking.rank(List.of(inTransit, allLost, CAINIAO), Weights.DEFAULT);
        Ranked ups = r.stream().filter(x -> x.lane() == inTransit).findFirst().orElseThrow();
        assertThat(ups.rank()).isNull();
        assertThat(ups.status()).isEqualTo(Codes.NO_COMPLETED_SHIPMENTS);
        Ranked gls = r.stream().filter(x -> x.lane() == allLost).findFirst().orElseThrow();
        // speed 0, reliability 0/40 = 0, cost best 2 (UPS is not ranked, so not the best) → 1/3
        assertThat(gls.speedScore()).isZero();
        assertThat(gls.reliabilityScore()).isZero();
        assertThat(gls.costScore()).isEqualTo(1.0);
        assertThat(gls.score()).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(gls.rank()).isEqualTo(2);
    }

    @Test
    void tiesGoToMoreShipmentsThenToTheName() {
        Lane a = new Lane("B-carrier", "x", 40, 40, 0, 0, 5.0, 1.0, 5.0);
        Lane b = new Lane("A-carrier", "x", 40, 40, 0, 0, 5.0, 1.0, 5.0);
        Lane c = new Lane("C-carrier", "x", 60, 60, 0, 0, 5.0, 1.0, 5.0);
        assertThat(LaneRanking.rank(List.of(a, b, c), Weights.DEFAULT)).extracting(x -> x.lane().carrier() + x.rank())
                .containsExactly("C-carrier1", "A-carrier2", "B-carrier3");
    }

    @Test
    void badWeightsAreRefused() {
        assertThatThrownBy(() -> new Weights(0, 0, 0, 30)).hasMessageContaining("not all 0");
        assertThatThrownBy(() -> new Weights(-1, 1, 1, 30)).hasMessageContaining("≥ 0");
        assertThatThrownBy(() -> new Weights(1, 1, 1, 0)).hasMessageContaining("min_shipments");
    }
}
