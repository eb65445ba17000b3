package io.marketlens.testing;

import io.marketlens.spark.TableSchemas;
import io.marketlens.tables.TableSchema;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/** Rows of a published table built by hand for tests: the named values in their columns, null elsewhere. */
public final class TableRows {

    private TableRows() {}

    /** A row of {@code table} with {@code values} by column name. */
    public static Row of(TableSchema table, Map<String, Object> values) {
        StructType schema = TableSchemas.struct(table);
        Object[] v = new Object[schema.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(schema.fields()[i].name());
        }
        return new GenericRowWithSchema(v, schema);
    }

    /** A row of {@code table} with the values given as name, value, name, value, … */
    public static Row of(TableSchema table, Object... namesAndValues) {
        return of(TableSchemas.struct(table), namesAndValues);
    }

    /** A row of {@code schema} with the values given as name, value, name, value, … */
    public static Row of(StructType schema, Object... namesAndValues) {
        Object[] values = new Object[schema.size()];
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values[schema.fieldIndex((String) namesAndValues[i])] = namesAndValues[i + 1];
        }
        return new GenericRowWithSchema(values, schema);
    }
}
