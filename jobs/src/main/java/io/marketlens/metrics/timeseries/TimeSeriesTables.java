package io.marketlens.metrics.timeseries;

import static io.marketlens.fact.MarketFact.*;
import static org.apache.spark.sql.functions.col;

import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.MonthlySeries;
import io.marketlens.metrics.Scopes;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The time-series metrics of T/CCPITCSC 111-2022 Table 1, 1.1.4 淡旺季 and 数据拐点 and 1.1.3 市场预测
 * (SPEC M5, M6, M3): per scope, the monthly revenue series over all history up to the last full month is
 * built in Spark, and {@link SeasonalIndex}, {@link TurningPoints}, {@link ChangePoints}, {@link Forecaster}
 * and {@link Backtest} run on it per group on the executors, in one pass. Their results land in one tall,
 * cached table from which the five output tables are selected.
 */
public final class TimeSeriesTables {

    public static final String SEASONALITY = "seasonality";
    public static final String TURNING_POINTS = "turning_points";
    public static final String CHANGE_POINTS = "change_points";
    public static final String FORECAST = "forecast";
    public static final String FORECAST_BACKTEST = "forecast_backtest";

    /** One result row of any of the five kinds; columns a kind does not use are null. */
    static final StructType RESULTS = new StructType()
            .add(PLATFORM, DataTypes.StringType).add(MARKETPLACE, DataTypes.StringType).add(CATEGORY, DataTypes.StringType)
            .add("kind", DataTypes.StringType).add(PERIOD, DataTypes.StringType).add("month", DataTypes.IntegerType)
            .add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType).add("c", DataTypes.DoubleType)
            .add("d", DataTypes.DoubleType).add("label", DataTypes.StringType).add("n", DataTypes.IntegerType)
            .add("months", DataTypes.IntegerType).add("rows", DataTypes.LongType).add("status", DataTypes.StringType);

    /** The settings the per-scope work needs, shipped to the executors. */
    record Settings(String lastPeriod, SeasonalIndex.Thresholds seasons, TurningPoints.Params turning,
                    ChangePoints.Params changes, int horizon, int holdout) implements Serializable {
    }

    private TimeSeriesTables() {
    }

    /** The five tables, computed in one pass over the per-scope series of the fact on the driver. */
    public static List<MetricTable> compute(MetricsContext ctx) {
        var o = ctx.config().metrics();
        Settings settings = new Settings(ctx.period().lastPeriod(), o.seasonality().thresholds(), TurningPoints.Params.DEFAULT,
                new ChangePoints.Params(ChangePoints.Params.DEFAULT_MIN_SEGMENT, o.changePointPenalty()),
                o.forecastHorizon(), o.backtestMonths());
        List<Row> all = new ArrayList<>();
        for (MonthlySeries.Scoped s : MonthlySeries.fromCube(ctx.cube(), settings.lastPeriod())) {
            all.addAll(analyse(s.scope(), s.series(), settings));
        }
        Dataset<Row> results = ctx.spark().createDataFrame(all, RESULTS);
        Column[] scope = Scopes.scopeColumns();
        return List.of(
                new MetricTable(SEASONALITY, results.filter(col("kind").equalTo(SEASONALITY)).select(scope[0], scope[1], scope[2],
                                col("month"), col("a").as("seasonal_index"), col("label").as("season"), col("n").as("ratios"),
                                col("months"), col("rows"), col("status"))
                        .orderBy(col(PLATFORM), col(MARKETPLACE), col(CATEGORY), col("month"))),
                new MetricTable(TURNING_POINTS, results.filter(col("kind").equalTo(TURNING_POINTS)).select(scope[0], scope[1],
                                scope[2], col(PERIOD), col("label").as("kind"), col("a").as("level"), col("months"), col("rows"),
                                col("status"))
                        .orderBy(col(PLATFORM), col(MARKETPLACE), col(CATEGORY), col(PERIOD))),
                new MetricTable(CHANGE_POINTS, results.filter(col("kind").equalTo(CHANGE_POINTS)).select(scope[0], scope[1],
                                scope[2], col(PERIOD), col("label").as("direction"), col("a").as("level_before"),
                                col("b").as("level_after"), col("c").as("change"), col("months"), col("rows"), col("status"))
                        .orderBy(col(PLATFORM), col(MARKETPLACE), col(CATEGORY), col(PERIOD))),
                new MetricTable(FORECAST, results.filter(col("kind").equalTo(FORECAST)).select(scope[0], scope[1], scope[2],
                                col(PERIOD), col("a").as("forecast"), col("b").as("lower"), col("c").as("upper"),
                                col("d").as("interval_level"), col("label").as("model"), col("n").as("horizon_step"),
                                col("months"), col("rows"), col("status"))
                        .orderBy(col(PLATFORM), col(MARKETPLACE), col(CATEGORY), col(PERIOD))),
                new MetricTable(FORECAST_BACKTEST, results.filter(col("kind").equalTo(FORECAST_BACKTEST)).select(scope[0],
                                scope[1], scope[2], col("label").as("model"), col("a").as("smape"), col("b").as("mase"),
                                col("c").as("baseline_smape"), col("d").as("baseline_mase"), col("n").as("holdout"),
                                col("months"), col("rows"), col("status"))
                        .orderBy(col(PLATFORM), col(MARKETPLACE), col(CATEGORY))));
    }

    /** All time-series results of one scope. */
    static List<Row> analyse(String[] scope, MonthlySeries series, Settings s) {
        double[] y = series.values();
        int firstMonth = series.first().getMonthValue();
        int n = y.length;
        long rows = series.rows();
        List<Row> out = new ArrayList<>();

        SeasonalIndex.Result seasons = SeasonalIndex.compute(y, firstMonth, s.seasons());
        double[] index = seasons.status() == null ? seasons.index() : null;
        for (int m = 1; m <= 12; m++) {
            out.add(row(scope, SEASONALITY, null, m, index == null ? null : index[m - 1], null, null, null,
                    index == null ? null : seasons.season()[m - 1].code(), seasons.ratioCounts()[m - 1], n, rows, seasons.status()));
        }
        // turning and change points read the series without its seasonal swing, when there is one to remove
        double[] adjusted = index == null ? y : SeasonalIndex.deseasonalise(y, firstMonth, index);

        TurningPoints.Result turning = TurningPoints.find(adjusted, s.turning());
        for (TurningPoints.Point p : turning.points()) {
            out.add(row(scope, TURNING_POINTS, series.period(p.index()), null, p.level(), null, null, null, p.kind().code(),
                    null, n, rows, null));
        }
        if (turning.status() != null) {
            out.add(row(scope, TURNING_POINTS, null, null, null, null, null, null, null, null, n, rows, turning.status()));
        }

        // levels on a log scale: a level shift is then a ratio, the same for a small and a large market
        double[] logs = logLevels(adjusted);
        ChangePoints.Result changes = ChangePoints.detect(logs, s.changes());
        for (ChangePoints.Change c : changes.changes()) {
            double before = Math.expm1(c.levelBefore());
            double after = Math.expm1(c.levelAfter());
            out.add(row(scope, CHANGE_POINTS, series.period(c.index()), null, before, after,
                    before > 0 ? after / before - 1 : null, null, c.direction().code(), null, n, rows, null));
        }
        if (changes.status() != null) {
            out.add(row(scope, CHANGE_POINTS, null, null, null, null, null, null, null, null, n, rows, changes.status()));
        }

        Forecaster.Forecast f = Forecaster.forecast(y, firstMonth, s.horizon(), null);
        for (int h = 0; h < f.point().length; h++) {
            out.add(row(scope, FORECAST, series.period(n + h), null, f.point()[h], f.lower()[h], f.upper()[h], f.level(),
                    f.model(), h + 1, n, rows, f.status()));
        }
        Backtest.BacktestResult b = Backtest.backtest(y, firstMonth, s.holdout(), null);
        out.add(row(scope, FORECAST_BACKTEST, null, null, b.smape(), b.mase(), b.baselineSmape(), b.baselineMase(), b.model(),
                b.holdout(), n, rows, b.status()));
        return out;
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

    private static Row row(String[] scope, String kind, String period, Integer month, Double a, Double b, Double c, Double d,
                           String label, Integer count, int months, long rows, String status) {
        return RowFactory.create(scope[0], scope[1], scope[2], kind, period, month, finite(a), finite(b), finite(c), finite(d),
                label, count, months, rows, status);
    }

    private static Double finite(Double v) {
        return v == null || v.isNaN() || v.isInfinite() ? null : v;
    }
}
