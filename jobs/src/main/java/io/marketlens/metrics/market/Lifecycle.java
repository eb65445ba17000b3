package io.marketlens.metrics.market;

import static io.marketlens.fact.MarketFact.*;
import static io.marketlens.tables.Columns.*;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.MonthlySeries;
import io.marketlens.tables.Tables;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Life-cycle stage per scope, T/CCPITCSC 111-2022 Table 1, 1.1.1 市场成熟度 (SPEC M2): the monthly revenue
 * series of each scope over all history up to the last full month (months without sales count as 0) is
 * classified by {@link LifecycleStage} on the executors, one group per scope.
 */
public final class Lifecycle {

    private Lifecycle() {
    }

    /** The table, stages by {@code thresholds} (the config's {@code metrics.lifecycle}). */
    public static MetricTable compute(MetricsContext ctx, LifecycleStage.Thresholds thresholds) {
        String lastPeriod = ctx.period().lastPeriod();
        List<Row> rows = new ArrayList<>();
        // the scopes come by platform, marketplace and category, the table's order
        for (MonthlySeries.Scoped s : MonthlySeries.fromCube(ctx.cube(), lastPeriod)) {
            rows.add(classify(s.scope(), s.series(), lastPeriod, thresholds));
        }
        return MetricTable.local(ctx.spark(), Tables.LIFECYCLE, rows);
    }

    /** One scope's series → its stage. */
    static Row classify(String[] scope, MonthlySeries series, String lastPeriod, LifecycleStage.Thresholds thresholds) {
        LifecycleStage.Result result = LifecycleStage.classify(series.values(), thresholds);
        return RowFactory.create(scope[0], scope[1], scope[2],
                result.stage() == null ? null : result.stage().code(),
                Double.isNaN(result.yoy()) ? null : result.yoy(),
                Double.isNaN(result.trend()) ? null : result.trend(),
                AnalysisPeriod.format(series.first()), lastPeriod, series.values().length, result.monthsUsed(),
                series.rows(), result.status());
    }
}
