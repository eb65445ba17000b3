package io.marketlens.tables;

/**
 * The components of the product-selection score (table {@code product_selection}, T/CCPITCSC 111-2022 1.1.8 选品分析),
 * in the order of {@link Columns#SELECTION_COMPONENTS}: the column holding each value (its z-score is
 * {@code <column>_z}), the sign it enters the score with, and its default weight. Equal weights for the six market
 * components — the standard lists them without an order, and equal weights are the neutral choice of multi-criteria
 * scoring — and half for the logistics cost share and the seasonal amplitude, which speak of operating risk (freight,
 * stock) more than of the market's opportunity and are missing from many exports.
 */
public enum SelectionComponent implements ScoreComponent {
    /** Window revenue of the category (+). */
    SIZE(Columns.SIZE, 1, 1),
    /** Year-on-year growth of the window (+). */
    GROWTH(Columns.GROWTH, 1, 1),
    /** HHI by seller (−: a concentrated market is held by incumbents). */
    HHI(Columns.HHI, -1, 1),
    /** Revenue share of new products (+: newcomers can sell). */
    NEW_PRODUCT_SHARE(Columns.NEW_PRODUCT_REVENUE_SHARE, 1, 1),
    /** Opportunity of the best price band (+: demand ahead of supply somewhere). */
    BEST_BAND_OPPORTUNITY(Columns.BEST_BAND_OPPORTUNITY, 1, 1),
    /** Mean reviews of the 10 best-selling listings (−: the entry barrier). */
    TOP10_REVIEWS(Columns.TOP10_MEAN_REVIEWS, -1, 1),
    /** Logistics cost as a share of revenue (−). */
    LOGISTICS_COST_SHARE(Columns.LOGISTICS_COST_SHARE, -1, 0.5),
    /** Seasonal amplitude, highest index ÷ lowest (−: stock risk). */
    SEASONALITY_AMPLITUDE(Columns.SEASONALITY_AMPLITUDE, -1, 0.5);

    /** Where a run's manifest holds the weights, keyed by column: {@code metrics.product_selection.weights}. */
    public static final java.util.List<String> WEIGHTS_KEY = java.util.List.of("metrics", "product_selection", "weights");

    private final String column;
    private final int sign;
    private final double defaultWeight;

    SelectionComponent(String column, int sign, double defaultWeight) {
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
    public static SelectionComponent ofColumn(String column) {
        return ScoreComponent.ofColumn(SelectionComponent.class, column, "a product-selection component", Columns.SELECTION_COMPONENTS);
    }
}
