package io.marketlens.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchMainTest {

    @Test
    void theFastReferenceIsTheDefaultAndTheDifferentialOneStaysReachable() {
        BenchMain.Settings s = BenchMain.Settings.of(new String[]{"--home", "/h", "--rows", "1000"});
        assertThat(s.reference()).isEqualTo(BenchMain.Reference.FAST);
        assertThat(s.reference().main).isEqualTo(FastDuckDbReference.class);
        assertThat(s.referenceOnly()).isFalse();
        BenchMain.Settings d = BenchMain.Settings.of(new String[]{"--home", "/h", "--rows", "1000", "--reference", "differential",
                "--reference-only"});
        assertThat(d.reference().main).isEqualTo(DuckDbReference.class);
        assertThat(d.referenceOnly()).isTrue();
    }

    @Test
    void anUnknownReferenceOrSkippingWhatAloneIsTimedIsAUsageError() {
        assertThatThrownBy(() -> BenchMain.Settings.of(new String[]{"--home", "/h", "--rows", "1000", "--reference", "slow"}))
                .isInstanceOf(Options.UsageException.class).hasMessageContaining("fast or differential");
        assertThatThrownBy(() -> BenchMain.Settings.of(new String[]{"--home", "/h", "--rows", "1000", "--skip-duckdb",
                "--reference-only"})).isInstanceOf(Options.UsageException.class);
    }

    @Test
    void theReportNamesTheHeapTheLauncherGivesByDefault(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home)
            throws java.io.IOException {
        java.nio.file.Files.createDirectories(home.resolve("bin"));
        java.nio.file.Files.writeString(home.resolve("bin/marketlens"), """
                heap="-Xmx3g -XX:+UseG1GC"
                if [[ $small ]]; then
                  heap="-Xmx2g"
                fi
                exec java "${jvm_flags[@]}" ${MARKETLENS_JAVA_OPTS:-$heap} -cp x Main
                """);
        assertThat(BenchMain.launcherDefaultOptions(home))
                .isEqualTo("-Xmx3g -XX:+UseG1GC, -Xmx2g for under 512 MB of input and warehouse");
        assertThat(BenchMain.launcherDefaultOptions(home.resolve("nowhere"))).startsWith("unknown");
    }
}
