package io.marketlens.metrics.logistics;

import java.util.Arrays;

/**
 * Exact percentiles with linear interpolation between order statistics — Hyndman &amp; Fan (1996) type 7, the
 * default of R's {@code quantile}, numpy's {@code percentile} and DuckDB's {@code quantile_cont}: for the sorted
 * values x<sub>1</sub> ≤ … ≤ x<sub>n</sub> and p in [0, 1], h = (n − 1)·p and
 * Q(p) = x<sub>⌊h⌋+1</sub> + (h − ⌊h⌋)·(x<sub>⌊h⌋+2</sub> − x<sub>⌊h⌋+1</sub>). Used for the lead times of
 * T/CCPITCSC 111-2022 Table 1, 1.1.9 供应链数据分析 (SPEC M13).
 */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * Q(p) of values already sorted ascending; NaN when there are none.
     *
     * @throws IllegalArgumentException if p is outside [0, 1]
     */
    public static double ofSorted(double[] sorted, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a percentile is a fraction in [0, 1], got " + p);
        }
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) {
            return sorted[n - 1];
        }
        double fraction = h - lo;
        // x_lo + f·(x_hi − x_lo): the form DuckDB and numpy evaluate, so equal inputs give equal doubles
        return fraction == 0 ? sorted[lo] : sorted[lo] + fraction * (sorted[lo + 1] - sorted[lo]);
    }

    /** Q(p) for each p, sorting a copy of {@code values} once; NaN for each when there are none. */
    public static double[] of(double[] values, double... ps) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] out = new double[ps.length];
        for (int i = 0; i < ps.length; i++) {
            out[i] = ofSorted(sorted, ps[i]);
        }
        return out;
    }
}
