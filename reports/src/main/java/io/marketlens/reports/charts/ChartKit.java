package io.marketlens.reports.charts;

import io.marketlens.reports.data.RunFolder;
import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Numbers;
import io.marketlens.reports.text.Section;
import io.marketlens.reports.text.Texts;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.Tables;
import java.text.SimpleDateFormat;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * What every chart builder shares: the run's tables read defensively (a missing table or column, or a cell that
 * is not a number, means "no data", never an exception), the scope filters, the category ranking that numbers
 * the per-category charts, the axes whose labels and ticks come from {@link Texts} and {@link Numbers}, and what
 * several charts read or draw alike (market size by month, by-category bars, the busiest logistics lanes).
 */
final class ChartKit {

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    /** The scope columns of a table: platform, marketplace and category. */
    static final String[] SCOPE = {Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY};
    /** The scope columns of a table by period. */
    static final String[] PERIOD_SCOPE = {Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.PERIOD};
    /** Per-category charts are drawn for at most this many categories, the largest by window revenue. */
    static final int MAX_CATEGORIES = 6;
    /** Bars of a by-category chart; more categories than this are cut, and a subtitle says how many. */
    static final int MAX_BARS = 20;
    /** Lanes drawn, the busiest by shipments. */
    static final int TOP_LANES = 12;
    private static final String[] LANE = {Columns.CARRIER, Columns.SERVICE, Columns.DESTINATION_COUNTRY, Columns.DESTINATION_REGION, Columns.PERIOD, Columns.SHIPMENTS};

    final RunFolder run;
    final Texts texts;
    final Numbers numbers;
    final ChartStyle style;
    private List<String> ranking;

    ChartKit(RunFolder run, Texts texts, Numbers numbers, ChartStyle style) {
        this.run = run;
        this.texts = texts;
        this.numbers = numbers;
        this.style = style;
    }

    /** The table when the run wrote it with all of {@code columns} and at least one row. */
    Optional<Table> table(String name, String... columns) {
        Optional<Table> t = run.table(name);
        if (t.isEmpty() || t.get().isEmpty()) {
            return Optional.empty();
        }
        for (String c : columns) {
            if (!t.get().has(c)) {
                return Optional.empty();
            }
        }
        return t;
    }

    /** The rows of {@code category} over all platforms and marketplaces. */
    static Table scope(Table t, String category) {
        return t.where(r -> r.is(Columns.PLATFORM, Scopes.ALL) && r.is(Columns.MARKETPLACE, Scopes.ALL) && r.is(Columns.CATEGORY, category));
    }

    /** The rows of every single category (not the roll-up) over all platforms and marketplaces. */
    static Table categories(Table t) {
        return t.where(r -> r.is(Columns.PLATFORM, Scopes.ALL) && r.is(Columns.MARKETPLACE, Scopes.ALL)
                && !r.is(Columns.CATEGORY, Scopes.ALL) && !r.isEmpty(Columns.CATEGORY));
    }

    /** The cell as a finite number; {@code null} when empty, not a number or not finite. */
    static Double num(Table.Row row, String column) {
        try {
            Double d = row.num(column);
            return d == null || !Double.isFinite(d) ? null : d;
        } catch (IllegalArgumentException notANumber) {
            return null;
        }
    }

