package io.marketlens.metrics.platforms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.marketlens.metrics.selection.SelectionOptions;
import io.marketlens.metrics.selection.SelectionScore;
import io.marketlens.tables.PlatformComponent;
import java.io.Serializable;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The config's {@code metrics.platform_comparison} section.
 *
 * @param weights      weight of each component (≥ 0; 0 leaves it out), keyed by its column name; a component left out
 *                     takes its default ({@link PlatformComponent#defaultWeight()})
 * @param destinations marketplace → ISO 3166-1 alpha-2 destination country, before the defaults of
 *                     {@link Destinations} (e.g. {@code {UK: GB, EU: DE}}); codes kept trimmed and in upper case
 * @param minOrders    a candidate with fewer orders in the window is {@code low_volume} and not scored (a snapshot's
 *                     estimated unit counts as one order); default as product selection's,
 *                     {@value SelectionOptions#DEFAULT_MIN_ORDERS}
 * @param minListings  … or with fewer selling listings; default {@value SelectionOptions#DEFAULT_MIN_LISTINGS}
 */
public record PlatformOptions(Map<PlatformComponent, Double> weights, Map<String, String> destinations, long minOrders,
                              long minListings) implements Serializable {

    public static final PlatformOptions DEFAULT = new PlatformOptions(null, null, SelectionOptions.DEFAULT_MIN_ORDERS,
            SelectionOptions.DEFAULT_MIN_LISTINGS);

    public PlatformOptions {
        weights = SelectionScore.checkedWeights(PlatformComponent.class, weights, "platform_comparison");
        try {
            destinations = Collections.unmodifiableMap(new TreeMap<>(
                    new Destinations(destinations == null ? Map.of() : destinations).configured()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("platform_comparison " + e.getMessage(), e);
        }
        if (minOrders < 0 || minListings < 0) {
            throw new IllegalArgumentException("platform_comparison min_orders and min_listings must be ≥ 0, got "
                    + minOrders + ", " + minListings);
        }
    }

    /** Weights keyed by component column name; a key left out takes its default, an unknown key is refused. */
    @JsonCreator
    public static PlatformOptions of(@JsonProperty("weights") Map<String, Double> weights,
                                     @JsonProperty("destinations") Map<String, String> destinations,
                                     @JsonProperty("min_orders") Long minOrders,
                                     @JsonProperty("min_listings") Long minListings) {
        Map<PlatformComponent, Double> w = new EnumMap<>(PlatformComponent.class);
        if (weights != null) {
            weights.forEach((name, value) -> w.put(PlatformComponent.ofColumn(name), value));
        }
        return new PlatformOptions(w, destinations, minOrders == null ? SelectionOptions.DEFAULT_MIN_ORDERS : minOrders,
                minListings == null ? SelectionOptions.DEFAULT_MIN_LISTINGS : minListings);
    }

    /** The marketplace → destination country mapping: the configured entries, then the defaults. */
    public Destinations countries() {
        return new Destinations(destinations);
    }

    /** The options as the config writes them (the run manifest's copy). */
    @JsonValue
    public Map<String, Object> asConfig() {
        Map<String, Object> w = new LinkedHashMap<>();
        weights.forEach((c, v) -> w.put(c.column(), v));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("weights", w);
        m.put("destinations", destinations);
        m.put("min_orders", minOrders);
        m.put("min_listings", minListings);
        return m;
    }
}
