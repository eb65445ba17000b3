package io.marketlens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketlens.cli.MarketlensCli;
import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Lang;
import io.marketlens.reports.text.Numbers;
import io.marketlens.tables.ColumnType;
import io.marketlens.tables.RunManifest;
import io.marketlens.tables.TableSchema;
import io.marketlens.tables.Tables;
import io.marketlens.testing.DataSamples;
import io.marketlens.testing.PdfLayout;
import io.marketlens.testing.ReportTables;
import io.marketlens.testing.SparkTestSession;
import io.marketlens.testing.StdStreams;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code marketlens demo} on the checked-in data-samples/: every file's accounting and every planted bad
 * row, as the generator recorded them in truth.json, must come back from the pipeline.
 */
class DataSamplesRunTest {

    /** Parquet's logical types as Spark names them, per contract type: written by hand, not by the code under test. */
    private static final Map<ColumnType, String> SPARK_TYPES = Map.of(ColumnType.TEXT, "string", ColumnType.INT32, "integer",
            ColumnType.INT64, "long", ColumnType.FLOAT64, "double", ColumnType.BOOL, "boolean");

    @TempDir
    static Path dir;

    /** The demo's output, run once for every test of this class. */
    static StdStreams.Captured demo;

    @BeforeAll
    static void runTheDemo() throws Exception {
        SparkTestSession.get();
        demo = StdStreams.capture(() -> MarketlensCli.execute("demo", "--samples", DataSamples.path().toString(),
                "--output", dir.resolve("demo").toString()));
    }

