package io.marketlens.tables;

/**
 * The codes the tables carry in their {@code status}, {@code model}, {@code entity} and hot-terms {@code kind} columns
 * and in the concentration classes, each written here once. A row's {@code status} lists, separated by {@code ;}, why
 * some of its figures are empty (null when every figure is computed). The report finds words for a code under
 * {@link Code#labelKey(String, String) label.&lt;family&gt;.&lt;code&gt;}.
 */
public final class Codes {

    // label families that are not a column name
    /** The family of both DOJ class columns, which name their tiers alike. */
    public static final String HHI_CLASS = "hhi_class";

    /** Between the codes of a status that gives several reasons. */
    public static final String STATUS_SEPARATOR = ";";

    // status: why figures are empty
    /** Too few months for the figure (a yoy needs 13, a seasonal index 24, …). */
    public static final String INSUFFICIENT_HISTORY = "insufficient_history";
    /** Too few orders (or listings) a month to read a trend from: no seasons, turning or change points. */
    public static final String LOW_VOLUME = "low_volume";
    /** Where a run's manifest holds the orders a month below which a month is thin, and its default. */
    public static final java.util.List<String> MIN_ORDERS_PER_MONTH_KEY = java.util.List.of("metrics", "min_orders_per_month");
    public static final int DEFAULT_MIN_ORDERS_PER_MONTH = 10;
    /** No own store is known: several sellers in the sales files and no {@code own_seller_ids} in the config. */
    public static final String NO_OWN_STORE = "no_own_store";
    /** The own store sells nothing in the scope: no competitor type, no price index. */
    public static final String NO_OWN_PRODUCTS = "no_own_products";
    /** No revenue in the previous period of the same length: no growth rate. */
    public static final String NO_PREVIOUS_SALES = "no_previous_sales";
    /** The scope or period has no revenue. */
    public static final String NO_SALES = "no_sales";
    /** Sales this year, none in the same months of the year before: no growth rate. */
    public static final String NO_PRIOR_YEAR_SALES = "no_prior_year_sales";
    /** No row of the scope names a brand: no brand concentration. */
    public static final String NO_BRAND = "no_brand";
    /** No competition-intensity component could be computed. */
    public static final String NO_COMPONENTS = "no_components";
    /** Every month of the history has the same value: no forecast error to scale by. */
    public static final String CONSTANT_HISTORY = "constant_history";
    /** A lane with no delivered shipment: no lead time, no on-time rate. */
    public static final String NO_DELIVERED_SHIPMENTS = "no_delivered_shipments";
    /** Deliveries without promised dates: no on-time rate. */
    public static final String NO_PROMISED_DATES = "no_promised_dates";
    /** No shipment with a cost: no cost per shipment, per kg or share. */
    public static final String NO_COSTS = "no_costs";
    /** Costs without weights: no cost per kg. */
    public static final String NO_WEIGHTS = "no_weights";
    /** Costs whose orders have no revenue: no cost share. */
    public static final String NO_ORDER_REVENUE = "no_order_revenue";
    /** The own store's orders have no shipment in the scope and period: no own lead time, on-time rate or lanes. */
    public static final String NO_OWN_SHIPMENTS = "no_own_shipments";
    /** A lane below the ranking's minimum shipments. */
    public static final String TOO_FEW_SHIPMENTS = "too_few_shipments";
    /** A lane with no delivered, returned or lost shipment: no reliability to score. */
    public static final String NO_COMPLETED_SHIPMENTS = "no_completed_shipments";
    /** A lane without a cost per kg: no cost score. */
    public static final String NO_COST_PER_KG = "no_cost_per_kg";
    /**
     * The marketplace's destination country is not known (its code is not an ISO 3166-1 country and the config's
     * {@code metrics.platform_comparison.destinations} does not name one): no lead time, on-time rate or shipments.
     */
    public static final String NO_DESTINATION = "no_destination";
    /**
     * No shipment to the marketplace's destination country in the window (shipments of any platform: the logistics
     * export names no platform): no lead time or on-time rate.
     */
    public static final String NO_SHIPMENTS = "no_shipments";

    // model: the forecast model chosen
    public static final String HOLT_WINTERS_DAMPED_MULTIPLICATIVE = "holt_winters_damped_multiplicative";
    public static final String HOLT_WINTERS_DAMPED_ADDITIVE = "holt_winters_damped_additive";
    public static final String HOLT_DAMPED = "holt_damped";
    public static final String MEAN = "mean";
    public static final String ZERO = "zero";

    // entity: whose shares concentration measures
    public static final String SELLER = "seller";
    public static final String BRAND = "brand";
    public static final String PRODUCT = "product";

    // hot-terms kind: where a term was found
    public static final String TITLE = "title";
    public static final String ATTRIBUTE = "attribute";

    // the HHI classes of both DOJ scales
    public static final String HIGHLY_CONCENTRATED = "highly_concentrated";
    public static final String MODERATELY_CONCENTRATED = "moderately_concentrated";
    public static final String UNCONCENTRATED = "unconcentrated";

    private Codes() {
    }
}
