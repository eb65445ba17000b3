package io.marketlens.reports.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables as they come out in the PDF, read back with {@link PDFTextStripper}: no word or number of a header or cell is
 * broken across lines, numbers are right-aligned in their column, in English and in Chinese.
 */
class PdfTableLayoutTest {

    private final List<String> warnings = new ArrayList<>();

    @TempDir
    Path tmp;

    /** The logistics lanes table as the report builds it (the words that used to break: Destination, Shipments, USD 11.77). */
    private static PdfTable lanes(String[] headers, String all) {
        PdfTable.Builder b = PdfTable.builder().caption("Lanes").left(headers[0], 1.3f).left(headers[1], 1.1f)
                .left(headers[2], 0.9f);
        for (int i = 3; i < headers.length; i++) {
            b.right(headers[i], 1);
        }
        return b.row(all, all, all, "2,540", "94.6%", "12.6", "23.0", "96.2%", "11.77", "31.1%")
                .row("Cainiao", "AliExpress Standard Shipping", "US", "509", "93.7%", "12.3", "19.6", "98.7%", "11.60", "32.3%")
                .row("YunExpress", "Global Direct Line Tracked Express", "US", "34", "97.1%", "6.5", "8.4", "97.0%", "16.23", "46.7%")
                .row("DHL eCommerce", "Parcel International Direct", "US", "23", "95.7%", "7.6", "10.1", "100.0%", "12.74", "37.4%")
                .row("Cainiao", "Super Economy Global", "ES", "147", "93.9%", "22.4", "34.5", "94.2%", "9.15", "23.0%")
                .build();
    }

    private static final String[] EN = {"Carrier", "Service", "Destination", "Shipments", "Delivered", "Median days", "p90 days",
            "On time", "Cost (USD/kg)", "Cost share"};
    private static final String[] ZH = {"承运商", "服务", "目的地", "发货量", "妥投率", "时效中位数 (天)", "p90 (天)", "准时率",
            "每公斤成本 (USD)", "成本占比"};

