package io.marketlens.metrics.concentration;

import io.marketlens.tables.ClassScale;
import java.util.Arrays;

/**
 * Concentration ratios CR4, CR8, CR10 and the Herfindahl–Hirschman index of one scope and period
 * (T/CCPITCSC 111-2022 Table 1, 1.1.4 市场集中度 / 行业集中率), from the values (revenue or units) of
 * its entities. Pure Java: the Spark adapter either collects a scope's small list of per-entity values
 * for {@link #of(double[])}, or computes the sufficient statistics in one aggregation for
 * {@link #fromSums}; both give identical results because {@code of} goes through {@code fromSums}.
 *
 * <p>Conventions:
 * <ul>
 *   <li>An entity's share is its value over the scope's total. Entities with value 0 have share 0 and
 *       are not counted in {@code entities}: a listed seller without sales is not a market participant,
 *       and it would not change CR_n or HHI anyway.</li>
 *   <li>CR_n = 100 · (sum of the n largest values) / total, in percent; with n or fewer entities it is
 *       exactly 100.</li>
 *   <li>HHI = Σ (100·s_i)², computed as 10 000 · Σv² / (Σv)² so that no per-entity share is rounded
 *       before squaring; one entity gives exactly 10 000.</li>
 *   <li>Reported values are rounded to 1e-6 and the classes are decided on those rounded values, so the
 *       class always agrees with the printed number. Binary floating point computes shares 0.3, 0.3, 0.2,
 *       0.2 as HHI 2600.0000000000005, and would push a market sitting exactly on a boundary such as
 *       1800 to the wrong side; rounding error is far below 1e-6, real differences far above it.</li>
 *   <li>A total of 0 is {@link ConcentrationMetrics#noSales()}, not an exception. Negative or non-finite
 *       inputs are a bug in the caller and throw {@link IllegalArgumentException}.</li>
 * </ul>
 */
public final class Concentration {

    /** Relative slack allowed between sums that the caller computed separately, e.g. top10 ≤ total. */
    private static final double SUM_TOLERANCE = 1e-9;

    private Concentration() {
    }

    /** Metrics of the entities' values, in any order; zeros are allowed and ignored. */
    public static ConcentrationMetrics of(double[] values) {
        double[] descending = checked(values).clone();
        Arrays.sort(descending);
        reverse(descending);
        long entities = 0;
        double total = 0;
        double sumOfSquares = 0;
        double top4 = 0;
        double top8 = 0;
        double top10 = 0;
        for (int i = 0; i < descending.length && descending[i] > 0; i++) {
            double v = descending[i];
            entities++;
            // top_n and total add the same values in the same order, so top4 ≤ top8 ≤ top10 ≤ total exactly.
            total += v;
            sumOfSquares += v * v;
            if (i < 4) {
                top4 = total;
            }
            if (i < 8) {
                top8 = total;
            }
            if (i < 10) {
                top10 = total;
            }
        }
        return fromSums(entities, total, sumOfSquares, top4, top8, top10);
    }

