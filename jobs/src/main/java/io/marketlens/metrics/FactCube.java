package io.marketlens.metrics;

import static io.marketlens.fact.MarketFact.*;
import static io.marketlens.tables.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.tables.Scopes;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The market fact up to the analysis's last full month, held on the driver in columns: every text value replaced by a
 * dictionary code, every month by a month number. The market fact is far smaller than the order lines (one row per
 * listing, seller and month), and the metric tables are smaller still, so the tables that need distinct counts, ranks
 * and medians per scope and period ({@code market_size}, {@code new_vs_existing}, {@code concentration},
 * {@code concentration_curve}, {@code competition_intensity}) are computed here in one pass over the columns per
 * table, where Spark would multiply every row by its eight scopes and its periods and shuffle the result.
 *
 * <p>A <b>key</b> is one (scope, period) pair: {@code key = scope · labels + label}, where a scope is one of the eight
 * roll-ups of a (platform, marketplace, category) with {@code ALL} in place of any of them ({@link Scopes}) and a
 * label is a month of the data ({@code 0 … months − 1}), {@link #WINDOW} or {@link #PREVIOUS_WINDOW}. A row counts in
 * its month's label, and in the window's (or, where a table asks for it, the previous window's) when its month is in
 * it.
 *
 * <p>Text keys are built as Spark's {@code concat_ws("\u0001", …)} builds them and ordered as Spark orders strings
 * (by UTF-8 bytes, i.e. by code point; see {@link #compareText}), so ranks and output order are those of the Spark
 * tables they replace.
 */
public final class FactCube {

    /** Label of the analysis window's rows: {@code labels() − 2}. */
    private int window;
    /** Label of the previous window's rows (comparisons only): {@code labels() − 1}. */
    private int previousWindow;

    public final Dict platforms = new Dict();
    public final Dict marketplaces = new Dict();
    public final Dict categories = new Dict();
    /** (platform, marketplace, product_id): a product as new_vs_existing and concentration count it. */
    public final Dict listings = new Dict();
    /** (platform, seller_id). */
    public final Dict sellers = new Dict();
    /** Trimmed, non-empty brand names. */
    public final Dict brands = new Dict();
    /** (platform, marketplace, product_id, seller_id): one offer, as competition_intensity counts listings. */
    public final Dict offers = new Dict();
    /** Titles and attribute texts of the rows, for the hot terms. */
    public final Dict titles = new Dict();
    public final Dict attributeTexts = new Dict();

    private int n;
    private int[] platform = new int[1024];
    private int[] marketplace = new int[1024];
    private int[] category = new int[1024];
    private int[] month = new int[1024];
    private int[] listing = new int[1024];
    private int[] seller = new int[1024];
    private int[] brand = new int[1024];
    private int[] offer = new int[1024];
    private long[] units = new long[1024];
    private double[] revenue = new double[1024];
    private int[] launch = new int[1024];
    private long[] reviews = new long[1024];
    private double[] price = new double[1024];
    private double[] rating = new double[1024];
    private int[] title = new int[1024];
    private int[] attributes = new int[1024];

    private final AnalysisPeriod period;
    private int firstMonth;
    private int months;
    private int firstWindow;
    private int lastWindow;
    private int firstPrevious;
    private int lastPrevious;

    /** Scopes: their (platform, marketplace, category) codes, {@link #ALL} for a rolled-up column. */
    public static final int ALL = -1;
    private final List<int[]> scopes = new ArrayList<>();
    /** Per row, its leaf scope's index into {@link #leafScopes}. */
    private int[] leaf;
    private int[][] leafScopes;

    private FactCube(AnalysisPeriod period) {
        this.period = period;
    }

    /** Rows fetched per Spark action while loading: bounds the driver's transient row objects. */
    static final long LOAD_CHUNK_ROWS = 400_000;

    /**
     * Loads the fact rows (already limited to the analysis's months) onto the driver in chunks of whole months
     * ({@link #LOAD_CHUNK_ROWS} rows at most, unless one month holds more), so that the driver never holds more than
     * one chunk of row objects besides the coded columns (a fact without the units, launch date or review columns reads
     * them as null).
     */
    public static FactCube load(Dataset<Row> fact, AnalysisPeriod period) {
        FactCube c = rowsOf(fact, period);
        c.setMonths();
        return c;
    }

    /**
     * The rows of {@code fact} by month (months ascending; within a month in the order Spark returns them, which for a
     * month stored as one file is the file's order), coded, without the scopes: {@link #setMonths()} or
     * {@link #merge} completes the cube.
     */
    static FactCube rowsOf(Dataset<Row> fact, AnalysisPeriod period) {
        FactCube c = new FactCube(period);
        List<String> present = Arrays.asList(fact.columns());
        Dataset<Row> columns = fact.select(java.util.stream.Stream.of(PLATFORM, MARKETPLACE, CATEGORY, PERIOD, PRODUCT,
                        SELLER, BRAND, UNITS, REVENUE, LAUNCH_DATE, REVIEWS, PRICE, RATING, TITLE, ATTRIBUTES, SOURCE)
                .map(name -> present.contains(name) ? col(name) : lit(null).as(name))
                .toArray(Column[]::new));
        forEachMonthChunk(columns, PERIOD, LOAD_CHUNK_ROWS, fetched -> {
            c.ensure(c.n + fetched.size());
            for (Row r : byMonth(fetched)) {
                c.add(r);
            }
        });
        return c;
    }

    /** No rows (what {@link #rowsOf} gives for no month). */
    static FactCube none(AnalysisPeriod period) {
        return new FactCube(period);
    }

    /**
     * The rows of a chunk ordered by their {@code period} text (column 3), stably: a chunk of several months can
     * interleave them (Spark splits and orders its files by size), and the cube holds its rows month by month, so
     * that a month's rows sit together and in the same order whichever query read them.
     */
    private static List<Row> byMonth(List<Row> chunk) {
        boolean sorted = true;
        for (int i = 1; i < chunk.size() && sorted; i++) {
            sorted = chunk.get(i - 1).getString(3).compareTo(chunk.get(i).getString(3)) <= 0;
        }
        if (sorted) {
            return chunk;
        }
        List<Row> out = new ArrayList<>(chunk);
        out.sort(java.util.Comparator.comparing(r -> r.getString(3))); // List.sort is stable
        return out;
    }

    /**
     * Collects {@code rows} onto the driver in chunks of whole months of its {@code period} column ({@code maxRows} rows
     * at most, unless one month holds more), months in order, and hands each chunk to {@code chunk}: the driver holds
     * one chunk's row objects at a time (all of them, for a query of small tables: {@link #ONE_QUERY_BYTES}).
     */
    public static void forEachMonthChunk(Dataset<Row> rows, String period, long maxRows,
                                         java.util.function.Consumer<List<Row>> chunk) {
        forEachMonthChunk(rows, period, maxRows, ONE_QUERY_BYTES, chunk);
    }

    /**
     * Rows whose query reads tables of no more than this many bytes ({@link #estimatedBytes}) are fetched in one query
     * and split into months on the driver, instead of a query counting each month's rows and one per chunk: a small
     * run's own store and market fact then start one Spark job where they started several (each with Delta's file
     * listing again).
     */
    static final long ONE_QUERY_BYTES = 4L << 20;

    /** {@link #forEachMonthChunk(Dataset, String, long, java.util.function.Consumer)}, one query up to {@code oneQueryBytes}. */
    static void forEachMonthChunk(Dataset<Row> rows, String period, long maxRows, long oneQueryBytes,
                                  java.util.function.Consumer<List<Row>> chunk) {
        if (estimatedBytes(rows) <= oneQueryBytes) {
            int p = rows.schema().fieldIndex(period);
            // the rows of each month in the order they came, months ascending (rows without a month first, as Spark
            // orders the months)
            java.util.TreeMap<String, List<Row>> byPeriod = new java.util.TreeMap<>(
                    java.util.Comparator.nullsFirst(java.util.Comparator.<String>naturalOrder()));
            for (Row r : rows.collectAsList()) {
                byPeriod.computeIfAbsent(r.isNullAt(p) ? null : r.getString(p), k -> new ArrayList<>()).add(r);
            }
            List<List<Row>> months = new ArrayList<>(byPeriod.values());
            int from = 0;
            for (int to : chunkEnds(months.stream().mapToLong(List::size).toArray(), maxRows)) {
                List<Row> next = new ArrayList<>();
                months.subList(from, to).forEach(next::addAll);
                chunk.accept(next);
                from = to;
            }
            return;
        }
        List<Row> perMonth = rows.groupBy(period).count().orderBy(period).collectAsList();
        int from = 0;
        for (int to : chunkEnds(perMonth.stream().mapToLong(r -> r.getLong(1)).toArray(), maxRows)) {
            Object[] months = perMonth.subList(from, to).stream().map(r -> r.getString(0)).toArray();
            chunk.accept((months.length == perMonth.size() ? rows : rows.where(col(period).isin(months))).collectAsList());
            from = to;
        }
    }

    /**
     * Where each chunk of whole months ends (exclusive indexes into {@code monthRows}, the rows of each month in order):
     * months are added to a chunk while it stays within {@code maxRows} rows; a chunk holds one month at least.
     */
    static int[] chunkEnds(long[] monthRows, long maxRows) {
        List<Integer> ends = new ArrayList<>();
        long n = 0;
        for (int i = 0; i < monthRows.length; i++) {
            if (i > 0 && n + monthRows[i] > maxRows) {
                ends.add(i);
                n = 0;
            }
            n += monthRows[i];
        }
        if (monthRows.length > 0) {
            ends.add(monthRows.length);
        }
        return ends.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * An estimate of the bytes a query reads: the sum of Spark's statistics of the tables its analyzed plan reads (a
     * table's size as its files or its transaction log give it, not narrowed by the query's filters; no Spark job, and
     * Delta does not yet list the files a scan needs). The joins of the chunked queries look rows up by key (an order's
     * shipments, a shipment's order), so their rows are about as many as their inputs'; {@link Long#MAX_VALUE} when a
     * table has no size.
     */
    static long estimatedBytes(Dataset<Row> rows) {
        try {
            long total = 0;
            for (org.apache.spark.sql.catalyst.plans.logical.LogicalPlan leaf
                    : scala.jdk.javaapi.CollectionConverters.asJava(rows.queryExecution().analyzed().collectLeaves())) {
                scala.math.BigInt bytes = leaf.stats().sizeInBytes();
                if (!bytes.isValidLong() || bytes.longValue() >= Long.MAX_VALUE - total) {
                    return Long.MAX_VALUE;
                }
                total += bytes.longValue();
            }
            return total;
        } catch (RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }

    private void add(Row r) {
        int i = n;
        String p = r.getString(0);
        String m = r.getString(1);
        String product = r.getString(4);
        String s = r.getString(5);
        platform[i] = platforms.code(p);
        marketplace[i] = marketplaces.code(m);
        category[i] = categories.code(r.getString(2));
        month[i] = monthNumber(r.getString(3));
        listing[i] = listings.code(concatWs(p, m, product));
        seller[i] = sellers.code(concatWs(p, s));
        offer[i] = offers.code(concatWs(p, m, product, s));
        String b = trimSpaces(r.getString(6));
        brand[i] = b == null || b.isEmpty() ? -1 : brands.code(b);
        units[i] = r.isNullAt(7) ? 0 : ((Number) r.get(7)).longValue();
        revenue[i] = r.isNullAt(8) ? 0 : ((Number) r.get(8)).doubleValue();
        if (r.isNullAt(8)) {
            revenueNull.set(i);
        }
        launch[i] = r.isNullAt(9) ? Integer.MIN_VALUE : monthNumber(localDate(r.get(9)));
        reviews[i] = r.isNullAt(10) ? -1 : ((Number) r.get(10)).longValue();
        price[i] = r.isNullAt(11) ? Double.NaN : ((Number) r.get(11)).doubleValue();
        rating[i] = r.isNullAt(12) ? Double.NaN : ((Number) r.get(12)).doubleValue();
        title[i] = r.isNullAt(13) ? -1 : titles.code(r.getString(13));
        attributes[i] = r.isNullAt(14) ? -1 : attributeTexts.code(r.getString(14));
        if (SALES.equals(r.getString(15))) {
            fromSales.set(i);
        }
        n++;
    }

    /** Sets the months from the rows (month-ordered, so the first and the last row bound them) and builds the scopes. */
    private void setMonths() {
        setMonths(n == 0 ? monthNumber(period.lastMonth()) : month[0], n == 0 ? 0 : month[n - 1] - month[0] + 1);
    }

    private void setMonths(int first, int months) {
        firstMonth = first;
        this.months = months;
        window = months;
        previousWindow = months + 1;
        firstWindow = monthNumber(period.firstWindowMonth());
        lastWindow = monthNumber(period.lastMonth());
        firstPrevious = monthNumber(period.firstWindowMonth().minusMonths(period.windowMonths()));
        lastPrevious = firstWindow - 1;
        buildScopes();
    }

    private void buildScopes() {
        Map<Long, Integer> scopeIds = new HashMap<>();
        Map<Long, Integer> leafIds = new HashMap<>();
        List<int[]> leaves = new ArrayList<>();
        leaf = new int[n];
        for (int i = 0; i < n; i++) {
            long leafKey = pack(platform[i], marketplace[i], category[i]);
            Integer id = leafIds.get(leafKey);
            if (id == null) {
                id = leaves.size();
                leafIds.put(leafKey, id);
                int[] ids = new int[8];
                int j = 0;
                for (boolean p : new boolean[]{false, true}) {
                    for (boolean m : new boolean[]{false, true}) {
                        for (boolean c : new boolean[]{false, true}) {
                            int[] s = {p ? ALL : platform[i], m ? ALL : marketplace[i], c ? ALL : category[i]};
                            ids[j++] = scopeIds.computeIfAbsent(pack(s[0], s[1], s[2]), k -> {
                                scopes.add(s);
                                return scopes.size() - 1;
                            });
                        }
                    }
                }
                leaves.add(ids);
                leafCodes.add(new int[]{platform[i], marketplace[i], category[i]});
            }
            leaf[i] = id;
        }
        leafScopes = leaves.toArray(int[][]::new);
        this.scopeIds = scopeIds;
    }

    private Map<Long, Integer> scopeIds = Map.of();
    private final java.util.BitSet revenueNull = new java.util.BitSet();
    private final java.util.BitSet fromSales = new java.util.BitSet();
    private final List<int[]> leafCodes = new ArrayList<>();

    /** Leaves: the distinct (platform, marketplace, category) of the rows. */
    public int leaves() {
        return leafCodes.size();
    }

    /** The (platform, marketplace, category) codes of a leaf. */
    public int[] leafCodes(int leaf) {
        return leafCodes.get(leaf);
    }

    /** Months from the first to the last month of the rows. */
    public int months() {
        return months;
    }

    /** The keys of a leaf in a month (a month number), as {@link #keysOf(int[], int, boolean, int[])}. */
    public int keysOfLeaf(int leaf, int monthNumber, boolean withPrevious, int[] out) {
        return keysOf(leafScopes[leaf], monthNumber, withPrevious, out);
    }

    private static long pack(int p, int m, int c) {
        return ((long) (p + 1) << 42) | ((long) (m + 1) << 21) | (c + 1);
    }

    /** The scope of (platform, marketplace, category) codes ({@link #ALL} for a roll-up), or −1 when the fact has none. */
    public int scope(int p, int m, int c) {
        return scopeIds.getOrDefault(pack(p, m, c), -1);
    }

    /** Per offer (platform, marketplace, product, seller), the code of its seller. */
    public int[] offerSellers() {
        int[] out = new int[offers.size()];
        for (int r = 0; r < n; r++) {
            out[offer[r]] = seller[r];
        }
        return out;
    }

    /** Per offer, the code of its listing (platform, marketplace, product). */
    public int[] offerListings() {
        int[] out = new int[offers.size()];
        for (int r = 0; r < n; r++) {
            out[offer[r]] = listing[r];
        }
        return out;
    }

    /** The leaf (distinct platform, marketplace, category) of a row. */
    public int leaf(int row) {
        return leaf[row];
    }

    /** The eight roll-up scopes of a leaf, as {@link #scopesOf}. */
    public int[] leafScopes(int leaf) {
        return leafScopes[leaf];
    }

    /** The eight roll-up scopes of a row, category-level ones at even positions ({@code ids[i]} with i &amp; 1 = 0). */
    public int[] scopesOf(int row) {
        return leafScopes[leaf[row]];
    }

    public int rows() {
        return n;
    }

    public int scopes() {
        return scopes.size();
    }

    /** Labels per scope: the months of the data, the window and the previous window. */
    public int labels() {
        return months + 2;
    }

    public int window() {
        return window;
    }

    public int previousWindow() {
        return previousWindow;
    }

    public int keys() {
        return scopes.size() * labels();
    }

    /** One key of a table: its scope, its label and the key ({@code scope · labels + label}). */
    @FunctionalInterface
    public interface KeyVisitor {
        void visit(int scope, int label, int key);
    }

    /**
     * Visits the keys a per-period table reports, in output order (scopes as {@link #scopesInOrder}, labels as
     * {@link #labelsInOrder}): those with rows, without the previous window, which only serves for comparison.
     */
    public void forEachReportedKey(long[] rows, KeyVisitor visit) {
        int labels = labels();
        for (int s : scopesInOrder()) {
            for (int label : labelsInOrder()) {
                int k = s * labels + label;
                if (rows[k] > 0 && label != previousWindow) {
                    visit.visit(s, label, k);
                }
            }
        }
    }

    /**
     * Revenue, units and rows summed per key (every scope with the month's, the window's and the previous window's
     * label), in row order; computed once and shared by the tables that need them.
     */
    public record Totals(double[] revenue, long[] units, long[] rows) {
    }

    private Totals totals;
    private long[] sellingListings;
    private long[] sellingSellers;

    /**
     * Distinct listings with units per key (market_size's {@code products}; the time-series metrics judge a thin scope
     * by them); computed once.
     */
    public synchronized long[] sellingListings() {
        if (sellingListings == null) {
            sellingListings = distinct(groupBy(this::listing, listings.size()), r -> units(r) > 0, true);
        }
        return sellingListings;
    }

    /** Distinct sellers with units per key (the {@code sellers} of market_size and new_vs_existing); computed once. */
    public synchronized long[] sellingSellers() {
        if (sellingSellers == null) {
            sellingSellers = distinct(groupBy(this::seller, sellers.size()), r -> units(r) > 0, true);
        }
        return sellingSellers;
    }

    public synchronized Totals totals() {
        if (totals == null) {
            int keys = keys();
            double[] rev = new double[keys];
            long[] u = new long[keys];
            long[] rs = new long[keys];
            int[] buf = new int[16];
            for (int r = 0; r < n; r++) {
                int nk = keysOf(r, true, true, buf);
                for (int q = 0; q < nk; q++) {
                    rev[buf[q]] += revenue[r];
                    u[buf[q]] += units[r];
                    rs[buf[q]]++;
                }
            }
            totals = new Totals(rev, u, rs);
        }
        return totals;
    }

    /**
     * Fills {@code out} with the keys of {@code row} — each of its eight scopes (or, without {@code allCategories},
     * the four category-level ones) with its month's label and the window's (with {@code withPrevious}, the previous
     * window's) — and returns how many.
     */
    public int keysOf(int row, boolean withPrevious, boolean allCategories, int[] out) {
        int[] s = leafScopes[leaf[row]];
        int m = month[row];
        int L = labels();
        int monthLabel = m - firstMonth;
        int extra = m >= firstWindow && m <= lastWindow ? window
                : withPrevious && m >= firstPrevious && m <= lastPrevious ? previousWindow : -1;
        int k = 0;
        for (int j = 0; j < 8; j += allCategories ? 1 : 2) {
            out[k++] = s[j] * L + monthLabel;
            if (extra >= 0) {
                out[k++] = s[j] * L + extra;
            }
        }
        return k;
    }

    /**
     * The keys of {@code row} in one roll-up only ({@code rollUp}: the position in {@link #scopesOf}): its month's
     * label and the window's; returns how many (1 or 2).
     */
    public int keysOf(int row, int rollUp, int[] out) {
        return keysOfLeaf(leaf[row], month[row], rollUp, out);
    }

    /** As {@link #keysOf(int, int, int[])}, for a leaf and a month number rather than a row. */
    public int keysOfLeaf(int leaf, int m, int rollUp, int[] out) {
        int s = leafScopes[leaf][rollUp];
        int L = labels();
        int k = 0;
        out[k++] = s * L + m - firstMonth;
        if (m >= firstWindow && m <= lastWindow) {
            out[k++] = s * L + window;
        }
        return k;
    }

    /** The keys of a label for orders and other inputs keyed by a month number: as {@link #keysOf}. */
    public int keysOf(int[] scopeIds, int monthNumber, boolean withPrevious, int[] out) {
        int L = labels();
        int label = monthNumber - firstMonth;
        boolean inData = label >= 0 && label < months;
        int extra = monthNumber >= firstWindow && monthNumber <= lastWindow ? window
                : withPrevious && monthNumber >= firstPrevious && monthNumber <= lastPrevious ? previousWindow : -1;
        int k = 0;
        for (int s : scopeIds) {
            if (s < 0) {
                continue;
            }
            if (inData) {
                out[k++] = s * L + label;
            }
            if (extra >= 0) {
                out[k++] = s * L + extra;
            }
        }
        return k;
    }

    public int scopeOf(int key) {
        return key / labels();
    }

    public int labelOf(int key) {
        return key % labels();
    }

    /** The month number a label ends in: its month, or the last month of the (previous) window. */
    public int endMonth(int label) {
        if (label == window) {
            return lastWindow;
        }
        if (label == previousWindow) {
            return lastPrevious;
        }
        return firstMonth + label;
    }

    /** The {@code period} value of a label ({@code YYYY-MM}, {@code window} or {@code previous_window}). */
    public String periodOf(int label) {
        if (label == window) {
            return AnalysisPeriod.WINDOW;
        }
        if (label == previousWindow) {
            return AnalysisPeriod.PREVIOUS_WINDOW;
        }
        return monthText(firstMonth + label);
    }

    /**
     * The label of the period before {@code label} of the same length — the month before a month, the previous window
     * before the window — or −1 when the data does not cover all of it (the first month; a previous window that
     * starts before the data).
     */
    public int previousLabel(int label) {
        if (label == window) {
            return firstPrevious >= firstMonth ? previousWindow : -1;
        }
        return label >= 1 && label < months ? label - 1 : -1;
    }

    /** The month label of a month number, −1 outside the data's months. */
    public int monthLabel(int monthNumber) {
        int l = monthNumber - firstMonth;
        return l >= 0 && l < months ? l : -1;
    }

    /** The first month of the fact (a month number); the analysis's last month when the fact is empty. */
    public int firstMonth() {
        return firstMonth;
    }

    public String platformOf(int scope) {
        int c = scopes.get(scope)[0];
        return c == ALL ? Scopes.ALL : platforms.text(c);
    }

    public String marketplaceOf(int scope) {
        int c = scopes.get(scope)[1];
        return c == ALL ? Scopes.ALL : marketplaces.text(c);
    }

    public String categoryOf(int scope) {
        int c = scopes.get(scope)[2];
        return c == ALL ? Scopes.ALL : categories.text(c);
    }

    /** Scopes ordered by (platform, marketplace, category) text as Spark's {@code orderBy} orders them. */
    public int[] scopesInOrder() {
        Integer[] order = new Integer[scopes.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = compareText(platformOf(a), platformOf(b));
            if (c == 0) {
                c = compareText(marketplaceOf(a), marketplaceOf(b));
            }
            return c != 0 ? c : compareText(categoryOf(a), categoryOf(b));
        });
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /** Labels in the order of their {@code period} text: the months, then {@code previous_window}, then {@code window}. */
    public int[] labelsInOrder() {
        int[] order = new int[labels()];
        for (int i = 0; i < months; i++) {
            order[i] = i;
        }
        order[months] = previousWindow;
        order[months + 1] = window;
        return order;
    }

    public int platform(int row) {
        return platform[row];
    }

    public int month(int row) {
        return month[row];
    }

    public int listing(int row) {
        return listing[row];
    }

    public int seller(int row) {
        return seller[row];
    }

    /** The row's brand code, −1 without a brand. */
    public int brand(int row) {
        return brand[row];
    }

    public int offer(int row) {
        return offer[row];
    }

    public int category(int row) {
        return category[row];
    }

    public long units(int row) {
        return units[row];
    }

    public double revenue(int row) {
        return revenue[row];
    }

    /** True when the month number is in the window. */
    public boolean inWindow(int monthNumber) {
        return monthNumber >= firstWindow && monthNumber <= lastWindow;
    }

    /** The row's price (the fact's {@code price}); NaN when null. */
    public double price(int row) {
        return price[row];
    }

    /** The row's rating; NaN when null. */
    public double rating(int row) {
        return rating[row];
    }

    /** Code of the row's title in {@link #titles}; −1 when null. */
    public int title(int row) {
        return title[row];
    }

    /** Code of the row's attributes in {@link #attributeTexts}; −1 when null. */
    public int attributes(int row) {
        return attributes[row];
    }

    /** True when the row comes from the sales files (else from competitor snapshots). */
    public boolean fromSales(int row) {
        return fromSales.get(row);
    }

    /** The seller_id of a {@link #sellers} code (its key is platform and seller_id joined by U+0001). */
    public String sellerId(int seller) {
        String key = sellers.text(seller);
        return key.substring(key.indexOf('\u0001') + 1);
    }

    /** The platform of a {@link #sellers} code. */
    public String sellerPlatform(int seller) {
        String key = sellers.text(seller);
        return key.substring(0, key.indexOf('\u0001'));
    }

    /** True when the row's revenue is null ({@link #revenue} then reads 0). */
    public boolean revenueNull(int row) {
        return revenueNull.get(row);
    }

    /** Month number of the row's launch date; {@link Integer#MIN_VALUE} without one. */
    public int launch(int row) {
        return launch[row];
    }

    /** The row's review count; −1 without one. */
    public long reviews(int row) {
        return reviews[row];
    }

    /**
     * The rows grouped by an entity code (counting sort): the rows of entity e are
     * {@code rows[start[e]] … rows[start[e + 1] − 1]}, in row order.
     */
    public record Groups(int[] start, int[] rows) {

        public int size() {
            return start.length - 1;
        }

        /** Items 0 … {@code size − 1} grouped by {@code code[item]} in 0 … {@code codes − 1} (a counting sort, stable). */
        public static Groups of(int[] code, int size, int codes) {
            int[] start = new int[codes + 1];
            for (int i = 0; i < size; i++) {
                start[code[i] + 1]++;
            }
            for (int e = 0; e < codes; e++) {
                start[e + 1] += start[e];
            }
            int[] next = Arrays.copyOf(start, codes);
            int[] rows = new int[size];
            for (int i = 0; i < size; i++) {
                rows[next[code[i]]++] = i;
            }
            return new Groups(start, rows);
        }
    }

    /** Rows grouped by the codes {@code codeOf(row)} in 0 … {@code codes − 1}. */
    public Groups groupBy(java.util.function.IntUnaryOperator codeOf, int codes) {
        int[] code = new int[n];
        for (int i = 0; i < n; i++) {
            code[i] = codeOf.applyAsInt(i);
        }
        return Groups.of(code, n, codes);
    }

    /**
     * Per key, how many distinct entities have a row in it that passes {@code counted} (rows grouped by entity):
     * Spark's {@code countDistinct(when(counted, entity))} over the exploded rows.
     */
    public long[] distinct(Groups byEntity, java.util.function.IntPredicate counted, boolean withPrevious) {
        return distinct(byEntity, counted, (entity, label) -> true, withPrevious);
    }

    /** Whether an entity (a group of {@link #distinct}'s rows) counts in a label (a period). */
    @FunctionalInterface
    public interface EntityCounted {
        boolean test(int entity, int label);
    }

    /**
     * Per key, how many distinct entities have a row in it that passes {@code counted}, where the entity itself counts
     * in the key's label ({@code entityCounted}): Spark's {@code countDistinct(when(counted AND entityCounted, entity))}
     * over the exploded rows, for a condition made of a part that depends on the row only and a part that depends on
     * the entity and the period only.
     */
    public long[] distinct(Groups byEntity, java.util.function.IntPredicate counted, EntityCounted entityCounted,
                           boolean withPrevious) {
        long[] count = new long[keys()];
        int[] marker = new int[keys()];
        Arrays.fill(marker, -1);
        int[] keys = new int[16];
        // the rows of one cell (leaf scope and month) have the same keys: an entity's keys are worked out for the first
        // counted row of each of its cells only (a seller has a row per listing in a cell: 92 on average in the
        // benchmark's 10 M-line fact)
        int cells = leaves() * months;
        int[] cellMarker = new int[cells];
        Arrays.fill(cellMarker, -1);
        int L = labels();
        for (int e = 0; e < byEntity.size(); e++) {
            for (int j = byEntity.start()[e]; j < byEntity.start()[e + 1]; j++) {
                int row = byEntity.rows()[j];
                int cell = leaf[row] * months + month[row] - firstMonth;
                if (cellMarker[cell] == e || !counted.test(row)) {
                    continue;
                }
                cellMarker[cell] = e;
                int nk = keysOf(row, withPrevious, true, keys);
                for (int q = 0; q < nk; q++) {
                    int k = keys[q];
                    if (marker[k] != e && entityCounted.test(e, k % L)) {
                        marker[k] = e;
                        count[k]++;
                    }
                }
            }
        }
        return count;
    }

    /** For each entity of a dictionary, its rank in Spark's string order (0 = first). */
    public static int[] ranks(Dict dict) {
        Integer[] order = new Integer[dict.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> compareText(dict.text(a), dict.text(b)));
        int[] rank = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            rank[order[i]] = i;
        }
        return rank;
    }

    /** Strings in Spark's order: by UTF-8 bytes, which is code point order; null first. */
    public static int compareText(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Spark's {@code concat_ws} with a U+0001 separator: null parts are skipped. */
    static String concatWs(String... parts) {
        StringBuilder b = new StringBuilder();
        boolean first = true;
        for (String p : parts) {
            if (p == null) {
                continue;
            }
            if (!first) {
                b.append('\u0001');
            }
            b.append(p);
            first = false;
        }
        return b.toString();
    }

    /** Spark's {@code trim}: leading and trailing spaces (U+0020) removed; null stays null. */
    static String trimSpaces(String s) {
        if (s == null) {
            return null;
        }
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == ' ') {
            a++;
        }
        while (b > a && s.charAt(b - 1) == ' ') {
            b--;
        }
        return s.substring(a, b);
    }

    /** {@code YYYY-MM} → year · 12 + month − 1. */
    public static int monthNumber(String period) {
        return Integer.parseInt(period.substring(0, 4)) * 12 + Integer.parseInt(period.substring(5, 7)) - 1;
    }

    public static int monthNumber(YearMonth m) {
        return m.getYear() * 12 + m.getMonthValue() - 1;
    }

    static int monthNumber(LocalDate d) {
        return d.getYear() * 12 + d.getMonthValue() - 1;
    }

    public static String monthText(int monthNumber) {
        return AnalysisPeriod.format(YearMonth.of(Math.floorDiv(monthNumber, 12), Math.floorMod(monthNumber, 12) + 1));
    }

    private static LocalDate localDate(Object value) {
        return value instanceof LocalDate d ? d : ((java.sql.Date) value).toLocalDate();
    }

    private void ensure(int size) {
        if (size <= platform.length) {
            return;
        }
        int cap = Math.max(size, platform.length * 2);
        platform = Arrays.copyOf(platform, cap);
        marketplace = Arrays.copyOf(marketplace, cap);
        category = Arrays.copyOf(category, cap);
        month = Arrays.copyOf(month, cap);
        listing = Arrays.copyOf(listing, cap);
        seller = Arrays.copyOf(seller, cap);
        brand = Arrays.copyOf(brand, cap);
        offer = Arrays.copyOf(offer, cap);
        units = Arrays.copyOf(units, cap);
        revenue = Arrays.copyOf(revenue, cap);
        launch = Arrays.copyOf(launch, cap);
        reviews = Arrays.copyOf(reviews, cap);
        price = Arrays.copyOf(price, cap);
        rating = Arrays.copyOf(rating, cap);
        title = Arrays.copyOf(title, cap);
        attributes = Arrays.copyOf(attributes, cap);
    }

    // ---- the cube kept between runs (FactCubeStore) ----

    /** The dictionaries in the order the cube's file holds them. */
    private Dict[] dicts() {
        return new Dict[]{platforms, marketplaces, categories, listings, sellers, brands, offers, titles, attributeTexts};
    }

    /**
     * Writes the rows and dictionaries (not the scopes, which {@link #setMonths()} derives again): the dictionaries'
     * texts, then each column whole, big-endian, doubles by their raw bits.
     */
    void write(java.io.DataOutputStream out) throws java.io.IOException {
        for (Dict d : dicts()) {
            out.writeInt(d.size());
            for (int i = 0; i < d.size(); i++) {
                String t = d.text(i);
                if (t == null) {
                    out.writeInt(-1);
                } else {
                    byte[] b = t.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    out.writeInt(b.length);
                    out.write(b);
                }
            }
        }
        out.writeInt(n);
        for (int[] a : new int[][]{platform, marketplace, category, month, listing, seller, brand, offer, launch, title, attributes}) {
            ColumnIO.writeInts(out, a, n);
        }
        ColumnIO.writeLongs(out, units, n);
        ColumnIO.writeLongs(out, reviews, n);
        ColumnIO.writeDoubles(out, revenue, n);
        ColumnIO.writeDoubles(out, price, n);
        ColumnIO.writeDoubles(out, rating, n);
        for (java.util.BitSet b : new java.util.BitSet[]{revenueNull, fromSales}) {
            long[] words = b.toLongArray();
            out.writeInt(words.length);
            ColumnIO.writeLongs(out, words, words.length);
        }
    }

    /** The rows {@link #write} wrote, without the scopes ({@link #merge} completes the cube). */
    static FactCube read(java.io.DataInputStream in, AnalysisPeriod period) throws java.io.IOException {
        FactCube c = new FactCube(period);
        for (Dict d : c.dicts()) {
            int size = in.readInt();
            for (int i = 0; i < size; i++) {
                int len = in.readInt();
                String t = null;
                if (len >= 0) {
                    byte[] b = new byte[len];
                    in.readFully(b);
                    t = new String(b, java.nio.charset.StandardCharsets.UTF_8);
                }
                if (d.code(t) != i) {
                    throw new java.io.IOException("a dictionary holds a text twice");
                }
            }
        }
        int n = in.readInt();
        c.n = n;
        c.platform = ColumnIO.readInts(in, n);
        c.marketplace = ColumnIO.readInts(in, n);
        c.category = ColumnIO.readInts(in, n);
        c.month = ColumnIO.readInts(in, n);
        c.listing = ColumnIO.readInts(in, n);
        c.seller = ColumnIO.readInts(in, n);
        c.brand = ColumnIO.readInts(in, n);
        c.offer = ColumnIO.readInts(in, n);
        c.launch = ColumnIO.readInts(in, n);
        c.title = ColumnIO.readInts(in, n);
        c.attributes = ColumnIO.readInts(in, n);
        c.units = ColumnIO.readLongs(in, n);
        c.reviews = ColumnIO.readLongs(in, n);
        c.revenue = ColumnIO.readDoubles(in, n);
        c.price = ColumnIO.readDoubles(in, n);
        c.rating = ColumnIO.readDoubles(in, n);
        for (java.util.BitSet b : new java.util.BitSet[]{c.revenueNull, c.fromSales}) {
            b.or(java.util.BitSet.valueOf(ColumnIO.readLongs(in, in.readInt())));
        }
        for (int i = 1; i < n; i++) {
            if (c.month[i] < c.month[i - 1]) {
                throw new java.io.IOException("the rows are not in month order");
            }
        }
        return c;
    }

    /**
     * The cube of this cube's rows whose month passes {@code keep}, and of all rows of {@code fresh} (read from the
     * fact for the months not kept), month by month: the rows and codes a load of the whole fact gives, since both
     * hold each month's rows in the order of its file and codes are given again in order of first appearance. This
     * cube's columns are released as they are copied; it is not usable afterwards.
     */
    FactCube merge(FactCube fresh, java.util.function.IntPredicate keep) {
        // the runs of rows to copy, in month order: {0 = this, 1 = fresh, from, to}
        List<int[]> runs = new ArrayList<>();
        boolean allKept = true;
        int i = 0;
        int j = 0;
        while (i < n || j < fresh.n) {
            int mi = i < n ? month[i] : Integer.MAX_VALUE;
            int mj = j < fresh.n ? fresh.month[j] : Integer.MAX_VALUE;
            if (mj < mi || (mj == mi && !keep.test(mi))) {
                int e = j;
                while (e < fresh.n && fresh.month[e] == mj) {
                    e++;
                }
                runs.add(new int[]{1, j, e});
                j = e;
            } else {
                int e = i;
                while (e < n && month[e] == mi) {
                    e++;
                }
                if (keep.test(mi)) {
                    if (mi == mj) {
                        throw new IllegalStateException("month " + monthText(mi) + " is both kept and read again");
                    }
                    runs.add(new int[]{0, i, e});
                } else {
                    allKept = false;
                }
                i = e;
            }
        }
        if (allKept && fresh.n == 0) {
            setMonths();
            return this;
        }
        FactCube c = new FactCube(period);
        int total = 0;
        for (int[] r : runs) {
            total += r[2] - r[1];
        }
        c.n = total;
        c.platform = recode(platform, fresh.platform, platforms, fresh.platforms, c.platforms, runs, total);
        platform = null;
        c.marketplace = recode(marketplace, fresh.marketplace, marketplaces, fresh.marketplaces, c.marketplaces, runs, total);
        marketplace = null;
        c.category = recode(category, fresh.category, categories, fresh.categories, c.categories, runs, total);
        category = null;
        c.listing = recode(listing, fresh.listing, listings, fresh.listings, c.listings, runs, total);
        listing = null;
        c.seller = recode(seller, fresh.seller, sellers, fresh.sellers, c.sellers, runs, total);
        seller = null;
        c.brand = recode(brand, fresh.brand, brands, fresh.brands, c.brands, runs, total);
        brand = null;
        c.offer = recode(offer, fresh.offer, offers, fresh.offers, c.offers, runs, total);
        offer = null;
        c.title = recode(title, fresh.title, titles, fresh.titles, c.titles, runs, total);
        title = null;
        c.attributes = recode(attributes, fresh.attributes, attributeTexts, fresh.attributeTexts, c.attributeTexts, runs, total);
        attributes = null;
        c.month = copy(month, fresh.month, new int[total], runs);
        month = null;
        c.launch = copy(launch, fresh.launch, new int[total], runs);
        launch = null;
        c.units = copy(units, fresh.units, new long[total], runs);
        units = null;
        c.reviews = copy(reviews, fresh.reviews, new long[total], runs);
        reviews = null;
        c.revenue = copy(revenue, fresh.revenue, new double[total], runs);
        revenue = null;
        c.price = copy(price, fresh.price, new double[total], runs);
        price = null;
        c.rating = copy(rating, fresh.rating, new double[total], runs);
        rating = null;
        int o = 0;
        for (int[] r : runs) {
            FactCube from = r[0] == 0 ? this : fresh;
            for (int row = r[1]; row < r[2]; row++, o++) {
                if (from.revenueNull.get(row)) {
                    c.revenueNull.set(o);
                }
                if (from.fromSales.get(row)) {
                    c.fromSales.set(o);
                }
            }
        }
        c.setMonths();
        return c;
    }

    /** A coded column of the runs, codes given again in order of first appearance in {@code into} (−1 stays −1). */
    private static int[] recode(int[] mine, int[] fresh, Dict myDict, Dict freshDict, Dict into, List<int[]> runs, int total) {
        int[] out = new int[total];
        int[][] map = {new int[myDict.size()], new int[freshDict.size()]};
        Arrays.fill(map[0], -1);
        Arrays.fill(map[1], -1);
        int o = 0;
        for (int[] r : runs) {
            int[] a = r[0] == 0 ? mine : fresh;
            int[] m = map[r[0]];
            Dict d = r[0] == 0 ? myDict : freshDict;
            for (int row = r[1]; row < r[2]; row++) {
                int code = a[row];
                if (code >= 0) {
                    int x = m[code];
                    if (x < 0) {
                        x = into.code(d.text(code));
                        m[code] = x;
                    }
                    code = x;
                }
                out[o++] = code;
            }
        }
        return out;
    }

    /** The runs of two columns of one type copied into {@code out}, in order. */
    private static <A> A copy(A mine, A fresh, A out, List<int[]> runs) {
        int o = 0;
        for (int[] r : runs) {
            System.arraycopy(r[0] == 0 ? mine : fresh, r[1], out, o, r[2] - r[1]);
            o += r[2] - r[1];
        }
        return out;
    }

    /** The distinct months of the rows (month numbers, ascending). */
    int[] monthsPresent() {
        return Arrays.stream(month, 0, n).distinct().toArray();
    }

    /** Text values and their codes, in order of first appearance; null is a value like any other. */
    public static final class Dict {
        private final Map<String, Integer> codes = new HashMap<>();
        private final List<String> texts = new ArrayList<>();

        public int code(String text) {
            Integer c = codes.get(text);
            if (c == null) {
                c = texts.size();
                codes.put(text, c);
                texts.add(text);
            }
            return c;
        }

        /** The code of a text, −1 when it never occurred. */
        public int find(String text) {
            return codes.getOrDefault(text, -1);
        }

        public String text(int code) {
            return texts.get(code);
        }

        public int size() {
            return texts.size();
        }

    }
}
