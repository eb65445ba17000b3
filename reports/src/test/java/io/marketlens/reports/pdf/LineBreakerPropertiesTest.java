package io.marketlens.reports.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.StringLength;

class LineBreakerPropertiesTest {

    @Property
    void linesFitAndKeepEveryCharacterInOrder(
            @ForAll @StringLength(max = 80) @CharRange(from = 'a', to = 'e') @CharRange(from = ' ', to = ' ')
                    @CharRange(from = '\u4E00', to = '\u4E05') @CharRange(from = '\uFF0C', to = '\uFF0C') String text,
            @ForAll @DoubleRange(min = 1, max = 30) double width) {
        List<String> lines = LineBreaker.wrap(text, width, cp -> cp >= 0x4E00 ? 2.0 : 1.0);

        for (String line : lines) {
            double w = line.codePoints().mapToDouble(cp -> cp >= 0x4E00 ? 2.0 : 1.0).sum();
            // a line is within the width, unless one character alone is wider
            assertThat(w <= width || line.codePointCount(0, line.length()) == 1).as("line '%s' of width %s", line, w).isTrue();
            assertThat(line).doesNotStartWith(" ").doesNotEndWith(" ");
        }
        // breaking only removes spaces: every other character is kept, in order
        assertThat(String.join("", lines).replace(" ", "")).isEqualTo(text.replace(" ", ""));
        assertThat(lines).isNotEmpty();
    }
}
