package io.marketlens.metrics.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogLevelsTest {

    @Test
    void monthsWithoutADeseasonalisedValueKeepTheLevelAroundThem() {
        double e = Math.E - 1; // ln(1 + e) = 1
        double[] logs = TimeSeriesTables.logLevels(new double[]{Double.NaN, e, Double.NaN, 0, Double.NaN});
        assertThat(logs).containsExactly(1.0, 1.0, 1.0, 0.0, 0.0);
    }

    @Test
    void aSeriesWithNoValueIsFlat() {
        assertThat(TimeSeriesTables.logLevels(new double[]{Double.NaN, Double.NaN})).containsExactly(0.0, 0.0);
    }
}
