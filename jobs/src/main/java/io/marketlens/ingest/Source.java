package io.marketlens.ingest;

import static io.marketlens.ingest.ColumnSpec.opt;
import static io.marketlens.ingest.ColumnSpec.req;
import static io.marketlens.ingest.ColumnType.*;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The four canonical input sources (SPEC §2), their columns, natural keys and the money column
 * converted to the base currency.
 */
public enum Source {
    SALES("sales",
            List.of(req("order_id", TEXT), opt("line_id", TEXT), req("order_ts", TIMESTAMP),
                    req("platform", LOWER), req("marketplace", UPPER), req("category", TEXT),
                    req("seller_id", TEXT), opt("brand", TEXT), req("product_id", TEXT),
                    opt("title", TEXT), req("unit_price", MONEY), req("quantity", POSITIVE_INT),
                    req("currency", CURRENCY), opt("status", LOWER), opt("launch_date", DATE),
                    // a listing's traffic over the line's period, where an export has it (Amazon's Business Report)
                    opt("sessions", COUNT), opt("page_views", COUNT), opt("buy_box_pct", FRACTION)),
            List.of("platform", "order_id", "line_id"), "unit_price", "order_ts"),
    COMPETITORS("competitors",
            List.of(req("snapshot_date", DATE), req("platform", LOWER), req("marketplace", UPPER),
                    req("category", TEXT), req("product_id", TEXT), req("seller_id", TEXT),
                    opt("brand", TEXT), opt("title", TEXT), req("price", MONEY), req("currency", CURRENCY),
                    req("est_units", COUNT), opt("rating", RATING), opt("review_count", COUNT),
                    opt("launch_date", DATE), opt("fulfillment", TEXT), opt("attributes", TEXT)),
            List.of("snapshot_date", "platform", "marketplace", "product_id", "seller_id"), "price", "snapshot_date"),
    LOGISTICS("logistics",
            List.of(req("shipment_id", TEXT), opt("order_id", TEXT), req("carrier", TEXT), opt("service", TEXT),
                    opt("origin_country", UPPER), req("destination_country", UPPER),
                    opt("destination_region", TEXT), req("ship_ts", TIMESTAMP), opt("promised_ts", TIMESTAMP),
                    opt("delivered_ts", TIMESTAMP), req("status", LOWER), opt("weight_kg", POSITIVE_DECIMAL),
                    opt("cost", MONEY), opt("currency", CURRENCY)),
            List.of("shipment_id"), "cost", "ship_ts"),
    FX_RATES("fx_rates",
            List.of(req("date", DATE), req("currency", CURRENCY), req("rate_to_base", POSITIVE_DECIMAL)),
            List.of("date", "currency"), null, "date");

    /** FX rates first: the other sources convert their amounts with them. */
    public static final List<Source> INGEST_ORDER = List.of(FX_RATES, SALES, COMPETITORS, LOGISTICS);

    private final String dirName;
    private final List<ColumnSpec> columns;
    private final List<String> naturalKey;
    private final String moneyColumn;
    private final String dateColumn;

    Source(String dirName, List<ColumnSpec> columns, List<String> naturalKey, String moneyColumn, String dateColumn) {
        this.dirName = dirName;
        this.columns = columns;
        this.naturalKey = naturalKey;
        this.moneyColumn = moneyColumn;
        this.dateColumn = dateColumn;
    }

    /** Folder name under the input folder and the warehouse, also the config key. */
    public String dirName() {
        return dirName;
    }

    public List<ColumnSpec> columns() {
        return columns;
    }

    /** Columns that identify a row across exports; a newer file's row replaces an older one's. */
    public List<String> naturalKey() {
        return naturalKey;
    }

    /** The amount converted to the base currency (written beside it as {@code <name>_base}), if any. */
    public Optional<String> moneyColumn() {
        return Optional.ofNullable(moneyColumn);
    }

    /** The column whose date selects the FX rate and the period of a row. */
    public String dateColumn() {
        return dateColumn;
    }

    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    public static Optional<Source> fromDirName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Source s : values()) {
            if (s.dirName.equals(n)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
