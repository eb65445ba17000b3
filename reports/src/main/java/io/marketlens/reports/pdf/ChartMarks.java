package io.marketlens.reports.pdf;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import java.awt.Shape;
import java.awt.font.GlyphVector;
import java.io.IOException;
import java.text.AttributedCharacterIterator;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Marks what a chart draws in the PDF, so that a layout check can find chart text lying on chart data: every string
 * (drawn as glyph outlines) is one marked-content sequence tagged {@value #TEXT_TAG}, and every shape a JFreeChart
 * renderer draws for a data item (a bar, a line, a point: drawn from a renderer's {@code drawItem}) is one tagged
 * {@value #DATA_TAG}. Gridlines, markers, axes, legends and annotations are not data. The marks are in the chart's
 * form XObject; a viewer ignores them.
 */
public final class ChartMarks {

    public static final String TEXT_TAG = "MLChartText";
    public static final String DATA_TAG = "MLChartData";
    private static final COSName TEXT = COSName.getPDFName(TEXT_TAG);
    private static final COSName DATA = COSName.getPDFName(DATA_TAG);
    private static final StackWalker STACK = StackWalker.getInstance();

    private ChartMarks() {
    }

    /** A canvas {@code width} × {@code height} points that marks chart text and data. */
    static PdfBoxGraphics2D graphics(PDDocument doc, float width, float height) throws IOException {
        return new Marking(doc, width, height);
    }

    /**
     * Draws each string, and each shape drawn from a renderer's {@code drawItem}, on a copy of itself inside a
     * marked-content sequence (the copy has this canvas's state; what it draws is not marked again).
     */
    private static final class Marking extends PdfBoxGraphics2D {

        Marking(PDDocument doc, float width, float height) throws IOException {
            super(doc, width, height);
        }

        private static boolean dataItem() {
            return STACK.walk(s -> s.anyMatch(f -> f.getMethodName().equals("drawItem")));
        }

        @Override
        public void drawString(String str, int x, int y) {
            drawInMarkedContentSequence(TEXT, g -> g.drawString(str, x, y));
        }

        @Override
        public void drawString(String str, float x, float y) {
            drawInMarkedContentSequence(TEXT, g -> g.drawString(str, x, y));
        }

        @Override
        public void drawString(AttributedCharacterIterator it, int x, int y) {
            drawInMarkedContentSequence(TEXT, g -> g.drawString(it, x, y));
        }

        @Override
        public void drawString(AttributedCharacterIterator it, float x, float y) {
            drawInMarkedContentSequence(TEXT, g -> g.drawString(it, x, y));
        }

        @Override
        public void drawGlyphVector(GlyphVector glyphs, float x, float y) {
            drawInMarkedContentSequence(TEXT, g -> g.drawGlyphVector(glyphs, x, y));
        }

        @Override
        public void fill(Shape s) {
            if (dataItem()) {
                drawInMarkedContentSequence(DATA, g -> g.fill(s));
            } else {
                super.fill(s);
            }
        }

        @Override
        public void draw(Shape s) {
            if (dataItem()) {
                drawInMarkedContentSequence(DATA, g -> g.draw(s));
            } else {
                super.draw(s);
            }
        }
    }
}
