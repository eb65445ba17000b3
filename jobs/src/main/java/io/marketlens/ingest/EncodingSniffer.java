package io.marketlens.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Guesses the encoding of an export from its first bytes, for {@code encoding: auto} and for the hint of a file that
 * is not in its configured encoding: a NUL byte in every other position is UTF-16 without a byte-order mark (LE when
 * the NULs follow the ASCII bytes, BE when they precede them); valid UTF-8 with bytes above 0x7F is UTF-8; bytes that
 * decode as GB18030 to mostly Chinese characters (pairs of high bytes) are GB18030; other high bytes that decode as
 * windows-1252 letters and punctuation are Latin-1/windows-1252.
 */
final class EncodingSniffer {

    /** Bytes of the start of a file that the guess looks at. */
    static final int SAMPLE_BYTES = 1 << 16;

    static final Charset GB18030 = Charset.forName("GB18030");
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** A guessed encoding: the charset and how a message names it. */
    record Guess(Charset charset, String label) {
    }

    private EncodingSniffer() {
    }

    /** UTF-16LE or UTF-16BE when every other byte of the first ones is 0 (ASCII text in UTF-16 without a BOM). */
    static Optional<Charset> utf16WithoutBom(byte[] sample, int length) {
        int n = Math.min(length, 1024) & ~1;
        if (n < 4) {
            return Optional.empty();
        }
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < n; i += 2) {
            if (sample[i] == 0) {
                evenZeros++;
            }
            if (sample[i + 1] == 0) {
                oddZeros++;
            }
        }
        int pairs = n / 2;
        if (oddZeros * 10 >= pairs * 7 && evenZeros * 10 <= pairs) {
            return Optional.of(StandardCharsets.UTF_16LE);
        }
        if (evenZeros * 10 >= pairs * 7 && oddZeros * 10 <= pairs) {
            return Optional.of(StandardCharsets.UTF_16BE);
        }
        return Optional.empty();
    }

    /**
     * The likely encoding of a file whose first {@code length} bytes are {@code sample} ({@code complete}: the whole
     * file), or empty when the bytes say nothing (pure ASCII) or fit none of the candidates.
     */
    static Optional<Guess> guess(byte[] sample, int length, boolean complete) {
        Optional<Charset> utf16 = utf16WithoutBom(sample, length);
        if (utf16.isPresent()) {
            return Optional.of(new Guess(utf16.get(), utf16.get().name()));
        }
        if (!hasHighBytes(sample, length)) {
            return Optional.empty();
        }
        if (validUtf8(sample, length, complete)) {
            return Optional.of(new Guess(StandardCharsets.UTF_8, "UTF-8"));
        }
        if (mostlyChinese(sample, length)) {
            return Optional.of(new Guess(GB18030, "GB18030"));
        }
        if (westernText(sample, length)) {
            return Optional.of(new Guess(WINDOWS_1252, "Latin-1/windows-1252"));
        }
        return Optional.empty();
    }

    /**
     * The encoding {@code encoding: auto} reads a file in (its byte-order mark aside, which the reader handles): UTF-16
     * without a BOM by its NULs, else UTF-8 when the bytes are valid UTF-8, else GB18030 or windows-1252 by {@link #guess},
     * else UTF-8 (whose decoding error then names the file).
     */
    static Charset auto(byte[] sample, int length, boolean complete) {
        Optional<Charset> utf16 = utf16WithoutBom(sample, length);
        if (utf16.isPresent()) {
            return utf16.get();
        }
        if (validUtf8(sample, length, complete)) {
            return StandardCharsets.UTF_8;
        }
        return guess(sample, length, complete).map(Guess::charset).orElse(StandardCharsets.UTF_8);
    }

    private static boolean hasHighBytes(byte[] sample, int length) {
        for (int i = 0; i < length; i++) {
            if (sample[i] < 0) {
                return true;
            }
        }
        return false;
    }

    /** Valid UTF-8; a sequence cut by the end of an incomplete sample does not count against it. */
    static boolean validUtf8(byte[] sample, int length, boolean complete) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(length + 1);
        return !d.decode(ByteBuffer.wrap(sample, 0, length), out, complete).isError();
    }

    /**
     * Decoded as GB18030, at least 3 in 5 of the multi-byte sequences are Chinese characters or CJK punctuation written
     * with two high bytes (GB2312's rows, the common text of Chinese exports) and few bytes are invalid; Latin-1 text
     * read so gives a lone high byte before an ASCII one (an invalid or an extension pair) instead.
     */
    private static boolean mostlyChinese(byte[] b, int length) {
        int sequences = 0;
        int chinese = 0;
        int invalid = 0;
        int i = 0;
        while (i < length) {
            int lead = b[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            if (i + 1 >= length) {
                break; // cut by the end of the sample
            }
            int second = b[i + 1] & 0xFF;
            if (lead >= 0x81 && lead <= 0xFE && second >= 0x30 && second <= 0x39) {
                sequences++;
                i += 4;
                continue;
            }
            if (lead >= 0x81 && lead <= 0xFE && second >= 0x40 && second <= 0xFE && second != 0x7F) {
                sequences++;
                if (lead >= 0xA1 && second >= 0xA1) {
                    String c = new String(b, i, 2, GB18030);
                    if (chineseOrCjkPunctuation(c)) {
                        chinese++;
                    }
                }
                i += 2;
                continue;
            }
            invalid++;
            i++;
        }
        int all = sequences + invalid;
        return chinese > 0 && chinese * 5 >= all * 3 && invalid * 10 <= all;
    }

    private static boolean chineseOrCjkPunctuation(String c) {
        if (c.isEmpty()) {
            return false;
        }
        int cp = c.codePointAt(0);
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
                || cp >= 0x3000 && cp <= 0x303F   // CJK punctuation
                || cp >= 0xFF00 && cp <= 0xFFEF;  // full-width forms
    }

    /** At least 4 in 5 of the bytes above 0x7F are, in windows-1252, letters, NBSP or common punctuation. */
    private static boolean westernText(byte[] b, int length) {
        int high = 0;
        int text = 0;
        for (int i = 0; i < length; i++) {
            int v = b[i] & 0xFF;
            if (v < 0x80) {
                continue;
            }
            high++;
            String c = new String(b, i, 1, WINDOWS_1252);
            int cp = c.codePointAt(0);
            if (cp != 0xFFFD && (Character.isLetter(cp) || Character.isSpaceChar(cp) || "€£¥°§©®±²³µ·º¹ª«»¿¡‘’‚“”„–—…•™".indexOf(cp) >= 0)) {
                text++;
            }
        }
        return high > 0 && text * 5 >= high * 4;
    }

    /**
     * The message of a file whose bytes at or after {@code line} are not valid {@code encoding}, naming what its first
     * bytes ({@code sample}, may be null) look like and what to do; one sentence that names the file.
     *
     * @param configured the encoding the config names ({@code auto} when the reader chose {@code encoding})
     */
    static String hint(String file, String source, String encoding, String configured, long line, byte[] sample,
                       int length, boolean complete) {
        String key = "sources." + source + ".encoding";
        String where = file + ": bytes at or after line " + line + " are not valid " + encoding;
        boolean auto = SourceOptions.AUTO.equalsIgnoreCase(configured);
        Optional<Guess> guess = sample == null ? Optional.empty() : guess(sample, length, complete);
        if (guess.isEmpty()) {
            return where + (auto ? ", the encoding that encoding: auto found from the start of the file" : "")
                    + ", and the start of the file does not show which encoding it is in; re-export the file as UTF-8, or set "
                    + key + " to its encoding (GB18030 for Chinese Windows/Excel output, windows-1252 for Western European)";
        }
        Guess g = guess.get();
        if (g.charset().name().startsWith("UTF-16")) {
            return utf16(file, source, encoding, g.charset());
        }
        if (g.charset().equals(charsetOrNull(encoding))) {
            return where + ", though the start of the file looks like " + g.label()
                    + "; the file may be damaged or mix encodings, re-export it as UTF-8";
        }
        String set = g.charset().equals(WINDOWS_1252) ? "windows-1252" : g.charset().name();
        if (auto || !isUtf8(encoding)) {
            return where + ", and the file looks like " + g.label() + "; files of one source must share an encoding, or set "
                    + key + ": auto";
        }
        String origin = g.charset().equals(GB18030) ? " (Chinese Windows/Excel output)"
                : g.charset().equals(WINDOWS_1252) ? " (Western European Windows/Excel output)" : "";
        return where + " and look like " + g.label() + origin + "; set " + key + ": " + set
                + ", or re-export the file as UTF-8";
    }

    /** The message of a UTF-16 file without a byte-order mark read in another encoding. */
    static String utf16(String file, String source, String encoding, Charset utf16) {
        return file + ": the file looks like " + utf16.name() + " without a byte-order mark (every other byte is 0), not "
                + encoding + "; re-save it as UTF-8, or set sources." + source + ".encoding: " + utf16.name();
    }

    private static boolean isUtf8(String encoding) {
        return StandardCharsets.UTF_8.equals(charsetOrNull(encoding));
    }

    private static Charset charsetOrNull(String name) {
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
