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
 * Competitor analysis (M11: {@code competitors}, {@code competitor_benchmark}) on real data: the Olist 2017 subset
 * ({@code shared/datasets/olist-2017-subset}) converted by {@link OlistExport} (sales only; base currency BRL, time
 * zone UTC), one real Olist seller named the own store with {@code own_seller_ids}, run once through
 * {@code marketlens run}, and checked against DuckDB SQL on the raw Olist files ({@code orders.csv},
 * {@code order_items.csv}, {@code products.csv}, {@code product_category_name_translation.csv}), never the
 * converter's output and no marketlens code:
 * <ul>
 *   <li>an item is one unit at its {@code price} (summed exactly, as DECIMAL); it counts when its order is not
 *       {@code canceled} and its product has a category (the English name, else the Portuguese one); its month is
 *       that of {@code order_purchase_timestamp} as written;</li>
 *   <li>the own store: among the sellers with an item of a {@code canceled} order and demand in at least three
 *       categories, the one with the most demand revenue (ties by seller_id), chosen here in SQL before the run
 *       ({@link OlistOwnStoreRun#CHOOSE_OWN_SQL}; the run is shared with {@link OlistOwnStoreTest});</li>
 *   <li>scopes: each category on platform {@value OlistExport#PLATFORM} / all platforms × marketplace
 *       {@value OlistExport#MARKETPLACE} / all marketplaces; periods: each month up to the last full month and the
 *       window (the 12 months ending there, from the run's as-of date);</li>
 *   <li>per scope, period and seller other than the own store: revenue; share of the scope's revenue (own store
 *       included); rank by revenue (exact) among sellers with revenue &gt; 0, ties by platform, then seller_id; against the previous period
 *       (the month before, the 12 months before the window) when the data holds all of it: previous_revenue (0 when
 *       none), share_change = 100 · (share − previous share), null without previous scope revenue, growth; else
 *       status insufficient_history (no_previous_sales without previous revenue of the seller or the scope);
 *       price_index = the seller's ASP ÷ the own store's ASP there (status no_own_products where it sells nothing);</li>
 *   <li>Σ competitors' revenue + the own store's = market_size.revenue for every category-level scope and period;</li>
 *   <li>competitor_benchmark (window): per scope where the own store sells, its row first, then the (at most) five
 *       highest-ranked competitors sharing a price band with it, in rank order.</li>
 * </ul>
 * One pipeline run (1–2.5 minutes on the Olist subset, depending on the machine's load; shared with
 * {@link OlistOwnStoreTest}) serves every assertion.
 * Skipped when the data set is absent.
 */
class OlistCompetitorsTest {

    static final double REL = 1e-9;
    static final String WHO = "OlistCompetitorsTest";
    /** The category-level scopes: (platform, marketplace) with a real value or ALL, per category. */
    static final String SCOPES = "(VALUES (false, false), (false, true), (true, false), (true, true)) s(all_p, all_m)";
    static final List<String> KEYS = List.of("platform", "marketplace", "category", "period", "seller_platform", "seller_id");

    static Path runDir;
    static MarketSql.Window window;
    static DuckDb db;
    static String previousZone;
    static String own;

    @BeforeAll
    static void chooseOwnStoreRunAndLoad() throws Exception {
        Path olist = OlistExport.locate().orElse(null);
        Assumptions.assumeTrue(olist != null, "shared/datasets/" + OlistExport.DATASET + " is absent; skipping the Olist competitors test");
        previousZone = SparkTestSession.get().conf().get("spark.sql.session.timeZone");

        db = DuckDb.open();
        loadDemand(db, olist);
        Map<String, Object> chosen = db.rows(OlistOwnStoreRun.CHOOSE_OWN_SQL).get(0);
        own = (String) chosen.get("seller_id");
        System.err.println(WHO + ": own store " + chosen + ", categories "
                + db.rows("SELECT category, count(*) AS units, sum(price) AS revenue FROM demand WHERE seller_id = " + literal(own)
                + " GROUP BY category ORDER BY revenue DESC"));

        OlistOwnStoreRun.Run run = OlistOwnStoreRun.of(olist, own);
        double runSeconds = run.seconds();
        runDir = run.runDir();
        RunManifest manifest = RunManifest.fromJson(Files.readString(runDir.resolve("manifest.json")));
        window = MarketSql.Window.asOf(LocalDate.parse(manifest.asOf()), 12);

        long t1 = System.nanoTime();
        expected(db, window, own);
        db.exec("CREATE TEMP TABLE act_competitors AS SELECT *,"
                + " coalesce(status, '') LIKE '%insufficient_history%' AS insufficient_history,"
                + " coalesce(status, '') LIKE '%no_previous_sales%' AS no_previous_sales,"
                + " coalesce(status, '') LIKE '%no_own_products%' AS no_own_products FROM " + table("competitors"));
        db.exec("CREATE TEMP TABLE act_benchmark AS SELECT * FROM " + table("competitor_benchmark"));
        db.exec("CREATE TEMP TABLE act_market_size AS SELECT * FROM " + table("market_size"));
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

    /** {@code lines} ({@link OlistOwnStoreRun#loadLines}) and {@code demand}: those that count (not cancelled). */
    static void loadDemand(DuckDb db, Path olist) {
        OlistOwnStoreRun.loadLines(db, olist);
        db.exec("CREATE TEMP TABLE demand AS SELECT * EXCLUDE (cancelled) FROM lines WHERE NOT cancelled");
    }

    /**
     * {@code exp_sellers} (scope, period, seller: units, revenue — previous window included), {@code exp_periods}
     * (scope, period: revenue, units, own revenue and units, the previous period and whether the data covers it) and
     * {@code exp_competitors} (the competitors rows as the definitions give them).
     */
    static void expected(DuckDb db, MarketSql.Window w, String own) {
        db.exec("CREATE TEMP TABLE exp_sellers AS"
                + " WITH d AS (SELECT " + literal(OlistExport.PLATFORM) + " AS platform, " + literal(OlistExport.MARKETPLACE)
                + "   AS marketplace, * FROM demand WHERE month <= " + literal(w.lastMonth()) + "),"
                + " labelled AS (SELECT *, month AS period FROM d"
                + "   UNION ALL SELECT *, 'window' FROM d WHERE month BETWEEN " + literal(w.firstMonth()) + " AND " + literal(w.lastMonth())
                + "   UNION ALL SELECT *, 'previous_window' FROM d WHERE month BETWEEN " + literal(w.previousFirst())
                + "     AND " + literal(w.previousLast()) + ")"
                + " SELECT CASE WHEN all_p THEN 'ALL' ELSE platform END AS platform,"
                + "   CASE WHEN all_m THEN 'ALL' ELSE marketplace END AS marketplace, category, period,"
                + "   platform AS seller_platform, seller_id, count(*) AS units, sum(price) AS revenue"
                + " FROM labelled CROSS JOIN " + SCOPES + " GROUP BY ALL");
        String firstDataMonth = (String) db.scalar("SELECT min(month) FROM demand");
        db.exec("CREATE TEMP TABLE exp_periods AS"
                + " WITH p AS (SELECT platform, marketplace, category, period, sum(revenue) AS revenue, sum(units) AS units,"
                + "   coalesce(sum(revenue) FILTER (WHERE seller_id = " + literal(own) + "), 0) AS own_revenue,"
                + "   coalesce(sum(units) FILTER (WHERE seller_id = " + literal(own) + "), 0) AS own_units,"
                + "   count(*) FILTER (WHERE revenue > 0) AS sellers"
                + "   FROM exp_sellers GROUP BY ALL)"
                + " SELECT *, CASE WHEN period = 'window' THEN 'previous_window'"
                + "   ELSE strftime(CAST(period || '-01' AS DATE) - INTERVAL 1 MONTH, '%Y-%m') END AS previous,"
                + "   CASE WHEN period = 'window' THEN " + literal(w.previousFirst()) + " >= " + literal(firstDataMonth)
                + "   ELSE strftime(CAST(period || '-01' AS DATE) - INTERVAL 1 MONTH, '%Y-%m') >= " + literal(firstDataMonth)
                + "   END AS covered FROM p");
        db.exec("CREATE TEMP TABLE exp_competitors AS"
                + " WITH ranked AS (SELECT s.*, CASE WHEN s.revenue > 0 THEN row_number() OVER (PARTITION BY platform,"
                + "   marketplace, category, period ORDER BY s.revenue > 0 DESC, s.revenue DESC, seller_platform, seller_id) END AS rank"
                + "   FROM exp_sellers s WHERE period <> 'previous_window')"
                + " SELECT r.platform, r.marketplace, r.category, r.period, r.seller_platform, r.seller_id, r.rank, p.sellers,"
                + "   r.units, CAST(r.revenue AS DOUBLE) AS revenue, CAST(r.revenue AS DOUBLE) / CAST(p.revenue AS DOUBLE) AS share,"
                + "   CASE WHEN p.covered THEN CAST(coalesce(ps.revenue, 0) AS DOUBLE) END AS previous_revenue,"
                + "   CASE WHEN p.covered AND pp.revenue > 0 THEN 100 * (CAST(r.revenue AS DOUBLE) / CAST(p.revenue AS DOUBLE)"
                + "     - CAST(coalesce(ps.revenue, 0) AS DOUBLE) / CAST(pp.revenue AS DOUBLE)) END AS share_change,"
                + "   CASE WHEN p.covered AND ps.revenue > 0 THEN CAST(r.revenue AS DOUBLE) / CAST(ps.revenue AS DOUBLE) - 1 END AS growth,"
                + "   CASE WHEN p.own_units > 0 AND r.units > 0 THEN (CAST(r.revenue AS DOUBLE) / r.units)"
                + "     / (CAST(p.own_revenue AS DOUBLE) / p.own_units) END AS price_index,"
                + "   NOT p.covered AS insufficient_history,"
                + "   p.covered AND (coalesce(ps.revenue, 0) <= 0 OR coalesce(pp.revenue, 0) <= 0) AS no_previous_sales,"
                + "   p.own_units = 0 AS no_own_products"
                + " FROM ranked r JOIN exp_periods p USING (platform, marketplace, category, period)"
                + " LEFT JOIN exp_sellers ps ON ps.platform = r.platform AND ps.marketplace = r.marketplace"
                + "   AND ps.category = r.category AND ps.period = p.previous AND ps.seller_platform = r.seller_platform"
                + "   AND ps.seller_id = r.seller_id"
                + " LEFT JOIN exp_periods pp ON pp.platform = r.platform AND pp.marketplace = r.marketplace"
                + "   AND pp.category = r.category AND pp.period = p.previous"
                + " WHERE r.seller_id <> " + literal(own));
    }

    static String table(String name) {
        return TableDiff.parquetTable(runDir, name);
    }

    @Test
    void everyCompetitorRowMatchesTheRawItems() {
        TableDiff.Result r = TableDiff.compare(db, "competitors", "exp_competitors", "act_competitors", KEYS,
                List.of(Check.exact("rank"), Check.exact("sellers"), Check.exact("units"), Check.relative("revenue", REL),
                        Check.relative("share", REL), Check.relative("previous_revenue", REL),
                        Check.relative("share_change", REL), Check.relative("growth", REL),
                        Check.relative("price_index", REL), Check.exact("insufficient_history"),
                        Check.exact("no_previous_sales"), Check.exact("no_own_products")),
                null);
        // a rank that differs: the exact revenue of the raw items beside the table's (shortest round-trip double)
        db.rows("SELECT platform, marketplace, category, period, seller_id, e.rank AS expected_rank, a.rank AS actual_rank,"
                + " CAST(s.revenue AS VARCHAR) AS exact_revenue, CAST(a.revenue AS VARCHAR) AS table_revenue"
                + " FROM exp_competitors e JOIN act_competitors a USING (" + String.join(", ", KEYS) + ")"
                + " JOIN exp_sellers s USING (" + String.join(", ", KEYS) + ")"
                + " WHERE e.rank IS DISTINCT FROM a.rank ORDER BY ALL LIMIT 20")
                .forEach(d -> System.err.println(WHO + ": rank differs: " + d));
        TableDiff.assertClean(WHO, r);
        System.err.println(WHO + ": competitor rows per kind of period: " + db.rows("SELECT period = 'window' AS window,"
                + " count(*) AS rows, count(price_index) AS with_price_index, count(share_change) AS with_share_change,"
                + " count(DISTINCT seller_id) AS sellers, count(DISTINCT category) AS categories FROM exp_competitors GROUP BY ALL ORDER BY ALL"));
        assertThat(r.matchedRows()).as("competitor rows compared").isGreaterThan(1000);
        assertThat(db.count("SELECT count(*) FROM exp_competitors WHERE price_index IS NOT NULL AND period = 'window'"))
                .as("window rows with a price index (categories where the own store sells)").isGreaterThan(0);
        assertThat(db.count("SELECT count(*) FROM exp_competitors WHERE share_change IS NOT NULL"))
                .as("rows with a share change").isGreaterThan(0);
    }

    @Test
    void competitorsAndTheOwnStoreAddUpToTheMarket() {
        // Σ competitors.revenue + the own store's revenue (from the raw items) = market_size.revenue, per scope and period
        String competitorSums = "(SELECT platform, marketplace, category, period, sum(revenue) AS revenue"
                + " FROM act_competitors GROUP BY ALL)";
        String ownSums = "(SELECT platform, marketplace, category, period, CAST(own_revenue AS DOUBLE) AS own_revenue"
                + " FROM exp_periods WHERE period <> 'previous_window' AND own_revenue > 0)";
        db.exec("CREATE TEMP TABLE accounted AS SELECT platform, marketplace, category, period,"
                + " coalesce(c.revenue, 0) + coalesce(o.own_revenue, 0) AS revenue, coalesce(o.own_revenue, 0) AS own_revenue"
                + " FROM " + competitorSums + " c FULL OUTER JOIN " + ownSums + " o USING (platform, marketplace, category, period)");
        TableDiff.Result r = TableDiff.compare(db, "competitors + own store = market_size",
                "(SELECT platform, marketplace, category, period, revenue FROM act_market_size WHERE category <> 'ALL'"
                        + " AND revenue > 0)",
                "(SELECT * FROM accounted WHERE revenue > 0)", List.of("platform", "marketplace", "category", "period"),
                List.of(Check.relative("revenue", REL)), null);
        TableDiff.assertClean(WHO, r);
        assertThat(db.rows("SELECT * FROM accounted WHERE revenue <= 0 LIMIT 10")).as("scopes whose sellers sold nothing").isEmpty();

        // the window again, with the own store's revenue from competitor_benchmark's is_own rows
        TableDiff.Result b = TableDiff.compare(db, "window: competitors + benchmark own rows = market_size",
                "(SELECT platform, marketplace, category, period, revenue FROM act_market_size WHERE category <> 'ALL'"
                        + " AND period = 'window' AND revenue > 0)",
                "(SELECT platform, marketplace, category, period, coalesce(c.revenue, 0) + coalesce(o.revenue, 0) AS revenue"
                        + " FROM (SELECT platform, marketplace, category, period, sum(revenue) AS revenue FROM act_competitors"
                        + "   WHERE period = 'window' GROUP BY ALL) c"
                        + " FULL OUTER JOIN (SELECT platform, marketplace, category, period, sum(revenue) AS revenue"
                        + "   FROM act_benchmark WHERE is_own GROUP BY ALL) o USING (platform, marketplace, category, period))",
                List.of("platform", "marketplace", "category", "period"), List.of(Check.relative("revenue", REL)), null);
        TableDiff.assertClean(WHO, b);
        assertThat(db.count("SELECT count(*) FROM accounted WHERE own_revenue > 0 AND period = 'window'"))
                .as("window scopes where the own store sells (its categories × 4 scopes)").isGreaterThanOrEqualTo(12);
    }

    @Test
    void theOwnStoreIsNoCompetitorAndTheBenchmarkHoldsItsLeadingDirectCompetitors() {
        assertThat(db.rows("SELECT platform, marketplace, category, period, revenue FROM act_competitors"
                + " WHERE seller_id = " + literal(own) + " LIMIT 10")).as("the own store in competitors").isEmpty();
        assertThat(db.rows("SELECT * FROM act_benchmark WHERE period <> 'window' LIMIT 10")).as("benchmark rows not of the window")
                .isEmpty();
        assertThat(db.rows("SELECT * FROM act_benchmark WHERE is_own <> (seller_id = " + literal(own) + ") LIMIT 10"))
                .as("is_own marks exactly the own seller").isEmpty();

        // the own row: one per scope where the own store sells in the window, and none elsewhere
        TableDiff.Result ownRows = TableDiff.compare(db, "competitor_benchmark own rows",
                "(SELECT platform, marketplace, category, seller_id, CAST(revenue AS DOUBLE) AS revenue, units"
                        + " FROM exp_sellers WHERE period = 'window' AND seller_id = " + literal(own) + ")",
                "(SELECT platform, marketplace, category, seller_id, revenue, units FROM act_benchmark WHERE is_own)",
                List.of("platform", "marketplace", "category", "seller_id"),
                List.of(Check.relative("revenue", REL), Check.exact("units")), null);
        TableDiff.assertClean(WHO, ownRows);

        // the competitors beside it: sharing a price band with it (so direct or emerging), at most 5, the highest ranked
        assertThat(db.rows("SELECT platform, marketplace, category, seller_id, type FROM act_benchmark"
                + " WHERE NOT is_own AND (type IS NULL OR type NOT IN ('direct', 'emerging')) LIMIT 10"))
                .as("benchmark competitors that are neither direct nor emerging").isEmpty();
        assertThat(db.rows("SELECT platform, marketplace, category, count(*) AS competitors FROM act_benchmark WHERE NOT is_own"
                + " GROUP BY ALL HAVING count(*) > 5 LIMIT 10")).as("scopes with more than 5 benchmark competitors").isEmpty();
        TableDiff.Result picked = TableDiff.compare(db, "competitor_benchmark competitors",
                "(SELECT platform, marketplace, category, seller_id, rank, revenue, share FROM act_competitors"
                        + " WHERE period = 'window' AND same_band AND rank IS NOT NULL"
                        + " AND EXISTS (SELECT 1 FROM act_benchmark o WHERE o.is_own AND o.platform = act_competitors.platform"
                        + "   AND o.marketplace = act_competitors.marketplace AND o.category = act_competitors.category)"
                        + " QUALIFY row_number() OVER (PARTITION BY platform, marketplace, category ORDER BY rank) <= 5)",
                "(SELECT platform, marketplace, category, seller_id, rank, revenue, share FROM act_benchmark WHERE NOT is_own)",
                List.of("platform", "marketplace", "category", "seller_id"),
                List.of(Check.exact("rank"), Check.relative("revenue", REL), Check.relative("share", REL)), null);
        TableDiff.assertClean(WHO, picked);
        assertThat(db.rows("SELECT b.platform, b.marketplace, b.category, b.seller_id, c.same_band, c.type AS competitors_type,"
                + " b.type AS benchmark_type FROM act_benchmark b JOIN act_competitors c USING (platform, marketplace, category,"
                + " period, seller_platform, seller_id) WHERE NOT b.is_own AND (c.same_band IS DISTINCT FROM true"
                + " OR c.type IS DISTINCT FROM b.type) LIMIT 10")).as("benchmark competitors against their competitors rows").isEmpty();
        // as written, per scope: the own row(s) first, then the competitors in rank order
        String written = table("competitor_benchmark");
        written = written.substring(0, written.length() - 1) + ", filename = true, file_row_number = true)";
        assertThat(db.rows("SELECT platform, marketplace, category, seller_id, is_own, rank, previous_is_own, previous_rank"
                + " FROM (SELECT *, lag(is_own) OVER w AS previous_is_own, lag(rank) OVER w AS previous_rank FROM " + written
                + "   WINDOW w AS (PARTITION BY platform, marketplace, category ORDER BY filename, file_row_number))"
                + " WHERE (is_own AND previous_is_own = false)"
                + " OR (NOT is_own AND (rank IS NULL OR (previous_is_own = false AND rank <= previous_rank))) LIMIT 10"))
                .as("benchmark rows not own store first, then competitors by rank").isEmpty();
        System.err.println(WHO + ": benchmark: " + db.rows("SELECT count(DISTINCT (platform, marketplace, category)) AS scopes,"
                + " count(*) FILTER (WHERE is_own) AS own_rows, count(*) FILTER (WHERE NOT is_own) AS competitor_rows,"
                + " count(*) FILTER (WHERE type = 'emerging') AS emerging FROM act_benchmark"));
        assertThat(db.count("SELECT count(*) FROM act_benchmark WHERE NOT is_own")).as("benchmark competitor rows").isGreaterThan(0);
    }
}
