package io.marketlens.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.reports.pdf.PdfReport;
import io.marketlens.reports.pdf.ReportFonts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageFitDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.CategoryTextAnnotation;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PdfLayout} on small PDFs built here: each rule fails on a bad page and passes on a good one. */
class PdfLayoutTest {

    private static final PDType1Font HELVETICA = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

    @TempDir
    Path tmp;

    // ---- blank pages

    /** Text from {@code top} down to {@code bottom} (points from the page's bottom edge), a line every 14 pt. */
    private static void lines(PDDocument doc, PDPage page, float top, float bottom) throws IOException {
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
            for (float y = top; y >= bottom; y -= 14) {
                cs.beginText();
                cs.setFont(HELVETICA, 10);
                cs.newLineAtOffset(57, y);
                cs.showText("A line of body text " + (int) y);
                cs.endText();
            }
            // a footer, which does not count
            cs.beginText();
            cs.setFont(HELVETICA, 8);
            cs.newLineAtOffset(57, 35);
            cs.showText("footer 1 / 3");
            cs.endText();
        }
    }

    @Test
    void aMostlyBlankPageIsCaughtAndAFullOneIsNot() throws IOException {
        try (PDDocument doc = new PDDocument()) {
            for (int i = 0; i < 3; i++) {
                doc.addPage(new PDPage(PDRectangle.A4));
            }
            // page 1: two lines at the top of the 714 pt band; page 2: full to the footer; page 3 (last): one line
            lines(doc, doc.getPage(0), 770, 756);
            lines(doc, doc.getPage(1), 770, 80);
            lines(doc, doc.getPage(2), 770, 770);
            List<PdfLayout.PageBlank> pages = PdfLayout.blankShares(doc, PdfLayout.Frame.REPORT);

            // page 1: ink ends about 3 pt below the last baseline at 756, i.e. 753 of a band from 71 to 785
            assertThat(pages.get(0).blankShare()).isCloseTo((753 - 70.87) / 714.33, within(0.02));
            assertThat(pages.get(1).blankShare()).isLessThan(0.02);
            assertThat(pages.get(2).lastOfChapter()).isTrue();
            assertThat(PdfLayout.mostlyBlank(pages, 0.8)).extracting(PdfLayout.PageBlank::page).containsExactly(1);
        }
    }

    @Test
    void aPageBeforeAChapterThatStartsAtTheTopOfTheNextIsTheLastOfAChapter() throws IOException {
        try (PDDocument doc = new PDDocument()) {
            for (int i = 0; i < 3; i++) {
                doc.addPage(new PDPage(PDRectangle.A4));
            }
            lines(doc, doc.getPage(0), 770, 756);
            lines(doc, doc.getPage(2), 770, 756);
            try (PDPageContentStream cs = new PDPageContentStream(doc, doc.getPage(1))) {
                cs.beginText();
                cs.setFont(HELVETICA, 18);
                cs.newLineAtOffset(57, 770);
                cs.showText("Market size");
                cs.endText();
            }
            PDDocumentOutline outline = new PDDocumentOutline();
            PDOutlineItem item = new PDOutlineItem();
            item.setTitle("Market size");
            PDPageFitDestination dest = new PDPageFitDestination();
            dest.setPage(doc.getPage(1));
            item.setDestination(dest);
            outline.addLast(item);
            doc.getDocumentCatalog().setDocumentOutline(outline);

            List<PdfLayout.PageBlank> pages = PdfLayout.blankShares(doc, PdfLayout.Frame.REPORT);
            assertThat(pages).extracting(PdfLayout.PageBlank::lastOfChapter).containsExactly(true, false, true);
            // page 2 holds only its title: mostly blank and not the end of its chapter
            assertThat(PdfLayout.mostlyBlank(pages, 0.8)).extracting(PdfLayout.PageBlank::page).containsExactly(2);
            // the strict form lets only the last page end early
            assertThat(PdfLayout.mostlyBlankButTheLast(pages, 0.8)).extracting(PdfLayout.PageBlank::page).containsExactly(1, 2);
        }
    }

    // ---- broken words

    /** One table cell per array of lines, each a marked-content sequence as the report draws it. */
    private Path cells(String[]... cells) throws IOException {
        Path out = tmp.resolve("cells.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                float x = 57;
                for (String[] cell : cells) {
                    cs.beginMarkedContent(COSName.getPDFName(PdfReport.CELL_TAG));
                    float y = 700;
                    for (String line : cell) {
                        cs.beginText();
                        cs.setFont(HELVETICA, 9);
                        cs.newLineAtOffset(x, y);
                        cs.showText(line);
                        cs.endText();
                        y -= 12.6f;
                    }
                    cs.endMarkedContent();
                    x += 120;
                }
            }
            doc.save(out.toFile());
        }
        return out;
    }

    @Test
    void aWordBrokenAcrossTheLinesOfACellIsCaught() throws IOException {
        PdfLayout.Vocabulary words = new PdfLayout.Vocabulary().add("Destination country").add("Shipments").add("USD");
        Path pdf = cells(new String[] {"Destinati", "on"}, new String[] {"Destination", "country"}, new String[] {"Shipment", "s"},
                new String[] {"1,234", "USD"}, new String[] {"12.", "5 %"}, new String[] {"USD", "11.77"},
                new String[] {"destination", "Country"});
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(PdfLayout.tableCells(doc)).isEqualTo(7);
            assertThat(PdfLayout.brokenWords(doc, words)).extracting(b -> b.upper() + "/" + b.lower())
                    .containsExactly("Destinati/on", "Shipment/s", "12./5", "USD/11.77");
        }
    }

    @Test
    void aChineseTermBrokenInsideIsCaught() {
        PdfLayout.Vocabulary words = new PdfLayout.Vocabulary().add("复合增长率").add("宠物用品>喂食饮水");
        assertThat(words.test("复合增")).isFalse();
        assertThat(words.test("复合增长率")).isTrue();
        // a category path may break at its separator
        assertThat(words.test("宠物用品>")).isTrue();
        assertThat(words.test("喂食饮水")).isTrue();
        assertThat(words.test("2,600")).isTrue();
        assertThat(words.test("2,60")).isFalse();
        // sizes S, M, L in a table do not make "s" a word that may start a line
        assertThat(new PdfLayout.Vocabulary().add("S M L").test("s")).isFalse();
        // a unit of known parts and a column name are whole; a piece of either is not
        PdfLayout.Vocabulary units = new PdfLayout.Vocabulary().add("kg");
        assertThat(units.test("(BRL/kg)")).isTrue();
        assertThat(units.test("BRL/k")).isFalse();
        assertThat(units.test("order_ts")).isTrue();
        assertThat(units.test("order_")).isFalse();
        assertThat(new PdfLayout.Vocabulary().add("超出范围 quantity").test("超出范围：quantity")).isTrue();
        assertThat(new PdfLayout.Vocabulary().add("超出范围 quantity").test("超出范：quantity")).isFalse();
    }

    // ---- text on chart data

    private Path chartWithLabelAt(double value) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(40, "Revenue", "A");
        data.addValue(100, "Revenue", "B");
        data.addValue(60, "Revenue", "C");
        JFreeChart chart = ChartFactory.createBarChart("Revenue", "Band", "BRL", data, PlotOrientation.VERTICAL, false, false, false);
        chart.getCategoryPlot().getRangeAxis().setRange(0, 130);
        chart.getCategoryPlot().addAnnotation(new CategoryTextAnnotation("Best price band", "B", value));
        Path out = tmp.resolve("chart-" + value + ".pdf");
        List<String> warnings = new ArrayList<>();
        try (PdfReport r = new PdfReport(ReportFonts.discover(Optional.empty(), k -> null, List.of(), warnings::add), "footer",
                warnings::add)) {
            r.heading1("Price bands");
            r.paragraph("The best band is B.");
            r.chart(chart, 250f);
            r.save(out);
        }
        return out;
    }

    @Test
    void aLabelOverABarIsCaughtAndOneAboveItIsNot() throws IOException {
        try (PDDocument over = Loader.loadPDF(chartWithLabelAt(50).toFile());
             PDDocument above = Loader.loadPDF(chartWithLabelAt(118).toFile())) {
            int[] marks = PdfLayout.chartMarks(above);
            assertThat(marks[0]).as("data shapes: three bars").isGreaterThanOrEqualTo(3);
            assertThat(marks[1]).as("chart strings: title, axis labels, ticks, the label").isGreaterThan(5);
            assertThat(PdfLayout.textOnChartData(over)).hasSize(1).first()
                    .satisfies(o -> assertThat(o.text()).isEqualTo("chart text"));
            assertThat(PdfLayout.textOnChartData(above)).isEmpty();
        }
    }

    @Test
    void pageTextOnChartDataIsCaught() throws IOException {
        Path out = tmp.resolve("text-on-bar.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginMarkedContent(COSName.getPDFName(io.marketlens.reports.pdf.ChartMarks.DATA_TAG));
                cs.addRect(100, 400, 40, 200);
                cs.fill();
                cs.endMarkedContent();
                cs.beginText();
                cs.setFont(HELVETICA, 10);
                cs.newLineAtOffset(90, 500);
                cs.showText("Overdrawn");
                cs.newLineAtOffset(0, 150);
                cs.showText("Clear");
                cs.endText();
            }
            doc.save(out.toFile());
        }
        try (PDDocument doc = Loader.loadPDF(out.toFile())) {
            // the glyphs of "Overdrawn" (x 90 to about 137) on the bar (x 100 to 140); "Clear" is above it
            assertThat(PdfLayout.textOnChartData(doc)).singleElement().satisfies(o -> {
                assertThat("Overdrawn").endsWith(o.text());
                assertThat(o.text()).hasSizeGreaterThan(5);
                assertThat(o.box().getY()).isCloseTo(500, within(1.0));
            });
        }
    }
}
