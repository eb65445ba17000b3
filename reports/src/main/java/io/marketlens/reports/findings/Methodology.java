package io.marketlens.reports.findings;

import io.marketlens.reports.text.Texts;
import java.util.List;

/**
 * The methodology appendix of the report (SPEC §5): for each metric its formulas, defaults and sources,
 * in the report's language, as the README's metric sections state them. The texts live in
 * {@code methodology_<lang>.properties} under {@code method.<id>.title} and {@code method.<id>.body}.
 */
public final class Methodology {

    /** The items in the order of the appendix: the market fact first, then one per metric. */
    public static final List<String> IDS = List.of("market_fact", "market_size", "lifecycle", "new_vs_existing",
            "concentration", "competition_intensity", "price_bands", "hot_terms", "seasonality", "turning_points",
            "change_points", "forecast", "logistics");

    private Methodology() {}

    public static List<MethodItem> items(Texts texts) {
        return IDS.stream()
                .map(id -> new MethodItem(texts.get("method." + id + ".title"), texts.get("method." + id + ".body")))
                .toList();
    }
}
