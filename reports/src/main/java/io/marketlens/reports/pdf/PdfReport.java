package io.marketlens.reports.pdf;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PageMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageXYZDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineNode;
import org.apache.pdfbox.util.Matrix;
import org.jfree.chart.JFreeChart;

/**
 * A flowing A4 report writer: blocks (cover, headings, paragraphs, bullets, notes, key-value blocks, tables,
 * vector charts) are laid out top to bottom and continue on new pages; the footer with "n / N" is added when
 * the document is saved. Every heading is a bookmark. Fonts come from {@link ReportFonts}, embedded as subsets.
 *
 * <h2>Page flow</h2>
 * The text area of a page is {@link #BODY_HEIGHT} high (A4 less the margins). Blocks are placed by these rules,
 * so that no page ends mostly blank:
 * <ol>
 * <li>A chapter ({@link #heading1(String)}) continues the current page; it starts a new page only when less than
 *     a third of the text area ({@link #CHAPTER_MIN_SPACE}) is left there.</li>
 * <li>A block that cannot be split moves to the next page when it does not fit in the space left: a chart, a row
 *     of tiles, a key-value pair, a line of text, a heading with the first lines after it, a table's caption and
 *     header with its first two rows (a table continues row by row, a row is never split).</li>
 * <li>Except that a block never leaves a page more than {@value #MAX_BLANK_PERCENT} % blank: when more than that
 *     share of the text area is still free, the block starts here anyway — a chart shrinks to the space left, a
 *     table or a text continues on the next page, a {@link #keepTogether(float)} is not honoured. (Only a block
 *     taller than {@value #MAX_BLANK_PERCENT} % of the text area can meet this case.)</li>
 * <li>A page ends early only where the caller asks for it: after the cover, at {@link #pageBreak()} and at
 *     {@link #heading1(String, boolean) heading1(text, true)}; such a page is the last page of a chapter.</li>
 * </ol>
 * Hence every page but the last page of a chapter is filled at least to the lower of two thirds (rule 1) and
 * 100 % less the height of the block moved on (rule 2), and never less than 20 % (rule 3).
 *
 * <p>Chart text and chart data are marked in the PDF (see {@link ChartMarks}) so that a layout check can tell
 * them apart; each table cell's lines are one marked-content sequence tagged {@value #CELL_TAG}.
 *
 * <p>Bold is simulated (fill and stroke of the regular face with a thin outline) because the only face that is
 * always available, Liberation Sans Regular from the pdfbox jar, has no bold sibling there.
 */
public final class PdfReport implements AutoCloseable {

    static final PDRectangle PAGE = PDRectangle.A4;
    /** 20 mm left and right. */
    static final float MARGIN_X = 56.69f;
    /** 20 mm at the top. */
    static final float MARGIN_TOP = 56.69f;
    /** 25 mm at the bottom; the footer sits inside it. */
    static final float MARGIN_BOTTOM = 70.87f;
    static final float TEXT_WIDTH = PAGE.getWidth() - 2 * MARGIN_X;
    static final float TOP = PAGE.getHeight() - MARGIN_TOP;

    static final float BODY_SIZE = 10f;
    static final float BODY_LEADING = 14f;
    static final float H1_SIZE = 18f;
    static final float H2_SIZE = 13f;
    static final float NOTE_SIZE = 8.5f;
    static final float NOTE_LEADING = 12f;
    static final float TABLE_SIZE = 9f;
    static final float TABLE_LEADING = 12.6f;
    static final float CELL_PAD_X = TableGrid.PAD_X;
    static final float CELL_PAD_Y = 3.5f;
    static final float FOOTER_SIZE = 8f;
    /** The height of the text area of a page. */
    static final float BODY_HEIGHT = TOP - MARGIN_BOTTOM;
    /** A chapter starts a new page when less than this (a third of the text area) is left on the current one. */
    static final float CHAPTER_MIN_SPACE = BODY_HEIGHT / 3;
    /** A block never moves on from a page with more than this share of its text area free. */
    static final int MAX_BLANK_PERCENT = 80;
    /** Space above a chapter heading that continues a page. */
    static final float CHAPTER_GAP = 24f;
    /** The marked-content tag around the lines of one table cell. */
    public static final String CELL_TAG = "MLCell";
    private static final COSName CELL = COSName.getPDFName(CELL_TAG);
    /** Outline width of simulated bold, as a fraction of the font size. */
    private static final float BOLD_STROKE = 0.022f;
    private static final float BLOCK_GAP = 8f;