    /** {@code YYYY-MM} as a month; empty for {@code window} and anything else. */
    static Optional<YearMonth> month(String period) {
        if (period == null || period.length() != 7) {
            return Optional.empty();
        }
        try {
            return Optional.of(YearMonth.parse(period));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The x value of a month on a date axis: its first millisecond in UTC. */
    static double x(YearMonth m) {
        return m.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** Monthly values of one column in month order; months without a value are left out. */
    static NavigableMap<YearMonth, Double> monthly(Table scoped, String column) {
        NavigableMap<YearMonth, Double> out = new java.util.TreeMap<>();
        for (Table.Row r : scoped.rows()) {
            Optional<YearMonth> m = month(r.str(Columns.PERIOD));
            Double v = num(r, column);
            if (m.isPresent() && v != null) {
                out.put(m.get(), v);
            }
        }
        return out;
    }

    /**
     * Categories by window revenue of {@code market_size} (ALL platforms and marketplaces), largest first, ties by
     * name. Per-category charts are numbered by this ranking ({@code price_bands_1} is the largest category).
     */
    List<String> categoryRanking() {
        if (ranking == null) {
            Map<String, Double> revenue = new LinkedHashMap<>();
            table(Tables.MARKET_SIZE.name(), Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.PERIOD, Columns.REVENUE).ifPresent(t -> {
                for (Table.Row r : categories(t).where(Columns.PERIOD, Scopes.WINDOW).rows()) {
                    Double v = num(r, Columns.REVENUE);
                    if (v != null) {
                        revenue.put(r.str(Columns.CATEGORY), v);
                    }
                }
            });
            List<String> cats = new ArrayList<>(revenue.keySet());
            cats.sort(Comparator.comparing((String c) -> -revenue.get(c)).thenComparing(Comparator.naturalOrder()));
            ranking = List.copyOf(cats);
        }
        return ranking;
    }

    /**
     * The per-category charts of a table, numbered: the first {@code max} categories of {@code present} in the order
     * of {@link #categoryRanking()} (then those market_size lacks, by name — a partial run), each with its number
     * in that order, so that {@code price_bands_2} and {@code hot_terms_2} are the same, second-largest category.
     */
    Map<String, Integer> numbered(java.util.Collection<String> present, int max) {
        List<String> order = new ArrayList<>(categoryRanking());
        new TreeSet<>(present).stream().filter(c -> !order.contains(c)).forEach(order::add);
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < order.size() && out.size() < max; i++) {
            if (present.contains(order.get(i))) {
                out.put(order.get(i), i + 1);
            }
        }
        return out;
    }

    /** An axis label, with the base currency when there is one: "Revenue (USD)". */
    String moneyLabel(String key) {
        String label = texts.get(key);
        return numbers.currency().isEmpty() ? label : texts.get("chart.axis.with_unit", label, numbers.currency());
    }

    NumberAxis moneyAxis(String key) {
        NumberAxis a = new SparseNumberAxis(moneyLabel(key));
        a.setNumberFormatOverride(TickFormat.compact(numbers));
        a.setAutoRangeIncludesZero(true);
        return a;
    }

    NumberAxis percentAxis(String key) {
        NumberAxis a = new SparseNumberAxis(texts.get(key));
        a.setNumberFormatOverride(TickFormat.percent(numbers));
        return a;
    }

    NumberAxis numberAxis(String label, TickFormat format) {
        NumberAxis a = new SparseNumberAxis(label);
        a.setNumberFormatOverride(format);
        return a;
    }

    /** A month axis with {@code YYYY-MM} ticks, in UTC like {@link #x}. */
    DateAxis monthAxis() {
        DateAxis a = new DateAxis(texts.get("chart.axis.month"), UTC, Locale.ROOT);
        SimpleDateFormat f = new SimpleDateFormat("yyyy-MM", Locale.ROOT);
        f.setTimeZone(UTC);
        a.setDateFormatOverride(f);
        // whole months only: on a short series the automatic units would pick days and repeat a month's label
        TickUnits units = new TickUnits();
        for (int n : new int[]{1, 2, 3, 4, 6}) {
            units.add(new DateTickUnit(DateTickUnitType.MONTH, n, f));
        }
        for (int n : new int[]{1, 2, 5, 10}) {
            units.add(new DateTickUnit(DateTickUnitType.YEAR, n, f));
        }
        a.setStandardTickUnits(units);
        a.setLowerMargin(0.02);
        a.setUpperMargin(0.02);
        return a;
    }

    CategoryAxis categoryAxis(String key) {
        CategoryAxis a = new CategoryAxis(texts.get(key));
        // a label may use its whole category's width and wrap once, so "1,000–2,000" is not cut to "…"
        a.setMaximumCategoryLabelWidthRatio(1.0f);
        a.setMaximumCategoryLabelLines(2);
        a.setCategoryMargin(0.2);
        return a;
    }

    /**
     * The share of a plot's height kept free of data at its top for the labels drawn there (the best price band, the
     * change points): {@value} of the plot holds a label line of {@link ChartStyle#smallFont()} (about 14 units with
     * its 3-unit offset, 17) in any plot from about 95 units high. The shortest plots are those of the PDF: a price-band
     * chart is 200 pt high laid out 1.6× larger, and after its title, subtitles, legend and axes its plot is about 150
     * units high; a PNG's is about 450. An axis's default 5 % margin is not enough there: it gave the label 23 units in
     * the PNG but 8 in the PDF, where the tallest bar covered it.
     */
    static final double LABEL_ROOM = 0.18;

    /**
     * Fixes {@code axis} from {@code lower} to where data up to {@code max} fills {@code 1 − LABEL_ROOM} of the plot's
     * height, whatever that height: the top {@value #LABEL_ROOM} of the plot is free for labels.
     */
    static void headroom(ValueAxis axis, double lower, double max) {
        double top = Math.max(max, lower);
        axis.setRange(lower, top == lower ? lower + 1 : lower + (top - lower) / (1 - LABEL_ROOM));
    }

    /**
     * A dashed reference line (threshold) at {@code value} of the range axis, the {@code i}-th of its chart; it is named
     * in the legend ({@link #referenceItem}), not in the plot, where a label would cover the bars or points it runs
     * through.
     */
    ValueMarker reference(double value, int i) {
        return new ValueMarker(value, style.referencePaint(), style.referenceLine(i));
    }

    /** The legend entry of reference line {@code i}: its dash pattern and {@code label}. */
    LegendItem referenceItem(String label, int i) {
        return lineItem(label, style.referencePaint(), style.referenceLine(i));
    }

    /** A legend entry with a square swatch (bars, areas). */
    LegendItem swatch(String label, java.awt.Paint paint) {
        LegendItem item = new LegendItem(label, null, null, null, style.swatch(), paint);
        item.setLabelFont(style.legendFont());
        return item;
    }

    /** A legend entry with a line (and its stroke). */
    LegendItem lineItem(String label, java.awt.Paint paint, java.awt.Stroke stroke) {
        LegendItem item = new LegendItem(label, null, null, null, new java.awt.geom.Line2D.Double(-9, 0, 9, 0), stroke, paint);
        item.setLabelFont(style.legendFont());
        return item;
    }

    /** The finished chart of a chapter: titled, styled, with optional subtitle lines. */
    ReportChart chart(String id, Section section, String title, Plot plot, boolean legend, String... subtitles) {
        JFreeChart chart = new JFreeChart(title, style.titleFont(), plot, legend);
        for (String s : subtitles) {
            chart.addSubtitle(new TextTitle(s));
        }
        style.apply(chart);
        return new ReportChart(id, section, title, chart);
    }

    /** The finished chart of one category, which the report places by its category rather than in a chapter. */
    ReportChart categoryChart(String id, String title, Plot plot, boolean legend, String... subtitles) {
        return chart(id, null, title, plot, legend, subtitles);
    }

    /** "All categories" for the roll-up, else the category's own name. */
    String categoryName(String category) {
        return Scopes.ALL.equals(category) ? texts.get("chart.series.all_categories") : category;
    }

    /** The text of a chart label cut to {@code max} characters, the cut ending in "…". */
    static String shorten(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)).strip() + "\u2026";
    }

