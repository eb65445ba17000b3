package io.marketlens.metrics.competitors;

import io.marketlens.metrics.FactCube;
import io.marketlens.metrics.LatestSnapshot;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.Ranks;
import io.marketlens.metrics.market.NewVsExisting;
import io.marketlens.metrics.pricing.BandEdges;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.CompetitorType;
import io.marketlens.tables.MarketPosition;
import io.marketlens.tables.Tables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Competitor analysis, T/CCPITCSC 111-2022 Table 1, 1.1.5 竞对分析 (SPEC M11): the tables {@code competitors} and
 * {@code competitor_benchmark}, computed on the driver from the fact ({@link FactCube}) and the window's price bands.
 *
 * <p>Per category-level scope (a category on one platform and marketplace, and its roll-ups over platforms and
 * marketplaces) and period (each month and the window), every seller with fact rows — from the sales files and from
 * competitor snapshots alike — is one entry: its revenue, units and rows; {@code products} = its listings with units
 * &gt; 0, {@code new_products} those of them that are new as {@code new_vs_existing} counts them; {@code rating} = the
 * mean of its listings' latest ratings in the period and {@code reviews} = the sum of their latest review counts
 * (from snapshots only). The sellers with revenue &gt; 0 are ranked by revenue (ties by platform and seller_id);
 * {@code share} = revenue ÷ the scope's revenue, {@code position} from the share rank ({@link MarketPosition}).
 * Against the previous period of the same length (the month before, the window before): {@code share_change} =
 * 100 · (share − previous share) in percentage points, {@code growth} = revenue ÷ previous revenue − 1.
 *
 * <p>The own store ({@link OwnStore}) is not a competitor: its sellers are ranked but not listed. Against it, a
 * competitor's {@code price_index} = its ASP ÷ the own store's ASP in the scope and period (ASP = revenue ÷ units, the
 * units-weighted mean price), and its {@code type} ({@link CompetitorType}): {@code emerging} when it is among the
 * {@code emerging_top} competitors with the largest positive share change and was first seen in the scope after the
 * data's first month and within the last {@code emerging_months} months of the period; else {@code direct} when one of its listings
 * lies in a price band where one of the own store's lies ({@code same_band}: each listing's price in the period —
 * revenue ÷ units, or its latest price when it sold nothing — placed in the scope's window bands of
 * {@code price_bands}), else {@code indirect}.
 */
public final class Competitors {

    private Competitors() {
    }

    /** The two tables: {@code competitors}, then {@code competitor_benchmark}. */
    public static List<MetricTable> compute(MetricsContext ctx, List<String> ownSellerIds, int newMonths,
                                            CompetitorOptions options) {
        FactCube cube = ctx.cube();
        OwnStore own = OwnStore.resolve(cube, ownSellerIds);
        if (own.notice() != null) {
            ctx.notice(own.notice());
        }
        Entry[][] byKey = entries(cube, own, bandEdges(cube, ctx.tableRows(Tables.PRICE_BANDS)),
                NewVsExisting.introductions(cube), newMonths);
        int labels = cube.labels();
        int[] sellerOrder = FactCube.ranks(cube.sellers);
        List<Row> competitors = new ArrayList<>();
        List<Row> benchmark = new ArrayList<>();
        for (int scope : cube.scopesInOrder()) {
            if (cube.categoryOf(scope).equals(io.marketlens.tables.Scopes.ALL)) {
                continue;
            }
            for (int label : cube.labelsInOrder()) {
                Entry[] entries = byKey[scope * labels + label];
                if (entries == null || label == cube.previousWindow()) {
                    continue;
                }
                int previous = cube.previousLabel(label);
                Period p = new Period(cube, own, scope, label, entries,
                        previous < 0 ? null : byKey[scope * labels + previous], previous >= 0, sellerOrder, options);
                for (Entry e : p.entries) {
                    if (!own.isOwn(e.seller)) {
                        competitors.add(p.competitorRow(e));
                    }
                }
                if (label == cube.window()) {
                    for (Entry e : p.benchmark(options.benchmarkTop())) {
                        benchmark.add(p.benchmarkRow(e));
                    }
                }
            }
        }
        return List.of(MetricTable.local(ctx.spark(), Tables.COMPETITORS, competitors),
                MetricTable.local(ctx.spark(), Tables.COMPETITOR_BENCHMARK, benchmark));
    }