    static final Color TEXT = new Color(0x33, 0x33, 0x33);
    static final Color MUTED = new Color(0x6E, 0x6E, 0x6E);
    static final Color ACCENT = new Color(0x1F, 0x4E, 0x79);
    static final Color ACCENT_TINT = new Color(0xDC, 0xE8, 0xF4);
    static final Color ZEBRA = new Color(0xF4, 0xF5, 0xF7);
    static final Color RULE = new Color(0xC8, 0xCC, 0xD2);

    private final PDDocument doc = new PDDocument();
    private final DocumentFonts fonts;
    private final String footer;
    private final Consumer<String> warnings;
    private final PDDocumentOutline outline = new PDDocumentOutline();
    private PDOutlineItem lastHeading1;

    private PDPage page;
    private PDPageContentStream cs;
    private PDPage coverPage;
    private String title;
    /** Top of the free space on the current page. */
    private float y;
    /** Nothing has been drawn on the current page yet. */
    private boolean fresh;
    /** The next block starts on a new page. */
    private boolean needNewPage;
    private boolean saved;

    /**
     * @param footer text at the bottom left of every page but the cover, e.g. "marketlens · run 2025-08-31"
     * @param warnings receives one message when text has characters no font can show
     */
    public PdfReport(ReportFonts fonts, String footer, Consumer<String> warnings) {
        Objects.requireNonNull(fonts, "fonts");
        this.footer = footer == null ? "" : footer;
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        try {
            this.fonts = fonts.openFor(doc);
        } catch (IOException e) {
            closeQuietly();
            throw new UncheckedIOException("cannot load the report fonts (" + fonts.describe() + "): " + e.getMessage(), e);
        }
    }

    /** The width of the text column in points (charts are drawn this wide). */
    public float textWidth() {
        return TEXT_WIDTH;
    }

    /** The pages so far. */
    public int pageCount() {
        return doc.getNumberOfPages();
    }

    /**
     * A cover page of its own: title, subtitle and facts (label/value pairs, e.g. scope, data coverage, as-of)
     * in two columns. The cover's title is the document title; it has no footer.
     */
    public void cover(String title, String subtitle, List<String[]> facts) {
        io(() -> {
            if (page == null || !fresh) {
                newPage();
            }
            coverPage = page;
            this.title = title;
            y = PAGE.getHeight() * 0.68f;
            fill(ACCENT, MARGIN_X, y + 16, 60, 4);
            y = textBlock(title, 26f, 32f, ACCENT, true, MARGIN_X, TEXT_WIDTH, false);
            if (subtitle != null && !subtitle.isBlank()) {
                y -= 6;
                y = textBlock(subtitle, 13f, 18f, MUTED, false, MARGIN_X, TEXT_WIDTH, false);
            }
            y -= 22;
            hLine(MARGIN_X, y, TEXT_WIDTH, RULE, 0.75f);
            y -= 12;
            fresh = false;
            keyValueRows(facts == null ? List.of() : facts, BODY_SIZE, BODY_LEADING);
            needNewPage = true;
        });
    }

    /**
     * A chapter title (a top-level bookmark): after the previous block, or on a new page when less than a third of
     * the text area is left; kept with the next lines.
     */
    public void heading1(String text) {
        heading1(text, false);
    }

