package io.marketlens.metrics.concentration;

/**
 * A market-structure class of T/CCPITCSC 111-2022 Table 1, 1.1.4 market concentration, with the
 * machine-readable code written to the {@code concentration} table and the labels the report prints.
 */
public interface ConcentrationClass extends io.marketlens.metrics.Label.Labelled {
}
