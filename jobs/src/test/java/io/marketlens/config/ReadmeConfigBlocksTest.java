package io.marketlens.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```yaml} block of README.md is read by the config loader as printed: a setting the README shows is one the
 * loader accepts. A block is a whole config file, unless its first line is a marker comment {@code # under: <key path>}
 * (e.g. {@code # under: metrics}, {@code # under: sources.sales}): then it is a fragment of that section and is read
 * indented under it.
 */
class ReadmeConfigBlocksTest {

    private static final Pattern MARKER = Pattern.compile("#\\s*under:\\s*([a-z_][a-z_0-9.]*)\\s*");

    @TempDir
    Path dir;

    /** A fenced YAML block of the README and the line its text starts on. */
    record Block(int line, String text) {
    }

    static Path readme() {
        return Stream.of("../README.md", "README.md").map(Path::of).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new AssertionError("README.md not found from " + Path.of("").toAbsolutePath()));
    }

    /** The text of every {@code ```yaml} block, in order. */
    static List<Block> yamlBlocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("```yaml")) {
                int start = i + 1;
                int end = start;
                while (end < lines.size() && !lines.get(end).strip().startsWith("```")) {
                    end++;
                }
                assertThat(end).as("the yaml block of README.md line %d is closed", i + 1).isLessThan(lines.size());
                blocks.add(new Block(start + 1, String.join("\n", lines.subList(start, end)) + "\n"));
                i = end;
            }
        }
        return blocks;
    }

    /** The block as a config file: a fragment marked {@code # under: a.b} is indented under {@code a:} and {@code b:}. */
    static String asConfigFile(String block) {
        String first = block.lines().findFirst().orElse("").strip();
        Matcher m = MARKER.matcher(first);
        if (!m.matches()) {
            return block;
        }
        StringBuilder file = new StringBuilder();
        String indent = "";
        for (String key : m.group(1).split("\\.")) {
            file.append(indent).append(key).append(":\n");
            indent += "  ";
        }
        for (String line : block.lines().skip(1).toList()) {
            file.append(line.isBlank() ? "" : indent + line).append('\n');
        }
        return file.toString();
    }

    @Test
    void everyYamlBlockOfTheReadmeLoads() throws IOException {
        List<Block> blocks = yamlBlocks(Files.readAllLines(readme(), StandardCharsets.UTF_8));
        // the mapping examples, the configuration reference and the metric settings at least
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(5);
        SoftAssertions softly = new SoftAssertions();
        for (Block b : blocks) {
            Path file = Files.writeString(dir.resolve("readme-line-" + b.line() + ".yaml"), asConfigFile(b.text()));
            try {
                MarketlensConfig config = ConfigLoader.load(file);
                softly.assertThat(config).as("README.md line %d", b.line()).isNotNull();
            } catch (ConfigException e) {
                softly.fail("the yaml block at README.md line " + b.line() + " is rejected: " + e.getMessage());
            }
        }
        softly.assertAll();
    }

    @Test
    void theReadmesMetricSettingsAreTheDefaults() throws IOException {
        // "Every key is optional; the values below are the defaults (the edges entry is an example)"
        Block metrics = yamlBlocks(Files.readAllLines(readme(), StandardCharsets.UTF_8)).stream()
                .filter(b -> b.text().startsWith("metrics:")).findFirst()
                .orElseThrow(() -> new AssertionError("README.md has no yaml block of metric settings"));
        MetricsOptions read = ConfigLoader.load(Files.writeString(dir.resolve("metrics.yaml"), metrics.text())).metrics();
        MetricsOptions defaults = MetricsOptions.defaults();
        assertThat(read.newProductMonths()).isEqualTo(defaults.newProductMonths());
        assertThat(read.hotTermsTopN()).isEqualTo(defaults.hotTermsTopN());
        assertThat(read.lifecycle()).isEqualTo(defaults.lifecycle());
        assertThat(read.competitionWeights()).isEqualTo(defaults.competitionWeights());
        assertThat(read.seasonality()).isEqualTo(defaults.seasonality());
        assertThat(read.changePointPenalty()).isEqualTo(defaults.changePointPenalty());
        assertThat(read.changePoints()).isEqualTo(defaults.changePoints());
        assertThat(read.minOrdersPerMonth()).isEqualTo(defaults.minOrdersPerMonth());
        assertThat(read.forecastHorizon()).isEqualTo(defaults.forecastHorizon());
        assertThat(read.backtestMonths()).isEqualTo(defaults.backtestMonths());
        assertThat(read.laneRanking()).isEqualTo(defaults.laneRanking());
        assertThat(read.competitors()).isEqualTo(defaults.competitors());
        assertThat(read.productSelection()).isEqualTo(defaults.productSelection());
        assertThat(read.changes()).isEqualTo(defaults.changes());
        assertThat(read.platformComparison().weights()).isEqualTo(defaults.platformComparison().weights());
        assertThat(read.priceBands().quantileBands()).isEqualTo(defaults.priceBands().quantileBands());
        assertThat(read.priceBands().minListings()).isEqualTo(defaults.priceBands().minListings());
    }

    @Test
    void aMarkedFragmentIsReadUnderItsSection() {
        assertThat(asConfigFile("# under: metrics\nhot_terms_top_n: 30\nlifecycle:\n  growth_yoy: 0.1\n"))
                .isEqualTo("metrics:\n  hot_terms_top_n: 30\n  lifecycle:\n    growth_yoy: 0.1\n");
        assertThat(asConfigFile("# under: sources.sales\ndecimal_comma: true\n"))
                .isEqualTo("sources:\n  sales:\n    decimal_comma: true\n");
        assertThat(asConfigFile("base_currency: EUR\n")).isEqualTo("base_currency: EUR\n");
    }
}