    /**
     * A chapter title (a top-level bookmark), on a new page when {@code newPage} (unless the current page is still
     * empty), else as {@link #heading1(String)}.
     */
    public void heading1(String text, boolean newPage) {
        io(() -> {
            if (page != null && !fresh && (newPage || y - MARGIN_BOTTOM < CHAPTER_MIN_SPACE)) {
                needNewPage = true;
            }
            gap(CHAPTER_GAP);
            ensure(H1_SIZE * 1.4f + 8 + 3 * BODY_LEADING);
            float top = y;
            y = textBlock(text, H1_SIZE, H1_SIZE * 1.35f, ACCENT, true, MARGIN_X, TEXT_WIDTH, false);
            y -= 3;
            hLine(MARGIN_X, y, TEXT_WIDTH, ACCENT, 1f);
            y -= 10;
            lastHeading1 = bookmark(outline, text, top);
        });
    }

    /**
     * Starts a new page unless {@code heightPt} of content still fits on this one (a heading with its chart), or
     * unless more than {@value #MAX_BLANK_PERCENT} % of this page is still free.
     */
    public void keepTogether(float heightPt) {
        io(() -> ensure(Math.min(heightPt, BODY_HEIGHT)));
    }

    /** The height left for blocks on the current page, in points (the whole text area before the first block). */
    public float spaceLeft() {
        return page == null || needNewPage ? BODY_HEIGHT : y - MARGIN_BOTTOM;
    }

    /** A subsection title (a bookmark under the last heading1), kept with the lines that follow it. */
    public void heading2(String text) {
        io(() -> {
            gap(14);
            ensure(H2_SIZE * 1.35f + 4 + 3 * BODY_LEADING);
            float top = y;
            y = textBlock(text, H2_SIZE, H2_SIZE * 1.35f, TEXT, true, MARGIN_X, TEXT_WIDTH, false);
            y -= 4;
            if (lastHeading1 != null) {
                bookmark(lastHeading1, text, top);
            } else {
                bookmark(outline, text, top);
            }
        });
    }

    /** Body text, wrapped and left-aligned; a line feed starts a new line. */
    public void paragraph(String text) {
        io(() -> {
            gap(BLOCK_GAP);
            y = textBlock(text, BODY_SIZE, BODY_LEADING, TEXT, false, MARGIN_X, TEXT_WIDTH, true);
        });
    }

    /** A bulleted list; each item wraps under its own first word. */
    public void bullets(List<String> items) {
        bullets(items, false);
    }

    /** A list whose items carry numbers 1, 2, … (a ranking) when {@code numbered}, else bullets. */
    public void bullets(List<String> items, boolean numbered) {
        io(() -> {
            gap(BLOCK_GAP);
            float indent = 14f;
            for (int i = 0; i < items.size(); i++) {
                String item = items.get(i);
                ensure(BODY_LEADING);
                if (numbered) {
                    drawText((i + 1) + ".", MARGIN_X, baseline(y, BODY_SIZE, BODY_LEADING), BODY_SIZE, ACCENT, true);
                } else {
                    drawText("\u2022", MARGIN_X + 3, baseline(y, BODY_SIZE, BODY_LEADING), BODY_SIZE, ACCENT, false);
                }
                y = textBlock(item, BODY_SIZE, BODY_LEADING, TEXT, false, MARGIN_X + indent, TEXT_WIDTH - indent, true);
                y -= 2;
            }
        });
    }

    /** Small grey text: sources, caveats, figure notes. */
    public void note(String text) {
        io(() -> {
            gap(4);
            y = textBlock(text, NOTE_SIZE, NOTE_LEADING, MUTED, false, MARGIN_X, TEXT_WIDTH, true);
        });
    }

    /** Label/value pairs in two columns (labels grey and bold); a pair never splits across pages. */
    public void keyValue(List<String[]> pairs) {
        io(() -> {
            gap(BLOCK_GAP);
            keyValueRows(pairs, BODY_SIZE, BODY_LEADING);
        });
    }

    /** Key figures per row of tiles. */
    static final int TILES_PER_ROW = 3;
    static final float TILE_GAP = 8f;
    static final float TILE_PAD = 6f;
    static final float TILE_VALUE_SIZE = 15f;

