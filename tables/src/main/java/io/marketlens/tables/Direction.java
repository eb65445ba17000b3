package io.marketlens.tables;

/** The direction of a level shift (column {@code direction} of {@code change_points}). */
public enum Direction implements Code {
    UP("up"),
    DOWN("down");

    private final String code;

    Direction(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String family() {
        return Columns.DIRECTION;
    }
}
