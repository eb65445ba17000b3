package io.marketlens.reports.findings;

import io.marketlens.reports.text.Section;
import io.marketlens.reports.text.Texts;
import io.marketlens.tables.PlatformComponent;
import io.marketlens.tables.ScoreComponent;
import io.marketlens.tables.Tables;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The methodology appendix of the report (SPEC §5): for each metric its formulas, defaults and sources,
 * in the report's language, as the README's metric sections state them. The texts live in
 * {@code methodology_<lang>.properties} under {@code method.<id>.title} and {@code method.<id>.body}; a body's figures
 * that the contract holds (the platform comparison's components, signs and default weights) are filled in from it.
 */
public final class Methodology {

    /** The items in the order of the appendix: the executive page's ranking, the market fact, then one per metric. */
    public static final List<String> IDS = List.of("executive", "market_fact", Tables.MARKET_SIZE.name(), Tables.LIFECYCLE.name(), Tables.NEW_VS_EXISTING.name(),
            Tables.CONCENTRATION.name(), Tables.COMPETITION_INTENSITY.name(), Tables.PRICE_BANDS.name(), Tables.HOT_TERMS.name(), Tables.SEASONALITY.name(), Tables.TURNING_POINTS.name(),
            Tables.CHANGE_POINTS.name(), Tables.FORECAST.name(), Tables.COMPETITORS.name(), Tables.PRODUCT_SELECTION.name(),
            Tables.PLATFORM_COMPARISON.name(), Tables.OWN_STORE.name(), Section.LOGISTICS.id(), Tables.CHANGES.name());

    private Methodology() {}

    public static List<MethodItem> items(Texts texts) {
        return IDS.stream()
                .map(id -> new MethodItem(texts.get("method." + id + ".title"), texts.get("method." + id + ".body", arguments(id))))
                .toList();
    }

    /** What a body's {@code {0}}, {@code {1}}, … stand for. */
    private static Object[] arguments(String id) {
        return id.equals(Tables.PLATFORM_COMPARISON.name()) ? new Object[]{weights(PlatformComponent.values())} : new Object[0];
    }

    /** Each component as "column (sign) default weight": {@code revenue (+) 1, hhi (−) 1, asp (+) 0.5, …}. */
    static String weights(ScoreComponent[] components) {
        return Arrays.stream(components).map(c -> c.column() + " (" + (c.sign() > 0 ? "+" : "\u2212") + ") "
                + BigDecimal.valueOf(c.defaultWeight()).stripTrailingZeros().toPlainString()).collect(Collectors.joining(", "));
    }
}