    /** One seller in one (scope, period) key. */
    static final class Entry {
        final int seller;
        double revenue;
        long units;
        long rows;
        long products;
        long newProducts;
        double ratingSum;
        long rated;
        long reviews;
        long reviewed;
        /** Price bands of the scope its listings lie in. */
        final BitSet bands = new BitSet();
        /** First month (a month number) the seller has rows in the scope. */
        int firstMonth;
        // set when ranked
        Integer rank;
        double share;
        double shareAbove;
        Double shareChange;
        Double previousRevenue;
        boolean emerging;

        Entry(int seller) {
            this.seller = seller;
        }
    }

    /** One listing (offer) in one key, while its seller's rows are read. */
    private static final class Listing extends LatestSnapshot {
        double revenue;
        long units;
        long rows;

        /** Forgets the rows added: the listing of another offer starts in this instance. */
        void reset() {
            revenue = 0;
            units = 0;
            rows = 0;
            resetSnapshot();
        }

        void add(FactCube cube, int r) {
            revenue += cube.revenue(r);
            units += cube.units(r);
            rows++;
            addSnapshot(cube, r);
        }

        /** revenue ÷ units when it sold, else its latest price; NaN without either. */
        double price() {
            return units > 0 ? revenue / units : latestPrice();
        }
    }

    /** The window's band edges of each scope, from the {@code price_bands} rows (null for a scope without bands). */
    static BandEdges[] bandEdges(FactCube cube, List<Row> priceBands) {
        Map<Integer, double[]> edges = new HashMap<>();
        for (Row r : priceBands) {
            int scope = scopeOf(cube, r.getAs(Columns.PLATFORM), r.getAs(Columns.MARKETPLACE), r.getAs(Columns.CATEGORY));
            if (scope < 0) {
                continue;
            }
            int band = r.<Integer>getAs(Columns.BAND_INDEX);
            double[] e = edges.computeIfAbsent(scope, k -> new double[0]);
            if (e.length < band + 2) {
                e = Arrays.copyOf(e, band + 2);
                edges.put(scope, e);
            }
            e[band] = r.<Double>getAs(Columns.BAND_LOW);
            e[band + 1] = r.<Double>getAs(Columns.BAND_HIGH);
        }
        BandEdges[] out = new BandEdges[cube.scopes()];
        edges.forEach((scope, e) -> out[scope] = BandEdges.configured(e));
        return out;
    }

    private static int scopeOf(FactCube cube, String platform, String marketplace, String category) {
        String all = io.marketlens.tables.Scopes.ALL;
        int p = platform.equals(all) ? FactCube.ALL : cube.platforms.find(platform);
        int m = marketplace.equals(all) ? FactCube.ALL : cube.marketplaces.find(marketplace);
        int c = category.equals(all) ? FactCube.ALL : cube.categories.find(category);
        return (p == -1 && !platform.equals(all)) || (m == -1 && !marketplace.equals(all)) || c == -1 ? -1
                : cube.scope(p, m, c);
    }

