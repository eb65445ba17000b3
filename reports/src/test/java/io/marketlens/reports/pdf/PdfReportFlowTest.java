package io.marketlens.reports.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page flow of {@link PdfReport} (its class comment): measured with {@link PdfReport#spaceLeft()} and page counts.
 * The text area is 841.89 − 56.69 − 70.87 = 714.33 pt high; a third of it is 238.11 pt, 80 % of it 571.46 pt.
 */
class PdfReportFlowTest {

    private final List<String> warnings = new ArrayList<>();

    @TempDir
    Path tmp;

    private PdfReport report() {
        return new PdfReport(ReportFonts.discover(Optional.empty(), k -> null, List.of(), warnings::add), "footer", warnings::add);
    }

    /** Leaves exactly {@code left} points on the current page (a spacer is plain space, dropped at a page top). */
    private static void fillTo(PdfReport r, float left) {
        r.spacer(r.spaceLeft() - left);
        assertThat(r.spaceLeft()).isCloseTo(left, within(0.01f));
    }

    private static JFreeChart chart() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(120, "Revenue", "2018-06");
        data.addValue(150, "Revenue", "2018-07");
        return ChartFactory.createBarChart("Revenue", "Month", "BRL", data, PlotOrientation.VERTICAL, false, false, false);
    }

    @Test
    void theTextAreaAndItsThirdAreWhatTheCommentSays() {
        assertThat(PdfReport.BODY_HEIGHT).isCloseTo(714.33f, within(0.01f));
        assertThat(PdfReport.CHAPTER_MIN_SPACE).isCloseTo(238.11f, within(0.01f));
    }

    @Test
    void aChapterContinuesThePageWhileAThirdOfItIsLeft() {
        try (PdfReport r = report()) {
            r.heading1("One");
            r.paragraph("Some text.");
            fillTo(r, 240f);
            r.heading1("Two");
            assertThat(r.pageCount()).isEqualTo(1);
            // gap 24, title 18 × 1.35 = 24.3, rule 3 + 10 below it
            assertThat(r.spaceLeft()).isCloseTo(240f - 24f - 24.3f - 13f, within(0.01f));
        }
    }

    @Test
    void aChapterStartsANewPageWhenLessThanAThirdIsLeft() {
        try (PdfReport r = report()) {
            r.heading1("One");
            r.paragraph("Some text.");
            fillTo(r, 236f);
            r.heading1("Two");
            assertThat(r.pageCount()).isEqualTo(2);
            // at the top of the new page: no gap above the title
            assertThat(r.spaceLeft()).isCloseTo(PdfReport.BODY_HEIGHT - 24.3f - 13f, within(0.01f));
        }
    }

    @Test
    void anExplicitNewPageStillBreaks() {
        try (PdfReport r = report()) {
            r.heading1("One");
            r.heading1("Two", true);
            assertThat(r.pageCount()).isEqualTo(2);
        }
    }

    @Test
    void aChartThatDoesNotFitMovesOnFromAPageFilledMoreThanAFifth() {
        try (PdfReport r = report()) {
            r.heading1("One");
            fillTo(r, 300f);
            // 8 pt gap + 300 pt: does not fit in 300; the page is 58 % filled
            r.chart(chart(), 300f);
            assertThat(r.pageCount()).isEqualTo(2);
            assertThat(r.spaceLeft()).isCloseTo(PdfReport.BODY_HEIGHT - 300f, within(0.01f));
        }
    }

    @Test
    void aChartTallerThanTheSpaceLeftOnAMostlyBlankPageShrinksToIt() {
        try (PdfReport r = report()) {
            r.heading1("One");
            r.paragraph("Before the chart.");
            float left = r.spaceLeft();
            assertThat(left).isGreaterThan(PdfReport.BODY_HEIGHT * 0.8f);
            r.chart(chart(), 700f);
            assertThat(r.pageCount()).isEqualTo(1);
            assertThat(r.spaceLeft()).isCloseTo(0f, within(0.01f));
            r.paragraph("After the chart.");
            assertThat(r.pageCount()).isEqualTo(2);
        }
    }

    @Test
    void keepTogetherIsNotHonouredOnAMostlyBlankPage() {
        try (PdfReport r = report()) {
            r.heading1("One");
            r.keepTogether(700f);
            assertThat(r.pageCount()).isEqualTo(1);
            fillTo(r, 400f);
            r.keepTogether(450f);
            assertThat(r.pageCount()).isEqualTo(2);
        }
    }

    /** A table's caption (15.6 pt) and header (19.6 pt) go with its first two rows (19.6 pt each), after a 10 pt gap. */
    @Test
    void aTableStartsWhereItsCaptionHeaderAndTwoRowsFit() throws IOException {
        Path out = tmp.resolve("t.pdf");
        try (PdfReport r = report()) {
            r.heading1("One");
            fillTo(r, 84.5f);
            r.table(table("Fits"));
            assertThat(r.pageCount()).isEqualTo(2);
            r.heading1("Two", true);
            fillTo(r, 80f);
            r.table(table("Moves"));
            assertThat(r.pageCount()).isEqualTo(4);
            r.save(out);
        }
        try (PDDocument pdf = Loader.loadPDF(out.toFile())) {
            assertThat(page(pdf, 1)).contains("Fits", "row 1", "row 2").doesNotContain("row 3");
            assertThat(page(pdf, 2)).contains("row 3");
            assertThat(page(pdf, 3)).doesNotContain("Moves");
            assertThat(page(pdf, 4)).contains("Moves", "row 1", "row 2", "row 3");
        }
    }

    @Test
    void aRowOfTilesMovesOnWhole() {
        try (PdfReport r = report()) {
            r.heading1("One");
            fillTo(r, 60f);
            // gap 8, tile 2 × 6 + 2 × 12 + 19.5 = 55.5
            r.tiles(List.<String[]>of(new String[] {"Revenue", "1.2 M", "+3 %"}));
            assertThat(r.pageCount()).isEqualTo(2);
            assertThat(r.spaceLeft()).isCloseTo(PdfReport.BODY_HEIGHT - 55.5f, within(0.01f));
        }
    }

    /**
     * Chapters of a few paragraphs and a 250 pt chart each: a page ends with less than a third left, or with less than
     * the chart and its 8 pt gap.
     */
    @Test
    void chaptersFlowWithoutMostlyBlankPages() {
        try (PdfReport r = report()) {
            List<Float> leftAtPageEnd = new ArrayList<>();
            for (int c = 0; c < 12; c++) {
                int before = r.pageCount();
                float left = r.spaceLeft();
                r.heading1("Chapter " + c);
                if (r.pageCount() > before && before > 0) {
                    leftAtPageEnd.add(left);
                }
                for (int p = 0; p < c % 4 + 1; p++) {
                    before = r.pageCount();
                    left = r.spaceLeft();
                    r.paragraph("A paragraph of the chapter.");
                    if (r.pageCount() > before) {
                        leftAtPageEnd.add(left);
                    }
                }
                before = r.pageCount();
                left = r.spaceLeft();
                r.chart(chart(), 250f);
                if (r.pageCount() > before) {
                    leftAtPageEnd.add(left);
                }
            }
            assertThat(r.pageCount()).isGreaterThan(3);
            assertThat(leftAtPageEnd).hasSize(r.pageCount() - 1)
                    .allSatisfy(left -> assertThat(left).isLessThan(258f));
        }
    }

    private static PdfTable table(String caption) {
        return PdfTable.builder().caption(caption).left("Name", 1).right("Value", 1).row("row 1", "1").row("row 2", "2")
                .row("row 3", "3").build();
    }

    private static String page(PDDocument pdf, int page) throws IOException {
        PDFTextStripper s = new PDFTextStripper();
        s.setStartPage(page);
        s.setEndPage(page);
        return s.getText(pdf);
    }
}
