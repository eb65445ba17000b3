package io.marketlens.ingest;

import static io.marketlens.ingest.Rfc4180.FIELD_START;
import static io.marketlens.ingest.Rfc4180.QUOTED;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds, in the bytes of a CSV export, offsets where a record starts, about {@code chunkBytes} apart, and
 * the number of physical lines before each, so that separate tasks can parse the parts of one big file
 * and give the same records and line numbers as one reader of the whole file.
 *
 * <p>It follows the reader ({@link CsvFileReader}: Commons CSV, RFC 4180, text after a closing quote kept
 * as trailing data) byte by byte: a quote opens a quoted field only at the start of a field, {@code ""}
 * inside one is a quote, and a line break ends a record only outside quotes. Lines are counted as the
 * reader counts them — CR, LF and CR LF are one line break each, quoted or not. Only offsets right after
 * an LF are used, so a CR LF pair never straddles two parts. Feeding the bytes on the driver costs one
 * pass that the SHA-256 fingerprint makes anyway.
 *
 * <p>It follows {@link RecordGuard} too: once a record is an unbalanced quote (a quote still open after
 * {@code maxLines} lines, or a record over several lines with another number of fields than the header), the reader
 * sets its opening line aside and reads on from the next line, which an RFC 4180 scan cannot follow; no record start
 * is given from there on, and the rest of the file is one part.
 *
 * <p>This is sound only where line breaks, the quote and the delimiter are single bytes that never occur
 * inside another character; {@link #unsplittable} says when they may.
 */
final class RecordBoundaries {

    /** Encodings whose bytes after a lead byte are 0x30–0x39 (four-byte forms) or 0x40–0xFE. */
    private static final Set<String> GB_FAMILY = Set.of("GB18030", "GBK", "GB2312");

    private final byte delimiter;
    private final long chunkBytes;
    private final long skip;
    /** Physical lines of a preamble before the header: counted, but not read as CSV, and no split before the header ends. */
    private final long preamble;
    private final List<Chunking.Split> splits = new ArrayList<>();
    private long position;
    private long lines;
    private int previous = -1;
    private int state = FIELD_START;
    private long nextSplit;
    private final int expectedFields;
    private final int maxLines;
    private int recordLines;
    private int recordFields = 1;
    /** An unbalanced quote was met: no more splits. */
    private boolean diverged;

    /**
     * @param skip bytes at the start that the reader does not parse (a byte-order mark)
     */
    RecordBoundaries(char delimiter, long chunkBytes, long skip) {
        this(delimiter, chunkBytes, skip, 0, -1, Integer.MAX_VALUE);
    }

    /**
     * @param skip     bytes at the start that the reader does not parse (a byte-order mark)
     * @param preamble physical lines before the header row that the reader skipped (a report's title, blank lines):
     *                 counted as lines only (a stray quote in them opens nothing), and no record starts in them
     * @param expectedFields the header's field count (-1: unchecked)
     * @param maxLines       physical lines one record may span ({@code max_lines_per_record})
     */
    RecordBoundaries(char delimiter, long chunkBytes, long skip, long preamble, int expectedFields, int maxLines) {
        if (chunkBytes <= 0) {
            throw new IllegalArgumentException("chunk size must be positive: " + chunkBytes);
        }
        this.delimiter = (byte) delimiter;
        this.chunkBytes = chunkBytes;
        this.skip = skip;
        this.preamble = preamble;
        this.nextSplit = chunkBytes;
        this.expectedFields = expectedFields;
        this.maxLines = maxLines;
    }

    /**
     * Why text in {@code charset} delimited by {@code delimiter} cannot be cut at byte offsets, or empty
     * when it can: in UTF-8 every byte of a multi-byte character is 0x80 or above; in GB18030 (and GBK,
     * GB2312) line breaks, quote, comma, tab and semicolon never occur inside a character, but '|' and
     * other bytes from 0x40 up do; single-byte encodings that agree with ASCII on these bytes are safe.
     */
    static Optional<String> unsplittable(Charset charset, char delimiter) {
        if (delimiter >= 0x80 || delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            return Optional.of("its delimiter '" + delimiter + "' is not a single ASCII byte");
        }
        String name = charset.name();
        if (name.equals("UTF-8") || name.equals("US-ASCII")) {
            return Optional.empty();
        }
        if (GB_FAMILY.contains(name)) {
            boolean hidden = delimiter >= 0x30 && delimiter <= 0x39 || delimiter >= 0x40;
            return hidden ? Optional.of("in " + name + " the byte of its delimiter '" + delimiter
                    + "' also occurs inside characters") : Optional.empty();
        }
        return singleByteAsciiCompatible(charset, delimiter) ? Optional.empty()
                : Optional.of("in " + name + " line-break and quote bytes can occur inside characters");
    }

    private static boolean singleByteAsciiCompatible(Charset charset, char delimiter) {
        if (!charset.canEncode() || charset.newEncoder().maxBytesPerChar() != 1.0f) {
            return false;
        }
        byte[] structural = {'\n', '\r', '"', (byte) delimiter};
        try {
            CharBuffer decoded = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(structural));
            return decoded.toString().equals("\n\r\"" + delimiter);
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Takes the next {@code len} bytes of the file. */
    void accept(byte[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        if (position < skip) {
            int skipped = (int) Math.min(skip - position, len);
            i += skipped;
            position += skipped;
        }
        long base = position - i; // file offset of buf[0]
        int s = state;
        int prev = previous;
        long n = lines;
        for (; n < preamble && i < end; i++) { // the preamble: lines only
            byte b = buf[i];
            if (b == '\r' || b == '\n' && prev != '\r') {
                n++;
            }
            prev = b;
        }
        for (; i < end; i++) {
            byte b = buf[i];
            if (b == '\n') {
                if (prev != '\r') {
                    n++;
                    s = lineBreak(s);
                }
                if (s != QUOTED) {
                    s = FIELD_START;
                    long at = base + i + 1;
                    if (at >= nextSplit && n > preamble && !diverged) {
                        splits.add(new Chunking.Split(at, n));
                        nextSplit = at + chunkBytes;
                    }
                }
            } else if (b == '\r') {
                n++;
                s = lineBreak(s);
            } else {
                if (b == delimiter && s != QUOTED) {
                    recordFields++;
                }
                s = Rfc4180.after(s, b, delimiter);
            }
            prev = b;
        }
        position = base + end;
        state = s;
        previous = prev;
        lines = n;
    }

    /**
     * A line break in state {@code s}: it ends the record outside quotes; the new state. Marks the scan
     * {@link #diverged} at an unbalanced quote.
     */
    private int lineBreak(int s) {
        recordLines++;
        if (s == QUOTED) {
            if (recordLines >= maxLines) {
                diverged = true;
            }
            return s;
        }
        if (recordLines > 1 && expectedFields >= 0 && recordFields != expectedFields) {
            diverged = true;
        }
        recordLines = 0;
        recordFields = 1;
        return FIELD_START;
    }

    /** Offsets where a record starts, the first at least {@code chunkBytes} into the file, each the next as far on. */
    List<Chunking.Split> splits() {
        return List.copyOf(splits);
    }
}
