package io.marketlens.reports.findings;

import io.marketlens.reports.text.Section;
import io.marketlens.reports.text.Texts;
import io.marketlens.tables.Tables;
import java.util.List;

/**
 * The methodology appendix of the report (SPEC §5): for each metric its formulas, defaults and sources,
 * in the report's language, as the README's metric sections state them. The texts live in
 * {@code methodology_<lang>.properties} under {@code method.<id>.title} and {@code method.<id>.body}.
 */
public final class Methodology {

    /** The items in the order of the appendix: the market fact first, then one per metric. */
    public static final List<String> IDS = List.of("market_fact", Tables.MARKET_SIZE.name(), Tables.LIFECYCLE.name(), Tables.NEW_VS_EXISTING.name(),
            Tables.CONCENTRATION.name(), Tables.COMPETITION_INTENSITY.name(), Tables.PRICE_BANDS.name(), Tables.HOT_TERMS.name(), Tables.SEASONALITY.name(), Tables.TURNING_POINTS.name(),
            Tables.CHANGE_POINTS.name(), Tables.FORECAST.name(), Tables.COMPETITORS.name(), Tables.PRODUCT_SELECTION.name(),
            Section.LOGISTICS.id());

    private Methodology() {}

    public static List<MethodItem> items(Texts texts) {
        return IDS.stream()
                .map(id -> new MethodItem(texts.get("method." + id + ".title"), texts.get("method." + id + ".body")))
                .toList();
    }
}
