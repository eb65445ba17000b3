package io.marketlens.metrics.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.io.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The previous run of an output folder: the latest dated run folder with a manifest strictly before the as-of date,
 * past the publisher's hidden folders, folders without a manifest and names that are no dates.
 */
class PreviousRunTest {

    @TempDir
    static Path out;

    private static final Storage STORAGE = new Storage(new Configuration());

    @BeforeAll
    static void folders() throws IOException {
        run("2024-04-30");
        run("2024-05-31");
        run("2024-06-30");
        Files.createDirectories(out.resolve("2024-07-31/tables")); // a folder without a manifest: not a run
        run(".2024-07-15.replaced-20240716T010000Z-abcd1234"); // moved aside by a publish, manifest and all
        run(".2024-07-20.partial-20240721T010000Z-abcd1234");
        run("2024-02-30"); // no such date
        run("latest");
        Files.writeString(out.resolve("2024-07-01"), "a file, not a folder");
    }

    private static void run(String name) throws IOException {
        Files.createDirectories(out.resolve(name));
        Files.writeString(out.resolve(name).resolve("manifest.json"), "{}");
    }

    private static Optional<LocalDate> previous(String asOf) {
        return PreviousRun.find(STORAGE, out.toString(), LocalDate.parse(asOf)).map(PreviousRun::asOf);
    }

    @Test
    void theLatestRunFolderBeforeTheAsOfDate() {
        assertThat(previous("2024-08-31")).contains(LocalDate.parse("2024-06-30"));
        assertThat(previous("2024-07-31")).contains(LocalDate.parse("2024-06-30"));
        assertThat(PreviousRun.find(STORAGE, out.toString(), LocalDate.parse("2024-07-31")).orElseThrow().folder())
                .isEqualTo(out.resolve("2024-06-30").toString());
    }

    @Test
    void aRunAgainForTheSameDateComparesWithTheOneBefore() {
        assertThat(previous("2024-06-30")).contains(LocalDate.parse("2024-05-31"));
        assertThat(previous("2024-06-15")).contains(LocalDate.parse("2024-05-31"));
    }

    @Test
    void noEarlierRunNoPreviousRun() {
        assertThat(previous("2024-04-30")).isEmpty();
        assertThat(PreviousRun.find(STORAGE, out.resolve("nothing-here").toString(), LocalDate.parse("2024-04-30"))).isEmpty();
    }
}
