package io.marketlens.reports.findings;

/** What a key finding is about; the key findings are listed in this order. */
public enum Topic {
    MARKET_SIZE,
    LIFECYCLE,
    NEW_VS_EXISTING,
    SEASONALITY,
    CHANGE_POINTS,
    TURNING_POINTS,
    FORECAST,
    CONCENTRATION,
    COMPETITION,
    PRICE_BANDS,
    HOT_TERMS,
    COMPETITORS,
    PRODUCT_SELECTION,
    PLATFORMS,
    LOGISTICS,
    DATA_QUALITY
}
