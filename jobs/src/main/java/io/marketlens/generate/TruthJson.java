package io.marketlens.generate;

import io.marketlens.generate.SyntheticMarket.BadRow;
import io.marketlens.generate.SyntheticMarket.CategoryTruth;
import io.marketlens.generate.SyntheticMarket.FileCount;
import io.marketlens.generate.SyntheticMarket.SellerShare;
import io.marketlens.generate.SyntheticMarket.Truth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Hand-formatted, stable JSON rendering of {@link Truth} (no JSON library needed). */
public final class TruthJson {
    private TruthJson() {
    }

    public static String toJson(Truth t) {
        StringBuilder sb = new StringBuilder(16_384);
        sb.append("{\n");
        field(sb, 1, "generator", str("io.marketlens.generate.SampleDataMain")).append(",\n");
        field(sb, 1, "seed", Long.toString(t.params().seed())).append(",\n");
        field(sb, 1, "first_month", str(t.params().firstMonth().toString())).append(",\n");
        field(sb, 1, "last_month", str(t.params().lastMonth().toString())).append(",\n");
        field(sb, 1, "months", Integer.toString(t.params().months())).append(",\n");
        field(sb, 1, "requested_sales_rows", Integer.toString(t.params().salesRows())).append(",\n");
        field(sb, 1, "competitor_listings", Integer.toString(t.params().competitorListings())).append(",\n");
        field(sb, 1, "base_currency", str(SyntheticMarket.BASE_CURRENCY)).append(",\n");
        field(sb, 1, "timestamp_zone", str("+08:00")).append(",\n");

        List<String> season = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            season.add("{\"month\": " + m + ", \"index\": " + num(t.seasonIndex().get(m - 1), 2) + "}");
        }
        array(sb, 1, "season_index", season).append(",\n");
        field(sb, 1, "peak_month", Integer.toString(t.peakMonth())).append(",\n");
        field(sb, 1, "trough_month", Integer.toString(t.troughMonth())).append(",\n");
        field(sb, 1, "peak_to_trough_ratio", num(t.peakToTroughRatio(), 4)).append(",\n");
        field(sb, 1, "monthly_growth", num(t.monthlyGrowth(), 4)).append(",\n");
        field(sb, 1, "level_shift", "{\"category\": " + str(t.levelShift().category())
                + ", \"from_month\": " + str(t.levelShift().fromMonth().toString())
                + ", \"factor\": " + num(t.levelShift().factor(), 2)
                + ", \"applies_to\": [\"sales\", \"competitors.est_units\"]}").append(",\n");
        field(sb, 1, "rising_term", "{\"category\": " + str(t.risingTermCategory())
                + ", \"en\": " + str(t.risingTerm().en()) + ", \"zh\": " + str(t.risingTerm().zh())
                + ", \"note\": " + str("share of newly launched products using the term rises from ~10% to ~75% over the period")
                + "}").append(",\n");
        if (t.ownStore() != null) {
            field(sb, 1, "own_store", "{\"seller_ids\": [" + str(t.ownStore().sellerId()) + "], \"platform\": "
                    + str(t.ownStore().platform()) + ", \"rule\": " + str(t.ownStore().planted()
                    ? "planted (selection_cases)" : "the sales seller with the largest revenue (lines not cancelled, USD)")
                    + ", \"config\": \"marketlens.yaml own_seller_ids\"}").append(",\n");
        }

        List<String> cats = new ArrayList<>();
        for (CategoryTruth c : t.categories()) {
            StringBuilder cs = new StringBuilder();
            cs.append("{\n");
            field(cs, 3, "category", str(c.category())).append(",\n");
            field(cs, 3, "order_weight", num(c.orderWeight(), 2)).append(",\n");
            field(cs, 3, "median_price_usd", num(c.medianPriceUsd(), 2)).append(",\n");
            field(cs, 3, "top4_planted_order_share", num(c.top4PlantedShare(), 4)).append(",\n");
            field(cs, 3, "top4_realised_revenue_share", num(c.top4RevenueShare(), 4)).append(",\n");
            List<String> sellers = new ArrayList<>();
            for (SellerShare s : c.sellers()) {
                sellers.add("{\"seller_id\": " + str(s.sellerId()) + ", \"platform\": " + str(s.platform())
                        + ", \"share\": " + num(s.share(), 4) + "}");
            }
            array(cs, 3, "seller_shares", sellers).append('\n');
            indent(cs, 2).append('}');
            cats.add(cs.toString());
        }
        array(sb, 1, "categories", cats).append(",\n");

        SyntheticMarket.Realised r = t.realised();
        field(sb, 1, "realised_peak_to_trough_ratio", num(r.peakToTroughRatio(), 4)).append(",\n");
        field(sb, 1, "realised_level_shift_ratio", num(r.levelShiftRatio(), 4)).append(",\n");
        List<String> months = new ArrayList<>();
        for (SyntheticMarket.MonthTotal mt : r.months()) {
            months.add("{\"month\": " + str(mt.month().toString()) + ", \"orders\": " + mt.orders()
                    + ", \"lines\": " + mt.lines() + ", \"gross_usd\": " + num(mt.grossUsd(), 2) + "}");
        }
        array(sb, 1, "realised_monthly_sales", months).append(",\n");

