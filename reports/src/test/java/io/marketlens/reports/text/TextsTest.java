package io.marketlens.reports.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void everyKeyExistsInBothLanguages() {
        assertThat(Texts.of(Lang.ZH).keys()).isEqualTo(Texts.of(Lang.EN).keys());
    }

    @Test
    void fillsNumberedArgumentsAndLeavesQuotesAlone() {
        Texts en = Texts.of(Lang.EN);
        assertThat(en.get("report.title")).isEqualTo("Market analysis");
        assertThat(Texts.of(Lang.ZH).get("report.title")).isEqualTo("市场分析报告");
        assertThat(Texts.fill("k", "{1} isn't {0}; {x} and {} stay", "a", "b")).isEqualTo("b isn't a; {x} and {} stay");
        assertThatThrownBy(() -> Texts.fill("k", "{2}", "a")).hasMessageContaining("text k needs argument {2}");
        assertThatThrownBy(() -> en.get("no.such.key")).hasMessageContaining("no en text for key no.such.key");
    }

    @Test
    void parsesLanguageCodes() {
        assertThat(Lang.parse("ZH")).isEqualTo(Lang.ZH);
        assertThatThrownBy(() -> Lang.parse("fr")).hasMessageContaining("use en or zh");
    }
}
