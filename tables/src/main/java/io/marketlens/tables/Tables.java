package io.marketlens.tables;

import static io.marketlens.tables.Column.*;
import static io.marketlens.tables.Columns.*;

import java.util.List;
import java.util.Optional;

/**
 * The published tables (SPEC §6): each table's name and its columns in the order and of the type the jobs write them.
 * A run writes each as {@code tables/<name>.csv} and {@code tables/<name>.parquet}; the reports read the CSV. A
 * scope is (platform, marketplace, category), any of them {@link Scopes#ALL}; a period is a month {@code yyyy-MM} or
 * {@link Scopes#WINDOW}.
 */
public final class Tables {

    /**
     * The characters that make Excel or LibreOffice read a cell beginning with one as a formula: a table's CSV writes
     * such a text cell with a leading apostrophe, and a reader of the CSV (the report) takes it off again.
     */
    public static final String FORMULA_FIRST_CHARACTERS = "=+-@\t\r";

    /** M1 market size and growth (1.1.1, 1.1.2): per scope and period. */
    public static final TableSchema MARKET_SIZE = TableSchema.scoped("market_size", text(PERIOD),
            float64(REVENUE), int64(UNITS), int64(ORDERS), int64(SELLERS), int64(PRODUCTS), float64(MOM_GROWTH),
            float64(YOY_GROWTH), float64(CAGR), int64(ROWS), text(STATUS));

    /** M2 life-cycle stage (1.1.3): per scope. */
    public static final TableSchema LIFECYCLE = TableSchema.scoped("lifecycle", text(STAGE), float64(YOY_GROWTH),
            float64(TREND), text(FIRST_PERIOD), text(LAST_PERIOD), int32(MONTHS), int32(MONTHS_USED),
            int64(ROWS), text(STATUS));

    /** M4 new vs existing products (1.1.2): per scope and period. */
    public static final TableSchema NEW_VS_EXISTING = TableSchema.scoped("new_vs_existing", text(PERIOD),
            int64(PRODUCTS), int64(NEW_PRODUCTS), float64(NEW_PRODUCT_COUNT_SHARE),
            float64(NEW_PRODUCT_REVENUE_SHARE), float64(NEW_SELLER_SHARE), float64(GROWTH_FROM_NEW),
            float64(GROWTH_FROM_EXISTING), int64(ROWS), text(STATUS));

    /** M7 concentration, CR_n and HHI by seller, brand and product (1.1.4): per scope, period and entity. */
    public static final TableSchema CONCENTRATION = TableSchema.scoped("concentration", text(PERIOD),
            text(ENTITY), int64(ENTITIES), float64(CR4), float64(CR8), float64(CR10), float64(HHI),
            text(DOJ2023_CLASS), text(DOJ2010_CLASS), text(BAIN_CR4_CLASS), text(BAIN_CR8_CLASS),
            float64(CR4_CHANGE), float64(CR8_CHANGE), float64(CR10_CHANGE), float64(HHI_CHANGE),
            float64(UNATTRIBUTED_SHARE), int64(ROWS), text(STATUS));

    /** M7 the ranked entities behind the concentration ratios: per scope, period, entity kind and rank. */
    public static final TableSchema CONCENTRATION_CURVE = TableSchema.scoped("concentration_curve", text(PERIOD),
            text(ENTITY), int32(RANK), text(NAME), float64(REVENUE), float64(SHARE), float64(CUMULATIVE_SHARE),
            int64(ENTITIES), int64(ROWS));

    /** M8 competition intensity (1.1.4): per scope and period. */
    public static final TableSchema COMPETITION_INTENSITY = TableSchema.scoped("competition_intensity",
            text(PERIOD), float64(INDEX), int64(SELLERS), int64(LISTINGS), int64(UNITS),
            float64(LISTINGS_PER_1000_UNITS), float64(HHI), float64(TOP10_MEAN_REVIEWS), int64(NEW_PRODUCTS),
            float64(NEW_PRODUCT_SUCCESS_SHARE), float64(SELLERS_SCORE), float64(LISTINGS_SCORE), float64(HHI_SCORE),
            float64(REVIEWS_SCORE), float64(NEW_PRODUCT_SUCCESS_SCORE), int32(COMPONENTS_USED), int64(ROWS),
            text(STATUS));

