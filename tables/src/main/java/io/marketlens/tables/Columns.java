package io.marketlens.tables;

/**
 * The column names of the published tables (SPEC §6), each written here once: the jobs name the columns they write
 * with these constants and the reports read them with the same constants. {@link Tables} says which table has which
 * columns, in which order and of which type.
 */
public final class Columns {

    public static final String PLATFORM = "platform";
    public static final String MARKETPLACE = "marketplace";
    public static final String CATEGORY = "category";
    public static final String PERIOD = "period";
    public static final String DIRECTION = "direction";
    public static final String LEVEL_BEFORE = "level_before";
    public static final String LEVEL_AFTER = "level_after";
    public static final String CHANGE = "change";
    public static final String SLOPE_BEFORE = "slope_before";
    public static final String SLOPE_AFTER = "slope_after";
    public static final String MONTHS = "months";
    public static final String ROWS = "rows";
    public static final String STATUS = "status";
    public static final String INDEX = "index";
    public static final String SELLERS = "sellers";
    public static final String LISTINGS = "listings";
    public static final String UNITS = "units";
    public static final String LISTINGS_PER_1000_UNITS = "listings_per_1000_units";
    public static final String HHI = "hhi";
    public static final String TOP10_MEAN_REVIEWS = "top10_mean_reviews";
    public static final String NEW_PRODUCTS = "new_products";
    public static final String NEW_PRODUCT_SUCCESS_SHARE = "new_product_success_share";
    public static final String SELLERS_SCORE = "sellers_score";
    public static final String LISTINGS_SCORE = "listings_score";
    public static final String HHI_SCORE = "hhi_score";
    public static final String REVIEWS_SCORE = "reviews_score";
    public static final String NEW_PRODUCT_SUCCESS_SCORE = "new_product_success_score";
    public static final String COMPONENTS_USED = "components_used";
    public static final String ENTITY = "entity";
    public static final String ENTITIES = "entities";
    public static final String CR4 = "cr4";
    public static final String CR8 = "cr8";
    public static final String CR10 = "cr10";
    public static final String DOJ2023_CLASS = "doj2023_class";
    public static final String DOJ2010_CLASS = "doj2010_class";
    public static final String BAIN_CR4_CLASS = "bain_cr4_class";
    public static final String BAIN_CR8_CLASS = "bain_cr8_class";
    public static final String CR4_CHANGE = "cr4_change";
    public static final String CR8_CHANGE = "cr8_change";
    public static final String CR10_CHANGE = "cr10_change";
    public static final String HHI_CHANGE = "hhi_change";
    public static final String UNATTRIBUTED_SHARE = "unattributed_share";
    public static final String RANK = "rank";
    public static final String NAME = "name";
    public static final String REVENUE = "revenue";
    public static final String SHARE = "share";
    public static final String CUMULATIVE_SHARE = "cumulative_share";
    public static final String FORECAST = "forecast";
    public static final String LOWER = "lower";
    public static final String UPPER = "upper";
    public static final String INTERVAL_LEVEL = "interval_level";
    public static final String MODEL = "model";
    public static final String HORIZON_STEP = "horizon_step";
    public static final String SMAPE = "smape";
    public static final String MASE = "mase";
    public static final String BASELINE_SMAPE = "baseline_smape";
    public static final String BASELINE_MASE = "baseline_mase";
    public static final String HOLDOUT = "holdout";
    public static final String TERM = "term";
    public static final String KIND = "kind";
    public static final String WEIGHT = "weight";
    public static final String PREVIOUS_WEIGHT = "previous_weight";
    public static final String GROWTH = "growth";
    public static final String RISER_RANK = "riser_rank";
    public static final String DESTINATION_COUNTRY = "destination_country";
    public static final String CARRIER = "carrier";
    public static final String SERVICE = "service";
    public static final String SCORE = "score";
    public static final String SPEED_SCORE = "speed_score";
    public static final String RELIABILITY_SCORE = "reliability_score";
    public static final String COST_SCORE = "cost_score";
    public static final String LEAD_TIME_P50 = "lead_time_p50";
    public static final String ON_TIME_RATE = "on_time_rate";
    public static final String DELIVERED_RATE = "delivered_rate";
    public static final String COST_PER_KG = "cost_per_kg";
    public static final String SHIPMENTS = "shipments";
    public static final String STAGE = "stage";
    public static final String YOY_GROWTH = "yoy_growth";
    public static final String TREND = "trend";
    public static final String FIRST_PERIOD = "first_period";
    public static final String LAST_PERIOD = "last_period";
    public static final String MONTHS_USED = "months_used";
    public static final String DESTINATION_REGION = "destination_region";
    public static final String DELIVERED = "delivered";
    public static final String RETURNED = "returned";
    public static final String LOST = "lost";
    public static final String IN_TRANSIT = "in_transit";
    public static final String RETURNED_RATE = "returned_rate";
    public static final String LOST_RATE = "lost_rate";
    public static final String LEAD_TIME_P90 = "lead_time_p90";
    public static final String LEAD_TIME_MEAN = "lead_time_mean";
    public static final String COST_PER_SHIPMENT = "cost_per_shipment";
    public static final String COST_SHARE = "cost_share";
    public static final String COSTED_SHIPMENTS = "costed_shipments";
    public static final String WEIGHED_SHIPMENTS = "weighed_shipments";
    public static final String PROMISED_SHIPMENTS = "promised_shipments";
    public static final String MATCHED_ORDERS = "matched_orders";
    public static final String ORDERS = "orders";
    public static final String PRODUCTS = "products";
    public static final String MOM_GROWTH = "mom_growth";
    public static final String CAGR = "cagr";
    public static final String NEW_PRODUCT_COUNT_SHARE = "new_product_count_share";
    public static final String NEW_PRODUCT_REVENUE_SHARE = "new_product_revenue_share";
    public static final String NEW_SELLER_SHARE = "new_seller_share";
    public static final String GROWTH_FROM_NEW = "growth_from_new";
    public static final String GROWTH_FROM_EXISTING = "growth_from_existing";
    public static final String BAND = "band";
    public static final String BAND_INDEX = "band_index";
    public static final String BAND_LOW = "band_low";
    public static final String BAND_HIGH = "band_high";
    public static final String DEMAND_SHARE = "demand_share";
    public static final String SUPPLY_SHARE = "supply_share";
    public static final String OPPORTUNITY = "opportunity";
    public static final String IS_BEST = "is_best";
    public static final String MEAN_RATING = "mean_rating";
    public static final String MEAN_REVIEWS = "mean_reviews";
    public static final String EDGES_MODE = "edges_mode";
    public static final String MONTH = "month";
    public static final String SEASONAL_INDEX = "seasonal_index";
    public static final String SEASON = "season";
    public static final String RATIOS = "ratios";
    public static final String LEVEL = "level";
    public static final String FILE = "file";
    public static final String LINE = "line";
    public static final String REASON = "reason";
    public static final String DETAILS = "details";
    public static final String RAW = "raw";

