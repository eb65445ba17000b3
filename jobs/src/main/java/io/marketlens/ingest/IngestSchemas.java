package io.marketlens.ingest;

import static org.apache.spark.sql.types.DataTypes.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Explicit Spark schemas of the warehouse tables and of the parser's output. */
public final class IngestSchemas {

    public static final String OK = "_ok";
    public static final String REASON = "_reason";
    public static final String DETAILS = "_details";
    public static final String RAW = "_raw";
    public static final String FILE = "_file";
    public static final String LINE = "_line";
    public static final String BATCH = "_batch";
    public static final String FX_RATE = "fx_rate";

    /** Quarantine table columns. */
    public static final StructType QUARANTINE = new StructType(new StructField[]{
            createStructField("source", StringType, false),
            createStructField("file", StringType, false),
            createStructField("file_sha256", StringType, false),
            createStructField("line", LongType, false),
            createStructField("reason", StringType, false),
            createStructField("details", StringType, true),
            createStructField("raw", StringType, true)});

    private IngestSchemas() {
    }

    public static DataType sparkType(ColumnSpec spec) {
        return switch (spec.type()) {
            case TEXT, LOWER, UPPER, CURRENCY -> StringType;
            case TIMESTAMP -> TimestampType;
            case DATE -> DateType;
            case MONEY -> createDecimalType(22, 6);
            case POSITIVE_DECIMAL -> "rate_to_base".equals(spec.name()) ? createDecimalType(28, 12) : createDecimalType(22, 6);
            case POSITIVE_INT, COUNT -> LongType;
            case RATING, FRACTION -> DoubleType;
        };
    }

    /** Canonical columns, the base-currency amount and its rate (where the source has money), then lineage. */
    public static StructType accepted(Source source) {
        List<StructField> fields = new ArrayList<>(dataFields(source));
        fields.add(createStructField(FILE, StringType, false));
        fields.add(createStructField(LINE, LongType, false));
        fields.add(createStructField(BATCH, LongType, false));
        return new StructType(fields.toArray(StructField[]::new));
    }

    /** What the parser emits for every row: the verdict, the raw text, lineage, then the data fields (null when rejected). */
    public static StructType envelope(Source source) {
        List<StructField> fields = new ArrayList<>();
        fields.add(createStructField(OK, BooleanType, false));
        fields.add(createStructField(REASON, StringType, true));
        fields.add(createStructField(DETAILS, StringType, true));
        fields.add(createStructField(RAW, StringType, true));
        fields.add(createStructField(FILE, StringType, false));
        fields.add(createStructField(LINE, LongType, false));
        fields.add(createStructField(BATCH, LongType, false));
        fields.addAll(dataFields(source));
        return new StructType(fields.toArray(StructField[]::new));
    }

    static List<StructField> dataFields(Source source) {
        List<StructField> fields = new ArrayList<>();
        for (ColumnSpec c : source.columns()) {
            fields.add(createStructField(c.name(), sparkType(c), true));
        }
        source.moneyColumn().ifPresent(m -> {
            fields.add(createStructField(m + "_base", DoubleType, true));
            fields.add(createStructField(FX_RATE, createDecimalType(28, 12), true));
        });
        return fields;
    }
}