    @Test
    void englishLaneTableBreaksNoWordAndRightAlignsItsNumbers() throws IOException {
        PdfTable table = lanes(EN, "All");
        List<Word> words = render(table, ReportFonts.discover(Optional.empty(), k -> null, List.of(), warnings::add));

        assertNoWordBroken(table, words);
        // every number column's cells end at the same x: the column's right edge less the padding
        for (int c = 3; c < EN.length; c++) {
            assertRightAligned(table, c, words);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void chineseLaneTableKeepsItsTermsWhole() throws IOException {
        assumeTrue(Files.isRegularFile(ReportFontsTest.WQY), "no CJK font (fonts-wqy-microhei) on this machine");
        PdfTable table = lanes(ZH, "全部");
        List<Word> words = render(table, ReportFonts.discover(Optional.empty(), k -> null, List.of(ReportFontsTest.WQY), warnings::add));

        assertNoWordBroken(table, words);
        // 时效中位数 and 每公斤成本 (which used to print as 时效中位/数, 每公斤成/本) each on one line
        assertThat(words).extracting(Word::text).contains("时效中位数", "每公斤成本", "(USD)", "准时率");
        for (int c = 3; c < ZH.length; c++) {
            assertRightAligned(table, c, words);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void aNoBreakSpaceOfALabelKeepsItsTermOnOneLine() throws IOException {
        assumeTrue(Files.isRegularFile(ReportFontsTest.WQY), "no CJK font (fonts-wqy-microhei) on this machine");
        // the Chinese concentration table: its class cells (高度集中) are narrower than "DOJ 2023", which printed as
        // "DOJ" / "2023" / "分类"; the label file joins the name and its year with U+00A0
        PdfTable table = PdfTable.builder().left("类目", 3).right("HHI", 1).left("DOJ\u00A02023 分类", 1)
                .row("arts_and_craftmanship", "10,000", "高度集中").row("flowers", "9,000", "高度集中").build();
        List<Word> words = render(table, ReportFonts.discover(Optional.empty(), k -> null, List.of(ReportFontsTest.WQY), warnings::add));

        assertThat(words).extracting(Word::text).contains("DOJ\u00A02023", "分类").doesNotContain("DOJ", "2023");
        assertThat(warnings).isEmpty();
    }

    @Test
    void aTableTooWideForItsWordsAt9PtIsSetSmallerWithoutBreakingThem() throws IOException {
        // nine columns of "1,000,000" (about 45 pt at 9 pt, 53 with the padding) and a category path: more than the
        // 481.9 pt of the text width at 9 pt, so the table is set smaller rather than break a number
        PdfTable.Builder b = PdfTable.builder().left("Category", 1);
        List<String> row = new ArrayList<>(List.of("Sports & Outdoors>Camping & Hiking"));
        for (int i = 1; i <= 9; i++) {
            b.right("R" + i, 1);
            row.add("1,000,00" + i);
        }
        PdfTable table = b.row(row).build();

        List<Word> words = render(table, ReportFonts.discover(Optional.empty(), k -> null, List.of(), warnings::add));
        assertNoWordBroken(table, words);
        assertThat(words).filteredOn(w -> w.text().equals("1,000,009")).singleElement()
                .satisfies(w -> assertThat(w.size()).isLessThan(9f).isGreaterThanOrEqualTo(7f));
        assertThat(warnings).isEmpty();
    }

    /** A word as the text stripper reads it: its text, where it starts and ends, its baseline, its font size. */
    record Word(String text, float x0, float x1, float y, float size) {
    }

    private List<Word> render(PdfTable table, ReportFonts fonts) throws IOException {
        Path out = tmp.resolve("table.pdf");
        try (PdfReport r = new PdfReport(fonts, "", warnings::add)) {
            r.table(table);
            r.save(out);
        }
        List<Word> words = new ArrayList<>();
        try (PDDocument pdf = Loader.loadPDF(out.toFile())) {
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) {
                    // one call per run of glyphs without a gap: split it at spaces into words
                    int start = 0;
                    for (int i = 0; i <= positions.size(); i++) {
                        boolean end = i == positions.size() || positions.get(i).getUnicode().isBlank();
                        if (end && i > start) {
                            StringBuilder sb = new StringBuilder();
                            positions.subList(start, i).forEach(p -> sb.append(p.getUnicode()));
                            TextPosition first = positions.get(start);
                            TextPosition last = positions.get(i - 1);
                            words.add(new Word(sb.toString(), first.getXDirAdj(), last.getXDirAdj() + last.getWidthDirAdj(),
                                    first.getYDirAdj(), first.getFontSizeInPt()));
                        }
                        if (end) {
                            start = i + 1;
                        }
                    }
                }
            };
            stripper.setSortByPosition(true);
            stripper.getText(pdf);
        }
        return words;
    }

    /** Every space-separated word of every header and cell is printed whole, as one word of the page. */
    private static void assertNoWordBroken(PdfTable table, List<Word> words) {
        List<String> printed = words.stream().map(Word::text).toList();
        List<String> expected = new ArrayList<>();
        table.columns().forEach(c -> expected.addAll(List.of(c.header().split(" "))));
        table.rows().forEach(r -> r.forEach(cell -> expected.addAll(List.of(cell.split(" ")))));
        for (String w : expected) {
            if (w.contains(">")) {
                // a category path may wrap after its ">": each part is whole
                for (String part : w.split("(?<=>)")) {
                    assertThat(printed).as("printed words").anyMatch(p -> p.equals(part) || p.equals(w));
                }
            } else {
                assertThat(printed).as("printed words").contains(w);
            }
        }
    }

    /** The cells of column {@code c} (each number printed once in the table) end within 0.5 pt of each other. */
    private static void assertRightAligned(PdfTable table, int c, List<Word> words) {
        List<Float> ends = new ArrayList<>();
        for (List<String> row : table.rows()) {
            Word w = words.stream().filter(v -> v.text().equals(row.get(c))).collect(java.util.stream.Collectors.collectingAndThen(
                    java.util.stream.Collectors.toList(), l -> {
                        assertThat(l).as("words %s", row.get(c)).hasSize(1);
                        return l.get(0);
                    }));
            ends.add(w.x1());
        }
        for (float e : ends) {
            assertThat(e).as("right edge of a cell of column %s", table.columns().get(c).header()).isCloseTo(ends.get(0), within(0.5f));
        }
    }
}
