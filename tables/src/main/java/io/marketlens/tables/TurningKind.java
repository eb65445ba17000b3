package io.marketlens.tables;

/** A turning point's kind (column {@code kind} of {@code turning_points}): a peak or a trough of the series. */
public enum TurningKind implements Code.Named {
    PEAK, TROUGH;

    @Override
    public String family() {
        return Columns.KIND;
    }
}
