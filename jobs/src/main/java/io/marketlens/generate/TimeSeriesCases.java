package io.marketlens.generate;

import java.time.YearMonth;
import java.util.List;

/**
 * The time-series cases {@code generate --time-series-cases} plants, one per category, so that the seasonal indices,
 * change points and turning points can be checked against a known answer (written to {@code truth.json}). Each
 * multiplies the category's orders and its competitors' unit estimates, on top of the season and the growth every
 * category has:
 *
 * <ul>
 *   <li>{@link Kind#STEADY}: nothing more — a steady trend under the strong season (no change, no turn);</li>
 *   <li>{@link Kind#LEVEL_SHIFT}: ×{@value #SHIFT_FACTOR} from {@code month} on; its competitor listings were all
 *       launched before the data starts, so no listing ramping up gives it a drift of its own;</li>
 *   <li>{@link Kind#TREND_BREAK}: growth of {@value #BREAK_GROWTH_BEFORE} a month more until {@code month}, then
 *       {@value #BREAK_GROWTH_AFTER} a month;</li>
 *   <li>{@link Kind#SHOCK}: ×{@value #SHOCK_DEPTH} in {@code month} and the month after, then ×{@value #SHOCK_AFTER}
 *       for good (a collapse and a partial recovery);</li>
 *   <li>{@link Kind#CYCLE}: ×(1 + {@value #CYCLE_AMPLITUDE} sin(2π (t − 6) / 24)): a rise to a peak in
 *       {@code month} and a fall to a trough in {@code secondMonth}, a two-year business cycle;</li>
 *   <li>{@link Kind#THIN}: {@value #THIN_ORDERS} orders a month (times the season) and no competitor listings — a
 *       category too small to judge.</li>
 * </ul>
 */
public final class TimeSeriesCases {

    public static final double SHIFT_FACTOR = 1.6;
    public static final double BREAK_GROWTH_BEFORE = 0.02;
    public static final double BREAK_GROWTH_AFTER = -0.015;
    public static final double SHOCK_DEPTH = 0.3;
    public static final double SHOCK_AFTER = 0.9;
    public static final double CYCLE_AMPLITUDE = 0.4;
    public static final double THIN_ORDERS = 3;
    /** Fewest months the cases need: two years of season before and after the breaks, a whole cycle. */
    public static final int MIN_MONTHS = 36;

    private TimeSeriesCases() {
    }

    /** What a case plants. */
    public enum Kind {
        STEADY, LEVEL_SHIFT, TREND_BREAK, SHOCK, CYCLE, THIN
    }

    /**
     * One planted case: its category and kind, the month it happens (the shift, the break, the shock's first month,
     * the cycle's peak; null for steady and thin), a second month (the cycle's trough, else null) and the factor
     * (the shift's, the shock's depth, the cycle's amplitude; 1 otherwise).
     */
    public record Case(String category, Kind kind, YearMonth month, YearMonth secondMonth, double factor) {
    }

    /** The six cases of a data set of {@code months} from {@code first}, one per category of the vocabulary. */
    static List<Case> plan(YearMonth first, int months, YearMonth shiftMonth) {
        if (months < MIN_MONTHS) {
            throw new IllegalArgumentException("time-series cases need at least " + MIN_MONTHS + " months, got " + months);
        }
        List<Vocabulary.Category> c = Vocabulary.CATEGORIES;
        return List.of(
                new Case(c.get(0).name(), Kind.STEADY, null, null, 1),
                new Case(c.get(1).name(), Kind.TREND_BREAK, first.plusMonths(months / 2), null, 1),
                new Case(c.get(2).name(), Kind.CYCLE, first.plusMonths(12), first.plusMonths(24), CYCLE_AMPLITUDE),
                new Case(c.get(3).name(), Kind.SHOCK, first.plusMonths(months * 2L / 3), null, SHOCK_DEPTH),
                new Case(SyntheticMarket.LEVEL_SHIFT_CATEGORY, Kind.LEVEL_SHIFT, shiftMonth, null, SHIFT_FACTOR),
                new Case(c.get(5).name(), Kind.THIN, null, null, 1));
    }

    /** The multiplier of a category's level in month {@code t} (0 = the first month), 1 for a category without a case. */
    static double factor(List<Case> cases, String category, YearMonth first, int t) {
        for (Case k : cases) {
            if (!k.category().equals(category)) {
                continue;
            }
            int at = k.month() == null ? 0 : (int) first.until(k.month(), java.time.temporal.ChronoUnit.MONTHS);
            return switch (k.kind()) {
                case STEADY, THIN -> 1;
                case LEVEL_SHIFT -> t >= at ? SHIFT_FACTOR : 1;
                case TREND_BREAK -> StrictMath.pow(1 + BREAK_GROWTH_BEFORE, Math.min(t, at))
                        * StrictMath.pow(1 + BREAK_GROWTH_AFTER, Math.max(0, t - at));
                case SHOCK -> t == at || t == at + 1 ? SHOCK_DEPTH : t > at + 1 ? SHOCK_AFTER : 1;
                case CYCLE -> 1 + CYCLE_AMPLITUDE * StrictMath.sin(2 * StrictMath.PI * (t - 6) / 24.0);
            };
        }
        return 1;
    }

    /** Whether the category is the thin one. */
    static boolean isThin(List<Case> cases, String category) {
        return cases.stream().anyMatch(k -> k.kind() == Kind.THIN && k.category().equals(category));
    }
}
