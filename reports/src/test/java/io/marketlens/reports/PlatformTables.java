package io.marketlens.reports;

import io.marketlens.tables.TableSchema;
import io.marketlens.tables.Tables;

/**
 * Hand-made {@code platform_comparison}, {@code own_store} and {@code changes} tables with every column of the contract
 * (headers from {@link Tables}), small enough to check each figure by hand; shared by the findings, chart, content and
 * renderer tests. Read them with {@link CompetitorTables#table}.
 */
public final class PlatformTables {

    private PlatformTables() {}

    /** z of three values a − d, a, a + d over three candidates: ±d ÷ √(2d²/3) = ±√1.5. */
    static final double Z = Math.sqrt(1.5);

    /**
     * Over all categories, three platforms × marketplaces scored on revenue, growth, HHI and lead time (the other
     * components unknown):
     * <pre>
     *               revenue (z)     growth (z)       hhi (z)          lead time (z)   own share
     * amazon / US   3,000,000 +√1.5  0.10   0         1,000  0          4.0 −√1.5      0.15
     * amazon / DE   2,000,000  0     0.30  +√1.5      1,400 +√1.5       6.0  0         0.05
     * shopee / SG   1,000,000 −√1.5 −0.10 −√1.5         600 −√1.5       8.0 +√1.5      –
     * </pre>
     * With the default weights 1, 1, 1 and 0.5 (Σ 3.5), score = (z_revenue + z_growth − z_hhi − 0.5 · z_lead) ÷ 3.5:
     * US 1.5 · √1.5 ÷ 3.5 = 0.525, DE (√1.5 − √1.5) ÷ 3.5 = 0, SG −0.525. US's largest terms: revenue (1 · √1.5) and
     * lead time (0.5 · √1.5). ebay / UK has too few orders: low volume, unscored. Per category: Toys' best is amazon / US
     * (of 2), Garden's shopee / SG (of 1).
     */
    public static final String PLATFORM_COMPARISON = header(Tables.PLATFORM_COMPARISON) + "\n"
            // platform,marketplace,category,period,rank,candidates,score,rank_stability,revenue,revenue_z,growth,growth_z,hhi,hhi_z,
            // asp,asp_z,sellers,sellers_z,new_product_share,new_product_share_z,destination_country,lead_time_p50,lead_time_p50_z,
            // on_time_rate,on_time_rate_z,logistics_cost_share,logistics_cost_share_z,own_share,components_used,orders,units,shipments,rows,status
            + "shopee,SG,ALL,window,3,3,-0.5248907,1.0,1000000," + -Z + ",-0.10," + -Z + ",600," + -Z + ",,,,,,,SG,8.0," + Z + ",,,,,,4,900,2000,300,1000,\n"
            + "amazon,US,ALL,window,1,3,0.5248907,0.95,3000000," + Z + ",0.10,0,1000,0,,,,,,,US,4.0," + -Z + ",,,,,0.15,4,3000,9000,800,3000,\n"
            + "amazon,DE,ALL,window,2,3,0,0.8,2000000,0,0.30," + Z + ",1400," + Z + ",,,,,,,DE,6.0,0,,,,,0.05,4,2000,6000,500,2000,\n"
            + "ebay,UK,ALL,window,,3,,,5000,,0.5,,9000,,,,,,,,GB,,,,,,,,0,12,30,0,12,low_volume\n"
            + "amazon,US,Toys,window,1,2,0.7,1.0,900000,1,0.3,1,700,-1,,,,,,,US,4.0,,,,,,0.2,3,500,1500,100,600,\n"
            + "amazon,DE,Toys,window,2,2,-0.7,1.0,100000,-1,0.1,-1,900,1,,,,,,,DE,6.0,,,,,,,3,400,1200,50,500,\n"
            + "shopee,SG,Garden,window,1,1,0,1.0,300000,0,0.2,0,800,0,,,,,,,SG,8.0,,,,,,,3,300,900,40,400,\n";

