package io.marketlens.metrics.logistics;

import java.util.Arrays;

/**
 * The sum of doubles rounded once, to the nearest double (ties to even): the value of the exact sum of every value added,
 * whatever order they are added in. Shewchuk's non-overlapping partials ("Adaptive Precision Floating-Point Arithmetic
 * and Fast Robust Geometric Predicates", 1997) with the final rounding of Python's {@code math.fsum}, which uses the
 * same algorithm: e.g. ten times 0.1 sums to exactly 1.0, where adding them one after the other gives
 * 0.9999999999999999. A lane's figures use it so that they do not depend on the order in which its shipments arrive,
 * and so need no sort. Finite values only (costs, weights, lead times); an infinite or NaN value makes the sum NaN.
 */
public final class ExactSum {

    /** Non-overlapping partials, smallest magnitude first; their exact sum is the exact sum of the values added. */
    private double[] partials = new double[4];
    private int size;
    private boolean invalid;

    /** Adds {@code value} exactly. */
    public void add(double value) {
        if (!Double.isFinite(value)) {
            invalid = true;
            return;
        }
        double x = value;
        int i = 0;
        for (int j = 0; j < size; j++) {
            double y = partials[j];
            if (Math.abs(x) < Math.abs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0.0) {
                partials[i++] = lo;
            }
            x = hi;
        }
        if (x != 0.0) {
            if (i == partials.length) {
                partials = Arrays.copyOf(partials, partials.length * 2);
            }
            partials[i++] = x;
        }
        size = i;
        if (Double.isInfinite(x)) {
            invalid = true; // the sum of finite values overflowed
        }
    }

    /** The exact sum of the values added, rounded to the nearest double; 0 when none were added. */
    public double value() {
        if (invalid) {
            return Double.NaN;
        }
        int n = size;
        double hi = 0.0;
        if (n > 0) {
            hi = partials[--n];
            double lo = 0.0;
            // add the partials from the top, stopping where the rest no longer changes the rounded value
            while (n > 0) {
                double x = hi;
                double y = partials[--n];
                hi = x + y;
                double yr = hi - x;
                lo = y - yr;
                if (lo != 0.0) {
                    break;
                }
            }
            // a remainder exactly half an ulp: the partials below it decide which way it rounds
            if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
                double y = lo * 2.0;
                double x = hi + y;
                double yr = x - hi;
                if (y == yr) {
                    hi = x;
                }
            }
        }
        return hi;
    }
}
