package io.marketlens.metrics;

import static io.marketlens.fact.MarketFact.*;
import static io.marketlens.tables.Columns.*;
import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Distinct orders per scope and period (market_size's {@code orders}). An order (platform, order_id) counts once in
 * every scope and period one of its rows of {@code MarketFact.orders} falls in — an order with lines in two categories
 * counts once in each category and once in {@code ALL}.
 *
 * <p>Each (platform, marketplace, category, month) cell of the cube gets a number ({@code leaf × months + month}),
 * joined to the orders by a broadcast. Spark then reduces every order to its row count and its smallest and largest
 * cell — which is its whole set of cells when it has one or two — and counts the orders per (smallest, largest) pair:
 * the driver receives one row per distinct pair, a few thousand however many orders there are. Orders with three cells
 * or more (rare: lines in three categories of one order) are grouped by their full sorted set in a second query that
 * runs only when such orders exist. The orders come partitioned by order id (see {@code MetricsStage}), so neither
 * query shuffles them again.
 */
public final class OrderCounts {

    private static final String CELL = "_cell";

    private OrderCounts() {
    }

    /** Distinct orders per key of the cube, for the periods with the previous window (as market_size needs). */
    public static long[] perKey(Dataset<Row> orders, FactCube cube) {
        long[] counts = new long[cube.keys()];
        if (cube.rows() == 0) {
            return counts;
        }
        Dataset<Row> cells = orders.join(broadcast(cells(orders, cube)),
                        new String[]{PLATFORM, MARKETPLACE, CATEGORY, PERIOD})
                .select(col(PLATFORM), col(ORDER_ID), col(CELL));
        List<Row> pairs = cells.groupBy(col(PLATFORM), col(ORDER_ID))
                .agg(count(lit(1)).as("_n"), min(col(CELL)).as("_lo"), max(col(CELL)).as("_hi"))
                .groupBy(when(col("_n").leq(2), col("_lo")).as("_lo"), when(col("_n").equalTo(2), col("_hi")).as("_hi"))
                .agg(count(lit(1)).as("_orders"))
                .collectAsList();
        Adder adder = new Adder(cube, counts);
        boolean wider = false;
        for (Row r : pairs) {
            if (r.isNullAt(0)) {
                wider = true;
                continue;
            }
            int[] set = r.isNullAt(1) ? new int[]{r.getInt(0)} : new int[]{r.getInt(0), r.getInt(1)};
            adder.add(set, r.getLong(2));
        }
        if (wider) {
            List<Row> sets = cells.groupBy(col(PLATFORM), col(ORDER_ID))
                    .agg(count(lit(1)).as("_n"), array_sort(collect_list(col(CELL))).as("_set"))
                    .where(col("_n").gt(2))
                    .groupBy(col("_set"))
                    .agg(count(lit(1)).as("_orders"))
                    .collectAsList();
            for (Row r : sets) {
                List<Integer> members = r.getList(0);
                adder.add(members.stream().mapToInt(Integer::intValue).toArray(), r.getLong(1));
            }
        }
        return counts;
    }

    /** The cube's cells as (platform, marketplace, category, period, cell number). */
    private static Dataset<Row> cells(Dataset<Row> orders, FactCube cube) {
        StructType schema = new StructType()
                .add(PLATFORM, DataTypes.StringType)
                .add(MARKETPLACE, DataTypes.StringType)
                .add(CATEGORY, DataTypes.StringType)
                .add(PERIOD, DataTypes.StringType)
                .add(CELL, DataTypes.IntegerType, false);
        int months = cube.months();
        List<Row> rows = new ArrayList<>(cube.leaves() * months);
        for (int leaf = 0; leaf < cube.leaves(); leaf++) {
            int[] codes = cube.leafCodes(leaf);
            for (int t = 0; t < months; t++) {
                rows.add(RowFactory.create(cube.platforms.text(codes[0]), cube.marketplaces.text(codes[1]),
                        cube.categories.text(codes[2]), FactCube.monthText(cube.firstMonth() + t), leaf * months + t));
            }
        }
        return orders.sparkSession().createDataFrame(rows, schema);
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
