package io.marketlens.reports.charts;

import io.marketlens.reports.data.RunFolder;
import io.marketlens.reports.text.Numbers;
import io.marketlens.reports.text.Section;
import io.marketlens.reports.text.Texts;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The charts of the report (SPEC §5), built from a finished run's tables in the report's language. Each method
 * gives its chart, or nothing when the run lacks the table or the data — never an exception — so that a report
 * renders from whatever a run produced. {@link #all()} lists them in report order.
 */
public final class ReportCharts {

    private final ChartKit kit;
    private Map<Section, Map<String, List<ReportChart>>> byCategory;

    public ReportCharts(RunFolder run, Texts texts, Numbers numbers, ChartStyle style) {
        this.kit = new ChartKit(run, texts, numbers, style);
    }

    /** {@code market_size_revenue}: the largest categories' monthly revenue as small multiples, indexed to their first month. */
    public Optional<ReportChart> marketSize() {
        return MarketSizeChart.build(kit);
    }

    /** {@code market_size_growth}: the whole market's year-on-year growth per month. */
    public Optional<ReportChart> growth() {
        return GrowthChart.build(kit);
    }

    /** {@code new_vs_existing}: the new products' share of revenue and of products per month. */
    public Optional<ReportChart> newVsExisting() {
        return NewVsExistingChart.build(kit);
    }

    /** {@code seasonality}: the twelve seasonal indices, coloured by season, with the 1.10 and 0.90 lines. */
    public Optional<ReportChart> seasonality() {
        return SeasonalityChart.build(kit);
    }

    /** {@code turning_points}: monthly revenue with its turning points and change points. */
    public Optional<ReportChart> turningPoints() {
        return TurningPointsChart.build(kit);
    }

    /** {@code forecast}: recent revenue, the forecast and its prediction interval. */
    public Optional<ReportChart> forecast() {
        return ForecastChart.build(kit);
    }

    /** {@code concentration_lorenz}: Lorenz curves of seller revenue, whole market and the largest categories. */
    public Optional<ReportChart> lorenz() {
        return LorenzChart.build(kit);
    }

    /** {@code concentration_hhi}: the sellers' HHI by category, descending, with the 1000 and 1800 lines. */
    public Optional<ReportChart> hhi() {
        return HhiChart.build(kit);
    }

    /** {@code competition_intensity}: the competition-intensity index by category, descending. */
    public Optional<ReportChart> competitionIntensity() {
        return CompetitionIntensityChart.build(kit);
    }

    /** {@code price_bands_<n>}: demand against supply by price band, for the (at most six) largest categories. */
    public List<ReportChart> priceBands() {
        return PriceBandChart.all(kit);
    }

    /** {@link #priceBands()} by category, largest first. */
    public Map<String, ReportChart> priceBandsByCategory() {
        return PriceBandChart.byCategory(kit);
    }

    /** {@link #hotTermsByCategory()} by category, largest first. */
    public Map<String, ReportChart> hotTermsByCategoryMap() {
        return HotTermsChart.byCategory(kit);
    }

    /** {@code price_bands_<number>} for one category. */
    public Optional<ReportChart> priceBands(String category, int number) {
        return PriceBandChart.build(kit, category, number);
    }

    /** {@code hot_terms}: the top terms of the whole market, when the run computed terms over all categories. */
    public Optional<ReportChart> hotTerms() {
        return HotTermsChart.wholeMarket(kit);
    }

    /** {@code hot_terms_<n>}: the top terms of each of the (at most six) largest categories. */
    public List<ReportChart> hotTermsByCategory() {
        return HotTermsChart.all(kit);
    }

    /** {@code competitor_benchmark_<n>}: the own store beside its leading direct competitors, by category, largest first. */
    public Map<String, ReportChart> competitorBenchmarkByCategory() {
        return CompetitorBenchmarkChart.byCategory(kit);
    }

    /** {@code competitor_share_change_<n>}: the competitors' largest gains and losses of share, by category, largest first. */
    public Map<String, ReportChart> shareChangeByCategory() {
        return ShareChangeChart.byCategory(kit);
    }

    /** The competitor charts of each category, largest first: its benchmark, then its share changes. */
    public List<ReportChart> competitors() {
        return byCategory().getOrDefault(Section.COMPETITORS, Map.of()).values().stream().flatMap(List::stream).toList();
    }

    /** {@code product_selection}: each ranked category's opportunity score against how robust its place is. */
    public Optional<ReportChart> productSelection() {
        return SelectionChart.build(kit);
    }

    /** {@code platform_comparison}: each platform × marketplace's revenue against its growth, labelled with its rank. */
    public Optional<ReportChart> platforms() {
        return PlatformChart.build(kit);
    }

    /** {@code own_store_growth}: the own store's year-on-year growth beside its market's, per category. */
    public Optional<ReportChart> ownStoreGrowth() {
        return OwnStoreGrowthChart.build(kit);
    }

    /**
     * The charts of single categories by chapter and category, each chapter's categories largest first: the price
     * bands, the hot terms, and the competitors (benchmark, then share changes) of each category.
     */
    public Map<Section, Map<String, List<ReportChart>>> byCategory() {
        if (byCategory == null) {
            Map<Section, Map<String, List<ReportChart>>> out = new EnumMap<>(Section.class);
            out.put(Section.PRICE_BANDS, merge(List.of(PriceBandChart.byCategory(kit))));
            out.put(Section.HOT_TERMS, merge(List.of(HotTermsChart.byCategory(kit))));
            out.put(Section.COMPETITORS, merge(List.of(competitorBenchmarkByCategory(), shareChangeByCategory())));
            byCategory = out;
        }
        return byCategory;
    }

    /** The charts of each category in {@code maps}, the categories in the order of {@link ChartKit#categoryRanking()}. */
    private Map<String, List<ReportChart>> merge(List<Map<String, ReportChart>> maps) {
        Set<String> present = new LinkedHashSet<>();
        maps.forEach(m -> present.addAll(m.keySet()));
        Map<String, List<ReportChart>> out = new LinkedHashMap<>();
        for (String category : kit.numbered(present, Integer.MAX_VALUE).keySet()) {
            List<ReportChart> charts = new ArrayList<>();
            maps.forEach(m -> Optional.ofNullable(m.get(category)).ifPresent(charts::add));
            out.put(category, List.copyOf(charts));
        }
        return out;
    }

    /** {@code logistics_lead_time}: p50 and p90 lead time of the busiest lanes. */
    public Optional<ReportChart> logisticsLeadTime() {
        return LeadTimeChart.build(kit);
    }

    /** {@code logistics_on_time}: the on-time rate of the busiest lanes. */
    public Optional<ReportChart> logisticsOnTime() {
        return OnTimeChart.build(kit);
    }

    /** Every chart the run has data for, in report order. */
    public List<ReportChart> all() {
        List<ReportChart> out = new ArrayList<>();
        marketSize().ifPresent(out::add);
        growth().ifPresent(out::add);
        newVsExisting().ifPresent(out::add);
        seasonality().ifPresent(out::add);
        turningPoints().ifPresent(out::add);
        forecast().ifPresent(out::add);
        lorenz().ifPresent(out::add);
        hhi().ifPresent(out::add);
        competitionIntensity().ifPresent(out::add);
        out.addAll(priceBands());
        hotTerms().ifPresent(out::add);
        out.addAll(hotTermsByCategory());
        out.addAll(competitors());
        productSelection().ifPresent(out::add);
        platforms().ifPresent(out::add);
        ownStoreGrowth().ifPresent(out::add);
        logisticsLeadTime().ifPresent(out::add);
        logisticsOnTime().ifPresent(out::add);
        return out;
    }
}
