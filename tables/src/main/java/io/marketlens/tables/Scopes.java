package io.marketlens.tables;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;

/**
 * The values that name a scope and a period in every table (SPEC §7): {@value #ALL} in a rolled-up platform,
 * marketplace, category, carrier, service or region column; {@code yyyy-MM} for a month and {@value #WINDOW} for the
 * analysis window in a {@code period} column. A month counts when it is full at the as-of date: the as-of date is its
 * last day or later, so an as-of date in mid-month leaves that partial month out.
 */
public final class Scopes {

    /** The value of a rolled-up column. */
    public static final String ALL = "ALL";
    /** The {@code period} of whole-window rows. */
    public static final String WINDOW = "window";
    /** The {@code period} of rows over the {@link #WINDOW}'s length just before it (own_store: the year before). */
    public static final String PREVIOUS_WINDOW = "previous_window";
    /** Months in the window unless the config's {@value #WINDOW_MONTHS_KEY} says otherwise. */
    public static final int DEFAULT_WINDOW_MONTHS = 12;
    /** The config key (and manifest config entry) of the window's length. */
    public static final String WINDOW_MONTHS_KEY = "window_months";

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private Scopes() {
    }

    /** The last full calendar month at the as-of date: the window's last month. */
    public static YearMonth lastFullMonth(LocalDate asOf) {
        YearMonth m = YearMonth.from(asOf);
        return asOf.equals(m.atEndOfMonth()) ? m : m.minusMonths(1);
    }

    /** A month as its {@code period} value, {@code yyyy-MM}. */
    public static String period(YearMonth month) {
        return MONTH.format(month);
    }
}
