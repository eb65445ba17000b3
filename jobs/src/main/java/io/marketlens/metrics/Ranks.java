package io.marketlens.metrics;

/** How the tables rank sellers, brands and products by revenue. */
public final class Ranks {

    private Ranks() {
    }

    /**
     * Revenue as a rank compares it: rounded to a millionth of the currency unit, so that sums equal in decimals tie
     * (54.9 + 64.9 and 59.9 + 59.9 differ in binary floating point) and the tie-break by key decides.
     */
    public static double revenueKey(double revenue) {
        return Math.rint(revenue * 1e6);
    }
}
