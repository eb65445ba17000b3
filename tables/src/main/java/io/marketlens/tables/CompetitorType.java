package io.marketlens.tables;

/**
 * How a seller competes with the own store in a scope (column {@code type} of {@code competitors} and
 * {@code competitor_benchmark}, T/CCPITCSC 111-2022 1.1.5 竞对分析): {@link #EMERGING} first seen in the scope within
 * the last few months and among its fastest share gainers; otherwise {@link #DIRECT}, selling in a price band of the
 * scope where the own store sells, or {@link #INDIRECT}, in the scope's other bands. Empty where the own store has no
 * product in the scope (or no own store is known).
 */
public enum CompetitorType implements Code.Named {
    DIRECT, INDIRECT, EMERGING;

    @Override
    public String family() {
        return Columns.TYPE;
    }
}
