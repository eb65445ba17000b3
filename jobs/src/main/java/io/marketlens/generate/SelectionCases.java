package io.marketlens.generate;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code generate --selection-cases} plants for the competitor tables and product selection, so that they can be
 * checked against a known answer (written to {@code truth.json} as {@code selection_cases}). The categories are drawn
 * from the seed; the other categories keep the defaults (season, growth, the level shift, Zipf seller shares).
 *
 * <ul>
 *   <li><b>Own store</b>: one Amazon seller of the sales files, the largest seller (Zipf rank 1) of three categories
 *       ({@link Plan#ownCategories()}); the data set's {@code marketlens.yaml} names it in {@code own_seller_ids}.</li>
 *   <li><b>Direct competitor</b>: a new Amazon competitor in the first own category with one US listing per own
 *       product there, at that product's USD list price (so in the own listing's price band), on sale since before
 *       the data starts, never delisted; its base units make its listings {@value #DIRECT_REVENUE} times the
 *       category's other listings' base revenue — about a tenth of the category, one of its largest sellers.</li>
 *   <li><b>Emerging seller</b>: a new Amazon competitor in the second own category whose {@value #EMERGING_LISTINGS}
 *       US listings launch on the first day of the month {@value #EMERGING_MONTHS} months before the data's end
 *       (its first month); at full speed they sell {@value #EMERGING_REVENUE} times the category's other listings
 *       (ramping up over 100 days like every listing), so its window share, all of it gained, is the category's
 *       largest gain (≈ 9 percentage points against 1–4 for the others).</li>
 *   <li><b>Best category</b> (not an own category): orders and competitor units grow {@value #BEST_GROWTH} a month
 *       faster and keep only {@value #BEST_SEASON_KEPT} of the season (index 1 + 0.4 (S − 1)); its competitor listings
 *       belong to {@value #BEST_SELLERS} small sellers picked evenly (low HHI), with base units less spread (log-sd
 *       {@value #BEST_UNITS_SIGMA} instead of 1); {@value #BEST_LAUNCHED_BEFORE} of them are on sale before the data
 *       starts (launched in the year before), the rest launch during it, more of them the later (launch = first day
 *       + span · ∛u), and those sell the more the later they launched, up to 1 + {@value #BEST_LATE_UNITS} times at
 *       the end (a high new-product revenue share, and a window some ×3.4–4.3 the year before's); they gather reviews
 *       at {@value #BEST_REVIEW_RATE} of the usual rate (few reviews on the top listings); listings priced within
 *       ±{@value #BEST_SWEET_SPOT} of the category's median price sell {@value #BEST_SWEET_SPOT_UNITS}× (a band with
 *       demand ahead of supply); its own products weigh {@value #BEST_KG} of the usual (a low freight cost share).</li>
 * </ul>
 * The planted listings come on top of the requested number of competitor listings.
 */
public final class SelectionCases {

    /** Fewest months: the window and the window before it (share changes, year-on-year growth, seasonal indices). */
    public static final int MIN_MONTHS = 24;

    /** The direct competitor's base revenue ÷ the base revenue of the category's other listings on sale at the end. */
    public static final double DIRECT_REVENUE = 0.12;

    /** Months from the emerging seller's first month to the data's end, its first month included. */
    public static final int EMERGING_MONTHS = 4;
    public static final int EMERGING_LISTINGS = 3;
    /** The emerging seller's base revenue at full speed ÷ the base revenue of the category's other listings. */
    public static final double EMERGING_REVENUE = 0.30;

    public static final double BEST_GROWTH = 0.02;
    public static final double BEST_SEASON_KEPT = 0.4;
    public static final int BEST_SELLERS = 80;
    public static final double BEST_UNITS_SIGMA = 0.6;
    public static final double BEST_LAUNCHED_BEFORE = 0.3;
    /** A best-category listing launched during the data sells 1 + this × (share of the data gone by at its launch) times. */
    public static final double BEST_LATE_UNITS = 3.0;
    public static final double BEST_REVIEW_RATE = 0.25;
    public static final double BEST_SWEET_SPOT = 0.15;
    public static final double BEST_SWEET_SPOT_UNITS = 2.0;
    public static final double BEST_KG = 0.4;

    private SelectionCases() {
    }

    /**
     * The categories of the cases: the best category, the own store's three (the direct competitor's first, the
     * emerging seller's second), and the emerging seller's first month.
     */
    public record Plan(String bestCategory, List<String> ownCategories, YearMonth emergingFirstMonth) {

        public String directCategory() {
            return ownCategories.get(0);
        }

        public String emergingCategory() {
            return ownCategories.get(1);
        }
    }

    /** A planted competitor and its category. */
    public record Seller(String sellerId, String platform, String category) {
    }

    /** What was planted, for {@code truth.json}: the own store's seller (in the plan's own categories) and the two competitors. */
    public record Planted(Plan plan, String ownSellerId, String ownPlatform, Seller direct, Seller emerging) {
    }

    /** The plan of a data set of {@code months} from {@code first}, its categories drawn from {@code r}. */
    static Plan plan(Rng r, YearMonth first, int months) {
        if (months < MIN_MONTHS) {
            throw new IllegalArgumentException("the selection cases need at least " + MIN_MONTHS + " months, got " + months);
        }
        List<String> names = new ArrayList<>();
        Vocabulary.CATEGORIES.forEach(c -> names.add(c.name()));
        for (int i = names.size() - 1; i > 0; i--) { // a seeded shuffle: best, then the three own categories
            int j = r.nextInt(i + 1);
            String tmp = names.get(i);
            names.set(i, names.get(j));
            names.set(j, tmp);
        }
        return new Plan(names.get(0), List.copyOf(names.subList(1, 4)), first.plusMonths(months - EMERGING_MONTHS));
    }

    /**
     * The best category's multiplier in month {@code t} (0 = the first month, calendar month {@code calendarMonth}),
     * on top of the season and the growth every category has: the extra growth, and the season damped to
     * {@link #BEST_SEASON_KEPT} of its swing.
     */
    static double bestFactor(int t, int calendarMonth) {
        double season = SyntheticMarket.SEASON_INDEX.get(calendarMonth - 1);
        return StrictMath.pow(1 + BEST_GROWTH, t) * (1 + BEST_SEASON_KEPT * (season - 1)) / season;
    }
}
