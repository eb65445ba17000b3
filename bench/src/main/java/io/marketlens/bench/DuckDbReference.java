package io.marketlens.bench;

import static io.marketlens.testing.DuckDb.literal;

import io.marketlens.metrics.DifferentialSql;
import io.marketlens.testing.DuckDb;
import io.marketlens.testing.MarketSql;
import io.marketlens.testing.TableDiff;
import io.marketlens.testing.TableDiff.Check;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The DuckDB reference of the benchmark: the work of marketlens' ingest, market fact, market_size, concentration and
 * price_bands, done by DuckDB (2 threads) through its JDBC driver on the same CSV exports, with the SQL of the
 * differential tests ({@link DifferentialSql}, {@link MarketSql}).
 *
 * <ul>
 *   <li>{@code full --input DIR --store FILE --out DIR}: loads every sales, competitor and FX file, keeps the loaded
 *       sales and snapshots in the DuckDB database {@code FILE}, and computes the tables into {@code DIR};</li>
 *   <li>{@code nightly --input DIR --store FILE --out DIR}: loads the files of {@code DIR} that {@code FILE} has not
 *       seen (with every FX file, so that corrected old lines find their rates), lets their rows replace the stored
 *       rows of the same natural key — the newest file wins — and computes the tables again from all rows;</li>
 *   <li>{@code check --reference DIR --run DIR}: compares the tables of a {@code full} or {@code nightly} with those of
 *       a marketlens run folder (market_size and concentration value by value, price_bands by units per scope).</li>
 * </ul>
 *
 * <p>Tables: market_size and concentration for every scope roll-up, month and the 12-month window (as in marketlens);
 * price_bands per category-level scope over the window with five quantile bands (marketlens' default is "nice"
 * equal-width bands: the same listing aggregation and placement, other edges). Progress goes to stderr in marketlens'
 * format ({@code [stage] done in N.NN s}).
 */
public final class DuckDbReference {

    /** The reference runs on as many threads as the benchmark machine has cores (2), as marketlens' {@code local[*]} does there. */
    static final int THREADS = 2;
    static final List<String> SOURCES = List.of("sales", "competitors", "fx_rates");
    static final int EXIT_DIFFERENT = 4;

    private DuckDbReference() {
    }

    public static void main(String[] args) throws IOException {
        Options o = Options.parse(args, 1, Options.names("--input", "--store", "--out", "--reference", "--run"), Set.of());
        int exit = switch (args.length == 0 ? "" : args[0]) {
            case "full" -> {
                full(Path.of(o.required("--input")), Path.of(o.required("--store")), Path.of(o.required("--out")));
                yield 0;
            }
            case "nightly" -> {
                nightly(Path.of(o.required("--input")), Path.of(o.required("--store")), Path.of(o.required("--out")));
                yield 0;
            }
            case "check" -> {
                Agreement a = check(Path.of(o.required("--reference")), Path.of(o.required("--run")));
                a.lines().forEach(System.out::println);
                yield a.clean() ? 0 : EXIT_DIFFERENT;
            }
            default -> {
                System.err.println("usage: DuckDbReference full|nightly --input DIR --store FILE --out DIR"
                        + " | check --reference DIR --run DIR");
                yield 2;
            }
        };
        System.exit(exit);
    }

    static void full(Path input, Path store, Path out) throws IOException {
        Files.deleteIfExists(store);
        Files.createDirectories(store.getParent());
        try (DuckDb db = open()) {
            List<Path> files = inputFiles(input);
            stage("load", () -> DifferentialSql.loadRawExports(db, input));
            stage("store", () -> {
                db.exec("ATTACH " + literal(store) + " AS store");
                db.exec("CREATE TABLE store.sales_ok AS SELECT * EXCLUDE (f) FROM sales_ok");
                db.exec("CREATE TABLE store.comp_ok AS SELECT * EXCLUDE (f) FROM comp_ok");
                db.exec("CREATE TABLE store.files (file VARCHAR)");
                register(db, files);
            });
            compute(db, out);
        }
    }

