package io.marketlens.config;

import io.marketlens.ingest.Plausibility;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The {@code plausibility:} section: bounds beyond which a value of an export is quarantined as
 * {@code out_of_range:<column>} instead of entering the market (see {@link Plausibility}).
 *
 * @param maxQuantity  the largest quantity of one sales line (default 10,000)
 * @param maxEstUnits  the largest monthly sales estimate of one listing (default 10,000,000)
 * @param earliestDate the earliest day of an order, snapshot or shipment, ISO (default 2000-01-01)
 * @param daysAhead    how many days after the run's date an order, snapshot or shipment may be dated (default 1:
 *                     tomorrow, for exports written in a time zone ahead of the run's)
 */
public record PlausibilityOptions(Long maxQuantity, Long maxEstUnits, String earliestDate, Integer daysAhead)
        implements Serializable {

    public PlausibilityOptions {
        maxQuantity = maxQuantity == null ? Plausibility.DEFAULT_MAX_QUANTITY : maxQuantity;
        maxEstUnits = maxEstUnits == null ? Plausibility.DEFAULT_MAX_EST_UNITS : maxEstUnits;
        earliestDate = earliestDate == null ? Plausibility.DEFAULT_EARLIEST_DATE.toString() : earliestDate.strip();
        daysAhead = daysAhead == null ? Plausibility.DEFAULT_DAYS_AHEAD : daysAhead;
    }

    public static PlausibilityOptions defaults() {
        return new PlausibilityOptions(null, null, null, null);
    }

    /** The bounds of a run on {@code today} in {@code zone}; {@link ConfigLoader} has checked the values. */
    public Plausibility bounds(LocalDate today, ZoneId zone) {
        return new Plausibility(maxQuantity, maxEstUnits, LocalDate.parse(earliestDate), today.plusDays(daysAhead), zone.getId(),
                daysAhead);
    }
}
