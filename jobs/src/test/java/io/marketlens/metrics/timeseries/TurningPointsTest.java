package io.marketlens.metrics.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.metrics.timeseries.TurningPoints.Params;
import io.marketlens.metrics.timeseries.TurningPoints.Point;
import io.marketlens.metrics.timeseries.TurningPoints.Result;
import io.marketlens.tables.Codes;
import io.marketlens.tables.TurningKind;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Turning points of SPEC M6 on hand-built deseasonalised series, default parameters unless stated. */
class TurningPointsTest {

    static final double TOL = 1e-12;

    /** No smoothing (span 1), otherwise the defaults: the levels are the input values themselves. */
    static final Params UNSMOOTHED = new Params(1, Params.DEFAULT_WINDOW, Params.DEFAULT_MIN_PHASE,
            Params.DEFAULT_MIN_CYCLE, Params.DEFAULT_EDGE);

    /**
     * 81 months: 100 rising by 2.5 a month to 200 at month 40, then falling by 2.5 a month back to 100 at
     * month 80. Symmetric about month 40, so the centred 5-month average is highest there too:
     * (195 + 197.5 + 200 + 197.5 + 195) / 5 = 197, while months 39 and 41 average
     * (192.5 + 195 + 197.5 + 200 + 197.5) / 5 = 196.5.
     */
    static double[] riseThenFall() {
        double[] y = new double[81];
        Arrays.setAll(y, t -> 200 - 2.5 * Math.abs(t - 40));
        return y;
    }

    static Result find(double[] series) {
        return TurningPoints.find(series, Params.DEFAULT);
    }

    @Nested
    class Shapes {

        @Test
        void riseThenFallHasOnePeakAtTheTop() {
            Result r = find(riseThenFall());
            assertThat(r.status()).isNull();
            assertThat(r.points()).containsExactly(new Point(40, TurningKind.PEAK, 197.0));
        }

        @Test
        void unsmoothedTheLevelIsTheInputValue() {
            assertThat(TurningPoints.find(riseThenFall(), UNSMOOTHED).points())
                    .containsExactly(new Point(40, TurningKind.PEAK, 200.0));
        }

        @Test
        void monotoneSeriesHaveNone() {
            double[] up = new double[60];
            Arrays.setAll(up, t -> 100 * Math.pow(1.02, t));
            double[] down = new double[60];
            Arrays.setAll(down, t -> 500 - 3.0 * t);
            assertThat(find(up).points()).isEmpty();
            assertThat(find(down).points()).isEmpty();
            assertThat(find(up).status()).isNull();
        }

        @Test
        void aFlatSeriesAndARiseToAPlateauHaveNone() {
            double[] flat = new double[40];
            Arrays.fill(flat, 7);
            // rises to 200 at month 20 and stays there: a pause, not a turn
            double[] plateau = new double[60];
            Arrays.setAll(plateau, t -> Math.min(100 + 5.0 * t, 200));
            assertThat(find(flat).points()).isEmpty();
            assertThat(find(plateau).points()).isEmpty();
        }

        @Test
        void aFlatTopIsDatedAtItsFirstMonth() {
            // unsmoothed: up 5 a month to 200 at month 20, flat until month 23, down 5 a month
            double[] y = new double[50];
            Arrays.setAll(y, t -> t <= 20 ? 100 + 5.0 * t : t <= 23 ? 200 : 200 - 5.0 * (t - 23));
            assertThat(TurningPoints.find(y, UNSMOOTHED).points()).containsExactly(new Point(20, TurningKind.PEAK, 200.0));
        }

        @Test
        void sineOfTwoYearsOverSixYears() {
            // 100 + 10·sin(2πt/24): peaks at t = 6, 30, 54, troughs at 18, 42, 66. The centred average of
            // a sine is a damped sine of the same phase, so the months stay. Month 66 is only five months
            // before the last (71), inside the six-month edge, so it is not dated. Month 6 is exactly six
            // months from the first and is.
            double[] y = new double[72];
            Arrays.setAll(y, t -> 100 + 10 * Math.sin(2 * Math.PI * t / 24));
            Result r = find(y);
            assertThat(r.points()).extracting(Point::index, Point::kind).containsExactly(
                    tuple(6, TurningKind.PEAK), tuple(18, TurningKind.TROUGH), tuple(30, TurningKind.PEAK),
                    tuple(42, TurningKind.TROUGH), tuple(54, TurningKind.PEAK));
            // level: the 5-month average of a unit sine of period 24 at its top,
            // (sin 60° + sin 75° + 1 + sin 75° + sin 60°) / 5 = 0.932 78…
            double gain = (2 * Math.sin(Math.toRadians(60)) + 2 * Math.sin(Math.toRadians(75)) + 1) / 5;
            assertThat(r.points().get(0).level()).isCloseTo(100 + 10 * gain, within(1e-9));
            assertThat(r.points().get(1).level()).isCloseTo(100 - 10 * gain, within(1e-9));
        }
    }

    @Nested
    class Censoring {

        /**
         * Unsmoothed, 60 months: up 5 a month to a first top at month 20, down 2.5 a month to a dip at
         * month 24 (190), up 3.75 a month to a second top at month 28 (205), then down to 100 at month 59.
         * The dip lasts 4 months (phase 20→24 and 24→28 below 6) and the tops are 8 months apart (cycle
         * below 15).
         */
        static double[] twoCloseTops(double secondTop) {
            double[] y = new double[60];
            for (int t = 0; t < 60; t++) {
                if (t <= 20) {
                    y[t] = 100 + 5.0 * t;
                } else if (t <= 24) {
                    y[t] = 200 - 2.5 * (t - 20);
                } else if (t <= 28) {
                    y[t] = 190 + (secondTop - 190) * (t - 24) / 4;
                } else {
                    y[t] = secondTop - (secondTop - 100) * (t - 28) / 31;
                }
            }
            return y;
        }

