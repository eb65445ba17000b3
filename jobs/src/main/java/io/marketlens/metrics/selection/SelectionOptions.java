package io.marketlens.metrics.selection;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.marketlens.tables.SelectionComponent;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The config's {@code metrics.product_selection} section.
 *
 * @param weights     weight of each component (≥ 0; 0 leaves it out), keyed by its column name; a component left
 *                    out takes its default ({@link SelectionScore#DEFAULT_WEIGHTS})
 * @param minOrders   a candidate with fewer orders in the window is {@code low_volume} and not scored (a snapshot's
 *                    estimated unit counts as one order); default {@value #DEFAULT_MIN_ORDERS}
 * @param minListings … or with fewer selling listings; default {@value #DEFAULT_MIN_LISTINGS}
 */
public record SelectionOptions(Map<SelectionComponent, Double> weights, long minOrders, long minListings) implements Serializable {

    public static final long DEFAULT_MIN_ORDERS = 30;
    public static final long DEFAULT_MIN_LISTINGS = 5;
    public static final SelectionOptions DEFAULT = new SelectionOptions(SelectionScore.DEFAULT_WEIGHTS, DEFAULT_MIN_ORDERS,
            DEFAULT_MIN_LISTINGS);

    public SelectionOptions {
        weights = SelectionScore.checkedWeights(SelectionComponent.class, weights, "product_selection");
        if (minOrders < 0 || minListings < 0) {
            throw new IllegalArgumentException("product_selection min_orders and min_listings must be ≥ 0, got "
                    + minOrders + ", " + minListings);
        }
    }

    /** Weights keyed by component column name; a key left out takes its default, an unknown key is refused. */
    @JsonCreator
    public static SelectionOptions of(@JsonProperty("weights") Map<String, Double> weights,
                                      @JsonProperty("min_orders") Long minOrders,
                                      @JsonProperty("min_listings") Long minListings) {
        Map<SelectionComponent, Double> w = new EnumMap<>(SelectionComponent.class);
        if (weights != null) {
            weights.forEach((name, value) -> w.put(SelectionComponent.ofColumn(name), value));
        }
        return new SelectionOptions(w, minOrders == null ? DEFAULT_MIN_ORDERS : minOrders,
                minListings == null ? DEFAULT_MIN_LISTINGS : minListings);
    }

    /** The options as the config writes them (the run manifest's copy). */
    @JsonValue
    public Map<String, Object> asConfig() {
        Map<String, Object> w = new LinkedHashMap<>();
        weights.forEach((c, v) -> w.put(c.column(), v));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("weights", w);
        m.put("min_orders", minOrders);
        m.put("min_listings", minListings);
        return m;
    }
}
