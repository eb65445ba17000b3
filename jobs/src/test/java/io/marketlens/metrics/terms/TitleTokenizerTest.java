package io.marketlens.metrics.terms;

import static io.marketlens.metrics.terms.TitleTokenizer.attributeTerms;
import static io.marketlens.metrics.terms.TitleTokenizer.titleTerms;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Title and attribute terms of SPEC M10; every expected term list is written beside its input. */
class TitleTokenizerTest {

    @Nested
    class LatinWords {

        @Test
        void lowerCasedWordsWithoutStopWords() {
            assertThat(titleTerms("Ultralight Stainless Steel Camping Cookware Set"))
                    .containsExactly("ultralight", "stainless", "steel", "camping", "cookware"); // "set" is a stop word
        }

        @Test
        void numbersWithoutLettersAndSingleLettersAreDropped() {
            assertThat(titleTerms("Water Bottle 500ml 2L 2024 x 1000"))
                    .containsExactly("water", "bottle", "500ml", "2l"); // 2024, 1000: no letter; x: one character
        }

        @Test
        void punctuationSplitsWords() {
            assertThat(titleTerms("Silicone,Lid/Cover-(Black)! Women's"))
                    .containsExactly("silicone", "lid", "cover", "black", "women"); // the "s" of women's is one letter
        }

        @Test
        void emojiSeparate() {
            assertThat(titleTerms("🔥Hot🔥LED Lamp 💡")).containsExactly("hot", "led", "lamp");
        }

        @Test
        void fullWidthLettersAndSpacesAreNfkcNormalised() {
            assertThat(titleTerms("ＵＳＢ\u3000Ｃａｂｌｅ　５００ｍｌ")).containsExactly("usb", "cable", "500ml");
        }

        @Test
        void compatibilityCharactersUnfold() {
            assertThat(titleTerms("Cup 350㎖ ①②")).containsExactly("cup", "350ml"); // ㎖ → ml; ①② → 12, no letter
        }

        @Test
        void accentsComposeWhetherTypedPrecomposedOrCombining() {
            assertThat(titleTerms("Café CRÈME")).containsExactly("café", "crème");
            assertThat(titleTerms("Cafe\u0301")).containsExactly("café"); // e + combining acute → é
        }

        @Test
        void combiningMarksStayInsideTheirWord() {
            assertThat(titleTerms("हिन्दी किताब")).containsExactly("हिन्दी", "किताब"); // Devanagari vowel signs and virama
        }

        @Test
        void otherDigitSystemsWithoutLettersAreDropped() {
            assertThat(titleTerms("Lamp ٥٠٠")).containsExactly("lamp"); // Arabic-Indic 500
        }

        @Test
        void unitsLeftAloneAfterASpaceAreStopWords() {
            assertThat(titleTerms("Bottle 500 ml, 16 oz")).containsExactly("bottle");
        }

        @Test
        void aRepeatedWordCountsOnce() {
            assertThat(titleTerms("silicone lid silicone SILICONE")).containsExactly("silicone", "lid");
        }

        @Test
        void stopWordsOnlyGiveNothing() {
            assertThat(titleTerms("New Set of 10 Pcs for the Home")).containsExactly("home");
            assertThat(titleTerms("New Set of 10 Pcs for the")).isEmpty();
        }
    }

    @Nested
    class CjkBigrams {

        @Test
        void aChineseRunGivesOverlappingBigrams() {
            assertThat(titleTerms("硅胶折叠收纳盒")).containsExactly("硅胶", "胶折", "折叠", "叠收", "收纳", "纳盒");
        }

        @Test
        void mixedLatinAndChinese() {
            assertThat(titleTerms("USB充电小风扇 mini")).containsExactly("usb", "充电", "电小", "小风", "风扇", "mini");
        }

        @Test
        void digitsBetweenChineseSplitRuns() {
            assertThat(titleTerms("硅胶打蛋器 无BPA 2件套"))
                    .containsExactly("硅胶", "胶打", "打蛋", "蛋器", "无", "bpa"); // 件套: both stop characters
        }

