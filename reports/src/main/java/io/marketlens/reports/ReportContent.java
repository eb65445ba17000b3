package io.marketlens.reports;

import static io.marketlens.reports.data.RunFolder.ALL;
import static io.marketlens.reports.data.RunFolder.WINDOW;

import io.marketlens.reports.charts.ReportChart;
import io.marketlens.reports.data.RunFolder;
import io.marketlens.reports.data.Table;
import io.marketlens.reports.data.Table.Row;
import io.marketlens.reports.findings.Finding;
import io.marketlens.reports.findings.KeyFindings;
import io.marketlens.reports.findings.Labels;
import io.marketlens.reports.findings.MethodItem;
import io.marketlens.reports.findings.Methodology;
import io.marketlens.reports.layout.Block;
import io.marketlens.reports.layout.Block.Column;
import io.marketlens.reports.model.RunManifest;
import io.marketlens.reports.text.Numbers;
import io.marketlens.reports.text.Texts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The report's content, section by section, as {@link Block}s built from a run's tables: the cover facts,
 * the key findings, one section per metric group (intro, charts, tables) and the two appendices. Every
 * number shown is a table's value formatted by {@link Numbers}; tables show the leading rows and say how
 * many more are in the CSV.
 */
final class ReportContent {

    /** Rows a report table shows before pointing to the CSV. */
    static final int MAX_ROWS = 25;
    static final float CHART_HEIGHT = 250f;
    /** Categories that get their own price-band and hot-terms subsection. */
    static final int TOP_CATEGORIES = 6;

    private final RunFolder run;
    private final Texts t;
    private final Numbers n;
    private final Labels labels;
    private final Map<String, List<ReportChart>> charts;
    private final Map<String, ReportChart> bandCharts;
    private final Map<String, ReportChart> termCharts;
    private final List<Block> blocks = new ArrayList<>();

    /**
     * @param chartsBySection the charts of each section, by section key (e.g. {@code market_size})
     * @param bandCharts      the price-band chart of each category, largest category first
     * @param termCharts      the hot-terms chart of each category, largest category first
     */
    ReportContent(RunFolder run, Texts texts, Numbers numbers, Map<String, List<ReportChart>> chartsBySection,
                  Map<String, ReportChart> bandCharts, Map<String, ReportChart> termCharts) {
        this.run = run;
        this.t = texts;
        this.n = numbers;
        this.labels = new Labels(texts);
        this.charts = chartsBySection;
        this.bandCharts = bandCharts;
        this.termCharts = termCharts;
    }

