package io.marketlens.metrics.competition;

import static io.marketlens.fact.MarketFact.*;
import static org.apache.spark.sql.functions.*;

import io.marketlens.metrics.AnalysisPeriod;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.Scopes;
import io.marketlens.metrics.concentration.ConcentrationTable;
import io.marketlens.metrics.market.NewVsExisting;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Competition intensity, T/CCPITCSC 111-2022 Table 1, 1.1.4 竞争强度 (SPEC M8), per scope and period. Components:
 * active sellers; listings (platform, marketplace, product_id, seller_id) per 1 000 units of demand; the HHI
 * by seller (from the {@code concentration} table); the mean review count of the 10 listings with the most
 * units (an entry barrier); and the share of new products (as in {@code new_vs_existing}) that reach the
 * median units of the scope's listings. {@link CompetitionIndex} turns them into a 0–100 index.
 */
public final class CompetitionIntensity {

    public static final String TABLE = "competition_intensity";
    static final int TOP_N = 10;

    private static final String LISTING_KEY = "_offer";
    private static final String IS_NEW = "_new";

    static final StructType SCHEMA = new StructType()
            .add(PLATFORM, DataTypes.StringType).add(MARKETPLACE, DataTypes.StringType).add(CATEGORY, DataTypes.StringType)
            .add(PERIOD, DataTypes.StringType).add("index", DataTypes.DoubleType)
            .add("sellers", DataTypes.LongType).add("listings", DataTypes.LongType).add(UNITS, DataTypes.LongType)
            .add("listings_per_1000_units", DataTypes.DoubleType).add("hhi", DataTypes.DoubleType)
            .add("top10_mean_reviews", DataTypes.DoubleType).add("new_products", DataTypes.LongType)
            .add("new_product_success_share", DataTypes.DoubleType)
            .add("sellers_score", DataTypes.DoubleType).add("listings_score", DataTypes.DoubleType)
            .add("hhi_score", DataTypes.DoubleType).add("reviews_score", DataTypes.DoubleType)
            .add("new_product_success_score", DataTypes.DoubleType).add("components_used", DataTypes.IntegerType)
            .add("rows", DataTypes.LongType).add("status", DataTypes.StringType);

    private CompetitionIntensity() {
    }

    public static MetricTable compute(MetricsContext ctx) {
        AnalysisPeriod period = ctx.period();
        int newMonths = ctx.config().metrics().newProductMonths();
        CompetitionIndex.Weights weights = ctx.config().metrics().competitionWeights().weights();

        Dataset<Row> rows = Scopes.explode(Scopes.withWindow(NewVsExisting.withIntroductions(ctx.fact())
                .withColumn(LISTING_KEY, concat_ws("\u0001", col(PLATFORM), col(MARKETPLACE), col(PRODUCT), col(SELLER))),
                period, false), true);
        // one row per listing, scope and period: its units, latest review count and whether the product is new
        Dataset<Row> listings = rows.groupBy(Scopes.scopeAnd(PERIOD, LISTING_KEY, NewVsExisting.SELLER_KEY)).agg(
                sum(UNITS).as(UNITS),
                max_by(col(REVIEWS), when(col(REVIEWS).isNotNull(), col(PERIOD))).as(REVIEWS),
                max(NewVsExisting.isNewProduct(period, newMonths)).as(IS_NEW),
                count(lit(1)).as("rows"));
        var byScope = Window.partitionBy(Scopes.scopeAnd(PERIOD));
        Dataset<Row> ranked = listings
                .withColumn("_rank", row_number().over(byScope.orderBy(col(UNITS).desc(), col(LISTING_KEY))))
                .withColumn("_median", percentile(col(UNITS), lit(0.5)).over(byScope));
        Column sold = col(UNITS).gt(0);
        Column newSold = col(IS_NEW).and(sold);
        Dataset<Row> components = ranked.groupBy(Scopes.scopeAnd(PERIOD)).agg(
                countDistinct(when(sold, col(NewVsExisting.SELLER_KEY))).as("sellers"),
                count(lit(1)).as("listings"),
                sum(UNITS).as(UNITS),
                avg(when(col("_rank").leq(TOP_N), col(REVIEWS))).as("top10_mean_reviews"),
                count(when(newSold, lit(1))).as("new_products"),
                count(when(newSold.and(col(UNITS).geq(col("_median"))), lit(1))).as("_new_reaching_median"),
                sum("rows").as("rows"));
        Dataset<Row> hhi = ctx.table(ConcentrationTable.TABLE)
                .filter(col(ConcentrationTable.ENTITY).equalTo("seller"))
                .select(col(PLATFORM), col(MARKETPLACE), col(CATEGORY), col(PERIOD), col("hhi"));
        Dataset<Row> joined = components.join(hhi, new String[]{PLATFORM, MARKETPLACE, CATEGORY, PERIOD}, "left")
                .select(col(PLATFORM), col(MARKETPLACE), col(CATEGORY), col(PERIOD), col("sellers"), col("listings"),
                        col(UNITS), col("hhi"), col("top10_mean_reviews"), col("new_products"), col("_new_reaching_median"),
                        col("rows"));
        Dataset<Row> scored = joined.map((MapFunction<Row, Row>) r -> score(r, weights), Encoders.row(SCHEMA));
        return new MetricTable(TABLE, scored.orderBy(col(PLATFORM), col(MARKETPLACE), col(CATEGORY), col(PERIOD)));
    }

    /** One scope-period's components → the index and its sub-scores; a missing component is left out. */
    static Row score(Row r, CompetitionIndex.Weights weights) {
        long sellers = r.getLong(4);
        long listings = r.getLong(5);
        long units = r.getLong(6);
        double hhi = r.isNullAt(7) ? Double.NaN : r.getDouble(7);
        double reviews = r.isNullAt(8) ? Double.NaN : r.getDouble(8);
        long newProducts = r.getLong(9);
        double perThousand = units > 0 ? 1000.0 * listings / units : (listings > 0 ? Double.POSITIVE_INFINITY : Double.NaN);
        double success = newProducts > 0 ? (double) r.getLong(10) / newProducts : Double.NaN;
        CompetitionIndex.Result s = CompetitionIndex.score(
                new CompetitionIndex.Components(sellers, perThousand, hhi, reviews, success), weights);
        return RowFactory.create(r.getString(0), r.getString(1), r.getString(2), r.getString(3), nullIfNaN(s.index()),
                sellers, listings, units, Double.isInfinite(perThousand) ? null : nullIfNaN(perThousand), nullIfNaN(hhi),
                nullIfNaN(reviews), newProducts, nullIfNaN(success),
                nullIfNaN(s.sellersScore()), nullIfNaN(s.listingsPer1000UnitsScore()), nullIfNaN(s.hhiScore()),
                nullIfNaN(s.top10MeanReviewsScore()), nullIfNaN(s.newProductSuccessShareScore()), s.componentsUsed(),
                r.getLong(11), s.status());
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
