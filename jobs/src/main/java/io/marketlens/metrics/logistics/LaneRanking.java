package io.marketlens.metrics.logistics;

import io.marketlens.tables.Codes;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks the lanes (carrier × service) to one destination country over the analysis window, for T/CCPITCSC
 * 111-2022 5.13 物流甄选 (choosing logistics; SPEC M13, table {@code lane_ranking}).
 *
 * <p>Three component scores in [0, 1], higher is better:
 * <ul>
 *   <li>speed = p50_best ÷ p50 — the fastest median lead time among the ranked lanes over the lane's own (a lane
 *       twice as slow as the fastest scores 0.5); when the best is 0, lanes at 0 score 1 and the others 0; a lane
 *       that delivered nothing (all its finished shipments returned or lost) scores 0;</li>
 *   <li>reliability = completion × on_time_rate, completion = delivered ÷ (delivered + returned + lost): the chance
 *       that a shipment whose outcome is known arrived, times the chance that an arrival kept its promise. In-transit
 *       shipments are left out of completion, so a lane with more recent volume is not marked down for parcels still
 *       on their way. Without promised dates: completion alone;</li>
 *   <li>cost = cost_per_kg_best ÷ cost_per_kg, as for speed.</li>
 * </ul>
 * score = Σ wᵢ·scoreᵢ ÷ Σ wᵢ over the components the lane has (default weights 1 : 1 : 1): a lane without cost per
 * kg (no weights or costs recorded) is scored on speed and reliability, status {@value io.marketlens.tables.Codes.NO_COST_PER_KG}. Only lanes with at
 * least {@code minShipments} shipments (default 30; status {@value io.marketlens.tables.Codes.TOO_FEW_SHIPMENTS} otherwise), so that a handful of
 * lucky parcels cannot top the list, and with at least one finished (delivered, returned or lost) shipment (status
 * {@value io.marketlens.tables.Codes.NO_COMPLETED_SHIPMENTS} otherwise: nothing is known yet of how it performs) are scored and ranked; the best values
 * are taken among those lanes. Rank 1 is the highest score; ties go to more shipments, then to
 * carrier and service in alphabetical order.
 */
public final class LaneRanking {

    /** Relative weights of the three components and the minimum shipments of a ranked lane. */
    public record Weights(double speed, double reliability, double cost, long minShipments) implements Serializable {

        public static final Weights DEFAULT = new Weights(1, 1, 1, 30);

        /** The config's {@code metrics.lane_ranking} section: a key left out takes its default. */
        @com.fasterxml.jackson.annotation.JsonCreator
        public static Weights of(@com.fasterxml.jackson.annotation.JsonProperty("speed") Double speed,
                                 @com.fasterxml.jackson.annotation.JsonProperty("reliability") Double reliability,
                                 @com.fasterxml.jackson.annotation.JsonProperty("cost") Double cost,
                                 @com.fasterxml.jackson.annotation.JsonProperty("min_shipments") Long minShipments) {
            return new Weights(speed == null ? DEFAULT.speed : speed, reliability == null ? DEFAULT.reliability : reliability,
                    cost == null ? DEFAULT.cost : cost, minShipments == null ? DEFAULT.minShipments : minShipments);
        }

        public Weights {
            if (!(speed >= 0 && reliability >= 0 && cost >= 0) || !(speed + reliability + cost > 0)
                    || Double.isInfinite(speed + reliability + cost)) {
                throw new IllegalArgumentException("lane ranking weights must be finite, ≥ 0 and not all 0, got speed "
                        + speed + ", reliability " + reliability + ", cost " + cost);
            }
            if (minShipments < 1) {
                throw new IllegalArgumentException("lane ranking min_shipments must be ≥ 1, got " + minShipments);
            }
        }
    }

    /** One lane's window figures, as {@link LaneStats} computed them. */
    public record Lane(String carrier, String service, long shipments, long delivered, long returned, long lost,
                       Double leadTimeP50, Double onTimeRate, Double costPerKg) {
    }

