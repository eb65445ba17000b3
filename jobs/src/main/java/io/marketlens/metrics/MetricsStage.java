package io.marketlens.metrics;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.fact.MarketFact;
import io.marketlens.ingest.Source;
import io.marketlens.io.Storage;
import io.marketlens.metrics.competition.CompetitionIntensity;
import io.marketlens.metrics.concentration.ConcentrationCurve;
import io.marketlens.metrics.concentration.ConcentrationTable;
import io.marketlens.metrics.market.Lifecycle;
import io.marketlens.metrics.market.MarketSize;
import io.marketlens.metrics.market.NewVsExisting;
import io.marketlens.metrics.pricing.PriceBandsTable;
import io.marketlens.metrics.terms.HotTerms;
import io.marketlens.metrics.timeseries.TimeSeriesTables;
import io.marketlens.run.TableWriter;
import io.marketlens.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Computes the metric tables from the warehouse: builds and caches the market fact once, runs each metric
 * group on it, and writes every table as {@code tables/<name>.parquet} and {@code tables/<name>.csv}.
 */
public final class MetricsStage {

    /** A metric group: the tables it writes and how to compute them. */
    record Group(List<String> tables, Function<MetricsContext, List<MetricTable>> compute) {

        static Group of(String table, Function<MetricsContext, MetricTable> compute) {
            return new Group(List.of(table), ctx -> List.of(compute.apply(ctx)));
        }
    }

    /** The metric groups, in order: a group may read the tables of the groups before it. */
    static final List<Group> GROUPS = List.of(
            Group.of(MarketSize.TABLE, MarketSize::compute),
            Group.of(Lifecycle.TABLE, Lifecycle::compute),
            Group.of(NewVsExisting.TABLE, NewVsExisting::compute),
            Group.of(ConcentrationTable.TABLE, ConcentrationTable::compute),
            Group.of(ConcentrationCurve.TABLE, ConcentrationCurve::compute),
            Group.of(CompetitionIntensity.TABLE, CompetitionIntensity::compute), // reads concentration
            Group.of(PriceBandsTable.TABLE, PriceBandsTable::compute),
            Group.of(HotTerms.TABLE, HotTerms::compute),
            new Group(List.of(TimeSeriesTables.SEASONALITY, TimeSeriesTables.TURNING_POINTS, TimeSeriesTables.CHANGE_POINTS,
                    TimeSeriesTables.FORECAST, TimeSeriesTables.FORECAST_BACKTEST), TimeSeriesTables::compute));

    private final SparkSession spark;
    private final Storage storage;
    private final Consumer<String> progress;

    public MetricsStage(SparkSession spark, Storage storage, Consumer<String> progress) {
        this.spark = spark;
        this.storage = storage;
        this.progress = progress;
    }

    /** Writes the tables under {@code tablesDir} and returns their names; none when there is no market data. */
    public List<String> run(Warehouse warehouse, MarketlensConfig config, AnalysisPeriod period, String tablesDir) {
        Optional<Dataset<Row>> sales = warehouse.table(spark, Source.SALES);
        Optional<Dataset<Row>> competitors = warehouse.table(spark, Source.COMPETITORS);
        Optional<Dataset<Row>> built = MarketFact.build(sales, competitors, config, period);
        if (built.isEmpty()) {
            progress.accept("  no sales or competitor rows in the warehouse: no market tables");
            return List.of();
        }
        Dataset<Row> fact = built.get().persist(StorageLevel.MEMORY_AND_DISK());
        try {
            progress.accept(String.format(Locale.ROOT, "  market fact: %,d rows up to %s (window %s..%s)", fact.count(),
                    period.lastPeriod(), period.firstWindowPeriod(), period.lastPeriod()));
            MetricsContext ctx = new MetricsContext(spark, fact,
                    sales.map(s -> MarketFact.demandLines(s, config, period)), period, config);
            TableWriter writer = new TableWriter(storage);
            List<String> names = new ArrayList<>();
            try {
                for (Group g : GROUPS) {
                    long start = System.nanoTime();
                    for (MetricTable t : g.compute().apply(ctx)) {
                        write(t, ctx, writer, tablesDir, start);
                        names.add(t.name());
                        start = System.nanoTime();
                    }
                }
            } finally {
                ctx.cached().forEach(Dataset::unpersist);
            }
            return names;
        } finally {
            fact.unpersist();
        }
    }

    /** Writes one table as Parquet and CSV, and makes it available to the groups after it. */
    private void write(MetricTable t, MetricsContext ctx, TableWriter writer, String tablesDir, long start) {
        String parquet = Storage.join(tablesDir, t.name() + ".parquet");
        writer.writeParquet(t.rows(), parquet);
        Dataset<Row> written = spark.read().parquet(parquet);
        writer.writeCsv(written, Storage.join(tablesDir, t.name() + ".csv"));
        ctx.written().put(t.name(), written);
        progress.accept(String.format(Locale.ROOT, "  %-22s %,8d rows (%.1f s)", t.name(), written.count(),
                (System.nanoTime() - start) / 1e9));
    }
}
