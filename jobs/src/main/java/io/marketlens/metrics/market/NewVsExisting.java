package io.marketlens.metrics.market;

import static io.marketlens.fact.MarketFact.*;
import static io.marketlens.tables.Columns.*;

import io.marketlens.metrics.FactCube;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Tables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * New versus existing products, T/CCPITCSC 111-2022 Table 1, 1.1.4 增量与存量 (SPEC M4): per scope (all eight
 * roll-ups) and period — every month of the fact and the {@code window} — how much of the market is new and how
 * much of its growth new products bring.
 *
 * <p>Definitions, with W = {@code newMonths} (default {@value #DEFAULT_NEW_MONTHS}) and {@code end} the period's
 * month (for {@code window}: its last month):
 * <ul>
 *   <li>a product (platform, marketplace, product_id) has the intro month of its earliest {@code launch_date} in the
 *       fact, else of its first month in the fact; it is <b>new</b> in a period when intro &gt; end − W, i.e. intro in
 *       (end − W, end] — a launch after {@code end} counts as new too;</li>
 *   <li>a seller (platform, seller_id) is new when its first month in the fact is &gt; end − W;</li>
 *   <li>{@code products} = listings with units &gt; 0; {@code new_products} = those that are new;
 *       {@code new_product_count_share} = new_products ÷ products;
 *       {@code new_product_revenue_share} = R_new ÷ R (R = Σ revenue, R_new = Σ revenue of new products);
 *       {@code new_seller_share} = new sellers with units &gt; 0 ÷ sellers with units &gt; 0 (each null on a zero
 *       denominator);</li>
 *   <li>{@code growth_from_new} = R_new(t) ÷ R(t−1) and {@code growth_from_existing} = (R_existing(t) − R(t−1)) ÷
 *       R(t−1), where t−1 is the month before (for {@code window}: the window before); they add up to the revenue
 *       growth R(t) ÷ R(t−1) − 1, and are null when R(t−1) is 0 or absent;</li>
 *   <li>{@code status} = {@code insufficient_history} when end − W is before the fact's first month: the look-back
 *       (end − W, end] then starts at or before the first month of data, so every product seen without a launch
 *       date and every seller counts as new, whatever its true age;</li>
 *   <li>{@code rows} = fact rows of the scope and period.</li>
 * </ul>
 * Computed on the driver from {@link FactCube}.
 */
public final class NewVsExisting {

    /** W: a product or seller is new for this many months after its introduction, the period's end included. */
    public static final int DEFAULT_NEW_MONTHS = 6;

    private NewVsExisting() {
    }

    /** The table with W = {@code newMonths} (≥ 1). */
    public static MetricTable compute(MetricsContext ctx, int newMonths) {
        if (newMonths < 1) {
            throw new IllegalArgumentException("new-product months must be at least 1, got " + newMonths);
        }
        FactCube cube = ctx.cube();
        int[] intro = introductions(cube);
        int[] sellerFirst = sellerFirstMonths(cube);
        int keys = cube.keys();
        int labels = cube.labels();
        double[] revenue = cube.totals().revenue();
        long[] rows = cube.totals().rows();
        double[] newRevenue = new double[keys];
        int[] buf = new int[16];
        for (int r = 0; r < cube.rows(); r++) {
            int nk = cube.keysOf(r, true, true, buf);
            for (int q = 0; q < nk; q++) {
                int k = buf[q];
                newRevenue[k] += isNew(intro[cube.listing(r)], cube, k % labels, newMonths) ? cube.revenue(r) : 0.0;
            }
        }
        FactCube.Groups byListing = cube.groupBy(cube::listing, cube.listings.size());
        FactCube.Groups bySeller = cube.groupBy(cube::seller, cube.sellers.size());
        long[] products = cube.sellingListings();
        // a group's rows are one listing's or one seller's (group e is code e): whether it is new depends on the period only
        long[] newProducts = cube.distinct(byListing, r -> cube.units(r) > 0,
                (listing, label) -> isNew(intro[listing], cube, label, newMonths), true);
        long[] sellers = cube.sellingSellers();
        long[] newSellers = cube.distinct(bySeller, r -> cube.units(r) > 0,
                (seller, label) -> isNew(sellerFirst[seller], cube, label, newMonths), true);

        List<Row> out = new ArrayList<>();
        cube.forEachReportedKey(rows, (s, label, k) -> {
            // the month before, or for the window the window before
            int before = label == cube.window() ? s * labels + cube.previousWindow() : label >= 1 ? k - 1 : -1;
            Double previous = before >= 0 && rows[before] > 0 ? revenue[before] : null;
            boolean hasPrevious = previous != null && previous > 0;
            out.add(RowFactory.create(cube.platformOf(s), cube.marketplaceOf(s), cube.categoryOf(s),
                    cube.periodOf(label), products[k], newProducts[k],
                    ratio(newProducts[k], products[k]), ratio(newRevenue[k], revenue[k]),
                    ratio(newSellers[k], sellers[k]),
                    hasPrevious ? newRevenue[k] / previous : null,
                    hasPrevious ? (revenue[k] - newRevenue[k] - previous) / previous : null,
                    rows[k],
                    cube.endMonth(label) - newMonths < cube.firstMonth() ? Codes.INSUFFICIENT_HISTORY : null));
        });
        return MetricTable.local(ctx.spark(), Tables.NEW_VS_EXISTING, out);
    }

    /**
     * Per product (a {@link FactCube#listings} code), the month number of its introduction: the month of its
     * earliest launch_date in the fact, else its first month in the fact.
     */
    public static int[] introductions(FactCube cube) {
        int[] launch = new int[cube.listings.size()];
        int[] first = new int[cube.listings.size()];
        Arrays.fill(launch, Integer.MAX_VALUE);
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int r = 0; r < cube.rows(); r++) {
            int l = cube.listing(r);
            if (cube.launch(r) != Integer.MIN_VALUE) {
                launch[l] = Math.min(launch[l], cube.launch(r));
            }
            first[l] = Math.min(first[l], cube.month(r));
        }
        for (int l = 0; l < launch.length; l++) {
            if (launch[l] == Integer.MAX_VALUE) {
                launch[l] = first[l];
            }
        }
        return launch;
    }

    /** Per seller (a {@link FactCube#sellers} code), the month number of its first month in the fact. */
    public static int[] sellerFirstMonths(FactCube cube) {
        int[] first = new int[cube.sellers.size()];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int r = 0; r < cube.rows(); r++) {
            first[cube.seller(r)] = Math.min(first[cube.seller(r)], cube.month(r));
        }
        return first;
    }

    /** Introduced (month number) after end − W, where end is the label's month or its window's last month. */
    public static boolean isNew(int introduced, FactCube cube, int label, int newMonths) {
        return introduced > cube.endMonth(label) - newMonths;
    }

    /** numerator ÷ denominator; null when the denominator is 0. */
    private static Double ratio(double numerator, double denominator) {
        return denominator != 0 ? numerator / denominator : null;
    }
}
