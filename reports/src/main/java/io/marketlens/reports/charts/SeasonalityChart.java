package io.marketlens.reports.charts;

import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Section;
import io.marketlens.tables.ChangeKind;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.Season;
import io.marketlens.tables.Tables;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The {@code seasonality} chart of T/CCPITCSC 111-2022 1.1.4 淡旺季: the whole market's twelve seasonal indices,
 * coloured by season, with the level shifts they were estimated around.
 */
final class SeasonalityChart {

    private SeasonalityChart() {}

    /**
     * The twelve seasonal indices as bars coloured by the table's own {@code season}, with the peak and off-season
     * thresholds as reference lines. Nothing when the whole market is flagged {@code insufficient_history} or a
     * month lacks its index.
     */
    static Optional<ReportChart> build(ChartKit kit) {
        Optional<Table> table = kit.table(Tables.SEASONALITY.name(), ChartKit.with(ChartKit.SCOPE, Columns.MONTH, Columns.SEASONAL_INDEX, Columns.SEASON, Columns.STATUS));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Table all = ChartKit.scope(table.get(), Scopes.ALL);
        if (all.stream().anyMatch(r -> r.is(Columns.STATUS, Codes.INSUFFICIENT_HISTORY))) {
            return Optional.empty();
        }
        Map<Integer, Double> index = new TreeMap<>();
        Map<Integer, String> season = new TreeMap<>();
        for (Table.Row r : all.rows()) {
            Double m = ChartKit.num(r, Columns.MONTH);
            Double v = ChartKit.num(r, Columns.SEASONAL_INDEX);
            if (m != null && v != null && m >= 1 && m <= 12 && m == Math.rint(m)) {
                index.put(m.intValue(), v);
                season.put(m.intValue(), r.str(Columns.SEASON));
            }
        }
        if (index.size() != 12) {
            return Optional.empty();
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String series = kit.texts.get("chart.axis.seasonal_index");
        index.forEach((m, v) -> data.addValue(v, series, kit.texts.get("chart.month." + m)));
        List<String> seasons = new ArrayList<>(season.values());
        ItemPaintBarRenderer bars = new ItemPaintBarRenderer((row, col) -> seasonPaint(seasons.get(col)));
        NumberAxis axis = kit.numberAxis(kit.texts.get("chart.axis.seasonal_index"), TickFormat.decimal(kit.numbers));
        double max = index.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        // the thresholds the run classified the months with (SPEC M5 defaults 1.10 and 0.90)
        double peak = kit.run.configNumber(Season.PEAK_THRESHOLD_KEY, Season.DEFAULT_PEAK);
        double off = kit.run.configNumber(Season.OFF_THRESHOLD_KEY, Season.DEFAULT_OFF);
        axis.setRange(0, Math.max(max, peak) * 1.1);
        CategoryPlot plot = new CategoryPlot(data, kit.categoryAxis("chart.axis.calendar_month"), axis, bars);
        plot.addRangeMarker(kit.reference(peak, 0), Layer.FOREGROUND);
        plot.addRangeMarker(kit.reference(off, 1), Layer.FOREGROUND);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(kit.swatch(kit.texts.get("chart.season.peak"), seasonPaint(Season.PEAK.code())));
        legend.add(kit.swatch(kit.texts.get("chart.season.normal"), seasonPaint(Season.NORMAL.code())));
        legend.add(kit.swatch(kit.texts.get("chart.season.off"), seasonPaint(Season.OFF.code())));
        legend.add(kit.referenceItem(kit.texts.get("chart.marker.peak_threshold", kit.numbers.decimal(peak, 2)), 0));
        legend.add(kit.referenceItem(kit.texts.get("chart.marker.off_threshold", kit.numbers.decimal(off, 2)), 1));
        plot.setFixedLegendItems(legend);
        List<String> subtitles = new ArrayList<>(List.of(kit.texts.get("chart.scope.all_markets")));
        List<String> shifts = marketShifts(kit);
        if (!shifts.isEmpty()) {
            subtitles.add(kit.texts.get("chart.seasonality.shifts", String.join(", ", shifts)));
        }
        return Optional.of(kit.chart(Tables.SEASONALITY.name(), Section.SEASONALITY, kit.texts.get("chart.seasonality.title"), plot, true,
                subtitles.toArray(String[]::new)));
    }

    /**
     * The whole market's level shifts, oldest first, as "2024-06 +35.0 %": the indices were estimated with them taken
     * out, and a reader comparing with another tool's indices needs to know.
     */
    private static List<String> marketShifts(ChartKit kit) {
        Optional<Table> changes = kit.table(Tables.CHANGE_POINTS.name(), ChartKit.with(ChartKit.PERIOD_SCOPE, Columns.KIND, Columns.CHANGE));
        if (changes.isEmpty()) {
            return List.of();
        }
        return ChartKit.scope(changes.get(), Scopes.ALL).stream()
                .filter(r -> r.is(Columns.KIND, ChangeKind.LEVEL_SHIFT.code()) && ChartKit.num(r, Columns.CHANGE) != null)
                .sorted(java.util.Comparator.comparing((Table.Row r) -> r.str(Columns.PERIOD)))
                .map(r -> r.str(Columns.PERIOD) + " " + kit.numbers.signedPercent(ChartKit.num(r, Columns.CHANGE), 1))
                .toList();
    }

    /** Peak: dark brick red; off season: light blue; normal: grey — three lightness levels for grey print. */
    static Paint seasonPaint(String season) {
        if (Season.PEAK.code().equals(season)) {
            return ChartStyle.NEGATIVE;
        }
        return Season.OFF.code().equals(season) ? ChartStyle.LIGHT : ChartStyle.NEUTRAL;
    }
}
