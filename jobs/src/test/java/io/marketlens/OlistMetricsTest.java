package io.marketlens;

import static io.marketlens.testing.DuckDb.literal;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.cli.MarketlensCli;
import io.marketlens.tables.RunManifest;
import io.marketlens.testing.DuckDb;
import io.marketlens.testing.MarketSql;
import io.marketlens.testing.OlistExport;
import io.marketlens.testing.SparkTestSession;
import io.marketlens.testing.StdStreams;
import io.marketlens.testing.TableDiff.Check;
import io.marketlens.testing.TableDiff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The market metrics on real data: the Olist 2017 subset ({@code shared/datasets/olist-2017-subset}) converted by
 * {@link OlistExport} (sales only; base currency BRL, time zone UTC) and run through {@code marketlens run}, checked
 * against DuckDB SQL on the raw Olist files — {@code orders.csv}, {@code order_items.csv}, {@code products.csv} and
 * {@code product_category_name_translation.csv}, never the converter's output:
 * <ul>
 *   <li>an item is one unit at its {@code price}; it counts when its order is not {@code canceled} and its product
 *       has a category (the English name, else the Portuguese one; items without one are quarantined by the
 *       pipeline and left out here); its month is that of {@code order_purchase_timestamp} as written;</li>
 *   <li>market_size: revenue, units, orders, sellers and products per category and month, and for the window
 *       (the 12 months ending at the last full month before the as-of date, which the manifest gives);</li>
 *   <li>concentration: CR4, CR8, CR10 and HHI by seller (and product) per category for every month and the window,
 *       with the DOJ 2023 (and 2010, Bain) classes;</li>
 *   <li>price_bands: band units add up to the category's window units, exactly one best band where a band
 *       qualifies, the band counts recounted from the raw items.</li>
 * </ul>
 * Skipped when the data set is absent.
 */
class OlistMetricsTest {

    static final double REL = 1e-9;
    static final double ROUNDED = 1e-6;
    static final double CHANGE = 2e-6;

    @TempDir
    static Path tmp;

    static Path runDir;
    static RunManifest manifest;
    static MarketSql.Window window;
    static DuckDb db;
    static String previousZone;

