package io.marketlens.tables;

import java.util.Locale;

/**
 * A value a table carries as a code (a season, a stage, a class): the text written to the table and the key under
 * which the report finds its words in each language, {@code label.<family>.<code>}.
 */
public interface Code {

    /** The value written to the table. */
    String code();

    /** The family of the label key, shared by the codes of one column (or of columns that use the same codes). */
    String family();

    default String labelKey() {
        return labelKey(family(), code());
    }

    static String labelKey(String family, String code) {
        return "label." + family + "." + code;
    }

    /** A code that is its enum constant's name in lower case ({@code PEAK} → {@code peak}). */
    interface Named extends Code {

        String name();

        @Override
        default String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
