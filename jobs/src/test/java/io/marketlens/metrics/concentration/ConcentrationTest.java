package io.marketlens.metrics.concentration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.metrics.concentration.ConcentrationMetrics.Status;
import io.marketlens.tables.ClassScale;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CR_n, HHI and their classes on hand-checkable markets; every expected value is written beside its input. */
class ConcentrationTest {

    static final double EXACT = 1e-9;

    @Nested
    class GoldenNumbers {

        @Test
        void twoLeadersTwoFollowers() {
            // shares 30, 30, 20, 20: HHI = 900 + 900 + 400 + 400 = 2600; four entities → every CR_n = 100
            ConcentrationMetrics m = Concentration.of(new double[] {30, 30, 20, 20});
            assertThat(m.status()).isEqualTo(Status.OK);
            assertThat(m.entities()).isEqualTo(4);
            assertThat(m.hhi()).isEqualTo(2600.0);
            assertThat(m.cr4()).isEqualTo(100.0);
            assertThat(m.cr8()).isEqualTo(100.0);
            assertThat(m.cr10()).isEqualTo(100.0);
            assertThat(m.doj2023Class().code()).isEqualTo("highly_concentrated"); // 2600 > 1800
            assertThat(m.doj2010Class().code()).isEqualTo("highly_concentrated"); // 2600 > 2500
            assertThat(m.bainCr4Class().code()).isEqualTo("high_oligopoly"); // 100 ≥ 75
            assertThat(m.bainCr8Class().code()).isEqualTo("very_high_oligopoly"); // 100 ≥ 70
        }

        @Test
        void fractionalSharesAreRoundedTo2600Exactly() {
            // 10 000 · (0.09 + 0.09 + 0.04 + 0.04) is 2600.0000000000005 in binary floating point
            ConcentrationMetrics m = Concentration.of(new double[] {0.3, 0.3, 0.2, 0.2});
            assertThat(m.hhi()).isEqualTo(2600.0);
            assertThat(m).isEqualTo(Concentration.of(new double[] {30, 30, 20, 20}));
        }

        @Test
        void revenuesGiveTheSameResultAsTheirShares() {
            // revenues 300, 300, 200, 200 of a total 1000 are the shares 30, 30, 20, 20
            assertThat(Concentration.of(new double[] {300, 300, 200, 200}))
                    .isEqualTo(Concentration.of(new double[] {30, 30, 20, 20}));
            assertThat(Concentration.of(new double[] {1.5e6, 1.5e6, 1e6, 1e6}).hhi()).isEqualTo(2600.0);
        }

        @Test
        void nineFirms() {
            // 25, 20, 18, 15 | 8, 7, 4, 2 | 1
            // CR4 = 25+20+18+15 = 78; CR8 = 78+8+7+4+2 = 99; CR10 = 100 (nine firms)
            // HHI = 625+400+324+225+64+49+16+4+1 = 1708
            ConcentrationMetrics m = Concentration.of(new double[] {25, 20, 18, 15, 8, 7, 4, 2, 1});
            assertThat(m.entities()).isEqualTo(9);
            assertThat(m.cr4()).isCloseTo(78, within(EXACT));
            assertThat(m.cr8()).isCloseTo(99, within(EXACT));
            assertThat(m.cr10()).isEqualTo(100.0);
            assertThat(m.hhi()).isCloseTo(1708, within(EXACT));
            assertThat(m.doj2023Class().code()).isEqualTo("moderately_concentrated"); // 1000 ≤ 1708 ≤ 1800
            assertThat(m.doj2010Class().code()).isEqualTo("moderately_concentrated"); // 1500 ≤ 1708 ≤ 2500
            assertThat(m.bainCr4Class().code()).isEqualTo("high_oligopoly"); // 78 ≥ 75
            assertThat(m.bainCr8Class().code()).isEqualTo("very_high_oligopoly"); // 99 ≥ 70
        }

