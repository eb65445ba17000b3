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
 */
public record IngestSettings(String baseCurrency, String timezone, int fxToleranceDays, Map<Source, SourceOptions> sources)
        implements Serializable {

    public IngestSettings {
        sources = Map.copyOf(sources);
    }

    /** The reading options of one source. */
    public SourceOptions source(Source source) {
        return sources.getOrDefault(source, SourceOptions.defaults());
    }

    public ZoneId zone() {
        return ZoneId.of(timezone);
    }
}