    /** A point of a scatter plot: where it is, whether it is the top pick (highlighted), its label. */
    record Point(double x, double y, boolean top, String label) {
    }

    /**
     * A scatter of labelled points on {@code x} and {@code y}: the top pick large and in the highlight colour, the others
     * in the accent colour, each labelled beside its point without overlaps ({@link PointLabels}); the legend names
     * the top pick, and the others when there are any.
     */
    XYPlot labelledScatter(List<Point> points, NumberAxis x, NumberAxis y, String topName, String othersName) {
        XYSeries top = new XYSeries(topName, false, true);
        XYSeries others = new XYSeries(othersName, false, true);
        List<PointLabels.Label> labels = new ArrayList<>();
        for (Point p : points) {
            (p.top() ? top : others).add(p.x(), p.y());
            labels.add(new PointLabels.Label(p.x(), p.y(), p.label()));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(top);
        data.addSeries(others);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, ChartStyle.HIGHLIGHT);
        renderer.setSeriesPaint(1, ChartStyle.ACCENT);
        renderer.setSeriesShape(0, style.dot(11));
        renderer.setSeriesShape(1, style.dot(8));
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.addAnnotation(new PointLabels(labels, style.smallFont(), java.awt.Color.DARK_GRAY, style.referencePaint()));
        LegendItemCollection legend = new LegendItemCollection();
        if (top.getItemCount() > 0) {
            legend.add(swatch(topName, ChartStyle.HIGHLIGHT));
        }
        if (others.getItemCount() > 0) {
            legend.add(swatch(othersName, ChartStyle.ACCENT));
        }
        plot.setFixedLegendItems(legend);
        return plot;
    }

    /** A platform × marketplace: "platform / marketplace". */
    String marketLabel(Table.Row r) {
        return texts.get("cell.market", r.str(Columns.PLATFORM), r.str(Columns.MARKETPLACE));
    }

