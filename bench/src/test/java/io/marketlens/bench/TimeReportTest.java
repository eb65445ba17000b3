package io.marketlens.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class TimeReportTest {

    static final String REPORT = """
            \tCommand being timed: "bin/marketlens run --input /tmp/in --output /tmp/out"
            \tUser time (seconds): 190.95
            \tSystem time (seconds): 8.48
            \tPercent of CPU this job got: 65%
            \tElapsed (wall clock) time (h:mm:ss or m:ss): 5:02.92
            \tMaximum resident set size (kbytes): 2603016
            \tExit status: 0
            """;

    @Test
    void readsWallCpuRssAndExit() {
        TimeReport t = TimeReport.parse(REPORT);
        assertThat(t.wallSeconds()).isEqualTo(302.92, offset(1e-9)); // 5 · 60 + 2.92
        assertThat(t.cpuSeconds()).isEqualTo(199.43, offset(1e-9)); // 190.95 + 8.48
        assertThat(t.maxRssKb()).isEqualTo(2_603_016);
        assertThat(t.maxRssMb()).isEqualTo(2542.0, offset(0.01)); // 2 603 016 / 1024
        assertThat(t.exitStatus()).isZero();
    }

    @Test
    void readsHoursAndNonZeroExits() {
        TimeReport t = TimeReport.parse("Command exited with non-zero status 3\n" + REPORT.replace("5:02.92", "1:02:03")
                .replace("Exit status: 0", "Exit status: 3"));
        assertThat(t.wallSeconds()).isEqualTo(3723); // 3600 + 120 + 3
        assertThat(t.exitStatus()).isEqualTo(3);
    }

    @Test
    void saysWhatIsMissing() {
        assertThatThrownBy(() -> TimeReport.parse("real 1.0")).hasMessageContaining("not a GNU time -v report");
    }
}
