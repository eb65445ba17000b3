package io.marketlens.reports.text;

import io.marketlens.tables.TableSchema;
import io.marketlens.tables.Tables;
import java.util.Locale;

/**
 * The metric chapters of the report, in their order. A chapter's {@link #id()} keys its texts ({@code section.<id>} the
 * heading, {@code intro.<id>} the introduction) and groups its charts; {@link #table()} is the table whose absence
 * the chapter notes ("no data for this section").
 */
public enum Section {
    MARKET_SIZE(Tables.MARKET_SIZE),
    LIFECYCLE(Tables.LIFECYCLE),
    NEW_VS_EXISTING(Tables.NEW_VS_EXISTING),
    SEASONALITY(Tables.SEASONALITY),
    /** Turning and change points (数据拐点). */
    POINTS(Tables.CHANGE_POINTS),
    FORECAST(Tables.FORECAST),
    CONCENTRATION(Tables.CONCENTRATION),
    COMPETITION(Tables.COMPETITION_INTENSITY),
    PRICE_BANDS(Tables.PRICE_BANDS),
    HOT_TERMS(Tables.HOT_TERMS),
    /** Competitors (竞对分析): the leading competitors of each category, the own store beside them. */
    COMPETITORS(Tables.COMPETITORS),
    /** Product selection (选品分析): the categories ranked by opportunity. */
    PRODUCT_SELECTION(Tables.PRODUCT_SELECTION),
    /** Platform selection (平台选择): the platform × marketplace candidates ranked by score. */
    PLATFORMS(Tables.PLATFORM_COMPARISON),
    /** Own store (店铺数据分析): its key figures, share, rank and growth against the market, deliveries against lanes. */
    OWN_STORE(Tables.OWN_STORE),
    LOGISTICS(Tables.LOGISTICS_LANES);

    private final TableSchema table;

    Section(TableSchema table) {
        this.table = table;
    }

    /** The key of the chapter's texts: the constant's name in lower case ({@code market_size}, {@code points}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public TableSchema table() {
        return table;
    }
}
