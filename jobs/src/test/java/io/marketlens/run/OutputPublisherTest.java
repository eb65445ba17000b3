package io.marketlens.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.io.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing a staged run folder: only the run's own files are moved into place. */
class OutputPublisherTest {

    @TempDir
    Path out;

    @Test
    void checksumFilesAndSuccessMarkersAreLeftOutOfThePublishedFolder() throws IOException {
        Storage storage = new Storage(new Configuration());
        OutputPublisher publisher = new OutputPublisher(storage, out.toString());
        String staged = publisher.stage("2024-03-31", "run1");
        // through the Hadoop local file system, which writes a .crc beside every file
        storage.writeStringAtomically(Storage.join(staged, "manifest.json"), "{}");
        storage.writeStringAtomically(Storage.join(staged, "tables/market_size.csv"), "a\n");
        storage.writeStringAtomically(Storage.join(staged, "tables/market_size.parquet/part-00000.parquet"), "p");
        storage.writeStringAtomically(Storage.join(staged, "tables/market_size.parquet/_SUCCESS"), "");
        assertThat(files(Path.of(java.net.URI.create(storage.qualify(staged))))).anyMatch(f -> f.endsWith(".crc"));

        String target = publisher.publish(staged, "2024-03-31", "run1");

        assertThat(files(out.resolve("2024-03-31"))).containsExactly("manifest.json", "tables/market_size.csv",
                "tables/market_size.parquet/part-00000.parquet");
        assertThat(target).isEqualTo(Storage.join(out.toString(), "2024-03-31"));
        assertThat(OutputPublisher.isWriteMarker(".part-0000.csv.crc")).isTrue();
        assertThat(OutputPublisher.isWriteMarker("._SUCCESS.crc")).isTrue();
        assertThat(OutputPublisher.isWriteMarker("crc.csv")).isFalse();
    }

    private static java.util.List<String> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