    /** M9 price bands and the best band (1.1.6 最佳价格波段): per scope, period and band. */
    public static final TableSchema PRICE_BANDS = TableSchema.scoped("price_bands", text(PERIOD), text(BAND),
            int32(BAND_INDEX), float64(BAND_LOW), float64(BAND_HIGH), int64(LISTINGS), int64(SELLERS),
            int64(UNITS), float64(REVENUE), float64(DEMAND_SHARE), float64(SUPPLY_SHARE), float64(OPPORTUNITY),
            bool(IS_BEST), float64(MEAN_RATING), float64(MEAN_REVIEWS), text(EDGES_MODE), int64(ROWS), text(STATUS));

    /** M10 hot attributes and title terms (1.1.7): per scope, period and term. */
    public static final TableSchema HOT_TERMS = TableSchema.scoped("hot_terms", text(PERIOD), text(TERM),
            text(KIND), float64(WEIGHT), float64(SHARE), int32(RANK), float64(PREVIOUS_WEIGHT), float64(GROWTH),
            int32(RISER_RANK), int64(ROWS), text(STATUS));

    /** M5 seasonal indices, peak and off seasons (1.1.4 淡旺季): per scope and calendar month. */
    public static final TableSchema SEASONALITY = TableSchema.scoped("seasonality", int32(MONTH),
            float64(SEASONAL_INDEX), text(SEASON), int32(RATIOS), int32(MONTHS), int64(ROWS), text(STATUS));

    /** M6 turning points (数据拐点): per scope and period of a peak or trough. */
    public static final TableSchema TURNING_POINTS = TableSchema.scoped("turning_points", text(PERIOD),
            text(KIND), float64(LEVEL), int32(MONTHS), int64(ROWS), text(STATUS));

    /** M6 change points (level shifts and trend breaks): per scope and period of a change. */
    public static final TableSchema CHANGE_POINTS = TableSchema.scoped("change_points", text(PERIOD), text(KIND),
            text(DIRECTION), float64(LEVEL_BEFORE), float64(LEVEL_AFTER), float64(CHANGE), float64(SLOPE_BEFORE),
            float64(SLOPE_AFTER), int32(MONTHS), int64(ROWS), text(STATUS));

    /** M3 forecast (1.1.3 市场预测): per scope and forecast month. */
    public static final TableSchema FORECAST = TableSchema.scoped("forecast", text(PERIOD), float64(Columns.FORECAST),
            float64(LOWER), float64(UPPER), float64(INTERVAL_LEVEL), text(MODEL), int32(HORIZON_STEP),
            int32(MONTHS), int64(ROWS), text(STATUS));

    /** M3 the forecast's hold-out accuracy: per scope. */
    public static final TableSchema FORECAST_BACKTEST = TableSchema.scoped("forecast_backtest", text(MODEL),
            float64(SMAPE), float64(MASE), float64(BASELINE_SMAPE), float64(BASELINE_MASE), int32(HOLDOUT),
            int32(MONTHS), int64(ROWS), text(STATUS));

    /**
     * M11 competitors (1.1.5 竞对分析): per category-level scope, period and seller other than the own store, ranked by
     * revenue share among all the scope's sellers.
     */
    public static final TableSchema COMPETITORS = TableSchema.scoped("competitors", text(PERIOD), text(SELLER_ID),
            text(SELLER_PLATFORM), text(TYPE), bool(SAME_BAND), int32(RANK), text(POSITION), int64(SELLERS),
            float64(REVENUE), float64(SHARE), float64(PREVIOUS_REVENUE), float64(SHARE_CHANGE), float64(GROWTH),
            int64(UNITS), float64(ASP), float64(PRICE_INDEX), float64(LATEST_RATING), int64(LATEST_REVIEWS), int64(PRODUCTS),
            int64(NEW_PRODUCTS), text(FIRST_PERIOD), int64(ROWS), text(STATUS));

