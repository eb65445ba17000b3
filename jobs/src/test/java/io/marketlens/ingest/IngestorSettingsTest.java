package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.testing.SparkTestSession;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The chunk size and the driver-parse limit come from the session's settings when it has them. */
class IngestorSettingsTest {

    private final SparkSession spark = SparkTestSession.get();

    @Test
    void defaultsUnlessTheSessionSetsThem() {
        Ingestor plain = new Ingestor(spark, null, null, s -> { });
        assertThat(plain.chunkBytes()).isEqualTo(Ingestor.CHUNK_BYTES);
        assertThat(plain.localBytes()).isEqualTo(Ingestor.LOCAL_BYTES);
        spark.conf().set(Ingestor.CHUNK_BYTES_SETTING, "262144");
        spark.conf().set(Ingestor.LOCAL_BYTES_SETTING, "0");
        try {
            Ingestor set = new Ingestor(spark, null, null, s -> { });
            assertThat(set.chunkBytes()).isEqualTo(262144);
            assertThat(set.localBytes()).isZero();
        } finally {
            spark.conf().unset(Ingestor.CHUNK_BYTES_SETTING);
            spark.conf().unset(Ingestor.LOCAL_BYTES_SETTING);
        }
    }
}
