package io.marketlens.reports.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumbersTest {

    private final Numbers en = new Numbers(Lang.EN, "USD");
    private final Numbers zh = new Numbers(Lang.ZH, "USD");

    @Test
    void groupsThousandsAndRoundsHalfUp() {
        assertThat(en.integer(1234567.5)).isEqualTo("1,234,568");
        assertThat(en.decimal(2.675, 2)).isEqualTo("2.68"); // the double 2.675 is 2.67499999..., its decimal text rounds up
        // a negative number has the minus sign U+2212, as the signed forms do: a hyphen reads as a dash in a table
        assertThat(en.decimal(-0.474, 2)).isEqualTo("\u22120.47");
        assertThat(en.integer(-1234.0)).isEqualTo("\u22121,234");
        assertThat(en.decimal(-0.001, 2)).isEqualTo("0.00");
        assertThat(en.integer((Double) null)).isEqualTo(Numbers.MISSING);
        assertThat(en.integer(Double.NaN)).isEqualTo(Numbers.MISSING);
    }

    @Test
    void percentages() {
        assertThat(en.percent(0.1234, 1)).isEqualTo("12.3%");
        assertThat(en.percent(1.0, 0)).isEqualTo("100%");
        assertThat(en.signedPercent(0.05, 1)).isEqualTo("+5.0%");
        assertThat(en.signedPercent(-0.05, 1)).isEqualTo("\u22125.0%");
        assertThat(en.signedPercent(0.0, 1)).isEqualTo("0.0%");
        assertThat(en.percentValue(78.456, 1)).isEqualTo("78.5%");
    }

    @Test
    void moneyAndCompactAmountsPerLanguage() {
        assertThat(en.money(1234567.891, 0)).isEqualTo("USD 1,234,568");
        assertThat(zh.money(1234567.891, 2)).isEqualTo("1,234,567.89 USD");
        assertThat(en.moneyCompact(1234567.0)).isEqualTo("USD 1.23M");
        assertThat(en.compact(999)).isEqualTo("999");
        assertThat(en.compact(1234)).isEqualTo("1.23K");
        assertThat(en.compact(45_600_000)).isEqualTo("45.6M");
        assertThat(en.compact(999_960)).isEqualTo("1M"); // three significant digits: 1.00M
        assertThat(en.compact(12.345)).isEqualTo("12.3");
        assertThat(en.compact(0)).isEqualTo("0");
        assertThat(zh.compact(5678)).isEqualTo("5,678");
        assertThat(zh.compact(1_234_000)).isEqualTo("123万");
        assertThat(zh.compact(123_400)).isEqualTo("12.3万");
        assertThat(zh.compact(2.5e8)).isEqualTo("2.5亿");
        assertThat(zh.moneyCompact(-52_000.0)).isEqualTo("\u22125.2万 USD");
        assertThat(new Numbers(Lang.EN, null).money(5.0, 0)).isEqualTo("5");
    }
}