        if (!t.timeSeriesCases().isEmpty()) {
            List<String> cases = new ArrayList<>();
            for (TimeSeriesCases.Case c : t.timeSeriesCases()) {
                cases.add("{\"category\": " + str(c.category()) + ", \"kind\": " + str(c.kind().name().toLowerCase(Locale.ROOT))
                        + ", \"month\": " + (c.month() == null ? "null" : str(c.month().toString()))
                        + ", \"second_month\": " + (c.secondMonth() == null ? "null" : str(c.secondMonth().toString()))
                        + ", \"factor\": " + num(c.factor(), 3) + "}");
            }
            array(sb, 1, "time_series_cases", cases).append(",\n");
        }
        if (t.selectionCases() != null) {
            selectionCases(sb, t.selectionCases());
        }

        List<String> files = new ArrayList<>();
        for (FileCount f : t.files()) {
            files.add("{\"file\": " + str(f.file()) + ", \"rows\": " + f.rows() + ", \"good\": " + f.good()
                    + ", \"bad\": " + f.bad() + "}");
        }
        array(sb, 1, "files", files).append(",\n");

        List<String> bad = new ArrayList<>();
        for (BadRow b : t.badRows()) {
            bad.add("{\"file\": " + str(b.file()) + ", \"line\": " + b.line() + ", \"reason\": " + str(b.reason())
                    + ", \"description\": " + str(b.description()) + "}");
        }
        array(sb, 1, "bad_rows", bad).append('\n');
        sb.append("}\n");
        return sb.toString();
    }

    private static void selectionCases(StringBuilder sb, SelectionCases.Planted c) {
        SelectionCases.Plan plan = c.plan();
        List<String> own = new ArrayList<>();
        plan.ownCategories().forEach(name -> own.add(str(name)));
        indent(sb, 1).append(str("selection_cases")).append(": {\n");
        field(sb, 2, "own_seller_ids", "[" + str(c.ownSellerId()) + "]").append(",\n");
        field(sb, 2, "own_platform", str(c.ownPlatform())).append(",\n");
        field(sb, 2, "own_categories", "[" + String.join(", ", own) + "]").append(",\n");
        field(sb, 2, "direct_competitor", "{\"seller_id\": " + str(c.direct().sellerId()) + ", \"platform\": "
                + str(c.direct().platform()) + ", \"category\": " + str(c.direct().category())
                + ", \"revenue_vs_category\": " + num(SelectionCases.DIRECT_REVENUE, 2) + "}").append(",\n");
        field(sb, 2, "emerging_seller", "{\"seller_id\": " + str(c.emerging().sellerId()) + ", \"platform\": "
                + str(c.emerging().platform()) + ", \"category\": " + str(c.emerging().category())
                + ", \"first_month\": " + str(plan.emergingFirstMonth().toString())
                + ", \"listings\": " + SelectionCases.EMERGING_LISTINGS
                + ", \"revenue_vs_category\": " + num(SelectionCases.EMERGING_REVENUE, 2) + "}").append(",\n");
        field(sb, 2, "best_category", str(plan.bestCategory())).append(",\n");
        field(sb, 2, "best_category_plants", "{\"extra_monthly_growth\": " + num(SelectionCases.BEST_GROWTH, 3)
                + ", \"season_kept\": " + num(SelectionCases.BEST_SEASON_KEPT, 2)
                + ", \"competitor_sellers\": " + SelectionCases.BEST_SELLERS
                + ", \"units_log_sd\": " + num(SelectionCases.BEST_UNITS_SIGMA, 2)
                + ", \"launched_before_data\": " + num(SelectionCases.BEST_LAUNCHED_BEFORE, 2)
                + ", \"late_listing_units\": " + num(SelectionCases.BEST_LATE_UNITS, 2)
                + ", \"sweet_spot\": " + num(SelectionCases.BEST_SWEET_SPOT, 2)
                + ", \"sweet_spot_units\": " + num(SelectionCases.BEST_SWEET_SPOT_UNITS, 2)
                + ", \"review_rate\": " + num(SelectionCases.BEST_REVIEW_RATE, 2)
                + ", \"parcel_weight\": " + num(SelectionCases.BEST_KG, 2) + "}").append('\n');
        indent(sb, 1).append("},\n");
    }

    private static StringBuilder field(StringBuilder sb, int level, String name, String rawValue) {
        return indent(sb, level).append(str(name)).append(": ").append(rawValue);
    }

    private static StringBuilder array(StringBuilder sb, int level, String name, List<String> rawItems) {
        indent(sb, level).append(str(name)).append(": [");
        for (int i = 0; i < rawItems.size(); i++) {
            sb.append(i == 0 ? "\n" : ",\n");
            indent(sb, level + 1).append(rawItems.get(i));
        }
        if (!rawItems.isEmpty()) {
            sb.append('\n');
            indent(sb, level);
        }
        return sb.append(']');
    }

    private static StringBuilder indent(StringBuilder sb, int level) {
        return sb.append("  ".repeat(level));
    }

    private static String num(double v, int places) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%." + places + "f", v);
    }

    static String str(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
