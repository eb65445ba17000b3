package io.marketlens;

import static io.marketlens.testing.DuckDb.literal;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.cli.MarketlensCli;
import io.marketlens.metrics.DuckDbDifferentialTest;
import io.marketlens.tables.PlatformComponent;
import io.marketlens.tables.RunManifest;
import io.marketlens.testing.DuckDb;
import io.marketlens.testing.MarketSql;
import io.marketlens.testing.SparkTestSession;
import io.marketlens.testing.StdStreams;
import io.marketlens.testing.TableDiff;
import io.marketlens.testing.TableDiff.Check;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test of {@code platform_comparison}: {@code marketlens generate} writes a synthetic market (amazon US, DE,
 * GB, JP; aliexpress US, ES, FR; shopee SG, MY; shipments of the aliexpress and some amazon orders, none to SG or MY;
 * the planted bad rows), {@code marketlens run} computes the table, and DuckDB SQL recomputes it from the raw CSV
 * exports, sharing no code with the pipeline:
 * <ul>
 *   <li>revenue, growth, asp = revenue ÷ units, sellers, hhi, orders, units, rows and the low-volume rule from the market
 *       fact that {@link DuckDbDifferentialTest} builds from the raw sales and snapshots ({@link MarketSql});</li>
 *   <li>lead_time_p50 ({@code quantile_cont} of delivered − shipped, in days) and on_time_rate (delivered by the promised
 *       time ÷ delivered with a promised time) of the window's shipments to the marketplace's country (the generator's
 *       marketplaces are ISO codes, so the country is the marketplace), from the raw logistics CSV;</li>
 *   <li>logistics_cost_share: Σ C_o · R_os ÷ R_o ÷ Σ R_os over the orders with a costed shipment shipped in the window
 *       (cost at the FX rate of the local ship date) and demand revenue R_o &gt; 0;</li>
 *   <li>own_share: the configured own store's window revenue ÷ the scope's;</li>
 *   <li>new_product_share is taken from the run's {@code new_vs_existing} window row (that table has its own
 *       differential test);</li>
 *   <li>then z = (x − avg) ÷ {@code stddev_pop} per set (category ALL, or one category) over the candidates that are
 *       not low volume, score = Σ w · sign · z ÷ Σ w over the known components, rank by score (ties by scope).</li>
 * </ul>
 */
class PlatformComparisonSqlTest {

    static final double REL = 1e-9;
    /** z-scores and scores are differences of numbers of order 1: compared absolutely. */
    static final double ABS = 1e-9;

    @TempDir
    static Path tmp;

    static Path runDir;
    static MarketSql.Window window;
    static DuckDb db;
    static String previousZone;

