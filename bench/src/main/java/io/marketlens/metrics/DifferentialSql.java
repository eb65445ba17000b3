package io.marketlens.metrics;

import io.marketlens.testing.DuckDb;
import io.marketlens.testing.MarketSql;
import java.nio.file.Path;

/**
 * The DuckDB reading of the raw exports that {@link DuckDbDifferentialTest} checks marketlens against, opened to the
 * benchmark: this class shares the test's package so that the benchmark runs that very SQL instead of a copy of it.
 *
 * <p>What the SQL does, and the settings it assumes (zone Asia/Shanghai, base currency USD, FX rates up to 7 days
 * old — those of the generator's {@code marketlens.yaml}), are documented on the test.
 */
public final class DifferentialSql {

    /** Relative tolerance of the test's comparisons. */
    public static final double REL = DuckDbDifferentialTest.REL;
    /** Absolute tolerance for CR_n and HHI, which marketlens publishes rounded to 1e-6. */
    public static final double ROUNDED = DuckDbDifferentialTest.ROUNDED;

    private DifferentialSql() {
    }

    /**
     * Creates {@code fx}, {@code sales_ok} and {@code comp_ok} (and their intermediates) from the CSV files in
     * {@code input}'s {@code fx_rates/}, {@code sales/} and {@code competitors/} folders; once per connection.
     */
    public static void loadRawExports(DuckDb db, Path input) {
        DuckDbDifferentialTest.loadRawExports(db, input);
    }

    /**
     * Writes the differential test's hand-written edge cases into {@code input}'s {@code sales/}, {@code fx_rates/} and
     * {@code competitors/} folders (which must exist): offsets that move an order into another local month, a date
     * without time, a currency with sparse rates, two snapshots of a listing in one month, and more.
     */
    public static void writeEdgeCases(Path input) throws java.io.IOException {
        DuckDbDifferentialTest.writeEdgeCases(input);
    }

    /** Creates {@code demand}, {@code demand_orders} and {@code fact} from {@code sales_ok} and {@code comp_ok}; once per connection. */
    public static void buildFact(DuckDb db, MarketSql.Window window) {
        DuckDbDifferentialTest.buildFact(db, window);
    }
}
