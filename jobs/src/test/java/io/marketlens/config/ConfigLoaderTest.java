package io.marketlens.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlens.ingest.Source;
import io.marketlens.ingest.SourceOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The YAML config file: keys, defaults and the messages for mistakes (every one names the key). */
class ConfigLoaderTest {

    @TempDir
    Path dir;

    Path write(String yaml) throws IOException {
        Path p = dir.resolve("marketlens.yaml");
        Files.writeString(p, yaml, StandardCharsets.UTF_8);
        return p;
    }

    MarketlensConfig load(String yaml) throws IOException {
        return ConfigLoader.load(write(yaml));
    }

    static final String FULL = """
            # marketlens config for a Chinese seller
            base_currency: cny
            timezone: Asia/Shanghai
            fx_tolerance_days: 3
            cancelled_statuses: [Cancelled, 已取消]
            max_quarantine_ratio: 0.1
            window_months: 24
            shuffle_partitions: 4
            sources:
              sales:
                encoding: GB18030
                delimiter: ";"
                date_pattern: dd/MM/yyyy
                timestamp_pattern: dd.MM.yyyy HH:mm
                decimal_comma: true
                columns:
                  order_id: 订单号
                  unit_price: [单价, "Unit Price"]
              fx_rates:
                delimiter: tab
            """;

    @Test
    void metricsSectionOverridesSomeDefaultsAndKeepsTheOthers() throws IOException {
        MarketlensConfig c = ConfigLoader.load(write("""
                metrics:
                  new_product_months: 3
                  lifecycle: {growth_yoy: 0.15}
                  price_bands:
                    mode: edges
                    edges: {"Home & Kitchen": [0, 10, 25, 50]}
                  competition_weights: {hhi: 0.5}
                  lane_ranking: {cost: 2, min_shipments: 10}
                """));
        MetricsOptions m = c.metrics();
        assertThat(m.newProductMonths()).isEqualTo(3);
        assertThat(m.hotTermsTopN()).isEqualTo(30);
        assertThat(m.lifecycle()).isEqualTo(new io.marketlens.metrics.market.LifecycleStage.Thresholds(1.0, 0.15, -0.05, 6));
        assertThat(m.priceBands().mode()).isEqualTo(io.marketlens.metrics.pricing.PriceBandsTable.EdgesMode.EDGES);
        assertThat(m.priceBands().edges().get("Home & Kitchen").edges()).containsExactly(0.0, 10.0, 25.0, 50.0);
        assertThat(m.priceBands().minListings()).isEqualTo(3L);
        assertThat(m.competitionWeights())
                .isEqualTo(new io.marketlens.metrics.competition.CompetitionIndex.Weights(0.25, 0.20, 0.5, 0.20, 0.15));
        assertThat(m.laneRanking()).isEqualTo(new io.marketlens.metrics.logistics.LaneRanking.Weights(1, 1, 2, 10));
        assertThat(MetricsOptions.defaults().laneRanking())
                .isEqualTo(new io.marketlens.metrics.logistics.LaneRanking.Weights(1, 1, 1, 30));
    }

    @Test
    void theCompetitionWeightOfListingsIsNamedAsItsColumn() throws IOException {
        // the README and the competition_intensity table spell it listings_per_1000_units; the older spelling still reads
        assertThat(load("metrics:\n  competition_weights: {listings_per_1000_units: 0.4}\n").metrics().competitionWeights()
                .listingsPer1000Units()).isEqualTo(0.4);
        assertThat(load("metrics:\n  competition_weights: {listings_per1000_units: 0.3}\n").metrics().competitionWeights()
                .listingsPer1000Units()).isEqualTo(0.3);
    }

