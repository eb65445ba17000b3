package io.marketlens.run;

import static org.apache.spark.sql.functions.col;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.config.MetricsOptions;
import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.fact.FactStore;
import io.marketlens.io.Storage;
import io.marketlens.io.TableWriter;
import io.marketlens.metrics.FactCubeStore;
import io.marketlens.metrics.LaneMonthsStore;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.OrderSetsStore;
import io.marketlens.metrics.changes.ChangesTable;
import io.marketlens.metrics.changes.PreviousRun;
import io.marketlens.metrics.changes.RunChanges;
import io.marketlens.metrics.competition.CompetitionIntensity;
import io.marketlens.metrics.competitors.Competitors;
import io.marketlens.metrics.concentration.ConcentrationCurve;
import io.marketlens.metrics.concentration.ConcentrationTable;
import io.marketlens.metrics.logistics.LogisticsLanes;
import io.marketlens.metrics.market.Lifecycle;
import io.marketlens.metrics.market.MarketSize;
import io.marketlens.metrics.market.NewVsExisting;
import io.marketlens.metrics.own.LineStatuses;
import io.marketlens.metrics.own.OwnStoreTable;
import io.marketlens.metrics.platforms.PlatformComparison;
import io.marketlens.metrics.pricing.PriceBandsTable;
import io.marketlens.metrics.selection.ProductSelection;
import io.marketlens.metrics.terms.HotTerms;
import io.marketlens.metrics.timeseries.TimeSeriesTables;
import io.marketlens.spark.SparkSessions;
import io.marketlens.tables.Columns;
import io.marketlens.tables.TableSchema;
import io.marketlens.tables.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Computes the metric tables from the warehouse's market fact and orders ({@link FactStore}): loads the fact's months
 * up to the analysis's last full month onto the driver once ({@link FactCube}, with the distinct orders per scope and
 * period), runs each metric group on it (the logistics group on the shipments, with or without a market fact; the own
 * store's group also on the warehouse's sales lines of every status and the shipments), up to {@link #defaultThreads()}
 * groups at the same time ({@link GroupRunner}), and writes every table as {@code tables/<name>.parquet} and
 * {@code tables/<name>.csv}; the last group sets them beside the previous run folder's ({@code changes},
 * {@link ChangesTable}).
 */
public final class MetricsStage {

    /**
     * A metric group: the tables it writes, whether it reads the market fact (then it runs only when there is
     * one), how to compute them, and whether it starts before the groups listed before it ({@link #first()}).
     */
    record Group(List<TableSchema> tables, boolean market, Function<MetricsContext, List<MetricTable>> compute,
                 boolean startsFirst) {

        Group(List<TableSchema> tables, boolean market, Function<MetricsContext, List<MetricTable>> compute) {
            this(tables, market, compute, false);
        }

        static Group of(TableSchema table, Function<MetricsContext, MetricTable> compute) {
            return new Group(List.of(table), true, ctx -> List.of(compute.apply(ctx)));
        }

        /**
         * The group started before the others (its lines still printed in its place) when the fact is small
         * ({@link #OVERLAP_FACT_BYTES}): for a group that reads no other group's table and spends its time in Spark's jobs
         * over the warehouse's rows, which then run while the groups that work from the driver's copy of the fact keep the
         * driver busy, instead of after them with little beside.
         */
        Group first() {
            return new Group(tables, market, compute, true);
        }
    }