    /**
     * The entries of every key of a category-level scope (the month's, the window's and the previous window's):
     * per key, one entry per seller with rows in it, in seller order.
     */
    static Entry[][] entries(FactCube cube, OwnStore own, BandEdges[] edges, int[] intro, int newMonths) {
        int keys = cube.keys();
        List<List<Entry>> byKey = new ArrayList<>(java.util.Collections.nCopies(keys, null));
        // every offer is one seller's: a seller's rows by offer are its offers' rows, offer after offer
        int offers = cube.offers.size();
        FactCube.Groups byOffer = cube.groupBy(cube::offer, offers);
        FactCube.Groups offersBySeller = FactCube.Groups.of(cube.offerSellers(), offers, cube.sellers.size());
        int[] buf = new int[16];
        int labels = cube.labels();
        // per key, the open offer's listing and the open seller's entry (the marks say whose they are), and per scope
        // the open seller's first month there: arrays, not maps, since every row looks them up
        Listing[] listingOf = new Listing[keys];
        int[] listingMark = new int[keys];
        int[] listingKeys = new int[keys];
        Entry[] entryOf = new Entry[keys];
        int[] entryMark = new int[keys];
        int[] entryKeys = new int[keys];
        int[] firstMonthOf = new int[cube.scopes()];
        int[] firstMonthMark = new int[cube.scopes()];
        Arrays.fill(listingMark, -1);
        Arrays.fill(entryMark, -1);
        Arrays.fill(firstMonthMark, -1);
        for (int s = 0; s < offersBySeller.size(); s++) {
            int entryCount = 0;
            for (int i = offersBySeller.start()[s]; i < offersBySeller.start()[s + 1]; i++) {
                int offer = offersBySeller.rows()[i];
                int from = byOffer.start()[offer];
                int to = byOffer.start()[offer + 1];
                if (from == to) {
                    continue;
                }
                int listingCode = cube.listing(byOffer.rows()[from]);
                int listingCount = 0;
                for (int j = from; j < to; j++) {
                    int r = byOffer.rows()[j];
                    int month = cube.month(r);
                    int nk = cube.keysOf(r, true, false, buf);
                    for (int q = 0; q < nk; q++) {
                        int k = buf[q];
                        if (listingMark[k] != offer) {
                            listingMark[k] = offer;
                            // one instance per key, reset for each offer (tens of millions of offer-keys at 10 M lines)
                            if (listingOf[k] == null) {
                                listingOf[k] = new Listing();
                            } else {
                                listingOf[k].reset();
                            }
                            listingKeys[listingCount++] = k;
                        }
                        listingOf[k].add(cube, r);
                        int scope = k / labels;
                        if (firstMonthMark[scope] != s) {
                            firstMonthMark[scope] = s;
                            firstMonthOf[scope] = month;
                        } else {
                            firstMonthOf[scope] = Math.min(firstMonthOf[scope], month);
                        }
                    }
                }
                for (int t = 0; t < listingCount; t++) {
                    int key = listingKeys[t];
                    Listing l = listingOf[key];
                    if (entryMark[key] != s) {
                        entryMark[key] = s;
                        entryOf[key] = new Entry(s);
                        entryKeys[entryCount++] = key;
                    }
                    Entry e = entryOf[key];
                    e.revenue += l.revenue;
                    e.units += l.units;
                    e.rows += l.rows;
                    if (l.units > 0) {
                        e.products++;
                        if (NewVsExisting.isNew(intro[listingCode], cube, key % labels, newMonths)) {
                            e.newProducts++;
                        }
                    }
                    if (!Double.isNaN(l.rating())) {
                        e.ratingSum += l.rating();
                        e.rated++;
                    }
                    if (l.reviews() >= 0) {
                        e.reviews += l.reviews();
                        e.reviewed++;
                    }
                    BandEdges b = edges[key / labels];
                    double price = l.price();
                    if (b != null && !Double.isNaN(price)) {
                        e.bands.set(b.bandOf(price));
                    }
                }
            }
            for (int t = 0; t < entryCount; t++) {
                int key = entryKeys[t];
                Entry e = entryOf[key];
                entryOf[key] = null;
                e.firstMonth = firstMonthOf[key / labels];
                List<Entry> list = byKey.get(key);
                if (list == null) {
                    list = new ArrayList<>();
                    byKey.set(key, list);
                }
                list.add(e);
            }
        }
        Entry[][] out = new Entry[keys][];
        for (int k = 0; k < keys; k++) {
            if (byKey.get(k) != null) {
                out[k] = byKey.get(k).toArray(Entry[]::new);
            }
        }
        return out;
    }

