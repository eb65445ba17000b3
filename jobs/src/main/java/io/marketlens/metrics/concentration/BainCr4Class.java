package io.marketlens.metrics.concentration;

import io.marketlens.metrics.Label;

/**
 * Bain's market types by the four-firm ratio CR4, for the {@code bain_cr4_class} column
 * (T/CCPITCSC 111-2022 Table 1, 1.1.4 行业集中率). Each lower bound belongs to its own class.
 */
public enum BainCr4Class implements ConcentrationClass {
    /** CR4 ≥ 75 %. */
    HIGH_OLIGOPOLY("high_oligopoly", "highly concentrated oligopoly", "高度集中寡占型"),
    /** 50 % ≤ CR4 < 75 %. */
    MODERATE_OLIGOPOLY("moderate_oligopoly", "moderately concentrated oligopoly", "中度集中寡占型"),
    /** 25 % ≤ CR4 < 50 %. */
    LOW_OLIGOPOLY("low_oligopoly", "weakly concentrated oligopoly", "低度集中寡占型"),
    /** CR4 < 25 %. */
    ATOMISTIC("atomistic", "atomistic (competitive)", "原子型（竞争型）");

    private final Label label;

    BainCr4Class(String code, String labelEn, String labelZh) {
        this.label = new Label(code, labelEn, labelZh);
    }

    @Override
    public Label label() {
        return label;
    }

    /** The class of a CR4 in percent (0–100). */
    public static BainCr4Class of(double cr4) {
        double c = Concentration.forClassification(cr4, "CR4");
        if (c >= 75) {
            return HIGH_OLIGOPOLY;
        }
        if (c >= 50) {
            return MODERATE_OLIGOPOLY;
        }
        return c >= 25 ? LOW_OLIGOPOLY : ATOMISTIC;
    }
}
