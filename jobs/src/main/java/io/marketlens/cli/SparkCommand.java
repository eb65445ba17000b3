package io.marketlens.cli;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.run.Progress;
import io.marketlens.run.RunPipeline;
import io.marketlens.spark.SparkSessions;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;

/** A command that needs Spark: builds the session, runs, and always stops the session. */
abstract class SparkCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public final Integer call() {
        MarketlensConfig config = loadConfig();
        Progress progress = new Progress(System.err);
        boolean shared = SparkSessions.sessionExists();
        SparkSession spark = SparkSessions.create(config.shufflePartitions(), config.timezone(), common.verbose);
        try {
            return run(new RunPipeline(spark, progress).withReport(reportSettings()), config, progress);
        } finally {
            if (!shared) {
                spark.stop();
            }
        }
    }

    /** The settings of this invocation; the session is built with them (time zone, partitions). */
    MarketlensConfig loadConfig() {
        return common.load();
    }

    /** How a command that publishes a run folder renders its report; the default where it has no options for it. */
    io.marketlens.reports.ReportRenderer.Settings reportSettings() {
        return io.marketlens.reports.ReportRenderer.Settings.DEFAULT;
    }

    abstract int run(RunPipeline pipeline, MarketlensConfig config, Progress progress);
}
