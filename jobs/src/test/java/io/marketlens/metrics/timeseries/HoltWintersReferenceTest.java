package io.marketlens.metrics.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.metrics.timeseries.Forecaster.Params;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The damped-trend filter against an outside reference: R's forecast package, {@code ets(livestock2, model = "AAN",
 * damped = TRUE, phi = 0.98)} on the fpp {@code livestock2} series (annual Australian livestock, 1970–2000), as
 * statsmodels' test suite records it ({@code statsmodels/tsa/holtwinters/tests/test_holtwinters.py},
 * {@code test_holt_damp_r}: R's parameters, initial states, {@code res$states}, {@code res$fitted},
 * {@code forecast(res)$mean} and {@code res$mse}).
 *
 * <p>R's ETS form updates the trend by {@code b_t = φ b_{t−1} + β ε_t}; the traditional form here by
 * {@code b_t = β* (ℓ_t − ℓ_{t−1}) + (1 − β*) φ b_{t−1}}, which is the same with {@code β = α β*} (Hyndman &amp;
 * Athanasopoulos, FPP §8.5). With R's β converted so, every state, fitted value and forecast agrees with R's to
 * 1e-6 (R prints its parameters to 8 decimals; the largest difference measured is below 1e-7); statsmodels, which
 * passes R's β as β*, needs a tolerance of 1e-3 on the trend.
 */
class HoltWintersReferenceTest {

    private static final double[] LIVESTOCK2 = {
        263.917747, 268.307222, 260.662556, 266.639419, 277.515778, 283.834045, 290.309028, 292.474198, 300.830694,
        309.286657, 318.331081, 329.37239, 338.883998, 339.244126, 328.600632, 314.255385, 314.459695, 321.413779,
        329.789292, 346.385165, 352.297882, 348.370515, 417.562922, 417.12357, 417.749459, 412.233904, 411.946817,
        394.697075, 401.49927, 408.270468, 414.2428};

    private static final double ALPHA = 0.97402626;
    private static final double R_BETA = 0.00010006;
    private static final double PHI = 0.98;
    private static final double LEVEL0 = 252.59039965;
    private static final double TREND0 = 6.90265918;
    private static final double TOLERANCE = 1e-6;

    /** {@code res$states[, 'l']}, from the initial level on. */
    private static final double[] R_LEVEL = {
        252.5903996514365, 263.7992355246843, 268.3623324350207, 261.0312983437606, 266.6590942700923,
        277.3958197247272, 283.8256217863908, 290.2962560621914, 292.5701438129583, 300.7655919939834,
        309.2118057241649, 318.2377698496536, 329.2238709362550, 338.7709778307978, 339.3669793596703,
        329.0127022356033, 314.7684267018998, 314.5948077575944, 321.3612035017972, 329.6924360833211,
        346.0712138652086, 352.2534120008911, 348.5862874190927, 415.8839400693967, 417.2018843196238,
        417.8435306633725, 412.4857261252961, 412.0647865321129, 395.2500605270393, 401.4367438266322,
        408.1907701386275, 414.1814574903921};

    /** {@code res$states[, 'b']}, from the initial trend on. */
    private static final double[] R_TREND = {
        6.902659175332394, 6.765062519124909, 6.629548973536494, 6.495537532917715, 6.365550989616566,
        6.238702070454378, 6.113960476763530, 5.991730467006233, 5.871526257315264, 5.754346516684953,
        5.639547926790058, 5.527116419415724, 5.417146212898857, 5.309238662451385, 5.202580636191761,
        5.096941655567694, 4.993026494493987, 4.892645486210410, 4.794995106664251, 4.699468310763351,
        4.606688340205792, 4.514725879754355, 4.423600168391240, 4.341595902295941, 4.254462303550087,
        4.169010676686062, 4.084660399498803, 4.002512751871354, 3.920332298146730, 3.842166514133902,
        3.765630194200260, 3.690553892582855};

    /** {@code res$fitted}: the one-step forecasts. */
    private static final double[] R_FITTED = {
        259.3550056432622, 270.4289967934267, 274.8592904290865, 267.3969251260200, 272.8973342399166,
        283.5097477537724, 289.8173030536191, 296.1681519198575, 298.3242395451272, 306.4048515803347,
        314.7385626924191, 323.6543439406810, 334.5326742248959, 343.9740317200002, 344.4655083831382,
        334.0077050580596, 319.6615926665040, 319.3896003340806, 326.0602987063282, 334.2979150278692,
        350.5857684386102, 356.6778433630504, 352.9214155841161, 420.1387040536467, 421.3712573771029,
        421.9291611265248, 416.4886933168049, 415.9872490289468, 399.0919861792231, 405.2020670104834,
        411.8810877289437};

    /** {@code forecast(res)$mean}, ten years ahead. */
    private static final double[] R_FORECAST = {
        417.7982003051233, 421.3426082635598, 424.8161280628277, 428.2201774661102, 431.5561458813270,
        434.8253949282395, 438.0292589942138, 441.1690457788685, 444.2460368278302, 447.2614880558126};

    private static HoltWinters.Run run(double[] y) {
        Params p = new Params(ALPHA, R_BETA / ALPHA, Double.NaN, PHI);
        return HoltWinters.run(y, 0, HoltWinters.Seasonality.NONE, p, LEVEL0, TREND0, new double[HoltWinters.PERIOD]);
    }

    @Test
    void theFittedValuesForecastsAndMeanSquaredErrorAreRs() {
        HoltWinters.Run r = run(LIVESTOCK2);
        double[] fitted = r.oneStep();
        for (int t = 0; t < LIVESTOCK2.length; t++) {
            assertThat(fitted[t]).as("fitted %d", t).isCloseTo(R_FITTED[t], within(TOLERANCE));
        }
        double[] forecast = r.forecast(10);
        for (int h = 0; h < 10; h++) {
            assertThat(forecast[h]).as("forecast %d", h + 1).isCloseTo(R_FORECAST[h], within(TOLERANCE));
        }
        assertThat(r.sse() / LIVESTOCK2.length).isCloseTo(195.4397924865488, within(1e-6));
    }

    @Test
    void theLevelAndTrendOfEveryYearAreRs() {
        // the states after year t are the final states of the filter run over the first t years
        for (int t = 1; t <= LIVESTOCK2.length; t++) {
            HoltWinters.Run r = run(Arrays.copyOf(LIVESTOCK2, t));
            assertThat(r.level()).as("level after %d years", t).isCloseTo(R_LEVEL[t], within(TOLERANCE));
            assertThat(r.trend()).as("trend after %d years", t).isCloseTo(R_TREND[t], within(TOLERANCE));
        }
    }
}
