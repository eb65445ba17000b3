package io.marketlens.metrics.competitors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.pricing.PriceBandsTable;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Tables;
import io.marketlens.testing.FactRows;
import io.marketlens.testing.SparkTestSession;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed competitor tables. Toys on amazon US, window 2024-01 … 2024-12, previous window 2023; price bands by
 * configured edges [0, 50) and [50, 150]:
 *
 * <pre>
 *  seller   2023 (previous window)        2024 (window)                      price  band
 *  us       2023-06: 10 u, 200             2024-06: 20 u, 400                 20     0     (own store)
 *  a        2023-01: 5 u, 100; 06: 30, 600  2024-06: 30 u, 600                 20     0
 *  b        2023-06: 10 u, 1000            2024-06: 10 u, 1000                100    1
 *  c        –                              2024-10: 10 u, 200; 11: 10 u, 200  20     0     (first seen 2024-10)
 * </pre>
 *
 * Window revenue 2400: b 1000 (rank 1, share 5/12), a 600 (2, 1/4), c 400 and us 400 (tie, by seller key: c 3, us 4).
 * Previous window 1900: us 200, a 700, b 1000.
 */
class CompetitorsTest {

    private final SparkSession spark = SparkTestSession.get();

    private static FactRows market() {
        return new FactRows()
                .sale("amazon", "US", "Toys", "2023-06", "p-us", "us", 10, 200)
                .sale("amazon", "US", "Toys", "2024-06", "p-us", "us", 20, 400)
                .listing("amazon", "US", "Toys", "2023-01", "p-a", "a", 5, 100, "2020-01-01", 300L)
                .listing("amazon", "US", "Toys", "2023-06", "p-a", "a", 30, 600, "2020-01-01", 310L)
                .listing("amazon", "US", "Toys", "2024-06", "p-a", "a", 30, 600, "2020-01-01", 350L)
                .listing("amazon", "US", "Toys", "2023-06", "p-b", "b", 10, 1000, "2021-01-01", 40L)
                .listing("amazon", "US", "Toys", "2024-06", "p-b", "b", 10, 1000, "2021-01-01", 45L)
                .rated("amazon", "US", "Toys", "2024-10", "p-c", "c", 10, 200, "2024-09-15", 4.0, 5)
                .rated("amazon", "US", "Toys", "2024-11", "p-c", "c", 10, 200, "2024-09-15", 4.5, 12);
    }

    private List<MetricTable> compute(FactRows rows, List<String> own) {
        MetricsContext ctx = new MetricsContext(spark, rows.build(spark), Optional.empty(),
                new AnalysisPeriod(LocalDate.parse("2024-12-31"), 12));
        PriceBandsTable.Options bands = PriceBandsTable.Options.of("edges", null, null, null,
                Map.of("Toys", List.of(0.0, 50.0, 150.0)));
        ctx.collected().put(Tables.PRICE_BANDS.name(), PriceBandsTable.compute(ctx, bands).collect());
        return Competitors.compute(ctx, own, 6, CompetitorOptions.DEFAULT);
    }

