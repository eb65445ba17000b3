package io.marketlens.reports;

import io.marketlens.reports.data.Table;
import java.util.Arrays;
import java.util.List;

/**
 * Hand-made {@code competitors}, {@code competitor_benchmark} and {@code product_selection} tables with every column of
 * the contract, small enough to check each figure by hand; shared by the findings, chart and content tests.
 */
public final class CompetitorTables {

    private CompetitorTables() {}

    public static final String COMPETITORS_HEADER = "platform,marketplace,category,period,seller_id,seller_platform,type,same_band,rank,"
            + "position,sellers,revenue,share,previous_revenue,share_change,growth,units,asp,price_index,rating,reviews,products,"
            + "new_products,first_period,rows,status";

    /**
     * Toys over the window: 4 sellers with revenue 500 (S1), 250 (S2), 150 (the own store OWN1, in the benchmark) and 100
     * (S4), so shares 0.50, 0.25, 0.15, 0.10. The own store ranks 3rd with 0.75 above it: a follower (≥ 70 %, &lt; 90 %).
     * S4 is new (first seen 2025-06) and gained 10 points: emerging. Own ASP 150 ÷ 20 = 7.5, so S1's price index is
     * 10 ÷ 7.5 = 1.33. Garden: the own store sells nothing there. A month row and a marketplace row are never read.
     */
    public static final String COMPETITORS = COMPETITORS_HEADER + "\n"
            + "ALL,ALL,Toys,window,S1,amazon,direct,true,1,leader,4,500,0.5,400,10,0.25,50,10,1.3333333,4.5,120,3,0,2023-01,12,\n"
            + "ALL,ALL,Toys,window,S2,shopee,indirect,false,2,challenger,4,250,0.25,300,-5,-0.1666667,10,25,3.3333333,4.1,30,1,0,2023-01,12,\n"
            + "ALL,ALL,Toys,window,S4,amazon,emerging,true,4,nicher,4,100,0.1,0,10,,20,5,0.6666667,,,1,1,2025-06,3,no_previous_sales\n"
            + "ALL,ALL,Garden,window,G1,amazon,,,1,leader,2,900,0.9,800,1,0.125,90,10,,4.0,10,1,0,2023-01,12,no_own_products\n"
            + "ALL,ALL,Garden,window,G2,amazon,,,2,challenger,2,100,0.1,200,-1,-0.5,10,10,,4.0,10,1,0,2023-01,12,no_own_products\n"
            + "ALL,ALL,Toys,2025-08,S9,amazon,emerging,true,1,leader,4,999,0.9,1,80,,1,1,1,,,1,1,2025-08,1,\n"
            + "ALL,US,Toys,window,S8,amazon,emerging,true,1,leader,1,999,1,1,90,,1,1,1,,,1,1,2025-08,1,\n";

    public static final String BENCHMARK_HEADER = "platform,marketplace,category,period,seller_id,seller_platform,is_own,type,rank,position,asp,units,"
            + "revenue,share,growth,rating,reviews,products,new_products,rows,status";

    /** The own store (rank 3) beside its same-band competitors S1 (direct) and S4 (emerging), in Toys. */
    public static final String BENCHMARK = BENCHMARK_HEADER + "\n"
            + "ALL,ALL,Toys,window,S1,amazon,false,direct,1,leader,10,50,500,0.5,0.25,4.5,120,3,0,12,\n"
            + "ALL,ALL,Toys,window,OWN1,amazon,true,,3,follower,7.5,20,150,0.15,0.5,,,2,1,10,\n"
            + "ALL,ALL,Toys,window,S4,amazon,false,emerging,4,nicher,5,20,100,0.1,,,,1,1,3,no_previous_sales\n";

