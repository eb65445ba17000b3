package io.marketlens.metrics.selection;

import io.marketlens.tables.ScoreComponent;
import io.marketlens.tables.SelectionComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The z-scored ranking of T/CCPITCSC 111-2022 Table 1, 1.1.8 选品分析 (SPEC M12: which categories to sell next) and
 * 1.2.1 平台选择 (M14: which platform and marketplace): candidates ranked by components that are each standardised
 * across the candidates, and how robust that ranking is. The components are an enum implementing
 * {@link ScoreComponent} ({@link SelectionComponent}, {@link io.marketlens.tables.PlatformComponent}).
 *
 * <p><b>z-scores.</b> For each component c, over the candidates where it is known,
 * {@code z = (x − mean) / sd} with the population standard deviation (divided by n, as the candidates are the
 * whole set being compared, not a sample); z = 0 for every candidate when sd = 0 (the component does not tell
 * them apart). A component is signed ({@link ScoreComponent#sign()}): a larger market or faster growth adds to the
 * score, a higher HHI or a higher entry barrier takes from it.
 *
 * <p><b>Score.</b> {@code score = Σ w_c · sign_c · z_c / Σ w_c} over the components the candidate has: a missing
 * component is left out and the weights of the others renormalised, as the competition index does. Ranked by
 * score, ties to the candidate id.
 *
 * <p><b>Robustness.</b> {@code rank_stability}: in {@code draws} seeded draws every weight is multiplied by an
 * independent factor uniform in [1 − p, 1 + p] (p = 0.25 by default) and the ranking recomputed; a candidate's
 * stability is the share of draws in which it stays in the band it has with the unperturbed weights — in the top
 * {@code topN} (3) if it is there, outside it if not. A top pick at 0.95 survives almost any reasonable weighting;
 * at 0.55 it is a coin toss between two categories. (Weight sensitivity as in multi-criteria decision analysis:
 * Triantaphyllou &amp; Sánchez 1997, "A sensitivity analysis approach for some deterministic multi-criteria
 * decision-making methods", Decision Sciences 28(1): 151–194; here by Monte Carlo.)
 *
 * <p>Stateless and thread-safe; the same seed gives the same stabilities.
 */
public final class SelectionScore {

    /** Draws of the robustness check. */
    public static final int DEFAULT_DRAWS = 1000;
    /** Relative perturbation of each weight in a draw. */
    public static final double DEFAULT_PERTURBATION = 0.25;
    /** The band whose membership the robustness check counts. */
    public static final int DEFAULT_TOP_N = 3;

    private SelectionScore() {
    }

    /**
     * The default weights, those of {@link SelectionComponent#defaultWeight()}.
     */
    public static final Map<SelectionComponent, Double> DEFAULT_WEIGHTS = defaultWeights(SelectionComponent.class);

    /** Each component's {@link ScoreComponent#defaultWeight()}. */
    public static <C extends Enum<C> & ScoreComponent> Map<C, Double> defaultWeights(Class<C> components) {
        Map<C, Double> w = new EnumMap<>(components);
        for (C c : components.getEnumConstants()) {
            w.put(c, c.defaultWeight());
        }
        return Collections.unmodifiableMap(w);
    }

    /**
     * The configured weights over the defaults: every component has one, each a number ≥ 0 (0 leaves it out), not all
     * 0; {@code what} names the table in the message that refuses them.
     *
     * @throws IllegalArgumentException naming the component whose weight is not a number ≥ 0, or when all are 0
     */
    public static <C extends Enum<C> & ScoreComponent> Map<C, Double> checkedWeights(Class<C> components, Map<C, Double> given,
                                                                                  String what) {
        Map<C, Double> all = new EnumMap<>(defaultWeights(components));
        if (given != null) {
            all.putAll(given);
        }
        double sum = 0;
        for (Map.Entry<C, Double> e : all.entrySet()) {
            double w = e.getValue() == null ? Double.NaN : e.getValue();
            if (!(w >= 0 && Double.isFinite(w))) {
                throw new IllegalArgumentException(what + " weight " + e.getKey().column() + " must be a number ≥ 0, got "
                        + e.getValue());
            }
            sum += w;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException(what + " weights are all 0: give at least one component a weight");
        }
        return Collections.unmodifiableMap(all);
    }

    /**
     * A candidate (a category, a platform × marketplace, …) and its component values in the order of the component
     * enum; NaN where a component is not known.
     */
    public record Candidate(String id, double[] values) {

        public Candidate {
            Objects.requireNonNull(id, "id");
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }
    }

    /** A candidate's z-scores (NaN where its component is missing), score, rank (1 = best) and stability. */
    public record Scored(String id, double[] z, double score, int rank, double rankStability) {
    }

    /** The robustness check's settings: draws (≥ 1), perturbation p in [0, 1), band size (≥ 1) and seed. */
    public record Robustness(int draws, double perturbation, int topN, long seed) {

        public static final Robustness DEFAULT = new Robustness(DEFAULT_DRAWS, DEFAULT_PERTURBATION, DEFAULT_TOP_N, 20221111L);

        public Robustness {
            if (draws < 1 || !(perturbation >= 0 && perturbation < 1) || topN < 1) {
                throw new IllegalArgumentException("robustness needs draws ≥ 1, a perturbation in [0, 1) and a band"
                        + " of ≥ 1, got " + draws + ", " + perturbation + ", " + topN);
            }
        }
    }

    /** The z-scores of every candidate, per component (NaN where missing); every candidate has k values. */
    public static double[][] zScores(List<Candidate> candidates, int k) {
        for (Candidate x : candidates) {
            if (x.values.length != k) {
                throw new IllegalArgumentException("candidate " + x.id() + " has " + x.values.length
                        + " component values, expected " + k);
            }
        }
        double[][] z = new double[candidates.size()][k];
        for (int c = 0; c < k; c++) {
            double sum = 0;
            int n = 0;
            for (Candidate x : candidates) {
                double v = x.values[c];
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
            double mean = n == 0 ? 0 : sum / n;
            double squares = 0;
            for (Candidate x : candidates) {
                double v = x.values[c];
                if (!Double.isNaN(v)) {
                    squares += (v - mean) * (v - mean);
                }
            }
            double sd = n == 0 ? 0 : Math.sqrt(squares / n);
            for (int i = 0; i < candidates.size(); i++) {
                double v = candidates.get(i).values[c];
                z[i][c] = Double.isNaN(v) ? Double.NaN : sd == 0 ? 0 : (v - mean) / sd;
            }
        }
        return z;
    }

    /** The weighted, signed mean of a candidate's z-scores over the components it has; NaN when it has none. */
    static double score(double[] z, double[] weights, int[] signs) {
        double sum = 0;
        double weight = 0;
        for (int c = 0; c < z.length; c++) {
            if (!Double.isNaN(z[c]) && weights[c] > 0) {
                sum += weights[c] * signs[c] * z[c];
                weight += weights[c];
            }
        }
        return weight == 0 ? Double.NaN : sum / weight;
    }

    /** The product-selection ranking: {@link #rank(List, Class, Map, Robustness)} over {@link SelectionComponent}. */
    public static List<Scored> rank(List<Candidate> candidates, Map<SelectionComponent, Double> weights, Robustness robustness) {
        return rank(candidates, SelectionComponent.class, weights, robustness);
    }

    /**
     * The scored candidates, best first, each with one value per constant of {@code components}. {@code weights}
     * has one non-negative weight per component (a zero or missing weight leaves the component out).
     */
    public static <C extends Enum<C> & ScoreComponent> List<Scored> rank(List<Candidate> candidates, Class<C> components,
                                                                         Map<C, Double> weights, Robustness robustness) {
        C[] all = components.getEnumConstants();
        double[] w = new double[all.length];
        int[] signs = new int[all.length];
        for (C c : all) {
            double v = weights.getOrDefault(c, 0.0);
            if (!(v >= 0 && Double.isFinite(v))) {
                throw new IllegalArgumentException("weight of " + c.column() + " must be a number ≥ 0, got " + v);
            }
            w[c.ordinal()] = v;
            signs[c.ordinal()] = c.sign();
        }
        double[][] z = zScores(candidates, all.length);
        int[] base = ranks(z, w, signs, candidates);
        int[] kept = new int[candidates.size()];
        SplittableRandom random = new SplittableRandom(robustness.seed());
        double[] drawn = new double[w.length];
        for (int d = 0; d < robustness.draws(); d++) {
            for (int c = 0; c < w.length; c++) {
                drawn[c] = w[c] * (1 + robustness.perturbation() * (2 * random.nextDouble() - 1));
            }
            int[] r = ranks(z, drawn, signs, candidates);
            for (int i = 0; i < r.length; i++) {
                if ((base[i] <= robustness.topN()) == (r[i] <= robustness.topN())) {
                    kept[i]++;
                }
            }
        }
        List<Scored> out = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            out.add(new Scored(candidates.get(i).id(), z[i], score(z[i], w, signs), base[i],
                    (double) kept[i] / robustness.draws()));
        }
        out.sort(Comparator.comparingInt(Scored::rank));
        return out;
    }

    /** Rank (1 = best) of each candidate by score under the weights; a candidate without a score ranks last. */
    private static int[] ranks(double[][] z, double[] w, int[] signs, List<Candidate> candidates) {
        Integer[] order = new Integer[z.length];
        double[] s = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            order[i] = i;
            s[i] = score(z[i], w, signs);
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> Double.isNaN(s[i]) ? Double.POSITIVE_INFINITY : -s[i])
                .thenComparing(i -> candidates.get(i).id()));
        int[] rank = new int[z.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r + 1;
        }
        return rank;
    }
}
