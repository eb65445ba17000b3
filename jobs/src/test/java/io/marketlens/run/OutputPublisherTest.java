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

    @Test
    void anotherRunOnTheSameOutputLeavesALiveStagingFolderAloneAndRemovesAnAbandonedOne() throws IOException {
        Storage storage = new Storage(new Configuration());
        // run A (its own warehouse) is writing its run folder into the shared output
        OutputPublisher a = new OutputPublisher(storage, out.toString());
        String stagedA = a.stage("2024-03-31", "runA");
        storage.writeStringAtomically(Storage.join(stagedA, "manifest.json"), "{\"run_id\":\"runA\"}");
        // a run killed long ago left its staging folder and lock file; one from an older version left no lock file
        Files.createDirectories(out.resolve(".2024-02-29.partial-dead"));
        Files.writeString(out.resolve(".partial-dead.lock"), "");
        Files.createDirectories(out.resolve(".2024-01-31.partial-old"));

        // run B, on another warehouse, starts with the same output
        try (OutputPublisher b = new OutputPublisher(storage, out.toString())) {
            b.recover();
            assertThat(names()).containsExactly(".2024-03-31.partial-runA", ".partial-runA.lock");
            b.stage("2024-04-30", "runB");
            // A publishes, unhurt
            assertThat(a.publish(stagedA, "2024-03-31", "runA")).isEqualTo(Storage.join(out.toString(), "2024-03-31"));
            a.close();
            assertThat(Files.readString(out.resolve("2024-03-31/manifest.json"))).contains("runA");
            // and a third run now finds B's folder live, A's lock gone with A
            try (OutputPublisher c = new OutputPublisher(storage, out.toString())) {
                c.recover();
                assertThat(names()).containsExactly(".2024-04-30.partial-runB", ".partial-runB.lock", "2024-03-31");
            }
        }
        // B is gone without publishing (a failed run): its folder is abandoned, and the next run removes it
        new OutputPublisher(storage, out.toString()).recover();
        assertThat(names()).containsExactly("2024-03-31");
    }

    private java.util.List<String> names() throws IOException {
        try (Stream<Path> entries = Files.list(out)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted().toList();
        }
    }

    private static java.util.List<String> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
