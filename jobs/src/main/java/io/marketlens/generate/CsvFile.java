package io.marketlens.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One output CSV: a header, the clean (good) rows and the deliberately bad lines to splice in.
 *
 * <p>Lines are written with RFC 4180 quoting (a field is quoted only when it contains a comma, a double
 * quote, a line break or leading/trailing blanks; quotes are doubled), UTF-8 without BOM, {@code \n} line
 * ends. No field ever contains a line break, so record number == physical line number.
 */
final class CsvFile {

    /** A bad line spliced in before clean row {@code beforeIndex}; {@code duplicateOf} is a clean row index or -1. */
    record Insert(int beforeIndex, String line, String reason, String description, int duplicateOf) {
    }

    final String path;
    final List<String> header;
    final List<List<String>> rows = new ArrayList<>();
    final List<Insert> inserts = new ArrayList<>();

    CsvFile(String path, List<String> header) {
        this.path = path;
        this.header = header;
    }

    int column(String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + path);
        }
        return i;
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

    /** Writes the file under {@code root} and returns the bad rows with their final 1-based line numbers. */
    List<SyntheticMarket.BadRow> write(Path root) throws IOException {
        List<Insert> sorted = new ArrayList<>(inserts);
        sorted.sort(Comparator.comparingInt(Insert::beforeIndex)); // stable: ties keep planting order
        List<SyntheticMarket.BadRow> bad = new ArrayList<>();
        Path target = root.resolve(path);
        Files.createDirectories(target.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            out.write(line(header));
            out.write('\n');
            int lineNo = 1;
            int next = 0;
            for (int i = 0; i <= rows.size(); i++) {
                while (next < sorted.size() && sorted.get(next).beforeIndex() <= i) {
                    Insert ins = sorted.get(next++);
                    out.write(ins.line());
                    out.write('\n');
                    lineNo++;
                    String description = ins.description();
                    if (ins.duplicateOf() >= 0) {
                        description = description.replace("{line}",
                                Integer.toString(lineOfCleanRow(sorted, ins.duplicateOf())));
                    }
                    bad.add(new SyntheticMarket.BadRow(path, lineNo, ins.reason(), description));
                }
                if (i < rows.size()) {
                    out.write(line(rows.get(i)));
                    out.write('\n');
                    lineNo++;
                }
            }
        }
        return bad;
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
}
