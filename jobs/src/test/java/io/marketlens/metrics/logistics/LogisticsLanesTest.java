package io.marketlens.metrics.logistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.cli.MarketlensCli;
import io.marketlens.tables.RunManifest;
import io.marketlens.testing.Files2;
import io.marketlens.testing.SparkTestSession;
import io.marketlens.testing.StdStreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three logistics tables of a {@code marketlens run} on a hand-made fixture, every expected value worked out
 * beside it. Base currency USD, time zone UTC, as-of 2024-04-30 (window 2023-05..2024-04).
 */
class LogisticsLanesTest {

    static final String SALES = "order_id,line_id,order_ts,platform,marketplace,category,seller_id,product_id,unit_price,quantity,currency,status\n"
            + "o1,1,2024-02-28 10:00:00,amazon,DE,Toys,s1,p1,50.00,2,USD,shipped\n"       // o1: 2 × 50 = 100
            + "o1,2,2024-02-28 10:00:00,amazon,DE,Toys,s1,p2,30.00,1,USD,cancelled\n"     // cancelled: not revenue
            + "o2,1,2024-03-01 10:00:00,amazon,DE,Toys,s1,p1,100.00,1,EUR,shipped\n";     // o2: 100 EUR × 1.10 = 110

    static final String SHIPMENTS = "shipment_id,order_id,carrier,service,origin_country,destination_country,destination_region,ship_ts,promised_ts,delivered_ts,status,weight_kg,cost,currency\n"
            // 2.5 days, on time, 20 for 2 kg
            + "s1,o1,DHL,Express,CN,DE,BY,2024-03-01 00:00:00,2024-03-04 00:00:00,2024-03-03 12:00:00,delivered,2,20.00,USD\n"
            // 4 days, a day late, no weight, 10 EUR = 11 USD (the EUR rate of 2024-03-01)
            + "s2,o2,DHL,Express,CN,DE,BE,2024-03-02 00:00:00,2024-03-05 00:00:00,2024-03-06 00:00:00,delivered,,10.00,EUR\n"
            // in transit, no service, no region
            + "s3,o1,DHL,,CN,DE,,2024-03-10 00:00:00,2024-03-20 00:00:00,,in_transit,1,5.00,USD\n"
            // 1 day, no promise
            + "s4,o1,DHL,Express,CN,DE,BY,2024-03-05 00:00:00,,2024-03-06 00:00:00,delivered,1,4.00,USD\n"
            // returned, no order
            + "s5,,UPS,Standard,CN,FR,,2024-04-02 00:00:00,2024-04-09 00:00:00,,returned,1,7.00,USD\n"
            // a currency without a rate: quarantined as fx_rate_missing, never in a lane
            + "s6,o1,DHL,Express,CN,DE,BY,2024-03-03 00:00:00,,,in_transit,1,9.00,XYZ\n"
            // a cost without a currency: quarantined as missing_required:currency
            + "s7,o1,DHL,Express,CN,DE,BY,2024-03-03 00:00:00,,,in_transit,1,9.00,\n"
            // shipped after the as-of date: left out
            + "s8,o2,DHL,Express,CN,DE,BY,2024-05-02 00:00:00,,,in_transit,1,3.00,USD\n"
            // a currency without a cost: accepted, no cost
            + "s9,,DHL,,CN,DE,,2024-03-12 00:00:00,,,in_transit,1,,USD\n";

    @TempDir
    static Path dir;

    static Path runDir;
    static RunManifest manifest;
    static Map<String, Row> lanes = new HashMap<>();
    static Map<String, Row> ranking = new HashMap<>();
    static List<Row> forecast;

