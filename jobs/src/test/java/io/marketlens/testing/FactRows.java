package io.marketlens.testing;

import io.marketlens.fact.MarketFact;
import io.marketlens.tables.Columns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Builds small market-fact Datasets by hand for metric tests. */
public final class FactRows {

    public static final StructType SCHEMA = new StructType()
            .add(Columns.PLATFORM, DataTypes.StringType).add(Columns.MARKETPLACE, DataTypes.StringType)
            .add(Columns.CATEGORY, DataTypes.StringType).add(Columns.PERIOD, DataTypes.StringType)
            .add(MarketFact.PRODUCT, DataTypes.StringType).add(MarketFact.SELLER, DataTypes.StringType)
            .add(MarketFact.BRAND, DataTypes.StringType).add(MarketFact.SOURCE, DataTypes.StringType)
            .add(Columns.UNITS, DataTypes.LongType).add(Columns.REVENUE, DataTypes.DoubleType)
            .add(Columns.ORDERS, DataTypes.LongType).add(MarketFact.TITLE, DataTypes.StringType)
            .add(MarketFact.ATTRIBUTES, DataTypes.StringType).add(MarketFact.LAUNCH_DATE, DataTypes.DateType)
            .add(MarketFact.RATING, DataTypes.DoubleType).add(MarketFact.REVIEWS, DataTypes.LongType)
            .add(MarketFact.PRICE, DataTypes.DoubleType);

    private final List<Row> rows = new ArrayList<>();

    /** A sales row: units and revenue of one product of one seller in one month. */
    public FactRows sale(String platform, String marketplace, String category, String period, String product, String seller,
                         long units, double revenue) {
        rows.add(RowFactory.create(platform, marketplace, category, period, product, seller, null, MarketFact.SALES, units,
                revenue, units, null, null, null, null, null, units == 0 ? null : revenue / units));
        return this;
    }

    /** A competitor-snapshot row with its launch date and review count. */
    public FactRows listing(String platform, String marketplace, String category, String period, String product, String seller,
                            long units, double revenue, String launchDate, Long reviews) {
        rows.add(RowFactory.create(platform, marketplace, category, period, product, seller, null, MarketFact.COMPETITORS, units,
                revenue, null, null, null, launchDate == null ? null : java.time.LocalDate.parse(launchDate), null, reviews,
                units == 0 ? null : revenue / units));
        return this;
    }

    /** A competitor-snapshot row with its launch date, rating and review count. */
    public FactRows rated(String platform, String marketplace, String category, String period, String product, String seller,
                          long units, double revenue, String launchDate, double rating, long reviews) {
        rows.add(RowFactory.create(platform, marketplace, category, period, product, seller, null, MarketFact.COMPETITORS, units,
                revenue, null, null, null, launchDate == null ? null : java.time.LocalDate.parse(launchDate), rating, reviews,
                units == 0 ? null : revenue / units));
        return this;
    }

    public Dataset<Row> build(SparkSession spark) {
        return spark.createDataFrame(rows, SCHEMA);
    }
}
