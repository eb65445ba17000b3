package io.marketlens.ingest;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Bounds beyond which a parsed value is not believed: a quantity of a billion on one order line, a listing selling a
 * billion units a month, an order of 1970 (an empty date read as the epoch) or of next year. Such a row is quarantined
 * as {@code out_of_range:<column>}, its detail naming the bound and the setting that moves it ({@code plausibility:} in
 * the config).
 *
 * @param maxQuantity  the largest quantity of one sales line
 * @param maxEstUnits  the largest monthly sales estimate of one listing
 * @param earliestDate the earliest day of an order, snapshot or shipment
 * @param latestDate   the latest such day: the run's date (in its time zone) plus a margin
 * @param zone         the zone in which a timestamp's day is taken
 * @param daysAhead    the margin of {@code latestDate} after the run's date ({@code plausibility.days_ahead}): the setting,
 *                     which unlike {@code latestDate} does not move from one night to the next
 */
public record Plausibility(long maxQuantity, long maxEstUnits, LocalDate earliestDate, LocalDate latestDate, String zone,
                           int daysAhead) implements Serializable {

    /** Bounds whose latest date is given as a day: the margin is its distance from today in {@code zone}. */
    public Plausibility(long maxQuantity, long maxEstUnits, LocalDate earliestDate, LocalDate latestDate, String zone) {
        this(maxQuantity, maxEstUnits, earliestDate, latestDate, zone,
                (int) java.time.temporal.ChronoUnit.DAYS.between(LocalDate.now(ZoneId.of(zone)), latestDate));
    }

    public static final long DEFAULT_MAX_QUANTITY = 10_000;
    public static final long DEFAULT_MAX_EST_UNITS = 10_000_000;
    public static final LocalDate DEFAULT_EARLIEST_DATE = LocalDate.of(2000, 1, 1);
    public static final int DEFAULT_DAYS_AHEAD = 1;

    /** The default bounds for a run on {@code today} in {@code zone}. */
    public static Plausibility defaults(LocalDate today, String zone) {
        return new Plausibility(DEFAULT_MAX_QUANTITY, DEFAULT_MAX_EST_UNITS, DEFAULT_EARLIEST_DATE,
                today.plusDays(DEFAULT_DAYS_AHEAD), zone, DEFAULT_DAYS_AHEAD);
    }

    /** The default bounds for a run today, in {@code zone}. */
    public static Plausibility defaults(String zone) {
        return defaults(LocalDate.now(ZoneId.of(zone)), zone);
    }

    /**
     * Why {@code value}, parsed from {@code source}'s column {@code column}, is not believed; null when it is (or when the
     * column has no bound). Dates bound are the day of an order, a snapshot and a shipment; a product's launch date, a
     * promised or a delivery date and an FX rate's date are not bound (old products, parcels promised ahead, a rate
     * history going back to the last century).
     */
    public String implausible(Source source, String column, Object value) {
        if (value == null) {
            return null;
        }
        if (source == Source.SALES && column.equals("quantity") && (Long) value > maxQuantity) {
            return String.format(Locale.ROOT, "quantity %,d is above %,d on one line (plausibility.max_quantity)", (Long) value,
                    maxQuantity);
        }
        if (source == Source.COMPETITORS && column.equals("est_units") && (Long) value > maxEstUnits) {
            return String.format(Locale.ROOT, "est_units %,d is above %,d a month for one listing (plausibility.max_est_units)",
                    (Long) value, maxEstUnits);
        }
        if (source != Source.FX_RATES && column.equals(source.dateColumn())) {
            LocalDate day = value instanceof Instant i ? i.atZone(ZoneId.of(zone)).toLocalDate() : (LocalDate) value;
            if (day.isBefore(earliestDate)) {
                return column + " " + day + " is before " + earliestDate + " (plausibility.earliest_date)";
            }
            if (day.isAfter(latestDate)) {
                return column + " " + day + " is after " + latestDate + ", the run's date + plausibility.days_ahead";
            }
        }
        return null;
    }
}
