package io.marketlens.metrics.timeseries;

import io.marketlens.metrics.FactCube;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.MonthlySeries;
import io.marketlens.tables.Tables;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The time-series metrics of T/CCPITCSC 111-2022 Table 1, 1.1.4 淡旺季 and 数据拐点 and 1.1.3 市场预测
 * (SPEC M5, M6, M3): per scope, the monthly revenue series over all history up to the last full month is taken from
 * the fact cube, and {@link SeasonalIndex}, {@link TurningPoints}, {@link ChangePoints}, {@link Forecaster} and
 * {@link Backtest} run on it; each kind of result is a record of its own ({@link Results}), turned into the rows of its
 * table in the contract's column order.
 */
public final class TimeSeriesTables {

    /**
     * The settings of the five tables: the seasonal thresholds ({@code metrics.seasonality}), the change-point
     * settings ({@code metrics.change_point_penalty}), the months forecast and held out by the backtest.
     */
    public record Options(SeasonalIndex.Thresholds seasons, ChangePoints.Params changes, int horizon, int holdout) {

        /** The defaults of SPEC M3, M5 and M6. */
        public static final Options DEFAULT = new Options(SeasonalIndex.Thresholds.DEFAULT,
                new ChangePoints.Params(ChangePoints.Params.DEFAULT_MIN_SEGMENT, ChangePoints.Params.DEFAULT_PENALTY_MULTIPLIER),
                Forecaster.DEFAULT_HORIZON, Backtest.DEFAULT_HOLDOUT);
    }

    /** The settings the per-scope work needs. */
    record Settings(String lastPeriod, SeasonalIndex.Thresholds seasons, TurningPoints.Params turning,
                    ChangePoints.Params changes, int horizon, int holdout) implements Serializable {
    }

    /** One month's seasonal index of a scope ({@code seasonality}). */
    record SeasonRow(String[] scope, int month, Double seasonalIndex, String season, int ratios, int months, long rows,
                     String status) {
        Row row() {
            return RowFactory.create(scope[0], scope[1], scope[2], month, finite(seasonalIndex), season, ratios, months,
                    rows, status);
        }
    }

    /** A peak or trough of a scope's deseasonalised series, or the reason there are none ({@code turning_points}). */
    record TurningRow(String[] scope, String period, String kind, Double level, int months, long rows, String status) {
        Row row() {
            return RowFactory.create(scope[0], scope[1], scope[2], period, kind, finite(level), months, rows, status);
        }
    }

    /** A level shift of a scope's series, or the reason there are none ({@code change_points}). */
    record ChangeRow(String[] scope, String period, String direction, Double levelBefore, Double levelAfter,
                     Double change, int months, long rows, String status) {
        Row row() {
            return RowFactory.create(scope[0], scope[1], scope[2], period, direction, finite(levelBefore),
                    finite(levelAfter), finite(change), months, rows, status);
        }
    }

    /** One forecast month of a scope ({@code forecast}). */
    record ForecastRow(String[] scope, String period, Double forecast, Double lower, Double upper, Double intervalLevel,
                       String model, int horizonStep, int months, long rows, String status) {
        Row row() {
            return RowFactory.create(scope[0], scope[1], scope[2], period, finite(forecast), finite(lower), finite(upper),
                    finite(intervalLevel), model, horizonStep, months, rows, status);
        }
    }

    /** The hold-out accuracy of a scope's forecast ({@code forecast_backtest}). */
    record BacktestRow(String[] scope, String model, Double smape, Double mase, Double baselineSmape,
                       Double baselineMase, int holdout, int months, long rows, String status) {
        Row row() {
            return RowFactory.create(scope[0], scope[1], scope[2], model, finite(smape), finite(mase),
                    finite(baselineSmape), finite(baselineMase), holdout, months, rows, status);
        }
    }

    /** Every time-series result of one or more scopes, by kind. */
    static final class Results {
        final List<SeasonRow> seasons = new ArrayList<>();
        final List<TurningRow> turning = new ArrayList<>();
        final List<ChangeRow> changes = new ArrayList<>();
        final List<ForecastRow> forecasts = new ArrayList<>();
        final List<BacktestRow> backtests = new ArrayList<>();
    }

    private TimeSeriesTables() {
    }

    /** The five tables, computed from the per-scope series of the fact cube on the driver. */
    public static List<MetricTable> compute(MetricsContext ctx, Options o) {
        Settings settings = new Settings(ctx.period().lastPeriod(), o.seasons(), TurningPoints.Params.DEFAULT, o.changes(),
                o.horizon(), o.holdout());
        Results all = new Results();
        for (MonthlySeries.Scoped s : MonthlySeries.fromCube(ctx.cube(), settings.lastPeriod())) {
            analyse(s.scope(), s.series(), settings, all);
        }
        SparkSession spark = ctx.spark();
        return List.of(
                MetricTable.local(spark, Tables.SEASONALITY, sorted(all.seasons, SeasonRow::scope,
                        Comparator.comparingInt(SeasonRow::month), SeasonRow::row)),
                MetricTable.local(spark, Tables.TURNING_POINTS, sorted(all.turning, TurningRow::scope,
                        byPeriod(TurningRow::period), TurningRow::row)),
                MetricTable.local(spark, Tables.CHANGE_POINTS, sorted(all.changes, ChangeRow::scope,
                        byPeriod(ChangeRow::period), ChangeRow::row)),
                MetricTable.local(spark, Tables.FORECAST, sorted(all.forecasts, ForecastRow::scope,
                        byPeriod(ForecastRow::period), ForecastRow::row)),
                MetricTable.local(spark, Tables.FORECAST_BACKTEST, sorted(all.backtests, BacktestRow::scope,
                        (a, b) -> 0, BacktestRow::row)));
    }

