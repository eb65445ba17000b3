package io.marketlens.metrics.concentration;

import io.marketlens.metrics.Label;

/**
 * The HHI tiers of the US merger guidelines, for the {@code doj2023_class} and {@code doj2010_class}
 * columns (T/CCPITCSC 111-2022 Table 1, 1.1.4 market concentration). Both editions share the three
 * names and differ only in their thresholds, hence one enum with two classifiers.
 */
public enum HhiClass implements ConcentrationClass {
    UNCONCENTRATED("unconcentrated", "unconcentrated", "非集中"),
    MODERATELY_CONCENTRATED("moderately_concentrated", "moderately concentrated", "中度集中"),
    HIGHLY_CONCENTRATED("highly_concentrated", "highly concentrated", "高度集中");

    private final Label label;

    HhiClass(String code, String labelEn, String labelZh) {
        this.label = new Label(code, labelEn, labelZh);
    }

    @Override
    public Label label() {
        return label;
    }

    /**
     * 2023 Merger Guidelines §2.1: highly concentrated above 1800. The moderate tier 1000–1800 and
     * "unconcentrated below 1000" are those of the 1992/1997 guidelines, whose 1800 line 2023 restored.
     * Both boundaries belong to the moderate tier.
     */
    public static HhiClass doj2023(double hhi) {
        double h = Concentration.forClassification(hhi, "HHI");
        if (h > 1800) {
            return HIGHLY_CONCENTRATED;
        }
        return h >= 1000 ? MODERATELY_CONCENTRATED : UNCONCENTRATED;
    }

    /**
     * 2010 Horizontal Merger Guidelines §5.3: unconcentrated below 1500, moderately concentrated from
     * 1500 to 2500 inclusive, highly concentrated above 2500.
     */
    public static HhiClass doj2010(double hhi) {
        double h = Concentration.forClassification(hhi, "HHI");
        if (h > 2500) {
            return HIGHLY_CONCENTRATED;
        }
        return h >= 1500 ? MODERATELY_CONCENTRATED : UNCONCENTRATED;
    }
}