        @Test
        void eightFirmsInAnyOrder() {
            // 10, 9, 12, 15, 12, 11, 15, 16 (sum 100)
            // HHI = 100+81+144+225+144+121+225+256 = 1296; CR4 = 16+15+15+12 = 58; CR8 = CR10 = 100
            ConcentrationMetrics m = Concentration.of(new double[] {10, 9, 12, 15, 12, 11, 15, 16});
            assertThat(m.entities()).isEqualTo(8);
            assertThat(m.hhi()).isCloseTo(1296, within(EXACT));
            assertThat(m.cr4()).isCloseTo(58, within(EXACT));
            assertThat(m.cr8()).isEqualTo(100.0);
            assertThat(m.cr10()).isEqualTo(100.0);
            assertThat(m.doj2023Class().code()).isEqualTo("moderately_concentrated"); // 1000 ≤ 1296 ≤ 1800
            assertThat(m.doj2010Class().code()).isEqualTo("unconcentrated"); // 1296 < 1500
            assertThat(m.bainCr4Class().code()).isEqualTo("moderate_oligopoly"); // 50 ≤ 58 < 75
        }

        @Test
        void twelveEqualFirms() {
            // each share 100/12 = 8.333…: HHI = 12 · 8.333…² = 10 000/12 = 833.333333
            // CR4 = 33.333333, CR8 = 66.666667, CR10 = 83.333333 (rounded to 1e-6)
            double[] equal = new double[12];
            Arrays.fill(equal, 7.0);
            ConcentrationMetrics m = Concentration.of(equal);
            assertThat(m.hhi()).isEqualTo(833.333333);
            assertThat(m.cr4()).isEqualTo(33.333333);
            assertThat(m.cr8()).isEqualTo(66.666667);
            assertThat(m.cr10()).isEqualTo(83.333333);
            assertThat(m.doj2023Class().code()).isEqualTo("unconcentrated");
            assertThat(m.doj2010Class().code()).isEqualTo("unconcentrated");
            assertThat(m.bainCr4Class().code()).isEqualTo("low_oligopoly"); // 25 ≤ 33.3 < 50
            assertThat(m.bainCr8Class().code()).isEqualTo("low_concentration_oligopoly"); // 40 ≤ 66.7 < 70
        }

        @Test
        void aMonopolyIs10000() {
            ConcentrationMetrics m = Concentration.of(new double[] {123.45});
            assertThat(m.entities()).isEqualTo(1);
            assertThat(m.hhi()).isEqualTo(10_000.0);
            assertThat(m.cr4()).isEqualTo(100.0);
            assertThat(m.cr10()).isEqualTo(100.0);
        }

        @Test
        void zerosAreNotEntities() {
            // 30, 0, 30, 20, 0, 20 → four entities, the same market as 30, 30, 20, 20
            ConcentrationMetrics m = Concentration.of(new double[] {30, 0, 30, 20, 0, 20});
            assertThat(m.entities()).isEqualTo(4);
            assertThat(m).isEqualTo(Concentration.of(new double[] {30, 30, 20, 20}));
        }

        @Test
        void manySmallFirmsAreFragmented() {
            // 100 firms of 1 %: HHI = 100, CR4 = 4, CR8 = 8, CR10 = 10
            double[] values = new double[100];
            Arrays.fill(values, 0.01);
            ConcentrationMetrics m = Concentration.of(values);
            assertThat(m.hhi()).isEqualTo(100.0);
            assertThat(m.cr4()).isEqualTo(4.0);
            assertThat(m.cr8()).isEqualTo(8.0);
            assertThat(m.cr10()).isEqualTo(10.0);
            assertThat(m.bainCr4Class().code()).isEqualTo("atomistic");
            assertThat(m.bainCr8Class().code()).isEqualTo("fragmented");
        }
    }

    @Nested
    class FromSums {

