package io.marketlens.reports.pdf;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * The measured layout of a {@link PdfTable}: its font size, each column's width and each cell's lines. Pure: widths of
 * characters come from a function of the font size and the code point, so it can be checked without a PDF.
 *
 * <p>Column widths come from the content, measured in the table's font:
 * <ul>
 *   <li>a column is never narrower than its widest word (of its header and cells) plus the padding, so no word and no
 *       number is ever broken. Words are split by {@link LineBreaker#words} without Chinese breaks: a Chinese term
 *       (复合增长率) is one word like a Latin one; a right-aligned (number) cell is one word as a whole;</li>
 *   <li>when every column fits on one line (its longest header line and cell), it gets that width and the spare width
 *       of the page is shared by the columns' relative widths;</li>
 *   <li>else each column gets its widest word, and the rest of the page is filled up evenly ("water filling"): the
 *       columns that need little more to fit on one line (a service name, a date) get it all, the long free-text
 *       columns share what is left and wrap between words.</li>
 * </ul>
 * When the widest words of all columns do not fit the page at {@value #SIZES_DOC}, the table is set in the first of the
 * smaller sizes at which they fit. When they do not fit even at the smallest size, the text (left-aligned) cells may
 * also break between Chinese characters (headers and numbers never); when that is still too wide, the columns shrink in
 * proportion and the words that do not fit are cut, with a warning naming the table.
 */
final class TableGrid {

    /** The font sizes tried in order; the table is set in the first at which its widest words fit. */
    static final float[] SIZES = {9f, 8.5f, 8f, 7.5f, 7f};
    private static final String SIZES_DOC = "9 pt";
    /** Line height as a multiple of the font size. */
    static final float LEADING = 1.4f;
    /** Left and right padding of a cell, in points. */
    static final float PAD_X = 4f;
    /** Widths are compared with this much tolerance (points), so that a word measured to fit also fits when wrapped. */
    private static final double EPSILON = 1e-3;

    /** Advance widths: the width in points of a code point at a font size. */
    @FunctionalInterface
    interface Metrics {
        double width(int codePoint, float size);
    }

    private final float size;
    private final float[] widths;
    private final List<List<String>> header;
    private final List<List<List<String>>> rows;

    private TableGrid(float size, float[] widths, List<List<String>> header, List<List<List<String>>> rows) {
        this.size = size;
        this.widths = widths;
        this.header = header;
        this.rows = rows;
    }

    /** The font size of the table's text. */
    float size() {
        return size;
    }

    float leading() {
        return size * LEADING;
    }

    /** The width of column {@code c} in points, padding included. */
    float width(int c) {
        return widths[c];
    }

    float[] widths() {
        return widths.clone();
    }

    /** The header's lines, per column. */
    List<List<String>> header() {
        return header;
    }

    /** The lines of each row, per column. */
    List<List<List<String>>> rows() {
        return rows;
    }

    /**
     * Lays {@code table} out {@code width} points wide; {@code printable} turns a text into what the fonts that
     * {@code metrics} measures can show.
     */
    static TableGrid layout(PdfTable table, float width, Metrics metrics, UnaryOperator<String> printable,
            Consumer<String> warnings) {
        UnaryOperator<String> perLine = text -> String.join("\n", java.util.Arrays.stream(paragraphs(text)).map(printable).toList());
        PdfTable.Builder copy = PdfTable.builder().caption(table.caption()).zebra(table.zebra());
        for (PdfTable.Column c : table.columns()) {
            copy.column(perLine.apply(c.header()), c.weight(), c.align());
        }
        table.rows().forEach(r -> copy.row(r.stream().map(perLine).toList()));
        return layout(copy.build(), width, metrics, warnings);
    }

    /** {@link #layout(PdfTable, float, Metrics, UnaryOperator, Consumer)} of a table whose texts are printable. */
    static TableGrid layout(PdfTable table, float width, Metrics metrics, Consumer<String> warnings) {
        for (float size : SIZES) {
            Measured m = measure(table, size, metrics, false);
            if (m.fitsIn(width)) {
                return wrap(table, size, m.distribute(width, table), metrics, false);
            }
        }
        float smallest = SIZES[SIZES.length - 1];
        Measured m = measure(table, smallest, metrics, true);
        if (m.fitsIn(width)) {
            return wrap(table, smallest, m.distribute(width, table), metrics, true);
        }
        warnings.accept("table '" + (table.caption() == null ? "" : table.caption()) + "' is wider than the page even at "
                + smallest + " pt (its widest words need " + Math.round(m.minTotal()) + " of " + Math.round(width)
                + " pt); the words that do not fit its columns are cut");
        float[] w = new float[m.min.length];
        for (int c = 0; c < w.length; c++) {
            w[c] = (float) (m.min[c] * width / m.minTotal());
        }
        return wrap(table, smallest, w, metrics, true);
    }

    /** The smallest and the one-line widths of each column at one size. */
    private record Measured(double[] min, double[] max) {

        double minTotal() {
            double s = 0;
            for (double v : min) {
                s += v;
            }
            return s;
        }

        boolean fitsIn(float width) {
            return minTotal() <= width + EPSILON;
        }

        /** Column widths adding up to {@code width}; each at least its {@link #min}. */
        float[] distribute(float width, PdfTable table) {
            int n = min.length;
            float[] out = new float[n];
            double maxTotal = 0;
            for (double v : max) {
                maxTotal += v;
            }
            if (maxTotal <= width) {
                double weights = 0;
                for (PdfTable.Column c : table.columns()) {
                    weights += c.weight();
                }
                for (int c = 0; c < n; c++) {
                    out[c] = (float) (max[c] + (width - maxTotal) * table.columns().get(c).weight() / weights);
                }
                return out;
            }
            double spare = width - minTotal();
            double level = waterLevel(spare);
            for (int c = 0; c < n; c++) {
                out[c] = (float) (min[c] + Math.min(max[c] - min[c], level));
            }
            return out;
        }

        /** The level L at which the sum over the columns of min(need, L) is {@code spare}. */
        private double waterLevel(double spare) {
            double[] needs = new double[min.length];
            for (int c = 0; c < needs.length; c++) {
                needs[c] = max[c] - min[c];
            }
            java.util.Arrays.sort(needs);
            double left = spare;
            for (int i = 0; i < needs.length; i++) {
                int open = needs.length - i;
                double step = (needs[i] - (i == 0 ? 0 : needs[i - 1])) * open;
                if (step >= left) {
                    return (i == 0 ? 0 : needs[i - 1]) + left / open;
                }
                left -= step;
            }
            return needs.length == 0 ? 0 : needs[needs.length - 1];
        }
    }

    private static Measured measure(PdfTable table, float size, Metrics metrics, boolean cjkBreaks) {
        int n = table.columns().size();
        double[] min = new double[n];
        double[] max = new double[n];
        IntToDoubleFunction m = cp -> metrics.width(cp, size);
        for (int c = 0; c < n; c++) {
            PdfTable.Column col = table.columns().get(c);
            boolean number = col.align() == PdfTable.Align.RIGHT;
            double lo = widest(col.header(), m, false, false);
            double hi = longestLine(col.header(), m);
            for (List<String> row : table.rows()) {
                String cell = row.get(c);
                lo = Math.max(lo, widest(cell, m, number, cjkBreaks));
                hi = Math.max(hi, longestLine(cell, m));
            }
            min[c] = lo + 2 * PAD_X;
            max[c] = Math.max(hi, lo) + 2 * PAD_X;
        }
        return new Measured(min, max);
    }

    /** The widest word of a text (its paragraphs); a number cell is one word as a whole. */
    private static double widest(String text, IntToDoubleFunction m, boolean whole, boolean cjkBreaks) {
        double w = 0;
        for (String para : paragraphs(text)) {
            w = Math.max(w, whole ? LineBreaker.width(para.strip(), m) : LineBreaker.widestWord(para, m, cjkBreaks));
        }
        return w;
    }

    private static double longestLine(String text, IntToDoubleFunction m) {
        double w = 0;
        for (String para : paragraphs(text)) {
            w = Math.max(w, LineBreaker.width(para.strip(), m));
        }
        return w;
    }

    private static TableGrid wrap(PdfTable table, float size, float[] widths, Metrics metrics, boolean cjkBreaks) {
        IntToDoubleFunction m = cp -> metrics.width(cp, size);
        List<List<String>> header = new ArrayList<>();
        for (int c = 0; c < widths.length; c++) {
            header.add(lines(table.columns().get(c).header(), widths[c], m, false, false));
        }
        List<List<List<String>>> rows = new ArrayList<>();
        for (List<String> row : table.rows()) {
            List<List<String>> cells = new ArrayList<>();
            for (int c = 0; c < widths.length; c++) {
                boolean number = table.columns().get(c).align() == PdfTable.Align.RIGHT;
                cells.add(lines(row.get(c), widths[c], m, number, cjkBreaks));
            }
            rows.add(List.copyOf(cells));
        }
        return new TableGrid(size, widths, List.copyOf(header), List.copyOf(rows));
    }

    /** A cell's lines; a number cell keeps each of its paragraphs on one line (its column is at least that wide). */
    private static List<String> lines(String text, float width, IntToDoubleFunction m, boolean whole, boolean cjkBreaks) {
        double inner = Math.max(1, width - 2 * PAD_X) + EPSILON;
        List<String> out = new ArrayList<>();
        for (String para : paragraphs(text)) {
            if (whole && LineBreaker.width(para.strip(), m) <= inner) {
                out.add(para.strip());
            } else {
                out.addAll(LineBreaker.wrap(para, inner, m, cjkBreaks));
            }
        }
        return List.copyOf(out);
    }

    private static String[] paragraphs(String text) {
        return (text == null ? "" : text).replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    }
}
