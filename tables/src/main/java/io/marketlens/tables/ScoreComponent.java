package io.marketlens.tables;

/**
 * A component of a z-scored ranking (product selection, platform comparison): the column holding its value (its
 * z-score is {@code <column>_z}), the sign it enters the score with, and its default weight. Implemented by enums whose
 * order is the order of the values a candidate carries.
 */
public interface ScoreComponent {

    /** The value's column in its table and the component's key under the config's weights. */
    String column();

    /** +1 when a larger value makes a better candidate, −1 when a smaller one does. */
    int sign();

    double defaultWeight();

    /** The position of the component among its kind (the enum's ordinal). */
    int ordinal();

    /**
     * The component of {@code kind} whose column is {@code column}; else an error naming {@code what} ("a product-selection
     * component") and {@code columns}, the valid ones.
     */
    static <E extends Enum<E> & ScoreComponent> E ofColumn(Class<E> kind, String column, String what, java.util.List<String> columns) {
        for (E c : kind.getEnumConstants()) {
            if (c.column().equals(column)) {
                return c;
            }
        }
        throw new IllegalArgumentException("'" + column + "' is not " + what + "; the components are " + columns);
    }
}
