package io.marketlens.metrics.timeseries;

import io.marketlens.metrics.FactCube;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.MonthlySeries;
import io.marketlens.tables.Codes;
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
 * the fact cube; {@link ShiftAwareSeasons} estimates its seasonal indices and change points together,
 * {@link TurningPoints} reads the series without its season and level shifts, and {@link Forecaster} and
 * {@link Backtest} run on the raw series; each kind of result is a record of its own ({@link Results}), turned into
 * the rows of its table in the contract's column order.
 *
 * <p>A <b>thin</b> scope — fewer than {@code minOrdersPerMonth} orders and fewer selling listings than that in more
 * than half of its months — gets no seasonal indices, turning or change points, only status
 * {@value io.marketlens.tables.Codes#LOW_VOLUME}: a category with a handful of orders a month moves by hundreds of
 * percent from one order to the next, and a reader would take each move for news. Listings count beside orders so
 * that a scope known from competitor snapshots (no orders of ours) is judged by its listings.
 */
public final class TimeSeriesTables {

    /** Orders (or selling listings) a month below which a month is thin ({@code metrics.min_orders_per_month}). */
    public static final int DEFAULT_MIN_ORDERS_PER_MONTH = Codes.DEFAULT_MIN_ORDERS_PER_MONTH;

    /**
     * The settings of the five tables: the seasonal thresholds and method ({@code metrics.seasonality}), the
     * change-point search and filter ({@code metrics.change_point_penalty}, {@code metrics.change_points}), the
     * months forecast and held out by the backtest, and the orders a month below which a month is thin.
     */
    public record Options(SeasonalityOptions seasonality, ChangePoints.Params search,
                          ShiftAwareSeasons.ChangeFilter filter, int horizon, int holdout, int minOrdersPerMonth) {

        /** The defaults of SPEC M3, M5 and M6. */
        public static final Options DEFAULT = new Options(SeasonalityOptions.DEFAULT, ChangePoints.Params.DEFAULT,
                ShiftAwareSeasons.ChangeFilter.DEFAULT, Forecaster.DEFAULT_HORIZON, Backtest.DEFAULT_HOLDOUT,
                DEFAULT_MIN_ORDERS_PER_MONTH);
    }

    /** The settings the per-scope work needs. */
    record Settings(String lastPeriod, SeasonalIndex.Thresholds seasons, ShiftAwareSeasons.Options changes,
                    TurningPoints.Params turning, int horizon, int holdout) implements Serializable {

        static Settings of(String lastPeriod, Options o) {
            return new Settings(lastPeriod, o.seasonality().thresholds(),
                    new ShiftAwareSeasons.Options(o.seasonality().method(), o.search(), o.filter()),
                    TurningPoints.Params.DEFAULT, o.horizon(), o.holdout());
        }
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

    /** A level shift or trend break of a scope's series, or the reason there are none ({@code change_points}). */
    record ChangeRow(String[] scope, String period, String kind, String direction, Double levelBefore,
                     Double levelAfter, Double change, Double slopeBefore, Double slopeAfter, int months, long rows,
                     String status) {
        Row row() {
            return RowFactory.create(scope[0], scope[1], scope[2], period, kind, direction, finite(levelBefore),
                    finite(levelAfter), finite(change), finite(slopeBefore), finite(slopeAfter), months, rows, status);
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
        Settings settings = Settings.of(ctx.period().lastPeriod(), o);
        Results all = new Results();
        FactCube cube = ctx.cube();
        long[] orders = ctx.orderCounts();
        long[] listings = cube.sellingListings();
        for (MonthlySeries.Scoped s : MonthlySeries.fromCube(cube, settings.lastPeriod())) {
            int base = s.id() * cube.labels() + s.firstLabel();
            int months = Math.min(s.series().values().length, cube.months() - s.firstLabel());
            boolean thin = isThin(months, t -> orders[base + t], t -> listings[base + t], o.minOrdersPerMonth());
            analyse(s.scope(), s.series(), settings, thin, all);
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

    /**
     * Whether more than half of a scope's {@code months} are thin: fewer than {@code minPerMonth} orders and fewer
     * selling listings than that.
     */
    static boolean isThin(int months, java.util.function.IntToLongFunction orders,
                          java.util.function.IntToLongFunction listings, int minPerMonth) {
        int thin = 0;
        for (int t = 0; t < months; t++) {
            if (orders.applyAsLong(t) < minPerMonth && listings.applyAsLong(t) < minPerMonth) {
                thin++;
            }
        }
        return 2 * thin > months;
    }

    /** All time-series results of one scope, added to {@code out}; a thin scope gets a forecast and statuses only. */
    static void analyse(String[] scope, MonthlySeries series, Settings s, boolean thin, Results out) {
        double[] y = series.values();
        int firstMonth = series.first().getMonthValue();
        int n = y.length;
        long rows = series.rows();

        if (thin) {
            for (int m = 1; m <= 12; m++) {
                out.seasons.add(new SeasonRow(scope, m, null, null, 0, n, rows, Codes.LOW_VOLUME));
            }
            out.turning.add(new TurningRow(scope, null, null, null, n, rows, Codes.LOW_VOLUME));
            out.changes.add(new ChangeRow(scope, null, null, null, null, null, null, null, null, n, rows,
                    Codes.LOW_VOLUME));
        } else {
            ShiftAwareSeasons.Result r = ShiftAwareSeasons.analyse(y, firstMonth, s.seasons(), s.changes());
            SeasonalIndex.Result seasons = r.seasons();
            double[] index = seasons.status() == null ? seasons.index() : null;
            for (int m = 1; m <= 12; m++) {
                out.seasons.add(new SeasonRow(scope, m, index == null ? null : index[m - 1],
                        index == null ? null : seasons.season()[m - 1].code(), seasons.ratioCounts()[m - 1], n, rows,
                        seasons.status()));
            }
            // turns are read without the season and the level shifts: a step up is not a trough and a peak
            TurningPoints.Result turning = TurningPoints.find(r.shiftFree(), s.turning(), r.search().sigma());
            for (TurningPoints.Point p : turning.points()) {
                out.turning.add(new TurningRow(scope, series.period(p.index()), p.kind().code(), p.level(), n, rows,
                        null));
            }
            if (turning.status() != null) {
                out.turning.add(new TurningRow(scope, null, null, null, n, rows, turning.status()));
            }
            for (ShiftAwareSeasons.Reported c : r.changes()) {
                out.changes.add(new ChangeRow(scope, series.period(c.index()), c.kind().code(), c.direction().code(),
                        c.levelBefore(), c.levelAfter(), c.change(), c.slopeBefore(), c.slopeAfter(), n, rows, null));
            }
            if (r.search().status() != null) {
                out.changes.add(new ChangeRow(scope, null, null, null, null, null, null, null, null, n, rows,
                        r.search().status()));
            }
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
