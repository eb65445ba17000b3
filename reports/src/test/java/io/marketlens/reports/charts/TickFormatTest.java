package io.marketlens.reports.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.reports.text.Lang;
import io.marketlens.reports.text.Numbers;
import org.junit.jupiter.api.Test;

class TickFormatTest {

    private final Numbers en = new Numbers(Lang.EN, "USD");
    private final Numbers zh = new Numbers(Lang.ZH, "USD");

    @Test
    void compactAmountsInBothLanguages() {
        assertThat(TickFormat.compact(en).format(1_230_000)).isEqualTo("1.23M");
        assertThat(TickFormat.compact(en).format(500_000)).isEqualTo("500K");
        assertThat(TickFormat.compact(en).format(0)).isEqualTo("0");
        // 1 230 000 = 123 × 10⁴; 250 000 000 = 2.5 × 10⁸
        assertThat(TickFormat.compact(zh).format(1_230_000)).isEqualTo("123万");
        assertThat(TickFormat.compact(zh).format(250_000_000)).isEqualTo("2.5亿");
    }

    @Test
    void percentagesDropAZeroDecimal() {
        assertThat(TickFormat.percent(en).format(0.25)).isEqualTo("25%");
        assertThat(TickFormat.percent(en).format(0.125)).isEqualTo("12.5%");
        assertThat(TickFormat.percent(en).format(-0.05)).isEqualTo("\u22125%");
        assertThat(TickFormat.percent(en).format(-1e-17)).isEqualTo("0%");
    }

    @Test
    void wholeNumbersAndOneDecimal() {
        assertThat(TickFormat.integer(en).format(1800)).isEqualTo("1,800");
        assertThat(TickFormat.decimal(en).format(1.1)).isEqualTo("1.1");
        assertThat(TickFormat.decimal(en).format(12.0)).isEqualTo("12");
    }
}
