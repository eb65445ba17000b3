package io.marketlens.reports.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.reports.text.Lang;
import io.marketlens.reports.text.Numbers;
import io.marketlens.reports.text.Texts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsTest {

    /**
     * The codes the metric tables write, per column: those found in a sample run's tables (concentration,
     * lifecycle, seasonality, change_points, turning_points, hot_terms, forecast, statuses) and the others
     * the jobs module's enums and README define (fragmented, holt_damped, mean, zero, no_brand, ...).
     */
    private static final Map<String, List<String>> CODES = Map.ofEntries(
            Map.entry("season", List.of("peak", "off", "normal")),
            Map.entry("stage", List.of("introduction", "growth", "maturity", "decline")),
            Map.entry("doj2023_class", List.of("highly_concentrated", "moderately_concentrated", "unconcentrated")),
            Map.entry("doj2010_class", List.of("highly_concentrated", "moderately_concentrated", "unconcentrated")),
            Map.entry("bain_cr4_class", List.of("high_oligopoly", "moderate_oligopoly", "low_oligopoly", "atomistic")),
            Map.entry("bain_cr8_class", List.of("very_high_oligopoly", "low_concentration_oligopoly",
                    "low_concentration_competitive", "fragmented")),
            Map.entry("direction", List.of("up", "down")),
            Map.entry("kind", List.of("peak", "trough", "title", "attribute")),
            Map.entry("model", List.of("holt_winters_damped_multiplicative", "holt_winters_damped_additive", "holt_damped",
                    "mean", "zero")),
            Map.entry("status", List.of("insufficient_history", "no_sales", "no_prior_year_sales", "no_brand",
                    "no_components", "constant_history", "low_volume", "no_own_store", "no_own_products", "no_previous_sales",
                    "no_delivered_shipments", "no_promised_dates", "no_costs", "no_weights", "no_order_revenue", "too_few_shipments",
                    "no_completed_shipments", "no_cost_per_kg", "no_own_shipments", "no_destination", "no_shipments")),
            Map.entry("type", List.of("direct", "indirect", "emerging")),
            Map.entry("position", List.of("leader", "challenger", "follower", "nicher")),
            Map.entry("entity", List.of("seller", "brand", "product")),
            Map.entry("reason", List.of("missing_required:order_id", "bad_number:price", "bad_date:ship_ts", "negative:cost",
                    "out_of_range:rating", "bad_value:currency", "fx_rate_missing", "malformed_row", "duplicate_key")));

    @Test
    void everyCodeOfTheTablesHasWordsInBothLanguages() {
        for (Lang lang : Lang.values()) {
            Labels labels = new Labels(Texts.of(lang));
            CODES.forEach((column, codes) -> {
                for (String code : codes) {
                    assertThat(labels.has(column, code)).as(lang + " " + column + " " + code).isTrue();
                    String words = labels.of(column, code);
                    // a code in words has no underscore; a reason keeps the column it names (bad_number:price → "…: price")
                    String prefix = code.split(":")[0];
                    assertThat(words).as(lang + " " + column + " " + code).isNotBlank().doesNotContain(prefix.contains("_") ? prefix : "_")
                            .endsWith(code.contains(":") ? code.substring(code.indexOf(':') + 1) : "");
                    if (lang == Lang.ZH) {
                        assertThat(words).as(column + " " + code).isNotEqualTo(code); // English codes are not Chinese words
                    }
                }
            });
            for (int m = 1; m <= 12; m++) {
                assertThat(labels.month(m)).isNotBlank();
            }
        }
    }

    @Test
    void wordsPerLanguage() {
        Labels en = new Labels(Texts.of(Lang.EN));
        Labels zh = new Labels(Texts.of(Lang.ZH));
        assertThat(en.hhiClass("highly_concentrated")).isEqualTo("highly concentrated");
        assertThat(zh.of("doj2010_class", "highly_concentrated")).isEqualTo("高度集中");
        assertThat(en.bainCr8Class("very_high_oligopoly")).isEqualTo("very highly concentrated oligopoly");
        assertThat(zh.bainCr8Class("very_high_oligopoly")).isEqualTo("极高寡占型");
        assertThat(zh.bainCr8Class("fragmented")).isEqualTo("分散竞争型");
        assertThat(en.season("off")).isEqualTo("off season");
        assertThat(zh.season("peak")).isEqualTo("旺季");
        assertThat(zh.stage("maturity")).isEqualTo("成熟期");
        assertThat(en.month(1)).isEqualTo("January");
        assertThat(zh.month(12)).isEqualTo("12月");
        assertThat(en.reason("bad_number:unit_price")).isEqualTo("not a number: unit_price");
        assertThat(zh.reason("fx_rate_missing")).isEqualTo("缺少汇率");
        assertThat(Labels.capitalize(en.stage("growth"))).isEqualTo("Growth");
    }

    @Test
    void unknownCodesShowAsWrittenAndEmptyCellsAsADash() {
        Labels en = new Labels(Texts.of(Lang.EN));
        assertThat(en.season("monsoon")).isEqualTo("monsoon");
        assertThat(en.of("no_such_column", "peak")).isEqualTo("peak");
        assertThat(en.reason("too_long:title")).isEqualTo("too_long:title");
        assertThat(en.season("")).isEqualTo(Numbers.MISSING);
        assertThat(en.status(null)).isEqualTo(Numbers.MISSING);
        assertThat(en.month(13)).isEqualTo("13");
        assertThat(en.has("season", "monsoon")).isFalse();
    }

    @Test
    void aServiceDropsTheCarriersNameItRepeats() {
        assertThat(Labels.service("Cainiao", "Cainiao Super Economy Global")).isEqualTo("Super Economy Global");
        assertThat(Labels.service("4PX", "4px Standard Parcel")).isEqualTo("Standard Parcel");
        // another name, a name inside a longer word, the name alone: as they are
        assertThat(Labels.service("Cainiao", "AliExpress Standard Shipping")).isEqualTo("AliExpress Standard Shipping");
        assertThat(Labels.service("DHL", "DHLExpress")).isEqualTo("DHLExpress");
        assertThat(Labels.service("DHL", "DHL")).isEqualTo("DHL");
        assertThat(Labels.service(null, "Standard")).isEqualTo("Standard");
        assertThat(Labels.service("DHL", null)).isNull();
    }
}
