package io.marketlens.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.tables.RunManifest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The progress lines of the stages and the durations the manifest gets from them. */
class ProgressTest {

    @Test
    void aStageUnderWayIsListedWithItsSecondsSoFar() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8));
        progress.stage("metrics", () -> null);
        AtomicReference<List<RunManifest.Stage>> inside = new AtomicReference<>();
        progress.stage("publish", () -> {
            inside.set(progress.stagesSoFar());
            return null;
        });
        assertThat(inside.get()).extracting(RunManifest.Stage::name).containsExactly("metrics", "publish");
        assertThat(inside.get()).allSatisfy(s -> assertThat(s.seconds()).isNotNegative());
        assertThat(progress.stages()).extracting(RunManifest.Stage::name).containsExactly("metrics", "publish");
        assertThat(progress.stagesSoFar()).isEqualTo(progress.stages());
        // the lines scripts read
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).satisfiesExactly(
                l -> assertThat(l).isEqualTo("[metrics]"),
                l -> assertThat(l).matches("\\[metrics\\] done in \\d+\\.\\d\\d s"),
                l -> assertThat(l).isEqualTo("[publish]"),
                l -> assertThat(l).matches("\\[publish\\] done in \\d+\\.\\d\\d s"));
    }

    @Test
    void aFailedStageIsNoLongerUnderWay() {
        Progress progress = new Progress(new PrintStream(PrintStream.nullOutputStream()));
        try {
            progress.stage("report", () -> {
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // the stage failed
        }
        assertThat(progress.stagesSoFar()).isEmpty();
    }
}
