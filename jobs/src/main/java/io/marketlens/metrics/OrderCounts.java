package io.marketlens.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Distinct orders per scope and period (market_size's {@code orders}). An order (platform, order_id) counts once in
 * every scope and period one of its rows of {@code MarketFact.orders} falls in — an order with lines in two categories
 * counts once in each category and once in {@code ALL}. Spark reduces the orders to their sets of cells and how many
 * orders have each ({@link OrderSets}, read by {@link OrderSetsStore#read}: a few thousand rows however many orders
 * there are); each set's count is then added once to every key one of its cells falls in. The orders come
 * partitioned by order id (see {@code MetricsStage}), so that reading does not shuffle them again.
 */
public final class OrderCounts {

    private OrderCounts() {
    }

    /** Distinct orders per key of the cube, for the periods with the previous window (as market_size needs). */
    public static long[] perKey(Dataset<Row> orders, FactCube cube) {
        OrderSets sets = new OrderSets();
        OrderSetsStore.read(orders, cube, sets);
        return ofSets(sets, cube);
    }

    /**
     * Distinct orders per key of the cube, for the periods with the previous window, from the orders' sets of cells; a
     * cell of a leaf or month the cube does not have counts nowhere (as an order row the cube's cells do not join).
     */
    static long[] ofSets(OrderSets sets, FactCube cube) {
        long[] counts = new long[cube.keys()];
        if (cube.rows() == 0) {
            return counts;
        }
        Map<List<String>, Integer> cubeLeaves = new HashMap<>();
        for (int leaf = 0; leaf < cube.leaves(); leaf++) {
            int[] codes = cube.leafCodes(leaf);
            cubeLeaves.put(List.of(cube.platforms.text(codes[0]), cube.marketplaces.text(codes[1]), cube.categories.text(codes[2])), leaf);
        }
        int[] leafOf = new int[sets.leaves()];
        for (int leaf = 0; leaf < leafOf.length; leaf++) {
            leafOf[leaf] = cubeLeaves.getOrDefault(sets.leafText(leaf), -1);
        }
        int months = cube.months();
        Adder adder = new Adder(cube, counts);
        sets.forEach((set, orders) -> {
            int[] cells = new int[set.size()];
            int n = 0;
            for (int i = 0; i < set.size(); i++) {
                int leaf = leafOf[OrderSets.leaf(set.get(i))];
                int t = OrderSets.month(set.get(i)) - cube.firstMonth();
                if (leaf >= 0 && t >= 0 && t < months) {
                    cells[n++] = leaf * months + t;
                }
            }
            if (n > 0) {
                adder.add(Arrays.copyOf(cells, n), orders);
            }
        });
        return counts;
    }

    /** Adds an order set's count once to every key one of its cells falls in. */
    private static final class Adder {
        private final FactCube cube;
        private final long[] counts;
        private final int[] marker;
        private final int[] keys = new int[16];
        private int set;

        Adder(FactCube cube, long[] counts) {
            this.cube = cube;
            this.counts = counts;
            this.marker = new int[counts.length];
            Arrays.fill(marker, -1);
        }

        void add(int[] cells, long orders) {
            int months = cube.months();
            for (int cell : cells) {
                int n = cube.keysOfLeaf(cell / months, cube.firstMonth() + cell % months, true, keys);
                for (int q = 0; q < n; q++) {
                    if (marker[keys[q]] != set) {
                        marker[keys[q]] = set;
                        counts[keys[q]] += orders;
                    }
                }
            }
            set++;
        }
    }
}
