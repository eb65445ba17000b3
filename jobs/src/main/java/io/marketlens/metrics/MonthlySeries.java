package io.marketlens.metrics;

import java.io.Serializable;
import java.time.YearMonth;
import java.util.Iterator;
import java.util.TreeMap;
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

    /**
     * From rows of (scope columns, period, value, rows) — the output of a per-scope monthly aggregation — in
     * any order; {@code periodField}, {@code valueField} and {@code rowsField} are their positions.
     */
    public static MonthlySeries of(Iterator<Row> months, int periodField, int valueField, int rowsField, String lastPeriod) {
        TreeMap<YearMonth, Double> byMonth = new TreeMap<>();
        long rows = 0;
        while (months.hasNext()) {
            Row r = months.next();
            byMonth.merge(YearMonth.parse(r.getString(periodField)), r.getDouble(valueField), Double::sum);
            rows += r.getLong(rowsField);
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
