package io.marketlens.metrics.pricing;

import static io.marketlens.fact.MarketFact.*;
import static io.marketlens.tables.Columns.*;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.metrics.FactCube;
import io.marketlens.metrics.LatestSnapshot;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Tables;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple3;

/**
 * The {@code price_bands} table, T/CCPITCSC 111-2022 Table 1, 1.1.4 最佳价格波段 (SPEC M9): per
 * category-level scope (a category on one platform and marketplace, and its roll-ups over platforms and
 * marketplaces) over the analysis window, the listings, sellers, units and revenue of each price band,
 * demand share = band units ÷ scope units, supply share = band listings ÷ scope listings, opportunity =
 * demand share ÷ supply share, and the best band ({@link PriceBands#evaluate}).
 *
 * <p>A listing is (platform, marketplace, product_id, seller_id) with fact rows in the window: units and
 * revenue are its sums; its price is revenue ÷ units when it sold, else its latest price; its rating and
 * reviews are the latest non-null ones (from competitor snapshots). Every listing with a price falls into
 * exactly one band ({@link BandEdges#bandOf}: the tails join the end bands), so the bands' units add up to
 * the scope's units; listings that sold nothing still count as supply. Edges per scope are automatic
 * ({@link BandEdges#nice} over the 1st and 99th percentile of the listing prices), quantiles or configured,
 * see {@link Options}.
 *
 * <p>Listings are aggregated on the driver from the fact loaded there ({@link FactCube}); each scope's listings are
 * then evaluated together, a listing's entry shared by its four category-level scopes (about 150 bytes per listing:
 * a million listings is about 150 MB).
 */
public final class PriceBandsTable {

    /** How a scope's band edges are chosen; {@link #code()} is the config value and the {@code edges_mode} column. */
    public enum EdgesMode {
        /** "Nice" equal-width bands over the 1st–99th percentile of price ({@link BandEdges#nice}). */
        AUTO("auto"),
        /** Bands holding about equally many listings ({@link BandEdges#quantiles}). */
        QUANTILES("quantiles"),
        /** The configured edges of the category; categories without any fall back to {@link #AUTO}. */
        EDGES("edges");

        private final String code;

