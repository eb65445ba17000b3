package io.marketlens.metrics.logistics;

import static io.marketlens.testing.DuckDb.literal;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.cli.MarketlensCli;
import io.marketlens.ingest.Source;
import io.marketlens.tables.RunManifest;
import io.marketlens.testing.DataSamples;
import io.marketlens.testing.DuckDb;
import io.marketlens.testing.LaneSql;
import io.marketlens.testing.MarketSql;
import io.marketlens.testing.SparkTestSession;
import io.marketlens.testing.StdStreams;
import io.marketlens.testing.TableDiff;
import io.marketlens.testing.WarehouseFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test of the logistics tables on the checked-in {@code data-samples/} (four carriers and services,
 * US states and European countries without regions, costs in CNY converted to USD, Beijing time, returned, lost and
 * in-transit parcels, planted bad rows): {@code marketlens run}, then the same tables in DuckDB SQL ({@link LaneSql}:
 * {@code quantile_cont}, {@code avg}) from the shipments and sales the run accepted into its warehouse — so what is
 * tested is the metric, not the ingest, which its own tests cover. Months are the local months of ship_ts and order_ts
 * in the configured zone.
 */
class LogisticsDifferentialTest {

    @TempDir
    static Path tmp;

    static Path runDir;
    static MarketSql.Window window;
    static DuckDb db;
    static String previousZone;


    @BeforeAll
    static void runAndLoad() throws Exception {
        previousZone = SparkTestSession.get().conf().get("spark.sql.session.timeZone");
        Path samples = DataSamples.path();
        Path out = tmp.resolve("out");
        StdStreams.Captured c = StdStreams.capture(() -> MarketlensCli.execute("run", "--input", samples.toString(),
                "--output", out.toString(), "--config", samples.resolve("marketlens.yaml").toString()));
        assertThat(c.exitCode()).as(c.err()).isZero();
        runDir = Path.of(c.out().strip());
        RunManifest manifest = RunManifest.fromJson(Files.readString(runDir.resolve("manifest.json")));
        window = MarketSql.Window.asOf(LocalDate.parse(manifest.asOf()), 12);
        String zone = manifest.config().get("timezone").toString();
        assertThat(zone).isEqualTo("Asia/Shanghai");

        Path warehouse = out.resolve("warehouse");
        String sales = literal(WarehouseFiles.parquetGlob(warehouse, Source.SALES, tmp.resolve("export")));
        String logistics = literal(WarehouseFiles.parquetGlob(warehouse, Source.LOGISTICS, tmp.resolve("export")));
        db = DuckDb.open();
        db.exec("SET TimeZone = 'UTC'");
        String local = "timezone(" + literal(zone) + ", CAST(%s AS TIMESTAMPTZ))";
        db.exec("CREATE TEMP TABLE order_revenue AS SELECT order_id, sum(unit_price_base * quantity) AS revenue"
                + " FROM read_parquet(" + sales + ") WHERE (status IS NULL OR status NOT IN ('cancelled', 'canceled'))"
                + " AND strftime(" + String.format(local, "order_ts") + ", '%Y-%m') <= " + literal(window.lastMonth())
                + " GROUP BY order_id");
        db.exec("CREATE TEMP TABLE ship AS SELECT carrier, coalesce(service, 'UNKNOWN') AS service,"
                + " destination_country AS country, coalesce(destination_region, 'UNKNOWN') AS region,"
                + " strftime(" + String.format(local, "ship_ts") + ", '%Y-%m') AS month, status,"
                + " epoch_us(CAST(ship_ts AS TIMESTAMPTZ)) AS ship_us, epoch_us(CAST(delivered_ts AS TIMESTAMPTZ)) AS delivered_us,"
                + " epoch_us(CAST(promised_ts AS TIMESTAMPTZ)) AS promised_us, cost_base AS cost,"
                + " CAST(weight_kg AS DOUBLE) AS weight, l.order_id, r.revenue AS order_revenue"
                + " FROM read_parquet(" + logistics + ") l LEFT JOIN order_revenue r ON r.order_id = l.order_id"
                + " WHERE strftime(" + String.format(local, "ship_ts") + ", '%Y-%m') <= " + literal(window.lastMonth()));
        LaneSql.lanes(db, window.firstMonth(), window.lastMonth());
        LaneSql.ranking(db, 30);
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

    @Test
    void lanesAndRankingEqualDuckDbsQuantileContAndAverages() {
        for (TableDiff.Result r : LaneSql.compare(db, runDir)) {
            TableDiff.assertClean("LogisticsDifferentialTest", r);
        }
        // the samples exercise what the SQL is there to check
        assertThat(db.count("SELECT count(DISTINCT carrier) FROM exp_lanes WHERE carrier <> 'ALL'")).isGreaterThanOrEqualTo(3);
        assertThat(db.count("SELECT count(*) FROM exp_lanes WHERE returned > 0 AND lost > 0 AND in_transit > 0")).isPositive();
        assertThat(db.count("SELECT count(*) FROM exp_lanes WHERE destination_region = 'UNKNOWN'")).isPositive();
        assertThat(db.count("SELECT count(*) FROM exp_lanes WHERE cost_share IS NOT NULL")).isPositive();
        assertThat(db.count("SELECT count(*) FROM exp_ranking WHERE rank >= 2")).as("countries with several ranked lanes").isPositive();
    }

    @Test
    void theShipmentForecastIsFedTheMonthlyCounts() {
        List<String> problems = LaneSql.forecastProblems(db, runDir, window.lastMonth(), 6);
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }
}
