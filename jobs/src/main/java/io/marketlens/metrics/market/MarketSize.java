package io.marketlens.metrics.market;

import static io.marketlens.fact.MarketFact.*;
import static io.marketlens.tables.Columns.*;

import io.marketlens.metrics.FactCube;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Tables;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Market size and growth, T/CCPITCSC 111-2022 Table 1, 1.1.1 市场容量 (SPEC M1): per scope and period,
 * revenue, units, orders, active sellers and products, month-on-month and year-on-year growth, and for the
 * window the compound annual growth rate against the window before it.
 *
 * <p>Per scope (all eight roll-ups) and period (every month of the fact with rows in the scope, and {@code window}):
 * revenue = Σ revenue, units = Σ units, sellers = distinct (platform, seller_id) with units &gt; 0, products =
 * distinct (platform, marketplace, product_id) with units &gt; 0, orders = distinct orders of own sales
 * ({@code MarketFact.orders}; 0 without), rows = fact rows; mom_growth = R(t) ÷ R(t−1) − 1 and yoy_growth =
 * R(t) ÷ R(t−12) − 1 (for {@code window}: against the window before), null when the earlier period has no rows or
 * no revenue; cagr = (R(window) ÷ R(previous window))^(12 ÷ window months) − 1; status {@code no_sales} when
 * revenue ≤ 0. Computed on the driver from {@link FactCube} in one pass over the fact.
 */
public final class MarketSize {

    private MarketSize() {
    }

    public static MetricTable compute(MetricsContext ctx) {
        FactCube cube = ctx.cube();
        FactCube.Totals totals = cube.totals();
        double[] revenue = totals.revenue();
        long[] units = totals.units();
        long[] rows = totals.rows();
        long[] sellers = cube.sellingSellers();
        long[] products = cube.sellingListings();
        long[] orders = ctx.orderCounts();

        int labels = cube.labels();
        double years = ctx.period().windowMonths() / 12.0;
        List<Row> out = new ArrayList<>();
        cube.forEachReportedKey(rows, (s, label, k) -> {
            boolean window = label == cube.window();
            Double previousWindow = previous(rows, revenue, s * labels + cube.previousWindow());
            Double mom = window ? null : growth(revenue[k], label >= 1 ? previous(rows, revenue, k - 1) : null);
            Double yoy = window ? growth(revenue[k], previousWindow)
                    : growth(revenue[k], label >= 12 ? previous(rows, revenue, k - 12) : null);
            Double cagr = window && previousWindow != null && previousWindow > 0
                    ? Math.pow(revenue[k] / previousWindow, 1.0 / years) - 1 : null;
            out.add(RowFactory.create(cube.platformOf(s), cube.marketplaceOf(s), cube.categoryOf(s),
                    cube.periodOf(label), revenue[k], units[k], orders[k], sellers[k], products[k], mom, yoy, cagr,
                    rows[k], revenue[k] <= 0 ? Codes.NO_SALES : null));
        });
        return MetricTable.local(ctx.spark(), Tables.MARKET_SIZE, out);
    }

    /** The revenue of key k, null when the scope has no rows in that period. */
    private static Double previous(long[] rows, double[] revenue, int k) {
        return rows[k] > 0 ? revenue[k] : null;
    }

    /** current ÷ previous − 1; null when there is no previous or it is 0. */
    static Double growth(double current, Double previous) {
        return previous != null && previous > 0 ? current / previous - 1 : null;
    }
}
