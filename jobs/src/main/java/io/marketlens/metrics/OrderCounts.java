package io.marketlens.metrics;

import static io.marketlens.fact.MarketFact.*;
import static org.apache.spark.sql.functions.*;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Distinct orders per scope and period (market_size's {@code orders}). An order (platform, order_id) counts once in
 * every scope and period one of its rows of {@code MarketFact.orders} falls in — an order with lines in two categories
 * counts once in each category and once in {@code ALL}. Spark groups the orders by the set of (marketplace, category,
 * month) they touch, so the driver receives one row per distinct set with the number of orders that have it (a few
 * thousand rows however many orders there are) and adds each set's count to the keys of its scopes and periods.
 */
public final class OrderCounts {

    private OrderCounts() {
    }

    /** Distinct orders per key of the cube, for the periods with the previous window (as market_size needs). */
    public static long[] perKey(Dataset<Row> orders, FactCube cube) {
        Iterator<Row> sets = orders
                .groupBy(col(PLATFORM), col(ORDER_ID))
                .agg(array_sort(collect_set(struct(col(MARKETPLACE), col(CATEGORY), col(PERIOD)))).as("_set"))
                .groupBy(col(PLATFORM), col("_set"))
                .agg(count(lit(1)).as("_orders"))
                .toLocalIterator();
        long[] counts = new long[cube.keys()];
        int[] marker = new int[cube.keys()];
        Arrays.fill(marker, -1);
        int[] keys = new int[16];
        int[] scopes = new int[8];
        int set = 0;
        while (sets.hasNext()) {
            Row r = sets.next();
            int p = cube.platforms.find(r.getString(0));
            List<Row> members = r.getList(1);
            long n = r.getLong(2);
            for (Row member : members) {
                int m = cube.marketplaces.find(member.getString(0));
                int c = cube.categories.find(member.getString(1));
                rollUps(cube, p, m, c, scopes);
                int nk = cube.keysOf(scopes, FactCube.monthNumber(member.getString(2)), true, keys);
                for (int q = 0; q < nk; q++) {
                    if (marker[keys[q]] != set) {
                        marker[keys[q]] = set;
                        counts[keys[q]] += n;
                    }
                }
            }
            set++;
        }
        return counts;
    }

    /** The eight roll-up scopes of (platform, marketplace, category) codes; −1 for a scope the fact does not have. */
    private static void rollUps(FactCube cube, int p, int m, int c, int[] out) {
        int j = 0;
        for (boolean rp : new boolean[]{false, true}) {
            for (boolean rm : new boolean[]{false, true}) {
                for (boolean rc : new boolean[]{false, true}) {
                    int sp = rp ? FactCube.ALL : p;
                    int sm = rm ? FactCube.ALL : m;
                    int sc = rc ? FactCube.ALL : c;
                    out[j++] = sp == -1 && !rp || sm == -1 && !rm || sc == -1 && !rc ? -1 : cube.scope(sp, sm, sc);
                }
            }
        }
    }
}
