package io.marketlens;

import static io.marketlens.testing.DuckDb.literal;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.cli.MarketlensCli;
import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Lang;
import io.marketlens.reports.text.Numbers;
import io.marketlens.tables.RunManifest;
import io.marketlens.testing.DuckDb;
import io.marketlens.testing.LaneSql;
import io.marketlens.testing.MarketSql;
import io.marketlens.testing.OlistExport;
import io.marketlens.testing.ReportTables;
import io.marketlens.testing.SparkTestSession;
import io.marketlens.testing.StdStreams;
import io.marketlens.testing.TableDiff;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * The logistics tables on real data: the Olist 2017 subset converted by {@link OlistExport} (sales and logistics;
 * base currency BRL, time zone UTC) and run through {@code marketlens run}, against DuckDB SQL on the raw Olist files
 * ({@code orders.csv}, {@code order_items.csv}, {@code products.csv}, {@code customers.csv}), never the converter's
 * output. The SQL's reading of Olist as shipments:
 * <ul>
 *   <li>a shipment per order with a carrier hand-over date (ship_ts), carrier {@value OlistExport#CARRIER}, service
 *       {@value OlistExport#SERVICE}, country {@value OlistExport#COUNTRY}, region = the customer's state;
 *       promised = the estimated delivery date; delivered when the order has a customer delivery date, else in
 *       transit;</li>
 *   <li>left out as the pipeline quarantines them: an order Olist calls delivered without a delivery date, a delivery
 *       before the hand-over, and an order whose products all weigh 0 g;</li>
 *   <li>cost = Σ freight_value of the order's items; weight = Σ product_weight_g ÷ 1000, unknown when an item's
 *       weight is or when the order has no items;</li>
 *   <li>order revenue = Σ price of the order's items whose product has a category (the others are quarantined sales
 *       rows), for orders not canceled and bought up to the last full month;</li>
 *   <li>months of ship_ts as written; up to the last full month before the run's as-of date.</li>
 * </ul>
 * Skipped when the data set is absent.
 */
class OlistLogisticsTest {

    @TempDir
    static Path tmp;

    static Path runDir;
    static MarketSql.Window window;
    static DuckDb db;
    static String previousZone;

    @BeforeAll
    static void convertRunAndLoad() throws Exception {
        Path olist = OlistExport.locate().orElse(null);
        Assumptions.assumeTrue(olist != null, "shared/datasets/" + OlistExport.DATASET + " is absent; skipping the Olist logistics test");
        previousZone = SparkTestSession.get().conf().get("spark.sql.session.timeZone");
        Path in = tmp.resolve("in");
        OlistExport export = OlistExport.load(olist);
        export.writeSales(in);
        export.writeLogistics(in);
        Path config = OlistExport.writeConfig(tmp.resolve("olist.yaml"));
        StdStreams.Captured c = StdStreams.capture(() -> MarketlensCli.execute("run", "--input", in.toString(),
                "--output", tmp.resolve("out").toString(), "--config", config.toString()));
        assertThat(c.exitCode()).as(c.err()).isZero();
        runDir = Path.of(c.out().strip());
        RunManifest manifest = RunManifest.fromJson(Files.readString(runDir.resolve("manifest.json")));
        window = MarketSql.Window.asOf(LocalDate.parse(manifest.asOf()), 12);

        db = DuckDb.open();
        for (String t : List.of("orders", "order_items", "products", "customers")) {
            db.exec("CREATE TEMP TABLE raw_" + t + " AS SELECT * FROM read_csv(" + literal(olist.resolve(t + ".csv"))
                    + ", header = true, all_varchar = true, delim = ',', quote = '\"')");
        }
        db.exec("CREATE TEMP TABLE order_goods AS SELECT i.order_id, count(*) AS items,"
                + " CAST(sum(CAST(i.freight_value AS DECIMAL(18, 2))) AS DOUBLE) AS cost,"
                + " count(nullif(trim(p.product_weight_g), '')) AS weighed_items,"
                + " sum(CAST(nullif(trim(p.product_weight_g), '') AS DECIMAL(18, 3))) AS grams"
                + " FROM raw_order_items i LEFT JOIN raw_products p ON p.product_id = i.product_id GROUP BY i.order_id");
        db.exec("CREATE TEMP TABLE order_revenue AS SELECT i.order_id, sum(CAST(i.price AS DOUBLE)) AS revenue"
                + " FROM raw_order_items i JOIN raw_orders o ON o.order_id = i.order_id"
                + " JOIN raw_products p ON p.product_id = i.product_id"
                + " WHERE nullif(trim(p.product_category_name), '') IS NOT NULL AND o.order_status NOT IN ('canceled', 'cancelled')"
                + " AND substr(o.order_purchase_timestamp, 1, 7) <= " + literal(window.lastMonth()) + " GROUP BY i.order_id");
        db.exec("CREATE TEMP TABLE ship_all AS SELECT o.order_id,"
                + " CAST(o.order_delivered_carrier_date AS TIMESTAMP) AS ship,"
                + " CAST(nullif(o.order_delivered_customer_date, '') AS TIMESTAMP) AS delivered,"
                + " CAST(nullif(o.order_estimated_delivery_date, '') AS TIMESTAMP) AS promised,"
                + " o.order_status, coalesce(nullif(trim(c.customer_state), ''), 'UNKNOWN') AS region,"
                + " g.cost, CASE WHEN g.items = g.weighed_items THEN CAST(g.grams AS DOUBLE) / 1000 END AS weight, g.grams"
                + " FROM raw_orders o LEFT JOIN raw_customers c ON c.customer_id = o.customer_id"
                + " LEFT JOIN order_goods g ON g.order_id = o.order_id"
                + " WHERE nullif(o.order_delivered_carrier_date, '') IS NOT NULL");
        db.exec("CREATE TEMP TABLE ship AS SELECT " + literal(OlistExport.CARRIER) + " AS carrier, "
                + literal(OlistExport.SERVICE) + " AS service, " + literal(OlistExport.COUNTRY) + " AS country, region,"
                + " strftime(ship, '%Y-%m') AS month, CASE WHEN delivered IS NOT NULL THEN 'delivered' ELSE 'in_transit' END AS status,"
                + " epoch_us(ship) AS ship_us, epoch_us(delivered) AS delivered_us, epoch_us(promised) AS promised_us,"
                + " s.cost, s.weight, s.order_id, r.revenue AS order_revenue"
                + " FROM ship_all s LEFT JOIN order_revenue r ON r.order_id = s.order_id"
                + " WHERE NOT (delivered IS NULL AND order_status = 'delivered')"
                + " AND NOT (delivered IS NOT NULL AND delivered < ship)"
                + " AND NOT (weight IS NOT NULL AND grams = 0)"
                + " AND strftime(ship, '%Y-%m') <= " + literal(window.lastMonth()));
        LaneSql.lanes(db, window.firstMonth(), window.lastMonth());
        LaneSql.ranking(db, 30);
        System.err.printf(Locale.ROOT, "OlistLogisticsTest: as_of %s, window %s..%s, %d shipments in the months up to %s%n",
                manifest.asOf(), window.firstMonth(), window.lastMonth(), db.count("SELECT count(*) FROM ship"), window.lastMonth());
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
     * The report the run rendered on the real export: its findings state the tables' own figures (the market's
     * window revenue, the most concentrated category, the overall lead time and on-time rate, every file's row
     * accounting), and the Chinese report renders from the same folder with an embedded CJK font.
     */
    @Test
    void theReportOnRealDataStatesTheTablesFigures() throws Exception {
        RunManifest manifest = RunManifest.fromJson(Files.readString(runDir.resolve("manifest.json")));
        Numbers en = new Numbers(Lang.EN, manifest.baseCurrency());
        Table.Row market = ReportTables.marketWindow(runDir, "market_size");
        Table.Row top = ReportTables.mostConcentrated(runDir);
        Table.Row lanes = Table.read(runDir.resolve("tables/logistics_lanes.csv")).where(r -> r.is("carrier", "ALL")
                && r.is("destination_country", "ALL") && r.is("period", "window")).rows().get(0);
        long read = manifest.inputs().stream().mapToLong(RunManifest.Input::rowsRead).sum();
        long accepted = manifest.inputs().stream().mapToLong(RunManifest.Input::rowsAccepted).sum();
        long quarantined = manifest.inputs().stream().mapToLong(RunManifest.Input::rowsQuarantined).sum();

        String text = ReportTables.pdfText(runDir.resolve("report.pdf"));
        assertThat(text).contains("the market size was " + en.moneyCompact(market.num("revenue")) + " of revenue from "
                + en.integer(market.num("units")) + " units");
        assertThat(text).contains("highest in " + top.str("category") + ": HHI " + en.integer(top.num("hhi")) + ", CR4 "
                + en.percentValue(top.num("cr4"), 1));
        assertThat(text).contains("Across " + en.integer(lanes.num("shipments")) + " shipments in the window, the median lead"
                + " time was " + en.decimal(lanes.num("lead_time_p50"), 1) + " days and " + en.percent(lanes.num("on_time_rate"), 1)
                + " arrived on time");
        assertThat(text).contains(en.integer(read) + " read, " + en.integer(accepted) + " accepted, " + en.integer(quarantined)
                + " quarantined");
        assertThat(text).contains("Appendix A. Data quality", "Appendix B. Methodology");

        // no key finding names a category too thin to judge (but the one that counts them), none has an empty figure
        String findings = text.substring(text.indexOf("Key findings"), text.indexOf("Market size and growth"));
        java.util.Set<String> thin = ReportTables.lowVolumeCategories(runDir);
        assertThat(thin).contains("air_conditioning", "arts_and_craftmanship");
        // the key findings are numbered (1. … 7.), the chapters' others bulleted: one item at a time
        String[] items = findings.split("(?:^|\\s)(?:[1-7]\\.|•) ");
        assertThat(items).hasSizeGreaterThan(3);
        for (String sentence : items) {
            if (!sentence.contains("too small to judge")) {
                assertThat(thin).as(sentence).noneMatch(c -> sentence.contains(c + " ") || sentence.contains(c + ":")
                        || sentence.contains(c + ",") || sentence.contains(c + "."));
            }
        }
        assertThat(findings).doesNotContain("– in", "up –", "down –", "by –", "(–", "– a month");
        // and the change points of a thin scope are its status row alone
        assertThat(Table.read(runDir.resolve("tables/change_points.csv")).where(r -> r.is("platform", "ALL")
                && r.is("marketplace", "ALL") && thin.contains(r.str("category"))).rows())
                .allSatisfy(r -> assertThat(r.isEmpty("period") && r.is("status", "low_volume")).isTrue());

        Path zh = tmp.resolve("zh/report.pdf");
        StdStreams.Captured c = StdStreams.capture(() -> MarketlensCli.execute("report", "--run", runDir.toString(), "--lang", "zh",
                "--out", zh.toString()));
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(ReportTables.pdfText(zh)).contains("市场容量", "市场集中度", "物流", "HHI " + en.integer(top.num("hhi")));
    }

    @Test
    void everyLaneFigureAndTheRankingMatchTheRawOlistFiles() {
        for (TableDiff.Result r : LaneSql.compare(db, runDir)) {
            TableDiff.assertClean("OlistLogisticsTest", r);
            assertThat(r.matchedRows()).as(r.what()).isPositive();
        }
        assertThat(db.count("SELECT count(DISTINCT destination_region) FROM exp_lanes")).as("Brazilian states and ALL").isGreaterThan(20);
        Map<String, Object> w = db.rows("SELECT shipments, delivered_rate, lead_time_p50, lead_time_p90, lead_time_mean,"
                + " on_time_rate, cost_per_shipment, cost_per_kg, cost_share FROM exp_lanes WHERE carrier = 'ALL'"
                + " AND period = 'window'").get(0);
        System.err.println("OlistLogisticsTest: all lanes over the window " + w);
        assertThat(((Number) w.get("shipments")).longValue()).isGreaterThan(5000);
    }

    @Test
    void theShipmentForecastIsFedTheMonthlyCounts() {
        List<String> problems = LaneSql.forecastProblems(db, runDir, window.lastMonth(), 6);
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }
}
