package io.marketlens.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * data-samples/ cut into a history and one night: {@code history} holds every export without the last week of August
 * 2025, {@code tonight} that week's sales, snapshots, shipments and FX rates, and a corrected re-export of three 2024
 * order lines (one with another quantity in March, one moved from June to July, one cancelled in November). Tonight's
 * files are newer than the history's, so one run over both folders also lets tonight's win.
 */
public final class NightlyInputs {

    /** Lines of the last week of August 2025 in each source's date column. */
    private static final Pattern SALES_TONIGHT = Pattern.compile("^[^,]*,[^,]*,2025-08-(2[5-9]|3[01])");
    private static final Pattern FIRST_COLUMN_TONIGHT = Pattern.compile("^2025-08-(2[5-9]|3[01])");
    private static final Pattern SHIPPED_TONIGHT = Pattern.compile("^([^,]*,){7}2025-08-(2[5-9]|3[01])");
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    /** The two input folders and the samples' config. */
    public record Folders(Path history, Path tonight, Path config) {
    }

    private NightlyInputs() {
    }

    /** Writes {@code dir/history} and {@code dir/tonight}. */
    public static Folders write(Path dir) throws IOException {
        Path samples = DataSamples.path();
        Path history = dir.resolve("history");
        Path tonight = dir.resolve("tonight");
        split(samples.resolve("sales/orders-2025.csv"), history.resolve("sales/orders-2025.csv"),
                tonight.resolve("sales/orders-2025-08-25.csv"), SALES_TONIGHT);
        Files.copy(samples.resolve("sales/orders-2023.csv"), history.resolve("sales/orders-2023.csv"));
        Files.copy(samples.resolve("sales/orders-2024.csv"), history.resolve("sales/orders-2024.csv"));
        split(samples.resolve("competitors/listings-2025.csv"), history.resolve("competitors/listings-2025.csv"),
                tonight.resolve("competitors/listings-2025-08-31.csv"), FIRST_COLUMN_TONIGHT);
        Files.copy(samples.resolve("competitors/listings-2023.csv"), history.resolve("competitors/listings-2023.csv"));
        Files.copy(samples.resolve("competitors/listings-2024.csv"), history.resolve("competitors/listings-2024.csv"));
        split(samples.resolve("logistics/shipments.csv"), history.resolve("logistics/shipments.csv"),
                tonight.resolve("logistics/shipments-2025-08-25.csv"), SHIPPED_TONIGHT);
        split(samples.resolve("fx_rates/usd_rates.csv"), history.resolve("fx_rates/usd_rates.csv"),
                tonight.resolve("fx_rates/usd_rates-2025-08-25.csv"), FIRST_COLUMN_TONIGHT);
        writeCorrections(samples.resolve("sales/orders-2024.csv"), tonight.resolve("sales/orders-corrected.csv"));
        setTimes(history, "2025-08-24T00:00:00Z");
        setTimes(tonight, "2025-09-01T00:00:00Z");
        // the samples' config; small data: two shuffle partitions instead of eight, no figure depends on it
        Path config = Files.writeString(dir.resolve("marketlens.yaml"), Files.readString(samples.resolve("marketlens.yaml"))
                + "\nshuffle_partitions: 2\n");
        return new Folders(history, tonight, config);
    }

    /** The header and the lines not matching {@code tonight} into {@code history}; the header and the rest into {@code tonightFile}. */
    private static void split(Path from, Path history, Path tonightFile, Pattern tonight) throws IOException {
        List<String> lines = Files.readAllLines(from, StandardCharsets.UTF_8);
        List<String> old = new ArrayList<>(List.of(lines.get(0)));
        List<String> fresh = new ArrayList<>(List.of(lines.get(0).replace("\uFEFF", "")));
        for (String line : lines.subList(1, lines.size())) {
            (tonight.matcher(line).find() ? fresh : old).add(line);
        }
        assertThat(fresh).as("tonight's lines of " + from).hasSizeGreaterThan(1);
        Files.createDirectories(history.getParent());
        Files.createDirectories(tonightFile.getParent());
        Files.write(history, old, StandardCharsets.UTF_8);
        Files.write(tonightFile, fresh, StandardCharsets.UTF_8);
    }

    /**
     * A re-export of three 2024 order lines: one with another quantity (March), one moved from June to July, one
     * cancelled (November).
     */
    private static void writeCorrections(Path orders2024, Path out) throws IOException {
        String text = Files.readString(orders2024, StandardCharsets.UTF_8).replace("\uFEFF", "");
        List<CSVRecord> rows;
        List<String> header;
        try (CSVParser p = CSV.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text))) {
            header = p.getHeaderNames();
            rows = p.getRecords();
        }
        StringWriter w = new StringWriter();
        try (CSVPrinter printer = CSV.print(w)) {
            printer.printRecord(header);
            printer.printRecord(corrected(rows, header, "2024-03", "quantity", r -> String.valueOf(Integer.parseInt(r) + 2)));
            printer.printRecord(corrected(rows, header, "2024-06", "order_ts", r -> "2024-07-02 10:00:00"));
            printer.printRecord(corrected(rows, header, "2024-11", "status", r -> "cancelled"));
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, w.toString(), StandardCharsets.UTF_8);
    }

    /** The first valid line of {@code month} with {@code column} changed. */
    private static List<String> corrected(List<CSVRecord> rows, List<String> header, String month, String column,
                                          java.util.function.UnaryOperator<String> change) {
        int ts = header.indexOf("order_ts");
        int q = header.indexOf("quantity");
        for (CSVRecord r : rows) {
            if (r.size() == header.size() && r.get(ts).startsWith(month) && r.get(q).matches("[1-9]")
                    && r.get(header.indexOf("status")).equals("delivered")) {
                List<String> values = new ArrayList<>(r.toList());
                int i = header.indexOf(column);
                values.set(i, change.apply(values.get(i)));
                return values;
            }
        }
        throw new IllegalStateException("no line of " + month);
    }

    static void setTimes(Path dir, String instant) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(f, FileTime.from(Instant.parse(instant)));
            }
        }
    }

    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f));
                Files.createDirectories(target.getParent());
                Files.copy(f, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
