package io.marketlens.reports.findings;

import io.marketlens.reports.data.RunFolder;
import io.marketlens.reports.text.Numbers;
import io.marketlens.tables.Columns;
import io.marketlens.tables.ScoreComponent;
import java.util.List;
import java.util.stream.Stream;

/**
 * How the report shows a component of a z-scored ranking (product selection, platform comparison): its column, sign
 * and weight from the contract ({@link #spec()}), how its value reads, and the keys of its words. The enums
 * {@link ComponentText} and {@link PlatformComponentText} implement it, one constant per component in the contract's
 * order.
 */
public interface ScoreComponentText {

    /** The contract's component: column, sign, default weight. */
    ScoreComponent spec();

    /** Where the run's config holds the weights of this kind of component (e.g. {@code metrics.product_selection.weights}). */
    List<String> weightsKey();

    /** The part of the text keys that names the ranking: {@code selection}, {@code platforms}. */
    String textKey();

    /** Whether the value is an amount of money (a table cell leaves the currency to the header). */
    boolean money();

    /** The value as a reader wants it in a sentence (USD 3.91M, +32.0%, 640, 21.4%, 2.35). */
    String format(Numbers numbers, Double value);

    /** The column of the component's value. */
    default String column() {
        return spec().column();
    }

    /** The column of its z-score among the candidates. */
    default String zColumn() {
        return Columns.z(column());
    }

    /** +1 when a larger value makes a better candidate, −1 when a smaller one does. */
    default int sign() {
        return spec().sign();
    }

    /** The component's weight in the run: its config's weight, else the default. */
    default double weight(RunFolder run) {
        return run.configNumber(Stream.concat(weightsKey().stream(), Stream.of(column())).toList(), spec().defaultWeight());
    }

    /** The z-score turned so that positive helps the score: sign · z; null without a z-score. */
    default Double goodness(Double z) {
        return z == null ? null : sign() * z;
    }

    /** The value in a table cell: as {@link #format}, but money without its currency (the header has it). */
    default String cell(Numbers numbers, Double value) {
        if (!money()) {
            return format(numbers, value);
        }
        return value == null || !Double.isFinite(value) ? Numbers.MISSING : numbers.compact(value);
    }

    /** The key of its name in a table header ({@code col.<textKey>.<column>}). */
    default String headerKey() {
        return "col." + textKey() + "." + column();
    }

    /** The key of the words that name it as a strength, with its value ({@code finding.<textKey>.strength.<column>}). */
    default String strengthKey() {
        return "finding." + textKey() + ".strength." + column();
    }
}
