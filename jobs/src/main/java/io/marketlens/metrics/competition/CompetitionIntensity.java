package io.marketlens.metrics.competition;

import static io.marketlens.fact.MarketFact.*;
import static io.marketlens.tables.Columns.*;

import io.marketlens.metrics.FactCube;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.concentration.ConcentrationTable;
import io.marketlens.metrics.market.NewVsExisting;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Tables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Competition intensity, T/CCPITCSC 111-2022 Table 1, 1.1.4 竞争强度 (SPEC M8), per scope and period. Components:
 * active sellers; listings (platform, marketplace, product_id, seller_id) per 1 000 units of demand; the HHI
 * by seller (from the {@code concentration} table); the mean review count of the 10 listings with the most
 * units (an entry barrier); and the share of new products (as in {@code new_vs_existing}) that reach the
 * median units of the scope's listings. {@link CompetitionIndex} turns them into a 0–100 index. Computed on the
 * driver from {@link FactCube}; a listing's review count in a period is that of its latest month in the period
 * that has one.
 */
public final class CompetitionIntensity {

    static final int TOP_N = 10;

    private CompetitionIntensity() {
    }

    /**
     * The table: a product is new for {@code newMonths} months after its introduction (as in new_vs_existing), the
     * index weighs the components by {@code weights}.
     */
    public static MetricTable compute(MetricsContext ctx, int newMonths, CompetitionIndex.Weights weights) {
        FactCube cube = ctx.cube();
        int[] intro = NewVsExisting.introductions(cube);
        int[] offerListing = cube.offerListings();
        int[] offerSeller = cube.offerSellers();
        int[] offerRank = FactCube.ranks(cube.offers);
        Map<List<String>, Double> hhi = sellerHhi(ctx.tableRows(Tables.CONCENTRATION));
        FactCube.Groups byOffer = cube.groupBy(cube::offer, cube.offers.size());
        OfferRows rows = new OfferRows(cube, byOffer);

        int keys = cube.keys();
        Components[] components = new Components[keys];
        // one roll-up at a time, so that the (key, offer) entries of only one of the eight are held at once, in buffers
        // grown once and refilled by each roll-up (at 10 M lines a roll-up has about 6 M entries: growing them anew from
        // a small size each time allocated 4.5 GB in a night)
        Entries entries = new Entries();
        for (int rollUp = 0; rollUp < 8; rollUp++) {
            entries(cube, byOffer, rows, rollUp, intro, offerListing, newMonths, entries);
            entries.summarise(cube, offerRank, offerSeller, components);
        }

        int labels = cube.labels();
        List<Row> out = new ArrayList<>();
        for (int s : cube.scopesInOrder()) {
            for (int label : cube.labelsInOrder()) {
                Components c = components[s * labels + label];
                if (c == null) {
                    continue;
                }
                String p = cube.platformOf(s);
                String m = cube.marketplaceOf(s);
                String cat = cube.categoryOf(s);
                String period = cube.periodOf(label);
                Row r = RowFactory.create(p, m, cat, period, c.sellers, c.listings, c.units,
                        hhi.get(List.of(p, m, cat, period)), c.topReviews, c.newProducts, c.newReachingMedian, c.rows);
                out.add(score(r, weights));
            }
        }
        return MetricTable.local(ctx.spark(), Tables.COMPETITION_INTENSITY, out);
    }

    /** The HHI by seller per (platform, marketplace, category, period), from the concentration table's rows. */
    private static Map<List<String>, Double> sellerHhi(List<Row> concentration) {
        Map<List<String>, Double> hhi = new HashMap<>();
        for (Row r : concentration) {
            if (ConcentrationTable.Entity.SELLER.code().equals(r.getAs(Columns.ENTITY))) {
                hhi.put(List.of(r.<String>getAs(PLATFORM), r.<String>getAs(MARKETPLACE), r.<String>getAs(CATEGORY),
                        r.<String>getAs(PERIOD)), r.getAs("hhi"));
            }
        }
        return hhi;
    }

    /** The components of one scope and period, before scoring. */
    private static final class Components {
        long sellers;
        long listings;
        long units;
        Double topReviews;
        long newProducts;
        long newReachingMedian;
        long rows;
    }

