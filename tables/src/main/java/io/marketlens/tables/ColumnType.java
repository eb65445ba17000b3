package io.marketlens.tables;

/** The type of a published column, as Parquet stores it and as the CSV prints it. */
public enum ColumnType {
    /** UTF-8 text; an empty CSV cell is no value. */
    TEXT,
    /** 32-bit integer (months, ranks, counts of months). */
    INT32,
    /** 64-bit integer (counts of rows, units, entities). */
    INT64,
    /** IEEE 754 double (money, shares, rates, indices). */
    FLOAT64,
    /** true / false. */
    BOOL
}
