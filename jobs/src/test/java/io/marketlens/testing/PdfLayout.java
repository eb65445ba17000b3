package io.marketlens.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.reports.pdf.ChartMarks;
import io.marketlens.reports.pdf.PdfReport;
import io.marketlens.reports.text.Lang;
import io.marketlens.reports.text.Texts;
import java.awt.BasicStroke;
import java.awt.Shape;
import java.awt.geom.GeneralPath;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.pdfbox.Loader;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.contentstream.operator.markedcontent.BeginMarkedContentSequence;
import org.apache.pdfbox.contentstream.operator.markedcontent.BeginMarkedContentSequenceWithProperties;
import org.apache.pdfbox.contentstream.operator.markedcontent.EndMarkedContentSequence;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineNode;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * A layout check that looks at a finished PDF the way a reader does. Three rules, each measured independently:
 *
 * <ol>
 * <li><b>Blank pages</b> ({@link #blankShares}). Every page is rendered with PDFBox at {@value #DPI} dpi. A pixel is
 *     <em>ink</em> when one of its channels is more than {@value #INK_THRESHOLD} below white (so anti-aliasing haze is
 *     not ink, a zebra stripe is). The measured band is the page less its running header and footer
 *     ({@link Frame}). The page's <em>blank share</em> is the share of the band's pixel rows below the lowest row
 *     holding ink: what a reader sees as the empty end of a page (a gap between blocks does not count). A page is the
 *     <em>last page of a chapter</em> when it is the last page, or when the next page opens with a chapter: its first
 *     line of text begins the title of a top-level bookmark pointing at that page. The run tests hold the stricter
 *     form, no page but the last more than {@link #MAX_BLANK} blank ({@link #assertNoMostlyBlankPage}).</li>
 * <li><b>Broken words in tables</b> ({@link #brokenWords}). The report tags the lines of each table cell as one
 *     marked-content sequence ({@link PdfReport#CELL_TAG}). Where a cell's text continues on a next line, the last
 *     token of the upper line and the first token of the lower line must both be whole words: after trimming
 *     punctuation (and a footnote mark *) at their ends, each is empty, a number ({@link #NUMBER}), or a word of the {@link Vocabulary}
 *     (every token of the run's tables and of the report's label texts). "Destinati" / "on" fails, "Destination" /
 *     "country" passes; in Chinese "复合增" / "长率" fails because only "复合增长率" is a label. Words compare without case;
 *     three capitals are a currency code. A number split at its decimal or thousands separator ("12." / "5"), from its
 *     currency ("USD" / "11.77") or from its percent sign fails too. Only tokens at a line break are checked: a token inside
 *     a line was not broken.</li>
 * <li><b>Text on chart data</b> ({@link #textOnChartData}). The report marks every string a chart draws
 *     ({@link ChartMarks#TEXT_TAG}, drawn as glyph outlines) and every shape a chart renderer draws for a data item
 *     ({@link ChartMarks#DATA_TAG}: bars, lines, points). A text run is the bounding box of one marked string, or a
 *     glyph of page text read with a {@link PDFTextStripper}; it lies on data when the box, shrunk by
 *     {@value #OVERLAP_TOLERANCE} pt on each side, intersects a filled data shape or a stroked data line (its outline
 *     at the line's width). Gridlines, markers and axes are not data.</li>
 * </ol>
 */
public final class PdfLayout {

    static final float DPI = 50f;
    static final int INK_THRESHOLD = 12;
    static final double OVERLAP_TOLERANCE = 0.5;

    /** A whole number as the report prints one: grouped digits, decimals, a sign, a currency, a unit, a date. */
    static final Pattern NUMBER = Pattern.compile(
            "[-+\u2212]?(?:US\\$|R\\$|[$€¥£])?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?:%|[kKMB]|pp|x|\u00D7)?"
                    + "|\\d{4}-\\d{2}(?:-\\d{2})?");

    private static final String TRIM = ".,;:!?()[]{}\"'\u201C\u201D\u2018\u2019\u3001\u3002\uFF0C\uFF1B\uFF1A\uFF08\uFF09"
            + "\u300A\u300B<>/|·\u2013\u2014-…*";

    private PdfLayout() {
    }

    /** The running header and footer, in points from the top and bottom edges, left out of the blank measure. */
    public record Frame(float header, float footer) {
        /** The report's A4 frame: nothing above 20 mm from the top; the footer inside the lowest 25 mm. */
        public static final Frame REPORT = new Frame(56.69f, 70.87f);
    }

    /** One page's blank share (0 = ink down to the footer, 1 = no ink) and whether it ends a chapter. */
    public record PageBlank(int page, double blankShare, boolean lastOfChapter) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "p%d %.0f%%%s", page, blankShare * 100, lastOfChapter ? " (chapter end)" : "");
        }
    }

    /** A break inside a word: the cell's text, the two pieces at the break, on a page (1-based). */
    public record BrokenWord(int page, String upper, String lower, String cell) {
        @Override
        public String toString() {
            return "p" + page + " \"" + upper + "/" + lower + "\" in [" + cell + "]";
        }
    }

    /** A text run lying on chart data: the text (or "chart text"), its box, the page (1-based). */
    public record Overlap(int page, String text, Rectangle2D box) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "p%d \"%s\" at (%.0f, %.0f)", page, text, box.getX(), box.getY());
        }
    }

    /** The largest blank share of a page that does not end a chapter. */
    public static final double MAX_BLANK = 0.8;

    // ---- the rules as assertions on a report (each prints what it measured)

    /**
     * No page of {@code pdf} but the last is more than {@link #MAX_BLANK} blank. Stricter than exempting the last
     * page of every chapter ({@link #mostlyBlank}): the mostly blank pages readers complained of were all chapter
     * ends (the demo before chapters flowed: 4 pages 82–92 % blank, each before a chapter on a new page), and since
     * chapters flow (PdfReport's class comment) no chapter end needs the exemption.
     */
    public static void assertNoMostlyBlankPage(String name, Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            List<PageBlank> pages = blankShares(doc, Frame.REPORT);
            System.err.println("PdfLayout " + name + ": blank shares " + pages);
            assertThat(mostlyBlankButTheLast(pages, MAX_BLANK)).as("%s: pages more than %.0f %% blank", name, MAX_BLANK * 100)
                    .isEmpty();
        }
    }

    /** No word is broken across the lines of a table cell; the vocabulary is the run's tables and the label texts. */
    public static void assertNoBrokenWord(String name, Path pdf, Path tablesDir) throws IOException {
        Vocabulary words = new Vocabulary().addLabels().addTables(tablesDir);
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            int cells = tableCells(doc);
            List<BrokenWord> broken = brokenWords(doc, words);
            System.err.println("PdfLayout " + name + ": " + cells + " table cells, " + broken.size() + " broken words " + broken);
            assertThat(cells).as("%s: table cells tagged %s", name, PdfReport.CELL_TAG).isPositive();
            assertThat(broken).as("%s: words broken in tables", name).isEmpty();
        }
    }

    /** No text run (chart text or page text) lies on chart data. */
    public static void assertNoTextOnChartData(String name, Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            int[] marks = chartMarks(doc);
            List<Overlap> overlaps = textOnChartData(doc);
            System.err.println("PdfLayout " + name + ": " + marks[0] + " chart data shapes, " + marks[1] + " chart strings, "
                    + overlaps.size() + " on data " + overlaps);
            assertThat(marks[0]).as("%s: chart data shapes tagged %s", name, ChartMarks.DATA_TAG).isPositive();
            assertThat(overlaps).as("%s: text on chart data", name).isEmpty();
        }
    }

    // ---- rule 1: blank pages

    /** Every page's blank share, rendered at {@value #DPI} dpi. */
    public static List<PageBlank> blankShares(PDDocument doc, Frame frame) throws IOException {
        PDFRenderer renderer = new PDFRenderer(doc);
        Set<Integer> chapterStarts = chapterStartsAtTop(doc);
        List<PageBlank> out = new ArrayList<>();
        int n = doc.getNumberOfPages();
        for (int i = 0; i < n; i++) {
            BufferedImage img = renderer.renderImageWithDPI(i, DPI, ImageType.RGB);
            double scale = DPI / 72.0;
            int from = (int) Math.round(frame.header() * scale);
            int to = img.getHeight() - (int) Math.round(frame.footer() * scale);
            out.add(new PageBlank(i + 1, blankShare(img, from, to), i == n - 1 || chapterStarts.contains(i + 1)));
        }
        return out;
    }

    /** The pages more than {@code maxShare} blank that do not end a chapter. */
    public static List<PageBlank> mostlyBlank(List<PageBlank> pages, double maxShare) {
        return pages.stream().filter(p -> !p.lastOfChapter() && p.blankShare() > maxShare).toList();
    }

    /** The pages more than {@code maxShare} blank but the last. */
    public static List<PageBlank> mostlyBlankButTheLast(List<PageBlank> pages, double maxShare) {
        return pages.stream().filter(p -> p.page() < pages.size() && p.blankShare() > maxShare).toList();
    }

    /** The share of rows [from, to) below the lowest row with ink (1 when none has ink). */
    static double blankShare(BufferedImage img, int from, int to) {
        int last = -1;
        for (int yy = to - 1; yy >= from && last < 0; yy--) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, yy);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (Math.min(r, Math.min(g, b)) < 255 - INK_THRESHOLD) {
                    last = yy;
                    break;
                }
            }
        }
        int rows = to - from;
        return last < 0 ? 1.0 : (double) (to - 1 - last) / rows;
    }

    /** The 0-based pages whose first line of text begins a top-level bookmark's title that points at them. */
    static Set<Integer> chapterStartsAtTop(PDDocument doc) throws IOException {
        Set<Integer> out = new HashSet<>();
        PDOutlineNode outline = doc.getDocumentCatalog().getDocumentOutline();
        if (outline == null) {
            return out;
        }
        for (PDOutlineItem item : outline.children()) {
            PDPage p = item.findDestinationPage(doc);
            if (p == null) {
                continue;
            }
            int i = doc.getPages().indexOf(p);
            PDFTextStripper s = new PDFTextStripper();
            s.setSortByPosition(true);
            s.setStartPage(i + 1);
            s.setEndPage(i + 1);
            String first = s.getText(doc).strip().lines().findFirst().orElse("").strip();
            String title = item.getTitle() == null ? "" : item.getTitle().strip();
            if (!first.isEmpty() && title.replaceAll("\\s+", "").startsWith(first.replaceAll("\\s+", ""))) {
                out.add(i);
            }
        }
        return out;
    }

    // ---- rule 2: broken words in tables

    /** The words the report may print whole: what the {@code words} test accepts at a line break. */
    public static final class Vocabulary implements Predicate<String> {
        private final Set<String> words = new HashSet<>();

        /** Adds every token of {@code text}: split at white space, and at the separators of category paths and colons. */
        public Vocabulary add(String text) {
            if (text == null) {
                return this;
            }
            for (String token : text.split("\\s+")) {
                String t = trim(token);
                if (t.isEmpty() || t.matches("[A-Za-z]")) {
                    // a single Latin letter is no word to end or start a line with ("Shipment" / "s")
                    continue;
                }
                words.add(t.toLowerCase(Locale.ROOT));
                for (String part : t.split("[>/|:\uFF1A]")) {
                    if (!trim(part).isEmpty()) {
                        words.add(trim(part).toLowerCase(Locale.ROOT));
                    }
                }
            }
            return this;
        }

        /** The report's label texts in both languages. */
        public Vocabulary addLabels() {
            for (Lang lang : Lang.values()) {
                Texts t = Texts.of(lang);
                t.keys().forEach(k -> add(t.get(k)));
            }
            return this;
        }

        /** Every cell and header of every CSV table in {@code tablesDir}. */
        public Vocabulary addTables(Path tablesDir) throws IOException {
            try (Stream<Path> files = Files.list(tablesDir)) {
                for (Path csv : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                    try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                        for (CSVRecord rec : CSVFormat.RFC4180.parse(r)) {
                            rec.forEach(this::add);
                        }
                    }
                }
            }
            return this;
        }

        /**
         * Whether {@code token} (trimmed of punctuation) is empty, a number, a currency code, a known word, a column
         * name as the exports write it ({@code order_ts}: lower-case words joined by underscores), or such parts joined
         * by {@code /} or a colon ({@code BRL/kg}, {@code 超出范围：quantity}).
         */
        @Override
        public boolean test(String token) {
            String t = trim(token);
            if (t.isEmpty() || NUMBER.matcher(t).matches() || t.matches("[A-Z]{3}") || t.matches("[a-z][a-z0-9]*(_[a-z0-9]+)+")
                    || words.contains(t.toLowerCase(Locale.ROOT))) {
                return true;
            }
            String[] parts = t.split("[/:\uFF1A]");
            return parts.length > 1 && java.util.Arrays.stream(parts).allMatch(part -> !part.isEmpty() && test(part));
        }
    }

    static String trim(String token) {
        int a = 0;
        int b = token.length();
        while (a < b && TRIM.indexOf(token.charAt(a)) >= 0) {
            a++;
        }
        while (b > a && TRIM.indexOf(token.charAt(b - 1)) >= 0) {
            b--;
        }
        return token.substring(a, b).replace("\uFEFF", "");
    }

    /** Every break inside a word in a table cell ({@link PdfReport#CELL_TAG}), judged by {@code wholeWord}. */
    public static List<BrokenWord> brokenWords(PDDocument doc, Predicate<String> wholeWord) throws IOException {
        List<BrokenWord> out = new ArrayList<>();
        for (Cell cell : cells(doc)) {
            List<String> lines = cell.lines();
            for (int i = 0; i + 1 < lines.size(); i++) {
                String[] upper = lines.get(i).strip().split("\\s+");
                String[] lower = lines.get(i + 1).strip().split("\\s+");
                String a = upper[upper.length - 1];
                String b = lower[0];
                if (splitValue(a, b) || !wholeWord.test(a) || !wholeWord.test(b)) {
                    out.add(new BrokenWord(cell.page, a, b, String.join(" / ", lines)));
                }
            }
        }
        return out;
    }

    /**
     * A number split at its decimal or thousands separator ("12." / "5"), an amount split from its currency ("USD" /
     * "11.77") or a number from its percent sign.
     */
    static boolean splitValue(String a, String b) {
        return a.matches(".*\\d[.,]") && b.matches("\\d.*")
                || trim(a).matches("[A-Z]{3}|[$€¥£]|R\\$|US\\$") && b.matches("[-+\u2212]?\\d.*")
                || a.matches(".*\\d") && b.matches("%.*|pp\\b.*");
    }

    /** How many table cells the document tags (a check that the tags are there at all). */
    public static int tableCells(PDDocument doc) throws IOException {
        return cells(doc).size();
    }

    /** The text of one table cell: its glyphs by baseline, top to bottom. */
    record Cell(int page, TreeMap<Float, StringBuilder> byBaseline) {
        List<String> lines() {
            return byBaseline.values().stream().map(StringBuilder::toString).filter(s -> !s.isBlank()).toList();
        }
    }

    private static List<Cell> cells(PDDocument doc) throws IOException {
        Positions p = new Positions();
        p.getText(doc);
        return p.cells;
    }

    /** Reads text positions with the marked-content sequence each glyph is in. */
    private static final class Positions extends PDFTextStripper {
        final List<Cell> cells = new ArrayList<>();
        final List<Glyph> glyphs = new ArrayList<>();
        private final Deque<String> tags = new ArrayDeque<>();
        private Cell cell;

        Positions() {
            addOperator(new BeginMarkedContentSequence(this));
            addOperator(new BeginMarkedContentSequenceWithProperties(this));
            addOperator(new EndMarkedContentSequence(this));
        }

        @Override
        public void beginMarkedContentSequence(COSName tag, COSDictionary properties) {
            String name = tag == null ? "" : tag.getName();
            tags.push(name);
            if (name.equals(PdfReport.CELL_TAG)) {
                cell = new Cell(getCurrentPageNo(), new TreeMap<>((x, y) -> Float.compare(y, x)));
                cells.add(cell);
            }
        }

        @Override
        public void endMarkedContentSequence() {
            String name = tags.isEmpty() ? "" : tags.pop();
            if (name.equals(PdfReport.CELL_TAG)) {
                cell = null;
            }
        }

        @Override
        protected void processTextPosition(TextPosition t) {
            float pageHeight = getCurrentPage().getMediaBox().getHeight();
            float baseline = pageHeight - t.getYDirAdj();
            if (cell != null) {
                cell.byBaseline.computeIfAbsent(Math.round(baseline * 2) / 2f, k -> new StringBuilder()).append(t.getUnicode());
            }
            glyphs.add(new Glyph(getCurrentPageNo(), t.getUnicode(),
                    new Rectangle2D.Double(t.getXDirAdj(), baseline, t.getWidthDirAdj(), Math.max(t.getHeightDir(), 1f))));
            super.processTextPosition(t);
        }
    }

    /** A glyph of page text: its box in page space (y up, from the baseline). */
    record Glyph(int page, String text, Rectangle2D box) {
    }

    // ---- rule 3: text on chart data

    /** Every text run lying on chart data, chart text and page text alike. */
    public static List<Overlap> textOnChartData(PDDocument doc) throws IOException {
        Positions text = new Positions();
        text.getText(doc);
        List<Overlap> out = new ArrayList<>();
        for (int i = 0; i < doc.getNumberOfPages(); i++) {
            ChartShapes shapes = new ChartShapes(doc.getPage(i));
            shapes.processPage(doc.getPage(i));
            for (Rectangle2D box : shapes.texts) {
                if (onData(box, shapes.data)) {
                    out.add(new Overlap(i + 1, "chart text", box));
                }
            }
            // page text, one run per baseline
            Map<Long, Overlap> runs = new LinkedHashMap<>();
            for (Glyph g : text.glyphs) {
                if (g.page() == i + 1 && !g.text().isBlank() && onData(g.box(), shapes.data)) {
                    int page = i + 1;
                    runs.merge(Math.round(g.box().getY()), new Overlap(page, g.text(), g.box()),
                            (a, b) -> new Overlap(page, a.text() + b.text(), a.box().createUnion(b.box())));
                }
            }
            out.addAll(runs.values());
        }
        return out;
    }

    /** How many chart data shapes and chart strings the document marks (a check that the marks are there). */
    public static int[] chartMarks(PDDocument doc) throws IOException {
        int[] n = new int[2];
        for (PDPage p : doc.getPages()) {
            ChartShapes s = new ChartShapes(p);
            s.processPage(p);
            n[0] += s.data.size();
            n[1] += s.texts.size();
        }
        return n;
    }

    private static boolean onData(Rectangle2D box, List<Shape> data) {
        double t = OVERLAP_TOLERANCE;
        if (box.getWidth() <= 2 * t || box.getHeight() <= 2 * t) {
            return false;
        }
        Rectangle2D inner = new Rectangle2D.Double(box.getX() + t, box.getY() + t, box.getWidth() - 2 * t, box.getHeight() - 2 * t);
        for (Shape s : data) {
            if (s.intersects(inner)) {
                return true;
            }
        }
        return false;
    }

    /** The marked chart strings (their boxes) and data shapes of one page, in page space. */
    private static final class ChartShapes extends PDFGraphicsStreamEngine {
        final List<Rectangle2D> texts = new ArrayList<>();
        final List<Shape> data = new ArrayList<>();
        private final Deque<String> tags = new ArrayDeque<>();
        private GeneralPath path = new GeneralPath();
        private Rectangle2D textBox;
        private GeneralPath clip;
        private Point2D current = new Point2D.Float();

        ChartShapes(PDPage page) {
            super(page);
            addOperator(new BeginMarkedContentSequence(this));
            addOperator(new BeginMarkedContentSequenceWithProperties(this));
            addOperator(new EndMarkedContentSequence(this));
        }

        @Override
        public void beginMarkedContentSequence(COSName tag, COSDictionary properties) {
            String name = tag == null ? "" : tag.getName();
            tags.push(name);
            if (name.equals(ChartMarks.TEXT_TAG)) {
                textBox = null;
            }
        }

        @Override
        public void endMarkedContentSequence() {
            String name = tags.isEmpty() ? "" : tags.pop();
            if (name.equals(ChartMarks.TEXT_TAG) && textBox != null) {
                texts.add(textBox);
                textBox = null;
            }
        }

        private boolean in(String tag) {
            return tags.contains(tag);
        }

        private void painted(boolean stroke) {
            if (in(ChartMarks.TEXT_TAG)) {
                Rectangle2D b = path.getBounds2D();
                if (!b.isEmpty() || b.getWidth() > 0 || b.getHeight() > 0) {
                    textBox = textBox == null ? b : textBox.createUnion(b);
                }
            } else if (in(ChartMarks.DATA_TAG)) {
                if (stroke) {
                    float w = Math.max(0.5f, getGraphicsState().getLineWidth()
                            * (float) Math.sqrt(Math.abs(getGraphicsState().getCurrentTransformationMatrix().createAffineTransform().getDeterminant())));
                    data.add(new BasicStroke(w).createStrokedShape(path));
                } else {
                    data.add(new GeneralPath(path));
                }
            }
            path = new GeneralPath();
        }

        @Override
        public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
            path.moveTo(p0.getX(), p0.getY());
            path.lineTo(p1.getX(), p1.getY());
            path.lineTo(p2.getX(), p2.getY());
            path.lineTo(p3.getX(), p3.getY());
            path.closePath();
        }

        @Override
        public void drawImage(PDImage pdImage) {
        }

        /** A data shape painted with a shading is a clip followed by a shading fill. */
        @Override
        public void clip(int windingRule) {
            clip = in(ChartMarks.DATA_TAG) ? new GeneralPath(path) : null;
        }

        @Override
        public void moveTo(float x, float y) {
            path.moveTo(x, y);
            current = new Point2D.Float(x, y);
        }

        @Override
        public void lineTo(float x, float y) {
            path.lineTo(x, y);
            current = new Point2D.Float(x, y);
        }

        @Override
        public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
            path.curveTo(x1, y1, x2, y2, x3, y3);
            current = new Point2D.Float(x3, y3);
        }

        @Override
        public Point2D getCurrentPoint() {
            return current;
        }

        @Override
        public void closePath() {
            path.closePath();
        }

        @Override
        public void endPath() {
            path = new GeneralPath();
        }

        @Override
        public void strokePath() {
            painted(true);
        }

        @Override
        public void fillPath(int windingRule) {
            painted(false);
        }

        @Override
        public void fillAndStrokePath(int windingRule) {
            painted(false);
        }

        @Override
        public void shadingFill(COSName shadingName) {
            if (in(ChartMarks.DATA_TAG) && clip != null) {
                data.add(clip);
            }
        }
    }
}
