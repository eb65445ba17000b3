package io.marketlens.metrics;

import io.marketlens.fact.AnalysisPeriod;
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
     * A scope (platform, marketplace, category) and its series; from a cube, also the scope's number and the cube
     * label of the series' first month (so that month t of the series is key {@code id · labels + firstLabel + t}).
     */
    public record Scoped(String[] scope, MonthlySeries series, int id, int firstLabel) {
    }

    /**
     * Every scope's series (all eight roll-ups), by platform, marketplace and category, from the fact on the driver, as {@link #of} makes them from
     * grouped rows: a scope's series starts at its first month with fact rows and ends at {@code lastPeriod}; the value of a
     * month is the sum of its rows' revenue (0 without rows), {@code rows} the rows with a revenue.
     */
    public static java.util.List<Scoped> fromCube(FactCube cube, String lastPeriod) {
        int labels = cube.labels();
        int months = cube.months();
        double[] revenue = new double[cube.keys()];
        long[] counted = new long[cube.keys()];
        boolean[] seen = new boolean[cube.keys()];
        int[] keys = new int[16];
        for (int i = 0; i < cube.rows(); i++) {
            int n = cube.keysOf(i, false, true, keys);
            boolean hasRevenue = !cube.revenueNull(i);
            for (int q = 0; q < n; q++) {
                int k = keys[q];
                if (cube.labelOf(k) >= months) {
                    continue; // the window's label
                }
                seen[k] = true;
                if (hasRevenue) {
                    revenue[k] += cube.revenue(i);
                    counted[k]++;
                }
            }
        }
        YearMonth last = YearMonth.parse(lastPeriod);
        java.util.List<Scoped> out = new java.util.ArrayList<>();
        for (int s : cube.scopesInOrder()) {
            int t0 = 0;
            while (t0 < months && !seen[s * labels + t0]) {
                t0++;
            }
            if (t0 == months) {
                continue;
            }
            YearMonth first = YearMonth.parse(FactCube.monthText(cube.firstMonth() + t0));
            int n = (int) Math.max(0, first.until(last, java.time.temporal.ChronoUnit.MONTHS) + 1);
            double[] values = new double[n];
            long rows = 0;
            for (int t = t0; t < months; t++) {
                rows += counted[s * labels + t];
                if (t - t0 < n) {
                    values[t - t0] = revenue[s * labels + t];
                }
            }
            out.add(new Scoped(new String[]{cube.platformOf(s), cube.marketplaceOf(s), cube.categoryOf(s)},
                    new MonthlySeries(first, values, rows), s, t0));
        }
        return out;
    }

    /** Rows of (platform, marketplace, category, period, value, rows), in any order, as a series ending at {@code lastPeriod}. */
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
