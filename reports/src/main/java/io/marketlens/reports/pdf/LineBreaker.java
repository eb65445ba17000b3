package io.marketlens.reports.pdf;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Greedy line breaking for mixed Latin and Chinese text. Pure: widths come from a function of the code point.
 *
 * <p>Where a line may break depends on what the text is ({@link Breaks}):
 * <ul>
 *   <li>never between an amount and its currency code or a figure and its name ("USD 11.77", "391万 USD", "HHI 2,000"),
 *       nor between a number and 万 or 亿;</li>
 *   <li>otherwise always after a space; never between an opening quote and the word after it, nor between a word and its
 *       closing quote (which straight quotes open: {@link #openingQuotes}); a quoted term without spaces of at most
 *       {@value #QUOTED_TERM} characters (e.g. {@code "磁吸"}) is never split;</li>
 *   <li>{@link Breaks#TEXT} (body text): also after the {@code >} of a category path and between two characters of
 *       which one is Chinese (or Japanese, Korean), except before closing and after opening punctuation;</li>
 *   <li>{@link Breaks#CELL} (a table's text cell): also after {@code >} and before a full-width opening bracket; between
 *       Chinese characters only inside a run of more than {@value #CJK_TERM} of them (free text, such as a status in
 *       words): a shorter run is a term (家居园艺, 复合增长率) and stays whole like a Latin word;</li>
 *   <li>{@link Breaks#HEADER} (a table header): only after spaces; a header too long for its column is abbreviated in
 *       the label files rather than broken.</li>
 * </ul>
 * A word wider than the line is cut between characters only by {@link #wrap} as a last resort (body text with, say, a
 * long file name); tables measure their columns with {@link #words} so that this does not happen there.
 */
final class LineBreaker {

    /** What a text is, which decides where its lines may break (see the class comment). */
    enum Breaks {
        TEXT,
        CELL,
        HEADER
    }

    private static final String NO_BREAK_BEFORE = ",.;:!?)]}%\u2019\u201D\u3001\u3002\uFF0C\uFF0E\uFF1B\uFF1A\uFF01\uFF1F"
            + "\uFF09\u300D\u300F\u300B\u3009\u3011\u3015\u2026\u00B7";
    private static final String NO_BREAK_AFTER = "([{\u2018\u201C\uFF08\u300C\u300E\u300A\u3008\u3010\u3014";
    /** Quotes that open a term: straight ones (by their place) and the typographic openers. */
    private static final String OPENING_QUOTES = "\u2018\u201C\u300C\u300E\u300A";
    private static final String CLOSING_QUOTES = "\u2019\u201D\u300D\u300F\u300B";
    /** The longest quoted term (characters between the quotes, no spaces) that is kept on one line. */
    static final int QUOTED_TERM = 8;
    /** The longest run of Chinese characters that a table cell keeps whole (a term); a longer one is free text. */
    static final int CJK_TERM = 6;

    private LineBreaker() {}

    /** {@link #wrap(String, double, IntToDoubleFunction, Breaks)} of body text. */
    static List<String> wrap(String text, double width, IntToDoubleFunction measure) {
        return wrap(text, width, measure, Breaks.TEXT);
    }

    /**
     * The lines of {@code text} (one line of text, without line feeds) no wider than {@code width}, each without
     * leading or trailing spaces; an empty text gives one empty line. A word wider than the line is cut between
     * characters (at least one per line).
     */
    static List<String> wrap(String text, double width, IntToDoubleFunction measure, Breaks breaks) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        double lineWidth = 0;
        for (String segment : segments(text.strip(), breaks)) {
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

    /** The words of {@code text}: the pieces no line break may split, without their trailing spaces. */
    static List<String> words(String text, Breaks breaks) {
        List<String> out = new ArrayList<>();
        for (String s : segments(text.strip(), breaks)) {
            String w = s.stripTrailing();
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** The width of the widest word of {@code text} ({@link #words}). */
    static double widestWord(String text, IntToDoubleFunction measure, Breaks breaks) {
        double max = 0;
        for (String w : words(text, breaks)) {
            max = Math.max(max, width(w, measure));
        }
        return max;
    }

    /** {@link #segments(String, Breaks)} of body text. */
    static List<String> segments(String text) {
        return segments(text, Breaks.TEXT);
    }

    /** The text cut at every break opportunity; spaces stay at the end of the segment they follow. */
    static List<String> segments(String text, Breaks breaks) {
        int[] cps = text.codePoints().toArray();
        boolean[] opening = openingQuotes(cps);
        boolean[] glued = quotedTerms(cps, opening);
        glueAmounts(cps, glued);
        int[] runs = cjkRuns(cps);
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < cps.length; i++) {
            if (i > 0 && !glued[i] && canBreak(cps, i, breaks, opening, runs)) {
                out.add(current.toString());
                current.setLength(0);
            }
            current.appendCodePoint(cps[i]);
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }

    /** Whether a line may break between {@code cps[i - 1]} and {@code cps[i]}. */
    private static boolean canBreak(int[] cps, int i, Breaks breaks, boolean[] opening, int[] runs) {
        int before = cps[i - 1];
        int after = cps[i];
        if (after == ' ') {
            return false;
        }
        if (before == ' ') {
            return true;
        }
        if (breaks == Breaks.HEADER || NO_BREAK_BEFORE.indexOf(after) >= 0 || NO_BREAK_AFTER.indexOf(before) >= 0
                || isStraightQuote(after) && !opening[i] || isStraightQuote(before) && opening[i - 1]) {
            return false;
        }
        if (before == '>') {
            return true;
        }
        if (Character.isDigit(before) && (after == '\u4E07' || after == '\u4EBF')) {
            return false;   // 391万, 1.2亿: a number and its unit of ten thousands or hundred millions
        }
        if (breaks == Breaks.CELL) {
            return after == '\uFF08' || runs[i] > CJK_TERM && runs[i - 1] == runs[i];
        }
        return isCjk(before) || isCjk(after);
    }

    /**
     * Forbids the break after a space that joins an amount and its currency code ("USD 11.77", "391万 USD") or a
     * figure and its name ("HHI 2,000"): a code of three capital letters and a number on either side of the space.
     */
    private static void glueAmounts(int[] cps, boolean[] glued) {
        for (int j = 1; j + 1 < cps.length; j++) {
            if (cps[j] != ' ') {
                continue;
            }
            String before = token(cps, j, -1);
            String after = token(cps, j + 1, 1);
            if (CODE_THEN_NUMBER.matcher(before + " " + after).matches() || NUMBER_THEN_CODE.matcher(before + " " + after).matches()) {
                glued[j + 1] = true;
            }
        }
    }

    /** A code, then a number ("USD 11.77", "HHI −50", "(USD 3M)"). */
    private static final java.util.regex.Pattern CODE_THEN_NUMBER =
            java.util.regex.Pattern.compile(".*?(^|[^A-Za-z])[A-Z]{3} [-+\u2212]?\\d.*");
    /** A number (with its unit of ten thousands or its K, M, B), then a code ending the word ("391万 USD", "1.2M USD)"). */
    private static final java.util.regex.Pattern NUMBER_THEN_CODE =
            java.util.regex.Pattern.compile(".*\\d[\u4E07\u4EBFKMB]? [A-Z]{3}([^A-Za-z].*)?");

    /** The characters from {@code from} up to the nearest space in direction {@code step} (−1: before, +1: after). */
    private static String token(int[] cps, int from, int step) {
        StringBuilder sb = new StringBuilder();
        if (step < 0) {
            int k = from - 1;
            while (k >= 0 && cps[k] != ' ') {
                k--;
            }
            for (int i = k + 1; i < from; i++) {
                sb.appendCodePoint(cps[i]);
            }
        } else {
            for (int i = from; i < cps.length && cps[i] != ' '; i++) {
                sb.appendCodePoint(cps[i]);
            }
        }
        return sb.toString();
    }

    /**
     * For each position, the length of the run of Chinese (Japanese, Korean) letters it belongs to, 0 for other
     * characters; two neighbours of the same run have the same length (runs are separated by other characters).
     */
    private static int[] cjkRuns(int[] cps) {
        int[] out = new int[cps.length];
        int start = 0;
        while (start < cps.length) {
            if (!isCjkLetter(cps[start])) {
                start++;
                continue;
            }
            int end = start;
            while (end < cps.length && isCjkLetter(cps[end])) {
                end++;
            }
            java.util.Arrays.fill(out, start, end, end - start);
            start = end;
        }
        return out;
    }

    private static boolean isCjkLetter(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    /**
     * For each position, whether the break before it is forbidden because it lies inside a short quoted term: from an
     * opening quote to its closing one, at most {@value #QUOTED_TERM} characters apart and no space between.
     */
    private static boolean[] quotedTerms(int[] cps, boolean[] opening) {
        boolean[] glued = new boolean[cps.length];
        for (int open = 0; open < cps.length; open++) {
            int q = cps[open];
            boolean straight = isStraightQuote(q);
            int pairIndex = OPENING_QUOTES.indexOf(q);
            if (!(straight && opening[open]) && pairIndex < 0) {
                continue;
            }
            int closer = straight ? q : CLOSING_QUOTES.charAt(pairIndex);
            for (int j = open + 1; j < cps.length && j <= open + QUOTED_TERM + 1; j++) {
                if (cps[j] == ' ') {
                    break;
                }
                if (cps[j] == closer && j > open + 1) {
                    for (int k = open + 1; k <= j; k++) {
                        glued[k] = true;
                    }
                    open = j;
                    break;
                }
            }
        }
        return glued;
    }

    private static boolean isStraightQuote(int cp) {
        return cp == '"' || cp == '\'';
    }

    /**
     * Which straight quotes open: a {@code "} opens when it is the first, third, … of the text (they come in pairs), a
     * {@code '} when it starts the text or follows a space or an opening bracket (else it is an apostrophe or closes).
     */
    private static boolean[] openingQuotes(int[] cps) {
        boolean[] out = new boolean[cps.length];
        int doubles = 0;
        for (int i = 0; i < cps.length; i++) {
            if (cps[i] == '"') {
                out[i] = doubles++ % 2 == 0;
            } else if (cps[i] == '\'') {
                out[i] = i == 0 || Character.isWhitespace(cps[i - 1]) || NO_BREAK_AFTER.indexOf(cps[i - 1]) >= 0;
            }
        }
        return out;
    }

    static boolean isCjk(int cp) {
        if (isCjkLetter(cp)) {
            return true;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
        return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
    }

    static double width(String s, IntToDoubleFunction measure) {
        return s.codePoints().mapToDouble(measure).sum();
    }
}
