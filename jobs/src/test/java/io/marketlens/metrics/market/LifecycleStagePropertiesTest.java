package io.marketlens.metrics.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.metrics.market.LifecycleStage.Result;
import io.marketlens.metrics.market.LifecycleStage.Thresholds;
import io.marketlens.tables.Codes;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the life-cycle classification over arbitrary non-negative monthly series. */
class LifecycleStagePropertiesTest {

    /** Monthly revenue with plenty of zero months, 0 to 60 months long. */
    @Provide
    Arbitrary<double[]> series() {
        Arbitrary<Double> month = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0.0)),
                Tuple.of(4, Arbitraries.doubles().between(0, 1e6)));
        return month.list().ofMaxSize(60).map(LifecycleStagePropertiesTest::toArray);
    }

    static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static Result classify(double[] series) {
        return LifecycleStage.classify(series, Thresholds.DEFAULT);
    }

    /** Later stages of the curve rank lower: "younger" market = higher rank; no stage ranks lowest. */
    static int youth(io.marketlens.tables.LifecycleStage stage) {
        if (stage == null) {
            return -1;
        }
        return switch (stage) {
            case DECLINE -> 0;
            case MATURITY -> 1;
            case GROWTH -> 2;
            case INTRODUCTION -> 3;
        };
    }

    @Property
    void aStageOrAReasonWhyNot(@ForAll("series") double[] series) {
        Result r = classify(series);
        if (r.stage() == null) {
            assertThat(r.status()).isIn(Codes.INSUFFICIENT_HISTORY, Codes.NO_SALES);
        } else {
            assertThat(r.status()).isIn(null, Codes.NO_PRIOR_YEAR_SALES);
        }
        if (series.length < LifecycleStage.MIN_MONTHS) {
            assertThat(r.monthsUsed()).isEqualTo(series.length);
        } else {
            assertThat(r.monthsUsed())
                    .isIn(LifecycleStage.MIN_MONTHS, LifecycleStage.MIN_MONTHS + Thresholds.DEFAULT_TREND_LAG_MONTHS)
                    .isLessThanOrEqualTo(series.length);
        }
        assertThat(Double.isNaN(r.yoy()) || r.yoy() >= -1).isTrue();
    }

    @Property
    void scalingTheCurrencyChangesNothing(@ForAll("series") double[] series, @ForAll @IntRange(min = -10, max = 10) int exponent) {
        // a power of two scales every sum exactly, so even a series on a threshold keeps its stage
        double factor = Math.scalb(1.0, exponent);
        double[] scaled = series.clone();
        for (int m = 0; m < scaled.length; m++) {
            scaled[m] *= factor;
        }
        assertThat(classify(scaled)).isEqualTo(classify(series));
    }

    @Property
    void moreRevenueInTheAsOfMonthNeverMakesTheMarketLookOlder(
            @ForAll("series") double[] series, @ForAll @IntRange(min = 1, max = 1_000_000) int extra) {
        if (series.length == 0) {
            return;
        }
        double[] raised = series.clone();
        raised[raised.length - 1] += extra; // raises yoy(t) and the trend; yoy(t−k) does not read month t
        assertThat(youth(classify(raised).stage())).isGreaterThanOrEqualTo(youth(classify(series).stage()));
    }

    @Property
    void historyBeforeTheMonthsUsedDoesNotMatter(@ForAll("series") double[] older, @ForAll("series") double[] recent) {
        if (recent.length < LifecycleStage.MIN_MONTHS + Thresholds.DEFAULT_TREND_LAG_MONTHS) {
            return;
        }
        double[] longer = new double[older.length + recent.length];
        System.arraycopy(older, 0, longer, 0, older.length);
        System.arraycopy(recent, 0, longer, older.length, recent.length);
        assertThat(classify(longer)).isEqualTo(classify(recent));
    }
}
