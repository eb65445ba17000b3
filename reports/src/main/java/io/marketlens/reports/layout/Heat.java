package io.marketlens.reports.layout;

import java.awt.Color;

/**
 * The cell colours of a heat table: a value that helps (positive) is tinted green, one that hurts (negative) red,
 * the deeper the further from 0, up to {@value #FULL}. The tints stay light so that the cell's text, which carries the
 * value itself, reads on them in colour and in grey print alike.
 */
public final class Heat {

    /** The size from which a cell takes the deepest tint (two standard deviations for a z-score). */
    public static final double FULL = 2.0;
    /** Green: good for the score. */
    public static final Color GOOD = new Color(0x1A9850);
    /** Red: bad for the score. */
    public static final Color BAD = new Color(0xD73027);
    /** How much of {@link #GOOD} or {@link #BAD} the deepest tint mixes into white. */
    static final double MAX_TINT = 0.45;

    private Heat() {}

    /** The tint of a cell whose value helps by {@code goodness} (e.g. sign · z); null (no tint) when unknown. */
    public static Color of(Double goodness) {
        if (goodness == null || !Double.isFinite(goodness)) {
            return null;
        }
        double t = Math.min(1, Math.abs(goodness) / FULL) * MAX_TINT;
        Color c = goodness >= 0 ? GOOD : BAD;
        return new Color(mix(c.getRed(), t), mix(c.getGreen(), t), mix(c.getBlue(), t));
    }

    private static int mix(int channel, double t) {
        return (int) Math.round(255 + (channel - 255) * t);
    }
}
