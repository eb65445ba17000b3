package io.marketlens.metrics.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.metrics.market.LifecycleStage.Result;
import io.marketlens.metrics.market.LifecycleStage.Thresholds;
import io.marketlens.tables.Codes;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Life-cycle stages of SPEC M2 on hand-built monthly series. Notation: "year 1 = 100, year 2 = 120"
 * means twelve months at 100 then twelve at 120, so T12M goes 1 200 → 1 440 and yoy = 0.20.
 */
class LifecycleStageTest {

    static final double TOL = 1e-12;

    /** Twelve months at each value in turn. */
    static double[] years(double... monthlyLevelPerYear) {
        return blocks(12, monthlyLevelPerYear);
    }

    /**
     * Six months at each value in turn. With five blocks b0..b4 (30 months, the last is the as-of month),
     * yoy(t) = (b3 + b4) / (b1 + b2) − 1, yoy(t − 6) = (b2 + b3) / (b0 + b1) − 1.
     */
    static double[] halfYears(double... monthlyLevelPerHalfYear) {
        return blocks(6, monthlyLevelPerHalfYear);
    }

    static double[] blocks(int months, double... levels) {
        double[] series = new double[months * levels.length];
        for (int b = 0; b < levels.length; b++) {
            Arrays.fill(series, b * months, (b + 1) * months, levels[b]);
        }
        return series;
    }

    static Result classify(double[] series) {
        return LifecycleStage.classify(series, Thresholds.DEFAULT);
    }

    @Nested
    class OneStagePerSeries {

        @Test
        void flatIsMaturity() {
            Result r = classify(years(100, 100)); // yoy 0; 24 months: trend unknown
            assertThat(r.stage()).isEqualTo(io.marketlens.tables.LifecycleStage.MATURITY);
            assertThat(r.yoy()).isZero();
            assertThat(r.trend()).isNaN();
            assertThat(r.monthsUsed()).isEqualTo(24);
            assertThat(r.status()).isNull();
        }

        @Test
        void twentyPercentUpIsGrowth() {
            Result r = classify(years(100, 120)); // 1 440 / 1 200 − 1 = 0.20
            assertThat(r.stage()).isEqualTo(io.marketlens.tables.LifecycleStage.GROWTH);
            assertThat(r.yoy()).isCloseTo(0.20, within(TOL));
        }

        @Test
        void tenPercentDownIsDecline() {
            Result r = classify(years(100, 90)); // 1 080 / 1 200 − 1 = −0.10
            assertThat(r.stage()).isEqualTo(io.marketlens.tables.LifecycleStage.DECLINE);
            assertThat(r.yoy()).isCloseTo(-0.10, within(TOL));
        }

        @Test
        void doublingWithAcceleratingGrowthIsIntroduction() {
            Result r = classify(halfYears(10, 10, 20, 40, 100));
            // yoy(t) = 140 / 30 − 1 = 3.667; yoy(t−6) = 60 / 20 − 1 = 2.0; trend = +1.667
            assertThat(r.stage()).isEqualTo(io.marketlens.tables.LifecycleStage.INTRODUCTION);
            assertThat(r.yoy()).isCloseTo(11.0 / 3, within(TOL));
            assertThat(r.trend()).isCloseTo(5.0 / 3, within(TOL));
            assertThat(r.monthsUsed()).isEqualTo(30);
        }

        @Test
        void doublingWithSlowingGrowthIsGrowth() {
            Result r = classify(halfYears(10, 20, 40, 70, 110));
            // yoy(t) = 180 / 60 − 1 = 2.0; yoy(t−6) = 110 / 30 − 1 = 2.667; trend = −0.667: past the steep start
            assertThat(r.stage()).isEqualTo(io.marketlens.tables.LifecycleStage.GROWTH);
            assertThat(r.yoy()).isCloseTo(2.0, within(TOL));
            assertThat(r.trend()).isCloseTo(-2.0 / 3, within(TOL));
        }

        @Test
        void seasonalityCancelsInTrailingYears() {
            double[] season = {50, 60, 80, 100, 120, 150, 150, 120, 100, 80, 60, 200};
            double[] series = new double[24];
            for (int m = 0; m < 12; m++) {
                series[m] = season[m];
                series[m + 12] = 1.2 * season[m]; // same pattern, 20 % higher
            }
            Result r = classify(series);
            assertThat(r.stage()).isEqualTo(io.marketlens.tables.LifecycleStage.GROWTH);
            assertThat(r.yoy()).isCloseTo(0.20, within(TOL));
        }

