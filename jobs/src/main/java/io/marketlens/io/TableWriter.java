package io.marketlens.io;

import io.marketlens.io.Storage;
import io.marketlens.tables.Tables;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a table as one CSV file for spreadsheet users (UTF-8 with a byte-order mark so Excel detects
 * the encoding; RFC 4180 quoting; text cells that begin with = + - @ tab or carriage return prefixed with
 * an apostrophe so they are not run as formulas; numbers in plain notation) and as Parquet for analysts.
 * Both are written on the driver, from rows already computed, so neither costs a Spark job.
 */
public final class TableWriter {

    /**
     * Control characters a cell must not carry: all of C0 but tab and line breaks, DEL, C1. Ingest removes them from
     * every cell; a table's CSV shows any left in raw text as U+FFFD.
     */
    public static final Pattern CONTROL_CHARACTERS = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\x80-\\x9F]");
    /** Whether {@link #CONTROL_CHARACTERS} matches somewhere in {@code s} (most cells: no), without a matcher. */
    static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x08 || c == 0x0B || c == 0x0C || (c >= 0x0E && c <= 0x1F) || (c >= 0x7F && c <= 0x9F)) {
                return true;
            }
        }
        return false;
    }

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Storage storage;

    public TableWriter(Storage storage) {
        this.storage = storage;
    }

    /** The session's time zone, in which timestamps are written. */
    public static ZoneId sessionZone(SparkSession spark) {
        return ZoneId.of(spark.conf().get("spark.sql.session.timeZone"));
    }

    /**
     * One CSV file, streamed to {@code path} from the table's partitions in order (so a sorted table stays
     * sorted); a partition at a time is held on the driver.
     */
    public void writeCsv(Dataset<Row> table, String path) {
        writeCsv(table.schema(), table.toLocalIterator(), sessionZone(table.sparkSession()), path);
    }

    /** One CSV file of {@code rows} (of {@code schema}), in their order. */
    public void writeCsv(StructType schema, Iterator<Row> rows, ZoneId zone, String path) {
        CSVFormat format = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
        DataType[] types = new DataType[schema.fields().length];
        for (int i = 0; i < types.length; i++) {
            types[i] = schema.fields()[i].dataType();
        }
        try (Writer w = new OutputStreamWriter(storage.create(path), StandardCharsets.UTF_8);
             CSVPrinter printer = format.print(w)) {
            w.write('\uFEFF');
            printer.printRecord((Object[]) schema.fieldNames());
            Object[] values = new Object[types.length];
            while (rows.hasNext()) {
                Row r = rows.next();
                for (int i = 0; i < values.length; i++) {
                    values[i] = cell(r.isNullAt(i) ? null : r.get(i), types[i], zone);
                }
                printer.printRecord(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The text of one cell: text neutralised against formula injection; doubles in plain notation with every
     * significant digit (16035912.048665158, not 1.6035912048665158E7), NaN and infinities as empty cells; dates as
     * yyyy-MM-dd, timestamps as yyyy-MM-dd HH:mm:ss in {@code zone}; decimals in plain notation.
     */
    static String cell(Object v, DataType type, ZoneId zone) {
        if (v == null) {
            return "";
        }
        if (type instanceof StringType) {
            // a control character other than a line break or tab (NUL in a quarantined row's raw text) shows as U+FFFD
            String s = (String) v;
            if (hasControlCharacter(s)) {
                s = CONTROL_CHARACTERS.matcher(s).replaceAll("\uFFFD");
            }
            return !s.isEmpty() && Tables.FORMULA_FIRST_CHARACTERS.indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        }
        if (type instanceof DoubleType) {
            double d = (Double) v;
            return Double.isNaN(d) || Double.isInfinite(d) ? "" : BigDecimal.valueOf(d).toPlainString();
        }
        if (type instanceof FloatType) {
            float f = (Float) v;
            return Float.isNaN(f) || Float.isInfinite(f) ? "" : new BigDecimal(Float.toString(f)).toPlainString();
        }
        if (v instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (v instanceof Instant i) {
            return TIMESTAMP.format(i.atZone(zone));
        }
        if (v instanceof Timestamp t) {
            return TIMESTAMP.format(t.toInstant().atZone(zone));
        }
        if (v instanceof LocalDate d) {
            return d.toString();
        }
        if (v instanceof Date d) {
            return d.toLocalDate().toString();
        }
        return String.valueOf(v);
    }

    /**
     * {@code rows} (of {@code schema}, held on the driver) as a Parquet table at {@code path}: a folder with one file,
     * {@code part-00000.zstd.parquet}, as Spark lays a table out, written without a Spark job ({@link RowParquetWriter}).
     * Whatever was at {@code path} is replaced.
     */
    public void writeParquet(StructType schema, java.util.List<Row> rows, String path) {
        storage.delete(path);
        storage.mkdirs(path);
        RowParquetWriter.write(storage.configuration(), schema, rows, Storage.join(path, "part-00000.zstd.parquet"));
    }
}
