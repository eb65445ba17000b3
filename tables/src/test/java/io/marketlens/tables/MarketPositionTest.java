package io.marketlens.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kotler's roles from share ranks: leader first, challengers until 70 % lies above, followers until 90 %. */
class MarketPositionTest {

    /** The positions of sellers with these shares (in %, largest first). */
    private static List<MarketPosition> positions(double... shares) {
        List<MarketPosition> out = new ArrayList<>();
        double above = 0;
        for (int i = 0; i < shares.length; i++) {
            out.add(MarketPosition.of(i + 1, above / 100));
            above += shares[i];
        }
        return out;
    }

    @Test
    void kotlersHypotheticalMarketOf40_30_20_10() {
        // 40 | 20 10 (above: 40, 60) | 15 5 (above: 70, 85) | 6 4 (above: 90, 96)
        assertThat(positions(40, 20, 10, 15, 5, 6, 4)).containsExactly(MarketPosition.LEADER, MarketPosition.CHALLENGER,
                MarketPosition.CHALLENGER, MarketPosition.FOLLOWER, MarketPosition.FOLLOWER, MarketPosition.NICHER,
                MarketPosition.NICHER);
    }

    @Test
    void aDominantLeaderLeavesNoChallenger() {
        // the leader holds 80 %: the runner-up has 80 % above it and follows; the last 5 % are nichers
        assertThat(positions(80, 12, 5, 3)).containsExactly(MarketPosition.LEADER, MarketPosition.FOLLOWER,
                MarketPosition.NICHER, MarketPosition.NICHER);
    }

    @Test
    void aFragmentedMarketHasManyChallengers() {
        // ten sellers of 10 %: above the 8th lie 70 % (follower), above the 10th 90 % (nicher)
        assertThat(positions(10, 10, 10, 10, 10, 10, 10, 10, 10, 10)).containsExactly(MarketPosition.LEADER,
                MarketPosition.CHALLENGER, MarketPosition.CHALLENGER, MarketPosition.CHALLENGER, MarketPosition.CHALLENGER,
                MarketPosition.CHALLENGER, MarketPosition.CHALLENGER, MarketPosition.FOLLOWER, MarketPosition.FOLLOWER,
                MarketPosition.NICHER);
    }

    @Test
    void codesAreTheLowerCaseNames() {
        assertThat(MarketPosition.NICHER.code()).isEqualTo("nicher");
        assertThat(MarketPosition.NICHER.labelKey()).isEqualTo("label.position.nicher");
        assertThat(CompetitorType.EMERGING.labelKey()).isEqualTo("label.type.emerging");
    }
}
