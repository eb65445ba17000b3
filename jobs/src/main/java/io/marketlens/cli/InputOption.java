package io.marketlens.cli;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.ingest.Source;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The input folder option shared by run, ingest and validate, with the dates that some exports' names lack. */
public class InputOption {

    @Option(names = "--input", required = true, paramLabel = "DIR",
            description = "Folder with sales/, competitors/, logistics/, fx_rates/ CSV exports (any may be absent).")
    String input;

    @Option(names = "--snapshot-date", paramLabel = "DATE", converter = DayOrMonth.class,
            description = "Snapshot date of competitor exports whose file name carries none (a Keepa Product Viewer"
                    + " export), e.g. 2026-11-30; a month (2026-11) is its last day. Files named with a date keep theirs.")
    String snapshotDate;

    @Option(names = "--period", paramLabel = "MONTH", converter = DayOrMonth.class,
            description = "Period of aggregated sales reports whose file name carries none (an Amazon Business Report),"
                    + " e.g. 2026-03 (read as its last day) or 2026-03-31. Files named with a date keep theirs.")
    String period;

    /** {@code config} with these options' dates as the sources' {@code file_date}. */
    MarketlensConfig apply(MarketlensConfig config) {
        return config.withFileDate(Source.COMPETITORS, snapshotDate).withFileDate(Source.SALES, period);
    }

    /** A day (2026-03-31) or a month (2026-03, its last day), as an ISO date. */
    static final class DayOrMonth implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String v = value.strip();
            try {
                return v.length() == 7 ? YearMonth.parse(v).atEndOfMonth().toString() : LocalDate.parse(v).toString();
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a date (2026-03-31) or a month (2026-03)");
            }
        }
    }
}
