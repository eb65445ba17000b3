package io.marketlens.reports.data;

import io.marketlens.tables.Tables;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One output table of a run, read back from its {@code tables/<name>.csv} (UTF-8 with BOM, header row,
 * empty cell = no value). Text cells that the writer neutralised against formula injection (a leading
 * {@code '} before {@code = + - @}, tab or CR) are restored to their value. Immutable.
 */
public final class Table {

    private final String name;
    private final List<String> columns;
    private final Map<String, Integer> index;
    private final List<Row> rows;

    public Table(String name, List<String> columns, List<List<String>> cells) {
        this.name = Objects.requireNonNull(name);
        this.columns = List.copyOf(columns);
        Map<String, Integer> idx = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            idx.put(columns.get(i), i);
        }
        this.index = Collections.unmodifiableMap(idx);
        List<Row> rs = new ArrayList<>(cells.size());
        for (List<String> c : cells) {
            rs.add(new Row(this, c.toArray(String[]::new)));
        }
        this.rows = Collections.unmodifiableList(rs);
    }

    /** Reads {@code tables/<name>.csv}. */
    public static Table read(Path csv) {
        String file = csv.getFileName().toString();
        String name = file.endsWith(".csv") ? file.substring(0, file.length() - 4) : file;
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            r.mark(1);
            if (r.read() != '\uFEFF') {
                r.reset();
            }
            try (CSVParser p = CSVParser.builder().setReader(r).setFormat(format).get()) {
                List<String> header = p.getHeaderNames();
                List<List<String>> cells = new ArrayList<>();
                for (CSVRecord rec : p) {
                    List<String> row = new ArrayList<>(header.size());
                    for (int i = 0; i < header.size(); i++) {
                        row.add(i < rec.size() ? restore(rec.get(i)) : "");
                    }
                    cells.add(row);
                }
                return new Table(name, header, cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read table " + csv + ": " + e.getMessage(), e);
        }
    }

    /** Undoes the writer's formula neutralisation. */
    static String restore(String cell) {
        if (cell.length() >= 2 && cell.charAt(0) == '\'' && Tables.FORMULA_FIRST_CHARACTERS.indexOf(cell.charAt(1)) >= 0) {
            return cell.substring(1);
        }
        return cell;
    }

    public String name() {
        return name;
    }

    public List<String> columns() {
        return columns;
    }

    public boolean has(String column) {
        return index.containsKey(column);
    }

    public List<Row> rows() {
        return rows;
    }

    public Stream<Row> stream() {
        return rows.stream();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The rows that pass {@code filter}, as a table of the same name and columns. */
    public Table where(Predicate<Row> filter) {
        List<List<String>> kept = new ArrayList<>();
        for (Row r : rows) {
            if (filter.test(r)) {
                kept.add(List.of(r.cells));
            }
        }
        return new Table(name, columns, kept);
    }

    /** Rows whose {@code column} equals {@code value}. */
    public Table where(String column, String value) {
        if (rows.isEmpty()) {
            return this;
        }
        int i = column(column);
        return where(r -> value.equals(r.cells[i]));
    }

    /** The rows sorted by {@code comparator}. */
    public List<Row> sorted(Comparator<Row> comparator) {
        List<Row> copy = new ArrayList<>(rows);
        copy.sort(comparator);
        return copy;
    }

    int column(String column) {
        Integer i = index.get(column);
        if (i == null) {
            throw new IllegalArgumentException("table " + name + " has no column " + column + " (has " + columns + ")");
        }
        return i;
    }

    @Override
    public String toString() {
        return name + columns + " (" + rows.size() + " rows)";
    }

    /** One row; empty cells read as absent. */
    public static final class Row {
        private final Table table;
        private final String[] cells;

        Row(Table table, String[] cells) {
            this.table = table;
            this.cells = cells;
        }

        /** The cell's text, {@code ""} when empty. */
        public String str(String column) {
            return cells[table.column(column)];
        }

        public boolean isEmpty(String column) {
            return str(column).isEmpty();
        }

        /** The cell as a number; {@code null} when empty. */
        public Double num(String column) {
            String s = str(column);
            if (s.isEmpty()) {
                return null;
            }
            try {
                return Double.valueOf(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("table " + table.name + ", column " + column + ": not a number: " + s, e);
            }
        }

        /** The cell as a number, {@code fallback} when empty. */
        public double num(String column, double fallback) {
            Double d = num(column);
            return d == null ? fallback : d;
        }

        /** The cell as a whole number; {@code null} when empty. */
        public Long integer(String column) {
            Double d = num(column);
            return d == null ? null : Math.round(d);
        }

        /** The cell as a boolean: {@code true} (any case) or {@code 1}; anything else, and an empty cell, is false. */
        public boolean bool(String column) {
            String v = str(column).trim();
            return v.equalsIgnoreCase(Boolean.TRUE.toString()) || v.equals("1");
        }

        public boolean is(String column, String value) {
            return value.equals(str(column));
        }

        public Table table() {
            return table;
        }

        @Override
        public String toString() {
            return table.name + String.join(",", cells);
        }
    }
}
