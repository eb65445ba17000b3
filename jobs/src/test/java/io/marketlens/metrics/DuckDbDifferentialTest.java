package io.marketlens.metrics;

import static io.marketlens.testing.DuckDb.literal;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.cli.MarketlensCli;
import io.marketlens.generate.SampleDataMain;
import io.marketlens.generate.SyntheticMarket;
import io.marketlens.tables.RunManifest;
import io.marketlens.testing.DuckDb;
import io.marketlens.testing.MarketSql;
import io.marketlens.testing.SparkTestSession;
import io.marketlens.testing.StdStreams;
import io.marketlens.testing.TableDiff.Check;
import io.marketlens.testing.TableDiff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test of the market metrics: a small synthetic market (three platforms, a dozen marketplaces and
 * currencies, Chinese and English categories, planted bad rows) is generated and run through {@code marketlens run};
 * the same figures are then computed independently in DuckDB SQL from the raw CSV exports — not from the warehouse —
 * and the two must agree to floating-point precision (relative 1e-9; CR_n and HHI, which marketlens publishes rounded
 * to 1e-6, within 1e-6 absolute).
 *
 * <p>The SQL's reading of the exports (SPEC §2, §3):
 * <ul>
 *   <li>Rows are rejected by the rules of SPEC §2, written here again: wrong field count, a required value empty,
 *       a number or date that does not parse, a negative amount, quantity &lt; 1, est_units &lt; 0, rating outside
 *       0–5, no FX rate, and a repeated natural key (the first occurrence stays; the test checks the repeats are exact
 *       copies, so the choice does not matter). The quarantine is <em>not</em> used to compute the figures; instead
 *       the rejected (file, line) set must equal the quarantine's, a separate check.</li>
 *   <li>Timestamps without an offset are wall-clock time in the configured zone (Asia/Shanghai); with an offset they
 *       are converted to it. The local date picks the FX rate and the local month is the period.</li>
 *   <li>FX: the rate of the latest {@code fx_rates} date on or before the row's date, at most 7 days before (ASOF
 *       JOIN); the base currency (USD) converts at 1.</li>
 *   <li>Demand lines: status not cancelled/canceled. Competitor snapshots: est_units and est_units · price at the
 *       snapshot date's rate; the latest snapshot per (platform, marketplace, product_id, seller_id, month); dropped
 *       where demand lines have the same (platform, marketplace, product_id, month).</li>
 * </ul>
 */
public class DuckDbDifferentialTest {

    static final double REL = 1e-9;
    /** CR_n and HHI are published rounded to 1e-6: half of that, plus the arithmetic's noise. */
    static final double ROUNDED = 1e-6;
    /** A change is the difference of two rounded values, rounded again to 1e-6. */
    static final double CHANGE = 2e-6;
    public static final String ZONE = "Asia/Shanghai";
    public static final String BASE = "USD";
    public static final int FX_TOLERANCE_DAYS = 7;

    @TempDir
    static Path tmp;

    static Path in;
    static Path runDir;
    static RunManifest manifest;
    static MarketSql.Window window;
    static DuckDb db;
    static String previousZone;
    static double runSeconds;

