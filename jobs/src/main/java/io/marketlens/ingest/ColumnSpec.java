package io.marketlens.ingest;

/** One canonical input column: its name, how it parses, and whether a row needs it. */
public record ColumnSpec(String name, ColumnType type, boolean required) {

    static ColumnSpec req(String name, ColumnType type) {
        return new ColumnSpec(name, type, true);
    }

    static ColumnSpec opt(String name, ColumnType type) {
        return new ColumnSpec(name, type, false);
    }
}
