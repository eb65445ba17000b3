package io.marketlens.reports.findings;

import static io.marketlens.reports.findings.KeyFindings.num;
import static io.marketlens.reports.findings.KeyFindings.str;

import io.marketlens.reports.data.RunFolder;
import io.marketlens.reports.data.Table.Row;
import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Numbers;
import io.marketlens.reports.text.Texts;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.Tables;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The key figures of the executive page, each with its change against the previous window: market size (its window
 * revenue, {@code yoy_growth} = window ÷ previous window − 1), seller concentration of the whole market (HHI, its DOJ 2023
 * class, {@code hhi_change}), the top product-selection pick (its year-on-year growth), the own store's share and rank
 * ({@code own_store}'s window against its {@code previous_window} row, in points), the median lead time and the on-time
 * rate of all lanes ({@code logistics_lanes}). A tile whose table or figure the run lacks is left out; a change that
 * cannot be computed reads "no previous window to compare".
 *
 * <p>Logistics has no previous-window row: the previous window's on-time rate is Σ on_time_rate · promised_shipments ÷
 * Σ promised_shipments over its months (exact: the rate is on-time ÷ promised per month), and as a median does not add
 * up over months, the lead time's change is that of the mean lead time, Σ lead_time_mean · delivered ÷ Σ delivered, said
 * as such. Either is computed only when the monthly rows reach back to the previous window's first month.
 */
public final class ExecutiveTiles {

    /** A key figure: what it is, its value, and its change against the previous window (null when unknown). */
    public record Tile(String label, String value, String change) {
    }

    private final RunFolder run;
    private final Texts t;
    private final Numbers n;
    private final Labels labels;

    private ExecutiveTiles(RunFolder run, Texts texts, Numbers numbers) {
        this.run = run;
        this.t = texts;
        this.n = numbers;
        this.labels = new Labels(texts);
    }

    /** The tiles of {@code run}, in the order above; empty when the run has none of the figures. */
    public static List<Tile> of(RunFolder run, Texts texts, Numbers numbers) {
        ExecutiveTiles e = new ExecutiveTiles(run, texts, numbers);
        List<Tile> tiles = new ArrayList<>();
        e.marketSize().ifPresent(tiles::add);
        e.concentration().ifPresent(tiles::add);
        e.topPick().ifPresent(tiles::add);
        e.ownShare().ifPresent(tiles::add);
        e.logistics(tiles);
        return tiles;
    }

    private Optional<Tile> marketSize() {
        return marketWindow(Tables.MARKET_SIZE.name()).filter(r -> num(r, Columns.REVENUE) != null)
                .map(r -> new Tile(t.get("exec.tile.market_size"), n.moneyCompact(num(r, Columns.REVENUE)),
                        relative(num(r, Columns.YOY_GROWTH))));
    }

    private Optional<Tile> concentration() {
        return marketWindow(Tables.CONCENTRATION.name(), r -> is(r, Columns.ENTITY, Codes.SELLER)).filter(r -> num(r, Columns.HHI) != null)
                .map(r -> new Tile(str(r, Columns.DOJ2023_CLASS).isEmpty() ? t.get("exec.tile.concentration")
                        : t.get("exec.tile.concentration_class", labels.hhiClass(str(r, Columns.DOJ2023_CLASS))),
                        t.get("exec.value.hhi", n.integer(num(r, Columns.HHI))),
                        num(r, Columns.HHI_CHANGE) == null ? t.get("kpi.no_previous")
                                : t.get("kpi.change", n.signedDecimal(num(r, Columns.HHI_CHANGE), 0))));
    }

    /**
     * The rank-1 category of product selection over all platforms and marketplaces, when at least
     * {@value KeyFindings#MIN_RANKED} were ranked; its growth from market_size.
     */
    private Optional<Tile> topPick() {
        List<Row> ranked = run.table(Tables.PRODUCT_SELECTION.name()).filter(x -> x.has(Columns.RANK))
                .map(x -> x.rows().stream().filter(r -> isAllMarkets(r) && !is(r, Columns.CATEGORY, Scopes.ALL) && isWindow(r)
                        && num(r, Columns.RANK) != null).toList()).orElse(List.of());
        Optional<Row> top = ranked.size() < KeyFindings.MIN_RANKED ? Optional.empty()
                : ranked.stream().min(Comparator.<Row>comparingDouble(r -> num(r, Columns.RANK)).thenComparing(r -> str(r, Columns.CATEGORY)));
        return top.map(r -> {
            String category = str(r, Columns.CATEGORY);
            Double growth = run.table(Tables.MARKET_SIZE.name()).flatMap(m -> m.rows().stream()
                    .filter(x -> isAllMarkets(x) && isWindow(x) && category.equals(str(x, Columns.CATEGORY))).findFirst())
                    .map(x -> num(x, Columns.YOY_GROWTH)).orElse(null);
            // the last level of a category path ("Sports & Outdoors>Camping & Hiking") fits a tile; the label keeps the rest
            int leaf = category.lastIndexOf('>');
            return new Tile(leaf < 0 ? t.get("exec.tile.top_pick") : t.get("exec.tile.top_pick_in", category.substring(0, leaf)),
                    category.substring(leaf + 1), relative(growth));
        });
    }

    /** The own store's share of the whole market and its rank; the share's change in points. */
    private Optional<Tile> ownShare() {
        Optional<Row> window = marketWindow(Tables.OWN_STORE.name()).filter(r -> num(r, Columns.SHARE) != null);
        if (window.isEmpty()) {
            return Optional.empty();
        }
        Row w = window.get();
        Double before = marketRow(Tables.OWN_STORE.name(), Scopes.PREVIOUS_WINDOW, r -> true).map(r -> num(r, Columns.SHARE)).orElse(null);
        String label = num(w, Columns.RANK) == null || num(w, Columns.SELLERS) == null ? t.get("exec.tile.own_share")
                : t.get("exec.tile.own_share_rank", n.integer(num(w, Columns.RANK)), n.integer(num(w, Columns.SELLERS)));
        return Optional.of(new Tile(label, n.percent(num(w, Columns.SHARE), 1), points(num(w, Columns.SHARE), before)));
    }

    /** Median lead time and on-time rate of all lanes over the window. */
    private void logistics(List<Tile> tiles) {
        Optional<Table> lanes = run.table(Tables.LOGISTICS_LANES.name()).filter(x -> x.has(Columns.CARRIER) && x.has(Columns.PERIOD));
        if (lanes.isEmpty()) {
            return;
        }
        List<Row> all = lanes.get().rows().stream().filter(ExecutiveTiles::isAllLanes).toList();
        Row window = all.stream().filter(ExecutiveTiles::isWindow).findFirst().orElse(null);
        if (window == null) {
            return;
        }
        List<Row> previous = previousWindowMonths(all);
        if (num(window, Columns.LEAD_TIME_P50) != null) {
            Double meanBefore = weighted(previous, Columns.LEAD_TIME_MEAN, Columns.DELIVERED);
            Double meanNow = num(window, Columns.LEAD_TIME_MEAN);
            tiles.add(new Tile(t.get("exec.tile.lead_time"), t.get("exec.value.days", n.decimal(num(window, Columns.LEAD_TIME_P50), 1)),
                    meanNow == null || meanBefore == null ? t.get("kpi.no_previous")
                            : t.get("exec.change.lead_mean", n.signedDecimal(meanNow - meanBefore, 1))));
        }
        if (num(window, Columns.ON_TIME_RATE) != null) {
            tiles.add(new Tile(t.get("exec.tile.on_time"), n.percent(num(window, Columns.ON_TIME_RATE), 1),
                    points(num(window, Columns.ON_TIME_RATE), weighted(previous, Columns.ON_TIME_RATE, Columns.PROMISED_SHIPMENTS))));
        }
    }

    /**
     * The monthly all-lanes rows of the previous window (the {@code window_months} months before the window); empty unless
     * the rows reach back to its first month.
     */
    private List<Row> previousWindowMonths(List<Row> all) {
        Optional<YearMonth> last = run.lastFullMonth();
        if (last.isEmpty()) {
            return List.of();
        }
        int w = run.windowMonths();
        YearMonth first = last.get().minusMonths(2L * w - 1);
        YearMonth end = last.get().minusMonths(w);
        List<YearMonth> months = all.stream().map(r -> month(str(r, Columns.PERIOD))).filter(m -> m != null).toList();
        if (months.stream().noneMatch(m -> !m.isAfter(first))) {
            return List.of();
        }
        return all.stream().filter(r -> {
            YearMonth m = month(str(r, Columns.PERIOD));
            return m != null && !m.isBefore(first) && !m.isAfter(end);
        }).toList();
    }

    /** Σ value · weight ÷ Σ weight over the rows with both; null when the weights add up to 0. */
    private static Double weighted(List<Row> rows, String value, String weight) {
        double sum = 0;
        double weights = 0;
        for (Row r : rows) {
            Double v = num(r, value);
            Double k = num(r, weight);
            if (v != null && k != null && k > 0) {
                sum += v * k;
                weights += k;
            }
        }
        return weights == 0 ? null : sum / weights;
    }

    /** "+12.3% on the previous window" of a relative change; "no previous window to compare" without one. */
    private String relative(Double change) {
        return change == null ? t.get("kpi.no_previous") : t.get("kpi.change", n.signedPercent(change, 1));
    }

    /** The change of a rate in percentage points, 100 · (now − before). */
    private String points(Double now, Double before) {
        return now == null || before == null ? t.get("kpi.no_previous") : t.get("kpi.change_points", n.signedDecimal(100 * (now - before), 1));
    }

    private Optional<Row> marketWindow(String table) {
        return marketWindow(table, r -> true);
    }

    private Optional<Row> marketWindow(String table, java.util.function.Predicate<Row> also) {
        return marketRow(table, Scopes.WINDOW, also);
    }

    /** The whole market's row (ALL, ALL, ALL) of {@code period} that passes {@code also}. */
    private Optional<Row> marketRow(String table, String period, java.util.function.Predicate<Row> also) {
        return run.table(table).filter(x -> x.has(Columns.PLATFORM) && x.has(Columns.CATEGORY) && x.has(Columns.PERIOD))
                .flatMap(x -> x.rows().stream().filter(r -> isAllMarkets(r) && is(r, Columns.CATEGORY, Scopes.ALL)
                        && is(r, Columns.PERIOD, period) && also.test(r)).findFirst());
    }

    private static boolean isAllMarkets(Row r) {
        return is(r, Columns.PLATFORM, Scopes.ALL) && is(r, Columns.MARKETPLACE, Scopes.ALL);
    }

    private static boolean isWindow(Row r) {
        return is(r, Columns.PERIOD, Scopes.WINDOW);
    }

    private static boolean isAllLanes(Row r) {
        return is(r, Columns.CARRIER, Scopes.ALL) && is(r, Columns.SERVICE, Scopes.ALL) && is(r, Columns.DESTINATION_COUNTRY, Scopes.ALL)
                && is(r, Columns.DESTINATION_REGION, Scopes.ALL);
    }

    /** Whether the row's cell is {@code value}; false when the table lacks the column. */
    private static boolean is(Row r, String column, String value) {
        return value.equals(str(r, column));
    }

    private static YearMonth month(String period) {
        try {
            return YearMonth.parse(period);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
