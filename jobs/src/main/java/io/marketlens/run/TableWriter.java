package io.marketlens.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.marketlens.io.Storage;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampType;

/**
 * Writes a table as one CSV file for spreadsheet users (UTF-8 with a byte-order mark so Excel detects
 * the encoding; RFC 4180 quoting; text cells that begin with = + - @ tab or carriage return prefixed with
 * an apostrophe so they are not run as formulas; numbers in plain notation) and as Parquet for analysts.
 */
public final class TableWriter {

    /** A leading character that makes Excel or LibreOffice treat a cell as a formula. */
    static final String FORMULA_START = "^[=+\\-@\\t\\r]";

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

    /**
     * One CSV file, streamed to {@code path} from the table's partitions in order (so a sorted table stays
     * sorted); a partition at a time is held on the driver.
     */
    public void writeCsv(Dataset<Row> table, String path) {
        Dataset<Row> cells = asText(neutralised(table));
        CSVFormat format = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
        try (Writer w = new OutputStreamWriter(storage.create(path), StandardCharsets.UTF_8);
             CSVPrinter printer = format.print(w)) {
            w.write('\uFEFF');
            printer.printRecord((Object[]) cells.columns());
            Iterator<Row> rows = cells.toLocalIterator();
            Object[] values = new Object[cells.columns().length];
            while (rows.hasNext()) {
                Row r = rows.next();
                for (int i = 0; i < values.length; i++) {
                    values[i] = r.isNullAt(i) ? "" : r.getString(i);
                }
                printer.printRecord(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Every column as text: dates as yyyy-MM-dd, timestamps as yyyy-MM-dd HH:mm:ss in the session time zone. */
    private static Dataset<Row> asText(Dataset<Row> table) {
        Column[] cols = new Column[table.schema().fields().length];
        int i = 0;
        for (StructField f : table.schema().fields()) {
            Column c = col(f.name());
            if (f.dataType() instanceof TimestampType) {
                c = date_format(c, "yyyy-MM-dd HH:mm:ss");
            } else if (f.dataType() instanceof DateType) {
                c = date_format(c, "yyyy-MM-dd");
            }
            cols[i++] = c.cast("string").as(f.name());
        }
        return table.select(cols);
    }

    public void writeParquet(Dataset<Row> table, String path) {
        table.coalesce(1).write().mode(SaveMode.Overwrite).parquet(path);
    }
}
