package io.marketlens.metrics.concentration;

import static io.marketlens.fact.MarketFact.*;
import static io.marketlens.tables.Columns.*;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.metrics.FactCube;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.Ranks;
import io.marketlens.metrics.Scopes;
import io.marketlens.tables.Tables;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The {@code concentration_curve} table, the detail behind T/CCPITCSC 111-2022 Table 1, 1.1.4 市场集中度: the
 * ranked revenue shares of every seller and brand in the analysis window, per category and over all
 * categories (all platforms and marketplaces), from which the report draws the Pareto and Lorenz curves
 * and names the leading sellers and brands.
 *
 * <p>Per (category or {@code ALL}, entity kind), entities with revenue v_i &gt; 0 ranked by v descending
 * (ties by key): share_i = v_i ÷ Σ v, cumulative_share_k = Σ_{i≤k} share_i (1 at the last rank). The
 * entities are those of the {@code concentration} table's window rows (a seller is (platform, seller_id),
 * a brand its trimmed name), so Σ share_i² · 10 000 is that table's HHI and the cumulative share at rank 4
 * is its CR4 ÷ 100. Computed on the driver from {@link FactCube}.
 */
public final class ConcentrationCurve {

    private ConcentrationCurve() {
    }

    /** One entity of a (category, kind) group: its key, display name, Σ revenue and rows. */
    private static final class Entry {
        final String key;
        final String name;
        double revenue;
        long rows;

        Entry(String key, String name) {
            this.key = key;
            this.name = name;
        }
    }

    public static MetricTable compute(MetricsContext ctx) {
        FactCube cube = ctx.cube();
        AnalysisPeriod p = ctx.period();
        int first = FactCube.monthNumber(p.firstWindowMonth());
        int last = FactCube.monthNumber(p.lastMonth());
        // (category or ALL, kind) → entity code → entry; sorted by category and kind as the output is
        Comparator<String> text = FactCube::compareText;
        Map<String, Map<String, Map<Integer, Entry>>> groups = new TreeMap<>(text);
        for (int r = 0; r < cube.rows(); r++) {
            int m = cube.month(r);
            if (m < first || m > last) {
                continue;
            }
            String seller = cube.sellers.text(cube.seller(r));
            int brand = cube.brand(r);
            for (String category : new String[]{cube.categories.text(cube.category(r)), Scopes.ALL}) {
                Map<String, Map<Integer, Entry>> kinds = groups.computeIfAbsent(category, c -> new TreeMap<>(text));
                Entry s = kinds.computeIfAbsent(ConcentrationTable.Entity.SELLER.code(), k -> new HashMap<>())
                        .computeIfAbsent(cube.seller(r), e -> new Entry(seller, sellerName(seller)));
                s.revenue += cube.revenue(r);
                s.rows++;
                if (brand >= 0) {
                    String name = cube.brands.text(brand);
                    Entry b = kinds.computeIfAbsent(ConcentrationTable.Entity.BRAND.code(), k -> new HashMap<>())
                            .computeIfAbsent(brand, e -> new Entry(name, name));
                    b.revenue += cube.revenue(r);
                    b.rows++;
                }
            }
        }
        List<Row> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Map<Integer, Entry>>> category : groups.entrySet()) {
            for (Map.Entry<String, Map<Integer, Entry>> kind : category.getValue().entrySet()) {
                List<Entry> ranked = new ArrayList<>();
                double total = 0;
                for (Entry e : kind.getValue().values()) {
                    if (e.revenue > 0) {
                        ranked.add(e);
                        total += e.revenue;
                    }
                }
                ranked.sort(Comparator.comparingDouble((Entry e) -> -Ranks.revenueKey(e.revenue)).thenComparing(e -> e.key, text));
                double cumulative = 0;
                for (int i = 0; i < ranked.size(); i++) {
                    Entry e = ranked.get(i);
                    cumulative += e.revenue;
                    out.add(RowFactory.create(Scopes.ALL, Scopes.ALL, category.getKey(), AnalysisPeriod.WINDOW, kind.getKey(),
                            i + 1, e.name, e.revenue, e.revenue / total, cumulative / total, (long) ranked.size(), e.rows));
                }
            }
        }
        return MetricTable.local(ctx.spark(), Tables.CONCENTRATION_CURVE, out);
    }

    /** "platform / seller_id" from a seller key "platform\u0001seller_id". */
    private static String sellerName(String key) {
        int i = key.indexOf('\u0001');
        return i < 0 ? key : key.substring(0, i) + " / " + key.substring(i + 1);
    }
}
