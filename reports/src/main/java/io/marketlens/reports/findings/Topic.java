package io.marketlens.reports.findings;

import io.marketlens.reports.text.Section;

/**
 * What a finding is about; findings are listed in this order. {@link #section()} is the chapter whose "More findings"
 * list holds the topic's findings that are not on the executive page (none: the data-quality appendix).
 */
public enum Topic {
    MARKET_SIZE(Section.MARKET_SIZE),
    LIFECYCLE(Section.LIFECYCLE),
    NEW_VS_EXISTING(Section.NEW_VS_EXISTING),
    SEASONALITY(Section.SEASONALITY),
    CHANGE_POINTS(Section.POINTS),
    TURNING_POINTS(Section.POINTS),
    FORECAST(Section.FORECAST),
    CONCENTRATION(Section.CONCENTRATION),
    COMPETITION(Section.COMPETITION),
    PRICE_BANDS(Section.PRICE_BANDS),
    HOT_TERMS(Section.HOT_TERMS),
    COMPETITORS(Section.COMPETITORS),
    PRODUCT_SELECTION(Section.PRODUCT_SELECTION),
    PLATFORMS(Section.PLATFORMS),
    LOGISTICS(Section.LOGISTICS),
    DATA_QUALITY(null);

    private final Section section;

    Topic(Section section) {
        this.section = section;
    }

    /** The chapter of the topic's findings; null for data quality (the appendix). */
    public Section section() {
        return section;
    }
}
