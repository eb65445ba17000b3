package io.marketlens.reports.charts;

import io.marketlens.reports.data.Table;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.Tables;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryMarker;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Charts of T/CCPITCSC 111-2022 1.1.4 最佳价格波段 and 热搜属性及流行趋势, per category: demand against supply
 * by price band with the best band highlighted, and the top terms by the revenue of the listings that carry them.
 */
final class ProductCharts {

    /** Per-category charts are drawn for at most this many categories, the largest by window revenue. */
    static final int MAX_CATEGORIES = 6;
    /** Terms per hot-terms chart. */
    static final int TOP_TERMS = 10;
    private static final String[] SCOPE = {Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY};

    private final ChartKit kit;

    ProductCharts(ChartKit kit) {
        this.kit = kit;
    }

    /** One price-band chart for each of the (at most six) largest categories, numbered by revenue rank. */
    List<ReportChart> priceBands() {
        return new ArrayList<>(priceBandsByCategory().values());
    }

    /** {@link #priceBands()} by category, largest first. */
    Map<String, ReportChart> priceBandsByCategory() {
        Optional<Table> table = priceBandTable();
        Map<String, ReportChart> out = new LinkedHashMap<>();
        if (table.isPresent()) {
            kit.numbered(present(table.get()), MAX_CATEGORIES).forEach((c, n) -> priceBands(c, n).ifPresent(r -> out.put(c, r)));
        }
        return out;
    }

