package io.marketlens.reports.charts;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.PlotState;
import org.jfree.chart.plot.XYPlot;

/**
 * Small multiples (Tufte): one titled {@link XYPlot} per panel, laid out row by row in a grid of {@link #columns()}
 * columns, each panel with the same axes and ranges so that the panels compare at a glance and no series is squashed
 * under a larger one. JFreeChart draws one plot per chart; this plot divides its area and draws each panel in its cell
 * under a one-line title. The legend is the fixed one given, for what every panel shares.
 */
final class PanelGrid extends Plot {

    private static final long serialVersionUID = 1L;
    /** Space between two panels and between a panel's title and its plot, in Java2D units. */
    static final double GAP = 8;

    /** One panel: its title and its plot. */
    record Panel(String title, XYPlot plot) {
    }

    private final List<Panel> panels;
    private final int columns;
    private final transient LegendItemCollection legend;
    private Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 11);
    private transient Paint titlePaint = java.awt.Color.DARK_GRAY;

    PanelGrid(List<Panel> panels, int columns, LegendItemCollection legend) {
        if (panels.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("a panel grid needs at least one panel and one column");
        }
        this.panels = List.copyOf(panels);
        this.columns = Math.min(columns, panels.size());
        this.legend = Objects.requireNonNull(legend, "legend");
        for (Panel p : this.panels) {
            p.plot().setParent(this);
        }
    }

    List<Panel> panels() {
        return panels;
    }

    int columns() {
        return columns;
    }

    int rows() {
        return (panels.size() + columns - 1) / columns;
    }

    /** The font and paint of the panels' titles (set by {@link ChartStyle#apply}). */
    void setTitleStyle(Font font, Paint paint) {
        this.titleFont = Objects.requireNonNull(font, "font");
        this.titlePaint = Objects.requireNonNull(paint, "paint");
    }

    @Override
    public String getPlotType() {
        return "Small multiples";
    }

    @Override
    public LegendItemCollection getLegendItems() {
        return legend;
    }

    @Override
    public void draw(Graphics2D g2, Rectangle2D area, Point2D anchor, PlotState parentState, PlotRenderingInfo info) {
        getInsets().trim(area);
        if (info != null) {
            info.setPlotArea(area);
            info.setDataArea(area);
        }
        drawBackground(g2, area);
        g2.setFont(titleFont);
        FontMetrics fm = g2.getFontMetrics();
        double titleHeight = fm.getAscent() + fm.getDescent();
        int rows = rows();
        double cellWidth = (area.getWidth() - GAP * (columns - 1)) / columns;
        double cellHeight = (area.getHeight() - GAP * (rows - 1)) / rows;
        for (int i = 0; i < panels.size(); i++) {
            Rectangle2D cell = cell(area, i, cellWidth, cellHeight);
            Panel p = panels.get(i);
            g2.setFont(titleFont);
            g2.setPaint(titlePaint);
            String title = fit(p.title(), fm, cell.getWidth());
            g2.drawString(title, (float) (cell.getCenterX() - fm.stringWidth(title) / 2.0), (float) (cell.getY() + fm.getAscent()));
            Rectangle2D plotArea = new Rectangle2D.Double(cell.getX(), cell.getY() + titleHeight + GAP / 2,
                    cell.getWidth(), cell.getHeight() - titleHeight - GAP / 2);
            PlotRenderingInfo sub = null;
            if (info != null) {
                sub = new PlotRenderingInfo(info.getOwner());
                info.addSubplotInfo(sub);
            }
            p.plot().draw(g2, plotArea, null, parentState, sub);
        }
    }

    /** The cell of panel {@code i}: row by row, left to right. */
    private Rectangle2D cell(Rectangle2D area, int i, double width, double height) {
        int row = i / columns;
        int column = i % columns;
        return new Rectangle2D.Double(area.getX() + column * (width + GAP), area.getY() + row * (height + GAP), width, height);
    }

    /** The title cut with "…" to the panel's width (a long category path in a narrow panel). */
    private static String fit(String title, FontMetrics fm, double width) {
        if (fm.stringWidth(title) <= width) {
            return title;
        }
        int n = title.codePointCount(0, title.length());
        while (n > 1 && fm.stringWidth(ChartKit.shorten(title, n)) > width) {
            n--;
        }
        return ChartKit.shorten(title, n);
    }
}