    /** One (scope, period): its sellers ranked, the own store's figures, and the rows written for it. */
    static final class Period {
        final FactCube cube;
        final OwnStore own;
        final int scope;
        final int label;
        /** Ranked sellers first (by rank), then the sellers without revenue (by seller key). */
        final Entry[] entries;
        final boolean previousCovered;
        final long ranked;
        final double ownRevenue;
        final long ownUnits;
        final boolean ownPresent;
        final BitSet ownBands = new BitSet();
        final double previousScopeRevenue;

        Period(FactCube cube, OwnStore own, int scope, int label, Entry[] entries, Entry[] previous,
               boolean previousCovered, int[] sellerOrder, CompetitorOptions options) {
            this.cube = cube;
            this.own = own;
            this.scope = scope;
            this.label = label;
            this.previousCovered = previousCovered;
            this.entries = entries.clone();
            Arrays.sort(this.entries, Comparator.comparing((Entry e) -> e.revenue > 0 ? 0 : 1)
                    .thenComparingDouble(e -> -Ranks.revenueKey(e.revenue)).thenComparingInt(e -> sellerOrder[e.seller]));
            double total = 0;
            double ownRev = 0;
            long ownU = 0;
            boolean present = false;
            long n = 0;
            for (Entry e : this.entries) {
                total += e.revenue;
                if (e.revenue > 0) {
                    n++;
                }
                if (own.isOwn(e.seller)) {
                    present = true;
                    ownRev += e.revenue;
                    ownU += e.units;
                    ownBands.or(e.bands);
                }
            }
            ranked = n;
            ownRevenue = ownRev;
            ownUnits = ownU;
            ownPresent = present;
            Map<Integer, Double> previousRevenue = new HashMap<>();
            double previousTotal = 0;
            if (previous != null) {
                for (Entry e : previous) {
                    previousRevenue.put(e.seller, e.revenue);
                    previousTotal += e.revenue;
                }
            }
            previousScopeRevenue = previousTotal;
            double above = 0;
            int rank = 0;
            for (Entry e : this.entries) {
                if (e.revenue > 0) {
                    e.rank = ++rank;
                    e.share = e.revenue / total;
                    e.shareAbove = above;
                    above += e.share;
                }
                if (previousCovered) {
                    e.previousRevenue = previousRevenue.getOrDefault(e.seller, 0.0);
                    if (total > 0 && previousTotal > 0) {
                        e.shareChange = 100 * (e.revenue / total - e.previousRevenue / previousTotal);
                    }
                }
            }
            markEmerging(options, sellerOrder);
        }

        /**
         * Emerging: among the {@code emerging_top} competitors with the largest positive share change (ties by seller
         * key), those first seen in the scope after the data's first month and within the {@code emerging_months}
         * months ending with the period.
         */
        private void markEmerging(CompetitorOptions options, int[] sellerOrder) {
            int end = cube.endMonth(label);
            List<Entry> gainers = new ArrayList<>();
            for (Entry e : entries) {
                if (!own.isOwn(e.seller) && e.shareChange != null && e.shareChange > 0) {
                    gainers.add(e);
                }
            }
            gainers.sort(Comparator.comparing((Entry e) -> -e.shareChange).thenComparingInt(e -> sellerOrder[e.seller]));
            for (int i = 0; i < Math.min(options.emergingTop(), gainers.size()); i++) {
                Entry e = gainers.get(i);
                e.emerging = e.firstMonth > cube.firstMonth() && e.firstMonth > end - options.emergingMonths();
            }
        }