    /**
     * Key figures as tiles, {@value #TILES_PER_ROW} to a row: each a label (small, grey), a value (large) and a line
     * under it (small, e.g. the change against the period before; may be empty); a row of tiles never splits across
     * pages. Each text keeps to one line of its tile.
     */
    public void tiles(List<String[]> tiles) {
        io(() -> {
            gap(BLOCK_GAP);
            float w = (TEXT_WIDTH - (TILES_PER_ROW - 1) * TILE_GAP) / TILES_PER_ROW;
            float valueLeading = TILE_VALUE_SIZE * 1.3f;
            float h = 2 * TILE_PAD + 2 * NOTE_LEADING + valueLeading;
            for (int start = 0; start < tiles.size(); start += TILES_PER_ROW) {
                if (start > 0) {
                    y -= TILE_GAP;
                }
                ensure(h);
                for (int i = start; i < Math.min(tiles.size(), start + TILES_PER_ROW); i++) {
                    String[] tile = tiles.get(i);
                    float x = MARGIN_X + (i - start) * (w + TILE_GAP);
                    fill(ACCENT_TINT, x, y - h, w, h);
                    float inner = w - 2 * TILE_PAD;
                    float top = y - TILE_PAD;
                    drawFitted(cell(tile, 0), x + TILE_PAD, baseline(top, NOTE_SIZE, NOTE_LEADING), NOTE_SIZE, inner, MUTED, false);
                    top -= NOTE_LEADING;
                    drawFitted(cell(tile, 1), x + TILE_PAD, baseline(top, TILE_VALUE_SIZE, valueLeading), TILE_VALUE_SIZE, inner, ACCENT, true);
                    top -= valueLeading;
                    drawFitted(cell(tile, 2), x + TILE_PAD, baseline(top, NOTE_SIZE, NOTE_LEADING), NOTE_SIZE, inner, TEXT, false);
                }
                y -= h;
                fresh = false;
            }
        });
    }

    /** A tile's text set smaller, down to this share of its size, before it is shortened to fit its one line. */
    static final float MIN_FIT = 0.75f;

    /**
     * One line of text in {@code width}: at {@code size} when it fits, else at the size that fits down to
     * {@value #MIN_FIT} of it, else at that size cut at the last character that fits, ending in "…" (with a warning
     * naming the text) — never cut silently.
     */
    private void drawFitted(String text, float x, float baselineY, float size, float width, Color color, boolean bold) throws IOException {
        String printable = fonts.printable(text == null ? "" : text.replace('\n', ' '), warnings).strip();
        double full = LineBreaker.width(printable, cp -> fonts.width(cp, size));
        if (full <= width) {
            drawText(printable, x, baselineY, size, color, bold);
            return;
        }
        float fitted = (float) Math.max(size * MIN_FIT, Math.floor(size * width / full * 10) / 10);
        String shown = printable;
        if (LineBreaker.width(shown, cp -> fonts.width(cp, fitted)) > width) {
            double ellipsis = fonts.width('\u2026', fitted);
            int end = shown.length();
            while (end > 0 && LineBreaker.width(shown.substring(0, end), cp -> fonts.width(cp, fitted)) + ellipsis > width) {
                end = shown.offsetByCodePoints(end, -1);
            }
            shown = shown.substring(0, end).stripTrailing() + "\u2026";
            warnings.accept("report: \"" + printable + "\" does not fit its key-figure tile; shortened to \"" + shown + "\"");
        }
        drawText(shown, x, baselineY, fitted, color, bold);
    }

    /** Vertical space in points (dropped at the top of a page). */
    public void spacer(float points) {
        io(() -> gap(Math.max(0, points)));
    }

    /** The next block starts on a new page. */
    public void pageBreak() {
        checkOpen();
        if (page != null) {
            needNewPage = true;
        }
    }