    /**
     * Demand share (units) against supply share (listings) per price band of {@code category} in the window, as
     * grouped bars; the best band ({@code is_best}) has its demand bar in the highlight colour and a shaded,
     * labelled background. {@code number} names the file: {@code price_bands_<number>}.
     */
    Optional<ReportChart> priceBands(String category, int number) {
        Optional<Table> table = priceBandTable();
        if (table.isEmpty()) {
            return Optional.empty();
        }
        List<Table.Row> bands = window(ChartKit.scope(table.get(), category))
                .sorted(Comparator.comparing((Table.Row r) -> order(r)));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String demand = kit.texts.get("chart.series.demand_share");
        String supply = kit.texts.get("chart.series.supply_share");
        Set<String> labels = new LinkedHashSet<>();
        String best = null;
        Table.Row bestRow = null;
        for (Table.Row r : bands) {
            Double d = ChartKit.num(r, Columns.DEMAND_SHARE);
            Double s = ChartKit.num(r, Columns.SUPPLY_SHARE);
            if (d == null && s == null) {
                continue;
            }
            String label = bandLabel(r);
            while (!labels.add(label)) {
                label = label + " ";   // two bands printing alike stay two bars
            }
            data.addValue(d, demand, label);
            data.addValue(s, supply, label);
            if (best == null && isBest(r)) {
                best = label;
                bestRow = r;
            }
        }
        if (data.getColumnCount() == 0) {
            return Optional.empty();
        }
        int bestColumn = best == null ? -1 : data.getColumnIndex(best);
        ItemPaintBarRenderer bars = new ItemPaintBarRenderer((row, col) -> barPaint(row, col, bestColumn));
        bars.setItemMargin(0.05);
        NumberAxis share = kit.percentAxis("chart.axis.share");
        CategoryPlot plot = new CategoryPlot(data, kit.categoryAxis("chart.axis.price_band"), share, bars);
        plot.getDomainAxis().setLabel(kit.moneyLabel("chart.axis.price_band"));
        if (data.getColumnCount() > 8) {
            plot.getDomainAxis().setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.UP_45);
        }
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(kit.swatch(demand, ChartStyle.ACCENT));
        legend.add(kit.swatch(supply, ChartStyle.NEUTRAL));
        List<String> subtitles = new ArrayList<>();
        subtitles.add(kit.texts.get("chart.scope.window_markets"));
        if (best != null) {
            CategoryMarker marker = new CategoryMarker(best, BEST_BACKGROUND, new java.awt.BasicStroke(1f));
            marker.setDrawAsLine(false);
            marker.setLabel(kit.texts.get("chart.series.best_band"));
            marker.setLabelAnchor(RectangleAnchor.TOP);
            marker.setLabelTextAnchor(TextAnchor.TOP_CENTER);
            plot.addDomainMarker(marker, Layer.BACKGROUND);
            legend.add(kit.swatch(kit.texts.get("chart.series.best_band"), ChartStyle.HIGHLIGHT));
            Double opportunity = bestRow.table().has(Columns.OPPORTUNITY) ? ChartKit.num(bestRow, Columns.OPPORTUNITY) : null;
            subtitles.add(opportunity == null ? kit.texts.get("chart.price_bands.best_plain", best.trim())
                    : kit.texts.get("chart.price_bands.best", best.trim(), kit.numbers.decimal(opportunity, 2)));
        }
        plot.setFixedLegendItems(legend);
        String title = kit.texts.get("chart.price_bands.title", kit.categoryName(category));
        return Optional.of(kit.categoryChart("price_bands_" + number, title, plot, true, subtitles.toArray(String[]::new)));
    }

    /** The pale orange behind the best band. */
    static final Paint BEST_BACKGROUND = new java.awt.Color(0xFBE3CC);

    /** Demand bars: accent, the best band's in the highlight colour; supply bars: grey. */
    static Paint barPaint(int row, int column, int bestColumn) {
        if (row == 0) {
            return column == bestColumn ? ChartStyle.HIGHLIGHT : ChartStyle.ACCENT;
        }
        return ChartStyle.NEUTRAL;
    }

    private Optional<Table> priceBandTable() {
        return kit.table(Tables.PRICE_BANDS.name(), ChartKit.with(SCOPE, Columns.BAND, Columns.BAND_LOW, Columns.BAND_HIGH, Columns.DEMAND_SHARE, Columns.SUPPLY_SHARE, Columns.IS_BEST));
    }

    /** Bands in price order: {@code band_index} when written, else the lower edge. */
    private static double order(Table.Row r) {
        Double i = r.table().has(Columns.BAND_INDEX) ? ChartKit.num(r, Columns.BAND_INDEX) : null;
        Double low = ChartKit.num(r, Columns.BAND_LOW);
        return i != null ? i : low != null ? low : Double.MAX_VALUE;
    }

    static boolean isBest(Table.Row r) {
        String v = r.str(Columns.IS_BEST).trim();
        return v.equalsIgnoreCase("true") || v.equals("1");
    }

    /** "10–20" from the band's edges (no currency: the axis label has it); the table's {@code band} text otherwise. */
    String bandLabel(Table.Row r) {
        Double low = ChartKit.num(r, Columns.BAND_LOW);
        Double high = ChartKit.num(r, Columns.BAND_HIGH);
        if (low != null && high != null) {
            return price(low) + "\u2013" + price(high);
        }
        if (low != null) {
            return "\u2265 " + price(low);
        }
        if (high != null) {
            return "< " + price(high);
        }
        return r.str(Columns.BAND);
    }

    /** Whole prices with thousands separators, others with two decimals. */
    private String price(double v) {
        return v == Math.rint(v) ? kit.numbers.integer(v) : kit.numbers.decimal(v, 2);
    }

    /** The top terms of the whole market (ALL platforms, marketplaces and categories), when the run has them. */
    Optional<ReportChart> hotTerms() {
        return hotTerms(Scopes.ALL, Tables.HOT_TERMS.name());
    }

    /** One hot-terms chart for each of the (at most six) largest categories: {@code hot_terms_<number>}. */
    List<ReportChart> hotTermsByCategory() {
        return new ArrayList<>(hotTermsByCategoryMap().values());
    }

    /** {@link #hotTermsByCategory()} by category, largest first. */
    Map<String, ReportChart> hotTermsByCategoryMap() {
        Optional<Table> table = termTable();
        Map<String, ReportChart> out = new LinkedHashMap<>();
        if (table.isPresent()) {
            kit.numbered(present(table.get()), MAX_CATEGORIES).forEach((c, n) -> hotTerms(c, "hot_terms_" + n)
                    .ifPresent(r -> out.put(c, r)));
        }
        return out;
    }

    /** The {@value #TOP_TERMS} terms of {@code category} with the highest weight in the window, as horizontal bars. */
    Optional<ReportChart> hotTerms(String category, String id) {
        Optional<Table> table = termTable();
        if (table.isEmpty()) {
            return Optional.empty();
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String series = kit.moneyLabel("chart.axis.term_weight");
        window(ChartKit.scope(table.get(), category)).stream()
                .filter(r -> ChartKit.num(r, Columns.WEIGHT) != null && !r.isEmpty(Columns.TERM))
                .sorted(Comparator.comparing((Table.Row r) -> -ChartKit.num(r, Columns.WEIGHT)).thenComparing(r -> r.str(Columns.TERM)))
                .limit(TOP_TERMS)
                .forEach(r -> data.addValue(ChartKit.num(r, Columns.WEIGHT), series, r.str(Columns.TERM)));
        if (data.getColumnCount() == 0) {
            return Optional.empty();
        }
        ItemPaintBarRenderer bars = new ItemPaintBarRenderer((row, col) -> ChartStyle.ACCENT);
        bars.setMaximumBarWidth(0.08);
        CategoryPlot plot = new CategoryPlot(data, kit.categoryAxis("chart.axis.term"), kit.moneyAxis("chart.axis.term_weight"), bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        String title = kit.texts.get("chart.hot_terms.title", kit.categoryName(category));
        return Optional.of(kit.categoryChart(id, title, plot, false, kit.texts.get("chart.scope.window_markets")));
    }

    private Optional<Table> termTable() {
        return kit.table(Tables.HOT_TERMS.name(), ChartKit.with(SCOPE, Columns.TERM, Columns.WEIGHT));
    }

    /** Whole-window rows; a table without {@code period} has only those. */
    private static Table window(Table t) {
        return t.has(Columns.PERIOD) ? t.where(Columns.PERIOD, Scopes.WINDOW) : t;
    }

    /** The single categories (over all platforms and marketplaces) with window rows. */
    private static Set<String> present(Table t) {
        Set<String> out = new LinkedHashSet<>();
        window(ChartKit.categories(t)).stream().forEach(r -> out.add(r.str(Columns.CATEGORY)));
        return out;
    }
}
