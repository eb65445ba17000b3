package io.marketlens.reports.charts;

import java.awt.Paint;
import java.util.function.BiFunction;
import org.jfree.chart.renderer.category.BarRenderer;

/**
 * Flat bars whose colour is chosen per item (growth by sign, months by season, the best price band), where
 * JFreeChart colours by series only. A {@code null} from the function keeps the series colour.
 */
final class ItemPaintBarRenderer extends BarRenderer {

    private static final long serialVersionUID = 1L;

    private final transient BiFunction<Integer, Integer, Paint> paint;

    /** @param paint (row = series, column = category) → colour, or {@code null} for the series colour */
    ItemPaintBarRenderer(BiFunction<Integer, Integer, Paint> paint) {
        this.paint = paint;
        setShadowVisible(false);
        setDrawBarOutline(false);
    }

    @Override
    public Paint getItemPaint(int row, int column) {
        Paint p = paint.apply(row, column);
        return p != null ? p : super.getItemPaint(row, column);
    }
}
