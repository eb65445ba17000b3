package io.marketlens.ingest;

/** How a canonical column is parsed, normalised and range-checked. */
public enum ColumnType {
    /** Free text, trimmed. */
    TEXT,
    /** Identifier-like text, trimmed and lower-cased (platform, status). */
    LOWER,
    /** Code-like text, trimmed and upper-cased (marketplace, country). */
    UPPER,
    /** ISO 4217 code: three letters, upper-cased. */
    CURRENCY,
    /** An instant; date-only values mean midnight in the configured zone. */
    TIMESTAMP,
    /** A calendar date. */
    DATE,
    /** Decimal ≥ 0 (prices, costs); may carry a currency symbol or ISO code ({@code £38,793.82}, {@code 12.99 USD}). */
    MONEY,
    /** Decimal > 0 (FX rates, weights). */
    POSITIVE_DECIMAL,
    /** Whole number > 0 (quantity). */
    POSITIVE_INT,
    /** Whole number ≥ 0 (est_units, review_count). */
    COUNT,
    /** Decimal in [0, 5] (star rating). */
    RATING,
    /**
     * A percentage read as a fraction in [0, 1] (buy-box share): {@code 75.71%} is 0.7571; the percent sign is optional
     * ({@code 75.71} is also 75.71 %), see {@link ValueParser#percent}.
     */
    FRACTION
}
