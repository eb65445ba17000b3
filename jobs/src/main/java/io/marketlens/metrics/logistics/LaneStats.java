package io.marketlens.metrics.logistics;

import io.marketlens.ingest.ShipmentStatus;
import io.marketlens.tables.Codes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one lane and period from its shipments, for T/CCPITCSC 111-2022 Table 1, 1.1.9
 * 供应链数据分析 and 5.13 物流甄选 (SPEC M13, table {@code logistics_lanes}). Plain Java: the Spark adapter
 * {@link LogisticsLanes} feeds it one group's shipments.
 *
 * <ul>
 *   <li>shipments: every shipment of the group, whatever its status (in-transit ones included);
 *       delivered / returned / lost / in_transit: by status; each rate = its count ÷ shipments.</li>
 *   <li>lead time: (delivered_ts − ship_ts) in days (microseconds ÷ 86 400 000 000, so hours ÷ 24), over
 *       delivered shipments only; p50 and p90 exact with linear interpolation ({@link Percentiles}), and the
 *       mean.</li>
 *   <li>on_time_rate: delivered shipments with delivered_ts ≤ promised_ts ÷ delivered shipments with a
 *       promised_ts.</li>
 *   <li>cost_per_shipment: Σ cost_base ÷ shipments with a cost; cost_per_kg: Σ cost_base ÷ Σ weight_kg over
 *       shipments with both a cost and a weight.</li>
 *   <li>cost_share: Σ cost_base of the shipments with a cost whose order has revenue &gt; 0 ÷ Σ revenue of those
 *       orders, each order's revenue counted once however many of its shipments the group holds.</li>
 * </ul>
 * Every sum (costs, weights, revenues, lead times for the mean) is the exact sum rounded once ({@link ExactSum}), so
 * no figure depends on the order in which the shipments are added.
 * A figure with nothing to compute it from is null, and the row's status names why (see {@link Figures}).
 */
public final class LaneStats {

    static final double MICROS_PER_DAY = 86_400_000_000.0;

    /**
     * One shipment as the metric reads it; timestamps in microseconds since the epoch, null when absent.
     *
     * @param orderRevenue revenue of the shipment's order in the base currency (null: no order or no demand line)
     */
    public record Shipment(String status, long shipMicros, Long deliveredMicros, Long promisedMicros, Double costBase,
                           Double weightKg, String orderId, Double orderRevenue, int orderNumber) {

        /** A shipment whose order has no number: its order is told apart from others by its id. */
        public Shipment(String status, long shipMicros, Long deliveredMicros, Long promisedMicros, Double costBase,
                        Double weightKg, String orderId, Double orderRevenue) {
            this(status, shipMicros, deliveredMicros, promisedMicros, costBase, weightKg, orderId, orderRevenue, -1);
        }
    }

    /**
     * Numbers for order ids, shared by the groups of one computation, so that a group keeps the orders it has seen as
     * numbers rather than in a map of ids: numbered in the order the ids are first seen. An open-addressing table with
     * a 64-bit hash of the id's characters: ids that are long digit strings (as order numbers often are) put many ids
     * into the same buckets of a {@code HashMap} under {@code String.hashCode}.
     */
    public static final class OrderNumbers {
        private String[] ids = new String[1024];
        private int[] numbers = new int[1024];
        private int size;

        /** The id's number; −1 for no id. */
        public int of(String orderId) {
            if (orderId == null) {
                return -1;
            }
            int mask = ids.length - 1;
            int i = slot(orderId, mask);
            while (ids[i] != null) {
                if (ids[i].equals(orderId)) {
                    return numbers[i];
                }
                i = (i + 1) & mask;
            }
            ids[i] = orderId;
            numbers[i] = size;
            if (++size * 2 > ids.length) {
                grow();
            }
            return size - 1;
        }

        private void grow() {
            String[] oldIds = ids;
            int[] oldNumbers = numbers;
            ids = new String[oldIds.length * 2];
            numbers = new int[oldIds.length * 2];
            int mask = ids.length - 1;
            for (int j = 0; j < oldIds.length; j++) {
                if (oldIds[j] != null) {
                    int i = slot(oldIds[j], mask);
                    while (ids[i] != null) {
                        i = (i + 1) & mask;
                    }
                    ids[i] = oldIds[j];
                    numbers[i] = oldNumbers[j];
                }
            }
        }

        /** FNV-1a over the characters, then a final mix of the bits (MurmurHash3's fmix64). */
        private static int slot(String id, int mask) {
            long h = 0xcbf29ce484222325L;
            for (int c = 0; c < id.length(); c++) {
                h = (h ^ id.charAt(c)) * 0x100000001b3L;
            }
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            return (int) h & mask;
        }
    }

    /**
     * A lane's figures. {@code status} lists, separated by {@code ;}, why figures are null: {@value io.marketlens.tables.Codes.NO_DELIVERED_SHIPMENTS}
     * (lead times, on-time rate), {@value io.marketlens.tables.Codes.NO_PROMISED_DATES} (on-time rate, when there are deliveries), {@value io.marketlens.tables.Codes.NO_COSTS}
     * (cost per shipment and per kg, cost share), {@value io.marketlens.tables.Codes.NO_WEIGHTS} (cost per kg, when there are costs),
     * {@value io.marketlens.tables.Codes.NO_ORDER_REVENUE} (cost share, when there are costs); null when every figure is computed.
     */
    public record Figures(long shipments, long delivered, long returned, long lost, long inTransit,
                          double deliveredRate, double returnedRate, double lostRate,
                          Double leadTimeP50, Double leadTimeP90, Double leadTimeMean, Double onTimeRate,
                          Double costPerShipment, Double costPerKg, Double costShare,
                          long costed, long weighed, long promised, long matchedOrders, String status) {
    }

