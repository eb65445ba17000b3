package io.marketlens.testing;

import static io.marketlens.testing.DuckDb.literal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The expected market metrics, in DuckDB SQL, from a market fact that a test built from raw CSVs. Nothing here
 * calls marketlens code: the formulas are written again from SPEC §3, §4 (M1, M7, M9) and §7.
 *
 * <p>Input tables the caller creates:
 * <ul>
 *   <li>{@code fact(platform, marketplace, category, month, product_id, seller_id, brand, units, revenue, price)}:
 *       one row per listing-month (sales: Σ quantity, Σ unit price in base currency · quantity, price = revenue ÷
 *       units; competitors: the snapshot's est_units, est_units · price, price), months up to the last full
 *       month;</li>
 *   <li>{@code demand_orders(platform, marketplace, category, month, order_key)}: one row per demand sales line
 *       (for distinct order counts).</li>
 * </ul>
 * Scopes are every (platform, marketplace, category) and the roll-ups that replace any of the three with
 * {@code ALL}; periods are every month, {@code window} (the 12 months ending at the last full month) and, for
 * comparisons only, {@code previous_window}.
 */
public final class MarketSql {

    /** The analysis months: the last full month at the as-of date, and the window of {@code months} ending there. */
    public record Window(YearMonth last, int months) {
        public static Window asOf(LocalDate asOf, int months) {
            YearMonth m = YearMonth.from(asOf);
            return new Window(asOf.equals(m.atEndOfMonth()) ? m : m.minusMonths(1), months);
        }

        public String lastMonth() {
            return last.toString();
        }

        public String firstMonth() {
            return last.minusMonths(months - 1L).toString();
        }

        public String previousFirst() {
            return last.minusMonths(2L * months - 1).toString();
        }

        public String previousLast() {
            return last.minusMonths(months).toString();
        }
    }

    private static final String SCOPES = "(VALUES (false, false, false), (false, false, true), (false, true, false),"
            + " (false, true, true), (true, false, false), (true, false, true), (true, true, false), (true, true, true))"
            + " s(all_p, all_m, all_c)";

    private MarketSql() {
    }

    /**
     * Creates {@code fact_scoped}: each fact row once per period label (its month, {@code window},
     * {@code previous_window}) and per scope, with the scope in {@code s_platform, s_marketplace, s_category}; and
     * {@code orders_scoped} likewise for {@code demand_orders}.
     */
    public static void scope(DuckDb db, Window w) {
        for (String[] t : new String[][]{{"fact", "fact_scoped"}, {"demand_orders", "orders_scoped"}}) {
            db.exec("CREATE OR REPLACE TEMP TABLE " + t[1] + " AS"
                    + " WITH labelled AS (SELECT *, month AS period FROM " + t[0] + " WHERE month <= " + literal(w.lastMonth())
                    + " UNION ALL SELECT *, 'window' FROM " + t[0] + " WHERE month BETWEEN " + literal(w.firstMonth())
                    + "   AND " + literal(w.lastMonth())
                    + " UNION ALL SELECT *, 'previous_window' FROM " + t[0] + " WHERE month BETWEEN " + literal(w.previousFirst())
                    + "   AND " + literal(w.previousLast()) + ")"
                    + " SELECT CASE WHEN all_p THEN 'ALL' ELSE platform END AS s_platform,"
                    + "   CASE WHEN all_m THEN 'ALL' ELSE marketplace END AS s_marketplace,"
                    + "   CASE WHEN all_c THEN 'ALL' ELSE category END AS s_category, l.*"
                    + " FROM labelled l CROSS JOIN " + SCOPES);
        }
    }

    /**
     * Creates {@code exp_market_size(platform, marketplace, category, period, revenue, units, orders, sellers,
     * products, products_any_marketplace, mom_growth, yoy_growth, cagr)} (SPEC M1): sellers are distinct
     * (platform, seller_id) and products distinct (platform, marketplace, product_id) with units above 0;
     * {@code products_any_marketplace} counts (platform, product_id), i.e. a product sold in several marketplaces
     * once. Growth = revenue ÷ revenue of the month before (12 months before; for {@code window} the window before)
     * − 1, null without a previous revenue above 0; CAGR of the window = (revenue ÷ previous window's)^(12 / months) − 1.
     */
    public static void marketSize(DuckDb db, Window w) {
        db.exec("CREATE OR REPLACE TEMP TABLE exp_market_size_all AS"
                + " WITH sized AS (SELECT s_platform AS platform, s_marketplace AS marketplace, s_category AS category, period,"
                + "   sum(revenue) AS revenue, sum(units) AS units,"
                + "   count(DISTINCT platform || chr(1) || seller_id) FILTER (WHERE units > 0) AS sellers,"
                + "   count(DISTINCT platform || chr(1) || marketplace || chr(1) || product_id) FILTER (WHERE units > 0) AS products,"
                + "   count(DISTINCT platform || chr(1) || product_id) FILTER (WHERE units > 0) AS products_any_marketplace"
                + "   FROM fact_scoped GROUP BY ALL),"
                + " orders AS (SELECT s_platform AS platform, s_marketplace AS marketplace, s_category AS category, period,"
                + "   count(DISTINCT order_key) AS orders FROM orders_scoped GROUP BY ALL)"
                + " SELECT s.*, coalesce(o.orders, 0) AS orders,"
                + "   CASE WHEN s.period NOT LIKE '%window' THEN strftime(CAST(s.period || '-01' AS DATE) - INTERVAL 1 MONTH, '%Y-%m') END AS prev_month,"
                + "   CASE WHEN s.period NOT LIKE '%window' THEN strftime(CAST(s.period || '-01' AS DATE) - INTERVAL 12 MONTH, '%Y-%m') END AS prev_year"
                + " FROM sized s LEFT JOIN orders o USING (platform, marketplace, category, period)");
        double years = w.months() / 12.0;
        db.exec("CREATE OR REPLACE TEMP TABLE exp_market_size AS"
                + " SELECT m.platform, m.marketplace, m.category, m.period, m.revenue, m.units, m.orders, m.sellers,"
                + "   m.products, m.products_any_marketplace,"
                + "   CASE WHEN pm.revenue > 0 THEN m.revenue / pm.revenue - 1 END AS mom_growth,"
                + "   CASE WHEN m.period = 'window' THEN (CASE WHEN pw.revenue > 0 THEN m.revenue / pw.revenue - 1 END)"
                + "        WHEN py.revenue > 0 THEN m.revenue / py.revenue - 1 END AS yoy_growth,"
                + "   CASE WHEN m.period = 'window' AND pw.revenue > 0 THEN pow(m.revenue / pw.revenue, 1.0 / " + years + ") - 1 END AS cagr"
                + " FROM exp_market_size_all m"
                + " LEFT JOIN exp_market_size_all pm ON pm.platform = m.platform AND pm.marketplace = m.marketplace"
                + "   AND pm.category = m.category AND pm.period = m.prev_month"
                + " LEFT JOIN exp_market_size_all py ON py.platform = m.platform AND py.marketplace = m.marketplace"
                + "   AND py.category = m.category AND py.period = m.prev_year"
                + " LEFT JOIN exp_market_size_all pw ON pw.platform = m.platform AND pw.marketplace = m.marketplace"
                + "   AND pw.category = m.category AND pw.period = 'previous_window' AND m.period = 'window'"
                + " WHERE m.period <> 'previous_window'");
    }

    /**
     * Creates {@code exp_concentration(platform, marketplace, category, period, entity, entities, cr4, cr8, cr10,
     * hhi, doj2023_class, doj2010_class, bain_cr4_class, bain_cr8_class, cr4_change, cr8_change, cr10_change, hhi_change)} (SPEC M7) for entity seller (platform,
     * seller_id), product (platform, marketplace, product_id) and brand (trimmed, rows without one left out):
     * shares of revenue among the entities with revenue above 0, CR_n = 100 · Σ of the n largest ÷ Σ, HHI = Σ
     * (100 · share)². Classes, decided on the values rounded to 1e-6 (the published precision): DOJ 2023 — highly
     * concentrated above 1800, moderately from 1000, else unconcentrated; DOJ 2010 — above 2500, from 1500; Bain
     * CR4 — ≥ 75, ≥ 50, ≥ 25; CR8 bands — ≥ 70, ≥ 40, ≥ 20. A (scope, period, entity) whose fact rows have no
     * revenue (or no brand) has 0 entities and null metrics. {@code <metric>_change} = the value − the value of the
     * month before (for {@code window}: of the window before), null without one.
     */
    public static void concentration(DuckDb db) {
        db.exec("CREATE OR REPLACE TEMP TABLE exp_concentration_all AS"
                + " WITH keyed AS ("
                + "   SELECT s_platform, s_marketplace, s_category, period, 'seller' AS entity,"
                + "     platform || chr(1) || seller_id AS ekey, revenue FROM fact_scoped"
                + "   UNION ALL SELECT s_platform, s_marketplace, s_category, period, 'product',"
                + "     platform || chr(1) || marketplace || chr(1) || product_id, revenue FROM fact_scoped"
                + "   UNION ALL SELECT s_platform, s_marketplace, s_category, period, 'brand',"
                + "     nullif(trim(brand), ''), revenue FROM fact_scoped),"
                + " per AS (SELECT s_platform, s_marketplace, s_category, period, entity, ekey, sum(revenue) AS v"
                + "   FROM keyed GROUP BY ALL),"
                + " ranked AS (SELECT *, row_number() OVER (PARTITION BY s_platform, s_marketplace, s_category, period, entity"
                + "   ORDER BY (ekey IS NOT NULL AND v > 0) DESC, v DESC, ekey) AS r, ekey IS NOT NULL AND v > 0 AS counted FROM per),"
                + " sums AS (SELECT s_platform AS platform, s_marketplace AS marketplace, s_category AS category, period, entity,"
                + "   count(*) FILTER (WHERE counted) AS entities, sum(v) FILTER (WHERE counted) AS total,"
                + "   sum(v * v) FILTER (WHERE counted) AS squares,"
                + "   sum(v) FILTER (WHERE counted AND r <= 4) AS top4, sum(v) FILTER (WHERE counted AND r <= 8) AS top8,"
                + "   sum(v) FILTER (WHERE counted AND r <= 10) AS top10"
                + "   FROM ranked GROUP BY ALL),"
                + " metrics AS (SELECT platform, marketplace, category, period, entity, entities,"
                + "   CASE WHEN entities > 0 THEN 100 * top4 / total END AS cr4,"
                + "   CASE WHEN entities > 0 THEN 100 * top8 / total END AS cr8,"
                + "   CASE WHEN entities > 0 THEN 100 * top10 / total END AS cr10,"
                + "   CASE WHEN entities > 0 THEN 10000 * squares / (total * total) END AS hhi FROM sums)"
                + " SELECT *,"
                + "   CASE WHEN hhi IS NULL THEN NULL WHEN round(hhi, 6) > 1800 THEN 'highly_concentrated'"
                + "     WHEN round(hhi, 6) >= 1000 THEN 'moderately_concentrated' ELSE 'unconcentrated' END AS doj2023_class,"
                + "   CASE WHEN hhi IS NULL THEN NULL WHEN round(hhi, 6) > 2500 THEN 'highly_concentrated'"
                + "     WHEN round(hhi, 6) >= 1500 THEN 'moderately_concentrated' ELSE 'unconcentrated' END AS doj2010_class,"
                + "   CASE WHEN cr4 IS NULL THEN NULL WHEN round(cr4, 6) >= 75 THEN 'high_oligopoly'"
                + "     WHEN round(cr4, 6) >= 50 THEN 'moderate_oligopoly' WHEN round(cr4, 6) >= 25 THEN 'low_oligopoly'"
                + "     ELSE 'atomistic' END AS bain_cr4_class,"
                + "   CASE WHEN cr8 IS NULL THEN NULL WHEN round(cr8, 6) >= 70 THEN 'very_high_oligopoly'"
                + "     WHEN round(cr8, 6) >= 40 THEN 'low_concentration_oligopoly'"
                + "     WHEN round(cr8, 6) >= 20 THEN 'low_concentration_competitive' ELSE 'fragmented' END AS bain_cr8_class"
                + " FROM metrics");
        String change = " c.%1$s - p.%1$s AS %1$s_change,";
        db.exec("CREATE OR REPLACE TEMP TABLE exp_concentration AS SELECT c.*,"
                + String.format(change, "cr4") + String.format(change, "cr8") + String.format(change, "cr10")
                + String.format(change, "hhi").replace(",", "")
                + " FROM exp_concentration_all c LEFT JOIN exp_concentration_all p ON p.platform = c.platform"
                + "   AND p.marketplace = c.marketplace AND p.category = c.category AND p.entity = c.entity"
                + "   AND p.period = CASE WHEN c.period = 'window' THEN 'previous_window'"
                + "     ELSE strftime(CAST(c.period || '-01' AS DATE) - INTERVAL 1 MONTH, '%Y-%m') END"
                + " WHERE c.period <> 'previous_window'");
    }

    /**
     * Creates {@code exp_listings(platform, marketplace, category, listing, seller, units, revenue, price)} (SPEC M9,
     * window only) for the category-level scopes (a category; over all platforms and/or marketplaces): a listing is
     * (platform, marketplace, product_id, seller_id) with fact rows in the window; its price is revenue ÷ units when
     * it sold, else the price of its latest month.
     */
    public static void listings(DuckDb db, Window w) {
        db.exec("CREATE OR REPLACE TEMP TABLE exp_listings AS"
                + " WITH l AS (SELECT platform, marketplace, category, product_id, seller_id,"
                + "   sum(units) AS units, sum(revenue) AS revenue, arg_max(price, month) FILTER (WHERE price IS NOT NULL) AS latest_price"
                + "   FROM fact WHERE month BETWEEN " + literal(w.firstMonth()) + " AND " + literal(w.lastMonth())
                + "   GROUP BY ALL)"
                + " SELECT CASE WHEN all_p THEN 'ALL' ELSE platform END AS platform,"
                + "   CASE WHEN all_m THEN 'ALL' ELSE marketplace END AS marketplace, category,"
                + "   platform || chr(1) || marketplace || chr(1) || product_id || chr(1) || seller_id AS listing,"
                + "   platform || chr(1) || seller_id AS seller, units, revenue,"
                + "   CASE WHEN units > 0 THEN revenue / units ELSE latest_price END AS price"
                + " FROM l CROSS JOIN " + SCOPES + " WHERE NOT all_c");
    }

    /**
     * Creates {@code exp_bands(platform, marketplace, category, band_index, listings, sellers, units, revenue)}: the
     * listings of {@code exp_listings} placed into the bands whose edges the table {@code bands} (marketlens'
     * price_bands) gives — [low, high), the last band closed, prices below the first or above the last edge in the end
     * bands — and counted per band. Also {@code exp_unplaced}: listings of scopes that have no bands at all.
     */
    public static void placeListings(DuckDb db, String bands) {
        db.exec("CREATE OR REPLACE TEMP TABLE exp_placed AS"
                + " SELECT l.*, (SELECT coalesce(max(b.band_index) FILTER (WHERE b.band_low <= l.price), min(b.band_index))"
                + "   FROM " + bands + " b WHERE b.platform = l.platform AND b.marketplace = l.marketplace"
                + "   AND b.category = l.category) AS band_index"
                + " FROM exp_listings l WHERE l.price IS NOT NULL");
        db.exec("CREATE OR REPLACE TEMP TABLE exp_bands AS"
                + " SELECT platform, marketplace, category, band_index, count(*) AS listings, count(DISTINCT seller) AS sellers,"
                + "   sum(units) AS units, sum(revenue) AS revenue FROM exp_placed WHERE band_index IS NOT NULL GROUP BY ALL");
        db.exec("CREATE OR REPLACE TEMP TABLE exp_unplaced AS SELECT * FROM exp_placed WHERE band_index IS NULL");
    }

    /**
     * Checks of marketlens' price_bands table {@code bands} against {@code exp_listings} (which must exist) and the
     * scope's window units in {@code marketSize}: band listings, sellers, units and revenue recounted by placing the
     * SQL's listings into the table's bands, every priced listing placed, Σ band units = the scope's window units, shares and opportunity
     * from the band's counts, edges contiguous and covering the 1st–99th percentile of price, and the best band.
     */
    public static List<String> priceBandProblems(DuckDb db, String bands, String marketSize, Consumer<String> log) {
        if (!bands.equals("act_bands")) {
            db.exec("CREATE OR REPLACE TEMP TABLE act_bands AS SELECT * FROM " + bands);
        }
        placeListings(db, "act_bands");
        List<String> problems = new ArrayList<>();
        TableDiff.Result r = TableDiff.compare(db, "price_bands",
                "(SELECT b.platform, b.marketplace, b.category, b.band_index, coalesce(e.listings, 0) AS listings,"
                        + " coalesce(e.sellers, 0) AS sellers, coalesce(e.units, 0) AS units, coalesce(e.revenue, 0) AS revenue"
                        + " FROM act_bands b LEFT JOIN exp_bands e USING (platform, marketplace, category, band_index))",
                "act_bands", List.of("platform", "marketplace", "category", "band_index"),
                List.of(TableDiff.Check.exact("listings"), TableDiff.Check.exact("sellers"), TableDiff.Check.exact("units"),
                        TableDiff.Check.relative("revenue", 1e-9)), null);
        log.accept(r.summary());
        r.discrepancies().forEach(d -> problems.add("band counts: " + d));
        db.rows("SELECT * FROM exp_unplaced LIMIT 20").forEach(u -> problems.add("listing in a scope without bands: " + u));
        db.rows("SELECT platform, marketplace, category, s.units AS window_units, b.units AS band_units"
                        + " FROM (SELECT platform, marketplace, category, units FROM " + marketSize
                        + "   WHERE period = 'window' AND category <> 'ALL') s"
                        + " FULL OUTER JOIN (SELECT platform, marketplace, category, sum(units) AS units"
                        + "   FROM act_bands GROUP BY ALL) b USING (platform, marketplace, category)"
                        + " WHERE s.units IS DISTINCT FROM b.units AND NOT (b.units IS NULL AND s.units = 0)")
                .forEach(u -> problems.add("band units do not add up to the window units: " + u));
        db.rows("SELECT platform, marketplace, category, band_index, demand_share, supply_share, opportunity,"
                        + " units / sum(units) OVER s AS e_demand, listings / sum(listings) OVER s AS e_supply FROM act_bands"
                        + " WINDOW s AS (PARTITION BY platform, marketplace, category)"
                        + " QUALIFY abs(demand_share - e_demand) > 1e-9 * e_demand OR abs(supply_share - e_supply) > 1e-9 * e_supply"
                        + " OR abs(opportunity - e_demand / e_supply) > 1e-9 * e_demand / e_supply"
                        + " OR (opportunity IS NULL) <> (e_supply = 0 OR e_supply IS NULL)")
                .forEach(u -> problems.add("shares: " + u));
        db.rows("SELECT platform, marketplace, category, band_index, band_low, band_high,"
                        + " lag(band_high) OVER s AS previous_high, (band_high - band_low) AS width, first_value(band_high - band_low) OVER s AS first_width"
                        + " FROM act_bands WINDOW s AS (PARTITION BY platform, marketplace, category ORDER BY band_index)"
                        + " QUALIFY NOT (band_low < band_high) OR (previous_high IS NOT NULL AND previous_high <> band_low)"
                        + " OR abs(width - first_width) > 1e-9 * first_width")
                .forEach(u -> problems.add("edges not contiguous and equal-width: " + u));
        db.rows("SELECT b.*, p.p01, p.p99 FROM (SELECT platform, marketplace, category, count(*) AS bands, min(band_index) AS first,"
                        + "   max(band_index) AS last, min(band_low) AS low, max(band_high) AS high, max(band_high - band_low) AS width"
                        + "   FROM act_bands GROUP BY ALL) b"
                        + " JOIN (SELECT platform, marketplace, category, quantile_cont(price, 0.01) AS p01, quantile_cont(price, 0.99) AS p99,"
                        + "   count(*) AS n FROM exp_listings WHERE price IS NOT NULL GROUP BY ALL) p USING (platform, marketplace, category)"
                        + " WHERE p.n >= 2 AND p.p99 > p.p01 AND (b.first <> 0 OR b.last <> b.bands - 1 OR b.bands < 5 OR b.bands > 12"
                        + "   OR b.low > p.p01 * (1 + 1e-9) OR b.high < p.p99 * (1 - 1e-9)"
                        + "   OR NOT list_contains([1, 2, 5], CAST(round(b.width / pow(10, floor(log10(b.width) + 1e-9))) AS INTEGER)))")
                .forEach(u -> problems.add("automatic edges (1-2-5 x 10^k, 5..12 bands over p1..p99): " + u));
        db.rows("WITH e AS (SELECT *, demand_share >= 0.05 AND listings >= 3 AND opportunity IS NOT NULL AS eligible FROM act_bands),"
                        + " best AS (SELECT platform, marketplace, category,"
                        + "   arg_max(band_index, (opportunity, revenue, -band_index)) FILTER (WHERE eligible) AS e_best,"
                        + "   max(opportunity) FILTER (WHERE eligible) AS e_top,"
                        + "   list(band_index ORDER BY band_index) FILTER (WHERE is_best) AS a_best FROM e GROUP BY ALL)"
                        + " SELECT best.*, (SELECT opportunity FROM e WHERE e.platform = best.platform AND e.marketplace = best.marketplace"
                        + "   AND e.category = best.category AND e.band_index = best.a_best[1]) AS a_opportunity FROM best"
                        + " WHERE (e_best IS NULL) <> (a_best IS NULL) OR len(a_best) > 1"
                        + " OR (e_best IS NOT NULL AND a_best[1] <> e_best AND abs(a_opportunity - e_top) > 1e-9 * e_top)")
                .forEach(u -> problems.add("best band: " + u));
        long scopes = db.count("SELECT count(DISTINCT (platform, marketplace, category)) FROM act_bands");
        long withBest = db.count("SELECT count(*) FROM act_bands WHERE is_best");
        log.accept(String.format(Locale.ROOT, "price_bands: %d scopes, %d bands, %d with a best band, %d listings placed", scopes,
                db.count("SELECT count(*) FROM act_bands"), withBest, db.count("SELECT count(*) FROM exp_placed")));
        if (scopes == 0) {
            problems.add("price_bands has no rows");
        }
        return problems;
    }
}
