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
 * and resolves the header, skipping a preamble before it (see {@link #preambleLines}). A chunk that starts inside the file ({@link #resume}) is read in the layout
 * its header established, its line numbers continuing from the lines before it. Problems with the whole
 * file raise {@link UnreadableFileException}.
 */
public final class CsvFileReader implements ExportReader {

    /** Candidate delimiters for sniffing, in order of preference on a tie. */
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    private static final int SNIFF_CHARS = 1 << 16;
    static final int MAX_RAW_CHARS = 2000;

    /**
     * One data record: its first physical line and its fields; {@link #raw} re-serialises it for the quarantine, on
     * demand (most records are accepted and never need it).
     */
    public record Record(long line, List<String> fields, CSVFormat format, String unbalanced) {

        /** A record the parser read. */
        public Record(long line, List<String> fields, CSVFormat format) {
            this(line, fields, format, null);
        }

        /**
         * The opening line of a quote that is never closed ({@link RecordGuard}), set aside as it stands: no fields.
         */
        static Record unbalancedQuote(long line, String text) {
            return new Record(line, List.of(), null, text);
        }

        /** Whether this is the opening line of an unbalanced quote rather than a record. */
        public boolean unbalancedQuote() {
            return unbalanced != null;
        }

        /**
         * The record as one CSV line in the file's dialect (an unbalanced quote's line as it stands), cut at
         * {@value #MAX_RAW_CHARS} characters.
         */
        public String raw() {
            String raw = unbalanced != null ? unbalanced : format.format(fields.toArray());
            return raw.length() > MAX_RAW_CHARS ? raw.substring(0, MAX_RAW_CHARS) + "…" : raw;
        }
    }

    private final String file;
    private final String encodingName;
    /** The encoding the config names ({@code auto} when the reader chose {@link #encodingName}). */
    private final String configuredEncoding;
    /** The first bytes of the file (or of the chunk), for the hint of a decoding error; see {@link EncodingSniffer}. */
    private final Sample sample;
    private final String sourceName;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final RecordGuard guard;
    /** A record the parser gave that waits for the lines set aside before it. */
    private CSVRecord pending;
    private final CSVFormat format;
    private final List<String> header;
    private final char delimiter;
    private final int byteOrderMark;
    private final long preambleLines;
    /** The first line of the last record returned. */
    private long lastLine;

    private CsvFileReader(String file, String encodingName, String configuredEncoding, Sample sample, String sourceName,
                          CSVParser parser, RecordGuard guard, CSVFormat format, List<String> header, char delimiter,
                          int byteOrderMark, long preambleLines) {
        this.file = file;
        this.encodingName = encodingName;
        this.configuredEncoding = configuredEncoding;
        this.sample = sample;
        this.sourceName = sourceName;
        this.parser = parser;
        this.records = parser.iterator();
        this.guard = guard;
        this.format = format;
        this.header = header;
        this.delimiter = delimiter;
        this.byteOrderMark = byteOrderMark;
        this.preambleLines = preambleLines;
    }

    private record Encoding(Charset charset, int byteOrderMark) {
    }

    /** The first {@code length} bytes of a file ({@code complete}: all of it). */
    private record Sample(byte[] bytes, int length, boolean complete) {

        static final Sample NONE = new Sample(new byte[0], 0, true);

        /** Reads the first bytes of {@code in} without consuming them. */
        static Sample of(BufferedInputStream in) throws IOException {
            in.mark(EncodingSniffer.SAMPLE_BYTES + 1);
            byte[] bytes = in.readNBytes(EncodingSniffer.SAMPLE_BYTES);
            boolean complete = bytes.length < EncodingSniffer.SAMPLE_BYTES || in.read() < 0;
            in.reset();
            return new Sample(bytes, bytes.length, complete);
        }

        int at(int i) {
            return i < length ? bytes[i] & 0xFF : -1;
        }
    }

    /**
     * Opens {@code in} (closed with this reader) and reads the header row: on the line that {@code header_row} names,
     * or, with {@code header_row: auto}, after the preamble that {@link #preambleLines} finds (none, normally).
     */
    public static CsvFileReader open(InputStream in, String file, Source source, SourceOptions options) {
        Sample sample = Sample.NONE;
        String reading = options.encoding();
        try {
            BufferedInputStream bin = new BufferedInputStream(in, 1 << 16);
            sample = Sample.of(bin);
            Encoding encoding = detectCharset(bin, sample, file, source, options);
            Charset charset = encoding.charset();
            reading = charset.name();
            BufferedReader reader = strictReader(bin, charset);
            java.util.OptionalInt configured = options.headerLine();
            long preamble;
            String head;
            if (configured.isPresent()) {
                long wanted = configured.getAsInt() - 1L;
                preamble = skipLines(reader, wanted);
                head = peek(reader, file, source);
                if (preamble < wanted || preamble > 0 && head.isEmpty()) {
                    throw new UnreadableFileException(file + ": sources." + source.dirName() + ".header_row is "
                            + configured.getAsInt() + ", but the file has only " + preamble + " lines; set header_row to"
                            + " the line that holds the header, or to auto");
                }
            } else {
                head = peek(reader, file, source);
                preamble = preambleLines(head, options.delimiterChar(), knownHeaders(source, options));
                if (preamble > 0) {
                    skipLines(reader, preamble);
                    head = peek(reader, file, source);
                }
            }
            int eol = firstLineEnd(head);
            String headerLine = eol < 0 ? head : head.substring(0, eol);
            char delimiter = options.delimiterChar().orElseGet(() -> sniff(headerLine));
            CSVFormat format = format(delimiter);
            RecordGuard guard = new RecordGuard(reader, delimiter, options.maxLinesPerRecord(), preamble, -1);
            CSVParser parser = CSVParser.builder().setReader(guard).setFormat(format).get();
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                RecordGuard.Entry first = guard.poll();
                throw new UnreadableFileException(first != null && first.unbalanced() != null
                        ? unbalancedHeader(file, source, options, first.line())
                        : file + ": the file is empty; a " + source.dirName() + " export needs a header row naming its columns");
            }
            List<String> header = it.next().toList();
            RecordGuard.Entry headerEntry = guard.poll();
            if (headerEntry != null && headerEntry.unbalanced() != null) {
                throw new UnreadableFileException(unbalancedHeader(file, source, options, headerEntry.line()));
            }
            if (header.size() == 1 && header.get(0).isBlank()) {
                throw new UnreadableFileException(preamble == 0
                        ? file + ": the first line is blank; a " + source.dirName() + " export needs a header row on line 1"
                        : file + ": line " + (preamble + 1) + ", where the header row should be, is blank; set sources."
                        + source.dirName() + ".header_row to the line that holds the header");
            }
            return new CsvFileReader(file, charset.name(), options.encoding(), sample, source.dirName(), parser, guard, format,
                    header, delimiter, encoding.byteOrderMark(), preamble);
        } catch (IOException | UncheckedIOException e) {
            throw encodingOrIo(file, source.dirName(), reading, options.encoding(), sample, e, 1);
        }
    }

    /**
     * The normalised names a header of {@code source} may have: its canonical column names, the headers the config's
     * column rules read, and those of the source's presets.
     */
    static java.util.Set<String> knownHeaders(Source source, SourceOptions options) {
        java.util.Set<String> names = new java.util.HashSet<>();
        source.columns().forEach(c -> names.add(HeaderMapping.normalise(c.name())));
        options.columns().values().forEach(rule -> rule.headers().forEach(a -> names.add(HeaderMapping.normalise(a))));
        for (Preset p : Presets.all()) {
            if (p.sourceKind() == source) {
                p.detect().forEach(h -> names.add(HeaderMapping.normalise(h)));
                p.columns().values().forEach(rule -> rule.headers().forEach(h -> names.add(HeaderMapping.normalise(h))));
            }
        }
        return names;
    }

    /**
     * How many physical lines of {@code head} (the start of the file) come before the header row, for
     * {@code header_row: auto}. Of the first {@value SourceOptions#PREAMBLE_SEARCH_LINES} lines, the header is the
     * one that names the most columns of the source ({@code names}, normalised; the first of equals) — line 1 with
     * any field, a line below it with two fields or more (a preamble line such as {@code Marketplace,US} names one
     * column, a header most of them). Failing that, a first line of two fields or more is the header, as it always was (the
     * header check then says what is missing); and when the first line has one field or none (a title, a blank line),
     * the first line of two fields or more followed by a line of as many fields is. Otherwise 0.
     */
    static int preambleLines(String head, java.util.Optional<Character> delimiter, java.util.Set<String> names) {
        List<String> lines = physicalLines(head, SourceOptions.PREAMBLE_SEARCH_LINES + 1, head.length() < SNIFF_CHARS);
        if (lines.isEmpty()) {
            return 0;
        }
        List<List<String>> fields = new java.util.ArrayList<>(lines.size());
        for (String line : lines) {
            fields.add(fieldsOf(line, delimiter.orElseGet(() -> sniff(line))));
        }
        return headerIndex(fields, names);
    }

    /**
     * Which of the first rows of an export ({@code rows}: their fields; one row past the search, where there is one)
     * is the header, by the rule of {@link #preambleLines}.
     */
    static int headerIndex(List<List<String>> rows, java.util.Set<String> names) {
        if (rows.isEmpty()) {
            return 0;
        }
        int search = Math.min(rows.size(), SourceOptions.PREAMBLE_SEARCH_LINES);
        int best = -1;
        int bestMatches = 0;
        for (int i = 0; i < search; i++) {
            if (i > 0 && rows.get(i).size() < 2) {
                continue;
            }
            int matches = 0;
            for (String f : rows.get(i)) {
                if (names.contains(HeaderMapping.normalise(f))) {
                    matches++;
                }
            }
            if (matches > bestMatches) {
                best = i;
                bestMatches = matches;
            }
        }
        if (best >= 0) {
            return best;
        }
        if (rows.get(0).size() >= 2) {
            return 0;
        }
        for (int i = 1; i < search && i + 1 < rows.size(); i++) {
            int n = rows.get(i).size();
            if (n >= 2 && n == rows.get(i + 1).size()) {
                return i;
            }
        }
        return 0;
    }

    /**
     * Up to {@code max} physical lines of {@code text} (CR, LF and CR LF end one each, quoted or not, as the parser
     * counts them), without their line breaks; the text after the last line break counts only when {@code complete}.
     */
    private static List<String> physicalLines(String text, int max, boolean complete) {
        List<String> out = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length() && out.size() < max; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (complete && out.size() < max && start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    /** The fields of one line; a line that is not valid CSV (a stray quote in a title) is one field. */
    private static List<String> fieldsOf(String line, char delimiter) {
        try (CSVParser p = CSVParser.builder().setReader(new java.io.StringReader(line)).setFormat(format(delimiter)).get()) {
            Iterator<CSVRecord> it = p.iterator();
            return it.hasNext() ? it.next().toList() : List.of("");
        } catch (IOException | RuntimeException e) {
            return List.of(line);
        }
    }

    /** Consumes {@code n} physical lines (CR, LF and CR LF one each); returns how many there were. */
    private static long skipLines(BufferedReader reader, long n) throws IOException {
        long done = 0;
        while (done < n) {
            int c = reader.read();
            if (c < 0) {
                break;
            }
            if (c == '\n') {
                done++;
            } else if (c == '\r') {
                done++;
                reader.mark(1);
                if (reader.read() != '\n') {
                    reader.reset();
                }
            }
        }
        return done;
    }

    /**
     * Reads {@code in} (closed with this reader), which starts at a record boundary inside a file after
     * {@code linesBefore} physical lines, in the layout that the file's header established.
     */
    public static CsvFileReader resume(InputStream in, String file, Source source, Chunking layout, long linesBefore,
                                       int maxLinesPerRecord) {
        Sample sample = Sample.NONE;
        try {
            CSVFormat format = format(layout.delimiter());
            BufferedInputStream bin = new BufferedInputStream(in, 1 << 16);
            sample = Sample.of(bin);
            BufferedReader reader = strictReader(bin, Charset.forName(layout.charset()));
            RecordGuard guard = new RecordGuard(reader, layout.delimiter(), maxLinesPerRecord, linesBefore,
                    layout.header().size());
            CSVParser parser = CSVParser.builder().setReader(guard).setFormat(format).get();
            return new CsvFileReader(file, layout.charset(), layout.charset(), sample, source.dirName(), parser, guard, format,
                    layout.header(), layout.delimiter(), 0, 0);
        } catch (IOException | UncheckedIOException e) {
            throw encodingOrIo(file, source.dirName(), layout.charset(), layout.charset(), sample, e, linesBefore + 1);
        }
    }

    private static BufferedReader strictReader(InputStream in, Charset charset) {
        return new BufferedReader(new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    }

    /** RFC 4180 as exports write it; {@link RecordBoundaries} follows exactly this dialect. */
    static CSVFormat format(char delimiter) {
        return CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(false)
                .setTrailingData(true)
                .setLenientEof(true)
                .get();
    }

    private static Encoding detectCharset(BufferedInputStream in, Sample sample, String file, Source source,
                                          SourceOptions options) throws IOException {
        boolean auto = SourceOptions.AUTO.equalsIgnoreCase(options.encoding());
        Charset configured;
        try {
            configured = auto ? null : Charset.forName(options.encoding());
        } catch (RuntimeException e) {
            throw new UnreadableFileException(file + ": encoding '" + options.encoding() + "' is unknown; set sources."
                    + source.dirName() + ".encoding to UTF-8, GB18030, windows-1252 or auto");
        }
        int b0 = sample.at(0);
        int b1 = sample.at(1);
        int b2 = sample.at(2);
        int b3 = sample.at(3);
        boolean zip = b0 == 'P' && b1 == 'K' && b2 == 3 && b3 == 4;           // .xlsx, .zip
        boolean ole = b0 == 0xD0 && b1 == 0xCF && b2 == 0x11 && b3 == 0xE0;   // .xls
        if (zip || ole) {
            throw binary(file, source);
        }
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            in.skipNBytes(3);
            return new Encoding(StandardCharsets.UTF_8, 3); // a UTF-8 byte-order mark says what the file is
        }
        boolean utf16Bom = (b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF);
        if (utf16Bom && auto) {
            return new Encoding(StandardCharsets.UTF_16, 0); // reads the byte-order mark and skips it
        }
        if (utf16Bom && !configured.name().startsWith("UTF-16")) {
            throw new UnreadableFileException(file + ": the file is UTF-16 encoded; re-export it as UTF-8 CSV, or set sources."
                    + source.dirName() + ".encoding: UTF-16");
        }
        if (auto) {
            return new Encoding(EncodingSniffer.auto(sample.bytes(), sample.length(), sample.complete()), 0);
        }
        java.util.Optional<Charset> utf16 = EncodingSniffer.utf16WithoutBom(sample.bytes(), sample.length());
        if (utf16.isPresent() && !configured.name().startsWith("UTF-16")) {
            throw new UnreadableFileException(EncodingSniffer.utf16(file, source.dirName(), configured.name(), utf16.get()));
        }
        return new Encoding(configured, 0);
    }

    /** Reads ahead (without consuming) up to {@value #SNIFF_CHARS} characters, checking they are text. */
    private static String peek(BufferedReader reader, String file, Source source) throws IOException {
        reader.mark(SNIFF_CHARS + 1);
        char[] buf = new char[SNIFF_CHARS];
        int n = 0;
        int r;
        while (n < buf.length && (r = reader.read(buf, n, buf.length - n)) > 0) {
            n += r;
        }
        reader.reset();
        String head = new String(buf, 0, Math.max(n, 0));
        long nuls = head.chars().filter(c -> c == 0).count();
        if (nuls * 10 > head.length()) {
            throw binary(file, source); // text has a stray NUL (removed from its cell) at most, not one in ten characters
        }
        return head;
    }

    private static UnreadableFileException binary(String file, Source source) {
        return new UnreadableFileException(file + ": the file is binary, not text (an Excel workbook or an archive?);"
                + " save the " + source.dirName() + " export as CSV (UTF-8), or name an Excel workbook .xlsx");
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

    private static RuntimeException encodingOrIo(String file, String source, String encoding, String configured,
                                                 Sample sample, Exception e, long line) {
        if (e instanceof UnreadableFileException u) {
            return u;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CharacterCodingException) {
                return new UnreadableFileException(EncodingSniffer.hint(file, source, encoding, configured, line,
                        sample.bytes(), sample.length(), sample.complete()), e);
            }
        }
        return new UnreadableFileException(file + ": cannot be read (" + e.getMessage() + "); check the file exists and is readable", e);
    }

    @Override
    public List<String> header() {
        return header;
    }

    public char delimiter() {
        return delimiter;
    }

    public String encoding() {
        return encodingName;
    }

    /**
     * Physical lines before the header row (a report's preamble) that were skipped, not read as rows; 0 for a reader
     * that {@link #resume}s inside the file.
     */
    @Override
    public long preambleLines() {
        return preambleLines;
    }

    /** Bytes of the byte-order mark skipped before the header (0 or 3). */
    public int byteOrderMark() {
        return byteOrderMark;
    }

    /**
     * The next data record, skipping blank lines, or null at the end of the file: the records the parser reads, and in
     * their place in the file the opening lines of unbalanced quotes ({@link Record#unbalancedQuote()}).
     */
    @Override
    public Record next() {
        while (true) {
            try {
                if (pending == null && records.hasNext()) {
                    pending = records.next();
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                throw encodingOrIo(file, sourceName, encodingName, configuredEncoding, sample, e, nextLine());
            }
            RecordGuard.Entry entry = guard.poll();
            if (entry == null) {
                if (pending != null) {
                    throw new IllegalStateException(file + ": the parser read a record past the last one the guard passed");
                }
                return null;
            }
            if (entry.unbalanced() != null) {
                return Record.unbalancedQuote(entry.line(), entry.unbalanced());
            }
            if (pending == null) {
                throw new IllegalStateException(file + ": line " + entry.line() + " was passed on, but the parser read no record");
            }
            CSVRecord rec = pending;
            pending = null;
            lastLine = entry.line();
            if (entry.blank()) {
                continue; // a blank line is not a row
            }
            return new Record(entry.line(), rec.toList(), format);
        }
    }

    /** The physical line being read, for the message of an error while reading on. */
    private long nextLine() {
        return Math.max(guard.currentLine(), lastLine + 1);
    }

    private static String unbalancedHeader(String file, Source source, SourceOptions options, long line) {
        return file + ": line " + line + ", the header row, opens a quote that is not closed within "
                + options.maxLinesPerRecord() + " lines; fix the header (a stray \" in a column name), or raise sources."
                + source.dirName() + ".max_lines_per_record if a header name really spans lines";
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
