package io.marketlens.reports.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfReportTest {

    private static final String FOOTER = "marketlens · run 2025-08-31";

    private final List<String> warnings = new ArrayList<>();

    @TempDir
    Path tmp;

    private ReportFonts cjkFonts() {
        return ReportFonts.discover(Optional.empty(), k -> null, List.of(ReportFontsTest.WQY), warnings::add);
    }

    private ReportFonts latinOnly() {
        return ReportFonts.discover(Optional.empty(), k -> null, List.of(), warnings::add);
    }

    @Test
    void writesBlocksInOrderWithACoverFootersAndBookmarks() throws IOException {
        Path out = tmp.resolve("report.pdf");
        try (PdfReport r = new PdfReport(latinOnly(), FOOTER, warnings::add)) {
            r.cover("Market report", "Home & garden, Brazil", List.of(new String[] {"As of", "2018-08-31"},
                    new String[] {"Data coverage", "2016-09 to 2018-08"}));
            r.heading1("Market size");
            r.paragraph("Revenue grew strongly over the window.");
            r.heading2("By month");
            r.bullets(List.of("First point", "Second point"));
            r.note("Source: Olist 2017");
            r.heading1("Concentration");
            r.keyValue(List.<String[]>of(new String[] {"HHI", "2,600"}));
            r.heading2("Sellers");
            r.heading1("Price bands", false);
            r.paragraph("Closing words.");
            r.save(out);
        }

        try (PDDocument pdf = Loader.loadPDF(out.toFile())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).containsSubsequence("Market report", "Home & garden, Brazil", "As of", "2018-08-31",
                    "Data coverage", "Market size", "Revenue grew strongly over the window.", "By month", "First point",
                    "Second point", "Source: Olist 2017", "Concentration", "HHI", "2,600", "Sellers", "Price bands",
                    "Closing words.");
            // the cover, then the three chapters flowing on one page (each starts with more than a third of it left)
            assertThat(pdf.getNumberOfPages()).isEqualTo(2);
            assertThat(pageText(pdf, 1)).doesNotContain(FOOTER).doesNotContain("1 / 2");
            assertThat(pageText(pdf, 2)).contains(FOOTER).contains("Market size").contains("Concentration")
                    .contains("Price bands").contains("2 / 2");
            assertThat(pdf.getDocumentInformation().getTitle()).isEqualTo("Market report");

            List<PDOutlineItem> top = children(pdf.getDocumentCatalog().getDocumentOutline().getFirstChild());
            assertThat(top).extracting(PDOutlineItem::getTitle).containsExactly("Market size", "Concentration", "Price bands");
            assertThat(children(top.get(0).getFirstChild())).extracting(PDOutlineItem::getTitle).containsExactly("By month");
            assertThat(children(top.get(1).getFirstChild())).extracting(PDOutlineItem::getTitle).containsExactly("Sellers");
            assertThat(top.get(2).getFirstChild()).isNull();
            assertAllFontsEmbeddedSubsets(pdf);
        }
        assertThat(warnings).isEmpty();
        // the atomic save leaves no temporary file behind
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("report.pdf");
        }
    }

    @Test
    void aLongTableRepeatsItsHeaderOnEveryPageAndNeverSplitsARow() throws IOException {
        // Free height of a page: 841.89 (A4) - 56.69 (top) - 70.87 (bottom) = 714.33 pt.
        // A one-line row at 9 pt is 12.6 (leading) + 2 x 3.5 (padding) = 19.6 pt, the header too.
        // Rows per page: floor((714.33 - 19.6) / 19.6) = floor(35.4) = 35, so 120 rows = 35 + 35 + 35 + 15: 4 pages.
        PdfTable.Builder t = PdfTable.builder().left("Band", 2).right("Listings", 1).right("Opportunity", 1);
        for (int i = 1; i <= 120; i++) {
            t.row(String.format("r%03d", i), Integer.toString(i * 10), String.format("%.2f", i / 100.0));
        }
        Path out = tmp.resolve("table.pdf");
        try (PdfReport r = new PdfReport(latinOnly(), FOOTER, warnings::add)) {
            r.table(t.highlight(6).build());
            r.save(out);
        }

        try (PDDocument pdf = Loader.loadPDF(out.toFile())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(4);
            String text = new PDFTextStripper().getText(pdf);
            assertThat(occurrences(text, "Opportunity")).isEqualTo(4);
            assertThat(text).containsSubsequence(IntStream.rangeClosed(1, 120).mapToObj(i -> String.format("r%03d", i))
                    .toList().toArray(String[]::new));
            // the 35th row ends page 1, the 36th starts page 2 under the repeated header
            assertThat(pageText(pdf, 1)).contains("r035").doesNotContain("r036");
            assertThat(pageText(pdf, 2)).containsSubsequence("Band", "Listings", "Opportunity", "r036").contains("r070");
            assertThat(pageText(pdf, 4)).contains("r106", "r120", "4 / 4").doesNotContain("r105");
            assertAllFontsEmbeddedSubsets(pdf);
        }
    }

    @Test
    void longCellsWrapWithinTheirColumnBetweenWords() throws IOException {
        // two long free-text columns: together they need about twice the text width on one line, so each wraps
        String first = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar";
        String second = "papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu alpha bravo charlie delta";
        PdfTable table = PdfTable.builder().caption("Table 1. Wrapped cells").left("Term", 1).left("Notes", 5)
                .row(first, second).build();
        Path out = tmp.resolve("wrap.pdf");
        try (PdfReport r = new PdfReport(latinOnly(), FOOTER, warnings::add)) {
            r.table(table);
            r.save(out);
        }

        try (PDDocument pdf = Loader.loadPDF(out.toFile())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).containsSubsequence("Table 1. Wrapped cells", "Term", "Notes", "alpha", "bravo", "charlie",
                    "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet");
            List<String> lines = text.lines().toList();
            String alphaLine = lines.stream().filter(l -> l.contains("alpha")).findFirst().orElseThrow();
            assertThat(alphaLine).doesNotContain("oscar").doesNotContain("zulu");
            // every word of both cells is printed whole on some line
            for (String word : (first + " " + second).split(" ")) {
                assertThat(lines).anyMatch(l -> List.of(l.split(" ")).contains(word));
            }
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void aCellFillIsPaintedBehindItsCellOnly() throws IOException {
        java.awt.Color fill = new java.awt.Color(0x12, 0x34, 0x56);
        PdfTable table = PdfTable.builder().left("Category", 1).right("HHI", 1).row("Toys", "2,600").row("Garden", "800")
                .fill(0, 1, fill).build();
        assertThat(table.fill(0, 1)).isEqualTo(fill);
        assertThat(table.fill(1, 1)).isNull();
        assertThatThrownBy(() -> PdfTable.builder().left("A", 1).row("x").fill(0, 1, fill)).isInstanceOf(IndexOutOfBoundsException.class);
        Path out = tmp.resolve("fill.pdf");
        try (PdfReport r = new PdfReport(latinOnly(), FOOTER, warnings::add)) {
            r.table(table);
            r.save(out);
        }

        try (PDDocument pdf = Loader.loadPDF(out.toFile())) {
            java.awt.image.BufferedImage page = new org.apache.pdfbox.rendering.PDFRenderer(pdf).renderImageWithDPI(0, 72);
            int filled = 0;
            int left = Integer.MAX_VALUE;
            for (int y = 0; y < page.getHeight(); y++) {
                for (int x = 0; x < page.getWidth(); x++) {
                    if ((page.getRGB(x, y) & 0xFFFFFF) == (fill.getRGB() & 0xFFFFFF)) {
                        filled++;
                        left = Math.min(left, x);
                    }
                }
            }
            // one cell of about 241 × 20 pt, all of it right of the second column's edge at 56.7 + 481.9 ÷ 2 = 297.6 pt
            assertThat(filled).isGreaterThan(2000);
            assertThat(left).isGreaterThanOrEqualTo(297);
        }
    }

    @Test
    void aRowTallerThanAPageIsCutWithAWarning() throws IOException {
        // 80 lines of 12.6 pt do not fit a page; room under the header: 714.33 - 19.6 = 694.73 pt,
        // minus 2 x 3.5 padding = 687.73 pt = 54.6 lines, so 54 lines are kept, the 54th ending in "…"
        String cell = IntStream.rangeClosed(1, 80).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        Path out = tmp.resolve("tall.pdf");
        try (PdfReport r = new PdfReport(latinOnly(), FOOTER, warnings::add)) {
            r.table(PdfTable.builder().left("Text", 1).row("before").row(cell).row("after").build());
            r.save(out);
        }

        try (PDDocument pdf = Loader.loadPDF(out.toFile())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(3); // "before", the cut row alone, "after"
            assertThat(pageText(pdf, 2)).contains("line 1\n", "line 53\n", "line 54\u2026").doesNotContain("line 55");
            assertThat(pageText(pdf, 3)).contains("after");
        }
        assertThat(warnings).singleElement().asString().contains("row 2").contains("54 lines");
    }

    @Test
    void chartsAreVectorFormsWithoutImagesOrUnembeddedFonts() throws IOException {
        ReportFonts fonts = latinOnly();
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(120, "Revenue", "2018-06");
        data.addValue(150, "Revenue", "2018-07");
        data.addValue(90, "Revenue", "2018-08");
        JFreeChart chart = ChartFactory.createBarChart("Monthly revenue", "Month", "BRL", data, PlotOrientation.VERTICAL,
                true, false, false);
        chart.getTitle().setFont(fonts.awtFont(java.awt.Font.BOLD, 12f));
        chart.getCategoryPlot().getDomainAxis().setTickLabelFont(fonts.awtFont(8f));

        Path out = tmp.resolve("chart.pdf");
        try (PdfReport r = new PdfReport(fonts, FOOTER, warnings::add)) {
            r.heading1("Market size");
            r.paragraph("Before the chart.");
            r.pageBreak();
            r.paragraph("After the chart.");
            r.chart(chart, 200f);
            r.save(out);
        }

        try (PDDocument pdf = Loader.loadPDF(out.toFile())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(2);
            assertThat(formXObjects(pdf.getPage(0).getResources())).isEmpty();
            assertThat(formXObjects(pdf.getPage(1).getResources())).hasSize(1);
            for (PDPage p : pdf.getPages()) {
                assertThat(imageCount(p.getResources())).isZero();
            }
            assertAllFontsEmbeddedSubsets(pdf);
            // the chart's words are outlines, not text: only the paragraphs and the footer are extracted
            assertThat(pageText(pdf, 2)).contains("After the chart.").doesNotContain("Monthly revenue");
        }
    }

    @Test
    void chineseTextRoundTripsWithTheCjkFont() throws IOException {
        assumeTrue(Files.isRegularFile(ReportFontsTest.WQY), "no CJK font (fonts-wqy-microhei) on this machine");
        ReportFonts fonts = cjkFonts();
        assertThat(fonts.hasCjk()).isTrue();
        Path out = tmp.resolve("zh.pdf");
        try (PdfReport r = new PdfReport(fonts, "marketlens · 运行 2025-08-31", warnings::add)) {
            r.heading1("市场集中度");
            r.paragraph("市场集中度 HHI 2,600");
            r.table(PdfTable.builder().left("类目", 2).right("HHI", 1).row("家居园艺", "2,600").build());
            r.save(out);
        }

        try (PDDocument pdf = Loader.loadPDF(out.toFile())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).containsSubsequence("市场集中度", "市场集中度 HHI 2,600", "类目", "HHI", "家居园艺", "2,600",
                    "marketlens · 运行 2025-08-31", "1 / 1");
            assertAllFontsEmbeddedSubsets(pdf);
            assertThat(fontNames(pdf)).anyMatch(n -> n.endsWith("+WenQuanYiMicroHei"))
                    .anyMatch(n -> n.endsWith("+LiberationSans"));
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void withoutACjkFontChineseBecomesQuestionMarksWithOneWarning() throws IOException {
        Path out = tmp.resolve("nocjk.pdf");
        try (PdfReport r = new PdfReport(latinOnly(), FOOTER, warnings::add)) {
            r.paragraph("市场集中度 HHI 2,600");
            r.paragraph("第二段");
            r.table(PdfTable.builder().left("Item", 1).row("Box \uD83D\uDCE6 ok").build()); // U+1F4E6, in no font here
            r.save(out);
        }

        try (PDDocument pdf = Loader.loadPDF(out.toFile())) {
            assertThat(new PDFTextStripper().getText(pdf)).containsSubsequence("????? HHI 2,600", "???", "Box ? ok");
            assertAllFontsEmbeddedSubsets(pdf);
        }
        assertThat(warnings).singleElement().asString().contains("U+5E02").contains("'?'");
    }

    @Test
    void aTileTextTooLongForItsLineIsSetSmallerAndOnlyThenShortenedWithAWarning() throws IOException {
        // a tile is (481.9 − 2 · 10) ÷ 3 − 2 · 6 = 141.9 pt inside; the label at 8.5 pt: "Own store share (rank 63 of 126
        // sellers)" is about 150 pt, so it is set at about 8 pt and printed whole; a 60-character value at 15 pt is
        // wider than 141.9 pt even at 75 % (11.25 pt) and ends in "…"
        String label = "Own store share (rank 63 of 126 sellers)";
        String value = "Sports & Outdoors>Camping & Hiking>Tents and shelters>Canopies";
        Path out = tmp.resolve("tiles.pdf");
        List<Float> sizes = new ArrayList<>();
        try (PdfReport r = new PdfReport(latinOnly(), FOOTER, warnings::add)) {
            r.tiles(List.<String[]>of(new String[]{label, value, "+1.0 points"}));
            r.save(out);
        }
        String text;
        try (PDDocument pdf = Loader.loadPDF(out.toFile())) {
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String s, List<TextPosition> positions) throws IOException {
                    if (s.startsWith("Own store")) {
                        sizes.add(positions.get(0).getFontSizeInPt());
                    }
                    super.writeString(s, positions);
                }
            };
            text = stripper.getText(pdf);
        }
        assertThat(text).contains(label, "+1.0 points", "Sports & Outdoors>Camp", "\u2026").doesNotContain(value);
        assertThat(sizes).singleElement().satisfies(size -> assertThat(size).isLessThan(8.5f).isGreaterThanOrEqualTo(8.5f * PdfReport.MIN_FIT));
        assertThat(warnings).singleElement().asString().contains("does not fit its key-figure tile").contains("\u2026");
    }

    @Test
    void savingReplacesAnOlderFileAndASavedReportTakesNoMoreContent() throws IOException {
        Path out = Files.writeString(tmp.resolve("old.pdf"), "previous run");
        try (PdfReport r = new PdfReport(latinOnly(), FOOTER, warnings::add)) {
            r.paragraph("Fresh");
            r.save(out);
            assertThatThrownBy(() -> r.paragraph("late")).isInstanceOf(IllegalStateException.class);
        }
        try (PDDocument pdf = Loader.loadPDF(out.toFile())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("Fresh");
        }
        if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
            // the published file gets the folder's usual permissions, not a temporary file's owner-only ones
            Path plain = tmp.resolve("plain");
            Files.newOutputStream(plain).close();
            assertThat(Files.getPosixFilePermissions(out)).isEqualTo(Files.getPosixFilePermissions(plain));
        }
    }

    // ---- helpers ----

    private static String pageText(PDDocument pdf, int page) throws IOException {
        PDFTextStripper s = new PDFTextStripper();
        s.setStartPage(page);
        s.setEndPage(page);
        return s.getText(pdf);
    }

    private static int occurrences(String text, String word) {
        int n = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length())) {
            n++;
        }
        return n;
    }

    private static List<PDOutlineItem> children(PDOutlineItem first) {
        List<PDOutlineItem> out = new ArrayList<>();
        for (PDOutlineItem i = first; i != null; i = i.getNextSibling()) {
            out.add(i);
        }
        return out;
    }

    /** Every font of every page and of every form inside it is embedded and a subset (ABCDEF+Name). */
    private static void assertAllFontsEmbeddedSubsets(PDDocument pdf) throws IOException {
        List<PDFont> fonts = new ArrayList<>();
        for (PDPage p : pdf.getPages()) {
            collectFonts(p.getResources(), fonts);
        }
        assertThat(fonts).isNotEmpty();
        for (PDFont f : fonts) {
            assertThat(f.isEmbedded()).as("font %s embedded", f.getName()).isTrue();
            assertThat(f.getName()).as("subset font name").matches("[A-Z]{6}\\+.+");
        }
    }

    private static List<String> fontNames(PDDocument pdf) throws IOException {
        List<PDFont> fonts = new ArrayList<>();
        for (PDPage p : pdf.getPages()) {
            collectFonts(p.getResources(), fonts);
        }
        return fonts.stream().map(PDFont::getName).collect(Collectors.toList());
    }

    private static void collectFonts(PDResources res, List<PDFont> out) throws IOException {
        if (res == null) {
            return;
        }
        for (COSName n : res.getFontNames()) {
            out.add(res.getFont(n));
        }
        for (PDFormXObject form : formXObjects(res)) {
            collectFonts(form.getResources(), out);
        }
    }

    private static List<PDFormXObject> formXObjects(PDResources res) throws IOException {
        List<PDFormXObject> out = new ArrayList<>();
        if (res == null) {
            return out;
        }
        for (COSName n : res.getXObjectNames()) {
            PDXObject x = res.getXObject(n);
            if (x instanceof PDFormXObject f) {
                out.add(f);
            }
        }
        return out;
    }

    /** Images in the resources, including those of nested forms. */
    private static int imageCount(PDResources res) throws IOException {
        if (res == null) {
            return 0;
        }
        int n = 0;
        for (COSName name : res.getXObjectNames()) {
            PDXObject x = res.getXObject(name);
            if (x instanceof PDImageXObject) {
                n++;
            } else if (x instanceof PDFormXObject f) {
                n += imageCount(f.getResources());
            }
        }
        return n;
    }
}
