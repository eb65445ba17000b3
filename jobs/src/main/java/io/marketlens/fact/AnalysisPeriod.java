package io.marketlens.fact;

import io.marketlens.tables.Scopes;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The months a run analyses. Monthly rows cover every full calendar month up to the as-of date; the
 * {@code window} is the last {@code windowMonths} of them (SPEC §7). A month is full when the as-of date
 * is its last day or later, so an as-of date in mid-month leaves that partial month out.
 */
public record AnalysisPeriod(LocalDate asOf, int windowMonths) implements Serializable {

    /** The {@code period} value of whole-window rows. */
    public static final String WINDOW = Scopes.WINDOW;
    /** The window before {@link #WINDOW}: compared with, and written by {@code own_store} only. */
    public static final String PREVIOUS_WINDOW = Scopes.PREVIOUS_WINDOW;

    /** The last full calendar month at the as-of date. */
    public YearMonth lastMonth() {
        return Scopes.lastFullMonth(asOf);
    }

    public YearMonth firstWindowMonth() {
        return lastMonth().minusMonths(windowMonths - 1L);
    }

    public String lastPeriod() {
        return format(lastMonth());
    }

    public String firstWindowPeriod() {
        return format(firstWindowMonth());
    }

    /** First and last month (inclusive) of the window before this one, for changes over the window. */
    public String firstPreviousWindowPeriod() {
        return format(firstWindowMonth().minusMonths(windowMonths));
    }

    public String lastPreviousWindowPeriod() {
        return format(firstWindowMonth().minusMonths(1));
    }

    public static String format(YearMonth m) {
        return Scopes.period(m);
    }
}
