package io.marketlens.metrics.pricing;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.StringJoiner;

/**
 * The price edges e0 &lt; e1 &lt; … &lt; ek of k price bands for T/CCPITCSC 111-2022 Table 1, 1.1.4
 * 最佳价格波段 (SPEC M9): configured, "nice" equal-width, or quantile edges.
 *
 * <p>Band i covers [e_i, e_{i+1}); the last band also includes its upper edge. Prices below e0 fall into
 * the first band and prices above ek into the last, so every unit sold lands in exactly one band: the
 * edges are set from the bulk of the prices (the 1st–99th percentile for {@link #nice}), and the tails
 * join the end bands rather than being dropped or getting bands of their own.
 */
public final class BandEdges implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The fewest and most bands {@link #nice} aims for, and the count it prefers between them. */
    public static final int MIN_NICE_BANDS = 5;
    public static final int MAX_NICE_BANDS = 12;
    public static final int PREFERRED_NICE_BANDS = 8;

    /**
     * p1 and p99 closer than this fraction of p99 are one price: the difference is percentile or
     * floating-point noise, and steps that fine would not survive conversion to double.
     */
    static final double SAME_PRICE = 1e-9;

    private static final int[] MANTISSAS = {1, 2, 5};
    private static final MathContext LABEL_DIGITS = new MathContext(6, RoundingMode.HALF_EVEN);

    private final double[] edges;

    private BandEdges(double[] edges) {
        this.edges = edges;
    }

    /**
     * Edges from the configuration: at least two, finite, not negative and strictly increasing.
     *
     * @throws IllegalArgumentException saying which edge is wrong and how to write the list
     */
    public static BandEdges configured(double... edges) {
        String fix = "; write the price band edges once each, ascending, e.g. [0, 10, 20, 50]";
        if (edges == null || edges.length < 2) {
            throw new IllegalArgumentException("price bands need at least two edges, got "
                    + (edges == null ? "none" : Arrays.toString(edges)) + fix);
        }
        for (int i = 0; i < edges.length; i++) {
            if (!Double.isFinite(edges[i]) || edges[i] < 0) {
                throw new IllegalArgumentException("price band edge " + i + " is " + edges[i]
                        + "; edges are prices, finite and not negative" + fix);
            }
            if (i > 0 && edges[i] <= edges[i - 1]) {
                throw new IllegalArgumentException("price band edge " + i + " (" + edges[i]
                        + ") is not greater than edge " + (i - 1) + " (" + edges[i - 1] + ")" + fix);
            }
        }
        return new BandEdges(edges.clone());
    }

    /**
     * Equal-width bands with a 1-2-5 × 10^k step over [p1, p99], the 1st and 99th percentiles of price.
     *
     * <p>For a step s the bands run from floor(p1/s)·s to ceil(p99/s)·s. Among the 1-2-5 steps whose band
     * count lies in 5–12, the one whose count is closest to 8 wins; on a tie (e.g. 6 and 10 bands) the
     * larger step, since wider bands hold more listings each. Arithmetic is decimal ({@link BigDecimal} on
     * the shortest representation of p1 and p99), so edges are exact multiples of the step: 0.6, not
     * 0.6000000000000001.
     *
     * <p>Some step always gives 5–12 bands when p1 &lt; p99: let s be the smallest step with at most 12
     * bands and s' the step before it (s/2 or s/2.5). s' gives ≥ 13 bands, and n bands of width s' span
     * less than the range plus 2·s', so range &gt; 11·s' ≥ 4.4·s, hence ≥ 5 bands with s.
     *
     * <p>When p1 and p99 are the same price (within {@value #SAME_PRICE} of p99) there is one band: the
     * power of ten at or below p99 is the step, e.g. 19.99 → [10, 20], 0 → [0, 1].
     *
     * @throws IllegalArgumentException when p1 or p99 is negative or not finite, or p1 &gt; p99
     */
    public static BandEdges nice(double p1, double p99) {
        if (!Double.isFinite(p1) || !Double.isFinite(p99) || p1 < 0 || p1 > p99) {
            throw new IllegalArgumentException("nice price bands need 0 ≤ p1 ≤ p99 (finite), got p1 = " + p1
                    + ", p99 = " + p99);
        }
        BigDecimal lo = BigDecimal.valueOf(p1);
        BigDecimal hi = BigDecimal.valueOf(p99);
        BigDecimal range = hi.subtract(lo);
        if (p99 - p1 <= SAME_PRICE * p99) {
            BigDecimal step = p99 == 0 ? BigDecimal.ONE : BigDecimal.ONE.scaleByPowerOfTen(floorLog10(hi));
            BigDecimal first = floorTo(lo, step);
            return fromDecimal(first, step, 1);
        }
        // Steps with 5–12 bands lie in [range/12, range/3), within these four decades.
        int decade = floorLog10(range);
        BigDecimal bestStep = null;
        BigDecimal bestFirst = null;
        long bestCount = 0;
        for (int exponent = decade - 2; exponent <= decade + 1; exponent++) {
            for (int mantissa : MANTISSAS) {
                BigDecimal step = BigDecimal.valueOf(mantissa).scaleByPowerOfTen(exponent);
                BigDecimal first = floorTo(lo, step);
                BigDecimal last = hi.divide(step, 0, RoundingMode.CEILING).multiply(step);
                long count = last.subtract(first).divide(step).longValueExact();
                if (count < MIN_NICE_BANDS || count > MAX_NICE_BANDS) {
                    continue;
                }
                // Steps grow through the loop, so "≤" lets the larger step win a tie.
                if (bestStep == null || Math.abs(count - PREFERRED_NICE_BANDS)
                        <= Math.abs(bestCount - PREFERRED_NICE_BANDS)) {
                    bestStep = step;
                    bestFirst = first;
                    bestCount = count;
                }
            }
        }
        if (bestStep == null) {
            // Unreachable by the argument above; a clear failure beats silently wrong bands.
            throw new IllegalStateException("no 1-2-5 step gives 5–12 bands for p1 = " + p1 + ", p99 = " + p99);
        }
        return fromDecimal(bestFirst, bestStep, (int) bestCount);
    }

