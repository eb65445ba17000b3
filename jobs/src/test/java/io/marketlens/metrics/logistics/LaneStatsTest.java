package io.marketlens.metrics.logistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.metrics.logistics.LaneStats.Figures;
import io.marketlens.metrics.logistics.LaneStats.Shipment;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LaneStatsTest {

    static long us(String isoLocal) {
        return LocalDateTime.parse(isoLocal).toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
    }

    static Long usOrNull(String isoLocal) {
        return isoLocal == null ? null : us(isoLocal);
    }

    static Shipment shipment(String status, String ship, String delivered, String promised, Double cost, Double kg,
                             String order, Double revenue) {
        return new Shipment(status, us(ship), usOrNull(delivered), usOrNull(promised), cost, kg, order, revenue);
    }

    @Test
    void aLaneComputedByHand() {
        Figures f = new LaneStats()
                // A: 5.5 days, on time; cost 10 for 2 kg; order o1 (revenue 100)
                .add(shipment("delivered", "2024-03-01T00:00", "2024-03-06T12:00", "2024-03-07T00:00", 10.0, 2.0, "o1", 100.0))
                // B: 10 days, late; no weight; order o1 again — its revenue counts once
                .add(shipment("delivered", "2024-03-02T00:00", "2024-03-12T00:00", "2024-03-10T00:00", 20.0, null, "o1", 100.0))
                // C: 2 days, no promise; order o2 has no revenue in the sales
                .add(shipment("delivered", "2024-03-03T06:00", "2024-03-05T06:00", null, 6.0, 1.0, "o2", null))
                // D: in transit — a shipment, not a lead time; cost 4 for 0.5 kg; order o3 (revenue 50)
                .add(shipment("in_transit", "2024-03-04T00:00", null, "2024-03-20T00:00", 4.0, 0.5, "o3", 50.0))
                // E: lost, no cost: out of every cost figure, so its order's revenue 80 is not in the share
                .add(shipment("lost", "2024-03-05T00:00", null, null, null, 1.0, "o4", 80.0))
                // F: returned, cost 8 for 1.5 kg, no order
                .add(shipment("returned", "2024-03-06T00:00", null, null, 8.0, 1.5, null, null))
                .figures();
        assertThat(f.shipments()).isEqualTo(6);
        assertThat(new long[]{f.delivered(), f.returned(), f.lost(), f.inTransit()}).containsExactly(3, 1, 1, 1);
        assertThat(f.deliveredRate()).isEqualTo(0.5);
        assertThat(f.returnedRate()).isEqualTo(1.0 / 6);
        assertThat(f.lostRate()).isEqualTo(1.0 / 6);
        // lead times 5.5, 10, 2 → sorted 2, 5.5, 10: p50 = 5.5; p90: h = 1.8 → 5.5 + 0.8·4.5 = 9.1; mean 17.5/3
        assertThat(f.leadTimeP50()).isEqualTo(5.5);
        assertThat(f.leadTimeP90()).isCloseTo(9.1, within(1e-12));
        assertThat(f.leadTimeMean()).isCloseTo(17.5 / 3, within(1e-12));
        // A on time, B late; C has no promise
        assertThat(f.onTimeRate()).isEqualTo(0.5);
        assertThat(f.promised()).isEqualTo(2);
        // costs of A, B, C, D, F: 48 over 5 shipments
        assertThat(f.costPerShipment()).isCloseTo(9.6, within(1e-12));
        assertThat(f.costed()).isEqualTo(5);
        // with cost and weight: A 10/2, C 6/1, D 4/0.5, F 8/1.5 → 28 / 5 kg
        assertThat(f.costPerKg()).isCloseTo(5.6, within(1e-12));
        assertThat(f.weighed()).isEqualTo(4);
        // A, B (o1: 100) and D (o3: 50): 34 / 150
        assertThat(f.costShare()).isCloseTo(34.0 / 150, within(1e-15));
        assertThat(f.matchedOrders()).isEqualTo(2);
        assertThat(f.status()).isNull();
    }

    @Test
    void leadTimesAreFractionalDaysFromTheHours() {
        // 36 h 30 min = 36.5 h → 36.5 / 24 days
        Figures f = new LaneStats().add(shipment("delivered", "2024-01-31T23:00", "2024-02-02T11:30", "2024-02-02T11:30",
                1.0, 1.0, "o", 10.0)).figures();
        assertThat(f.leadTimeP50()).isEqualTo(36.5 / 24).isEqualTo(f.leadTimeP90()).isEqualTo(f.leadTimeMean());
        assertThat(f.onTimeRate()).as("delivered exactly at the promise is on time").isEqualTo(1.0);
    }

    @Test
    void onlyInTransitShipmentsWithoutCostsLeaveEveryMeasureEmptyAndSaySo() {
        Figures f = new LaneStats()
                .add(shipment("in_transit", "2024-03-01T00:00", null, "2024-03-09T00:00", null, 1.0, "o1", 10.0))
                .add(shipment("in_transit", "2024-03-02T00:00", null, null, null, null, null, null))
                .figures();
        assertThat(f.shipments()).isEqualTo(2);
        assertThat(f.inTransit()).isEqualTo(2);
        assertThat(f.deliveredRate()).isZero();
        assertThat(f.leadTimeP50()).isNull();
        assertThat(f.leadTimeP90()).isNull();
        assertThat(f.leadTimeMean()).isNull();
        assertThat(f.onTimeRate()).isNull();
        assertThat(f.costPerShipment()).isNull();
        assertThat(f.costPerKg()).isNull();
        assertThat(f.costShare()).isNull();
        assertThat(f.status()).isEqualTo("no_delivered_shipments;no_costs");
    }

    @Test
    void deliveriesWithoutPromiseCostsWithoutWeightOrOrderRevenueNameWhatIsMissing() {
        Figures f = new LaneStats()
                .add(shipment("delivered", "2024-03-01T00:00", "2024-03-03T00:00", null, 12.0, null, "o1", 0.0))
                .add(shipment("delivered", "2024-03-01T00:00", "2024-03-05T00:00", null, 8.0, null, null, null))
                .figures();
        assertThat(f.leadTimeP50()).isEqualTo(3.0);
        assertThat(f.onTimeRate()).isNull();
        assertThat(f.costPerShipment()).isEqualTo(10.0);
        assertThat(f.costPerKg()).isNull();
        assertThat(f.costShare()).as("an order with revenue 0 has no share").isNull();
        assertThat(f.status()).isEqualTo("no_promised_dates;no_weights;no_order_revenue");
    }

    /** {@code s} with its order numbered by {@code numbers}, as logistics_lanes adds it. */
    private static Shipment numbered(Shipment s, LaneStats.OrderNumbers numbers) {
        return new Shipment(s.status(), s.shipMicros(), s.deliveredMicros(), s.promisedMicros(), s.costBase(), s.weightKg(),
                s.orderId(), s.orderRevenue(), numbers.of(s.orderId()));
    }

    @Test
    void everySumIsExactSoTheOrderOfTheShipmentsDoesNotMatter() {
        // costs 1e16, 1, 1 (each with 1 kg): added one after the other, 1e16 + 1 rounds back to 1e16 (doubles there are 2
        // apart) and so does the next + 1; the exact sum is 10,000,000,000,000,002, itself a double
        Shipment big = shipment("in_transit", "2024-03-01T00:00", null, null, 1e16, 1.0, null, null);
        Shipment one = shipment("in_transit", "2024-03-01T00:00", null, null, 1.0, 1.0, null, null);
        Figures forward = new LaneStats().add(big).add(one).add(one).figures();
        Figures backward = new LaneStats().add(one).add(one).add(big).figures();
        assertThat(forward).isEqualTo(backward);
        assertThat(forward.costPerShipment()).isEqualTo(10_000_000_000_000_002.0 / 3);
        assertThat(forward.costPerKg()).isEqualTo(10_000_000_000_000_002.0 / 3);
        // ten lead times of 2.4 hours, 0.1 day each: their mean is 0.1 (added one after the other they sum to
        // 0.9999999999999999, and the mean would be 0.09999999999999999)
        LaneStats tenths = new LaneStats();
        for (int i = 0; i < 10; i++) {
            tenths.add(shipment("delivered", "2024-03-01T00:00", "2024-03-01T02:24", null, null, null, null, null));
        }
        assertThat(tenths.figures().leadTimeMean()).isEqualTo(0.1);
    }

    @Test
    void ordersToldApartByNumberGiveTheFiguresOfOrdersToldApartById() {
        // o1 twice (revenue 1e16, counted once), o2 (1), o3 (1), o4 without revenue; costs 3 + 4 + 1 + 2 (+ 5 unmatched)
        Shipment[] shipments = {
                shipment("delivered", "2024-03-01T00:00", "2024-03-03T00:00", null, 3.0, 1.0, "o1", 1e16),
                shipment("delivered", "2024-03-01T00:00", "2024-03-04T00:00", null, 4.0, 1.0, "o1", 1e16),
                shipment("delivered", "2024-03-02T00:00", "2024-03-05T00:00", null, 1.0, 1.0, "o2", 1.0),
                shipment("returned", "2024-03-02T00:00", null, null, 2.0, 1.0, "o3", 1.0),
                shipment("lost", "2024-03-03T00:00", null, null, 5.0, 1.0, "o4", null)};
        LaneStats byId = new LaneStats();
        LaneStats byNumber = new LaneStats();
        LaneStats.OrderNumbers numbers = new LaneStats.OrderNumbers();
        for (Shipment s : shipments) {
            byId.add(s);
            byNumber.add(numbered(s, numbers));
        }
        Figures a = byId.figures();
        Figures b = byNumber.figures();
        assertThat(b).isEqualTo(a);
        assertThat(b.matchedOrders()).isEqualTo(3);
        // the revenues summed exactly: 1e16 + 1 + 1 = 10,000,000,000,000,002, a double; added one after the other from
        // o1 on, 1e16 + 1 would round back to 1e16 (doubles there are 2 apart), and so would the next + 1
        assertThat(b.costShare()).isEqualTo(10.0 / 10_000_000_000_000_002.0);
        // the shipments added in the reverse order give the same figure to the last bit
        LaneStats reversed = new LaneStats();
        for (int i = shipments.length - 1; i >= 0; i--) {
            reversed.add(numbered(shipments[i], numbers));
        }
        assertThat(reversed.figures().costShare()).isEqualTo(b.costShare());
    }

    @Test
    void orderNumbersAreGivenInTheOrderIdsAreFirstSeen() {
        LaneStats.OrderNumbers numbers = new LaneStats.OrderNumbers();
        assertThat(numbers.of("b")).isZero();
        assertThat(numbers.of("a")).isEqualTo(1);
        assertThat(numbers.of("b")).isZero();
        assertThat(numbers.of(null)).isEqualTo(-1);
        // 300,000 sixteen-digit ids, as order numbers often are (the table grows many times on the way): each its own
        // number, the same when asked again
        for (int i = 0; i < 300_000; i++) {
            assertThat(numbers.of(String.valueOf(8_100_000_000_000_000L + 7_919L * i))).isEqualTo(i + 2);
        }
        for (int i = 0; i < 300_000; i += 997) {
            assertThat(numbers.of(String.valueOf(8_100_000_000_000_000L + 7_919L * i))).isEqualTo(i + 2);
        }
        assertThat(numbers.of("a")).isEqualTo(1);
    }
}
