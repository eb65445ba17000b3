package io.marketlens.metrics.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Tables;
import io.marketlens.testing.FactRows;
import io.marketlens.testing.SparkTestSession;
import io.marketlens.testing.TableRows;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The product-selection table from hand-made window figures of three categories A, B, C (and a thin D):
 *
 * <pre>
 *        size  growth  hhi   new share  best band  top-10 reviews  amplitude
 *   A    300   0.5     1000  0.2        2.0        100             1.2 / 0.8 = 1.5
 *   B    200   0.1     3000  0.1        1.0        500             1.2 / 0.6 = 2.0
 *   C    100   0.3     2000  0.3        1.5        300             –
 * </pre>
 *
 * Each of the six market components takes the values m − d, m, m + d over the three, so its z-scores are
 * ±√(3/2) = ±1.224745 and 0; the amplitude's are ∓1 (A, B). With weights 1 and 0.5 for the amplitude:
 * score A = (5 · 1.224745 + 0.5 · 1) / 6.5 = 1.018996, B = −1.018996, C = (−1.224745 + 1.224745) / 6 = 0.
 */
class ProductSelectionTest {

    private final SparkSession spark = SparkTestSession.get();
    private static final double Z = Math.sqrt(1.5);

    private static Map<String, Object> scope(String platform, String marketplace, String category, String period) {
        Map<String, Object> m = new HashMap<>();
        m.put(Columns.PLATFORM, platform);
        m.put(Columns.MARKETPLACE, marketplace);
        m.put(Columns.CATEGORY, category);
        if (period != null) {
            m.put(Columns.PERIOD, period);
        }
        return m;
    }

