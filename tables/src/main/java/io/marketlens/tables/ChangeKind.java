package io.marketlens.tables;

/**
 * What changed at a change point (column {@code kind} of {@code change_points}): the level jumped, or the trend
 * (growth per month) broke without a jump.
 */
public enum ChangeKind implements Code.Named {
    LEVEL_SHIFT, TREND_BREAK;

    @Override
    public String family() {
        return Columns.KIND;
    }
}
