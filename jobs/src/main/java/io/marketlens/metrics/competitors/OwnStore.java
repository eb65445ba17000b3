package io.marketlens.metrics.competitors;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.metrics.FactCube;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which sellers of the fact are the own store ("us"): the sellers whose seller_id is in the config's
 * {@code own_seller_ids} (on any platform); without that setting, the one seller of the sales rows when they hold a
 * single seller. With several sellers in the sales rows and no setting, or no sales rows at all, no own store is
 * known: the competitor tables then carry status {@code no_own_store} and {@link #notice()} says how to name one.
 *
 * @param own    per {@link FactCube#sellers} code, whether that seller is the own store
 * @param known  whether an own store is known (set, or the single seller of the sales rows)
 * @param ids    the own seller ids found in the fact
 * @param notice what the run should tell the user about it, or null
 */
public record OwnStore(boolean[] own, boolean known, List<String> ids, String notice) {

    /** How many of the sales' largest sellers a notice names as examples. */
    static final int EXAMPLES = 3;

    public boolean isOwn(int seller) {
        return own[seller];
    }

    /** The own store of the fact's sellers, from the configured ids (empty when not set). */
    public static OwnStore resolve(FactCube cube, List<String> configured) {
        boolean[] own = new boolean[cube.sellers.size()];
        if (!configured.isEmpty()) {
            Set<String> ids = new java.util.HashSet<>(configured);
            Set<String> found = new LinkedHashSet<>();
            for (int s = 0; s < own.length; s++) {
                if (ids.contains(cube.sellerId(s))) {
                    own[s] = true;
                    found.add(cube.sellerId(s));
                }
            }
            List<String> missing = configured.stream().filter(id -> !found.contains(id)).toList();
            String notice = missing.isEmpty() ? null : MarketlensConfig.OWN_SELLER_IDS + " " + missing
                    + (found.isEmpty() ? " match no seller_id of the sales or competitor rows: no competitor has a type or "
                    + "price index (status " + io.marketlens.tables.Codes.NO_OWN_PRODUCTS + "); check the ids against the "
                    + "seller_id column of the exports" : " match no seller_id of the sales or competitor rows; the own "
                    + "store is " + found);
            return new OwnStore(own, true, List.copyOf(found), notice);
        }
        // the sellers of the sales rows, largest revenue first
        java.util.Map<String, Double> salesSellers = new java.util.HashMap<>();
        for (int r = 0; r < cube.rows(); r++) {
            if (cube.fromSales(r)) {
                salesSellers.merge(cube.sellerId(cube.seller(r)), cube.revenue(r), Double::sum);
            }
        }
        if (salesSellers.size() == 1) {
            String id = salesSellers.keySet().iterator().next();
            for (int s = 0; s < own.length; s++) {
                own[s] = cube.sellerId(s).equals(id);
            }
            return new OwnStore(own, true, List.of(id), "own store: seller " + id + ", the only seller of the sales files "
                    + "(set " + MarketlensConfig.OWN_SELLER_IDS + " in the config to name others)");
        }
        if (salesSellers.isEmpty()) {
            return new OwnStore(own, false, List.of(), "no sales rows and no " + MarketlensConfig.OWN_SELLER_IDS
                    + ": the competitor tables have no own store to compare with (status "
                    + io.marketlens.tables.Codes.NO_OWN_STORE + "); set " + MarketlensConfig.OWN_SELLER_IDS
                    + " in the config to the seller ids of your store");
        }
        List<String> largest = new ArrayList<>(salesSellers.keySet());
        largest.sort(Comparator.comparing((String id) -> -salesSellers.get(id)).thenComparing(Comparator.naturalOrder()));
        return new OwnStore(own, false, List.of(), "the sales files hold " + salesSellers.size() + " sellers and "
                + MarketlensConfig.OWN_SELLER_IDS + " is not set: competitors and competitor_benchmark carry status "
                + io.marketlens.tables.Codes.NO_OWN_STORE + " (no competitor type, price index or benchmark). Set "
                + MarketlensConfig.OWN_SELLER_IDS + " in the config to the seller ids of your store, e.g. "
                + MarketlensConfig.OWN_SELLER_IDS + ": [" + largest.get(0) + "] (the sales' largest sellers: "
                + String.join(", ", largest.subList(0, Math.min(EXAMPLES, largest.size()))) + ")");
    }
}
