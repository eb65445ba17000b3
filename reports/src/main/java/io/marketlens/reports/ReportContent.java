package io.marketlens.reports;

import static io.marketlens.tables.Scopes.ALL;
import static io.marketlens.tables.Scopes.WINDOW;

import io.marketlens.reports.charts.ReportChart;
import io.marketlens.reports.data.RunFolder;
import io.marketlens.reports.data.Table.Row;
import io.marketlens.reports.data.Table;
import io.marketlens.reports.findings.Finding;
import io.marketlens.reports.findings.KeyFindings;
import io.marketlens.reports.findings.Labels;
import io.marketlens.reports.findings.MethodItem;
import io.marketlens.reports.findings.Methodology;
import io.marketlens.reports.findings.ComponentText;
import io.marketlens.reports.findings.ExecutiveTiles;
import io.marketlens.reports.findings.PlatformComponentText;
import io.marketlens.reports.findings.ScoreComponentText;
import io.marketlens.reports.findings.SinceLastRun;
import io.marketlens.reports.layout.Block.Column;
import io.marketlens.reports.layout.Block;
import io.marketlens.reports.layout.Heat;
import io.marketlens.reports.text.Numbers;
import io.marketlens.reports.text.Section;
import io.marketlens.reports.text.Texts;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.RunManifest;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.Season;
import io.marketlens.tables.Tables;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The report's content, section by section, as {@link Block}s built from a run's tables: the cover facts,
 * the key findings, one section per metric group (intro, charts, tables) and the two appendices. Every
 * number shown is a table's value formatted by {@link Numbers}; tables show the leading rows and say how
 * many more are in the CSV.
 */
final class ReportContent {

    /** Marks a table row whose status a note under the table gives. */
    static final String STATUS_MARK = "*";

    /** Rows a report table shows before pointing to the CSV. */
    static final int MAX_ROWS = 25;
    /** Competitors listed per category. */
    static final int TOP_COMPETITORS = 10;
    /** The widths of the product-selection components' columns, in their order (a value and a two-line header fit). */
    private static final float[] COMPONENT_WIDTHS = {3.4f, 3.9f, 3.1f, 4.3f, 2.9f, 3.9f, 4.4f, 3.9f};
    /**
     * The widths of the platform-comparison components' columns, in their order, in points: fourteen columns fill the
     * text width when each is as wide as its widest header word or cell ("+10.0%", "products") in the table font.
     */
    private static final float[] PLATFORM_COMPONENT_WIDTHS = {34f, 39.5f, 31f, 33.5f, 36f, 43f, 33.5f, 34f, 36.5f};
    /** Candidates of single platforms and marketplaces listed beside the categories' ranking. */
    static final int TOP_MARKET_CANDIDATES = 10;
    static final float CHART_HEIGHT = 250f;

    private final RunFolder run;
    private final Texts t;
    private final Numbers n;
    private final Labels labels;
    private final Map<Section, List<ReportChart>> charts;
    private final Map<Section, Map<String, List<ReportChart>>> categoryCharts;
    private final List<Block> blocks = new ArrayList<>();
    /** The run's findings: the key ones for the executive page, the others for their chapters. */
    private KeyFindings.Ranked findings;
    /** The chapters the run has no data for, each with the reason in a sentence; not rendered as chapters. */
    private Map<Section, String> notCovered = Map.of();

    /**
     * @param chartsBySection the charts of each section, by section key (e.g. {@code market_size})
     * @param categoryCharts  the charts of single categories by section and category, largest category first (price
     *                        bands, hot terms, competitors)
     */
    ReportContent(RunFolder run, Texts texts, Numbers numbers, Map<Section, List<ReportChart>> chartsBySection,
                  Map<Section, Map<String, List<ReportChart>>> categoryCharts) {
        this.run = run;
        this.t = texts;
        this.n = numbers;
        this.labels = new Labels(texts);
        this.charts = chartsBySection;
        this.categoryCharts = categoryCharts;
    }

    /** The cover's label/value pairs. */
    List<String[]> coverFacts(String version) {
        RunManifest m = run.manifest();
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[]{t.get("cover.as_of"), m.asOf()});
        Table size = run.tableOrEmpty(Tables.MARKET_SIZE.name());
        List<String> months = size.stream().map(r -> r.str(Columns.PERIOD)).filter(p -> !p.equals(WINDOW)).distinct().sorted().toList();
        Table window = size.where(Columns.PERIOD, WINDOW);
        if (!months.isEmpty()) {
            facts.add(new String[]{t.get("cover.coverage"), t.get("cover.months", months.get(0), months.get(months.size() - 1),
                    months.size())});
        }
        run.lastFullMonth().ifPresent(last -> facts.add(new String[]{t.get("cover.window"), t.get("cover.months",
                last.minusMonths(run.windowMonths() - 1L).toString(), last.toString(), run.windowMonths())}));
        facts.add(new String[]{t.get("cover.platforms"), distinct(window, Columns.PLATFORM)});
        facts.add(new String[]{t.get("cover.marketplaces"), distinct(window, Columns.MARKETPLACE)});
        facts.add(new String[]{t.get("cover.categories"), n.integer((long) window.where(r -> r.is(Columns.PLATFORM, ALL)
                && r.is(Columns.MARKETPLACE, ALL) && !r.is(Columns.CATEGORY, ALL)).rows().size())});
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
        findings = KeyFindings.ranked(run, t, n);
        notCovered = notCovered();
        List<Runnable> sections = List.of(this::executive, chapter(Section.MARKET_SIZE, this::marketSize),
                chapter(Section.LIFECYCLE, this::lifecycle), chapter(Section.NEW_VS_EXISTING, this::newVsExisting),
                chapter(Section.SEASONALITY, this::seasonality), chapter(Section.POINTS, this::points),
                chapter(Section.FORECAST, this::forecast), chapter(Section.CONCENTRATION, this::concentration),
                chapter(Section.COMPETITION, this::competition), chapter(Section.PRICE_BANDS, this::priceBands),
                chapter(Section.HOT_TERMS, this::hotTerms), chapter(Section.COMPETITORS, this::competitors),
                chapter(Section.PRODUCT_SELECTION, this::productSelection), chapter(Section.PLATFORMS, this::platforms),
                chapter(Section.OWN_STORE, this::ownStore), chapter(Section.LOGISTICS, this::logistics), this::dataQuality,
                this::methodology);
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

    // ---- the executive page

    /**
     * The executive page, right after the cover: the key figures as tiles, the key findings ranked by materiality (fact
     * and action each), what changed since the last run, and the chapters the run has no data for, one line each.
     */
    private void executive() {
        heading1("section.executive");
        List<Block.Tile> tiles = ExecutiveTiles.of(run, t, n).stream()
                .map(x -> new Block.Tile(x.label(), x.value(), x.change())).toList();
        if (!tiles.isEmpty()) {
            blocks.add(new Block.Tiles(tiles));
        }
        keyFindings();
        changes();
        notCoveredList();
    }

    /** At most seven findings, the most material first, each a sentence of fact and one of action. */
    private void keyFindings() {
        blocks.add(new Block.Heading(2, t.get("section.findings")));
        if (findings.key().isEmpty()) {
            blocks.add(new Block.Paragraph(t.get("exec.findings_none")));
            return;
        }
        blocks.add(new Block.Bullets(findings.key().stream().map(f -> f.withAction(t.get("sentence.separator"))).toList(), true));
        blocks.add(new Block.Note(t.get("note.key_findings")));
    }