    @Test
    void ownStoreCompetitorAndSelectionSettings() throws IOException {
        MarketlensConfig c = load("""
                own_seller_ids: [" S1 ", S2, S1]
                metrics:
                  competitors: {emerging_months: 3}
                  product_selection:
                    weights: {growth: 2, seasonality_amplitude: 0}
                    min_orders: 100
                """);
        assertThat(c.ownSellerIds()).containsExactly("S1", "S2"); // trimmed, once each
        assertThat(c.metrics().competitors()).isEqualTo(new io.marketlens.metrics.competitors.CompetitorOptions(3, 5, 5));
        var selection = c.metrics().productSelection();
        assertThat(selection.weights().get(io.marketlens.tables.SelectionComponent.GROWTH)).isEqualTo(2.0);
        assertThat(selection.weights().get(io.marketlens.tables.SelectionComponent.SEASONALITY_AMPLITUDE))
                .isEqualTo(0.0);
        assertThat(selection.weights().get(io.marketlens.tables.SelectionComponent.HHI)).isEqualTo(1.0);
        assertThat(selection.minOrders()).isEqualTo(100);
        assertThat(selection.minListings()).isEqualTo(5);
        // one id may be written without the list
        assertThat(load("own_seller_ids: S9\n").ownSellerIds()).containsExactly("S9");
        assertThat(MarketlensConfig.defaults().ownSellerIds()).isEmpty();
    }

