package io.marketlens.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.marketlens.io.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * Writes a table as one CSV file for spreadsheet users (UTF-8 with a byte-order mark so Excel detects
 * the encoding; RFC 4180 quoting; text cells that begin with = + - @ tab or carriage return prefixed with
 * an apostrophe so they are not run as formulas; numbers in plain notation) and as Parquet for analysts.
 */
public final class TableWriter {

    /** A leading character that makes Excel or LibreOffice treat a cell as a formula. */
    static final String FORMULA_START = "^[=+\\-@\\t\\r]";
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Storage storage;

    public TableWriter(Storage storage) {
        this.storage = storage;
    }

    /**
     * Text columns neutralised against formula injection; doubles written in plain notation with every
     * significant digit (16035912.048665158, not 1.6035912048665158E7), NaN and infinities as empty cells.
     */
    public static Dataset<Row> neutralised(Dataset<Row> table) {
        Column[] cols = new Column[table.schema().fields().length];
        int i = 0;
        for (StructField f : table.schema().fields()) {
            Column c = col(f.name());
            if (f.dataType() instanceof StringType) {
                cols[i++] = when(c.rlike(FORMULA_START), concat(lit("'"), c)).otherwise(c).as(f.name());
            } else if (f.dataType() instanceof DoubleType) {
                cols[i++] = PLAIN_DOUBLE.apply(c).as(f.name());
            } else {
                cols[i++] = c;
            }
        }
        return table.select(cols);
    }

    private static final UserDefinedFunction PLAIN_DOUBLE = udf(
            (UDF1<Double, String>) d -> d == null || d.isNaN() || d.isInfinite() ? null : BigDecimal.valueOf(d).toPlainString(),
            DataTypes.StringType);

    public void writeCsv(Dataset<Row> table, String path) {
        String tmp = path + ".parts";
        neutralised(table).coalesce(1).write().mode(SaveMode.Overwrite)
                .option("header", "true")
                .option("quote", "\"")
                .option("escape", "\"")
                .option("nullValue", "")
                .option("emptyValue", "")
                .option("timestampFormat", "yyyy-MM-dd HH:mm:ss")
                .option("dateFormat", "yyyy-MM-dd")
                .csv(tmp);
        try (OutputStream out = storage.create(path)) {
            out.write(UTF8_BOM);
            for (FileStatus part : storage.list(tmp)) {
                if (part.getPath().getName().startsWith("part-")) {
                    try (InputStream in = storage.open(part.getPath().toString())) {
                        in.transferTo(out);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
        storage.delete(tmp);
    }

    public void writeParquet(Dataset<Row> table, String path) {
        table.coalesce(1).write().mode(SaveMode.Overwrite).parquet(path);
    }
}