    private static Row row(MetricTable t, String platform, String period, String seller) {
        return t.collect().stream().filter(r -> r.getAs(Columns.PLATFORM).equals(platform)
                        && r.getAs(Columns.PERIOD).equals(period) && r.getAs(Columns.SELLER_ID).equals(seller))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + platform + " " + period + " " + seller));
    }

    @Test
    void windowFiguresTypesAndPositions() {
        MetricTable competitors = compute(market(), List.of("us")).get(0);
        Row b = row(competitors, "amazon", "window", "b");
        Row a = row(competitors, "amazon", "window", "a");
        Row c = row(competitors, "amazon", "window", "c");

        assertThat(List.of(b.<Integer>getAs(Columns.RANK), a.<Integer>getAs(Columns.RANK), c.<Integer>getAs(Columns.RANK)))
                .containsExactly(1, 2, 3);
        assertThat(b.<Long>getAs(Columns.SELLERS)).isEqualTo(4L); // the own store is ranked too
        assertThat(b.<Double>getAs(Columns.SHARE)).isCloseTo(1000.0 / 2400, within(1e-12));
        assertThat(a.<Double>getAs(Columns.SHARE)).isCloseTo(0.25, within(1e-12));
        // share change in points against 2023: b 100·(1000/2400 − 1000/1900), a 100·(600/2400 − 700/1900), c new
        assertThat(b.<Double>getAs(Columns.SHARE_CHANGE)).isCloseTo(100 * (1000.0 / 2400 - 1000.0 / 1900), within(1e-9));
        assertThat(a.<Double>getAs(Columns.SHARE_CHANGE)).isCloseTo(-11.842105263, within(1e-8));
        assertThat(c.<Double>getAs(Columns.SHARE_CHANGE)).isCloseTo(100.0 / 6, within(1e-9));
        assertThat(a.<Double>getAs(Columns.PREVIOUS_REVENUE)).isEqualTo(700.0);
        assertThat(a.<Double>getAs(Columns.GROWTH)).isCloseTo(600.0 / 700 - 1, within(1e-12));
        assertThat(b.<Double>getAs(Columns.GROWTH)).isEqualTo(0.0);
        assertThat(c.<Double>getAs(Columns.GROWTH)).isNull();
        assertThat(c.<String>getAs(Columns.STATUS)).isEqualTo(Codes.NO_PREVIOUS_SALES);
        assertThat(a.<String>getAs(Columns.STATUS)).isNull();

        // own ASP 400 / 20 = 20: a 20 → 1, b 100 → 5
        assertThat(a.<Double>getAs(Columns.PRICE_INDEX)).isCloseTo(1.0, within(1e-12));
        assertThat(b.<Double>getAs(Columns.PRICE_INDEX)).isCloseTo(5.0, within(1e-12));
        assertThat(b.<Double>getAs(Columns.ASP)).isCloseTo(100.0, within(1e-12));

        // a shares band 0 with us: direct; b sells only in band 1: indirect; c is new since 2024-10 and the only gainer
        assertThat(a.<String>getAs(Columns.TYPE)).isEqualTo("direct");
        assertThat(b.<String>getAs(Columns.TYPE)).isEqualTo("indirect");
        assertThat(c.<String>getAs(Columns.TYPE)).isEqualTo("emerging");
        assertThat(List.of(a.<Boolean>getAs(Columns.SAME_BAND), b.<Boolean>getAs(Columns.SAME_BAND), c.<Boolean>getAs(Columns.SAME_BAND)))
                .containsExactly(true, false, true);

        // Kotler positions: b rank 1 leader; a (5/12 above) and c (2/3 above) challengers
        assertThat(b.<String>getAs(Columns.POSITION)).isEqualTo("leader");
        assertThat(a.<String>getAs(Columns.POSITION)).isEqualTo("challenger");
        assertThat(c.<String>getAs(Columns.POSITION)).isEqualTo("challenger");

        // c's latest snapshot (2024-11): rating 4.5, 12 reviews; its product launched 2024-09-15 is new
        assertThat(c.<Double>getAs(Columns.LATEST_RATING)).isEqualTo(4.5);
        assertThat(c.<Long>getAs(Columns.LATEST_REVIEWS)).isEqualTo(12L);
        assertThat(c.<Long>getAs(Columns.NEW_PRODUCTS)).isEqualTo(1L);
        assertThat(c.<String>getAs(Columns.FIRST_PERIOD)).isEqualTo("2024-10");
        assertThat(a.<String>getAs(Columns.FIRST_PERIOD)).isEqualTo("2023-01");
        assertThat(a.<Long>getAs(Columns.LATEST_REVIEWS)).isEqualTo(350L);

        // the own store is not a competitor; every window row's revenue plus the own 400 is the scope's 2400
        assertThat(competitors.collect()).noneMatch(r -> r.getAs(Columns.SELLER_ID).equals("us"));
        double listed = competitors.collect().stream().filter(r -> r.getAs(Columns.PLATFORM).equals("amazon")
                && r.getAs(Columns.MARKETPLACE).equals("US") && r.getAs(Columns.PERIOD).equals("window")).mapToDouble(r -> r.<Double>getAs(Columns.REVENUE)).sum();
        assertThat(listed + 400).isEqualTo(2400.0);
    }

    @Test
    void monthRowsCompareWithTheMonthBefore() {
        MetricTable competitors = compute(market(), List.of("us")).get(0);
        // 2024-11: c alone (200), the month before c alone (200): share 1 → 1, change 0, growth 0; no own sale that month
        Row c = row(competitors, "amazon", "2024-11", "c");
        assertThat(c.<Double>getAs(Columns.SHARE)).isEqualTo(1.0);
        assertThat(c.<Double>getAs(Columns.SHARE_CHANGE)).isEqualTo(0.0);
        assertThat(c.<Double>getAs(Columns.GROWTH)).isEqualTo(0.0);
        assertThat(c.<String>getAs(Columns.TYPE)).isNull();
        assertThat(c.<Double>getAs(Columns.PRICE_INDEX)).isNull();
        assertThat(c.<String>getAs(Columns.STATUS)).isEqualTo(Codes.NO_OWN_PRODUCTS);
        // the data's first month has no month before it
        Row a = row(competitors, "amazon", "2023-01", "a");
        assertThat(a.<Double>getAs(Columns.SHARE_CHANGE)).isNull();
        assertThat(a.<String>getAs(Columns.STATUS)).isEqualTo(Codes.NO_OWN_PRODUCTS + ";" + Codes.INSUFFICIENT_HISTORY);
        // the four category-level roll-ups carry the same figures here (one platform, one marketplace)
        assertThat(row(competitors, "ALL", "window", "b").<Double>getAs(Columns.SHARE))
                .isEqualTo(row(competitors, "amazon", "window", "b").<Double>getAs(Columns.SHARE));
    }

    @Test
    void benchmarkSetsTheOwnStoreBesideItsDirectCompetitors() {
        MetricTable benchmark = compute(market(), List.of("us")).get(1);
        List<Row> leaf = benchmark.collect().stream().filter(r -> r.getAs(Columns.PLATFORM).equals("amazon")
                && r.getAs(Columns.MARKETPLACE).equals("US")).toList();
        // own first, then the competitors sharing band 0 by rank (a 2, c 3); b (band 1 only) is not direct
        assertThat(leaf.stream().map(r -> r.<String>getAs(Columns.SELLER_ID))).containsExactly("us", "a", "c");
        Row us = leaf.get(0);
        assertThat(us.<Boolean>getAs(Columns.IS_OWN)).isTrue();
        assertThat(us.<Integer>getAs(Columns.RANK)).isEqualTo(4);
        assertThat(us.<String>getAs(Columns.POSITION)).isEqualTo("follower"); // 5/12 + 1/4 + 1/6 = 5/6 above it
        assertThat(us.<Double>getAs(Columns.GROWTH)).isEqualTo(1.0); // 400 vs 200
        assertThat(us.<Double>getAs(Columns.ASP)).isEqualTo(20.0);
        assertThat(us.<String>getAs(Columns.TYPE)).isNull();
        assertThat(leaf.get(2).<String>getAs(Columns.TYPE)).isEqualTo("emerging");
    }

    @Test
    void severalSalesSellersWithoutOwnSellerIdsHaveNoOwnStore() {
        FactRows rows = market().sale("amazon", "US", "Toys", "2024-07", "p-z", "z", 1, 50);
        MetricsContext ctx = new MetricsContext(spark, rows.build(spark), Optional.empty(),
                new AnalysisPeriod(LocalDate.parse("2024-12-31"), 12));
        ctx.collected().put(Tables.PRICE_BANDS.name(), PriceBandsTable.compute(ctx, PriceBandsTable.Options.defaults()).collect());
        List<MetricTable> t = Competitors.compute(ctx, List.of(), 6, CompetitorOptions.DEFAULT);
        assertThat(ctx.takeNotices()).singleElement().asString()
                .contains("2 sellers", "own_seller_ids is not set", "own_seller_ids: [us]");
        Row a = row(t.get(0), "amazon", "window", "a");
        assertThat(a.<String>getAs(Columns.TYPE)).isNull();
        assertThat(a.<Double>getAs(Columns.PRICE_INDEX)).isNull();
        assertThat(a.<String>getAs(Columns.STATUS)).isEqualTo(Codes.NO_OWN_STORE);
        // us is an ordinary seller now, listed among the competitors
        assertThat(row(t.get(0), "amazon", "window", "us").<Integer>getAs(Columns.RANK)).isEqualTo(4);
        // the benchmark lists the five largest sellers
        assertThat(t.get(1).collect().stream().filter(r -> r.getAs(Columns.PLATFORM).equals("amazon")
                        && r.getAs(Columns.MARKETPLACE).equals("US"))
                .map(r -> r.<String>getAs(Columns.SELLER_ID))).containsExactly("b", "a", "c", "us", "z");
    }

    @Test
    void theOnlySalesSellerIsTheOwnStore() {
        MetricsContext ctx = new MetricsContext(spark, market().build(spark), Optional.empty(),
                new AnalysisPeriod(LocalDate.parse("2024-12-31"), 12));
        ctx.collected().put(Tables.PRICE_BANDS.name(), PriceBandsTable.compute(ctx, PriceBandsTable.Options.defaults()).collect());
        List<MetricTable> t = Competitors.compute(ctx, List.of(), 6, CompetitorOptions.DEFAULT);
        assertThat(ctx.takeNotices()).singleElement().asString().contains("own store: seller us");
        assertThat(t.get(0).collect()).noneMatch(r -> r.getAs(Columns.SELLER_ID).equals("us"));
        assertThat(row(t.get(0), "amazon", "window", "b").<Double>getAs(Columns.PRICE_INDEX)).isCloseTo(5.0, within(1e-12));
    }

    @Test
    void revenuesEqualInDecimalsTieAndGoBySellerId() {
        // 54.9 + 64.9 = 119.80000000000001 in binary floating point, 59.9 + 59.9 = 119.8: the same 119.80
        FactRows rows = new FactRows()
                .sale("olist", "BR", "Bed", "2024-06", "p1", "us", 1, 10)
                .listing("olist", "BR", "Bed", "2024-06", "p2", "zz", 1, 54.9, null, null)
                .listing("olist", "BR", "Bed", "2024-06", "p3", "zz", 1, 64.9, null, null)
                .listing("olist", "BR", "Bed", "2024-06", "p4", "aa", 1, 59.9, null, null)
                .listing("olist", "BR", "Bed", "2024-06", "p5", "aa", 1, 59.9, null, null);
        MetricTable competitors = compute(rows, List.of("us")).get(0);
        assertThat(row(competitors, "olist", "window", "zz").<Double>getAs(Columns.REVENUE))
                .isGreaterThan(row(competitors, "olist", "window", "aa").<Double>getAs(Columns.REVENUE));
        assertThat(row(competitors, "olist", "window", "aa").<Integer>getAs(Columns.RANK)).isEqualTo(1);
        assertThat(row(competitors, "olist", "window", "zz").<Integer>getAs(Columns.RANK)).isEqualTo(2);
    }
}