    /** Since the last run: the most important changes in sentences, or that this is the first run. */
    private void changes() {
        blocks.add(new Block.Heading(2, t.get("section.changes")));
        SinceLastRun.Summary since = SinceLastRun.of(run, t, n);
        blocks.add(new Block.Paragraph(since.intro()));
        if (!since.lines().isEmpty()) {
            blocks.add(new Block.Bullets(since.lines()));
            blocks.add(new Block.Note(since.more() == null ? t.get("note.source", Tables.CHANGES.name()) : since.more()));
        }
    }

    /** "Not covered by this run": one line per chapter without data, instead of the chapter. */
    private void notCoveredList() {
        if (notCovered.isEmpty()) {
            return;
        }
        blocks.add(new Block.Heading(2, t.get("section.not_covered")));
        blocks.add(new Block.Bullets(notCovered.entrySet().stream()
                .map(e -> t.get("not_covered.item", t.get("section." + e.getKey().id()), e.getValue())).toList()));
    }

    /** The chapters without data, in their order, each with why in words. */
    private Map<Section, String> notCovered() {
        Map<Section, String> out = new LinkedHashMap<>();
        for (Section section : Section.values()) {
            uncovered(section).ifPresent(reason -> out.put(section, reason));
        }
        return out;
    }

    /**
     * Why the run has no data for {@code section}: it wrote no table for it, or (the own store) names no own store, or
     * its table has no row the chapter shows; empty when the chapter has data. A table lacking a column the test reads
     * counts as covered: the chapter then says what it lacks.
     */
    private Optional<String> uncovered(Section section) {
        String name = section.table().name();
        Optional<Table> table = run.table(name);
        if (table.isEmpty()) {
            return Optional.of(t.get("not_covered.no_table", name));
        }
        if (section == Section.OWN_STORE && table.get().isEmpty()) {
            return Optional.of(t.get("not_covered.own_store"));
        }
        try {
            return chapterRows(section).isEmpty() ? Optional.of(t.get("not_covered.no_rows", name)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The rows a chapter shows (those it selects from its tables before laying them out). */
    private Table chapterRows(Section section) {
        return switch (section) {
            case PRICE_BANDS -> categories(Tables.PRICE_BANDS.name());
            case HOT_TERMS -> categories(Tables.HOT_TERMS.name()).where(r -> r.is(Columns.PERIOD, WINDOW) && !r.isEmpty(Columns.TERM));
            case COMPETITORS -> {
                Table rivals = categories(Tables.COMPETITORS.name()).where(Columns.PERIOD, WINDOW);
                yield rivals.isEmpty() ? categories(Tables.COMPETITOR_BENCHMARK.name()).where(Columns.PERIOD, WINDOW) : rivals;
            }
            case PRODUCT_SELECTION -> categories(Tables.PRODUCT_SELECTION.name()).where(Columns.PERIOD, WINDOW);
            case PLATFORMS -> run.tableOrEmpty(Tables.PLATFORM_COMPARISON.name())
                    .where(r -> r.is(Columns.PERIOD, WINDOW) && KeyFindings.isPlatformMarketplace(r));
            default -> run.tableOrEmpty(section.table().name());
        };
    }

    /** A chapter, left out when the run has no data for it (the executive page lists it as not covered). */
    private Runnable chapter(Section section, Runnable body) {
        return () -> {
            if (!notCovered.containsKey(section)) {
                body.run();
            }
        };
    }

    /** The findings of the chapter's topics that are not key findings ({@code null}: the data-quality appendix). */
    private void moreFindings(Section section) {
        List<Finding> more = findings == null ? List.of() : findings.more(section);
        if (!more.isEmpty()) {
            blocks.add(new Block.Heading(2, t.get("section.more_findings")));
            blocks.add(new Block.Bullets(more.stream().map(Finding::text).toList()));
        }
    }

    private void marketSize() {
        section(Section.MARKET_SIZE);
        Table window = categories(Tables.MARKET_SIZE.name()).where(Columns.PERIOD, WINDOW);
        Double total = market(Tables.MARKET_SIZE.name()).where(Columns.PERIOD, WINDOW).stream().findFirst().map(r -> r.num(Columns.REVENUE)).orElse(null);
        table("caption.top_categories", Tables.MARKET_SIZE.name(), window.sorted(byDesc(Columns.REVENUE)),
                List.of(Column.text(t.get("col.category"), 3), money("col.revenue", 1.6f),
                        Column.number(t.get("col.revenue_share"), 1), Column.number(t.get("col.units"), 1.2f),
                        Column.number(t.get("col.orders"), 1.2f), Column.number(t.get("col.sellers"), 1),
                        Column.number(t.get("col.yoy"), 1), Column.number(t.get("col.cagr"), 1)),
                r -> List.of(r.str(Columns.CATEGORY), n.integer(r.num(Columns.REVENUE)),
                        total == null || total == 0 ? Numbers.MISSING : n.percent(r.num(Columns.REVENUE, 0) / total, 1),
                        n.integer(r.num(Columns.UNITS)), n.integer(r.num(Columns.ORDERS)), n.integer(r.num(Columns.SELLERS)),
                        n.signedPercent(r.num(Columns.YOY_GROWTH), 1), n.signedPercent(r.num(Columns.CAGR), 1)),
                Set.of());
        Table platforms = run.tableOrEmpty(Tables.MARKET_SIZE.name()).where(r -> r.is(Columns.PERIOD, WINDOW) && r.is(Columns.CATEGORY, ALL)
                && !r.is(Columns.MARKETPLACE, ALL));
        table("caption.platforms", Tables.MARKET_SIZE.name(), platforms.sorted(byDesc(Columns.REVENUE)),
                List.of(Column.text(t.get("col.platform"), 1.5f), Column.text(t.get("col.marketplace"), 1.5f),
                        money("col.revenue", 1.6f), Column.number(t.get("col.units"), 1.2f),
                        Column.number(t.get("col.sellers"), 1), Column.number(t.get("col.yoy"), 1)),
                r -> List.of(r.str(Columns.PLATFORM), r.str(Columns.MARKETPLACE), n.integer(r.num(Columns.REVENUE)), n.integer(r.num(Columns.UNITS)),
                        n.integer(r.num(Columns.SELLERS)), n.signedPercent(r.num(Columns.YOY_GROWTH), 1)),
                Set.of());
    }

    private void lifecycle() {
        section(Section.LIFECYCLE);
        Table all = allMarkets(Tables.LIFECYCLE.name());
        table("caption.lifecycle", Tables.LIFECYCLE.name(), all.sorted(ALL_CATEGORIES_FIRST),
                List.of(Column.text(t.get("col.category"), 3), Column.text(t.get("col.stage"), 1.5f),
                        Column.number(t.get("col.yoy"), 1), Column.number(t.get("col.trend"), 1),
                        Column.number(t.get("col.months"), 0.8f)),
                r -> List.of(category(r), r.isEmpty(Columns.STAGE) ? label(Columns.STATUS, r.str(Columns.STATUS)) : label(Columns.STAGE, r.str(Columns.STAGE)),
                        n.signedPercent(r.num(Columns.YOY_GROWTH), 1), n.signedPercent(r.num(Columns.TREND), 1), n.integer(r.num(Columns.MONTHS))),
                Set.of());
    }

    private void newVsExisting() {
        section(Section.NEW_VS_EXISTING);
        Table window = run.tableOrEmpty(Tables.NEW_VS_EXISTING.name()).where(r -> r.is(Columns.PLATFORM, ALL) && r.is(Columns.MARKETPLACE, ALL)
                && r.is(Columns.PERIOD, WINDOW));
        table("caption.new_vs_existing", Tables.NEW_VS_EXISTING.name(), window.sorted(ALL_CATEGORIES_FIRST),
                List.of(Column.text(t.get("col.category"), 3), Column.number(t.get("col.products"), 1),
                        Column.number(t.get("col.new_products"), 1), Column.number(t.get("col.new_count_share"), 1.1f),
                        Column.number(t.get("col.new_revenue_share"), 1.1f), Column.number(t.get("col.new_seller_share"), 1),
                        Column.number(t.get("col.growth_new"), 1.1f), Column.number(t.get("col.growth_existing"), 1.1f)),
                r -> List.of(category(r), n.integer(r.num(Columns.PRODUCTS)), n.integer(r.num(Columns.NEW_PRODUCTS)),
                        n.percent(r.num(Columns.NEW_PRODUCT_COUNT_SHARE), 1), n.percent(r.num(Columns.NEW_PRODUCT_REVENUE_SHARE), 1),
                        n.percent(r.num(Columns.NEW_SELLER_SHARE), 1), n.signedPercent(r.num(Columns.GROWTH_FROM_NEW), 1),
                        n.signedPercent(r.num(Columns.GROWTH_FROM_EXISTING), 1)),
                Set.of());
    }

    private void seasonality() {
        section(Section.SEASONALITY);
        Table market = market(Tables.SEASONALITY.name());
        if (!market.isEmpty() && market.rows().get(0).isEmpty(Columns.STATUS)) {
            table("caption.seasonality", Tables.SEASONALITY.name(), market.sorted(Comparator.comparing((Row r) -> r.num(Columns.MONTH))),
                    List.of(Column.text(t.get("col.month"), 1), Column.number(t.get("col.seasonal_index"), 1),
                            Column.text(t.get("col.season"), 1)),
                    r -> List.of(Labels.capitalize(labels.month(r.integer(Columns.MONTH).intValue())), n.decimal(r.num(Columns.SEASONAL_INDEX), 2),
                            label(Columns.SEASON, r.str(Columns.SEASON))),
                    Set.of());
        }
        Map<String, List<Row>> byCategory = categories(Tables.SEASONALITY.name()).stream()
                .collect(Collectors.groupingBy(r -> r.str(Columns.CATEGORY), java.util.TreeMap::new, Collectors.toList()));
        List<List<String>> rows = new ArrayList<>();
        byCategory.forEach((category, months) -> {
            Row first = months.get(0);
            rows.add(List.of(category, first.isEmpty(Columns.STATUS) ? monthsOf(months, Season.PEAK.code()) : label(Columns.STATUS, first.str(Columns.STATUS)),
                    first.isEmpty(Columns.STATUS) ? monthsOf(months, Season.OFF.code()) : Numbers.MISSING));
        });
        rawTable("caption.category_seasons", Tables.SEASONALITY.name(), rows,
                List.of(Column.text(t.get("col.category"), 3), Column.text(t.get("col.peak_months"), 2),
                        Column.text(t.get("col.off_months"), 2)));
    }

    private String monthsOf(List<Row> months, String season) {
        String s = months.stream().filter(r -> r.is(Columns.SEASON, season)).sorted(Comparator.comparing((Row r) -> r.num(Columns.MONTH)))
                .map(r -> Labels.capitalize(labels.month(r.integer(Columns.MONTH).intValue()))).collect(Collectors.joining(", "));
        return s.isEmpty() ? Numbers.MISSING : s;
    }

    private void points() {
        section(Section.POINTS);
        Table changes = run.tableOrEmpty(Tables.CHANGE_POINTS.name()).where(r -> r.is(Columns.PLATFORM, ALL) && r.is(Columns.MARKETPLACE, ALL)
                && !r.isEmpty(Columns.PERIOD));
        table("caption.change_points", Tables.CHANGE_POINTS.name(), changes.sorted(ALL_CATEGORIES_FIRST.thenComparing(r -> r.str(Columns.PERIOD))),
                List.of(Column.text(t.get("col.category"), 3), Column.text(t.get("col.period"), 1),
                        Column.text(t.get("col.kind"), 1.2f), Column.text(t.get("col.direction"), 1),
                        money("col.level_before", 1.4f), money("col.level_after", 1.4f),
                        Column.number(t.get("col.change"), 1)),
                r -> List.of(category(r), r.str(Columns.PERIOD),
                        r.isEmpty(Columns.KIND) ? Numbers.MISSING : label(Columns.KIND, r.str(Columns.KIND)),
                        label(Columns.DIRECTION, r.str(Columns.DIRECTION)), n.integer(r.num(Columns.LEVEL_BEFORE)),
                        n.integer(r.num(Columns.LEVEL_AFTER)), n.signedPercent(r.num(Columns.CHANGE), 1)),
                Set.of());
        Table turning = run.tableOrEmpty(Tables.TURNING_POINTS.name()).where(r -> r.is(Columns.PLATFORM, ALL) && r.is(Columns.MARKETPLACE, ALL)
                && !r.isEmpty(Columns.PERIOD));
        table("caption.turning_points", Tables.TURNING_POINTS.name(), turning.sorted(ALL_CATEGORIES_FIRST.thenComparing(r -> r.str(Columns.PERIOD))),
                List.of(Column.text(t.get("col.category"), 3), Column.text(t.get("col.period"), 1),
                        Column.text(t.get("col.kind"), 1), money("col.level", 1.4f)),
                r -> List.of(category(r), r.str(Columns.PERIOD), label(Columns.KIND, r.str(Columns.KIND)), n.integer(r.num(Columns.LEVEL))),
                Set.of());
    }

    private void forecast() {
        section(Section.FORECAST);
        Table market = market(Tables.FORECAST.name());
        table("caption.forecast", Tables.FORECAST.name(), market.sorted(Comparator.comparing((Row r) -> r.str(Columns.PERIOD))),
                List.of(Column.text(t.get("col.period"), 1), money("col.forecast", 1.5f),
                        money("col.lower", 1.5f), money("col.upper", 1.5f),
                        Column.text(t.get("col.model"), 2.5f)),
                r -> List.of(r.str(Columns.PERIOD), n.integer(r.num(Columns.FORECAST)), n.integer(r.num(Columns.LOWER)), n.integer(r.num(Columns.UPPER)),
                        label(Columns.MODEL, r.str(Columns.MODEL))),
                Set.of());
        Table backtest = allMarkets(Tables.FORECAST_BACKTEST.name());
        table("caption.backtest", Tables.FORECAST_BACKTEST.name(), backtest.sorted(ALL_CATEGORIES_FIRST),
                List.of(Column.text(t.get("col.category"), 3), Column.text(t.get("col.model"), 2.2f),
                        Column.number(t.get("col.smape"), 0.9f), Column.number(t.get("col.mase"), 0.9f),
                        Column.number(t.get("col.baseline_smape"), 1.2f)),
                r -> List.of(category(r), r.isEmpty(Columns.STATUS) ? label(Columns.MODEL, r.str(Columns.MODEL)) : label(Columns.STATUS, r.str(Columns.STATUS)),
                        n.decimal(r.num(Columns.SMAPE), 1), n.decimal(r.num(Columns.MASE), 2), n.decimal(r.num(Columns.BASELINE_SMAPE), 1)),
                Set.of());
    }

    private void concentration() {
        section(Section.CONCENTRATION);
        Table window = categories(Tables.CONCENTRATION.name()).where(r -> r.is(Columns.PERIOD, WINDOW) && r.is(Columns.ENTITY, Codes.SELLER));
        table("caption.concentration", Tables.CONCENTRATION.name(), window.sorted(byDesc(Columns.HHI)),
                List.of(Column.text(t.get("col.category"), 2.6f), Column.number(t.get("col.entities"), 0.8f),
                        Column.number(t.get("col.cr4"), 0.8f), Column.number(t.get("col.cr8"), 0.8f),
                        Column.number(t.get("col.hhi"), 0.9f), Column.number(t.get("col.hhi_change"), 0.9f),
                        Column.text(t.get("col.doj2023"), 1.5f), Column.text(t.get("col.bain_cr4"), 1.5f)),
                r -> List.of(r.str(Columns.CATEGORY), n.integer(r.num(Columns.ENTITIES)), n.percentValue(r.num(Columns.CR4), 1),
                        n.percentValue(r.num(Columns.CR8), 1), n.integer(r.num(Columns.HHI)), n.signedDecimal(r.num(Columns.HHI_CHANGE), 0),
                        label(Columns.DOJ2023_CLASS, r.str(Columns.DOJ2023_CLASS)), label(Columns.BAIN_CR4_CLASS, r.str(Columns.BAIN_CR4_CLASS))),
                Set.of());
        Table top = run.tableOrEmpty(Tables.CONCENTRATION_CURVE.name()).where(r -> r.is(Columns.CATEGORY, ALL) && r.is(Columns.ENTITY, Codes.SELLER));
        table("caption.top_sellers", Tables.CONCENTRATION_CURVE.name(), top.sorted(Comparator.comparing((Row r) -> r.num(Columns.RANK)))
                        .stream().limit(10).toList(),
                List.of(Column.number(t.get("col.rank"), 0.6f), Column.text(t.get("col.seller"), 3),
                        money("col.revenue", 1.5f), Column.number(t.get("col.revenue_share"), 1),
                        Column.number(t.get("col.cumulative_share"), 1)),
                r -> List.of(n.integer(r.num(Columns.RANK)), r.str(Columns.NAME), n.integer(r.num(Columns.REVENUE)), n.percent(r.num(Columns.SHARE), 1),
                        n.percent(r.num(Columns.CUMULATIVE_SHARE), 1)),
                Set.of());
    }

    private void competition() {
        section(Section.COMPETITION);
        Table window = categories(Tables.COMPETITION_INTENSITY.name()).where(Columns.PERIOD, WINDOW);
        table("caption.competition", Tables.COMPETITION_INTENSITY.name(), window.sorted(byDesc(Columns.INDEX)),
                List.of(Column.text(t.get("col.category"), 3), Column.number(t.get("col.index"), 0.8f),
                        Column.number(t.get("col.sellers"), 0.8f), Column.number(t.get("col.listings_per_1000"), 1.2f),
                        Column.number(t.get("col.hhi"), 0.8f), Column.number(t.get("col.top10_reviews"), 1),
                        Column.number(t.get("col.new_success"), 1.3f)),
                r -> List.of(r.str(Columns.CATEGORY), n.decimal(r.num(Columns.INDEX), 1), n.integer(r.num(Columns.SELLERS)),
                        n.decimal(r.num(Columns.LISTINGS_PER_1000_UNITS), 1), n.integer(r.num(Columns.HHI)),
                        n.integer(r.num(Columns.TOP10_MEAN_REVIEWS)), n.percent(r.num(Columns.NEW_PRODUCT_SUCCESS_SHARE), 1)),
                Set.of());
    }

    private void priceBands() {
        heading1("section." + Section.PRICE_BANDS.id());
        blocks.add(new Block.Paragraph(t.get("intro." + Section.PRICE_BANDS.id())));
        moreFindings(Section.PRICE_BANDS);
        Table bands = categories(Tables.PRICE_BANDS.name());
        if (bands.isEmpty()) {
            blocks.add(new Block.Paragraph(t.get("intro.no_data")));
            return;
        }
        for (String category : chapterCategories(Section.PRICE_BANDS, bands)) {
            blocks.add(new Block.Heading(2, category));
            categoryCharts(Section.PRICE_BANDS, category, CHART_HEIGHT * 0.8f);
            List<Row> rows = bands.where(Columns.CATEGORY, category).sorted(Comparator.comparing((Row r) -> r.num(Columns.BAND_INDEX)));
            Set<Integer> best = indices(rows, r -> r.bool(Columns.IS_BEST));
            blocks.add(table(t.get("caption.price_bands", category), rows,
                    List.of(money("col.band", 1.6f), Column.number(t.get("col.listings"), 0.8f),
                            Column.number(t.get("col.units"), 1), money("col.revenue", 1.4f),
                            Column.number(t.get("col.demand_share"), 1), Column.number(t.get("col.supply_share"), 1),
                            Column.number(t.get("col.opportunity"), 1), Column.text(t.get("col.best"), 0.6f)),
                    r -> List.of(n.integer(r.num(Columns.BAND_LOW)) + " – " + n.integer(r.num(Columns.BAND_HIGH)),
                            n.integer(r.num(Columns.LISTINGS)), n.integer(r.num(Columns.UNITS)), n.integer(r.num(Columns.REVENUE)),
                            n.percent(r.num(Columns.DEMAND_SHARE), 1), n.percent(r.num(Columns.SUPPLY_SHARE), 1),
                            n.decimal(r.num(Columns.OPPORTUNITY), 2), r.bool(Columns.IS_BEST) ? t.get("yes") : ""),
                    best));
            if (!best.isEmpty()) {
                blocks.add(new Block.Note(t.get("note.best_band")));
            }
        }
        blocks.add(new Block.Note(t.get("note.source", Tables.PRICE_BANDS.name())));
    }

    /**
     * The categories a chapter shows one by one: those it has charts for (largest first), then the largest others
     * among the categories of {@code rows}; at most six, as the findings describe.
     */
    private List<String> chapterCategories(Section section, Table rows) {
        List<String> order = new ArrayList<>(categoryCharts.getOrDefault(section, Map.of()).keySet());
        topCategories(rows.stream().map(r -> r.str(Columns.CATEGORY)).distinct().toList()).stream()
                .filter(c -> !order.contains(c)).forEach(order::add);
        return order.subList(0, Math.min(order.size(), KeyFindings.TOP_CATEGORIES));
    }

    /** The charts of one category of a chapter, each {@code height} high. */
    private void categoryCharts(Section section, String category, float height) {
        for (ReportChart c : categoryCharts.getOrDefault(section, Map.of()).getOrDefault(category, List.of())) {
            blocks.add(new Block.Chart(c, height));
        }
    }

    /** Categories in the order of their window revenue (market_size), at most six. */
    private List<String> topCategories(List<String> candidates) {
        Map<String, Double> revenue = new LinkedHashMap<>();
        categories(Tables.MARKET_SIZE.name()).where(Columns.PERIOD, WINDOW).stream().forEach(r -> revenue.put(r.str(Columns.CATEGORY), r.num(Columns.REVENUE, 0)));
        return candidates.stream().sorted(Comparator.comparing((String c) -> -revenue.getOrDefault(c, 0.0))
                .thenComparing(Function.identity())).limit(KeyFindings.TOP_CATEGORIES).toList();
    }

    /** Top terms per category (the table has no whole-market terms): a chart and the top terms with their growth. */
    private void hotTerms() {
        section(Section.HOT_TERMS);
        Table window = categories(Tables.HOT_TERMS.name()).where(r -> r.is(Columns.PERIOD, WINDOW) && !r.isEmpty(Columns.TERM));
        for (String category : chapterCategories(Section.HOT_TERMS, window)) {
            blocks.add(new Block.Heading(2, category));
            categoryCharts(Section.HOT_TERMS, category, CHART_HEIGHT * 0.7f);
            List<Row> terms = window.where(Columns.CATEGORY, category).sorted(Comparator.comparing((Row r) -> r.num(Columns.RANK, 1e9)));
            blocks.add(table(t.get("caption.hot_terms", category), terms.stream().limit(10).toList(),
                    List.of(Column.number(t.get("col.rank"), 0.6f), Column.text(t.get("col.term"), 2.4f),
                            Column.text(t.get("col.kind"), 1), money("col.weight", 1.6f),
                            Column.number(t.get("col.revenue_share"), 1), Column.number(t.get("col.growth"), 1)),
                    r -> List.of(n.integer(r.num(Columns.RANK)), r.str(Columns.TERM), label(Columns.KIND, r.str(Columns.KIND)), n.integer(r.num(Columns.WEIGHT)),
                            n.percent(r.num(Columns.SHARE), 1), n.signedPercent(r.num(Columns.GROWTH), 1)),
                    Set.of()));
        }
        if (!window.isEmpty()) {
            blocks.add(new Block.Note(t.get("note.source", Tables.HOT_TERMS.name())));
        }
    }

    /**
     * Per category (those the other chapters show): the own store's place, the benchmark and share-change charts and
     * the leading competitors with their type and position. Without a known own store, one sentence says how to name it.
     */
    private void competitors() {
        section(Section.COMPETITORS);
        Table window = categories(Tables.COMPETITORS.name()).where(Columns.PERIOD, WINDOW);
        Table benchmark = categories(Tables.COMPETITOR_BENCHMARK.name()).where(Columns.PERIOD, WINDOW);
        if (window.isEmpty() && benchmark.isEmpty()) {
            noRows(Section.COMPETITORS);
            return;
        }
        if (noOwnStore(window, benchmark)) {
            blocks.add(new Block.Paragraph(t.get("competitors.no_own_store")));
        }
        Table scopes = window.isEmpty() ? benchmark : window;
        for (String category : chapterCategories(Section.COMPETITORS, scopes)) {
            Table rivals = window.where(Columns.CATEGORY, category);
            blocks.add(new Block.Heading(2, category));
            categoryCharts(Section.COMPETITORS, category, CHART_HEIGHT * 0.75f);
            ownStore(category, rivals, benchmark.where(Columns.CATEGORY, category)).ifPresent(p -> blocks.add(new Block.Paragraph(p)));
            if (rivals.isEmpty()) {
                continue;
            }
            blocks.add(table(t.get("caption.competitors", category),
                    rivals.sorted(Comparator.comparing((Row r) -> r.num(Columns.RANK, Double.MAX_VALUE))).stream().limit(TOP_COMPETITORS).toList(),
                    List.of(Column.number(t.get("col.rank"), 3f), Column.text(t.get("col.seller"), 12.9f),
                            Column.text(t.get("col.type"), 4.5f), Column.text(t.get("col.position"), 5.4f),
                            Column.number(t.get("col.revenue_share"), 3.3f), Column.number(t.get("col.share_change"), 4.3f),
                            Column.number(t.get("col.growth"), 5f), Column.number(t.get("col.price_index"), 3.2f),
                            Column.number(t.get("col.rating_reviews"), 5.2f)),
                    r -> List.of(n.integer(r.num(Columns.RANK)), seller(r), label(Columns.TYPE, r.str(Columns.TYPE)),
                            label(Columns.POSITION, r.str(Columns.POSITION)), n.percent(r.num(Columns.SHARE), 1),
                            n.signedDecimal(r.num(Columns.SHARE_CHANGE), 2), n.signedPercent(r.num(Columns.GROWTH), 1),
                            n.decimal(r.num(Columns.PRICE_INDEX), 2), r.isEmpty(Columns.LATEST_RATING) ? Numbers.MISSING
                                    : t.get("cell.rating_reviews", n.decimal(r.num(Columns.LATEST_RATING), 1), n.integer(r.num(Columns.LATEST_REVIEWS)))),
                    Set.of()));
        }
        blocks.add(new Block.Note(t.get("note.competitors")));
        blocks.add(new Block.Note(t.get("note.sources", Tables.COMPETITORS.name(), Tables.COMPETITOR_BENCHMARK.name())));
    }

    /**
     * The own store's place in a category, from its benchmark rows: rank among the sellers, share, growth and its
     * position by Kotler's roles; that it sells nothing
     * there; nothing when no own store is known.
     */
    private Optional<String> ownStore(String category, Table rivals, Table benchmark) {
        if (noOwnStore(rivals, benchmark)) {
            return Optional.empty();
        }
        List<Row> own = benchmark.sorted(Comparator.comparing((Row r) -> r.num(Columns.RANK, Double.MAX_VALUE))).stream()
                .filter(r -> r.bool(Columns.IS_OWN)).toList();
        if (own.isEmpty()) {
            return rivals.isEmpty() ? Optional.empty() : Optional.of(t.get("competitors.own.none", category));
        }
        String sellers = rivals.stream().map(r -> r.num(Columns.SELLERS)).filter(Objects::nonNull).findFirst()
                .map(n::integer).orElse(Numbers.MISSING);
        return Optional.of(own.stream().map(r -> t.get("competitors.own", seller(r), n.integer(r.num(Columns.RANK)), sellers,
                        n.percent(r.num(Columns.SHARE), 1), n.signedPercent(r.num(Columns.GROWTH), 1),
                        position(r)))
                .collect(Collectors.joining(t.get("sentence.separator"))));
    }

    /** A seller's Kotler position in words; "–" for one without a rank. */
    private String position(Row r) {
        return r.str(Columns.POSITION) == null ? Numbers.MISSING : labels.position(r.str(Columns.POSITION));
    }

    /** "platform / seller_id", as {@code concentration_curve} names a seller. */
    private String seller(Row r) {
        return t.get("cell.seller", r.str(Columns.SELLER_PLATFORM), r.str(Columns.SELLER_ID));
    }

    /** Whether the run knows no own store: some of {@code tables} have rows, and each of their rows says so in its status. */
    private static boolean noOwnStore(Table... tables) {
        List<Table> written = Stream.of(tables).filter(x -> !x.isEmpty()).toList();
        return !written.isEmpty() && written.stream().flatMap(Table::stream).allMatch(r -> Labels.holds(r.str(Columns.STATUS), Codes.NO_OWN_STORE));
    }

    /**
     * The categories over all platforms and marketplaces ranked by opportunity, their components as a heat table
     * (each value on the colour of its z-score, turned so that green helps the score), the low-volume ones after the
     * ranked ones; then the best candidates among platform × marketplace × category.
     */
    private void productSelection() {
        section(Section.PRODUCT_SELECTION);
        Table candidates = categories(Tables.PRODUCT_SELECTION.name()).where(Columns.PERIOD, WINDOW);
        if (candidates.isEmpty()) {
            noRows(Section.PRODUCT_SELECTION);
            return;
        }
        List<Row> rows = rankedFirst(candidates, Comparator.comparing((Row r) -> r.str(Columns.CATEGORY)));
        blocks.add(heatTable(t.get("caption.product_selection"), rows,
                List.of(Column.number(t.get("col.rank_short"), 2.8f), Column.text(t.get("col.category"), 8.8f),
                        Column.number(t.get("col.score"), 3.2f), Column.number(t.get("col.robustness"), 3.7f)),
                r -> List.of(n.integer(r.num(Columns.RANK)), withStatus(r, r.str(Columns.CATEGORY)), n.decimal(r.num(Columns.SCORE), 2),
                        n.percent(r.num(Columns.RANK_STABILITY), 0)),
                ComponentText.values(), COMPONENT_WIDTHS, List.of(), r -> List.of()));
        statusNote(rows, r -> r.str(Columns.CATEGORY));
        blocks.add(new Block.Note(t.get("note.product_selection")));
        blocks.add(sourceNote(rows.size(), Tables.PRODUCT_SELECTION.name()));
        Table markets = run.tableOrEmpty(Tables.PRODUCT_SELECTION.name()).where(r -> r.is(Columns.PERIOD, WINDOW) && !r.is(Columns.PLATFORM, ALL)
                && !r.is(Columns.MARKETPLACE, ALL) && !r.isEmpty(Columns.RANK));
        table("caption.product_selection_markets", Tables.PRODUCT_SELECTION.name(),
                markets.sorted(Comparator.comparing((Row r) -> r.num(Columns.RANK))).stream().limit(TOP_MARKET_CANDIDATES).toList(),
                List.of(Column.number(t.get("col.rank"), 0.5f), Column.text(t.get("col.platform"), 1.1f),
                        Column.text(t.get("col.marketplace"), 1f), Column.text(t.get("col.category"), 2.6f),
                        Column.number(t.get("col.score"), 0.7f), Column.number(t.get("col.robustness"), 0.8f)),
                r -> List.of(n.integer(r.num(Columns.RANK)), r.str(Columns.PLATFORM), r.str(Columns.MARKETPLACE), r.str(Columns.CATEGORY),
                        n.decimal(r.num(Columns.SCORE), 2), n.percent(r.num(Columns.RANK_STABILITY), 0)),
                Set.of());
    }

    /**
     * The platform × marketplace candidates over all categories ranked by score (set (a) of {@code platform_comparison}):
     * the top one in a sentence, the score-versus-growth chart, the ranked heat table with the own store's share, the
     * low-volume ones unscored after the ranked ones; then each category's best platform × marketplace (set (b)).
     */
    private void platforms() {
        open(Section.PLATFORMS);
        Table candidates = run.tableOrEmpty(Tables.PLATFORM_COMPARISON.name())
                .where(r -> r.is(Columns.PERIOD, WINDOW) && KeyFindings.isPlatformMarketplace(r));
        if (candidates.isEmpty()) {
            noRows(Section.PLATFORMS);
            return;
        }
        charts(Section.PLATFORMS);
        List<Row> rows = rankedFirst(candidates, Comparator.comparing(this::market));
        blocks.add(heatTable(t.get("caption.platforms_ranked"), rows,
                List.of(Column.number(t.get("col.rank_short"), 16f), Column.text(t.get("col.market_short"), 42f),
                        Column.number(t.get("col.score"), 32f), Column.number(t.get("col.robustness"), 37f)),
                r -> List.of(n.integer(r.num(Columns.RANK)), withStatus(r, market(r)), n.decimal(r.num(Columns.SCORE), 2),
                        n.percent(r.num(Columns.RANK_STABILITY), 0)),
                PlatformComponentText.values(), PLATFORM_COMPONENT_WIDTHS,
                List.of(Column.number(t.get("col.own_share"), 34f)), r -> List.of(n.percent(r.num(Columns.OWN_SHARE), 1))));
        statusNote(rows, this::market);
        blocks.add(new Block.Note(t.get("note.platforms")));
        blocks.add(sourceNote(rows.size(), Tables.PLATFORM_COMPARISON.name()));
        Table best = run.tableOrEmpty(Tables.PLATFORM_COMPARISON.name()).where(r -> r.is(Columns.PERIOD, WINDOW)
                && !r.is(Columns.CATEGORY, ALL) && !r.is(Columns.PLATFORM, ALL) && !r.is(Columns.MARKETPLACE, ALL)
                && r.num(Columns.RANK, 0) == 1);
        table("caption.platforms_by_category", Tables.PLATFORM_COMPARISON.name(),
                best.sorted(Comparator.comparing((Row r) -> r.str(Columns.CATEGORY)).thenComparing(this::market)),
                List.of(Column.text(t.get("col.category"), 3), Column.text(t.get("col.market"), 1.6f),
                        Column.number(t.get("col.candidates"), 1), Column.number(t.get("col.score"), 0.8f),
                        Column.number(t.get("col.robustness"), 0.8f), Column.number(t.get("col.own_share"), 0.9f)),
                r -> List.of(r.str(Columns.CATEGORY), market(r), n.integer(r.num(Columns.CANDIDATES)), n.decimal(r.num(Columns.SCORE), 2),
                        n.percent(r.num(Columns.RANK_STABILITY), 0), n.percent(r.num(Columns.OWN_SHARE), 1)),
                Set.of());
    }

    /**
     * The own store against the market (5.14): its window's key figures beside the previous window's, its share, rank and
     * growth against the market's per category, and its deliveries against the lanes they travel. Without own-store rows
     * (no own store known) one sentence says how to name it.
     */
    private void ownStore() {
        open(Section.OWN_STORE);
        Optional<Table> table = run.table(Tables.OWN_STORE.name());
        if (table.isEmpty()) {
            return;
        }
        if (table.get().isEmpty()) {
            blocks.add(new Block.Paragraph(t.get("own_store.none")));
            return;
        }
        Table market = market(Tables.OWN_STORE.name());
        Optional<Row> window = market.where(Columns.PERIOD, WINDOW).stream().findFirst();
        Optional<Row> previous = market.where(Columns.PERIOD, Scopes.PREVIOUS_WINDOW).stream().findFirst();
        window.ifPresent(w -> blocks.add(new Block.Tiles(OwnStoreKpi.tiles(w, previous.orElse(null), t, n))));
        charts(Section.OWN_STORE);
        table("caption.own_store_categories", Tables.OWN_STORE.name(), allMarkets(Tables.OWN_STORE.name()).where(Columns.PERIOD, WINDOW)
                        .sorted(Comparator.comparing((Row r) -> !r.is(Columns.CATEGORY, ALL)).thenComparing(byDesc(Columns.REVENUE))
                                .thenComparing(r -> r.str(Columns.CATEGORY))),
                List.of(Column.text(t.get("col.category"), 3), money("col.revenue", 1.5f),
                        Column.number(t.get("col.revenue_share"), 0.9f), Column.number(t.get("col.rank_of"), 1.1f),
                        Column.number(t.get("col.growth"), 1), Column.number(t.get("col.market_growth"), 1.1f),
                        Column.number(t.get("col.relative_growth"), 1.2f), Column.number(t.get("col.price_position"), 1)),
                r -> List.of(category(r), n.integer(r.num(Columns.REVENUE)), n.percent(r.num(Columns.SHARE), 1),
                        r.isEmpty(Columns.RANK) ? Numbers.MISSING : t.get("cell.rank_of", n.integer(r.num(Columns.RANK)), n.integer(r.num(Columns.SELLERS))),
                        n.signedPercent(r.num(Columns.GROWTH), 1), n.signedPercent(r.num(Columns.MARKET_GROWTH), 1),
                        n.signedDecimal(r.num(Columns.RELATIVE_GROWTH), 1), n.decimal(r.num(Columns.PRICE_POSITION), 2)),
                Set.of());
        blocks.add(new Block.Note(t.get("note.own_store")));
        if (window.isPresent() && window.get().num(Columns.SHIPMENTS, 0) == 0) {
            blocks.add(new Block.Paragraph(t.get("own_store.no_shipments")));
            return;
        }
        Table delivery = run.tableOrEmpty(Tables.OWN_STORE.name()).where(r -> r.is(Columns.PERIOD, WINDOW) && r.is(Columns.CATEGORY, ALL)
                && (r.is(Columns.PLATFORM, ALL) == r.is(Columns.MARKETPLACE, ALL)) && r.num(Columns.SHIPMENTS, 0) > 0);
        table("caption.own_store_delivery", Tables.OWN_STORE.name(), delivery.sorted(Comparator.comparing((Row r) -> !r.is(Columns.PLATFORM, ALL))
                        .thenComparing(byDesc(Columns.SHIPMENTS)).thenComparing(this::market)),
                List.of(Column.text(t.get("col.market"), 2), Column.number(t.get("col.shipments"), 1),
                        Column.number(t.get("col.own_lead_p50"), 1.2f), Column.number(t.get("col.lane_lead_p50"), 1.2f),
                        Column.number(t.get("col.own_on_time"), 1.1f), Column.number(t.get("col.lane_on_time"), 1.1f)),
                r -> List.of(r.is(Columns.PLATFORM, ALL) ? t.get("scope.all") : market(r), n.integer(r.num(Columns.SHIPMENTS)),
                        n.decimal(r.num(Columns.LEAD_TIME_P50), 1), n.decimal(r.num(Columns.LANE_LEAD_TIME_P50), 1),
                        n.percent(r.num(Columns.ON_TIME_RATE), 1), n.percent(r.num(Columns.LANE_ON_TIME_RATE), 1)),
                Set.of());
    }

    private void logistics() {
        section(Section.LOGISTICS);
        Table lanes = run.tableOrEmpty(Tables.LOGISTICS_LANES.name()).where(r -> r.is(Columns.PERIOD, WINDOW) && r.is(Columns.DESTINATION_REGION, ALL));
        table("caption.lanes", Tables.LOGISTICS_LANES.name(), lanes.sorted(Comparator.comparing((Row r) -> !r.is(Columns.CARRIER, ALL))
                        .thenComparing(Comparator.comparing((Row r) -> r.num(Columns.SHIPMENTS, 0)).reversed())),
                List.of(Column.text(t.get("col.carrier"), 1.3f), Column.text(t.get("col.service"), 1.1f),
                        Column.text(t.get("col.destination"), 0.9f), Column.number(t.get("col.shipments"), 0.9f),
                        Column.number(t.get("col.delivered_rate"), 0.9f), Column.number(t.get("col.lead_p50"), 1),
                        Column.number(t.get("col.lead_p90"), 0.7f), Column.number(t.get("col.on_time"), 0.8f),
                        Column.number(t.get("col.cost_per_kg", n.currency()), 1), Column.number(t.get("col.cost_share"), 0.8f)),
                r -> List.of(allLabel(r.str(Columns.CARRIER)), allLabel(Labels.service(r.str(Columns.CARRIER), r.str(Columns.SERVICE))), allLabel(r.str(Columns.DESTINATION_COUNTRY)),
                        n.integer(r.num(Columns.SHIPMENTS)), n.percent(r.num(Columns.DELIVERED_RATE), 1), n.decimal(r.num(Columns.LEAD_TIME_P50), 1),
                        n.decimal(r.num(Columns.LEAD_TIME_P90), 1), n.percent(r.num(Columns.ON_TIME_RATE), 1),
                        n.decimal(r.num(Columns.COST_PER_KG), 2), n.percent(r.num(Columns.COST_SHARE), 1)),
                Set.of());
        Table ranking = run.tableOrEmpty(Tables.LANE_RANKING.name());
        table("caption.lane_ranking", Tables.LANE_RANKING.name(), ranking.sorted(Comparator.comparing((Row r) -> r.str(Columns.DESTINATION_COUNTRY))
                        .thenComparing(r -> r.num(Columns.RANK, Double.MAX_VALUE))),
                List.of(Column.text(t.get("col.destination"), 1), Column.number(t.get("col.rank"), 0.6f),
                        Column.text(t.get("col.carrier"), 1.3f), Column.text(t.get("col.service"), 1.1f),
                        Column.number(t.get("col.score"), 0.8f), Column.number(t.get("col.lead_p50"), 1),
                        Column.number(t.get("col.on_time"), 0.8f), Column.number(t.get("col.cost_per_kg", n.currency()), 1),
                        Column.number(t.get("col.shipments"), 0.9f)),
                r -> List.of(r.str(Columns.DESTINATION_COUNTRY), n.integer(r.num(Columns.RANK)), r.str(Columns.CARRIER),
                        Labels.service(r.str(Columns.CARRIER), r.str(Columns.SERVICE)),
                        n.decimal(r.num(Columns.SCORE), 3), n.decimal(r.num(Columns.LEAD_TIME_P50), 1), n.percent(r.num(Columns.ON_TIME_RATE), 1),
                        n.decimal(r.num(Columns.COST_PER_KG), 2), n.integer(r.num(Columns.SHIPMENTS))),
                Set.of());
    }

    private void dataQuality() {
        heading1("section.data_quality");
        blocks.add(new Block.Paragraph(t.get("intro.data_quality")));
        moreFindings(null);
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
    private void section(Section section) {
        open(section);
        charts(section);
    }

    /** Heading and intro; a note when the run has no table for the section. */
    private void open(Section section) {
        heading1("section." + section.id());
        blocks.add(new Block.Paragraph(t.get("intro." + section.id())));
        if (run.table(section.table().name()).isEmpty()) {
            blocks.add(new Block.Paragraph(t.get("intro.no_data")));
        }
        moreFindings(section);
    }

    /** The section's charts. */
    private void charts(Section section) {
        for (ReportChart c : charts.getOrDefault(section, List.of())) {
            blocks.add(new Block.Chart(c, CHART_HEIGHT));
        }
    }

    /** A column of amounts of money: right-aligned, the currency in its header ("Revenue (USD)"), the cells plain numbers. */
    private Column money(String headerKey, float width) {
        return Column.number(t.get("col.money", t.get(headerKey), n.currency()), width);
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
        blocks.add(sourceNote(rows.size(), source));
    }

    /** Under a table of {@code rows} rows from {@code source}: how many more rows the CSV holds, else the source. */
    private Block.Note sourceNote(int rows, String source) {
        return new Block.Note(rows > MAX_ROWS ? t.get("note.more_rows", n.integer((long) rows - MAX_ROWS), source) : t.get("note.source", source));
    }

    private Block.Table table(String caption, List<Row> rows, List<Column> columns, Function<Row, List<String>> cells,
                              Set<Integer> highlighted) {
        return table(caption, rows, columns, cells, highlighted, r -> List.of());
    }

    /** A table whose cells have their own backgrounds ({@code fills}: per row, a colour or null per column). */
    private Block.Table table(String caption, List<Row> rows, List<Column> columns, Function<Row, List<String>> cells,
                              Set<Integer> highlighted, Function<Row, List<Color>> fills) {
        List<Row> shown = rows.stream().limit(MAX_ROWS).toList();
        return new Block.Table(caption, columns, shown.stream().map(cells).toList(), highlighted, shown.stream().map(fills).toList());
    }

    /** The positions of the rows that pass {@code test} (the rows a table highlights). */
    private static Set<Integer> indices(List<Row> rows, Predicate<Row> test) {
        Set<Integer> out = new TreeSet<>();
        for (int k = 0; k < rows.size(); k++) {
            if (test.test(rows.get(k))) {
                out.add(k);
            }
        }
        return out;
    }

    /** The rows with a rank in rank order, then those without one (too thin to score) in the order of {@code unranked}. */
    private static List<Row> rankedFirst(Table candidates, Comparator<Row> unranked) {
        List<Row> rows = new ArrayList<>(candidates.where(r -> !r.isEmpty(Columns.RANK)).sorted(Comparator.comparing((Row r) -> r.num(Columns.RANK))));
        rows.addAll(candidates.where(r -> r.isEmpty(Columns.RANK)).sorted(unranked));
        return rows;
    }

    /**
     * A ranking as a heat table: the {@code lead} columns, one column per component (each value on the colour of its
     * z-score, turned so that green helps the score; {@code widths} in the components' order), then the {@code tail}
     * columns; the rank-1 row highlighted.
     */
    private Block.Table heatTable(String caption, List<Row> rows, List<Column> lead, Function<Row, List<String>> leadCells,
                                  ScoreComponentText[] components, float[] widths, List<Column> tail, Function<Row, List<String>> tailCells) {
        List<Column> columns = new ArrayList<>(lead);
        for (ScoreComponentText c : components) {
            columns.add(Column.number(t.get(c.headerKey(), n.currency()), widths[c.spec().ordinal()]));
        }
        columns.addAll(tail);
        return table(caption, rows, columns, r -> {
            List<String> cells = new ArrayList<>(leadCells.apply(r));
            for (ScoreComponentText c : components) {
                cells.add(c.cell(n, r.num(c.column())));
            }
            cells.addAll(tailCells.apply(r));
            return cells;
        }, indices(rows, r -> r.num(Columns.RANK, 0) == 1), r -> {
            List<Color> fills = new ArrayList<>(Collections.nCopies(lead.size(), (Color) null));
            for (ScoreComponentText c : components) {
                fills.add(Heat.of(c.goodness(r.num(c.zColumn()))));
            }
            return fills;
        });
    }

    /**
     * The candidate's name, marked with {@value #STATUS_MARK} when it has a status (why figures are missing); the
     * table's {@link #statusNote} says which. A status in the cell would widen the name column or break it in long
     * lines.
     */
    private String withStatus(Row r, String name) {
        return r.isEmpty(Columns.STATUS) ? name : name + STATUS_MARK;
    }

    /**
     * Under a table: the marked candidates among the rows it shows, grouped by their status in words ("* too few orders
     * to judge: D, E"); nothing when no shown row is marked.
     */
    private void statusNote(List<Row> rows, Function<Row, String> name) {
        Map<String, List<String>> byStatus = new LinkedHashMap<>();
        rows.stream().limit(MAX_ROWS).filter(r -> !r.isEmpty(Columns.STATUS))
                .forEach(r -> byStatus.computeIfAbsent(labels.status(r.str(Columns.STATUS)), k -> new ArrayList<>()).add(name.apply(r)));
        List<String> items = byStatus.entrySet().stream()
                .map(e -> t.get("cell.status_group", e.getKey(), String.join(t.get("finding.list.separator"), e.getValue()))).toList();
        if (!items.isEmpty()) {
            blocks.add(new Block.Note(STATUS_MARK + " " + String.join(t.get("label.status.separator"), items)));
        }
    }

    /** "platform / marketplace" of a row. */
    private String market(Row r) {
        return t.get("cell.market", r.str(Columns.PLATFORM), r.str(Columns.MARKETPLACE));
    }

    /** A chapter whose table the run wrote without a row for it says so ({@link #section} notes a table not written). */
    private void noRows(Section section) {
        if (run.table(section.table().name()).isPresent()) {
            blocks.add(new Block.Paragraph(t.get("intro.no_data")));
        }
    }

    private void rawTable(String captionKey, String source, List<List<String>> rows, List<Column> columns) {
        if (rows.isEmpty()) {
            return;
        }
        blocks.add(new Block.Table(t.get(captionKey), columns, rows.stream().limit(MAX_ROWS).toList(), Set.of()));
        blocks.add(sourceNote(rows.size(), source));
    }

    /** Rows of the whole market: ALL/ALL/ALL. */
    private Table market(String name) {
        return allMarkets(name).where(r -> r.is(Columns.CATEGORY, ALL));
    }

    /** Rows per category over all platforms and marketplaces: ALL/ALL/category. */
    private Table categories(String name) {
        return allMarkets(name).where(r -> !r.is(Columns.CATEGORY, ALL));
    }

    /** Rows over all platforms and marketplaces, all categories and each: ALL/ALL/any. */
    private Table allMarkets(String name) {
        return run.tableOrEmpty(name).where(r -> r.is(Columns.PLATFORM, ALL) && r.is(Columns.MARKETPLACE, ALL));
    }

    /** The all-categories row first, then the categories by name. */
    private static final Comparator<Row> ALL_CATEGORIES_FIRST = Comparator.comparing((Row r) -> !r.is(Columns.CATEGORY, ALL))
            .thenComparing(r -> r.str(Columns.CATEGORY));

    /** A table code in words, as a table cell (capitalised). */
    private String label(String column, String code) {
        return Labels.capitalize(labels.of(column, code));
    }

    private String category(Row r) {
        return allLabel(r.str(Columns.CATEGORY));
    }

    private String allLabel(String value) {
        return ALL.equals(value) ? t.get("scope.all") : value;
    }

    private static Comparator<Row> byDesc(String column) {
        return Comparator.comparing((Row r) -> r.num(column, Double.NEGATIVE_INFINITY)).reversed();
    }

    private static String distinct(Table window, String column) {
        return window.stream().map(r -> r.str(column)).filter(v -> !v.equals(ALL)).distinct().sorted()
                .collect(Collectors.joining(", "));
    }
}