    static void nightly(Path input, Path store, Path out) throws IOException {
        if (!Files.isRegularFile(store)) {
            throw new IllegalArgumentException("no DuckDB store at " + store + ": run 'full' first");
        }
        try (DuckDb db = open()) {
            db.exec("ATTACH " + literal(store) + " AS store");
            Set<String> seen = new HashSet<>();
            db.rows("SELECT file FROM store.files").forEach(r -> seen.add((String) r.get("file")));
            List<Path> tonight = inputFiles(input).stream().filter(p -> !seen.contains(p.toString())).toList();
            System.err.printf(Locale.ROOT, "  %d new file(s)%n", tonight.size());
            Path staged = stageTonight(input, tonight, store.resolveSibling("tonight"));
            stage("load", () -> DifferentialSql.loadRawExports(db, staged));
            stage("merge", () -> {
                // the newest file wins: tonight's rows replace the stored rows of their natural key
                db.exec("DELETE FROM store.sales_ok s USING sales_ok n WHERE s.platform = n.platform"
                        + " AND s.order_id = n.order_id AND s.line_id = n.line_id");
                db.exec("INSERT INTO store.sales_ok BY NAME SELECT * EXCLUDE (f) FROM sales_ok");
                db.exec("DELETE FROM store.comp_ok s USING comp_ok n WHERE s.snapshot_date = n.snapshot_date"
                        + " AND s.platform = n.platform AND s.marketplace = n.marketplace AND s.product_id = n.product_id"
                        + " AND s.seller_id = n.seller_id");
                db.exec("INSERT INTO store.comp_ok BY NAME SELECT * EXCLUDE (f) FROM comp_ok");
                register(db, tonight);
                db.exec("DROP TABLE sales_ok");
                db.exec("DROP TABLE comp_ok");
                db.exec("CREATE TEMP VIEW sales_ok AS SELECT * FROM store.sales_ok");
                db.exec("CREATE TEMP VIEW comp_ok AS SELECT * FROM store.comp_ok");
            });
            compute(db, out);
        }
    }

    /** The fact and the tables, from {@code sales_ok}, {@code comp_ok} and {@code fx}; the window ends at the last full month. */
    static void compute(DuckDb db, Path out) {
        LocalDate asOf = LocalDate.parse(String.valueOf(db.scalar("SELECT CAST(max(d) AS VARCHAR) FROM (SELECT max(local_date) AS d"
                + " FROM sales_ok UNION ALL SELECT max(snapshot_date) FROM comp_ok)")));
        MarketSql.Window w = MarketSql.Window.asOf(asOf, 12);
        System.err.printf(Locale.ROOT, "  as of %s, window %s..%s%n", asOf, w.firstMonth(), w.lastMonth());
        stage("fact", () -> {
            DifferentialSql.buildFact(db, w);
            MarketSql.scope(db, w);
        });
        stage("market_size", () -> MarketSql.marketSize(db, w));
        stage("concentration", () -> MarketSql.concentration(db));
        stage("price_bands", () -> {
            MarketSql.listings(db, w);
            quintileBands(db);
        });
        stage("write", () -> writeParquet(db::exec, out, "exp_market_size", "exp_concentration", "ref_price_bands"));
        System.err.printf(Locale.ROOT, "  fact %,d rows; market_size %,d rows; concentration %,d rows; price_bands %,d rows%n",
                db.count("SELECT count(*) FROM fact"), db.count("SELECT count(*) FROM exp_market_size"),
                db.count("SELECT count(*) FROM exp_concentration"), db.count("SELECT count(*) FROM ref_price_bands"));
    }

