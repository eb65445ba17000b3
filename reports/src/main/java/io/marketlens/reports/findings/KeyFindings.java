package io.marketlens.reports.findings;

import io.marketlens.reports.data.RunFolder;
import io.marketlens.reports.data.Table;
import io.marketlens.reports.data.Table.Row;
import io.marketlens.reports.model.RunManifest;
import io.marketlens.reports.text.Lang;
import io.marketlens.reports.text.Numbers;
import io.marketlens.reports.text.Texts;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
 * bands, hot terms, logistics and data quality ({@link Finding#TOPICS}).
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
    /** Quarantine reasons listed. */
    public static final int TOP_REASONS = 3;
    /**
     * The forecast is called level when the next months' total is within ±1 % of the last months'
     * total: smaller differences are well inside any forecast's error.
     */
    public static final double FLAT_FORECAST = 0.01;

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

    private KeyFindings(RunFolder run, Texts texts, Numbers numbers) {
        this.run = run;
        this.texts = texts;
        this.numbers = numbers;
        this.labels = new Labels(texts);
    }

    /** The key findings of {@code run} in the language of {@code texts}. */
    public static List<Finding> of(RunFolder run, Texts texts, Numbers numbers) {
        KeyFindings k = new KeyFindings(run, texts, numbers);
        k.readCategoryRevenue();
        k.marketSize();
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
        k.logistics();
        k.dataQuality();
        return List.copyOf(k.out);
    }

    // ---------------------------------------------------------------- market size

    private void readCategoryRevenue() {
        table("market_size", "platform", "marketplace", "category", "period", "revenue").ifPresent(t -> {
            for (Row r : t.rows()) {
                Double revenue = num(r, "revenue");
                if (isCategory(r) && isWindow(r) && revenue != null) {
                    categoryRevenue.put(str(r, "category"), revenue);
                }
            }
        });
    }

    private void marketSize() {
        Optional<Table> table = table("market_size", "platform", "marketplace", "category", "period", "revenue");
        if (table.isEmpty()) {
            return;
        }
        Row market = first(table.get(), r -> isMarket(r) && isWindow(r));
        Double total = market == null ? null : num(market, "revenue");
        if (total != null) {
            Double yoy = num(market, "yoy_growth");
            String months = Integer.toString(windowMonths());
            String units = numbers.integer(num(market, "units"));
            add(Finding.MARKET_SIZE, yoy == null
                    ? texts.get("finding.market_size.revenue", windowText(), numbers.moneyCompact(total), units)
                    : texts.get("finding.market_size.revenue_growth", windowText(), numbers.moneyCompact(total), units,
                            numbers.signedPercent(yoy, 1), months));
            Double cagr = num(market, "cagr");
            // with a 12-month window the CAGR is the year-on-year growth; say it only when it differs
            if (cagr != null && (yoy == null || !numbers.signedPercent(cagr, 1).equals(numbers.signedPercent(yoy, 1)))) {
                add(Finding.MARKET_SIZE, texts.get("finding.market_size.cagr", numbers.signedPercent(cagr, 1)));
            }
            List<String> bySize = categoriesByRevenue();
            if (!bySize.isEmpty() && total > 0) {
                String largest = bySize.get(0);
                Double revenue = categoryRevenue.get(largest);
                add(Finding.MARKET_SIZE, texts.get("finding.market_size.largest", largest,
                        numbers.percent(revenue / total, 1), numbers.moneyCompact(revenue)));
            }
        }
        Map<String, Double> growth = new HashMap<>();
        for (Row r : table.get().rows()) {
            Double yoy = num(r, "yoy_growth");
            if (isCategory(r) && isWindow(r) && yoy != null) {
                growth.put(str(r, "category"), yoy);
            }
        }
        if (growth.isEmpty()) {
            return;
        }
        Map.Entry<String, Double> fastest = growth.entrySet().stream()
                .max(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow();
        if (fastest.getValue() > 0) {
            add(Finding.MARKET_SIZE, texts.get("finding.market_size.fastest", fastest.getKey(),
                    numbers.signedPercent(fastest.getValue(), 1), Integer.toString(windowMonths())));
        }
        List<String> shrinking = growth.entrySet().stream()
                .filter(e -> e.getValue() < 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> item(e.getKey(), numbers.signedPercent(e.getValue(), 1)))
                .toList();
        add(Finding.MARKET_SIZE, shrinking.isEmpty() ? texts.get("finding.market_size.none_shrinking")
                : texts.get("finding.market_size.shrinking", list(shrinking)));
    }

    // ---------------------------------------------------------------- life cycle

    private void lifecycle() {
        Optional<Table> table = table("lifecycle", "platform", "marketplace", "category", "stage");
        if (table.isEmpty()) {
            return;
        }
        Row market = first(table.get(), KeyFindings::isMarket);
        if (market != null && !str(market, "stage").isEmpty()) {
            Double yoy = num(market, "yoy_growth");
            String stage = labels.stage(str(market, "stage"));
            add(Finding.LIFECYCLE, yoy == null ? texts.get("finding.lifecycle.market", stage)
                    : texts.get("finding.lifecycle.market_yoy", stage, numbers.signedPercent(yoy, 1)));
        }
        Map<String, List<String>> byStage = new LinkedHashMap<>();
        for (String stage : List.of("introduction", "growth", "maturity", "decline")) {
            byStage.put(stage, new ArrayList<>());
        }
        Map<String, List<String>> unstagedByStatus = new LinkedHashMap<>();
        for (Row r : sortedCategories(table.get().rows().stream().filter(KeyFindings::isCategory).toList())) {
            String stage = str(r, "stage");
            if (stage.isEmpty()) {
                unstagedByStatus.computeIfAbsent(str(r, "status"), k -> new ArrayList<>()).add(str(r, "category"));
            } else {
                byStage.computeIfAbsent(stage, s -> new ArrayList<>()).add(str(r, "category"));
            }
        }
        byStage.forEach((stage, categories) -> {
            if (!categories.isEmpty()) {
                add(Finding.LIFECYCLE, texts.get("finding.lifecycle.stage", labels.stage(stage),
                        numbers.integer(categories.size()), list(categories)));
            }
        });
        // one reason per sentence, so that a long list of young categories reads as one fact
        unstagedByStatus.forEach((status, categories) -> add(Finding.LIFECYCLE, texts.get("finding.lifecycle.unstaged",
                status.isEmpty() ? list(categories) : item(list(categories), labels.status(status)))));
    }

    // ---------------------------------------------------------------- new vs existing

    private void newVsExisting() {
        Optional<Table> table = table("new_vs_existing", "platform", "marketplace", "category", "period");
        if (table.isEmpty()) {
            return;
        }
        Row market = first(table.get(), r -> isMarket(r) && isWindow(r));
        if (market == null) {
            return;
        }
        String w = Integer.toString(newProductMonths());
        Double revenueShare = num(market, "new_product_revenue_share");
        if (revenueShare != null) {
            add(Finding.NEW_VS_EXISTING, texts.get("finding.new_vs_existing.share", w, numbers.percent(revenueShare, 1),
                    numbers.percent(num(market, "new_product_count_share"), 1)));
        }
        Double fromNew = num(market, "growth_from_new");
        Double fromExisting = num(market, "growth_from_existing");
        if (fromNew != null && fromExisting != null) {
            // the two parts add up to the revenue growth R(t) ÷ R(t−1) − 1 (README, new_vs_existing)
            add(Finding.NEW_VS_EXISTING, texts.get("finding.new_vs_existing.growth",
                    numbers.signedPercent(fromNew + fromExisting, 1), numbers.signedPercent(fromNew, 1),
                    numbers.signedPercent(fromExisting, 1)));
        }
        if ("insufficient_history".equals(str(market, "status"))) {
            add(Finding.NEW_VS_EXISTING, texts.get("finding.new_vs_existing.insufficient", w));
        }
    }

    // ---------------------------------------------------------------- seasonality

    private void seasonality() {
        Optional<Table> table = table("seasonality", "platform", "marketplace", "category", "month", "seasonal_index");
        if (table.isEmpty()) {
            return;
        }
        List<Row> rows = table.get().rows().stream().filter(KeyFindings::isMarket)
                .sorted(Comparator.comparingDouble(r -> num(r, "month") == null ? 99 : num(r, "month"))).toList();
        if (rows.isEmpty()) {
            return;
        }
        if (rows.stream().anyMatch(r -> "insufficient_history".equals(str(r, "status")))) {
            add(Finding.SEASONALITY, texts.get("finding.seasonality.insufficient", numbers.integer(num(rows.get(0), "months"))));
            return;
        }
        List<String> peak = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (Row r : rows) {
            Double month = num(r, "month");
            Double index = num(r, "seasonal_index");
            if (month == null || index == null) {
                continue;
            }
            String entry = item(labels.month((int) Math.round(month)), numbers.decimal(index, 2));
            switch (str(r, "season")) {
                case "peak" -> peak.add(entry);
                case "off" -> off.add(entry);
                default -> { }
            }
        }
        if (rows.stream().allMatch(r -> num(r, "seasonal_index") == null)) {
            return;
        }
        add(Finding.SEASONALITY, texts.get("finding.seasonality.months", listOrNone(peak), listOrNone(off)));
    }

    // ---------------------------------------------------------------- change and turning points

    private void changePoints() {
        Optional<Table> table = table("change_points", "platform", "marketplace", "category", "period", "direction");
        if (table.isEmpty()) {
            return;
        }
        List<Row> market = table.get().rows().stream().filter(KeyFindings::isMarket).toList();
        Row notComputed = market.stream().filter(r -> str(r, "period").isEmpty() && !str(r, "status").isEmpty())
                .findFirst().orElse(null);
        Row latest = latest(market);
        if (latest != null) {
            add(Finding.CHANGE_POINTS, texts.get("finding.change_points.latest", str(latest, "period"),
                    labels.direction(str(latest, "direction")), magnitude(change(latest)),
                    numbers.moneyCompact(num(latest, "level_before")), numbers.moneyCompact(num(latest, "level_after"))));
        } else if (notComputed != null) {
            add(Finding.CHANGE_POINTS, texts.get("finding.change_points.not_computed", labels.status(str(notComputed, "status"))));
        } else {
            add(Finding.CHANGE_POINTS, texts.get("finding.change_points.none"));
        }
        Optional<YearMonth> last = lastMonth();
        List<String> categories = knownCategories(table.get());
        if (last.isEmpty() || categories.isEmpty()) {
            return;
        }
        String from = last.get().minusMonths(windowMonths() - 1L).toString();
        String to = last.get().toString();
        Map<String, Row> shifted = new TreeMap<>();
        for (Row r : table.get().rows()) {
            String period = str(r, "period");
            if (isCategory(r) && period.compareTo(from) >= 0 && period.compareTo(to) <= 0) {
                shifted.merge(str(r, "category"), r, (a, b) -> str(a, "period").compareTo(str(b, "period")) >= 0 ? a : b);
            }
        }
        if (shifted.isEmpty()) {
            add(Finding.CHANGE_POINTS, texts.get("finding.change_points.categories_none", numbers.integer(categories.size())));
            return;
        }
        List<String> items = new ArrayList<>();
        for (String category : sortByRevenue(new ArrayList<>(shifted.keySet()))) {
            Row r = shifted.get(category);
            items.add(texts.get("finding.change_points.item", category, labels.direction(str(r, "direction")),
                    magnitude(change(r)), str(r, "period")));
        }
        add(Finding.CHANGE_POINTS, texts.get("finding.change_points.categories", numbers.integer(shifted.size()),
                numbers.integer(Math.max(categories.size(), shifted.size())), list(items)));
    }

    /** The relative change of a level shift: the table's {@code change}, else after ÷ before − 1. */
    private static Double change(Row r) {
        Double change = num(r, "change");
        if (change != null) {
            return change;
        }
        Double before = num(r, "level_before");
        Double after = num(r, "level_after");
        return before == null || after == null || before == 0 ? null : after / before - 1;
    }

    /** A change without its sign (the direction word carries it): −0.248 → 24.8%. */
    private String magnitude(Double change) {
        return numbers.percent(change == null ? null : Math.abs(change), 1);
    }

    private void turningPoints() {
        Optional<Table> table = table("turning_points", "platform", "marketplace", "category", "period", "kind");
        if (table.isEmpty()) {
            return;
        }
        List<Row> market = table.get().rows().stream().filter(KeyFindings::isMarket).toList();
        Row latest = latest(market);
        Row notComputed = market.stream().filter(r -> str(r, "period").isEmpty() && !str(r, "status").isEmpty())
                .findFirst().orElse(null);
        if (latest != null) {
            add(Finding.TURNING_POINTS, texts.get("finding.turning_points.latest", labels.kind(str(latest, "kind")),
                    str(latest, "period"), numbers.moneyCompact(num(latest, "level"))));
        } else if (notComputed != null) {
            add(Finding.TURNING_POINTS, texts.get("finding.turning_points.not_computed", labels.status(str(notComputed, "status"))));
        } else {
            add(Finding.TURNING_POINTS, texts.get("finding.turning_points.none"));
        }
    }

    /** The row with the latest period among those that have one. */
    private static Row latest(List<Row> rows) {
        return rows.stream().filter(r -> !str(r, "period").isEmpty())
                .max(Comparator.comparing(r -> str(r, "period"))).orElse(null);
    }

    // ---------------------------------------------------------------- forecast

    private void forecast() {
        Optional<Table> table = table("forecast", "platform", "marketplace", "category", "period", "forecast");
        table.ifPresent(this::forecastTotal);
        table("forecast_backtest", "platform", "marketplace", "category", "smape").ifPresent(this::backtest);
    }

    private void forecastTotal(Table table) {
        List<Row> rows = table.rows().stream().filter(r -> isMarket(r) && !str(r, "period").isEmpty())
                .sorted(Comparator.comparing(r -> str(r, "period"))).toList();
        if (rows.isEmpty() || rows.stream().anyMatch(r -> num(r, "forecast") == null)) {
            return;
        }
        int h = rows.size();
        double total = rows.stream().mapToDouble(r -> num(r, "forecast")).sum();
        String first = str(rows.get(0), "period");
        String last = str(rows.get(h - 1), "period");
        Double actual = lastMonthsRevenue(first, h);
        String horizon = Integer.toString(h);
        if (actual == null || actual <= 0) {
            add(Finding.FORECAST, texts.get("finding.forecast.total", horizon, first, last, numbers.moneyCompact(total)));
        } else {
            double change = total / actual - 1;
            String direction = change > FLAT_FORECAST ? "up" : change < -FLAT_FORECAST ? "down" : "flat";
            add(Finding.FORECAST, texts.get("finding.forecast." + direction, numbers.moneyCompact(total), horizon, first,
                    last, numbers.signedPercent(change, 1), numbers.moneyCompact(actual)));
        }
        boolean interval = rows.stream().allMatch(r -> num(r, "lower") != null && num(r, "upper") != null);
        String model = labels.model(str(rows.get(h - 1), "model"));
        if (interval) {
            // the sum of the monthly bounds: a conservative range for the total (exact when errors move together)
            Double level = num(rows.get(0), "interval_level");
            add(Finding.FORECAST, texts.get("finding.forecast.interval", numbers.percent(level == null ? DEFAULT_INTERVAL_LEVEL : level, 0),
                    numbers.moneyCompact(rows.stream().mapToDouble(r -> num(r, "lower")).sum()),
                    numbers.moneyCompact(rows.stream().mapToDouble(r -> num(r, "upper")).sum()), model));
        } else if (!str(rows.get(h - 1), "model").isEmpty()) {
            add(Finding.FORECAST, texts.get("finding.forecast.model", model));
        }
    }

    /** Market revenue of the {@code h} months before {@code firstForecast}; null unless all of them are in market_size. */
    private Double lastMonthsRevenue(String firstForecast, int h) {
        YearMonth first = month(firstForecast);
        Optional<Table> table = table("market_size", "platform", "marketplace", "category", "period", "revenue");
        if (first == null || table.isEmpty()) {
            return null;
        }
        Map<String, Double> revenue = new HashMap<>();
        for (Row r : table.get().rows()) {
            if (isMarket(r) && num(r, "revenue") != null) {
                revenue.put(str(r, "period"), num(r, "revenue"));
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
        Double smape = market == null ? null : num(market, "smape");
        if (smape == null) {
            return;
        }
        Double holdout = num(market, "holdout");
        String months = holdout == null ? Integer.toString(configInt("backtest_months", DEFAULT_BACKTEST_MONTHS)) : numbers.integer(holdout);
        Double baseline = num(market, "baseline_smape");
        if (baseline == null) {
            add(Finding.FORECAST, texts.get("finding.forecast.backtest", months, numbers.percentValue(smape, 1)));
        } else {
            add(Finding.FORECAST, texts.get(smape <= baseline ? "finding.forecast.backtest_better" : "finding.forecast.backtest_worse",
                    months, numbers.percentValue(smape, 1), numbers.percentValue(baseline, 1)));
        }
    }

    // ---------------------------------------------------------------- concentration and competition

    private void concentration() {
        Optional<Table> table = table("concentration", "platform", "marketplace", "category", "period", "entity", "hhi");
        if (table.isEmpty()) {
            return;
        }
        List<Row> rows = table.get().rows().stream()
                .filter(r -> isCategory(r) && isWindow(r) && r.is("entity", "seller") && num(r, "hhi") != null)
                .sorted(Comparator.<Row>comparingDouble(r -> -num(r, "hhi")).thenComparing(r -> str(r, "category")))
                .toList();
        if (rows.isEmpty()) {
            return;
        }
        Function<Row, Object[]> args = r -> new Object[]{str(r, "category"), numbers.integer(num(r, "hhi")),
                numbers.percentValue(num(r, "cr4"), 1), labels.hhiClass(str(r, "doj2023_class"))};
        if (rows.size() == 1) {
            add(Finding.CONCENTRATION, texts.get("finding.concentration.single", args.apply(rows.get(0))));
            return;
        }
        add(Finding.CONCENTRATION, texts.get("finding.concentration.most", args.apply(rows.get(0))));
        add(Finding.CONCENTRATION, texts.get("finding.concentration.least", args.apply(rows.get(rows.size() - 1))));
        Map<String, Long> counts = rows.stream().collect(Collectors.groupingBy(r -> str(r, "doj2023_class"),
                LinkedHashMap::new, Collectors.counting()));
        List<String> parts = new ArrayList<>();
        for (String code : List.of("highly_concentrated", "moderately_concentrated", "unconcentrated")) {
            Long n = counts.remove(code);
            if (n != null) {
                parts.add(texts.get("finding.concentration.class_count", numbers.integer(n), labels.hhiClass(code)));
            }
        }
        counts.forEach((code, n) -> parts.add(texts.get("finding.concentration.class_count", numbers.integer(n), labels.hhiClass(code))));
        add(Finding.CONCENTRATION, texts.get("finding.concentration.classes", numbers.integer(rows.size()), list(parts)));
    }

    private void competition() {
        Optional<Table> table = table("competition_intensity", "platform", "marketplace", "category", "period", "index");
        if (table.isEmpty()) {
            return;
        }
        List<Row> rows = table.get().rows().stream()
                .filter(r -> isCategory(r) && isWindow(r) && num(r, "index") != null)
                .sorted(Comparator.<Row>comparingDouble(r -> -num(r, "index")).thenComparing(r -> str(r, "category")))
                .toList();
        if (rows.isEmpty()) {
            return;
        }
        Row most = rows.get(0);
        if (rows.size() == 1) {
            add(Finding.COMPETITION, texts.get("finding.competition.single", str(most, "category"), numbers.decimal(num(most, "index"), 1)));
            return;
        }
        Row least = rows.get(rows.size() - 1);
        add(Finding.COMPETITION, texts.get("finding.competition.range", str(most, "category"), numbers.decimal(num(most, "index"), 1),
                str(least, "category"), numbers.decimal(num(least, "index"), 1)));
    }

    // ---------------------------------------------------------------- price bands and hot terms

    private void priceBands() {
        Optional<Table> table = table("price_bands", "platform", "marketplace", "category", "band_low", "band_high",
                "demand_share", "supply_share", "is_best");
        if (table.isEmpty()) {
            return;
        }
        Map<String, List<Row>> byCategory = new LinkedHashMap<>();
        for (Row r : table.get().rows()) {
            if (isCategory(r) && isWindow(r)) {
                byCategory.computeIfAbsent(str(r, "category"), c -> new ArrayList<>()).add(r);
            }
        }
        for (String category : topCategories(byCategory)) {
            Row best = byCategory.get(category).stream().filter(r -> "true".equalsIgnoreCase(str(r, "is_best")))
                    .findFirst().orElse(null);
            if (best == null) {
                add(Finding.PRICE_BANDS, texts.get("finding.price_bands.none", category));
                continue;
            }
            add(Finding.PRICE_BANDS, texts.get("finding.price_bands.best", category, bandRange(best),
                    numbers.percent(num(best, "demand_share"), 1), numbers.percent(num(best, "supply_share"), 1),
                    numbers.decimal(num(best, "opportunity"), 2)));
        }
    }

    /** {@code USD 10–20} (en) or {@code 10–20 USD} (zh); cents only when an edge has them. */
    private String bandRange(Row band) {
        Double low = num(band, "band_low");
        Double high = num(band, "band_high");
        int digits = whole(low) && whole(high) ? 0 : 2;
        return texts.get("finding.price_bands.range", numbers.decimal(low, digits), numbers.decimal(high, digits),
                numbers.currency()).trim();
    }

    private static boolean whole(Double v) {
        return v == null || v == Math.rint(v);
    }

    private void hotTerms() {
        Optional<Table> table = table("hot_terms", "platform", "marketplace", "category", "term", "rank");
        if (table.isEmpty()) {
            return;
        }
        Map<String, List<Row>> byScope = new LinkedHashMap<>();
        for (Row r : table.get().rows()) {
            if ((isMarket(r) || isCategory(r)) && isWindow(r)) {
                byScope.computeIfAbsent(str(r, "category"), c -> new ArrayList<>()).add(r);
            }
        }
        // the market's own terms when the run has them (README: hot terms are per category-level scope)
        if (byScope.containsKey(RunFolder.ALL)) {
            terms(texts.get("finding.hot_terms.market", topTerms(byScope.get(RunFolder.ALL))), byScope.get(RunFolder.ALL));
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

    private void terms(String topSentence, List<Row> rows) {
        Row riser = rows.stream().filter(r -> num(r, "riser_rank") != null && num(r, "growth") != null)
                .min(Comparator.comparingDouble(r -> num(r, "riser_rank"))).orElse(null);
        add(Finding.HOT_TERMS, riser == null ? topSentence : sentences(topSentence,
                texts.get("finding.hot_terms.riser", str(riser, "term"), numbers.signedPercent(num(riser, "growth"), 0))));
    }

    private String topTerms(List<Row> rows) {
        return list(rows.stream().filter(r -> num(r, "rank") != null && !str(r, "term").isEmpty())
                .sorted(Comparator.comparingDouble(r -> num(r, "rank"))).limit(TOP_TERMS).map(r -> str(r, "term")).toList());
    }

    // ---------------------------------------------------------------- logistics

    private void logistics() {
        table("logistics_lanes", "carrier", "service", "destination_country", "destination_region", "period", "shipments",
                "lead_time_p50").ifPresent(this::lanes);
        table("lane_ranking", "destination_country", "carrier", "rank").ifPresent(this::bestLanes);
    }

    private void lanes(Table table) {
        Row all = first(table, r -> isWindow(r) && r.is("carrier", RunFolder.ALL) && r.is("service", RunFolder.ALL)
                && r.is("destination_country", RunFolder.ALL) && r.is("destination_region", RunFolder.ALL));
        if (all != null && num(all, "shipments") != null) {
            add(Finding.LOGISTICS, texts.get("finding.logistics.overall", numbers.integer(num(all, "shipments")),
                    numbers.decimal(num(all, "lead_time_p50"), 1), numbers.percent(num(all, "on_time_rate"), 1)));
            if (num(all, "cost_share") != null) {
                add(Finding.LOGISTICS, texts.get("finding.logistics.cost_share", numbers.percent(num(all, "cost_share"), 1),
                        numbers.money(num(all, "cost_per_kg"), 2)));
            }
        }
        List<Row> lanes = table.rows().stream()
                .filter(r -> isWindow(r) && !r.is("carrier", RunFolder.ALL) && !r.is("destination_country", RunFolder.ALL)
                        && r.is("destination_region", RunFolder.ALL) && num(r, "lead_time_p50") != null
                        && num(r, "shipments") != null && num(r, "shipments") >= MIN_LANE_SHIPMENTS)
                .sorted(Comparator.<Row>comparingDouble(r -> num(r, "lead_time_p50"))
                        .thenComparing(r -> -num(r, "shipments")).thenComparing(this::laneName))
                .toList();
        String min = Integer.toString(MIN_LANE_SHIPMENTS);
        if (lanes.size() == 1) {
            Row only = lanes.get(0);
            add(Finding.LOGISTICS, texts.get("finding.logistics.one_lane", min, laneName(only),
                    numbers.decimal(num(only, "lead_time_p50"), 1)));
        } else if (lanes.size() > 1) {
            Row fastest = lanes.get(0);
            Row slowest = lanes.get(lanes.size() - 1);
            add(Finding.LOGISTICS, texts.get("finding.logistics.lanes", min, laneName(fastest),
                    numbers.decimal(num(fastest, "lead_time_p50"), 1), laneName(slowest),
                    numbers.decimal(num(slowest, "lead_time_p50"), 1)));
        }
    }

    /** {@code carrier service → country}; the service is left out when the export had none. */
    private String laneName(Row r) {
        return carrierService(r) + " → " + str(r, "destination_country");
    }

    private static String carrierService(Row r) {
        String service = str(r, "service");
        return service.isEmpty() || RunFolder.ALL.equals(service) ? str(r, "carrier") : str(r, "carrier") + " " + service;
    }

    private void bestLanes(Table table) {
        Map<String, List<Row>> byDestination = new LinkedHashMap<>();
        for (Row r : table.rows()) {
            String country = str(r, "destination_country");
            if (isWindow(r) && num(r, "rank") != null && !country.isEmpty() && !RunFolder.ALL.equals(country)) {
                byDestination.computeIfAbsent(country, c -> new ArrayList<>()).add(r);
            }
        }
        List<String> destinations = byDestination.keySet().stream()
                .sorted(Comparator.<String>comparingDouble(c -> -byDestination.get(c).stream()
                        .mapToDouble(r -> num(r, "shipments") == null ? 0 : num(r, "shipments")).sum())
                        .thenComparing(Comparator.naturalOrder()))
                .limit(TOP_DESTINATIONS).toList();
        for (String country : destinations) {
            Row best = byDestination.get(country).stream().min(Comparator.comparingDouble(r -> num(r, "rank"))).orElseThrow();
            add(Finding.LOGISTICS, texts.get("finding.logistics.best_lane", country, carrierService(best),
                    numbers.decimal(num(best, "score"), 1), numbers.decimal(num(best, "lead_time_p50"), 1),
                    numbers.percent(num(best, "on_time_rate"), 1), numbers.money(num(best, "cost_per_kg"), 2)));
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
        if (quarantined == 0) {
            add(Finding.DATA_QUALITY, texts.get("finding.data_quality.clean", numbers.integer(read), files));
            return;
        }
        add(Finding.DATA_QUALITY, texts.get("finding.data_quality.rows", numbers.integer(read), files,
                numbers.integer(accepted), numbers.integer(quarantined),
                numbers.percent(read == 0 ? null : (double) quarantined / read, 2)));
        List<String> top = reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_REASONS)
                .map(e -> item(labels.reason(e.getKey()), numbers.integer(e.getValue())))
                .toList();
        if (!top.isEmpty()) {
            add(Finding.DATA_QUALITY, texts.get("finding.data_quality.reasons", list(top)));
        }
    }

    // ---------------------------------------------------------------- helpers

    private void add(String topic, String text) {
        out.add(new Finding(topic, text));
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

    private static boolean isMarket(Row r) {
        return r.is("platform", RunFolder.ALL) && r.is("marketplace", RunFolder.ALL) && r.is("category", RunFolder.ALL);
    }

    private static boolean isCategory(Row r) {
        String category = str(r, "category");
        return r.is("platform", RunFolder.ALL) && r.is("marketplace", RunFolder.ALL) && !category.isEmpty()
                && !RunFolder.ALL.equals(category);
    }

    /** A window row; a table without a period column (price bands of old runs) is a window table. */
    private static boolean isWindow(Row r) {
        return !r.table().has("period") || r.is("period", RunFolder.WINDOW);
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
        List<String> order = sortByRevenue(rows.stream().map(r -> str(r, "category")).distinct()
                .collect(Collectors.toCollection(ArrayList::new)));
        return rows.stream().sorted(Comparator.comparingInt(r -> order.indexOf(str(r, "category")))).toList();
    }

    /** The {@link #TOP_CATEGORIES} largest categories among the keys of {@code byCategory} (ALL excluded). */
    private List<String> topCategories(Map<String, ?> byCategory) {
        List<String> categories = byCategory.keySet().stream().filter(c -> !RunFolder.ALL.equals(c))
                .collect(Collectors.toCollection(ArrayList::new));
        return sortByRevenue(categories).stream().limit(TOP_CATEGORIES).toList();
    }

    /** The categories of the run: those of market_size's window, else those of {@code fallback}. */
    private List<String> knownCategories(Table fallback) {
        if (!categoryRevenue.isEmpty()) {
            return categoriesByRevenue();
        }
        return fallback.rows().stream().filter(KeyFindings::isCategory).map(r -> str(r, "category")).distinct().toList();
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
        Optional<YearMonth> fromTable = table("market_size", "platform", "marketplace", "category", "period")
                .flatMap(t -> t.rows().stream().filter(KeyFindings::isMarket).map(r -> month(str(r, "period")))
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
