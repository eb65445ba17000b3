package io.marketlens.reports.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.reports.CompetitorTables;
import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The charts read on paper: labels in free space above the data at the PDF's size as at the PNG's, and series that
 * stay apart without colour.
 */
class ChartLegibilityTest {

    /** A price-band chart's place in the PDF, as laid out: the text width 481.9 pt and 200 pt high, both × 1.6. */
    static final Rectangle2D PDF_PRICE_BANDS = new Rectangle2D.Double(0, 0, 481.9 * 1.6, 200 * 1.6);
    /** A chart's PNG as laid out: 1000 units wide, 1600 × 1000 px. */
    static final Rectangle2D PNG = new Rectangle2D.Double(0, 0, 1000, 625);

    @TempDir
    Path dir;

    /** The best band (20–30) has the tallest bar, 0.7, right under its label. */
    static final String TALL_BEST_BAND = """
            platform,marketplace,category,period,band,band_index,band_low,band_high,demand_share,supply_share,opportunity,is_best
            ALL,ALL,A,window,10–20,0,10,20,0.2,0.5,0.4,false
            ALL,ALL,A,window,20–30,1,20,30,0.7,0.2,3.5,true
            ALL,ALL,A,window,30–40,2,30,40,0.1,0.3,0.33,false
            """;

    @Test
    void theBestBandsLabelHasTheTopOfThePlotAboveTheTallestBar() {
        ReportChart c = Fixture.charts(dir, Map.of("price_bands", TALL_BEST_BAND)).priceBands().get(0);
        CategoryPlot plot = c.chart().getCategoryPlot();

        // the bars fill at most 1 − 0.18 of the axis: 0.7 ÷ 0.82 = 0.8537
        assertThat(ChartKit.LABEL_ROOM).isEqualTo(0.18);
        assertThat(plot.getRangeAxis().getLowerBound()).isZero();
        assertThat(plot.getRangeAxis().getUpperBound()).isCloseTo(0.7 / 0.82, within(1e-12));
        // drawn at the PDF's size (where the default 5 % margin left 8 units and the bar covered the label) and the PNG's:
        // between the tallest bar and the plot's top there is room for the label line and its 3-unit offset
        double labelLine = lineHeight(ChartStyle.defaults().smallFont()) + 3;
        for (Rectangle2D size : List.of(PDF_PRICE_BANDS, PNG)) {
            Rectangle2D area = dataArea(c.chart(), size);
            double barTop = plot.getRangeAxis().valueToJava2D(0.7, area, plot.getRangeAxisEdge());
            assertThat(barTop - area.getMinY()).as("room above the bar at %s", size).isGreaterThan(labelLine);
        }
    }

    @Test
    void changePointLabelsHaveTheTopOfThePlotAboveTheRevenueLine() {
        String change = "platform,marketplace,category,period,change\nALL,ALL,ALL,2024-02,0.3\n";
        ReportChart c = Fixture.charts(dir, Map.of("market_size", ReportChartsTest.MARKET_SIZE, "change_points", change))
                .turningPoints().orElseThrow();

        // the revenue line peaks at 120 (2024-02): 120 ÷ 0.82
        ValueAxis axis = c.chart().getXYPlot().getRangeAxis();
        assertThat(axis.getUpperBound()).isCloseTo(120 / 0.82, within(1e-9));
    }

