package io.marketlens.reports.charts;

import io.marketlens.reports.text.Section;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.Tables;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The {@code market_size_revenue} chart of T/CCPITCSC 111-2022 1.1.1 市场容量: the monthly revenue of the largest
 * categories as small multiples, one panel per category, each line an index of its first month (= 100) on one shared
 * axis, with the whole market's index dashed behind it. On one money axis the whole market squashed every category
 * under its line; indexed, a small category's trend reads as clearly as a large one's, and each panel's title gives its
 * size.
 */
final class MarketSizeChart {

    /** The index of a line's first month. */
    static final double BASE = 100;
    /** Panels per row of the grid; six categories make two rows. */
    static final int COLUMNS = 3;
    /** Characters of a panel's title before its figures. */
    static final int MAX_NAME = 24;

    private MarketSizeChart() {}

    /**
     * One panel for each of the (at most {@value ChartKit#MAX_CATEGORIES}) largest categories by window revenue that have
     * monthly revenue, in that order; the whole market alone in one panel when no category has monthly revenue; nothing
     * without the whole market's monthly revenue.
     */
    static Optional<ReportChart> build(ChartKit kit) {
        NavigableMap<YearMonth, Double> market = index(kit.marketSizeMonthly(Scopes.ALL, Columns.REVENUE));
        if (market.isEmpty()) {
            return Optional.empty();
        }
        List<String> categories = kit.categoryRanking().stream().limit(ChartKit.MAX_CATEGORIES).toList();
        Map<String, Long> leaves = categories.stream().map(ChartKit::leaf).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        String marketName = kit.categoryName(Scopes.ALL);
        List<PanelGrid.Panel> panels = new ArrayList<>();
        List<XYPlot> plots = new ArrayList<>();
        double low = BASE;
        double high = BASE;
        for (String c : categories) {
            NavigableMap<YearMonth, Double> line = index(kit.marketSizeMonthly(c, Columns.REVENUE));
            if (line.isEmpty()) {
                continue;
            }
            XYSeriesCollection data = new XYSeriesCollection();
            data.addSeries(ChartKit.xySeries(c, line));
            data.addSeries(ChartKit.xySeries(marketName, market));
            for (double v : line.values()) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
            XYPlot plot = new XYPlot(data, kit.monthAxis(), new NumberAxis(), renderer(kit));
            plot.getDomainAxis().setLabel(null);
            plots.add(plot);
            String name = ChartKit.shorten(leaves.get(ChartKit.leaf(c)) == 1 ? ChartKit.leaf(c) : c, MAX_NAME);
            panels.add(new PanelGrid.Panel(panelTitle(kit, c, name), plot));
        }
        LegendItemCollection legend = new LegendItemCollection();
        if (panels.isEmpty()) {
            // no category has monthly revenue (a run that wrote only the roll-up by month): the whole market alone
            XYSeriesCollection data = new XYSeriesCollection();
            data.addSeries(ChartKit.xySeries(marketName, market));
            XYPlot plot = new XYPlot(data, kit.monthAxis(), new NumberAxis(), renderer(kit));
            plot.getDomainAxis().setLabel(null);
            plots.add(plot);
            panels.add(new PanelGrid.Panel(panelTitle(kit, Scopes.ALL, marketName), plot));
            legend.add(kit.lineItem(marketName, ChartStyle.ACCENT, kit.style.line(0)));
        } else {
            legend.add(kit.lineItem(kit.texts.get("chart.series.panel_category"), ChartStyle.ACCENT, kit.style.line(0)));
            legend.add(kit.lineItem(marketName, kit.style.referencePaint(), kit.style.referenceLine(0)));
        }
        for (double v : market.values()) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        // one axis for every panel, so that the panels compare; it starts at 0 so that a line's height is its index
        double top = high * 1.05;
        for (XYPlot plot : plots) {
            // no axis labels in the panels (the subtitle says what the index is): their room goes to the lines
            NumberAxis axis = kit.numberAxis(null, TickFormat.integer(kit.numbers));
            axis.setRange(Math.min(0, low), top);
            plot.setRangeAxis(axis);
        }
        PanelGrid grid = new PanelGrid(panels, COLUMNS, legend);
        String title = kit.texts.get("chart.market_size.title");
        Double marketRevenue = windowRevenue(kit, Scopes.ALL);
        String total = marketRevenue == null ? null : kit.texts.get("chart.market_size.total", kit.numbers.moneyCompact(marketRevenue));
        return Optional.of(kit.chart("market_size_revenue", Section.MARKET_SIZE, title, grid, true,
                kit.categoriesSubtitles(kit.texts.get("chart.scope.all_markets"), total)));
    }

    /**
     * The series as an index of its first month: 100 × value ÷ the first month's value. The first month is the first
     * with revenue above zero (a category that starts later is indexed to its own first month); months before it are
     * left out. Empty when no month has revenue.
     */
    static NavigableMap<YearMonth, Double> index(NavigableMap<YearMonth, Double> monthly) {
        NavigableMap<YearMonth, Double> out = new TreeMap<>();
        Double base = null;
        for (Map.Entry<YearMonth, Double> e : monthly.entrySet()) {
            if (base == null && e.getValue() > 0) {
                base = e.getValue();
            }
            if (base != null) {
                out.put(e.getKey(), BASE * e.getValue() / base);
            }
        }
        return out;
    }

    /** The category's line solid in the accent colour, the market's dashed and grey: apart in black and white too. */
    private static XYLineAndShapeRenderer renderer(ChartKit kit) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, ChartStyle.ACCENT);
        r.setSeriesStroke(0, kit.style.line(0));
        r.setSeriesPaint(1, kit.style.referencePaint());
        r.setSeriesStroke(1, kit.style.referenceLine(0));
        return r;
    }

    /** "Camping & Hiking: USD 3.9M (24.4 %)": the category's window revenue and its share of the market's. */
    private static String panelTitle(ChartKit kit, String category, String name) {
        Double revenue = windowRevenue(kit, category);
        Double total = windowRevenue(kit, Scopes.ALL);
        if (revenue == null) {
            return name;
        }
        return total == null || total <= 0 || Scopes.ALL.equals(category) ? kit.texts.get("chart.market_size.panel_plain", name, kit.numbers.moneyCompact(revenue))
                : kit.texts.get("chart.market_size.panel", name, kit.numbers.moneyCompact(revenue), kit.numbers.percent(revenue / total, 1));
    }

    /** The window revenue of {@code category} over all platforms and marketplaces; null when not written. */
    private static Double windowRevenue(ChartKit kit, String category) {
        return kit.table(Tables.MARKET_SIZE.name(), ChartKit.with(ChartKit.PERIOD_SCOPE, Columns.REVENUE))
                .flatMap(t -> ChartKit.window(ChartKit.scope(t, category)).stream().findFirst())
                .map(r -> ChartKit.num(r, Columns.REVENUE))
                .orElse(null);
    }
}