    /** A lane with its scores; scores and rank are null for a lane that is not ranked. */
    public record Ranked(Lane lane, Integer rank, Double score, Double speedScore, Double reliabilityScore,
                         Double costScore, String status) {
    }

    private LaneRanking() {
    }

    /** The lanes of one destination, ranked ones first in rank order, then the others by carrier and service. */
    public static List<Ranked> rank(List<Lane> lanes, Weights w) {
        List<Lane> eligible = lanes.stream().filter(l -> unrankedReason(l, w) == null).toList();
        Double bestSpeed = best(eligible.stream().map(Lane::leadTimeP50).toList());
        Double bestCost = best(eligible.stream().map(Lane::costPerKg).toList());
        List<Ranked> scored = new ArrayList<>();
        List<Ranked> unranked = new ArrayList<>();
        for (Lane l : lanes) {
            String reason = unrankedReason(l, w);
            if (reason != null) {
                unranked.add(new Ranked(l, null, null, null, null, null, reason));
                continue;
            }
            List<String> missing = new ArrayList<>();
            double speed = l.leadTimeP50() == null ? 0 : relative(bestSpeed, l.leadTimeP50());
            double reliability = reliability(l, missing);
            Double cost = relative(bestCost, l.costPerKg());
            if (cost == null) {
                missing.add(Codes.NO_COST_PER_KG);
            }
            double weighted = w.speed() * speed + w.reliability() * reliability;
            double weights = w.speed() + w.reliability();
            if (cost != null) {
                weighted += w.cost() * cost;
                weights += w.cost();
            }
            // weights of speed and reliability alone may be 0 (cost-only ranking) while the lane has no cost
            Double score = weights > 0 ? weighted / weights : null;
            Ranked r = new Ranked(l, null, score, speed, reliability, cost, missing.isEmpty() ? null : String.join(Codes.STATUS_SEPARATOR, missing));
            (score == null ? unranked : scored).add(r);
        }
        scored.sort(Comparator.comparing((Ranked r) -> -r.score())
                .thenComparing(r -> -r.lane().shipments())
                .thenComparing(r -> r.lane().carrier())
                .thenComparing(r -> r.lane().service()));
        unranked.sort(Comparator.comparing((Ranked r) -> r.lane().carrier()).thenComparing(r -> r.lane().service()));
        List<Ranked> out = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            Ranked r = scored.get(i);
            out.add(new Ranked(r.lane(), i + 1, r.score(), r.speedScore(), r.reliabilityScore(), r.costScore(), r.status()));
        }
        out.addAll(unranked);
        return out;
    }

    /** Why a lane is not ranked, or null. */
    private static String unrankedReason(Lane l, Weights w) {
        if (l.shipments() < w.minShipments()) {
            return Codes.TOO_FEW_SHIPMENTS;
        }
        return l.delivered() + l.returned() + l.lost() == 0 ? Codes.NO_COMPLETED_SHIPMENTS : null;
    }

    private static double reliability(Lane l, List<String> missing) {
        double completion = (double) l.delivered() / (l.delivered() + l.returned() + l.lost());
        if (l.onTimeRate() == null) {
            if (l.delivered() > 0) {
                missing.add(Codes.NO_PROMISED_DATES);
            }
            return completion;
        }
        return completion * l.onTimeRate();
    }

    /** The smallest known value, or null. */
    private static Double best(List<Double> values) {
        return values.stream().filter(v -> v != null).min(Double::compare).orElse(null);
    }

    /** best ÷ value; 1 or 0 when the best is 0; null when the lane has no value. */
    static Double relative(Double best, Double value) {
        if (value == null || best == null) {
            return null;
        }
        if (best == 0) {
            return value == 0 ? 1.0 : 0.0;
        }
        return best / value;
    }
}
