package io.marketlens.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * What ingest reads of the store its rows go to (the warehouse implements it): the files already ingested, by
 * SHA-256, and the rows held of a source (ingest reads the stored FX rates, so that tonight's orders convert with
 * rates of earlier nights).
 */
public interface StoredInputs {

    /** The registry: every file ingested so far, by its SHA-256. */
    Map<String, FileStats> registry();

    /** The stored rows of a source; empty when the store has none. */
    Optional<Dataset<Row>> table(SparkSession session, Source source);

    /** Where the input files' fingerprints are kept between runs ({@link FingerprintCache}); empty: not kept. */
    default Optional<String> fingerprintCache() {
        return Optional.empty();
    }

    /**
     * The natural-key rule: of the rows that share a source's natural key, the newest file's (highest batch) wins,
     * and within a file the last line.
     */
    static Dataset<Row> newestPerKey(Dataset<Row> rows, Source source) {
        String rank = "_rank";
        org.apache.spark.sql.Column[] key = source.naturalKey().stream().map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new);
        return rows.withColumn(rank, row_number().over(Window.partitionBy(key)
                        .orderBy(col(IngestSchemas.BATCH).desc(), col(IngestSchemas.LINE).desc())))
                .filter(col(rank).equalTo(1))
                .drop(rank);
    }
}