    /**
     * Writes the market_size, concentration and price_bands tables, given in that order, to
     * {@code <out>/<table>.parquet}.
     */
    static void writeParquet(java.util.function.Consumer<String> exec, Path out, String marketSize, String concentration,
                             String priceBands) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[][] tables = {{marketSize, "market_size"}, {concentration, "concentration"}, {priceBands, "price_bands"}};
        for (String[] t : tables) {
            exec.accept("COPY " + t[0] + " TO " + literal(out.resolve(t[1] + ".parquet")) + " (FORMAT parquet)");
        }
    }

    /**
     * Creates {@code ref_price_bands}: per category-level scope, five bands at the quintiles of the listing prices of
     * {@code exp_listings}, their listings, sellers, units and revenue, demand and supply share, opportunity, and the
     * best band (the highest opportunity among bands with at least 5 % of the units and 3 listings; ties to the higher
     * revenue, then the cheaper band).
     */
    static void quintileBands(DuckDb db) {
        db.exec("CREATE OR REPLACE TEMP TABLE ref_band_edges AS"
                + " WITH q AS (SELECT platform, marketplace, category, min(price) AS low, max(price) AS high,"
                + "   quantile_cont(price, [0.2, 0.4, 0.6, 0.8]) AS cuts FROM exp_listings WHERE price IS NOT NULL GROUP BY ALL),"
                + " e AS (SELECT platform, marketplace, category, list_concat(list_concat([low], cuts), [high]) AS edges FROM q)"
                + " SELECT platform, marketplace, category, i - 1 AS band_index, edges[i] AS band_low, edges[i + 1] AS band_high"
                + " FROM e CROSS JOIN range(1, 6) r(i)");
        MarketSql.placeListings(db, "ref_band_edges");
        db.exec("CREATE OR REPLACE TEMP TABLE ref_price_bands AS WITH " + bandShares("ref_band_edges", "exp_bands"));
    }

    /**
     * The common table expressions and final select of the price bands: every band of {@code edges} with its listings,
     * sellers, units and revenue from {@code counts} (zero where none), its demand and supply share, opportunity and
     * whether it is the best band (the highest opportunity among bands with at least 5 % of the units and 3 listings;
     * ties to the higher revenue, then the lower band).
     */
    static String bandShares(String edges, String counts) {
        return "b AS (SELECT e.*, coalesce(x.listings, 0) AS listings, coalesce(x.sellers, 0) AS sellers,"
                + "   coalesce(x.units, 0) AS units, coalesce(x.revenue, 0) AS revenue"
                + "   FROM " + edges + " e LEFT JOIN " + counts + " x USING (platform, marketplace, category, band_index)),"
                + " s AS (SELECT *, units / nullif(sum(units) OVER scope, 0) AS demand_share,"
                + "   listings / nullif(sum(listings) OVER scope, 0) AS supply_share FROM b"
                + "   WINDOW scope AS (PARTITION BY platform, marketplace, category)),"
                + " o AS (SELECT *, demand_share / nullif(supply_share, 0) AS opportunity,"
                + "   coalesce(demand_share >= 0.05 AND listings >= 3 AND supply_share > 0, false) AS eligible FROM s)"
                + " SELECT * EXCLUDE (eligible), eligible AND row_number() OVER (PARTITION BY platform, marketplace, category"
                + "   ORDER BY eligible DESC, opportunity DESC NULLS LAST, revenue DESC, band_index) = 1 AS is_best FROM o";
    }

    /**
     * Compares a reference's tables with a marketlens run folder's and prints what it found; true when they agree.
     * market_size and concentration are compared row by row with the tolerances of the differential test; price_bands
     * (other edges) by the units each scope's bands hold, which both place completely.
     */
    static Agreement check(Path reference, Path run) {
        try (DuckDb db = DuckDb.open()) {
            List<String> scope = List.of("platform", "marketplace", "category");
            List<TableDiff.Result> results = new ArrayList<>();
            results.add(TableDiff.compare(db, "market_size", parquet(reference, "market_size"), parquet(run.resolve("tables"), "market_size"),
                    List.of("platform", "marketplace", "category", "period"),
                    List.of(Check.relative("revenue", DifferentialSql.REL), Check.exact("units"), Check.exact("orders"),
                            Check.exact("sellers"), Check.exact("products"), Check.relative("mom_growth", DifferentialSql.REL),
                            Check.relative("yoy_growth", DifferentialSql.REL)), null));
            results.add(TableDiff.compare(db, "concentration", parquet(reference, "concentration"),
                    parquet(run.resolve("tables"), "concentration"), List.of("platform", "marketplace", "category", "period", "entity"),
                    List.of(Check.exact("entities"), Check.absolute("cr4", DifferentialSql.ROUNDED),
                            Check.absolute("cr8", DifferentialSql.ROUNDED), Check.absolute("cr10", DifferentialSql.ROUNDED),
                            Check.absolute("hhi", DifferentialSql.ROUNDED)), null));
            String unitsPerScope = "(SELECT platform, marketplace, category, sum(units) AS units FROM %s GROUP BY ALL)";
            results.add(TableDiff.compare(db, "price_bands units per scope",
                    String.format(unitsPerScope, parquet(reference, "price_bands")),
                    String.format(unitsPerScope, parquet(run.resolve("tables"), "price_bands")), scope,
                    List.of(Check.exact("units")), null));
            return new Agreement(results.stream().allMatch(TableDiff.Result::clean),
                    results.stream().map(r -> r.clean() ? r.summary() : r.describe(10)).toList());
        }
    }

    /** What {@link #check} found: whether the tables agree, and one summary per comparison (with the first differences). */
    record Agreement(boolean clean, List<String> lines) {
    }

    /** The version of the embedded DuckDB. */
    static String version() {
        try (DuckDb db = DuckDb.open()) {
            return String.valueOf(db.scalar("SELECT version()"));
        }
    }

    // ---------------------------------------------------------------- helpers

    static DuckDb open() {
        DuckDb db = DuckDb.open();
        db.exec("SET threads = " + THREADS);
        return db;
    }

    /** A table written as Parquet: one file, or a folder of part files (as Spark writes them). */
    private static String parquet(Path dir, String name) {
        Path p = dir.resolve(name + ".parquet");
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("no table " + p);
        }
        return "read_parquet(" + literal(Files.isDirectory(p) ? p + "/*.parquet" : p.toString()) + ")";
    }

    /** The input files the reference reads, as the paths its SQL names them by. */
    static List<Path> inputFiles(Path input) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String source : SOURCES) {
            Path dir = input.resolve(source);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().forEach(files::add);
                }
            }
        }
        return files;
    }

    static void register(DuckDb db, List<Path> files) {
        for (Path f : files) {
            db.exec("INSERT INTO store.files VALUES (" + literal(f.toString()) + ")");
        }
    }

    /**
     * A folder in the input layout with links to tonight's sales and competitor files and to every FX file (a corrected
     * line of an earlier month needs the rates of its own date).
     */
    private static Path stageTonight(Path input, List<Path> tonight, Path staged) throws IOException {
        Dirs.deleteTree(staged);
        Set<Path> linked = new HashSet<>(tonight);
        linked.addAll(inputFiles(input).stream().filter(p -> p.getParent().getFileName().toString().equals("fx_rates")).toList());
        for (Path f : linked) {
            Path link = staged.resolve(f.getParent().getFileName().toString()).resolve(f.getFileName().toString());
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, f.toAbsolutePath());
        }
        for (String source : SOURCES) {
            Files.createDirectories(staged.resolve(source));
        }
        return staged;
    }

    static void stage(String name, Runnable body) {
        System.err.println("[" + name + "]");
        long start = System.nanoTime();
        body.run();
        System.err.printf(Locale.ROOT, "[%s] done in %.2f s%n", name, (System.nanoTime() - start) / 1e9);
    }
}
