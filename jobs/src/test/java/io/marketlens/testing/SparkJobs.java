package io.marketlens.testing;

import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/** Counts the Spark jobs some work starts, by a {@link SparkListener} watching a job group of the work's own. */
public final class SparkJobs {

    /** The local property {@link SparkContext#setJobGroup} sets (Spark's constant for it is internal). */
    private static final String JOB_GROUP = "spark.jobGroup.id";

    private SparkJobs() {
    }

    /** Runs {@code work} on this thread under a job group of its own and returns the number of Spark jobs it started. */
    public static int count(SparkSession spark, Runnable work) throws TimeoutException {
        SparkContext sc = spark.sparkContext();
        String group = "counted-" + UUID.randomUUID();
        AtomicInteger jobs = new AtomicInteger();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                if (group.equals(start.properties().getProperty(JOB_GROUP))) {
                    jobs.incrementAndGet();
                }
            }
        };
        sc.addSparkListener(listener);
        try {
            sc.setJobGroup(group, "jobs counted by a test", false);
            work.run();
            sc.clearJobGroup();
            sc.listenerBus().waitUntilEmpty();
            return jobs.get();
        } finally {
            sc.removeSparkListener(listener);
        }
    }
}
