package io.marketlens.reports.findings;

import io.marketlens.tables.Tables;
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

    public static final String MARKET_SIZE = Tables.MARKET_SIZE.name();
    public static final String LIFECYCLE = Tables.LIFECYCLE.name();
    public static final String NEW_VS_EXISTING = Tables.NEW_VS_EXISTING.name();
    public static final String SEASONALITY = Tables.SEASONALITY.name();
    public static final String CHANGE_POINTS = Tables.CHANGE_POINTS.name();
    public static final String TURNING_POINTS = Tables.TURNING_POINTS.name();
    public static final String FORECAST = Tables.FORECAST.name();
    public static final String CONCENTRATION = Tables.CONCENTRATION.name();
    public static final String COMPETITION = "competition";
    public static final String PRICE_BANDS = Tables.PRICE_BANDS.name();
    public static final String HOT_TERMS = Tables.HOT_TERMS.name();
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
