package io.marketlens.metrics.concentration;

import static io.marketlens.fact.MarketFact.*;
import static io.marketlens.tables.Columns.*;

import io.marketlens.metrics.FactCube;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Tables;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The {@code concentration} table, T/CCPITCSC 111-2022 Table 1, 1.1.4 市场集中度 / 行业集中率 (SPEC M7): per
 * scope (all eight roll-ups), period (every month and {@code window}) and entity kind (seller, brand,
 * product), CR4, CR8, CR10 and HHI of the revenue shares, their DOJ 2023, DOJ 2010 and Bain classes, and
 * their change against the previous period.
 *
 * <p>With v_i the revenue of entity i in the scope and period (entities with v_i &gt; 0 only) and
 * v_(1) ≥ v_(2) ≥ … ranked: CR_n = 100 · Σ_{i≤n} v_(i) / Σ v_i and HHI = 10 000 · Σ v_i² / (Σ v_i)²; the
 * arithmetic and the classes are {@link Concentration#fromSums}'s. A seller is (platform, seller_id), a
 * product (platform, marketplace, product_id), a brand its trimmed name (case-sensitive); rows without a
 * brand are left out of the brand rows and their share of the revenue is reported as {@code
 * unattributed_share} (0 for sellers and products); status {@code no_sales} when the scope had no revenue,
 * {@code no_brand} when it had revenue but none with a brand.
 *
 * <p>Computed on the driver from {@link FactCube}: per entity kind, the fact's rows grouped by entity; each entity's
 * revenue per (scope, period) summed once; and per (scope, period) the sufficient statistics (entities, Σ v, Σ v²,
 * the ten largest values) kept as the entities stream past, so no list of entities per scope is ever held.
 * The change columns compare each row with its scope and kind's row of the period before (the month before, or
 * the previous window for {@code window}).
 */
public final class ConcentrationTable {

    /** The kinds of entity whose shares are measured, with their {@code entity} column value. */
    public enum Entity {
        BRAND(Codes.BRAND),
        PRODUCT(Codes.PRODUCT),
        SELLER(Codes.SELLER);

        private final String code;

        Entity(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        /** The row's entity code in the cube; −1 for a row without one (no brand). */
        int of(FactCube cube, int row) {
            return switch (this) {
                case SELLER -> cube.seller(row);
                case PRODUCT -> cube.listing(row);
                case BRAND -> cube.brand(row);
            };
        }

        int count(FactCube cube) {
            return switch (this) {
                case SELLER -> cube.sellers.size();
                case PRODUCT -> cube.listings.size();
                case BRAND -> cube.brands.size();
            };
        }
    }

    private static final int TOP = 10;

    private ConcentrationTable() {
    }

    public static MetricTable compute(MetricsContext ctx) {
        return compute(ctx, Set.of(Entity.values()));
    }

    /** The table for some entity kinds only. */
    static MetricTable compute(MetricsContext ctx, Set<Entity> kinds) {
        FactCube cube = ctx.cube();
        Map<Entity, Stats> stats = new EnumMap<>(Entity.class);
        for (Entity e : Entity.values()) {
            if (kinds.contains(e)) {
                stats.put(e, statistics(cube, e));
            }
        }
        int labels = cube.labels();
        List<Row> out = new ArrayList<>();
        for (int s : cube.scopesInOrder()) {
            for (Map.Entry<Entity, Stats> kind : stats.entrySet()) {
                Stats st = kind.getValue();
                ConcentrationMetrics before = null;
                int beforeLabel = -1;
                for (int label : cube.labelsInOrder()) {
                    int k = s * labels + label;
                    if (!st.present[k]) {
                        continue;
                    }
                    ConcentrationMetrics m = st.metrics(k);
                    // the row before in period order is the one compared with only when it is the period expected
                    boolean found = label == cube.window() ? beforeLabel == cube.previousWindow()
                            : label != cube.previousWindow() && beforeLabel >= 0 && beforeLabel == label - 1
                                    && beforeLabel < cube.window();
                    if (label != cube.previousWindow()) {
                        out.add(row(cube, s, label, kind.getKey(), m, found ? before : null, st, k));
                    }
                    before = m;
                    beforeLabel = label;
                }
            }
        }
        return MetricTable.local(ctx.spark(), Tables.CONCENTRATION, out);
    }

    private static Row row(FactCube cube, int scope, int label, Entity kind, ConcentrationMetrics m,
                           ConcentrationMetrics before, Stats st, int k) {
        double unattributed = st.unattributed[k] > 0 ? st.unattributed[k] : 0;
        String status = m.isOk() ? null : unattributed > 0 ? Codes.NO_BRAND : Codes.NO_SALES;
        double all = st.total[k] + unattributed;
        boolean ok = m.isOk();
        boolean compare = ok && before != null && before.isOk();
        return RowFactory.create(cube.platformOf(scope), cube.marketplaceOf(scope), cube.categoryOf(scope),
                cube.periodOf(label), kind.code(), m.entities(),
                ok ? m.cr4() : null, ok ? m.cr8() : null, ok ? m.cr10() : null, ok ? m.hhi() : null,
                ok ? m.doj2023Class().code() : null, ok ? m.doj2010Class().code() : null,
                ok ? m.bainCr4Class().code() : null, ok ? m.bainCr8Class().code() : null,
                compare ? change(m.cr4(), before.cr4()) : null, compare ? change(m.cr8(), before.cr8()) : null,
                compare ? change(m.cr10(), before.cr10()) : null, compare ? change(m.hhi(), before.hhi()) : null,
                all > 0 ? unattributed / all : null,
                st.rows[k], status);
    }