    @BeforeAll
    static void run() throws Exception {
        SparkSession spark = SparkTestSession.get();
        Path in = dir.resolve("in");
        Files2.write(in.resolve("fx_rates/rates.csv"), "date,currency,rate_to_base\n2024-03-01,EUR,1.10\n");
        Files2.write(in.resolve("sales/s.csv"), SALES);
        Files2.write(in.resolve("logistics/l.csv"), SHIPMENTS);
        Path config = Files2.write(dir.resolve("c.yaml"), "max_quarantine_ratio: 0.5\nshuffle_partitions: 2\nmetrics:\n  lane_ranking: {min_shipments: 1}\n");
        StdStreams.Captured c = StdStreams.capture(() -> MarketlensCli.execute("run", "--input=" + in, "--output=" + dir.resolve("out"),
                "--config=" + config, "--as-of=2024-04-30"));
        assertThat(c.exitCode()).as(c.err()).isZero();
        runDir = Path.of(c.out().strip());
        manifest = RunManifest.fromJson(Files.readString(runDir.resolve("manifest.json")));
        for (Row r : spark.read().parquet(runDir.resolve("tables/logistics_lanes.parquet").toString()).collectAsList()) {
            lanes.put(String.join("|", r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4)), r);
        }
        for (Row r : spark.read().parquet(runDir.resolve("tables/lane_ranking.parquet").toString()).collectAsList()) {
            ranking.put(String.join("|", r.getString(0), r.getString(1), r.getString(2)), r);
        }
        forecast = spark.read().parquet(runDir.resolve("tables/logistics_forecast.parquet").toString())
                .orderBy("destination_country", "period").collectAsList();
    }

    static Row lane(String key) {
        assertThat(lanes).containsKey(key);
        return lanes.get(key);
    }

    static Double d(Row r, String column) {
        return r.isNullAt(r.fieldIndex(column)) ? null : r.getDouble(r.fieldIndex(column));
    }

    static long n(Row r, String column) {
        return r.getLong(r.fieldIndex(column));
    }

    @Test
    void theTablesAreWrittenWithTheirColumnsInOrder() {
        assertThat(manifest.tables()).containsSequence("logistics_lanes", "lane_ranking", "logistics_forecast");
        assertThat(lanes.values().iterator().next().schema().fieldNames()).startsWith("carrier", "service",
                "destination_country", "destination_region", "period", "shipments", "delivered", "returned", "lost",
                "in_transit", "delivered_rate", "returned_rate", "lost_rate", "lead_time_p50", "lead_time_p90",
                "lead_time_mean", "on_time_rate", "cost_per_shipment", "cost_per_kg", "cost_share").endsWith("rows", "status");
    }

    @Test
    void aLaneRegionByHand() {
        Row r = lane("DHL|Express|DE|BY|2024-03"); // s1 and s4
        assertThat(n(r, "shipments")).isEqualTo(2);
        assertThat(n(r, "delivered")).isEqualTo(2);
        assertThat(d(r, "delivered_rate")).isEqualTo(1.0);
        // lead times 2.5 and 1 day: p50 1.75, p90 = 1 + 0.9 · 1.5 = 2.35, mean 1.75
        assertThat(d(r, "lead_time_p50")).isEqualTo(1.75);
        assertThat(d(r, "lead_time_p90")).isCloseTo(2.35, within(1e-12));
        assertThat(d(r, "lead_time_mean")).isEqualTo(1.75);
        assertThat(d(r, "on_time_rate")).as("s1 on time; s4 has no promise").isEqualTo(1.0);
        assertThat(d(r, "cost_per_shipment")).isEqualTo(12.0);    // (20 + 4) / 2
        assertThat(d(r, "cost_per_kg")).isEqualTo(8.0);           // 24 / 3 kg
        assertThat(d(r, "cost_share")).isEqualTo(0.24);           // 24 / o1's 100, counted once
        assertThat(n(r, "rows")).isEqualTo(2);
        assertThat(r.isNullAt(r.fieldIndex("status"))).isTrue();
    }

    @Test
    void aRegionWithoutWeightsAndTheLaneRollUp() {
        Row be = lane("DHL|Express|DE|BE|2024-03"); // s2
        assertThat(d(be, "lead_time_p50")).isEqualTo(4.0);
        assertThat(d(be, "on_time_rate")).isEqualTo(0.0);
        assertThat(d(be, "cost_per_shipment")).isCloseTo(11.0, within(1e-12));
        assertThat(d(be, "cost_per_kg")).isNull();
        assertThat(d(be, "cost_share")).isCloseTo(0.1, within(1e-15)); // 11 / 110
        assertThat(be.getString(be.fieldIndex("status"))).isEqualTo("no_weights");

        Row all = lane("DHL|Express|DE|ALL|2024-03"); // s1, s2, s4: lead times 1, 2.5, 4
        assertThat(n(all, "shipments")).isEqualTo(3);
        assertThat(d(all, "lead_time_p50")).isEqualTo(2.5);
        assertThat(d(all, "lead_time_p90")).isCloseTo(3.7, within(1e-12)); // h = 1.8 → 2.5 + 0.8 · 1.5
        assertThat(d(all, "lead_time_mean")).isEqualTo(2.5);
        assertThat(d(all, "on_time_rate")).isEqualTo(0.5);
        assertThat(d(all, "cost_per_shipment")).isCloseTo(35.0 / 3, within(1e-12));
        assertThat(d(all, "cost_per_kg")).isEqualTo(8.0);                     // s2 has no weight
        assertThat(d(all, "cost_share")).isCloseTo(35.0 / 210, within(1e-15)); // o1 100 + o2 110
    }

    @Test
    void inTransitShipmentsCountAsShipmentsButNotInLeadTimesAndEmptyServiceAndRegionReadUnknown() {
        Row r = lane("DHL|UNKNOWN|DE|UNKNOWN|2024-03"); // s3 and s9
        assertThat(n(r, "shipments")).isEqualTo(2);
        assertThat(n(r, "in_transit")).isEqualTo(2);
        assertThat(d(r, "delivered_rate")).isEqualTo(0.0);
        assertThat(d(r, "lead_time_p50")).isNull();
        assertThat(d(r, "cost_per_shipment")).isEqualTo(5.0); // s9 has no cost
        assertThat(d(r, "cost_per_kg")).isEqualTo(5.0);
        assertThat(d(r, "cost_share")).isEqualTo(0.05);       // 5 / 100
        assertThat(r.getString(r.fieldIndex("status"))).isEqualTo("no_delivered_shipments");

        Row de = lane("ALL|ALL|DE|ALL|2024-03"); // s1, s2, s3, s4, s9
        assertThat(n(de, "shipments")).isEqualTo(5);
        assertThat(d(de, "delivered_rate")).isEqualTo(0.6);
        assertThat(d(de, "cost_per_shipment")).isEqualTo(10.0);                // 40 / 4
        assertThat(d(de, "cost_per_kg")).isEqualTo(7.25);                       // 29 / 4 kg
        assertThat(d(de, "cost_share")).isCloseTo(40.0 / 210, within(1e-15));
    }

    @Test
    void theWindowRollsUpEveryLaneAndLeavesOutWhatIsAfterTheAsOfDateOrQuarantined() {
        Row w = lane("ALL|ALL|ALL|ALL|window"); // s1, s2, s3, s4, s5, s9
        assertThat(n(w, "shipments")).isEqualTo(6);
        assertThat(new long[]{n(w, "delivered"), n(w, "returned"), n(w, "lost"), n(w, "in_transit")}).containsExactly(3, 1, 0, 2);
        assertThat(d(w, "returned_rate")).isEqualTo(1.0 / 6);
        assertThat(d(w, "cost_per_shipment")).isCloseTo(9.4, within(1e-12)); // 47 / 5
        assertThat(d(w, "cost_per_kg")).isCloseTo(7.2, within(1e-12));       // 36 / 5 kg
        assertThat(d(w, "cost_share")).isCloseTo(40.0 / 210, within(1e-15));  // s5 has no order
        assertThat(lanes.keySet()).noneMatch(k -> k.endsWith("2024-05"));
        assertThat(lanes.keySet()).extracting(k -> k.substring(k.lastIndexOf('|') + 1)).containsOnly("2024-03", "2024-04", "window");

        Row fr = lane("UPS|Standard|FR|UNKNOWN|2024-04");
        assertThat(d(fr, "returned_rate")).isEqualTo(1.0);
        assertThat(d(fr, "cost_share")).isNull();
        assertThat(fr.getString(fr.fieldIndex("status"))).isEqualTo("no_delivered_shipments;no_order_revenue");
    }

    @Test
    void unknownCurrencyAndCostWithoutCurrencyEndInTheQuarantine() throws Exception {
        String q = Files.readString(runDir.resolve("quarantine/logistics.csv"));
        assertThat(q.lines().skip(1)).hasSize(2);
        assertThat(q).contains(",7,fx_rate_missing,", ",8,missing_required:currency,");
        assertThat(manifest.inputs()).filteredOn(i -> i.source().equals("logistics"))
                .extracting(i -> i.rowsRead() + "=" + i.rowsAccepted() + "+" + i.rowsQuarantined()).containsExactly("9=7+2");
    }

    @Test
    void rankingPerDestination() {
        Row dhl = ranking.get("DE|DHL|Express");
        // the only ranked lane to DE: speed 1, reliability 3/3 · 0.5, cost 1 → 2.5 / 3
        assertThat(dhl.getInt(dhl.fieldIndex("rank"))).isEqualTo(1);
        assertThat(d(dhl, "score")).isCloseTo(2.5 / 3, within(1e-15));
        assertThat(d(dhl, "reliability_score")).isEqualTo(0.5);
        assertThat(d(dhl, "lead_time_p50")).isEqualTo(2.5);
        assertThat(d(dhl, "delivered_rate")).isEqualTo(1.0);
        Row unknown = ranking.get("DE|DHL|UNKNOWN");
        assertThat(unknown.isNullAt(unknown.fieldIndex("rank"))).isTrue();
        assertThat(unknown.getString(unknown.fieldIndex("status"))).isEqualTo("no_completed_shipments");
        Row ups = ranking.get("FR|UPS|Standard");
        // returned only: speed 0, reliability 0, cost 1 → 1/3
        assertThat(ups.getInt(ups.fieldIndex("rank"))).isEqualTo(1);
        assertThat(d(ups, "score")).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(ranking).hasSize(3);
    }

    @Test
    void shipmentForecastPerDestination() {
        // DE: 5 shipments in 2024-03, 0 in 2024-04 → two months: the mean 2.5; FR: 1 in 2024-04; ALL: 5, 1 → 3
        assertThat(forecast).hasSize(18);
        assertThat(forecast).extracting(r -> r.getString(0) + " " + r.getString(1) + " " + r.getDouble(2) + " " + r.getString(6)
                        + " " + r.getInt(7) + " " + r.getInt(8) + " " + r.getLong(9) + " " + r.getString(10))
                .startsWith("ALL 2024-05 3.0 mean 1 2 6 insufficient_history")
                .contains("DE 2024-05 2.5 mean 1 2 5 insufficient_history", "DE 2024-10 2.5 mean 6 2 5 insufficient_history",
                        "FR 2024-05 1.0 mean 1 1 1 insufficient_history");
    }

    @Test
    void logisticsAloneStillGivesTheLogisticsTables() throws Exception {
        Path in = dir.resolve("only-logistics");
        Files2.write(in.resolve("logistics/l.csv"), SHIPMENTS.lines().filter(l -> !l.contains("EUR") && !l.contains("XYZ"))
                .reduce((a, b) -> a + "\n" + b).orElseThrow() + "\n");
        Path config = Files2.write(dir.resolve("c2.yaml"), "max_quarantine_ratio: 0.5\nshuffle_partitions: 2\n");
        StdStreams.Captured c = StdStreams.capture(() -> MarketlensCli.execute("run", "--input=" + in,
                "--output=" + dir.resolve("out2"), "--config=" + config, "--as-of=2024-04-30"));
        assertThat(c.exitCode()).as(c.err()).isZero();
        Path run = Path.of(c.out().strip());
        RunManifest m = RunManifest.fromJson(Files.readString(run.resolve("manifest.json")));
        assertThat(m.tables()).containsExactly("logistics_lanes", "lane_ranking", "logistics_forecast", "changes");
        Row all = SparkTestSession.get().read().parquet(run.resolve("tables/logistics_lanes.parquet").toString())
                .filter("carrier = 'ALL' AND destination_country = 'ALL' AND period = 'window'").first();
        // s1, s3, s4, s5, s9 (s7 quarantined, s8 after the as-of date); no sales: no cost share
        assertThat(all.getLong(all.fieldIndex("shipments"))).isEqualTo(5);
        assertThat(all.isNullAt(all.fieldIndex("cost_share"))).isTrue();
        assertThat(all.getString(all.fieldIndex("status"))).isEqualTo("no_order_revenue");
    }
}