    /** One row per (key, offer) of one roll-up: the offer's units, latest review count, newness and fact rows. */
    private static final class Entries {
        int size;
        int[] key = new int[1024];
        int[] offer = new int[1024];
        long[] units = new long[1024];
        long[] reviews = new long[1024];
        boolean[] isNew = new boolean[1024];
        long[] rows = new long[1024];

        void add(int k, int o, long u, long rv, boolean n, long rc) {
            if (size == key.length) {
                int cap = size * 2;
                key = Arrays.copyOf(key, cap);
                offer = Arrays.copyOf(offer, cap);
                units = Arrays.copyOf(units, cap);
                reviews = Arrays.copyOf(reviews, cap);
                isNew = Arrays.copyOf(isNew, cap);
                rows = Arrays.copyOf(rows, cap);
            }
            key[size] = k;
            offer[size] = o;
            units[size] = u;
            reviews[size] = rv;
            isNew[size] = n;
            rows[size] = rc;
            size++;
        }

        /**
         * Per key: the offers ranked by units (descending; ties by the offer key's text), the mean review count of
         * those of the first ten that have one, the median units (Spark's {@code percentile(units, 0.5)}: linear
         * between the two middle values) and the counts. Only the first ten and the two middle values need the ranking:
         * they are selected ({@link CompetitionIntensity#select}), not sorted out of all of a key's offers.
         */
        void summarise(FactCube cube, int[] offerRank, int[] offerSeller, Components[] out) {
            FactCube.Groups byKey = groupByKey(cube.keys());
            Ranked ranked = new Ranked(offerRank.length);
            int[] sellerMark = new int[cube.sellers.size()];
            Arrays.fill(sellerMark, -1);
            int[] entries = byKey.rows();
            for (int k = 0; k < byKey.size(); k++) {
                int from = byKey.start()[k];
                int to = byKey.start()[k + 1];
                if (from == to) {
                    continue;
                }
                rank(entries, from, to, offerRank, ranked);
                int n = to - from;
                double position = 0.5 * (n - 1);
                double median = Math.floor(position) == Math.ceil(position) ? ranked.lower
                        : (Math.ceil(position) - position) * ranked.lower + (position - Math.floor(position)) * ranked.higher;
                Components c = new Components();
                double reviewSum = 0;
                int reviewCount = 0;
                for (int i = 0; i < ranked.topCount; i++) {
                    int e = ranked.top[i];
                    if (reviews[e] >= 0) {
                        reviewSum += reviews[e];
                        reviewCount++;
                    }
                }
                for (int j = from; j < to; j++) {
                    int e = entries[j];
                    c.listings++;
                    c.units += units[e];
                    c.rows += rows[e];
                    boolean sold = units[e] > 0;
                    if (sold && sellerMark[offerSeller[offer[e]]] != k) {
                        sellerMark[offerSeller[offer[e]]] = k;
                        c.sellers++;
                    }
                    if (sold && isNew[e]) {
                        c.newProducts++;
                        if (units[e] >= median) {
                            c.newReachingMedian++;
                        }
                    }
                }
                c.topReviews = reviewCount > 0 ? reviewSum / reviewCount : null;
                out[k] = c;
            }
        }

        /** What {@link #rank} finds of one key's entries, in buffers reused from key to key. */
        static final class Ranked {
            /** The first {@link #topCount} entries by units (descending), ties by the offer key's rank. */
            final int[] top = new int[TOP_N];
            int topCount;
            /** The ⌊(n − 1) / 2⌋-th and ⌈(n − 1) / 2⌉-th smallest units of the key's n entries (0-based). */
            long lower;
            long higher;
            final int[] entryOfRank;
            long[] packed = new long[16];
            long[] units = new long[16];

            Ranked(int offers) {
                entryOfRank = new int[offers];
            }

            void ensure(int n) {
                if (packed.length < n) {
                    packed = new long[Math.max(n, packed.length * 2)];
                    units = new long[packed.length];
                }
            }
        }

