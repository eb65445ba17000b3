package io.marketlens.reports.findings;

import io.marketlens.reports.data.RunFolder;
import io.marketlens.reports.data.Table.Row;
import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Lang;
import io.marketlens.reports.text.Numbers;
import io.marketlens.reports.text.Texts;
import io.marketlens.tables.ChangeKind;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.CompetitorType;
import io.marketlens.tables.Direction;
import io.marketlens.tables.LifecycleStage;
import io.marketlens.tables.RunManifest;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.Season;
import io.marketlens.tables.Tables;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The key findings of the report (SPEC §5): sentences generated from a finished run's tables, in the
 * report's language, ordered for a manager — market size and growth first, then life cycle, new vs
 * existing products, seasons, change and turning points, forecast, concentration, competition, price
 * bands, hot terms, competitors, product selection, platforms, logistics and data quality ({@link Topic}).
 *
 * <p>Every number is formatted by {@link Numbers} from the table's value (or from a sum or ratio of table
 * values, said where it is one), so the text agrees with the tables at the precision shown. A finding
 * whose table is absent, lacks a column, or has no usable row is left out; an empty cell within a sentence
 * prints as {@link Numbers#MISSING}. Nothing here throws over missing data.
 *
 * <p>Scopes: the market is the roll-up row (platform, marketplace, category) = (ALL, ALL, ALL); a category
 * is a row (ALL, ALL, category). Window metrics read the {@code window} rows.
 */
public final class KeyFindings {

    /** Categories, by window revenue, whose price bands and hot terms are described. */
    public static final int TOP_CATEGORIES = 6;
    /** Names a sentence lists before it says how many more there are. */
    public static final int MAX_LISTED = 6;
    /** Terms listed per hot-terms sentence. */
    public static final int TOP_TERMS = 5;
    /**
     * Lanes with fewer shipments in the window are not named fastest or slowest: a median of a handful of
     * deliveries says more about chance than about the lane.
     */
    public static final int MIN_LANE_SHIPMENTS = 30;
    /** Destinations (by shipments) whose best-ranked lane is named. */
    public static final int TOP_DESTINATIONS = 3;
    /** Months back from the last full month in which a category's level shifts are named. */
    public static final int SHIFT_MONTHS = 24;
    /** Quarantine reasons listed. */
    public static final int TOP_REASONS = 3;
    /**
     * The forecast is called level when the next months' total is within ±1 % of the last months'
     * total: smaller differences are well inside any forecast's error.
     */
    public static final double FLAT_FORECAST = 0.01;
    /** The market counts as growing or shrinking, for the action its size implies, from a change of ±5 % a year. */
    public static final double FLAT_GROWTH = 0.05;
    /** Key findings on the executive page, at most. */
    public static final int MAX_KEY = 7;
    /**
     * Key findings of one chapter, at most: the page should cover the market's several sides (four best price bands of
     * four categories say one thing four times); the chapter's others open it under More findings.
     */
    public static final int MAX_KEY_PER_CHAPTER = 2;
    /**
     * A top pick that keeps its place in the top three in fewer than this share of the weightings tried
     * ({@code rank_stability}) is a close call: another reasonable choice of weights would pick differently.
     */
    public static final double CLOSE_CALL = 0.6;
    /**
     * A ranking names its top candidate only among at least this many: a single candidate has no z-scores to compare
     * (its score is 0) and is no pick.
     */
    public static final int MIN_RANKED = 2;
    /** Strengths named for the top pick: its components that add most to its score. */
    public static final int TOP_STRENGTHS = 2;

    private static final int DEFAULT_NEW_PRODUCT_MONTHS = 6;
    private static final int DEFAULT_BACKTEST_MONTHS = 6;
    /** The level of the forecast's prediction interval when an older table lacks {@code interval_level} (README: 90 %). */
    private static final double DEFAULT_INTERVAL_LEVEL = 0.9;

    private final RunFolder run;
    private final Texts texts;
    private final Numbers numbers;
    private final Labels labels;
    private final List<Finding> out = new ArrayList<>();
    /** Window revenue per category, for ordering categories and choosing the largest ones. */
    private final Map<String, Double> categoryRevenue = new LinkedHashMap<>();
    /** Window year-on-year growth per category (market_size), the change of a finding about a category's prospects. */
    private final Map<String, Double> categoryGrowth = new HashMap<>();
    /** The fastest-growing category of the window, once its finding is made: the top pick's finding supersedes it. */
    private String fastestCategory;
    /** Categories with too few orders a month to judge (status {@code low_volume}): named in no finding. */
    private final java.util.Set<String> lowVolume = new java.util.TreeSet<>();

    private KeyFindings(RunFolder run, Texts texts, Numbers numbers) {
        this.run = run;
        this.texts = texts;
        this.numbers = numbers;
        this.labels = new Labels(texts);
    }

    /** The key findings of {@code run} in the language of {@code texts}. */
    public static List<Finding> of(RunFolder run, Texts texts, Numbers numbers) {
        KeyFindings k = new KeyFindings(run, texts, numbers);
        k.readLowVolume();
        k.readCategoryRevenue();
        k.marketSize();
        k.lowVolume();
        k.lifecycle();
        k.newVsExisting();
        k.seasonality();
        k.changePoints();
        k.turningPoints();
        k.forecast();
        k.concentration();
        k.competition();
        k.priceBands();
        k.hotTerms();
        k.competitors();
        k.productSelection();
        k.platforms();
        k.logistics();
        k.dataQuality();
        return List.copyOf(k.out);
    }

    /**
     * The findings of a run split for the report: the key findings (at most {@value #MAX_KEY}, those with an action and a
     * revenue at stake, by {@link Finding#materiality()} largest first, at most {@value #MAX_KEY_PER_CHAPTER} of a chapter;
     * ties in topic order, then by text) and the others
     * in topic order, each to its chapter's "More findings".
     */
    public record Ranked(List<Finding> key, List<Finding> more) {

        public Ranked {
            key = List.copyOf(key);
            more = List.copyOf(more);
        }

        /** The findings that are not key findings, of the topics of {@code section}'s chapter. */
        public List<Finding> more(io.marketlens.reports.text.Section section) {
            return more.stream().filter(f -> f.topic().section() == section).toList();
        }
    }

    /** {@code findings} ranked: see {@link Ranked}. */
    public static Ranked rank(List<Finding> findings) {
        Map<Object, Integer> perChapter = new HashMap<>();
        List<Finding> key = findings.stream().filter(Finding::isKey)
                .sorted(Comparator.comparingDouble(Finding::materiality).reversed()
                        .thenComparing(Finding::topic).thenComparing(Finding::text))
                .filter(f -> perChapter.merge(f.topic().section() == null ? f.topic() : f.topic().section(), 1, Integer::sum)
                        <= MAX_KEY_PER_CHAPTER)
                .limit(MAX_KEY).toList();
        return new Ranked(key, findings.stream().filter(f -> !key.contains(f)).toList());
    }

    /** The findings of {@code run} ranked for the report. */
    public static Ranked ranked(RunFolder run, Texts texts, Numbers numbers) {
        return rank(of(run, texts, numbers));
    }

    // ---------------------------------------------------------------- market size

    /** The categories whose change points (or seasons) have status {@code low_volume} over all markets. */
    private void readLowVolume() {
        for (String name : List.of(Tables.CHANGE_POINTS.name(), Tables.SEASONALITY.name())) {
            table(name, Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.STATUS).ifPresent(t -> {
                for (Row r : t.rows()) {
                    String category = str(r, Columns.CATEGORY);
                    if (r.is(Columns.PLATFORM, Scopes.ALL) && r.is(Columns.MARKETPLACE, Scopes.ALL)
                            && !Scopes.ALL.equals(category) && r.is(Columns.STATUS, Codes.LOW_VOLUME)) {
                        lowVolume.add(category);
                    }
                }
            });
        }
    }

    /** How many categories are left out of the findings as too thin to judge, and which. */
    private void lowVolume() {
        if (lowVolume.isEmpty()) {
            return;
        }
        int threshold = (int) run.configNumber(Codes.MIN_ORDERS_PER_MONTH_KEY, Codes.DEFAULT_MIN_ORDERS_PER_MONTH);
        add(Topic.MARKET_SIZE, texts.get(lowVolume.size() == 1 ? "finding.low_volume.one" : "finding.low_volume",
                numbers.integer((double) lowVolume.size()),
                Integer.toString(threshold), list(new ArrayList<>(lowVolume))));
    }

    private void readCategoryRevenue() {
        table(Tables.MARKET_SIZE.name(), Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.PERIOD, Columns.REVENUE).ifPresent(t -> {
            for (Row r : t.rows()) {
                Double revenue = num(r, Columns.REVENUE);
                if (isCategory(r) && isWindow(r) && revenue != null) {
                    categoryRevenue.put(str(r, Columns.CATEGORY), revenue);
                    Double yoy = num(r, Columns.YOY_GROWTH);
                    if (yoy != null) {
                        categoryGrowth.put(str(r, Columns.CATEGORY), yoy);
                    }
                }
            }
        });
    }

    private void marketSize() {
        Optional<Table> table = table(Tables.MARKET_SIZE.name(), Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.PERIOD, Columns.REVENUE);
        if (table.isEmpty()) {
            return;
        }
        Row market = first(table.get(), r -> isMarket(r) && isWindow(r));
        Double total = market == null ? null : num(market, Columns.REVENUE);
        if (total != null) {
            Double yoy = num(market, Columns.YOY_GROWTH);
            String months = Integer.toString(windowMonths());
            String units = numbers.integer(num(market, Columns.UNITS));
            // without units the sentence leaves them out rather than print an empty figure
            String keys = num(market, Columns.UNITS) == null ? ".no_units" : "";
            if (yoy == null) {
                add(Topic.MARKET_SIZE, texts.get("finding.market_size.revenue" + keys, windowText(), numbers.moneyCompact(total), units));
            } else {
                add(Topic.MARKET_SIZE, texts.get("finding.market_size.revenue_growth" + keys, windowText(), numbers.moneyCompact(total), units,
                                numbers.signedPercent(yoy, 1), months),
                        texts.get(yoy >= FLAT_GROWTH ? "finding.action.market.growing" : yoy <= -FLAT_GROWTH
                                ? "finding.action.market.shrinking" : "finding.action.market.flat"), total, yoy);
            }
            Double cagr = num(market, Columns.CAGR);
            // with a 12-month window the CAGR is the year-on-year growth; say it only when it differs
            if (cagr != null && (yoy == null || !numbers.signedPercent(cagr, 1).equals(numbers.signedPercent(yoy, 1)))) {
                add(Topic.MARKET_SIZE, texts.get("finding.market_size.cagr", numbers.signedPercent(cagr, 1)));
            }
            List<String> bySize = categoriesByRevenue();
            if (!bySize.isEmpty() && total > 0) {
                String largest = bySize.get(0);
                Double revenue = categoryRevenue.get(largest);
                add(Topic.MARKET_SIZE, texts.get("finding.market_size.largest", largest,
                        numbers.percent(revenue / total, 1), numbers.moneyCompact(revenue)));
            }
        }
        Map<String, Double> growth = new HashMap<>();
        for (Row r : table.get().rows()) {
            Double yoy = num(r, Columns.YOY_GROWTH);
            if (isCategory(r) && isWindow(r) && yoy != null) {
                growth.put(str(r, Columns.CATEGORY), yoy);
            }
        }
        if (growth.isEmpty()) {
            return;
        }
        Map.Entry<String, Double> fastest = growth.entrySet().stream()
                .max(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow();
        if (fastest.getValue() > 0) {
            add(Topic.MARKET_SIZE, texts.get("finding.market_size.fastest", fastest.getKey(),
                    numbers.signedPercent(fastest.getValue(), 1), Integer.toString(windowMonths())),
                    texts.get("finding.action.fastest", fastest.getKey()), categoryRevenue.get(fastest.getKey()), fastest.getValue());
            fastestCategory = fastest.getKey();
        }
        List<Map.Entry<String, Double>> shrinking = growth.entrySet().stream()
                .filter(e -> e.getValue() < 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        if (shrinking.isEmpty()) {
            add(Topic.MARKET_SIZE, texts.get("finding.market_size.none_shrinking"));
            return;
        }
        // at stake: the shrinking categories' revenue R = Σ R_c; their change: the revenue-weighted growth Σ R_c·g_c ÷ R
        double atStake = 0;
        double weighted = 0;
        String worst = null;
        double worstLoss = 0;
        for (Map.Entry<String, Double> e : shrinking) {
            double revenue = categoryRevenue.getOrDefault(e.getKey(), 0.0);
            atStake += revenue;
            weighted += revenue * e.getValue();
            if (worst == null || revenue * -e.getValue() > worstLoss) {
                worst = e.getKey();
                worstLoss = revenue * -e.getValue();
            }
        }
        add(Topic.MARKET_SIZE, texts.get("finding.market_size.shrinking", list(shrinking.stream()
                        .map(e -> item(e.getKey(), numbers.signedPercent(e.getValue(), 1))).toList())),
                texts.get("finding.action.shrinking", worst), atStake, atStake > 0 ? weighted / atStake : null);
    }

    // ---------------------------------------------------------------- life cycle

    private void lifecycle() {
        Optional<Table> table = table(Tables.LIFECYCLE.name(), Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.STAGE);
        if (table.isEmpty()) {
            return;
        }
        Row market = first(table.get(), KeyFindings::isMarket);
        if (market != null && !str(market, Columns.STAGE).isEmpty()) {
            Double yoy = num(market, Columns.YOY_GROWTH);
            String stage = labels.stage(str(market, Columns.STAGE));
            add(Topic.LIFECYCLE, yoy == null ? texts.get("finding.lifecycle.market", stage)
                    : texts.get("finding.lifecycle.market_yoy", stage, numbers.signedPercent(yoy, 1)));
        }
        Map<String, List<String>> byStage = new LinkedHashMap<>();
        for (String stage : Arrays.stream(LifecycleStage.values()).map(LifecycleStage::code).toList()) {
            byStage.put(stage, new ArrayList<>());
        }
        Map<String, List<String>> unstagedByStatus = new LinkedHashMap<>();
        for (Row r : sortedCategories(table.get().rows().stream().filter(this::isCategory).toList())) {
            String stage = str(r, Columns.STAGE);
            if (stage.isEmpty()) {
                unstagedByStatus.computeIfAbsent(str(r, Columns.STATUS), k -> new ArrayList<>()).add(str(r, Columns.CATEGORY));
            } else {
                byStage.computeIfAbsent(stage, s -> new ArrayList<>()).add(str(r, Columns.CATEGORY));
            }
        }
        byStage.forEach((stage, categories) -> {
            if (!categories.isEmpty()) {
                add(Topic.LIFECYCLE, texts.get("finding.lifecycle.stage", labels.stage(stage),
                        numbers.integer(categories.size()), list(categories)));
            }
        });
        // one reason per sentence, so that a long list of young categories reads as one fact
        unstagedByStatus.forEach((status, categories) -> add(Topic.LIFECYCLE, texts.get("finding.lifecycle.unstaged",
                status.isEmpty() ? list(categories) : item(list(categories), labels.status(status)))));
    }

    // ---------------------------------------------------------------- new vs existing

    private void newVsExisting() {
        Optional<Table> table = table(Tables.NEW_VS_EXISTING.name(), Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.PERIOD);
        if (table.isEmpty()) {
            return;
        }
        Row market = first(table.get(), r -> isMarket(r) && isWindow(r));
        if (market == null) {
            return;
        }
        String w = Integer.toString(newProductMonths());
        Double revenueShare = num(market, Columns.NEW_PRODUCT_REVENUE_SHARE);
        if (revenueShare != null) {
            add(Topic.NEW_VS_EXISTING, texts.get("finding.new_vs_existing.share", w, numbers.percent(revenueShare, 1),
                    numbers.percent(num(market, Columns.NEW_PRODUCT_COUNT_SHARE), 1)));
        }
        Double fromNew = num(market, Columns.GROWTH_FROM_NEW);
        Double fromExisting = num(market, Columns.GROWTH_FROM_EXISTING);
        if (fromNew != null && fromExisting != null) {
            // the two parts add up to the revenue growth R(t) ÷ R(t−1) − 1 (README, new_vs_existing)
            add(Topic.NEW_VS_EXISTING, texts.get("finding.new_vs_existing.growth",
                    numbers.signedPercent(fromNew + fromExisting, 1), numbers.signedPercent(fromNew, 1),
                    numbers.signedPercent(fromExisting, 1)));
        }
        if (Codes.INSUFFICIENT_HISTORY.equals(str(market, Columns.STATUS))) {
            add(Topic.NEW_VS_EXISTING, texts.get("finding.new_vs_existing.insufficient", w));
        }
    }

    // ---------------------------------------------------------------- seasonality

    private void seasonality() {
        Optional<Table> table = table(Tables.SEASONALITY.name(), Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.MONTH, Columns.SEASONAL_INDEX);
        if (table.isEmpty()) {
            return;
        }
        List<Row> rows = table.get().rows().stream().filter(KeyFindings::isMarket)
                .sorted(Comparator.comparingDouble(r -> num(r, Columns.MONTH) == null ? 99 : num(r, Columns.MONTH))).toList();
        if (rows.isEmpty()) {
            return;
        }
        if (rows.stream().anyMatch(r -> Codes.INSUFFICIENT_HISTORY.equals(str(r, Columns.STATUS)))) {
            add(Topic.SEASONALITY, texts.get("finding.seasonality.insufficient", numbers.integer(num(rows.get(0), Columns.MONTHS))));
            return;
        }
        List<String> peak = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (Row r : rows) {
            Double month = num(r, Columns.MONTH);
            Double index = num(r, Columns.SEASONAL_INDEX);
            if (month == null || index == null) {
                continue;
            }
            String entry = item(labels.month((int) Math.round(month)), numbers.decimal(index, 2));
            String season = str(r, Columns.SEASON);
            if (Season.PEAK.code().equals(season)) {
                peak.add(entry);
            } else if (Season.OFF.code().equals(season)) {
                off.add(entry);
            }
        }
        if (rows.stream().allMatch(r -> num(r, Columns.SEASONAL_INDEX) == null)) {
            return;
        }
        add(Topic.SEASONALITY, texts.get("finding.seasonality.months", listOrNone(peak), listOrNone(off)));
    }

    // ---------------------------------------------------------------- change and turning points

    private void changePoints() {
        Optional<Table> table = table(Tables.CHANGE_POINTS.name(), Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.PERIOD, Columns.DIRECTION);
        if (table.isEmpty()) {
            return;
        }
        List<Row> shifts = table.get().rows().stream().filter(KeyFindings::isReportableShift).toList();
        List<Row> market = table.get().rows().stream().filter(KeyFindings::isMarket).toList();
        Row notComputed = market.stream().filter(r -> str(r, Columns.PERIOD).isEmpty() && !str(r, Columns.STATUS).isEmpty())
                .findFirst().orElse(null);
        Row latest = latest(shifts.stream().filter(KeyFindings::isMarket).toList());
        if (latest != null) {
            add(Topic.CHANGE_POINTS, texts.get("finding.change_points.latest", str(latest, Columns.PERIOD),
                    labels.direction(str(latest, Columns.DIRECTION)), magnitude(change(latest)),
                    numbers.moneyCompact(num(latest, Columns.LEVEL_BEFORE)), numbers.moneyCompact(num(latest, Columns.LEVEL_AFTER))),
                    texts.get(change(latest) >= 0 ? "finding.action.shift.up" : "finding.action.shift.down"), marketRevenue(),
                    change(latest));
        } else if (notComputed != null) {
            add(Topic.CHANGE_POINTS, texts.get("finding.change_points.not_computed", labels.status(str(notComputed, Columns.STATUS))));
        } else {
            add(Topic.CHANGE_POINTS, texts.get("finding.change_points.none"));
        }
        Optional<YearMonth> last = lastMonth();
        List<String> categories = knownCategories(table.get());
        if (last.isEmpty() || categories.isEmpty()) {
            return;
        }
        String from = last.get().minusMonths(SHIFT_MONTHS - 1L).toString();
        String to = last.get().toString();
        Map<String, Row> shifted = new TreeMap<>();
        for (Row r : shifts) {
            String period = str(r, Columns.PERIOD);
            if (isCategory(r) && period.compareTo(from) >= 0 && period.compareTo(to) <= 0) {
                shifted.merge(str(r, Columns.CATEGORY), r, (a, b) -> str(a, Columns.PERIOD).compareTo(str(b, Columns.PERIOD)) >= 0 ? a : b);
            }
        }
        String months = Integer.toString(SHIFT_MONTHS);
        if (shifted.isEmpty()) {
            add(Topic.CHANGE_POINTS, texts.get("finding.change_points.categories_none", numbers.integer(categories.size()), months));
            return;
        }
        List<String> items = new ArrayList<>();
        for (String category : sortByRevenue(new ArrayList<>(shifted.keySet()))) {
            Row r = shifted.get(category);
            items.add(texts.get("finding.change_points.item", category, labels.direction(str(r, Columns.DIRECTION)),
                    magnitude(change(r)), str(r, Columns.PERIOD)));
        }
        add(Topic.CHANGE_POINTS, texts.get("finding.change_points.categories", numbers.integer(shifted.size()),
                numbers.integer(Math.max(categories.size(), shifted.size())), list(items), months));
    }

    /**
     * A change worth a sentence: a level shift (a table without {@code kind} holds level shifts only) whose size is
     * known — a trend break or a change without a figure would read as news with nothing to say.
     */
    private static boolean isReportableShift(Row r) {
        boolean shift = !r.table().has(Columns.KIND) || r.is(Columns.KIND, ChangeKind.LEVEL_SHIFT.code());
        return shift && !str(r, Columns.PERIOD).isEmpty() && change(r) != null;
    }

    /** The relative change of a level shift: the table's {@code change}, else after ÷ before − 1. */
    private static Double change(Row r) {
        Double change = num(r, Columns.CHANGE);
        if (change != null) {
            return change;
        }
        Double before = num(r, Columns.LEVEL_BEFORE);
        Double after = num(r, Columns.LEVEL_AFTER);
        return before == null || after == null || before == 0 ? null : after / before - 1;
    }

    /** A change without its sign (the direction word carries it): −0.248 → 24.8%. */
    private String magnitude(Double change) {
        return numbers.percent(change == null ? null : Math.abs(change), 1);
    }

    private void turningPoints() {
        Optional<Table> table = table(Tables.TURNING_POINTS.name(), Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.PERIOD, Columns.KIND);
        if (table.isEmpty()) {
            return;
        }
        List<Row> market = table.get().rows().stream().filter(KeyFindings::isMarket).toList();
        Row latest = latest(market);
        Row notComputed = market.stream().filter(r -> str(r, Columns.PERIOD).isEmpty() && !str(r, Columns.STATUS).isEmpty())
                .findFirst().orElse(null);
        if (latest != null) {
            add(Topic.TURNING_POINTS, texts.get("finding.turning_points.latest", labels.kind(str(latest, Columns.KIND)),
                    str(latest, Columns.PERIOD), numbers.moneyCompact(num(latest, Columns.LEVEL))));
        } else if (notComputed != null) {
            add(Topic.TURNING_POINTS, texts.get("finding.turning_points.not_computed", labels.status(str(notComputed, Columns.STATUS))));
        } else {
            add(Topic.TURNING_POINTS, texts.get("finding.turning_points.none"));
        }
    }

    /** The row with the latest period among those that have one. */
    private static Row latest(List<Row> rows) {
        return rows.stream().filter(r -> !str(r, Columns.PERIOD).isEmpty())
                .max(Comparator.comparing(r -> str(r, Columns.PERIOD))).orElse(null);
    }

    // ---------------------------------------------------------------- forecast

    private void forecast() {
        Optional<Table> table = table(Tables.FORECAST.name(), Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.PERIOD, Columns.FORECAST);
        table.ifPresent(this::forecastTotal);
        table(Tables.FORECAST_BACKTEST.name(), Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.SMAPE).ifPresent(this::backtest);
    }

    private void forecastTotal(Table table) {
        List<Row> rows = table.rows().stream().filter(r -> isMarket(r) && !str(r, Columns.PERIOD).isEmpty())
                .sorted(Comparator.comparing(r -> str(r, Columns.PERIOD))).toList();
        if (rows.isEmpty() || rows.stream().anyMatch(r -> num(r, Columns.FORECAST) == null)) {
            return;
        }
        int h = rows.size();
        double total = rows.stream().mapToDouble(r -> num(r, Columns.FORECAST)).sum();
        String first = str(rows.get(0), Columns.PERIOD);
        String last = str(rows.get(h - 1), Columns.PERIOD);
        Double actual = lastMonthsRevenue(first, h);
        String horizon = Integer.toString(h);
        if (actual == null || actual <= 0) {
            add(Topic.FORECAST, texts.get("finding.forecast.total", horizon, first, last, numbers.moneyCompact(total)));
        } else {
            double change = total / actual - 1;
            String direction = change > FLAT_FORECAST ? Direction.UP.code() : change < -FLAT_FORECAST ? Direction.DOWN.code() : "flat";
            add(Topic.FORECAST, texts.get("finding.forecast." + direction, numbers.moneyCompact(total), horizon, first,
                    last, numbers.signedPercent(change, 1), numbers.moneyCompact(actual)),
                    texts.get("finding.action.forecast." + direction), actual, change);
        }
        boolean interval = rows.stream().allMatch(r -> num(r, Columns.LOWER) != null && num(r, Columns.UPPER) != null);
        String model = labels.model(str(rows.get(h - 1), Columns.MODEL));
        if (interval) {
            // the sum of the monthly bounds: a conservative range for the total (exact when errors move together)
            Double level = num(rows.get(0), Columns.INTERVAL_LEVEL);
            add(Topic.FORECAST, texts.get("finding.forecast.interval", numbers.percent(level == null ? DEFAULT_INTERVAL_LEVEL : level, 0),
                    numbers.moneyCompact(rows.stream().mapToDouble(r -> num(r, Columns.LOWER)).sum()),
                    numbers.moneyCompact(rows.stream().mapToDouble(r -> num(r, Columns.UPPER)).sum()), model));
        } else if (!str(rows.get(h - 1), Columns.MODEL).isEmpty()) {
            add(Topic.FORECAST, texts.get("finding.forecast.model", model));
        }
    }

    /** Market revenue of the {@code h} months before {@code firstForecast}; null unless all of them are in market_size. */
    private Double lastMonthsRevenue(String firstForecast, int h) {
        YearMonth first = month(firstForecast);
        Optional<Table> table = table(Tables.MARKET_SIZE.name(), Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.PERIOD, Columns.REVENUE);
        if (first == null || table.isEmpty()) {
            return null;
        }
        Map<String, Double> revenue = new HashMap<>();
        for (Row r : table.get().rows()) {
            if (isMarket(r) && num(r, Columns.REVENUE) != null) {
                revenue.put(str(r, Columns.PERIOD), num(r, Columns.REVENUE));
            }
        }
        double sum = 0;
        for (int i = 1; i <= h; i++) {
            Double v = revenue.get(first.minusMonths(i).toString());
            if (v == null) {
                return null;
            }
            sum += v;
        }
        return sum;
    }

    private void backtest(Table table) {
        Row market = first(table, KeyFindings::isMarket);
        Double smape = market == null ? null : num(market, Columns.SMAPE);
        if (smape == null) {
            return;
        }
        Double holdout = num(market, Columns.HOLDOUT);
        String months = holdout == null ? Integer.toString(configInt("backtest_months", DEFAULT_BACKTEST_MONTHS)) : numbers.integer(holdout);
        Double baseline = num(market, Columns.BASELINE_SMAPE);
        if (baseline == null) {
            add(Topic.FORECAST, texts.get("finding.forecast.backtest", months, numbers.percentValue(smape, 1)));
        } else {
            add(Topic.FORECAST, texts.get(smape <= baseline ? "finding.forecast.backtest_better" : "finding.forecast.backtest_worse",
                    months, numbers.percentValue(smape, 1), numbers.percentValue(baseline, 1)));
        }
    }

    // ---------------------------------------------------------------- concentration and competition

    private void concentration() {
        Optional<Table> table = table(Tables.CONCENTRATION.name(), Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.PERIOD, Columns.ENTITY, Columns.HHI);
        if (table.isEmpty()) {
            return;
        }
        List<Row> rows = table.get().rows().stream()
                .filter(r -> isCategory(r) && isWindow(r) && r.is(Columns.ENTITY, Codes.SELLER) && num(r, Columns.HHI) != null)
                .sorted(Comparator.<Row>comparingDouble(r -> -num(r, Columns.HHI)).thenComparing(r -> str(r, Columns.CATEGORY)))
                .toList();
        if (rows.isEmpty()) {
            return;
        }
        Function<Row, Object[]> args = r -> new Object[]{str(r, Columns.CATEGORY), numbers.integer(num(r, Columns.HHI)),
                numbers.percentValue(num(r, Columns.CR4), 1), labels.hhiClass(str(r, Columns.DOJ2023_CLASS))};
        if (rows.size() == 1) {
            add(Topic.CONCENTRATION, texts.get("finding.concentration.single", args.apply(rows.get(0))));
            return;
        }
        Row most = rows.get(0);
        Row least = rows.get(rows.size() - 1);
        add(Topic.CONCENTRATION, texts.get("finding.concentration.most", args.apply(most)),
                Codes.UNCONCENTRATED.equals(str(most, Columns.DOJ2023_CLASS)) ? texts.get("finding.action.unconcentrated")
                        : texts.get("finding.action.concentrated", str(least, Columns.CATEGORY), numbers.integer(num(least, Columns.HHI))),
                categoryRevenue.get(str(most, Columns.CATEGORY)), hhiChange(most));
        add(Topic.CONCENTRATION, texts.get("finding.concentration.least", args.apply(least)));
        Map<String, Long> counts = rows.stream().collect(Collectors.groupingBy(r -> str(r, Columns.DOJ2023_CLASS),
                LinkedHashMap::new, Collectors.counting()));
        List<String> parts = new ArrayList<>();
        for (String code : List.of(Codes.HIGHLY_CONCENTRATED, Codes.MODERATELY_CONCENTRATED, Codes.UNCONCENTRATED)) {
            Long n = counts.remove(code);
            if (n != null) {
                parts.add(texts.get("finding.concentration.class_count", numbers.integer(n), labels.hhiClass(code)));
            }
        }
        counts.forEach((code, n) -> parts.add(texts.get("finding.concentration.class_count", numbers.integer(n), labels.hhiClass(code))));
        add(Topic.CONCENTRATION, texts.get("finding.concentration.classes", numbers.integer(rows.size()), list(parts)));
    }

    /** The relative change of a row's HHI over the window: hhi_change ÷ (hhi − hhi_change); null without a change. */
    private static Double hhiChange(Row r) {
        Double hhi = num(r, Columns.HHI);
        Double change = num(r, Columns.HHI_CHANGE);
        return hhi == null || change == null || hhi - change <= 0 ? null : change / (hhi - change);
    }

    private void competition() {
        Optional<Table> table = table(Tables.COMPETITION_INTENSITY.name(), Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.PERIOD, Columns.INDEX);
        if (table.isEmpty()) {
            return;
        }
        List<Row> rows = table.get().rows().stream()
                .filter(r -> isCategory(r) && isWindow(r) && num(r, Columns.INDEX) != null)
                .sorted(Comparator.<Row>comparingDouble(r -> -num(r, Columns.INDEX)).thenComparing(r -> str(r, Columns.CATEGORY)))
                .toList();
        if (rows.isEmpty()) {
            return;
        }
        Row most = rows.get(0);
        if (rows.size() == 1) {
            add(Topic.COMPETITION, texts.get("finding.competition.single", str(most, Columns.CATEGORY), numbers.decimal(num(most, Columns.INDEX), 1)));
            return;
        }
        Row least = rows.get(rows.size() - 1);
        add(Topic.COMPETITION, texts.get("finding.competition.range", str(most, Columns.CATEGORY), numbers.decimal(num(most, Columns.INDEX), 1),
                str(least, Columns.CATEGORY), numbers.decimal(num(least, Columns.INDEX), 1)));
    }

    // ---------------------------------------------------------------- price bands and hot terms

    private void priceBands() {
        Optional<Table> table = table(Tables.PRICE_BANDS.name(), Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.BAND_LOW, Columns.BAND_HIGH,
                Columns.DEMAND_SHARE, Columns.SUPPLY_SHARE, Columns.IS_BEST);
        if (table.isEmpty()) {
            return;
        }
        Map<String, List<Row>> byCategory = new LinkedHashMap<>();
        for (Row r : table.get().rows()) {
            if (isCategory(r) && isWindow(r)) {
                byCategory.computeIfAbsent(str(r, Columns.CATEGORY), c -> new ArrayList<>()).add(r);
            }
        }
        for (String category : topCategories(byCategory)) {
            Row best = byCategory.get(category).stream().filter(r -> "true".equalsIgnoreCase(str(r, Columns.IS_BEST)))
                    .findFirst().orElse(null);
            if (best == null) {
                add(Topic.PRICE_BANDS, texts.get("finding.price_bands.none", category));
                continue;
            }
            add(Topic.PRICE_BANDS, texts.get("finding.price_bands.best", category, bandRange(best),
                    numbers.percent(num(best, Columns.DEMAND_SHARE), 1), numbers.percent(num(best, Columns.SUPPLY_SHARE), 1),
                    numbers.decimal(num(best, Columns.OPPORTUNITY), 2)),
                    texts.get("finding.action.price_band", category), categoryRevenue.get(category), null);
        }
    }

    /** {@code USD 10–20} (en) or {@code 10–20 USD} (zh); cents only when an edge has them. */
    private String bandRange(Row band) {
        Double low = num(band, Columns.BAND_LOW);
        Double high = num(band, Columns.BAND_HIGH);
        int digits = whole(low) && whole(high) ? 0 : 2;
        return texts.get("finding.price_bands.range", numbers.decimal(low, digits), numbers.decimal(high, digits),
                numbers.currency()).trim();
    }

    private static boolean whole(Double v) {
        return v == null || v == Math.rint(v);
    }

    private void hotTerms() {
        Optional<Table> table = table(Tables.HOT_TERMS.name(), Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.TERM, Columns.RANK);
        if (table.isEmpty()) {
            return;
        }
        Map<String, List<Row>> byScope = new LinkedHashMap<>();
        for (Row r : table.get().rows()) {
            if ((isMarket(r) || isCategory(r)) && isWindow(r)) {
                byScope.computeIfAbsent(str(r, Columns.CATEGORY), c -> new ArrayList<>()).add(r);
            }
        }
        // the market's own terms when the run has them (README: hot terms are per category-level scope)
        if (byScope.containsKey(Scopes.ALL)) {
            terms(texts.get("finding.hot_terms.market", topTerms(byScope.get(Scopes.ALL))), byScope.get(Scopes.ALL));
            return;
        }
        for (String category : topCategories(byScope)) {
            List<Row> rows = byScope.get(category);
            String top = topTerms(rows);
            if (!top.isEmpty()) {
                terms(texts.get("finding.hot_terms.category", category, top), rows);
            }
        }
    }

    /**
     * The top terms and the fastest riser; with a riser, a key finding: at stake the riser's own window revenue (its
     * weight: the revenue of the listings carrying it), its change the riser's growth.
     */
    private void terms(String topSentence, List<Row> rows) {
        Row riser = rows.stream().filter(r -> num(r, Columns.RISER_RANK) != null && num(r, Columns.GROWTH) != null)
                .min(Comparator.comparingDouble(r -> num(r, Columns.RISER_RANK))).orElse(null);
        if (riser == null) {
            add(Topic.HOT_TERMS, topSentence);
            return;
        }
        add(Topic.HOT_TERMS, sentences(topSentence, texts.get("finding.hot_terms.riser", str(riser, Columns.TERM),
                        numbers.signedPercent(num(riser, Columns.GROWTH), 0))),
                texts.get("finding.action.riser", str(riser, Columns.TERM)), num(riser, Columns.WEIGHT), num(riser, Columns.GROWTH));
    }

    private String topTerms(List<Row> rows) {
        return list(rows.stream().filter(r -> num(r, Columns.RANK) != null && !str(r, Columns.TERM).isEmpty())
                .sorted(Comparator.comparingDouble(r -> num(r, Columns.RANK))).limit(TOP_TERMS).map(r -> str(r, Columns.TERM)).toList());
    }

    // ---------------------------------------------------------------- competitors and product selection

    private void competitors() {
        Optional<Table> table = table(Tables.COMPETITORS.name(), Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.PERIOD,
                Columns.SELLER_ID, Columns.SELLER_PLATFORM, Columns.TYPE, Columns.RANK, Columns.SHARE, Columns.SHARE_CHANGE, Columns.STATUS);
        if (table.isEmpty()) {
            return;
        }
        List<Row> all = table.get().rows().stream().filter(r -> isCategoryScope(r) && isWindow(r)).toList();
        if (!all.isEmpty() && all.stream().allMatch(r -> Labels.holds(str(r, Columns.STATUS), Codes.NO_OWN_STORE))) {
            add(Topic.COMPETITORS, texts.get("finding.competitors.no_own_store"));
        }
        // no finding names a category too thin to judge
        List<Row> rows = all.stream().filter(r -> !lowVolume.contains(str(r, Columns.CATEGORY))).toList();
        table(Tables.COMPETITOR_BENCHMARK.name(), Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.PERIOD, Columns.IS_OWN,
                Columns.RANK, Columns.SHARE, Columns.REVENUE).ifPresent(b -> ownStore(b, rows));
        // the share moved, in points ÷ 100, of the category's revenue: the revenue the emerging seller took
        rows.stream().filter(r -> r.is(Columns.TYPE, CompetitorType.EMERGING.code()) && num(r, Columns.SHARE_CHANGE) != null)
                .max(Comparator.<Row>comparingDouble(r -> num(r, Columns.SHARE_CHANGE)).thenComparing(r -> str(r, Columns.SELLER_ID), Comparator.reverseOrder()))
                .ifPresent(r -> add(Topic.COMPETITORS, texts.get("finding.competitors.emerging", seller(r), str(r, Columns.CATEGORY),
                        str(r, Columns.FIRST_PERIOD).isEmpty() ? Numbers.MISSING : str(r, Columns.FIRST_PERIOD),
                        numbers.percent(num(r, Columns.SHARE), 1), numbers.signedDecimal(num(r, Columns.SHARE_CHANGE), 1)),
                        texts.get("finding.action.emerging", str(r, Columns.CATEGORY)), categoryRevenue.get(str(r, Columns.CATEGORY)),
                        num(r, Columns.SHARE_CHANGE) / 100));
    }

    /**
     * The own store in its largest category (by its revenue there): its rank among the sellers, share and position, and
     * its largest direct competitor there.
     */
    private void ownStore(Table benchmark, List<Row> competitors) {
        Row own = benchmark.rows().stream().filter(r -> isCategory(r) && isWindow(r) && r.bool(Columns.IS_OWN) && num(r, Columns.REVENUE) != null)
                .max(Comparator.<Row>comparingDouble(r -> num(r, Columns.REVENUE)).thenComparing(r -> str(r, Columns.CATEGORY), Comparator.reverseOrder()))
                .orElse(null);
        if (own == null) {
            return;
        }
        String category = str(own, Columns.CATEGORY);
        String sellers = competitors.stream().filter(r -> category.equals(str(r, Columns.CATEGORY))).map(r -> num(r, Columns.SELLERS))
                .filter(Objects::nonNull).findFirst().map(numbers::integer).orElse(Numbers.MISSING);
        String position = str(own, Columns.POSITION) == null ? Numbers.MISSING : labels.position(str(own, Columns.POSITION));
        String sentence = texts.get("finding.competitors.own", category, numbers.integer(num(own, Columns.RANK)), sellers,
                numbers.percent(num(own, Columns.SHARE), 1), position);
        Row rival = competitors.stream().filter(r -> category.equals(str(r, Columns.CATEGORY)) && r.is(Columns.TYPE, CompetitorType.DIRECT.code())
                        && num(r, Columns.RANK) != null)
                .min(Comparator.comparingDouble(r -> num(r, Columns.RANK))).orElse(null);
        if (rival == null) {
            add(Topic.COMPETITORS, sentence);
            return;
        }
        // at stake: the own store's revenue in the category; its change: the own store's growth there
        add(Topic.COMPETITORS, sentences(sentence, texts.get("finding.competitors.rival", seller(rival),
                        numbers.integer(num(rival, Columns.RANK)), numbers.percent(num(rival, Columns.SHARE), 1),
                        numbers.decimal(num(rival, Columns.PRICE_INDEX), 2))),
                texts.get("finding.action.rival", seller(rival)), num(own, Columns.REVENUE), num(own, Columns.GROWTH));
    }

    private String seller(Row r) {
        return texts.get("cell.seller", str(r, Columns.SELLER_PLATFORM), str(r, Columns.SELLER_ID));
    }

    /**
     * The top pick of the categories over all platforms and marketplaces, with the two components that add most to its
     * score (weight · sign · z, the terms of the score) in words and how robust it is to the weights; a close call
     * names the runner-up; the categories too thin to score are counted.
     */
    private void productSelection() {
        Optional<Table> table = table(Tables.PRODUCT_SELECTION.name(), Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.PERIOD,
                Columns.RANK, Columns.SCORE, Columns.RANK_STABILITY, Columns.STATUS);
        if (table.isEmpty()) {
            return;
        }
        List<Row> candidates = table.get().rows().stream().filter(r -> isCategoryScope(r) && isWindow(r)).toList();
        List<Row> ranked = candidates.stream().filter(r -> num(r, Columns.RANK) != null && isCategory(r))
                .sorted(Comparator.<Row>comparingDouble(r -> num(r, Columns.RANK)).thenComparing(r -> str(r, Columns.CATEGORY))).toList();
        if (ranked.size() >= MIN_RANKED) {
            // at stake: the pick's window revenue (market_size, else the size component); its change: its growth
            String pick = str(ranked.get(0), Columns.CATEGORY);
            if (pick.equals(fastestCategory)) {
                // the pick's sentence names its growth too: the fastest-growing finding informs in its chapter only
                out.replaceAll(f -> f.topic() == Topic.MARKET_SIZE && f.action() != null
                        && f.action().equals(texts.get("finding.action.fastest", pick)) ? new Finding(f.topic(), f.text()) : f);
            }
            Double revenue = categoryRevenue.containsKey(pick) ? categoryRevenue.get(pick) : num(ranked.get(0), Columns.SIZE);
            Double growth = categoryGrowth.containsKey(pick) ? categoryGrowth.get(pick) : num(ranked.get(0), Columns.GROWTH);
            add(Topic.PRODUCT_SELECTION, topPick(ranked, ComponentText.values(), "finding.selection", r -> str(r, Columns.CATEGORY)),
                    texts.get("finding.action.selection", pick), revenue, growth);
        }
        long unscored = candidates.stream().filter(r -> num(r, Columns.RANK) == null && Labels.holds(str(r, Columns.STATUS), Codes.LOW_VOLUME))
                .map(r -> str(r, Columns.CATEGORY)).distinct().count();
        if (unscored > 0) {
            add(Topic.PRODUCT_SELECTION, texts.get(unscored == 1 ? "finding.selection.unscored.one" : "finding.selection.unscored",
                    numbers.integer(unscored)));
        }
    }

    /**
     * The top pick of a ranking ({@code ranked}, rank 1 first) with the {@value #TOP_STRENGTHS} components that add most
     * to its score (weight · sign · z, the terms of the score) in words and how robust its place is to the weights; a
     * close call names the runner-up. {@code keys} prefixes the sentences' keys ({@code <keys>.top},
     * {@code <keys>.top_plain}); {@code name} names a candidate.
     */
    private String topPick(List<Row> ranked, ScoreComponentText[] components, String keys, Function<Row, String> name) {
        Row top = ranked.get(0);
        List<String> strengths = Arrays.stream(components)
                .filter(c -> contribution(c, top) != null && contribution(c, top) > 0)
                .sorted(Comparator.comparingDouble(c -> -contribution(c, top)))
                .limit(TOP_STRENGTHS)
                .map(c -> texts.get(c.strengthKey(), c.format(numbers, num(top, c.column()))))
                .toList();
        Double stability = num(top, Columns.RANK_STABILITY);
        String robust = numbers.percent(stability, 0);
        String pick = strengths.isEmpty()
                ? texts.get(keys + ".top_plain", name.apply(top), numbers.decimal(num(top, Columns.SCORE), 2), robust)
                : texts.get(keys + ".top", name.apply(top), list(strengths), robust);
        if (stability != null && stability < CLOSE_CALL && ranked.size() > 1) {
            Row second = ranked.get(1);
            pick = sentences(pick, texts.get("finding.close_call", name.apply(second),
                    numbers.decimal(num(top, Columns.SCORE), 2), numbers.decimal(num(second, Columns.SCORE), 2),
                    numbers.percent(num(second, Columns.RANK_STABILITY), 0)));
        }
        return pick;
    }

    /** A component's term of the candidate's score, weight · sign · z; null without a z-score. */
    private Double contribution(ScoreComponentText c, Row r) {
        Double good = c.goodness(num(r, c.zColumn()));
        return good == null ? null : c.weight(run) * good;
    }

    // ---------------------------------------------------------------- platform comparison

    /** The top-ranked platform × marketplace over all categories (set (a) of {@code platform_comparison}). */
    private void platforms() {
        Optional<String> sentence = topPlatform();
        topPlatformRow().ifPresent(top -> sentence.ifPresent(text -> add(Topic.PLATFORMS, text,
                texts.get("finding.action.platform", market(top)), num(top, Columns.REVENUE), num(top, Columns.GROWTH))));
    }

    /** The rank-1 platform × marketplace over all categories. */
    private Optional<Row> topPlatformRow() {
        return table(Tables.PLATFORM_COMPARISON.name(), Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.PERIOD, Columns.RANK)
                .flatMap(t -> t.rows().stream().filter(r -> isPlatformMarketplace(r) && isWindow(r) && num(r, Columns.RANK) != null)
                        .min(Comparator.<Row>comparingDouble(r -> num(r, Columns.RANK)).thenComparing(this::market)));
    }

    /**
     * The sentence on the top-ranked platform × marketplace of the window over all categories: its two strongest
     * components and its robustness, as the key findings state it; empty when the run ranked none.
     */
    public static Optional<String> topPlatform(RunFolder run, Texts texts, Numbers numbers) {
        return new KeyFindings(run, texts, numbers).topPlatform();
    }

    private Optional<String> topPlatform() {
        Optional<Table> table = table(Tables.PLATFORM_COMPARISON.name(), Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY,
                Columns.PERIOD, Columns.RANK, Columns.SCORE, Columns.RANK_STABILITY);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        List<Row> ranked = table.get().rows().stream().filter(r -> isPlatformMarketplace(r) && isWindow(r) && num(r, Columns.RANK) != null)
                .sorted(Comparator.<Row>comparingDouble(r -> num(r, Columns.RANK)).thenComparing(this::market)).toList();
        return ranked.size() < MIN_RANKED ? Optional.empty()
                : Optional.of(topPick(ranked, PlatformComponentText.values(), "finding.platforms", this::market));
    }

    /** A row of one platform × marketplace over all categories. */
    public static boolean isPlatformMarketplace(Row r) {
        String platform = str(r, Columns.PLATFORM);
        String marketplace = str(r, Columns.MARKETPLACE);
        return r.is(Columns.CATEGORY, Scopes.ALL) && !platform.isEmpty() && !marketplace.isEmpty() && !Scopes.ALL.equals(platform)
                && !Scopes.ALL.equals(marketplace);
    }

    /** "platform / marketplace". */
    private String market(Row r) {
        return texts.get("cell.market", str(r, Columns.PLATFORM), str(r, Columns.MARKETPLACE));
    }

    // ---------------------------------------------------------------- logistics

    private void logistics() {
        table(Tables.LOGISTICS_LANES.name(), Columns.CARRIER, Columns.SERVICE, Columns.DESTINATION_COUNTRY, Columns.DESTINATION_REGION, Columns.PERIOD, Columns.SHIPMENTS,
                Columns.LEAD_TIME_P50).ifPresent(this::lanes);
        table(Tables.LANE_RANKING.name(), Columns.DESTINATION_COUNTRY, Columns.CARRIER, Columns.RANK).ifPresent(this::bestLanes);
    }

    private void lanes(Table table) {
        Row all = first(table, r -> isWindow(r) && r.is(Columns.CARRIER, Scopes.ALL) && r.is(Columns.SERVICE, Scopes.ALL)
                && r.is(Columns.DESTINATION_COUNTRY, Scopes.ALL) && r.is(Columns.DESTINATION_REGION, Scopes.ALL));
        if (all != null && num(all, Columns.SHIPMENTS) != null) {
            add(Topic.LOGISTICS, texts.get("finding.logistics.overall", numbers.integer(num(all, Columns.SHIPMENTS)),
                    numbers.decimal(num(all, Columns.LEAD_TIME_P50), 1), numbers.percent(num(all, Columns.ON_TIME_RATE), 1)));
            if (num(all, Columns.COST_SHARE) != null) {
                add(Topic.LOGISTICS, texts.get("finding.logistics.cost_share", numbers.percent(num(all, Columns.COST_SHARE), 1),
                        numbers.money(num(all, Columns.COST_PER_KG), 2)));
            }
        }
        List<Row> lanes = table.rows().stream()
                .filter(r -> isWindow(r) && !r.is(Columns.CARRIER, Scopes.ALL) && !r.is(Columns.DESTINATION_COUNTRY, Scopes.ALL)
                        && r.is(Columns.DESTINATION_REGION, Scopes.ALL) && num(r, Columns.LEAD_TIME_P50) != null
                        && num(r, Columns.SHIPMENTS) != null && num(r, Columns.SHIPMENTS) >= MIN_LANE_SHIPMENTS)
                .sorted(Comparator.<Row>comparingDouble(r -> num(r, Columns.LEAD_TIME_P50))
                        .thenComparing(r -> -num(r, Columns.SHIPMENTS)).thenComparing(this::laneName))
                .toList();
        String min = Integer.toString(MIN_LANE_SHIPMENTS);
        if (lanes.size() == 1) {
            Row only = lanes.get(0);
            add(Topic.LOGISTICS, texts.get("finding.logistics.one_lane", min, laneName(only),
                    numbers.decimal(num(only, Columns.LEAD_TIME_P50), 1)));
        } else if (lanes.size() > 1) {
            Row fastest = lanes.get(0);
            Row slowest = lanes.get(lanes.size() - 1);
            add(Topic.LOGISTICS, texts.get("finding.logistics.lanes", min, laneName(fastest),
                    numbers.decimal(num(fastest, Columns.LEAD_TIME_P50), 1), laneName(slowest),
                    numbers.decimal(num(slowest, Columns.LEAD_TIME_P50), 1)));
        }
    }

    /** {@code carrier service → country}; the service is left out when the export had none. */
    private String laneName(Row r) {
        return carrierService(r) + " → " + str(r, Columns.DESTINATION_COUNTRY);
    }

    private static String carrierService(Row r) {
        String service = Labels.service(str(r, Columns.CARRIER), str(r, Columns.SERVICE));
        return service.isEmpty() || Scopes.ALL.equals(service) ? str(r, Columns.CARRIER) : str(r, Columns.CARRIER) + " " + service;
    }

    private void bestLanes(Table table) {
        Map<String, List<Row>> byDestination = new LinkedHashMap<>();
        for (Row r : table.rows()) {
            String country = str(r, Columns.DESTINATION_COUNTRY);
            if (isWindow(r) && num(r, Columns.RANK) != null && !country.isEmpty() && !Scopes.ALL.equals(country)) {
                byDestination.computeIfAbsent(country, c -> new ArrayList<>()).add(r);
            }
        }
        List<String> destinations = byDestination.keySet().stream()
                .sorted(Comparator.<String>comparingDouble(c -> -byDestination.get(c).stream()
                        .mapToDouble(r -> num(r, Columns.SHIPMENTS) == null ? 0 : num(r, Columns.SHIPMENTS)).sum())
                        .thenComparing(Comparator.naturalOrder()))
                .limit(TOP_DESTINATIONS).toList();
        for (String country : destinations) {
            Row best = byDestination.get(country).stream().min(Comparator.comparingDouble(r -> num(r, Columns.RANK))).orElseThrow();
            add(Topic.LOGISTICS, texts.get("finding.logistics.best_lane", country, carrierService(best),
                    numbers.decimal(num(best, Columns.SCORE), 3), numbers.decimal(num(best, Columns.LEAD_TIME_P50), 1),
                    numbers.percent(num(best, Columns.ON_TIME_RATE), 1), numbers.money(num(best, Columns.COST_PER_KG), 2)));
        }
    }

    // ---------------------------------------------------------------- data quality

    private void dataQuality() {
        RunManifest manifest = run.manifest();
        if (manifest == null || manifest.inputs() == null || manifest.inputs().isEmpty()) {
            return;
        }
        long read = 0;
        long accepted = 0;
        long quarantined = 0;
        Map<String, Long> reasons = new HashMap<>();
        for (RunManifest.Input input : manifest.inputs()) {
            read += input.rowsRead();
            accepted += input.rowsAccepted();
            quarantined += input.rowsQuarantined();
            if (input.reasons() != null) {
                input.reasons().forEach((reason, n) -> {
                    if (reason != null && n != null) {
                        reasons.merge(reason, n, Long::sum);
                    }
                });
            }
        }
        String files = numbers.integer(manifest.inputs().size());
        boolean oneFile = manifest.inputs().size() == 1;
        if (quarantined == 0) {
            add(Topic.DATA_QUALITY, texts.get(oneFile ? "finding.data_quality.clean.one" : "finding.data_quality.clean", numbers.integer(read), files));
            return;
        }
        add(Topic.DATA_QUALITY, texts.get(oneFile ? "finding.data_quality.rows.one" : "finding.data_quality.rows", numbers.integer(read), files,
                numbers.integer(accepted), numbers.integer(quarantined),
                numbers.percent(read == 0 ? null : (double) quarantined / read, 2)));
        List<String> top = reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_REASONS)
                .map(e -> item(labels.reason(e.getKey()), numbers.integer(e.getValue())))
                .toList();
        if (!top.isEmpty()) {
            add(Topic.DATA_QUALITY, texts.get("finding.data_quality.reasons", list(top)));
        }
    }

    // ---------------------------------------------------------------- helpers

    private void add(Topic topic, String text) {
        add(topic, text, null, null, null);
    }

    /**
     * A finding; one that would print an empty figure ({@link Numbers#MISSING} standing for a number) is left out, and a
     * key finding's action is dropped when its own sentence would.
     */
    private void add(Topic topic, String text, String action, Double revenue, Double change) {
        if (hasEmptyFigure(text)) {
            return;
        }
        out.add(action == null || hasEmptyFigure(action) ? new Finding(topic, text) : new Finding(topic, text, action, revenue, change));
    }

    /**
     * Whether {@code text} holds an empty figure: {@link Numbers#MISSING} not between two letters or digits (a price range
     * "10–20" and a name "Holt–Winters" use the same dash).
     */
    public static boolean hasEmptyFigure(String text) {
        return EMPTY_FIGURE.matcher(text).find();
    }

    private static final java.util.regex.Pattern EMPTY_FIGURE = java.util.regex.Pattern.compile(
            "(?<![A-Za-z0-9])" + Numbers.MISSING + "|" + Numbers.MISSING + "(?![A-Za-z0-9])");

    /** The market's window revenue (market_size, ALL/ALL/ALL); null when the run has none. */
    private Double marketRevenue() {
        return table(Tables.MARKET_SIZE.name(), Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.PERIOD, Columns.REVENUE)
                .map(t -> first(t, r -> isMarket(r) && isWindow(r))).map(r -> num(r, Columns.REVENUE)).orElse(null);
    }

    /** The table when the run wrote it with all of {@code columns}. */
    private Optional<Table> table(String name, String... columns) {
        Optional<Table> t = run.table(name);
        if (t.isEmpty()) {
            return t;
        }
        for (String c : columns) {
            if (!t.get().has(c)) {
                return Optional.empty();
            }
        }
        return t;
    }

    private static Row first(Table t, Predicate<Row> filter) {
        return t.rows().stream().filter(filter).findFirst().orElse(null);
    }

    /** The cell as a finite number; null when the column is absent, the cell empty or not a number. */
    static Double num(Row r, String column) {
        if (!r.table().has(column)) {
            return null;
        }
        try {
            Double d = r.num(column);
            return d == null || !Double.isFinite(d) ? null : d;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The trimmed cell; {@code ""} when the column is absent or the cell empty. */
    static String str(Row r, String column) {
        return r.table().has(column) ? r.str(column).trim() : "";
    }

    /** A row of one category over all platforms and marketplaces, whatever its volume (tables that judge it themselves). */
    private static boolean isCategoryScope(Row r) {
        String category = str(r, Columns.CATEGORY);
        return r.is(Columns.PLATFORM, Scopes.ALL) && r.is(Columns.MARKETPLACE, Scopes.ALL) && !category.isEmpty() && !Scopes.ALL.equals(category);
    }

    private static boolean isMarket(Row r) {
        return r.is(Columns.PLATFORM, Scopes.ALL) && r.is(Columns.MARKETPLACE, Scopes.ALL) && r.is(Columns.CATEGORY, Scopes.ALL);
    }

    /** A row of one category over all platforms and marketplaces, unless the category is too thin to judge. */
    private boolean isCategory(Row r) {
        return isCategoryScope(r) && !lowVolume.contains(str(r, Columns.CATEGORY));
    }

    /** A window row; a table without a period column (price bands of old runs) is a window table. */
    private static boolean isWindow(Row r) {
        return !r.table().has(Columns.PERIOD) || r.is(Columns.PERIOD, Scopes.WINDOW);
    }

    private List<String> categoriesByRevenue() {
        return sortByRevenue(new ArrayList<>(categoryRevenue.keySet()));
    }

    /** Categories by window revenue (largest first; those without revenue last, by name). */
    private List<String> sortByRevenue(List<String> categories) {
        categories.sort(Comparator.<String>comparingDouble(c -> -categoryRevenue.getOrDefault(c, Double.NEGATIVE_INFINITY))
                .thenComparing(Comparator.naturalOrder()));
        return categories;
    }

    private List<Row> sortedCategories(List<Row> rows) {
        List<String> order = sortByRevenue(rows.stream().map(r -> str(r, Columns.CATEGORY)).distinct()
                .collect(Collectors.toCollection(ArrayList::new)));
        return rows.stream().sorted(Comparator.comparingInt(r -> order.indexOf(str(r, Columns.CATEGORY)))).toList();
    }

    /** The {@link #TOP_CATEGORIES} largest categories among the keys of {@code byCategory} (ALL excluded). */
    private List<String> topCategories(Map<String, ?> byCategory) {
        List<String> categories = byCategory.keySet().stream().filter(c -> !Scopes.ALL.equals(c))
                .collect(Collectors.toCollection(ArrayList::new));
        return sortByRevenue(categories).stream().limit(TOP_CATEGORIES).toList();
    }

    /** The categories of the run: those of market_size's window, else those of {@code fallback}. */
    private List<String> knownCategories(Table fallback) {
        if (!categoryRevenue.isEmpty()) {
            return categoriesByRevenue();
        }
        return fallback.rows().stream().filter(this::isCategory).map(r -> str(r, Columns.CATEGORY)).distinct().toList();
    }

    private int windowMonths() {
        return run.windowMonths();
    }

    private int newProductMonths() {
        return configInt("new_product_months", DEFAULT_NEW_PRODUCT_MONTHS);
    }

    /** A whole-number setting of the run's {@code metrics} config, {@code fallback} when absent. */
    private int configInt(String key, int fallback) {
        return config().get("metrics") instanceof Map<?, ?> metrics && metrics.get(key) instanceof Number n && n.intValue() > 0
                ? n.intValue() : fallback;
    }

    private Map<String, Object> config() {
        RunManifest m = run.manifest();
        return m == null || m.config() == null ? Map.of() : m.config();
    }

    /** The last month of the window: the market's latest monthly row, else the last full month by the as-of date. */
    private Optional<YearMonth> lastMonth() {
        Optional<YearMonth> fromTable = table(Tables.MARKET_SIZE.name(), Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.PERIOD)
                .flatMap(t -> t.rows().stream().filter(KeyFindings::isMarket).map(r -> month(str(r, Columns.PERIOD)))
                        .filter(Objects::nonNull).max(Comparator.naturalOrder()));
        return fromTable.isPresent() ? fromTable : run.lastFullMonth();
    }

    private static YearMonth month(String period) {
        try {
            return YearMonth.parse(period);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** "the 12 months to 2025-08", or "the last 12 months" when the last month is unknown. */
    private String windowText() {
        String months = Integer.toString(windowMonths());
        return lastMonth().map(m -> texts.get("finding.window.to", months, m.toString()))
                .orElseGet(() -> texts.get("finding.window.last", months));
    }

    private String item(String name, String detail) {
        return texts.get("finding.item", name, detail);
    }

    /** The items joined; past {@value #MAX_LISTED}, the first ones and how many more (a sentence stays readable). */
    private String list(List<String> items) {
        if (items.size() <= MAX_LISTED) {
            return String.join(texts.get("finding.list.separator"), items);
        }
        return texts.get("finding.list.more", String.join(texts.get("finding.list.separator"), items.subList(0, MAX_LISTED)),
                numbers.integer((long) items.size() - MAX_LISTED));
    }

    private String listOrNone(List<String> items) {
        return items.isEmpty() ? texts.get("finding.none") : list(items);
    }

    /** Two sentences of one finding: a space between them in English, none in Chinese. */
    private String sentences(String a, String b) {
        return texts.lang() == Lang.ZH ? a + b : a + " " + b;
    }
}
