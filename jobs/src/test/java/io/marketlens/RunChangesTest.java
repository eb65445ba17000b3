package io.marketlens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.cli.MarketlensCli;
import io.marketlens.config.MarketlensConfig;
import io.marketlens.testing.SparkTestSession;
import io.marketlens.testing.StdStreams;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nightly runs into the same output and warehouse, the second a month later with one planted change: its
 * {@code changes} table tells that change and nothing else about the sellers of other categories.
 *
 * <p>{@code generate} writes 13 months (2023-12..2024-12, seed 11, no bad rows, 2 000 sales lines, 300 listings): the
 * window and one month before it, no more, to keep the two runs short. Run 1 reads them all, as of 2024-12-31 (window
 * 2024-01..2024-12). Run 2, as of 2025-01-31 (window 2024-02..2025-01),
 * reads them and January 2025, which is January 2024 again — every sales line, snapshot and shipment of 2024-01 a year
 * later — plus a planted seller that sells in that month, in one category, more than the category's largest
 * competitor over the whole window. So the window loses January 2024 and gains its copy: every scope's window figures
 * are those of run 1 except the planted category's. Fresh generator months instead would move the sellers of every
 * category by their noise (a 2-point share move or a rank 10 ↔ 11 swap somewhere is near certain), which is what a
 * real night looks like but not what this test can check by hand.
 *
 * <p>The copy is exact in the base currency: each copied amount is converted here with the rate the ingest used for
 * the original (its date's, else the latest earlier within {@code fx_tolerance_days}) and written in USD, because the
 * FX calendar of January 2025 is not that of January 2024. A copied snapshot that sold nothing gets the listing's
 * latest price in run 1's window, so that the latest price of a listing that sold nothing in the window — which places
 * it in a price band — stays what it was.
 */
class RunChangesTest {

    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
    private static final Set<String> SELLER_KINDS = Set.of("top10_entry", "top10_exit", "share_move", "own_rank", "hhi_class",
            "best_band");
    private static final String PLANTED = "planted-seller";

    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static String timeZone;
    private static String shufflePartitions;
    private static Path out;
    private static String firstLog;
    private static String secondLog;
    /** The planted seller's scope: platform, marketplace, category. */
    private static List<String> scope;

    @BeforeAll
    static void twoNights() throws IOException {
        spark = SparkTestSession.get();
        // the runs re-configure the shared session (time zone, partitions); put them back for the other tests
        timeZone = spark.conf().get("spark.sql.session.timeZone");
        shufflePartitions = spark.conf().get("spark.sql.shuffle.partitions");
        Path in = dir.resolve("in");
        StdStreams.Captured generated = StdStreams.capture(() -> MarketlensCli.execute("generate", "--out", in.toString(),
                "--months", "13", "--first-month", "2023-12", "--rows", "2000", "--listings", "300", "--seed", "11",
                "--no-bad-rows"));
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        Path config = in.resolve("marketlens.yaml");
        Files.writeString(config, "shuffle_partitions: 2\n", StandardOpenOption.APPEND);
        out = dir.resolve("out");

        firstLog = run(in, config, "2024-12-31");
        List<Map<String, String>> competitors = table("2024-12-31", "competitors");
        scope = plantedScope(competitors);

        Rates rates = Rates.read(in.resolve("fx_rates"));
        Map<String, String> latestPrices = latestPrices(readAll(in.resolve("competitors")), rates);
        copyJanuary(in.resolve("sales"), "order_ts", row -> {
            row.put("order_id", row.get("order_id") + "-2025");
            convert(row, "unit_price", rates, row.get("order_ts"));
        });
        copyJanuary(in.resolve("competitors"), "snapshot_date", row -> {
            String listing = listing(row);
            if (Long.parseLong(row.get("est_units")) == 0 && latestPrices.containsKey(listing)) {
                row.put("price", latestPrices.get(listing));
                row.put("currency", SYNTHETIC_BASE);
            } else {
                convert(row, "price", rates, row.get("snapshot_date"));
            }
        });
        copyJanuary(in.resolve("logistics"), "ship_ts", row -> {
            row.put("shipment_id", row.get("shipment_id") + "-2025");
            if (!row.get("order_id").isEmpty()) {
                row.put("order_id", row.get("order_id") + "-2025");
            }
            for (String ts : List.of("promised_ts", "delivered_ts")) {
                row.put(ts, aYearLater(row.get(ts)));
            }
            if (!row.get("cost").isEmpty()) {
                convert(row, "cost", rates, row.get("ship_ts"));
            }
        });
        writePlantedSeller(in.resolve("sales/planted-2025-01.csv"), competitors);

        secondLog = run(in, config, "2025-01-31");
    }

    @AfterAll
    static void restoreSession() {
        spark.conf().set("spark.sql.session.timeZone", timeZone);
        spark.conf().set("spark.sql.shuffle.partitions", shufflePartitions);
    }

    @Test
    void theFirstRunHasNothingToCompareWith() throws IOException {
        assertThat(firstLog).contains("note: first run: no previous run to compare with");
        assertThat(table("2024-12-31", "changes")).isEmpty();
    }

    @Test
    void theSecondRunComparesWithTheFirst() throws IOException {
        List<Map<String, String>> changes = table("2025-01-31", "changes");
        assertThat(secondLog).contains("note: changes: compared with the run of 2024-12-31 (" + out.resolve("2024-12-31") + "): "
                + changes.size() + " change(s)");
        assertThat(changes).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("as_of")).isEqualTo("2025-01-31");
            assertThat(r.get("previous_as_of")).isEqualTo("2024-12-31");
            assertThat(r.get("sentence_key")).isEqualTo("changes." + r.get("kind"));
        });
        assertThat(changes).extracting(r -> Integer.parseInt(r.get("rank")))
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, changes.size()).boxed().toList());
    }

    @Test
    void thePlantedSellerEntersTheTopThreeOfItsCategory() throws IOException {
        Map<String, String> now = sellerRow(table("2025-01-31", "competitors"));
        Map<String, String> entry = plantedChange("top10_entry");
        // a new seller: no rank before, its window rank of run 2 now
        assertThat(entry.get("before")).isEmpty();
        assertThat(entry.get("after")).isEqualTo(now.get("rank"));
        assertThat(Integer.parseInt(entry.get("after"))).isLessThanOrEqualTo(3);
        assertThat(entry.get("period")).isEqualTo("window");
        assertThat(entry.get("magnitude")).isEmpty();
    }

    @Test
    void thePlantedSellersShareMovesFromZeroToItsShare() throws IOException {
        double share = Double.parseDouble(sellerRow(table("2025-01-31", "competitors")).get("share"));
        Map<String, String> move = plantedChange("share_move");
        assertThat(move.get("before")).isEqualTo("0.0000");
        assertThat(move.get("after")).isEqualTo(String.format(Locale.ROOT, "%.4f", share));
        assertThat(Double.parseDouble(move.get("magnitude"))).isCloseTo(100 * share, within(1e-9));
        // into the top 3: ranked before every share move
        List<Map<String, String>> changes = table("2025-01-31", "changes");
        int entryRank = Integer.parseInt(plantedChange("top10_entry").get("rank"));
        assertThat(changes).filteredOn(r -> r.get("kind").equals("share_move"))
                .allSatisfy(r -> assertThat(Integer.parseInt(r.get("rank"))).isGreaterThan(entryRank));
    }

    @Test
    void nothingAboutTheSellersOfOtherCategories() throws IOException {
        assertThat(table("2025-01-31", "changes")).filteredOn(r -> SELLER_KINDS.contains(r.get("kind")))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("category")).as(r.toString()).isEqualTo(scope.get(2)));
    }

    @Test
    void theReportsSayItInTheirSinceTheLastRunSection() {
        String first = io.marketlens.testing.ReportTables.pdfText(out.resolve("2024-12-31/report.pdf"));
        assertThat(first).contains("Since the last run First run: nothing to compare with yet.");
        String second = io.marketlens.testing.ReportTables.pdfText(out.resolve("2025-01-31/report.pdf"));
        int section = second.indexOf("Since the last run Against the run of 2024-12-31");
        assertThat(section).as("the section of run 2").isPositive();
        // the planted entry is the first line of the section, its share move follows it
        String lines = second.substring(section, Math.min(second.length(), section + 3000));
        assertThat(lines).contains(PLANTED + " entered the top 10 sellers of");
        assertThat(lines).contains(PLANTED + "'s share of");
        assertThat(lines.indexOf(PLANTED + " entered")).isLessThan(lines.indexOf(PLANTED + "'s share of"));
    }

    // ------------------------------------------------------------------------------------------------ the planted data

    /** The base currency of the generated config (its default). */
    private static final String SYNTHETIC_BASE = MarketlensConfig.defaults().baseCurrency();

    /** The finest scope with the most ranked competitors in run 1's window (ties by name). */
    private static List<String> plantedScope(List<Map<String, String>> competitors) {
        Map<List<String>, Integer> sellers = new TreeMap<>(Comparator.comparing(Object::toString));
        for (Map<String, String> r : competitors) {
            if (r.get("period").equals("window") && !r.get("platform").equals("ALL") && !r.get("marketplace").equals("ALL")
                    && !r.get("rank").isEmpty()) {
                sellers.merge(List.of(r.get("platform"), r.get("marketplace"), r.get("category")), 1, Integer::sum);
            }
        }
        return sellers.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /**
     * Orders of the planted seller in January 2025, in its scope, at the largest competitor's window ASP: up to 20 orders whose
     * revenue together is 10 % above that competitor's window revenue, so it ranks first or (behind a larger own store)
     * second.
     */
    private static void writePlantedSeller(Path file, List<Map<String, String>> competitors) throws IOException {
        Map<String, String> leader = competitors.stream().filter(r -> r.get("period").equals("window") && inScope(r))
                .filter(r -> !r.get("rank").isEmpty())
                .min(Comparator.comparingInt(r -> Integer.parseInt(r.get("rank")))).orElseThrow();
        double asp = Double.parseDouble(leader.get("asp"));
        double revenue = Double.parseDouble(leader.get("revenue"));
        long units = (long) Math.ceil(1.1 * revenue / asp);
        int orders = (int) Math.min(20, units);
        long perOrder = units / orders;
        StringWriter w = new StringWriter();
        try (CSVPrinter p = CSV.print(w)) {
            p.printRecord("order_id", "order_ts", "platform", "marketplace", "category", "seller_id", "product_id",
                    "unit_price", "quantity", "currency", "status");
            for (int i = 0; i < orders; i++) {
                p.printRecord("planted-" + i, String.format(Locale.ROOT, "2025-01-%02d 12:00:00", 2 + i), scope.get(0),
                        scope.get(1), scope.get(2), PLANTED, "planted-product", String.format(Locale.ROOT, "%.2f", asp),
                        i == orders - 1 ? units - (orders - 1) * perOrder : perOrder, SYNTHETIC_BASE, "delivered");
            }
        }
        Files.writeString(file, w.toString(), StandardCharsets.UTF_8);
    }

    /** Each source file's January 2024 lines, a year later and changed by {@code change}, into a sibling file. */
    private static void copyJanuary(Path folder, String dateColumn, Consumer<Map<String, String>> change) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(f -> f.toString().endsWith(".csv")).sorted().toList();
        }
        for (Path f : files) {
            Parsed parsed = parse(f);
            StringWriter w = new StringWriter();
            int copied = 0;
            try (CSVPrinter p = CSV.print(w)) {
                p.printRecord(parsed.header());
                for (Map<String, String> row : parsed.rows()) {
                    if (!row.get(dateColumn).startsWith("2024-01")) {
                        continue;
                    }
                    Map<String, String> copy = new LinkedHashMap<>(row);
                    copy.put(dateColumn, "2025" + row.get(dateColumn).substring(4));
                    change.accept(copy);
                    if (copy.containsKey(SKIP)) {
                        continue;
                    }
                    p.printRecord(parsed.header().stream().map(copy::get).toList());
                    copied++;
                }
            }
            if (copied > 0) {
                Files.writeString(folder.resolve(f.getFileName().toString().replace(".csv", "-2025-01.csv")), w.toString(),
                        StandardCharsets.UTF_8);
            }
        }
    }

    /** Marks a copied row to leave out: its original found no FX rate and was quarantined. */
    private static final String SKIP = "\u0000skip";

    /** {@code column} in the base currency at the rate of {@code timestamp}'s original date (a year earlier). */
    private static void convert(Map<String, String> row, String column, Rates rates, String timestamp) {
        LocalDate original = LocalDate.parse(timestamp.substring(0, 10)).minusYears(1);
        BigDecimal rate = rates.rate(row.get("currency"), original);
        if (rate == null) {
            row.put(SKIP, "");
            return;
        }
        row.put(column, new BigDecimal(row.get(column)).multiply(rate).setScale(6, RoundingMode.HALF_EVEN).toPlainString());
        row.put("currency", SYNTHETIC_BASE);
    }

    private static String aYearLater(String timestamp) {
        if (timestamp.isEmpty()) {
            return timestamp;
        }
        return LocalDate.parse(timestamp.substring(0, 10)).plusYears(1) + timestamp.substring(10);
    }

    /** A snapshot row's listing. */
    private static String listing(Map<String, String> row) {
        return String.join("\u0000", row.get("platform"), row.get("marketplace"), row.get("category"), row.get("product_id"),
                row.get("seller_id"));
    }

    /** Each listing's latest snapshot price in run 1's window (2024), in the base currency. */
    private static Map<String, String> latestPrices(List<Map<String, String>> snapshots, Rates rates) {
        Map<String, Map<String, String>> latest = new HashMap<>();
        for (Map<String, String> r : snapshots) {
            if (r.get("snapshot_date").startsWith("2024")) {
                latest.merge(listing(r), r, (a, b) -> a.get("snapshot_date").compareTo(b.get("snapshot_date")) >= 0 ? a : b);
            }
        }
        Map<String, String> out = new HashMap<>();
        latest.forEach((k, r) -> {
            BigDecimal rate = rates.rate(r.get("currency"), LocalDate.parse(r.get("snapshot_date")));
            if (rate != null) {
                out.put(k, new BigDecimal(r.get("price")).multiply(rate).setScale(6, RoundingMode.HALF_EVEN).toPlainString());
            }
        });
        return out;
    }

    /** The generated FX rates: the ingest's rule, a date's rate or the latest earlier within the tolerance. */
    private record Rates(Map<String, TreeMap<LocalDate, BigDecimal>> byCurrency) {

        static Rates read(Path folder) throws IOException {
            Map<String, TreeMap<LocalDate, BigDecimal>> m = new HashMap<>();
            for (Map<String, String> r : readAll(folder)) {
                m.computeIfAbsent(r.get("currency"), k -> new TreeMap<>())
                        .put(LocalDate.parse(r.get("date")), new BigDecimal(r.get("rate_to_base")));
            }
            return new Rates(m);
        }

        BigDecimal rate(String currency, LocalDate day) {
            if (currency.equals(SYNTHETIC_BASE)) {
                return BigDecimal.ONE;
            }
            Map.Entry<LocalDate, BigDecimal> e = byCurrency.getOrDefault(currency, new TreeMap<>()).floorEntry(day);
            return e == null || e.getKey().isBefore(day.minusDays(MarketlensConfig.DEFAULT_FX_TOLERANCE_DAYS)) ? null : e.getValue();
        }
    }

    // ------------------------------------------------------------------------------------------------ reading

    private static boolean inScope(Map<String, String> r) {
        return r.get("platform").equals(scope.get(0)) && r.get("marketplace").equals(scope.get(1))
                && r.get("category").equals(scope.get(2));
    }

    private static Map<String, String> sellerRow(List<Map<String, String>> competitors) {
        return competitors.stream().filter(r -> r.get("period").equals("window") && inScope(r) && r.get("seller_id").equals(PLANTED))
                .findFirst().orElseThrow();
    }

    private static Map<String, String> plantedChange(String kind) throws IOException {
        List<Map<String, String>> found = table("2025-01-31", "changes").stream()
                .filter(r -> r.get("kind").equals(kind) && inScope(r) && r.get("subject").equals(PLANTED)).toList();
        assertThat(found).as(kind + " of " + PLANTED + " in " + scope).hasSize(1);
        return found.get(0);
    }

    private static String run(Path in, Path config, String asOf) {
        StdStreams.Captured c = StdStreams.capture(() -> MarketlensCli.execute("run", "--input", in.toString(),
                "--output", out.toString(), "--config", config.toString(), "--as-of", asOf));
        assertThat(c.exitCode()).as(c.err()).isZero();
        return c.err();
    }

    private static List<Map<String, String>> table(String asOf, String name) throws IOException {
        return parse(out.resolve(asOf).resolve("tables").resolve(name + ".csv")).rows();
    }

    private record Parsed(List<String> header, List<Map<String, String>> rows) {
    }

    private static Parsed parse(Path csv) throws IOException {
        String text = Files.readString(csv, StandardCharsets.UTF_8).replace("\uFEFF", "");
        try (CSVParser p = CSV.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text))) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord r : p) {
                rows.add(new LinkedHashMap<>(r.toMap()));
            }
            return new Parsed(p.getHeaderNames(), rows);
        }
    }

    private static List<Map<String, String>> readAll(Path folder) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path f : s.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
                rows.addAll(parse(f).rows());
            }
        }
        return rows;
    }
}
