package io.marketlens.metrics.changes;

import io.marketlens.io.Storage;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;

/**
 * The run a run compares itself with ({@code changes}): the latest folder of the same output whose name is a date
 * {@code yyyy-MM-dd} strictly before this run's as-of date and that holds a {@code manifest.json} — so a run again
 * for the same date compares with the run before it, not with itself, and the publisher's hidden staging and
 * moved-aside folders ({@code .<as_of>.partial-…}, {@code .<as_of>.replaced-…}), other names and folders of killed
 * runs without a manifest are passed over.
 *
 * @param folder the run folder
 * @param asOf   its as-of date (its name)
 */
public record PreviousRun(String folder, LocalDate asOf) {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** The previous run of {@code output} before {@code asOf}, if there is one. */
    public static Optional<PreviousRun> find(Storage storage, String output, LocalDate asOf) {
        PreviousRun latest = null;
        for (FileStatus st : storage.list(output)) {
            String name = st.getPath().getName();
            if (!st.isDirectory() || !DATE.matcher(name).matches()) {
                continue;
            }
            LocalDate date;
            try {
                date = LocalDate.parse(name);
            } catch (DateTimeParseException e) {
                continue; // e.g. 2024-02-30: not a run folder
            }
            String folder = Storage.join(output, name);
            if (date.isBefore(asOf) && (latest == null || date.isAfter(latest.asOf()))
                    && storage.exists(Storage.join(folder, "manifest.json"))) {
                latest = new PreviousRun(folder, date);
            }
        }
        return Optional.ofNullable(latest);
    }
}