    @BeforeAll
    static void generateRunAndLoad() throws Exception {
        SparkSession spark = SparkTestSession.get();
        previousZone = spark.conf().get("spark.sql.session.timeZone");
        in = tmp.resolve("in");
        SyntheticMarket.Params params = SyntheticMarket.Params.defaults()
                .withMonths(YearMonth.of(2023, 1), 30).withSalesRows(3000).withCompetitorListings(150);
        SampleDataMain.run(params, in);
        assertThat(Files.readString(in.resolve("marketlens.yaml"))).contains("timezone: " + ZONE);
        writeEdgeCases(in);
        // small data: two shuffle partitions instead of eight; no figure depends on it
        Files.writeString(in.resolve("marketlens.yaml"), "shuffle_partitions: 2\n", java.nio.file.StandardOpenOption.APPEND);

        Path out = tmp.resolve("out");
        long t0 = System.nanoTime();
        StdStreams.Captured c = StdStreams.capture(() -> MarketlensCli.execute("run", "--input", in.toString(),
                "--output", out.toString(), "--config", in.resolve("marketlens.yaml").toString()));
        runSeconds = (System.nanoTime() - t0) / 1e9;
        assertThat(c.exitCode()).as(c.err()).isZero();
        System.err.println("DuckDbDifferentialTest: stage and table timings: " + c.err().lines()
                .filter(l -> l.contains("done in") || l.matches(".*rows \\(.*s\\)")).map(String::strip).toList());
        runDir = Path.of(c.out().strip());
        manifest = RunManifest.fromJson(Files.readString(runDir.resolve("manifest.json")));
        window = MarketSql.Window.asOf(LocalDate.parse(manifest.asOf()), 12);

        db = DuckDb.open();
        long t1 = System.nanoTime();
        loadRawExports(db, in);
        buildFact(db, window);
        MarketSql.scope(db, window);
        MarketSql.marketSize(db, window);
        MarketSql.concentration(db);
        MarketSql.listings(db, window);
        System.err.printf(Locale.ROOT, "DuckDbDifferentialTest: pipeline run %.1f s, SQL %.1f s; as_of %s, window %s..%s%n",
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

    /**
     * Hand-written rows beside the generated ones, for what the generator never produces: offsets other than +08:00
     * that move an order into another local month (also across the window's start and past the last full month, which
     * moves the as-of date), a date without time, a time without seconds, a currency with sparse rates (a rate 7 days
     * old is used, 8 days old is not — the age measured from the local date), two snapshots of a listing in one
     * month, a snapshot dropped because of a sale that is in its month only in local time, and a snapshot of a product
     * whose only sale that month was cancelled.
     */
    static void writeEdgeCases(Path in) throws java.io.IOException {
        String cat = "Home & Kitchen>Kitchen Storage";
        Files.writeString(in.resolve("sales/zz-edge-cases.csv"), String.join("\n",
                "order_id,line_id,order_ts,platform,marketplace,category,seller_id,brand,product_id,title,unit_price,quantity,currency,status,launch_date",
                "TZ-0001,1,2024-06-30T20:30:00-05:00,aliexpress,US," + cat + ",TZSELLER1,Tzbrand,TZP-1,Edge case,10.00,2,USD,delivered,",
                "TZ-0002,1,2024-09-01T00:30:00+09:00,aliexpress,ES," + cat + ",TZSELLER1,Tzbrand,TZP-2,Edge case,12.50,1,EUR,delivered,",
                "TZ-0003,1,2024-10-31T18:00:00+00:00,aliexpress,ES," + cat + ",TZSELLER1,Tzbrand,TZP-2,Edge case,12.50,3,EUR,shipped,",
                "TZ-0004,1,2024-08-01T01:00:00+09:00,aliexpress,US," + cat + ",TZSELLER1,Tzbrand,TZP-1,Edge case,10.00,1,USD,delivered,",
                "TZ-0005,1,2025-06-30T17:00:00+00:00,aliexpress,US," + cat + ",TZSELLER1,Tzbrand,TZP-1,Edge case,10.00,1,USD,delivered,",
                "TZ-0006,1,2024-08-08 12:00:00,aliexpress,ES," + cat + ",TZSELLER3,,TZP-3,Edge case,30.00,1,CHF,delivered,",
                "TZ-0007,1,2024-08-08T20:00:00+02:00,aliexpress,ES," + cat + ",TZSELLER3,,TZP-3,Edge case,30.00,1,CHF,delivered,",
                "TZ-0008,1,2024-07-31 10:00:00,aliexpress,ES," + cat + ",TZSELLER3,,TZP-3,Edge case,30.00,1,CHF,delivered,",
                "TZ-0009,1,2024-08-20T01:00:00+08:00,aliexpress,ES," + cat + ",TZSELLER3,,TZP-3,Edge case,31.00,2,CHF,delivered,",
                "TZ-0010,1,2024-08-20 09:00:00,aliexpress,ES," + cat + ",TZSELLER3,,TZP-4,Edge case,8.00,1,CHF,cancelled,",
                "TZ-0011,1,2024-08-15,aliexpress,US," + cat + ",TZSELLER1,Tzbrand,TZP-1,Edge case,9.00,1,USD,delivered,",
                "TZ-0012,1,2024-08-16T09:15,aliexpress,US," + cat + ",TZSELLER1,Tzbrand,TZP-1,Edge case,9.00,1,USD,delivered,") + "\n");
        Files.writeString(in.resolve("fx_rates/zz-sparse.csv"), "date,currency,rate_to_base\n2024-08-01,CHF,1.13\n2024-08-20,CHF,1.15\n");
        Files.writeString(in.resolve("competitors/zz-edge-cases.csv"), String.join("\n",
                "snapshot_date,platform,marketplace,category,product_id,seller_id,brand,title,price,currency,est_units,rating,review_count,launch_date,fulfillment,attributes",
                "2024-09-15,aliexpress,ES," + cat + ",TZP-C1,TZSELLER2,Tzbrand,Edge case,20.00,EUR,40,4.1,10,,self,",
                "2024-09-28,aliexpress,ES," + cat + ",TZP-C1,TZSELLER2,Tzbrand,Edge case,22.00,EUR,55,4.2,12,,self,",
                "2024-07-20,aliexpress,US," + cat + ",TZP-1,TZSELLER1,Tzbrand,Edge case,11.00,USD,70,4.0,3,,self,",
                "2024-08-25,aliexpress,ES," + cat + ",TZP-4,TZSELLER3,,Edge case,8.00,CHF,7,,,,self,") + "\n");
    }

    // ---------------------------------------------------------------- the raw exports in SQL

    /**
     * Tables {@code fx}, {@code sales_parsed}/{@code sales_ok} and {@code comp_parsed}/{@code comp_ok}: every data line
     * of the raw CSVs, parsed, and the lines that pass the rules of SPEC §2 with their base-currency amounts.
     */
    public static void loadRawExports(DuckDb db, Path in) {
        db.loadCsvLines("fx_lines", in.resolve("fx_rates").toString() + "/*.csv");
        db.loadCsvLines("sales_lines", in.resolve("sales").toString() + "/*.csv");
        db.loadCsvLines("comp_lines", in.resolve("competitors").toString() + "/*.csv");

        db.exec("CREATE TEMP TABLE fx AS SELECT upper(field(f, h, 'currency')) AS currency, iso_date(field(f, h, 'date')) AS date,"
                + " CAST(field(f, h, 'rate_to_base') AS DOUBLE) AS rate FROM fx_lines"
                + " WHERE len(f) = len(h) AND iso_date(field(f, h, 'date')) IS NOT NULL"
                + " AND TRY_CAST(field(f, h, 'rate_to_base') AS DOUBLE) > 0");

        String number = "'^[0-9]+([.][0-9]+)?$'";
        String whole = "'^[0-9]+$'";
        db.exec("CREATE TEMP TABLE sales_parsed AS SELECT name AS file, line, len(f) = len(h) AS well_formed,"
                + " field(f, h, 'order_id') AS order_id, coalesce(field(f, h, 'line_id'), field(f, h, 'product_id')) AS line_id,"
                + " field(f, h, 'order_ts') AS order_ts, local_ts(field(f, h, 'order_ts'), " + literal(ZONE) + ") AS local_ts,"
                + " lower(field(f, h, 'platform')) AS platform, upper(field(f, h, 'marketplace')) AS marketplace,"
                + " field(f, h, 'category') AS category, field(f, h, 'seller_id') AS seller_id, field(f, h, 'brand') AS brand,"
                + " field(f, h, 'product_id') AS product_id, field(f, h, 'unit_price') AS unit_price_text,"
                + " field(f, h, 'quantity') AS quantity_text, upper(field(f, h, 'currency')) AS currency,"
                + " lower(field(f, h, 'status')) AS status, field(f, h, 'launch_date') AS launch_date, f"
                + " FROM sales_lines");
        db.exec("CREATE TEMP TABLE sales_valid AS SELECT *, CAST(local_ts AS DATE) AS local_date, strftime(local_ts, '%Y-%m') AS month,"
                + " CAST(unit_price_text AS DOUBLE) AS unit_price, CAST(quantity_text AS BIGINT) AS quantity FROM sales_parsed"
                + " WHERE well_formed AND order_id IS NOT NULL AND local_ts IS NOT NULL AND platform IS NOT NULL"
                + " AND marketplace IS NOT NULL AND category IS NOT NULL AND seller_id IS NOT NULL AND product_id IS NOT NULL"
                + " AND regexp_matches(unit_price_text, " + number + ") AND regexp_matches(quantity_text, " + whole + ")"
                + " AND CAST(quantity_text AS BIGINT) >= 1 AND regexp_matches(currency, '^[A-Z]{3}$')"
                + " AND (launch_date IS NULL OR iso_date(launch_date) IS NOT NULL)");
        db.exec(withRate("sales_fx", "sales_valid", "local_date"));
        db.exec("CREATE TEMP TABLE sales_ok AS SELECT * EXCLUDE (_n) FROM (SELECT *, row_number() OVER"
                + " (PARTITION BY platform, order_id, line_id ORDER BY file, line) AS _n FROM sales_fx) WHERE _n = 1");

        db.exec("CREATE TEMP TABLE comp_parsed AS SELECT name AS file, line, len(f) = len(h) AS well_formed,"
                + " field(f, h, 'snapshot_date') AS snapshot_text, iso_date(field(f, h, 'snapshot_date')) AS snapshot_date,"
                + " lower(field(f, h, 'platform')) AS platform, upper(field(f, h, 'marketplace')) AS marketplace,"
                + " field(f, h, 'category') AS category, field(f, h, 'product_id') AS product_id,"
                + " field(f, h, 'seller_id') AS seller_id, field(f, h, 'brand') AS brand, field(f, h, 'price') AS price_text,"
                + " upper(field(f, h, 'currency')) AS currency, field(f, h, 'est_units') AS units_text,"
                + " field(f, h, 'rating') AS rating_text, field(f, h, 'review_count') AS reviews_text,"
                + " field(f, h, 'launch_date') AS launch_date, f FROM comp_lines");
        db.exec("CREATE TEMP TABLE comp_valid AS SELECT *, snapshot_date AS local_date, strftime(snapshot_date, '%Y-%m') AS month,"
                + " CAST(price_text AS DOUBLE) AS price, CAST(units_text AS BIGINT) AS est_units FROM comp_parsed"
                + " WHERE well_formed AND snapshot_date IS NOT NULL AND platform IS NOT NULL AND marketplace IS NOT NULL"
                + " AND category IS NOT NULL AND product_id IS NOT NULL AND seller_id IS NOT NULL"
                + " AND regexp_matches(price_text, " + number + ") AND regexp_matches(units_text, " + whole + ")"
                + " AND regexp_matches(currency, '^[A-Z]{3}$')"
                + " AND (rating_text IS NULL OR (regexp_matches(rating_text, " + number + ") AND CAST(rating_text AS DOUBLE) <= 5))"
                + " AND (reviews_text IS NULL OR regexp_matches(reviews_text, " + whole + "))"
                + " AND (launch_date IS NULL OR iso_date(launch_date) IS NOT NULL)");
        db.exec(withRate("comp_fx", "comp_valid", "local_date"));
        db.exec("CREATE TEMP TABLE comp_ok AS SELECT * EXCLUDE (_n) FROM (SELECT *, row_number() OVER"
                + " (PARTITION BY snapshot_date, platform, marketplace, product_id, seller_id ORDER BY file, line) AS _n"
                + " FROM comp_fx) WHERE _n = 1");
    }

    /** {@code source} rows with the FX {@code rate} of their date (latest rate ≤ date, within the tolerance); rows without one are left out. */
    public static String withRate(String table, String source, String dateColumn) {
        return "CREATE TEMP TABLE " + table + " AS SELECT v.*, CASE WHEN v.currency = " + literal(BASE) + " THEN 1.0 ELSE x.rate END AS rate"
                + " FROM " + source + " v ASOF LEFT JOIN fx x ON v.currency = x.currency AND v." + dateColumn + " >= x.date"
                + " WHERE v.currency = " + literal(BASE) + " OR (x.date IS NOT NULL AND date_diff('day', x.date, v." + dateColumn + ") <= "
                + FX_TOLERANCE_DAYS + ")";
    }

    /** Tables {@code demand}, {@code demand_orders} and {@code fact} (SPEC §3) for MarketSql. */
    public static void buildFact(DuckDb db, MarketSql.Window w) {
        db.exec("CREATE TEMP TABLE demand AS SELECT * FROM sales_ok WHERE (status IS NULL OR status NOT IN ('cancelled', 'canceled'))"
                + " AND month <= " + literal(w.lastMonth()));
        db.exec("CREATE TEMP TABLE demand_orders AS SELECT platform, marketplace, category, month,"
                + " platform || chr(1) || order_id AS order_key FROM demand");
        db.exec("CREATE TEMP TABLE sales_fact AS SELECT platform, marketplace, category, month, product_id, seller_id,"
                + " max(brand) AS brand, sum(quantity) AS units, sum(unit_price * rate * quantity) AS revenue"
                + " FROM demand GROUP BY platform, marketplace, category, month, product_id, seller_id");
        db.exec("CREATE TEMP TABLE comp_latest AS SELECT * EXCLUDE (_n) FROM (SELECT *, row_number() OVER"
                + " (PARTITION BY platform, marketplace, product_id, seller_id, month ORDER BY snapshot_date DESC, file DESC, line DESC) AS _n"
                + " FROM comp_ok WHERE month <= " + literal(w.lastMonth()) + ") WHERE _n = 1");
        db.exec("CREATE TEMP TABLE fact AS"
                + " SELECT platform, marketplace, category, month, product_id, seller_id, brand, units, revenue,"
                + "   revenue / units AS price, 'sales' AS source FROM sales_fact"
                + " UNION ALL SELECT c.platform, c.marketplace, c.category, c.month, c.product_id, c.seller_id, c.brand,"
                + "   c.est_units, c.est_units * c.price * c.rate, c.price * c.rate, 'competitors' FROM comp_latest c"
                + " WHERE NOT EXISTS (SELECT 1 FROM sales_fact s WHERE s.platform = c.platform AND s.marketplace = c.marketplace"
                + "   AND s.product_id = c.product_id AND s.month = c.month)");
    }

    static String table(String name) {
        return TableDiff.parquetTable(runDir, name);
    }

    static void assertClean(TableDiff.Result r) {
        TableDiff.assertClean("DuckDbDifferentialTest", r);
    }

    // ---------------------------------------------------------------- tests

    @Test
    void theSqlRejectsExactlyTheQuarantinedLines() {
        for (String source : List.of("sales", "competitors")) {
            String parsed = source.equals("sales") ? "sales_parsed" : "comp_parsed";
            String ok = source.equals("sales") ? "sales_ok" : "comp_ok";
            db.exec("CREATE OR REPLACE TEMP TABLE q_" + source + " AS SELECT regexp_extract(file, '[^/\\\\]+$') AS name,"
                    + " CAST(line AS BIGINT) AS line, reason FROM read_csv(" + literal(runDir.resolve("quarantine/" + source + ".csv"))
                    + ", header = true, all_varchar = true)");
            List<Map<String, Object>> diff = db.rows("SELECT coalesce(r.file, q.name) AS file, coalesce(r.line, q.line) AS line,"
                    + " r.file IS NOT NULL AS rejected_by_sql, q.reason FROM"
                    + " (SELECT file, line FROM " + parsed + " EXCEPT SELECT file, line FROM " + ok + ") r"
                    + " FULL OUTER JOIN q_" + source + " q ON q.name = r.file AND q.line = r.line"
                    + " WHERE r.file IS NULL OR q.name IS NULL ORDER BY 1, 2");
            long rejected = db.count("SELECT count(*) FROM (SELECT file, line FROM " + parsed + " EXCEPT SELECT file, line FROM " + ok + ")");
            System.err.printf(Locale.ROOT, "DuckDbDifferentialTest: %s: %d lines, %d rejected by the SQL rules; differences from"
                    + " the quarantine: %s%n", source, db.count("SELECT count(*) FROM " + parsed), rejected, diff);
            assertThat(diff).as("%s lines rejected by the SQL rules but not quarantined, or the reverse", source).isEmpty();
            assertThat(rejected).isPositive();
        }
        assertThat(db.count("SELECT count(*) FROM (SELECT platform, order_id, line_id FROM sales_fx GROUP BY ALL"
                + " HAVING count(DISTINCT f) > 1)")).as("repeated sales keys are exact copies").isZero();
        assertThat(db.count("SELECT count(*) FROM (SELECT snapshot_date, platform, marketplace, product_id, seller_id FROM comp_fx"
                + " GROUP BY ALL HAVING count(DISTINCT f) > 1)")).as("repeated snapshot keys are exact copies").isZero();
    }

    @Test
    void theDataExercisesWhatIsCompared() {
        Map<String, Object> m = db.rows("SELECT count(DISTINCT platform) AS platforms, count(DISTINCT currency) AS currencies,"
                + " count(*) FILTER (WHERE currency <> 'USD') AS converted, count(*) FILTER (WHERE order_ts LIKE '%+08:00') AS with_offset,"
                + " count(*) FILTER (WHERE order_ts NOT LIKE '%+08:00') AS without_offset,"
                + " (SELECT count(*) FROM sales_ok WHERE status IN ('cancelled', 'canceled')) AS cancelled,"
                + " (SELECT count(*) FROM comp_ok c WHERE EXISTS (SELECT 1 FROM demand d WHERE d.platform = c.platform"
                + "   AND d.marketplace = c.marketplace AND d.product_id = c.product_id AND d.month = c.month)) AS snapshots_replaced_by_sales,"
                + " (SELECT count(*) FROM sales_ok WHERE rate <> 1 AND NOT EXISTS (SELECT 1 FROM fx WHERE fx.currency = sales_ok.currency"
                + "   AND fx.date = sales_ok.local_date)) AS converted_at_an_earlier_date,"
                + " (SELECT count(*) FROM sales_ok WHERE strftime(local_ts, '%Y-%m') <> substr(order_ts, 1, 7)) AS month_differs_from_text,"
                + " (SELECT count(*) FROM sales_valid v WHERE NOT EXISTS (SELECT 1 FROM sales_fx x WHERE x.file = v.file"
                + "   AND x.line = v.line)) AS without_fx_rate,"
                + " (SELECT count(*) FROM (SELECT 1 FROM comp_ok GROUP BY platform, marketplace, product_id, seller_id, month"
                + "   HAVING count(*) > 1)) AS listings_with_two_snapshots_in_a_month,"
                + " (SELECT count(*) FROM comp_ok c WHERE EXISTS (SELECT 1 FROM sales_ok s WHERE s.platform = c.platform"
                + "   AND s.marketplace = c.marketplace AND s.product_id = c.product_id AND s.month = c.month) AND NOT EXISTS"
                + "   (SELECT 1 FROM demand d WHERE d.platform = c.platform AND d.marketplace = c.marketplace"
                + "   AND d.product_id = c.product_id AND d.month = c.month)) AS snapshots_kept_beside_cancelled_sales"
                + " FROM sales_ok").get(0);
        System.err.println("DuckDbDifferentialTest: data " + m);
        assertThat(((Number) m.get("platforms")).longValue()).isGreaterThanOrEqualTo(3);
        assertThat(((Number) m.get("currencies")).longValue()).isGreaterThanOrEqualTo(4);
        assertThat(((Number) m.get("with_offset")).longValue()).isPositive();
        assertThat(((Number) m.get("without_offset")).longValue()).isPositive();
        assertThat(((Number) m.get("cancelled")).longValue()).isPositive();
        assertThat(((Number) m.get("snapshots_replaced_by_sales")).longValue()).isPositive();
        assertThat(((Number) m.get("converted_at_an_earlier_date")).longValue()).as("weekend orders use Friday's rate").isPositive();
        assertThat(((Number) m.get("month_differs_from_text")).longValue()).as("offsets that change the local month").isPositive();
        assertThat(((Number) m.get("without_fx_rate")).longValue()).as("rows without a rate within 7 days").isPositive();
        assertThat(((Number) m.get("listings_with_two_snapshots_in_a_month")).longValue()).isPositive();
        assertThat(manifest.asOf()).as("as-of: the last local date in the data (an order at 01:00 Shanghai time)")
                .isEqualTo(db.scalar("SELECT max(d) FROM (SELECT max(local_date) AS d FROM sales_ok UNION ALL"
                        + " SELECT max(snapshot_date) FROM comp_ok)").toString());
    }

    @Test
    void marketSizeMatchesTheSqlForEveryScopeAndPeriod() {
        TableDiff.Result r = TableDiff.compare(db, "market_size", "exp_market_size", table("market_size"),
                List.of("platform", "marketplace", "category", "period"),
                List.of(Check.relative("revenue", REL), Check.exact("units"), Check.exact("orders"), Check.exact("sellers"),
                        Check.exact("products")),
                null);
        assertClean(r);
        assertThat(r.matchedRows()).isGreaterThan(1000);
        // SPEC M1 says "active sellers/products"; marketlens counts a product sold in several marketplaces once per
        // marketplace (a listing), as compared above. Logged: how often that differs from distinct (platform, product_id).
        System.err.println("DuckDbDifferentialTest: market_size products (listings) vs distinct (platform, product_id): "
                + db.rows("SELECT count(*) FILTER (WHERE products <> products_any_marketplace) AS rows_differing, count(*) AS rows,"
                + " max(products - products_any_marketplace) AS max_gap FROM exp_market_size").get(0));
        assertThat(db.count("SELECT count(*) FROM exp_market_size WHERE platform = 'ALL' AND marketplace = 'ALL' AND category = 'ALL'"
                + " AND period = 'window'")).isEqualTo(1);
    }

    @Test
    void growthMatchesTheSql() {
        TableDiff.Result r = TableDiff.compare(db, "market_size growth", "exp_market_size", table("market_size"),
                List.of("platform", "marketplace", "category", "period"),
                List.of(Check.relative("mom_growth", REL), Check.relative("yoy_growth", REL), Check.relative("cagr", REL)),
                null);
        assertClean(r);
        assertThat(db.count("SELECT count(*) FROM exp_market_size WHERE yoy_growth IS NOT NULL AND period <> 'window'"))
                .as("months with a year-ago month").isGreaterThan(100);
        assertThat(db.count("SELECT count(*) FROM exp_market_size WHERE cagr IS NOT NULL")).isPositive();
    }

    @Test
    void concentrationMatchesTheSqlForEveryScopePeriodAndEntity() {
        TableDiff.Result r = TableDiff.compare(db, "concentration", "exp_concentration", table("concentration"),
                List.of("platform", "marketplace", "category", "period", "entity"),
                List.of(Check.exact("entities"), Check.absolute("cr4", ROUNDED), Check.absolute("cr8", ROUNDED),
                        Check.absolute("cr10", ROUNDED), Check.absolute("hhi", ROUNDED), Check.exact("doj2023_class"),
                        Check.exact("doj2010_class"), Check.exact("bain_cr4_class"), Check.exact("bain_cr8_class"),
                        Check.absolute("cr4_change", CHANGE), Check.absolute("cr8_change", CHANGE),
                        Check.absolute("cr10_change", CHANGE), Check.absolute("hhi_change", CHANGE)),
                null);
        assertClean(r);
        Map<String, Object> classes = db.rows("SELECT count(*) FILTER (WHERE doj2023_class = 'highly_concentrated') AS highly,"
                + " count(*) FILTER (WHERE doj2023_class = 'moderately_concentrated') AS moderately,"
                + " count(*) FILTER (WHERE doj2023_class = 'unconcentrated') AS unconcentrated"
                + " FROM exp_concentration WHERE entity = 'seller' AND category <> 'ALL'").get(0);
        System.err.println("DuckDbDifferentialTest: seller DOJ 2023 classes of the category scopes " + classes);
        assertThat(classes.values()).as("every DOJ 2023 class occurs").allMatch(v -> ((Number) v).longValue() > 0);
    }

    @Test
    void everyCsvTableHoldsTheValuesOfItsParquet() {
        Map<String, List<String>> keys = Map.of(
                "market_size", List.of("platform", "marketplace", "category", "period"),
                "concentration", List.of("platform", "marketplace", "category", "period", "entity"),
                "price_bands", List.of("platform", "marketplace", "category", "band_index"));
        for (Map.Entry<String, List<String>> t : keys.entrySet()) {
            String parquet = table(t.getKey());
            Path csv = runDir.resolve("tables").resolve(t.getKey() + ".csv");
            List<Map<String, Object>> columns = db.rows("DESCRIBE SELECT * FROM " + parquet);
            StringBuilder typed = new StringBuilder("(SELECT ");
            List<Check> checks = new ArrayList<>();
            List<String> doubles = new ArrayList<>();
            for (Map<String, Object> c : columns) {
                String name = (String) c.get("column_name");
                String type = (String) c.get("column_type");
                typed.append("CAST(\"").append(name).append("\" AS ").append(type).append(") AS \"").append(name).append("\", ");
                if (!t.getValue().contains(name)) {
                    checks.add(Check.exact(name));
                }
                if (type.equals("DOUBLE")) {
                    doubles.add(name);
                }
            }
            String csvRows = "read_csv(" + literal(csv) + ", header = true, all_varchar = true)";
            typed.setLength(typed.length() - 2);
            typed.append(" FROM ").append(csvRows).append(")");
            assertClean(TableDiff.compare(db, t.getKey() + ".csv vs .parquet", parquet, typed.toString(), t.getValue(), checks, null));
            for (String d : doubles) {
                assertThat(db.count("SELECT count(*) FROM " + csvRows + " WHERE regexp_matches(\"" + d + "\", '[eE]')"))
                        .as("%s.csv: %s in plain notation", t.getKey(), d).isZero();
            }
        }
    }

    @Test
    void priceBandsPlaceEveryListingAndAddUpToTheWindow() {
        db.exec("CREATE OR REPLACE TEMP TABLE act_bands AS SELECT * FROM " + table("price_bands"));
        List<String> problems = MarketSql.priceBandProblems(db, "act_bands", table("market_size"),
                line -> System.err.println("DuckDbDifferentialTest: " + line));
        assertThat(problems).as(String.join("\n", problems.stream().limit(40).toList())).isEmpty();
    }
}
