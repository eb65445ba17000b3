package io.marketlens.reports.charts;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A number axis with at most {@value #MAX_TICKS} intervals between ticks. JFreeChart picks the smallest tick unit
 * whose labels do not overlap, which on a tall chart means twenty-odd ticks; a reader needs fewer.
 */
final class SparseNumberAxis extends NumberAxis {

    private static final long serialVersionUID = 1L;
    static final int MAX_TICKS = 10;

    SparseNumberAxis(String label) {
        super(label);
    }

    @Override
    protected void selectAutoTickUnit(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        super.selectAutoTickUnit(g2, dataArea, edge);
        double length = getRange().getLength();
        TickUnit unit = getTickUnit();
        while (length / unit.getSize() > MAX_TICKS) {
            TickUnit larger = getStandardTickUnits().getLargerTickUnit(unit);
            if (larger.getSize() <= unit.getSize()) {
                break;
            }
            unit = larger;
        }
        setTickUnit((NumberTickUnit) unit, false, false);
    }
}
