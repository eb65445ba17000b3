package io.marketlens.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.io.Storage;
import io.marketlens.testing.Files2;
import io.marketlens.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.StorageStatistics;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Ingest parses every chunk of a file once, and settles every row — accepted, quarantined with its reason,
 * or a repeat of an earlier line — in one aggregation over the persisted parse; the accepted rows and the
 * quarantine are then read from that parse, not by parsing again.
 *
 * <p>Three measurements of one piece of work: the Spark jobs of its job group, counted by a {@link SparkListener}
 * (with adaptive execution every shuffle stage and every persisted table is a job of its own); the submitted
 * stages whose RDDs include the parse RDD, named by {@link Ingestor#parseStageName} (a stage that reads a
 * shuffle's output, or a table persisted after a shuffle, does not); and the bytes read from local files,
 * from Hadoop's statistics of the {@code file} scheme, which in local mode include what the tasks read.
 * The control at the end persists the same parse, counts it, then marks and counts its duplicates over a
 * second persisted table, and shows that the job count sees the difference.
 */
class IngestorScanTest {

    /** The local property {@link SparkContext#setJobGroup} sets (Spark's constant for it is internal). */
    private static final String JOB_GROUP = "spark.jobGroup.id";

    @TempDir
    Path dir;

    private final SparkSession spark = SparkTestSession.get();

    @Test
    void eachChunkIsParsedOnceAndOneAggregationCountsEveryFile() throws TimeoutException {
        Path csv = Files2.write(dir.resolve("in/sales/orders.csv"), IngestorTest.SALES_HEADER
                + "o1,1,2024-01-05 10:00:00,amazon,US,Kitchen,s1,p1,10.50,2,USD,shipped\n"   // line 2 ok
                + "o2,1,2024-01-05,amazon,US,Kitchen,s1,p2,abc,1,USD,shipped\n"              // 3 bad_number:unit_price
                + "o3,1,2024-01-06,amazon,US,Kitchen,s2,p3,5,1,USD,shipped\n"                // 4 ok
                + "o1,1,2024-01-05 10:00:00,amazon,US,Kitchen,s1,p1,10.50,2,USD,shipped\n"); // 5 duplicate_key of line 2
        // the local file system reads ahead no further than asked, so bytes read are bytes the parser consumed
        Configuration conf = new Configuration(spark.sparkContext().hadoopConfiguration());
        conf.setInt("io.file.buffer.size", 1);
        conf.setBoolean("fs.file.impl.disable.cache", true); // a cached instance would keep its own buffer size
        Storage storage = new Storage(conf);
        // chunks of one byte: the header alone, then one chunk per record (a file cut into chunks is parsed by tasks)
        Ingestor ingestor = new Ingestor(spark, MarketlensConfig.defaults().ingest(), storage, m -> { }, 1);

        long size = csv.toFile().length();

        List<IngestResult> result = new ArrayList<>();
        Run ingest = run(() -> result.add(ingestor.ingest(dir.resolve("in").toString(), null, 1L)));
        IngestResult r = result.get(0);
        try {
            FileStats f = r.files().get(0);
            assertThat(List.of(f.rowsRead(), f.rowsAccepted(), f.rowsQuarantined())).containsExactly(4L, 2L, 2L);

            // jobs: the parse of every chunk into the persisted parse, the shuffle of the aggregation per file, reason
            // and natural key over it, the shuffle of the aggregation per file and reason, and its result
            assertThat(ingest.jobs).isEqualTo(4);
            // the first stage ran the parser, one task per chunk: header + 4 records = 5 (the persisted parse is not
            // behind a shuffle, so the next stage lists the parse in its lineage too, but reads the persisted rows)
            assertThat(ingest.parseStages).first().isEqualTo(5);
            // the file is read three times: the fingerprint that also finds the chunk boundaries, the header
            // check (a file this small is read whole by its buffer), and the chunks, each byte once
            assertThat(ingest.bytesRead).isEqualTo(3 * size);

            List<Row> quarantined = new ArrayList<>();
            Run consume = run(() -> {
                assertThat(r.accepted().get(Source.SALES).collectAsList()).hasSize(2);
                quarantined.addAll(r.quarantine().orderBy("line").collectAsList());
            });
            assertThat(consume.jobs).isPositive();
            // a key repeated within the file is quarantined with its raw line, which the first parse does not keep for
            // accepted rows: the file is parsed once more, keeping them; the rows come from that second parse
            assertThat(consume.bytesRead).as("the repeated key's file is parsed again, keeping raw lines").isEqualTo(size);
            assertThat(quarantined).extracting(q -> q.getAs("line") + " " + q.getAs("reason") + " " + q.getAs("raw"))
                    .containsExactly("3 bad_number:unit_price o2,1,2024-01-05,amazon,US,Kitchen,s1,p2,abc,1,USD,shipped",
                            "5 duplicate_key o1,1,2024-01-05 10:00:00,amazon,US,Kitchen,s1,p1,10.50,2,USD,shipped");
        } finally {
            r.release().run();
        }

        // without a repeated key, the accepted rows and the quarantine come from the one persisted parse
        Files2.write(csv, IngestorTest.SALES_HEADER
                + "o1,1,2024-01-05 10:00:00,amazon,US,Kitchen,s1,p1,10.50,2,USD,shipped\n"
                + "o2,1,2024-01-05,amazon,US,Kitchen,s1,p2,abc,1,USD,shipped\n"
                + "o3,1,2024-01-06,amazon,US,Kitchen,s2,p3,5,1,USD,shipped\n");
        List<IngestResult> once = new ArrayList<>();
        Run ingestOnce = run(() -> once.add(ingestor.ingest(dir.resolve("in").toString(), null, 1L)));
        try {
            assertThat(ingestOnce.jobs).isEqualTo(4);
            List<Row> quarantined = new ArrayList<>();
            Run consume = run(() -> {
                assertThat(once.get(0).accepted().get(Source.SALES).collectAsList()).hasSize(2);
                quarantined.addAll(once.get(0).quarantine().collectAsList());
            });
            assertThat(consume.bytesRead).as("accepted rows and quarantine come from the persisted parse").isZero();
            assertThat(quarantined).extracting(q -> q.getAs("raw"))
                    .containsExactly("o2,1,2024-01-05,amazon,US,Kitchen,s1,p2,abc,1,USD,shipped");
        } finally {
            once.get(0).release().run();
        }
        Files2.write(csv, IngestorTest.SALES_HEADER
                + "o1,1,2024-01-05 10:00:00,amazon,US,Kitchen,s1,p1,10.50,2,USD,shipped\n"
                + "o2,1,2024-01-05,amazon,US,Kitchen,s1,p2,abc,1,USD,shipped\n"
                + "o3,1,2024-01-06,amazon,US,Kitchen,s2,p3,5,1,USD,shipped\n"
                + "o1,1,2024-01-05 10:00:00,amazon,US,Kitchen,s1,p1,10.50,2,USD,shipped\n");

        // control: the same parse counted first, its duplicates marked and counted after, costs more jobs
        InputFile file = new InputScanner(storage, m -> { }, MarketlensConfig.defaults().ingest(), 1).scan(dir.resolve("in").toString())
                .get(Source.SALES).get(0);
        FileParser parser = new FileParser(Source.SALES, MarketlensConfig.defaults().ingest(), new FxRates("USD", 7), storage.settings());
        Run countThenMark = run(() -> {
            JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(file.chunks(), file.chunks().size()).flatMap(parser::parse)
                    .setName(Ingestor.parseStageName(Source.SALES));
            Dataset<Row> parsed = spark.createDataFrame(rows, IngestSchemas.envelope(Source.SALES)).persist();
            Dataset<Row> marked = Ingestor.markDuplicates(parsed, Source.SALES).persist();
            try {
                assertThat(parsed.groupBy(IngestSchemas.FILE, IngestSchemas.REASON).count().collectAsList()).hasSize(2);
                assertThat(marked.filter(col(IngestSchemas.REASON).equalTo("duplicate_key")).groupBy(IngestSchemas.FILE)
                        .count().collectAsList()).hasSize(1);
            } finally {
                marked.unpersist();
                parsed.unpersist();
            }
        });
        assertThat(countThenMark.bytesRead).as("the control parses the file once too").isEqualTo(size);
        assertThat(countThenMark.jobs).isEqualTo(7).isGreaterThan(ingest.jobs);
    }

    /** What one piece of work cost: jobs started, the task count of each stage that ran the parser, bytes read from files. */
    private record Run(int jobs, List<Integer> parseStages, long bytesRead) {
    }

    private static long localBytesRead() {
        StorageStatistics stats = FileSystem.getGlobalStorageStatistics().get("file");
        Long read = stats == null ? null : stats.getLong("bytesRead");
        return read == null ? 0 : read;
    }

    private Run run(Runnable work) throws TimeoutException {
        SparkContext sc = spark.sparkContext();
        String group = "ingest-scan-" + UUID.randomUUID();
        String parseRdd = Ingestor.parseStageName(Source.SALES);
        AtomicInteger jobs = new AtomicInteger();
        List<Integer> parseStages = new ArrayList<>();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                if (group.equals(start.properties().getProperty(JOB_GROUP))) {
                    jobs.incrementAndGet();
                }
            }

            @Override
            public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
                StageInfo stage = submitted.stageInfo();
                if (submitted.properties() != null && group.equals(submitted.properties().getProperty(JOB_GROUP))
                        && CollectionConverters.asJava(stage.rddInfos()).stream().anyMatch(i -> parseRdd.equals(i.name()))) {
                    synchronized (parseStages) {
                        parseStages.add(stage.numTasks());
                    }
                }
            }
        };
        sc.addSparkListener(listener);
        try {
            sc.setJobGroup(group, "ingest scan test", false);
            long readBefore = localBytesRead();
            work.run();
            sc.clearJobGroup();
            sc.listenerBus().waitUntilEmpty();
            return new Run(jobs.get(), List.copyOf(parseStages), localBytesRead() - readBefore);
        } finally {
            sc.removeSparkListener(listener);
        }
    }
}