    /**
     * Edges at the j/bands quantiles (j = 0 … bands; linear interpolation between order statistics) of
     * prices sorted ascending, so each band holds about the same number of prices. Equal edges, from
     * repeated prices, are merged, so there may be fewer bands than asked. When all prices are equal the
     * result is the single band of {@link #nice nice(p, p)}.
     *
     * @throws IllegalArgumentException for no prices, unsorted, negative or non-finite prices, or bands &lt; 1
     */
    public static BandEdges quantiles(double[] sortedPrices, int bands) {
        if (bands < 1) {
            throw new IllegalArgumentException("quantile price bands need at least 1 band, got " + bands);
        }
        if (sortedPrices == null || sortedPrices.length == 0) {
            throw new IllegalArgumentException("quantile price bands need at least one price");
        }
        for (int i = 0; i < sortedPrices.length; i++) {
            double p = sortedPrices[i];
            if (!Double.isFinite(p) || p < 0) {
                throw new IllegalArgumentException("price " + i + " is " + p + "; prices must be finite and ≥ 0");
            }
            if (i > 0 && p < sortedPrices[i - 1]) {
                throw new IllegalArgumentException("prices must be sorted ascending, but price " + i + " (" + p
                        + ") is below price " + (i - 1) + " (" + sortedPrices[i - 1] + ")");
            }
        }
        long last = sortedPrices.length - 1L;
        double[] edges = new double[bands + 1];
        int kept = 0;
        for (int j = 0; j <= bands; j++) {
            // Integer position and remainder keep h = last·j/bands exact.
            long scaled = last * j;
            int below = (int) (scaled / bands);
            double fraction = (double) (scaled % bands) / bands;
            double q = fraction == 0 ? sortedPrices[below]
                    : sortedPrices[below] + fraction * (sortedPrices[below + 1] - sortedPrices[below]);
            if (kept == 0 || q > edges[kept - 1]) {
                edges[kept++] = q;
            }
        }
        if (kept < 2) {
            return nice(sortedPrices[0], sortedPrices[0]);
        }
        return new BandEdges(Arrays.copyOf(edges, kept));
    }

    /** The number of bands, k. */
    public int count() {
        return edges.length - 1;
    }

    /** The lower edge of band {@code band}, e_band. */
    public double low(int band) {
        checkBand(band);
        return edges[band];
    }

    /** The upper edge of band {@code band}, e_{band+1}. */
    public double high(int band) {
        checkBand(band);
        return edges[band + 1];
    }

    /** A copy of the edges e0 … ek. */
    public double[] edges() {
        return edges.clone();
    }

    /** The band of a price: [e_i, e_{i+1}), the last band closed; prices outside the edges join the end bands. */
    public int bandOf(double price) {
        if (Double.isNaN(price)) {
            throw new IllegalArgumentException("a price of NaN has no band");
        }
        int found = Arrays.binarySearch(edges, price);
        int band = found >= 0 ? found : -found - 2;
        return Math.max(0, Math.min(count() - 1, band));
    }

    /** A label such as "10–20", the edges to six significant digits. */
    public String label(int band) {
        return format(low(band)) + "–" + format(high(band));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BandEdges other && Arrays.equals(edges, other.edges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(edges);
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "BandEdges[", "]");
        for (double e : edges) {
            j.add(format(e));
        }
        return j.toString();
    }

    private void checkBand(int band) {
        if (band < 0 || band >= count()) {
            throw new IndexOutOfBoundsException("band " + band + " of " + count());
        }
    }

    private static BandEdges fromDecimal(BigDecimal first, BigDecimal step, int bands) {
        double[] edges = new double[bands + 1];
        for (int i = 0; i <= bands; i++) {
            edges[i] = first.add(step.multiply(BigDecimal.valueOf(i))).doubleValue();
        }
        return new BandEdges(edges);
    }

    private static BigDecimal floorTo(BigDecimal value, BigDecimal step) {
        return value.divide(step, 0, RoundingMode.FLOOR).multiply(step);
    }

    /** floor(log10(x)) for x &gt; 0, exactly: x = unscaled · 10^-scale with unscaled of {@code precision} digits. */
    private static int floorLog10(BigDecimal x) {
        return x.precision() - x.scale() - 1;
    }

    private static String format(double edge) {
        return BigDecimal.valueOf(edge).round(LABEL_DIGITS).stripTrailingZeros().toPlainString();
    }
}
