package io.marketlens.tables;

import java.util.Objects;

/** One column of a published table: its name (a constant of {@link Columns}) and its type. */
public record Column(String name, ColumnType type) {

    public Column {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
    }

    public static Column text(String name) {
        return new Column(name, ColumnType.TEXT);
    }

    public static Column int32(String name) {
        return new Column(name, ColumnType.INT32);
    }

    public static Column int64(String name) {
        return new Column(name, ColumnType.INT64);
    }

    public static Column float64(String name) {
        return new Column(name, ColumnType.FLOAT64);
    }

    public static Column bool(String name) {
        return new Column(name, ColumnType.BOOL);
    }
}
