package io.marketlens.metrics.selection;

import static io.marketlens.metrics.selection.SelectionInputs.lowVolume;
import static io.marketlens.metrics.selection.SelectionInputs.number;
import static io.marketlens.metrics.selection.SelectionInputs.orNull;
import static io.marketlens.metrics.selection.SelectionInputs.scope;
import static io.marketlens.metrics.selection.SelectionInputs.snapshotUnits;
import static io.marketlens.metrics.selection.SelectionInputs.windowRows;

import io.marketlens.metrics.FactCube;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.selection.SelectionScore.Candidate;
import io.marketlens.tables.SelectionComponent;
import io.marketlens.metrics.selection.SelectionScore.Scored;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.Tables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The {@code product_selection} table, T/CCPITCSC 111-2022 Table 1, 1.1.8 选品分析 (SPEC M12): which categories to
 * sell next. Two sets of candidates are scored, each within itself: the categories over all platforms and
 * marketplaces ({@code platform} = {@code marketplace} = {@code ALL}), and the categories of each platform ×
 * marketplace. A candidate's components are the window's figures of the tables written before it:
 * size = {@code market_size.revenue}, growth = {@code market_size.yoy_growth}, HHI by seller from
 * {@code concentration}, {@code new_vs_existing.new_product_revenue_share}, the best band's {@code opportunity} from
 * {@code price_bands}, {@code competition_intensity.top10_mean_reviews}, the seasonal amplitude = highest ÷ lowest
 * seasonal index of {@code seasonality}, and the logistics cost share ({@link SelectionInputs#logisticsCostShare}). They are scored by
 * {@link SelectionScore} with the configured weights; a candidate with fewer orders than {@code min_orders} (a
 * snapshot's estimated unit counting as one order, since snapshots carry no orders) or fewer selling listings than
 * {@code min_listings} in the window is {@code low_volume}: its components are shown, it is neither z-scored nor
 * ranked.
 */
public final class ProductSelection {

    private ProductSelection() {
    }

    public static MetricTable compute(MetricsContext ctx, SelectionOptions options) {
        FactCube cube = ctx.cube();
        // first: Spark's jobs over the shipments, which need no other table, run while those this table reads are computed
        Map<List<String>, Double> costShare = SelectionInputs.logisticsCostShare(ctx);
        Map<List<String>, Row> size = windowRows(ctx.tableRows(Tables.MARKET_SIZE), null);
        Map<List<String>, Row> hhi = windowRows(ctx.tableRows(Tables.CONCENTRATION), Codes.SELLER);
        Map<List<String>, Row> newShare = windowRows(ctx.tableRows(Tables.NEW_VS_EXISTING), null);
        Map<List<String>, Row> intensity = windowRows(ctx.tableRows(Tables.COMPETITION_INTENSITY), null);
        Map<List<String>, Double> bestBand = new HashMap<>();
        for (Row r : ctx.tableRows(Tables.PRICE_BANDS)) {
            if (Boolean.TRUE.equals(r.getAs(Columns.IS_BEST))) {
                bestBand.put(scope(r), r.getAs(Columns.OPPORTUNITY));
            }
        }
        Map<List<String>, Double> amplitude = amplitudes(ctx.tableRows(Tables.SEASONALITY));
        long[] snapshotUnits = snapshotUnits(cube);

        List<Integer> byCategory = new ArrayList<>();
        List<Integer> byLeaf = new ArrayList<>();
        for (int s : cube.scopesInOrder()) {
            String p = cube.platformOf(s);
            String m = cube.marketplaceOf(s);
            if (cube.categoryOf(s).equals(Scopes.ALL) || !size.containsKey(scope(cube, s))) {
                continue;
            }
            if (p.equals(Scopes.ALL) && m.equals(Scopes.ALL)) {
                byCategory.add(s);
            } else if (!p.equals(Scopes.ALL) && !m.equals(Scopes.ALL)) {
                byLeaf.add(s);
            }
        }
        Map<Integer, Row> out = new HashMap<>();
        for (List<Integer> set : List.of(byCategory, byLeaf)) {
            List<Candidate> candidates = new ArrayList<>();
            Map<String, Integer> scopeOf = new HashMap<>();
            Map<Integer, double[]> values = new HashMap<>();
            Map<Integer, Boolean> thin = new HashMap<>();
            for (int s : set) {
                List<String> k = scope(cube, s);
                Row ms = size.get(k);
                double[] v = new double[SelectionComponent.values().length];
                v[SelectionComponent.SIZE.ordinal()] = number(ms, Columns.REVENUE);
                v[SelectionComponent.GROWTH.ordinal()] = number(ms, Columns.YOY_GROWTH);
                v[SelectionComponent.HHI.ordinal()] = number(hhi.get(k), Columns.HHI);
                v[SelectionComponent.NEW_PRODUCT_SHARE.ordinal()] = number(newShare.get(k), Columns.NEW_PRODUCT_REVENUE_SHARE);
                v[SelectionComponent.BEST_BAND_OPPORTUNITY.ordinal()] = bestBand.getOrDefault(k, Double.NaN);
                v[SelectionComponent.TOP10_REVIEWS.ordinal()] = number(intensity.get(k), Columns.TOP10_MEAN_REVIEWS);
                v[SelectionComponent.LOGISTICS_COST_SHARE.ordinal()] = costShare.getOrDefault(k, Double.NaN);
                v[SelectionComponent.SEASONALITY_AMPLITUDE.ordinal()] = amplitude.getOrDefault(k, Double.NaN);
                values.put(s, v);
                boolean low = lowVolume(ms, snapshotUnits[s], options.minOrders(), options.minListings());
                thin.put(s, low);
                if (!low) {
                    String id = String.join("\u0001", k);
                    candidates.add(new Candidate(id, v));
                    scopeOf.put(id, s);
                }
            }
            Map<Integer, Scored> scored = new HashMap<>();
            if (!candidates.isEmpty()) {
                for (Scored x : SelectionScore.rank(candidates, options.weights(), SelectionScore.Robustness.DEFAULT)) {
                    scored.put(scopeOf.get(x.id()), x);
                }
            }
            for (int s : set) {
                out.put(s, row(cube, s, size.get(scope(cube, s)), values.get(s), scored.get(s), candidates.size(),
                        options, thin.get(s)));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int s : cube.scopesInOrder()) {
            if (out.containsKey(s)) {
                rows.add(out.get(s));
            }
        }
        return MetricTable.local(ctx.spark(), Tables.PRODUCT_SELECTION, rows);
    }

    private static Row row(FactCube cube, int s, Row size, double[] v, Scored x, int candidates, SelectionOptions options,
                           boolean lowVolume) {
        List<Object> r = SelectionInputs.scoredHead(cube, s, x, candidates);
        int used = 0;
        for (SelectionComponent c : SelectionComponent.values()) {
            double value = v[c.ordinal()];
            r.add(orNull(value));
            r.add(x == null ? null : orNull(x.z()[c.ordinal()]));
            if (!Double.isNaN(value) && options.weights().get(c) > 0) {
                used++;
            }
        }
        r.add(x == null ? null : used);
        r.add(size.<Long>getAs(Columns.ORDERS));
        r.add(size.<Long>getAs(Columns.PRODUCTS));
        r.add(size.<Long>getAs(Columns.ROWS));
        r.add(lowVolume ? Codes.LOW_VOLUME : null);
        return RowFactory.create(r.toArray());
    }

    /** Per scope, highest ÷ lowest seasonal index, where all twelve months have one. */
    private static Map<List<String>, Double> amplitudes(List<Row> seasonality) {
        Map<List<String>, double[]> range = new HashMap<>();
        for (Row r : seasonality) {
            Double index = r.getAs(Columns.SEASONAL_INDEX);
            double[] a = range.computeIfAbsent(scope(r), k -> new double[]{Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0});
            if (index != null) {
                a[0] = Math.min(a[0], index);
                a[1] = Math.max(a[1], index);
                a[2]++;
            }
        }
        Map<List<String>, Double> out = new HashMap<>();
        range.forEach((k, a) -> {
            if (a[2] == 12 && a[0] > 0) {
                out.put(k, a[1] / a[0]);
            }
        });
        return out;
    }
}
