package io.marketlens.metrics.market;

import static io.marketlens.fact.MarketFact.*;
import static org.apache.spark.sql.functions.col;

import io.marketlens.metrics.AnalysisPeriod;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.MonthlySeries;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Life-cycle stage per scope, T/CCPITCSC 111-2022 Table 1, 1.1.1 市场成熟度 (SPEC M2): the monthly revenue
 * series of each scope over all history up to the last full month (months without sales count as 0) is
 * classified by {@link LifecycleStage} on the executors, one group per scope.
 */
public final class Lifecycle {

    public static final String TABLE = "lifecycle";

    static final StructType SCHEMA = new StructType()
            .add(PLATFORM, DataTypes.StringType).add(MARKETPLACE, DataTypes.StringType).add(CATEGORY, DataTypes.StringType)
            .add("stage", DataTypes.StringType).add("yoy_growth", DataTypes.DoubleType).add("trend", DataTypes.DoubleType)
            .add("first_period", DataTypes.StringType).add("last_period", DataTypes.StringType)
            .add("months", DataTypes.IntegerType).add("months_used", DataTypes.IntegerType)
            .add("rows", DataTypes.LongType).add("status", DataTypes.StringType);

    private Lifecycle() {
    }

    public static MetricTable compute(MetricsContext ctx) {
        LifecycleStage.Thresholds thresholds = ctx.config().metrics().lifecycle().thresholds();
        String lastPeriod = ctx.period().lastPeriod();
        Dataset<Row> stages = MonthlySeries.byScope(ctx.fact())
                .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (key, rows) -> classify(key, rows, lastPeriod, thresholds),
                        Encoders.row(SCHEMA));
        return new MetricTable(TABLE, stages.orderBy(col(PLATFORM), col(MARKETPLACE), col(CATEGORY)));
    }

    /** One scope's months, in any order → its stage. */
    static Iterator<Row> classify(String key, Iterator<Row> months, String lastPeriod, LifecycleStage.Thresholds thresholds) {
        MonthlySeries series = MonthlySeries.of(months, lastPeriod);
        LifecycleStage.Result result = LifecycleStage.classify(series.values(), thresholds);
        String[] scope = MonthlySeries.scope(key);
        return List.of(RowFactory.create(scope[0], scope[1], scope[2],
                result.stage() == null ? null : result.stage().code(),
                Double.isNaN(result.yoy()) ? null : result.yoy(),
                Double.isNaN(result.trend()) ? null : result.trend(),
                AnalysisPeriod.format(series.first()), lastPeriod, series.values().length, result.monthsUsed(),
                series.rows(), result.status())).iterator();
    }
}
