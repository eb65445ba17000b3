package io.marketlens.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.testing.SparkJobs;
import io.marketlens.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.LongStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FactCube#forEachMonthChunk}: rows of a small table come in one Spark query and are split into chunks of whole
 * months on the driver; a large one is counted per month first and fetched chunk by chunk. Both give the same chunks:
 * months ascending, at most {@code maxRows} rows unless one month holds more, each month's rows in its file's order.
 */
class MonthChunksTest {

    private final SparkSession spark = SparkTestSession.get();

    /**
     * Ids 0–99 in 2025-01, 100–249 in 2025-02, 250–329 in 2025-03 (100, 150 and 80 rows), one Parquet file per month
     * written in id order, the month a partition column as in the warehouse.
     */
    private Dataset<Row> threeMonths(Path dir) {
        String path = dir.resolve("t").toString();
        spark.range(0, 330).coalesce(1)
                .withColumn("period", when(col("id").lt(100), "2025-01").when(col("id").lt(250), "2025-02").otherwise("2025-03"))
                .write().partitionBy("period").parquet(path);
        return spark.read().parquet(path).select(col("id"), col("period"));
    }

    /** A chunk's ids, its rows ordered by month stably (a query for a chunk of several months may interleave them). */
    private static List<Long> ids(List<Row> chunk) {
        List<Row> byMonth = new ArrayList<>(chunk);
        byMonth.sort(java.util.Comparator.comparing(r -> r.getString(1)));
        return byMonth.stream().map(r -> r.getLong(0)).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    @Test
    void aSmallTableComesInOneQueryAsTheSameChunks(@TempDir Path dir) throws TimeoutException {
        Dataset<Row> rows = threeMonths(dir);
        assertThat(FactCube.estimatedBytes(rows)).isBetween(1L, FactCube.ONE_QUERY_BYTES);

        for (long maxRows : new long[]{250, 200, 1_000}) {
            List<List<Long>> oneQuery = new ArrayList<>();
            int oneQueryJobs = jobs(() -> FactCube.forEachMonthChunk(rows, "period", maxRows, chunk -> oneQuery.add(ids(chunk))));
            List<List<Long>> perChunk = new ArrayList<>();
            int perChunkJobs = jobs(() -> FactCube.forEachMonthChunk(rows, "period", maxRows, -1, chunk -> perChunk.add(ids(chunk))));

            assertThat(oneQueryJobs).as("jobs of one query, maxRows %d", maxRows).isEqualTo(1);
            // the counting query, then a query per chunk
            assertThat(perChunkJobs).as("jobs counting and fetching by chunk, maxRows %d", maxRows).isGreaterThan(1);
            assertThat(oneQuery).isEqualTo(perChunk);
            if (maxRows == 250) {
                // 100 + 150 = 250 rows fit; the third month would make 330
                assertThat(oneQuery).containsExactly(range(0, 250), range(250, 330));
            } else if (maxRows == 200) {
                assertThat(oneQuery).containsExactly(range(0, 100), range(100, 250), range(250, 330));
            } else {
                assertThat(oneQuery).containsExactly(range(0, 330));
            }
        }
    }

    @Test
    void aSmallJoinComesInOneQuery(@TempDir Path dir) throws TimeoutException {
        Dataset<Row> rows = threeMonths(dir);
        // each row looks its label up by key (id mod 3), as an own shipment looks its order up
        Dataset<Row> labels = spark.createDataFrame(List.of(RowFactory.create(0L, "a"), RowFactory.create(1L, "b"),
                RowFactory.create(2L, "c")), new StructType().add("key", DataTypes.LongType).add("label", DataTypes.StringType));
        Dataset<Row> joined = rows.join(labels, rows.col("id").mod(3).equalTo(labels.col("key")))
                .select(rows.col("id"), rows.col("period"), labels.col("label"));
        List<List<Long>> chunks = new ArrayList<>();
        List<String> labelOf7 = new ArrayList<>();
        int jobs = jobs(() -> FactCube.forEachMonthChunk(joined, "period", 200, chunk -> {
            chunks.add(ids(chunk));
            chunk.stream().filter(r -> r.getLong(0) == 7).forEach(r -> labelOf7.add(r.getString(2)));
        }));
        assertThat(chunks).containsExactly(range(0, 100), range(100, 250), range(250, 330));
        assertThat(labelOf7).containsExactly("b"); // 7 mod 3 = 1
        // the same query counted per month and fetched per chunk: the same chunks, more jobs (the join's own jobs, such
        // as sending the labels to every task, come with each of its queries)
        List<List<Long>> perChunk = new ArrayList<>();
        int perChunkJobs = jobs(() -> FactCube.forEachMonthChunk(joined, "period", 200, -1, chunk -> perChunk.add(ids(chunk))));
        assertThat(perChunk).isEqualTo(chunks);
        assertThat(jobs).isLessThan(perChunkJobs);
    }

    @Test
    void aMonthLargerThanTheChunkIsOneChunkOfItsOwn(@TempDir Path dir) {
        Dataset<Row> rows = threeMonths(dir);
        List<List<Long>> chunks = new ArrayList<>();
        FactCube.forEachMonthChunk(rows, "period", 120, chunk -> chunks.add(ids(chunk)));
        assertThat(chunks).containsExactly(range(0, 100), range(100, 250), range(250, 330));
    }

    private int jobs(Runnable work) throws TimeoutException {
        return SparkJobs.count(spark, work);
    }
}