    @BeforeAll
    static void convertRunAndLoad() throws Exception {
        Path olist = OlistExport.locate().orElse(null);
        Assumptions.assumeTrue(olist != null, "shared/datasets/" + OlistExport.DATASET + " is absent; skipping the Olist metrics test");
        previousZone = SparkTestSession.get().conf().get("spark.sql.session.timeZone");

        Path in = tmp.resolve("in");
        OlistExport.load(olist).writeSales(in);
        Path config = OlistExport.writeConfig(tmp.resolve("olist.yaml"));
        Path out = tmp.resolve("out");
        long t0 = System.nanoTime();
        StdStreams.Captured c = StdStreams.capture(() -> MarketlensCli.execute("run", "--input", in.toString(),
                "--output", out.toString(), "--config", config.toString()));
        double runSeconds = (System.nanoTime() - t0) / 1e9;
        assertThat(c.exitCode()).as(c.err()).isZero();
        System.err.println("OlistMetricsTest: stage and table timings: " + c.err().lines()
                .filter(l -> l.contains("done in") || l.matches(".*rows \\(.*s\\)")).map(String::strip).toList());
        runDir = Path.of(c.out().strip());
        manifest = RunManifest.fromJson(Files.readString(runDir.resolve("manifest.json")));
        window = MarketSql.Window.asOf(LocalDate.parse(manifest.asOf()), 12);

        db = DuckDb.open();
        long t1 = System.nanoTime();
        buildFact(db, olist, window);
        MarketSql.scope(db, window);
        MarketSql.marketSize(db, window);
        MarketSql.concentration(db);
        MarketSql.listings(db, window);
        System.err.printf(Locale.ROOT, "OlistMetricsTest: pipeline run %.1f s, SQL %.1f s; as_of %s, window %s..%s%n",
                runSeconds, (System.nanoTime() - t1) / 1e9, manifest.asOf(), window.firstMonth(), window.lastMonth());
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

    /** {@code fact} and {@code demand_orders} for {@link MarketSql} from the raw Olist files. */
    static void buildFact(DuckDb db, Path olist, MarketSql.Window w) {
        for (String t : List.of("orders", "order_items", "products", "product_category_name_translation")) {
            db.exec("CREATE TEMP TABLE raw_" + t + " AS SELECT * FROM read_csv(" + literal(olist.resolve(t + ".csv"))
                    + ", header = true, all_varchar = true, delim = ',', quote = '\"')");
        }
        db.exec("CREATE TEMP TABLE items AS SELECT i.order_id, i.order_item_id, i.product_id, i.seller_id,"
                + " CAST(i.price AS DOUBLE) AS price, o.order_status, o.order_purchase_timestamp,"
                + " substr(o.order_purchase_timestamp, 1, 7) AS month,"
                + " coalesce(nullif(trim(t.product_category_name_english), ''), nullif(trim(p.product_category_name), '')) AS category"
                + " FROM raw_order_items i"
                + " LEFT JOIN raw_orders o ON o.order_id = i.order_id"
                + " LEFT JOIN raw_products p ON p.product_id = i.product_id"
                + " LEFT JOIN raw_product_category_name_translation t ON t.product_category_name = trim(p.product_category_name)");
        db.exec("CREATE TEMP TABLE demand AS SELECT * FROM items WHERE category IS NOT NULL"
                + " AND nullif(order_purchase_timestamp, '') IS NOT NULL AND order_status NOT IN ('canceled', 'cancelled')"
                + " AND month <= " + literal(w.lastMonth()));
        db.exec("CREATE TEMP TABLE demand_orders AS SELECT " + literal(OlistExport.PLATFORM) + " AS platform, "
                + literal(OlistExport.MARKETPLACE) + " AS marketplace, category, month, order_id AS order_key FROM demand");
        db.exec("CREATE TEMP TABLE fact AS SELECT " + literal(OlistExport.PLATFORM) + " AS platform, "
                + literal(OlistExport.MARKETPLACE) + " AS marketplace, category, month, product_id, seller_id,"
                + " CAST(NULL AS VARCHAR) AS brand, count(*) AS units, sum(price) AS revenue, sum(price) / count(*) AS price"
                + " FROM demand GROUP BY category, month, product_id, seller_id");
    }

    static String table(String name) {
        return TableDiff.parquetTable(runDir, name);
    }

    static void assertClean(TableDiff.Result r) {
        TableDiff.assertClean("OlistMetricsTest", r);
    }

    @Test
    void theWindowIsThe12MonthsOf2017() {
        assertThat(manifest.baseCurrency()).isEqualTo(OlistExport.CURRENCY);
        assertThat(manifest.asOf()).as("the last purchase date in the accepted sales")
                .isEqualTo(db.scalar("SELECT max(CAST(order_purchase_timestamp AS DATE)) FROM items WHERE category IS NOT NULL").toString());
        assertThat(window.last()).isEqualTo(YearMonth.of(2017, 12));
        assertThat(window.firstMonth()).isEqualTo("2017-01");
    }

    @Test
    void monthlyRevenuePerCategoryMatchesTheRawItems() {
        TableDiff.Result r = TableDiff.compare(db, "market_size", "exp_market_size", table("market_size"),
                List.of("platform", "marketplace", "category", "period"),
                List.of(Check.relative("revenue", REL), Check.exact("units"), Check.exact("orders"), Check.exact("sellers"),
                        Check.exact("products"), Check.relative("mom_growth", REL), Check.relative("yoy_growth", REL),
                        Check.relative("cagr", REL)),
                null);
        assertClean(r);
        assertThat(db.count("SELECT count(DISTINCT category) FROM exp_market_size WHERE category <> 'ALL'"))
                .as("Olist categories with sales").isGreaterThan(50);
        Map<String, Object> total = db.rows("SELECT revenue, units FROM exp_market_size WHERE platform = 'ALL'"
                + " AND marketplace = 'ALL' AND category = 'ALL' AND period = 'window'").get(0);
        System.err.println("OlistMetricsTest: window totals " + total);
    }

    @Test
    void sellerConcentrationPerCategoryMatchesTheRawItems() {
        TableDiff.Result r = TableDiff.compare(db, "concentration", "exp_concentration", table("concentration"),
                List.of("platform", "marketplace", "category", "period", "entity"),
                List.of(Check.exact("entities"), Check.absolute("cr4", ROUNDED), Check.absolute("cr8", ROUNDED),
                        Check.absolute("cr10", ROUNDED), Check.absolute("hhi", ROUNDED), Check.exact("doj2023_class"),
                        Check.exact("doj2010_class"), Check.exact("bain_cr4_class"), Check.exact("bain_cr8_class"),
                        Check.absolute("cr4_change", CHANGE), Check.absolute("cr8_change", CHANGE),
                        Check.absolute("cr10_change", CHANGE), Check.absolute("hhi_change", CHANGE)),
                null);
        assertClean(r);
        List<Map<String, Object>> top = db.rows("SELECT category, entities, round(cr4, 2) AS cr4, round(hhi, 1) AS hhi, doj2023_class"
                + " FROM exp_concentration WHERE entity = 'seller' AND period = 'window' AND platform = 'olist'"
                + " AND marketplace = 'BR' AND category <> 'ALL' ORDER BY hhi DESC");
        System.err.println("OlistMetricsTest: seller concentration of the window, most concentrated first: "
                + top.subList(0, Math.min(5, top.size())) + " ... least: " + top.get(top.size() - 1));
        assertThat(top.stream().map(m -> m.get("doj2023_class")).distinct()).as("real categories span the DOJ classes")
                .contains("highly_concentrated", "unconcentrated");
    }

    @Test
    void brandConcentrationHasNoBrands() {
        // Olist has no brands: every brand row must say so instead of showing numbers.
        long withNumbers = db.count("SELECT count(*) FROM " + table("concentration") + " WHERE entity = 'brand'"
                + " AND (cr4 IS NOT NULL OR hhi IS NOT NULL OR entities <> 0)");
        assertThat(withNumbers).isZero();
    }

    @Test
    void priceBandUnitsAddUpWithOneBestBandPerCategory() {
        List<String> problems = MarketSql.priceBandProblems(db, table("price_bands"), table("market_size"),
                line -> System.err.println("OlistMetricsTest: " + line));
        assertThat(problems).as(String.join("\n", problems.stream().limit(40).toList())).isEmpty();
    }
}
