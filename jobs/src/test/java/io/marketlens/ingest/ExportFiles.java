package io.marketlens.ingest;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.io.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/** One export file ingested alone, as the real-export tests read it; and the preset its header selects. */
final class ExportFiles {

    private ExportFiles() {
    }

    /**
     * Copies {@code file} into {@code tmp/in/<source>/}, ingests that input folder with {@code config} and hands the
     * result to {@code check} before releasing it.
     */
    static void ingestAlone(SparkSession spark, Path tmp, Source source, Path file, MarketlensConfig config,
                            Consumer<IngestResult> check) throws IOException {
        Path in = tmp.resolve("in").resolve(source.dirName());
        Files.createDirectories(in);
        Files.copy(file, in.resolve(file.getFileName().toString()));
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        IngestResult r = new Ingestor(spark, config.ingest(), storage, m -> { }).ingest(tmp.resolve("in").toString(), null, 1L);
        try {
            check.accept(r);
        } finally {
            r.release().run();
        }
    }

    /** The name of the preset {@code file}'s header selects for {@code source} with the default options; "none". */
    static String presetOf(Source source, Path file) throws IOException {
        try (CsvFileReader reader = CsvFileReader.open(Files.newInputStream(file), file.toString(), source, SourceOptions.defaults())) {
            return Presets.select(source, SourceOptions.defaults(), reader.header(), file.toString())
                    .map(m -> m.preset().name()).orElse("none");
        }
    }
}
