package io.marketlens;

import static io.marketlens.testing.DuckDb.literal;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.tables.RunManifest;
import io.marketlens.testing.DuckDb;
import io.marketlens.testing.MarketSql;
import io.marketlens.testing.OlistExport;
import io.marketlens.testing.OlistOwnStoreRun;
import io.marketlens.testing.SparkTestSession;
import io.marketlens.testing.TableDiff;
import io.marketlens.testing.TableDiff.Check;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The own store (M15: {@code own_store}) on real data: the Olist 2017 subset ({@code shared/datasets/olist-2017-subset})
 * converted by {@link OlistExport} (sales only; base currency BRL, time zone UTC; the converter writes Olist's
 * order_status verbatim as the line's status), one real Olist seller named the own store with {@code own_seller_ids},
 * run once through {@code marketlens run}, and checked against DuckDB SQL on the raw Olist files ({@code orders.csv},
 * {@code order_items.csv}, {@code products.csv}, {@code product_category_name_translation.csv}), never the converter's
 * output and no marketlens code:
 * <ul>
 *   <li>a line is an item, one unit at its {@code price} (summed exactly, as DECIMAL), of an order with a purchase
 *       timestamp and a product with a category (the English name, else the Portuguese one); its month is that of
 *       {@code order_purchase_timestamp} as written; it is cancelled when its order's status is {@code canceled}, and
 *       demand otherwise;</li>
 *   <li>the own store: among the sellers with a cancelled line and demand in at least three categories, the one with
 *       the most demand revenue (ties by seller_id), chosen here in SQL before the run
 *       ({@link OlistOwnStoreRun#CHOOSE_OWN_SQL}; the run is shared with {@link OlistCompetitorsTest});</li>
 *   <li>scopes: each category on platform {@value OlistExport#PLATFORM} / all platforms × marketplace
 *       {@value OlistExport#MARKETPLACE} / all marketplaces; periods: each month up to the last full month, the window
 *       and the previous window (from the run's as-of date); a row where the market has demand revenue or the own store
 *       has lines;</li>
 *   <li>revenue, units, orders (distinct order_id of own demand lines), aov; lines, cancelled lines, cancel_rate by line
 *       and by revenue; returned lines (none: Olist has no return status); market revenue, share, sellers with revenue,
 *       rank = 1 + sellers with more revenue than the own store; asp, market asp, price position; growth, market growth
 *       and relative growth against the same period a year before (the previous window for the window) where the data
 *       (its first month) covers it; the status's insufficient_history, no_prior_year_sales and no_own_products.</li>
 * </ul>
 * One pipeline run serves every assertion (a run of 0 s: an earlier test of the JVM ran it). Skipped when the data set is absent.
 */
class OlistOwnStoreTest {

    static final double REL = 1e-9;
    static final String WHO = "OlistOwnStoreTest";
    /** The category-level scopes: (platform, marketplace) with a real value or ALL, per category. */
    static final String SCOPES = "(VALUES (false, false), (false, true), (true, false), (true, true)) s(all_p, all_m)";
    static final List<String> KEYS = List.of("platform", "marketplace", "category", "period");

    static Path runDir;
    static DuckDb db;
    static String previousZone;
    static String own;

    @BeforeAll
    static void chooseOwnStoreRunAndLoad() throws Exception {
        Path olist = OlistExport.locate().orElse(null);
        Assumptions.assumeTrue(olist != null, "shared/datasets/" + OlistExport.DATASET + " is absent; skipping the Olist own-store test");
        previousZone = SparkTestSession.get().conf().get("spark.sql.session.timeZone");

        db = DuckDb.open();
        OlistOwnStoreRun.loadLines(db, olist);
        Map<String, Object> chosen = db.rows(OlistOwnStoreRun.CHOOSE_OWN_SQL).get(0);
        own = (String) chosen.get("seller_id");
        System.err.println(WHO + ": own store " + chosen + ", per category " + db.rows("SELECT category, month, status,"
                + " count(*) AS lines, sum(price) AS revenue FROM lines WHERE seller_id = " + literal(own)
                + " AND (cancelled OR category IN (SELECT category FROM lines WHERE seller_id = " + literal(own) + " AND cancelled))"
                + " GROUP BY ALL ORDER BY ALL"));

        OlistOwnStoreRun.Run run = OlistOwnStoreRun.of(olist, own);
        double runSeconds = run.seconds();
        runDir = run.runDir();
        RunManifest manifest = RunManifest.fromJson(Files.readString(runDir.resolve("manifest.json")));
        MarketSql.Window window = MarketSql.Window.asOf(LocalDate.parse(manifest.asOf()), 12);

        long t1 = System.nanoTime();
        expected(db, window, own);
        db.exec("CREATE TEMP TABLE act_own AS SELECT *,"
                + " coalesce(status, '') LIKE '%insufficient_history%' AS insufficient_history,"
                + " coalesce(status, '') LIKE '%no_prior_year_sales%' AS no_prior_year_sales,"
                + " coalesce(status, '') LIKE '%no_own_products%' AS no_own_products"
                + " FROM " + TableDiff.parquetTable(runDir, "own_store"));
        System.err.printf(Locale.ROOT, "%s: pipeline run %.1f s, SQL %.1f s; as_of %s, window %s..%s%n", WHO, runSeconds,
                (System.nanoTime() - t1) / 1e9, manifest.asOf(), window.firstMonth(), window.lastMonth());
    }

    @AfterAll
    static void close() {
        if (db != null) {
            db.close();
        }
        if (previousZone != null) {
            SparkTestSession.get().conf().set("spark.sql.session.timeZone", previousZone);
        }
    }

    /**
     * {@code exp_sellers} (scope, period, seller: demand revenue), {@code exp_cells} (scope, period: the own store's and
     * the market's sums) and {@code exp_own} (the own_store rows as the definitions give them).
     */
    static void expected(DuckDb db, MarketSql.Window w, String own) {
        db.exec("CREATE TEMP TABLE labelled AS"
                + " WITH d AS (SELECT " + literal(OlistExport.PLATFORM) + " AS platform, " + literal(OlistExport.MARKETPLACE)
                + "   AS marketplace, * FROM lines WHERE month <= " + literal(w.lastMonth()) + "),"
                + " p AS (SELECT *, month AS period FROM d"
                + "   UNION ALL SELECT *, 'window' FROM d WHERE month BETWEEN " + literal(w.firstMonth()) + " AND " + literal(w.lastMonth())
                + "   UNION ALL SELECT *, 'previous_window' FROM d WHERE month BETWEEN " + literal(w.previousFirst())
                + "     AND " + literal(w.previousLast()) + ")"
                + " SELECT CASE WHEN all_p THEN 'ALL' ELSE platform END AS platform,"
                + "   CASE WHEN all_m THEN 'ALL' ELSE marketplace END AS marketplace, category, period, seller_id, order_id,"
                + "   price, cancelled FROM p CROSS JOIN " + SCOPES);
        db.exec("CREATE TEMP TABLE exp_sellers AS SELECT platform, marketplace, category, period, seller_id,"
                + " coalesce(sum(price) FILTER (WHERE NOT cancelled), 0) AS revenue FROM labelled GROUP BY ALL");
        String isOwn = "seller_id = " + literal(own);
        db.exec("CREATE TEMP TABLE exp_cells AS SELECT platform, marketplace, category, period,"
                + " coalesce(sum(price) FILTER (WHERE NOT cancelled), 0) AS market_revenue,"
                + " count(*) FILTER (WHERE NOT cancelled) AS market_units,"
                + " coalesce(sum(price) FILTER (WHERE " + isOwn + " AND NOT cancelled), 0) AS revenue,"
                + " count(*) FILTER (WHERE " + isOwn + " AND NOT cancelled) AS units,"
                + " count(DISTINCT order_id) FILTER (WHERE " + isOwn + " AND NOT cancelled) AS orders,"
                + " count(*) FILTER (WHERE " + isOwn + ") AS lines,"
                + " count(*) FILTER (WHERE " + isOwn + " AND cancelled) AS cancelled_lines,"
                + " coalesce(sum(price) FILTER (WHERE " + isOwn + " AND cancelled), 0) AS cancelled_revenue,"
                + " coalesce(sum(price) FILTER (WHERE " + isOwn + "), 0) AS gross_revenue"
                + " FROM labelled GROUP BY ALL");
        // the data's first month: of the market's demand, or of the own lines
        String first = (String) db.scalar("SELECT min(month) FROM lines WHERE month <= " + literal(w.lastMonth())
                + " AND (NOT cancelled OR " + isOwn + ")");
        db.exec("CREATE TEMP TABLE exp_own AS"
                + " WITH c AS (SELECT *, CASE WHEN period = 'window' THEN 'previous_window'"
                + "     WHEN period = 'previous_window' THEN NULL"
                + "     ELSE strftime(CAST(period || '-01' AS DATE) - INTERVAL 12 MONTH, '%Y-%m') END AS prior,"
                + "   CASE WHEN period = 'window' THEN " + literal(w.previousFirst()) + " >= " + literal(first)
                + "     WHEN period = 'previous_window' THEN strftime(CAST(" + literal(w.previousFirst()) + " || '-01' AS DATE)"
                + "       - INTERVAL 12 MONTH, '%Y-%m') >= " + literal(first)
                + "     ELSE strftime(CAST(period || '-01' AS DATE) - INTERVAL 12 MONTH, '%Y-%m') >= " + literal(first)
                + "   END AS covered FROM exp_cells WHERE market_revenue > 0 OR lines > 0),"
                + " g AS (SELECT c.*, CASE WHEN c.covered AND coalesce(pc.revenue, 0) > 0"
                + "     THEN CAST(c.revenue AS DOUBLE) / CAST(pc.revenue AS DOUBLE) - 1 END AS growth,"
                + "   CASE WHEN c.covered AND coalesce(pc.market_revenue, 0) > 0"
                + "     THEN CAST(c.market_revenue AS DOUBLE) / CAST(pc.market_revenue AS DOUBLE) - 1 END AS market_growth,"
                + "   c.covered AND coalesce(pc.revenue, 0) <= 0 AS no_prior_year_sales"
                + "   FROM c LEFT JOIN exp_cells pc ON pc.platform = c.platform AND pc.marketplace = c.marketplace"
                + "     AND pc.category = c.category AND pc.period = c.prior)"
                + " SELECT platform, marketplace, category, period, CAST(revenue AS DOUBLE) AS revenue, orders,"
                + "   CASE WHEN orders > 0 THEN CAST(revenue AS DOUBLE) / orders END AS aov, units, lines, cancelled_lines,"
                + "   CASE WHEN lines > 0 THEN cancelled_lines / lines END AS cancel_rate,"
                + "   CASE WHEN gross_revenue > 0 THEN CAST(cancelled_revenue AS DOUBLE) / CAST(gross_revenue AS DOUBLE) END"
                + "     AS cancel_revenue_rate,"
                + "   0 AS returned_lines, CASE WHEN lines > 0 THEN 0.0 END AS return_rate,"
                + "   CAST(market_revenue AS DOUBLE) AS market_revenue,"
                + "   CASE WHEN market_revenue > 0 THEN CAST(revenue AS DOUBLE) / CAST(market_revenue AS DOUBLE) END AS share,"
                + "   CASE WHEN revenue > 0 THEN 1 + (SELECT count(*) FROM exp_sellers s WHERE s.platform = g.platform"
                + "     AND s.marketplace = g.marketplace AND s.category = g.category AND s.period = g.period"
                + "     AND s.seller_id <> " + literal(own) + " AND s.revenue > g.revenue) END AS rank,"
                + "   (SELECT count(*) FROM exp_sellers s WHERE s.platform = g.platform AND s.marketplace = g.marketplace"
                + "     AND s.category = g.category AND s.period = g.period AND s.revenue > 0) AS sellers,"
                + "   growth, market_growth, 100 * (growth - market_growth) AS relative_growth,"
                + "   CASE WHEN units > 0 THEN CAST(revenue AS DOUBLE) / units END AS asp,"
                + "   CASE WHEN market_units > 0 THEN CAST(market_revenue AS DOUBLE) / market_units END AS market_asp,"
                + "   CASE WHEN units > 0 AND market_units > 0 THEN (CAST(revenue AS DOUBLE) / units)"
                + "     / (CAST(market_revenue AS DOUBLE) / market_units) END AS price_position,"
                + "   0 AS shipments, lines AS rows, NOT covered AS insufficient_history, no_prior_year_sales,"
                + "   revenue <= 0 AS no_own_products"
                + " FROM g");
    }

    @Test
    void everyCategoryRowMatchesTheRawItems() {
        TableDiff.Result r = TableDiff.compare(db, "own_store", "exp_own", "act_own", KEYS,
                List.of(Check.relative("revenue", REL), Check.exact("orders"), Check.relative("aov", REL), Check.exact("units"),
                        Check.exact("lines"), Check.exact("cancelled_lines"), Check.relative("cancel_rate", REL),
                        Check.relative("cancel_revenue_rate", REL), Check.exact("returned_lines"),
                        Check.relative("return_rate", REL), Check.relative("market_revenue", REL), Check.relative("share", REL),
                        Check.exact("rank"), Check.exact("sellers"), Check.relative("growth", REL),
                        Check.relative("market_growth", REL), Check.relative("relative_growth", REL), Check.relative("asp", REL),
                        Check.relative("market_asp", REL), Check.relative("price_position", REL), Check.exact("shipments"),
                        Check.exact("rows"), Check.exact("insufficient_history"), Check.exact("no_prior_year_sales"),
                        Check.exact("no_own_products")),
                "category <> 'ALL'");
        TableDiff.assertClean(WHO, r);
        System.err.println(WHO + ": " + r.summary());
        System.err.println(WHO + ": rows where the own store sells: " + db.rows("SELECT period = 'window' AS window,"
                + " count(*) AS rows, count(DISTINCT category) AS categories, sum(cancelled_lines) AS cancelled_lines,"
                + " min(rank) AS best_rank, max(rank) AS worst_rank, count(growth) AS with_growth"
                + " FROM exp_own WHERE lines > 0 GROUP BY ALL ORDER BY ALL"));
        assertThat(r.matchedRows()).as("category-level rows compared").isGreaterThan(1000);
        assertThat(db.count("SELECT count(*) FROM exp_own WHERE cancelled_lines > 0 AND period = 'window'"))
                .as("window rows with a cancelled own line").isGreaterThan(0);
        assertThat(db.count("SELECT count(*) FROM exp_own WHERE rank IS NOT NULL AND period = 'window'"))
                .as("window rows where the own store is ranked (its categories × 4 scopes)").isGreaterThanOrEqualTo(12);
    }

    @Test
    void theRevenueIsTheOwnStoresShareOfTheMarketSizeAndTheCompetitorsRankBesideIt() {
        // market_revenue is market_size.revenue, and the own store's rank is one more than the competitors above it
        TableDiff.Result size = TableDiff.compare(db, "own_store.market_revenue = market_size.revenue",
                "(SELECT platform, marketplace, category, period, revenue AS market_revenue FROM "
                        + TableDiff.parquetTable(runDir, "market_size") + " WHERE revenue > 0)",
                "(SELECT platform, marketplace, category, period, market_revenue FROM act_own WHERE market_revenue > 0"
                        + " AND period <> 'previous_window')",
                KEYS, List.of(Check.relative("market_revenue", REL)), null);
        TableDiff.assertClean(WHO, size);
        TableDiff.Result ranked = TableDiff.compare(db, "own_store.rank = 1 + competitors ranked above",
                "(SELECT o.platform, o.marketplace, o.category, o.period, 1 + (SELECT count(*) FROM "
                        + TableDiff.parquetTable(runDir, "competitors") + " c WHERE c.platform = o.platform"
                        + " AND c.marketplace = o.marketplace AND c.category = o.category AND c.period = o.period"
                        + " AND round(c.revenue, 6) > round(o.revenue, 6)) AS rank FROM act_own o WHERE o.rank IS NOT NULL)",
                "(SELECT platform, marketplace, category, period, rank FROM act_own WHERE rank IS NOT NULL)",
                KEYS, List.of(Check.exact("rank")), "category <> 'ALL'");
        TableDiff.assertClean(WHO, ranked);
        System.err.println(WHO + ": " + size.summary() + "; " + ranked.summary());
    }
}
