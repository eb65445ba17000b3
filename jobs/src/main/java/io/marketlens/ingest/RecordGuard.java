package io.marketlens.ingest;

import static io.marketlens.ingest.Rfc4180.FIELD_START;
import static io.marketlens.ingest.Rfc4180.QUOTED;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;

/**
 * Stands between the text of a CSV export and its parser, and passes on whole records only, so that one stray quote
 * cannot swallow the lines after it. It follows the parser's dialect (RFC 4180 as {@link CsvFileReader#format} reads
 * it, the same state machine as {@link RecordBoundaries}): a quote opens a quoted field only at the start of a field,
 * {@code ""} inside one is a quote, and a line break ends a record only outside quotes. CR, LF and CR LF end one
 * physical line each.
 *
 * <p>A record is an <em>unbalanced quote</em> when a quote it opened is still open after {@code maxLines} physical
 * lines, or at the end of the text, or when it spans several lines and has another number of fields than the header.
 * Its opening line is then withheld from the parser and reported ({@link Entry#unbalanced}), and the text after that
 * line is read again from a record start, so that every physical line is either in a record the parser gets or an
 * opening line set aside. A record that is a well-formed multi-line field (an address over three lines) passes as it
 * is.
 *
 * <p>For each record passed on, and each line set aside, an {@link Entry} is queued in text order with its physical
 * line number, for the reader to pair with the parser's records.
 */
final class RecordGuard extends Reader {

    /**
     * A record passed to the parser, starting on physical line {@code line}; or, with {@code unbalanced} set, an opening
     * line set aside, {@code unbalanced} its text without its line break. {@code blank}: the record is a line break alone
     * (a blank line; a line {@code ""} is a record of one empty field, no blank line).
     */
    record Entry(long line, String unbalanced, boolean blank) {
    }

    private final Reader in;
    private final char delimiter;
    private final int maxLines;
    /** The header's field count; -1 until the first record (the header itself, for a reader from the file's start). */
    private int expectedFields;

    /** What {@link #in} is read into. */
    private final char[] readBuffer = new char[1 << 16];
    /** The characters to scan: {@link #readBuffer}, or the text after a line set aside followed by what was unscanned. */
    private char[] buf = readBuffer;
    private int bufPos;
    private int bufLen;
    private boolean eof;

    /** Decided text, from {@link #outPos} up to {@link #recordStart}; the current record's text after it. */
    private final StringBuilder out = new StringBuilder(1 << 16);
    private int outPos;
    private int recordStart;

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    /** The last character of the text passed on before {@link #out}'s start (-1: none). */
    private int trimmedTail = -1;

    private int state = FIELD_START;
    private int prev = -1;
    /** An LF to drop: the second half of the CR LF of a line set aside. */
    private boolean dropLf;
    private int recordLines;
    private int recordFields = 1;
    /** Physical lines before the current record. */
    private long linesBeforeRecord;

    /**
     * @param linesBefore    physical lines before the first character of {@code in}
     * @param expectedFields the header's field count, or -1 when the first record is the header
     */
    RecordGuard(Reader in, char delimiter, int maxLines, long linesBefore, int expectedFields) {
        if (maxLines < 1) {
            throw new IllegalArgumentException("max lines per record must be ≥ 1: " + maxLines);
        }
        this.in = in;
        this.delimiter = delimiter;
        this.maxLines = maxLines;
        this.linesBeforeRecord = linesBefore;
        this.expectedFields = expectedFields;
    }

    /** The physical line that reading has reached (1-based). */
    long currentLine() {
        return linesBeforeRecord + recordLines + 1;
    }

    /** The next entry in text order, or null when none is decided yet (or none is left). */
    Entry poll() {
        return entries.poll();
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (outPos == recordStart) {
            if (!decideMore()) {
                return -1;
            }
        }
        int n = Math.min(len, recordStart - outPos);
        out.getChars(outPos, outPos + n, cbuf, off);
        outPos += n;
        if (outPos == recordStart && outPos > (1 << 15)) {
            trimmedTail = out.charAt(outPos - 1);
            out.delete(0, outPos);
            recordStart -= outPos;
            outPos = 0;
        }
        return n;
    }

    /**
     * Scans on until some text or an opening line set aside is decided, to the end of the characters at hand so that the
     * parser gets them in large reads; false at the end of the text with nothing left.
     */
    private boolean decideMore() throws IOException {
        int decided = entries.size();
        while (true) {
            if (bufPos == bufLen && !refill()) {
                if (out.length() > recordStart) {
                    endOfText();
                    continue;
                }
                return entries.size() > decided;
            }
            scan();
            if (outPos < recordStart || entries.size() > decided) {
                return true;
            }
        }
    }

