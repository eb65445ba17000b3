package io.marketlens.ingest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Daily FX rates to the base currency. An amount converts at the rate of its own date or the latest
 * earlier rate at most {@code toleranceDays} before it (SPEC §2 fx_rates).
 */
public final class FxRates implements Serializable {

    private final String baseCurrency;
    private final int toleranceDays;
    private final Map<String, TreeMap<LocalDate, BigDecimal>> byCurrency = new HashMap<>();

    public FxRates(String baseCurrency, int toleranceDays) {
        this.baseCurrency = baseCurrency;
        this.toleranceDays = toleranceDays;
    }

    public FxRates put(String currency, LocalDate date, BigDecimal rateToBase) {
        byCurrency.computeIfAbsent(currency, c -> new TreeMap<>()).put(date, rateToBase);
        return this;
    }

    /** Units of the base currency for one unit of {@code currency} on {@code date}, if a rate applies. */
    public Optional<BigDecimal> rate(String currency, LocalDate date) {
        if (baseCurrency.equals(currency)) {
            return Optional.of(BigDecimal.ONE);
        }
        TreeMap<LocalDate, BigDecimal> rates = byCurrency.get(currency);
        if (rates == null) {
            return Optional.empty();
        }
        Map.Entry<LocalDate, BigDecimal> e = rates.floorEntry(date);
        if (e == null || e.getKey().isBefore(date.minusDays(toleranceDays))) {
            return Optional.empty();
        }
        return Optional.of(e.getValue());
    }

    public String baseCurrency() {
        return baseCurrency;
    }

    public int toleranceDays() {
        return toleranceDays;
    }

    public int size() {
        return byCurrency.values().stream().mapToInt(Map::size).sum();
    }
}