        @Test
        void ofTwoCloseTopsTheHigherIsKept() {
            // candidates P20 (200), T24 (190), P28 (205); the cycle P20→P28 is 8 months: the lower top
            // (P20) goes; T24 is then the first turn and month 0 (100) is below it: dropped as passed
            assertThat(TurningPoints.find(twoCloseTops(205), UNSMOOTHED).points())
                    .containsExactly(new Point(28, TurningKind.PEAK, 205.0));
            // the same with the first top higher: it stays
            assertThat(TurningPoints.find(twoCloseTops(195), UNSMOOTHED).points())
                    .containsExactly(new Point(20, TurningKind.PEAK, 200.0));
        }

        @Test
        void thePhaseRuleAloneAlsoKeepsOneTop() {
            // minimum cycle 1: only the phase rule sees the 4-month dip. Phase P20→T24 is short; T24 has
            // no trough before it, P28 outdoes P20, so P20 goes; T24 is then passed (month 0 is lower)
            Params phaseOnly = new Params(1, 5, 6, 1, 6);
            assertThat(TurningPoints.find(twoCloseTops(205), phaseOnly).points())
                    .containsExactly(new Point(28, TurningKind.PEAK, 205.0));
        }

        @Test
        void withDefaultSmoothingTheSameTopIsFound() {
            Result r = find(twoCloseTops(205));
            assertThat(r.points()).hasSize(1);
            assertThat(r.points().get(0).kind()).isEqualTo(TurningKind.PEAK);
            assertThat(r.points().get(0).index()).isEqualTo(28);
        }

        @Test
        void noiseDoesNotAddTurns() {
            // the rise and fall of riseThenFall plus uniform noise of ±4 (a noise step is up to 3 times
            // the 2.5 trend step), seed fixed: still one peak, at the top. Over seeds 0..1999 there was
            // always exactly one peak, at month 40 in 58 % of them and at 39..41 in 99.7 %
            Random random = new Random(20_240_611L);
            double[] y = riseThenFall();
            for (int t = 0; t < y.length; t++) {
                y[t] += 8 * random.nextDouble() - 4;
            }
            Result r = find(y);
            assertThat(r.points()).hasSize(1);
            assertThat(r.points().get(0).kind()).isEqualTo(TurningKind.PEAK);
            assertThat(r.points().get(0).index()).isEqualTo(40);
        }

        @Test
        void aFirstTopBelowTheStartIsDropped() {
            // unsmoothed: starts at 300, falls 10 a month to 150 at month 15, then rises 5 a month; month 8
            // jumps to 275, above the five months before it (270..230): a candidate peak, but the series
            // was higher before it (300 at month 0), so it is no turn
            double[] y = new double[40];
            Arrays.setAll(y, t -> t == 8 ? 275 : t <= 15 ? 300 - 10.0 * t : 150 + 5.0 * (t - 15));
            Result r = TurningPoints.find(y, UNSMOOTHED);
            assertThat(r.points()).containsExactly(new Point(15, TurningKind.TROUGH, 150.0));
        }
    }

    @Nested
    class Inputs {

        @Test
        void tooShortSeries() {
            // defaults need 2·6 + 1 = 13 months (the edge); the window alone would need 11
            assertThat(find(new double[12]).status()).isEqualTo(Codes.INSUFFICIENT_HISTORY);
            assertThat(find(new double[12]).points()).isEmpty();
            assertThat(find(new double[13]).status()).isNull();
            assertThat(TurningPoints.find(new double[10], new Params(1, 5, 6, 15, 0)).status())
                    .isEqualTo(Codes.INSUFFICIENT_HISTORY);
        }

        @Test
        void unknownMonthsAreSkipped() {
            // every twelfth month unknown (a month whose seasonal index is 0): the same single peak
            double[] y = riseThenFall();
            for (int t = 3; t < y.length; t += 12) {
                y[t] = Double.NaN;
            }
            Result r = find(y);
            assertThat(r.points()).extracting(Point::index, Point::kind).containsExactly(tuple(40, TurningKind.PEAK));
        }

        @Test
        void infiniteValuesAreRefused() {
            double[] y = new double[20];
            y[5] = Double.POSITIVE_INFINITY;
            assertThatThrownBy(() -> find(y)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("month index 5");
        }

        @Test
        void paramsAreChecked() {
            assertThatThrownBy(() -> new Params(4, 5, 6, 15, 6)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("odd");
            assertThatThrownBy(() -> new Params(5, 0, 6, 15, 6)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Params(5, 5, 6, 15, -1)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void smoothingByHand() {
            // span 3: the ends average the two months that exist
            assertThat(TurningPoints.smooth(new double[] {1, 2, 3, 10, 5}, 3))
                    .containsExactly(new double[] {1.5, 2, 5, 6, 7.5}, within(TOL));
            // unknown months are left out of the mean; a window with none known stays unknown
            assertThat(TurningPoints.smooth(new double[] {1, Double.NaN, 3}, 3))
                    .containsExactly(new double[] {1, 2, 3}, within(TOL));
            assertThat(TurningPoints.smooth(new double[] {Double.NaN, Double.NaN, Double.NaN, 4}, 3)[0]).isNaN();
        }

        @Test
        void kindCodes() {
            assertThat(TurningKind.PEAK.code()).isEqualTo("peak");
            assertThat(TurningKind.TROUGH.code()).isEqualTo("trough");
        }
    }
}
