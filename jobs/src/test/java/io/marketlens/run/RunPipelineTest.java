package io.marketlens.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.cli.MarketlensCli;
import io.marketlens.tables.RunManifest;
import io.marketlens.testing.Files2;
import io.marketlens.testing.SparkTestSession;
import io.marketlens.testing.StdStreams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPipelineTest {

    @TempDir
    Path dir;

    Path in;
    Path out;

    @BeforeEach
    void fixture() {
        SparkTestSession.get();
        in = dir.resolve("in");
        out = dir.resolve("out");
        Files2.write(in.resolve("fx_rates/rates.csv"), "date,currency,rate_to_base\n2024-03-01,EUR,1.08\n");
        Files2.write(in.resolve("sales/s.csv"), "order_id,order_ts,platform,marketplace,category,seller_id,product_id,unit_price,quantity,currency\n"
                + "o1,2024-03-02 09:00:00,amazon,DE,Toys,s1,p1,10.00,2,EUR\n"
                + "o2,2024-03-03 10:00:00,amazon,US,Toys,s2,p2,5.00,1,USD\n"
                + "o3,2024-03-04 11:00:00,amazon,US,Toys,s2,p2,=1+1,1,USD\n");
        Files2.write(in.resolve("logistics/l.csv"), "shipment_id,order_id,carrier,destination_country,ship_ts,status\n"
                + "sh1,o1,DHL,DE,2024-03-05 08:00:00,in_transit\n");
    }

    private StdStreams.Captured run(String... extra) {
        String[] args = new String[4 + extra.length];
        args[0] = "run";
        args[1] = "--input=" + in;
        args[2] = "--output=" + out;
        args[3] = "--config=" + Files2.write(dir.resolve("c.yaml"), "max_quarantine_ratio: 0.5\nshuffle_partitions: 2\n");
        System.arraycopy(extra, 0, args, 4, extra.length);
        return StdStreams.capture(() -> MarketlensCli.execute(args));
    }

    @Test
    void publishesTheRunFolderWithManifestAndQuarantine() throws Exception {
        StdStreams.Captured c = run();
        assertThat(c.exitCode()).isZero();
        Path runDir = out.resolve("2024-03-05");
        assertThat(c.out().strip()).isEqualTo(runDir.toString());
        assertThat(c.err()).contains("[ingest]", "[warehouse]", "[publish] done in").doesNotContain(" INFO ");

        RunManifest m = RunManifest.fromJson(Files.readString(runDir.resolve("manifest.json")));
        assertThat(m.asOf()).as("the last date in the data: the shipment").isEqualTo("2024-03-05");
        assertThat(m.baseCurrency()).isEqualTo("USD");
        assertThat(m.runId()).matches("\\d{8}T\\d{6}Z-[0-9a-f]{8}");
        assertThat(m.inputs()).extracting(i -> i.source() + " " + i.rowsRead() + "=" + i.rowsAccepted() + "+" + i.rowsQuarantined())
                .containsExactly("fx_rates 1=1+0", "logistics 1=1+0", "sales 3=2+1");
        RunManifest.Input sales = m.inputs().get(2);
        assertThat(sales.reasons()).isEqualTo(Map.of("bad_number:unit_price", 1L));
        assertThat(sales.sha256()).hasSize(64);
        assertThat(sales.file()).isEqualTo(in.resolve("sales/s.csv").toString());
        // every stage, the report and the publish included (the manifest is written while publishing)
        assertThat(m.stages()).extracting(RunManifest.Stage::name)
                .containsExactly("ingest", "warehouse", "fact", "metrics", "quarantine", "report", "publish");
        assertThat(m.stages()).allSatisfy(s -> assertThat(s.seconds()).isNotNegative());
        assertThat(m.stages().stream().mapToDouble(RunManifest.Stage::seconds).sum()).isPositive();
        assertThat(runDir.resolve("report.pdf")).exists();
        assertThat(writeMarkers(runDir)).as("checksum files and _SUCCESS markers in the run folder").isEmpty();
        assertThat(m.tables()).containsExactly("market_size", "lifecycle", "new_vs_existing", "concentration", "concentration_curve",
                "competition_intensity", "price_bands", "hot_terms",
                "seasonality", "turning_points", "change_points", "forecast", "forecast_backtest",
                "competitors", "competitor_benchmark", "product_selection",
                "logistics_lanes", "lane_ranking", "logistics_forecast", "own_store", "platform_comparison", "changes");
        assertThat(c.err()).contains("note: first run: no previous run to compare with");
        for (String t : m.tables()) {
            assertThat(runDir.resolve("tables/" + t + ".csv")).exists();
            assertThat(runDir.resolve("tables/" + t + ".parquet")).isDirectory();
        }
        assertThat(m.versions()).containsKeys("marketlens", "spark", "java").containsEntry("spark", "4.1.1");

        String quarantine = Files.readString(runDir.resolve("quarantine/sales.csv"));
        assertThat(quarantine).isEqualTo("\uFEFFfile,line,reason,details,raw\n"
                + in.resolve("sales/s.csv") + ",4,bad_number:unit_price,'=1+1' is not a number,"
                + "\"o3,2024-03-04 11:00:00,amazon,US,Toys,s2,p2,=1+1,1,USD\"\n");
        try (var entries = Files.list(out)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("2024-03-05", "warehouse");
        }
    }

    @Test
    void reRunningTheSameNightReplacesTheFolderWithTheSameContent() throws Exception {
        run("--as-of=2024-03-31");
        Path runDir = out.resolve("2024-03-31");
        RunManifest first = RunManifest.fromJson(Files.readString(runDir.resolve("manifest.json")));
        String quarantine = Files.readString(runDir.resolve("quarantine/sales.csv"));

        StdStreams.Captured again = run("--as-of=2024-03-31");
        assertThat(again.exitCode()).isZero();
        // the folder of the same date is no previous run: it compares with none
        assertThat(again.err()).contains("note: first run: no previous run to compare with");
        RunManifest second = RunManifest.fromJson(Files.readString(runDir.resolve("manifest.json")));
        assertThat(second.runId()).isNotEqualTo(first.runId());
        assertThat(second.inputs()).allMatch(RunManifest.Input::previouslyIngested);
        assertThat(second.inputs()).extracting(i -> i.file() + i.rowsRead() + i.rowsAccepted() + i.rowsQuarantined() + i.reasons())
                .isEqualTo(first.inputs().stream().map(i -> i.file() + i.rowsRead() + i.rowsAccepted() + i.rowsQuarantined() + i.reasons()).toList());
        assertThat(Files.readString(runDir.resolve("quarantine/sales.csv"))).isEqualTo(quarantine);
        try (var entries = Files.list(out)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("2024-03-31", "warehouse");
        }
    }

    @Test
    void aLaterRunComparesWithTheLatestEarlierRunFolder() throws Exception {
        run("--as-of=2024-03-31");
        StdStreams.Captured c = run("--as-of=2024-04-30");
        assertThat(c.exitCode()).as(c.err()).isZero();
        // the same sales in both windows: nothing moved
        assertThat(c.err()).contains("note: changes: compared with the run of 2024-03-31 (" + out.resolve("2024-03-31") + "): 0 change(s)")
                .doesNotContain("first run");
        assertThat(Files.readString(out.resolve("2024-04-30/tables/changes.csv"))).isEqualTo("\uFEFFrank,kind,platform,marketplace,"
                + "category,period,subject,before,after,magnitude,sentence_key,as_of,previous_as_of\n");
    }

    @Test
    void metricsRecomputesTheTablesAndKeepsTheRunsInputsAndQuarantine() throws Exception {
        run("--as-of=2024-03-31");
        Path runDir = out.resolve("2024-03-31");
        RunManifest first = RunManifest.fromJson(Files.readString(runDir.resolve("manifest.json")));
        String marketSize = Files.readString(runDir.resolve("tables/market_size.csv"));

        StdStreams.Captured c = StdStreams.capture(() -> MarketlensCli.execute("metrics", "--warehouse=" + out.resolve("warehouse"),
                "--output=" + out, "--as-of=2024-03-31"));
        assertThat(c.exitCode()).as(c.err()).isZero();
        RunManifest second = RunManifest.fromJson(Files.readString(runDir.resolve("manifest.json")));
        assertThat(second.runId()).isNotEqualTo(first.runId());
        assertThat(second.inputs()).isEqualTo(first.inputs());
        assertThat(second.tables()).isEqualTo(first.tables());
        assertThat(Files.readString(runDir.resolve("tables/market_size.csv"))).isEqualTo(marketSize);
        assertThat(runDir.resolve("quarantine/sales.csv")).exists();
        assertThat(second.stages()).extracting(RunManifest.Stage::name)
                .containsExactly("fact", "metrics", "quarantine", "report", "publish");
        assertThat(writeMarkers(runDir)).as("checksum files and _SUCCESS markers in the run folder").isEmpty();
    }

    /** The files under {@code dir} that a writer leaves beside its data: {@code *.crc} and {@code _SUCCESS}. */
    static List<String> writeMarkers(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p).toString())
                    .filter(p -> p.endsWith(".crc") || p.endsWith("_SUCCESS")).sorted().toList();
        }
    }

    @Test
    void aRunKilledBetweenTheTwoRenamesIsRepairedByTheNextRun() throws Exception {
        // what a kill after "move the old folder aside" and before "move the new one in" leaves behind
        Files2.write(out.resolve(".2024-03-31.replaced-xyz/manifest.json"), "{\"run_id\":\"old\"}");
        Files2.write(out.resolve(".2024-03-31.partial-xyz/manifest.json"), "{\"run_id\":\"half\"}");
        new OutputPublisher(new io.marketlens.io.Storage(new org.apache.hadoop.conf.Configuration()), out.toString()).recover();
        assertThat(Files.readString(out.resolve("2024-03-31/manifest.json"))).isEqualTo("{\"run_id\":\"old\"}");
        try (var entries = Files.list(out)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("2024-03-31");
        }
    }

    @Test
    void quarantineAboveTheThresholdCompletesWithExitCode3() {
        Files2.write(dir.resolve("strict.yaml"), "max_quarantine_ratio: 0.1\nshuffle_partitions: 2\n");
        StdStreams.Captured c = StdStreams.capture(() -> MarketlensCli.execute("run", "--input=" + in, "--output=" + out,
                "--config=" + dir.resolve("strict.yaml")));
        assertThat(c.exitCode()).as("1 of 5 rows = 20 %% > 10 %%").isEqualTo(3);
        assertThat(Files.exists(out.resolve("2024-03-05/manifest.json"))).isTrue();
        assertThat(c.err()).contains("total                 5          4           1  (20.00 % quarantined; threshold 10.00 %)");
    }
}
