package io.marketlens.reports.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class LineBreakerTest {

    /** Every character one unit wide, so a line of width w holds w characters. */
    private static final IntToDoubleFunction ONE = cp -> 1.0;

    @Test
    void latinBreaksAfterSpacesAndDropsThemAtLineEnds() {
        // "aaa bbb" is 7 units: fits a line of 7; "ccc" goes to the next line
        assertThat(LineBreaker.wrap("aaa bbb ccc", 7, ONE)).containsExactly("aaa bbb", "ccc");
        // width 6: "aaa " + "bbb" = 7 > 6, so each word on its own line
        assertThat(LineBreaker.wrap("aaa bbb ccc", 6, ONE)).containsExactly("aaa", "bbb", "ccc");
        assertThat(LineBreaker.wrap("  padded  ", 20, ONE)).containsExactly("padded");
        assertThat(LineBreaker.wrap("", 5, ONE)).containsExactly("");
    }

    @Test
    void chineseBreaksBetweenAnyTwoCharacters() {
        assertThat(LineBreaker.wrap("市场集中度很高", 3, ONE)).containsExactly("市场集", "中度很", "高");
    }

    @Test
    void closingPunctuationNeverStartsALine() {
        // a break before "，" is forbidden, so "场，" stays together and moves down with its character
        assertThat(LineBreaker.wrap("市场，集中", 2, ONE)).containsExactly("市", "场，", "集中");
    }

    @Test
    void mixedTextBreaksBetweenChineseAndLatin() {
        assertThat(LineBreaker.segments("HHI为2,600")).containsExactly("HHI", "为", "2,600");
        // HHI stays with its figure (anAmountStaysWithItsCurrencyAndAFigureWithItsName)
        assertThat(LineBreaker.wrap("市场集中度 HHI 2,600", 9, ONE)).containsExactly("市场集中度", "HHI 2,600");
    }

    @Test
    void aWordWiderThanTheLineIsCutBetweenCharacters() {
        assertThat(LineBreaker.wrap("abcdefghij xy", 4, ONE)).containsExactly("abcd", "efgh", "ij", "xy");
        // a line narrower than one character still takes one character per line (no endless loop)
        assertThat(LineBreaker.wrap("abc", 0.5, ONE)).containsExactly("a", "b", "c");
    }

    @Test
    void widthsComeFromTheMeasure() {
        IntToDoubleFunction wideM = cp -> cp == 'm' ? 3.0 : 1.0;
        // "mm a" = 3+3+1+1 = 8 > 7, so "a" moves down
        assertThat(LineBreaker.wrap("mm a", 7, wideM)).containsExactly("mm", "a");
    }

    @Test
    void anOpeningQuoteStaysWithTheWordAfterItAndAClosingOneWithTheWordBefore() {
        // "Fastest riser: " is 15 units; a line of 16 used to end in the opening quote and put 磁吸" on the next line
        assertThat(LineBreaker.wrap("Fastest riser: \"磁吸\"", 16, ONE)).containsExactly("Fastest riser:", "\"磁吸\"");
        // a closing quote never starts a line, also after a long quoted text that may break inside
        // (a quoted text of 10 characters is free text: it breaks between characters, but not next to its quotes)
        assertThat(LineBreaker.wrap("见\"一二三四五六七八九十\"", 6, ONE)).containsExactly("见\"一二三四", "五六七八九", "十\"");
        // typographic quotes: the quoted term of 2 characters is never split, the line may break after its closing quote
        assertThat(LineBreaker.wrap("热词“磁吸”增长", 5, ONE)).containsExactly("热词", "“磁吸”增", "长");
        // an apostrophe inside a word is no quote
        assertThat(LineBreaker.segments("it's \"ok\" 好")).containsExactly("it's ", "\"ok\" ", "好");
    }

    @Test
    void aShortQuotedChineseTermIsOneWordAndALongOneBreaksBetweenCharacters() {
        assertThat(LineBreaker.words("最快上升：\"磁吸支架\"", LineBreaker.Breaks.TEXT)).contains("\"磁吸支架\"");
        assertThat(LineBreaker.words("\"一二三四五六七八九\"", LineBreaker.Breaks.TEXT)).hasSizeGreaterThan(1); // 9 characters: free text
    }

    @Test
    void anAmountStaysWithItsCurrencyAndAFigureWithItsName() {
        assertThat(LineBreaker.words("costs USD 11.77 per kg", LineBreaker.Breaks.TEXT)).containsExactly("costs", "USD 11.77", "per", "kg");
        assertThat(LineBreaker.words("市场容量大（391万 USD），", LineBreaker.Breaks.TEXT)).contains("（391万 USD），");
        assertThat(LineBreaker.words("a large market (USD 3.91M), HHI \u2212275 now", LineBreaker.Breaks.TEXT))
                .contains("(USD 3.91M),", "HHI \u2212275");
        // a line too narrow for the pair breaks elsewhere, never between the two
        assertThat(LineBreaker.wrap("was USD 1.32M of revenue", 10, ONE, LineBreaker.Breaks.TEXT)).containsExactly("was", "USD 1.32M", "of revenue");
        // words that are not a code and a number still break
        assertThat(LineBreaker.words("DHL eCommerce 12 days, top 10", LineBreaker.Breaks.TEXT)).contains("eCommerce", "12", "10");
    }

    @Test
    void withoutChineseBreaksALineBreaksOnlyAfterSpaces() {
        assertThat(LineBreaker.words("复合增长率 (USD)", LineBreaker.Breaks.HEADER)).containsExactly("复合增长率", "(USD)");
        assertThat(LineBreaker.words("每公斤成本（USD）", LineBreaker.Breaks.HEADER)).containsExactly("每公斤成本（USD）");
        assertThat(LineBreaker.wrap("复合增长率 每公斤成本", 6, ONE, LineBreaker.Breaks.HEADER)).containsExactly("复合增长率", "每公斤成本");
        // body text still breaks between Chinese characters
        assertThat(LineBreaker.wrap("复合增长率", 3, ONE, LineBreaker.Breaks.TEXT)).containsExactly("复合增", "长率");
    }

    @Test
    void aTableCellKeepsChineseTermsWholeAndBreaksOnlyLongChineseFreeText() {
        // a category path breaks after its ">", its terms of 4 characters stay whole
        assertThat(LineBreaker.words("宠物用品>喂食饮水", LineBreaker.Breaks.CELL)).containsExactly("宠物用品>", "喂食饮水");
        assertThat(LineBreaker.words("Home & Kitchen>Kitchen Storage", LineBreaker.Breaks.CELL))
                .containsExactly("Home", "&", "Kitchen>", "Kitchen", "Storage");
        // a status in words: before its full-width bracket, and between the characters of its 10-character run
        List<String> words = LineBreaker.words("SG（无发往该目的地的货件）", LineBreaker.Breaks.CELL);
        assertThat(words.get(0)).isEqualTo("SG");
        assertThat(words.get(1)).startsWith("（无"); // no break after an opening bracket
        assertThat(words.get(words.size() - 1)).isEqualTo("件）"); // nor before a closing one
        assertThat(String.join("", words)).isEqualTo("SG（无发往该目的地的货件）");
        // a run of 6 is a term, one of 7 free text
        assertThat(LineBreaker.words("新品销售额占", LineBreaker.Breaks.CELL)).containsExactly("新品销售额占");
        assertThat(LineBreaker.words("新品销售额占比", LineBreaker.Breaks.CELL)).hasSize(7);
        assertThat(LineBreaker.words("销售额占比增长", LineBreaker.Breaks.HEADER)).containsExactly("销售额占比增长");
        assertThat(LineBreaker.words("家居园艺（数据不足）", LineBreaker.Breaks.CELL)).containsExactly("家居园艺", "（数据不足）");
    }
}