    /**
     * A table: the caption and header stay with the first row, the header repeats on every page the table
     * continues to, a row never splits across pages (a row taller than a page is cut with "…" and a warning).
     */
    public void table(PdfTable table) {
        io(() -> new TableLayout(table).draw());
    }

    /** How much larger than its place on the page a chart is laid out (its fonts appear this much smaller). */
    static final double CHART_SCALE = 1.6;

    /**
     * A JFreeChart drawn the full text width and {@code heightPt} high (at most a page) as vector graphics in a
     * form XObject; on the next page when it does not fit (see the page flow in the class comment: on a page more
     * than {@value #MAX_BLANK_PERCENT} % free it shrinks to the space left instead). Chart text is drawn as glyph
     * outlines of the chart's AWT fonts (use {@link ReportFonts#awtFont(float)}), so no font (and no unembedded
     * one) enters the PDF; text and data are marked ({@link ChartMarks}).
     */
    public void chart(JFreeChart chart, float heightPt) {
        Objects.requireNonNull(chart, "chart");
        io(() -> {
            gap(BLOCK_GAP);
            float wanted = Math.min(Math.max(heightPt, 20f), BODY_HEIGHT);
            ensure(wanted);
            float h = Math.min(wanted, y - MARGIN_BOTTOM);
            PdfBoxGraphics2D g = ChartMarks.graphics(doc, TEXT_WIDTH, h);
            // a drawer with no registered fonts makes pdfbox-graphics2d draw every string as vector outlines
            PdfBoxGraphics2DFontTextDrawer textAsShapes = new PdfBoxGraphics2DFontTextDrawer();
            g.setFontTextDrawer(textAsShapes);
            try {
                // laid out on a larger canvas and scaled down, so the chart's 12 pt text reads as about 7.5 pt beside
                // the 10 pt body text, as in a printed report
                g.scale(1 / CHART_SCALE, 1 / CHART_SCALE);
                chart.draw(g, new Rectangle2D.Double(0, 0, TEXT_WIDTH * CHART_SCALE, h * CHART_SCALE));
            } finally {
                g.dispose();
                textAsShapes.close();
            }
            PDFormXObject form = g.getXFormObject();
            cs.saveGraphicsState();
            cs.transform(Matrix.getTranslateInstance(MARGIN_X, y - h));
            cs.drawForm(form);
            cs.restoreGraphicsState();
            y -= h;
            fresh = false;
        });
    }