    /** The cover's label/value pairs. */
    List<String[]> coverFacts(String version) {
        RunManifest m = run.manifest();
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[]{t.get("cover.as_of"), m.asOf()});
        Table size = run.tableOrEmpty("market_size");
        List<String> months = size.stream().map(r -> r.str("period")).filter(p -> !p.equals(WINDOW)).distinct().sorted().toList();
        Table window = size.where("period", WINDOW);
        if (!months.isEmpty()) {
            facts.add(new String[]{t.get("cover.coverage"), t.get("cover.months", months.get(0), months.get(months.size() - 1),
                    months.size())});
        }
        run.lastFullMonth().ifPresent(last -> facts.add(new String[]{t.get("cover.window"), t.get("cover.months",
                last.minusMonths(run.windowMonths() - 1L).toString(), last.toString(), run.windowMonths())}));
        facts.add(new String[]{t.get("cover.platforms"), distinct(window, "platform")});
        facts.add(new String[]{t.get("cover.marketplaces"), distinct(window, "marketplace")});
        facts.add(new String[]{t.get("cover.categories"), n.integer((long) window.where(r -> r.is("platform", ALL)
                && r.is("marketplace", ALL) && !r.is("category", ALL)).rows().size())});
        long read = m.inputs().stream().mapToLong(RunManifest.Input::rowsRead).sum();
        long accepted = m.inputs().stream().mapToLong(RunManifest.Input::rowsAccepted).sum();
        long quarantined = m.inputs().stream().mapToLong(RunManifest.Input::rowsQuarantined).sum();
        facts.add(new String[]{t.get("cover.rows"), t.get("cover.rows.value", n.integer(read), n.integer(accepted),
                n.integer(quarantined))});
        facts.add(new String[]{t.get("cover.currency"), m.baseCurrency()});
        facts.add(new String[]{t.get("cover.run"), m.runId()});
        facts.add(new String[]{t.get("cover.generated"), "marketlens " + version});
        return facts;
    }

    /**
     * Every section after the cover, in order. A section whose table lacks a column it reads (a table
     * written by another version) ends with a note saying so, and the warning goes to {@code warnings}; the
     * other sections are unaffected.
     */
    List<Block> build(java.util.function.Consumer<String> warnings) {
        List<Runnable> sections = List.of(this::findings, this::marketSize, this::lifecycle, this::newVsExisting,
                this::seasonality, this::points, this::forecast, this::concentration, this::competition, this::priceBands,
                this::hotTerms, this::logistics, this::dataQuality, this::methodology);
        for (Runnable section : sections) {
            int start = blocks.size();
            try {
                section.run();
            } catch (IllegalArgumentException e) {
                warnings.accept("report section left incomplete: " + e.getMessage());
                blocks.subList(Math.min(start + 2, blocks.size()), blocks.size()).clear();
                blocks.add(new Block.Note(e.getMessage()));
            }
        }
        return blocks;
    }

    private void findings() {
        heading1("section.findings");
        List<Finding> found = KeyFindings.of(run, t, n);
        if (found.isEmpty()) {
            blocks.add(new Block.Paragraph(t.get("intro.no_data")));
        } else {
            blocks.add(new Block.Bullets(found.stream().map(Finding::text).toList()));
        }
    }

    private void marketSize() {
        section("market_size", "market_size");
        Table window = categories("market_size").where("period", WINDOW);
        Double total = market("market_size").where("period", WINDOW).stream().findFirst().map(r -> r.num("revenue")).orElse(null);
        table("caption.top_categories", "market_size", window.sorted(byDesc("revenue")),
                List.of(Column.text(t.get("col.category"), 3), Column.number(t.get("col.revenue"), 1.6f),
                        Column.number(t.get("col.revenue_share"), 1), Column.number(t.get("col.units"), 1.2f),
                        Column.number(t.get("col.orders"), 1.2f), Column.number(t.get("col.sellers"), 1),
                        Column.number(t.get("col.yoy"), 1), Column.number(t.get("col.cagr"), 1)),
                r -> List.of(r.str("category"), n.money(r.num("revenue"), 0),
                        total == null || total == 0 ? Numbers.MISSING : n.percent(r.num("revenue", 0) / total, 1),
                        n.integer(r.num("units")), n.integer(r.num("orders")), n.integer(r.num("sellers")),
                        n.signedPercent(r.num("yoy_growth"), 1), n.signedPercent(r.num("cagr"), 1)),
                Set.of());
        Table platforms = run.tableOrEmpty("market_size").where(r -> r.is("period", WINDOW) && r.is("category", ALL)
                && !r.is("marketplace", ALL));
        table("caption.platforms", "market_size", platforms.sorted(byDesc("revenue")),
                List.of(Column.text(t.get("col.platform"), 1.5f), Column.text(t.get("col.marketplace"), 1.5f),
                        Column.number(t.get("col.revenue"), 1.6f), Column.number(t.get("col.units"), 1.2f),
                        Column.number(t.get("col.sellers"), 1), Column.number(t.get("col.yoy"), 1)),
                r -> List.of(r.str("platform"), r.str("marketplace"), n.money(r.num("revenue"), 0), n.integer(r.num("units")),
                        n.integer(r.num("sellers")), n.signedPercent(r.num("yoy_growth"), 1)),
                Set.of());
    }

    private void lifecycle() {
        section("lifecycle", "lifecycle");
        Table all = run.tableOrEmpty("lifecycle").where(r -> r.is("platform", ALL) && r.is("marketplace", ALL));
        table("caption.lifecycle", "lifecycle", all.sorted(Comparator.comparing((Row r) -> !r.is("category", ALL))
                        .thenComparing(r -> r.str("category"))),
                List.of(Column.text(t.get("col.category"), 3), Column.text(t.get("col.stage"), 1.5f),
                        Column.number(t.get("col.yoy"), 1), Column.number(t.get("col.trend"), 1),
                        Column.number(t.get("col.months"), 0.8f)),
                r -> List.of(category(r), r.isEmpty("stage") ? label("status", r.str("status")) : label("stage", r.str("stage")),
                        n.signedPercent(r.num("yoy_growth"), 1), n.signedPercent(r.num("trend"), 1), n.integer(r.num("months"))),
                Set.of());
    }

    private void newVsExisting() {
        section("new_vs_existing", "new_vs_existing");
        Table window = run.tableOrEmpty("new_vs_existing").where(r -> r.is("platform", ALL) && r.is("marketplace", ALL)
                && r.is("period", WINDOW));
        table("caption.new_vs_existing", "new_vs_existing", window.sorted(Comparator.comparing((Row r) -> !r.is("category", ALL))
                        .thenComparing(r -> r.str("category"))),
                List.of(Column.text(t.get("col.category"), 3), Column.number(t.get("col.products"), 1),
                        Column.number(t.get("col.new_products"), 1), Column.number(t.get("col.new_count_share"), 1.1f),
                        Column.number(t.get("col.new_revenue_share"), 1.1f), Column.number(t.get("col.new_seller_share"), 1),
                        Column.number(t.get("col.growth_new"), 1.1f), Column.number(t.get("col.growth_existing"), 1.1f)),
                r -> List.of(category(r), n.integer(r.num("products")), n.integer(r.num("new_products")),
                        n.percent(r.num("new_product_count_share"), 1), n.percent(r.num("new_product_revenue_share"), 1),
                        n.percent(r.num("new_seller_share"), 1), n.signedPercent(r.num("growth_from_new"), 1),
                        n.signedPercent(r.num("growth_from_existing"), 1)),
                Set.of());
    }

    private void seasonality() {
        section("seasonality", "seasonality");
        Table market = market("seasonality");
        if (!market.isEmpty() && market.rows().get(0).isEmpty("status")) {
            table("caption.seasonality", "seasonality", market.sorted(Comparator.comparing((Row r) -> r.num("month"))),
                    List.of(Column.text(t.get("col.month"), 1), Column.number(t.get("col.seasonal_index"), 1),
                            Column.text(t.get("col.season"), 1)),
                    r -> List.of(Labels.capitalize(labels.month(r.integer("month").intValue())), n.decimal(r.num("seasonal_index"), 2),
                            label("season", r.str("season"))),
                    Set.of());
        }
        Map<String, List<Row>> byCategory = categories("seasonality").stream()
                .collect(Collectors.groupingBy(r -> r.str("category"), java.util.TreeMap::new, Collectors.toList()));
        List<List<String>> rows = new ArrayList<>();
        byCategory.forEach((category, months) -> {
            Row first = months.get(0);
            rows.add(List.of(category, first.isEmpty("status") ? monthsOf(months, "peak") : label("status", first.str("status")),
                    first.isEmpty("status") ? monthsOf(months, "off") : Numbers.MISSING));
        });
        rawTable("caption.category_seasons", "seasonality", rows,
                List.of(Column.text(t.get("col.category"), 3), Column.text(t.get("col.peak_months"), 2),
                        Column.text(t.get("col.off_months"), 2)));
    }

    private String monthsOf(List<Row> months, String season) {
        String s = months.stream().filter(r -> r.is("season", season)).sorted(Comparator.comparing((Row r) -> r.num("month")))
                .map(r -> Labels.capitalize(labels.month(r.integer("month").intValue()))).collect(Collectors.joining(", "));
        return s.isEmpty() ? Numbers.MISSING : s;
    }

    private void points() {
        section("points", "change_points");
        Table changes = run.tableOrEmpty("change_points").where(r -> r.is("platform", ALL) && r.is("marketplace", ALL)
                && !r.isEmpty("period"));
        table("caption.change_points", "change_points", changes.sorted(Comparator.comparing((Row r) -> !r.is("category", ALL))
                        .thenComparing(r -> r.str("category")).thenComparing(r -> r.str("period"))),
                List.of(Column.text(t.get("col.category"), 3), Column.text(t.get("col.period"), 1),
                        Column.text(t.get("col.direction"), 1), Column.number(t.get("col.level_before"), 1.4f),
                        Column.number(t.get("col.level_after"), 1.4f), Column.number(t.get("col.change"), 1)),
                r -> List.of(category(r), r.str("period"), label("direction", r.str("direction")), n.money(r.num("level_before"), 0),
                        n.money(r.num("level_after"), 0), n.signedPercent(r.num("change"), 1)),
                Set.of());
        Table turning = run.tableOrEmpty("turning_points").where(r -> r.is("platform", ALL) && r.is("marketplace", ALL)
                && !r.isEmpty("period"));
        table("caption.turning_points", "turning_points", turning.sorted(Comparator.comparing((Row r) -> !r.is("category", ALL))
                        .thenComparing(r -> r.str("category")).thenComparing(r -> r.str("period"))),
                List.of(Column.text(t.get("col.category"), 3), Column.text(t.get("col.period"), 1),
                        Column.text(t.get("col.kind"), 1), Column.number(t.get("col.level"), 1.4f)),
                r -> List.of(category(r), r.str("period"), label("kind", r.str("kind")), n.money(r.num("level"), 0)),
                Set.of());
    }

    private void forecast() {
        section("forecast", "forecast");
        Table market = market("forecast");
        table("caption.forecast", "forecast", market.sorted(Comparator.comparing((Row r) -> r.str("period"))),
                List.of(Column.text(t.get("col.period"), 1), Column.number(t.get("col.forecast"), 1.5f),
                        Column.number(t.get("col.lower"), 1.5f), Column.number(t.get("col.upper"), 1.5f),
                        Column.text(t.get("col.model"), 2.5f)),
                r -> List.of(r.str("period"), n.money(r.num("forecast"), 0), n.money(r.num("lower"), 0), n.money(r.num("upper"), 0),
                        label("model", r.str("model"))),
                Set.of());
        Table backtest = run.tableOrEmpty("forecast_backtest").where(r -> r.is("platform", ALL) && r.is("marketplace", ALL));
        table("caption.backtest", "forecast_backtest", backtest.sorted(Comparator.comparing((Row r) -> !r.is("category", ALL))
                        .thenComparing(r -> r.str("category"))),
                List.of(Column.text(t.get("col.category"), 3), Column.text(t.get("col.model"), 2.2f),
                        Column.number(t.get("col.smape"), 0.9f), Column.number(t.get("col.mase"), 0.9f),
                        Column.number(t.get("col.baseline_smape"), 1.2f)),
                r -> List.of(category(r), r.isEmpty("status") ? label("model", r.str("model")) : label("status", r.str("status")),
                        n.decimal(r.num("smape"), 1), n.decimal(r.num("mase"), 2), n.decimal(r.num("baseline_smape"), 1)),
                Set.of());
    }

    private void concentration() {
        section("concentration", "concentration");
        Table window = categories("concentration").where(r -> r.is("period", WINDOW) && r.is("entity", "seller"));
        table("caption.concentration", "concentration", window.sorted(byDesc("hhi")),
                List.of(Column.text(t.get("col.category"), 2.6f), Column.number(t.get("col.entities"), 0.8f),
                        Column.number(t.get("col.cr4"), 0.8f), Column.number(t.get("col.cr8"), 0.8f),
                        Column.number(t.get("col.hhi"), 0.9f), Column.number(t.get("col.hhi_change"), 0.9f),
                        Column.text(t.get("col.doj2023"), 1.5f), Column.text(t.get("col.bain_cr4"), 1.5f)),
                r -> List.of(r.str("category"), n.integer(r.num("entities")), n.percentValue(r.num("cr4"), 1),
                        n.percentValue(r.num("cr8"), 1), n.integer(r.num("hhi")), signedInteger(r.num("hhi_change")),
                        label("doj2023_class", r.str("doj2023_class")), label("bain_cr4_class", r.str("bain_cr4_class"))),
                Set.of());
        Table top = run.tableOrEmpty("concentration_curve").where(r -> r.is("category", ALL) && r.is("entity", "seller"));
        table("caption.top_sellers", "concentration_curve", top.sorted(Comparator.comparing((Row r) -> r.num("rank")))
                        .stream().limit(10).toList(),
                List.of(Column.number(t.get("col.rank"), 0.6f), Column.text(t.get("col.seller"), 3),
                        Column.number(t.get("col.revenue"), 1.5f), Column.number(t.get("col.revenue_share"), 1),
                        Column.number(t.get("col.cumulative_share"), 1)),
                r -> List.of(n.integer(r.num("rank")), r.str("name"), n.money(r.num("revenue"), 0), n.percent(r.num("share"), 1),
                        n.percent(r.num("cumulative_share"), 1)),
                Set.of());
    }

    private void competition() {
        section("competition", "competition_intensity");
        Table window = categories("competition_intensity").where("period", WINDOW);
        table("caption.competition", "competition_intensity", window.sorted(byDesc("index")),
                List.of(Column.text(t.get("col.category"), 3), Column.number(t.get("col.index"), 0.8f),
                        Column.number(t.get("col.sellers"), 0.8f), Column.number(t.get("col.listings_per_1000"), 1.2f),
                        Column.number(t.get("col.hhi"), 0.8f), Column.number(t.get("col.top10_reviews"), 1),
                        Column.number(t.get("col.new_success"), 1.3f)),
                r -> List.of(r.str("category"), n.decimal(r.num("index"), 1), n.integer(r.num("sellers")),
                        n.decimal(r.num("listings_per_1000_units"), 1), n.integer(r.num("hhi")),
                        n.integer(r.num("top10_mean_reviews")), n.percent(r.num("new_product_success_share"), 1)),
                Set.of());
    }

    private void priceBands() {
        heading1("section.price_bands");
        blocks.add(new Block.Paragraph(t.get("intro.price_bands")));
        Table bands = categories("price_bands");
        if (bands.isEmpty()) {
            blocks.add(new Block.Paragraph(t.get("intro.no_data")));
            return;
        }
        List<String> order = new ArrayList<>(bandCharts.keySet());
        topCategories(bands.stream().map(r -> r.str("category")).distinct().toList()).stream()
                .filter(c -> !order.contains(c)).forEach(order::add);
        for (String category : order.subList(0, Math.min(order.size(), TOP_CATEGORIES))) {
            blocks.add(new Block.Heading(2, category));
            if (bandCharts.containsKey(category)) {
                blocks.add(new Block.Chart(bandCharts.get(category), CHART_HEIGHT * 0.8f));
            }
            List<Row> rows = bands.where("category", category).sorted(Comparator.comparing((Row r) -> r.num("band_index")));
            Set<Integer> best = new TreeSet<>();
            for (int k = 0; k < rows.size(); k++) {
                if (rows.get(k).is("is_best", "true")) {
                    best.add(k);
                }
            }
            blocks.add(table(t.get("caption.price_bands", category), rows,
                    List.of(Column.text(t.get("col.band"), 1.6f), Column.number(t.get("col.listings"), 0.8f),
                            Column.number(t.get("col.units"), 1), Column.number(t.get("col.revenue"), 1.4f),
                            Column.number(t.get("col.demand_share"), 1), Column.number(t.get("col.supply_share"), 1),
                            Column.number(t.get("col.opportunity"), 1), Column.text(t.get("col.best"), 0.6f)),
                    r -> List.of(n.money(r.num("band_low"), 0) + " – " + n.money(r.num("band_high"), 0),
                            n.integer(r.num("listings")), n.integer(r.num("units")), n.money(r.num("revenue"), 0),
                            n.percent(r.num("demand_share"), 1), n.percent(r.num("supply_share"), 1),
                            n.decimal(r.num("opportunity"), 2), r.is("is_best", "true") ? t.get("yes") : ""),
                    best));
            if (!best.isEmpty()) {
                blocks.add(new Block.Note(t.get("note.best_band")));
            }
        }
        blocks.add(new Block.Note(t.get("note.source", "price_bands")));
    }

    /** Categories in the order of their window revenue (market_size), at most six. */
    private List<String> topCategories(List<String> candidates) {
        Map<String, Double> revenue = new LinkedHashMap<>();
        categories("market_size").where("period", WINDOW).stream().forEach(r -> revenue.put(r.str("category"), r.num("revenue", 0)));
        return candidates.stream().sorted(Comparator.comparing((String c) -> -revenue.getOrDefault(c, 0.0))
                .thenComparing(Function.identity())).limit(TOP_CATEGORIES).toList();
    }

    /** Top terms per category (the table has no whole-market terms): a chart and the top terms with their growth. */
    private void hotTerms() {
        section("hot_terms", "hot_terms");
        Table window = categories("hot_terms").where(r -> r.is("period", WINDOW) && !r.isEmpty("term"));
        List<String> order = new ArrayList<>(termCharts.keySet());
        topCategories(window.stream().map(r -> r.str("category")).distinct().toList()).stream()
                .filter(c -> !order.contains(c)).forEach(order::add);
        for (String category : order.subList(0, Math.min(order.size(), TOP_CATEGORIES))) {
            blocks.add(new Block.Heading(2, category));
            if (termCharts.containsKey(category)) {
                blocks.add(new Block.Chart(termCharts.get(category), CHART_HEIGHT * 0.7f));
            }
            List<Row> terms = window.where("category", category).sorted(Comparator.comparing((Row r) -> r.num("rank", 1e9)));
            blocks.add(table(t.get("caption.hot_terms", category), terms.stream().limit(10).toList(),
                    List.of(Column.number(t.get("col.rank"), 0.6f), Column.text(t.get("col.term"), 2.4f),
                            Column.text(t.get("col.kind"), 1), Column.number(t.get("col.weight"), 1.6f),
                            Column.number(t.get("col.revenue_share"), 1), Column.number(t.get("col.growth"), 1)),
                    r -> List.of(n.integer(r.num("rank")), r.str("term"), label("kind", r.str("kind")), n.money(r.num("weight"), 0),
                            n.percent(r.num("share"), 1), n.signedPercent(r.num("growth"), 1)),
                    Set.of()));
        }
        if (!window.isEmpty()) {
            blocks.add(new Block.Note(t.get("note.source", "hot_terms")));
        }
    }

    private void logistics() {
        section("logistics", "logistics_lanes");
        Table lanes = run.tableOrEmpty("logistics_lanes").where(r -> r.is("period", WINDOW) && r.is("destination_region", ALL));
        table("caption.lanes", "logistics_lanes", lanes.sorted(Comparator.comparing((Row r) -> !r.is("carrier", ALL))
                        .thenComparing(Comparator.comparing((Row r) -> r.num("shipments", 0)).reversed())),
                List.of(Column.text(t.get("col.carrier"), 1.3f), Column.text(t.get("col.service"), 1.1f),
                        Column.text(t.get("col.destination"), 0.9f), Column.number(t.get("col.shipments"), 0.9f),
                        Column.number(t.get("col.delivered_rate"), 0.9f), Column.number(t.get("col.lead_p50"), 1),
                        Column.number(t.get("col.lead_p90"), 0.7f), Column.number(t.get("col.on_time"), 0.8f),
                        Column.number(t.get("col.cost_per_kg"), 1), Column.number(t.get("col.cost_share"), 0.8f)),
                r -> List.of(allLabel(r.str("carrier")), allLabel(r.str("service")), allLabel(r.str("destination_country")),
                        n.integer(r.num("shipments")), n.percent(r.num("delivered_rate"), 1), n.decimal(r.num("lead_time_p50"), 1),
                        n.decimal(r.num("lead_time_p90"), 1), n.percent(r.num("on_time_rate"), 1),
                        n.money(r.num("cost_per_kg"), 2), n.percent(r.num("cost_share"), 1)),
                Set.of());
        Table ranking = run.tableOrEmpty("lane_ranking");
        table("caption.lane_ranking", "lane_ranking", ranking.sorted(Comparator.comparing((Row r) -> r.str("destination_country"))
                        .thenComparing(r -> r.num("rank", Double.MAX_VALUE))),
                List.of(Column.text(t.get("col.destination"), 1), Column.number(t.get("col.rank"), 0.6f),
                        Column.text(t.get("col.carrier"), 1.3f), Column.text(t.get("col.service"), 1.1f),
                        Column.number(t.get("col.score"), 0.8f), Column.number(t.get("col.lead_p50"), 1),
                        Column.number(t.get("col.on_time"), 0.8f), Column.number(t.get("col.cost_per_kg"), 1),
                        Column.number(t.get("col.shipments"), 0.9f)),
                r -> List.of(r.str("destination_country"), n.integer(r.num("rank")), r.str("carrier"), r.str("service"),
                        n.decimal(r.num("score"), 1), n.decimal(r.num("lead_time_p50"), 1), n.percent(r.num("on_time_rate"), 1),
                        n.money(r.num("cost_per_kg"), 2), n.integer(r.num("shipments"))),
                Set.of());
    }

    private void dataQuality() {
        heading1("section.data_quality");
        blocks.add(new Block.Paragraph(t.get("intro.data_quality")));
        List<List<String>> rows = new ArrayList<>();
        for (RunManifest.Input in : run.manifest().inputs()) {
            String reasons = in.reasons() == null ? "" : in.reasons().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(3).map(e -> labels.reason(e.getKey()) + " × " + n.integer(e.getValue()))
                    .collect(Collectors.joining("; "));
            rows.add(List.of(in.source(), Path.of(in.file()).getFileName().toString(), n.integer(in.rowsRead()),
                    n.integer(in.rowsAccepted()), n.integer(in.rowsQuarantined()), reasons));
        }
        blocks.add(new Block.Table(t.get("caption.data_quality"),
                List.of(Column.text(t.get("col.source"), 0.9f), Column.text(t.get("col.file"), 1.8f),
                        Column.number(t.get("col.read"), 0.8f), Column.number(t.get("col.accepted"), 0.9f),
                        Column.number(t.get("col.quarantined"), 1.1f), Column.text(t.get("col.reasons"), 2.4f)),
                rows, Set.of()));
    }

    private void methodology() {
        heading1("section.methodology");
        for (MethodItem item : Methodology.items(t)) {
            blocks.add(new Block.Heading(2, item.title()));
            blocks.add(new Block.Paragraph(item.body()));
        }
    }

    // ---- helpers

    /** Heading, intro, the section's charts; a note when the run has no table for it. */
    private void section(String key, String table) {
        heading1("section." + key);
        blocks.add(new Block.Paragraph(t.get("intro." + key)));
        if (run.table(table).isEmpty()) {
            blocks.add(new Block.Paragraph(t.get("intro.no_data")));
        }
        for (ReportChart c : charts.getOrDefault(key, List.of())) {
            blocks.add(new Block.Chart(c, CHART_HEIGHT));
        }
    }

    private void heading1(String key) {
        blocks.add(new Block.Heading(1, t.get(key)));
    }

    private void table(String captionKey, String source, List<Row> rows, List<Column> columns, Function<Row, List<String>> cells,
                       Set<Integer> highlighted) {
        if (rows.isEmpty()) {
            return;
        }
        blocks.add(table(t.get(captionKey), rows, columns, cells, highlighted));
        if (rows.size() > MAX_ROWS) {
            blocks.add(new Block.Note(t.get("note.more_rows", n.integer((long) rows.size() - MAX_ROWS), source)));
        } else {
            blocks.add(new Block.Note(t.get("note.source", source)));
        }
    }

    private Block.Table table(String caption, List<Row> rows, List<Column> columns, Function<Row, List<String>> cells,
                              Set<Integer> highlighted) {
        List<List<String>> out = rows.stream().limit(MAX_ROWS).map(cells).toList();
        return new Block.Table(caption, columns, out, highlighted);
    }

    private void rawTable(String captionKey, String source, List<List<String>> rows, List<Column> columns) {
        if (rows.isEmpty()) {
            return;
        }
        blocks.add(new Block.Table(t.get(captionKey), columns, rows.stream().limit(MAX_ROWS).toList(), Set.of()));
        blocks.add(new Block.Note(rows.size() > MAX_ROWS ? t.get("note.more_rows", n.integer((long) rows.size() - MAX_ROWS), source)
                : t.get("note.source", source)));
    }

    /** Rows of the whole market: ALL/ALL/ALL. */
    private Table market(String name) {
        return run.tableOrEmpty(name).where(r -> r.is("platform", ALL) && r.is("marketplace", ALL) && r.is("category", ALL));
    }

    /** Rows per category over all platforms and marketplaces: ALL/ALL/category. */
    private Table categories(String name) {
        return run.tableOrEmpty(name).where(r -> r.is("platform", ALL) && r.is("marketplace", ALL) && !r.is("category", ALL));
    }

    /** A table code in words, as a table cell (capitalised). */
    private String label(String column, String code) {
        return Labels.capitalize(labels.of(column, code));
    }

    private String category(Row r) {
        return allLabel(r.str("category"));
    }

    private String allLabel(String value) {
        return ALL.equals(value) ? t.get("scope.all") : value;
    }

    private static Comparator<Row> byDesc(String column) {
        return Comparator.comparing((Row r) -> r.num(column, Double.NEGATIVE_INFINITY)).reversed();
    }

    private String signedInteger(Double v) {
        if (v == null) {
            return Numbers.MISSING;
        }
        String s = n.integer(Math.abs(v));
        long rounded = Math.round(v);
        return rounded > 0 ? "+" + s : rounded < 0 ? "\u2212" + s : s;
    }

    private static String distinct(Table window, String column) {
        return window.stream().map(r -> r.str(column)).filter(v -> !v.equals(ALL)).distinct().sorted()
                .collect(Collectors.joining(", "));
    }
}
