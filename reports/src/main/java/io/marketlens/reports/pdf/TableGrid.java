package io.marketlens.reports.pdf;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntToDoubleFunction;
import java.util.function.UnaryOperator;
import io.marketlens.reports.pdf.LineBreaker.Breaks;

/**
 * The measured layout of a {@link PdfTable}: its font size, each column's width and each cell's lines. Pure: widths of
 * characters come from a function of the font size and the code point, so it can be checked without a PDF.
 *
 * <p>Column widths come from the content, measured in the table's font:
 * <ul>
 *   <li>a column is never narrower than its widest word (of its header and cells) plus the padding, so no word and no
 *       number is ever broken. Words are those of {@link LineBreaker#words}: a header's break only at spaces
 *       ({@link Breaks#HEADER}), a text cell's also inside long Chinese free text ({@link Breaks#CELL}), so a Chinese
 *       term (复合增长率, 家居园艺) is one word like a Latin one; a right-aligned (number) cell is one word as a whole;</li>
 *   <li>the rest of the page goes first to the cells, then to the headers, to be set on one line, by "water filling":
 *       the columns that need little more (a service name, a date) get it all, the long free-text columns share what
 *       is left evenly and wrap between words; a header wraps rather than a cell, since a wrapped cell makes its row
 *       taller and a wrapped header only the header;</li>
 *   <li>when every header and cell fits on one line, the width left over is shared by the columns' relative
 *       widths.</li>
 * </ul>
 * When the widest words of all columns do not fit the page at {@value #SIZES_DOC}, the table is set in the first of the
 * smaller sizes at which they fit. When they do not fit even at the smallest size, the text (left-aligned) cells may
 * also break between any Chinese characters ({@link Breaks#TEXT}; headers and numbers never); when that is still too
 * wide, the columns shrink in proportion and the words that do not fit are cut, with a warning naming the table.
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
            Measured m = measure(table, size, metrics, Breaks.CELL);
            if (m.fitsIn(width)) {
                return wrap(table, size, m.distribute(width, table), metrics, Breaks.CELL);
            }
        }
        float smallest = SIZES[SIZES.length - 1];
        Measured m = measure(table, smallest, metrics, Breaks.TEXT);
        if (m.fitsIn(width)) {
            return wrap(table, smallest, m.distribute(width, table), metrics, Breaks.TEXT);
        }
        warnings.accept("table '" + (table.caption() == null ? "" : table.caption()) + "' is wider than the page even at "
                + smallest + " pt (its widest words need " + Math.round(m.minTotal()) + " of " + Math.round(width)
                + " pt); the words that do not fit its columns are cut");
        float[] w = new float[m.min.length];
        for (int c = 0; c < w.length; c++) {
            w[c] = (float) (m.min[c] * width / m.minTotal());
        }
        return wrap(table, smallest, w, metrics, Breaks.TEXT);
    }

    /**
     * The widths of each column at one size: its widest word ({@code min}), its longest cell on one line
     * ({@code body}, at least {@code min}) and its longest cell or header line on one line ({@code max}).
     */
    private record Measured(double[] min, double[] body, double[] max) {

        double minTotal() {
            return sum(min);
        }

        boolean fitsIn(float width) {
            return minTotal() <= width + EPSILON;
        }

        /**
         * Column widths adding up to {@code width}, each at least its {@link #min}: the cells' one-line widths are
         * filled first (a wrapped cell makes every row of its kind taller, a wrapped header only the header), then the
         * headers'; what is left after both is shared by the columns' relative widths.
         */
        float[] distribute(float width, PdfTable table) {
            int n = min.length;
            double[] w = min.clone();
            double spare = width - minTotal();
            for (double[] target : List.of(body, max)) {
                double[] needs = new double[n];
                for (int c = 0; c < n; c++) {
                    needs[c] = Math.max(0, target[c] - w[c]);
                }
                double level = waterLevel(needs, spare);
                for (int c = 0; c < n; c++) {
                    double add = Math.min(needs[c], level);
                    w[c] += add;
                    spare -= add;
                }
            }
            if (spare > EPSILON) {
                double weights = 0;
                for (PdfTable.Column c : table.columns()) {
                    weights += c.weight();
                }
                for (int c = 0; c < n; c++) {
                    w[c] += spare * table.columns().get(c).weight() / weights;
                }
            }
            float[] out = new float[n];
            for (int c = 0; c < n; c++) {
                out[c] = (float) w[c];
            }
            return out;
        }

        /**
         * The level L at which the sum over the columns of min(need, L) is {@code spare} ("water filling": the small
         * needs are met in full, the large ones share the rest evenly); the largest need when {@code spare} covers all.
         */
        private static double waterLevel(double[] needs, double spare) {
            double[] sorted = needs.clone();
            java.util.Arrays.sort(sorted);
            double left = spare;
            double below = 0;
            for (int i = 0; i < sorted.length; i++) {
                int open = sorted.length - i;
                double step = (sorted[i] - below) * open;
                if (step >= left) {
                    return below + left / open;
                }
                left -= step;
                below = sorted[i];
            }
            return below;
        }

        private static double sum(double[] values) {
            double s = 0;
            for (double v : values) {
                s += v;
            }
            return s;
        }
    }

    private static Measured measure(PdfTable table, float size, Metrics metrics, Breaks cellBreaks) {
        int n = table.columns().size();
        double[] min = new double[n];
        double[] body = new double[n];
        double[] max = new double[n];
        IntToDoubleFunction m = cp -> metrics.width(cp, size);
        for (int c = 0; c < n; c++) {
            PdfTable.Column col = table.columns().get(c);
            boolean number = col.align() == PdfTable.Align.RIGHT;
            double lo = widest(col.header(), m, false, Breaks.HEADER);
            double cells = 0;
            for (List<String> row : table.rows()) {
                String cell = row.get(c);
                lo = Math.max(lo, widest(cell, m, number, cellBreaks));
                cells = Math.max(cells, longestLine(cell, m));
            }
            min[c] = lo + 2 * PAD_X;
            body[c] = Math.max(cells, lo) + 2 * PAD_X;
            max[c] = Math.max(body[c], longestLine(col.header(), m) + 2 * PAD_X);
        }
        return new Measured(min, body, max);
    }

    /** The widest word of a text (its paragraphs); a number cell is one word as a whole. */
    private static double widest(String text, IntToDoubleFunction m, boolean whole, Breaks breaks) {
        double w = 0;
        for (String para : paragraphs(text)) {
            w = Math.max(w, whole ? LineBreaker.width(para.strip(), m) : LineBreaker.widestWord(para, m, breaks));
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

    private static TableGrid wrap(PdfTable table, float size, float[] widths, Metrics metrics, Breaks cellBreaks) {
        IntToDoubleFunction m = cp -> metrics.width(cp, size);
        List<List<String>> header = new ArrayList<>();
        for (int c = 0; c < widths.length; c++) {
            header.add(lines(table.columns().get(c).header(), widths[c], m, false, Breaks.HEADER));
        }
        List<List<List<String>>> rows = new ArrayList<>();
        for (List<String> row : table.rows()) {
            List<List<String>> cells = new ArrayList<>();
            for (int c = 0; c < widths.length; c++) {
                boolean number = table.columns().get(c).align() == PdfTable.Align.RIGHT;
                cells.add(lines(row.get(c), widths[c], m, number, cellBreaks));
            }
            rows.add(List.copyOf(cells));
        }
        return new TableGrid(size, widths, List.copyOf(header), List.copyOf(rows));
    }

    /** A cell's lines; a number cell keeps each of its paragraphs on one line (its column is at least that wide). */
    private static List<String> lines(String text, float width, IntToDoubleFunction m, boolean whole, Breaks breaks) {
        double inner = Math.max(1, width - 2 * PAD_X) + EPSILON;
        List<String> out = new ArrayList<>();
        for (String para : paragraphs(text)) {
            if (whole && LineBreaker.width(para.strip(), m) <= inner) {
                out.add(para.strip());
            } else {
                out.addAll(LineBreaker.wrap(para, inner, m, breaks));
            }
        }
        return List.copyOf(out);
    }

    private static String[] paragraphs(String text) {
        return (text == null ? "" : text).replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    }
}
