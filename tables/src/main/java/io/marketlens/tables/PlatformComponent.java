package io.marketlens.tables;

/**
 * The components of the platform-comparison score (table {@code platform_comparison}, T/CCPITCSC 111-2022 1.2.1 平台选择),
 * in the order of {@link Columns#PLATFORM_COMPONENTS}: the column holding each value (its z-score is
 * {@code <column>_z}), the sign it enters the score with, and its default weight. The four figures of the market's
 * size and openness (revenue, growth, HHI, new-product share) weigh 1 each, as the product-selection score weighs them;
 * the price level, the number of sellers and the three logistics figures weigh half: they qualify a marketplace more
 * than they decide it (ASP overlaps revenue, sellers overlaps HHI, and the logistics figures are missing where no
 * shipments go to the marketplace's country).
 */
public enum PlatformComponent implements ScoreComponent {
    /** Window revenue of the platform × marketplace (+). */
    REVENUE(Columns.REVENUE, 1, 1),
    /** Year-on-year growth of the window (+). */
    GROWTH(Columns.GROWTH, 1, 1),
    /** HHI by seller (−: a concentrated market is held by incumbents). */
    HHI(Columns.HHI, -1, 1),
    /** Average selling price, revenue ÷ units (+: room for margin at the same unit cost). */
    ASP(Columns.ASP, 1, 0.5),
    /** Active sellers (−: more sellers to compete with). */
    SELLERS(Columns.SELLERS, -1, 0.5),
    /** Revenue share of new products (+: newcomers can sell). */
    NEW_PRODUCT_SHARE(Columns.NEW_PRODUCT_SHARE, 1, 1),
    /** Median lead time of the shipments to the marketplace's country (−). */
    LEAD_TIME(Columns.LEAD_TIME_P50, -1, 0.5),
    /** On-time rate of those shipments (+). */
    ON_TIME(Columns.ON_TIME_RATE, 1, 0.5),
    /** Logistics cost as a share of revenue (−). */
    LOGISTICS_COST_SHARE(Columns.LOGISTICS_COST_SHARE, -1, 0.5);

    /** Where a run's manifest holds the weights, keyed by column: {@code metrics.platform_comparison.weights}. */
    public static final java.util.List<String> WEIGHTS_KEY = java.util.List.of("metrics", "platform_comparison", "weights");

    private final String column;
    private final int sign;
    private final double defaultWeight;

    PlatformComponent(String column, int sign, double defaultWeight) {
        this.column = column;
        this.sign = sign;
        this.defaultWeight = defaultWeight;
    }

    @Override
    public String column() {
        return column;
    }

    @Override
    public int sign() {
        return sign;
    }

    @Override
    public double defaultWeight() {
        return defaultWeight;
    }

    /** The component of a column name (a config key). */
    public static PlatformComponent ofColumn(String column) {
        return ScoreComponent.ofColumn(PlatformComponent.class, column, "a platform-comparison component", Columns.PLATFORM_COMPONENTS);
    }
}
