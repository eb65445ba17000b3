package io.marketlens.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import io.marketlens.fact.MarketFact;
import java.io.Serializable;
import java.time.YearMonth;
import java.util.Iterator;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.KeyValueGroupedDataset;
import org.apache.spark.sql.Row;

/**
 * One scope's monthly series for the time-series metrics: consecutive months from its first month with
 * data to the last full month of the analysis, months without rows counting as 0.
 *
 * @param first  the month of {@code values[0]}
 * @param values revenue per month, oldest first
 * @param rows   market-fact rows behind the series
 */
public record MonthlySeries(YearMonth first, double[] values, long rows) implements Serializable {

    private static final String KEY_SEPARATOR = "\u0001";

    /**
     * Revenue and fact rows per scope (all eight) and month, grouped by scope: each group holds one scope's
     * months as rows of (platform, marketplace, category, period, revenue, rows); the key is read by {@link #scope}.
     */
    public static KeyValueGroupedDataset<String, Row> byScope(Dataset<Row> fact) {
        return Scopes.explode(fact, true)
                .groupBy(Scopes.scopeAnd(MarketFact.PERIOD))
                .agg(sum(MarketFact.REVENUE).as(MarketFact.REVENUE), count(col(MarketFact.REVENUE)).as("rows"))
                .groupByKey((MapFunction<Row, String>) r -> String.join(KEY_SEPARATOR, r.getString(0), r.getString(1),
                        r.getString(2)), Encoders.STRING());
    }

    /** Platform, marketplace and category of a {@link #byScope} key. */
    public static String[] scope(String key) {
        return key.split(KEY_SEPARATOR, -1);
    }

    /** One {@link #byScope} group, in any order, as a series ending at {@code lastPeriod}. */
    public static MonthlySeries of(Iterator<Row> months, String lastPeriod) {
        return of(months, lastPeriod, 3);
    }

    /**
     * Rows of (…, period, value, rows) in any order — the {@code YYYY-MM} period at {@code periodField}, the value
     * (double) and its source rows (long) in the two fields after it — as a series ending at {@code lastPeriod}.
     */
    public static MonthlySeries of(Iterator<Row> months, String lastPeriod, int periodField) {
        TreeMap<YearMonth, Double> byMonth = new TreeMap<>();
        long rows = 0;
        while (months.hasNext()) {
            Row r = months.next();
            byMonth.merge(YearMonth.parse(r.getString(periodField)), r.getDouble(periodField + 1), Double::sum);
            rows += r.getLong(periodField + 2);
        }
        YearMonth first = byMonth.firstKey();
        YearMonth last = YearMonth.parse(lastPeriod);
        int n = (int) Math.max(0, first.until(last, java.time.temporal.ChronoUnit.MONTHS) + 1);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = byMonth.getOrDefault(first.plusMonths(i), 0.0);
        }
        return new MonthlySeries(first, values, rows);
    }

    /** The {@code YYYY-MM} period of the value at {@code index} (or of a month after the series). */
    public String period(int index) {
        return AnalysisPeriod.format(first.plusMonths(index));
    }
}
