package io.marketlens.tables;

/** The life-cycle stage of a scope (column {@code stage} of {@code lifecycle}, T/CCPITCSC 111-2022 1.1.3). */
public enum LifecycleStage implements Code.Named {
    INTRODUCTION, GROWTH, MATURITY, DECLINE;

    @Override
    public String family() {
        return Columns.STAGE;
    }
}
