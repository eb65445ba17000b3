package io.marketlens.reports.findings;

import java.util.List;
import java.util.Objects;

/**
 * One key finding of the report: a sentence (or two) generated from a run's numbers, and the topic it is
 * about, so that the renderer can group findings or link them to their section.
 *
 * @param topic one of {@link #TOPICS}
 * @param text  the sentence in the report's language, its numbers formatted by {@code Numbers}
 */
public record Finding(String topic, String text) {

    public static final String MARKET_SIZE = "market_size";
    public static final String LIFECYCLE = "lifecycle";
    public static final String NEW_VS_EXISTING = "new_vs_existing";
    public static final String SEASONALITY = "seasonality";
    public static final String CHANGE_POINTS = "change_points";
    public static final String TURNING_POINTS = "turning_points";
    public static final String FORECAST = "forecast";
    public static final String CONCENTRATION = "concentration";
    public static final String COMPETITION = "competition";
    public static final String PRICE_BANDS = "price_bands";
    public static final String HOT_TERMS = "hot_terms";
    public static final String LOGISTICS = "logistics";
    public static final String DATA_QUALITY = "data_quality";

    /** Every topic, in the order the key findings present them. */
    public static final List<String> TOPICS = List.of(MARKET_SIZE, LIFECYCLE, NEW_VS_EXISTING, SEASONALITY,
            CHANGE_POINTS, TURNING_POINTS, FORECAST, CONCENTRATION, COMPETITION, PRICE_BANDS, HOT_TERMS, LOGISTICS,
            DATA_QUALITY);

    public Finding {
        Objects.requireNonNull(text, "text");
        if (!TOPICS.contains(topic)) {
            throw new IllegalArgumentException("unknown finding topic '" + topic + "': use one of " + TOPICS);
        }
    }
}
