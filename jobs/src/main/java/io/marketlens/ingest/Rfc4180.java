package io.marketlens.ingest;

/**
 * The states of a CSV scan in the reader's dialect (RFC 4180 as {@link CsvFileReader#format} reads it), shared by the
 * scans that must find records where the parser does: {@link RecordGuard} on characters, {@link RecordBoundaries} on
 * bytes. A quote opens a quoted field only at the start of a field, {@code ""} inside one is a quote, text after a
 * closing quote is kept up to the delimiter, and a line break ends a record only outside quotes (the callers handle
 * line breaks, which they count).
 */
final class Rfc4180 {

    static final int FIELD_START = 0;
    static final int UNQUOTED = 1;
    static final int QUOTED = 2;
    /** A quote inside a quoted field: the field ends unless the next character is a quote too. */
    static final int QUOTE_IN_QUOTED = 3;
    /** Text after a closing quote, up to the delimiter or line break (the parser keeps it as trailing data). */
    static final int AFTER_QUOTE = 4;

    private Rfc4180() {
    }

    /** The state after {@code c}, which is no line break, in state {@code s}. */
    static int after(int s, int c, int delimiter) {
        if (c == '"') {
            return s == FIELD_START || s == QUOTE_IN_QUOTED ? QUOTED : s == QUOTED ? QUOTE_IN_QUOTED : s;
        }
        if (c == delimiter) {
            return s == QUOTED ? s : FIELD_START;
        }
        return s == FIELD_START ? UNQUOTED : s == QUOTE_IN_QUOTED ? AFTER_QUOTE : s;
    }
}
