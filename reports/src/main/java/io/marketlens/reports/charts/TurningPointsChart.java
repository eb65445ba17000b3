package io.marketlens.reports.charts;

import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Section;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.Season;
import io.marketlens.tables.Tables;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.time.YearMonth;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The {@code turning_points} chart of T/CCPITCSC 111-2022 1.1.4 数据拐点: the whole market's monthly revenue with
 * its turning points and change points.
 */
final class TurningPointsChart {

    private TurningPointsChart() {}

    /**
     * The whole market's monthly revenue with its turning points (peaks ▲, troughs ▼, drawn on the revenue line)
     * and its change points (vertical lines labelled with the change of level at the plot's top, in room kept free of
     * the line by {@link ChartKit#headroom}). Nothing without the revenue line
     * or when the run wrote neither points table; a subtitle says so when both tables hold no point for the market.
     */
    static Optional<ReportChart> build(ChartKit kit) {
        Optional<Table> turning = kit.run.table(Tables.TURNING_POINTS.name()).filter(t -> hasAll(t, Columns.PERIOD, Columns.KIND));
        Optional<Table> change = kit.run.table(Tables.CHANGE_POINTS.name()).filter(t -> hasAll(t, Columns.PERIOD));
        NavigableMap<YearMonth, Double> revenue = kit.marketSizeMonthly(Scopes.ALL, Columns.REVENUE);
        if (revenue.isEmpty() || (turning.isEmpty() && change.isEmpty())) {
            return Optional.empty();
        }
        XYSeries peaks = new XYSeries(kit.texts.get("chart.series.peak"), true, false);
        XYSeries troughs = new XYSeries(kit.texts.get("chart.series.trough"), true, false);
        for (Table.Row r : turning.map(t -> ChartKit.scope(t, Scopes.ALL).rows()).orElse(List.of())) {
            Optional<YearMonth> m = ChartKit.month(r.str(Columns.PERIOD));
            // on the revenue line; the table's level is of the smoothed, deseasonalised series and would float off it
            Double y = m.map(revenue::get).orElse(r.table().has(Columns.LEVEL) ? ChartKit.num(r, Columns.LEVEL) : null);
            if (m.isPresent() && y != null) {
                (r.is(Columns.KIND, Season.PEAK.code()) ? peaks : troughs).add(ChartKit.x(m.get()), y);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(ChartKit.xySeries(kit.texts.get("chart.axis.revenue"), revenue));
        data.addSeries(peaks);
        data.addSeries(troughs);
        XYLineAndShapeRenderer r = kit.lineRenderer(1);
        r.setSeriesShapesVisible(0, false);   // the only markers on the line are the turning points
        r.setSeriesLinesVisible(1, false);
        r.setSeriesLinesVisible(2, false);
        r.setSeriesShapesVisible(1, true);
        r.setSeriesShapesVisible(2, true);
        r.setSeriesShape(1, triangle(true));
        r.setSeriesShape(2, triangle(false));
        r.setSeriesPaint(1, ChartStyle.NEGATIVE);
        r.setSeriesPaint(2, ChartStyle.HIGHLIGHT);
        XYPlot plot = new XYPlot(data, kit.monthAxis(), kit.moneyAxis("chart.axis.revenue"), r);
        int shifts = 0;
        double middle = (ChartKit.x(revenue.firstKey()) + ChartKit.x(revenue.lastKey())) / 2;
        for (Table.Row c : change.map(t -> ChartKit.scope(t, Scopes.ALL).rows()).orElse(List.of())) {
            Optional<YearMonth> m = ChartKit.month(c.str(Columns.PERIOD));
            if (m.isPresent()) {
                double x = ChartKit.x(m.get());
                plot.addDomainMarker(changeMarker(kit, x, change(c), x > middle), Layer.FOREGROUND);
                shifts++;
            }
        }
        if (shifts > 0) {
            // the change points' labels sit in the plot's top LABEL_ROOM, above the revenue line
            ChartKit.headroom(plot.getRangeAxis(), 0, revenue.values().stream().mapToDouble(Double::doubleValue).max().orElse(0));
        }
        String title = kit.texts.get("chart.turning_points.title");
        String scope = kit.texts.get("chart.scope.all_markets");
        return Optional.of(peaks.isEmpty() && troughs.isEmpty() && shifts == 0
                ? kit.chart(Tables.TURNING_POINTS.name(), Section.POINTS, title, plot, true, scope, kit.texts.get("chart.turning_points.none"))
                : kit.chart(Tables.TURNING_POINTS.name(), Section.POINTS, title, plot, true, scope));
    }

    /** The change of level at a change point: the table's {@code change}, else level_after ÷ level_before − 1. */
    static Double change(Table.Row c) {
        Double given = c.table().has(Columns.CHANGE) ? ChartKit.num(c, Columns.CHANGE) : null;
        if (given != null) {
            return given;
        }
        Double before = c.table().has(Columns.LEVEL_BEFORE) ? ChartKit.num(c, Columns.LEVEL_BEFORE) : null;
        Double after = c.table().has(Columns.LEVEL_AFTER) ? ChartKit.num(c, Columns.LEVEL_AFTER) : null;
        return before == null || after == null || before == 0 ? null : after / before - 1;
    }

    /** A vertical line at a change point, labelled on its left when it is in the right half (the label stays inside). */
    private static ValueMarker changeMarker(ChartKit kit, double x, Double change, boolean labelLeft) {
        ValueMarker m = new ValueMarker(x, kit.style.referencePaint(), kit.style.referenceLine());
        m.setLabel(change == null ? kit.texts.get("chart.marker.change_point_plain")
                : kit.texts.get("chart.marker.change_point", kit.numbers.signedPercent(change, 1)));
        m.setLabelAnchor(labelLeft ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(labelLeft ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
        return m;
    }

    private static Shape triangle(boolean up) {
        Path2D.Double p = new Path2D.Double();
        double s = 6;
        if (up) {
            p.moveTo(0, -s);
            p.lineTo(s, s * 0.8);
            p.lineTo(-s, s * 0.8);
        } else {
            p.moveTo(0, s);
            p.lineTo(s, -s * 0.8);
            p.lineTo(-s, -s * 0.8);
        }
        p.closePath();
        return p;
    }

    private static boolean hasAll(Table t, String... columns) {
        for (String c : ChartKit.with(ChartKit.SCOPE, columns)) {
            if (!t.has(c)) {
                return false;
            }
        }
        return true;
    }
}