    private boolean refill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(readBuffer, 0, readBuffer.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        buf = readBuffer;
        bufPos = 0;
        bufLen = n;
        return true;
    }

    /** The last character of the decided text (-1: none yet). */
    private int lastPassed() {
        return recordStart > 0 ? out.charAt(recordStart - 1) : trimmedTail;
    }

    /**
     * Scans the characters at hand ({@link #buf} from {@link #bufPos}), appending them to {@link #out} a line at a time
     * and deciding each record at its end; stops early when a line is set aside (the characters at hand are then the
     * text after it).
     */
    private void scan() {
        char[] b = buf;
        int end = bufLen;
        int i = bufPos;
        int from = i;
        int s = state;
        int p = prev;
        char d = delimiter;
        if (dropLf && i < end) {
            dropLf = false;
            if (b[i] == '\n') { // the second half of the CR LF of a line set aside
                p = '\n';
                from = ++i;
            }
        }
        while (i < end) {
            char c = b[i];
            if (c > '"' && c != d) { // most characters: text of a field
                s = Rfc4180.after(s, c, d);
                p = c;
                i++;
                continue;
            }
            if (c == '\n' && p == '\r') {
                p = c;
                i++;
                if (from == i - 1 && out.length() == recordStart) {
                    out.append('\n'); // the LF of the CR LF that ended the record before
                    recordStart++;
                    from = i;
                }
                continue;
            }
            p = c;
            if (c == '\n' || c == '\r') {
                if (c == '\n' && from == i && out.length() == recordStart && lastPassed() == '\r') {
                    // a blank line right after a CR that ended the line before a line set aside: the parser would take
                    // the CR and this LF for one line break, so it gets the blank line as a CR
                    out.append('\r');
                } else {
                    out.append(b, from, i + 1 - from);
                }
                from = ++i;
                recordLines++;
                if (s != QUOTED) {
                    bufPos = i;
                    prev = p;
                    endOfRecord();
                    if (buf != b) {
                        return; // its opening line was set aside: the characters at hand are now the text after it
                    }
                    s = state;
                } else if (recordLines >= maxLines) {
                    bufPos = i;
                    prev = p;
                    setAsideOpeningLine();
                    return;
                }
                continue;
            }
            if (c == d && s != QUOTED) {
                recordFields++;
            }
            s = Rfc4180.after(s, c, d);
            i++;
        }
        out.append(b, from, i - from);
        bufPos = i;
        state = s;
        prev = p;
    }

    /** The text ended inside a record (no line break after it). */
    private void endOfText() {
        if (state == QUOTED) {
            setAsideOpeningLine();
        } else {
            recordLines++; // the last line, without a line break
            endOfRecord();
        }
    }

    private void endOfRecord() {
        if (expectedFields >= 0 && recordLines > 1 && recordFields != expectedFields) {
            setAsideOpeningLine();
            return;
        }
        if (expectedFields < 0) {
            expectedFields = recordFields;
        }
        boolean blank = true;
        for (int i = recordStart; i < out.length() && blank; i++) {
            blank = out.charAt(i) == '\n' || out.charAt(i) == '\r';
        }
        entries.add(new Entry(linesBeforeRecord + 1, null, blank));
        linesBeforeRecord += recordLines;
        recordStart = out.length();
        resetRecord();
    }

    /**
     * Withholds the current record's first line, which opened a quote that does not close as a quote should, and
     * queues the rest of the record's text to be read again.
     */
    private void setAsideOpeningLine() {
        int end = recordStart;
        while (end < out.length() && out.charAt(end) != '\n' && out.charAt(end) != '\r') {
            end++;
        }
        String line = out.substring(recordStart, end);
        int next = end;
        if (next < out.length()) {
            next += out.charAt(next) == '\r' && next + 1 < out.length() && out.charAt(next + 1) == '\n' ? 2 : 1;
        }
        boolean crLast = next == out.length() && end < out.length() && out.charAt(end) == '\r';
        int restLength = out.length() - next;
        char[] again = new char[restLength + bufLen - bufPos];
        out.getChars(next, out.length(), again, 0);
        System.arraycopy(buf, bufPos, again, restLength, bufLen - bufPos);
        buf = again;
        bufPos = 0;
        bufLen = again.length;
        out.setLength(recordStart);
        entries.add(new Entry(linesBeforeRecord + 1, line, false));
        linesBeforeRecord += 1;
        resetRecord();
        // the opening line ended with a CR as the last character read: an LF right after it is its CR LF
        prev = crLast ? '\r' : -1;
        dropLf = crLast;
    }

    private void resetRecord() {
        state = FIELD_START;
        recordLines = 0;
        recordFields = 1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
