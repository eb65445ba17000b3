package io.marketlens.reports.findings;

import io.marketlens.reports.data.RunFolder;
import io.marketlens.reports.text.Numbers;
import io.marketlens.tables.Columns;
import io.marketlens.tables.SelectionComponent;
import java.util.function.BiFunction;

/**
 * The components of the product-selection score (T/CCPITCSC 111-2022 1.1.8 选品分析, table {@code product_selection}),
 * in the order of {@link Columns#SELECTION_COMPONENTS}: the column of each value (its z-score is {@code <column>_z}),
 * the sign it enters the score with (a larger market adds to it, a higher HHI takes from it), its default weight and
 * how its value reads; column, sign and default weight are the contract's ({@link SelectionComponent}).
 */
public enum ComponentText {
    SIZE(SelectionComponent.SIZE, Numbers::moneyCompact),
    GROWTH(SelectionComponent.GROWTH, (n, v) -> n.signedPercent(v, 1)),
    HHI(SelectionComponent.HHI, Numbers::integer),
    NEW_PRODUCT_REVENUE_SHARE(SelectionComponent.NEW_PRODUCT_SHARE, (n, v) -> n.percent(v, 1)),
    BEST_BAND_OPPORTUNITY(SelectionComponent.BEST_BAND_OPPORTUNITY, (n, v) -> n.decimal(v, 2)),
    TOP10_MEAN_REVIEWS(SelectionComponent.TOP10_REVIEWS, Numbers::integer),
    LOGISTICS_COST_SHARE(SelectionComponent.LOGISTICS_COST_SHARE, (n, v) -> n.percent(v, 1)),
    SEASONALITY_AMPLITUDE(SelectionComponent.SEASONALITY_AMPLITUDE, (n, v) -> n.decimal(v, 2));

    private final String column;
    private final int sign;
    private final double defaultWeight;
    private final BiFunction<Numbers, Double, String> format;

    ComponentText(SelectionComponent spec, BiFunction<Numbers, Double, String> format) {
        this.column = spec.column();
        this.sign = spec.sign();
        this.defaultWeight = spec.defaultWeight();
        this.format = format;
    }

    /** The column of the component's value. */
    public String column() {
        return column;
    }

    /** The column of its z-score among the candidates. */
    public String zColumn() {
        return Columns.z(column);
    }

    /** +1 when a larger value makes a better candidate, −1 when a smaller one does. */
    public int sign() {
        return sign;
    }

    /** The component's weight in the run: its config's weight, else the default. */
    public double weight(RunFolder run) {
        return run.configNumber(java.util.stream.Stream.concat(SelectionComponent.WEIGHTS_KEY.stream(), java.util.stream.Stream.of(column)).toList(),
                defaultWeight);
    }

    /** The z-score turned so that positive helps the score: sign · z; null without a z-score. */
    public Double goodness(Double z) {
        return z == null ? null : sign * z;
    }

    /** The value as a reader wants it (USD 3.91M, +32.0%, 640, 21.4%, 2.35). */
    public String format(Numbers numbers, Double value) {
        return format.apply(numbers, value);
    }

    /** The value in a table cell: as {@link #format}, but the size without its currency (the header has it). */
    public String cell(Numbers numbers, Double value) {
        return this == SIZE ? (value == null || !Double.isFinite(value) ? Numbers.MISSING : numbers.compact(value)) : format(numbers, value);
    }

    /** The key of its name in a table header ({@code col.selection.<column>}). */
    public String headerKey() {
        return "col.selection." + column;
    }

    /** The key of the words that name it as a strength, with its value ({@code finding.selection.strength.<column>}). */
    public String strengthKey() {
        return "finding.selection.strength." + column;
    }
}