    /** A ranked candidate's label beside its point: "#rank name". */
    String rankedLabel(Table.Row r, String name) {
        return texts.get("chart.label.ranked", numbers.integer(num(r, Columns.RANK)), name);
    }

    /** A category's last level ("Beauty & Personal Care>Hair Tools" → "Hair Tools"), for labels beside points. */
    static String leaf(String category) {
        int i = category.lastIndexOf(CATEGORY_LEVELS);
        return i < 0 || i == category.length() - 1 ? category : category.substring(i + 1).strip();
    }

    /** Between the levels of a category path in the exports ({@code Home & Kitchen>Kitchen Storage}). */
    static final char CATEGORY_LEVELS = '>';
    /** Characters of a seller's label in a chart (the table beside it has the full id). */
    static final int MAX_SELLER_LABEL = 28;

    /** A seller as {@code concentration_curve} names it, "platform / seller_id", cut to {@value #MAX_SELLER_LABEL} characters. */
    String sellerLabel(Table.Row r) {
        return shorten(texts.get("chart.seller.label", r.str(Columns.SELLER_PLATFORM), r.str(Columns.SELLER_ID)), MAX_SELLER_LABEL);
    }

    /** {@code base} followed by {@code more}: the columns a chart needs. */
    static String[] with(String[] base, String... more) {
        String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }

    static XYSeries xySeries(String key, Map<YearMonth, Double> values) {
        XYSeries s = new XYSeries(key, true, false);
        values.forEach((m, v) -> s.add(x(m), v));
        return s;
    }

    /** Point markers drawn on a line: at most this many per series, evenly spaced, so that a long line is not beaded. */
    static final int MARKERS_PER_LINE = 10;

    /**
     * Lines with one palette colour, dash pattern ({@link ChartStyle#line}) and marker ({@link ChartStyle#shape}) per
     * series, the markers on at most {@value #MARKERS_PER_LINE} evenly spaced points of each line (and in the legend),
     * so that the series stay apart in black-and-white print. A series whose markers the caller turns on or off
     * explicitly ({@code setSeriesShapesVisible}) keeps that.
     */
    XYLineAndShapeRenderer lineRenderer(int series) {
        XYLineAndShapeRenderer r = new SparseMarkers();
        for (int i = 0; i < series; i++) {
            r.setSeriesPaint(i, style.series(i));
            r.setSeriesStroke(i, style.line(i));
            r.setSeriesShape(i, style.shape(i));
        }
        return r;
    }

    /** A line renderer whose markers are on every k-th point, k chosen so that a line has at most {@value #MARKERS_PER_LINE}. */
    static final class SparseMarkers extends XYLineAndShapeRenderer {

        private static final long serialVersionUID = 1L;

        SparseMarkers() {
            super(true, true);
        }

        @Override
        public boolean getItemShapeVisible(int series, int item) {
            if (getSeriesShapesVisible(series) != null || getPlot() == null) {
                return super.getItemShapeVisible(series, item);
            }
            XYDataset data = getPlot().getDataset(getPlot().getIndexOf(this));
            int n = data == null ? 0 : data.getItemCount(series);
            return markedItem(item, n);
        }

        /** Whether point {@code item} of a line of {@code n} points has a marker: every k-th from the first. */
        static boolean markedItem(int item, int n) {
            int step = Math.max(1, (int) Math.ceil(n / (double) MARKERS_PER_LINE));
            return item % step == 0;
        }
    }

