package io.marketlens.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlens.generate.UsedIds.LongSet;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class UsedIdsTest {

    @Test
    void orderCodesAreTheIdsDigits() {
        assertThat(UsedIds.orderCode("amazon", "111-2345678-9012345")).isEqualTo(11_123_456_789_012_345L);
        assertThat(UsedIds.orderCode("aliexpress", "8100000000000042")).isEqualTo(8_100_000_000_000_042L);
        // yyMMdd * 36^8 + base-36 value: "0000000Z" is 35
        assertThat(UsedIds.orderCode("shopee", "2501310000000Z")).isEqualTo(250_131L * 2_821_109_907_456L + 35);
    }

    @Test
    void shipmentCodesKeepCarriersApart() {
        // the same digits under four carrier formats are four different ids
        Set<Long> codes = Set.of(UsedIds.shipmentCode("YT0000000000000007"),
                UsedIds.shipmentCode("4PX0000000000007CN"), UsedIds.shipmentCode("LP00000000000007"),
                UsedIds.shipmentCode("GM000000000000000007"));
        assertThat(codes).hasSize(4).contains(7L, (1L << 60) + 7, (2L << 60) + 7, (3L << 60) + 7);
    }

    @Test
    void anIdIsIssuedOncePerNamespace() {
        UsedIds ids = new UsedIds();
        assertThat(ids.claimOrder("amazon", "111-2345678-9012345")).isTrue();
        assertThat(ids.claimOrder("amazon", "111-2345678-9012345")).isFalse();
        assertThat(ids.claimOrder("shopee", "25013100000001")).isTrue();
        assertThat(ids.claimShipment("YT0000000000000007")).isTrue();
        assertThat(ids.claimShipment("YT0000000000000007")).isFalse();
        assertThat(ids.claimCatalog("B0ABCDEFGH")).isTrue();
        assertThat(ids.claimCatalog("B0ABCDEFGH")).isFalse();
    }

    @Test
    void anIdOfUnknownFormatIsRefusedRatherThanMisread() {
        assertThatThrownBy(() -> UsedIds.orderCode("amazon", "111-2345678")).hasMessageContaining("111-2345678");
        assertThatThrownBy(() -> UsedIds.orderCode("shopee", "250131abcdefgh")).hasMessageContaining("order");
        assertThatThrownBy(() -> UsedIds.shipmentCode("XX123")).hasMessageContaining("XX123");
    }

    @Test
    void longSetAgreesWithAHashSetThroughManyResizes() {
        LongSet set = new LongSet();
        Set<Long> expected = new HashSet<>();
        assertThat(set.add(0)).isTrue(); // 0 marks an empty slot, so it is kept apart
        expected.add(0L);
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            // a small range, so that about a quarter of the adds are repeats
            long key = random.nextLong(300_000) - 1_000;
            assertThat(set.add(key)).isEqualTo(expected.add(key));
        }
        assertThat(set.add(0)).isFalse();
        assertThat(set.size()).isEqualTo(expected.size());
    }
}
