package io.marketlens.reports.findings;

import java.util.Objects;

/**
 * One key finding of the report: a sentence (or two) generated from a run's numbers, and the topic it is
 * about, so that the renderer can order and group findings.
 *
 * @param topic what the finding is about
 * @param text  the sentence in the report's language, its numbers formatted by {@code Numbers}
 */
public record Finding(Topic topic, String text) {

    public Finding {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(text, "text");
    }
}