    /**
     * The metric groups, in order, with the options of the config's {@code metrics:} section: a group may read the
     * tables of the groups before it; the last compares them all with the previous run's. A group started first
     * ({@link Group#first()}) reads none.
     */
    static List<Group> groups(MetricsOptions o, List<String> ownSellerIds, LineStatuses statuses, Storage storage,
                              Optional<PreviousRun> previous) {
        TimeSeriesTables.Options timeSeries = new TimeSeriesTables.Options(o.seasonality(), o.changePointSearch(),
                o.changePoints(), o.forecastHorizon(), o.backtestMonths(), o.minOrdersPerMonth());
        return List.of(
                Group.of(Tables.MARKET_SIZE, MarketSize::compute),
                Group.of(Tables.LIFECYCLE, ctx -> Lifecycle.compute(ctx, o.lifecycle())),
                Group.of(Tables.NEW_VS_EXISTING, ctx -> NewVsExisting.compute(ctx, o.newProductMonths())),
                Group.of(Tables.CONCENTRATION, ConcentrationTable::compute),
                Group.of(Tables.CONCENTRATION_CURVE, ConcentrationCurve::compute),
                // reads concentration
                Group.of(Tables.COMPETITION_INTENSITY,
                        ctx -> CompetitionIntensity.compute(ctx, o.newProductMonths(), o.competitionWeights())),
                Group.of(Tables.PRICE_BANDS, ctx -> PriceBandsTable.compute(ctx, o.priceBands())),
                Group.of(Tables.HOT_TERMS, ctx -> HotTerms.compute(ctx, o.hotTermsTopN(), HotTerms.DEFAULT_RISER_MIN_SHARE)),
                new Group(List.of(Tables.SEASONALITY, Tables.TURNING_POINTS, Tables.CHANGE_POINTS, Tables.FORECAST,
                        Tables.FORECAST_BACKTEST), true, ctx -> TimeSeriesTables.compute(ctx, timeSeries)),
                // reads price_bands
                new Group(List.of(Tables.COMPETITORS, Tables.COMPETITOR_BENCHMARK), true,
                        ctx -> Competitors.compute(ctx, ownSellerIds, o.newProductMonths(), o.competitors())),
                // reads market_size, concentration, new_vs_existing, competition_intensity, price_bands, seasonality
                Group.of(Tables.PRODUCT_SELECTION, ctx -> ProductSelection.compute(ctx, o.productSelection())),
                // reads no table; started first, as the own store's
                new Group(List.of(Tables.LOGISTICS_LANES, Tables.LANE_RANKING, Tables.LOGISTICS_FORECAST), false,
                        ctx -> LogisticsLanes.compute(ctx, o.laneRanking(), o.forecastHorizon())).first(),
                // reads the warehouse's sales lines and shipments besides the fact, and no table
                Group.of(Tables.OWN_STORE, ctx -> OwnStoreTable.compute(ctx, ownSellerIds, statuses)).first(),
                // reads market_size, concentration, new_vs_existing and (when there are shipments) logistics_lanes
                Group.of(Tables.PLATFORM_COMPARISON,
                        ctx -> PlatformComparison.compute(ctx, o.platformComparison(), ownSellerIds)),
                // reads every table before it
                new Group(List.of(Tables.CHANGES), false, ctx -> List.of(ChangesTable.compute(ctx, storage, previous,
                        new RunChanges.Rules(o.changes(), o.laneRanking().minShipments(), o.changePoints().minChange())))));
    }

    private final SparkSession spark;
    private final Storage storage;
    private final Consumer<String> progress;

    private final int threads;

    /** A stage that runs its groups on {@link #defaultThreads()} threads. */
    public MetricsStage(SparkSession spark, Storage storage, Consumer<String> progress) {
        this(spark, storage, progress, defaultThreads());
    }

    /** A stage that runs up to {@code threads} groups at the same time (1: one after the other). */
    public MetricsStage(SparkSession spark, Storage storage, Consumer<String> progress, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        this.spark = spark;
        this.storage = storage;
        this.progress = progress;
        this.threads = threads;
    }

    /** Name of the Java system property that sets how many metric groups run at the same time. */
    public static final String THREADS_PROPERTY = "marketlens.metrics.threads";

