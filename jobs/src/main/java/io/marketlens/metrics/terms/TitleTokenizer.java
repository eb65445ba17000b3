package io.marketlens.metrics.terms;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Search terms of a listing's title and attributes, for T/CCPITCSC 111-2022 Table 1, 1.1.4
 * 热搜属性及流行趋势 (hot attributes and trends; SPEC M10).
 *
 * <p>Titles: the text is NFKC-normalised (full-width "ＵＳＢ" becomes "usb", "㎖" becomes "ml") and
 * lower-cased with {@link Locale#ROOT}. It then falls into runs:
 *
 * <ul>
 *   <li><b>CJK runs</b> (Han, Hiragana, Katakana, Hangul, and the prolonged-sound mark ー) give
 *       overlapping character bigrams, the approach of Lucene's {@code CJKBigramFilter}: these
 *       scripts have no spaces (or, in Korean, spaces around whole phrases), and bigrams find
 *       words without a dictionary. Stop phrases (包邮, 新款, ...) are cut out of the run first;
 *       a bigram made only of stop characters (一个, 件套) is dropped; a run of one character
 *       yields that character unless it is a stop character.
 *   <li><b>Word runs</b>: letters and digits of any other script (plus the combining marks inside
 *       a word, which Devanagari or Thai need). A word is kept if it has at least two characters
 *       and at least one letter ("500ml" kept; "2024" and "x" dropped) and is not an English
 *       stop word.
 *   <li>Everything else (spaces, punctuation, symbols, emoji) separates runs.
 * </ul>
 *
 * <p>Each term counts once per title. Terms are weighted by the listing's revenue downstream, so
 * demand is already in the weight; a keyword repeated in one title is search-engine stuffing by
 * the seller, not more demand from buyers.
 *
 * <p>The stop lists are the resources {@code stopwords-en.txt} and {@code stopwords-zh.txt} beside
 * this class; each documents its entries. Stateless and thread-safe.
 */
public final class TitleTokenizer {

    private static final int MIN_WORD_LENGTH = 2;
    private static final int PROLONGED_SOUND_MARK = 0x30FC;
    private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private static final Set<String> ENGLISH_STOP_WORDS = load("stopwords-en.txt");
    private static final Set<String> CHINESE_STOP_ENTRIES = load("stopwords-zh.txt");
    private static final Set<Integer> STOP_CHARACTERS = CHINESE_STOP_ENTRIES.stream()
            .filter(e -> e.codePointCount(0, e.length()) == 1)
            .map(e -> e.codePointAt(0))
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> STOP_PHRASES = CHINESE_STOP_ENTRIES.stream()
            .filter(e -> e.codePointCount(0, e.length()) > 1)
            .collect(Collectors.toUnmodifiableSet());
    private static final int LONGEST_STOP_PHRASE = STOP_PHRASES.stream()
            .mapToInt(e -> e.codePointCount(0, e.length()))
            .max()
            .orElse(0);

    private TitleTokenizer() {}

    /** The distinct terms of a title in order of first appearance; empty for null or blank. */
    public static List<String> titleTerms(String title) {
        if (title == null || title.isBlank()) {
            return List.of();
        }
        String text = normalise(title);
        Set<String> terms = new LinkedHashSet<>();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (isCjk(cp)) {
                int end = runEnd(text, i, true);
                addCjkRun(text.substring(i, end), terms);
                i = end;
            } else if (Character.isLetterOrDigit(cp)) {
                int end = runEnd(text, i, false);
                addWord(text.substring(i, end), terms);
                i = end;
            } else {
                i += Character.charCount(cp);
            }
        }
        return List.copyOf(terms);
    }

    /**
     * The distinct {@code key:value} terms of an {@code attributes} cell ({@code key:value;key:value}),
     * NFKC-normalised (so the full-width "：" and "；" of Chinese exports work), lower-cased, trimmed,
     * inner spaces collapsed. A pair without a colon, or with an empty key or value, is skipped. The
     * value is everything after the first colon ("scale:1:6" is key "scale", value "1:6").
     */
    public static List<String> attributeTerms(String attributes) {
        if (attributes == null || attributes.isBlank()) {
            return List.of();
        }
        Set<String> terms = new LinkedHashSet<>();
        for (String pair : normalise(attributes).split(";")) {
            int colon = pair.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = collapseSpaces(pair.substring(0, colon));
            String value = collapseSpaces(pair.substring(colon + 1));
            if (!key.isEmpty() && !value.isEmpty()) {
                terms.add(key + ':' + value);
            }
        }
        return List.copyOf(terms);
    }

    /** Whether a normalised term is on either stop list; tests use it to check that none leaks out. */
    static boolean isStopTerm(String term) {
        return ENGLISH_STOP_WORDS.contains(term) || CHINESE_STOP_ENTRIES.contains(term);
    }

    private static String normalise(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private static String collapseSpaces(String s) {
        return SPACES.matcher(s.strip()).replaceAll(" ");
    }

    /** Han, Hiragana, Katakana and Hangul letters; ー belongs to no script but lives inside Katakana words. */
    private static boolean isCjk(int cp) {
        if (!Character.isLetter(cp)) {
            return false; // CJK radicals and symbols are Han script but not letters: separators
        }
        if (cp == PROLONGED_SOUND_MARK) {
            return true;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HANGUL;
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static int runEnd(String text, int start, boolean cjk) {
        int i = start;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            boolean inRun = cjk
                    ? isCjk(cp)
                    : !isCjk(cp) && (Character.isLetterOrDigit(cp) || isMark(cp));
            if (!inRun) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    private static void addWord(String word, Set<String> terms) {
        if (word.codePointCount(0, word.length()) >= MIN_WORD_LENGTH
                && word.codePoints().anyMatch(Character::isLetter)
                && !ENGLISH_STOP_WORDS.contains(word)) {
            terms.add(word);
        }
    }

    private static void addCjkRun(String run, Set<String> terms) {
        for (int[] segment : withoutStopPhrases(run.codePoints().toArray())) {
            if (segment.length == 1) {
                if (!STOP_CHARACTERS.contains(segment[0])) {
                    terms.add(new String(segment, 0, 1));
                }
                continue;
            }
            for (int k = 0; k + 1 < segment.length; k++) {
                if (!(STOP_CHARACTERS.contains(segment[k]) && STOP_CHARACTERS.contains(segment[k + 1]))) {
                    terms.add(new String(segment, k, 2));
                }
            }
        }
    }

    /**
     * The pieces of a run left after cutting out stop phrases, longest match first, scanning left to
     * right. Every phrase inside a remaining piece would have been found at its start, so none is left.
     */
    private static List<int[]> withoutStopPhrases(int[] run) {
        List<int[]> pieces = new ArrayList<>();
        int pieceStart = 0;
        int i = 0;
        while (i < run.length) {
            int phrase = stopPhraseLengthAt(run, i);
            if (phrase > 0) {
                addPiece(run, pieceStart, i, pieces);
                i += phrase;
                pieceStart = i;
            } else {
                i++;
            }
        }
        addPiece(run, pieceStart, run.length, pieces);
        return pieces;
    }

    private static int stopPhraseLengthAt(int[] run, int start) {
        for (int len = Math.min(LONGEST_STOP_PHRASE, run.length - start); len >= 2; len--) {
            if (STOP_PHRASES.contains(new String(run, start, len))) {
                return len;
            }
        }
        return 0;
    }

    private static void addPiece(int[] run, int from, int to, List<int[]> pieces) {
        if (to > from) {
            pieces.add(Arrays.copyOfRange(run, from, to));
        }
    }

    private static Set<String> load(String resource) {
        try (InputStream in = TitleTokenizer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("stop-word list " + resource + " is missing from the classpath next to "
                        + TitleTokenizer.class.getName() + "; rebuild the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines()
                    .map(line -> line.replaceFirst("#.*", "").strip())
                    .filter(line -> !line.isEmpty())
                    .map(TitleTokenizer::normalise)
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stop-word list " + resource, e);
        }
    }
}
