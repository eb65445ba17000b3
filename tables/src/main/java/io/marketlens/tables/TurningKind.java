package io.marketlens.tables;

/** A turning point's kind (column {@code kind} of {@code turning_points}): a peak or a trough of the series. */
public enum TurningKind implements Code {
    PEAK("peak"),
    TROUGH("trough");

    private final String code;

    TurningKind(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String family() {
        return Columns.KIND;
    }
}
