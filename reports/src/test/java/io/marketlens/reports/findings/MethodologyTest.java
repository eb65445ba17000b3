package io.marketlens.reports.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.reports.text.Lang;
import io.marketlens.reports.text.Texts;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodologyTest {

    @Test
    void oneItemPerMetricInBothLanguages() {
        List<MethodItem> en = Methodology.items(Texts.of(Lang.EN));
        List<MethodItem> zh = Methodology.items(Texts.of(Lang.ZH));
        // the executive page's ranking, the market fact, then market size, life cycle, new vs existing, concentration, competition, price bands,
        // hot terms, seasonality, turning points, change points, forecast with backtest, competitors, product selection,
        // platform comparison, own store, logistics, changes since the last run
        assertThat(en).hasSize(19);
        assertThat(zh).hasSize(19);
        for (int i = 0; i < en.size(); i++) {
            assertThat(en.get(i).title()).isNotBlank().isNotEqualTo(zh.get(i).title());
            assertThat(en.get(i).body()).isNotBlank().isNotEqualTo(zh.get(i).body());
        }
        assertThat(en).extracting(MethodItem::title).contains("Market concentration (1.1.4 市场集中度 / 行业集中率)",
                "Change points (1.1.4 数据拐点)", "Logistics lanes (1.1.9 / 5.13 物流)");
    }

    @Test
    void formulasAreStatedAsInTheReadme() {
        for (Lang lang : Lang.values()) {
            List<MethodItem> items = Methodology.items(Texts.of(lang));
            String concentration = items.get(Methodology.IDS.indexOf("concentration")).body();
            assertThat(concentration).contains("HHI = 10 000 · Σvᵢ² ÷ (Σvᵢ)²").contains("CR_n = 100 · (").contains("1800")
                    .contains("2500");
            assertThat(items.get(Methodology.IDS.indexOf("market_size")).body())
                    .contains("(12 ÷ window_months) − 1");
            assertThat(items.get(Methodology.IDS.indexOf("seasonality")).body()).contains("1.10").contains("0.90");
            assertThat(items.get(Methodology.IDS.indexOf("change_points")).body()).contains("β = c · ln n");
            assertThat(items.get(Methodology.IDS.indexOf("forecast")).body()).contains("sMAPE = (100 ÷ h) · Σ 2|F − A| ÷ (|A| + |F|)");
            assertThat(items.get(Methodology.IDS.indexOf("price_bands")).body()).contains("÷");
        }
        assertThat(Methodology.items(Texts.of(Lang.ZH)).get(Methodology.IDS.indexOf("concentration")).body())
                .contains("极高寡占型").contains("行业集中率");
        for (Lang lang : Lang.values()) {
            List<MethodItem> items = Methodology.items(Texts.of(lang));
            assertThat(items.get(Methodology.IDS.indexOf("competitors")).body())
                    .contains("100 · (").contains("70").contains("90").contains("Kotler").contains("own_seller_ids")
                    .contains("no_own_products").contains("competitor_benchmark");
            assertThat(items.get(Methodology.IDS.indexOf("product_selection")).body())
                    .contains("Σ w · ").contains("÷ Σ w").contains("[0.75, 1.25]").contains("1,000").contains("0.5").contains("low_volume");
        }
        assertThat(Methodology.items(Texts.of(Lang.ZH)).get(Methodology.IDS.indexOf("competitors")).body())
                .contains("市场领导者").contains("市场补缺者").contains("百分点");
        assertThat(Methodology.items(Texts.of(Lang.EN)).get(Methodology.IDS.indexOf("competitors")).body())
                .contains("share change = 100 · (share − previous share)").contains("price index = the competitor's ASP ÷ the own store's ASP");
        assertThat(Methodology.items(Texts.of(Lang.EN)).get(Methodology.IDS.indexOf("product_selection")).body())
                .contains("z = (x − mean) ÷ the population standard deviation").contains("score = Σ w · sign · z ÷ Σ w");
    }

    @Test
    void platformComparisonStatesItsFormulaWithTheContractsDefaultWeights() {
        // PlatformComponent: revenue, growth, HHI and new-product share weigh 1, the others 0.5; HHI, sellers, lead time
        // and logistics cost share enter with −
        String weights = "revenue (+) 1, growth (+) 1, hhi (\u2212) 1, asp (+) 0.5, sellers (\u2212) 0.5, new_product_share (+) 1, "
                + "lead_time_p50 (\u2212) 0.5, on_time_rate (+) 0.5, logistics_cost_share (\u2212) 0.5";
        for (Lang lang : Lang.values()) {
            List<MethodItem> items = Methodology.items(Texts.of(lang));
            assertThat(items.get(Methodology.IDS.indexOf("platform_comparison")).body()).contains(weights)
                    .contains("Σ w · ").contains("[0.75, 1.25]").contains("metrics.platform_comparison.weights").doesNotContain("{0}");
            assertThat(items.get(Methodology.IDS.indexOf("own_store")).body()).contains("100 · (growth − market_growth)")
                    .contains("previous_window").contains("own_seller_ids");
            assertThat(items.get(Methodology.IDS.indexOf("changes")).body()).contains("top10_entry").contains("metrics.changes.share_points");
            assertThat(items.get(Methodology.IDS.indexOf("executive")).body()).contains("R × min(max(|c|, 5").contains("low_volume");
        }
        assertThat(Methodology.items(Texts.of(Lang.EN)).get(Methodology.IDS.indexOf("platform_comparison")).title())
                .isEqualTo("Platform selection (1.2.1 平台选择)");
    }
}
