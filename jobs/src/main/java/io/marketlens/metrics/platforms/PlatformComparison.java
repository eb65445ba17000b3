package io.marketlens.metrics.platforms;

import static io.marketlens.metrics.selection.SelectionInputs.lowVolume;
import static io.marketlens.metrics.selection.SelectionInputs.number;
import static io.marketlens.metrics.selection.SelectionInputs.orNull;
import static io.marketlens.metrics.selection.SelectionInputs.scope;
import static io.marketlens.metrics.selection.SelectionInputs.snapshotUnits;
import static io.marketlens.metrics.selection.SelectionInputs.windowRows;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.metrics.FactCube;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.competitors.OwnStore;
import io.marketlens.metrics.selection.SelectionInputs;
import io.marketlens.metrics.selection.SelectionScore;
import io.marketlens.metrics.selection.SelectionScore.Candidate;
import io.marketlens.metrics.selection.SelectionScore.Scored;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.PlatformComponent;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.Tables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The {@code platform_comparison} table, T/CCPITCSC 111-2022 Table 1, 1.2.1 平台选择 (SPEC M14): where to sell — which
 * platform × marketplace. Candidates are the window's (platform, marketplace) scopes with a real platform and a real
 * marketplace, in sets each scored within itself: all of them over all categories ({@code category} = {@code ALL}),
 * and, for each category, the platform × marketplaces selling it. {@code candidates} is the size of the set a row was
 * ranked in.
 *
 * <p>Components (window figures of the tables written before it; {@link PlatformComponent} gives sign and default
 * weight): revenue = {@code market_size.revenue}; growth = {@code market_size.yoy_growth}; hhi = {@code concentration}
 * HHI by seller; asp = revenue ÷ units of {@code market_size}; sellers = {@code market_size.sellers};
 * new_product_share = {@code new_vs_existing.new_product_revenue_share}; lead_time_p50 and on_time_rate = the
 * {@code logistics_lanes} window row of carrier, service and region {@code ALL} to the marketplace's destination
 * country ({@link Destinations}) — the shipments to that country from all platforms, since the logistics export names
 * no platform; logistics_cost_share as {@link SelectionInputs#logisticsCostShare} (an order's shipment costs split over
 * its lines' scopes by revenue). They are scored by {@link SelectionScore}: z = (x − mean) ÷ sd (population sd) over the
 * set's candidates that have the component, score = Σ w · sign · z ÷ Σ w over the components the candidate has.
 *
 * <p>Shown beside them, not scored: destination_country, shipments (to that country in the window) and own_share =
 * the own store's window revenue ÷ the scope's window revenue (own store: {@code own_seller_ids}, resolved by
 * {@link OwnStore}; null when none is known). A candidate with fewer than {@code min_orders} orders (a snapshot's
 * estimated unit counting as one) or fewer than {@code min_listings} selling listings is {@code low_volume}: shown,
 * neither z-scored nor ranked, and not moving the others' z-scores. {@code status} lists why figures are empty:
 * {@code low_volume}, {@code no_destination}, {@code no_shipments}, {@code no_delivered_shipments},
 * {@code no_promised_dates}, {@code no_own_store}.
 */
public final class PlatformComparison {

    private static final int K = PlatformComponent.values().length;

    private PlatformComparison() {
    }

    /** The table, with the options of {@code metrics.platform_comparison} and the configured own seller ids. */
    public static MetricTable compute(MetricsContext ctx, PlatformOptions options, List<String> ownSellerIds) {
        FactCube cube = ctx.cube();
        Map<List<String>, Row> size = windowRows(ctx.tableRows(Tables.MARKET_SIZE), null);
        Map<List<String>, Row> hhi = windowRows(ctx.tableRows(Tables.CONCENTRATION), Codes.SELLER);
        Map<List<String>, Row> newShare = windowRows(ctx.tableRows(Tables.NEW_VS_EXISTING), null);
        Map<String, Row> lanes = countryLanes(ctx);
        Map<List<String>, Double> costShare = SelectionInputs.logisticsCostShare(ctx);
        long[] snapshotUnits = snapshotUnits(cube);
        double[] ownShare = ownShare(cube, OwnStore.resolve(cube, ownSellerIds));
        Destinations countries = options.countries();

        // the candidate sets by category, ALL first: the platform × marketplaces over all categories
        Map<String, List<Integer>> sets = new LinkedHashMap<>();
        sets.put(Scopes.ALL, new ArrayList<>());
        for (int s : cube.scopesInOrder()) {
            if (!cube.platformOf(s).equals(Scopes.ALL) && !cube.marketplaceOf(s).equals(Scopes.ALL)
                    && size.containsKey(scope(cube, s))) {
                sets.computeIfAbsent(cube.categoryOf(s), c -> new ArrayList<>()).add(s);
            }
        }
        Map<Integer, Row> out = new HashMap<>();
        for (List<Integer> set : sets.values()) {
            List<Candidate> candidates = new ArrayList<>();
            Map<String, Integer> scopeOf = new HashMap<>();
            Map<Integer, Inputs> inputs = new HashMap<>();
            for (int s : set) {
                List<String> k = scope(cube, s);
                Row ms = size.get(k);
                Optional<String> country = countries.countryOf(cube.marketplaceOf(s));
                Row lane = country.map(lanes::get).orElse(null);
                double[] v = new double[K];
                double revenue = number(ms, Columns.REVENUE);
                long units = ms.<Long>getAs(Columns.UNITS);
                v[PlatformComponent.REVENUE.ordinal()] = revenue;
                v[PlatformComponent.GROWTH.ordinal()] = number(ms, Columns.YOY_GROWTH);
                v[PlatformComponent.HHI.ordinal()] = number(hhi.get(k), Columns.HHI);
                v[PlatformComponent.ASP.ordinal()] = units > 0 ? revenue / units : Double.NaN;
                v[PlatformComponent.SELLERS.ordinal()] = number(ms, Columns.SELLERS);
                v[PlatformComponent.NEW_PRODUCT_SHARE.ordinal()] = number(newShare.get(k), Columns.NEW_PRODUCT_REVENUE_SHARE);
                v[PlatformComponent.LEAD_TIME.ordinal()] = number(lane, Columns.LEAD_TIME_P50);
                v[PlatformComponent.ON_TIME.ordinal()] = number(lane, Columns.ON_TIME_RATE);
                v[PlatformComponent.LOGISTICS_COST_SHARE.ordinal()] = costShare.getOrDefault(k, Double.NaN);
                boolean thin = lowVolume(ms, snapshotUnits[s], options.minOrders(), options.minListings());
                inputs.put(s, new Inputs(ms, v, country.orElse(null), lane, ownShare == null ? Double.NaN : ownShare[s], thin));
                if (!thin) {
                    String id = String.join("\u0001", k);
                    candidates.add(new Candidate(id, v));
                    scopeOf.put(id, s);
                }
            }
            Map<Integer, Scored> scored = new HashMap<>();
            if (!candidates.isEmpty()) {
                for (Scored x : SelectionScore.rank(candidates, PlatformComponent.class, options.weights(),
                        SelectionScore.Robustness.DEFAULT)) {
                    scored.put(scopeOf.get(x.id()), x);
                }
            }
            for (int s : set) {
                out.put(s, row(cube, s, inputs.get(s), scored.get(s), candidates.size(), options, ownShare != null));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int s : cube.scopesInOrder()) {
            if (out.containsKey(s)) {
                rows.add(out.get(s));
            }
        }
        return MetricTable.local(ctx.spark(), Tables.PLATFORM_COMPARISON, rows);
    }

    /**
     * A scope's figures before scoring: its {@code market_size} window row, component values (NaN where unknown),
     * destination country (null when unknown), the lanes row to it (null without shipments there), own share.
     */
    private record Inputs(Row size, double[] values, String country, Row lane, double ownShare, boolean lowVolume) {
    }

    private static Row row(FactCube cube, int s, Inputs in, Scored x, int candidates, PlatformOptions options,
                           boolean ownKnown) {
        List<Object> r = SelectionInputs.scoredHead(cube, s, x, candidates);
        int used = 0;
        for (PlatformComponent c : PlatformComponent.values()) {
            if (c == PlatformComponent.LEAD_TIME) {
                r.add(in.country());
            }
            double value = in.values()[c.ordinal()];
            r.add(c == PlatformComponent.SELLERS ? in.size().<Long>getAs(Columns.SELLERS) : orNull(value));
            r.add(x == null ? null : orNull(x.z()[c.ordinal()]));
            if (!Double.isNaN(value) && options.weights().get(c) > 0) {
                used++;
            }
        }
        r.add(orNull(in.ownShare()));
        r.add(x == null ? null : used);
        r.add(in.size().<Long>getAs(Columns.ORDERS));
        r.add(in.size().<Long>getAs(Columns.UNITS));
        r.add(in.country() == null ? null : in.lane() == null ? 0L : in.lane().<Long>getAs(Columns.SHIPMENTS));
        r.add(in.size().<Long>getAs(Columns.ROWS));
        r.add(status(in, ownKnown));
        return RowFactory.create(r.toArray());
    }

    /** Why figures of the row are empty, {@code ;}-separated; null when none is. */
    private static String status(Inputs in, boolean ownKnown) {
        List<String> codes = new ArrayList<>();
        if (in.lowVolume()) {
            codes.add(Codes.LOW_VOLUME);
        }
        if (in.country() == null) {
            codes.add(Codes.NO_DESTINATION);
        } else if (in.lane() == null) {
            codes.add(Codes.NO_SHIPMENTS);
        } else if (in.lane().getAs(Columns.LEAD_TIME_P50) == null) {
            codes.add(Codes.NO_DELIVERED_SHIPMENTS);
        } else if (in.lane().getAs(Columns.ON_TIME_RATE) == null) {
            codes.add(Codes.NO_PROMISED_DATES);
        }
        if (!ownKnown) {
            codes.add(Codes.NO_OWN_STORE);
        }
        return codes.isEmpty() ? null : String.join(Codes.STATUS_SEPARATOR, codes);
    }

    /**
     * The {@code logistics_lanes} window rows of all carriers and services to a destination country (region
     * {@code ALL}), by country; empty when the run has no shipments (then that table is not written).
     */
    private static Map<String, Row> countryLanes(MetricsContext ctx) {
        Map<String, Row> out = new HashMap<>();
        if (ctx.shipments().isEmpty()) {
            return out;
        }
        for (Row r : ctx.tableRows(Tables.LOGISTICS_LANES)) {
            String country = r.getAs(Columns.DESTINATION_COUNTRY);
            if (AnalysisPeriod.WINDOW.equals(r.getAs(Columns.PERIOD)) && Scopes.ALL.equals(r.getAs(Columns.CARRIER))
                    && Scopes.ALL.equals(r.getAs(Columns.SERVICE)) && Scopes.ALL.equals(r.getAs(Columns.DESTINATION_REGION))
                    && !Scopes.ALL.equals(country)) {
                out.put(country, r);
            }
        }
        return out;
    }

    /**
     * Per scope, the own store's share of the window's revenue: Σ revenue of the own sellers' rows ÷ Σ revenue of all
     * rows (NaN where the scope has no revenue); null when no own store is known.
     */
    private static double[] ownShare(FactCube cube, OwnStore own) {
        if (!own.known()) {
            return null;
        }
        double[] ownRevenue = new double[cube.scopes()];
        double[] revenue = new double[cube.scopes()];
        for (int r = 0; r < cube.rows(); r++) {
            if (cube.inWindow(cube.month(r))) {
                boolean mine = own.isOwn(cube.seller(r));
                for (int s : cube.scopesOf(r)) {
                    revenue[s] += cube.revenue(r);
                    if (mine) {
                        ownRevenue[s] += cube.revenue(r);
                    }
                }
            }
        }
        double[] share = new double[cube.scopes()];
        for (int s = 0; s < share.length; s++) {
            share[s] = revenue[s] > 0 ? ownRevenue[s] / revenue[s] : Double.NaN;
        }
        return share;
    }
}
