package io.marketlens.generate;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One output CSV, written row by row: a header and the clean (good) rows go straight to disk; the deliberately
 * bad lines planned against them afterwards are spliced in by {@link #finish}.
 *
 * <p>Lines are written with RFC 4180 quoting (a field is quoted only when it contains a comma, a double
 * quote, a line break or leading/trailing blanks; quotes are doubled), UTF-8 without BOM, {@code \n} line
 * ends. No field ever contains a line break, so record number == physical line number.
 *
 * <p>The byte offset of every {@value #ROWS_PER_MARK}th row is remembered, so that {@link #row} can read a
 * clean row back without keeping rows in memory or scanning the whole file.
 */
final class CsvFile implements Closeable {

    /** A bad line spliced in before clean row {@code beforeIndex}; {@code duplicateOf} is a clean row index or -1. */
    record Insert(int beforeIndex, String line, String reason, String description, int duplicateOf) {
    }

    private static final int ROWS_PER_MARK = 1024;

    final String path;
    final List<String> header;
    final List<Insert> inserts = new ArrayList<>();
    private final Path target;
    private final ByteCount bytes;
    private Writer out;
    private long[] marks = new long[64];
    private int rows;
    private int cachedBlock = -1;
    private List<String> cachedLines = List.of();

    /** Creates (or truncates) {@code root/path} and writes the header line. */
    CsvFile(Path root, String path, List<String> header) throws IOException {
        this.path = path;
        this.header = header;
        this.target = root.resolve(path);
        Files.createDirectories(target.getParent());
        this.bytes = new ByteCount(new BufferedOutputStream(Files.newOutputStream(target), 1 << 16));
        this.out = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), 1 << 14);
        out.write(line(header));
        out.write('\n');
    }

    int column(String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + path);
        }
        return i;
    }

    void append(List<String> fields) throws IOException {
        appendLine(line(fields));
    }

    /** Appends an already formatted clean row. */
    void appendLine(String line) throws IOException {
        if (rows % ROWS_PER_MARK == 0) {
            out.flush(); // pushes the encoder's bytes through, so the count is this row's offset
            int mark = rows / ROWS_PER_MARK;
            if (mark == marks.length) {
                marks = Arrays.copyOf(marks, marks.length * 2);
            }
            marks[mark] = bytes.count;
        }
        out.write(line);
        out.write('\n');
        rows++;
    }

    /** Number of clean rows written. */
    int rowCount() {
        return rows;
    }

    /** Clean row {@code index} (0-based, header excluded) as written; only after {@link #close}. */
    String rawRow(int index) throws IOException {
        if (out != null) {
            throw new IllegalStateException(path + " is still being written");
        }
        if (index < 0 || index >= rows) {
            throw new IndexOutOfBoundsException(path + ": row " + index + " of " + rows);
        }
        int block = index / ROWS_PER_MARK;
        if (block != cachedBlock) {
            List<String> lines = new ArrayList<>(ROWS_PER_MARK);
            try (SeekableByteChannel channel = Files.newByteChannel(target)) {
                channel.position(marks[block]);
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
                int n = Math.min(ROWS_PER_MARK, rows - block * ROWS_PER_MARK);
                for (int i = 0; i < n; i++) {
                    lines.add(in.readLine());
                }
            }
            cachedBlock = block;
            cachedLines = lines;
        }
        return cachedLines.get(index % ROWS_PER_MARK);
    }

    /** Clean row {@code index} split into its fields. */
    List<String> row(int index) throws IOException {
        return parse(rawRow(index));
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    /**
     * Closes the file, splices the planned bad lines in and returns them with their final 1-based line numbers.
     */
    List<SyntheticMarket.BadRow> finish() throws IOException {
        close();
        cachedLines = List.of();
        cachedBlock = -1;
        List<SyntheticMarket.BadRow> bad = new ArrayList<>();
        if (inserts.isEmpty()) {
            return bad;
        }
        List<Insert> sorted = new ArrayList<>(inserts);
        sorted.sort(Comparator.comparingInt(Insert::beforeIndex)); // stable: ties keep planting order
        Path spliced = target.resolveSibling("." + target.getFileName() + ".splice");
        try (InputStream raw = Files.newInputStream(target);
             BufferedReader in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8), 1 << 16);
             Writer spliceOut = Files.newBufferedWriter(spliced, StandardCharsets.UTF_8)) {
            spliceOut.write(in.readLine());
            spliceOut.write('\n');
            int lineNo = 1;
            int next = 0;
            for (int i = 0; i <= rows; i++) {
                while (next < sorted.size() && sorted.get(next).beforeIndex() <= i) {
                    Insert ins = sorted.get(next++);
                    spliceOut.write(ins.line());
                    spliceOut.write('\n');
                    lineNo++;
                    String description = ins.description();
                    if (ins.duplicateOf() >= 0) {
                        description = description.replace("{line}",
                                Integer.toString(lineOfCleanRow(sorted, ins.duplicateOf())));
                    }
                    bad.add(new SyntheticMarket.BadRow(path, lineNo, ins.reason(), description));
                }
                if (i < rows) {
                    spliceOut.write(in.readLine());
                    spliceOut.write('\n');
                    lineNo++;
                }
            }
        }
        Files.move(spliced, target, StandardCopyOption.REPLACE_EXISTING);
        return bad;
    }

    static String escape(String value) {
        if (value.isEmpty()) {
            return value;
        }
        boolean quote = value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ';
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    static String line(List<String> fields) {
        StringBuilder sb = new StringBuilder(160);
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(escape(fields.get(i)));
        }
        return sb.toString();
    }

    /** The fields of one line written by {@link #line}: its exact inverse. */
    static List<String> parse(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            field.setLength(0);
            if (i < line.length() && line.charAt(i) == '"') {
                for (i++; ; i++) {
                    if (i >= line.length()) {
                        throw new IllegalArgumentException("unterminated quote in: " + line);
                    }
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString());
            if (i >= line.length()) {
                return fields;
            }
            if (line.charAt(i) != ',') {
                throw new IllegalArgumentException("text after a closing quote in: " + line);
            }
            i++;
        }
    }

    private static int lineOfCleanRow(List<Insert> sorted, int index) {
        int before = 0;
        for (Insert ins : sorted) {
            if (ins.beforeIndex() <= index) {
                before++;
            }
        }
        return index + 2 + before;
    }

    /** Counts the bytes that pass through, i.e. the offset in the file. */
    private static final class ByteCount extends FilterOutputStream {
        long count;

        ByteCount(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
