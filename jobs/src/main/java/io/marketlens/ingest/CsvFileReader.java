package io.marketlens.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one canonical-source CSV export record by record with its physical line number: strips a
 * UTF-8 byte-order mark, decodes strictly in the configured encoding, sniffs the delimiter when asked,
 * and resolves the header. A chunk that starts inside the file ({@link #resume}) is read in the layout
 * its header established, its line numbers continuing from the lines before it. Problems with the whole
 * file raise {@link UnreadableFileException}.
 */
public final class CsvFileReader implements Closeable {

    /** Candidate delimiters for sniffing, in order of preference on a tie. */
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    private static final int SNIFF_CHARS = 1 << 16;
    static final int MAX_RAW_CHARS = 2000;

    /**
     * One data record: its first physical line and its fields; {@link #raw} re-serialises it for the quarantine, on
     * demand (most records are accepted and never need it).
     */
    public record Record(long line, List<String> fields, CSVFormat format) {

        /** The record as one CSV line in the file's dialect, cut at {@value #MAX_RAW_CHARS} characters. */
        public String raw() {
            String raw = format.format(fields.toArray());
            return raw.length() > MAX_RAW_CHARS ? raw.substring(0, MAX_RAW_CHARS) + "…" : raw;
        }
    }

    private final String file;
    private final String encodingName;
    private final String sourceName;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final CSVFormat format;
    private final List<String> header;
    private final char delimiter;
    private final int byteOrderMark;
    /** Physical lines before the first byte this reader parses (a chunk that starts inside the file). */
    private final long linesBefore;
    private long lastEndLine;

    private CsvFileReader(String file, String encodingName, String sourceName, CSVParser parser, CSVFormat format,
                          List<String> header, char delimiter, int byteOrderMark, long linesBefore) {
        this.file = file;
        this.encodingName = encodingName;
        this.sourceName = sourceName;
        this.parser = parser;
        this.records = parser.iterator();
        this.format = format;
        this.header = header;
        this.delimiter = delimiter;
        this.byteOrderMark = byteOrderMark;
        this.linesBefore = linesBefore;
        this.lastEndLine = linesBefore + parser.getCurrentLineNumber();
    }

    private record Encoding(Charset charset, int byteOrderMark) {
    }

    /** Opens {@code in} (closed with this reader) and reads the header row. */
    public static CsvFileReader open(InputStream in, String file, Source source, SourceOptions options) {
        try {
            BufferedInputStream bin = new BufferedInputStream(in, 1 << 16);
            Encoding encoding = detectCharset(bin, file, source, options);
            Charset charset = encoding.charset();
            BufferedReader reader = strictReader(bin, charset);
            String head = peek(reader, file, source, options.encoding());
            char delimiter = options.delimiterChar().orElseGet(() -> sniff(head));
            CSVFormat format = format(delimiter);
            CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get();
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                throw new UnreadableFileException(file + ": the file is empty; a " + source.dirName()
                        + " export needs a header row naming its columns");
            }
            List<String> header = it.next().toList();
            if (header.size() == 1 && header.get(0).isBlank()) {
                throw new UnreadableFileException(file + ": the first line is blank; a " + source.dirName()
                        + " export needs a header row on line 1");
            }
            return new CsvFileReader(file, charset.name(), source.dirName(), parser, format, header, delimiter,
                    encoding.byteOrderMark(), 0);
        } catch (IOException | UncheckedIOException e) {
            throw encodingOrIo(file, source.dirName(), options.encoding(), e, 1);
        }
    }

    /**
     * Reads {@code in} (closed with this reader), which starts at a record boundary inside a file after
     * {@code linesBefore} physical lines, in the layout that the file's header established.
     */
    public static CsvFileReader resume(InputStream in, String file, Source source, Chunking layout, long linesBefore) {
        try {
            CSVFormat format = format(layout.delimiter());
            BufferedReader reader = strictReader(in, Charset.forName(layout.charset()));
            CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get();
            return new CsvFileReader(file, layout.charset(), source.dirName(), parser, format, layout.header(),
                    layout.delimiter(), 0, linesBefore);
        } catch (IOException | UncheckedIOException e) {
            throw encodingOrIo(file, source.dirName(), layout.charset(), e, linesBefore + 1);
        }
    }

    private static BufferedReader strictReader(InputStream in, Charset charset) {
        return new BufferedReader(new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    }

    /** RFC 4180 as exports write it; {@link RecordBoundaries} follows exactly this dialect. */
    private static CSVFormat format(char delimiter) {
        return CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(false)
                .setTrailingData(true)
                .setLenientEof(true)
                .get();
    }

    private static Encoding detectCharset(BufferedInputStream in, String file, Source source, SourceOptions options)
            throws IOException {
        Charset configured;
        try {
            configured = Charset.forName(options.encoding());
        } catch (RuntimeException e) {
            throw new UnreadableFileException(file + ": encoding '" + options.encoding() + "' is unknown; set sources."
                    + source.dirName() + ".encoding to UTF-8 or GB18030");
        }
        in.mark(4);
        int b0 = in.read();
        int b1 = in.read();
        int b2 = in.read();
        int b3 = in.read();
        boolean zip = b0 == 'P' && b1 == 'K' && b2 == 3 && b3 == 4;           // .xlsx, .zip
        boolean ole = b0 == 0xD0 && b1 == 0xCF && b2 == 0x11 && b3 == 0xE0;   // .xls
        if (zip || ole) {
            throw binary(file, source);
        }
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            in.reset();
            in.skipNBytes(3);
            return new Encoding(StandardCharsets.UTF_8, 3); // a UTF-8 byte-order mark says what the file is
        }
        in.reset();
        boolean utf16Bom = (b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF);
        if (utf16Bom && !configured.name().startsWith("UTF-16")) {
            throw new UnreadableFileException(file + ": the file is UTF-16 encoded; re-export it as UTF-8 CSV, or set sources."
                    + source.dirName() + ".encoding: UTF-16");
        }
        return new Encoding(configured, 0);
    }

    /** Reads ahead (without consuming) up to the end of the first line, checking it is text. */
    private static String peek(BufferedReader reader, String file, Source source, String encoding) throws IOException {
        reader.mark(SNIFF_CHARS + 1);
        char[] buf = new char[SNIFF_CHARS];
        int n = 0;
        int r;
        while (n < buf.length && (r = reader.read(buf, n, buf.length - n)) > 0) {
            n += r;
        }
        reader.reset();
        String head = new String(buf, 0, Math.max(n, 0));
        if (head.indexOf('\0') >= 0) {
            throw binary(file, source);
        }
        int eol = firstLineEnd(head);
        return eol < 0 ? head : head.substring(0, eol);
    }

    private static UnreadableFileException binary(String file, Source source) {
        return new UnreadableFileException(file + ": the file is binary, not text (an Excel workbook or an archive?);"
                + " save the " + source.dirName() + " export as CSV (UTF-8)");
    }

    private static int firstLineEnd(String s) {
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                return i;
            }
        }
        return -1;
    }

    /** The candidate that occurs most often outside quotes in the header line; ',' when none does. */
    static char sniff(String headerLine) {
        int[] counts = new int[DELIMITERS.length];
        boolean quoted = false;
        for (int i = 0; i < headerLine.length(); i++) {
            char c = headerLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                continue;
            }
            for (int d = 0; d < DELIMITERS.length && !quoted; d++) {
                if (c == DELIMITERS[d]) {
                    counts[d]++;
                }
            }
        }
        int best = 0;
        for (int d = 1; d < DELIMITERS.length; d++) {
            if (counts[d] > counts[best]) {
                best = d;
            }
        }
        return DELIMITERS[best];
    }

    private static RuntimeException encodingOrIo(String file, String source, String encoding, Exception e, long line) {
        if (e instanceof UnreadableFileException u) {
            return u;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CharacterCodingException) {
                return new UnreadableFileException(file + ": bytes at or after line " + line + " are not valid " + encoding
                        + ". If the export is Chinese Windows/Excel output, set sources." + source
                        + ".encoding: GB18030 in the config; otherwise re-export the file as UTF-8", e);
            }
        }
        return new UnreadableFileException(file + ": cannot be read (" + e.getMessage() + "); check the file exists and is readable", e);
    }

    public List<String> header() {
        return header;
    }

    public char delimiter() {
        return delimiter;
    }

    public String encoding() {
        return encodingName;
    }

    /** Bytes of the byte-order mark skipped before the header (0 or 3). */
    public int byteOrderMark() {
        return byteOrderMark;
    }

    /** The next data record, skipping blank lines, or null at the end of the file. */
    public Record next() {
        while (true) {
            CSVRecord rec;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                rec = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw encodingOrIo(file, sourceName, encodingName, e, lastEndLine + 1);
            }
            long start = lastEndLine + 1;
            lastEndLine = linesBefore + parser.getCurrentLineNumber();
            if (rec.size() == 1 && rec.get(0).isEmpty()) {
                continue; // a blank line is not a row
            }
            return new Record(start, rec.toList(), format);
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
