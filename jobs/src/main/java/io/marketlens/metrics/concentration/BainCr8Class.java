package io.marketlens.metrics.concentration;

import io.marketlens.metrics.Label;

/**
 * Market types by the eight-firm ratio CR8, for the {@code bain_cr8_class} column
 * (T/CCPITCSC 111-2022 Table 1, 1.1.4 行业集中率). Each lower bound belongs to its own class.
 */
public enum BainCr8Class implements ConcentrationClass {
    /** CR8 ≥ 70 %. */
    VERY_HIGH_OLIGOPOLY("very_high_oligopoly", "very highly concentrated oligopoly", "极高寡占型"),
    /** 40 % ≤ CR8 < 70 %. */
    LOW_CONCENTRATION_OLIGOPOLY("low_concentration_oligopoly", "low-concentration oligopoly", "低集中寡占型"),
    /** 20 % ≤ CR8 < 40 %. */
    LOW_CONCENTRATION_COMPETITIVE("low_concentration_competitive", "low-concentration competitive", "低集中竞争型"),
    /** CR8 < 20 %. */
    FRAGMENTED("fragmented", "fragmented competitive", "分散竞争型");

    private final Label label;

    BainCr8Class(String code, String labelEn, String labelZh) {
        this.label = new Label(code, labelEn, labelZh);
    }

    @Override
    public Label label() {
        return label;
    }

    /** The class of a CR8 in percent (0–100). */
    public static BainCr8Class of(double cr8) {
        double c = Concentration.forClassification(cr8, "CR8");
        if (c >= 70) {
            return VERY_HIGH_OLIGOPOLY;
        }
        if (c >= 40) {
            return LOW_CONCENTRATION_OLIGOPOLY;
        }
        return c >= 20 ? LOW_CONCENTRATION_COMPETITIVE : FRAGMENTED;
    }
}
