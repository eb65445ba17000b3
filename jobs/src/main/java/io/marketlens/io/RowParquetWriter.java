package io.marketlens.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes rows held on the driver as one Parquet file with Parquet's own writer (the one Spark writes with), without a
 * Spark job: a published table is small, and a job per table (planning, a task, the commit protocol) cost more than
 * writing it. The file is what Spark writes for the same rows — every column optional; text as UTF-8 strings, 32- and
 * 64-bit integers, doubles and booleans as Parquet's primitives; zstd pages — and it carries Spark's schema in the
 * footer ({@value #SPARK_SCHEMA}), so Spark reads back the exact types. Tables of other column types are refused.
 */
public final class RowParquetWriter {

    /** The footer key under which Spark keeps the schema of the rows it wrote. */
    static final String SPARK_SCHEMA = "org.apache.spark.sql.parquet.row.metadata";

    private RowParquetWriter() {
    }

    /** Writes {@code rows} (of {@code schema}) to the file {@code path}, replacing any file there. */
    public static void write(Configuration conf, StructType schema, List<Row> rows, String path) {
        MessageType message = parquetSchema(schema);
        try {
            OutputFile file = HadoopOutputFile.fromPath(new Path(path), conf);
            try (ParquetWriter<Row> w = new Builder(file, schema, message).withConf(conf)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withCompressionCodec(CompressionCodecName.ZSTD).build()) {
                for (Row r : rows) {
                    w.write(r);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** The Parquet schema Spark writes for {@code schema}: every column optional. */
    static MessageType parquetSchema(StructType schema) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (StructField f : schema.fields()) {
            DataType t = f.dataType();
            if (t instanceof StringType) {
                b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(f.name());
            } else if (t instanceof IntegerType) {
                b.optional(PrimitiveTypeName.INT32).named(f.name());
            } else if (t instanceof LongType) {
                b.optional(PrimitiveTypeName.INT64).named(f.name());
            } else if (t instanceof DoubleType) {
                b.optional(PrimitiveTypeName.DOUBLE).named(f.name());
            } else if (t instanceof BooleanType) {
                b.optional(PrimitiveTypeName.BOOLEAN).named(f.name());
            } else {
                throw new IllegalArgumentException("column " + f.name() + ": type " + t.simpleString()
                        + " is not written by this writer");
            }
        }
        return b.named("spark_schema");
    }

    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        private final StructType schema;
        private final MessageType message;

        Builder(OutputFile file, StructType schema, MessageType message) {
            super(file);
            this.schema = schema;
            this.message = message;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(schema, message);
        }
    }

    private static final class RowWriteSupport extends WriteSupport<Row> {
        private final StructType schema;
        private final MessageType message;
        private final DataType[] types;
        private RecordConsumer out;

        RowWriteSupport(StructType schema, MessageType message) {
            this.schema = schema;
            this.message = message;
            this.types = java.util.Arrays.stream(schema.fields()).map(StructField::dataType).toArray(DataType[]::new);
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(message, Map.of(SPARK_SCHEMA, schema.json()));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            out = recordConsumer;
        }

        @Override
        public void write(Row r) {
            out.startMessage();
            for (int i = 0; i < types.length; i++) {
                if (r.isNullAt(i)) {
                    continue;
                }
                String name = schema.fields()[i].name();
                out.startField(name, i);
                DataType t = types[i];
                if (t instanceof StringType) {
                    out.addBinary(Binary.fromString(r.getString(i)));
                } else if (t instanceof IntegerType) {
                    out.addInteger(r.getInt(i));
                } else if (t instanceof LongType) {
                    out.addLong(r.getLong(i));
                } else if (t instanceof DoubleType) {
                    out.addDouble(r.getDouble(i));
                } else {
                    out.addBoolean(r.getBoolean(i));
                }
                out.endField(name, i);
            }
            out.endMessage();
        }
    }
}
