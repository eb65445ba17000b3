package io.marketlens.metrics;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.fact.MarketFact;
import io.marketlens.ingest.Source;
import io.marketlens.io.Storage;
import io.marketlens.metrics.competition.CompetitionIntensity;
import io.marketlens.metrics.concentration.ConcentrationTable;
import io.marketlens.metrics.market.Lifecycle;
import io.marketlens.metrics.market.MarketSize;
import io.marketlens.metrics.market.NewVsExisting;
import io.marketlens.metrics.pricing.PriceBandsTable;
import io.marketlens.metrics.terms.HotTerms;
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

    /** A metric group: its table and how to compute it. */
    record Group(String table, Function<MetricsContext, MetricTable> compute) {
    }

    /** The metric groups, in order: a group may read the tables of the groups before it. */
    static final List<Group> GROUPS = List.of(
            new Group(MarketSize.TABLE, MarketSize::compute),
            new Group(Lifecycle.TABLE, Lifecycle::compute),
            new Group(NewVsExisting.TABLE, NewVsExisting::compute),
            new Group(ConcentrationTable.TABLE, ConcentrationTable::compute),
            new Group(CompetitionIntensity.TABLE, CompetitionIntensity::compute), // reads concentration
            new Group(PriceBandsTable.TABLE, PriceBandsTable::compute),
            new Group(HotTerms.TABLE, HotTerms::compute));

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
            for (Group g : GROUPS) {
                write(g, ctx, writer, tablesDir);
                names.add(g.table());
            }
            return names;
        } finally {
            fact.unpersist();
        }
    }

    /** Computes one table, writes it as Parquet and CSV, and makes it available to the groups after it. */
    private void write(Group g, MetricsContext ctx, TableWriter writer, String tablesDir) {
        long start = System.nanoTime();
        MetricTable t = g.compute().apply(ctx);
        String parquet = Storage.join(tablesDir, t.name() + ".parquet");
        writer.writeParquet(t.rows(), parquet);
        Dataset<Row> written = spark.read().parquet(parquet);
        writer.writeCsv(written, Storage.join(tablesDir, t.name() + ".csv"));
        ctx.written().put(t.name(), written);
        progress.accept(String.format(Locale.ROOT, "  %-22s %,8d rows (%.1f s)", t.name(), written.count(),
                (System.nanoTime() - start) / 1e9));
    }
}