    /** The rows ordered by platform, marketplace and category, then {@code within}, as Spark orders them. */
    private static <T> List<Row> sorted(List<T> results, Function<T, String[]> scope, Comparator<T> within,
                                        Function<T, Row> row) {
        Comparator<T> byScope = (a, b) -> {
            String[] x = scope.apply(a);
            String[] y = scope.apply(b);
            for (int i = 0; i < 3; i++) {
                int d = FactCube.compareText(x[i], y[i]);
                if (d != 0) {
                    return d;
                }
            }
            return 0;
        };
        List<T> copy = new ArrayList<>(results);
        copy.sort(byScope.thenComparing(within));
        return copy.stream().map(row).toList();
    }

    /** By period text, a missing period (a status row) first. */
    private static <T> Comparator<T> byPeriod(Function<T, String> period) {
        return (a, b) -> {
            String x = period.apply(a);
            String y = period.apply(b);
            return x == null ? (y == null ? 0 : -1) : y == null ? 1 : FactCube.compareText(x, y);
        };
    }

    /** All time-series results of one scope, added to {@code out}. */
    static void analyse(String[] scope, MonthlySeries series, Settings s, Results out) {
        double[] y = series.values();
        int firstMonth = series.first().getMonthValue();
        int n = y.length;
        long rows = series.rows();

        SeasonalIndex.Result seasons = SeasonalIndex.compute(y, firstMonth, s.seasons());
        double[] index = seasons.status() == null ? seasons.index() : null;
        for (int m = 1; m <= 12; m++) {
            out.seasons.add(new SeasonRow(scope, m, index == null ? null : index[m - 1],
                    index == null ? null : seasons.season()[m - 1].code(), seasons.ratioCounts()[m - 1], n, rows,
                    seasons.status()));
        }
        // turning and change points read the series without its seasonal swing, when there is one to remove
        double[] adjusted = index == null ? y : SeasonalIndex.deseasonalise(y, firstMonth, index);

        TurningPoints.Result turning = TurningPoints.find(adjusted, s.turning());
        for (TurningPoints.Point p : turning.points()) {
            out.turning.add(new TurningRow(scope, series.period(p.index()), p.kind().code(), p.level(), n, rows, null));
        }
        if (turning.status() != null) {
            out.turning.add(new TurningRow(scope, null, null, null, n, rows, turning.status()));
        }

        // levels on a log scale: a level shift is then a ratio, the same for a small and a large market
        double[] logs = logLevels(adjusted);
        ChangePoints.Result changes = ChangePoints.detect(logs, s.changes());
        for (ChangePoints.Change c : changes.changes()) {
            double before = Math.expm1(c.levelBefore());
            double after = Math.expm1(c.levelAfter());
            out.changes.add(new ChangeRow(scope, series.period(c.index()), c.direction().code(), before, after,
                    before > 0 ? after / before - 1 : null, n, rows, null));
        }
        if (changes.status() != null) {
            out.changes.add(new ChangeRow(scope, null, null, null, null, null, n, rows, changes.status()));
        }

        Forecaster.Forecast f = Forecaster.forecast(y, firstMonth, s.horizon(), null);
        for (int h = 0; h < f.point().length; h++) {
            out.forecasts.add(new ForecastRow(scope, series.period(n + h), f.point()[h], f.lower()[h], f.upper()[h],
                    f.level(), f.model(), h + 1, n, rows, f.status()));
        }
        Backtest.BacktestResult b = Backtest.backtest(y, firstMonth, s.holdout(), null);
        out.backtests.add(new BacktestRow(scope, b.model(), b.smape(), b.mase(), b.baselineSmape(), b.baselineMase(),
                b.holdout(), n, rows, b.status()));
    }

    /**
     * ln(1 + value) per month. A month whose seasonal index is 0 (it never sells) has no deseasonalised value;
     * it takes the previous month's level (the next one's at the start), so it is not read as a collapse.
     */
    static double[] logLevels(double[] adjusted) {
        double[] logs = new double[adjusted.length];
        int firstKnown = -1;
        for (int i = 0; i < adjusted.length; i++) {
            if (Double.isFinite(adjusted[i])) {
                logs[i] = Math.log1p(adjusted[i]);
                if (firstKnown < 0) {
                    firstKnown = i;
                }
            } else {
                logs[i] = i > 0 ? logs[i - 1] : Double.NaN;
            }
        }
        for (int i = 0; i < firstKnown; i++) {
            logs[i] = logs[firstKnown];
        }
        if (firstKnown < 0) {
            java.util.Arrays.fill(logs, 0.0);
        }
        return logs;
    }

    private static Double finite(Double v) {
        return v == null || v.isNaN() || v.isInfinite() ? null : v;
    }
}
