package io.marketlens.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random source used by the generator.
 *
 * <p>Wraps {@link SplittableRandom} (whose algorithm is fully specified, so a seed gives the same
 * sequence on every JVM) and only uses {@link StrictMath} for transcendental functions, so that the
 * same seed produces byte-identical files on every platform.
 */
final class Rng {
    private static final char[] ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private final SplittableRandom random;
    private double spareGaussian;
    private boolean hasSpare;

    Rng(long seed) {
        this(new SplittableRandom(seed));
    }

    private Rng(SplittableRandom random) {
        this.random = random;
    }

    /** An independent stream; calling order matters, so split in a fixed order. */
    Rng split() {
        return new Rng(random.split());
    }

    double uniform() {
        return random.nextDouble();
    }

    double uniform(double from, double to) {
        return from + (to - from) * random.nextDouble();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Uniform in [from, to] inclusive. */
    int between(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    long nextLong(long bound) {
        return random.nextLong(bound);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** Standard normal via Box-Muller with StrictMath (platform independent). */
    double gaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u1;
        do {
            u1 = random.nextDouble();
        } while (u1 <= 1e-300);
        double u2 = random.nextDouble();
        double radius = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        double angle = 2.0 * StrictMath.PI * u2;
        spareGaussian = radius * StrictMath.sin(angle);
        hasSpare = true;
        return radius * StrictMath.cos(angle);
    }

    double logNormal(double median, double sigma) {
        return median * StrictMath.exp(sigma * gaussian());
    }

    int poisson(double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda < 30) {
            double limit = StrictMath.exp(-lambda);
            double product = random.nextDouble();
            int n = 0;
            while (product > limit) {
                product *= random.nextDouble();
                n++;
            }
            return n;
        }
        long n = Math.round(lambda + StrictMath.sqrt(lambda) * gaussian());
        return (int) Math.max(0, n);
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    <T> T pick(T[] items) {
        return items[random.nextInt(items.length)];
    }

    /** Index drawn with probability proportional to {@code weights[i]}. */
    int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    String alnum(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ALNUM[random.nextInt(ALNUM.length)]);
        }
        return sb.toString();
    }
}
