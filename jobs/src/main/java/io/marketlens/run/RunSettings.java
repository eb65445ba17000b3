package io.marketlens.run;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.ingest.Reread;
import io.marketlens.io.Storage;
import java.time.LocalDate;

/**
 * What one invocation works on: the input folder, the output folder, the warehouse (default
 * {@code <output>/warehouse}), the as-of date (default: the last date in the data), the config, and the files of the
 * registry to read again ({@code --reread}).
 */
public record RunSettings(String input, String output, String warehouse, LocalDate asOf, MarketlensConfig config,
                          Reread reread) {

    public RunSettings {
        if (warehouse == null && output != null) {
            warehouse = Storage.join(output, "warehouse");
        }
        reread = reread == null ? Reread.NONE : reread;
    }

    /** Settings that read no file again unless its source's settings changed. */
    public RunSettings(String input, String output, String warehouse, LocalDate asOf, MarketlensConfig config) {
        this(input, output, warehouse, asOf, config, Reread.NONE);
    }
}