        @Test
        void stopPhrasesAreCutOutBeforeBigrams() {
            assertThat(titleTerms("新款硅胶包邮")).containsExactly("硅胶"); // not 款硅 or 胶包
            assertThat(titleTerms("2024新款 包邮 正品 热卖")).isEmpty();
            assertThat(titleTerms("一件代发收纳盒")).containsExactly("收纳", "纳盒"); // 代发 cut; 一件 all stop characters
        }

        @Test
        void aBigramWithOneContentCharacterIsKept() {
            assertThat(titleTerms("手套 个性")).containsExactly("手套", "个性"); // 套 and 个 are stop characters, 手 and 性 are not
            assertThat(titleTerms("猫的碗")).containsExactly("猫的", "的碗");
        }

        @Test
        void aOneCharacterRunIsATermUnlessItIsAStopCharacter() {
            assertThat(titleTerms("猫 碗 的 个")).containsExactly("猫", "碗");
        }

        @Test
        void aRepeatedBigramCountsOnce() {
            assertThat(titleTerms("收纳盒 收纳袋")).containsExactly("收纳", "纳盒", "纳袋");
        }

        @Test
        void japaneseKatakanaWithTheProlongedSoundMark() {
            assertThat(titleTerms("コーヒーカップ")).containsExactly("コー", "ーヒ", "ヒー", "ーカ", "カッ", "ップ");
        }

        @Test
        void halfWidthKatakanaIsNfkcNormalised() {
            assertThat(titleTerms("ｺｰﾋｰ")).containsExactly("コー", "ーヒ", "ヒー");
        }

        @Test
        void japaneseMixesKanjiAndKanaInOneRun() {
            assertThat(titleTerms("猫の食器・シリコン"))
                    .containsExactly("猫の", "の食", "食器", "シリ", "リコ", "コン"); // ・ separates
        }

        @Test
        void koreanWordsSplitAtSpacesThenBigrams() {
            assertThat(titleTerms("실리콘 주방 용품")).containsExactly("실리", "리콘", "주방", "용품");
        }

        @Test
        void cjkPunctuationSeparates() {
            assertThat(titleTerms("【包邮】折叠盒，收纳")).containsExactly("折叠", "叠盒", "收纳");
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t\n", "!!! --- ???", "🔥🔥", "2024 100"})
    void nothingToTokenize(String title) {
        assertThat(titleTerms(title)).isEmpty();
    }

    @Nested
    class Attributes {

        @Test
        void pairsAreLowerCasedAndTrimmed() {
            assertThat(attributeTerms("Material: Silicone; Color:Black"))
                    .containsExactly("material:silicone", "color:black");
        }

        @Test
        void innerSpacesCollapse() {
            assertThat(attributeTerms("color:Rose   Gold;voltage:220V"))
                    .containsExactly("color:rose gold", "voltage:220v");
        }

        @Test
        void fullWidthColonAndSemicolonOfChineseExports() {
            assertThat(attributeTerms("材质：硅胶；颜色：黑色")).containsExactly("材质:硅胶", "颜色:黑色");
        }

        @Test
        void malformedPairsAreSkipped() {
            assertThat(attributeTerms("material;:silicone;color:;size:L;;  ;weight : 1 kg"))
                    .containsExactly("size:l", "weight:1 kg"); // no colon, empty key, empty value, empty pairs
        }

        @Test
        void theValueIsEverythingAfterTheFirstColon() {
            assertThat(attributeTerms("scale:1:6")).containsExactly("scale:1:6");
        }

        @Test
        void aRepeatedPairCountsOnce() {
            assertThat(attributeTerms("color:black;Color: BLACK")).containsExactly("color:black");
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "  ", ";;", "no pairs here"})
        void nothing(String attributes) {
            assertThat(attributeTerms(attributes)).isEmpty();
        }
    }
}