    private long shipments;
    private long delivered;
    private long returned;
    private long lost;
    private long inTransit;
    /** Lead times in days of the delivered shipments. */
    private double[] leadTimes = new double[4];
    private int leadTimeCount;
    private long promised;
    private long onTime;
    private long costed;
    private final ExactSum costSum = new ExactSum();
    private long weighed;
    private final ExactSum weighedCost = new ExactSum();
    private final ExactSum weight = new ExactSum();
    private final ExactSum matchedCost = new ExactSum();
    /** Revenue of the matched orders without a number, by order id. */
    private final Map<String, Double> matchedRevenue = new HashMap<>();
    /** The matched orders with a number: (number &lt;&lt; 32 | index into {@link #numberedRevenue}), one per shipment. */
    private long[] numbered = new long[0];
    private double[] numberedRevenue = new double[0];
    private int numberedCount;

    /** Adds one shipment; a status other than the four known ones counts as a shipment only. */
    public LaneStats add(Shipment s) {
        shipments++;
        ShipmentStatus status = ShipmentStatus.of(s.status());
        if (status != null) {
            switch (status) {
                case DELIVERED -> delivered(s);
                case RETURNED -> returned++;
                case LOST -> lost++;
                case IN_TRANSIT -> inTransit++;
            }
        }
        if (s.costBase() != null) {
            costed++;
            costSum.add(s.costBase());
            if (s.weightKg() != null) {
                weighed++;
                weighedCost.add(s.costBase());
                weight.add(s.weightKg());
            }
            if (s.orderId() != null && s.orderRevenue() != null && s.orderRevenue() > 0) {
                matchedCost.add(s.costBase());
                if (s.orderNumber() >= 0) {
                    numbered(s.orderNumber(), s.orderRevenue());
                } else {
                    matchedRevenue.putIfAbsent(s.orderId(), s.orderRevenue());
                }
            }
        }
        return this;
    }

    private void numbered(int number, double revenue) {
        if (numberedCount == numbered.length) {
            int cap = Math.max(4, numberedCount * 2);
            numbered = java.util.Arrays.copyOf(numbered, cap);
            numberedRevenue = java.util.Arrays.copyOf(numberedRevenue, cap);
        }
        numbered[numberedCount] = (long) number << 32 | numberedCount;
        numberedRevenue[numberedCount] = revenue;
        numberedCount++;
    }

    private void delivered(Shipment s) {
        delivered++;
        if (s.deliveredMicros() == null) {
            return; // ingest rejects a delivered shipment without a date; nothing to measure if one gets here
        }
        if (leadTimeCount == leadTimes.length) {
            leadTimes = java.util.Arrays.copyOf(leadTimes, leadTimeCount * 2);
        }
        leadTimes[leadTimeCount++] = (s.deliveredMicros() - s.shipMicros()) / MICROS_PER_DAY;
        if (s.promisedMicros() != null) {
            promised++;
            if (s.deliveredMicros() <= s.promisedMicros()) {
                onTime++;
            }
        }
    }

    public Figures figures() {
        double[] lead = java.util.Arrays.copyOf(leadTimes, leadTimeCount);
        double[] q = Percentiles.of(lead, 0.5, 0.9);
        List<String> missing = new ArrayList<>();
        if (lead.length == 0) {
            missing.add(Codes.NO_DELIVERED_SHIPMENTS);
        } else if (promised == 0) {
            missing.add(Codes.NO_PROMISED_DATES);
        }
        if (costed == 0) {
            missing.add(Codes.NO_COSTS);
        } else {
            if (weighed == 0) {
                missing.add(Codes.NO_WEIGHTS);
            }
            if (matchedRevenue.isEmpty() && numberedCount == 0) {
                missing.add(Codes.NO_ORDER_REVENUE);
            }
        }
        // each matched order once (its revenue is the same on each of its shipments), summed exactly: the sum does not
        // depend on the order the shipments came in or on how the orders were told apart
        long[] byNumber = java.util.Arrays.copyOf(numbered, numberedCount);
        java.util.Arrays.sort(byNumber);
        ExactSum revenues = new ExactSum();
        int matchedOrders = 0;
        for (double r : matchedRevenue.values()) {
            revenues.add(r);
            matchedOrders++;
        }
        for (int i = 0; i < byNumber.length; i++) {
            if (i == 0 || byNumber[i] >>> 32 != byNumber[i - 1] >>> 32) {
                revenues.add(numberedRevenue[(int) byNumber[i]]);
                matchedOrders++;
            }
        }
        double revenue = revenues.value();
        return new Figures(shipments, delivered, returned, lost, inTransit,
                rate(delivered), rate(returned), rate(lost),
                lead.length == 0 ? null : q[0], lead.length == 0 ? null : q[1],
                lead.length == 0 ? null : sum(lead) / lead.length,
                promised == 0 ? null : (double) onTime / promised,
                costed == 0 ? null : costSum.value() / costed,
                weighed == 0 ? null : weighedCost.value() / weight.value(),
                matchedOrders == 0 ? null : matchedCost.value() / revenue,
                costed, weighed, promised, matchedOrders,
                missing.isEmpty() ? null : String.join(Codes.STATUS_SEPARATOR, missing));
    }

    private double rate(long count) {
        return shipments == 0 ? 0 : (double) count / shipments;
    }

    private static double sum(double[] values) {
        ExactSum s = new ExactSum();
        for (double v : values) {
            s.add(v);
        }
        return s.value();
    }
}