    // competitors, competitor_benchmark (M11) and product_selection (M12)
    public static final String SELLER_ID = "seller_id";
    public static final String SELLER_PLATFORM = "seller_platform";
    public static final String TYPE = "type";
    public static final String POSITION = "position";
    public static final String SAME_BAND = "same_band";
    public static final String SHARE_CHANGE = "share_change";
    public static final String PREVIOUS_REVENUE = "previous_revenue";
    public static final String ASP = "asp";
    public static final String PRICE_INDEX = "price_index";
    /** A seller's rating from its listings' latest snapshots. */
    public static final String LATEST_RATING = "rating";
    /** A seller's review count from its listings' latest snapshots. */
    public static final String LATEST_REVIEWS = "reviews";
    public static final String IS_OWN = "is_own";
    public static final String RANK_STABILITY = "rank_stability";
    public static final String SIZE = "size";
    public static final String BEST_BAND_OPPORTUNITY = "best_band_opportunity";
    public static final String LOGISTICS_COST_SHARE = "logistics_cost_share";
    public static final String SEASONALITY_AMPLITUDE = "seasonality_amplitude";
    public static final String CANDIDATES = "candidates";
    /** The product-selection components' value columns, in the order of the score's components. */
    public static final java.util.List<String> SELECTION_COMPONENTS = java.util.List.of(SIZE, GROWTH, HHI,
            NEW_PRODUCT_REVENUE_SHARE, BEST_BAND_OPPORTUNITY, TOP10_MEAN_REVIEWS, LOGISTICS_COST_SHARE,
            SEASONALITY_AMPLITUDE);

    // platform_comparison (M14), own_store (M15) and changes
    /** New products' share of the revenue (platform_comparison; the same figure as new_product_revenue_share). */
    public static final String NEW_PRODUCT_SHARE = "new_product_share";
    public static final String OWN_SHARE = "own_share";
    public static final String OWN_REVENUE = "own_revenue";
    public static final String AOV = "aov";
    public static final String LINES = "lines";
    public static final String CANCELLED_LINES = "cancelled_lines";
    public static final String CANCEL_RATE = "cancel_rate";
    public static final String CANCEL_REVENUE_RATE = "cancel_revenue_rate";
    public static final String RETURNED_LINES = "returned_lines";
    public static final String RETURN_RATE = "return_rate";
    public static final String RETURN_REVENUE_RATE = "return_revenue_rate";
    public static final String MARKET_REVENUE = "market_revenue";
    public static final String MARKET_GROWTH = "market_growth";
    public static final String RELATIVE_GROWTH = "relative_growth";
    public static final String MARKET_ASP = "market_asp";
    public static final String PRICE_POSITION = "price_position";
    public static final String LANE_LEAD_TIME_P50 = "lane_lead_time_p50";
    public static final String LANE_ON_TIME_RATE = "lane_on_time_rate";
    /** Listing sessions (visits) of the own store's lines, where its exports count them (Amazon's Business Report). */
    public static final String SESSIONS = "sessions";
    /** Listing page views of the own store's lines. */
    public static final String PAGE_VIEWS = "page_views";
    /** Units ÷ sessions (Amazon's unit session percentage, as a fraction). */
    public static final String CONVERSION_RATE = "conversion_rate";
    /** The share of sessions in which the own offer held the buy box (featured offer), as a fraction. */
    public static final String BUY_BOX_PCT = "buy_box_pct";
    public static final String SUBJECT = "subject";
    public static final String BEFORE = "before";
    public static final String AFTER = "after";
    public static final String MAGNITUDE = "magnitude";
    public static final String SENTENCE_KEY = "sentence_key";
    public static final String PREVIOUS_AS_OF = "previous_as_of";
    public static final String AS_OF = "as_of";
    /** The platform-comparison components' value columns, in the order of the score's components. */
    public static final java.util.List<String> PLATFORM_COMPONENTS = java.util.List.of(REVENUE, GROWTH, HHI, ASP, SELLERS,
            NEW_PRODUCT_SHARE, LEAD_TIME_P50, ON_TIME_RATE, LOGISTICS_COST_SHARE);

    /** Suffix of a component's z-score column ({@code growth} → {@code growth_z}). */
    public static final String Z_SUFFIX = "_z";

    /** The z-score column of a product-selection component. */
    public static String z(String component) {
        return component + Z_SUFFIX;
    }

    private Columns() {
    }
}
