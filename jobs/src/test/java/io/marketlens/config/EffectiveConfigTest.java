package io.marketlens.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketlens.ingest.Source;
import io.marketlens.tables.RunManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The effective config as the run manifest writes it ({@link MarketlensConfig#describe()} in {@code manifest.json}):
 * every setting with the value the run used, no {@code null} for a section or a setting left at its default.
 */
class EffectiveConfigTest {

    @TempDir
    Path dir;

    /** The manifest's {@code config} object of a run with these settings, as JSON. */
    static JsonNode manifestConfig(MarketlensConfig config) throws IOException {
        RunManifest manifest = new RunManifest("run", "2024-03-31", config.baseCurrency(), "2024-04-01T00:00:00Z", List.of(),
                List.of(), List.of(), Map.of(), config.describe());
        return new ObjectMapper().readTree(manifest.toJson()).get("config");
    }

    /** The dotted paths of the null values (and of missing objects) under {@code node}. */
    static List<String> nulls(JsonNode node, String path) {
        List<String> found = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            found.add(path);
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                found.addAll(nulls(e.getValue(), path + "." + e.getKey()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                found.addAll(nulls(node.get(i), path + "[" + i + "]"));
            }
        }
        return found;
    }

    @Test
    void theDefaultsListEverySettingWithItsValue() throws IOException {
        JsonNode config = manifestConfig(ConfigLoader.load(null));
        assertThat(nulls(config, "config")).isEmpty();

        assertThat(config.get("base_currency").asText()).isEqualTo("USD");
        assertThat(config.get("max_quarantine_ratio").asDouble()).isEqualTo(0.05);
        for (Source s : Source.values()) {
            JsonNode source = config.get("sources").get(s.dirName());
            assertThat(source).as(s.dirName()).isNotNull();
            assertThat(source.get("encoding").asText()).isEqualTo("UTF-8");
            assertThat(source.get("delimiter").asText()).isEqualTo("auto");
            assertThat(source.get("header_row").asText()).isEqualTo("auto");
            assertThat(source.get("preset").asText()).isEqualTo("auto");
            assertThat(source.get("sheet").asText()).isEmpty();
            assertThat(source.get("file_date").asText()).isEmpty();
        }
        JsonNode metrics = config.get("metrics");
        assertThat(metrics.get("new_product_months").asInt()).isEqualTo(6);
        assertThat(metrics.get("lifecycle").get("growth_yoy").asDouble()).isEqualTo(0.10);
        assertThat(metrics.get("price_bands").get("mode").asText()).isEqualTo("auto");
        assertThat(metrics.get("price_bands").get("quantile_bands").asInt()).isEqualTo(5);
        assertThat(metrics.get("competition_weights").get("listings_per_1000_units").asDouble()).isEqualTo(0.20);
        assertThat(metrics.get("seasonality").get("method").asText()).isEqualTo("shift_aware");
        assertThat(metrics.get("change_points").get("min_change").asDouble()).isEqualTo(0.10);
        assertThat(metrics.get("lane_ranking").get("min_shipments").asInt()).isEqualTo(30);
        assertThat(metrics.get("competitors").get("emerging_top").asInt()).isEqualTo(5);
        assertThat(metrics.get("product_selection").get("weights").get("logistics_cost_share").asDouble()).isEqualTo(0.5);
        assertThat(metrics.get("platform_comparison").get("min_orders").asLong()).isEqualTo(30);
        assertThat(metrics.get("changes").get("share_points").asDouble()).isEqualTo(2.0);
        // every section of metrics: is there, filled in
        assertThat(iterable(metrics.fieldNames())).containsExactly("new_product_months", "lifecycle", "price_bands",
                "hot_terms_top_n", "competition_weights", "seasonality", "change_point_penalty", "change_points",
                "min_orders_per_month", "forecast_horizon", "backtest_months", "lane_ranking", "competitors",
                "product_selection", "platform_comparison", "changes");
    }

    @Test
    void aPartConfiguredSectionListsItsDefaultsBesideTheGivenValues() throws IOException {
        MarketlensConfig c = ConfigLoader.load(Files.writeString(dir.resolve("c.yaml"), """
                sources:
                  sales: {decimal_comma: true, sheet: Orders, preset: none}
                  competitors: {}
                metrics:
                  lifecycle: {growth_yoy: 0.15}
                  changes:
                  competitors: {emerging_months: 3}
                """));
        JsonNode config = manifestConfig(c);
        assertThat(nulls(config, "config")).isEmpty();
        JsonNode sales = config.get("sources").get("sales");
        assertThat(sales.get("decimal_comma").asBoolean()).isTrue();
        assertThat(sales.get("sheet").asText()).isEqualTo("Orders");
        assertThat(sales.get("preset").asText()).isEqualTo("none");
        JsonNode metrics = config.get("metrics");
        assertThat(metrics.get("lifecycle").get("growth_yoy").asDouble()).isEqualTo(0.15);
        assertThat(metrics.get("lifecycle").get("introduction_yoy").asDouble()).isEqualTo(1.0);
        assertThat(metrics.get("changes").get("on_time_points").asDouble()).isEqualTo(5.0);
        assertThat(metrics.get("competitors").get("emerging_months").asInt()).isEqualTo(3);
        assertThat(metrics.get("competitors").get("benchmark_top").asInt()).isEqualTo(5);
    }

    @Test
    void theManifestsSourceSettingsReadBackAsTheSameSettings() throws IOException {
        // the empty sheet and file_date and preset auto are what the config reads as "not set"
        MarketlensConfig defaults = MarketlensConfig.defaults();
        JsonNode sales = manifestConfig(defaults).get("sources").get("sales");
        MarketlensConfig again = ConfigLoader.load(Files.writeString(dir.resolve("again.yaml"), "sources:\n  sales: "
                + sales + "\n"));
        assertThat(again.source(Source.SALES)).isEqualTo(defaults.source(Source.SALES));
    }

    @Test
    void everyReadmeConfigListsEverySetting() throws IOException {
        for (ReadmeConfigBlocksTest.Block b : ReadmeConfigBlocksTest.yamlBlocks(
                Files.readAllLines(ReadmeConfigBlocksTest.readme(), StandardCharsets.UTF_8))) {
            Path file = Files.writeString(dir.resolve("readme-" + b.line() + ".yaml"), ReadmeConfigBlocksTest.asConfigFile(b.text()));
            assertThat(nulls(manifestConfig(ConfigLoader.load(file)), "config")).as("README.md line %d", b.line()).isEmpty();
        }
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> all = new ArrayList<>();
        it.forEachRemaining(all::add);
        return all;
    }
}
