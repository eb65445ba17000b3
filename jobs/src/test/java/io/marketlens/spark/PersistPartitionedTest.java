package io.marketlens.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.testing.SparkTestSession;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

/**
 * {@link SparkSessions#persistPartitioned}: a query that groups the kept rows by the column they were partitioned by
 * reads them without another shuffle, and gives the counts of the rows.
 */
class PersistPartitionedTest {

    private final SparkSession spark = SparkTestSession.get();

    /** Ids 0 … 999 keyed by id mod 37, as text. */
    private Dataset<Row> rows() {
        return spark.range(1000).selectExpr("cast(id % 37 as string) as k", "id");
    }

    private static String plan(Dataset<Row> grouped) {
        return grouped.queryExecution().executedPlan().toString();
    }

    @Test
    void groupingByThePartitionColumnNeedsNoShuffle() {
        Dataset<Row> kept = SparkSessions.persistPartitioned(rows(), col("k"));
        try {
            Dataset<Row> counts = kept.groupBy(col("k")).count();
            // the one exchange is the kept rows' own partitioning; none is added to group them
            assertThat(plan(counts)).contains("REPARTITION_BY_NUM").doesNotContain("ENSURE_REQUIREMENTS");
            Map<String, Long> byKey = new TreeMap<>();
            counts.collectAsList().forEach(r -> byKey.put(r.getString(0), r.getLong(1)));
            // 0, 37, …, 999 (= 27 · 37): 28 ids; 36, 73, …, 998 (= 36 + 26 · 37): 27 ids
            assertThat(byKey).hasSize(37).containsEntry("0", 28L).containsEntry("36", 27L);
            assertThat(byKey.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);
            // adaptive execution is on again for the queries after it
            assertThat(spark.conf().get("spark.sql.adaptive.enabled")).isEqualTo("true");
        } finally {
            kept.unpersist();
        }
    }

    @Test
    void theSameRowsKeptWithAdaptiveExecutionAreShuffledAgain() {
        // why the helper exists: kept under adaptive execution, the partitioning is not known to the next query
        Dataset<Row> kept = rows().repartition(col("k")).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            assertThat(plan(kept.groupBy(col("k")).count())).contains("ENSURE_REQUIREMENTS");
        } finally {
            kept.unpersist();
        }
    }
}
