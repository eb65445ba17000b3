package io.marketlens.ingest;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.Map;

/**
 * What ingest reads of the run's settings: how each source's files are written, the time zone of timestamps without
 * an offset, and the base currency with the FX rates' tolerance.
 *
 * @param baseCurrency    ISO 4217 code every amount is converted to
 * @param timezone        IANA zone of the run (timestamps without an offset are read in it)
 * @param fxToleranceDays how many days back a rate may be taken from when the order's day has none
 * @param sources         reading options per source; a source without an entry is read with the defaults
 * @param cancelledStatuses sales statuses of cancelled lines (lower case), which may come without a price or quantity
 * @param plausibility    the bounds beyond which a value is not believed
 */
public record IngestSettings(String baseCurrency, String timezone, int fxToleranceDays, Map<Source, SourceOptions> sources,
                             java.util.List<String> cancelledStatuses, Plausibility plausibility) implements Serializable {

    public IngestSettings {
        sources = Map.copyOf(sources);
        cancelledStatuses = cancelledStatuses == null ? java.util.List.of() : java.util.List.copyOf(cancelledStatuses);
        plausibility = plausibility == null ? Plausibility.defaults(timezone) : plausibility;
    }

    /** Settings with the default plausibility bounds of a run today. */
    public IngestSettings(String baseCurrency, String timezone, int fxToleranceDays, Map<Source, SourceOptions> sources,
                          java.util.List<String> cancelledStatuses) {
        this(baseCurrency, timezone, fxToleranceDays, sources, cancelledStatuses, null);
    }

    public IngestSettings(String baseCurrency, String timezone, int fxToleranceDays, Map<Source, SourceOptions> sources) {
        this(baseCurrency, timezone, fxToleranceDays, sources, java.util.List.of("cancelled", "canceled"), null);
    }

    /** The reading options of one source. */
    public SourceOptions source(Source source) {
        return sources.getOrDefault(source, SourceOptions.defaults());
    }

    public ZoneId zone() {
        return ZoneId.of(timezone);
    }

    /**
     * The fingerprint (SHA-256, hex) of the settings that decide how a file of {@code source} is read and checked, stored
     * in the warehouse's registry with each file: a file ingested under other settings is read again. It covers
     * <ul>
     * <li>the source's reading options ({@link SourceOptions#describe()}: encoding, delimiter, date and timestamp patterns,
     * decimal comma, header row, sheet, {@code rows_with}, preset, columns), except {@code file_date} — that says what
     * tonight's files named without a date are ({@code --period}, {@code --snapshot-date}), not how the source is
     * written, and a file read before keeps the date it was read with;</li>
     * <li>the time zone (timestamps without an offset, a timestamp's day, the months);</li>
     * <li>for a source with an amount to convert (sales, competitors, logistics): the base currency and the FX
     * tolerance;</li>
     * <li>for sales: the cancelled statuses (a cancelled line may come without a price or quantity);</li>
     * <li>the plausibility bounds the source is checked against: {@code max_quantity} (sales), {@code max_est_units}
     * (competitors), {@code earliest_date} and {@code days_ahead} (sales, competitors, logistics) — the setting, not the
     * latest date it gives tonight.</li>
     * </ul>
     * Settings read after ingest only (returned statuses, metrics, the quarantine ratio) are not part of it.
     */
    public String fingerprint(Source source) {
        Map<String, Object> m = new java.util.TreeMap<>();
        Map<String, Object> options = new java.util.TreeMap<>(source(source).describe());
        options.remove("file_date");
        m.put("source", source.dirName());
        m.put("options", options);
        m.put("timezone", timezone);
        if (source.moneyColumn().isPresent()) {
            m.put("base_currency", baseCurrency);
            m.put("fx_tolerance_days", fxToleranceDays);
        }
        if (source == Source.SALES) {
            m.put("cancelled_statuses", new java.util.TreeSet<>(cancelledStatuses));
            m.put("max_quantity", plausibility.maxQuantity());
        }
        if (source == Source.COMPETITORS) {
            m.put("max_est_units", plausibility.maxEstUnits());
        }
        if (source != Source.FX_RATES) {
            m.put("earliest_date", plausibility.earliestDate().toString());
            m.put("days_ahead", plausibility.daysAhead());
        }
        return io.marketlens.io.SettingsFingerprint.of(m);
    }
}