        /**
         * The first ten entries of {@code rows[from … to)} (one key's, each of another offer) by units, descending, ties
         * by the offer key's rank, and the two middle units. Units and ranks are packed into one long per entry when they
         * fit (units in 0 … 2³⁸ − 1, ranks below 2²⁵: any real table): the ten smallest longs are selected and sorted,
         * and the middle units selected from a copy of the units. Otherwise the entries are sorted with a comparator, to
         * the same order.
         */
        private void rank(int[] rows, int from, int to, int[] offerRank, Ranked r) {
            int n = to - from;
            r.ensure(n);
            long[] packed = r.packed;
            long[] u = r.units;
            boolean fits = offerRank.length <= RANK_LIMIT;
            for (int i = 0; i < n && fits; i++) {
                int e = rows[from + i];
                long x = units[e];
                fits = x >= 0 && x <= UNITS_LIMIT;
                packed[i] = (UNITS_LIMIT - x) << RANK_BITS | offerRank[offer[e]];
                r.entryOfRank[offerRank[offer[e]]] = e;
                u[i] = x;
            }
            int lo = (n - 1) / 2;
            int hi = n / 2;
            r.topCount = Math.min(n, TOP_N);
            if (fits) {
                if (n > r.topCount) {
                    select(packed, 0, n, r.topCount - 1);
                }
                Arrays.sort(packed, 0, r.topCount);
                for (int i = 0; i < r.topCount; i++) {
                    r.top[i] = r.entryOfRank[(int) (packed[i] & (RANK_LIMIT - 1))];
                }
                r.lower = select(u, 0, n, lo);
                long higher = r.lower;
                if (hi != lo) {
                    higher = u[hi];
                    for (int i = hi + 1; i < n; i++) {
                        higher = Math.min(higher, u[i]);
                    }
                }
                r.higher = higher;
                return;
            }
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = rows[from + i];
            }
            Arrays.sort(boxed, (a, b) -> units[a] != units[b] ? Long.compare(units[b], units[a])
                    : Integer.compare(offerRank[offer[a]], offerRank[offer[b]]));
            for (int i = 0; i < r.topCount; i++) {
                r.top[i] = boxed[i];
            }
            r.lower = units[boxed[n - 1 - lo]];
            r.higher = units[boxed[n - 1 - hi]];
        }

        private static final int RANK_BITS = 25;
        private static final int RANK_LIMIT = 1 << RANK_BITS;
        private static final long UNITS_LIMIT = (1L << 38) - 1;

