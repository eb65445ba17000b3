package io.marketlens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class FiguresTest {

    static Figures.RunFigures marketlens(double ingest, double marketSize, double wall) {
        return new Figures.RunFigures(ProgressLog.parse(List.of(
                "[ingest] done in " + ingest + " s",
                "[warehouse] done in 2 s",
                "[metrics]",
                "  market_size  10 rows (" + marketSize + " s)",
                "  concentration  30 rows (4 s)",
                "  lifecycle  3 rows (100 s)",
                "  price_bands  5 rows (1 s)",
                "[metrics] done in 110 s",
                "[report] done in 9 s")), new TimeReport(wall, 2 * wall, 2048 * 1024, 0));
    }

    static Figures.RunFigures duckdb(List<String> stages, double wall) {
        return new Figures.RunFigures(ProgressLog.parse(stages.stream().map(s -> "[" + s + "] done in 1 s").toList()),
                new TimeReport(wall, wall, 1024 * 1024, 0));
    }

    static final List<String> FULL = List.of("load", "store", "fact", "write");
    static final List<String> NIGHTLY = List.of("load", "merge", "fact", "write");

    @Test
    void sameWorkIsIngestWarehouseAndTheSharedTables() {
        // 10 + 2 + 3 (market_size) + 4 (concentration) + 1 (price_bands); lifecycle is not shared work
        assertThat(marketlens(10, 3, 200).sameWorkSeconds()).isEqualTo(20.0);
    }

    @Test
    void sameWorkCountsTheMetricsStagesReadOfTheFact() {
        Figures.RunFigures run = new Figures.RunFigures(ProgressLog.parse(List.of(
                "[ingest] done in 10 s", "[warehouse] done in 2 s", "[fact] done in 5 s", "[metrics]",
                "  market fact: 590,738 rows up to 2025-12 (window 2025-01..2025-12), read in 7.5 s",
                "  market_size  10 rows (3 s)", "  concentration  30 rows (4 s)", "  price_bands  5 rows (1 s)",
                "[metrics] done in 20 s")), new TimeReport(60, 100, 1024 * 1024, 0));
        // 10 + 2 + 5 (fact stage) + 7.5 (the read) + 3 + 4 + 1
        assertThat(run.sameWorkSeconds()).isEqualTo(32.5);
    }

    @Test
    void ratiosAreMediansOfPerRepeatRatios() {
        List<Figures.Repeat> repeats = List.of(
                new Figures.Repeat(marketlens(10, 3, 200), marketlens(5, 3, 150), duckdb(FULL, 10), duckdb(NIGHTLY, 5)),
                new Figures.Repeat(marketlens(30, 3, 400), marketlens(5, 3, 150), duckdb(FULL, 10), duckdb(NIGHTLY, 3)),
                new Figures.Repeat(marketlens(20, 3, 300), marketlens(5, 3, 150), duckdb(FULL, 20), duckdb(NIGHTLY, 5)));
        Figures f = Figures.of(repeats);
        // same-work: 20/10, 40/10, 30/20 → 2, 4, 1.5 → median 2
        assertThat(f.line(Figures.SAME_WORK_RATIO).firstMedian()).isEqualTo(2.0);
        // whole run: 200/10, 400/10, 300/20 → 20, 40, 15 → 20; nightly: 150/5, 150/3, 150/5 → 30, 50, 30 → 30
        Figures.Line whole = f.line(Figures.WHOLE_RUN_RATIO);
        assertThat(whole.firstMedian()).isEqualTo(20.0);
        assertThat(whole.nightlyMedian()).isEqualTo(30.0);
        // CPU is twice the wall in marketlens(), equal to it in duckdb(): 400/10, 800/10, 600/20 → 40, 80, 30 → 40
        assertThat(f.line(Figures.CPU_RATIO).firstMedian()).isEqualTo(40.0);
        assertThat(f.line("ingest").firstMedian()).isEqualTo(20.0);
        assertThat(f.line("whole process peak RSS").firstMedian()).isEqualTo(2048.0, Offset.offset(1e-9));
        // metrics 110 − (3 + 4 + 100 + 1) = 2
        assertThat(f.line("  (metrics outside the table lines)").firstMedian()).isEqualTo(2.0, Offset.offset(1e-9));
    }

    @Test
    void aStageOfOneRunOnlyKeepsItsPlace() {
        List<Figures.Repeat> repeats = List.of(new Figures.Repeat(marketlens(1, 1, 1), marketlens(1, 1, 1),
                duckdb(FULL, 1), duckdb(NIGHTLY, 1)));
        assertThat(Figures.stageNames(repeats, Figures.Repeat::duckFirst, Figures.Repeat::duckNightly))
                .containsExactly("load", "store", "merge", "fact", "write");
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwoAndMissingValuesAreLeftOut() {
        assertThat(Figures.median(new double[]{4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Figures.median(new double[]{Double.NaN, 7})).isEqualTo(7);
        assertThat(Figures.median(new double[]{Double.NaN})).isNaN();
    }

    @Test
    void withoutDuckdbThereAreNoRatios() {
        Figures f = Figures.of(List.of(new Figures.Repeat(marketlens(1, 1, 1), marketlens(1, 1, 1), null, null)));
        assertThat(f.lines()).noneMatch(l -> l.section().startsWith("ratios"));
        assertThat(f.text()).contains("same-work seconds").doesNotContain("DuckDB");
        assertThat(f.csv()).startsWith("section,figure,run,unit,median,values\n");
    }

    @Test
    void theReferenceAloneHasNeitherMarketlensLinesNorRatios() {
        Figures f = Figures.of(List.of(new Figures.Repeat(null, null, duckdb(FULL, 12), duckdb(NIGHTLY, 4))));
        assertThat(f.lines()).allMatch(l -> l.section().equals("DuckDB reference"));
        assertThat(f.line("whole process wall").firstMedian()).isEqualTo(12.0);
        assertThat(f.line("merge").nightlyMedian()).isEqualTo(1.0);
        assertThat(f.legend()).isEmpty();
        assertThat(f.text()).doesNotContain("marketlens").doesNotContain("same-work");
    }
}