    @BeforeAll
    static void generateRunAndQuery() throws Exception {
        previousZone = SparkTestSession.get().conf().get("spark.sql.session.timeZone");
        Path in = tmp.resolve("in");
        StdStreams.Captured g = StdStreams.capture(() -> MarketlensCli.execute("generate", "--out", in.toString(),
                "--rows", "4000", "--months", "26", "--listings", "120"));
        assertThat(g.exitCode()).as(g.err()).isZero();
        // small data: two shuffle partitions instead of eight; no figure depends on it
        Files.writeString(in.resolve("marketlens.yaml"), "shuffle_partitions: 2\n", java.nio.file.StandardOpenOption.APPEND);
        Path out = tmp.resolve("out");
        StdStreams.Captured c = StdStreams.capture(() -> MarketlensCli.execute("run", "--input", in.toString(),
                "--output", out.toString(), "--config", in.resolve("marketlens.yaml").toString()));
        assertThat(c.exitCode()).as(c.err()).isZero();
        runDir = Path.of(c.out().strip());
        RunManifest manifest = RunManifest.fromJson(Files.readString(runDir.resolve("manifest.json")));
        window = MarketSql.Window.asOf(LocalDate.parse(manifest.asOf()), 12);
        Matcher own = Pattern.compile("own_seller_ids: \\[\"([^\"]+)\"]").matcher(Files.readString(in.resolve("marketlens.yaml")));
        assertThat(own.find()).as("the generated config names the own store").isTrue();

        db = DuckDb.open();
        DuckDbDifferentialTest.loadRawExports(db, in);
        DuckDbDifferentialTest.buildFact(db, window);
        MarketSql.scope(db, window);
        MarketSql.marketSize(db, window);
        MarketSql.concentration(db);
        loadShipments(db, in);
        long accepted = manifest.inputs().stream().filter(i -> i.source().equals("logistics"))
                .mapToLong(RunManifest.Input::rowsAccepted).sum();
        assertThat(db.count("SELECT count(*) FROM ship_ok")).as("shipments the SQL accepts = the run's").isEqualTo(accepted);
        expected(db, own.group(1));
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
     * {@code ship_ok}: the logistics lines that pass SPEC §2 (the generator plants a negative cost and a bad ship_ts),
     * the first of a repeated shipment_id kept, with the local month of ship_ts, lead time in days and cost in USD.
     */
    static void loadShipments(DuckDb db, Path in) {
        String zone = literal(DuckDbDifferentialTest.ZONE);
        db.loadCsvLines("ship_lines", in.resolve("logistics").toString() + "/*.csv");
        db.exec("CREATE TEMP TABLE ship_parsed AS SELECT name AS file, line, len(f) = len(h) AS well_formed,"
                + " field(f, h, 'shipment_id') AS shipment_id, field(f, h, 'order_id') AS order_id,"
                + " field(f, h, 'carrier') AS carrier, upper(field(f, h, 'destination_country')) AS country,"
                + " local_ts(field(f, h, 'ship_ts'), " + zone + ") AS ship,"
                + " local_ts(field(f, h, 'promised_ts'), " + zone + ") AS promised,"
                + " local_ts(field(f, h, 'delivered_ts'), " + zone + ") AS delivered,"
                + " field(f, h, 'promised_ts') AS promised_text, field(f, h, 'delivered_ts') AS delivered_text,"
                + " regexp_replace(lower(field(f, h, 'status')), '[\\s\\-]+', '_', 'g') AS status,"
                + " field(f, h, 'cost') AS cost_text, upper(field(f, h, 'currency')) AS currency FROM ship_lines");
        db.exec("CREATE TEMP TABLE ship_valid AS SELECT *, CAST(ship AS DATE) AS local_date, strftime(ship, '%Y-%m') AS month,"
                + " CAST(cost_text AS DOUBLE) AS cost FROM ship_parsed"
                + " WHERE well_formed AND shipment_id IS NOT NULL AND carrier IS NOT NULL AND country IS NOT NULL"
                + " AND ship IS NOT NULL AND status IN ('delivered', 'in_transit', 'returned', 'lost')"
                + " AND (promised_text IS NULL OR promised IS NOT NULL) AND (delivered_text IS NULL OR delivered IS NOT NULL)"
                + " AND (status <> 'delivered' OR delivered IS NOT NULL) AND (delivered IS NULL OR delivered >= ship)"
                + " AND (cost_text IS NULL OR (regexp_matches(cost_text, '^[0-9]+([.][0-9]+)?$') AND currency IS NOT NULL))");
        db.exec("CREATE TEMP TABLE ship_fx AS SELECT v.*, CASE WHEN v.cost IS NULL THEN NULL WHEN v.currency = "
                + literal(DuckDbDifferentialTest.BASE) + " THEN v.cost ELSE v.cost * x.rate END AS cost_base"
                + " FROM ship_valid v ASOF LEFT JOIN fx x ON v.currency = x.currency AND v.local_date >= x.date"
                + " WHERE v.cost IS NULL OR v.currency = " + literal(DuckDbDifferentialTest.BASE)
                + " OR (x.date IS NOT NULL AND date_diff('day', x.date, v.local_date) <= "
                + DuckDbDifferentialTest.FX_TOLERANCE_DAYS + ")");
        db.exec("CREATE TEMP TABLE ship_ok AS SELECT * EXCLUDE (_n) FROM (SELECT *, row_number() OVER"
                + " (PARTITION BY shipment_id ORDER BY file, line) AS _n FROM ship_fx) WHERE _n = 1");
    }

    /** {@code exp_platforms}: the table as the SQL computes it. */
    static void expected(DuckDb db, String ownSeller) {
        String first = literal(window.firstMonth());
        String last = literal(window.lastMonth());
        // the window's shipments to each country (of every platform: shipments carry none)
        db.exec("CREATE TEMP TABLE exp_country AS SELECT country, count(*) AS shipments,"
                + " quantile_cont((epoch_us(delivered) - epoch_us(ship)) / 86400000000.0, 0.5) FILTER (WHERE status = 'delivered') AS lead_time_p50,"
                + " count(*) FILTER (WHERE status = 'delivered' AND delivered <= promised)"
                + "   / nullif(count(*) FILTER (WHERE status = 'delivered' AND promised IS NOT NULL), 0) AS on_time_rate"
                + " FROM ship_ok WHERE month BETWEEN " + first + " AND " + last + " GROUP BY country");
        // the logistics cost share: each order's window shipment costs split over its scopes by demand revenue
        db.exec("CREATE TEMP TABLE exp_cost AS"
                + " WITH costs AS (SELECT order_id, sum(cost_base) AS cost FROM ship_ok WHERE month BETWEEN " + first
                + "   AND " + last + " AND cost_base IS NOT NULL AND order_id IS NOT NULL GROUP BY order_id),"
                + " o AS (SELECT order_id, platform, marketplace, category, sum(unit_price * rate * quantity) AS r"
                + "   FROM demand GROUP BY ALL),"
                + " j AS (SELECT c.cost, o.*, sum(o.r) OVER (PARTITION BY o.order_id) AS ro FROM costs c JOIN o USING (order_id))"
                + " SELECT platform, marketplace, c AS category, sum(cost * r / ro) / sum(r) AS logistics_cost_share"
                + " FROM (SELECT *, unnest([category, 'ALL']) AS c FROM j) WHERE ro > 0 GROUP BY ALL HAVING sum(r) > 0");
        db.exec("CREATE TEMP TABLE exp_extra AS SELECT s_platform AS platform, s_marketplace AS marketplace,"
                + " s_category AS category, count(*) AS rows,"
                + " coalesce(sum(units) FILTER (WHERE source = 'competitors'), 0) AS snapshot_units,"
                + " coalesce(sum(revenue) FILTER (WHERE seller_id = " + literal(ownSeller) + "), 0) / nullif(sum(revenue), 0) AS own_share"
                + " FROM fact_scoped WHERE period = 'window' GROUP BY ALL");
        db.exec("CREATE TEMP TABLE exp_components AS"
                + " SELECT m.platform, m.marketplace, m.category, m.revenue, m.yoy_growth AS growth, round(c.hhi, 6) AS hhi,"
                + "   CASE WHEN m.units > 0 THEN m.revenue / m.units END AS asp, m.sellers,"
                + "   n.new_product_revenue_share AS new_product_share, m.marketplace AS destination_country,"
                + "   l.lead_time_p50, l.on_time_rate, k.logistics_cost_share, e.own_share,"
                + "   m.orders, m.units, coalesce(l.shipments, 0) AS shipments, e.rows,"
                + "   m.orders + e.snapshot_units < 30 OR m.products < 5 AS low_volume"
                + " FROM exp_market_size m"
                + " JOIN exp_extra e USING (platform, marketplace, category)"
                + " LEFT JOIN exp_concentration c ON c.platform = m.platform AND c.marketplace = m.marketplace"
                + "   AND c.category = m.category AND c.period = 'window' AND c.entity = 'seller'"
                + " LEFT JOIN " + TableDiff.parquetTable(runDir, "new_vs_existing") + " n ON n.platform = m.platform"
                + "   AND n.marketplace = m.marketplace AND n.category = m.category AND n.period = 'window'"
                + " LEFT JOIN exp_country l ON l.country = m.marketplace"
                + " LEFT JOIN exp_cost k ON k.platform = m.platform AND k.marketplace = m.marketplace AND k.category = m.category"
                + " WHERE m.period = 'window' AND m.platform <> 'ALL' AND m.marketplace <> 'ALL'");
        // z per set (a category, or ALL) over the candidates that are not low volume
        StringBuilder z = new StringBuilder("CREATE TEMP TABLE exp_z AS SELECT *");
        StringBuilder sum = new StringBuilder("0");
        StringBuilder weight = new StringBuilder("0");
        StringBuilder used = new StringBuilder("0");
        for (PlatformComponent c : PlatformComponent.values()) {
            String x = c.column();
            z.append(String.format(Locale.ROOT, ", CASE WHEN NOT low_volume AND %1$s IS NOT NULL THEN CASE WHEN"
                    + " stddev_pop(%1$s) OVER s = 0 THEN 0.0 ELSE (%1$s - avg(%1$s) OVER s) / stddev_pop(%1$s) OVER s END END"
                    + " AS %1$s_z", x));
            double w = c.defaultWeight();
            sum.append(String.format(Locale.ROOT, " + coalesce(%s * %d * %s_z, 0)", w, c.sign(), x));
            weight.append(String.format(Locale.ROOT, " + CASE WHEN %s_z IS NULL THEN 0 ELSE %s END", x, w));
            used.append(String.format(Locale.ROOT, " + CASE WHEN %s IS NULL THEN 0 ELSE 1 END", x));
        }
        db.exec(z + " FROM exp_components WINDOW s AS (PARTITION BY category, low_volume)");
        db.exec("CREATE TEMP TABLE exp_platforms AS SELECT *,"
                + " CASE WHEN NOT low_volume THEN CAST(row_number() OVER (PARTITION BY category, low_volume"
                + "   ORDER BY score DESC, platform || chr(1) || marketplace) AS INTEGER) END AS rank,"
                + " CASE WHEN NOT low_volume THEN CAST(count(*) OVER (PARTITION BY category, low_volume) AS INTEGER) END AS candidates,"
                + " nullif(concat_ws(';', CASE WHEN low_volume THEN 'low_volume' END,"
                + "   CASE WHEN shipments = 0 THEN 'no_shipments' WHEN lead_time_p50 IS NULL THEN 'no_delivered_shipments'"
                + "     WHEN on_time_rate IS NULL THEN 'no_promised_dates' END), '') AS status"
                + " FROM (SELECT *, CASE WHEN NOT low_volume THEN (" + sum + ") / (" + weight + ") END AS score,"
                + "   CASE WHEN NOT low_volume THEN CAST(" + used + " AS INTEGER) END AS components_used FROM exp_z)");
    }

    @Test
    void everyFigureScoreAndRankEqualsTheSql() {
        List<Check> checks = new ArrayList<>();
        for (String c : List.of("rank", "candidates", "sellers", "destination_country", "components_used", "orders", "units",
                "shipments", "rows", "status")) {
            checks.add(Check.exact(c));
        }
        for (String c : List.of("revenue", "growth", "asp", "new_product_share", "lead_time_p50", "on_time_rate",
                "logistics_cost_share")) {
            checks.add(Check.relative(c, REL));
        }
        checks.add(Check.absolute("own_share", 1e-12));
        checks.add(Check.absolute("hhi", 1e-6));
        checks.add(Check.absolute("score", ABS));
        for (PlatformComponent c : PlatformComponent.values()) {
            checks.add(Check.absolute(c.column() + "_z", ABS));
        }
        TableDiff.Result r = TableDiff.compare(db, "platform_comparison", "exp_platforms",
                TableDiff.parquetTable(runDir, "platform_comparison"), List.of("platform", "marketplace", "category"), checks,
                null);
        TableDiff.assertClean("PlatformComparisonSqlTest", r);

        String actual = TableDiff.parquetTable(runDir, "platform_comparison");
        System.err.println("PlatformComparisonSqlTest: over all categories, best first: " + db.rows("SELECT platform, marketplace,"
                        + " rank, round(score, 3) AS score, rank_stability, status FROM " + actual
                        + " WHERE category = 'ALL' ORDER BY rank NULLS LAST, platform, marketplace").stream()
                .map(Object::toString).collect(Collectors.joining("; ")));
        // the data exercise what the SQL is there to check
        assertThat(db.count("SELECT count(*) FROM " + actual + " WHERE category = 'ALL' AND rank IS NOT NULL"))
                .as("ranked platform × marketplaces").isGreaterThanOrEqualTo(7);
        assertThat(db.count("SELECT count(DISTINCT category) FROM " + actual + " WHERE category <> 'ALL' AND rank = 2"))
                .as("categories with two or more ranked platform × marketplaces").isGreaterThanOrEqualTo(3);
        assertThat(db.count("SELECT count(*) FROM " + actual + " WHERE status = 'no_shipments' AND rank IS NOT NULL"))
                .as("ranked without logistics (shopee: no shipments to SG, MY)").isPositive();
        assertThat(db.count("SELECT count(*) FROM " + actual + " WHERE lead_time_p50 IS NOT NULL AND logistics_cost_share IS NOT NULL"))
                .isPositive();
        assertThat(db.count("SELECT count(*) FROM " + actual + " WHERE own_share > 0")).isPositive();
        assertThat(db.count("SELECT count(*) FROM " + actual + " WHERE starts_with(status, 'low_volume')"))
                .as("thin category × platform × marketplaces, shown unranked").isPositive();
        assertThat(db.count("SELECT count(*) FROM " + actual + " WHERE rank_stability < 0 OR rank_stability > 1"
                + " OR (candidates <= 3 AND rank_stability <> 1)")).isZero();
    }
}
