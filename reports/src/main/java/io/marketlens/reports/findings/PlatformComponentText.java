package io.marketlens.reports.findings;

import io.marketlens.reports.text.Numbers;
import io.marketlens.tables.Columns;
import io.marketlens.tables.PlatformComponent;
import io.marketlens.tables.ScoreComponent;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The components of the platform-comparison score (T/CCPITCSC 111-2022 1.2.1 平台选择, table
 * {@code platform_comparison}), in the order of {@link Columns#PLATFORM_COMPONENTS}, and how each value reads; column,
 * sign and default weight are the contract's ({@link PlatformComponent}).
 */
public enum PlatformComponentText implements ScoreComponentText {
    REVENUE(PlatformComponent.REVENUE, true, Numbers::moneyCompact),
    GROWTH(PlatformComponent.GROWTH, false, (n, v) -> n.signedPercent(v, 1)),
    HHI(PlatformComponent.HHI, false, Numbers::integer),
    ASP(PlatformComponent.ASP, true, Numbers::moneyCompact),
    SELLERS(PlatformComponent.SELLERS, false, Numbers::integer),
    NEW_PRODUCT_SHARE(PlatformComponent.NEW_PRODUCT_SHARE, false, (n, v) -> n.percent(v, 1)),
    LEAD_TIME(PlatformComponent.LEAD_TIME, false, (n, v) -> n.decimal(v, 1)),
    ON_TIME(PlatformComponent.ON_TIME, false, (n, v) -> n.percent(v, 1)),
    LOGISTICS_COST_SHARE(PlatformComponent.LOGISTICS_COST_SHARE, false, (n, v) -> n.percent(v, 1));

    private final PlatformComponent spec;
    private final boolean money;
    private final BiFunction<Numbers, Double, String> format;

    PlatformComponentText(PlatformComponent spec, boolean money, BiFunction<Numbers, Double, String> format) {
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
        return PlatformComponent.WEIGHTS_KEY;
    }

    @Override
    public String textKey() {
        return "platforms";
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