        @Test
        void aYearWithoutSalesAfterSalesIsDecline() {
            Result r = classify(years(100, 0)); // 0 / 1 200 − 1 = −1
            assertThat(r.stage()).isEqualTo(io.marketlens.tables.LifecycleStage.DECLINE);
            assertThat(r.yoy()).isEqualTo(-1.0);
        }
    }

    @Nested
    class Boundaries {

        @Test
        void growthStartsAtTenPercent() {
            assertThat(classify(years(100, 110)).stage()).isEqualTo(io.marketlens.tables.LifecycleStage.GROWTH); // yoy 0.10: inclusive
            assertThat(classify(years(100, 109.9)).stage()).isEqualTo(io.marketlens.tables.LifecycleStage.MATURITY); // yoy 0.099
        }

        @Test
        void declineStartsAtMinusFivePercent() {
            assertThat(classify(years(100, 95)).stage()).isEqualTo(io.marketlens.tables.LifecycleStage.DECLINE); // yoy −0.05: inclusive
            assertThat(classify(years(100, 95.1)).stage()).isEqualTo(io.marketlens.tables.LifecycleStage.MATURITY); // yoy −0.049
        }

        @Test
        void introductionStartsAtDoublingWhenTheTrendIsUnknown() {
            assertThat(classify(years(100, 200)).stage()).isEqualTo(io.marketlens.tables.LifecycleStage.INTRODUCTION); // yoy 1.0, 24 months
            assertThat(classify(years(100, 199.9)).stage()).isEqualTo(io.marketlens.tables.LifecycleStage.GROWTH); // yoy 0.999
        }

        @Test
        void aSteadyDoublingIsIntroduction() {
            Result r = classify(halfYears(1, 1, 2, 2, 4)); // yoy(t) = 6 / 3 − 1 = 1; yoy(t−6) = 4 / 2 − 1 = 1; trend 0
            assertThat(r.trend()).isZero();
            assertThat(r.stage()).isEqualTo(io.marketlens.tables.LifecycleStage.INTRODUCTION);
        }

        @Test
        void aDoublingThatSlowsEverSoSlightlyIsGrowth() {
            Result r = classify(halfYears(0.98, 1, 2, 2, 4)); // yoy(t) = 1; yoy(t−6) = 4 / 1.98 − 1 = 1.0202
            assertThat(r.yoy()).isCloseTo(1.0, within(TOL));
            assertThat(r.trend()).isCloseTo(1 - 4 / 1.98 + 1, within(TOL)).isNegative();
            assertThat(r.stage()).isEqualTo(io.marketlens.tables.LifecycleStage.GROWTH);
        }
    }

    @Nested
    class ZerosAndShortSeries {

        @Test
        void fewerThan24MonthsIsInsufficientHistory() {
            for (int months : new int[] {0, 1, 12, 23}) {
                Result r = classify(new double[months]);
                assertThat(r.stage()).isNull();
                assertThat(r.yoy()).isNaN();
                assertThat(r.trend()).isNaN();
                assertThat(r.monthsUsed()).isEqualTo(months);
                assertThat(r.status()).isEqualTo(Codes.INSUFFICIENT_HISTORY);
            }
            assertThat(classify(years(100)).status()).isEqualTo(Codes.INSUFFICIENT_HISTORY);
        }

        @Test
        void aMarketYoungerThanAYearIsIntroductionWithoutAYoy() {
            Result r = classify(years(0, 100)); // T12M(t−12) = 0: yoy is undefined, not infinite
            assertThat(r.stage()).isEqualTo(io.marketlens.tables.LifecycleStage.INTRODUCTION);
            assertThat(r.yoy()).isNaN();
            assertThat(r.trend()).isNaN();
            assertThat(r.monthsUsed()).isEqualTo(24);
            assertThat(r.status()).isEqualTo(Codes.NO_PRIOR_YEAR_SALES);
        }

