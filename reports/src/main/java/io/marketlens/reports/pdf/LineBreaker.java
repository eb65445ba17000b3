package io.marketlens.reports.pdf;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Greedy line breaking for mixed Latin and Chinese text: Latin breaks after spaces, Chinese between any two
 * characters except before closing and after opening punctuation; a word wider than the line is cut between
 * characters. Pure: widths come from a function of the code point.
 */
final class LineBreaker {

    private static final String NO_BREAK_BEFORE = ",.;:!?)]}%\u2019\u201D\u3001\u3002\uFF0C\uFF0E\uFF1B\uFF1A\uFF01\uFF1F"
            + "\uFF09\u300D\u300F\u300B\u3009\u3011\u3015\u2026\u00B7";
    private static final String NO_BREAK_AFTER = "([{\u2018\u201C\uFF08\u300C\u300E\u300A\u3008\u3010\u3014";

    private LineBreaker() {}

    /**
     * The lines of {@code text} (one line of text, without line feeds) no wider than {@code width}, each without
     * leading or trailing spaces; an empty text gives one empty line.
     */
    static List<String> wrap(String text, double width, IntToDoubleFunction measure) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        double lineWidth = 0;
        for (String segment : segments(text.strip())) {
            String word = segment.stripTrailing();
            double wordWidth = width(word, measure);
            if (line.length() > 0 && lineWidth + wordWidth > width) {
                lines.add(line.toString().stripTrailing());
                line.setLength(0);
                lineWidth = 0;
            }
            if (line.length() == 0 && wordWidth > width) {
                // too wide for any line: cut between characters, keeping at least one per line
                for (int i = 0; i < word.length(); ) {
                    int cp = word.codePointAt(i);
                    double w = measure.applyAsDouble(cp);
                    if (line.length() > 0 && lineWidth + w > width) {
                        lines.add(line.toString());
                        line.setLength(0);
                        lineWidth = 0;
                    }
                    line.appendCodePoint(cp);
                    lineWidth += w;
                    i += Character.charCount(cp);
                }
                line.append(segment, word.length(), segment.length());
                lineWidth += width(segment.substring(word.length()), measure);
                continue;
            }
            line.append(segment);
            lineWidth += width(segment, measure);
        }
        lines.add(line.toString().stripTrailing());
        return lines;
    }

    /** The text cut at every break opportunity; spaces stay at the end of the segment they follow. */
    static List<String> segments(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int prev = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (prev >= 0 && canBreak(prev, cp)) {
                out.add(text.substring(start, i));
                start = i;
            }
            prev = cp;
            i += Character.charCount(cp);
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    private static boolean canBreak(int before, int after) {
        if (after == ' ') {
            return false;
        }
        if (before == ' ') {
            return true;
        }
        if (NO_BREAK_BEFORE.indexOf(after) >= 0 || NO_BREAK_AFTER.indexOf(before) >= 0) {
            return false;
        }
        return isCjk(before) || isCjk(after);
    }

    static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL) {
            return true;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
        return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
    }

    private static double width(String s, IntToDoubleFunction measure) {
        return s.codePoints().mapToDouble(measure).sum();
    }
}
