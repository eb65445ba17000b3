package io.marketlens.reports.charts;

import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Section;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.Tables;
import java.awt.Color;
import java.awt.Paint;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The {@code forecast} chart of T/CCPITCSC 111-2022 1.1.3 市场预测: the whole market's recent revenue, the forecast
 * and its prediction interval.
 */
final class ForecastChart {

    /** Months of actual revenue drawn before the forecast. */
    static final int HISTORY_MONTHS = 24;

    private ForecastChart() {}

    /**
     * The last {@value #HISTORY_MONTHS} months of the whole market's revenue, the forecast after them, and the
     * prediction interval as a shaded band; the legend names the model and the interval level, a subtitle the
     * backtest's sMAPE beside the seasonal-naive baseline's when the run wrote it.
     */
    static Optional<ReportChart> build(ChartKit kit) {
        Optional<Table> table = kit.table(Tables.FORECAST.name(), ChartKit.with(ChartKit.PERIOD_SCOPE, Columns.FORECAST, Columns.LOWER, Columns.UPPER, Columns.MODEL));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        YIntervalSeries band = new YIntervalSeries(kit.texts.get("chart.series.forecast_plain"), true, false);
        String model = null;
        Double level = null;
        for (Table.Row r : ChartKit.scope(table.get(), Scopes.ALL).rows()) {
            Optional<YearMonth> m = ChartKit.month(r.str(Columns.PERIOD));
            Double f = ChartKit.num(r, Columns.FORECAST);
            if (m.isEmpty() || f == null) {
                continue;
            }
            Double lo = ChartKit.num(r, Columns.LOWER);
            Double hi = ChartKit.num(r, Columns.UPPER);
            band.add(ChartKit.x(m.get()), f, lo == null ? f : lo, hi == null ? f : hi);
            model = model == null && !r.isEmpty(Columns.MODEL) ? r.str(Columns.MODEL) : model;
            level = level == null && r.table().has(Columns.INTERVAL_LEVEL) ? ChartKit.num(r, Columns.INTERVAL_LEVEL) : level;
        }
        if (band.isEmpty()) {
            return Optional.empty();
        }
        YIntervalSeriesCollection forecastData = new YIntervalSeriesCollection();
        forecastData.addSeries(band);
        DeviationRenderer dev = new DeviationRenderer(true, true);
        dev.setSeriesPaint(0, ChartStyle.HIGHLIGHT);
        dev.setSeriesFillPaint(0, ChartStyle.HIGHLIGHT);
        dev.setSeriesStroke(0, kit.style.line(1));
        dev.setSeriesShape(0, kit.style.dot(6));
        dev.setAlpha(0.22f);

        double firstForecast = band.getX(0).doubleValue();
        TreeMap<YearMonth, Double> history = new TreeMap<>();
        kit.marketSizeMonthly(Scopes.ALL, Columns.REVENUE).forEach((m, v) -> {
            if (ChartKit.x(m) < firstForecast) {
                history.put(m, v);
            }
        });
        while (history.size() > HISTORY_MONTHS) {
            history.pollFirstEntry();
        }
        XYSeriesCollection historyData = new XYSeriesCollection();
        historyData.addSeries(ChartKit.xySeries(kit.texts.get("chart.series.history"), history));

        XYPlot plot = new XYPlot(forecastData, kit.monthAxis(), kit.moneyAxis("chart.axis.revenue"), dev);
        plot.setDataset(1, historyData);
        XYLineAndShapeRenderer historyLine = kit.lineRenderer(1);
        historyLine.setSeriesShapesVisible(0, false);   // solid and unmarked beside the dashed, dotted forecast
        plot.setRenderer(1, historyLine);
        String modelName = model == null ? "" : kit.texts.has("chart.model." + model) ? kit.texts.get("chart.model." + model) : model;
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(kit.lineItem(kit.texts.get("chart.series.history"), kit.style.series(0), kit.style.line(0)));
        legend.add(kit.lineItem(model == null ? kit.texts.get("chart.series.forecast_plain")
                : kit.texts.get("chart.series.forecast", modelName), ChartStyle.HIGHLIGHT, kit.style.line(1)));
        legend.add(kit.swatch(level == null ? kit.texts.get("chart.series.interval_plain")
                : kit.texts.get("chart.series.interval", kit.numbers.percent(level, 0)), bandPaint()));
        plot.setFixedLegendItems(legend);
        List<String> subtitles = new ArrayList<>();
        subtitles.add(kit.texts.get("chart.scope.all_markets"));
        backtest(kit).ifPresent(subtitles::add);
        return Optional.of(kit.chart(Tables.FORECAST.name(), Section.FORECAST, kit.texts.get("chart.forecast.title"), plot, true, subtitles.toArray(String[]::new)));
    }

    /** The band's colour as it shows on white: the highlight at the renderer's alpha. */
    private static Paint bandPaint() {
        Color h = ChartStyle.HIGHLIGHT;
        float a = 0.22f;
        return new Color(Math.round(255 - (255 - h.getRed()) * a), Math.round(255 - (255 - h.getGreen()) * a),
                Math.round(255 - (255 - h.getBlue()) * a));
    }

    /** "Backtest on the last 6 months: sMAPE 4.1% (seasonal naive 27.1%)" for the whole market, when written. */
    private static Optional<String> backtest(ChartKit kit) {
        return kit.table(Tables.FORECAST_BACKTEST.name(), ChartKit.with(ChartKit.SCOPE, Columns.SMAPE, Columns.BASELINE_SMAPE, Columns.HOLDOUT))
                .flatMap(t -> ChartKit.scope(t, Scopes.ALL).stream().findFirst())
                .flatMap(r -> {
                    Double smape = ChartKit.num(r, Columns.SMAPE);
                    Double holdout = ChartKit.num(r, Columns.HOLDOUT);
                    return smape == null || holdout == null ? Optional.empty() : Optional.of(kit.texts.get("chart.forecast.backtest",
                            kit.numbers.integer(holdout), kit.numbers.percentValue(smape, 1),
                            kit.numbers.percentValue(ChartKit.num(r, Columns.BASELINE_SMAPE), 1)));
                });
    }
}