        EdgesMode(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        /** The mode of a config value (auto, quantiles or edges; any case). */
        public static EdgesMode parse(String value) {
            for (EdgesMode m : values()) {
                if (m.code.equalsIgnoreCase(value == null ? "" : value.trim())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("price band mode '" + value + "' is not known; write auto, quantiles or edges");
        }
    }

    /**
     * The settings of the price bands.
     *
     * @param mode           how edges are chosen; default {@link #DEFAULT_MODE}
     * @param edges          configured edges per category (the fact's category value, exact), used in mode
     *                       {@link EdgesMode#EDGES}
     * @param quantileBands  how many bands mode {@link EdgesMode#QUANTILES} asks for; default {@link #QUANTILE_BANDS}
     * @param minDemandShare least share of the scope's units for a band to be best; default {@link #MIN_DEMAND_SHARE}
     * @param minListings    least listings for a band to be best; default {@link #MIN_LISTINGS}
     */
    public record Options(EdgesMode mode, Map<String, BandEdges> edges, int quantileBands, double minDemandShare,
                          long minListings) implements Serializable {

        public static final EdgesMode DEFAULT_MODE = EdgesMode.AUTO;
        /** Quintiles. */
        public static final int QUANTILE_BANDS = 5;
        public static final double MIN_DEMAND_SHARE = PriceBands.MIN_DEMAND_SHARE;
        public static final long MIN_LISTINGS = PriceBands.MIN_LISTINGS;

        public Options {
            if (mode == null) {
                throw new IllegalArgumentException("price band mode is missing; write auto, quantiles or edges");
            }
            edges = edges == null ? Map.of() : Map.copyOf(edges);
            if (mode == EdgesMode.EDGES && edges.isEmpty()) {
                throw new IllegalArgumentException("price band mode 'edges' needs edges for at least one category, "
                        + "e.g. \"Home>Kitchen\": [0, 10, 20, 50]; or choose mode auto or quantiles");
            }
            if (quantileBands < 2) {
                throw new IllegalArgumentException("quantile_bands must be ≥ 2 (one band has no best band), got "
                        + quantileBands);
            }
            if (!(minDemandShare >= 0 && minDemandShare <= 1)) {
                throw new IllegalArgumentException("min_demand_share, the best price band's minimum demand share, is a "
                        + "fraction in [0, 1] (0.05 for 5 %), got " + minDemandShare);
            }
            if (minListings < 1) {
                throw new IllegalArgumentException("min_listings, the best price band's minimum listings, must be ≥ 1, got "
                        + minListings);
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_MODE, Map.of(), QUANTILE_BANDS, MIN_DEMAND_SHARE, MIN_LISTINGS);
        }

        /**
         * The config's {@code metrics.price_bands} section: {@code mode} auto (nice 1-2-5 steps over the 1st–99th
         * percentile), quantiles ({@code quantile_bands} bands) or edges ({@code edges} per category, auto for the
         * others); the best band needs {@code min_demand_share} of the units and {@code min_listings} listings. A key
         * left out takes its default.
         */
        @com.fasterxml.jackson.annotation.JsonCreator
        public static Options of(@com.fasterxml.jackson.annotation.JsonProperty("mode") String mode,
                                 @com.fasterxml.jackson.annotation.JsonProperty("quantile_bands") Integer quantileBands,
                                 @com.fasterxml.jackson.annotation.JsonProperty("min_demand_share") Double minDemandShare,
                                 @com.fasterxml.jackson.annotation.JsonProperty("min_listings") Long minListings,
                                 @com.fasterxml.jackson.annotation.JsonProperty("edges") Map<String, List<Double>> edges) {
            Map<String, BandEdges> configured = new java.util.TreeMap<>();
            if (edges != null) {
                edges.forEach((category, e) -> {
                    try {
                        configured.put(category, BandEdges.configured(e.stream().mapToDouble(Double::doubleValue).toArray()));
                    } catch (IllegalArgumentException ex) {
                        throw new IllegalArgumentException("edges." + category + ": " + ex.getMessage(), ex);
                    }
                });
            }
            return new Options(mode == null ? DEFAULT_MODE : EdgesMode.parse(mode), configured,
                    quantileBands == null ? QUANTILE_BANDS : quantileBands,
                    minDemandShare == null ? MIN_DEMAND_SHARE : minDemandShare, minListings == null ? MIN_LISTINGS : minListings);
        }

        /** The options as the config writes them (the run manifest's copy). */
        @com.fasterxml.jackson.annotation.JsonValue
        public Map<String, Object> asConfig() {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("mode", mode.code());
            m.put("quantile_bands", quantileBands);
            m.put("min_demand_share", minDemandShare);
            m.put("min_listings", minListings);
            Map<String, List<Double>> e = new java.util.TreeMap<>();
            edges.forEach((category, b) -> e.put(category, java.util.Arrays.stream(b.edges()).boxed().toList()));
            m.put("edges", e);
            return m;
        }

        /** The edges a scope of {@code category} is cut by, from the prices of its listings sorted ascending. */
        BandEdges edgesFor(String category, double[] sortedPrices) {
            return switch (modeFor(category)) {
                case EDGES -> edges.get(category);
                case QUANTILES -> BandEdges.quantiles(sortedPrices, quantileBands);
                case AUTO -> BandEdges.nice(percentile(sortedPrices, 0.01), percentile(sortedPrices, 0.99));
            };
        }

        EdgesMode modeFor(String category) {
            return mode == EdgesMode.EDGES && !edges.containsKey(category) ? EdgesMode.AUTO : mode;
        }
    }

    private static final String SELLER_KEY = "_seller";

    private PriceBandsTable() {
    }

    public static MetricTable compute(MetricsContext ctx, Options options) {
        FactCube cube = ctx.cube();
        Map<Integer, List<Row>> byScope = new java.util.HashMap<>();
        for (Listing l : listings(cube)) {
            // the seller key is (platform, seller_id) joined by \u0001, as the cube codes sellers
            Row row = new GenericRowWithSchema(new Object[]{l.price(), l.units, l.revenue,
                    cube.sellers.text(cube.seller(l.row)), l.rows, Double.isNaN(l.rating()) ? null : l.rating(),
                    l.reviews() < 0 ? null : (double) l.reviews()}, LISTING);
            int[] scopes = cube.scopesOf(l.row);
            for (int j = 0; j < 8; j += 2) {
                byScope.computeIfAbsent(scopes[j], k -> new ArrayList<>()).add(row);
            }
        }
        List<Row> out = new ArrayList<>();
        for (int scope : cube.scopesInOrder()) {
            List<Row> listings = byScope.get(scope);
            if (listings != null) {
                out.addAll(bandsOf(new Tuple3<>(cube.platformOf(scope), cube.marketplaceOf(scope), cube.categoryOf(scope)),
                        listings.iterator(), options));
            }
        }
        return MetricTable.local(ctx.spark(), Tables.PRICE_BANDS, out);
    }

    /** What {@link #bandsOf} reads of a listing. */
    private static final StructType LISTING = new StructType()
            .add(PRICE, DataTypes.DoubleType).add(UNITS, DataTypes.LongType).add(REVENUE, DataTypes.DoubleType)
            .add(SELLER_KEY, DataTypes.StringType).add(Columns.ROWS, DataTypes.LongType).add(RATING, DataTypes.DoubleType)
            .add(REVIEWS, DataTypes.DoubleType);

    /** A listing's window: units and revenue summed, its latest price, rating and review count (by month). */
    private static final class Listing extends LatestSnapshot {
        final int row;
        long units;
        double revenue;
        long rows;

        Listing(int row) {
            this.row = row;
        }

        /** revenue ÷ units when it sold, else its latest price; null without either. */
        Double price() {
            if (units > 0) {
                return revenue / units;
            }
            return Double.isNaN(latestPrice()) ? null : latestPrice();
        }
    }

    /**
     * One entry per listing (platform, marketplace, category, product_id, seller_id) with fact rows in the window,
     * in the order of its first row. Listings are keyed with their own platform and marketplace, so the scopes'
     * roll-ups never merge two listings.
     */
    private static java.util.Collection<Listing> listings(FactCube cube) {
        Map<Long, Listing> byKey = new java.util.LinkedHashMap<>();
        for (int i = 0; i < cube.rows(); i++) {
            int m = cube.month(i);
            if (!cube.inWindow(m)) {
                continue;
            }
            long key = (long) cube.offer(i) * cube.categories.size() + cube.category(i);
            Listing l = byKey.get(key);
            if (l == null) {
                l = new Listing(i); // its first row: the listing's scopes and seller
                byKey.put(key, l);
            }
            l.units += cube.units(i);
            l.revenue += cube.revenueNull(i) ? 0 : cube.revenue(i);
            l.rows++;
            l.addSnapshot(cube, i);
        }
        return byKey.values();
    }

    /**
     * The band rows of one scope. A listing without any price (it sold nothing and no snapshot priced it)
     * cannot be placed and is left out; it has no units, so the bands' units still add up.
     */
    private static List<Row> bandsOf(Tuple3<String, String, String> scope, Iterator<Row> rows, Options options) {
        List<Row> listings = new ArrayList<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            if (r.getAs(PRICE) != null) {
                listings.add(r);
            }
        }
        if (listings.isEmpty()) {
            return List.of();
        }
        double[] prices = listings.stream().mapToDouble(r -> r.<Double>getAs(PRICE)).sorted().toArray();
        BandEdges edges = options.edgesFor(scope._3(), prices);
        Band[] bands = new Band[edges.count()];
        for (int i = 0; i < bands.length; i++) {
            bands[i] = new Band();
        }
        long scopeUnits = 0;
        for (Row r : listings) {
            bands[edges.bandOf(r.<Double>getAs(PRICE))].add(r);
            scopeUnits += r.<Long>getAs(UNITS);
        }
        List<BandStats> stats = new ArrayList<>(bands.length);
        for (int i = 0; i < bands.length; i++) {
            stats.add(bands[i].stats(i, edges));
        }
        String mode = options.modeFor(scope._3()).code();
        String status = scopeUnits == 0 ? Codes.NO_SALES : null;
        List<Row> out = new ArrayList<>(bands.length);
        for (BandResult b : PriceBands.evaluate(stats, options.minDemandShare(), options.minListings())) {
            BandStats s = b.stats();
            out.add(RowFactory.create(scope._1(), scope._2(), scope._3(), AnalysisPeriod.WINDOW,
                    edges.label(s.index()), s.index(), s.low(), s.high(), s.listings(), s.sellers(),
                    bands[s.index()].units, s.revenue(), orNull(b.demandShare()), orNull(b.supplyShare()),
                    orNull(b.opportunity()), b.best(), orNull(s.meanRating()), orNull(s.meanReviews()), mode,
                    bands[s.index()].rows, status));
        }
        return out;
    }

    /**
     * The p-quantile (0 ≤ p ≤ 1) of prices sorted ascending, by linear interpolation between order
     * statistics (numpy's default, Hyndman–Fan type 7): h = (n − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
     */
    static double percentile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int below = (int) Math.floor(h);
        double fraction = h - below;
        return fraction == 0 || below + 1 >= sorted.length ? sorted[below]
                : sorted[below] + fraction * (sorted[below + 1] - sorted[below]);
    }

    /** The running aggregates of one band. */
    private static final class Band {
        long listings;
        final Set<String> sellers = new HashSet<>();
        long units;
        double revenue;
        double ratingSum;
        long rated;
        double reviewSum;
        long reviewed;
        long rows;

        void add(Row r) {
            listings++;
            sellers.add(r.getAs(SELLER_KEY));
            units += r.<Long>getAs(UNITS);
            revenue += r.<Double>getAs(REVENUE);
            rows += r.<Long>getAs(Columns.ROWS);
            Double rating = r.getAs(RATING);
            if (rating != null) {
                ratingSum += rating;
                rated++;
            }
            Double reviews = r.getAs(REVIEWS);
            if (reviews != null) {
                reviewSum += reviews;
                reviewed++;
            }
        }

        BandStats stats(int index, BandEdges edges) {
            return new BandStats(index, edges.low(index), edges.high(index), listings, sellers.size(), units, revenue,
                    rated == 0 ? Double.NaN : ratingSum / rated, reviewed == 0 ? Double.NaN : reviewSum / reviewed);
        }
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
