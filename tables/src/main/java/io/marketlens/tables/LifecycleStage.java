package io.marketlens.tables;

/** The life-cycle stage of a scope (column {@code stage} of {@code lifecycle}, T/CCPITCSC 111-2022 1.1.3). */
public enum LifecycleStage implements Code {
    INTRODUCTION("introduction"),
    GROWTH("growth"),
    MATURITY("maturity"),
    DECLINE("decline");

    private final String code;

    LifecycleStage(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String family() {
        return Columns.STAGE;
    }
}
