package io.marketlens.reports.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableGridTest {

    /** Half the font size per Latin character (4.5 pt at 9 pt), the full size per Chinese one. */
    private static final TableGrid.Metrics HALF = (cp, size) -> LineBreaker.isCjk(cp) ? size : size / 2;

    private final List<String> warnings = new ArrayList<>();

    private static PdfTable lane() {
        return PdfTable.builder().left("Carrier", 1).left("Service", 1).right("Cost / kg (USD)", 1)
                .row("Cainiao", "Super Economy Global", "11.77").build();
    }

    @Test
    void columnsThatFitOnOneLineGetTheirWidthAndShareTheRestByWeight() {
        // one-line widths + 2 × 4 pt padding: Carrier 7 × 4.5 + 8 = 39.5, Service 20 × 4.5 + 8 = 98,
        // Cost 15 × 4.5 + 8 = 75.5; together 213 of 300, the 87 left go 29 to each (equal weights)
        TableGrid g = TableGrid.layout(lane(), 300, HALF, warnings::add);

        assertThat(g.size()).isEqualTo(9f);
        assertThat(g.widths()).containsExactly(new float[]{68.5f, 127f, 104.5f}, within(1e-3f));
        assertThat(g.header()).containsExactly(List.of("Carrier"), List.of("Service"), List.of("Cost / kg (USD)"));
        assertThat(g.rows().get(0)).containsExactly(List.of("Cainiao"), List.of("Super Economy Global"), List.of("11.77"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void whenTheyDoNotEveryColumnKeepsItsWidestWordAndTheCellsAreFilledBeforeTheHeaders() {
        // widest words: Carrier 39.5, Service ("Service", "Economy") 39.5, Cost ("(USD)", "11.77") 5 × 4.5 + 8 = 30.5;
        // 109.5 of 160, 50.5 left: all to the cells, of which only Service needs more (58.5) to fit on one line
        TableGrid g = TableGrid.layout(lane(), 160, HALF, warnings::add);

        assertThat(g.size()).isEqualTo(9f);
        assertThat(g.widths()).containsExactly(new float[]{39.5f, 90f, 30.5f}, within(1e-3f));
        // 90 - 8 = 82 pt inside: 18 characters a line; the words stay whole
        assertThat(g.rows().get(0).get(1)).containsExactly("Super Economy", "Global");
        // the header wraps instead: 22.5 pt inside, 5 characters a line
        assertThat(g.header().get(2)).containsExactly("Cost", "/ kg", "(USD)");
        assertThat(g.rows().get(0).get(2)).containsExactly("11.77");
    }

    @Test
    void aColumnThatNeedsLittleGetsItAllAndLongTextsShareTheRestEvenly() {
        PdfTable t = PdfTable.builder().left("A", 1).left("B", 1).left("C", 1)
                .row("x".repeat(4) + " " + "x".repeat(4), "y ".repeat(40).strip(), "z ".repeat(40).strip()).build();
        // min: 4 × 4.5 + 8 = 26, 1 × 4.5 + 8 = 12.5 (twice): 51; one line: A 9 × 4.5 + 8 = 48.5, B and C 79 × 4.5 + 8 = 363.5
        // 200 - 51 = 149 left: A's need (22.5) is met, B and C rise by (149 - 22.5) / 2 = 63.25 each
        TableGrid g = TableGrid.layout(t, 200, HALF, warnings::add);

        assertThat(g.widths()).containsExactly(new float[]{48.5f, 75.75f, 75.75f}, within(1e-3f));
        assertThat(g.rows().get(0).get(0)).containsExactly("xxxx xxxx");
    }

    @Test
    void aTableWhoseWidestWordsDoNotFitIsSetSmaller() {
        // at 9 pt the widest words need 109.5 pt, at 8.5 pt 104.75, at 8 pt 4 × 7 + 8 + 4 × 7 + 8 + 4 × 5 + 8 = 100
        TableGrid g = TableGrid.layout(lane(), 100, HALF, warnings::add);

        assertThat(g.size()).isEqualTo(8f);
        assertThat(g.leading()).isEqualTo(11.2f, within(1e-4f));
        assertThat(g.widths()).containsExactly(new float[]{36f, 36f, 28f}, within(1e-3f));
        assertThat(g.rows().get(0).get(1)).containsExactly("Super", "Economy", "Global");
        assertThat(warnings).isEmpty();
    }

    @Test
    void chineseHeadersAndTermsAreWordsThatNeverBreak() {
        PdfTable t = PdfTable.builder().left("类目", 1).right("复合增长率", 1).right("每公斤成本 (USD)", 1)
                .row("家居园艺", "+12.3%", "11.77").build();
        // 复合增长率 is 5 × 9 = 45 pt: its column is at least 53 pt; 每公斤成本 likewise
        TableGrid g = TableGrid.layout(t, 150, HALF, warnings::add);

        assertThat(g.size()).isEqualTo(9f);
        assertThat(g.width(1)).isGreaterThanOrEqualTo(53f);
        assertThat(g.header().get(1)).containsExactly("复合增长率");
        assertThat(g.header().get(2)).containsExactly("每公斤成本", "(USD)");
        assertThat(g.rows().get(0).get(0)).containsExactly("家居园艺");
    }

    @Test
    void aNumberCellIsNeverWrappedEvenWithSpaces() {
        PdfTable t = PdfTable.builder().left("Category", 1).right("Rank", 1).row("toys", "12 of 340").build();
        TableGrid g = TableGrid.layout(t, 80, HALF, warnings::add);

        // "12 of 340" is one word: 9 × 4.5 + 8 = 48.5 pt, with "Category" (44 pt) 92.5 > 80; at 8.5 pt 88.25, at 8 pt 84,
        // at 7.5 pt 9 × 3.75 + 8 + 8 × 3.75 + 8 = 79.75: it fits
        assertThat(g.size()).isEqualTo(7.5f);
        assertThat(g.rows().get(0).get(1)).containsExactly("12 of 340");
    }

    @Test
    void longChineseFreeTextBreaksBetweenCharactersTermsOnlyWhenNothingElseFitsAndWordsAreCutOnlyWithAWarning() {
        // a run of 20 Chinese characters is free text: it wraps at 9 pt like Latin words
        String free = "一二三四五六七八九十一二三四五六七八九十";
        TableGrid g = TableGrid.layout(PdfTable.builder().left("说明", 1).right("HHI", 1).row(free, "2,600").build(), 100, HALF,
                warnings::add);
        assertThat(g.size()).isEqualTo(9f);
        assertThat(String.join("", g.rows().get(0).get(0))).isEqualTo(free);
        assertThat(g.rows().get(0).get(0)).hasSizeGreaterThan(1);

        // terms of 4 joined by "、" are one word of 19 characters, 133 pt even at 7 pt: in 100 pt the table is set at 7 pt
        // and the cell breaks between characters, never before a "、"
        String terms = "家居园艺、厨房用品、宠物用品、汽车用品";
        g = TableGrid.layout(PdfTable.builder().left("类目", 1).right("HHI", 1).row(terms, "2,600").build(), 100, HALF,
                warnings::add);
        assertThat(g.size()).isEqualTo(7f);
        assertThat(String.join("", g.rows().get(0).get(0))).isEqualTo(terms);
        assertThat(g.rows().get(0).get(0)).hasSizeGreaterThan(1).noneMatch(l -> l.startsWith("、"));
        assertThat(g.rows().get(0).get(1)).containsExactly("2,600");
        assertThat(warnings).isEmpty();

        // a Latin word of 40 characters (140 pt at 7 pt) in 100 pt: cut, and said
        TableGrid cut = TableGrid.layout(PdfTable.builder().left("File", 1).row("a".repeat(40)).build(), 100, HALF, warnings::add);
        assertThat(cut.rows().get(0).get(0)).hasSizeGreaterThan(1);
        assertThat(warnings).singleElement().asString().contains("wider than the page");
    }
}
