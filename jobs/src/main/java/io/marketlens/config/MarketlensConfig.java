package io.marketlens.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.marketlens.fact.FactSettings;
import io.marketlens.ingest.IngestSettings;
import io.marketlens.ingest.Source;
import io.marketlens.ingest.SourceOptions;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run configuration. Precedence: command-line option &gt; config file &gt; built-in default.
 * The file is YAML with the snake_case keys named by the constants below; {@link ConfigLoader}
 * reads it and rejects unknown keys, and the CLI applies its options with the {@code with*} methods.
 */
public record MarketlensConfig(
        @JsonProperty(BASE_CURRENCY) String baseCurrency,
        @JsonProperty(TIMEZONE) String timezone,
        @JsonProperty(FX_TOLERANCE_DAYS) Integer fxToleranceDays,
        @JsonProperty(CANCELLED_STATUSES) List<String> cancelledStatuses,
        @JsonProperty(MAX_QUARANTINE_RATIO) Double maxQuarantineRatio,
        @JsonProperty(WINDOW_MONTHS) Integer windowMonths,
        @JsonProperty(SHUFFLE_PARTITIONS) Integer shufflePartitions,
        @JsonProperty(SOURCES) Map<String, SourceOptions> sources,
        @JsonProperty(METRICS) MetricsOptions metrics,
        @JsonProperty(OWN_SELLER_IDS) List<String> ownSellerIds,
        @JsonProperty(RETURNED_STATUSES) List<String> returnedStatuses,
        @JsonProperty(PLAUSIBILITY) PlausibilityOptions plausibility) implements Serializable {

    /** Bounds beyond which a value is not believed ({@link PlausibilityOptions}). */
    public static final String PLAUSIBILITY = "plausibility";

    public static final String BASE_CURRENCY = "base_currency";
    public static final String TIMEZONE = "timezone";
    public static final String FX_TOLERANCE_DAYS = "fx_tolerance_days";
    public static final String CANCELLED_STATUSES = "cancelled_statuses";
    /** Sales statuses of returned lines (compared trimmed and lower-case): the own store's return rates. */
    public static final String RETURNED_STATUSES = "returned_statuses";
    public static final String MAX_QUARANTINE_RATIO = "max_quarantine_ratio";
    public static final String WINDOW_MONTHS = "window_months";
    public static final String SHUFFLE_PARTITIONS = "shuffle_partitions";
    public static final String SOURCES = "sources";
    public static final String METRICS = "metrics";
    /** The seller ids that are the own store (compared trimmed, exactly, on every platform). */
    public static final String OWN_SELLER_IDS = "own_seller_ids";

    public static final String DEFAULT_BASE_CURRENCY = "USD";
    public static final String DEFAULT_TIMEZONE = "UTC";
    public static final int DEFAULT_FX_TOLERANCE_DAYS = 7;
    public static final List<String> DEFAULT_CANCELLED_STATUSES = List.of("cancelled", "canceled");
    public static final List<String> DEFAULT_RETURNED_STATUSES = List.of("returned", "refunded");
    public static final double DEFAULT_MAX_QUARANTINE_RATIO = 0.05;
    public static final int DEFAULT_WINDOW_MONTHS = 12;
    public static final int DEFAULT_SHUFFLE_PARTITIONS = 8;

    public MarketlensConfig {
        baseCurrency = baseCurrency == null ? DEFAULT_BASE_CURRENCY : baseCurrency.trim().toUpperCase(java.util.Locale.ROOT);
        timezone = timezone == null ? DEFAULT_TIMEZONE : timezone.trim();
        fxToleranceDays = fxToleranceDays == null ? DEFAULT_FX_TOLERANCE_DAYS : fxToleranceDays;
        cancelledStatuses = cancelledStatuses == null ? DEFAULT_CANCELLED_STATUSES
                : cancelledStatuses.stream().map(s -> s.trim().toLowerCase(java.util.Locale.ROOT)).toList();
        // an empty entry is kept, so that the loader can name it
        returnedStatuses = returnedStatuses == null ? DEFAULT_RETURNED_STATUSES
                : returnedStatuses.stream().map(s -> s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT)).toList();
        maxQuarantineRatio = maxQuarantineRatio == null ? DEFAULT_MAX_QUARANTINE_RATIO : maxQuarantineRatio;
        windowMonths = windowMonths == null ? DEFAULT_WINDOW_MONTHS : windowMonths;
        shufflePartitions = shufflePartitions == null ? DEFAULT_SHUFFLE_PARTITIONS : shufflePartitions;
        Map<String, SourceOptions> byName = new java.util.TreeMap<>();
        if (sources != null) {
            sources.forEach((k, v) -> byName.put(k.toLowerCase(java.util.Locale.ROOT), v == null ? SourceOptions.defaults() : v));
        }
        sources = Map.copyOf(byName);
        metrics = metrics == null ? MetricsOptions.defaults() : metrics;
        plausibility = plausibility == null ? PlausibilityOptions.defaults() : plausibility;
        ownSellerIds = ownSellerIds == null ? List.of()
                : ownSellerIds.stream().filter(java.util.Objects::nonNull).map(String::trim).filter(id -> !id.isEmpty())
                .distinct().toList();
    }

    /** Without a {@code metrics:} section. */
    public MarketlensConfig(String baseCurrency, String timezone, Integer fxToleranceDays, List<String> cancelledStatuses,
                            Double maxQuarantineRatio, Integer windowMonths, Integer shufflePartitions,
                            Map<String, SourceOptions> sources) {
        this(baseCurrency, timezone, fxToleranceDays, cancelledStatuses, maxQuarantineRatio, windowMonths, shufflePartitions,
                sources, null, null, null, null);
    }

    /** Without a {@code plausibility:} section. */
    public MarketlensConfig(String baseCurrency, String timezone, Integer fxToleranceDays, List<String> cancelledStatuses,
                            Double maxQuarantineRatio, Integer windowMonths, Integer shufflePartitions,
                            Map<String, SourceOptions> sources, MetricsOptions metrics, List<String> ownSellerIds,
                            List<String> returnedStatuses) {
        this(baseCurrency, timezone, fxToleranceDays, cancelledStatuses, maxQuarantineRatio, windowMonths, shufflePartitions,
                sources, metrics, ownSellerIds, returnedStatuses, null);
    }

    public static MarketlensConfig defaults() {
        return new MarketlensConfig(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Reading options of one source; defaults where the file has no {@code sources.<name>} entry. */
    public SourceOptions source(Source source) {
        return Optional.ofNullable(sources.get(source.dirName())).orElseGet(SourceOptions::defaults);
    }

    /** What the market fact reads of these settings. */
    public FactSettings fact() {
        return new FactSettings(timezone, cancelledStatuses);
    }

    /** What ingest reads of these settings. */
    public IngestSettings ingest() {
        Map<Source, SourceOptions> bySource = new java.util.EnumMap<>(Source.class);
        for (Source s : Source.values()) {
            bySource.put(s, source(s));
        }
        return new IngestSettings(baseCurrency, timezone, fxToleranceDays, bySource, cancelledStatuses,
                plausibility.bounds(java.time.LocalDate.now(zone()), zone()));
    }

    public java.time.ZoneId zone() {
        return java.time.ZoneId.of(timezone);
    }

    public MarketlensConfig withBaseCurrency(String value) {
        return value == null ? this : new MarketlensConfig(value, timezone, fxToleranceDays, cancelledStatuses,
                maxQuarantineRatio, windowMonths, shufflePartitions, sources, metrics, ownSellerIds, returnedStatuses, plausibility);
    }

    public MarketlensConfig withWindowMonths(Integer value) {
        return value == null ? this : new MarketlensConfig(baseCurrency, timezone, fxToleranceDays, cancelledStatuses,
                maxQuarantineRatio, value, shufflePartitions, sources, metrics, ownSellerIds, returnedStatuses, plausibility);
    }

    /** These settings with {@code date} as the {@code file_date} of {@code source}'s files; unchanged for null. */
    public MarketlensConfig withFileDate(Source source, String date) {
        if (date == null) {
            return this;
        }
        Map<String, SourceOptions> next = new LinkedHashMap<>(sources);
        next.put(source.dirName(), source(source).withFileDate(date));
        return new MarketlensConfig(baseCurrency, timezone, fxToleranceDays, cancelledStatuses, maxQuarantineRatio, windowMonths,
                shufflePartitions, next, metrics, ownSellerIds, returnedStatuses, plausibility);
    }

    /**
     * The effective settings, as written into the run manifest: every setting with the value the run used, a default
     * where the file gives none; each source's reading options too ({@link SourceOptions#describe()}), and every
     * {@code metrics} section with its defaults filled in.
     */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(BASE_CURRENCY, baseCurrency);
        m.put(TIMEZONE, timezone);
        m.put(FX_TOLERANCE_DAYS, fxToleranceDays);
        m.put(CANCELLED_STATUSES, cancelledStatuses);
        m.put(RETURNED_STATUSES, returnedStatuses);
        m.put(MAX_QUARANTINE_RATIO, maxQuarantineRatio);
        m.put(WINDOW_MONTHS, windowMonths);
        m.put(SHUFFLE_PARTITIONS, shufflePartitions);
        Map<String, Object> src = new LinkedHashMap<>();
        for (Source s : Source.values()) {
            src.put(s.dirName(), source(s).describe());
        }
        m.put(SOURCES, src);
        m.put(METRICS, metrics);
        m.put(OWN_SELLER_IDS, ownSellerIds);
        m.put(PLAUSIBILITY, plausibility);
        return m;
    }
}