    /**
     * The own store: over everything, the window against the previous window — revenue 120,000 against 100,000
     * (+20.0 %), orders 1,000 against 800 (+25.0 %), AOV 120 against 125 (−4.0 %), units 3,000 against 2,500 (+20.0 %),
     * cancel rate 0.05 against 0.08 (−3.0 points), return rate 0.03 against 0.02 (+1.0 point); per category Toys
     * (90,000, rank 2 of 12, growth +30 % against the market's +10 %: +20 points) and Garden (30,000, rank 7 of 20, −5 %
     * against +15 %: −20 points); deliveries over all (900 shipments, p50 5.5 days against the lanes' 4.5), to amazon /
     * US (600) and amazon / DE (300). A month row and a platform-only row are never shown.
     */
    public static final String OWN_STORE = header(Tables.OWN_STORE) + "\n"
            // platform,marketplace,category,period,revenue,orders,aov,units,lines,cancelled_lines,cancel_rate,cancel_revenue_rate,
            // returned_lines,return_rate,return_revenue_rate,market_revenue,share,rank,sellers,growth,market_growth,relative_growth,
            // asp,market_asp,price_position,sessions,page_views,conversion_rate,buy_box_pct,shipments,lead_time_p50,on_time_rate,lane_lead_time_p50,lane_on_time_rate,rows,status
            + "ALL,ALL,ALL,previous_window,100000,800,125,2500,1600,128,0.08,0.07,32,0.02,0.02,960000,0.1041667,4,35,,,,40,24,1.6666667,,,,,700,6.0,0.85,4.6,0.9,1600,no_prior_year_sales\n"
            + "ALL,ALL,ALL,window,120000,1000,120,3000,2000,100,0.05,0.04,60,0.03,0.025,1200000,0.1,3,40,0.2,0.25,-5,40,25,1.6,,,,,900,5.5,0.9,4.5,0.93,2000,\n"
            + "ALL,ALL,Toys,window,90000,700,128.57,2100,1400,70,0.05,0.05,40,0.0285714,0.03,600000,0.15,2,12,0.3,0.1,20,42.86,45.11,0.95,,,,,,,,,,1400,\n"
            + "ALL,ALL,Garden,window,30000,300,100,900,600,30,0.05,0.05,20,0.0333333,0.03,600000,0.05,7,20,-0.05,0.15,-20,33.33,25.64,1.3,,,,,,,,,,600,\n"
            + "ALL,ALL,Toys,2025-08,9999,1,1,1,1,0,0,0,0,0,0,1,1,1,1,,,,1,1,1,,,,,,,,,,1,\n"
            + "amazon,US,ALL,window,80000,650,123.08,2000,1300,60,0.046,0.04,40,0.031,0.03,800000,0.1,3,30,0.25,0.2,5,40,26,1.54,,,,,600,5.0,0.92,4.8,0.94,1300,\n"
            + "amazon,DE,ALL,window,40000,350,114.29,1000,700,40,0.057,0.05,20,0.029,0.02,400000,0.1,4,25,0.1,0.3,-20,40,24,1.67,,,,,300,6.5,0.86,4.0,0.9,700,\n"
            + "amazon,ALL,ALL,window,120000,1000,120,3000,2000,100,0.05,0.04,60,0.03,0.025,1200000,0.1,3,40,0.2,0.25,-5,40,25,1.6,,,,,900,5.5,0.9,4.5,0.93,2000,\n";

    /** The own-store table of a run that knows no own store: no rows. */
    public static final String OWN_STORE_EMPTY = header(Tables.OWN_STORE) + "\n";

    /**
     * Twelve changes against the run of 2025-07-31, written out of rank order: one of each kind, one of a kind this
     * version does not know (price_war), and two more share moves (ranks 11 and 12, beyond the ten stated).
     */
    public static final String CHANGES = header(Tables.CHANGES) + "\n"
            // rank,kind,platform,marketplace,category,period,subject,before,after,magnitude,sentence_key,as_of,previous_as_of
            + "3,hhi_class,ALL,ALL,Garden,window,Garden,unconcentrated,moderately_concentrated,350,changes.hhi_class,2025-08-31,2025-07-31\n"
            + "1,top10_entry,ALL,ALL,Toys,window,S4,14,7,7,changes.top10_entry,2025-08-31,2025-07-31\n"
            + "12,share_move,ALL,ALL,Garden,window,G9,0.1,0.05,-5,changes.share_move,2025-08-31,2025-07-31\n"
            + "2,share_move,ALL,ALL,Toys,window,S1,0.42,0.5,8,changes.share_move,2025-08-31,2025-07-31\n"
            + "4,own_rank,amazon,US,Toys,window,OWN1,4,3,-1,changes.own_rank,2025-08-31,2025-07-31\n"
            + "5,lane_lead_time,,,,window,DHL / Express → US,4.2,5.6,1.4,changes.lane_lead_time,2025-08-31,2025-07-31\n"
            + "6,lane_on_time,,,,window,DHL / Express → US,0.95,0.88,-7,changes.lane_on_time,2025-08-31,2025-07-31\n"
            + "7,best_band,ALL,ALL,Toys,window,Toys,10–20,20–30,,changes.best_band,2025-08-31,2025-07-31\n"
            + "8,change_point,ALL,ALL,ALL,window,level_shift,100000,160000,0.6,changes.change_point,2025-08-31,2025-07-31\n"
            + "9,top10_exit,ALL,ALL,Garden,window,G3,9,12,-3,changes.top10_exit,2025-08-31,2025-07-31\n"
            + "10,price_war,ALL,ALL,Toys,window,S2,10,8,-2,changes.price_war,2025-08-31,2025-07-31\n"
            + "11,share_move,ALL,ALL,Toys,window,S2,0.2,0.15,-5,changes.share_move,2025-08-31,2025-07-31\n";

    /** The changes table of a first run: no rows. */
    public static final String CHANGES_FIRST_RUN = header(Tables.CHANGES) + "\n";

    private static String header(TableSchema schema) {
        return String.join(",", schema.columnNames());
    }
}
