package io.marketlens.metrics;

import io.marketlens.tables.Columns;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * The scopes every market metric is computed for: each row counts in its own (platform, marketplace,
 * category) and in the roll-ups that replace platform, marketplace and/or category with {@code ALL} —
 * the eight combinations ({@link FactCube} keys the rows by them).
 */
public final class Scopes {

    /** The value of a rolled-up scope column (SPEC §7). */
    public static final String ALL = io.marketlens.tables.Scopes.ALL;
    public static final List<String> COLUMNS = List.of(Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY);

    private Scopes() {
    }

    public static Column[] scopeColumns() {
        return COLUMNS.stream().map(functions::col).toArray(Column[]::new);
    }
}
