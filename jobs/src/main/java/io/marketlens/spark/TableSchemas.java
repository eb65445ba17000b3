package io.marketlens.spark;

import io.marketlens.tables.Column;
import io.marketlens.tables.TableSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The Spark schema of a published table, from its contract; every column nullable. */
public final class TableSchemas {

    private TableSchemas() {
    }

    public static StructType struct(TableSchema table) {
        StructType s = new StructType();
        for (Column c : table.columns()) {
            s = s.add(c.name(), sparkType(c), true);
        }
        return s;
    }

    static DataType sparkType(Column c) {
        return switch (c.type()) {
            case TEXT -> DataTypes.StringType;
            case INT32 -> DataTypes.IntegerType;
            case INT64 -> DataTypes.LongType;
            case FLOAT64 -> DataTypes.DoubleType;
            case BOOL -> DataTypes.BooleanType;
        };
    }

    /**
     * Fails when {@code actual} does not have the contract's columns, in its order and of its types: a table is written
     * only as {@code io.marketlens.tables.Tables} declares it.
     */
    public static void check(TableSchema table, StructType actual) {
        StructType expected = struct(table);
        boolean same = expected.fields().length == actual.fields().length;
        for (int i = 0; same && i < expected.fields().length; i++) {
            StructField e = expected.fields()[i];
            StructField a = actual.fields()[i];
            same = e.name().equals(a.name()) && e.dataType().equals(a.dataType());
        }
        if (!same) {
            throw new IllegalStateException("table " + table.name() + " does not match its contract: it has "
                    + actual.simpleString() + ", the contract says " + expected.simpleString());
        }
    }
}
