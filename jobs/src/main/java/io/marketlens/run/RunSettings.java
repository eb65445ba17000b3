package io.marketlens.run;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.io.Storage;
import java.time.LocalDate;

/**
 * What one invocation works on: the input folder, the output folder, the warehouse (default
 * {@code <output>/warehouse}), the as-of date (default: the last date in the data) and the config.
 */
public record RunSettings(String input, String output, String warehouse, LocalDate asOf, MarketlensConfig config) {

    public RunSettings {
        if (warehouse == null && output != null) {
            warehouse = Storage.join(output, "warehouse");
        }
    }
}
