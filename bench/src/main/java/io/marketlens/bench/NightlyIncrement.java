package io.marketlens.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Tonight's exports for the benchmark's nightly run: one more day after the last day of a history of canonical
 * exports, written as new files, the same seed giving the same files.
 *
 * <ul>
 *   <li>{@code sales/orders-<day>.csv}: about {@code fraction} of the history's sales lines — whole orders copied from
 *       the last 28 days, with new order ids of the same shape and times of day spread over the new day;</li>
 *   <li>{@code sales/corrections-<day>.csv}: a corrected re-export of a fifth as many earlier lines of the last 90
 *       days (same natural key platform, order_id, line_id), in turn with quantity + 1, status {@code cancelled},
 *       status {@code returned};</li>
 *   <li>{@code competitors/listings-<day>.csv}: snapshots of {@code fraction} of the history's snapshot count, of
 *       listings of the latest snapshot date, dated the new day;</li>
 *   <li>{@code logistics/shipments-<day>.csv}: {@code fraction} of the history's shipments, copied from the last 28
 *       days onto tonight's orders (same destination as the order's marketplace where there is one), in transit;</li>
 *   <li>{@code fx_rates/rates-<day>.csv}: every currency's latest rate moved by a small random step, for the new day.</li>
 * </ul>
 *
 * <p>Dates are local dates in the history's {@code timezone} (its {@code marketlens.yaml}; UTC without one).
 */
public final class NightlyIncrement {

    /** Share of the history's rows that one more day adds: a day of a history of about a thousand days. */
    public static final double DAY_FRACTION = 0.001;
    static final int RECENT_DAYS = 28;
    static final int CORRECTABLE_DAYS = 90;
    static final double FX_STEP = 0.003;

    private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    private static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
    private static final Pattern OFFSET = Pattern.compile("[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})$");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** What was written, and the history it was derived from. */
    public record Counts(LocalDate day, long historySales, long historySnapshots, long historyShipments,
                         int salesLines, int orders, int corrections, int snapshots, int shipments, int fxRates) {

        public String describe() {
            return String.format(Locale.ROOT, "%s: %,d sales lines in %,d orders, %,d corrected lines, %,d competitor"
                            + " snapshots, %,d shipments, %d FX rates (history: %,d sales lines, %,d snapshots, %,d shipments)",
                    day, salesLines, orders, corrections, snapshots, shipments, fxRates, historySales, historySnapshots,
                    historyShipments);
        }
    }