    /** As {@link #COMPETITORS}, but no own store is known: no type, no price index, every status no_own_store. */
    public static final String COMPETITORS_NO_OWN_STORE = COMPETITORS_HEADER + "\n"
            + "ALL,ALL,Toys,window,S1,amazon,,,1,leader,3,500,0.5,400,10,0.25,50,10,,4.5,120,3,0,2023-01,12,no_own_store\n"
            + "ALL,ALL,Toys,window,S2,shopee,,,2,challenger,3,300,0.3,300,-5,0,10,30,,4.1,30,1,0,2023-01,12,no_own_store\n"
            + "ALL,ALL,Toys,window,S3,amazon,,,3,follower,3,200,0.2,100,5,1,20,10,,,,1,0,2023-01,12,no_own_store\n";

    /** Without an own store the benchmark lists the leading sellers. */
    public static final String BENCHMARK_NO_OWN_STORE = BENCHMARK_HEADER + "\n"
            + "ALL,ALL,Toys,window,S1,amazon,false,,1,leader,10,50,500,0.5,0.25,4.5,120,3,0,12,no_own_store\n"
            + "ALL,ALL,Toys,window,S2,shopee,false,,2,challenger,30,10,300,0.3,0,4.1,30,1,0,12,no_own_store\n";

    public static final String SELECTION_HEADER = "platform,marketplace,category,period,rank,candidates,score,rank_stability,size,size_z,"
            + "growth,growth_z,hhi,hhi_z,new_product_revenue_share,new_product_revenue_share_z,best_band_opportunity,"
            + "best_band_opportunity_z,top10_mean_reviews,top10_mean_reviews_z,logistics_cost_share,logistics_cost_share_z,"
            + "seasonality_amplitude,seasonality_amplitude_z,components_used,orders,products,rows,status";

    /** z of three values a − d, a, a + d over three candidates: ±d ÷ √(2d²/3) = ±√1.5. */
    public static final double Z = Math.sqrt(1.5);

    /**
     * Three categories scored on size, growth and HHI (the other components unknown): growth 0.32 / 0.10 / −0.12 and
     * HHI 640 / 1000 / 1360 give z = +√1.5, 0, −√1.5 and −√1.5, 0, +√1.5; size 1M / 2M / 3M z = −√1.5, 0, +√1.5. With
     * weights 1, score = (z_size + z_growth − z_hhi) ÷ 3: A √1.5 ÷ 3 = 0.408, B 0, C −0.408. D has 12 orders: low volume.
     * rank_stability is the table's.
     */
    public static String selection(double stabilityA, double stabilityB) {
        return SELECTION_HEADER + "\n"
                + row("A", "1", "0.4082483", stabilityA, "1000000", -Z, "0.32", Z, "640", -Z, "")
                + row("B", "2", "0", stabilityB, "2000000", 0, "0.10", 0, "1000", 0, "")
                + row("C", "3", "-0.4082483", 1, "3000000", Z, "-0.12", -Z, "1360", Z, "")
                + "ALL,ALL,D,window,,3,,,5000,,0.5,,9000,,,,,,,,,,,,3,12,2,12,low_volume\n"
                + "amazon,US,A,window,1,2,0.7,1,900000,1,0.3,1,700,-1,,,,,,,,,,,3,500,50,60,\n"
                + "amazon,DE,B,window,2,2,-0.7,1,100000,-1,0.1,-1,900,1,,,,,,,,,,,3,400,40,50,\n";
    }

    private static String row(String category, String rank, String score, double stability, String size, double sizeZ,
                              String growth, double growthZ, String hhi, double hhiZ, String status) {
        return String.join(",", "ALL", "ALL", category, "window", rank, "3", score, Double.toString(stability), size,
                Double.toString(sizeZ), growth, Double.toString(growthZ), hhi, Double.toString(hhiZ), "", "", "", "", "", "", "", "", "",
                "", "3", "300", "40", "100", status) + "\n";
    }

    /** A table of {@code csv} (a header line and rows, no quoting). */
    public static Table table(String name, String csv) {
        List<String> lines = csv.lines().toList();
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<List<String>> rows = lines.subList(1, lines.size()).stream().map(l -> Arrays.asList(l.split(",", -1))).toList();
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException(name + ": a row has " + r.size() + " cells for " + header.size() + " columns: " + r);
            }
        }
        return new Table(name, header, rows);
    }
}
