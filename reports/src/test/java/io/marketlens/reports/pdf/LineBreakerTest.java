package io.marketlens.reports.pdf;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(LineBreaker.wrap("市场集中度 HHI 2,600", 9, ONE)).containsExactly("市场集中度 HHI", "2,600");
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
}