        @Test
        void aMarketBackAfterAYearOfNothingIsIntroduction() {
            Result r = classify(years(50, 0, 100));
            assertThat(r.stage()).isEqualTo(io.marketlens.tables.LifecycleStage.INTRODUCTION);
            assertThat(r.status()).isEqualTo(Codes.NO_PRIOR_YEAR_SALES);
        }

        @Test
        void oneSaleInTheWholePriorYearIsEnoughForAYoy() {
            double[] series = years(0, 100);
            series[11] = 1; // T12M(t−12) = 1, T12M(t) = 1 200: yoy = 1 199
            Result r = classify(series);
            assertThat(r.yoy()).isEqualTo(1199.0);
            assertThat(r.stage()).isEqualTo(io.marketlens.tables.LifecycleStage.INTRODUCTION);
            assertThat(r.status()).isNull();
        }

        @Test
        void noSalesInTwoYearsHasNoStage() {
            Result r = classify(years(0, 0));
            assertThat(r.stage()).isNull();
            assertThat(r.yoy()).isNaN();
            assertThat(r.status()).isEqualTo(Codes.NO_SALES);
        }

        @Test
        void anUnknownYoyAtTheTrendLagLeavesYoyAlone() {
            Result r = classify(halfYears(0, 0, 10, 20, 40));
            // yoy(t) = 60 / 10 − 1 = 5; yoy(t−6) has T12M 0 before it: trend unknown → introduction by yoy
            assertThat(r.yoy()).isCloseTo(5.0, within(TOL));
            assertThat(r.trend()).isNaN();
            assertThat(r.monthsUsed()).isEqualTo(30);
            assertThat(r.stage()).isEqualTo(io.marketlens.tables.LifecycleStage.INTRODUCTION);
        }

        @Test
        void historyOlderThanTheLastThirtyMonthsIsIgnored() {
            double[] recent = halfYears(10, 20, 40, 70, 110);
            double[] longer = new double[recent.length + 40];
            Arrays.fill(longer, 0, 40, 5_000); // a big old market, long gone
            System.arraycopy(recent, 0, longer, 40, recent.length);
            assertThat(classify(longer)).isEqualTo(classify(recent));
        }
    }

    @Nested
    class Configuration {

        @Test
        void defaultsAreTheDocumentedOnes() {
            assertThat(Thresholds.DEFAULT).isEqualTo(new Thresholds(1.0, 0.10, -0.05, 6));
        }

        @Test
        void aHigherGrowthThresholdMakesTwentyPercentMaturity() {
            Thresholds strict = new Thresholds(1.0, 0.25, -0.05, 6);
            assertThat(LifecycleStage.classify(years(100, 120), strict).stage()).isEqualTo(io.marketlens.tables.LifecycleStage.MATURITY);
        }

        @Test
        void theTrendLagDecidesHowManyMonthsAreRead() {
            Thresholds lag3 = new Thresholds(1.0, 0.10, -0.05, 3);
            Result r = LifecycleStage.classify(years(100, 100, 100), lag3);
            assertThat(r.monthsUsed()).isEqualTo(27);
            assertThat(r.trend()).isZero();
            assertThat(classify(years(100, 100, 100)).monthsUsed()).isEqualTo(30);
        }

        @Test
        void inconsistentThresholdsAreRefusedWithTheDefaultsInTheMessage() {
            assertThatThrownBy(() -> new Thresholds(1.0, -0.10, -0.05, 6))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("decline < growth <= introduction")
                    .hasMessageContaining("defaults -0.05, 0.10, 1.0");
            assertThatThrownBy(() -> new Thresholds(0.05, 0.10, -0.05, 6)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Thresholds(1.0, 0.10, -0.05, 0))
                    .hasMessageContaining("at least 1 month");
            assertThatThrownBy(() -> new Thresholds(Double.NaN, 0.10, -0.05, 6))
                    .hasMessageContaining("finite");
        }

        @Test
        void negativeOrNonFiniteRevenueIsABug() {
            double[] series = years(100, 100);
            series[5] = -1;
            assertThatThrownBy(() -> classify(series))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("month index 5 of 24");
            series[5] = Double.NaN;
            assertThatThrownBy(() -> classify(series)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void stagesCarryTheirTableCodes() {
        assertThat(Arrays.stream(io.marketlens.tables.LifecycleStage.values()).map(io.marketlens.tables.LifecycleStage::code))
                .containsExactly("introduction", "growth", "maturity", "decline");
    }
}
