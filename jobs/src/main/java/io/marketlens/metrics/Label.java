package io.marketlens.metrics;

import java.io.Serializable;

/**
 * A class or stage a metric assigns: the machine-readable code written to its table, and the English and
 * Chinese names the report prints.
 */
public record Label(String code, String en, String zh) implements Serializable {

    /** Something that carries a {@link Label}: the enums of classes and stages. */
    public interface Labelled {
        Label label();

        /** The value written to the table. */
        default String code() {
            return label().code();
        }

        default String labelEn() {
            return label().en();
        }

        default String labelZh() {
            return label().zh();
        }
    }
}
