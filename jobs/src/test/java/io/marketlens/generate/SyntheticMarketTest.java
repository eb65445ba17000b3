package io.marketlens.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.marketlens.generate.SyntheticMarket.BadRow;
import io.marketlens.generate.SyntheticMarket.CategoryTruth;
import io.marketlens.generate.SyntheticMarket.Params;
import io.marketlens.generate.SyntheticMarket.Truth;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticMarketTest {

    /** Small data set for the determinism tests. */
    private static final Params SMALL = new Params(42L, YearMonth.of(2024, 1), 14, 1500, 40, true);

    /**
     * Data set for the statistical checks: 24 months (every calendar month twice), ~20k lines; generation
     * takes well under a second.
     *
     * <p>Tolerances: over 60 seeds with 24 months and 16k lines, the realised/planted ratio had a standard
     * deviation of 7.7 % for peak/trough (mean +4 %: later months also have more products, hence slightly
     * more lines per order, and November sits later in the range than February) and 9.2 % for the level
     * shift; at 20k lines that is ~7 % and ~8 %. A 25 % band is therefore ~3 standard deviations plus the
     * bias - it fails when the pattern is missing or wrong, not because of noise.
     */
    private static final Params STATS = new Params(7L, YearMonth.of(2023, 1), 24, 20_000, 60, true);
    private static final double TOLERANCE = 0.25;

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    @TempDir
    static Path statsDir;
    private static Truth stats;
    private static List<Map<String, String>> sales;
    private static Map<String, TreeMap<LocalDate, Double>> fx;

    @BeforeAll
    static void generateStatsDataSet() throws IOException {
        stats = SyntheticMarket.generate(STATS, statsDir);
        sales = goodRows(statsDir, "sales", stats);
        fx = new HashMap<>();
        for (Map<String, String> r : goodRows(statsDir, "fx_rates", stats)) {
            fx.computeIfAbsent(r.get("currency"), k -> new TreeMap<>())
                    .put(LocalDate.parse(r.get("date")), Double.parseDouble(r.get("rate_to_base")));
        }
    }

    // ------------------------------------------------------------------------------------------ determinism

    @Test
    void sameSeedGivesByteIdenticalFiles(@TempDir Path a, @TempDir Path b) throws IOException {
        Truth first = SampleDataMain.run(SMALL, a);
        Truth second = SampleDataMain.run(SMALL, b);

        List<Path> filesA = relativeFiles(a);
        assertThat(filesA).hasSizeGreaterThanOrEqualTo(6).isEqualTo(relativeFiles(b));
        for (Path rel : filesA) {
            assertThat(Files.mismatch(a.resolve(rel), b.resolve(rel))).as(rel.toString()).isEqualTo(-1L);
        }
        assertThat(first).isEqualTo(second);
    }

    @Test
    void differentSeedGivesDifferentData(@TempDir Path a, @TempDir Path b) throws IOException {
        Truth first = SyntheticMarket.generate(SMALL, a);
        Truth second = SyntheticMarket.generate(SMALL.withSeed(43L), b);

        Path sales2024 = Path.of("sales", "orders-2024.csv");
        assertThat(Files.mismatch(a.resolve(sales2024), b.resolve(sales2024))).isNotEqualTo(-1L);
        assertThat(first.categories().get(0).sellers()).isNotEqualTo(second.categories().get(0).sellers());
    }

    @Test
    void regenerationRemovesStaleFiles(@TempDir Path dir) throws IOException {
        SyntheticMarket.generate(STATS.withSalesRows(500).withCompetitorListings(20), dir); // 2023..2024
        SyntheticMarket.generate(SMALL, dir); // 2024..2025
        assertThat(dir.resolve("sales/orders-2023.csv")).doesNotExist();
        assertThat(dir.resolve("sales/orders-2025.csv")).exists();
    }

    @Test
    void tinyParametersStillWork(@TempDir Path dir) throws IOException {
        Truth t = SyntheticMarket.generate(new Params(1L, YearMonth.of(2025, 11), 2, 100, 10, true), dir);
        assertThat(t.files()).isNotEmpty();
        assertThat(t.realised().peakToTroughRatio()).isNaN(); // needs all calendar months
    }

    // ------------------------------------------------------------------------------------------ planted patterns

    @Test
    void seasonalPatternIsVisibleInMonthlyRevenue() {
        // gross USD revenue per month, without the level-shift category, de-trended by the planted growth
        Map<YearMonth, Double> byMonth = new TreeMap<>();
        for (Map<String, String> r : sales) {
            if (!r.get("category").equals(stats.levelShift().category())) {
                byMonth.merge(month(r), usd(r), Double::sum);
            }
        }
        assertThat(byMonth).hasSize(STATS.months());
        double[] calendar = new double[13];
        int[] years = new int[13];
        byMonth.forEach((ym, revenue) -> {
            calendar[ym.getMonthValue()] += revenue / stats.trendFactor(ym);
            years[ym.getMonthValue()]++;
        });
        double mean = 0;
        for (int m = 1; m <= 12; m++) {
            calendar[m] /= years[m];
            mean += calendar[m] / 12;
        }
        double observed = calendar[stats.peakMonth()] / calendar[stats.troughMonth()];

        assertThat(stats.peakMonth()).isEqualTo(11);
        assertThat(stats.troughMonth()).isEqualTo(2);
        assertThat(observed / stats.peakToTroughRatio()).isCloseTo(1.0, within(TOLERANCE));
        assertThat(calendar[stats.peakMonth()] / mean).isGreaterThan(1.2);
        assertThat(calendar[stats.troughMonth()] / mean).isLessThan(0.85);
        // the truth's realised figure is exactly what a reader of the files measures
        assertThat(observed).isCloseTo(stats.realised().peakToTroughRatio(), within(1e-6));
    }

    @Test
    void levelShiftIsVisibleInCategoryRevenue() {
        YearMonth from = stats.levelShift().fromMonth();
        double[][] revenue = new double[2][2]; // [after?][shifted category?]
        for (Map<String, String> r : sales) {
            int after = month(r).isBefore(from) ? 0 : 1;
            int shifted = r.get("category").equals(stats.levelShift().category()) ? 1 : 0;
            revenue[after][shifted] += usd(r);
        }
        double observed = (revenue[1][1] / revenue[1][0]) / (revenue[0][1] / revenue[0][0]);

        assertThat(observed / stats.levelShift().factor()).isCloseTo(1.0, within(TOLERANCE));
        assertThat(observed).isCloseTo(stats.realised().levelShiftRatio(), within(1e-6));
    }

    @Test
    void sellerSharesAreLongTailed() {
        Map<String, Map<String, Double>> revenue = new LinkedHashMap<>();
        for (Map<String, String> r : sales) {
            revenue.computeIfAbsent(r.get("category"), k -> new HashMap<>()).merge(r.get("seller_id"), usd(r), Double::sum);
        }
        assertThat(stats.totalSellers()).isGreaterThanOrEqualTo(40);
        assertThat(sales.stream().map(r -> r.get("seller_id")).distinct().count()).isGreaterThanOrEqualTo(40);
        for (CategoryTruth c : stats.categories()) {
            assertThat(c.top4PlantedShare()).as(c.category()).isBetween(0.40, 0.60);
            assertThat(c.sellers()).as(c.category()).hasSizeGreaterThanOrEqualTo(13);

            double[] sorted = revenue.get(c.category()).values().stream().mapToDouble(Double::doubleValue)
                    .sorted().toArray();
            double total = 0;
            for (double v : sorted) {
                total += v;
            }
            double top4 = 0;
            for (int k = 1; k <= 4; k++) {
                top4 += sorted[sorted.length - k];
            }
            double bottomHalf = 0;
            for (int k = 0; k < sorted.length / 2; k++) {
                bottomHalf += sorted[k];
            }
            // Realised revenue is noisier than the planted order share (each seller's product portfolio
            // differs). Over 25 seeds x 6 categories: top-4 share 0.35..0.71, top-4 share / (4 / sellers)
            // >= 1.46, bottom half of the sellers <= 0.32 of the revenue.
            assertThat(top4 / total).as(c.category()).isBetween(0.30, 0.75)
                    .isCloseTo(c.top4RevenueShare(), within(1e-3));
            assertThat(top4 / total).as(c.category()).isGreaterThan(1.3 * 4 / sorted.length);
            assertThat(bottomHalf / total).as(c.category()).isLessThan(0.35);
        }
    }

    // ------------------------------------------------------------------------------------------ own store

    @Test
    void theOwnStoreIsTheSalesSellerWithTheLargestRevenueAndTheConfigNamesIt() {
        Map<String, Double> demand = new HashMap<>();
        for (Map<String, String> r : sales) {
            if (!r.get("status").equals("cancelled")) {
                demand.merge(r.get("seller_id"), usd(r), Double::sum);
            }
        }
        String largest = demand.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(stats.ownStore().sellerId()).isEqualTo(largest);
        assertThat(stats.ownStore().planted()).isFalse();
        assertThat(stats.selectionCases()).isNull();
        assertThat(SampleDataMain.config(stats)).startsWith(SampleDataMain.CONFIG)
                .endsWith("\nown_seller_ids: [\"" + largest + "\"]\n");
        assertThat(TruthJson.toJson(stats)).contains("\"own_store\": {\"seller_ids\": [\"" + largest + "\"]")
                .doesNotContain("selection_cases");
    }

    // ------------------------------------------------------------------------------------------ selection cases

    /** Small data set with the selection cases: two years, 3 000 sales lines, 400 competitor listings. */
    private static final Params SELECTION = new Params(11L, YearMonth.of(2023, 1), 24, 3000, 400, false, false, true);

    @Test
    void selectionCasesPlantTheOwnStoreTheDirectAndTheEmergingCompetitorAndTheBestCategory(@TempDir Path dir) throws IOException {
        Truth t = SampleDataMain.run(SELECTION, dir);
        SelectionCases.Planted c = t.selectionCases();
        assertThat(c).isNotNull();
        SelectionCases.Plan plan = c.plan();
        assertThat(t.ownStore()).isEqualTo(new SyntheticMarket.OwnStore(c.ownSellerId(), "amazon", true));
        assertThat(Files.readString(dir.resolve("marketlens.yaml"))).contains("own_seller_ids: [\"" + c.ownSellerId() + "\"]");
        assertThat(plan.ownCategories()).hasSize(3).doesNotHaveDuplicates().doesNotContain(plan.bestCategory());
        assertThat(plan.emergingFirstMonth()).isEqualTo(SELECTION.lastMonth().minusMonths(SelectionCases.EMERGING_MONTHS - 1));

        // the own store sells in its three categories, where it is the largest planted seller
        List<Map<String, String>> rows = goodRows(dir, "sales", t);
        Set<String> ownCategories = new HashSet<>();
        Map<String, Set<String>> ownUsPrices = new HashMap<>();
        for (Map<String, String> r : rows) {
            if (r.get("seller_id").equals(c.ownSellerId())) {
                ownCategories.add(r.get("category"));
                if (r.get("marketplace").equals("US")) {
                    ownUsPrices.computeIfAbsent(r.get("category"), k -> new HashSet<>()).add(r.get("unit_price"));
                }
            }
        }
        assertThat(ownCategories).containsExactlyInAnyOrderElementsOf(plan.ownCategories());
        for (CategoryTruth category : t.categories()) {
            if (plan.ownCategories().contains(category.category())) {
                assertThat(category.sellers().get(0).sellerId()).as(category.category()).isEqualTo(c.ownSellerId());
            } else {
                assertThat(category.sellers()).as(category.category()).noneMatch(s -> s.sellerId().equals(c.ownSellerId()));
            }
        }

        // the competitors, from the snapshots: month, category, marketplace, price and units of their rows
        YearMonth first = SELECTION.firstMonth();
        Map<YearMonth, Long> emergingUnits = new TreeMap<>();
        Map<String, Map<String, Integer>> directPrices = new HashMap<>(); // product -> price -> rows
        boolean directFromTheStart = false;
        for (Map<String, String> r : goodRows(dir, "competitors", t)) {
            YearMonth month = YearMonth.parse(r.get("snapshot_date").substring(0, 7));
            if (r.get("seller_id").equals(c.direct().sellerId())) {
                assertThat(r.get("category")).isEqualTo(c.direct().category());
                assertThat(r.get("platform") + "/" + r.get("marketplace")).isEqualTo("amazon/US");
                directPrices.computeIfAbsent(r.get("product_id"), k -> new HashMap<>()).merge(r.get("price"), 1, Integer::sum);
                directFromTheStart |= month.equals(first);
            } else if (r.get("seller_id").equals(c.emerging().sellerId())) {
                assertThat(r.get("category")).isEqualTo(c.emerging().category());
                emergingUnits.merge(month, Long.parseLong(r.get("est_units")), Long::sum);
            }
        }
        assertThat(directFromTheStart).as("the direct competitor sells from the first month").isTrue();
        assertThat(directPrices).isNotEmpty();
        // each direct listing's usual price (without a discount) is an own store's price in the category
        Set<String> ownPrices = ownUsPrices.getOrDefault(c.direct().category(), Set.of());
        long matching = directPrices.values().stream()
                .map(prices -> prices.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey())
                .filter(ownPrices::contains).count();
        assertThat(matching).as("direct listings at an own store's price, of " + directPrices.size()).isPositive();
        // the emerging seller: its first month as planted, every month after it, growing
        assertThat(emergingUnits.keySet()).containsExactly(plan.emergingFirstMonth(), plan.emergingFirstMonth().plusMonths(1),
                plan.emergingFirstMonth().plusMonths(2), plan.emergingFirstMonth().plusMonths(3));
        assertThat(emergingUnits.get(plan.emergingFirstMonth()))
                .isLessThan(emergingUnits.get(plan.emergingFirstMonth().plusMonths(2)));

        // the truth names them
        String json = TruthJson.toJson(t);
        assertThat(json).contains("\"selection_cases\": {", "\"best_category\": \"" + plan.bestCategory() + "\"",
                "\"first_month\": \"" + plan.emergingFirstMonth() + "\"", c.direct().sellerId(), c.emerging().sellerId());
        assertThat(Files.readString(dir.resolve("README.md"))).contains("**Selection cases**", c.ownSellerId());
    }

    @Test
    void selectionCasesAreDeterministicAndNeedTwoYearsWithoutTheTimeSeriesCases(@TempDir Path a, @TempDir Path b)
            throws IOException {
        Truth first = SyntheticMarket.generate(SELECTION, a);
        Truth second = SyntheticMarket.generate(SELECTION, b);
        for (Path rel : relativeFiles(a)) {
            assertThat(Files.mismatch(a.resolve(rel), b.resolve(rel))).as(rel.toString()).isEqualTo(-1L);
        }
        assertThat(first).isEqualTo(second);
        assertThat(SyntheticMarket.generate(SELECTION.withSeed(12L), b).selectionCases()).isNotEqualTo(first.selectionCases());

        assertThatThrownBy(() -> SELECTION.withMonths(YearMonth.of(2023, 1), 23))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 24 months");
        assertThatThrownBy(() -> SELECTION.withMonths(YearMonth.of(2023, 1), 36).withTimeSeriesCases(true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("choose one");
    }

    // ------------------------------------------------------------------------------------------ contract

    @Test
    void goodRowsHonourTheCanonicalContract() throws IOException {
        // plain checks collecting violations: per-row AssertJ calls would make this test take seconds
        List<String> problems = new ArrayList<>();
        Set<String> statuses = Set.of("shipped", "delivered", "cancelled", "returned");
        Pattern plainTs = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        Pattern isoTs = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00");
        Set<String> keys = new HashSet<>();
        Set<String> orders = new HashSet<>();
        Set<String> categories = new HashSet<>();
        Set<String> marketplaces = new HashSet<>();
        Set<String> currencies = new HashSet<>();
        Set<String> seenStatuses = new HashSet<>();
        int isoTimestamps = 0;
        for (Map<String, String> r : sales) {
            check(problems, keys.add(r.get("platform") + "|" + r.get("order_id") + "|" + r.get("line_id")), "duplicate key", r);
            orders.add(r.get("order_id"));
            categories.add(r.get("category"));
            marketplaces.add(r.get("marketplace"));
            currencies.add(r.get("currency"));
            seenStatuses.add(r.get("status"));
            check(problems, statuses.contains(r.get("status")), "status", r);
            check(problems, Double.parseDouble(r.get("unit_price")) >= 0, "unit_price", r);
            check(problems, Integer.parseInt(r.get("quantity")) > 0, "quantity", r);
            check(problems, r.get("platform").matches("[a-z]+") && r.get("marketplace").matches("[A-Z]{2}"), "codes", r);
            boolean iso = r.get("order_ts").contains("T");
            isoTimestamps += iso ? 1 : 0;
            check(problems, (iso ? isoTs : plainTs).matcher(r.get("order_ts")).matches(), "order_ts", r);
            check(problems, r.get("currency").equals("USD") || fx.get(r.get("currency"))
                    .floorKey(LocalDate.parse(r.get("order_ts").substring(0, 10))) != null, "fx", r);
        }
        assertThat(sales.size()).isBetween(18_000, 22_000);
        assertThat(isoTimestamps).isPositive();
        assertThat(categories).hasSizeGreaterThanOrEqualTo(4).anyMatch(c -> c.contains("家居"));
        assertThat(marketplaces).hasSizeGreaterThanOrEqualTo(3);
        assertThat(currencies).hasSizeGreaterThanOrEqualTo(3);
        assertThat(seenStatuses).isEqualTo(statuses);

        Set<String> shipmentIds = new HashSet<>();
        Set<String> carriers = new HashSet<>();
        Set<String> destinations = new HashSet<>();
        for (Map<String, String> r : goodRows(statsDir, "logistics", stats)) {
            check(problems, shipmentIds.add(r.get("shipment_id")), "duplicate shipment", r);
            check(problems, orders.contains(r.get("order_id")), "unknown order", r);
            carriers.add(r.get("carrier"));
            destinations.add(r.get("destination_country"));
            check(problems, Set.of("in_transit", "delivered", "returned", "lost").contains(r.get("status")), "status", r);
            check(problems, r.get("delivered_ts").isEmpty() != r.get("status").equals("delivered"), "delivered_ts", r);
            check(problems, r.get("delivered_ts").isEmpty() || !LocalDateTime.parse(r.get("delivered_ts"), TS)
                    .isBefore(LocalDateTime.parse(r.get("ship_ts"), TS)), "ship_ts > delivered_ts", r);
            check(problems, Double.parseDouble(r.get("cost")) > 0, "cost", r);
        }
        assertThat(carriers).hasSizeGreaterThanOrEqualTo(3);
        assertThat(destinations).hasSizeGreaterThanOrEqualTo(4);

        Set<String> listingKeys = new HashSet<>();
        Pattern attributes = Pattern.compile("[a-z_]+:[^;]+(;[a-z_]+:[^;]+)*");
        for (Map<String, String> r : goodRows(statsDir, "competitors", stats)) {
            check(problems, listingKeys.add(String.join("|", r.get("snapshot_date"), r.get("platform"),
                    r.get("marketplace"), r.get("product_id"), r.get("seller_id"))), "duplicate listing", r);
            double rating = Double.parseDouble(r.get("rating"));
            check(problems, rating >= 0 && rating <= 5, "rating", r);
            check(problems, Integer.parseInt(r.get("est_units")) >= 0, "est_units", r);
            check(problems, Integer.parseInt(r.get("review_count")) >= 0, "review_count", r);
            check(problems, Set.of("FBA", "FBM", "overseas-warehouse", "self").contains(r.get("fulfillment")), "fulfillment", r);
            check(problems, attributes.matcher(r.get("attributes")).matches(), "attributes", r);
        }
        assertThat(problems).isEmpty();
    }

    private static void check(List<String> problems, boolean ok, String what, Map<String, String> row) {
        if (!ok && problems.size() < 20) {
            problems.add(what + ": " + row);
        }
    }

    @Test
    void badRowsAreWhereTheTruthSaysAndHaveTheirDefect() throws IOException {
        List<BadRow> bad = stats.badRows();
        assertThat(bad).hasSizeBetween(8, 15);
        assertThat(bad.stream().filter(b -> b.file().startsWith("sales/")).map(BadRow::reason)
                .map(r -> r.replaceAll(":.*", "")))
                .contains("missing_required", "bad_number", "bad_date", "negative", "out_of_range",
                        "fx_rate_missing", "malformed_row", "duplicate_key");
        assertThat(bad).anyMatch(b -> b.file().startsWith("competitors/"))
                .anyMatch(b -> b.file().startsWith("logistics/"));

        Map<String, List<String>> files = new HashMap<>();
        for (BadRow b : bad) {
            List<String> lines = files.computeIfAbsent(b.file(), f -> readLines(statsDir.resolve(f)));
            List<String> header = parse(lines.get(0));
            assertThat(b.line()).as(b.toString()).isBetween(2, lines.size() - 1); // never first or last
            List<String> fields = parse(lines.get(b.line() - 1));
            String reason = b.reason();
            String column = reason.contains(":") ? reason.substring(reason.indexOf(':') + 1) : "";
            String value = fields.size() == header.size() && !column.isEmpty() ? fields.get(header.indexOf(column)) : "";
            switch (reason.replaceAll(":.*", "")) {
                case "malformed_row" -> assertThat(fields).as(b.toString()).hasSizeGreaterThan(header.size());
                case "duplicate_key" -> assertThat(lines.subList(1, b.line() - 1)).as(b.toString())
                        .contains(lines.get(b.line() - 1));
                case "missing_required" -> assertThat(value).as(b.toString()).isEmpty();
                case "bad_number" -> assertThat(value).as(b.toString()).doesNotMatch("-?\\d+(\\.\\d+)?");
                case "bad_date" -> assertThat(value).as(b.toString())
                        .doesNotMatch("\\d{4}-(0[1-9]|1[0-2])-\\d\\d[ T].*");
                case "negative" -> assertThat(Double.parseDouble(value)).as(b.toString()).isNegative();
                case "out_of_range" -> assertThat(value).as(b.toString()).isIn("0", "7.5");
                case "fx_rate_missing" -> assertThat(fx).as(b.toString())
                        .doesNotContainKey(fields.get(header.indexOf("currency")));
                default -> throw new AssertionError("unexpected reason " + reason);
            }
            if (!reason.equals("malformed_row")) {
                assertThat(fields).as(b.toString()).hasSameSizeAs(header);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ checked-in data

    @Test
    void checkedInSamplesMatchTheGenerator(@TempDir Path fresh) throws IOException {
        Path samples = dataSamples();
        assumeTrue(samples != null, "data-samples/ not found from " + Path.of("").toAbsolutePath());

        SampleDataMain.run(Params.defaults(), fresh);
        List<Path> expected = relativeFiles(fresh);
        assertThat(relativeFiles(samples).stream().filter(p -> !p.getFileName().toString().startsWith(".")))
                .as("regenerate with SampleDataMain").containsExactlyElementsOf(expected);
        for (Path rel : expected) {
            assertThat(Files.mismatch(fresh.resolve(rel), samples.resolve(rel)))
                    .as(rel + " is stale: regenerate data-samples with SampleDataMain").isEqualTo(-1L);
        }
    }

    @Test
    void sortingInSmallBuffersWritesTheSameBytes(@TempDir Path fresh) throws IOException {
        Path samples = dataSamples();
        assumeTrue(samples != null, "data-samples/ not found from " + Path.of("").toAbsolutePath());

        // ~600 sales lines a month and ~180 shipments: a 64-line buffer spills every month's sorts several times
        Truth truth = SyntheticMarket.generate(Params.defaults(), fresh, 64);
        Files.writeString(fresh.resolve("truth.json"), TruthJson.toJson(truth), StandardCharsets.UTF_8);

        List<Path> csvs = relativeFiles(fresh).stream().filter(p -> p.toString().endsWith(".csv")).toList();
        assertThat(csvs).hasSize(8);
        for (Path rel : csvs) {
            assertThat(Files.mismatch(fresh.resolve(rel), samples.resolve(rel))).as(rel.toString()).isEqualTo(-1L);
        }
        assertThat(Files.mismatch(fresh.resolve("truth.json"), samples.resolve("truth.json"))).isEqualTo(-1L);
    }

    /**
     * The generator writes rows as it makes them. Holding them, as it once did, needs more than 80 MB of heap for
     * these 120 000 lines; written row by row they fit in 32 MB. A heap limit needs a JVM of its own.
     */
    @Test
    void generatesInAHeapTooSmallToHoldTheRows(@TempDir Path out) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                "io.marketlens.cli.MarketlensCli", "generate", "--rows", "120000", "--months", "24",
                "--listings", "1000", "--seed", "3", "--out", out.toString())
                .redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(log).isZero();
        long salesLines = 0;
        for (Path f : relativeFiles(out.resolve("sales"))) {
            salesLines += readLines(out.resolve("sales").resolve(f)).size() - 1;
        }
        assertThat(salesLines).isBetween(110_000L, 130_000L);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static Path dataSamples() {
        return Stream.of(Path.of("data-samples"), Path.of("../data-samples"))
                .filter(p -> Files.isRegularFile(p.resolve("truth.json"))).findFirst().orElse(null);
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static YearMonth month(Map<String, String> sale) {
        return YearMonth.parse(sale.get("order_ts").substring(0, 7));
    }

    /** Gross USD of a sales line at the latest rate on or before the order date. */
    private static double usd(Map<String, String> sale) {
        double local = Double.parseDouble(sale.get("unit_price")) * Integer.parseInt(sale.get("quantity"));
        String currency = sale.get("currency");
        if (currency.equals("USD")) {
            return local;
        }
        return local * fx.get(currency).floorEntry(LocalDate.parse(sale.get("order_ts").substring(0, 10))).getValue();
    }

    /** All rows of all CSVs in {@code folder} except the truth's bad lines, as column -> value maps. */
    private static List<Map<String, String>> goodRows(Path root, String folder, Truth truth) throws IOException {
        Set<String> badLines = new HashSet<>();
        truth.badRows().forEach(b -> badLines.add(b.file() + "#" + b.line()));
        List<Map<String, String>> rows = new ArrayList<>();
        for (Path file : relativeFiles(root.resolve(folder))) {
            String rel = folder + "/" + file.toString().replace('\\', '/');
            try (Reader in = Files.newBufferedReader(root.resolve(folder).resolve(file), StandardCharsets.UTF_8);
                 CSVParser parser = CSVParser.parse(in, FORMAT)) {
                List<String> header = null;
                for (CSVRecord rec : parser) {
                    if (header == null) {
                        header = rec.toList();
                        continue;
                    }
                    // no field contains a line break, so the record number is the physical line number
                    if (badLines.contains(rel + "#" + rec.getRecordNumber())) {
                        continue;
                    }
                    if (rec.size() != header.size()) {
                        throw new AssertionError(rel + " line " + rec.getRecordNumber() + ": " + rec.size() + " fields");
                    }
                    Map<String, String> row = new HashMap<>();
                    for (int i = 0; i < header.size(); i++) {
                        row.put(header.get(i), rec.get(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static List<String> parse(String line) throws IOException {
        try (CSVParser parser = CSVParser.parse(line, FORMAT)) {
            return parser.getRecords().get(0).toList();
        }
    }

    private static List<Path> relativeFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }
}
