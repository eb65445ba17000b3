package io.marketlens.reports.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.reports.text.Lang;
import io.marketlens.reports.text.Texts;
import io.marketlens.tables.ClassScale;
import io.marketlens.tables.Code;
import io.marketlens.tables.Columns;
import io.marketlens.tables.ChangeKind;
import io.marketlens.tables.Codes;
import io.marketlens.tables.CompetitorType;
import io.marketlens.tables.Direction;
import io.marketlens.tables.LifecycleStage;
import io.marketlens.tables.MarketPosition;
import io.marketlens.tables.RunChange;
import io.marketlens.tables.Season;
import io.marketlens.tables.TurningKind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every code the tables carry has words in both languages, under the key the contract gives it. */
class CodeLabelsTest {

    private static List<Code> allCodes() {
        List<Code> codes = new ArrayList<>();
        Stream.of(Season.values(), LifecycleStage.values(), Direction.values(), TurningKind.values(), ChangeKind.values(),
                        CompetitorType.values(), MarketPosition.values(), RunChange.values())
                .forEach(values -> codes.addAll(List.of(values)));
        for (ClassScale s : List.of(ClassScale.DOJ_2023, ClassScale.DOJ_2010, ClassScale.BAIN_CR4, ClassScale.BAIN_CR8)) {
            codes.addAll(s.tiers());
        }
        return codes;
    }

    @Test
    void everyCodeHasWordsInEnglishAndChinese() {
        for (Lang lang : Lang.values()) {
            Texts texts = Texts.of(lang);
            assertThat(allCodes()).as(lang.name()).allSatisfy(c -> assertThat(texts.has(c.labelKey())).as(c.labelKey()).isTrue());
        }
    }

    @Test
    void theWordsOfTheStandard() {
        Labels zh = new Labels(Texts.of(Lang.ZH));
        Labels en = new Labels(Texts.of(Lang.EN));
        assertThat(Stream.of(Season.values()).map(s -> zh.season(s.code()))).containsExactly("旺季", "淡季", "平季");
        assertThat(Stream.of(TurningKind.values()).map(k -> zh.kind(k.code()))).containsExactly("波峰", "波谷");
        assertThat(Stream.of(ChangeKind.values()).map(k -> zh.kind(k.code()))).containsExactly("水平突变", "趋势转折");
        assertThat(zh.status(io.marketlens.tables.Codes.LOW_VOLUME)).isEqualTo("订单太少，无法判断");
        assertThat(Stream.of(LifecycleStage.values()).map(s -> zh.stage(s.code())))
                .containsExactly("导入期", "成长期", "成熟期", "衰退期");
        assertThat(ClassScale.BAIN_CR8.tiers().stream().map(t -> zh.of(Columns.BAIN_CR8_CLASS, t.code())))
                .containsExactly("极高寡占型", "低集中寡占型", "低集中竞争型", "分散竞争型");
        assertThat(en.hhiClass(ClassScale.DOJ_2010.tiers().get(0).code())).isEqualTo("highly concentrated");
        assertThat(en.bainCr4Class(ClassScale.BAIN_CR4.tiers().get(3).code())).isEqualTo("atomistic (competitive)");
    }

    @Test
    void competitorTypesAndKotlersMarketPositionsInTheirStandardChineseWords() {
        Labels zh = new Labels(Texts.of(Lang.ZH));
        Labels en = new Labels(Texts.of(Lang.EN));
        assertThat(Stream.of(CompetitorType.values()).map(c -> zh.competitorType(c.code()))).containsExactly("直接竞争", "间接竞争", "新兴竞争者");
        assertThat(Stream.of(MarketPosition.values()).map(p -> zh.position(p.code())))
                .containsExactly("市场领导者", "市场挑战者", "市场追随者", "市场补缺者");
        assertThat(Stream.of(CompetitorType.values()).map(c -> en.competitorType(c.code()))).containsExactly("direct", "indirect", "emerging");
        assertThat(Stream.of(MarketPosition.values()).map(p -> en.position(p.code())))
                .containsExactly("leader", "challenger", "follower", "nicher");
        // the statuses of the competitor tables, alone and as a list of reasons
        for (Lang lang : Lang.values()) {
            Texts texts = Texts.of(lang);
            for (String status : List.of(Codes.NO_OWN_STORE, Codes.NO_OWN_PRODUCTS, Codes.NO_PREVIOUS_SALES)) {
                assertThat(texts.has(Code.labelKey(Columns.STATUS, status))).as(lang + " " + status).isTrue();
            }
        }
        assertThat(en.status(Codes.NO_OWN_PRODUCTS + ";" + Codes.NO_PREVIOUS_SALES))
                .isEqualTo("the own store sells nothing here; no sales in the previous period");
        assertThat(zh.status(Codes.NO_OWN_STORE)).isEqualTo("无法确定自有店铺");
    }

    @Test
    void whatChangedSinceTheLastRunInWords() {
        Labels zh = new Labels(Texts.of(Lang.ZH));
        Labels en = new Labels(Texts.of(Lang.EN));
        assertThat(en.change(RunChange.TOP10_ENTRY.code())).isEqualTo("entered the top 10");
        assertThat(zh.change(RunChange.OWN_RANK.code())).isEqualTo("自有店铺排名变化");
        assertThat(en.change("price_war")).isEqualTo("price_war");
        for (Lang lang : Lang.values()) {
            Texts texts = Texts.of(lang);
            for (RunChange kind : RunChange.values()) {
                assertThat(texts.has(kind.sentenceKey())).as(lang + " " + kind.sentenceKey()).isTrue();
            }
        }
    }
}
