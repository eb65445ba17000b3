package io.marketlens.generate;

import io.marketlens.generate.Vocabulary.Category;
import io.marketlens.generate.Vocabulary.Marketplace;
import io.marketlens.generate.Vocabulary.Service;
import io.marketlens.generate.Vocabulary.Term;
import io.marketlens.ingest.ShipmentStatus;
import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Seeded, pure-Java generator of realistic canonical marketlens exports (sales, competitor listing snapshots,
 * logistics shipments, FX rates) with planted, known patterns and a handful of deliberately bad rows.
 *
 * <p>Same {@link Params} (including the seed) give byte-identical files: all randomness comes from
 * {@link java.util.SplittableRandom} streams split in a fixed order, transcendental functions use
 * {@link StrictMath}, numbers are formatted with {@link Locale#ROOT}, and output order never depends on hash
 * iteration order.
 *
 * <p>Rows are written as they are made, so the heap needed does not grow with the number of rows: what is held
 * is the catalog and the competitor listings, one bounded sort buffer per open sort (sales of the current month,
 * shipments by ship month; a full buffer spills to disk), and the order and shipment ids issued so far, some
 * 16 bytes each. Ten million sales lines run in a 512 MB heap.
 *
 * <p>Planted patterns, returned as {@link Truth}:
 * <ul>
 *   <li>a seasonal index per calendar month ({@link #SEASON_INDEX}, mean 1.0, Nov peak, Feb trough) that
 *       multiplies the expected number of orders of every category and the competitors' unit estimates;</li>
 *   <li>a smooth growth trend of {@link #MONTHLY_GROWTH} per month;</li>
 *   <li>one level shift: orders (and competitor units) of {@link #LEVEL_SHIFT_CATEGORY} are multiplied by
 *       {@link #LEVEL_SHIFT_FACTOR} from a given month on;</li>
 *   <li>Zipf-like seller shares within each category (exponent {@link #ZIPF_EXPONENT}).</li>
 * </ul>
 * The truth also names an own store ({@link OwnStore}): the sales seller with the largest revenue. Optionally,
 * {@link TimeSeriesCases} plant one time-series case per category, or {@link SelectionCases} an own store, a direct and
 * an emerging competitor and a best category.
 * Everything else (prices, quantities, statuses, lead times, FX moves) is noise around those.
 */
public final class SyntheticMarket {

    public static final String BASE_CURRENCY = "USD";

    public static final List<String> SALES_HEADER = List.of("order_id", "line_id", "order_ts", "platform",
            "marketplace", "category", "seller_id", "brand", "product_id", "title", "unit_price", "quantity",
            "currency", "status", "launch_date");
    public static final List<String> COMPETITORS_HEADER = List.of("snapshot_date", "platform", "marketplace",
            "category", "product_id", "seller_id", "brand", "title", "price", "currency", "est_units", "rating",
            "review_count", "launch_date", "fulfillment", "attributes");
    public static final List<String> LOGISTICS_HEADER = List.of("shipment_id", "order_id", "carrier", "service",
            "origin_country", "destination_country", "destination_region", "ship_ts", "promised_ts",
            "delivered_ts", "status", "weight_kg", "cost", "currency");
    public static final List<String> FX_HEADER = List.of("date", "currency", "rate_to_base");

    /** Planted seasonal index, January..December; mean exactly 1.0. */
    public static final List<Double> SEASON_INDEX =
            List.of(0.86, 0.72, 0.90, 0.93, 0.95, 0.97, 1.06, 0.95, 0.96, 1.03, 1.42, 1.25);
    public static final double MONTHLY_GROWTH = 0.008;
    public static final String LEVEL_SHIFT_CATEGORY = "宠物用品>喂食饮水";
    public static final double LEVEL_SHIFT_FACTOR = 1.35;
    public static final double ZIPF_EXPONENT = 0.70;

    static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    static final DateTimeFormatter TS_ISO_CN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+08:00'", Locale.ROOT);
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT);

    private static final int OUR_AMAZON_SELLERS = 32;
    private static final int OUR_ALIEXPRESS_SELLERS = 18;
    private static final int OUR_SHOPEE_SELLERS = 10;
    private static final int COMPETITOR_SELLERS_PER_PLATFORM_SCALE = 80;
    private static final double[] LINES_PER_ORDER = {0.75, 0.18, 0.07};
    private static final double MEAN_LINES_PER_ORDER = 1.28; // realised: small catalogs cap lines
    /** Lines one sort holds before it spills to disk: some 20 MB, whatever the number of rows. */
    private static final int LINES_IN_MEMORY = 50_000;

    private SyntheticMarket() {
    }

    // ------------------------------------------------------------------------------------------------
    // Public API: parameters in, files + ground truth out
    // ------------------------------------------------------------------------------------------------

    /**
     * Generation parameters.
     *
     * @param seed               random seed; same params give byte-identical files
     * @param firstMonth         first month with sales (FX rates start one month earlier)
     * @param months             number of months of sales, competitor snapshots and shipments
     * @param salesRows          approximate number of (good) sales lines
     * @param competitorListings number of distinct competitor listings over the whole period (~60-95 % active
     *                           in a given snapshot)
     * @param badRows            whether to splice the deliberately bad rows into the files
     */
    public record Params(long seed, YearMonth firstMonth, int months, int salesRows, int competitorListings,
                         boolean badRows, boolean timeSeriesCases, boolean selectionCases) {

        /** Without the time-series and selection cases. */
        public Params(long seed, YearMonth firstMonth, int months, int salesRows, int competitorListings, boolean badRows) {
            this(seed, firstMonth, months, salesRows, competitorListings, badRows, false, false);
        }

        /** Without the selection cases. */
        public Params(long seed, YearMonth firstMonth, int months, int salesRows, int competitorListings, boolean badRows,
                      boolean timeSeriesCases) {
            this(seed, firstMonth, months, salesRows, competitorListings, badRows, timeSeriesCases, false);
        }

        public Params {
            Objects.requireNonNull(firstMonth, "firstMonth");
            if (months < 1 || months > 240) {
                throw new IllegalArgumentException("months must be in 1..240: " + months);
            }
            if (salesRows < 100) {
                throw new IllegalArgumentException("salesRows must be >= 100: " + salesRows);
            }
            if (competitorListings < 10) {
                throw new IllegalArgumentException("competitorListings must be >= 10: " + competitorListings);
            }
            if (timeSeriesCases && months < TimeSeriesCases.MIN_MONTHS) {
                throw new IllegalArgumentException("the time-series cases need at least " + TimeSeriesCases.MIN_MONTHS
                        + " months: " + months);
            }
            if (selectionCases && timeSeriesCases) {
                throw new IllegalArgumentException("the time-series cases and the selection cases both plant patterns in "
                        + "the categories: choose one of them");
            }
            if (selectionCases && months < SelectionCases.MIN_MONTHS) {
                throw new IllegalArgumentException("the selection cases need at least " + SelectionCases.MIN_MONTHS
                        + " months: " + months);
            }
        }

        /** The parameters of the checked-in {@code data-samples/}. */
        public static Params defaults() {
            return new Params(2117L, YearMonth.of(2023, 1), 32, 20000, 320, true);
        }

        public YearMonth lastMonth() {
            return firstMonth.plusMonths(months - 1L);
        }

        /** Month from which {@link #LEVEL_SHIFT_CATEGORY} is shifted (17 of 32 months in, scaled). */
        public YearMonth levelShiftMonth() {
            return firstMonth.plusMonths(Math.max(1, months * 17 / 32));
        }

        public Params withSeed(long newSeed) {
            return new Params(newSeed, firstMonth, months, salesRows, competitorListings, badRows, timeSeriesCases, selectionCases);
        }

        public Params withMonths(YearMonth newFirstMonth, int newMonths) {
            return new Params(seed, newFirstMonth, newMonths, salesRows, competitorListings, badRows, timeSeriesCases, selectionCases);
        }

        public Params withSalesRows(int newSalesRows) {
            return new Params(seed, firstMonth, months, newSalesRows, competitorListings, badRows, timeSeriesCases, selectionCases);
        }

        public Params withCompetitorListings(int newListings) {
            return new Params(seed, firstMonth, months, salesRows, newListings, badRows, timeSeriesCases, selectionCases);
        }

        public Params withBadRows(boolean newBadRows) {
            return new Params(seed, firstMonth, months, salesRows, competitorListings, newBadRows, timeSeriesCases, selectionCases);
        }

        /** With or without the planted time-series cases ({@link TimeSeriesCases}). */
        public Params withTimeSeriesCases(boolean cases) {
            return new Params(seed, firstMonth, months, salesRows, competitorListings, badRows, cases, selectionCases);
        }

        /** With or without the planted selection cases ({@link SelectionCases}). */
        public Params withSelectionCases(boolean cases) {
            return new Params(seed, firstMonth, months, salesRows, competitorListings, badRows, timeSeriesCases, cases);
        }
    }

    /** Orders (and competitor units) of {@code category} are multiplied by {@code factor} from {@code fromMonth}. */
    public record LevelShift(String category, YearMonth fromMonth, double factor) {
    }

    /** A seller's planted probability of receiving an order of the category. */
    public record SellerShare(String sellerId, String platform, double share) {
    }

    /**
     * Per-category truth. {@code sellers} are sorted by planted share, descending. {@code top4RevenueShare} is
     * the realised top-4 share of gross USD revenue (all good lines, any status) in the written sales files.
     */
    public record CategoryTruth(String category, double orderWeight, double medianPriceUsd,
                                double top4PlantedShare, double top4RevenueShare, List<SellerShare> sellers) {
    }

    /** Row counts of one written file: data rows (header excluded) = good + bad. */
    public record FileCount(String file, int rows, int good, int bad) {
    }

    /** A deliberately bad row: file relative to the output dir, 1-based physical line (header = 1). */
    public record BadRow(String file, int line, String reason, String description) {
    }

    /**
     * Realised totals of one month of good sales lines: distinct orders, lines, and gross revenue in USD
     * ({@code unit_price * quantity * rate_to_base}, any status, using the latest FX rate on or before the
     * order date).
     */
    public record MonthTotal(YearMonth month, int orders, int lines, double grossUsd) {
    }

    /**
     * What the written good rows actually show (planted pattern + noise), measured the way a pipeline would:
     * {@code peakToTroughRatio} = mean over years of the de-trended monthly gross USD revenue of all categories
     * except the level-shift one, peak month / trough month (NaN if a calendar month is missing);
     * {@code levelShiftRatio} = (shifted category revenue / other revenue) from the shift month on, divided by
     * the same ratio before it (NaN if either side is empty).
     */
    public record Realised(List<MonthTotal> months, double peakToTroughRatio, double levelShiftRatio) {
    }

    /**
     * The own store the data set's {@code marketlens.yaml} names ({@code own_seller_ids}): the planted one with
     * {@link Params#selectionCases()}, else the seller of the sales files with the largest revenue (USD of the lines
     * that are not cancelled, as the pipeline counts demand; ties to the smaller id).
     */
    public record OwnStore(String sellerId, String platform, boolean planted) {
    }

    /** Ground truth of one generated data set; {@code selectionCases} is null without {@link Params#selectionCases()}. */
    public record Truth(Params params, List<Double> seasonIndex, int peakMonth, int troughMonth,
                        double monthlyGrowth, LevelShift levelShift, Term risingTerm, String risingTermCategory,
                        List<CategoryTruth> categories, Realised realised, List<FileCount> files,
                        List<BadRow> badRows, List<TimeSeriesCases.Case> timeSeriesCases, OwnStore ownStore,
                        SelectionCases.Planted selectionCases) {

        /** Planted peak / trough ratio of the seasonal index. */
        public double peakToTroughRatio() {
            return seasonIndex.get(peakMonth - 1) / seasonIndex.get(troughMonth - 1);
        }

        /** Planted trend multiplier of a month: (1 + monthlyGrowth)^(months since first month). */
        public double trendFactor(YearMonth month) {
            return StrictMath.pow(1 + monthlyGrowth, ChronoUnit.MONTHS.between(params.firstMonth(), month));
        }

        public int totalSellers() {
            Set<String> ids = new HashSet<>();
            categories.forEach(c -> c.sellers().forEach(s -> ids.add(s.sellerId())));
            return ids.size();
        }
    }

    /**
     * Generates all files under {@code outDir} ({@code sales/}, {@code competitors/}, {@code logistics/},
     * {@code fx_rates/}). Existing {@code *.csv} files in those four sub-directories are deleted first, so a
     * regeneration with other parameters leaves no stale files behind. Sorts that outgrow memory spill to a
     * hidden {@code .generate-*} folder in {@code outDir}, removed at the end. Nothing else is touched.
     */
    public static Truth generate(Params params, Path outDir) throws IOException {
        return generate(params, outDir, LINES_IN_MEMORY);
    }

    /** As {@link #generate(Params, Path)}, sorting with at most {@code linesInMemory} lines held per sort. */
    static Truth generate(Params params, Path outDir, int linesInMemory) throws IOException {
        return new Run(params, linesInMemory).generate(outDir);
    }

    // ------------------------------------------------------------------------------------------------
    // Internal model
    // ------------------------------------------------------------------------------------------------

    private static final class Seller {
        final String id;
        final String platform;
        final List<String> brands;

        Seller(String id, String platform, List<String> brands) {
            this.id = id;
            this.platform = platform;
            this.brands = brands;
        }
    }

    private static final class Product {
        String id;
        Seller seller;
        Category category;
        String brand;
        String title;
        String attributes;
        double usdPrice;
        double kg;
        LocalDate launch;
        boolean launchKnown;
        double popularity;
    }

    private static final class Line {
        final int no;
        final Product product;
        final String price;
        final int quantity;
        String status;

        Line(int no, Product product, String price, int quantity) {
            this.no = no;
            this.product = product;
            this.price = price;
            this.quantity = quantity;
        }
    }

    private static final class Order {
        String id;
        Seller seller;
        Marketplace marketplace;
        Category category;
        LocalDateTime ts;
        final List<Line> lines = new ArrayList<>();
        boolean hasShipment;
    }

    private static final class Listing {
        Product product;
        Marketplace marketplace;
        LocalDate delisted;
        double baseUnits;
        String fulfillment;
        double baseRating;
        double reviewRate;
        int reviews;
        // the current snapshot, drawn in listing order and written in file order
        boolean listed;
        int units;
        String rating;
        double price;
    }

    /** Daily USD value of each FX currency (weekends carry Friday's rate; only weekdays are written). */
    private static final class Fx {
        final LocalDate first;
        final double[][] rates;

        Fx(LocalDate first, int days) {
            this.first = first;
            this.rates = new double[Vocabulary.FX_CURRENCIES.size()][days];
        }

        double usdPer(String currency, LocalDate date) {
            if (BASE_CURRENCY.equals(currency)) {
                return 1.0;
            }
            int c = Vocabulary.FX_CURRENCIES.indexOf(currency);
            if (c < 0) {
                throw new IllegalArgumentException("no FX for " + currency);
            }
            long i = ChronoUnit.DAYS.between(first, date);
            i = Math.max(0, Math.min(rates[c].length - 1, i));
            return rates[c][(int) i];
        }
    }

    /** One generation run; all state lives here. */
    private static final class Run {
        private final Params p;
        private final LocalDateTime start;
        private final LocalDateTime end;
        private final LocalDate shiftStart;
        /** The planted time-series cases; empty without {@link Params#timeSeriesCases()}. */
        private final List<TimeSeriesCases.Case> cases;
        /** The categories of the planted selection cases; null without {@link Params#selectionCases()}. */
        private final SelectionCases.Plan selection;

        // independent random streams, split in a fixed order
        private final Rng fxRng;
        private final Rng catalogRng;
        private final Rng salesRng;
        private final Rng fulfilmentRng;
        private final Rng competitorRng;
        private final Rng badRowRng;
        /** The selection cases' own draws (null without them), so that the other streams stay as they are. */
        private final Rng selectionRng;

        private final int linesInMemory;
        private Path tempDir;
        private final List<CsvFile> openedFiles = new ArrayList<>();

        private Fx fx;
        private final List<Seller> ourSellers = new ArrayList<>();
        private final Map<String, List<Seller>> sellersByCategory = new LinkedHashMap<>();
        private final Map<String, double[]> sellerWeightsByCategory = new LinkedHashMap<>();
        private final Map<String, List<Product>> productsBySellerCategory = new HashMap<>();
        private final List<Product> ourProducts = new ArrayList<>();
        private final UsedIds usedIds = new UsedIds();
        private final Set<String> usedBrands = new HashSet<>();
        private UnshippedAmazonOrders unshippedAmazonOrders;
        // the planted selection cases' sellers (null without them)
        private Seller ownStore;
        private Seller directCompetitor;
        private Seller emergingSeller;

        // realised totals, summed order by order as the orders are made
        private final Map<String, Map<String, Double>> revenue = new HashMap<>();
        /** USD of the lines that are not cancelled, per seller id: the default own store is the largest. */
        private final Map<String, Double> demandBySeller = new HashMap<>();
        private final int[] monthOrders;
        private final int[] monthLines;
        private final double[] monthUsd;
        private final double[] monthUsdExShift;
        private final double[][] shiftSplit = new double[2][2]; // [after?][shifted category?]

        Run(Params params, int linesInMemory) {
            this.p = params;
            this.linesInMemory = linesInMemory;
            this.monthOrders = new int[params.months()];
            this.monthLines = new int[params.months()];
            this.monthUsd = new double[params.months()];
            this.monthUsdExShift = new double[params.months()];
            this.start = params.firstMonth().atDay(1).atStartOfDay();
            this.end = params.lastMonth().atEndOfMonth().atTime(23, 59, 59);
            this.shiftStart = params.levelShiftMonth().atDay(1);
            this.cases = params.timeSeriesCases()
                    ? TimeSeriesCases.plan(params.firstMonth(), params.months(), params.levelShiftMonth()) : List.of();
            Rng master = new Rng(params.seed());
            this.fxRng = master.split();
            this.catalogRng = master.split();
            this.salesRng = master.split();
            this.fulfilmentRng = master.split();
            this.competitorRng = master.split();
            this.badRowRng = master.split();
            this.selectionRng = params.selectionCases() ? master.split() : null;
            this.selection = params.selectionCases()
                    ? SelectionCases.plan(selectionRng, params.firstMonth(), params.months()) : null;
        }

        /**
         * Writes the good rows as they are made (sales and shipments month by month, through a bounded sort),
         * then splices in the bad rows, which are planned against the finished files.
         */
        Truth generate(Path outDir) throws IOException {
            fx = generateFx();
            buildCatalog();

            for (String sub : List.of("sales", "competitors", "logistics", "fx_rates")) {
                deleteCsvFiles(outDir.resolve(sub));
            }
            Files.createDirectories(outDir);
            tempDir = Files.createTempDirectory(outDir, ".generate-");
            try {
                if (p.badRows()) {
                    unshippedAmazonOrders = new UnshippedAmazonOrders(tempDir.resolve("unshipped-amazon-orders.txt"));
                }
                // competitors first: their listings are garbage before the order ids pile up
                List<CsvFile> competitorFiles = writeCompetitors(outDir);
                CsvFile logistics = csvFile(outDir, "logistics/shipments.csv", LOGISTICS_HEADER);
                List<CsvFile> salesFiles = writeOrders(outDir, logistics);
                CsvFile fxFile = writeFx(outDir);
                List<CsvFile> files = new ArrayList<>(salesFiles);
                files.addAll(competitorFiles);
                files.add(logistics);
                files.add(fxFile);
                for (CsvFile f : files) {
                    f.close();
                }

                if (p.badRows()) {
                    new BadRows(badRowRng, usedIds::claimShipment,
                            (platform, marketplace, ts) -> freshOrderId(badRowRng, platform, marketplace, ts),
                            platform -> freshProductId(badRowRng, platform), unshippedAmazonOrders)
                            .plant(salesFiles, competitorFiles, logistics);
                }
                List<BadRow> badRows = new ArrayList<>();
                List<FileCount> counts = new ArrayList<>();
                for (CsvFile f : files) {
                    List<BadRow> bad = f.finish();
                    badRows.addAll(bad);
                    counts.add(new FileCount(f.path, f.rowCount() + bad.size(), f.rowCount(), bad.size()));
                }
                return truth(counts, badRows);
            } finally {
                for (CsvFile f : openedFiles) {
                    closeQuietly(f);
                }
                if (unshippedAmazonOrders != null) {
                    closeQuietly(unshippedAmazonOrders);
                }
                deleteTree(tempDir);
            }
        }

        private CsvFile csvFile(Path outDir, String path, List<String> header) throws IOException {
            CsvFile f = new CsvFile(outDir, path, header);
            openedFiles.add(f);
            return f;
        }

        // ---------------------------------------------------------------- FX

        private Fx generateFx() {
            LocalDate first = p.firstMonth().minusMonths(1).atDay(1);
            LocalDate last = p.lastMonth().atEndOfMonth();
            int days = (int) ChronoUnit.DAYS.between(first, last) + 1;
            Fx result = new Fx(first, days);
            int n = Vocabulary.FX_CURRENCIES.size();
            double[] logLevel = new double[n];
            double[] logStart = new double[n];
            for (int c = 0; c < n; c++) {
                logStart[c] = StrictMath.log(Vocabulary.FX_START[c]);
                logLevel[c] = logStart[c];
            }
            for (int d = 0; d < days; d++) {
                LocalDate date = first.plusDays(d);
                boolean weekend = isWeekend(date);
                for (int c = 0; c < n; c++) {
                    if (d > 0 && weekend) {
                        result.rates[c][d] = result.rates[c][d - 1];
                        continue;
                    }
                    if (d > 0) {
                        logLevel[c] += Vocabulary.FX_DAILY_SIGMA[c] * fxRng.gaussian()
                                - 0.004 * (logLevel[c] - logStart[c]);
                    }
                    result.rates[c][d] = significant(StrictMath.exp(logLevel[c]), 6);
                }
            }
            return result;
        }

        private CsvFile writeFx(Path outDir) throws IOException {
            CsvFile f = csvFile(outDir, "fx_rates/usd_rates.csv", FX_HEADER);
            for (int d = 0; d < fx.rates[0].length; d++) {
                LocalDate date = fx.first.plusDays(d);
                if (isWeekend(date)) {
                    continue;
                }
                for (int c = 0; c < Vocabulary.FX_CURRENCIES.size(); c++) {
                    f.append(List.of(date.toString(), Vocabulary.FX_CURRENCIES.get(c),
                            BigDecimal.valueOf(fx.rates[c][d]).stripTrailingZeros().toPlainString()));
                }
            }
            return f;
        }

        // ---------------------------------------------------------------- catalog

        private void buildCatalog() {
            Rng r = catalogRng;
            int[] counts = {OUR_AMAZON_SELLERS, OUR_ALIEXPRESS_SELLERS, OUR_SHOPEE_SELLERS};
            for (int pl = 0; pl < counts.length; pl++) {
                for (int i = 0; i < counts[pl]; i++) {
                    ourSellers.add(newSeller(r, Vocabulary.PLATFORMS.get(pl), false));
                }
            }
            if (selection != null) { // the planted own store: an Amazon seller
                ownStore = ourSellers.get(selectionRng.nextInt(OUR_AMAZON_SELLERS));
            }
            double[] catWeights = Vocabulary.CATEGORIES.stream().mapToDouble(Category::weight).toArray();
            Map<Seller, List<Category>> membership = new LinkedHashMap<>();
            for (Seller s : ourSellers) {
                List<Category> cats = new ArrayList<>();
                cats.add(Vocabulary.CATEGORIES.get(r.weighted(catWeights)));
                if (r.chance(0.45)) {
                    Category second = Vocabulary.CATEGORIES.get(r.weighted(catWeights));
                    if (second != cats.get(0)) {
                        cats.add(second);
                    }
                }
                if (s == ownStore) { // it sells in the three own categories (the draws above are made all the same)
                    cats = new ArrayList<>();
                    for (String name : selection.ownCategories()) {
                        cats.add(Vocabulary.CATEGORIES.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow());
                    }
                }
                membership.put(s, cats);
            }
            for (Category c : Vocabulary.CATEGORIES) {
                List<Seller> members = new ArrayList<>();
                for (Seller s : ourSellers) {
                    if (membership.get(s).contains(c)) {
                        members.add(s);
                    }
                }
                while (members.size() < 13) { // every category gets a real long tail
                    Seller extra = r.pick(ourSellers);
                    if (!members.contains(extra) && extra != ownStore) { // the own store sells in its categories only
                        members.add(extra);
                    }
                }
                // random rank order, then Zipf weights by rank
                for (int i = members.size() - 1; i > 0; i--) {
                    int j = r.nextInt(i + 1);
                    Seller tmp = members.get(i);
                    members.set(i, members.get(j));
                    members.set(j, tmp);
                }
                if (ownStore != null && members.remove(ownStore)) {
                    members.add(0, ownStore); // the own store is the largest seller of its categories
                }
                double[] w = new double[members.size()];
                double sum = 0;
                for (int k = 0; k < w.length; k++) {
                    w[k] = 1.0 / StrictMath.pow(k + 1, ZIPF_EXPONENT);
                    sum += w[k];
                }
                for (int k = 0; k < w.length; k++) {
                    w[k] /= sum;
                }
                sellersByCategory.put(c.name(), members);
                sellerWeightsByCategory.put(c.name(), w);
                for (Seller s : members) {
                    int n = Math.min(9, 2 + r.poisson(2.5));
                    List<Product> list = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        LocalDate launch;
                        if (i == 0 || r.chance(0.40)) {
                            launch = randomDate(r, start.toLocalDate().minusMonths(30),
                                    start.toLocalDate().minusDays(7));
                        } else {
                            launch = randomDate(r, start.toLocalDate(), end.toLocalDate().minusDays(14));
                        }
                        Product prod = newProduct(r, s, c, launch);
                        if (isBest(c.name())) {
                            prod.kg *= SelectionCases.BEST_KG; // lighter parcels: a low freight cost share
                        }
                        list.add(prod);
                        ourProducts.add(prod);
                    }
                    productsBySellerCategory.put(s.id + "|" + c.name(), list);
                }
            }
        }

        private Seller newSeller(Rng r, String platform, boolean competitor) {
            String id;
            do {
                id = switch (platform) {
                    case "amazon" -> "A" + r.alnum(13);
                    case "aliexpress" -> "11" + r.digits(8);
                    default -> (char) ('3' + r.nextInt(6)) + r.digits(8);
                };
            } while (!usedIds.claimCatalog(id));
            List<String> brands = new ArrayList<>();
            if (competitor && !"amazon".equals(platform) && r.chance(0.12)) {
                brands.add("Generic");
            } else {
                brands.add(newBrand(r));
                if (r.chance(0.25)) {
                    brands.add(newBrand(r));
                }
            }
            return new Seller(id, platform, brands);
        }

        private String newBrand(Rng r) {
            String brand;
            do {
                String raw = r.pick(Vocabulary.BRAND_HEADS) + r.pick(Vocabulary.BRAND_TAILS);
                brand = r.chance(0.35) ? raw.toUpperCase(Locale.ROOT) : raw;
            } while (!usedBrands.add(brand.toLowerCase(Locale.ROOT)));
            return brand;
        }

        private String freshProductId(Rng r, String platform) {
            String id;
            do {
                id = switch (platform) {
                    case "amazon" -> "B0" + r.alnum(8);
                    case "aliexpress" -> "100500" + r.digits(10);
                    default -> (char) ('1' + r.nextInt(2)) + r.digits(10);
                };
            } while (!usedIds.claimCatalog(id));
            return id;
        }

        private Product newProduct(Rng r, Seller seller, Category c, LocalDate launch) {
            Product prod = new Product();
            prod.id = freshProductId(r, seller.platform);
            prod.seller = seller;
            prod.category = c;
            prod.brand = r.pick(seller.brands);
            prod.launch = launch;
            prod.launchKnown = !r.chance(0.06);
            prod.popularity = r.logNormal(1.0, 0.7);
            prod.kg = Math.max(0.05, r.logNormal(c.kg(), 0.35));

            Vocabulary.Noun nounSpec = r.pick(c.nouns());
            Term noun = nounSpec.term();
            Term material = r.pick(allowed(c.materials(), nounSpec.materials()));
            Term feature = pickFeature(r, c, allowed(c.features(), nounSpec.features()), launch);
            Term color = r.pick(c.colors());
            String extra = r.pick(c.extraValues());
            prod.usdPrice = round(r.logNormal(c.medianUsd() * material.priceFactor(), c.priceSigma()), 2);

            boolean chinese = r.chance(c.chineseName() ? 0.55 : 0.08);
            prod.title = chinese ? chineseTitle(r, prod.brand, c, noun, material, feature, color, extra)
                    : englishTitle(r, prod.brand, c, noun, material, feature, color, extra);
            StringBuilder attrs = new StringBuilder()
                    .append("material:").append(material.en().toLowerCase(Locale.ROOT));
            if (!r.chance(0.1)) {
                attrs.append(";color:").append(color.en().toLowerCase(Locale.ROOT));
            }
            attrs.append(';').append(c.extraKey()).append(':').append(extra);
            prod.attributes = attrs.toString();
            return prod;
        }

        private static List<Term> allowed(List<Term> terms, List<String> names) {
            return names.isEmpty() ? terms : terms.stream().filter(t -> names.contains(t.en())).toList();
        }

        /** Feature term; in the rising-term category "Magnetic" gets more likely the later a product launches. */
        private Term pickFeature(Rng r, Category c, List<Term> features, LocalDate launch) {
            if (c.name().equals(Vocabulary.RISING_CATEGORY)) {
                double progress = launch.isBefore(start.toLocalDate()) ? 0
                        : (double) ChronoUnit.DAYS.between(start, launch.atStartOfDay())
                        / Math.max(1, ChronoUnit.DAYS.between(start, end));
                if (r.chance(0.10 + 0.65 * progress)) {
                    return Vocabulary.RISING_FEATURE;
                }
                return r.pick(features.stream().filter(t -> !t.equals(Vocabulary.RISING_FEATURE)).toList());
            }
            return r.pick(features);
        }

        private static String englishTitle(Rng r, String brand, Category c, Term noun, Term material, Term feature,
                                           Term color, String extra) {
            StringBuilder sb = new StringBuilder();
            if (r.chance(0.6)) {
                sb.append(brand).append(' ');
            }
            if (r.chance(0.75)) {
                sb.append(feature.en()).append(' ');
            }
            sb.append(material.en()).append(' ').append(noun.en());
            if (noun.en().equals("Camping Table") && r.chance(0.5)) {
                sb.append(' ').append(r.pick(new String[] {"20", "24", "28", "32"})).append('"');
            }
            switch (c.extraKey()) {
                case "pieces" -> {
                    if (!extra.equals("1")) {
                        sb.append(", ").append(r.chance(0.5) ? "Set of " + extra : extra + " Pack");
                    }
                }
                case "capacity", "voltage" -> sb.append(", ").append(extra);
                default -> {
                }
            }
            if (r.chance(0.35)) {
                sb.append(", ").append(color.en());
            }
            return sb.toString();
        }

        private static String chineseTitle(Rng r, String brand, Category c, Term noun, Term material, Term feature,
                                           Term color, String extra) {
            StringBuilder sb = new StringBuilder();
            if (r.chance(0.4)) {
                sb.append(brand).append(' ');
            }
            sb.append(material.zh()).append(noun.zh());
            if (r.chance(0.8)) {
                sb.append(' ').append(feature.zh());
            }
            if (c.extraKey().equals("pieces") && !extra.equals("1")) {
                sb.append(' ').append(extra).append("件套");
            } else if (c.extraKey().equals("capacity")) {
                sb.append(' ').append(extra);
            }
            if (r.chance(0.3)) {
                sb.append(' ').append(color.zh());
            }
            return sb.toString();
        }

        // ---------------------------------------------------------------- sales

        private double monthFactor(Category c, int t) {
            YearMonth ym = p.firstMonth().plusMonths(t);
            double f = SEASON_INDEX.get(ym.getMonthValue() - 1) * StrictMath.pow(1 + MONTHLY_GROWTH, t);
            return f * categoryFactor(c.name(), t);
        }

        /**
         * The level shift, or with the time-series cases the category's case, in month t; with the selection cases
         * the best category's extra growth and milder season on top.
         */
        private double categoryFactor(String category, int t) {
            if (!cases.isEmpty()) {
                return TimeSeriesCases.factor(cases, category, p.firstMonth(), t);
            }
            boolean shifted = !p.firstMonth().plusMonths(t).atDay(1).isBefore(shiftStart);
            double f = category.equals(LEVEL_SHIFT_CATEGORY) && shifted ? LEVEL_SHIFT_FACTOR : 1.0;
            return isBest(category) ? f * SelectionCases.bestFactor(t, p.firstMonth().plusMonths(t).getMonthValue()) : f;
        }

        /** Whether the category is the planted best one of the selection cases. */
        private boolean isBest(String category) {
            return selection != null && selection.bestCategory().equals(category);
        }

        /**
         * Makes the orders month by month and writes their sales lines and shipments as it goes. Each order is
         * fulfilled as soon as it is made: the fulfilment stream is separate, so its draws are the same as if all
         * orders were fulfilled afterwards in the same order. A month's sales lines are complete once its orders
         * are made; shipments of a month once that month's orders are (a parcel never ships before its order).
         */
        private List<CsvFile> writeOrders(Path outDir, CsvFile logistics) throws IOException {
            Rng r = salesRng;
            double total = 0;
            for (int t = 0; t < p.months(); t++) {
                for (Category c : Vocabulary.CATEGORIES) {
                    total += c.weight() * monthFactor(c, t);
                }
            }
            double ordersPerUnit = p.salesRows() / (MEAN_LINES_PER_ORDER * total);
            Map<Integer, CsvFile> salesFiles = new TreeMap<>();
            ExternalSort monthSales = new ExternalSort(tempDir, linesInMemory);
            TreeMap<YearMonth, ExternalSort> shipmentsByMonth = new TreeMap<>();
            for (int t = 0; t < p.months(); t++) {
                YearMonth ym = p.firstMonth().plusMonths(t);
                Map<String, double[]> dayWeights = new HashMap<>();
                for (String platform : Vocabulary.PLATFORMS) {
                    dayWeights.put(platform, dayWeights(platform, ym));
                }
                for (Category c : Vocabulary.CATEGORIES) {
                    int n = TimeSeriesCases.isThin(cases, c.name())
                            ? r.poisson(TimeSeriesCases.THIN_ORDERS * SEASON_INDEX.get(ym.getMonthValue() - 1))
                            : r.poisson(ordersPerUnit * c.weight() * monthFactor(c, t));
                    List<Seller> sellers = sellersByCategory.get(c.name());
                    double[] weights = sellerWeightsByCategory.get(c.name());
                    for (int i = 0; i < n; i++) {
                        Seller s = sellers.get(r.weighted(weights));
                        Order o = newOrder(r, s, c, ym, dayWeights.get(s.platform));
                        fulfil(o, shipmentsByMonth);
                        count(o, t);
                        monthSales.add(salesLines(o));
                    }
                }
                int year = ym.getYear();
                monthSales.drainTo(line -> salesFile(outDir, salesFiles, year).appendLine(line)); // a file per year
                while (!shipmentsByMonth.isEmpty() && !shipmentsByMonth.firstKey().isAfter(ym)) {
                    shipmentsByMonth.pollFirstEntry().getValue().drainTo(logistics::appendLine);
                }
            }
            for (ExternalSort rest : shipmentsByMonth.values()) { // none: parcels ship by the last day
                rest.drainTo(logistics::appendLine);
            }
            return new ArrayList<>(salesFiles.values());
        }

        private CsvFile salesFile(Path outDir, Map<Integer, CsvFile> salesFiles, int year) throws IOException {
            CsvFile f = salesFiles.get(year);
            if (f == null) {
                f = csvFile(outDir, "sales/orders-" + year + ".csv", SALES_HEADER);
                salesFiles.put(year, f);
            }
            return f;
        }

        /** The order's sales lines; the file is sorted by order time, then order id. */
        private static ExternalSort.Block salesLines(Order o) {
            String ts = "aliexpress".equals(o.seller.platform) ? o.ts.format(TS_ISO_CN) : o.ts.format(TS);
            String[] lines = new String[o.lines.size()];
            for (int i = 0; i < lines.length; i++) {
                Line l = o.lines.get(i);
                Product prod = l.product;
                lines[i] = CsvFile.line(List.of(o.id, Integer.toString(l.no), ts, o.seller.platform,
                        o.marketplace.code(), o.category.name(), o.seller.id, prod.brand, prod.id, prod.title, l.price,
                        Integer.toString(l.quantity), o.marketplace.currency(), l.status,
                        prod.launchKnown ? prod.launch.toString() : ""));
            }
            return new ExternalSort.Block(o.ts.toEpochSecond(ZoneOffset.UTC), o.id, lines);
        }

        /** Adds a finished order to the realised totals of the truth (gross USD, any status). */
        private void count(Order o, int t) throws IOException {
            double fxRate = fx.usdPer(o.marketplace.currency(), o.ts.toLocalDate());
            boolean shifted = o.category.name().equals(LEVEL_SHIFT_CATEGORY);
            int after = o.ts.toLocalDate().isBefore(shiftStart) ? 0 : 1;
            monthOrders[t]++;
            for (Line l : o.lines) {
                double usd = Double.parseDouble(l.price) * l.quantity * fxRate;
                revenue.computeIfAbsent(o.category.name(), k -> new HashMap<>())
                        .merge(o.seller.id, usd, Double::sum);
                if (!"cancelled".equals(l.status)) {
                    demandBySeller.merge(o.seller.id, usd, Double::sum);
                }
                monthLines[t]++;
                monthUsd[t] += usd;
                if (!shifted) {
                    monthUsdExShift[t] += usd;
                }
                shiftSplit[after][shifted ? 1 : 0] += usd;
            }
            if (unshippedAmazonOrders != null && "amazon".equals(o.seller.platform) && !o.hasShipment
                    && !"cancelled".equals(o.lines.get(0).status)) {
                unshippedAmazonOrders.add(o.marketplace.code(), o.ts, o.id);
            }
        }

        /** Within-month day weights: weekends, Prime Day, 11.11, Black Friday..Cyber Monday, 12.12. */
        private static double[] dayWeights(String platform, YearMonth ym) {
            double[] w = new double[ym.lengthOfMonth()];
            LocalDate primeDay = ym.getMonthValue() == 7
                    ? ym.atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.TUESDAY)) : null;
            LocalDate blackFriday = ym.getMonthValue() == 11
                    ? ym.atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY)).plusDays(1) : null;
            for (int d = 1; d <= w.length; d++) {
                LocalDate date = ym.atDay(d);
                double x = switch (date.getDayOfWeek()) {
                    case SUNDAY -> 1.12;
                    case SATURDAY, MONDAY -> 1.05;
                    default -> 0.95;
                };
                if (primeDay != null && "amazon".equals(platform)
                        && (date.equals(primeDay) || date.equals(primeDay.plusDays(1)))) {
                    x *= 3.0;
                }
                if (blackFriday != null && !date.isBefore(blackFriday) && !date.isAfter(blackFriday.plusDays(3))) {
                    x *= "amazon".equals(platform) ? 2.4 : 1.6;
                }
                if (ym.getMonthValue() == 11 && d == 11 && !"amazon".equals(platform)) {
                    x *= 4.0;
                }
                if (ym.getMonthValue() == 12 && d == 12 && "shopee".equals(platform)) {
                    x *= 3.0;
                }
                w[d - 1] = x;
            }
            return w;
        }

        private Order newOrder(Rng r, Seller s, Category c, YearMonth ym, double[] dayWeights) {
            Order o = new Order();
            o.seller = s;
            o.category = c;
            List<Marketplace> mps = Vocabulary.marketplacesOf(s.platform);
            o.marketplace = mps.get(r.weighted(mps.stream().mapToDouble(Marketplace::weight).toArray()));
            int day = r.weighted(dayWeights) + 1;
            int localHour = r.weighted(Vocabulary.LOCAL_HOUR_PROFILE);
            int hourCn = Math.floorMod(localHour + 8 - o.marketplace.utcOffset(), 24);
            o.ts = ym.atDay(day).atTime(hourCn, r.nextInt(60), r.nextInt(60));
            o.id = freshOrderId(r, s.platform, o.marketplace.code(), o.ts);

            LocalDate date = o.ts.toLocalDate();
            List<Product> candidates = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            for (Product prod : productsBySellerCategory.get(s.id + "|" + c.name())) {
                if (!prod.launch.isAfter(date)) {
                    candidates.add(prod);
                    long age = ChronoUnit.DAYS.between(prod.launch, date);
                    weights.add(prod.popularity * Math.min(1.0, (age + 7) / 60.0));
                }
            }
            int lines = Math.min(candidates.size(), r.weighted(LINES_PER_ORDER) + 1);
            for (int no = 1; no <= lines; no++) {
                int k = r.weighted(weights.stream().mapToDouble(Double::doubleValue).toArray());
                Product prod = candidates.remove(k);
                weights.remove(k);
                int qty = 1;
                if (r.chance(c.multiUnitShare())) {
                    qty = 2 + r.weighted(new double[] {0.62, 0.20, 0.09, 0.05, 0.04});
                }
                String price = orderPrice(r, prod, o.marketplace, date);
                o.lines.add(new Line(no, prod, price, qty));
            }
            return o;
        }

        private String freshOrderId(Rng r, String platform, String marketplace, LocalDateTime ts) {
            String id;
            do {
                id = switch (platform) {
                    case "amazon" -> {
                        String[] prefixes = switch (marketplace) {
                            case "DE" -> new String[] {"302", "303", "304", "305", "306"};
                            case "GB" -> new String[] {"202", "203", "204", "205", "206"};
                            case "JP" -> new String[] {"249", "250", "503"};
                            default -> new String[] {"111", "112", "113", "114"};
                        };
                        yield r.pick(prefixes) + "-" + r.digits(7) + "-" + r.digits(7);
                    }
                    case "aliexpress" -> "81" + r.digits(14);
                    default -> ts.format(YYMMDD) + r.alnum(8);
                };
            } while (!usedIds.claimOrder(platform, id));
            return id;
        }

        /** List price re-derived from the USD price each quarter at the quarter's opening FX; 12 % coupons. */
        private String orderPrice(Rng r, Product prod, Marketplace mp, LocalDate date) {
            double local = listPrice(prod, mp, date);
            if (r.chance(0.12)) {
                local *= 1 - r.uniform(0.05, 0.30);
            }
            return formatMoney(local, mp.currency());
        }

        private double listPrice(Product prod, Marketplace mp, LocalDate date) {
            LocalDate quarterStart = LocalDate.of(date.getYear(), ((date.getMonthValue() - 1) / 3) * 3 + 1, 1);
            double local = prod.usdPrice * mp.priceFactor() / fx.usdPer(mp.currency(), quarterStart);
            return charm(local, mp.currency());
        }

        // ---------------------------------------------------------------- fulfilment, statuses, logistics

        /** Cancels, delivers or ships the order; a shipment goes to the sort of its ship month. */
        private void fulfil(Order o, Map<YearMonth, ExternalSort> shipmentsByMonth) throws IOException {
            Rng r = fulfilmentRng;
            String platform = o.seller.platform;
            double cancel = switch (platform) {
                case "amazon" -> 0.025;
                case "aliexpress" -> 0.05;
                default -> 0.04;
            };
            if (r.chance(cancel)) {
                o.lines.forEach(l -> l.status = "cancelled");
                return;
            }
            boolean platformLogistics = "shopee".equals(platform) || ("amazon".equals(platform) && r.chance(0.89));
            if (platformLogistics) {
                // FBA / Shopee SLS: no shipment row in our logistics export
                double days = r.logNormal("amazon".equals(platform) ? 2.5 : 5.0, 0.35);
                LocalDateTime delivered = o.ts.plusSeconds((long) (days * 86400));
                setDeliveredStatuses(r, o, delivered);
                return;
            }
            o.hasShipment = true;
            Shipment s = shipment(r, o);
            // the file is sorted by ship_ts, then shipment_id
            shipmentsByMonth.computeIfAbsent(YearMonth.from(s.ship()), k -> new ExternalSort(tempDir, linesInMemory))
                    .add(new ExternalSort.Block(s.ship().toEpochSecond(ZoneOffset.UTC), s.row().get(0),
                            new String[] {CsvFile.line(s.row())}));
        }

        private record Shipment(LocalDateTime ship, List<String> row) {
        }

        private void setDeliveredStatuses(Rng r, Order o, LocalDateTime delivered) {
            for (Line l : o.lines) {
                if (delivered.isAfter(end)) {
                    l.status = "shipped";
                } else if (r.chance(o.category.returnRate()) && !delivered.plusDays(4).isAfter(end)) {
                    l.status = "returned";
                } else {
                    l.status = "delivered";
                }
            }
        }

        private Shipment shipment(Rng r, Order o) {
            String dest = o.marketplace.code();
            Service svc = chooseService(r, o.seller.platform, dest);
            String origin = r.chance(0.92) ? "CN" : "HK";
            double handling = Math.max(0.1, Math.min(6.0, r.logNormal(1.1, 0.5)));
            LocalDateTime ship = o.ts.plusSeconds((long) (handling * 86400));
            if (ship.isAfter(end)) {
                ship = o.ts.plusSeconds(Duration.between(o.ts, end).getSeconds() / 2);
            }
            LocalDateTime promised = ship.toLocalDate().plusDays(svc.promisedDays()).atTime(23, 59, 59);
            boolean peak = ship.getMonthValue() >= 11 || (ship.getMonthValue() == 1 && ship.getDayOfMonth() <= 7);
            double lead = Math.max(1.5, r.logNormal(svc.medianDays() * destLeadFactor(dest) * (peak ? 1.3 : 1.0),
                    svc.sigma()));
            LocalDateTime delivered = ship.plusSeconds((long) (lead * 86400));
            double fate = r.uniform();
            String status;
            String deliveredTs = "";
            if (fate < 0.006 && !ship.plusDays(30).isAfter(end)) {
                status = ShipmentStatus.LOST.code();
                o.lines.forEach(l -> l.status = "shipped");
            } else if (fate < 0.018 && !ship.plusDays(25).isAfter(end)) {
                status = ShipmentStatus.RETURNED.code(); // returned to sender, never delivered
                o.lines.forEach(l -> l.status = "returned");
            } else if (delivered.isAfter(end)) {
                status = ShipmentStatus.IN_TRANSIT.code();
                o.lines.forEach(l -> l.status = "shipped");
            } else {
                status = ShipmentStatus.DELIVERED.code();
                deliveredTs = delivered.format(TS);
                setDeliveredStatuses(r, o, delivered);
            }
            double kg = 0.05;
            for (Line l : o.lines) {
                kg += l.quantity * l.product.kg * r.uniform(0.95, 1.05);
            }
            kg = round(kg, 3);
            double costUsd = (svc.baseFeeUsd() + svc.perKgUsd() * kg) * destCostFactor(dest);
            String costCurrency = svc.costCurrency();
            double cost = costUsd / fx.usdPer(costCurrency, ship.toLocalDate());
            String region = switch (dest) {
                case "US" -> Vocabulary.US_STATES.get(r.weighted(Vocabulary.US_STATE_WEIGHTS));
                case "DE" -> Vocabulary.DE_STATES.get(r.weighted(Vocabulary.DE_STATE_WEIGHTS));
                case "JP" -> Vocabulary.JP_PREFECTURES.get(r.weighted(Vocabulary.JP_PREFECTURE_WEIGHTS));
                default -> "";
            };
            return new Shipment(ship, List.of(freshShipmentId(r, svc), o.id, svc.carrier(), svc.service(), origin,
                    dest, region, ship.format(TS), promised.format(TS), deliveredTs, status, fmt(kg, 3),
                    fmt(cost, 2), costCurrency));
        }

        private static Service chooseService(Rng r, String platform, String dest) {
            if ("aliexpress".equals(platform)) {
                int k = r.weighted(new double[] {0.55, 0.20, 0.15, 0.10});
                return switch (k) {
                    case 0 -> Vocabulary.service("Cainiao", "AliExpress Standard Shipping");
                    case 1 -> Vocabulary.service("Cainiao", "Cainiao Super Economy Global");
                    case 2 -> Vocabulary.service("YunExpress", "Global Direct Line Standard");
                    default -> Vocabulary.service("4PX", "4PX Standard Parcel");
                };
            }
            int k = r.weighted(new double[] {0.35, 0.15, 0.20, 0.10, 0.20});
            return switch (k) {
                case 0 -> Vocabulary.service("YunExpress", "Global Direct Line Standard");
                case 2 -> Vocabulary.service("4PX", "4PX Standard Parcel");
                case 3 -> Vocabulary.service("4PX", "4PX Express Plus");
                case 4 -> "JP".equals(dest)
                        ? Vocabulary.service("YunExpress", "Global Direct Line Tracked Express")
                        : Vocabulary.service("DHL eCommerce", "Parcel International Direct");
                default -> Vocabulary.service("YunExpress", "Global Direct Line Tracked Express");
            };
        }

        private static double destLeadFactor(String dest) {
            return switch (dest) {
                case "GB" -> 0.95;
                case "FR" -> 1.05;
                case "ES" -> 1.10;
                case "JP" -> 0.60;
                default -> 1.0;
            };
        }

        private static double destCostFactor(String dest) {
            return switch (dest) {
                case "DE", "FR", "ES" -> 1.05;
                case "JP" -> 0.85;
                default -> 1.0;
            };
        }

        private String freshShipmentId(Rng r, Service svc) {
            String id;
            do {
                id = switch (svc.idPrefix()) {
                    case "YT" -> "YT" + r.digits(16);
                    case "4PX" -> "4PX" + r.digits(13) + "CN";
                    case "LP" -> "LP00" + r.digits(12);
                    default -> "GM" + r.digits(18);
                };
            } while (!usedIds.claimShipment(id));
            return id;
        }

        // ---------------------------------------------------------------- competitors

        /**
         * One snapshot per month end. A snapshot's values are drawn listing by listing in the order the listings
         * were made, and its rows are written in file order (platform, marketplace, category, product, seller),
         * which is the same for every snapshot: only per-listing state is held, never a snapshot's rows.
         */
        private List<CsvFile> writeCompetitors(Path outDir) throws IOException {
            Rng r = competitorRng;
            List<Listing> listings = buildListings(r);
            List<Listing> fileOrder = new ArrayList<>(listings);
            fileOrder.sort(Comparator.comparing((Listing l) -> l.product.seller.platform)
                    .thenComparing(l -> l.marketplace.code()).thenComparing(l -> l.product.category.name())
                    .thenComparing(l -> l.product.id).thenComparing(l -> l.product.seller.id));
            Map<Integer, CsvFile> byYear = new TreeMap<>();
            for (int t = 0; t < p.months(); t++) {
                YearMonth ym = p.firstMonth().plusMonths(t);
                LocalDate snap = ym.atEndOfMonth();
                double season = SEASON_INDEX.get(ym.getMonthValue() - 1) * StrictMath.pow(1 + MONTHLY_GROWTH, t);
                for (Listing l : listings) {
                    Product prod = l.product;
                    l.listed = !prod.launch.isAfter(snap) && (l.delisted == null || l.delisted.isAfter(snap));
                    if (!l.listed) {
                        continue;
                    }
                    double shift = categoryFactor(prod.category.name(), t);
                    long age = ChronoUnit.DAYS.between(prod.launch, snap);
                    double ramp = Math.min(1.0, (age + 10) / 100.0);
                    int units = (int) Math.round(l.baseUnits * season * shift * ramp * r.logNormal(1.0, 0.18));
                    l.reviews += r.poisson(units * l.reviewRate);
                    String rating = "0.0";
                    if (l.reviews > 0) {
                        double noise = 0.08 * r.gaussian() + (l.reviews < 15 ? 0.35 * r.gaussian() : 0);
                        rating = fmt(Math.max(1.0, Math.min(5.0, l.baseRating + noise)), 1);
                    }
                    double price = listPrice(prod, l.marketplace, snap);
                    if (r.chance(0.12)) {
                        price *= r.uniform(0.80, 0.95);
                    }
                    l.units = units;
                    l.rating = rating;
                    l.price = price;
                }
                CsvFile f = byYear.get(ym.getYear());
                if (f == null) {
                    f = csvFile(outDir, "competitors/listings-" + ym.getYear() + ".csv", COMPETITORS_HEADER);
                    byYear.put(ym.getYear(), f);
                }
                for (Listing l : fileOrder) {
                    if (l.listed) {
                        Product prod = l.product;
                        f.append(List.of(snap.toString(), prod.seller.platform, l.marketplace.code(),
                                prod.category.name(), prod.id, prod.seller.id, prod.brand, prod.title,
                                formatMoney(l.price, l.marketplace.currency()), l.marketplace.currency(),
                                Integer.toString(l.units), l.rating, Integer.toString(l.reviews),
                                prod.launchKnown ? prod.launch.toString() : "", l.fulfillment, prod.attributes));
                    }
                }
            }
            return new ArrayList<>(byYear.values());
        }

        private List<Listing> buildListings(Rng r) {
            int perPlatform = COMPETITOR_SELLERS_PER_PLATFORM_SCALE;
            Map<String, List<Seller>> competitors = new LinkedHashMap<>();
            competitors.put("amazon", newSellers(r, "amazon", perPlatform * 11 / 20));
            competitors.put("aliexpress", newSellers(r, "aliexpress", perPlatform * 5 / 20));
            competitors.put("shopee", newSellers(r, "shopee", perPlatform * 4 / 20));
            double[] platformWeights = {0.60, 0.25, 0.15};
            List<Seller> bestSellers = selection == null ? List.of() : bestCategorySellers(r, platformWeights);
            double[] catWeights = Vocabulary.CATEGORIES.stream().mapToDouble(Category::weight).toArray();
            Set<String> keys = new HashSet<>();
            List<Listing> listings = new ArrayList<>();
            LocalDate first = start.toLocalDate();
            LocalDate last = end.toLocalDate();
            while (listings.size() < p.competitorListings()) {
                Listing l = new Listing();
                if (r.chance(0.15)) {
                    l.product = r.pick(ourProducts);
                } else {
                    String platform = Vocabulary.PLATFORMS.get(r.weighted(platformWeights));
                    List<Seller> sellers = competitors.get(platform);
                    double[] w = new double[sellers.size()];
                    for (int k = 0; k < w.length; k++) {
                        w[k] = 1.0 / (k + 1);
                    }
                    Seller s = sellers.get(r.weighted(w));
                    Category c = Vocabulary.CATEGORIES.get(r.weighted(catWeights));
                    // the level-shift case's listings are all on sale before the data starts: listings launched
                    // during it ramp up and give a category a drift of its own, which would blur the planted step
                    boolean settled = !cases.isEmpty() && c.name().equals(LEVEL_SHIFT_CATEGORY);
                    LocalDate launch;
                    if (isBest(c.name())) {
                        // the best category: many small sellers, most listings launched during the data, later ones more
                        s = r.pick(bestSellers);
                        launch = r.chance(SelectionCases.BEST_LAUNCHED_BEFORE)
                                ? randomDate(r, first.minusMonths(12), first.minusDays(1))
                                : first.plusDays((long) (ChronoUnit.DAYS.between(first, last.minusDays(5))
                                        * StrictMath.cbrt(r.uniform())));
                    } else {
                        launch = r.chance(0.70) || settled
                                ? randomDate(r, first.minusMonths(36), first.minusDays(1))
                                : randomDate(r, first, last.minusDays(5));
                    }
                    l.product = newProduct(r, s, c, launch);
                }
                List<Marketplace> mps = Vocabulary.marketplacesOf(l.product.seller.platform);
                l.marketplace = mps.get(r.weighted(mps.stream().mapToDouble(Marketplace::weight).toArray()));
                if (TimeSeriesCases.isThin(cases, l.product.category.name())
                        || !keys.add(l.marketplace.code() + "|" + l.product.id)) {
                    continue; // the thin case has no competitor listings
                }
                LocalDate from = l.product.launch.plusDays(120);
                if (r.chance(0.10) && from.isBefore(last)) {
                    l.delisted = randomDate(r, from.isBefore(first) ? first : from, last);
                }
                boolean best = bestSellers.contains(l.product.seller);
                l.baseUnits = r.logNormal(160 * l.marketplace.sizeFactor(), best ? SelectionCases.BEST_UNITS_SIGMA : 1.0);
                l.fulfillment = switch (l.product.seller.platform) {
                    case "amazon" -> r.chance(0.75) ? "FBA" : "FBM";
                    case "aliexpress" -> r.chance(0.65) ? "self" : "overseas-warehouse";
                    default -> r.chance(0.70) ? "self" : "overseas-warehouse";
                };
                l.baseRating = Math.max(2.8, Math.min(4.9, 4.3 + 0.3 * r.gaussian()));
                l.reviewRate = r.uniform(0.006, 0.025);
                if (best) {
                    plantBestCategory(l, first);
                }
                if (l.product.launch.isBefore(first)) {
                    long monthsLive = ChronoUnit.MONTHS.between(l.product.launch, first);
                    l.reviews = (int) Math.round(l.baseUnits * monthsLive * l.reviewRate * 0.7 * r.logNormal(1, 0.3));
                }
                listings.add(l);
            }
            if (selection != null) {
                plantCompetitors(r, listings);
            }
            return listings;
        }

        /** The best category's competitor sellers: small ones, picked evenly, on the platforms in the usual proportions. */
        private List<Seller> bestCategorySellers(Rng r, double[] platformWeights) {
            List<Seller> sellers = new ArrayList<>();
            for (int i = 0; i < SelectionCases.BEST_SELLERS; i++) {
                sellers.add(newSeller(r, Vocabulary.PLATFORMS.get(r.weighted(platformWeights)), true));
            }
            return sellers;
        }

        /**
         * A competitor listing of the best category: one launched during the data sells the more the later it
         * launched (new products sell), one priced near the category's median sells more (a band with demand ahead of
         * supply), and it gathers fewer reviews.
         */
        private void plantBestCategory(Listing l, LocalDate first) {
            Product prod = l.product;
            if (!prod.launch.isBefore(first)) {
                l.baseUnits *= 1 + SelectionCases.BEST_LATE_UNITS * ChronoUnit.DAYS.between(first, prod.launch)
                        / Math.max(1, ChronoUnit.DAYS.between(start, end));
            }
            double price = prod.usdPrice * l.marketplace.priceFactor();
            if (Math.abs(price / prod.category.medianUsd() - 1) <= SelectionCases.BEST_SWEET_SPOT) {
                l.baseUnits *= SelectionCases.BEST_SWEET_SPOT_UNITS;
            }
            l.reviewRate *= SelectionCases.BEST_REVIEW_RATE;
        }

        /**
         * The direct competitor (one US listing per own product of its category, at that product's price, on sale
         * since before the data) and the emerging seller (its listings launched on the first day of its first month),
         * appended to the listings. Their base units are set from the base revenue of the category's other listings.
         */
        private void plantCompetitors(Rng r, List<Listing> listings) {
            LocalDate first = start.toLocalDate();
            Marketplace us = Vocabulary.marketplacesOf("amazon").stream().filter(m -> m.code().equals("US"))
                    .findFirst().orElseThrow();
            Category direct = category(selection.directCategory());
            directCompetitor = newSeller(r, "amazon", true);
            List<Product> own = productsBySellerCategory.get(ownStore.id + "|" + direct.name());
            double revenue = SelectionCases.DIRECT_REVENUE * baseRevenue(listings, direct.name()) / own.size();
            for (Product mine : own) {
                Product prod = newProduct(r, directCompetitor, direct,
                        randomDate(r, first.minusMonths(24), first.minusMonths(2)));
                prod.usdPrice = mine.usdPrice;
                prod.launchKnown = true;
                listings.add(plantedListing(r, prod, us, revenue / (prod.usdPrice * us.priceFactor()), first));
            }
            Category emerging = category(selection.emergingCategory());
            emergingSeller = newSeller(r, "amazon", true);
            revenue = SelectionCases.EMERGING_REVENUE * baseRevenue(listings, emerging.name())
                    / SelectionCases.EMERGING_LISTINGS;
            for (int i = 0; i < SelectionCases.EMERGING_LISTINGS; i++) {
                Product prod = newProduct(r, emergingSeller, emerging, selection.emergingFirstMonth().atDay(1));
                prod.launchKnown = true;
                listings.add(plantedListing(r, prod, us, revenue / (prod.usdPrice * us.priceFactor()), first));
            }
        }

        private Listing plantedListing(Rng r, Product prod, Marketplace mp, double baseUnits, LocalDate first) {
            Listing l = new Listing();
            l.product = prod;
            l.marketplace = mp;
            l.baseUnits = baseUnits;
            l.fulfillment = "FBA";
            l.baseRating = Math.max(2.8, Math.min(4.9, 4.3 + 0.3 * r.gaussian()));
            l.reviewRate = r.uniform(0.006, 0.025);
            if (prod.launch.isBefore(first)) {
                long monthsLive = ChronoUnit.MONTHS.between(prod.launch, first);
                l.reviews = (int) Math.round(l.baseUnits * monthsLive * l.reviewRate * 0.7 * r.logNormal(1, 0.3));
            }
            return l;
        }

        /** Σ base units × USD price of the category's listings on sale on the data's last day. */
        private double baseRevenue(List<Listing> listings, String category) {
            LocalDate last = end.toLocalDate();
            double sum = 0;
            for (Listing l : listings) {
                if (l.product.category.name().equals(category) && !l.product.launch.isAfter(last)
                        && (l.delisted == null || l.delisted.isAfter(last))) {
                    sum += l.baseUnits * l.product.usdPrice * l.marketplace.priceFactor();
                }
            }
            return sum;
        }

        private static Category category(String name) {
            return Vocabulary.CATEGORIES.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        }

        private List<Seller> newSellers(Rng r, String platform, int n) {
            List<Seller> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                list.add(newSeller(r, platform, true));
            }
            return list;
        }

        // ---------------------------------------------------------------- truth

        private Truth truth(List<FileCount> counts, List<BadRow> badRows) {
            int peak = 1;
            int trough = 1;
            for (int m = 1; m <= 12; m++) {
                if (SEASON_INDEX.get(m - 1) > SEASON_INDEX.get(peak - 1)) {
                    peak = m;
                }
                if (SEASON_INDEX.get(m - 1) < SEASON_INDEX.get(trough - 1)) {
                    trough = m;
                }
            }
            int m = p.months();
            List<MonthTotal> monthTotals = new ArrayList<>();
            double[] byCalendarMonth = new double[13];
            int[] years = new int[13];
            for (int t = 0; t < m; t++) {
                YearMonth ym = p.firstMonth().plusMonths(t);
                monthTotals.add(new MonthTotal(ym, monthOrders[t], monthLines[t], round(monthUsd[t], 2)));
                byCalendarMonth[ym.getMonthValue()] += monthUsdExShift[t] / StrictMath.pow(1 + MONTHLY_GROWTH, t);
                years[ym.getMonthValue()]++;
            }
            double realisedSeason = years[peak] == 0 || years[trough] == 0 ? Double.NaN
                    : (byCalendarMonth[peak] / years[peak]) / (byCalendarMonth[trough] / years[trough]);
            double realisedShift = shiftSplit[0][0] == 0 || shiftSplit[0][1] == 0 || shiftSplit[1][0] == 0
                    ? Double.NaN : (shiftSplit[1][1] / shiftSplit[1][0]) / (shiftSplit[0][1] / shiftSplit[0][0]);
            Realised realised = new Realised(List.copyOf(monthTotals), realisedSeason, realisedShift);
            List<CategoryTruth> categories = new ArrayList<>();
            for (Category c : Vocabulary.CATEGORIES) {
                List<Seller> sellers = sellersByCategory.get(c.name());
                double[] w = sellerWeightsByCategory.get(c.name());
                List<SellerShare> shares = new ArrayList<>();
                for (int k = 0; k < sellers.size(); k++) {
                    shares.add(new SellerShare(sellers.get(k).id, sellers.get(k).platform, round(w[k], 4)));
                }
                double top4Planted = 0;
                for (int k = 0; k < Math.min(4, w.length); k++) {
                    top4Planted += w[k];
                }
                double[] rev = revenue.getOrDefault(c.name(), Map.of()).values().stream()
                        .mapToDouble(Double::doubleValue).sorted().toArray();
                double revTotal = Arrays.stream(rev).sum();
                double top4 = 0;
                for (int k = 0; k < Math.min(4, rev.length); k++) {
                    top4 += rev[rev.length - 1 - k];
                }
                categories.add(new CategoryTruth(c.name(), c.weight(), c.medianUsd(), round(top4Planted, 4),
                        revTotal > 0 ? round(top4 / revTotal, 4) : 0, List.copyOf(shares)));
            }
            SelectionCases.Planted planted = selection == null ? null : new SelectionCases.Planted(selection,
                    ownStore.id, ownStore.platform,
                    new SelectionCases.Seller(directCompetitor.id, directCompetitor.platform, selection.directCategory()),
                    new SelectionCases.Seller(emergingSeller.id, emergingSeller.platform, selection.emergingCategory()));
            return new Truth(p, SEASON_INDEX, peak, trough, MONTHLY_GROWTH,
                    new LevelShift(LEVEL_SHIFT_CATEGORY, p.levelShiftMonth(),
                            cases.isEmpty() ? LEVEL_SHIFT_FACTOR : TimeSeriesCases.SHIFT_FACTOR),
                    Vocabulary.RISING_FEATURE, Vocabulary.RISING_CATEGORY,
                    List.copyOf(categories), realised, List.copyOf(counts), List.copyOf(badRows), cases,
                    ownStore(), planted);
        }

        /** The planted own store, else the sales seller with the largest demand revenue (ties to the smaller id). */
        private OwnStore ownStore() {
            if (ownStore != null) {
                return new OwnStore(ownStore.id, ownStore.platform, true);
            }
            return ourSellers.stream().filter(s -> demandBySeller.getOrDefault(s.id, 0.0) > 0)
                    .min(Comparator.comparing((Seller s) -> -demandBySeller.get(s.id)).thenComparing(s -> s.id))
                    .map(s -> new OwnStore(s.id, s.platform, false)).orElse(null);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // helpers
    // ------------------------------------------------------------------------------------------------

    private static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static LocalDate randomDate(Rng r, LocalDate from, LocalDate to) {
        long span = ChronoUnit.DAYS.between(from, to);
        return span <= 0 ? from : from.plusDays(r.nextLong(span + 1));
    }

    static double round(double value, int places) {
        return new BigDecimal(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }

    static double significant(double value, int digits) {
        return new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_UP)).doubleValue();
    }

    static String fmt(double value, int places) {
        return new BigDecimal(value).setScale(places, RoundingMode.HALF_UP).toPlainString();
    }

    /** Shelf price: x.99 (x.00 - 0.01) in most currencies, ..80 yen in JPY. */
    static double charm(double local, String currency) {
        if ("JPY".equals(currency)) {
            return Math.max(1, Math.round(local / 100.0)) * 100 - 20;
        }
        return Math.max(1, Math.ceil(local)) - 0.01;
    }

    static String formatMoney(double amount, String currency) {
        return fmt(amount, "JPY".equals(currency) ? 0 : 2);
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // only files left open by a failure get here: that first exception is the one to report
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void deleteCsvFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> victims = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.csv")) {
            stream.forEach(victims::add);
        }
        for (Path v : victims) {
            Files.delete(v);
        }
    }
}
