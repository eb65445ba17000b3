package io.marketlens.reports.findings;

import io.marketlens.reports.text.Numbers;
import io.marketlens.tables.Columns;
import io.marketlens.tables.ScoreComponent;
import io.marketlens.tables.SelectionComponent;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The components of the product-selection score (T/CCPITCSC 111-2022 1.1.8 选品分析, table {@code product_selection}),
 * in the order of {@link Columns#SELECTION_COMPONENTS}, and how each value reads; column, sign and default weight are
 * the contract's ({@link SelectionComponent}).
 */
public enum ComponentText implements ScoreComponentText {
    SIZE(SelectionComponent.SIZE, true, Numbers::moneyCompact),
    GROWTH(SelectionComponent.GROWTH, false, (n, v) -> n.signedPercent(v, 1)),
    HHI(SelectionComponent.HHI, false, Numbers::integer),
    NEW_PRODUCT_REVENUE_SHARE(SelectionComponent.NEW_PRODUCT_SHARE, false, (n, v) -> n.percent(v, 1)),
    BEST_BAND_OPPORTUNITY(SelectionComponent.BEST_BAND_OPPORTUNITY, false, (n, v) -> n.decimal(v, 2)),
    TOP10_MEAN_REVIEWS(SelectionComponent.TOP10_REVIEWS, false, Numbers::integer),
    LOGISTICS_COST_SHARE(SelectionComponent.LOGISTICS_COST_SHARE, false, (n, v) -> n.percent(v, 1)),
    SEASONALITY_AMPLITUDE(SelectionComponent.SEASONALITY_AMPLITUDE, false, (n, v) -> n.decimal(v, 2));

    private final SelectionComponent spec;
    private final boolean money;
    private final BiFunction<Numbers, Double, String> format;

    ComponentText(SelectionComponent spec, boolean money, BiFunction<Numbers, Double, String> format) {
        this.spec = spec;
        this.money = money;
        this.format = format;
    }

    @Override
    public ScoreComponent spec() {
        return spec;
    }

    @Override
    public List<String> weightsKey() {
        return SelectionComponent.WEIGHTS_KEY;
    }

    @Override
    public String textKey() {
        return "selection";
    }

    @Override
    public boolean money() {
        return money;
    }

    @Override
    public String format(Numbers numbers, Double value) {
        return format.apply(numbers, value);
    }
}