    @Test
    void thresholdsAreInTheLegendNotOverTheBars() {
        ReportChart c = Fixture.charts(dir, Map.of("seasonality", ReportChartsTest.seasonality(""))).seasonality().orElseThrow();

        CategoryPlot plot = c.chart().getCategoryPlot();
        assertThat(ReportChartsTest.markerLabels(plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND))).containsOnlyNulls();
        assertThat(ReportChartsTest.labels(plot.getFixedLegendItems())).contains("Peak season from 1.10", "Off season up to 0.90");
    }

    @Test
    void everySeriesOfThePaletteHasItsOwnDashPatternAndMarker() {
        ChartStyle style = ChartStyle.defaults();
        int n = ChartStyle.PALETTE.length;
        Set<String> dashes = new HashSet<>();
        Set<String> shapes = new HashSet<>();
        for (int i = 0; i < n; i++) {
            dashes.add(Arrays.toString(((BasicStroke) style.line(i)).getDashArray()));
            shapes.add(outline(style.shape(i)));
        }
        assertThat(dashes).hasSize(n);
        assertThat(shapes).hasSize(n);
        assertThat(((BasicStroke) style.line(0)).getDashArray()).isNull();   // the first series solid
        assertThat(Arrays.toString(((BasicStroke) style.referenceLine(0)).getDashArray()))
                .isNotEqualTo(Arrays.toString(((BasicStroke) style.referenceLine(1)).getDashArray()));
    }

    @Test
    void theLinesOfOneChartDifferInStrokeAndMarker() {
        String table = """
                platform,marketplace,category,period,new_product_count_share,new_product_revenue_share,status
                ALL,ALL,ALL,2024-01,0.25,0.10,
                ALL,ALL,ALL,2024-02,0.20,0.15,
                """;
        ReportChart c = Fixture.charts(dir, Map.of("new_vs_existing", table)).newVsExisting().orElseThrow();

        XYItemRenderer r = c.chart().getXYPlot().getRenderer();
        assertThat(dash(r.getSeriesStroke(0))).isNotEqualTo(dash(r.getSeriesStroke(1)));
        assertThat(outline(r.getSeriesShape(0))).isNotEqualTo(outline(r.getSeriesShape(1)));
        // and the legend shows each line's marker
        assertThat(c.chart().getXYPlot().getLegendItems().get(0).isShapeVisible()).isTrue();
    }

    @Test
    void aLongLineHasAtMostTenMarkers() {
        // 32 months: every 4th has a marker (0, 4, …, 28), 8 in all; 400 points of a Lorenz curve: every 40th, 10
        assertThat(marked(32)).isEqualTo(8);
        assertThat(marked(400)).isEqualTo(10);
        assertThat(marked(6)).isEqualTo(6);
    }

    @Test
    void pointLabelsKeepClearOfEveryMarker() {
        ReportChart c = Fixture.charts(dir, Map.of("product_selection", CompetitorTables.selection(1.0, 1.0))).productSelection().orElseThrow();
        XYPlot plot = c.chart().getXYPlot();
        Rectangle2D area = dataArea(c.chart(), PDF_PRICE_BANDS);

        PointLabels labels = pointLabels(plot);
        // the top pick's marker is 11 units across; a label keeps at least 3 units of white from it (the gap was
        // measured from the point's centre, and the large marker touched the end of its label)
        List<Rectangle2D> markers = pointBoxes(plot, labels, area, 5.5 + 3);
        assertThat(labels.placed()).hasSize(markers.size());
        for (Rectangle2D label : labels.placed()) {
            for (Rectangle2D marker : markers) {
                assertThat(label.intersects(marker)).as("label %s over marker %s", label, marker).isFalse();
            }
        }
    }

    @Test
    void crowdedPointsLabelTheBestRanksAndLeaveOutTheLabelsWithoutRoom() {
        // 30 categories on one line (all at 100 % robustness), scores 0.29, 0.28, …, 0.00: the points' 12-unit boxes overlap
        StringBuilder csv = new StringBuilder(CompetitorTables.SELECTION_HEADER).append('\n');
        for (int k = 1; k <= 30; k++) {
            csv.append(String.join(",", "ALL", "ALL", "category_number_" + k, "window", Integer.toString(k), "30",
                    Double.toString((30 - k) / 100.0), "1.0", "1000", "0", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "1", "300",
                    "40", "100", "")).append('\n');
        }
        ReportChart c = Fixture.charts(dir, Map.of("product_selection", csv.toString())).productSelection().orElseThrow();
        XYPlot plot = c.chart().getXYPlot();
        Rectangle2D area = dataArea(c.chart(), PDF_PRICE_BANDS);
        PointLabels labels = pointLabels(plot);

        List<Rectangle2D> points = pointBoxes(plot, labels, area, PointLabels.POINT);
        List<Rectangle2D> placed = labels.placed();
        // some labels find no free place and are left out; the best ranks are labelled
        assertThat(labels.dropped()).isNotEmpty();
        assertThat(placed.size() + labels.dropped().size()).isEqualTo(30);
        assertThat(labels.dropped()).extracting(PointLabels.Label::text).doesNotContain("#1 category_number_1", "#2 category_number_2");
        // no label drawn lies on a point or on another label
        for (int i = 0; i < placed.size(); i++) {
            for (Rectangle2D p : points) {
                assertThat(placed.get(i).intersects(p)).as("label %s over point %s", placed.get(i), p).isFalse();
            }
            for (int j = i + 1; j < placed.size(); j++) {
                assertThat(placed.get(i).intersects(placed.get(j))).isFalse();
            }
        }
        // the subtitle says where the unlabelled ones are
        assertThat(c.chart().getSubtitles().stream().filter(org.jfree.chart.title.TextTitle.class::isInstance)
                .map(t -> ((org.jfree.chart.title.TextTitle) t).getText()))
                .contains("Labels where there is room, best ranks first; every rank is in the table and in product_selection.csv");
    }

    private static PointLabels pointLabels(XYPlot plot) {
        return (PointLabels) plot.getAnnotations().stream().filter(PointLabels.class::isInstance).findFirst().orElseThrow();
    }

    /** A square of half-side {@code half} around each labelled point, where the chart drawn in {@code area} puts it. */
    private static List<Rectangle2D> pointBoxes(XYPlot plot, PointLabels labels, Rectangle2D area, double half) {
        List<Rectangle2D> out = new ArrayList<>();
        for (PointLabels.Label l : labels.labels()) {
            double x = plot.getDomainAxis().valueToJava2D(l.x(), area, plot.getDomainAxisEdge());
            double y = plot.getRangeAxis().valueToJava2D(l.y(), area, plot.getRangeAxisEdge());
            out.add(new Rectangle2D.Double(x - half, y - half, 2 * half, 2 * half));
        }
        return out;
    }

    private static int marked(int n) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            count += ChartKit.SparseMarkers.markedItem(i, n) ? 1 : 0;
        }
        return count;
    }

    /** The data area of the chart drawn at {@code size}, as JFreeChart laid it out. */
    static Rectangle2D dataArea(JFreeChart chart, Rectangle2D size) {
        BufferedImage image = new BufferedImage((int) size.getWidth(), (int) size.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.draw(g, size, info);
        g.dispose();
        return info.getPlotInfo().getDataArea();
    }

    private static double lineHeight(java.awt.Font font) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        java.awt.FontMetrics fm = g.getFontMetrics(font);
        g.dispose();
        return fm.getAscent() + fm.getDescent();
    }

    private static String dash(Stroke s) {
        return Arrays.toString(((BasicStroke) s).getDashArray());
    }

    /** A shape's outline as text: its path segments, so that two shapes compare by their geometry. */
    private static String outline(Shape s) {
        StringBuilder b = new StringBuilder();
        double[] c = new double[6];
        for (java.awt.geom.PathIterator it = s.getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            b.append(type).append(Arrays.toString(Arrays.copyOf(c, 2)));
        }
        return b.toString();
    }
}
