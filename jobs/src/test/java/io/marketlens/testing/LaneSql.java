package io.marketlens.testing;

import static io.marketlens.testing.DuckDb.literal;

import io.marketlens.metrics.timeseries.Forecaster;
import io.marketlens.testing.TableDiff.Check;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The logistics tables (SPEC M13) recomputed in DuckDB SQL, for the differential tests. Input: a table {@code ship}
 * with one row per shipment — carrier, service, country, region (a missing service or region already read as
 * {@code UNKNOWN}), month ({@code YYYY-MM} of ship_ts in the run's time zone; only months up to the last full
 * month), status, ship_us / delivered_us / promised_us (microseconds since the epoch), cost (base currency), weight
 * (kg), order_id and order_revenue (Σ price × quantity of the order's demand lines; null when none). Percentiles
 * by DuckDB's {@code quantile_cont}, means by {@code avg}; no code shared with the pipeline.
 */
public final class LaneSql {

    /** Relative tolerance of the comparisons: floating-point noise of different summation orders only. */
    public static final double REL = 1e-9;

    private LaneSql() {
    }

    /** {@code exp_lanes}: the four lane levels for every month and for the window {@code first..last}. */
    public static void lanes(DuckDb db, String firstWindowMonth, String lastMonth) {
        db.exec("CREATE OR REPLACE TEMP TABLE ship_scoped AS"
                + " WITH p AS (SELECT *, month AS period, (delivered_us - ship_us) / 86400000000.0 AS lead FROM ship"
                + "   UNION ALL SELECT *, 'window', (delivered_us - ship_us) / 86400000000.0 FROM ship"
                + "   WHERE month BETWEEN " + literal(firstWindowMonth) + " AND " + literal(lastMonth) + ")"
                + " SELECT carrier AS c, service AS s, country AS d, region AS r, * FROM p"
                + " UNION ALL SELECT carrier, service, country, 'ALL', * FROM p"
                + " UNION ALL SELECT 'ALL', 'ALL', country, 'ALL', * FROM p"
                + " UNION ALL SELECT 'ALL', 'ALL', 'ALL', 'ALL', * FROM p");
        db.exec("CREATE OR REPLACE TEMP TABLE exp_lanes AS"
                + " WITH g AS (SELECT c, s, d, r, period, count(*) AS shipments,"
                + "   count(*) FILTER (WHERE status = 'delivered') AS delivered,"
                + "   count(*) FILTER (WHERE status = 'returned') AS returned,"
                + "   count(*) FILTER (WHERE status = 'lost') AS lost,"
                + "   count(*) FILTER (WHERE status = 'in_transit') AS in_transit,"
                + "   quantile_cont(lead, 0.5) FILTER (WHERE status = 'delivered') AS lead_time_p50,"
                + "   quantile_cont(lead, 0.9) FILTER (WHERE status = 'delivered') AS lead_time_p90,"
                + "   avg(lead) FILTER (WHERE status = 'delivered') AS lead_time_mean,"
                + "   count(*) FILTER (WHERE status = 'delivered' AND promised_us IS NOT NULL) AS promised_shipments,"
                + "   count(*) FILTER (WHERE status = 'delivered' AND delivered_us <= promised_us) AS on_time,"
                + "   count(cost) AS costed_shipments, sum(cost) AS cost_sum,"
                + "   count(cost) FILTER (WHERE weight IS NOT NULL) AS weighed_shipments,"
                + "   sum(cost) FILTER (WHERE weight IS NOT NULL) AS weighed_cost,"
                + "   sum(weight) FILTER (WHERE cost IS NOT NULL) AS weight,"
                + "   sum(cost) FILTER (WHERE order_id IS NOT NULL AND order_revenue > 0) AS matched_cost"
                + "   FROM ship_scoped GROUP BY c, s, d, r, period),"
                + " o AS (SELECT c, s, d, r, period, count(*) AS matched_orders, sum(order_revenue) AS revenue FROM"
                + "   (SELECT DISTINCT c, s, d, r, period, order_id, order_revenue FROM ship_scoped"
                + "    WHERE cost IS NOT NULL AND order_id IS NOT NULL AND order_revenue > 0) GROUP BY c, s, d, r, period)"
                + " SELECT g.c AS carrier, g.s AS service, g.d AS destination_country, g.r AS destination_region, g.period,"
                + "   shipments, delivered, returned, lost, in_transit,"
                + "   delivered / shipments AS delivered_rate, returned / shipments AS returned_rate, lost / shipments AS lost_rate,"
                + "   lead_time_p50, lead_time_p90, lead_time_mean,"
                + "   on_time / nullif(promised_shipments, 0) AS on_time_rate,"
                + "   cost_sum / nullif(costed_shipments, 0) AS cost_per_shipment,"
                + "   CASE WHEN weighed_shipments > 0 THEN weighed_cost / weight END AS cost_per_kg,"
                + "   matched_cost / o.revenue AS cost_share,"
                + "   costed_shipments, weighed_shipments, promised_shipments, coalesce(matched_orders, 0) AS matched_orders,"
                + "   shipments AS rows,"
                + "   nullif(concat_ws(';',"
                + "     CASE WHEN delivered = 0 THEN 'no_delivered_shipments' WHEN promised_shipments = 0 THEN 'no_promised_dates' END,"
                + "     CASE WHEN costed_shipments = 0 THEN 'no_costs' END,"
                + "     CASE WHEN costed_shipments > 0 AND weighed_shipments = 0 THEN 'no_weights' END,"
                + "     CASE WHEN costed_shipments > 0 AND o.revenue IS NULL THEN 'no_order_revenue' END), '') AS status"
                + " FROM g LEFT JOIN o ON g.c = o.c AND g.s = o.s AND g.d = o.d AND g.r = o.r AND g.period = o.period");
    }

    /**
     * {@code exp_ranking} from {@code exp_lanes} with weights 1 : 1 : 1: lanes with ≥ {@code minShipments} shipments and
     * a finished one are scored (speed = best p50 ÷ p50, 0 without deliveries; reliability = delivered ÷ finished ×
     * on-time rate; cost = best cost per kg ÷ cost per kg, left out of the mean when unknown) and ranked per country.
     */
    public static void ranking(DuckDb db, long minShipments) {
        db.exec("CREATE OR REPLACE TEMP TABLE exp_ranking AS"
                + " WITH e AS (SELECT *, shipments >= " + minShipments + " AND delivered + returned + lost > 0 AS eligible"
                + "   FROM exp_lanes WHERE period = 'window' AND carrier <> 'ALL' AND destination_region = 'ALL'),"
                + " b AS (SELECT destination_country, min(lead_time_p50) FILTER (WHERE eligible) AS best_p50,"
                + "   min(cost_per_kg) FILTER (WHERE eligible) AS best_kg FROM e GROUP BY destination_country),"
                + " s AS (SELECT e.*, CASE WHEN eligible THEN CASE WHEN lead_time_p50 IS NULL THEN 0.0"
                + "     WHEN best_p50 = 0 THEN CASE WHEN lead_time_p50 = 0 THEN 1.0 ELSE 0.0 END ELSE best_p50 / lead_time_p50 END END AS speed_score,"
                + "   CASE WHEN eligible THEN delivered / (delivered + returned + lost) * coalesce(on_time_rate, 1.0) END AS reliability_score,"
                + "   CASE WHEN eligible AND cost_per_kg IS NOT NULL THEN CASE WHEN best_kg = 0 THEN"
                + "     CASE WHEN cost_per_kg = 0 THEN 1.0 ELSE 0.0 END ELSE best_kg / cost_per_kg END END AS cost_score"
                + "   FROM e JOIN b USING (destination_country)),"
                + " t AS (SELECT *, CASE WHEN eligible THEN (speed_score + reliability_score + coalesce(cost_score, 0))"
                + "   / (2 + CASE WHEN cost_score IS NULL THEN 0 ELSE 1 END) END AS score FROM s)"
                + " SELECT destination_country, carrier, service, CASE WHEN eligible THEN CAST(row_number() OVER"
                + "   (PARTITION BY destination_country, eligible ORDER BY score DESC, shipments DESC, carrier, service) AS INTEGER) END AS rank,"
                + "   score, speed_score, reliability_score, cost_score, lead_time_p50, on_time_rate, delivered_rate, cost_per_kg,"
                + "   shipments, rows FROM t");
    }

    /** Compares the run's logistics_lanes and lane_ranking with {@code exp_lanes} and {@code exp_ranking}. */
    public static List<TableDiff.Result> compare(DuckDb db, Path runDir) {
        List<Check> lanes = new ArrayList<>();
        for (String c : List.of("shipments", "delivered", "returned", "lost", "in_transit", "costed_shipments",
                "weighed_shipments", "promised_shipments", "matched_orders", "rows", "status")) {
            lanes.add(Check.exact(c));
        }
        for (String c : List.of("delivered_rate", "returned_rate", "lost_rate", "lead_time_p50", "lead_time_p90",
                "lead_time_mean", "on_time_rate", "cost_per_shipment", "cost_per_kg", "cost_share")) {
            lanes.add(Check.relative(c, REL));
        }
        List<Check> ranking = new ArrayList<>(List.of(Check.exact("rank"), Check.exact("shipments"), Check.exact("rows")));
        for (String c : List.of("score", "speed_score", "reliability_score", "cost_score", "lead_time_p50", "on_time_rate",
                "delivered_rate", "cost_per_kg")) {
            ranking.add(Check.relative(c, REL));
        }
        return List.of(
                TableDiff.compare(db, "logistics_lanes", "exp_lanes", TableDiff.parquetTable(runDir, "logistics_lanes"),
                        List.of("carrier", "service", "destination_country", "destination_region", "period"), lanes, null),
                TableDiff.compare(db, "lane_ranking", "exp_ranking", TableDiff.parquetTable(runDir, "lane_ranking"),
                        List.of("destination_country", "carrier", "service"), ranking, null));
    }

    /**
     * Differences between the run's logistics_forecast and {@link Forecaster} applied to the monthly shipment counts
     * of {@code ship} per country and for {@code ALL} (months from the first with shipments to {@code lastMonth},
     * empty months 0): the forecaster is the pipeline's; what is checked is the series it was given and the rows.
     */
    public static List<String> forecastProblems(DuckDb db, Path runDir, String lastMonth, int horizon) {
        Map<String, TreeMap<String, Long>> counts = new TreeMap<>();
        for (Map<String, Object> r : db.rows("SELECT country, month, count(*) AS n FROM ship GROUP BY ALL"
                + " UNION ALL SELECT 'ALL', month, count(*) FROM ship GROUP BY ALL")) {
            counts.computeIfAbsent((String) r.get("country"), k -> new TreeMap<>()).put((String) r.get("month"), ((Number) r.get("n")).longValue());
        }
        List<String> problems = new ArrayList<>();
        long expectedRows = 0;
        for (var e : counts.entrySet()) {
            YearMonth first = YearMonth.parse(e.getValue().firstKey());
            int n = (int) (first.until(YearMonth.parse(lastMonth), java.time.temporal.ChronoUnit.MONTHS) + 1);
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = e.getValue().getOrDefault(first.plusMonths(i).toString(), 0L);
            }
            long shipments = e.getValue().values().stream().mapToLong(Long::longValue).sum();
            Forecaster.Forecast f = Forecaster.forecast(y, first.getMonthValue(), horizon, null);
            for (int h = 0; h < horizon; h++) {
                String period = first.plusMonths(n + h).toString();
                List<Map<String, Object>> rows = db.rows("SELECT * FROM " + TableDiff.parquetTable(runDir, "logistics_forecast")
                        + " WHERE destination_country = " + literal(e.getKey()) + " AND period = " + literal(period));
                expectedRows++;
                if (rows.size() != 1) {
                    problems.add(e.getKey() + " " + period + ": " + rows.size() + " rows");
                    continue;
                }
                Map<String, Object> r = rows.get(0);
                String want = f.point()[h] + " " + f.lower()[h] + " " + f.upper()[h] + " " + f.model() + " " + (h + 1) + " " + n
                        + " " + shipments + " " + f.status();
                String got = r.get("forecast") + " " + r.get("lower") + " " + r.get("upper") + " " + r.get("model") + " "
                        + r.get("horizon_step") + " " + r.get("months") + " " + r.get("rows") + " " + r.get("status");
                if (!want.equals(got)) {
                    problems.add(e.getKey() + " " + period + ": expected " + want + ", got " + got);
                }
            }
        }
        long actualRows = db.count("SELECT count(*) FROM " + TableDiff.parquetTable(runDir, "logistics_forecast"));
        if (actualRows != expectedRows) {
            problems.add("logistics_forecast has " + actualRows + " rows, expected " + expectedRows);
        }
        return problems;
    }
}