        @Test
        void equalsOfOnTheSameData() {
            // 25, 20, 18, 15, 8, 7, 4, 2, 1: total 100, Σv² 1708, top4 78, top8 99, top10 = total
            assertThat(Concentration.fromSums(9, 100, 1708, 78, 99, 100))
                    .isEqualTo(Concentration.of(new double[] {25, 20, 18, 15, 8, 7, 4, 2, 1}));
            // 30, 30, 20, 20: fewer than four entities' worth of ranks, so top4 = top8 = top10 = total
            assertThat(Concentration.fromSums(4, 100, 2600, 100, 100, 100))
                    .isEqualTo(Concentration.of(new double[] {20, 30, 20, 30}));
        }

        @Test
        void noSalesIsAValue() {
            assertThat(Concentration.fromSums(0, 0, 0, 0, 0, 0)).isEqualTo(ConcentrationMetrics.noSales());
        }

        @Test
        void inconsistentSumsAreRefused() {
            assertThatThrownBy(() -> Concentration.fromSums(9, 100, 1708, 99, 78, 100))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("top4 (99.0) exceeds top8 (78.0)");
            assertThatThrownBy(() -> Concentration.fromSums(3, 0, 0, 0, 0, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("count only the entities whose value is above 0");
            assertThatThrownBy(() -> Concentration.fromSums(2, -1, 1, 1, 1, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("total must be finite and ≥ 0");
        }
    }

    @Nested
    class NoSales {

        @Test
        void emptyOrAllZeroIsNoSalesNotAnException() {
            for (double[] values : List.of(new double[0], new double[] {0, 0, 0})) {
                ConcentrationMetrics m = Concentration.of(values);
                assertThat(m.status()).isEqualTo(Status.NO_SALES);
                assertThat(m.status().code()).isEqualTo("no_sales");
                assertThat(m.isOk()).isFalse();
                assertThat(m.entities()).isZero();
                assertThat(m.hhi()).isNaN();
                assertThat(m.cr4()).isNaN();
                assertThat(m.doj2023Class()).isNull();
                assertThat(m.bainCr8Class()).isNull();
            }
        }

        @Test
        void sharesOfNothingAreNaN() {
            assertThat(Concentration.shares(new double[] {0, 0})).containsExactly(Double.NaN, Double.NaN);
        }

        @Test
        void negativeOrMissingValuesAreABugNotData() {
            assertThatThrownBy(() -> Concentration.of(new double[] {5, -1}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("value 1 is -1.0");
            assertThatThrownBy(() -> Concentration.of(new double[] {Double.NaN}))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Concentration.of(null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Boundaries {

        @ParameterizedTest
        @CsvSource({
            "0,        unconcentrated",
            "999.99,   unconcentrated",
            "1000,     moderately_concentrated",
            "1800,     moderately_concentrated",
            "1800.01,  highly_concentrated",
            "1800.0000004, moderately_concentrated", // rounds to 1800
            "10000,    highly_concentrated",
        })
        void doj2023(double hhi, String code) {
            assertThat(Concentration.doj2023(hhi).code()).isEqualTo(code);
        }

        @ParameterizedTest
        @CsvSource({
            "1499.99,  unconcentrated",
            "1500,     moderately_concentrated",
            "2500,     moderately_concentrated",
            "2500.01,  highly_concentrated",
            "1499.9999996, moderately_concentrated", // rounds to 1500
        })
        void doj2010(double hhi, String code) {
            assertThat(Concentration.doj2010(hhi).code()).isEqualTo(code);
        }

        @ParameterizedTest
        @CsvSource({
            "0,      atomistic",
            "24.99,  atomistic",
            "25,     low_oligopoly",
            "49.99,  low_oligopoly",
            "50,     moderate_oligopoly",
            "74.99,  moderate_oligopoly",
            "75,     high_oligopoly",
            "100,    high_oligopoly",
        })
        void bainCr4(double cr4, String code) {
            assertThat(Concentration.bainCr4(cr4).code()).isEqualTo(code);
        }

        @ParameterizedTest
        @CsvSource({
            "0,      fragmented",
            "19.99,  fragmented",
            "20,     low_concentration_competitive",
            "39.99,  low_concentration_competitive",
            "40,     low_concentration_oligopoly",
            "69.99,  low_concentration_oligopoly",
            "70,     very_high_oligopoly",
            "100,    very_high_oligopoly",
        })
        void bainCr8(double cr8, String code) {
            assertThat(Concentration.bainCr8(cr8).code()).isEqualTo(code);
        }

        @Test
        void marketsExactlyOnABoundaryFallWhereTheGuidelinesSay() {
            // 20, 20, 20, 20, 10, 10: HHI = 4·400 + 2·100 = 1800 → moderately concentrated (2023); CR4 = 80
            ConcentrationMetrics at1800 = Concentration.of(new double[] {0.2, 0.2, 0.2, 0.2, 0.1, 0.1});
            assertThat(at1800.hhi()).isEqualTo(1800.0);
            assertThat(at1800.doj2023Class().code()).isEqualTo("moderately_concentrated");
            assertThat(at1800.cr4()).isEqualTo(80.0);
            // ten firms of 10: HHI = 1000 → moderately concentrated (2023); CR4 = 40 → low oligopoly
            double[] ten = new double[10];
            Arrays.fill(ten, 0.1);
            ConcentrationMetrics at1000 = Concentration.of(ten);
            assertThat(at1000.hhi()).isEqualTo(1000.0);
            assertThat(at1000.doj2023Class().code()).isEqualTo("moderately_concentrated");
            assertThat(at1000.bainCr8Class().code()).isEqualTo("very_high_oligopoly"); // CR8 = 80
            // 20, 20, 20, 10, 10, 5, 5, 5, 5: HHI = 1200 + 200 + 100 = 1500 → moderately concentrated (2010)
            ConcentrationMetrics at1500 = Concentration.of(new double[] {0.2, 0.2, 0.2, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05});
            assertThat(at1500.hhi()).isEqualTo(1500.0);
            assertThat(at1500.doj2010Class().code()).isEqualTo("moderately_concentrated");
            // 30, 30, 25, 5, 5, 5: HHI = 1800 + 625 + 75 = 2500 → moderately concentrated (2010); CR4 = 90
            ConcentrationMetrics at2500 = Concentration.of(new double[] {0.3, 0.3, 0.25, 0.05, 0.05, 0.05});
            assertThat(at2500.hhi()).isEqualTo(2500.0);
            assertThat(at2500.doj2010Class().code()).isEqualTo("moderately_concentrated");
            assertThat(at2500.cr4()).isEqualTo(90.0);
        }

        @Test
        void nanHasNoClass() {
            assertThatThrownBy(() -> Concentration.doj2023(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Scales {

        @Test
        void theTableCodesOfEachScaleFromTheTopDown() {
            assertThat(ClassScale.BAIN_CR4.tiers()).extracting(ClassScale.Tier::code)
                    .containsExactly("high_oligopoly", "moderate_oligopoly", "low_oligopoly", "atomistic");
            assertThat(ClassScale.BAIN_CR8.tiers()).extracting(ClassScale.Tier::code)
                    .containsExactly("very_high_oligopoly", "low_concentration_oligopoly", "low_concentration_competitive",
                            "fragmented");
            assertThat(ClassScale.DOJ_2023.tiers()).extracting(ClassScale.Tier::code)
                    .containsExactly("highly_concentrated", "moderately_concentrated", "unconcentrated");
            // both DOJ editions name their tiers alike, so the report has one set of words for them
            assertThat(ClassScale.DOJ_2010.tiers()).extracting(ClassScale.Tier::labelKey)
                    .containsExactlyElementsOf(ClassScale.DOJ_2023.tiers().stream().map(ClassScale.Tier::labelKey).toList());
        }
    }
}