        private FactCube.Groups groupByKey(int keys) {
            return FactCube.Groups.of(key, size, keys);
        }
    }

    /**
     * The columns {@link #entries} reads of every row, in the order of the rows grouped by offer: read there eight times
     * (once per roll-up) one after the other, where the cube's own columns would be read at random.
     */
    private static final class OfferRows {
        final int[] leaf;
        final int[] month;
        final long[] units;
        final long[] reviews;

        OfferRows(FactCube cube, FactCube.Groups byOffer) {
            int n = byOffer.start()[byOffer.size()];
            leaf = new int[n];
            month = new int[n];
            units = new long[n];
            reviews = new long[n];
            for (int j = 0; j < n; j++) {
                int r = byOffer.rows()[j];
                leaf[j] = cube.leaf(r);
                month[j] = cube.month(r);
                units[j] = cube.units(r);
                reviews[j] = cube.reviews(r);
            }
        }
    }

    /**
     * The (key, offer) entries of one roll-up, into {@code entries} (what it held before is dropped): per offer, its rows'
     * units and rows summed per key; its review count that of its latest month with one (the largest if several rows of
     * that month have one); new when its product was introduced after the period's end − W ({@link NewVsExisting#isNew}).
     */
    private static void entries(FactCube cube, FactCube.Groups byOffer, OfferRows offerRows, int rollUp, int[] intro,
                                int[] offerListing, int newMonths, Entries entries) {
        entries.size = 0;
        int keys = cube.keys();
        int[] marker = new int[keys];
        Arrays.fill(marker, -1);
        long[] units = new long[keys];
        long[] rows = new long[keys];
        long[] reviews = new long[keys];
        int[] reviewMonth = new int[keys];
        int[] touched = new int[keys];
        int[] buf = new int[2];
        int labels = cube.labels();
        for (int o = 0; o < byOffer.size(); o++) {
            int nt = 0;
            for (int j = byOffer.start()[o]; j < byOffer.start()[o + 1]; j++) {
                int m = offerRows.month[j];
                long u = offerRows.units[j];
                long rv = offerRows.reviews[j];
                int nk = cube.keysOfLeaf(offerRows.leaf[j], m, rollUp, buf);
                for (int q = 0; q < nk; q++) {
                    int k = buf[q];
                    if (marker[k] != o) {
                        marker[k] = o;
                        units[k] = 0;
                        rows[k] = 0;
                        reviews[k] = -1;
                        reviewMonth[k] = Integer.MIN_VALUE;
                        touched[nt++] = k;
                    }
                    units[k] += u;
                    rows[k]++;
                    if (rv >= 0 && (m > reviewMonth[k] || m == reviewMonth[k] && rv > reviews[k])) {
                        reviews[k] = rv;
                        reviewMonth[k] = m;
                    }
                }
            }
            for (int t = 0; t < nt; t++) {
                int k = touched[t];
                boolean isNew = NewVsExisting.isNew(intro[offerListing[o]], cube, k % labels, newMonths);
                entries.add(k, o, units[k], reviews[k], isNew, rows[k]);
            }
        }
    }

    /**
     * Rearranges {@code a[from … to)} so that {@code a[k]} holds the value the sorted range would hold there, no
     * larger value before it and no smaller one after it, and returns it: Hoare's selection with a three-way
     * partition (repeated values end it early) around the median of three; after {@code 2·log₂ n + 8} rounds
     * without the end in sight the rest of the range is sorted, so it never takes quadratic time.
     */
    static long select(long[] a, int from, int to, int k) {
        int lo = from;
        int hi = to - 1;
        int rounds = 2 * (32 - Integer.numberOfLeadingZeros(Math.max(1, to - from))) + 8;
        while (hi > lo) {
            if (rounds-- == 0) {
                Arrays.sort(a, lo, hi + 1);
                return a[k];
            }
            long x = a[lo];
            long y = a[lo + (hi - lo) / 2];
            long z = a[hi];
            long pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
            int lt = lo;
            int i = lo;
            int gt = hi;
            while (i <= gt) {
                long v = a[i];
                if (v < pivot) {
                    a[i++] = a[lt];
                    a[lt++] = v;
                } else if (v > pivot) {
                    a[i] = a[gt];
                    a[gt--] = v;
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt - 1;
            } else if (k > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
        return a[k];
    }

    /** One scope-period's components → the index and its sub-scores; a missing component is left out. */
    static Row score(Row r, CompetitionIndex.Weights weights) {
        long sellers = r.getLong(4);
        long listings = r.getLong(5);
        long units = r.getLong(6);
        double hhi = r.isNullAt(7) ? Double.NaN : r.getDouble(7);
        double reviews = r.isNullAt(8) ? Double.NaN : r.getDouble(8);
        long newProducts = r.getLong(9);
        double perThousand = units > 0 ? 1000.0 * listings / units : (listings > 0 ? Double.POSITIVE_INFINITY : Double.NaN);
        double success = newProducts > 0 ? (double) r.getLong(10) / newProducts : Double.NaN;
        CompetitionIndex.Result s = CompetitionIndex.score(
                new CompetitionIndex.Components(sellers, perThousand, hhi, reviews, success), weights);
        return RowFactory.create(r.getString(0), r.getString(1), r.getString(2), r.getString(3), nullIfNaN(s.index()),
                sellers, listings, units, Double.isInfinite(perThousand) ? null : nullIfNaN(perThousand), nullIfNaN(hhi),
                nullIfNaN(reviews), newProducts, nullIfNaN(success),
                nullIfNaN(s.sellersScore()), nullIfNaN(s.listingsPer1000UnitsScore()), nullIfNaN(s.hhiScore()),
                nullIfNaN(s.top10MeanReviewsScore()), nullIfNaN(s.newProductSuccessShareScore()), s.componentsUsed(),
                r.getLong(11), s.status());
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
