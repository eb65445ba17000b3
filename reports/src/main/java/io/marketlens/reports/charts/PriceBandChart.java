package io.marketlens.reports.charts;

import io.marketlens.reports.data.Table;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Tables;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryMarker;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The {@code price_bands_<n>} charts of T/CCPITCSC 111-2022 1.1.4 最佳价格波段, per category: demand against supply
 * by price band with the best band highlighted and labelled above the tallest bar.
 */
final class PriceBandChart {

    /** The pale orange behind the best band. */
    static final Paint BEST_BACKGROUND = new java.awt.Color(0xFBE3CC);

    private PriceBandChart() {}

    /** One price-band chart for each of the (at most six) largest categories, numbered by revenue rank. */
    static List<ReportChart> all(ChartKit kit) {
        return new ArrayList<>(byCategory(kit).values());
    }

    /** {@link #all(ChartKit)} by category, largest first. */
    static Map<String, ReportChart> byCategory(ChartKit kit) {
        return kit.perCategory(table(kit), (c, n) -> build(kit, c, n));
    }

    /**
     * Demand share (units) against supply share (listings) per price band of {@code category} in the window, as
     * grouped bars; the best band ({@code is_best}) has its demand bar in the highlight colour and a shaded
     * background, labelled at its top in room kept free of bars ({@link ChartKit#headroom}). {@code number} names
     * the file: {@code price_bands_<number>}.
     */
    static Optional<ReportChart> build(ChartKit kit, String category, int number) {
        Optional<Table> table = table(kit);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        List<Table.Row> bands = ChartKit.window(ChartKit.scope(table.get(), category))
                .sorted(Comparator.comparing((Table.Row r) -> order(r)));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String demand = kit.texts.get("chart.series.demand_share");
        String supply = kit.texts.get("chart.series.supply_share");
        Set<String> labels = new LinkedHashSet<>();
        String best = null;
        Table.Row bestRow = null;
        double tallest = 0;
        for (Table.Row r : bands) {
            Double d = ChartKit.num(r, Columns.DEMAND_SHARE);
            Double s = ChartKit.num(r, Columns.SUPPLY_SHARE);
            if (d == null && s == null) {
                continue;
            }
            String label = bandLabel(kit, r);
            while (!labels.add(label)) {
                label = label + " ";   // two bands printing alike stay two bars
            }
            tallest = Math.max(tallest, Math.max(d == null ? 0 : d, s == null ? 0 : s));
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
            // the label sits in the plot's top LABEL_ROOM, above every bar, whatever the chart's height (PDF or PNG)
            ChartKit.headroom(share, 0, tallest);
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

    /** Demand bars: accent, the best band's in the highlight colour; supply bars: grey. */
    static Paint barPaint(int row, int column, int bestColumn) {
        if (row == 0) {
            return column == bestColumn ? ChartStyle.HIGHLIGHT : ChartStyle.ACCENT;
        }
        return ChartStyle.NEUTRAL;
    }

    private static Optional<Table> table(ChartKit kit) {
        return kit.table(Tables.PRICE_BANDS.name(), ChartKit.with(ChartKit.SCOPE, Columns.BAND, Columns.BAND_LOW, Columns.BAND_HIGH, Columns.DEMAND_SHARE, Columns.SUPPLY_SHARE, Columns.IS_BEST));
    }

    /** Bands in price order: {@code band_index} when written, else the lower edge. */
    private static double order(Table.Row r) {
        Double i = r.table().has(Columns.BAND_INDEX) ? ChartKit.num(r, Columns.BAND_INDEX) : null;
        Double low = ChartKit.num(r, Columns.BAND_LOW);
        return i != null ? i : low != null ? low : Double.MAX_VALUE;
    }

    static boolean isBest(Table.Row r) {
        return r.bool(Columns.IS_BEST);
    }

    /** "10–20" from the band's edges (no currency: the axis label has it); the table's {@code band} text otherwise. */
    static String bandLabel(ChartKit kit, Table.Row r) {
        Double low = ChartKit.num(r, Columns.BAND_LOW);
        Double high = ChartKit.num(r, Columns.BAND_HIGH);
        if (low != null && high != null) {
            return price(kit, low) + "\u2013" + price(kit, high);
        }
        if (low != null) {
            return "\u2265 " + price(kit, low);
        }
        if (high != null) {
            return "< " + price(kit, high);
        }
        return r.str(Columns.BAND);
    }

    /** Whole prices with thousands separators, others with two decimals. */
    private static String price(ChartKit kit, double v) {
        return v == Math.rint(v) ? kit.numbers.integer(v) : kit.numbers.decimal(v, 2);
    }
}
