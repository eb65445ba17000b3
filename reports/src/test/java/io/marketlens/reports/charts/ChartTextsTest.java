package io.marketlens.reports.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.reports.text.Lang;
import io.marketlens.reports.text.Texts;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The chart words: only {@code chart.} keys in the charts files, and the keys read on rare paths exist in both languages. */
class ChartTextsTest {

    @Test
    void chartsFilesHoldOnlyChartKeys() throws Exception {
        for (Lang lang : Lang.values()) {
            Properties p = new Properties();
            try (var in = Texts.class.getResourceAsStream("charts_" + lang.code() + ".properties")) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            assertThat(p.stringPropertyNames()).isNotEmpty().allMatch(k -> k.startsWith("chart."));
        }
    }

    @Test
    void keysOfRarePathsExistInBothLanguages() {
        for (Lang lang : Lang.values()) {
            Texts t = Texts.of(lang);
            for (int m = 1; m <= 12; m++) {
                assertThat(t.has("chart.month." + m)).as(lang + " month " + m).isTrue();
            }
            for (String model : new String[]{"holt_winters_damped_multiplicative", "holt_winters_damped_additive", "holt_damped", "mean",
                "zero"}) {
                assertThat(t.has("chart.model." + model)).as(lang + " " + model).isTrue();
            }
            assertThat(t.get("chart.marker.change_point_plain")).isNotBlank();
            assertThat(t.get("chart.price_bands.best_plain", "10–20")).contains("10–20");
            assertThat(t.get("chart.bars.cut", "20", "21")).contains("20").contains("21");
        }
        assertThat(Texts.of(Lang.ZH).get("chart.price_bands.best_plain", "10–20")).isEqualTo("最佳价格波段 10–20");
    }
}