    private NightlyIncrement() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: NightlyIncrement <history input folder> <out folder> [seed]");
            System.exit(2);
        }
        Counts c = write(Path.of(args[0]), Path.of(args[1]), args.length == 3 ? Long.parseLong(args[2]) : 7, DAY_FRACTION);
        System.out.println(c.describe());
    }

    /** Writes tonight's files under {@code out} (in the input folder layout) from the history in {@code history}. */
    public static Counts write(Path history, Path out, long seed, double fraction) throws IOException {
        ZoneId zone = zoneOf(history);
        Export sales = Export.of(history.resolve("sales"));
        Export competitors = Export.of(history.resolve("competitors"));
        Export shipments = Export.of(history.resolve("logistics"));
        Export fx = Export.of(history.resolve("fx_rates"));

        // first pass: sizes, the last day, and the ids tonight's rows must not repeat
        Set<String> orderKeys = new HashSet<>();
        LocalDate[] last = {LocalDate.MIN};
        long salesRows = sales.forEach(r -> {
            orderKeys.add(r.get("platform") + '\u0001' + r.get("order_id"));
            last[0] = max(last[0], local(r.get("order_ts"), zone).toLocalDate());
        });
        LocalDate[] lastSnapshot = {LocalDate.MIN};
        long snapshotRows = competitors.forEach(r -> lastSnapshot[0] = max(lastSnapshot[0], LocalDate.parse(r.get("snapshot_date"))));
        Set<String> shipmentIds = new HashSet<>();
        long shipmentRows = shipments.forEach(r -> {
            shipmentIds.add(r.get("shipment_id"));
            last[0] = max(last[0], local(r.get("ship_ts"), zone).toLocalDate());
        });
        if (salesRows == 0) {
            throw new IllegalArgumentException("no sales lines under " + history.resolve("sales") + ": generate the history first");
        }
        LocalDate day = max(last[0], lastSnapshot[0]).plusDays(1);

        // second pass: the rows tonight's are copied from
        int targetLines = atLeastOne(salesRows * fraction);
        Reservoir<List<Row>> templateOrders = new Reservoir<>(targetLines, new Random(seed));
        Reservoir<Row> correctable = new Reservoir<>(atLeastOne(targetLines / 5.0), new Random(seed + 1));
        LocalDate recentFrom = day.minusDays(RECENT_DAYS);
        LocalDate correctableFrom = day.minusDays(CORRECTABLE_DAYS);
        List<Row> order = new ArrayList<>();
        sales.forEach(r -> {
            if (!order.isEmpty() && !orderKey(order.get(0)).equals(orderKey(r))) {
                offerOrder(templateOrders, order, recentFrom, zone);
                order.clear();
            }
            order.add(r);
            if (!local(r.get("order_ts"), zone).toLocalDate().isBefore(correctableFrom) && !isCancelled(r.get("status"))) {
                correctable.offer(r);
            }
        });
        offerOrder(templateOrders, order, recentFrom, zone);
        Reservoir<Row> templateSnapshots = new Reservoir<>(atLeastOne(snapshotRows * fraction), new Random(seed + 2));
        competitors.forEach(r -> {
            if (LocalDate.parse(r.get("snapshot_date")).equals(lastSnapshot[0])) {
                templateSnapshots.offer(r);
            }
        });
        Reservoir<Row> templateShipments = new Reservoir<>(atLeastOne(shipmentRows * fraction), new Random(seed + 3));
        shipments.forEach(r -> {
            if (!local(r.get("ship_ts"), zone).toLocalDate().isBefore(recentFrom)) {
                templateShipments.offer(r);
            }
        });

        Random rnd = new Random(seed + 4);
        List<List<Row>> newOrders = newOrders(templateOrders.items(), targetLines, day, zone, orderKeys, rnd);
        List<Row> corrections = corrections(correctable.items());
        List<Row> snapshots = templateSnapshots.items().stream().map(r -> r.with("snapshot_date", day.toString())).toList();
        List<Row> newShipments = shipments(templateShipments.items(), newOrders, day, zone, shipmentIds, rnd);
        List<Row> rates = rates(fx, day, rnd);

        String d = day.toString();
        List<Row> lines = newOrders.stream().flatMap(List::stream).toList();
        writeCsv(out.resolve("sales").resolve("orders-" + d + ".csv"), sales.header(), lines);
        writeCsv(out.resolve("sales").resolve("corrections-" + d + ".csv"), sales.header(), corrections);
        writeCsv(out.resolve("competitors").resolve("listings-" + d + ".csv"), competitors.header(), snapshots);
        writeCsv(out.resolve("logistics").resolve("shipments-" + d + ".csv"), shipments.header(), newShipments);
        writeCsv(out.resolve("fx_rates").resolve("rates-" + d + ".csv"), fx.header(), rates);
        return new Counts(day, salesRows, snapshotRows, shipmentRows, lines.size(), newOrders.size(), corrections.size(),
                snapshots.size(), newShipments.size(), rates.size());
    }

    // ---------------------------------------------------------------- tonight's rows

    private static List<List<Row>> newOrders(List<List<Row>> templates, int targetLines, LocalDate day, ZoneId zone,
                                             Set<String> orderKeys, Random rnd) {
        List<List<Row>> chosen = new ArrayList<>();
        int lines = 0;
        for (List<Row> t : templates) {
            if (lines >= targetLines) {
                break;
            }
            chosen.add(t);
            lines += t.size();
        }
        List<LocalTime> times = Stream.generate(() -> LocalTime.ofSecondOfDay(rnd.nextInt(86_400))).limit(chosen.size())
                .sorted().toList();
        List<List<Row>> orders = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            List<Row> t = chosen.get(i);
            String platform = t.get(0).get("platform");
            String id = freshId(t.get(0).get("order_id"), s -> orderKeys.add(platform + '\u0001' + s), rnd);
            LocalDateTime at = day.atTime(times.get(i));
            orders.add(t.stream().map(r -> r.with("order_id", id).with("order_ts", restamp(r.get("order_ts"), at, zone))).toList());
        }
        return orders;
    }

    private static List<Row> corrections(List<Row> targets) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Row r = targets.get(i);
            String status = r.get("status");
            if (i % 3 == 1) {
                out.add(r.with("status", "cancelled"));
            } else if (i % 3 == 2 && !"returned".equalsIgnoreCase(status)) {
                out.add(r.with("status", "returned"));
            } else {
                out.add(r.with("quantity", Long.toString(Long.parseLong(r.get("quantity").strip()) + 1)));
            }
        }
        return out;
    }

    private static List<Row> shipments(List<Row> templates, List<List<Row>> orders, LocalDate day, ZoneId zone,
                                       Set<String> shipmentIds, Random rnd) {
        Map<String, List<Row>> byMarketplace = new TreeMap<>();
        orders.forEach(o -> byMarketplace.computeIfAbsent(o.get(0).get("marketplace").toUpperCase(Locale.ROOT),
                m -> new ArrayList<>()).add(o.get(0)));
        List<Row> out = new ArrayList<>();
        for (Row t : templates) {
            List<Row> candidates = byMarketplace.getOrDefault(t.get("destination_country").toUpperCase(Locale.ROOT),
                    orders.stream().map(o -> o.get(0)).toList());
            Row o = candidates.get(rnd.nextInt(candidates.size()));
            LocalDateTime shipped = day.atTime(LocalTime.ofSecondOfDay(rnd.nextInt(86_400)));
            String promised = "";
            try {
                Duration lead = Duration.between(local(t.get("ship_ts"), zone), local(t.get("promised_ts"), zone));
                promised = restamp(t.get("promised_ts"), shipped.plus(lead), zone);
            } catch (RuntimeException e) {
                // a template without a promised date leaves it empty
            }
            out.add(t.with("shipment_id", freshId(t.get("shipment_id"), shipmentIds::add, rnd))
                    .with("order_id", o.get("order_id"))
                    .with("ship_ts", restamp(t.get("ship_ts"), shipped, zone))
                    .with("promised_ts", promised)
                    .with("delivered_ts", "")
                    .with("status", "in_transit"));
        }
        return out;
    }

    private static List<Row> rates(Export fx, LocalDate day, Random rnd) throws IOException {
        Map<String, Row> latest = new TreeMap<>();
        fx.forEach(r -> latest.merge(r.get("currency").toUpperCase(Locale.ROOT), r,
                (a, b) -> LocalDate.parse(b.get("date")).isBefore(LocalDate.parse(a.get("date"))) ? a : b));
        List<Row> out = new ArrayList<>();
        for (Row r : latest.values()) {
            BigDecimal rate = new BigDecimal(r.get("rate_to_base").strip())
                    .multiply(BigDecimal.valueOf(Math.exp(FX_STEP * rnd.nextGaussian())), MathContext.DECIMAL64)
                    .round(new MathContext(6)).stripTrailingZeros();
            out.add(r.with("date", day.toString()).with("rate_to_base", rate.toPlainString()));
        }
        return out;
    }

    // ---------------------------------------------------------------- values

    /** The id with each digit replaced by a random one (letters and punctuation kept), until {@code claim} accepts it. */
    static String freshId(String template, Predicate<String> claim, Random rnd) {
        for (int attempt = 0; ; attempt++) {
            StringBuilder sb = new StringBuilder(template.length());
            template.chars().forEach(c -> sb.append(Character.isDigit(c) ? (char) ('0' + rnd.nextInt(10)) : (char) c));
            if (attempt > 20 || template.chars().noneMatch(Character::isDigit)) {
                sb.append('-').append(1_000_000 + rnd.nextInt(9_000_000));
            }
            String id = sb.toString();
            if (claim.test(id)) {
                return id;
            }
        }
    }

    /** A timestamp as local date-time in {@code zone}: with an offset converted, without one taken as it is. */
    static LocalDateTime local(String text, ZoneId zone) {
        String t = text.strip();
        if (t.length() == 10) {
            return LocalDate.parse(t).atStartOfDay();
        }
        Matcher m = OFFSET.matcher(t);
        String iso = t.substring(0, 10) + 'T' + t.substring(11);
        if (m.find()) {
            String offset = m.group(1);
            String normalised = iso.substring(0, iso.length() - offset.length()) + normaliseOffset(offset);
            return OffsetDateTime.parse(normalised).atZoneSameInstant(zone).toLocalDateTime();
        }
        return LocalDateTime.parse(iso);
    }

    /** {@code at} (local time in {@code zone}) written the way {@code template} is: date only, separator, offset. */
    static String restamp(String template, LocalDateTime at, ZoneId zone) {
        String t = template.strip();
        if (t.length() == 10) {
            return at.toLocalDate().toString();
        }
        char separator = t.charAt(10);
        Matcher m = OFFSET.matcher(t);
        if (m.find()) {
            String offset = m.group(1);
            // the same instant at the template's offset, which is then written as the template wrote it
            OffsetDateTime o = at.atZone(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.of(normaliseOffset(offset)));
            return o.toLocalDate() + String.valueOf(separator) + CLOCK.format(o) + offset;
        }
        return at.toLocalDate() + String.valueOf(separator) + CLOCK.format(at);
    }

    private static String normaliseOffset(String offset) {
        return offset.equals("Z") || offset.contains(":") ? offset : offset.substring(0, 3) + ":" + offset.substring(3);
    }

    private static boolean isCancelled(String status) {
        return status != null && (status.equalsIgnoreCase("cancelled") || status.equalsIgnoreCase("canceled"));
    }

    private static String orderKey(Row r) {
        return r.get("platform") + '\u0001' + r.get("order_id");
    }

    private static void offerOrder(Reservoir<List<Row>> templates, List<Row> order, LocalDate recentFrom, ZoneId zone) {
        if (!order.isEmpty() && !local(order.get(0).get("order_ts"), zone).toLocalDate().isBefore(recentFrom)) {
            templates.offer(List.copyOf(order));
        }
    }

    private static int atLeastOne(double n) {
        return (int) Math.max(1, Math.round(n));
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    static ZoneId zoneOf(Path history) throws IOException {
        Path config = history.resolve("marketlens.yaml");
        if (Files.isRegularFile(config)) {
            Matcher m = Pattern.compile("(?m)^timezone:\\s*(\\S+)").matcher(Files.readString(config, StandardCharsets.UTF_8));
            if (m.find()) {
                return ZoneId.of(m.group(1));
            }
        }
        return ZoneOffset.UTC;
    }

    private static void writeCsv(Path file, List<String> header, List<Row> rows) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            WRITE.printRecord(w, header.toArray());
            for (Row r : rows) {
                WRITE.printRecord(w, (Object[]) r.values());
            }
        }
    }

    // ---------------------------------------------------------------- reading

    /** One row of an export, in the column order of the export's first file. */
    record Row(Map<String, Integer> columns, String[] values) {

        String get(String column) {
            Integer i = columns.get(column);
            if (i == null) {
                throw new IllegalArgumentException("the export has no column '" + column + "' (it has " + columns.keySet() + ")");
            }
            return values[i];
        }

        Row with(String column, String value) {
            String[] v = values.clone();
            v[columns.get(column)] = value;
            return new Row(columns, v);
        }
    }

    /** The CSV files of one source folder, read in name order, their columns matched by (lower-cased) name. */
    record Export(List<String> header, Map<String, Integer> columns, List<Path> files) {

        static Export of(Path folder) throws IOException {
            List<Path> files;
            try (Stream<Path> s = Files.list(folder)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no .csv files in " + folder);
            }
            List<String> header;
            try (Reader r = Files.newBufferedReader(files.get(0), StandardCharsets.UTF_8); CSVParser p = READ.parse(r)) {
                header = p.getHeaderNames();
            }
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                columns.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
            }
            return new Export(header, columns, files);
        }

        /** Calls {@code action} on every row of every file; returns how many there were. */
        long forEach(Consumer<Row> action) throws IOException {
            long n = 0;
            for (Path f : files) {
                try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8); CSVParser p = READ.parse(r)) {
                    Map<String, Integer> own = p.getHeaderMap();
                    int[] map = new int[header.size()];
                    for (Map.Entry<String, Integer> e : own.entrySet()) {
                        Integer i = columns.get(e.getKey().strip().toLowerCase(Locale.ROOT));
                        if (i != null) {
                            map[i] = e.getValue() + 1;
                        }
                    }
                    for (CSVRecord rec : p) {
                        String[] v = new String[header.size()];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = map[i] == 0 || map[i] > rec.size() ? "" : rec.get(map[i] - 1);
                        }
                        action.accept(new Row(columns, v));
                        n++;
                    }
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
            return n;
        }
    }

    /** A uniform sample of at most {@code k} of the items offered (Vitter's algorithm R), reproducible from its Random. */
    static final class Reservoir<T> {
        private final int k;
        private final Random rnd;
        private final List<T> items = new ArrayList<>();
        private long seen;

        Reservoir(int k, Random rnd) {
            this.k = k;
            this.rnd = rnd;
        }

        void offer(T item) {
            seen++;
            if (items.size() < k) {
                items.add(item);
            } else {
                long j = (long) (rnd.nextDouble() * seen);
                if (j < k) {
                    items.set((int) j, item);
                }
            }
        }

        List<T> items() {
            return List.copyOf(items);
        }
    }
}