    /** M11 the own store beside its leading direct competitors: per category-level scope and seller, the window. */
    public static final TableSchema COMPETITOR_BENCHMARK = TableSchema.scoped("competitor_benchmark", text(PERIOD),
            text(SELLER_ID), text(SELLER_PLATFORM), bool(IS_OWN), text(TYPE), int32(RANK), text(POSITION), float64(ASP), int64(UNITS),
            float64(REVENUE), float64(SHARE), float64(GROWTH), float64(LATEST_RATING), int64(LATEST_REVIEWS), int64(PRODUCTS),
            int64(NEW_PRODUCTS), int64(ROWS), text(STATUS));

    /**
     * M12 product selection (1.1.8 选品分析): per category over all platforms and marketplaces, and per platform ×
     * marketplace × category, the window's opportunity score, every component and its z-score.
     */
    public static final TableSchema PRODUCT_SELECTION = TableSchema.scoped("product_selection", text(PERIOD),
            int32(RANK), int32(CANDIDATES), float64(SCORE), float64(RANK_STABILITY),
            float64(SIZE), float64(z(SIZE)), float64(GROWTH), float64(z(GROWTH)), float64(HHI), float64(z(HHI)),
            float64(NEW_PRODUCT_REVENUE_SHARE), float64(z(NEW_PRODUCT_REVENUE_SHARE)),
            float64(BEST_BAND_OPPORTUNITY), float64(z(BEST_BAND_OPPORTUNITY)),
            float64(TOP10_MEAN_REVIEWS), float64(z(TOP10_MEAN_REVIEWS)),
            float64(LOGISTICS_COST_SHARE), float64(z(LOGISTICS_COST_SHARE)),
            float64(SEASONALITY_AMPLITUDE), float64(z(SEASONALITY_AMPLITUDE)),
            int32(COMPONENTS_USED), int64(ORDERS), int64(PRODUCTS), int64(ROWS), text(STATUS));

    /**
     * M14 platform comparison (1.2.1 平台选择): per platform × marketplace (category {@code ALL}), and per category ×
     * platform × marketplace, the window's score from z-scored components (every component and its z-score shown),
     * rank within its set, the destination country of the marketplace and the own store's share there.
     */
    public static final TableSchema PLATFORM_COMPARISON = TableSchema.scoped("platform_comparison", text(PERIOD),
            int32(RANK), int32(CANDIDATES), float64(SCORE), float64(RANK_STABILITY),
            float64(REVENUE), float64(z(REVENUE)), float64(GROWTH), float64(z(GROWTH)), float64(HHI), float64(z(HHI)),
            float64(ASP), float64(z(ASP)), int64(SELLERS), float64(z(SELLERS)),
            float64(NEW_PRODUCT_SHARE), float64(z(NEW_PRODUCT_SHARE)), text(DESTINATION_COUNTRY),
            float64(LEAD_TIME_P50), float64(z(LEAD_TIME_P50)), float64(ON_TIME_RATE), float64(z(ON_TIME_RATE)),
            float64(LOGISTICS_COST_SHARE), float64(z(LOGISTICS_COST_SHARE)), float64(OWN_SHARE),
            int32(COMPONENTS_USED), int64(ORDERS), int64(UNITS), int64(SHIPMENTS), int64(ROWS), text(STATUS));

    /**
     * M15 own store against the market (5.14 数据分析): per scope and period (months and window), the own store's sales,
     * cancellations and returns, its share and rank among the scope's sellers, its growth against the market's, its
     * price position, its listings' traffic where the exports count it (sessions, page views, conversion rate, buy-box
     * share) and its shipments' lead time beside the lanes they travel.
     */
    public static final TableSchema OWN_STORE = TableSchema.scoped("own_store", text(PERIOD),
            float64(REVENUE), int64(ORDERS), float64(AOV), int64(UNITS), int64(LINES), int64(CANCELLED_LINES),
            float64(CANCEL_RATE), float64(CANCEL_REVENUE_RATE), int64(RETURNED_LINES), float64(RETURN_RATE),
            float64(RETURN_REVENUE_RATE), float64(MARKET_REVENUE), float64(SHARE), int32(RANK), int64(SELLERS),
            float64(GROWTH), float64(MARKET_GROWTH), float64(RELATIVE_GROWTH), float64(ASP), float64(MARKET_ASP),
            float64(PRICE_POSITION), int64(SESSIONS), int64(PAGE_VIEWS), float64(CONVERSION_RATE), float64(BUY_BOX_PCT),
            int64(SHIPMENTS), float64(LEAD_TIME_P50), float64(ON_TIME_RATE),
            float64(LANE_LEAD_TIME_P50), float64(LANE_ON_TIME_RATE), int64(ROWS), text(STATUS));

