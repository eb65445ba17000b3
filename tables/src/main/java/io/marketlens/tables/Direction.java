package io.marketlens.tables;

/** The direction of a level shift (column {@code direction} of {@code change_points}). */
public enum Direction implements Code.Named {
    UP, DOWN;

    @Override
    public String family() {
        return Columns.DIRECTION;
    }
}