    @Test
    void returnedStatusesAreTrimmedLowerCaseAndCheckedAgainstTheCancelledOnes() throws IOException {
        assertThat(MarketlensConfig.defaults().returnedStatuses()).containsExactly("returned", "refunded");
        assertThat(MarketlensConfig.defaults().describe()).containsEntry("returned_statuses", List.of("returned", "refunded"));
        assertThat(load("returned_statuses: [\" Returned \", 已退货]\n").returnedStatuses()).containsExactly("returned", "已退货");
        assertThat(load("returned_statuses: []\n").returnedStatuses()).isEmpty();
        assertThatThrownBy(() -> load("returned_statuses: [returned, \" \"]\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("returned_statuses has an empty entry");
        assertThatThrownBy(() -> load("cancelled_statuses: [cancelled, Refunded]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("status [refunded] is in both cancelled_statuses and returned_statuses");
    }

    @Test
    void badCompetitorAndSelectionSettingsNameTheirKey() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(write("metrics:\n  product_selection: {weights: {price: 1}}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metrics.product_selection")
                .hasMessageContaining("'price' is not a product-selection component").hasMessageContaining("growth");
        assertThatThrownBy(() -> ConfigLoader.load(write("metrics:\n  product_selection: {weights: {hhi: -1}}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("weight hhi must be a number ≥ 0");
        assertThatThrownBy(() -> ConfigLoader.load(write("metrics:\n  competitors: {emerging_months: 0}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metrics.competitors: competitors emerging_months");
    }

    @Test
    void platformComparisonSettings() throws IOException {
        MarketlensConfig c = load("""
                metrics:
                  platform_comparison:
                    weights: {asp: 0, lead_time_p50: 2}
                    destinations: {uk: GB, EU: de}
                    min_listings: 2
                """);
        var p = c.metrics().platformComparison();
        assertThat(p.weights().get(io.marketlens.tables.PlatformComponent.ASP)).isEqualTo(0.0);
        assertThat(p.weights().get(io.marketlens.tables.PlatformComponent.LEAD_TIME)).isEqualTo(2.0);
        assertThat(p.weights().get(io.marketlens.tables.PlatformComponent.REVENUE)).isEqualTo(1.0);
        assertThat(p.countries().countryOf("EU")).contains("DE");
        assertThat(p.destinations()).isEqualTo(Map.of("EU", "DE", "UK", "GB"));
        assertThat(List.of(p.minOrders(), p.minListings())).containsExactly(30L, 2L);
        assertThat(MarketlensConfig.defaults().metrics().platformComparison().destinations()).isEmpty();
        assertThatThrownBy(() -> ConfigLoader.load(write("metrics:\n  platform_comparison: {destinations: {EU: Europe}}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metrics.platform_comparison")
                .hasMessageContaining("must be an ISO 3166-1 alpha-2 country code");
        assertThatThrownBy(() -> ConfigLoader.load(write("metrics:\n  platform_comparison: {weights: {size: 1}}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'size' is not a platform-comparison component");
    }

    @Test
    void changesThresholdsReadTheirKeysAndEchoThemToTheManifest() throws IOException {
        MarketlensConfig c = load("metrics:\n  changes: {share_points: 1.5, on_time_points: 10}\n");
        assertThat(c.metrics().changes()).isEqualTo(new io.marketlens.metrics.changes.ChangesOptions(1.5, 1.0, 10.0));
        assertThat(MarketlensConfig.defaults().metrics().changes())
                .isEqualTo(new io.marketlens.metrics.changes.ChangesOptions(2.0, 1.0, 5.0));
        // the manifest's copy of the config, with the keys of the file
        var json = new com.fasterxml.jackson.databind.ObjectMapper().setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                .valueToTree(c.metrics()).get("changes");
        assertThat(json.toString()).isEqualTo("{\"share_points\":1.5,\"lead_time_days\":1.0,\"on_time_points\":10.0}");
        assertThatThrownBy(() -> ConfigLoader.load(write("metrics:\n  changes: {lead_time_days: 0}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metrics.changes: changes lead_time_days must be");
        assertThatThrownBy(() -> ConfigLoader.load(write("metrics:\n  changes: {share_points: 200}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("share_points and on_time_points are percentage points");
    }

    @Test
    void badMetricsSettingsNameTheirKey() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(write("metrics:\n  price_bands: {mode: median}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metrics.price_bands: price band mode 'median'")
                .hasMessageContaining("write auto, quantiles or edges").hasMessageContaining("(line 2)");
        // one model of the price-band options: the config refuses what the table would (one quantile band, no listing)
        assertThatThrownBy(() -> ConfigLoader.load(write("metrics:\n  price_bands: {mode: quantiles, quantile_bands: 1}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metrics.price_bands: quantile_bands must be ≥ 2");
        assertThatThrownBy(() -> ConfigLoader.load(write("metrics:\n  price_bands: {min_listings: 0}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("min_listings");
        assertThatThrownBy(() -> ConfigLoader.load(write("metrics:\n  price_bands: {edges: {Toys: [10, 5]}}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metrics.price_bands: edges.Toys: price band edge 1 (5.0) is not greater than edge 0");
        assertThatThrownBy(() -> ConfigLoader.load(write("metrics:\n  lifecycle: {growth_yoy: -0.5}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metrics.lifecycle");
        assertThatThrownBy(() -> ConfigLoader.load(write("metrics:\n  lane_ranking: {speed: -1}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metrics.lane_ranking: lane ranking weights");
        assertThatThrownBy(() -> ConfigLoader.load(write("metrics:\n  lane_ranking: {min_shipments: 0}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("min_shipments must be ≥ 1");
    }

    @Test
    void fullExample() throws IOException {
        MarketlensConfig c = load(FULL);
        assertThat(c.baseCurrency()).isEqualTo("CNY"); // upper-cased
        assertThat(c.timezone()).isEqualTo("Asia/Shanghai");
        assertThat(c.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(c.fxToleranceDays()).isEqualTo(3);
        assertThat(c.cancelledStatuses()).containsExactly("cancelled", "已取消"); // lower-cased
        assertThat(c.maxQuarantineRatio()).isEqualTo(0.1);
        assertThat(c.windowMonths()).isEqualTo(24);
        assertThat(c.shufflePartitions()).isEqualTo(4);
        assertThat(c.sources()).containsOnlyKeys("sales", "fx_rates");

        SourceOptions sales = c.source(Source.SALES);
        assertThat(sales.encoding()).isEqualTo("GB18030");
        assertThat(sales.delimiter()).isEqualTo(";");
        assertThat(sales.delimiterChar()).contains(';');
        assertThat(sales.datePattern()).containsExactly("dd/MM/yyyy"); // a single string is a list of one
        assertThat(sales.timestampPattern()).containsExactly("dd.MM.yyyy HH:mm");
        assertThat(sales.decimalComma()).isTrue();
        assertThat(sales.columns()).containsOnlyKeys("order_id", "unit_price");
        assertThat(sales.columns().get("order_id").from()).containsExactly("订单号"); // a single string is a list of one
        assertThat(sales.columns().get("unit_price").from()).containsExactly("单价", "Unit Price");

        SourceOptions fx = c.source(Source.FX_RATES);
        assertThat(fx.delimiterChar()).contains('\t');
        assertThat(fx.encoding()).isEqualTo("UTF-8"); // not given: default
        assertThat(fx.decimalComma()).isFalse();

        SourceOptions logistics = c.source(Source.LOGISTICS); // no entry at all
        assertThat(logistics.encoding()).isEqualTo("UTF-8");
        assertThat(logistics.delimiter()).isEqualTo("auto");
        assertThat(logistics.delimiterChar()).isEmpty();
        assertThat(logistics.columns()).isEmpty();
    }

    @Test
    void defaultsWhenNoFile() {
        MarketlensConfig c = ConfigLoader.load(null);
        assertThat(c.baseCurrency()).isEqualTo("USD");
        assertThat(c.timezone()).isEqualTo("UTC");
        assertThat(c.fxToleranceDays()).isEqualTo(7);
        assertThat(c.cancelledStatuses()).containsExactly("cancelled", "canceled");
        assertThat(c.maxQuarantineRatio()).isEqualTo(0.05);
        assertThat(c.windowMonths()).isEqualTo(12);
        assertThat(c.shufflePartitions()).isEqualTo(8);
        assertThat(c.sources()).isEmpty();
        for (Source s : Source.values()) {
            SourceOptions o = c.source(s);
            assertThat(o.encoding()).isEqualTo("UTF-8");
            assertThat(o.delimiter()).isEqualTo("auto");
            assertThat(o.datePattern()).isEmpty();
            assertThat(o.timestampPattern()).isEmpty();
            assertThat(o.decimalComma()).isFalse();
            assertThat(o.columns()).isEmpty();
        }
    }

    @Test
    void emptyFileMeansDefaults() throws IOException {
        assertThat(load("")).isEqualTo(MarketlensConfig.defaults());
        assertThat(load("\n  \n")).isEqualTo(MarketlensConfig.defaults());
    }

    @Test
    void commentOnlyFileMeansDefaults() throws IOException {
        // e.g. the shipped template with every key commented out
        assertThat(load("# nothing configured yet\n# timezone: Asia/Shanghai\n")).isEqualTo(MarketlensConfig.defaults());
    }

    @Test
    void partialFileKeepsOtherDefaults() throws IOException {
        MarketlensConfig c = load("timezone: Europe/Berlin\n");
        assertThat(c.timezone()).isEqualTo("Europe/Berlin");
        assertThat(c.baseCurrency()).isEqualTo("USD");
        assertThat(c.fxToleranceDays()).isEqualTo(7);
    }

    @Test
    void missingFile() {
        Path nowhere = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(nowhere))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.yaml")
                .hasMessageContaining("--config");
    }

    @Test
    void unknownTopLevelKey() throws IOException {
        Path p = write("base_currency: USD\nbase_curency: EUR\n");
        assertThatThrownBy(() -> ConfigLoader.load(p))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("marketlens.yaml")
                .hasMessageContaining("'base_curency'")
                .hasMessageContaining("line 2")
                .hasMessageContaining("base_currency"); // the known keys are listed
    }

    @Test
    void unknownKeyInsideASource() throws IOException {
        Path p = write("sources:\n  sales:\n    delimeter: ';'\n");
        assertThatThrownBy(() -> ConfigLoader.load(p))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'sources.sales.delimeter' at line 3")
                .hasMessageContaining("delimiter");
    }

    @Test
    void camelCaseKeysAreUnknown() throws IOException {
        Path p = write("baseCurrency: EUR\n");
        assertThatThrownBy(() -> ConfigLoader.load(p))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'baseCurrency'");
    }

    @Test
    void badTimezone() throws IOException {
        Path p = write("timezone: Mars/Olympus_Mons\n");
        assertThatThrownBy(() -> ConfigLoader.load(p))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("timezone")
                .hasMessageContaining("Mars/Olympus_Mons")
                .hasMessageContaining("Asia/Shanghai"); // an example of a valid id
    }

    @Test
    void badBaseCurrency() throws IOException {
        Path p = write("base_currency: dollars\n");
        assertThatThrownBy(() -> ConfigLoader.load(p))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("base_currency")
                .hasMessageContaining("ISO 4217");
    }

    @Test
    void badEncoding() throws IOException {
        Path p = write("sources:\n  sales:\n    encoding: UTF-9\n");
        assertThatThrownBy(() -> ConfigLoader.load(p))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sources.sales.encoding")
                .hasMessageContaining("UTF-9")
                .hasMessageContaining("GB18030");
    }

    @Test
    void unknownSourceName() throws IOException {
        Path p = write("sources:\n  orders:\n    encoding: UTF-8\n");
        assertThatThrownBy(() -> ConfigLoader.load(p))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sources.orders")
                .hasMessageContaining("sales, competitors, logistics, fx_rates");
    }

    @Test
    void encodingAutoIsAccepted() throws IOException {
        MarketlensConfig c = load("sources:\n  sales:\n    encoding: auto\n");
        assertThat(c.source(Source.SALES).encoding()).isEqualTo("auto");
    }

    @Test
    void sourceNameInOtherCaseIsApplied() throws IOException {
        // source names are matched without regard to case: 'Sales' configures the sales files
        MarketlensConfig c = load("sources:\n  Sales:\n    encoding: GB18030\n");
        assertThat(c.source(Source.SALES).encoding()).isEqualTo("GB18030");
    }

    @Test
    void headerRowAndSheet() throws IOException {
        MarketlensConfig c = load("sources:\n  sales:\n    header_row: 9\n    sheet: Orders\n  logistics:\n    header_row: auto\n");
        assertThat(c.source(Source.SALES).headerRow()).isEqualTo("9");
        assertThat(c.source(Source.SALES).headerLine()).hasValue(9);
        assertThat(c.source(Source.SALES).sheet()).isEqualTo("Orders");
        assertThat(c.source(Source.LOGISTICS).headerLine()).isEmpty();
        assertThat(c.source(Source.COMPETITORS).headerRow()).isEqualTo("auto");
        assertThat(c.source(Source.COMPETITORS).sheet()).isNull();
    }

    @Test
    void badHeaderRow() throws IOException {
        for (String bad : new String[] {"0", "-3", "first", "2.5"}) {
            Path p = write("sources:\n  sales:\n    header_row: " + bad + "\n");
            assertThatThrownBy(() -> ConfigLoader.load(p))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("sources.sales.header_row")
                    .hasMessageContaining("auto");
        }
    }

    @Test
    void unknownCanonicalColumn() throws IOException {
        Path p = write("sources:\n  sales:\n    columns:\n      order_no: Order No\n");
        assertThatThrownBy(() -> ConfigLoader.load(p))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sources.sales.columns.order_no")
                .hasMessageContaining("order_id"); // the real column names are listed
    }

    @Test
    void columnOfAnotherSourceIsUnknownHere() throws IOException {
        Path p = write("sources:\n  fx_rates:\n    columns:\n      order_id: x\n");
        assertThatThrownBy(() -> ConfigLoader.load(p))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sources.fx_rates.columns.order_id")
                .hasMessageContaining("rate_to_base");
    }

    @Test
    void badDelimiter() throws IOException {
        Path p = write("sources:\n  sales:\n    delimiter: ';;'\n");
        assertThatThrownBy(() -> ConfigLoader.load(p))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sources.sales.delimiter")
                .hasMessageContaining(";;");
    }

    @Test
    void badDatePattern() throws IOException {
        Path p = write("sources:\n  competitors:\n    date_pattern: dd/MM/yyyyb\n");
        assertThatThrownBy(() -> ConfigLoader.load(p))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sources.competitors.date_pattern")
                .hasMessageContaining("dd/MM/yyyyb");
    }

    @Test
    void datePatternsMayBeAList() throws IOException {
        MarketlensConfig c = load("""
                sources:
                  competitors:
                    date_pattern: [MM-dd-yy, "MMM d, yyyy"]
                    timestamp_pattern:
                      - dd/MM/yyyy HH:mm '(UTC)'
                      - yyyy-MM-dd HH:mm:ss Z
                """);
        SourceOptions o = c.source(Source.COMPETITORS);
        assertThat(o.datePattern()).containsExactly("MM-dd-yy", "MMM d, yyyy");
        assertThat(o.timestampPattern()).containsExactly("dd/MM/yyyy HH:mm '(UTC)'", "yyyy-MM-dd HH:mm:ss Z");
    }

    @Test
    void everyPatternOfAListIsChecked() throws IOException {
        Path second = write("sources:\n  sales:\n    timestamp_pattern: [dd/MM/yyyy HH:mm, dd/MM/yyyy bb]\n");
        assertThatThrownBy(() -> ConfigLoader.load(second))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sources.sales.timestamp_pattern[1]")
                .hasMessageContaining("dd/MM/yyyy bb");
        Path empty = write("sources:\n  sales:\n    date_pattern: [dd/MM/yyyy, \"\"]\n");
        assertThatThrownBy(() -> ConfigLoader.load(empty))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sources.sales.date_pattern[1] is empty");
        Path unquoted = write("sources:\n  sales:\n    date_pattern: \"dd/MM/yyyy 'x\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(unquoted))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sources.sales.date_pattern");
    }

    @Test
    void outOfRangeNumbers() throws IOException {
        Path negative = write("fx_tolerance_days: -1\n");
        assertThatThrownBy(() -> ConfigLoader.load(negative))
                .isInstanceOf(ConfigException.class).hasMessageContaining("fx_tolerance_days");
        Path ratio = write("max_quarantine_ratio: 1.5\n");
        assertThatThrownBy(() -> ConfigLoader.load(ratio))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max_quarantine_ratio");
        Path window = write("window_months: 0\n");
        assertThatThrownBy(() -> ConfigLoader.load(window))
                .isInstanceOf(ConfigException.class).hasMessageContaining("window_months");
    }

    @Test
    void aFractionWhereAWholeNumberIsNeededNamesTheKeyAndLine() throws IOException {
        Path p = write("base_currency: USD\nwindow_months: 1.5\n");
        assertThatThrownBy(() -> ConfigLoader.load(p))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config " + p + ": window_months must be a whole number, not 1.5 (line 2)");
        Path nested = write("metrics:\n  forecast_horizon: 2.0\n");
        assertThatThrownBy(() -> ConfigLoader.load(nested))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config " + nested + ": metrics.forecast_horizon must be a whole number, not 2.0 (line 2)");
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingTheKey() throws IOException {
        Path p = write("window_months: 12\nbase_currency: USD\nwindow_months: 24\n");
        assertThatThrownBy(() -> ConfigLoader.load(p))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config " + p + ": key 'window_months' is given twice (again at line 3); keep one");
        Path nested = write("sources:\n  sales:\n    encoding: UTF-8\n    encoding: GB18030\n");
        assertThatThrownBy(() -> ConfigLoader.load(nested))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config " + nested + ": key 'sources.sales.encoding' is given twice (again at line 4); keep one");
    }

    @Test
    void shufflePartitionsBelowOneIsRefused() throws IOException {
        Path p = write("shuffle_partitions: -5\n");
        assertThatThrownBy(() -> ConfigLoader.load(p))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config " + p + ": shuffle_partitions must be ≥ 1, not -5");
    }

    @Test
    void wrongTypeNamesTheKey() throws IOException {
        Path p = write("base_currency: USD\nfx_tolerance_days: seven\n");
        assertThatThrownBy(() -> ConfigLoader.load(p))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("fx_tolerance_days");
    }

    @Test
    void malformedYaml() throws IOException {
        Path p = write("sources:\n  sales:\n    encoding: [GB18030\n");
        assertThatThrownBy(() -> ConfigLoader.load(p))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("marketlens.yaml");
    }

    @Test
    void describeListsEffectiveSettings() throws IOException {
        Map<String, Object> d = load(FULL).describe();
        assertThat(d).containsEntry("base_currency", "CNY").containsEntry("timezone", "Asia/Shanghai")
                .containsEntry("fx_tolerance_days", 3).containsEntry("window_months", 24);
        @SuppressWarnings("unchecked")
        Map<String, Object> sources = (Map<String, Object>) d.get("sources");
        assertThat(sources).containsOnlyKeys("sales", "competitors", "logistics", "fx_rates");
        @SuppressWarnings("unchecked")
        Map<String, Object> sales = (Map<String, Object>) sources.get("sales");
        assertThat(sales).containsEntry("encoding", "GB18030").containsEntry("delimiter", ";").containsEntry("decimal_comma", true);
        @SuppressWarnings("unchecked")
        Map<String, io.marketlens.ingest.ColumnRule> columns = (Map<String, io.marketlens.ingest.ColumnRule>) sales.get("columns");
        assertThat(columns.get("order_id").from()).isEqualTo(List.of("订单号"));
    }

    @Test
    void withersKeepEverythingElse() throws IOException {
        MarketlensConfig c = load(FULL).withBaseCurrency("eur").withWindowMonths(6);
        assertThat(c.baseCurrency()).isEqualTo("EUR");
        assertThat(c.windowMonths()).isEqualTo(6);
        assertThat(c.timezone()).isEqualTo("Asia/Shanghai");
        assertThat(c.source(Source.SALES).encoding()).isEqualTo("GB18030");
        assertThat(c.withBaseCurrency(null)).isSameAs(c);
    }
}
