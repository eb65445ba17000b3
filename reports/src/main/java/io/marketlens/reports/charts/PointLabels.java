package io.marketlens.reports.charts;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;

/**
 * Labels beside the points of a scatter plot, placed when the chart is drawn so that no two labels overlap each other
 * or another point: each label takes the first free place of a fixed list around its point (right, left, above,
 * below, then further above and below), and one moved away from its point gets a thin line back to it (only the first
 * {@value #MOVED} may move away). Labels are
 * placed in the order given (the caller puts the most important first); a label that finds no free place is not drawn,
 * so that no label ever lies on a point or on another label — the chart's table names every point.
 */
final class PointLabels extends AbstractXYAnnotation {

    private static final long serialVersionUID = 1L;
    /** Gap between a point's marker and its label, in Java2D units. */
    static final double GAP = 4;
    /**
     * Room kept free around each point: half the largest marker (the top pick's, 11 units across). Labels are placed
     * {@code POINT + GAP} from the point's centre, so that no label touches a marker; measuring the gap from the centre
     * let the top pick's large marker cover the end of its own label.
     */
    static final double POINT = 6;
    /** Further places above and below a point tried, one label height apart. */
    static final int STEPS = 6;
    /**
     * How many labels, the first ones given, may move away from their points (with a line back): more than a handful of
     * such lines fan out over the plot, so the later labels sit beside, above or below their points or are left out.
     */
    static final int MOVED = 10;

    /** A point and its label, in data coordinates. */
    record Label(double x, double y, String text) {
    }

    private final List<Label> labels;
    private final Font font;
    private final transient Paint paint;
    private final transient Paint leader;
    /** Where the last draw put each label (Java2D), in the order of {@link #labels}; null for one not drawn. */
    private final transient List<Rectangle2D> placed = new ArrayList<>();

    PointLabels(List<Label> labels, Font font, Paint paint, Paint leader) {
        this.labels = List.copyOf(labels);
        this.font = font;
        this.paint = paint;
        this.leader = leader;
    }

    List<Label> labels() {
        return labels;
    }

    /** The boxes of the labels the last draw put on the chart (Java2D). */
    List<Rectangle2D> placed() {
        return placed.stream().filter(java.util.Objects::nonNull).toList();
    }

    /** The labels the last draw left out for want of a free place. */
    List<Label> dropped() {
        List<Label> out = new ArrayList<>();
        for (int i = 0; i < placed.size(); i++) {
            if (placed.get(i) == null) {
                out.add(labels.get(i));
            }
        }
        return out;
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
                     int rendererIndex, PlotRenderingInfo info) {
        placed.clear();
        g2.setFont(font);
        FontMetrics fm = g2.getFontMetrics();
        List<Rectangle2D> points = new ArrayList<>();
        double[][] at = new double[labels.size()][];
        for (int i = 0; i < labels.size(); i++) {
            Label l = labels.get(i);
            double px = domainAxis.valueToJava2D(l.x(), dataArea, plot.getDomainAxisEdge());
            double py = rangeAxis.valueToJava2D(l.y(), dataArea, plot.getRangeAxisEdge());
            at[i] = new double[]{px, py};
            points.add(new Rectangle2D.Double(px - POINT, py - POINT, 2 * POINT, 2 * POINT));
        }
        for (int i = 0; i < labels.size(); i++) {
            double w = fm.stringWidth(labels.get(i).text());
            double h = fm.getAscent() + fm.getDescent();
            Rectangle2D box = place(at[i][0], at[i][1], w, h, dataArea, points, i < MOVED);
            placed.add(box);
            if (box == null) {
                continue;
            }
            if (away(box, at[i][0], at[i][1])) {
                double cx = Math.max(box.getMinX(), Math.min(at[i][0], box.getMaxX()));
                double cy = Math.max(box.getMinY(), Math.min(at[i][1], box.getMaxY()));
                g2.setPaint(leader);
                g2.setStroke(new java.awt.BasicStroke(0.6f));
                g2.draw(new Line2D.Double(at[i][0], at[i][1], cx, cy));
            }
            g2.setPaint(paint);
            g2.drawString(labels.get(i).text(), (float) box.getX(), (float) (box.getY() + fm.getAscent()));
        }
    }

    /** Whether a label at {@code box} is away from its point (px, py): not beside, above or below it. */
    private static boolean away(Rectangle2D box, double px, double py) {
        double cx = Math.max(box.getMinX(), Math.min(px, box.getMaxX()));
        double cy = Math.max(box.getMinY(), Math.min(py, box.getMaxY()));
        return Math.hypot(cx - px, cy - py) > GAP + POINT + 1;
    }

    /**
     * The first place around (px, py) for a w × h label that is inside the data area and free, or null if none is;
     * away from the point only when {@code mayMove}.
     */
    private Rectangle2D place(double px, double py, double w, double h, Rectangle2D area, List<Rectangle2D> points, boolean mayMove) {
        List<Rectangle2D> candidates = new ArrayList<>();
        double d = POINT + GAP;
        candidates.add(new Rectangle2D.Double(px + d, py - h / 2, w, h));
        candidates.add(new Rectangle2D.Double(px - d - w, py - h / 2, w, h));
        for (int k = 0; k <= STEPS; k++) {
            candidates.add(new Rectangle2D.Double(px - w / 2, py - d - h - k * h, w, h));
            candidates.add(new Rectangle2D.Double(px - w / 2, py + d + k * h, w, h));
            candidates.add(new Rectangle2D.Double(px + d, py - d - h - k * h, w, h));
            candidates.add(new Rectangle2D.Double(px - d - w, py + d + k * h, w, h));
        }
        for (Rectangle2D c : candidates) {
            if (area.contains(c) && free(c, points) && (mayMove || !away(c, px, py))) {
                return c;
            }
        }
        return null;
    }

    private boolean free(Rectangle2D c, List<Rectangle2D> points) {
        for (Rectangle2D p : placed) {
            if (p != null && p.intersects(c)) {
                return false;
            }
        }
        for (Rectangle2D p : points) {
            if (p.intersects(c)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PointLabels p && p.labels.equals(labels) && super.equals(o);
    }

    @Override
    public int hashCode() {
        return labels.hashCode();
    }
}