    private static Map<String, Object> with(Map<String, Object> m, Object... kv) {
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private MetricsContext context() {
        FactRows fact = new FactRows();
        for (String c : List.of("A", "B", "C", "D")) {
            fact.sale("amazon", "US", c, "2024-06", "p-" + c, "s1", 1, 1);
        }
        fact.listing("amazon", "US", "D", "2024-06", "q-D", "s2", 10, 100, null, null); // D: 5 orders + 10 snapshot units
        MetricsContext ctx = new MetricsContext(spark, fact.build(spark), Optional.empty(),
                new AnalysisPeriod(LocalDate.parse("2024-12-31"), 12));
        Map<String, double[]> v = Map.of(
                "A", new double[]{300, 0.5, 1000, 0.2, 2.0, 100, 0.8, 1.2},
                "B", new double[]{200, 0.1, 3000, 0.1, 1.0, 500, 0.6, 1.2},
                "C", new double[]{100, 0.3, 2000, 0.3, 1.5, 300, Double.NaN, Double.NaN},
                "D", new double[]{900, 0.9, 500, 0.5, 3.0, 10, Double.NaN, Double.NaN});
        List<Row> size = new ArrayList<>();
        List<Row> concentration = new ArrayList<>();
        List<Row> fresh = new ArrayList<>();
        List<Row> intensity = new ArrayList<>();
        List<Row> bands = new ArrayList<>();
        List<Row> seasons = new ArrayList<>();
        for (String[] s : List.of(new String[]{"ALL", "ALL"}, new String[]{"amazon", "US"})) {
            v.forEach((c, x) -> {
                boolean thin = c.equals("D");
                size.add(TableRows.of(Tables.MARKET_SIZE, with(scope(s[0], s[1], c, "window"), Columns.REVENUE, x[0],
                        Columns.YOY_GROWTH, x[1], Columns.ORDERS, thin ? 5L : 400L, Columns.PRODUCTS, 40L, Columns.ROWS, 90L)));
                // a month row and the brand HHI must not be read
                size.add(TableRows.of(Tables.MARKET_SIZE, with(scope(s[0], s[1], c, "2024-06"), Columns.REVENUE, 1.0,
                        Columns.ORDERS, 1L, Columns.PRODUCTS, 1L, Columns.ROWS, 1L)));
                concentration.add(TableRows.of(Tables.CONCENTRATION, with(scope(s[0], s[1], c, "window"),
                        Columns.ENTITY, Codes.SELLER, Columns.HHI, x[2])));
                concentration.add(TableRows.of(Tables.CONCENTRATION, with(scope(s[0], s[1], c, "window"),
                        Columns.ENTITY, Codes.BRAND, Columns.HHI, 9999.0)));
                fresh.add(TableRows.of(Tables.NEW_VS_EXISTING, with(scope(s[0], s[1], c, "window"),
                        Columns.NEW_PRODUCT_REVENUE_SHARE, x[3])));
                intensity.add(TableRows.of(Tables.COMPETITION_INTENSITY, with(scope(s[0], s[1], c, "window"),
                        Columns.TOP10_MEAN_REVIEWS, x[5])));
                bands.add(TableRows.of(Tables.PRICE_BANDS, with(scope(s[0], s[1], c, "window"), Columns.BAND_INDEX, 0,
                        Columns.OPPORTUNITY, x[4], Columns.IS_BEST, true)));
                // a band with a higher opportunity that is not the best (too little demand)
                bands.add(TableRows.of(Tables.PRICE_BANDS, with(scope(s[0], s[1], c, "window"), Columns.BAND_INDEX, 1,
                        Columns.OPPORTUNITY, 50.0, Columns.IS_BEST, false)));
                if (!Double.isNaN(x[6])) {
                    for (int month = 1; month <= 12; month++) {
                        double index = month == 1 ? x[6] : month == 7 ? x[7] : 1.0;
                        seasons.add(TableRows.of(Tables.SEASONALITY, with(scope(s[0], s[1], c, null), Columns.MONTH, month,
                                Columns.SEASONAL_INDEX, index)));
                    }
                }
            });
        }
        ctx.collected().put(Tables.MARKET_SIZE.name(), size);
        ctx.collected().put(Tables.CONCENTRATION.name(), concentration);
        ctx.collected().put(Tables.NEW_VS_EXISTING.name(), fresh);
        ctx.collected().put(Tables.COMPETITION_INTENSITY.name(), intensity);
        ctx.collected().put(Tables.PRICE_BANDS.name(), bands);
        ctx.collected().put(Tables.SEASONALITY.name(), seasons);
        return ctx;
    }

    private static Row candidate(MetricTable t, String platform, String category) {
        return t.collect().stream().filter(r -> r.getAs(Columns.PLATFORM).equals(platform)
                && r.getAs(Columns.CATEGORY).equals(category)).findFirst().orElseThrow();
    }

    @Test
    void scoresRanksAndComponentsOfThreeCategories() {
        MetricTable t = ProductSelection.compute(context(), SelectionOptions.DEFAULT);
        Row a = candidate(t, "ALL", "A");
        Row b = candidate(t, "ALL", "B");
        Row c = candidate(t, "ALL", "C");
        assertThat(a.<Double>getAs(Columns.SCORE)).isCloseTo((5 * Z + 0.5) / 6.5, within(1e-12));
        assertThat(b.<Double>getAs(Columns.SCORE)).isCloseTo(-(5 * Z + 0.5) / 6.5, within(1e-12));
        assertThat(c.<Double>getAs(Columns.SCORE)).isCloseTo(0.0, within(1e-12));
        assertThat(List.of(a.<Integer>getAs(Columns.RANK), c.<Integer>getAs(Columns.RANK), b.<Integer>getAs(Columns.RANK)))
                .containsExactly(1, 2, 3);
        assertThat(a.<Integer>getAs(Columns.CANDIDATES)).isEqualTo(3);

        // the components as read from the tables: window rows, the seller HHI, the best band, max ÷ min index
        assertThat(a.<Double>getAs(Columns.SIZE)).isEqualTo(300.0);
        assertThat(a.<Double>getAs(Columns.HHI)).isEqualTo(1000.0);
        assertThat(a.<Double>getAs(Columns.BEST_BAND_OPPORTUNITY)).isEqualTo(2.0);
        assertThat(a.<Double>getAs(Columns.SEASONALITY_AMPLITUDE)).isCloseTo(1.5, within(1e-12));
        assertThat(b.<Double>getAs(Columns.SEASONALITY_AMPLITUDE)).isCloseTo(2.0, within(1e-12));
        assertThat(c.<Double>getAs(Columns.SEASONALITY_AMPLITUDE)).isNull();
        assertThat(a.<Double>getAs(Columns.LOGISTICS_COST_SHARE)).isNull(); // no shipments

        // z-scores as they are: the HHI's sign is applied in the score, not in the column
        assertThat(a.<Double>getAs(Columns.z(Columns.SIZE))).isCloseTo(Z, within(1e-12));
        assertThat(a.<Double>getAs(Columns.z(Columns.HHI))).isCloseTo(-Z, within(1e-12));
        assertThat(a.<Double>getAs(Columns.z(Columns.SEASONALITY_AMPLITUDE))).isCloseTo(-1.0, within(1e-12));
        assertThat(c.<Double>getAs(Columns.z(Columns.SEASONALITY_AMPLITUDE))).isNull();
        assertThat(List.of(a.<Integer>getAs(Columns.COMPONENTS_USED), c.<Integer>getAs(Columns.COMPONENTS_USED)))
                .containsExactly(7, 6);
        assertThat(a.<Double>getAs(Columns.RANK_STABILITY)).isEqualTo(1.0); // three candidates: all always in the top 3

        // the platform × marketplace set is ranked on its own
        assertThat(candidate(t, "amazon", "A").<Integer>getAs(Columns.RANK)).isEqualTo(1);
        assertThat(t.collect()).hasSize(8);
    }

    @Test
    void aThinCategoryShowsItsComponentsButIsNotScored() {
        MetricTable t = ProductSelection.compute(context(), SelectionOptions.DEFAULT);
        // D: 5 orders + 10 units of snapshots = 15 < 30
        Row d = candidate(t, "ALL", "D");
        assertThat(d.<String>getAs(Columns.STATUS)).isEqualTo(Codes.LOW_VOLUME);
        assertThat(d.<Double>getAs(Columns.SIZE)).isEqualTo(900.0);
        assertThat(d.<Integer>getAs(Columns.RANK)).isNull();
        assertThat(d.<Double>getAs(Columns.SCORE)).isNull();
        assertThat(d.<Double>getAs(Columns.z(Columns.SIZE))).isNull();
        // with min_orders 15 it counts: then it is a candidate (and, best on every component, first)
        MetricTable lower = ProductSelection.compute(context(), SelectionOptions.of(null, 15L, null));
        assertThat(candidate(lower, "ALL", "D").<Integer>getAs(Columns.RANK)).isEqualTo(1);
        assertThat(candidate(lower, "ALL", "D").<Integer>getAs(Columns.CANDIDATES)).isEqualTo(4);
    }

    @Test
    void weightsComeFromTheConfigByColumnName() {
        // only growth counts: A (0.5) first, C (0.3), B (0.1)
        Map<String, Double> w = new HashMap<>();
        for (String column : Columns.SELECTION_COMPONENTS) {
            w.put(column, column.equals(Columns.GROWTH) ? 1.0 : 0.0);
        }
        MetricTable t = ProductSelection.compute(context(), SelectionOptions.of(w, null, null));
        assertThat(candidate(t, "ALL", "B").<Integer>getAs(Columns.RANK)).isEqualTo(3);
        assertThat(candidate(t, "ALL", "C").<Double>getAs(Columns.SCORE)).isCloseTo(0.0, within(1e-12));
        assertThat(candidate(t, "ALL", "A").<Integer>getAs(Columns.COMPONENTS_USED)).isEqualTo(1);
    }

    @Test
    void logisticsCostIsSplitOverAnOrdersCategoriesByRevenue() {
        StructType orderSchema = new StructType().add(Columns.PLATFORM, DataTypes.StringType)
                .add(Columns.MARKETPLACE, DataTypes.StringType).add(Columns.CATEGORY, DataTypes.StringType)
                .add(Columns.PERIOD, DataTypes.StringType).add("order_id", DataTypes.StringType)
                .add(Columns.REVENUE, DataTypes.DoubleType);
        Dataset<Row> orders = spark.createDataFrame(List.of(
                RowFactory.create("amazon", "US", "A", "2024-03", "o1", 60.0),
                RowFactory.create("amazon", "US", "B", "2024-03", "o1", 40.0),
                RowFactory.create("amazon", "US", "A", "2024-04", "o2", 50.0),
                RowFactory.create("amazon", "US", "B", "2024-05", "o3", 30.0),
                RowFactory.create("amazon", "US", "A", "2023-05", "o4", 100.0)), orderSchema);
        StructType shipmentSchema = new StructType().add("shipment_id", DataTypes.StringType)
                .add("order_id", DataTypes.StringType).add("ship_ts", DataTypes.TimestampType)
                .add("cost_base", DataTypes.DoubleType);
        Dataset<Row> shipments = spark.createDataFrame(List.of(
                RowFactory.create("s1", "o1", Timestamp.valueOf("2024-03-02 10:00:00"), 10.0),
                RowFactory.create("s2", "o2", Timestamp.valueOf("2024-04-02 10:00:00"), 5.0),
                RowFactory.create("s3", "o2", Timestamp.valueOf("2024-04-09 10:00:00"), 5.0),
                RowFactory.create("s4", "o3", Timestamp.valueOf("2024-05-02 10:00:00"), null),
                RowFactory.create("s5", "o4", Timestamp.valueOf("2023-05-02 10:00:00"), 7.0)), shipmentSchema);
        MetricsContext ctx = new MetricsContext(spark, null, Optional.of(orders), Optional.of(shipments),
                new AnalysisPeriod(LocalDate.parse("2024-12-31"), 12));
        Map<List<String>, Double> share = SelectionInputs.logisticsCostShare(ctx);
        // A: o1's 10 × 60/100 + o2's 5 + 5 = 16 over 60 + 50; B: 10 × 40/100 = 4 over 40 (o3 has no cost, o4 is
        // shipped before the window)
        assertThat(share.get(List.of("amazon", "US", "A"))).isCloseTo(16.0 / 110, within(1e-12));
        assertThat(share.get(List.of("ALL", "ALL", "B"))).isCloseTo(0.1, within(1e-12));
        // over the categories (the platform comparison's scope): o1's 10 + o2's 10 over 100 + 50
        assertThat(share.get(List.of("amazon", "US", "ALL"))).isCloseTo(20.0 / 150, within(1e-12));
        assertThat(share.get(List.of("ALL", "ALL", "ALL"))).isCloseTo(20.0 / 150, within(1e-12));
        // every roll-up of the two leaves: {amazon, ALL} × {US, ALL} × {A, B, ALL}
        assertThat(share).hasSize(12);
    }
}