    /** value − previous, rounded half-up to 1e-6 as Spark's {@code round(…, 6)} rounds a double. */
    static double change(double value, double previous) {
        double d = value - previous;
        return Double.isFinite(d) ? BigDecimal.valueOf(d).setScale(6, RoundingMode.HALF_UP).doubleValue() : d;
    }

    /** Sufficient statistics of one entity kind per key. */
    private static final class Stats {
        final boolean[] present;
        final long[] entities;
        final double[] total;
        final double[] squares;
        final double[] top;
        final int[] topCount;
        final double[] unattributed;
        final long[] rows;

        Stats(int keys) {
            present = new boolean[keys];
            entities = new long[keys];
            total = new double[keys];
            squares = new double[keys];
            top = new double[keys * TOP];
            topCount = new int[keys];
            unattributed = new double[keys];
            rows = new long[keys];
        }

        /** One entity's value in key k. */
        void add(int k, double v, long entityRows) {
            rows[k] += entityRows;
            if (!(v > 0)) {
                return;
            }
            entities[k]++;
            total[k] += v;
            squares[k] += v * v;
            // the ten largest values, descending
            int base = k * TOP;
            int c = topCount[k];
            if (c == TOP && v <= top[base + TOP - 1]) {
                return;
            }
            int i = c == TOP ? TOP - 1 : c;
            while (i > 0 && top[base + i - 1] < v) {
                top[base + i] = top[base + i - 1];
                i--;
            }
            top[base + i] = v;
            topCount[k] = Math.min(TOP, c + 1);
        }

        ConcentrationMetrics metrics(int k) {
            int base = k * TOP;
            double sum = 0;
            double top4 = 0;
            double top8 = 0;
            double top10 = 0;
            for (int i = 0; i < topCount[k]; i++) {
                sum += top[base + i];
                if (i < 4) {
                    top4 = sum;
                }
                if (i < 8) {
                    top8 = sum;
                }
                top10 = sum;
            }
            // with fewer entities than n the top-n sum is the total (the same values, summed in another order)
            return Concentration.fromSums(entities[k], total[k], squares[k], entities[k] <= 4 ? total[k] : top4,
                    entities[k] <= 8 ? total[k] : top8, entities[k] <= 10 ? total[k] : top10);
        }
    }

    /**
     * Σ revenue per (key, entity), fed to the key's statistics entity by entity. An entity's rows are first summed per
     * cell (leaf scope and month: rows of one cell have the same keys), then each cell's sum is added to the cell's
     * keys, so the keys are worked out once per cell, not once per row: a seller or a brand has many rows in a cell
     * (one per listing; in the benchmark's 10 M-line fact 92 per seller and 69 per brand on average, 1.1 per product).
     */
    private static Stats statistics(FactCube cube, Entity kind) {
        int keys = cube.keys();
        Stats st = new Stats(keys);
        double[] value = new double[keys];
        long[] count = new long[keys];
        int[] marker = new int[keys];
        Arrays.fill(marker, -1);
        int[] touched = new int[keys];
        int[] buf = new int[16];
        int months = cube.months();
        int cells = cube.leaves() * months;
        double[] cellValue = new double[cells];
        long[] cellCount = new long[cells];
        int[] cellMarker = new int[cells];
        Arrays.fill(cellMarker, -1);
        int[] cellRow = new int[cells]; // per cell touched (in the order touched), one of its rows
        int[] cellOf = new int[cells];
        FactCube.Groups groups = cube.groupBy(r -> kind.of(cube, r) + 1, kind.count(cube) + 1);
        for (int g = 0; g < groups.size(); g++) {
            int nc = 0;
            for (int j = groups.start()[g]; j < groups.start()[g + 1]; j++) {
                int r = groups.rows()[j];
                int cell = cube.leaf(r) * months + cube.month(r) - cube.firstMonth();
                if (cellMarker[cell] != g) {
                    cellMarker[cell] = g;
                    cellValue[cell] = 0;
                    cellCount[cell] = 0;
                    cellRow[nc] = r;
                    cellOf[nc++] = cell;
                }
                cellValue[cell] += cube.revenue(r);
                cellCount[cell]++;
            }
            int nt = 0;
            for (int c = 0; c < nc; c++) {
                int cell = cellOf[c];
                int nk = cube.keysOf(cellRow[c], true, true, buf);
                for (int q = 0; q < nk; q++) {
                    int k = buf[q];
                    st.present[k] = true;
                    if (marker[k] != g) {
                        marker[k] = g;
                        value[k] = 0;
                        count[k] = 0;
                        touched[nt++] = k;
                    }
                    value[k] += cellValue[cell];
                    count[k] += cellCount[cell];
                }
            }
            for (int t = 0; t < nt; t++) {
                int k = touched[t];
                if (g == 0) {
                    st.unattributed[k] = value[k]; // group 0: the rows without an entity (no brand)
                } else {
                    st.add(k, value[k], count[k]);
                }
            }
        }
        return st;
    }
}