    /** Month labels ({@code YYYY-MM}) on a category axis, slanted when there are more than a year of them. */
    CategoryAxis monthCategories(int months) {
        CategoryAxis a = categoryAxis("chart.axis.month");
        if (months > 12) {
            a.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        return a;
    }

    /**
     * Monthly values of {@code column} of {@code market_size} for {@code category} over all platforms and
     * marketplaces, in month order; empty when the run lacks the table or the column.
     */
    NavigableMap<YearMonth, Double> marketSizeMonthly(String category, String column) {
        return table(Tables.MARKET_SIZE.name(), with(PERIOD_SCOPE, column))
                .map(t -> monthly(scope(t, category), column))
                .orElseGet(java.util.TreeMap::new);
    }

    /**
     * The per-category charts of {@code table} by category, largest first: {@code chart} of each of the first
     * {@value #MAX_CATEGORIES} categories with window rows, given its number in {@link #numbered}.
     */
    Map<String, ReportChart> perCategory(Optional<Table> table, BiFunction<String, Integer, Optional<ReportChart>> chart) {
        Map<String, ReportChart> out = new LinkedHashMap<>();
        if (table.isPresent()) {
            numbered(present(table.get()), MAX_CATEGORIES).forEach((c, n) -> chart.apply(c, n).ifPresent(r -> out.put(c, r)));
        }
        return out;
    }

    /** Whole-window rows; a table without {@code period} has only those. */
    static Table window(Table t) {
        return t.has(Columns.PERIOD) ? t.where(Columns.PERIOD, Scopes.WINDOW) : t;
    }

    /** The single categories (over all platforms and marketplaces) with window rows. */
    private static Set<String> present(Table t) {
        Set<String> out = new LinkedHashSet<>();
        window(categories(t)).stream().forEach(r -> out.add(r.str(Columns.CATEGORY)));
        return out;
    }

    /** Category → value, largest first (ties by name), rows without a value left out. */
    static Map<String, Double> descending(Table rows, String column) {
        Map<String, Double> v = new LinkedHashMap<>();
        rows.stream()
                .filter(r -> num(r, column) != null)
                .sorted(Comparator.comparing((Table.Row r) -> -num(r, column)).thenComparing(r -> r.str(Columns.CATEGORY)))
                .forEach(r -> v.putIfAbsent(r.str(Columns.CATEGORY), num(r, column)));
        return v;
    }

    /** One series of at most {@value #MAX_BARS} bars in the map's order. */
    static DefaultCategoryDataset bars(String series, Map<String, Double> values) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        values.entrySet().stream().limit(MAX_BARS).forEach(e -> data.addValue(e.getValue(), series, e.getKey()));
        return data;
    }

    /** Narrow bars all in the accent colour. */
    static ItemPaintBarRenderer singleColour() {
        ItemPaintBarRenderer r = new ItemPaintBarRenderer((row, col) -> ChartStyle.ACCENT);
        r.setMaximumBarWidth(0.08);
        return r;
    }

    /** The window scope of a by-category bar chart, and how many of its {@code total} bars it shows when it cut some. */
    String[] barSubtitles(int shown, int total) {
        String scope = texts.get("chart.scope.window_markets");
        return shown < total ? new String[]{scope, texts.get("chart.bars.cut", numbers.integer(shown), numbers.integer(total))} : new String[]{scope};
    }

    /**
     * The subtitles of a chart that draws the {@value #MAX_CATEGORIES} largest categories: {@code lines} (nulls left
     * out), then "The 6 largest of 74 categories by revenue" when the run has more, so that a category left out is said
     * to be, not silently missing.
     */
    String[] categoriesSubtitles(String... lines) {
        List<String> out = new ArrayList<>();
        Arrays.stream(lines).filter(java.util.Objects::nonNull).forEach(out::add);
        int all = categoryRanking().size();
        if (all > MAX_CATEGORIES) {
            out.add(texts.get("chart.categories.cut", numbers.integer(MAX_CATEGORIES), numbers.integer(all)));
        }
        return out.toArray(String[]::new);
    }

    /**
     * The {@value #TOP_LANES} busiest lanes of {@code logistics_lanes} in the window (most shipments first, ties by
     * label) that have {@code columns}: rows rolled up over destination regions whose carrier, service and country
     * are all single values (the all-lanes row and any other roll-up are not lanes).
     */
    List<Table.Row> lanes(String... columns) {
        Optional<Table> table = table(Tables.LOGISTICS_LANES.name(), with(LANE, columns));
        if (table.isEmpty()) {
            return List.of();
        }
        return table.get().where(r -> r.is(Columns.PERIOD, Scopes.WINDOW) && r.is(Columns.DESTINATION_REGION, Scopes.ALL)
                        && !r.is(Columns.CARRIER, Scopes.ALL) && !r.is(Columns.SERVICE, Scopes.ALL)
                        && !r.is(Columns.DESTINATION_COUNTRY, Scopes.ALL))
                .stream()
                .filter(r -> num(r, Columns.SHIPMENTS) != null)
                .sorted(Comparator.comparing((Table.Row r) -> -num(r, Columns.SHIPMENTS)).thenComparing(this::laneLabel))
                .limit(TOP_LANES)
                .toList();
    }

    /** A lane's label: "carrier service → country". */
    String laneLabel(Table.Row r) {
        return texts.get("chart.lane.label", r.str(Columns.CARRIER), io.marketlens.reports.findings.Labels.service(r.str(Columns.CARRIER),
                r.str(Columns.SERVICE)), r.str(Columns.DESTINATION_COUNTRY));
    }
}
