package io.marketlens.metrics.changes;

import static io.marketlens.tables.RunChange.BEST_BAND;
import static io.marketlens.tables.RunChange.CHANGE_POINT;
import static io.marketlens.tables.RunChange.HHI_CLASS;
import static io.marketlens.tables.RunChange.LANE_LEAD_TIME;
import static io.marketlens.tables.RunChange.LANE_ON_TIME;
import static io.marketlens.tables.RunChange.OWN_RANK;
import static io.marketlens.tables.RunChange.SHARE_MOVE;
import static io.marketlens.tables.RunChange.TOP10_ENTRY;
import static io.marketlens.tables.RunChange.TOP10_EXIT;

import io.marketlens.metrics.FactCube;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.RunChange;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.TableSchema;
import io.marketlens.tables.Tables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * What changed since the previous run (the table {@code changes}): compares this run's tables with those of the
 * previous run folder, plain Java over their rows — no warehouse is read again. A table that one of the two runs lacks
 * (or could not read, or wrote without a column a rule needs — an older version) leaves its kinds out with a notice;
 * one that neither run has leaves them out silently.
 *
 * <p><b>What is compared.</b> The window rows ({@code period} = {@code window}) of both runs, and only scopes that
 * both runs have. Of the category-level scopes, the finest (platform × marketplace × category) and the category over
 * all platforms and marketplaces ({@code ALL/ALL/category}) — the latter only where the category is sold in more than
 * one platform × marketplace (in either run), since otherwise it repeats the finest scope's change word for word; the
 * roll-ups over one of platform or marketplace, and the scopes of all categories, are left out, so that one move
 * is not told three times. A percentage-point or day threshold counts as reached when the move is at least the
 * threshold less 10<sup>-9</sup> of it, so that a move of exactly the threshold fires despite binary fractions.
 * <ul>
 *   <li>{@code top10_entry} / {@code top10_exit} ({@code competitors}, the own store is not listed there): a seller
 *       with rank ≤ {@value #TOP} now and not before (absent, or rank &gt; {@value #TOP}), and the reverse. before /
 *       after = the ranks (empty where the seller has none); magnitude = before − after, the places gained (negative:
 *       lost), empty when one side has no rank.</li>
 *   <li>{@code share_move} ({@code competitors}): a seller whose share moved by at least
 *       {@code metrics.changes.share_points}; a seller absent from a scope has share 0 there. before / after = the
 *       shares as fractions, 4 decimals; magnitude = after − before in percentage points.</li>
 *   <li>{@code hhi_class} ({@code concentration}, entity seller): {@code doj2023_class} changed; before / after = the
 *       classes; magnitude = HHI after − HHI before.</li>
 *   <li>{@code best_band} ({@code price_bands}): the band with {@code is_best} has other edges (band_low, band_high)
 *       than before; a scope without a best band in one of the runs is not compared. before / after = the band
 *       labels; magnitude = band_index after − before (bands up the price scale; negative: down).</li>
 *   <li>{@code change_point} ({@code change_points}, every row with a period, not only the window): a (scope,
 *       period, direction) the previous run did not have, nor a month either side of it (one more month of data
 *       moves the estimate of a break by a month now and then: the same break, not news). period = the change point's month, subject = its kind
 *       (level_shift, trend_break); before / after = level_before / level_after, 2 decimals; magnitude = its
 *       relative change ({@code change}, else level_after ÷ level_before − 1).</li>
 *   <li>{@code lane_lead_time} / {@code lane_on_time} ({@code logistics_lanes}): per lane (carrier, service,
 *       destination_country; region {@code ALL}) with at least {@code metrics.lane_ranking.min_shipments} shipments
 *       in both windows (fewer swing with a single parcel), lead_time_p50 moved by at least
 *       {@code metrics.changes.lead_time_days} (before / after in days, magnitude in days) or on_time_rate by at
 *       least {@code metrics.changes.on_time_points} (before / after as fractions, magnitude in points). No platform,
 *       marketplace or category; subject = {@code carrier / service → country}.</li>
 *   <li>{@code own_rank} ({@code own_store} when both runs have it, else the {@code is_own} rows of
 *       {@code competitor_benchmark}): the own store's rank changed. before / after = the ranks; magnitude = the places
 *       gained; subject empty for {@code own_store} (the whole store), the own seller_id for the benchmark.</li>
 * </ul>
 * period = {@code window} except for change points; sentence_key = {@link RunChange#sentenceKey()}; as_of /
 * previous_as_of = the two run folders' names.
 *
 * <p><b>Rank</b> (1 = most important, so that a report can show "at most ten lines, biggest first"): first the own
 * store's rank changes (most places first); then top-10 entries and exits at rank ≤ {@value #PODIUM} (the rank entered
 * or left, best first); then every other change by its size in units of its threshold — |points| ÷ share_points,
 * |days| ÷ lead_time_days, |points| ÷ on_time_points, |relative change| ÷ {@code metrics.change_points.min_change} —
 * where a line crossed rather than a distance moved (other top-10 entries and exits, HHI classes, best bands) counts
 * as 1, the size of a move of exactly its threshold. Ties by kind (in {@link RunChange} order), platform,
 * marketplace, category, period and subject.
 */
public final class RunChanges {

    /** The ranks of the top 10. */
    public static final int TOP = 10;
    /** Months either side within which a change point of the previous run is the same change point. */
    public static final int CHANGE_POINT_SLACK_MONTHS = 1;
    /** Entries into and exits from the top 10 at this rank or better rank right after the own store's moves. */
    public static final int PODIUM = 3;
    /** How much below a threshold a move may fall and still reach it (relative), for binary fractions. */
    static final double TOLERANCE = 1e-9;

    /** The tables whose previous rows are all window rows the comparison needs (all but {@code change_points}). */
    public static final List<TableSchema> WINDOW_TABLES = List.of(Tables.COMPETITORS, Tables.CONCENTRATION,
            Tables.PRICE_BANDS, Tables.LOGISTICS_LANES, Tables.OWN_STORE, Tables.COMPETITOR_BENCHMARK);
    /** Every table the comparison reads. */
    public static final List<TableSchema> TABLES = List.of(Tables.COMPETITORS, Tables.CONCENTRATION,
            Tables.PRICE_BANDS, Tables.CHANGE_POINTS, Tables.LOGISTICS_LANES, Tables.OWN_STORE,
            Tables.COMPETITOR_BENCHMARK);

    private RunChanges() {
    }

    /**
     * One run's tables: its as-of date (its folder's name), the rows of each table it has (rows that know their
     * schema, so that columns are found by name), and why a table it should have could not be read.
     */
    public record Run(String asOf, Map<String, List<Row>> tables, Map<String, String> unreadable) {

        public Run {
            tables = Map.copyOf(tables);
            unreadable = Map.copyOf(unreadable);
        }

        public Run(String asOf, Map<String, List<Row>> tables) {
            this(asOf, tables, Map.of());
        }

        List<Row> rows(TableSchema t) {
            return tables.get(t.name());
        }
    }

    /**
     * The thresholds.
     *
     * @param options              {@code metrics.changes}
     * @param laneMinShipments     {@code metrics.lane_ranking.min_shipments}: lanes with fewer shipments are not compared
     * @param changePointMinChange {@code metrics.change_points.min_change}: the unit of a change point's size
     */
    public record Rules(ChangesOptions options, long laneMinShipments, double changePointMinChange) {
    }

    /**
     * One change. {@code tier} and {@code score} give its rank: lower tier first, then larger score.
     */
    public record Change(RunChange kind, String platform, String marketplace, String category, String period,
                         String subject, String before, String after, Double magnitude, int tier, double score) {
    }

    /** The changes, most important first, and what the user should know about the comparison. */
    public record Result(List<Change> changes, List<String> notices) {
    }

    /** The order of {@link Result#changes()}: see the class comment. */
    static final Comparator<Change> ORDER = Comparator.comparingInt(Change::tier)
            .thenComparing(Comparator.comparingDouble(Change::score).reversed())
            .thenComparing(Change::kind)
            .thenComparing(Change::platform, Comparator.nullsFirst(FactCube::compareText))
            .thenComparing(Change::marketplace, Comparator.nullsFirst(FactCube::compareText))
            .thenComparing(Change::category, Comparator.nullsFirst(FactCube::compareText))
            .thenComparing(Change::period, Comparator.nullsFirst(FactCube::compareText))
            .thenComparing(Change::subject, Comparator.nullsFirst(FactCube::compareText));

    /** The changes from {@code previous} to {@code now}, most important first. */
    public static Result compare(Run now, Run previous, Rules rules) {
        Comparison c = new Comparison(now, previous, rules);
        c.ownRank();
        c.sellers();
        c.hhiClasses();
        c.bestBands();
        c.changePoints();
        c.lanes();
        List<Change> sorted = new ArrayList<>(c.out);
        sorted.sort(ORDER);
        return new Result(List.copyOf(sorted), List.copyOf(c.notices));
    }

    /** The rows of {@code changes}: the changes in their order, ranked from 1. */
    public static List<Row> rows(List<Change> changes, String asOf, String previousAsOf) {
        List<Row> rows = new ArrayList<>(changes.size());
        int rank = 1;
        for (Change c : changes) {
            rows.add(RowFactory.create(rank++, c.kind().code(), c.platform(), c.marketplace(), c.category(), c.period(),
                    c.subject(), c.before(), c.after(), c.magnitude(), c.kind().sentenceKey(), asOf, previousAsOf));
        }
        return rows;
    }

    /** A scope of the market tables. */
    record Scope(String platform, String marketplace, String category) {

        static Scope of(Row r) {
            return new Scope(text(r, Columns.PLATFORM), text(r, Columns.MARKETPLACE), text(r, Columns.CATEGORY));
        }

        boolean finest() {
            return !Scopes.ALL.equals(platform) && !Scopes.ALL.equals(marketplace) && !Scopes.ALL.equals(category);
        }

        boolean categoryOverAll() {
            return Scopes.ALL.equals(platform) && Scopes.ALL.equals(marketplace) && !Scopes.ALL.equals(category);
        }
    }

    /** Both runs' rows of one table. */
    private record Pair(TableSchema table, List<Row> now, List<Row> previous) {
    }

    /** One comparison of two runs: the changes and notices found so far. */
    private static final class Comparison {
        final Run now;
        final Run previous;
        final Rules rules;
        final List<Change> out = new ArrayList<>();
        final List<String> notices = new ArrayList<>();

        Comparison(Run now, Run previous, Rules rules) {
            this.now = now;
            this.previous = previous;
            this.rules = rules;
        }

        /** Both runs' rows of {@code table}, or null (with a notice when only one run has it) to skip {@code kinds}. */
        Pair both(TableSchema table, List<RunChange> kinds) {
            List<Row> a = now.rows(table);
            List<Row> b = previous.rows(table);
            if (a != null && b != null) {
                return new Pair(table, a, b);
            }
            if (a != null || b != null || previous.unreadable().containsKey(table.name())) {
                Run lacking = a == null && !previous.unreadable().containsKey(table.name()) ? now : previous;
                String why = lacking.unreadable().get(table.name());
                notices.add((lacking == now ? "this run (" + now.asOf() + ")" : "the previous run (" + previous.asOf() + ")")
                        + " has no " + (why == null ? "table " + table.name() : "readable table " + table.name() + " (" + why + ")")
                        + ": " + names(kinds) + " not compared");
            }
            return null;
        }

        /** Whether both runs' rows have {@code columns}; if not, a notice that {@code kinds} are not compared. */
        boolean hasColumns(Pair p, List<RunChange> kinds, String... columns) {
            for (Run run : List.of(now, previous)) {
                List<Row> rows = run == now ? p.now() : p.previous();
                if (rows.isEmpty()) {
                    continue;
                }
                Set<String> names = Set.of(rows.get(0).schema().fieldNames());
                List<String> missing = Arrays.stream(columns).filter(c -> !names.contains(c)).toList();
                if (!missing.isEmpty()) {
                    notices.add("the " + p.table().name() + " table of the run of " + run.asOf() + " has no column "
                            + String.join(", ", missing) + " (written by an older version): " + names(kinds) + " not compared");
                    return false;
                }
            }
            return true;
        }

        /** {@link #hasColumns} with the scope columns (platform, marketplace, category) first. */
        boolean hasScopeAnd(Pair p, List<RunChange> kinds, String... columns) {
            String[] all = new String[columns.length + 3];
            all[0] = Columns.PLATFORM;
            all[1] = Columns.MARKETPLACE;
            all[2] = Columns.CATEGORY;
            System.arraycopy(columns, 0, all, 3, columns.length);
            return hasColumns(p, kinds, all);
        }

        void add(RunChange kind, Scope s, String period, String subject, String before, String after, Double magnitude,
                 int tier, double score) {
            // sizes equal to 10^-9 tie: a move of exactly its threshold is 1 whatever the binary fractions say
            out.add(new Change(kind, s == null ? null : s.platform(), s == null ? null : s.marketplace(),
                    s == null ? null : s.category(), period, subject, before, after, magnitude, tier,
                    Math.round(score * 1e9) / 1e9));
        }

        /** A move of a kind measured against a threshold: tier 2, its size in units of the threshold. */
        void addMove(RunChange kind, Scope s, String subject, String before, String after, double magnitude, double unit) {
            add(kind, s, Scopes.WINDOW, subject, before, after, magnitude, 2, Math.abs(magnitude) / unit);
        }

        // own_rank

        void ownRank() {
            List<RunChange> kinds = List.of(OWN_RANK);
            boolean ownStoreInBoth = now.rows(Tables.OWN_STORE) != null && previous.rows(Tables.OWN_STORE) != null;
            boolean benchmarkInBoth = now.rows(Tables.COMPETITOR_BENCHMARK) != null
                    && previous.rows(Tables.COMPETITOR_BENCHMARK) != null;
            if (ownStoreInBoth || !benchmarkInBoth) {
                Pair p = both(Tables.OWN_STORE, kinds);
                if (p != null && hasScopeAnd(p, kinds, Columns.PERIOD, Columns.RANK)) {
                    ranks(p, r -> true, r -> null);
                }
                if (ownStoreInBoth) {
                    return;
                }
            }
            Pair p = both(Tables.COMPETITOR_BENCHMARK, kinds);
            if (p != null && hasScopeAnd(p, kinds, Columns.PERIOD, Columns.IS_OWN, Columns.SELLER_ID, Columns.RANK)) {
                ranks(p, r -> flag(r, Columns.IS_OWN), r -> text(r, Columns.SELLER_ID));
            }
        }

        private void ranks(Pair p, java.util.function.Predicate<Row> own, java.util.function.Function<Row, String> subject) {
            List<Row> a = window(p.now()).stream().filter(own).toList();
            List<Row> b = window(p.previous()).stream().filter(own).toList();
            Map<List<Object>, Row> before = new HashMap<>();
            b.forEach(r -> before.put(List.of(Scope.of(r), Objects.toString(subject.apply(r))), r));
            Set<Scope> compared = compared(a, b);
            for (Row r : a) {
                Scope s = Scope.of(r);
                Row old = before.get(List.of(s, Objects.toString(subject.apply(r))));
                Integer x = old == null ? null : integer(old, Columns.RANK);
                Integer y = integer(r, Columns.RANK);
                if (compared.contains(s) && x != null && y != null && !x.equals(y)) {
                    add(OWN_RANK, s, Scopes.WINDOW, subject.apply(r), x.toString(), y.toString(), (double) (x - y),
                            0, Math.abs(x - y));
                }
            }
        }

        // top10_entry, top10_exit, share_move

        /** A seller's rank and share in one scope. */
        private record Seller(String id, Integer rank, double share) {
        }

        void sellers() {
            List<RunChange> kinds = List.of(TOP10_ENTRY, TOP10_EXIT, SHARE_MOVE);
            Pair p = both(Tables.COMPETITORS, kinds);
            if (p == null || !hasScopeAnd(p, kinds, Columns.PERIOD, Columns.SELLER_ID)) {
                return;
            }
            boolean ranks = hasColumns(p, List.of(TOP10_ENTRY, TOP10_EXIT), Columns.RANK);
            boolean shares = hasColumns(p, List.of(SHARE_MOVE), Columns.SHARE);
            List<Row> a = window(p.now());
            List<Row> b = window(p.previous());
            // a seller is its id on its platform, where both runs name the platform
            boolean platform = hasColumn(a, Columns.SELLER_PLATFORM) && hasColumn(b, Columns.SELLER_PLATFORM);
            Map<Scope, Map<String, Seller>> after = sellersByScope(a, ranks, shares, platform);
            Map<Scope, Map<String, Seller>> before = sellersByScope(b, ranks, shares, platform);
            for (Scope s : compared(a, b)) {
                Map<String, Seller> x = before.get(s);
                Map<String, Seller> y = after.get(s);
                for (String key : new TreeSet<>(union(x.keySet(), y.keySet()))) {
                    Seller old = x.get(key);
                    Seller cur = y.get(key);
                    String id = cur != null ? cur.id() : old.id();
                    Integer rx = old == null ? null : old.rank();
                    Integer ry = cur == null ? null : cur.rank();
                    if (ranks) {
                        topTen(s, id, rx, ry);
                    }
                    double sx = old == null ? 0 : old.share();
                    double sy = cur == null ? 0 : cur.share();
                    double points = 100 * (sy - sx);
                    if (shares && reaches(points, rules.options().sharePoints())) {
                        addMove(SHARE_MOVE, s, id, fraction(sx), fraction(sy), points, rules.options().sharePoints());
                    }
                }
            }
        }

        private void topTen(Scope s, String id, Integer before, Integer after) {
            boolean was = before != null && before <= TOP;
            boolean is = after != null && after <= TOP;
            if (was == is) {
                return;
            }
            int inside = is ? after : before;
            boolean podium = inside <= PODIUM;
            add(is ? TOP10_ENTRY : TOP10_EXIT, s, Scopes.WINDOW, id, before == null ? null : before.toString(),
                    after == null ? null : after.toString(),
                    before == null || after == null ? null : (double) (before - after),
                    podium ? 1 : 2, podium ? PODIUM + 1 - inside : 1);
        }

        private static Map<Scope, Map<String, Seller>> sellersByScope(List<Row> rows, boolean ranks, boolean shares,
                                                                      boolean platform) {
            Map<Scope, Map<String, Seller>> out = new HashMap<>();
            for (Row r : rows) {
                String id = text(r, Columns.SELLER_ID);
                Integer rank = ranks ? integer(r, Columns.RANK) : null;
                Double share = shares ? number(r, Columns.SHARE) : null;
                String key = (platform ? Objects.toString(text(r, Columns.SELLER_PLATFORM)) : "") + "\u0000" + id;
                out.computeIfAbsent(Scope.of(r), k -> new HashMap<>()).put(key, new Seller(id, rank, share == null ? 0 : share));
            }
            return out;
        }

        // hhi_class

        void hhiClasses() {
            List<RunChange> kinds = List.of(HHI_CLASS);
            Pair p = both(Tables.CONCENTRATION, kinds);
            if (p == null || !hasScopeAnd(p, kinds, Columns.PERIOD, Columns.ENTITY, Columns.DOJ2023_CLASS, Columns.HHI)) {
                return;
            }
            List<Row> a = window(p.now()).stream().filter(r -> Codes.SELLER.equals(text(r, Columns.ENTITY))).toList();
            List<Row> b = window(p.previous()).stream().filter(r -> Codes.SELLER.equals(text(r, Columns.ENTITY))).toList();
            Map<Scope, Row> before = byScope(b);
            Set<Scope> compared = compared(a, b);
            for (Row r : a) {
                Scope s = Scope.of(r);
                Row old = before.get(s);
                if (!compared.contains(s)) {
                    continue;
                }
                String x = text(old, Columns.DOJ2023_CLASS);
                String y = text(r, Columns.DOJ2023_CLASS);
                if (x != null && y != null && !x.equals(y)) {
                    Double hx = number(old, Columns.HHI);
                    Double hy = number(r, Columns.HHI);
                    add(HHI_CLASS, s, Scopes.WINDOW, null, x, y, hx == null || hy == null ? null : hy - hx, 2, 1);
                }
            }
        }

        // best_band

        void bestBands() {
            List<RunChange> kinds = List.of(BEST_BAND);
            Pair p = both(Tables.PRICE_BANDS, kinds);
            if (p == null || !hasScopeAnd(p, kinds, Columns.PERIOD, Columns.IS_BEST, Columns.BAND, Columns.BAND_INDEX,
                    Columns.BAND_LOW, Columns.BAND_HIGH)) {
                return;
            }
            List<Row> a = window(p.now());
            List<Row> b = window(p.previous());
            Map<Scope, Row> bestBefore = byScope(b.stream().filter(r -> flag(r, Columns.IS_BEST)).toList());
            Set<Scope> compared = compared(a, b);
            for (Row r : a) {
                Scope s = Scope.of(r);
                Row old = bestBefore.get(s);
                if (!flag(r, Columns.IS_BEST) || old == null || !compared.contains(s)) {
                    continue;
                }
                if (!Objects.equals(number(old, Columns.BAND_LOW), number(r, Columns.BAND_LOW))
                        || !Objects.equals(number(old, Columns.BAND_HIGH), number(r, Columns.BAND_HIGH))) {
                    Integer ix = integer(old, Columns.BAND_INDEX);
                    Integer iy = integer(r, Columns.BAND_INDEX);
                    add(BEST_BAND, s, Scopes.WINDOW, null, text(old, Columns.BAND), text(r, Columns.BAND),
                            ix == null || iy == null ? null : (double) (iy - ix), 2, 1);
                }
            }
        }

        // change_point

        void changePoints() {
            List<RunChange> kinds = List.of(CHANGE_POINT);
            Pair p = both(Tables.CHANGE_POINTS, kinds);
            if (p == null || !hasScopeAnd(p, kinds, Columns.PERIOD, Columns.DIRECTION, Columns.KIND, Columns.LEVEL_BEFORE,
                    Columns.LEVEL_AFTER)) {
                return;
            }
            Set<List<Object>> known = new HashSet<>();
            for (Row r : p.previous()) {
                known.add(List.of(Scope.of(r), Objects.toString(text(r, Columns.PERIOD)), Objects.toString(text(r, Columns.DIRECTION))));
            }
            boolean changeColumn = hasColumn(p.now(), Columns.CHANGE);
            Set<Scope> compared = compared(p.now(), p.previous());
            for (Row r : p.now()) {
                Scope s = Scope.of(r);
                String period = text(r, Columns.PERIOD);
                String direction = text(r, Columns.DIRECTION);
                if (period == null || !compared.contains(s) || knownNear(known, s, period, Objects.toString(direction))) {
                    continue;
                }
                Double x = number(r, Columns.LEVEL_BEFORE);
                Double y = number(r, Columns.LEVEL_AFTER);
                Double change = changeColumn ? number(r, Columns.CHANGE) : null;
                if (change == null && x != null && y != null && x != 0) {
                    change = y / x - 1;
                }
                add(CHANGE_POINT, s, period, text(r, Columns.KIND), decimal(x), decimal(y), change, 2,
                        change == null ? 1 : Math.abs(change) / rules.changePointMinChange());
            }
        }

        /**
         * Whether the previous run had a point of the same scope and direction in the period or a month either side:
         * a month more of data moves the estimate of a break by a month now and then, and that is the same break.
         */
        private static boolean knownNear(Set<List<Object>> known, Scope s, String period, String direction) {
            java.time.YearMonth month;
            try {
                month = java.time.YearMonth.parse(period);
            } catch (java.time.format.DateTimeParseException e) {
                return known.contains(List.of(s, period, direction));
            }
            for (int d = -CHANGE_POINT_SLACK_MONTHS; d <= CHANGE_POINT_SLACK_MONTHS; d++) {
                if (known.contains(List.of(s, io.marketlens.tables.Scopes.period(month.plusMonths(d)), direction))) {
                    return true;
                }
            }
            return false;
        }

        // lane_lead_time, lane_on_time

        void lanes() {
            List<RunChange> kinds = List.of(LANE_LEAD_TIME, LANE_ON_TIME);
            Pair p = both(Tables.LOGISTICS_LANES, kinds);
            if (p == null || !hasColumns(p, kinds, Columns.CARRIER, Columns.SERVICE, Columns.DESTINATION_COUNTRY,
                    Columns.DESTINATION_REGION, Columns.PERIOD, Columns.SHIPMENTS)) {
                return;
            }
            boolean leadTimes = hasColumns(p, List.of(LANE_LEAD_TIME), Columns.LEAD_TIME_P50);
            boolean onTime = hasColumns(p, List.of(LANE_ON_TIME), Columns.ON_TIME_RATE);
            Map<String, Row> before = new HashMap<>();
            lanes(p.previous()).forEach(r -> before.put(laneName(r), r));
            ChangesOptions o = rules.options();
            for (Row r : lanes(p.now())) {
                String lane = laneName(r);
                Row old = before.get(lane);
                if (old == null) {
                    continue;
                }
                if (leadTimes) {
                    Double x = number(old, Columns.LEAD_TIME_P50);
                    Double y = number(r, Columns.LEAD_TIME_P50);
                    if (x != null && y != null && reaches(y - x, o.leadTimeDays())) {
                        addMove(LANE_LEAD_TIME, null, lane, decimal(x), decimal(y), y - x, o.leadTimeDays());
                    }
                }
                if (onTime) {
                    Double x = number(old, Columns.ON_TIME_RATE);
                    Double y = number(r, Columns.ON_TIME_RATE);
                    if (x != null && y != null && reaches(100 * (y - x), o.onTimePoints())) {
                        addMove(LANE_ON_TIME, null, lane, fraction(x), fraction(y), 100 * (y - x), o.onTimePoints());
                    }
                }
            }
        }

        /** The window rows of single lanes (all regions) with enough shipments to judge. */
        private List<Row> lanes(List<Row> rows) {
            return window(rows).stream()
                    .filter(r -> !Scopes.ALL.equals(text(r, Columns.CARRIER))
                            && !Scopes.ALL.equals(text(r, Columns.DESTINATION_COUNTRY))
                            && Scopes.ALL.equals(text(r, Columns.DESTINATION_REGION)))
                    .filter(r -> {
                        Long n = whole(r, Columns.SHIPMENTS);
                        return n != null && n >= rules.laneMinShipments();
                    })
                    .toList();
        }

        /** {@code carrier / service → country}. */
        static String laneName(Row r) {
            return text(r, Columns.CARRIER) + " / " + text(r, Columns.SERVICE) + " → " + text(r, Columns.DESTINATION_COUNTRY);
        }
    }

    /**
     * The scopes compared: those of both runs that are finest, or a category over all platforms and marketplaces that
     * is sold in more than one platform × marketplace (in either run).
     */
    static Set<Scope> compared(List<Row> now, List<Row> previous) {
        Set<Scope> a = previous.stream().map(Scope::of).collect(Collectors.toSet());
        Set<Scope> both = now.stream().map(Scope::of).filter(a::contains).collect(Collectors.toSet());
        Map<String, Set<List<String>>> markets = new HashMap<>();
        for (List<Row> rows : List.of(now, previous)) {
            for (Row r : rows) {
                Scope s = Scope.of(r);
                if (s.finest()) {
                    markets.computeIfAbsent(s.category(), k -> new HashSet<>()).add(List.of(s.platform(), s.marketplace()));
                }
            }
        }
        return both.stream()
                .filter(s -> s.finest() || (s.categoryOverAll() && markets.getOrDefault(s.category(), Set.of()).size() > 1))
                .collect(Collectors.toSet());
    }

    /** Whether a move reaches its threshold (see the class comment). */
    static boolean reaches(double move, double threshold) {
        return Math.abs(move) >= threshold * (1 - TOLERANCE);
    }

    /** Whether the rows have {@code column} (rows of no table have every column). */
    private static boolean hasColumn(List<Row> rows, String column) {
        return rows.isEmpty() || Arrays.asList(rows.get(0).schema().fieldNames()).contains(column);
    }

    private static Map<Scope, Row> byScope(List<Row> rows) {
        Map<Scope, Row> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put(Scope.of(r), r));
        return out;
    }

    private static List<Row> window(List<Row> rows) {
        return rows.stream().filter(r -> Scopes.WINDOW.equals(text(r, Columns.PERIOD))).toList();
    }

    private static <T> Set<T> union(Set<T> a, Set<T> b) {
        Set<T> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    private static String names(List<RunChange> kinds) {
        return kinds.stream().map(RunChange::code).collect(Collectors.joining(", "));
    }

    private static String text(Row r, String column) {
        Object v = r.get(r.fieldIndex(column));
        return v == null ? null : v.toString();
    }

    /** A true/false cell, or text saying {@code true}. */
    private static boolean flag(Row r, String column) {
        Object v = r.get(r.fieldIndex(column));
        return Boolean.TRUE.equals(v) || (v instanceof String s && s.strip().equalsIgnoreCase("true"));
    }

    /**
     * A number cell: a number of any width, or text holding one (a column another version wrote with another type);
     * null for anything else, which then compares as missing.
     */
    private static Double number(Row r, String column) {
        Object v = r.get(r.fieldIndex(column));
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Integer integer(Row r, String column) {
        Double d = number(r, column);
        return d == null ? null : (int) Math.round(d);
    }

    private static Long whole(Row r, String column) {
        Double d = number(r, column);
        return d == null ? null : Math.round(d);
    }

    /** A share or rate as the tables write them, a fraction (4 decimals: a hundredth of a percentage point). */
    static String fraction(double fraction) {
        return String.format(Locale.ROOT, "%.4f", fraction);
    }

    static String decimal(Double v) {
        return v == null ? null : String.format(Locale.ROOT, "%.2f", v);
    }
}
