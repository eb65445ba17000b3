package io.marketlens.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressLogTest {

    /** A marketlens run's stderr as it looks today, shortened, with a line from a future fact timing and noise around. */
    static final List<String> RUN = List.of(
            "[ingest]",
            "  fx_rates    1 file(s), 4,830 rows read, 4,830 accepted, 0 quarantined (7.8 s)",
            "  sales       3 file(s), 50,611 rows read, 50,611 accepted, 0 quarantined (21.5 s)",
            "[ingest] done in 43.28 s",
            "[warehouse]",
            "  8 file(s) merged (/tmp/wh, version 1)",
            "[warehouse] done in 16.99 s",
            "[metrics]",
            "  market fact: 47,643 rows up to 2025-12 (window 2025-01..2025-12)",
            "  fact                     47,643 rows (12.5 s)",
            "  market_size               5,439 rows (36.9 s)",
            "  concentration            16,317 rows (41.1 s)",
            "  price_bands                 926 rows (5.9 s)",
            "  forecast_backtest           147 rows (0.9 s)",
            "[metrics] done in 120.00 s",
            "[report]",
            "  warning: the report fonts have no glyph for some characters",
            "  report.pdf: 35 pages (en), 23 charts",
            "[report] done in 13.65 s",
            "source             read   accepted quarantined  file / top reasons",
            "sales            14,422     14,422           0  /tmp/in/sales/orders-2023.csv");

    @Test
    void readsStagesInOrder() {
        ProgressLog log = ProgressLog.parse(RUN);
        assertThat(log.stages()).extracting(ProgressLog.Stage::name).containsExactly("ingest", "warehouse", "metrics", "report");
        assertThat(log.stageSeconds("ingest")).contains(43.28);
        assertThat(log.stageSeconds("publish")).isEmpty();
    }

    @Test
    void readsTableLinesOfTheirStageOnly() {
        ProgressLog log = ProgressLog.parse(RUN);
        // the ingest's per-source lines and the "market fact:" line are not table lines
        assertThat(log.tables()).extracting(ProgressLog.Table::name)
                .containsExactly("fact", "market_size", "concentration", "price_bands", "forecast_backtest");
        assertThat(log.table("concentration")).contains(new ProgressLog.Table("metrics", "concentration", 16_317, 41.1));
    }

    @Test
    void theMetricsTimeOutsideTableLinesIsTheRest() {
        // 120.00 − (12.5 + 36.9 + 41.1 + 5.9 + 0.9) = 22.7
        assertThat(ProgressLog.parse(RUN).unattributedSeconds("metrics").orElseThrow()).isCloseTo(22.7, offset(1e-9));
        assertThat(ProgressLog.parse(RUN).unattributedSeconds("ingest")).isEmpty();
    }

    @Test
    void readsTheSecondsOfTheMarketFactRead() {
        // the line without seconds (an earlier version's) gives none; the one with them gives its figure
        assertThat(ProgressLog.parse(RUN).factReadSeconds()).isEmpty();
        ProgressLog log = ProgressLog.parse(List.of("[metrics]",
                "  market fact: 590,738 rows up to 2025-12 (window 2025-01..2025-12), read in 10.6 s",
                "  market_size               5,439 rows (0.8 s)", "[metrics] done in 12 s"));
        assertThat(log.factReadSeconds()).contains(10.6);
        assertThat(log.tables()).extracting(ProgressLog.Table::name).containsExactly("market_size");
        assertThat(log.unattributedSeconds("metrics").orElseThrow()).isCloseTo(11.2, offset(1e-9));
    }

    @Test
    void toleratesLinesWithoutThousandsSeparatorsAndUnknownLines() {
        ProgressLog log = ProgressLog.parse(List.of("[metrics]", "  something new happened", "  market_size 5439 rows (3 s)",
                "[metrics] done in 4 s"));
        assertThat(log.table("market_size")).contains(new ProgressLog.Table("metrics", "market_size", 5439, 3));
        assertThat(log.stageSeconds("metrics")).contains(4.0);
    }
}