    /** M13 logistics lanes (1.1.9, 5.13): per lane level and period. */
    public static final TableSchema LOGISTICS_LANES = TableSchema.of("logistics_lanes", text(CARRIER), text(SERVICE),
            text(DESTINATION_COUNTRY), text(DESTINATION_REGION), text(PERIOD), int64(SHIPMENTS), int64(DELIVERED),
            int64(RETURNED), int64(LOST), int64(IN_TRANSIT), float64(DELIVERED_RATE), float64(RETURNED_RATE),
            float64(LOST_RATE), float64(LEAD_TIME_P50), float64(LEAD_TIME_P90), float64(LEAD_TIME_MEAN),
            float64(ON_TIME_RATE), float64(COST_PER_SHIPMENT), float64(COST_PER_KG), float64(COST_SHARE),
            int64(COSTED_SHIPMENTS), int64(WEIGHED_SHIPMENTS), int64(PROMISED_SHIPMENTS), int64(MATCHED_ORDERS),
            int64(ROWS), text(STATUS));

    /** M13 lanes ranked per destination (5.13 物流甄选). */
    public static final TableSchema LANE_RANKING = TableSchema.of("lane_ranking", text(DESTINATION_COUNTRY),
            text(CARRIER), text(SERVICE), int32(RANK), float64(SCORE), float64(SPEED_SCORE),
            float64(RELIABILITY_SCORE), float64(COST_SCORE), float64(LEAD_TIME_P50), float64(ON_TIME_RATE),
            float64(DELIVERED_RATE), float64(COST_PER_KG), int64(SHIPMENTS), int64(ROWS), text(STATUS));

    /** M13 monthly shipments forecast per destination. */
    public static final TableSchema LOGISTICS_FORECAST = TableSchema.of("logistics_forecast",
            text(DESTINATION_COUNTRY), text(PERIOD), float64(Columns.FORECAST), float64(LOWER), float64(UPPER),
            float64(INTERVAL_LEVEL), text(MODEL), int32(HORIZON_STEP), int32(MONTHS), int64(ROWS), text(STATUS));

    /**
     * What changed since the previous run folder of the same output (the latest earlier {@code <as_of>}): one row per
     * change, most important first ({@code rank}); empty on a first run. Lane rows have no platform, marketplace or
     * category; their subject names the lane.
     */
    public static final TableSchema CHANGES = TableSchema.of("changes", int32(RANK), text(KIND), text(PLATFORM),
            text(MARKETPLACE), text(CATEGORY), text(PERIOD), text(SUBJECT), text(BEFORE), text(AFTER),
            float64(MAGNITUDE), text(SENTENCE_KEY), text(AS_OF), text(PREVIOUS_AS_OF));

    /** A source's rejected rows ({@code quarantine/<source>.csv}): where each was read, why, and its text. */
    public static final TableSchema QUARANTINE = TableSchema.of("quarantine", text(FILE), int64(LINE), text(REASON), text(DETAILS),
            text(RAW));

    /** The metric tables, in the order a run writes them. */
    public static final List<TableSchema> METRICS = List.of(MARKET_SIZE, LIFECYCLE, NEW_VS_EXISTING, CONCENTRATION, CONCENTRATION_CURVE, COMPETITION_INTENSITY,
            PRICE_BANDS, HOT_TERMS, SEASONALITY, TURNING_POINTS, CHANGE_POINTS, FORECAST, FORECAST_BACKTEST,
            COMPETITORS, COMPETITOR_BENCHMARK, PRODUCT_SELECTION, LOGISTICS_LANES, LANE_RANKING, LOGISTICS_FORECAST,
            OWN_STORE, PLATFORM_COMPARISON, CHANGES);

    private Tables() {
    }

    /** The metric table of that name. */
    public static Optional<TableSchema> metric(String name) {
        return METRICS.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
