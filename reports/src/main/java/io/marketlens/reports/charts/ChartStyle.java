package io.marketlens.reports.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.Collection;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The look of every report chart: one accent palette whose colours also differ in lightness, and per series a dash
 * pattern and a marker shape of its own (so series stay apart in black-and-white print), fonts derived from one base font
 * (the caller passes a font with CJK glyphs for Chinese reports), a white background, a light grid, no 3D and
 * no shadows. {@link #apply} sets all of it on a finished chart.
 */
public final class ChartStyle {

    /** Dark blue: the main series, "actual" values, positive bars. */
    public static final Color ACCENT = new Color(0x1F4E79);
    /** Orange: the highlighted item (the best price band, the forecast and its interval). */
    public static final Color HIGHLIGHT = new Color(0xD9730D);
    /** Brick red: negative growth and the peak season. */
    public static final Color NEGATIVE = new Color(0xB83A2F);
    /** Mid grey: neutral items (normal season, supply, reference lines). */
    public static final Color NEUTRAL = new Color(0x8C8C8C);
    /** Light blue: the off season and the slow end (p50 to p90) of lead-time bars. */
    public static final Color LIGHT = new Color(0x8DB8DE);

    /** Series colours in order; dark, mid and light tones alternate so that grey print keeps them apart. */
    static final Color[] PALETTE = {
        ACCENT, HIGHLIGHT, new Color(0x2A9D8F), new Color(0x6A3D9A), NEUTRAL, new Color(0x8C564B), LIGHT,
        new Color(0xC9A227)
    };

    private static final Color TEXT = new Color(0x222222);
    private static final Color GRID = new Color(0xDDDDDD);
    private static final Stroke GRID_STROKE = new BasicStroke(0.6f);
    private static final Color AXIS = new Color(0x888888);
    /** Marker labels sit on a nearly opaque white box so that bars and lines behind them do not blur the text. */
    private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 225);

    private final Font base;

    /** @param base the regular font; its family and size set every text of the chart */
    public ChartStyle(Font base) {
        this.base = Objects.requireNonNull(base, "base font");
    }

    /** SansSerif 12 pt: enough for Latin text and for tests; Chinese reports pass a CJK font. */
    public static ChartStyle defaults() {
        return new ChartStyle(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    }

    public Font base() {
        return base;
    }

    public Font titleFont() {
        return base.deriveFont(Font.BOLD, base.getSize2D() * 1.5f);
    }

    public Font axisLabelFont() {
        return base.deriveFont(Font.PLAIN, base.getSize2D() * 1.1f);
    }

    public Font tickFont() {
        return base.deriveFont(Font.PLAIN, base.getSize2D());
    }

    public Font legendFont() {
        return base.deriveFont(Font.PLAIN, base.getSize2D());
    }

    /** Labels of reference lines, markers and annotations. */
    public Font smallFont() {
        return base.deriveFont(Font.PLAIN, base.getSize2D() * 0.9f);
    }

    /** The colour of series {@code i} (cycles through the palette). */
    public Color series(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /**
     * Dash patterns of the series lines, one per palette colour: solid, long dash, dots, dash-dot, short dash,
     * dash-dot-dot, sparse dots, very long dash. With the palette's alternating lightness and {@link #shape} they keep
     * every series apart when the report is printed in black and white.
     */
    private static final float[][] DASHES = {
        null, {9f, 4f}, {2f, 3.5f}, {10f, 4f, 2f, 4f}, {5f, 4f}, {12f, 4f, 2f, 4f, 2f, 4f}, {2f, 7f}, {18f, 6f}
    };

    /** The line of series {@code i}: its own dash pattern (series 0 solid), cycling with the palette. */
    public Stroke line(int i) {
        float[] dash = DASHES[Math.floorMod(i, DASHES.length)];
        return dash == null ? new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                : new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
    }

    /**
     * The point marker of series {@code i}, about 8 units across: circle, square, triangle up, diamond, triangle down,
     * cross, bar, star outline cycle with the palette, so that a line stays recognisable without its colour.
     */
    public Shape shape(int i) {
        double s = 4;
        return switch (Math.floorMod(i, PALETTE.length)) {
            case 0 -> dot(2 * s);
            case 1 -> new Rectangle2D.Double(-s * 0.85, -s * 0.85, 1.7 * s, 1.7 * s);
            case 2 -> polygon(0, -s, s, s * 0.8, -s, s * 0.8);
            case 3 -> polygon(0, -s * 1.15, s * 1.15, 0, 0, s * 1.15, -s * 1.15, 0);
            case 4 -> polygon(0, s, s, -s * 0.8, -s, -s * 0.8);
            case 5 -> polygon(-s, -s * 0.3, -s * 0.3, -s * 0.3, -s * 0.3, -s, s * 0.3, -s, s * 0.3, -s * 0.3, s, -s * 0.3,
                    s, s * 0.3, s * 0.3, s * 0.3, s * 0.3, s, -s * 0.3, s, -s * 0.3, s * 0.3, -s, s * 0.3);
            case 6 -> new Rectangle2D.Double(-s, -s * 0.4, 2 * s, s * 0.8);
            default -> polygon(0, -s, s * 0.3, -s * 0.3, s, 0, s * 0.3, s * 0.3, 0, s, -s * 0.3, s * 0.3, -s, 0, -s * 0.3, -s * 0.3);
        };
    }

    private static Shape polygon(double... xy) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int k = 2; k < xy.length; k += 2) {
            p.lineTo(xy[k], xy[k + 1]);
        }
        p.closePath();
        return p;
    }

    /** The dashed line of thresholds and reference values. */
    public Stroke referenceLine() {
        return referenceLine(0);
    }

    /**
     * The line of reference {@code i} of a chart (dashed, then dotted, then dash-dot), so that two thresholds named in
     * the legend stay apart in grey print.
     */
    public Stroke referenceLine(int i) {
        float[][] dashes = {{6f, 4f}, {1.5f, 3f}, {8f, 3f, 1.5f, 3f}};
        return new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dashes[Math.floorMod(i, dashes.length)], 0f);
    }

    public Paint referencePaint() {
        return new Color(0x555555);
    }

    /** A point marker of the given size (logical pixels). */
    public Shape dot(double size) {
        return new Ellipse2D.Double(-size / 2, -size / 2, size, size);
    }

    /** The square swatch of a legend entry for bars and areas. */
    public Shape swatch() {
        return new Rectangle2D.Double(-6, -6, 12, 12);
    }

    /**
     * Gives the chart its fonts, colours, background, grid and flat bars; call when the chart is built. Colours,
     * strokes and shapes a builder set on a series stay (unlike a {@code ChartTheme}, which clears them); series
     * without them take the palette.
     */
    public JFreeChart apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        // room on the right for the last tick label (100%, the last month), which centres on the plot's edge
        chart.setPadding(new RectangleInsets(6, 6, 6, 24));
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(titleFont());
            chart.getTitle().setPaint(TEXT);
            chart.getTitle().setPadding(new RectangleInsets(4, 4, 6, 4));
        }
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            Title t = chart.getSubtitle(i);
            if (t instanceof TextTitle text) {
                text.setFont(axisLabelFont());
                text.setPaint(TEXT);
            } else if (t instanceof LegendTitle legend) {
                legend.setItemFont(legendFont());
                legend.setItemPaint(TEXT);
                legend.setBackgroundPaint(Color.WHITE);
                legend.setFrame(BlockBorder.NONE);
            }
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDrawingSupplier(supplier());
        if (plot instanceof XYPlot xy) {
            xy(xy);
        } else if (plot instanceof PanelGrid grid) {
            grid.setTitleStyle(tickFont().deriveFont(Font.BOLD), TEXT);
            for (PanelGrid.Panel panel : grid.panels()) {
                panel.plot().setBackgroundPaint(Color.WHITE);
                panel.plot().setOutlineVisible(false);
                panel.plot().setDrawingSupplier(supplier());
                xy(panel.plot());
            }
        } else if (plot instanceof CategoryPlot cat) {
            category(cat);
            if (cat instanceof CombinedDomainCategoryPlot combined) {
                // the panels side by side (or stacked) share the category axis; each has its own value axis and bars
                for (Object subplot : combined.getSubplots()) {
                    CategoryPlot panel = (CategoryPlot) subplot;
                    panel.setBackgroundPaint(Color.WHITE);
                    panel.setOutlineVisible(false);
                    panel.setDrawingSupplier(supplier());
                    category(panel);
                }
            }
        }
        return chart;
    }

    /** Grid, axes, flat bars and markers of an XY plot (and of each panel of a grid). */
    private void xy(XYPlot xy) {
        xy.setDomainGridlinePaint(GRID);
        xy.setRangeGridlinePaint(GRID);
        xy.setDomainGridlineStroke(GRID_STROKE);
        xy.setRangeGridlineStroke(GRID_STROKE);
        xy.setAxisOffset(RectangleInsets.ZERO_INSETS);
        for (int i = 0; i < xy.getDomainAxisCount(); i++) {
            axis(xy.getDomainAxis(i));
        }
        for (int i = 0; i < xy.getRangeAxisCount(); i++) {
            axis(xy.getRangeAxis(i));
        }
        for (int i = 0; i < xy.getRendererCount(); i++) {
            if (xy.getRenderer(i) instanceof XYBarRenderer bars) {
                bars.setBarPainter(new StandardXYBarPainter());
                bars.setShadowVisible(false);
            }
        }
        markers(xy.getDomainMarkers(Layer.FOREGROUND));
        markers(xy.getDomainMarkers(Layer.BACKGROUND));
        markers(xy.getRangeMarkers(Layer.FOREGROUND));
        markers(xy.getRangeMarkers(Layer.BACKGROUND));
    }

    /** Grid, axes, flat bars and markers of a category plot (and of each panel of a combined one). */
    private void category(CategoryPlot cat) {
        cat.setDomainGridlinePaint(GRID);
        cat.setRangeGridlinePaint(GRID);
        cat.setDomainGridlineStroke(GRID_STROKE);
        cat.setRangeGridlineStroke(GRID_STROKE);
        cat.setAxisOffset(RectangleInsets.ZERO_INSETS);
        if (cat.getOrientation() == PlotOrientation.HORIZONTAL) {
            cat.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        }
        for (int i = 0; i < cat.getDomainAxisCount(); i++) {
            axis(cat.getDomainAxis(i));
        }
        for (int i = 0; i < cat.getRangeAxisCount(); i++) {
            axis(cat.getRangeAxis(i));
        }
        for (int i = 0; i < cat.getRendererCount(); i++) {
            if (cat.getRenderer(i) instanceof BarRenderer bars) {
                bars.setBarPainter(new StandardBarPainter());
                bars.setShadowVisible(false);
            }
        }
        markers(cat.getDomainMarkers(Layer.FOREGROUND));
        markers(cat.getDomainMarkers(Layer.BACKGROUND));
        markers(cat.getRangeMarkers(Layer.FOREGROUND));
        markers(cat.getRangeMarkers(Layer.BACKGROUND));
    }

    private void axis(Axis a) {
        if (a == null) {
            return;
        }
        a.setLabelFont(axisLabelFont());
        a.setLabelPaint(TEXT);
        a.setTickLabelFont(tickFont());
        a.setTickLabelPaint(TEXT);
        a.setAxisLinePaint(AXIS);
        a.setTickMarkPaint(AXIS);
    }

    private void markers(Collection<?> markers) {
        if (markers == null) {
            return;
        }
        for (Object o : markers) {
            Marker m = (Marker) o;
            m.setLabelFont(smallFont());
            m.setLabelPaint(TEXT);
            m.setLabelBackgroundColor(LABEL_BACKGROUND);
        }
    }

    private DefaultDrawingSupplier supplier() {
        Stroke[] lines = new Stroke[PALETTE.length];
        Shape[] shapes = new Shape[PALETTE.length];
        for (int i = 0; i < PALETTE.length; i++) {
            lines[i] = line(i);
            shapes[i] = shape(i);
        }
        return new DefaultDrawingSupplier(PALETTE, PALETTE, PALETTE, lines, new Stroke[]{new BasicStroke(0.5f)}, shapes);
    }
}