    @Test
    void theDemoAccountsForEveryRowOfTheSamples() throws Exception {
        Path samples = DataSamples.path();
        JsonNode truth = new ObjectMapper().readTree(samples.resolve("truth.json").toFile());
        StdStreams.Captured c = demo;
        assertThat(c.exitCode()).as(c.err()).isZero();
        Path pdf = Path.of(c.out().strip());
        assertThat(pdf.getFileName().toString()).as("the demo prints where the PDF is").isEqualTo("report.pdf");
        Path runDir = pdf.getParent();
        assertThat(runDir.getFileName().toString()).as("as-of: the last day of the last month of data")
                .isEqualTo(java.time.YearMonth.parse(truth.get("last_month").asText()).atEndOfMonth().toString());

        RunManifest m = RunManifest.fromJson(Files.readString(runDir.resolve("manifest.json")));
        Map<String, RunManifest.Input> byFile = new HashMap<>();
        m.inputs().forEach(i -> byFile.put(samples.relativize(Path.of(i.file())).toString(), i));
        assertThat(byFile).hasSize(truth.get("files").size());
        for (JsonNode f : truth.get("files")) {
            RunManifest.Input i = byFile.get(f.get("file").asText());
            assertThat(i.rowsRead()).as(f.toString()).isEqualTo(f.get("rows").asLong());
            assertThat(i.rowsAccepted()).as(f.toString()).isEqualTo(f.get("good").asLong());
            assertThat(i.rowsQuarantined()).as(f.toString()).isEqualTo(f.get("bad").asLong());
        }

        List<String> expected = new ArrayList<>();
        truth.get("bad_rows").forEach(b -> expected.add(b.get("file").asText() + ":" + b.get("line").asInt() + " " + b.get("reason").asText()));
        List<String> actual = new ArrayList<>();
        for (String source : List.of("sales", "competitors", "logistics")) {
            Path csv = runDir.resolve("quarantine/" + source + ".csv");
            try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                assertThat((char) r.read()).as("byte-order mark").isEqualTo('\uFEFF');
                for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                    actual.add(samples.relativize(Path.of(rec.get("file"))) + ":" + rec.get("line") + " " + rec.get("reason"));
                }
            }
        }
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);

        // the market tables, with at least the columns SPEC §7 names for them
        Map<String, List<String>> contract = Map.ofEntries(
                Map.entry("market_size", List.of("platform", "marketplace", "category", "period", "revenue", "units", "orders",
                        "sellers", "products", "mom_growth", "yoy_growth")),
                Map.entry("lifecycle", List.of("platform", "marketplace", "category", "stage", "yoy_growth", "status")),
                Map.entry("concentration", List.of("platform", "marketplace", "category", "period", "entity", "entities", "cr4",
                        "cr8", "cr10", "hhi", "doj2023_class", "doj2010_class", "bain_cr4_class", "bain_cr8_class")),
                Map.entry("concentration_curve", List.of("platform", "marketplace", "category", "period", "entity", "rank",
                        "name", "revenue", "share", "cumulative_share", "entities")),
                Map.entry("competition_intensity", List.of("platform", "marketplace", "category", "period", "index", "sellers",
                        "listings_per_1000_units", "hhi", "top10_mean_reviews", "new_product_success_share")),
                Map.entry("price_bands", List.of("platform", "marketplace", "category", "band", "band_low", "band_high",
                        "listings", "sellers", "units", "revenue", "demand_share", "supply_share", "opportunity", "is_best")),
                Map.entry("new_vs_existing", List.of("platform", "marketplace", "category", "period", "new_products",
                        "new_product_count_share", "new_product_revenue_share", "new_seller_share", "growth_from_new",
                        "growth_from_existing")),
                Map.entry("hot_terms", List.of("platform", "marketplace", "category", "term", "weight", "rank", "growth")),
                Map.entry("seasonality", List.of("platform", "marketplace", "category", "month", "seasonal_index", "season",
                        "status")),
                Map.entry("turning_points", List.of("platform", "marketplace", "category", "period", "kind", "level")),
                Map.entry("change_points", List.of("platform", "marketplace", "category", "period", "direction",
                        "level_before", "level_after")),
                Map.entry("forecast", List.of("platform", "marketplace", "category", "period", "forecast", "lower", "upper",
                        "model")),
                Map.entry("forecast_backtest", List.of("platform", "marketplace", "category", "model", "smape", "mase",
                        "baseline_smape")),
                Map.entry("competitors", List.of("platform", "marketplace", "category", "period", "seller_id", "type",
                        "revenue", "share", "share_change", "price_index", "rating", "reviews", "products", "rank", "position")),
                Map.entry("competitor_benchmark", List.of("platform", "marketplace", "category", "seller_id", "is_own", "asp",
                        "units", "revenue", "share", "growth", "rating", "reviews", "products", "new_products")),
                Map.entry("product_selection", List.of("platform", "marketplace", "category", "score", "rank",
                        "rank_stability", "size", "growth", "hhi", "new_product_revenue_share", "best_band_opportunity",
                        "top10_mean_reviews", "logistics_cost_share", "seasonality_amplitude")),
                Map.entry("logistics_lanes", List.of("carrier", "service", "destination_country", "destination_region",
                        "period", "shipments", "delivered", "returned", "lost", "in_transit", "delivered_rate", "returned_rate",
                        "lost_rate", "lead_time_p50", "lead_time_p90", "lead_time_mean", "on_time_rate", "cost_per_shipment",
                        "cost_per_kg", "cost_share", "rows", "status")),
                Map.entry("lane_ranking", List.of("destination_country", "carrier", "service", "rank", "score", "speed_score",
                        "reliability_score", "cost_score", "lead_time_p50", "on_time_rate", "delivered_rate", "cost_per_kg",
                        "shipments", "rows", "status")),
                Map.entry("logistics_forecast", List.of("destination_country", "period", "forecast", "lower", "upper",
                        "interval_level", "model", "horizon_step", "months", "rows", "status")),
                Map.entry("own_store", List.of("platform", "marketplace", "category", "period", "revenue", "orders", "aov",
                        "units", "cancel_rate", "return_rate", "share", "rank", "relative_growth", "price_position")),
                Map.entry("platform_comparison", List.of("platform", "marketplace", "category", "period", "rank",
                        "candidates", "score", "rank_stability", "revenue", "growth", "hhi", "asp", "sellers",
                        "new_product_share", "destination_country", "lead_time_p50", "on_time_rate", "logistics_cost_share",
                        "own_share", "shipments", "status")));
        // and changes, empty on this first run into the output folder
        assertThat(m.tables()).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(contract.keySet().stream(), java.util.stream.Stream.of("changes")).toList());
        try (Reader r = Files.newBufferedReader(runDir.resolve("tables/changes.csv"), StandardCharsets.UTF_8)) {
            r.read();
            var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r);
            assertThat(parser.getHeaderNames()).containsAll(List.of("kind", "platform", "marketplace", "category", "subject",
                    "before", "after", "magnitude", "sentence_key"));
            assertThat(parser.getRecords()).as("changes of a first run").isEmpty();
        }
        for (Map.Entry<String, List<String>> t : contract.entrySet()) {
            try (Reader r = Files.newBufferedReader(runDir.resolve("tables/" + t.getKey() + ".csv"), StandardCharsets.UTF_8)) {
                assertThat((char) r.read()).as("byte-order mark").isEqualTo('\uFEFF');
                var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r);
                assertThat(parser.getHeaderNames()).as(t.getKey()).containsAll(t.getValue());
                assertThat(parser.getRecords()).as(t.getKey() + " rows").isNotEmpty();
            }
        }
        // and every table exactly as the tables module declares it (SparkTestSession reads the Parquet schemas): the run
        // writes every metric table of the contract, and each has the contract's columns, in order, of its types
        assertThat(m.tables()).containsExactlyElementsOf(Tables.METRICS.stream().map(TableSchema::name).toList());
        for (TableSchema t : Tables.METRICS) {
            try (Reader r = Files.newBufferedReader(runDir.resolve("tables/" + t.name() + ".csv"), StandardCharsets.UTF_8)) {
                r.read();
                var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r);
                assertThat(parser.getHeaderNames()).as(t.name() + ".csv").containsExactlyElementsOf(t.columnNames());
            }
            StructType parquet = SparkTestSession.get().read().parquet(runDir.resolve("tables/" + t.name() + ".parquet").toString())
                    .schema();
            assertThat(parquet.fields()).as(t.name() + ".parquet").extracting(f -> f.name() + " " + f.dataType().typeName())
                    .containsExactlyElementsOf(t.columns().stream().map(col -> col.name() + " " + SPARK_TYPES.get(col.type())).toList());
        }
        try (Reader r = Files.newBufferedReader(runDir.resolve("quarantine/sales.csv"), StandardCharsets.UTF_8)) {
            r.read();
            assertThat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getHeaderNames())
                    .containsExactlyElementsOf(Tables.QUARANTINE.columnNames());
        }
        assertThat(Files.exists(runDir.resolve("quarantine/fx_rates.csv"))).as("no fx row was quarantined").isFalse();

        theReportCarriesTheTablesNumbers(runDir);
        theReportRendersAgainInChineseWithoutSpark(runDir);
    }

    /** The PDF's findings state the market size and the highest HHI exactly as the tables have them. */
    private static void theReportCarriesTheTablesNumbers(Path runDir) throws Exception {
        double revenue = ReportTables.marketWindow(runDir, "market_size").num("revenue");
        Table.Row top = ReportTables.mostConcentrated(runDir);
        Numbers en = new Numbers(Lang.EN, "USD");
        String text = ReportTables.pdfText(runDir.resolve("report.pdf"));
        assertThat(text).contains("the market size was " + en.moneyCompact(revenue));
        assertThat(text).contains("highest in " + top.str("category") + ": HHI " + en.integer(top.num("hhi")) + ", CR4 "
                + en.percentValue(top.num("cr4"), 1));
        assertThat(text).contains("Logistics lanes", "Appendix A. Data quality", "Appendix B. Methodology");
        // the planted ×1.35 of 宠物用品>喂食饮水 from 2024-06 (data-samples/truth.json) is that category's only change,
        // and the key findings name it with its month, direction and size
        List<Table.Row> shifts = Table.read(runDir.resolve("tables/change_points.csv")).where(r -> r.is("platform", "ALL")
                && r.is("marketplace", "ALL") && r.is("category", "宠物用品>喂食饮水")).rows();
        assertThat(shifts).singleElement().satisfies(r -> {
            assertThat(r.str("period")).isEqualTo("2024-06");
            assertThat(r.str("kind")).isEqualTo("level_shift");
            assertThat(r.str("direction")).isEqualTo("up");
            assertThat(r.num("change")).isCloseTo(0.35, within(0.10));
        });
        assertThat(text).contains("宠物用品>喂食饮水 (up " + en.percent(shifts.get(0).num("change"), 1) + " in 2024-06)");
        try (PDDocument doc = Loader.loadPDF(runDir.resolve("report.pdf").toFile())) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(20);
        }
        try (var charts = Files.list(runDir.resolve("charts"))) {
            assertThat(charts.map(p -> p.getFileName().toString()).toList())
                    .contains("market_size_revenue.png", "seasonality.png", "forecast.png", "concentration_lorenz.png",
                            "price_bands_1.png", "logistics_lead_time.png", "logistics_on_time.png");
        }
    }

    /** {@code marketlens report} re-renders the finished run in Chinese, into another file, without a Spark session. */
    private static void theReportRendersAgainInChineseWithoutSpark(Path runDir) throws Exception {
        Path zh = dir.resolve("zh/report-zh.pdf");
        StdStreams.Captured c = StdStreams.capture(() -> MarketlensCli.execute("report", "--run", runDir.toString(), "--lang", "zh",
                "--out", zh.toString()));
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.out().strip()).isEqualTo(zh.toAbsolutePath().toString());
        assertThat(ReportTables.pdfText(zh)).contains("市场容量", "市场集中度", "竞争强度", "最佳价格波段", "淡旺季", "数据拐点",
                "市场预测", "物流");
        assertThat(dir.resolve("zh/charts/market_size_revenue.png")).exists();
    }

    // ---- the layout of the demo's report.pdf (PdfLayout): one test per rule, in English and Chinese

    /** The demo's run folder (the demo prints where its PDF is). */
    private static Path runDir() {
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        return Path.of(demo.out().strip()).getParent();
    }

    /** The Chinese rendering of the demo's run (the one the first test makes, or made here). */
    private static Path chinesePdf() {
        Path zh = dir.resolve("zh/report-zh.pdf");
        if (!Files.exists(zh)) {
            StdStreams.Captured c = StdStreams.capture(() -> MarketlensCli.execute("report", "--run", runDir().toString(), "--lang",
                    "zh", "--out", zh.toString()));
            assertThat(c.exitCode()).as(c.err()).isZero();
        }
        return zh;
    }

    @Test
    void layoutNoPageButTheLastIsMostlyBlank() throws Exception {
        PdfLayout.assertNoMostlyBlankPage("demo en", runDir().resolve("report.pdf"));
        PdfLayout.assertNoMostlyBlankPage("demo zh", chinesePdf());
    }

    @Test
    void layoutNoWordIsBrokenAcrossTheLinesOfATableCell() throws Exception {
        PdfLayout.assertNoBrokenWord("demo en", runDir().resolve("report.pdf"), runDir().resolve("tables"));
        PdfLayout.assertNoBrokenWord("demo zh", chinesePdf(), runDir().resolve("tables"));
    }

    @Test
    void layoutNoTextLiesOnChartData() throws Exception {
        PdfLayout.assertNoTextOnChartData("demo en", runDir().resolve("report.pdf"));
        PdfLayout.assertNoTextOnChartData("demo zh", chinesePdf());
    }
}
