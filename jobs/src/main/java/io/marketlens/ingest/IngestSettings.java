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
}
