package io.marketlens.metrics.changes;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The config's {@code metrics.changes} section: how far a figure must move between two runs to be a change
 * ({@link RunChanges}).
 *
 * @param sharePoints  a seller's window share of a category moved by at least this many percentage points:
 *                     {@code share_move}; default {@value #DEFAULT_SHARE_POINTS}
 * @param leadTimeDays a lane's window median lead time moved by at least this many days: {@code lane_lead_time};
 *                     default {@value #DEFAULT_LEAD_TIME_DAYS}
 * @param onTimePoints a lane's window on-time rate moved by at least this many percentage points:
 *                     {@code lane_on_time}; default {@value #DEFAULT_ON_TIME_POINTS}
 */
public record ChangesOptions(double sharePoints, double leadTimeDays, double onTimePoints) implements Serializable {

    public static final double DEFAULT_SHARE_POINTS = 2.0;
    public static final double DEFAULT_LEAD_TIME_DAYS = 1.0;
    public static final double DEFAULT_ON_TIME_POINTS = 5.0;
    public static final ChangesOptions DEFAULT = new ChangesOptions(DEFAULT_SHARE_POINTS, DEFAULT_LEAD_TIME_DAYS,
            DEFAULT_ON_TIME_POINTS);

    public ChangesOptions {
        if (!(sharePoints > 0 && sharePoints <= 100) || !(onTimePoints > 0 && onTimePoints <= 100)) {
            throw new IllegalArgumentException("changes share_points and on_time_points are percentage points in (0, 100],"
                    + " got " + sharePoints + ", " + onTimePoints);
        }
        if (!(leadTimeDays > 0 && Double.isFinite(leadTimeDays))) {
            throw new IllegalArgumentException("changes lead_time_days must be a number of days > 0, got " + leadTimeDays);
        }
    }

    /** A key left out takes its default. */
    @JsonCreator
    public static ChangesOptions of(@JsonProperty("share_points") Double sharePoints,
                                    @JsonProperty("lead_time_days") Double leadTimeDays,
                                    @JsonProperty("on_time_points") Double onTimePoints) {
        return new ChangesOptions(sharePoints == null ? DEFAULT_SHARE_POINTS : sharePoints,
                leadTimeDays == null ? DEFAULT_LEAD_TIME_DAYS : leadTimeDays,
                onTimePoints == null ? DEFAULT_ON_TIME_POINTS : onTimePoints);
    }

    /** The options as the config writes them (the run manifest's copy). */
    @JsonValue
    public Map<String, Object> asConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("share_points", sharePoints);
        m.put("lead_time_days", leadTimeDays);
        m.put("on_time_points", onTimePoints);
        return m;
    }
}