    /**
     * Adds the footers and page numbers and writes the PDF to {@code out} atomically (a temporary file in the
     * same folder, then a move), creating the folder if needed. A report is saved once.
     */
    public void save(Path out) {
        checkOpen();
        io(() -> {
            if (page == null) {
                newPage();
            }
            closeStream();
            drawFooters();
            PDDocumentInformation info = doc.getDocumentInformation();
            if (title != null) {
                info.setTitle(title);
            }
            info.setCreator("marketlens");
            if (outline.hasChildren()) {
                doc.getDocumentCatalog().setDocumentOutline(outline);
                doc.getDocumentCatalog().setPageMode(PageMode.USE_OUTLINES);
            }
            Path target = out.toAbsolutePath();
            Path dir = target.getParent();
            Files.createDirectories(dir);
            // not Files.createTempFile: its owner-only permissions would carry over to the published report
            Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try {
                try (OutputStream os = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW)) {
                    doc.save(os);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            saved = true;
        });
    }

    @Override
    public void close() {
        try {
            closeStream();
        } catch (IOException e) {
            // closing after a failure: the document is discarded anyway
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            doc.close();
        } catch (IOException e) {
            // nothing left to save
        }
        if (fonts != null) {
            try {
                fonts.close();
            } catch (IOException e) {
                // font files are only read
            }
        }
    }

    // ---- layout ----

    /**
     * Starts a new page when a page break is pending, or when the block of height h does not fit and the current
     * page is filled more than {@code 100 - MAX_BLANK_PERCENT} % (the page flow in the class comment).
     */
    private void ensure(float h) throws IOException {
        if (page == null || needNewPage
                || (!fresh && y - h < MARGIN_BOTTOM && y - MARGIN_BOTTOM <= BODY_HEIGHT * MAX_BLANK_PERCENT / 100f)) {
            newPage();
        }
    }

    private void newPage() throws IOException {
        closeStream();
        page = new PDPage(PAGE);
        doc.addPage(page);
        cs = new PDPageContentStream(doc, page);
        y = TOP;
        fresh = true;
        needNewPage = false;
    }

    private void closeStream() throws IOException {
        if (cs != null) {
            cs.close();
            cs = null;
        }
    }

    /** Space before a block, except at the top of a page. */
    private void gap(float points) {
        if (page != null && !fresh && !needNewPage) {
            y -= points;
        }
    }

    /**
     * Wrapped text from the top y down; each line moves to a new page when it does not fit (when
     * {@code flows}); returns the new top of the free space.
     */
    private float textBlock(String text, float size, float leading, Color color, boolean bold, float x, float width,
            boolean flows) throws IOException {
        for (String line : lines(text, size, width)) {
            if (flows) {
                ensure(leading);
            }
            drawText(line, x, baseline(y, size, leading), size, color, bold);
            y -= leading;
            fresh = false;
        }
        return y;
    }

    /** The printable lines of a text (line feeds kept) wrapped to the width. */
    private List<String> lines(String text, float size, float width) {
        List<String> out = new ArrayList<>();
        String t = text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n');
        for (String para : t.split("\n", -1)) {
            out.addAll(LineBreaker.wrap(fonts.printable(para, warnings), width, cp -> fonts.width(cp, size)));
        }
        return out;
    }

    /** The baseline of a line whose box starts at top: the em box centred in the leading, 80 % above the baseline. */
    private static float baseline(float top, float size, float leading) {
        return top - (leading - size) / 2 - 0.8f * size;
    }

    private void drawText(String printable, float x, float baselineY, float size, Color color, boolean bold)
            throws IOException {
        if (printable.isEmpty()) {
            return;
        }
        cs.saveGraphicsState();
        cs.setNonStrokingColor(color);
        if (bold) {
            cs.setStrokingColor(color);
            cs.setLineWidth(size * BOLD_STROKE);
        }
        cs.beginText();
        if (bold) {
            cs.setRenderingMode(RenderingMode.FILL_STROKE);
        }
        cs.newLineAtOffset(x, baselineY);
        for (DocumentFonts.Run run : fonts.runs(printable)) {
            cs.setFont(run.face().pdf, size);
            cs.showText(run.text());
        }
        cs.endText();
        cs.restoreGraphicsState();
    }

    private void fill(Color color, float x, float yBottom, float w, float h) throws IOException {
        cs.setNonStrokingColor(color);
        cs.addRect(x, yBottom, w, h);
        cs.fill();
    }

    private void hLine(float x, float atY, float w, Color color, float lineWidth) throws IOException {
        cs.setStrokingColor(color);
        cs.setLineWidth(lineWidth);
        cs.moveTo(x, atY);
        cs.lineTo(x + w, atY);
        cs.stroke();
    }

    private PDOutlineItem bookmark(PDOutlineNode parent, String text, float top) {
        PDPageXYZDestination dest = new PDPageXYZDestination();
        dest.setPage(page);
        dest.setLeft(0);
        dest.setTop(Math.round(Math.min(PAGE.getHeight(), top + 12)));
        PDOutlineItem item = new PDOutlineItem();
        item.setTitle(text == null ? "" : text.strip());
        item.setDestination(dest);
        parent.addLast(item);
        return item;
    }

    private void keyValueRows(List<String[]> pairs, float size, float leading) throws IOException {
        float labelWidth = 0;
        for (String[] p : pairs) {
            labelWidth = Math.max(labelWidth, fonts.width(fonts.printable(cell(p, 0), warnings), size));
        }
        labelWidth = Math.min(labelWidth + 16, TEXT_WIDTH * 0.4f);
        float valueWidth = TEXT_WIDTH - labelWidth;
        for (String[] p : pairs) {
            List<String> label = lines(cell(p, 0), size, labelWidth - 12);
            List<String> value = lines(cell(p, 1), size, valueWidth);
            float h = Math.max(label.size(), value.size()) * leading + 2;
            ensure(h);
            float top = y;
            for (int i = 0; i < label.size(); i++) {
                drawText(label.get(i), MARGIN_X, baseline(top - i * leading, size, leading), size, MUTED, true);
            }
            for (int i = 0; i < value.size(); i++) {
                drawText(value.get(i), MARGIN_X + labelWidth, baseline(top - i * leading, size, leading), size, TEXT, false);
            }
            y = top - h;
            fresh = false;
        }
    }

    private static String cell(String[] pair, int i) {
        return pair != null && pair.length > i && pair[i] != null ? pair[i] : "";
    }

    private void drawFooters() throws IOException {
        int n = doc.getNumberOfPages();
        for (int i = 0; i < n; i++) {
            PDPage p = doc.getPage(i);
            if (coverPage != null && p.getCOSObject() == coverPage.getCOSObject()) {
                continue;
            }
            try (PDPageContentStream f = new PDPageContentStream(doc, p, PDPageContentStream.AppendMode.APPEND, true, true)) {
                PDPageContentStream body = cs;
                cs = f;
                try {
                    float ruleY = MARGIN_BOTTOM - 24;
                    hLine(MARGIN_X, ruleY, TEXT_WIDTH, RULE, 0.5f);
                    float base = ruleY - 12;
                    String number = (i + 1) + " / " + n;
                    String left = fonts.printable(footer, warnings);
                    drawText(left, MARGIN_X, base, FOOTER_SIZE, MUTED, false);
                    drawText(number, MARGIN_X + TEXT_WIDTH - fonts.width(number, FOOTER_SIZE), base, FOOTER_SIZE, MUTED, false);
                } finally {
                    cs = body;
                }
            }
        }
    }

    /** The layout of one table ({@link TableGrid}: font size, column widths, wrapped cells), rows placed page by page. */
    private final class TableLayout {
        private final PdfTable table;
        private final TableGrid grid;
        private final float size;
        private final float leading;
        private final float[] widths;
        private final float[] xs;

        TableLayout(PdfTable table) {
            this.table = table;
            this.grid = TableGrid.layout(table, TEXT_WIDTH, fonts::width, s -> fonts.printable(s, warnings), warnings);
            this.size = grid.size();
            this.leading = grid.leading();
            widths = grid.widths();
            xs = new float[widths.length];
            float x = MARGIN_X;
            for (int i = 0; i < widths.length; i++) {
                xs[i] = x;
                x += widths[i];
            }
        }

        private float height(List<List<String>> cells) {
            int n = 1;
            for (List<String> c : cells) {
                n = Math.max(n, c.size());
            }
            return n * leading + 2 * CELL_PAD_Y;
        }

        void draw() throws IOException {
            List<List<String>> header = grid.header();
            float headerHeight = height(header);
            List<String> caption = table.caption() == null || table.caption().isBlank()
                    ? List.of() : lines(table.caption(), TABLE_SIZE + 0.5f, TEXT_WIDTH);
            float captionHeight = caption.size() * TABLE_LEADING + (caption.isEmpty() ? 0 : 3);
            List<List<List<String>>> rows = grid.rows();
            float firstRows = 0;
            for (int r = 0; r < Math.min(2, rows.size()); r++) {
                firstRows += height(rows.get(r));
            }
            gap(BLOCK_GAP + 2);
            ensure(captionHeight + headerHeight + firstRows);
            for (String line : caption) {
                drawText(line, MARGIN_X, baseline(y, TABLE_SIZE + 0.5f, TABLE_LEADING), TABLE_SIZE + 0.5f, TEXT, true);
                y -= TABLE_LEADING;
            }
            y -= caption.isEmpty() ? 0 : 3;
            drawHeader(header, headerHeight);
            float maxRow = TOP - MARGIN_BOTTOM - headerHeight;
            for (int r = 0; r < rows.size(); r++) {
                List<List<String>> cells = rows.get(r);
                float h = height(cells);
                if (h > maxRow) {
                    cells = cut(cells, maxRow, r);
                    h = height(cells);
                }
                if (y - h < MARGIN_BOTTOM) {
                    newPage();
                    drawHeader(header, headerHeight);
                }
                drawRow(cells, h, r);
            }
            hLine(MARGIN_X, y, TEXT_WIDTH, RULE, 0.75f);
            y -= 2;
        }

        /** A row taller than a page keeps the lines that fit, the last one ending in "…". */
        private List<List<String>> cut(List<List<String>> cells, float maxRow, int r) {
            int maxLines = Math.max(1, (int) ((maxRow - 2 * CELL_PAD_Y) / leading));
            List<List<String>> out = new ArrayList<>();
            for (List<String> c : cells) {
                if (c.size() <= maxLines) {
                    out.add(c);
                } else {
                    List<String> kept = new ArrayList<>(c.subList(0, maxLines));
                    kept.set(maxLines - 1, kept.get(maxLines - 1) + "\u2026");
                    out.add(kept);
                }
            }
            warnings.accept("table row " + (r + 1) + " is taller than a page; its text was cut to " + maxLines + " lines");
            return out;
        }

        private void drawHeader(List<List<String>> header, float h) throws IOException {
            fill(ACCENT, MARGIN_X, y - h, TEXT_WIDTH, h);
            drawCells(header, Color.WHITE, true, true);
            y -= h;
            fresh = false;
        }

        private void drawRow(List<List<String>> cells, float h, int r) throws IOException {
            boolean highlighted = table.isHighlighted(r);
            if (highlighted) {
                fill(ACCENT_TINT, MARGIN_X, y - h, TEXT_WIDTH, h);
                fill(ACCENT, MARGIN_X, y - h, 2.5f, h);
            } else if (table.zebra() && r % 2 == 1) {
                fill(ZEBRA, MARGIN_X, y - h, TEXT_WIDTH, h);
            } else if (!table.zebra() && r > 0) {
                hLine(MARGIN_X, y, TEXT_WIDTH, RULE, 0.25f);
            }
            for (int c = 0; c < widths.length; c++) {
                Color fill = table.fill(r, c);
                if (fill != null) {
                    fill(fill, xs[c], y - h, widths[c], h);
                }
            }
            drawCells(cells, TEXT, highlighted, false);
            y -= h;
            fresh = false;
        }

        /** Body cells hang from the row's top; header cells stand on its bottom, so that their last lines align. */
        private void drawCells(List<List<String>> cells, Color color, boolean bold, boolean bottomAligned)
                throws IOException {
            int rowLines = cells.stream().mapToInt(List::size).max().orElse(1);
            for (int c = 0; c < cells.size(); c++) {
                boolean right = table.columns().get(c).align() == PdfTable.Align.RIGHT;
                List<String> ls = cells.get(c);
                int skip = bottomAligned ? rowLines - ls.size() : 0;
                cs.beginMarkedContent(CELL);
                for (int i = 0; i < ls.size(); i++) {
                    String line = ls.get(i);
                    float x = right ? xs[c] + widths[c] - CELL_PAD_X - fonts.width(line, size) : xs[c] + CELL_PAD_X;
                    float top = y - CELL_PAD_Y - (skip + i) * leading;
                    drawText(line, x, baseline(top, size, leading), size, color, bold);
                }
                cs.endMarkedContent();
            }
        }
    }

    // ---- plumbing ----

    private interface IoAction {
        void run() throws IOException;
    }

    private void io(IoAction action) {
        checkOpen();
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PDF report: " + e.getMessage(), e);
        }
    }

    private void checkOpen() {
        if (saved) {
            throw new IllegalStateException("the report was saved; start a new PdfReport for another document");
        }
    }
}
