package io.marketlens.metrics.timeseries;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.Objects;

/**
 * The config's {@code metrics.seasonality} section: the peak and off-season thresholds of the indices and how the
 * indices are estimated ({@code method: shift_aware}, the default, or {@code classical}, R's {@code decompose}).
 */
public record SeasonalityOptions(double peak, double off, ShiftAwareSeasons.Method method) implements Serializable {

    public static final SeasonalityOptions DEFAULT = new SeasonalityOptions(SeasonalIndex.Thresholds.DEFAULT_PEAK,
            SeasonalIndex.Thresholds.DEFAULT_OFF, ShiftAwareSeasons.Method.SHIFT_AWARE);

    /** A key left out takes its default. */
    @JsonCreator
    public static SeasonalityOptions of(@JsonProperty("peak") Double peak, @JsonProperty("off") Double off,
                                        @JsonProperty("method") ShiftAwareSeasons.Method method) {
        return new SeasonalityOptions(peak == null ? DEFAULT.peak() : peak, off == null ? DEFAULT.off() : off,
                method == null ? DEFAULT.method() : method);
    }

    public SeasonalityOptions {
        Objects.requireNonNull(method, "method");
        new SeasonalIndex.Thresholds(peak, off); // checks them
    }

    public SeasonalIndex.Thresholds thresholds() {
        return new SeasonalIndex.Thresholds(peak, off);
    }
}
