package io.marketlens.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A published table: its name and its columns in the order they are written. */
public record TableSchema(String name, List<Column> columns) {

    public TableSchema {
        Objects.requireNonNull(name);
        columns = List.copyOf(columns);
        if (columns.stream().map(Column::name).distinct().count() != columns.size()) {
            throw new IllegalArgumentException("table " + name + " names a column twice: " + columns);
        }
    }

    public static TableSchema of(String name, Column... columns) {
        return new TableSchema(name, List.of(columns));
    }

    /** A table whose rows start with the scope columns platform, marketplace and category. */
    public static TableSchema scoped(String name, Column... columns) {
        List<Column> all = new ArrayList<>(List.of(Column.text(Columns.PLATFORM), Column.text(Columns.MARKETPLACE),
                Column.text(Columns.CATEGORY)));
        all.addAll(List.of(columns));
        return new TableSchema(name, all);
    }

    /** The column names in order. */
    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    public boolean has(String column) {
        return columns.stream().anyMatch(c -> c.name().equals(column));
    }

    /** The column of that name. */
    public Column column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("table " + this.name + " has no column " + name));
    }
}