    /**
     * Metrics from sufficient statistics over the entities with a value above 0 (a sum over fewer than
     * n entities is simply the total).
     *
     * @param entities     how many entities have a value above 0
     * @param total        Σ v
     * @param sumOfSquares Σ v²
     * @param top4         the sum of the 4 largest values
     * @param top8         the sum of the 8 largest values
     * @param top10        the sum of the 10 largest values
     */
    public static ConcentrationMetrics fromSums(long entities, double total, double sumOfSquares,
                                                double top4, double top8, double top10) {
        requireNonNegative(total, "total");
        requireNonNegative(sumOfSquares, "sumOfSquares");
        requireNonNegative(top4, "top4");
        requireNonNegative(top8, "top8");
        requireNonNegative(top10, "top10");
        if (entities < 0) {
            throw new IllegalArgumentException("entities must be ≥ 0, got " + entities);
        }
        if (total == 0 || entities == 0) {
            if (total != 0 || entities != 0) {
                throw new IllegalArgumentException("entities = " + entities + " but total = " + total
                        + "; count only the entities whose value is above 0");
            }
            return ConcentrationMetrics.noSales();
        }
        requireNotAbove(top4, top8, "top4", "top8");
        requireNotAbove(top8, top10, "top8", "top10");
        requireNotAbove(top10, total, "top10", "total");

        double cr4 = ratio(4, entities, top4, total);
        double cr8 = Math.max(cr4, ratio(8, entities, top8, total));
        double cr10 = Math.max(cr8, ratio(10, entities, top10, total));
        double hhi = entities == 1 ? 10_000 : round6(Math.min(10_000, 10_000 * (sumOfSquares / total) / total));
        return new ConcentrationMetrics(ConcentrationMetrics.Status.OK, entities, cr4, cr8, cr10, hhi,
                doj2023(hhi), doj2010(hhi), bainCr4(cr4), bainCr8(cr8));
    }

    /** The HHI's class by the 2023 Merger Guidelines ({@link ClassScale#DOJ_2023}), at 1e-6 as the table writes it. */
    public static ClassScale.Tier doj2023(double hhi) {
        return ClassScale.DOJ_2023.classify(forClassification(hhi, "HHI"));
    }

    /** The HHI's class by the 2010 Horizontal Merger Guidelines ({@link ClassScale#DOJ_2010}). */
    public static ClassScale.Tier doj2010(double hhi) {
        return ClassScale.DOJ_2010.classify(forClassification(hhi, "HHI"));
    }

    /** Bain's market type by CR4 in percent ({@link ClassScale#BAIN_CR4}). */
    public static ClassScale.Tier bainCr4(double cr4) {
        return ClassScale.BAIN_CR4.classify(forClassification(cr4, "CR4"));
    }

    /** The market type by CR8 in percent ({@link ClassScale#BAIN_CR8}). */
    public static ClassScale.Tier bainCr8(double cr8) {
        return ClassScale.BAIN_CR8.classify(forClassification(cr8, "CR8"));
    }

    /**
     * Each value's share of the total, as fractions in [0, 1] in the input's order; all NaN when the
     * total is 0.
     */
    public static double[] shares(double[] values) {
        double[] v = checked(values);
        double total = 0;
        for (double x : v) {
            total += x;
        }
        double[] shares = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            shares[i] = total == 0 ? Double.NaN : v[i] / total;
        }
        return shares;
    }

    /** A value rounded to 1e-6, the grain on which concentration classes are decided. */
    static double round6(double value) {
        // Beyond 1e9 the product would approach long's range; such values are far from any boundary.
        return Math.abs(value) > 1e9 ? value : Math.round(value * 1e6) / 1e6;
    }

    /** The value a classifier compares with its boundaries; NaN has no class. */
    static double forClassification(double value, String what) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException(what + " is NaN; a scope without sales has no class");
        }
        return round6(value);
    }

    private static double ratio(int n, long entities, double topN, double total) {
        return entities <= n ? 100 : round6(Math.min(100, 100 * (topN / total)));
    }

    private static double[] checked(double[] values) {
        if (values == null) {
            throw new IllegalArgumentException("values must not be null; pass an empty array for no entities");
        }
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0) || Double.isInfinite(values[i])) {
                throw new IllegalArgumentException("value " + i + " is " + values[i]
                        + "; concentration needs finite values ≥ 0 (revenue or units per entity)");
            }
        }
        return values;
    }

    private static void requireNonNegative(double value, String name) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and ≥ 0, got " + value);
        }
    }

    private static void requireNotAbove(double smaller, double larger, String smallerName, String largerName) {
        if (smaller > larger * (1 + SUM_TOLERANCE)) {
            throw new IllegalArgumentException(smallerName + " (" + smaller + ") exceeds " + largerName + " ("
                    + larger + "); the sums must come from the same values ranked in descending order");
        }
    }

    private static void reverse(double[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
