package io.marketlens.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Counts the physical lines of a text file from its bytes, as the reader counts them: CR, LF and CR LF end one line
 * each, and a last line without a line break counts too. UTF-16 text (a byte-order mark, or the NUL pattern of
 * {@link EncodingSniffer#utf16WithoutBom}) is counted in 16-bit units; other encodings that exports use (UTF-8, GB18030,
 * the single-byte ones) never have a CR or LF byte inside a character.
 */
final class LineCounter {

    private static final int UNDECIDED = -1;
    private static final int BYTES = 0;
    private static final int UTF16LE = 1;
    private static final int UTF16BE = 2;

    private int mode = UNDECIDED;
    private final byte[] start = new byte[1024];
    private int startLength;
    private long position;
    private long lines;
    private int previous = -1;
    /** The first byte of a 16-bit unit whose second byte is still to come. */
    private int half = -1;

    void accept(byte[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        if (mode == UNDECIDED) {
            int n = Math.min(len, start.length - startLength);
            System.arraycopy(buf, off, start, startLength, n);
            startLength += n;
            if (startLength < start.length) {
                return; // decided at the end of the text, or when the start is full
            }
            decide();
            count(start, 0, startLength);
            i += n;
        }
        count(buf, i, end - i);
    }

    /** The physical lines of the text given so far, as of its end. */
    long lines() {
        if (mode == UNDECIDED) {
            decide();
            count(start, 0, startLength);
        }
        boolean open = mode == BYTES ? position > 0 && previous != '\r' && previous != '\n'
                : position > 2 && previous != '\r' && previous != '\n' && previous != 0xFEFF;
        return lines + (open ? 1 : 0);
    }

    private void decide() {
        int b0 = startLength > 0 ? start[0] & 0xFF : -1;
        int b1 = startLength > 1 ? start[1] & 0xFF : -1;
        if (b0 == 0xFF && b1 == 0xFE) {
            mode = UTF16LE;
        } else if (b0 == 0xFE && b1 == 0xFF) {
            mode = UTF16BE;
        } else {
            Optional<Charset> utf16 = EncodingSniffer.utf16WithoutBom(start, startLength);
            mode = utf16.isEmpty() ? BYTES : utf16.get().equals(StandardCharsets.UTF_16LE) ? UTF16LE : UTF16BE;
        }
    }

    private void count(byte[] buf, int off, int len) {
        int end = off + len;
        int prev = previous;
        long n = lines;
        if (mode == BYTES) {
            for (int i = off; i < end; i++) {
                int b = buf[i];
                if (b == '\r' || b == '\n' && prev != '\r') {
                    n++;
                }
                prev = b;
            }
        } else {
            int h = half;
            for (int i = off; i < end; i++) {
                int b = buf[i] & 0xFF;
                if (h < 0) {
                    h = b;
                    continue;
                }
                int unit = mode == UTF16LE ? h | b << 8 : h << 8 | b;
                h = -1;
                if (unit == '\r' || unit == '\n' && prev != '\r') {
                    n++;
                }
                prev = unit;
            }
            half = h;
        }
        previous = prev;
        lines = n;
        position += len;
    }
}