        /** Whether one of the seller's listings lies in a band of an own listing; null without own products here. */
        Boolean sameBand(Entry e) {
            return own.known() && ownPresent ? e.bands.intersects(ownBands) : null;
        }

        String type(Entry e) {
            if (e.emerging) {
                return CompetitorType.EMERGING.code();
            }
            Boolean same = sameBand(e);
            return same == null ? null : same ? CompetitorType.DIRECT.code() : CompetitorType.INDIRECT.code();
        }

        String position(Entry e) {
            return e.rank == null ? null : MarketPosition.of(e.rank, e.shareAbove).code();
        }

        Double asp(Entry e) {
            return e.units > 0 ? e.revenue / e.units : null;
        }

        Double priceIndex(Entry e) {
            return own.known() && ownUnits > 0 && e.units > 0 ? (e.revenue / e.units) / (ownRevenue / ownUnits) : null;
        }

        Double growth(Entry e) {
            return e.previousRevenue != null && e.previousRevenue > 0 ? e.revenue / e.previousRevenue - 1 : null;
        }

        String status(Entry e, boolean ownFigures) {
            StringJoiner s = new StringJoiner(Codes.STATUS_SEPARATOR);
            if (ownFigures && !own.known()) {
                s.add(Codes.NO_OWN_STORE);
            } else if (ownFigures && !ownPresent) {
                s.add(Codes.NO_OWN_PRODUCTS);
            }
            if (!previousCovered) {
                s.add(Codes.INSUFFICIENT_HISTORY);
            } else if (e.previousRevenue <= 0 || previousScopeRevenue <= 0) {
                s.add(Codes.NO_PREVIOUS_SALES);
            }
            return s.length() == 0 ? null : s.toString();
        }

        Row competitorRow(Entry e) {
            return RowFactory.create(cube.platformOf(scope), cube.marketplaceOf(scope), cube.categoryOf(scope),
                    cube.periodOf(label), cube.sellerId(e.seller), cube.sellerPlatform(e.seller), type(e), sameBand(e),
                    e.rank, position(e), ranked, e.revenue,
                    e.rank == null ? 0.0 : e.share, e.previousRevenue, e.shareChange, growth(e), e.units, asp(e),
                    priceIndex(e), e.rated == 0 ? null : e.ratingSum / e.rated, e.reviewed == 0 ? null : e.reviews,
                    e.products, e.newProducts, FactCube.monthText(e.firstMonth), e.rows, status(e, true));
        }

        /**
         * The window's benchmark: the own store's sellers (by rank), then the {@code top} largest competitors sharing a
         * price band with it; without an own store, the {@code top} largest sellers; nothing where the own store sells nothing.
         */
        List<Entry> benchmark(int top) {
            List<Entry> out = new ArrayList<>();
            if (own.known() && !ownPresent) {
                return out;
            }
            for (Entry e : entries) {
                if (own.isOwn(e.seller)) {
                    out.add(e);
                }
            }
            int competitors = 0;
            for (Entry e : entries) {
                if (competitors < top && !own.isOwn(e.seller) && e.revenue > 0
                        && (!own.known() || Boolean.TRUE.equals(sameBand(e)))) {
                    out.add(e);
                    competitors++;
                }
            }
            return out;
        }

        Row benchmarkRow(Entry e) {
            boolean isOwn = own.isOwn(e.seller);
            return RowFactory.create(cube.platformOf(scope), cube.marketplaceOf(scope), cube.categoryOf(scope),
                    cube.periodOf(label), cube.sellerId(e.seller), cube.sellerPlatform(e.seller), isOwn,
                    isOwn ? null : type(e), e.rank, position(e), asp(e), e.units, e.revenue, e.rank == null ? 0.0 : e.share, growth(e),
                    e.rated == 0 ? null : e.ratingSum / e.rated, e.reviewed == 0 ? null : e.reviews, e.products,
                    e.newProducts, e.rows, status(e, !isOwn));
        }
    }
}