    /**
     * How many groups run at the same time unless told: {@value #THREADS_PROPERTY} if set, else 3. A group either works
     * on the driver's copy of the fact or waits for Spark's tasks (many of them short, with gaps between them in which
     * the driver plans the next query), so two cores stay busier with more groups going than cores. Measured on 2 cores
     * (metrics stage, alternating runs): a 10 M-line night 48.9 s with 3, 48.7 and 49.4 s with 4, 53.4 and 52.1 s with 2
     * groups at a time; the demo 7.1, 7.1, 8.0, 7.7 s with 3 against 7.5, 7.7, 8.2, 7.8 s with 4, and 6.8–8.2 s with 4
     * against 7.6–9.1 s with 2 (seven pairs); the tables are the same whatever ran beside them ({@link GroupRunner}).
     */
    static int defaultThreads() {
        String v = System.getProperty(THREADS_PROPERTY);
        if (v == null || v.isBlank()) {
            return 3;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new IllegalArgumentException("-D" + THREADS_PROPERTY + "=" + v + " is not a number of threads; give 1 or more");
    }

    /**
     * Writes the tables under {@code tablesDir} and returns their names: the market tables when there are sales or
     * competitor rows, the logistics tables when there are shipments, and after either {@code changes} since the
     * {@code previous} run (no rows without one). {@code shipmentsTable} is the path of the Delta table {@code shipments}
     * were read from, whose warehouse then keeps the lanes' monthly rows for the next run ({@link LaneMonthsStore}).
     */
    public List<String> run(FactStore.Tables facts, Optional<Dataset<Row>> shipments, Optional<String> shipmentsTable,
                            Optional<Dataset<Row>> sales, MarketlensConfig config, AnalysisPeriod period,
                            Optional<PreviousRun> previous, String tablesDir) {
        Column upToLast = col(Columns.PERIOD).leq(period.lastPeriod());
        if (facts.fact().isEmpty()) {
            progress.accept("  no sales or competitor rows in the warehouse: no market tables");
            if (shipments.isEmpty()) {
                return List.of();
            }
        }
        // read once, into the cube: not cached in Spark
        Dataset<Row> fact = facts.fact().map(f -> f.filter(upToLast)).orElse(null);
        // read where they are: the distinct-order counts read the months that changed (or group all orders once); the
        // logistics tables and the cost share join the orders that shipments name, which the context keeps partitioned
        Optional<Dataset<Row>> orders = facts.orders().map(o -> o.filter(upToLast));
        MetricsContext ctx = new MetricsContext(spark, fact, orders, shipments, sales, period);
        if (shipments.isPresent() && shipmentsTable.isPresent()) {
            ctx.useLaneMonths(new LaneMonthsStore(storage, shipmentsTable.get(), facts.ordersTable(), config.timezone(),
                    LogisticsLanes.groupSchema()));
        }
        boolean overlap = overlaps(facts);
        // with a small fact, the market fact is read into the driver's cube (and the distinct orders counted) on a thread
        // of its own while the groups start: those that need neither (the logistics lanes, started first) work meanwhile,
        // the others wait for it
        java.util.function.Supplier<Void> factRead = () -> null;
        if (fact != null) {
            if (overlap && facts.factTable().isPresent()) {
                java.util.concurrent.CompletableFuture<Void> loaded = new java.util.concurrent.CompletableFuture<>();
                ctx.cubeLoadedBy(loaded);
                factRead = SparkSessions.inBackground(spark, "marketlens-market-fact", "metrics: the market fact", () -> {
                    try {
                        readFact(ctx, facts, orders, period);
                        loaded.complete(null);
                    } catch (RuntimeException | Error e) {
                        loaded.completeExceptionally(e);
                        throw e;
                    }
                    return null;
                });
            } else {
                readFact(ctx, facts, orders, period);
            }
        }
        TableWriter writer = new TableWriter(storage);
        List<Group> toRun = groups(config.metrics(), config.ownSellerIds(),
                new LineStatuses(config.cancelledStatuses(), config.returnedStatuses()), storage, previous)
                .stream().filter(g -> !(g.market() && fact == null)).toList();
        MarketTablesReuse reuse = fact == null ? null : MarketTablesReuse.plan(storage, facts, config.describe(), period, previous);
        if (reuse != null) {
            toRun = toRun.stream().map(g -> reusing(g, reuse)).toList();
            progress.accept(reuse.from().map(f -> "  note: market tables: taken from the run of " + new org.apache.hadoop.fs.Path(f).getName()
                    + " (nothing they are computed from changed since)").orElse("  note: market tables: computed (" + reuse.why() + ")"));
        }
        List<String> names;
        try {
            try {
                names = new GroupRunner(toRun, ctx, threads, (g, c) -> runGroup(g, c, writer, tablesDir), progress, overlap).run();
                if (reuse != null) {
                    reuse.write(tablesDir);
                }
            } finally {
                factRead.get(); // ended (its failure, which the groups that waited for it threw too, thrown as it was)
            }
        } finally {
            ctx.cached().forEach(Dataset::unpersist);
        }
        return names;
    }

    /**
     * The group with its tables taken from the previous run when {@code reuse} allows it for every one of them (and their
     * files are there), else as it was.
     */
    private static Group reusing(Group g, MarketTablesReuse reuse) {
        if (reuse.from().isEmpty() || !g.tables().stream().allMatch(t -> MarketTablesReuse.TABLES.contains(t.name()))) {
            return g;
        }
        return new Group(g.tables(), g.market(), ctx -> {
            List<MetricTable> out = new ArrayList<>();
            for (TableSchema t : g.tables()) {
                Optional<List<Row>> rows = reuse.rows(ctx.spark(), t);
                if (rows.isEmpty()) {
                    return g.compute().apply(ctx);
                }
                out.add(MetricTable.local(ctx.spark(), t, rows.get()));
            }
            return out;
        }, g.startsFirst());
    }

    /**
     * The size of a market fact table (its files) from which the fact is read before the groups start and the groups
     * start in their order ({@link Group#first()} not heeded): with a small fact (the demo's: 19 k rows) a run waits on
     * Spark's latency, and work beside work shortens it; with a large one both cores are busy either way, and the
     * driver's heap holds the cube and the rows the groups collect: a 10 M-line first run (5.9 M fact rows, 3 GB heap)
     * that started these groups first (and had built {@code fact_orders} beside the fact) ran out of it in
     * competition_intensity, with the own store's and the lanes' rows held beside the market groups'.
     */
    static final long OVERLAP_FACT_BYTES = SparkSessions.SMALL_RUN_BYTES;

    /** Whether the groups' Spark work overlaps the fact's read and the market groups ({@link #OVERLAP_FACT_BYTES}). */
    private boolean overlaps(FactStore.Tables facts) {
        return facts.factTable().map(t -> storage.holdsLessThan(t, OVERLAP_FACT_BYTES)).orElse(true);
    }

    /**
     * Reads the market fact into the context's cube and counts its distinct orders, from the fact table and the order
     * lines' table kept between runs when there are, and says how in the progress line "market fact: ...".
     */
    private void readFact(MetricsContext ctx, FactStore.Tables facts, Optional<Dataset<Row>> orders, AnalysisPeriod period) {
        long start = System.nanoTime();
        String how = "";
        if (facts.factTable().isPresent()) {
            String table = facts.factTable().get();
            FactCubeStore.Loaded loaded = SparkSessions.described(spark, "metrics: the market fact",
                    () -> new FactCubeStore(storage, new org.apache.hadoop.fs.Path(table).getParent().toString())
                            .load(spark, table, period));
            ctx.useCube(loaded.cube());
            how = "; " + loaded.how();
        }
        int rows = ctx.cube().rows();
        // before the groups that work from the cube: counted beside them, the orders took as long again (both want the
        // two cores)
        if (facts.factTable().isPresent() && facts.ordersTable().isPresent() && orders.isPresent()) {
            String table = facts.ordersTable().get();
            OrderSetsStore.Counted counted = SparkSessions.described(spark, "metrics: distinct orders",
                    () -> new OrderSetsStore(storage, new org.apache.hadoop.fs.Path(table).getParent().toString())
                            .counts(spark, table, orders.get(), ctx.cube(), period));
            ctx.useOrderCounts(counted.counts());
            how += "; " + counted.how();
        } else if (facts.factTable().isPresent()) {
            // this thread loads the cube for the groups, which wait for it: the counts handed over as they are counted
            ctx.useOrderCounts(SparkSessions.described(spark, "metrics: distinct orders", ctx::countOrders));
        } else {
            SparkSessions.described(spark, "metrics: distinct orders", ctx::orderCounts);
        }
        // printed before the cube is handed to the groups: a group's lines come after it
        progress.accept(String.format(Locale.ROOT, "  market fact: %,d rows up to %s (window %s..%s%s), read in %.1f s",
                rows, period.lastPeriod(), period.firstWindowPeriod(), period.lastPeriod(), how,
                (System.nanoTime() - start) / 1e9));
    }

    /**
     * Runs one group on the calling thread: computes and writes its tables in order; returns its progress lines (a line
     * per table with its rows and seconds, then its notices) and the names of the tables it wrote. A table's seconds
     * leave out the time its group waited for what other groups compute (their tables, the order counts).
     */
    private GroupRunner.Done runGroup(Group g, MetricsContext ctx, TableWriter writer, String tablesDir) {
        return SparkSessions.described(spark, "metrics: " + String.join(", ", g.tables().stream().map(TableSchema::name).toList()),
                () -> runGroupDescribed(g, ctx, writer, tablesDir));
    }

    private GroupRunner.Done runGroupDescribed(Group g, MetricsContext ctx, TableWriter writer, String tablesDir) {
        List<String> lines = new ArrayList<>();
        List<String> names = new ArrayList<>();
        ctx.beginGroup();
        try {
            long start = System.nanoTime();
            long waited = ctx.waitedNanos();
            for (MetricTable t : g.compute().apply(ctx)) {
                lines.add(write(t, ctx, writer, tablesDir, start, waited));
                names.add(t.name());
                start = System.nanoTime();
                waited = ctx.waitedNanos();
            }
        } finally {
            ctx.takeNotices().forEach(n -> lines.add("  note: " + n)); // and this thread's next group starts afresh
        }
        return new GroupRunner.Done(lines, names);
    }

    /**
     * Computes one table once — its rows are collected, since a metric table is small — writes them as Parquet and
     * CSV, and makes them available to the groups after it; returns its progress line, with the seconds since {@code start}
 * less the waits after {@code waited} ({@link MetricsContext#waitedNanos}).
     */
    private String write(MetricTable t, MetricsContext ctx, TableWriter writer, String tablesDir, long start, long waited) {
        StructType schema = t.schema();
        List<Row> rows = t.collect();
        Dataset<Row> local = spark.createDataFrame(rows, schema);
        writer.writeParquet(schema, rows, Storage.join(tablesDir, t.name() + ".parquet"));
        writer.writeCsv(schema, rows.iterator(), TableWriter.sessionZone(spark), Storage.join(tablesDir, t.name() + ".csv"));
        ctx.publish(t.name(), local, rows);
        // the waits since start (for other groups' tables, also while the rows were collected) are not this table's time
        long own = System.nanoTime() - start - (ctx.waitedNanos() - waited);
        return String.format(Locale.ROOT, "  %-22s %,8d rows (%.1f s)", t.name(), rows.size(), own / 1e9);
    }
}
