package io.marketlens.spark;

import io.marketlens.tables.Column;
import io.marketlens.tables.TableSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
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
}
