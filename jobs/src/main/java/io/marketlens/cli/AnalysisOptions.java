package io.marketlens.cli;

import io.marketlens.config.MarketlensConfig;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** Where and for which date a run folder is published: the options shared by run and metrics. */
public class AnalysisOptions {

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Where <as_of>/ is published.")
    String output;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", converter = AsOfDate.class,
            description = "Analysis date (default: the last date in the data).")
    LocalDate asOf;

    @Option(names = "--window-months", paramLabel = "N", description = "Months in the analysis window (default 12).")
    Integer windowMonths;

    /** The config with the command line's window on top. */
    MarketlensConfig apply(MarketlensConfig config) {
        return config.withWindowMonths(windowMonths);
    }

    /** An ISO date; anything else is a usage error naming the option and the form it needs. */
    static final class AsOfDate implements ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new BadOptionValue("--as-of must be YYYY-MM-DD, got " + value);
            }
        }
    }
}
