package io.marketlens.metrics.competitors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The config's {@code metrics.competitors} section.
 *
 * @param emergingMonths a seller first seen in a scope within this many months of the period's end (the period's own
 *                       months included) can be {@code emerging}; default {@value #DEFAULT_EMERGING_MONTHS}
 * @param emergingTop    … when it is among this many competitors of the scope with the largest positive share change;
 *                       default {@value #DEFAULT_EMERGING_TOP}
 * @param benchmarkTop   direct competitors set beside the own store per scope in {@code competitor_benchmark};
 *                       default {@value #DEFAULT_BENCHMARK_TOP}
 */
public record CompetitorOptions(int emergingMonths, int emergingTop, int benchmarkTop) implements Serializable {

    public static final int DEFAULT_EMERGING_MONTHS = 6;
    public static final int DEFAULT_EMERGING_TOP = 5;
    public static final int DEFAULT_BENCHMARK_TOP = 5;
    public static final CompetitorOptions DEFAULT = new CompetitorOptions(DEFAULT_EMERGING_MONTHS, DEFAULT_EMERGING_TOP,
            DEFAULT_BENCHMARK_TOP);

    public CompetitorOptions {
        if (emergingMonths < 1 || emergingTop < 1 || benchmarkTop < 1) {
            throw new IllegalArgumentException("competitors emerging_months, emerging_top and benchmark_top must be ≥ 1, got "
                    + emergingMonths + ", " + emergingTop + ", " + benchmarkTop);
        }
    }

    /** A key left out takes its default. */
    @JsonCreator
    public static CompetitorOptions of(@JsonProperty("emerging_months") Integer emergingMonths,
                                       @JsonProperty("emerging_top") Integer emergingTop,
                                       @JsonProperty("benchmark_top") Integer benchmarkTop) {
        return new CompetitorOptions(emergingMonths == null ? DEFAULT_EMERGING_MONTHS : emergingMonths,
                emergingTop == null ? DEFAULT_EMERGING_TOP : emergingTop,
                benchmarkTop == null ? DEFAULT_BENCHMARK_TOP : benchmarkTop);
    }

    /** The options as the config writes them (the run manifest's copy). */
    @JsonValue
    public Map<String, Object> asConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("emerging_months", emergingMonths);
        m.put("emerging_top", emergingTop);
        m.put("benchmark_top", benchmarkTop);
        return m;
    }
}
