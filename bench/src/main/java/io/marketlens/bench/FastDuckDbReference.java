package io.marketlens.bench;

import static io.marketlens.testing.DuckDb.literal;

import io.marketlens.testing.DuckDb;
import io.marketlens.testing.MarketSql;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The benchmark's default DuckDB reference: the work of marketlens' ingest, market fact, market_size, concentration
 * and price_bands, written as DuckDB would be used for it at its best — {@code read_csv} into a table that one
 * statement checks, types and converts, the FX as-of rule as an {@code ASOF JOIN} over a day calendar, the scope
 * roll-ups as {@code GROUPING SETS}, entity keys as integers — on the same CSV exports and with the same acceptance rules as {@link DuckDbReference} (the
 * differential tests' SQL), so that its tables agree with marketlens' and with that reference.
 *
 * <ul>
 *   <li>{@code full --input DIR --store FILE --out DIR}: loads every sales, competitor and FX file, keeps the loaded
 *       sales and snapshots in the DuckDB database {@code FILE}, and computes the tables into {@code DIR};</li>
 *   <li>{@code nightly --input DIR --store FILE --out DIR}: loads the sales and competitor files that {@code FILE} has
 *       not seen (with every FX file), lets their rows replace the stored rows of the same natural key — the newest
 *       file wins — and computes the tables again from all rows.</li>
 * </ul>
 *
 * <p>What a line must be to count (as in the differential tests, SPEC §2): the header's number of fields (DuckDB's
 * CSV reader skips other lines, {@code ignore_errors}); values trimmed, empty ones missing; sales: order_id,
 * order_ts, platform, marketplace, category, seller_id and product_id present, order_ts a date-time
 * ({@code local_ts}: with an offset converted to the zone, without one taken as wall-clock time there), unit_price
 * digits with an optional fraction, quantity digits and at least 1, currency three letters, launch_date empty or
 * {@code YYYY-MM-DD}; competitors: snapshot_date {@code YYYY-MM-DD}, platform, marketplace, category, product_id and
 * seller_id present, price and est_units digits (price with an optional fraction), currency three letters, rating
 * empty or a number up to 5, review_count empty or digits, launch_date empty or a date; and an FX rate: the base
 * currency converts at 1, any other at the rate of the row's local date or the latest earlier one at most 7 days
 * before. Of the lines with the same natural key — sales (platform, order_id, line_id, line_id defaulting to
 * product_id), snapshots (snapshot_date, platform, marketplace, product_id, seller_id) — the first counts, in file
 * name order and line order within a file. Every column is read as text and checked in SQL: DuckDB's own number
 * casts accept more than these rules ({@code '2.5'} as the integer 3, exponents, signs), and a typed column of
 * {@code read_csv} is only cast when a query uses it.
 *
 * <p>Settings: zone Asia/Shanghai, base currency USD, FX rates up to 7 days old — those of the generator's
 * {@code marketlens.yaml}, as in {@link DuckDbReference}. Progress goes to stderr in marketlens' format
 * ({@code [stage] done in N.NN s}).
 */
public final class FastDuckDbReference {

    static final String ZONE = "Asia/Shanghai";
    static final String BASE = "USD";
    static final int FX_TOLERANCE_DAYS = 7;
    static final String NUMBER = "'[0-9]+([.][0-9]+)?'";
    static final String WHOLE = "'[0-9]+'";

    /** The columns each source's SQL reads; a column that no file of the source has reads as missing (NULL). */
    static final List<String> SALES_COLUMNS = List.of("order_id", "line_id", "order_ts", "platform", "marketplace", "category",
            "seller_id", "brand", "product_id", "unit_price", "quantity", "currency", "status", "launch_date");
    static final List<String> COMPETITOR_COLUMNS = List.of("snapshot_date", "platform", "marketplace", "category", "product_id",
            "seller_id", "brand", "price", "currency", "est_units", "rating", "review_count", "launch_date");
    static final List<String> FX_COLUMNS = List.of("date", "currency", "rate_to_base");

    private FastDuckDbReference() {
    }

    public static void main(String[] args) throws IOException {
        Options o = Options.parse(args, 1, Options.names("--input", "--store", "--out"), Set.of());
        switch (args.length == 0 ? "" : args[0]) {
            case "full" -> full(Path.of(o.required("--input")), Path.of(o.required("--store")), Path.of(o.required("--out")));
            case "nightly" -> nightly(Path.of(o.required("--input")), Path.of(o.required("--store")), Path.of(o.required("--out")));
            default -> {
                System.err.println("usage: FastDuckDbReference full|nightly --input DIR --store FILE --out DIR");
                System.exit(2);
            }
        }
        System.exit(0);
    }

    static void full(Path input, Path store, Path out) throws IOException {
        Files.deleteIfExists(store);
        Files.createDirectories(store.toAbsolutePath().getParent());
        Inputs files = Inputs.of(input);
        try (DuckDb db = open()) {
            DuckDbReference.stage("load", () -> {
                load(db, files.fx(), files.sales(), files.competitors());
                exec(db, "CREATE TEMP VIEW sales_ok AS SELECT * FROM sales_new");
                exec(db, "CREATE TEMP VIEW comp_ok AS SELECT * FROM comp_new");
            });
            DuckDbReference.stage("store", () -> {
                exec(db, "ATTACH " + literal(store) + " AS store");
                // the stored rows need no order: both threads write them at once
                exec(db, "SET preserve_insertion_order = false");
                exec(db, "CREATE TABLE store.sales_ok AS SELECT * FROM sales_ok");
                exec(db, "CREATE TABLE store.comp_ok AS SELECT * FROM comp_ok");
                exec(db, "RESET preserve_insertion_order");
                exec(db, "CREATE TABLE store.files (file VARCHAR)");
                DuckDbReference.register(db, files.all());
                exec(db, "DETACH store");
            });
            compute(db, out);
        }
    }

    static void nightly(Path input, Path store, Path out) throws IOException {
        if (!Files.isRegularFile(store)) {
            throw new IllegalArgumentException("no DuckDB store at " + store + ": run 'full' first");
        }
        Inputs files = Inputs.of(input);
        try (DuckDb db = open()) {
            exec(db, "ATTACH " + literal(store) + " AS store");
            Set<String> seen = new HashSet<>();
            db.rows("SELECT file FROM store.files").forEach(r -> seen.add((String) r.get("file")));
            List<Path> sales = files.sales().stream().filter(p -> !seen.contains(p.toString())).toList();
            List<Path> competitors = files.competitors().stream().filter(p -> !seen.contains(p.toString())).toList();
            List<Path> fxNew = files.fx().stream().filter(p -> !seen.contains(p.toString())).toList();
            System.err.printf(Locale.ROOT, "  %d new file(s)%n", sales.size() + competitors.size() + fxNew.size());
            // every FX file: a corrected line of an earlier month needs the rates of its own date
            DuckDbReference.stage("load", () -> load(db, files.fx(), sales, competitors));
            DuckDbReference.stage("merge", () -> {
                merge(db, "store.sales_ok", "sales_new", List.of("platform", "order_id", "line_id"));
                merge(db, "store.comp_ok", "comp_new", List.of("snapshot_date", "platform", "marketplace", "product_id", "seller_id"));
                List<Path> tonight = new ArrayList<>(sales);
                tonight.addAll(competitors);
                tonight.addAll(fxNew);
                DuckDbReference.register(db, tonight);
                exec(db, "CREATE TEMP VIEW sales_ok AS SELECT * FROM store.sales_ok");
                exec(db, "CREATE TEMP VIEW comp_ok AS SELECT * FROM store.comp_ok");
            });
            compute(db, out);
        }
    }

    /** The fact and the tables, from {@code sales_ok} and {@code comp_ok}; the window ends at the last full month. */
    static void compute(DuckDb db, Path out) {
        LocalDate asOf = asOf(db);
        MarketSql.Window w = MarketSql.Window.asOf(asOf, 12);
        System.err.printf(Locale.ROOT, "  as of %s, window %s..%s%n", asOf, w.firstMonth(), w.lastMonth());
        DuckDbReference.stage("fact", () -> fact(db, w));
        DuckDbReference.stage("market_size", () -> marketSize(db, w));
        DuckDbReference.stage("concentration", () -> concentration(db));
        DuckDbReference.stage("price_bands", () -> priceBands(db, w));
        DuckDbReference.stage("write", () -> write(db, out));
        System.err.printf(Locale.ROOT, "  fact %,d rows; market_size %,d rows; concentration %,d rows; price_bands %,d rows%n",
                db.count("SELECT count(*) FROM fact"), db.count("SELECT count(*) FROM ref_market_size"),
                db.count("SELECT count(*) FROM ref_concentration"), db.count("SELECT count(*) FROM ref_price_bands"));
    }

    /** The as-of date: the latest local date of the loaded rows (the window ends at the last full month then). */
    static LocalDate asOf(DuckDb db) {
        Object asOf = db.scalar("SELECT CAST(greatest((SELECT max(local_date) FROM sales_ok), (SELECT max(snapshot_date) FROM comp_ok))"
                + " AS VARCHAR)");
        if (asOf == null) {
            throw new IllegalStateException("no sales line or snapshot passed the checks: nothing to compute");
        }
        return LocalDate.parse(asOf.toString());
    }

    // ---------------------------------------------------------------- load

    /** With {@code -Dbench.trace=true}, each statement's seconds and its first words go to stderr. */
    private static final boolean TRACE = Boolean.getBoolean("bench.trace");

    static void exec(DuckDb db, String sql) {
        long start = System.nanoTime();
        db.exec(sql);
        if (TRACE) {
            String words = sql.strip().replaceAll("\\s+", " ");
            System.err.printf(Locale.ROOT, "    (%.2f s) %s%n", (System.nanoTime() - start) / 1e9, words.substring(0, Math.min(90, words.length())));
        }
    }

    /**
     * An in-memory DuckDB on {@link DuckDbReference#THREADS} threads with the differential tests' macros
     * ({@code local_ts}, {@code iso_date}) and {@code v(text)}: the trimmed text, missing when empty.
     */
    static DuckDb open() {
        DuckDb db = DuckDbReference.open();
        exec(db, "CREATE MACRO v(x) AS nullif(trim(x), '')");
        return db;
    }

    /**
     * Creates {@code fx}, {@code fx_daily}, {@code sales_new} and {@code comp_new}: the valid rows of the files, with
     * their base-currency rate, the first occurrence of each natural key.
     */
    static void load(DuckDb db, List<Path> fx, List<Path> sales, List<Path> competitors) {
        loadFx(db, fx);
        exec(db, "CREATE OR REPLACE TEMP TABLE sales_parsed AS SELECT file_index AS file, v(order_id) AS order_id,"
                + " coalesce(v(line_id), v(product_id)) AS line_id, local_ts(v(order_ts), " + literal(ZONE) + ") AS ts,"
                + " lower(v(platform)) AS platform, upper(v(marketplace)) AS marketplace, v(category) AS category,"
                + " v(seller_id) AS seller_id, v(brand) AS brand, v(product_id) AS product_id, v(unit_price) AS price_text,"
                + " v(quantity) AS quantity_text, upper(v(currency)) AS currency, lower(v(status)) AS status,"
                + " v(launch_date) AS launch_text FROM " + csv(sales, SALES_COLUMNS));
        exec(db, "CREATE OR REPLACE TEMP TABLE sales_new AS WITH f AS (SELECT " + POSITION + ", s.order_id, s.line_id, s.platform,"
                + " s.marketplace, s.category, s.seller_id, s.brand, s.product_id, s.currency, s.status, CAST(s.ts AS DATE) AS local_date,"
                + " CAST(date_trunc('month', s.ts) AS DATE) AS month, CAST(s.price_text AS DOUBLE) AS unit_price,"
                + " CAST(s.quantity_text AS BIGINT) AS quantity, " + rate("s") + " AS rate"
                + " FROM sales_parsed s LEFT JOIN fx_daily x ON x.currency = s.currency AND x.day = CAST(s.ts AS DATE)"
                + " WHERE s.order_id IS NOT NULL AND s.ts IS NOT NULL AND s.platform IS NOT NULL AND s.marketplace IS NOT NULL"
                + " AND s.category IS NOT NULL AND s.seller_id IS NOT NULL AND s.product_id IS NOT NULL"
                + " AND regexp_full_match(s.price_text, " + NUMBER + ") AND regexp_full_match(s.quantity_text, " + WHOLE + ")"
                + " AND TRY_CAST(s.quantity_text AS BIGINT) >= 1 AND regexp_full_match(s.currency, '[A-Z]{3}')"
                + " AND (s.launch_text IS NULL OR iso_date(s.launch_text) IS NOT NULL) AND " + hasRate("s") + ")"
                + " SELECT * EXCLUDE (n) FROM f SEMI JOIN (SELECT min(n) AS n FROM f GROUP BY platform, order_id, line_id) USING (n)");
        exec(db, "DROP TABLE sales_parsed");

        exec(db, "CREATE OR REPLACE TEMP TABLE comp_parsed AS SELECT file_index AS file, iso_date(v(snapshot_date)) AS snapshot_date,"
                + " lower(v(platform)) AS platform, upper(v(marketplace)) AS marketplace, v(category) AS category,"
                + " v(product_id) AS product_id, v(seller_id) AS seller_id, v(brand) AS brand, v(price) AS price_text,"
                + " v(est_units) AS units_text, upper(v(currency)) AS currency, v(rating) AS rating_text,"
                + " v(review_count) AS reviews_text, v(launch_date) AS launch_text FROM " + csv(competitors, COMPETITOR_COLUMNS));
        exec(db, "CREATE OR REPLACE TEMP TABLE comp_new AS WITH f AS (SELECT " + POSITION.replace("s.", "c.")
                + ", c.snapshot_date, c.platform, c.marketplace, c.category,"
                + " c.product_id, c.seller_id, c.brand, c.currency, CAST(date_trunc('month', c.snapshot_date) AS DATE) AS month,"
                + " CAST(c.price_text AS DOUBLE) AS price, CAST(c.units_text AS BIGINT) AS est_units, " + rate("c") + " AS rate"
                + " FROM comp_parsed c LEFT JOIN fx_daily x ON x.currency = c.currency AND x.day = c.snapshot_date"
                + " WHERE c.snapshot_date IS NOT NULL AND c.platform IS NOT NULL AND c.marketplace IS NOT NULL"
                + " AND c.category IS NOT NULL AND c.product_id IS NOT NULL AND c.seller_id IS NOT NULL"
                + " AND regexp_full_match(c.price_text, " + NUMBER + ") AND regexp_full_match(c.units_text, " + WHOLE + ")"
                + " AND regexp_full_match(c.currency, '[A-Z]{3}')"
                + " AND (c.rating_text IS NULL OR (regexp_full_match(c.rating_text, " + NUMBER + ")"
                + "   AND TRY_CAST(c.rating_text AS DOUBLE) <= 5))"
                + " AND (c.reviews_text IS NULL OR regexp_full_match(c.reviews_text, " + WHOLE + "))"
                + " AND (c.launch_text IS NULL OR iso_date(c.launch_text) IS NOT NULL) AND " + hasRate("c") + ")"
                + " SELECT * EXCLUDE (n) FROM f SEMI JOIN (SELECT min(n) AS n FROM f"
                + "   GROUP BY snapshot_date, platform, marketplace, product_id, seller_id) USING (n)");
        exec(db, "DROP TABLE comp_parsed");
        System.err.printf(Locale.ROOT, "  loaded %,d sales lines, %,d snapshots, %,d FX rates%n", db.count("SELECT count(*) FROM sales_new"),
                db.count("SELECT count(*) FROM comp_new"), db.count("SELECT count(*) FROM fx"));
    }

    /**
     * Creates {@code fx(currency, date, rate)} from the FX files and {@code fx_daily(currency, day, rate)}: for every
     * currency and every day from its first rate to 7 days after its last, the rate of that day or of the latest
     * earlier date at most 7 days before (an {@code ASOF JOIN} of the day calendar with the rates); days without one
     * are left out. The rows then find their rate by an equality join on (currency, local date).
     */
    static void loadFx(DuckDb db, List<Path> files) {
        exec(db, "CREATE OR REPLACE TEMP TABLE fx AS SELECT upper(v(currency)) AS currency, iso_date(v(date)) AS date,"
                + " TRY_CAST(v(rate_to_base) AS DOUBLE) AS rate FROM " + csv(files, FX_COLUMNS)
                + " WHERE iso_date(v(date)) IS NOT NULL AND TRY_CAST(v(rate_to_base) AS DOUBLE) > 0");
        exec(db, "CREATE OR REPLACE TEMP TABLE fx_daily AS"
                + " WITH days AS (SELECT currency, CAST(unnest(range(min(date), max(date) + " + (FX_TOLERANCE_DAYS + 1)
                + "   , INTERVAL 1 DAY)) AS DATE) AS day FROM fx WHERE currency IS NOT NULL GROUP BY currency)"
                + " SELECT d.currency, d.day, x.rate FROM days d ASOF JOIN fx x ON x.currency = d.currency AND d.day >= x.date"
                + " WHERE d.day - x.date <= " + FX_TOLERANCE_DAYS);
    }

    /**
     * A line's place in the reading, {@code n}: its file's index in the list and, below that, the rowid of the parsed
     * table — a table filled from {@code read_csv} keeps the reading order, file by file, line by line (up to 2^40
     * rows). The first occurrence of a natural key is the row of the smallest {@code n}.
     */
    private static final String POSITION = "(CAST(s.file AS BIGINT) << 40) + s.rowid AS n";

    private static String rate(String alias) {
        return "CASE WHEN " + alias + ".currency = " + literal(BASE) + " THEN 1.0 ELSE x.rate END";
    }

    private static String hasRate(String alias) {
        return "(" + alias + ".currency = " + literal(BASE) + " OR x.rate IS NOT NULL)";
    }

    /**
     * A {@code read_csv} of {@code files} (in this order) with every column as text, columns matched by header name
     * across files; lines with another number of fields than the header are skipped. Columns of {@code columns} that
     * no file has are added as missing values. No files: an empty table of those columns.
     */
    static String csv(List<Path> files, List<String> columns) {
        if (files.isEmpty()) {
            return "(SELECT 0 AS file_index, " + columns.stream().map(c -> "CAST(NULL AS VARCHAR) AS " + c)
                    .collect(Collectors.joining(", ")) + " WHERE false)";
        }
        Set<String> present = new HashSet<>();
        for (Path f : files) {
            present.addAll(header(f));
        }
        String missing = columns.stream().filter(c -> !present.contains(c)).map(c -> ", CAST(NULL AS VARCHAR) AS " + c)
                .collect(Collectors.joining());
        return "(SELECT *, file_index" + missing + " FROM read_csv([" + files.stream().map(DuckDb::literal).collect(Collectors.joining(", "))
                + "], header = true, union_by_name = true, all_varchar = true, ignore_errors = true,"
                + " delim = ',', quote = '\"', escape = '\"'))";
    }

    /** The column names of a CSV file's header, trimmed and lower-cased. */
    static Set<String> header(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            if (line == null) {
                return Set.of();
            }
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            Set<String> names = new LinkedHashSet<>();
            for (String n : line.split(",", -1)) {
                names.add(n.strip().replace("\"", "").toLowerCase(Locale.ROOT));
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tonight's rows replace the stored rows of their natural key (the newest file wins) and are added. */
    static void merge(DuckDb db, String stored, String tonight, List<String> key) {
        exec(db, "DELETE FROM " + stored + " s USING " + tonight + " n WHERE "
                + key.stream().map(k -> "s." + k + " = n." + k).collect(Collectors.joining(" AND ")));
        exec(db, "INSERT INTO " + stored + " BY NAME SELECT * FROM " + tonight);
    }

    // ---------------------------------------------------------------- fact

    /**
     * Creates {@code fact(month, platform, marketplace, category, product_id, seller_id, brand, units, revenue, price)}
     * (SPEC §3): per listing and month up to the last full month, the demand lines of the sales (status not
     * cancelled/canceled; Σ quantity, Σ unit price · rate · quantity, price = revenue ÷ units), and the latest snapshot
     * of each competitor listing (platform, marketplace, product_id, seller_id) in the month (est_units,
     * est_units · price · rate, price · rate) unless demand lines have the same (platform, marketplace, product_id,
     * month). Then the integer keys the metrics group by: {@code fact_e} (seller, product, brand as ids),
     * {@code order_cells} (the (marketplace, category, month) cells of each demand order, (platform, order_id)) with
     * {@code multi_cell_orders} (the orders of more than one cell) and {@code periods} (each month under its own label, {@code window} and {@code previous_window}).
     */
    static void fact(DuckDb db, MarketSql.Window w) {
        String last = "DATE '" + w.lastMonth() + "-01'";
        String demand = "(status IS NULL OR status NOT IN ('cancelled', 'canceled')) AND month <= " + last;
        exec(db, "CREATE OR REPLACE TEMP TABLE sales_fact AS SELECT platform, marketplace, category, month, product_id, seller_id,"
                + " max(brand) AS brand, sum(quantity) AS units, sum(unit_price * rate * quantity) AS revenue"
                + " FROM sales_ok WHERE " + demand + " GROUP BY ALL");
        exec(db, "CREATE OR REPLACE TEMP TABLE fact AS"
                + " SELECT month, platform, marketplace, category, product_id, seller_id, brand, units, revenue, revenue / units AS price"
                + " FROM sales_fact"
                + " UNION ALL SELECT c.month, c.platform, c.marketplace, c.category, c.product_id, c.seller_id, c.brand, c.est_units,"
                + "   c.est_units * c.price * c.rate, c.price * c.rate"
                + " FROM comp_ok c ANTI JOIN sales_fact s ON s.platform = c.platform AND s.marketplace = c.marketplace"
                + "   AND s.product_id = c.product_id AND s.month = c.month"
                + " WHERE c.month <= " + last + " QUALIFY row_number() OVER"
                + "   (PARTITION BY c.platform, c.marketplace, c.product_id, c.seller_id, c.month ORDER BY c.snapshot_date DESC) = 1");
        exec(db, "DROP TABLE sales_fact");

        exec(db, "CREATE OR REPLACE TEMP TABLE seller_ids AS SELECT platform, seller_id, row_number() OVER () AS id"
                + " FROM (SELECT DISTINCT platform, seller_id FROM fact)");
        exec(db, "CREATE OR REPLACE TEMP TABLE product_ids AS SELECT platform, marketplace, product_id, row_number() OVER () AS id"
                + " FROM (SELECT DISTINCT platform, marketplace, product_id FROM fact)");
        exec(db, "CREATE OR REPLACE TEMP TABLE brand_ids AS SELECT brand, row_number() OVER () AS id"
                + " FROM (SELECT DISTINCT nullif(trim(brand), '') AS brand FROM fact WHERE nullif(trim(brand), '') IS NOT NULL)");
        exec(db, "CREATE OR REPLACE TEMP TABLE fact_e AS SELECT f.month, f.platform, f.marketplace, f.category,"
                + " s.id AS seller, p.id AS product, b.id AS brand, f.units, f.revenue"
                + " FROM fact f JOIN seller_ids s USING (platform, seller_id) JOIN product_ids p USING (platform, marketplace, product_id)"
                + " LEFT JOIN brand_ids b ON b.brand = nullif(trim(f.brand), '')");

        exec(db, "CREATE OR REPLACE TEMP TABLE order_cells AS SELECT DISTINCT platform, order_id, marketplace, category, month"
                + " FROM sales_ok WHERE " + demand);
        exec(db, "CREATE OR REPLACE TEMP TABLE multi_cell_orders AS SELECT platform, order_id FROM order_cells GROUP BY ALL"
                + " HAVING count(*) > 1");

        exec(db, "CREATE OR REPLACE TEMP TABLE periods AS WITH m AS (SELECT DISTINCT month FROM fact)"
                + " SELECT month, strftime(month, '%Y-%m') AS period FROM m"
                + " UNION ALL SELECT month, 'window' FROM m WHERE month BETWEEN DATE '" + w.firstMonth() + "-01' AND " + last
                + " UNION ALL SELECT month, 'previous_window' FROM m WHERE month BETWEEN DATE '" + w.previousFirst()
                + "-01' AND DATE '" + w.previousLast() + "-01'");
    }

    // ---------------------------------------------------------------- market size and concentration

    /** The scope columns of a roll-up result, 'ALL' where rolled up (the fact has no missing scope value). */
    private static final String SCOPE = "coalesce(platform, 'ALL') AS platform, coalesce(marketplace, 'ALL') AS marketplace,"
            + " coalesce(category, 'ALL') AS category";
    /** Per (scope, period) of an entity's first-level table {@code (v, ...)}: counted entities, Σ, Σ², the 10 largest. */
    private static final String SHARES = "count(*) FILTER (WHERE counted) AS entities, sum(v) FILTER (WHERE counted) AS total,"
            + " sum(v * v) FILTER (WHERE counted) AS squares, max(v, 10) FILTER (WHERE counted) AS top";

    /**
     * Creates {@code lvl_seller} and {@code lvl_product} (per scope and period: the entities' counts and shares) and
     * {@code ref_market_size(platform, marketplace, category, period, revenue, units, orders, sellers, products,
     * mom_growth, yoy_growth, cagr)} (SPEC M1) for every scope roll-up and period: sellers are (platform, seller_id)
     * and products (platform, marketplace, product_id) with units above 0, orders distinct (platform, order_id) of
     * the demand lines; growth = revenue ÷ the month before's (12 months before's; for {@code window} the window
     * before's) − 1, null without a revenue above 0 there; CAGR of the window.
     *
     * <p>Distinct counts and entity shares are two aggregations: first per period, entity and the scope columns the
     * entity's key does not fix (a product fixes its platform and marketplace, a seller and an order their platform),
     * those as a {@code CUBE}; then per scope, rolling up the columns the key fixes as a {@code CUBE} — where an entity
     * falls wholly into one value of a column, adding its rows up over that column is exact. Orders in a single
     * (marketplace, category, month) cell need no distinct count at all: they are added up.
     */
    static void marketSize(DuckDb db, MarketSql.Window w) {
        entityLevels(db, "seller", "seller", List.of("platform"), ", sum(units) AS units");
        exec(db, "CREATE OR REPLACE TEMP TABLE lvl_seller AS SELECT period, " + SCOPE + ", sum(v) AS revenue, sum(units) AS units,"
                + " count(*) FILTER (WHERE active) AS sellers, " + SHARES
                + " FROM l1_seller GROUP BY period, gf, marketplace, category, CUBE (platform)");
        entityLevels(db, "product", "product", List.of("platform", "marketplace"), "");
        exec(db, "CREATE OR REPLACE TEMP TABLE lvl_product AS SELECT period, " + SCOPE + ", count(*) FILTER (WHERE active) AS products, "
                + SHARES + " FROM l1_product GROUP BY period, gf, category, CUBE (platform, marketplace)");
        exec(db, "DROP TABLE l1_seller");
        exec(db, "DROP TABLE l1_product");

        // an order in one (marketplace, category, month) cell is in a scope and period once or not at all: counted by
        // adding up; an order in several cells is counted once per scope and period by the two aggregations
        exec(db, "CREATE OR REPLACE TEMP TABLE lvl_orders AS SELECT period, platform, marketplace, category, sum(orders) AS orders FROM"
                + " (SELECT period, " + SCOPE + ", count(*) AS orders FROM order_cells ANTI JOIN multi_cell_orders USING (platform, order_id)"
                + "   JOIN periods USING (month) GROUP BY period, CUBE (platform, marketplace, category)"
                + " UNION ALL SELECT period, " + SCOPE + ", count(*) FROM"
                + "   (SELECT period, platform, order_id, marketplace, category, grouping(marketplace, category) AS gf"
                + "   FROM order_cells SEMI JOIN multi_cell_orders USING (platform, order_id) JOIN periods USING (month)"
                + "   GROUP BY period, platform, order_id, CUBE (marketplace, category))"
                + "   GROUP BY period, gf, marketplace, category, CUBE (platform))"
                + " GROUP BY ALL");

        exec(db, "CREATE OR REPLACE TEMP TABLE ms_all AS SELECT s.platform, s.marketplace, s.category, s.period,"
                + " CASE WHEN s.period LIKE '%window' THEN NULL ELSE CAST(s.period || '-01' AS DATE) END AS month,"
                + " s.revenue, s.units, coalesce(o.orders, 0) AS orders, s.sellers, p.products"
                + " FROM lvl_seller s JOIN lvl_product p USING (platform, marketplace, category, period)"
                + " LEFT JOIN lvl_orders o USING (platform, marketplace, category, period)");
        exec(db, "DROP TABLE lvl_orders");
        double years = w.months() / 12.0;
        String before = " LEFT JOIN ms_all %1$s ON %1$s.platform = m.platform AND %1$s.marketplace = m.marketplace"
                + " AND %1$s.category = m.category AND ";
        exec(db, "CREATE OR REPLACE TEMP TABLE ref_market_size AS"
                + " SELECT m.platform, m.marketplace, m.category, m.period, m.revenue, m.units, m.orders, m.sellers, m.products,"
                + "   CASE WHEN pm.revenue > 0 THEN m.revenue / pm.revenue - 1 END AS mom_growth,"
                + "   CASE WHEN m.period = 'window' THEN (CASE WHEN pw.revenue > 0 THEN m.revenue / pw.revenue - 1 END)"
                + "        WHEN py.revenue > 0 THEN m.revenue / py.revenue - 1 END AS yoy_growth,"
                + "   CASE WHEN m.period = 'window' AND pw.revenue > 0 THEN pow(m.revenue / pw.revenue, 1.0 / " + years + ") - 1 END AS cagr"
                + " FROM ms_all m"
                + String.format(before, "pm") + "pm.month = m.month - INTERVAL 1 MONTH"
                + String.format(before, "py") + "py.month = m.month - INTERVAL 12 MONTH"
                + String.format(before, "pw") + "pw.period = 'previous_window' AND m.period = 'window'"
                + " WHERE m.period <> 'previous_window'");
        exec(db, "DROP TABLE ms_all");
    }

    /**
     * Creates {@code l1_<name>(period, <fixed>, ekey, <free columns>, gf, v, active, counted ...)}: the revenue of each
     * entity per period and scope, with the scope columns the key fixes ({@code fixed}) always grouped and the others
     * as a {@code CUBE} ({@code gf} tells which were rolled up).
     */
    private static void entityLevels(DuckDb db, String name, String keyColumn, List<String> fixed, String extra) {
        List<String> free = new ArrayList<>(List.of("platform", "marketplace", "category"));
        free.removeAll(fixed);
        String f = String.join(", ", free);
        String grouped = fixed.stream().map(c -> c + ", ").collect(Collectors.joining()) + keyColumn;
        exec(db, "CREATE OR REPLACE TEMP TABLE l1_" + name + " AS SELECT *, ekey IS NOT NULL AND v > 0 AS counted FROM"
                + " (SELECT period, " + grouped + " AS ekey, " + f + ", grouping(" + f + ") AS gf,"
                + "   sum(revenue) AS v, bool_or(units > 0) AS active" + extra
                + "   FROM fact_e JOIN periods USING (month)"
                + "   GROUP BY period, " + grouped + ", CUBE (" + f + "))");
    }

    /**
     * Creates {@code ref_concentration(platform, marketplace, category, period, entity, entities, cr4, cr8, cr10, hhi,
     * doj2023_class, doj2010_class, bain_cr4_class, bain_cr8_class, cr4_change, cr8_change, cr10_change, hhi_change)}
     * (SPEC M7) for seller, product and brand (trimmed; rows without one are not an entity): shares of revenue among
     * the entities with revenue above 0, CR_n = 100 · Σ of the n largest ÷ Σ, HHI = Σ (100 · share)²; classes on the
     * values rounded to 1e-6; changes against the month before (the window before for {@code window}).
     */
    static void concentration(DuckDb db) {
        entityLevels(db, "brand", "brand", List.of(), "");
        exec(db, "CREATE OR REPLACE TEMP TABLE lvl_brand AS SELECT period, " + SCOPE + ", " + SHARES
                + " FROM l1_brand GROUP BY period, gf, platform, marketplace, category");
        exec(db, "DROP TABLE l1_brand");
        String metrics = " SELECT platform, marketplace, category, period, '%s' AS entity, entities,"
                + " CASE WHEN entities > 0 THEN 100 * list_sum(top[1:4]) / total END AS cr4,"
                + " CASE WHEN entities > 0 THEN 100 * list_sum(top[1:8]) / total END AS cr8,"
                + " CASE WHEN entities > 0 THEN 100 * list_sum(top[1:10]) / total END AS cr10,"
                + " CASE WHEN entities > 0 THEN 10000 * squares / (total * total) END AS hhi FROM lvl_%s";
        exec(db, "CREATE OR REPLACE TEMP TABLE conc_all AS SELECT *,"
                + "   CASE WHEN hhi IS NULL THEN NULL WHEN round(hhi, 6) > 1800 THEN 'highly_concentrated'"
                + "     WHEN round(hhi, 6) >= 1000 THEN 'moderately_concentrated' ELSE 'unconcentrated' END AS doj2023_class,"
                + "   CASE WHEN hhi IS NULL THEN NULL WHEN round(hhi, 6) > 2500 THEN 'highly_concentrated'"
                + "     WHEN round(hhi, 6) >= 1500 THEN 'moderately_concentrated' ELSE 'unconcentrated' END AS doj2010_class,"
                + "   CASE WHEN cr4 IS NULL THEN NULL WHEN round(cr4, 6) >= 75 THEN 'high_oligopoly'"
                + "     WHEN round(cr4, 6) >= 50 THEN 'moderate_oligopoly' WHEN round(cr4, 6) >= 25 THEN 'low_oligopoly'"
                + "     ELSE 'atomistic' END AS bain_cr4_class,"
                + "   CASE WHEN cr8 IS NULL THEN NULL WHEN round(cr8, 6) >= 70 THEN 'very_high_oligopoly'"
                + "     WHEN round(cr8, 6) >= 40 THEN 'low_concentration_oligopoly'"
                + "     WHEN round(cr8, 6) >= 20 THEN 'low_concentration_competitive' ELSE 'fragmented' END AS bain_cr8_class"
                + " FROM (" + String.format(metrics, "seller", "seller") + " UNION ALL" + String.format(metrics, "product", "product")
                + " UNION ALL" + String.format(metrics, "brand", "brand") + ")");
        String change = " c.%1$s - p.%1$s AS %1$s_change";
        exec(db, "CREATE OR REPLACE TEMP TABLE ref_concentration AS SELECT c.*," + String.format(change, "cr4") + ","
                + String.format(change, "cr8") + "," + String.format(change, "cr10") + "," + String.format(change, "hhi")
                + " FROM conc_all c LEFT JOIN conc_all p ON p.platform = c.platform AND p.marketplace = c.marketplace"
                + "   AND p.category = c.category AND p.entity = c.entity AND p.period = CASE WHEN c.period = 'window'"
                + "   THEN 'previous_window' ELSE strftime(CAST(c.period || '-01' AS DATE) - INTERVAL 1 MONTH, '%Y-%m') END"
                + " WHERE c.period <> 'previous_window'");
        exec(db, "DROP TABLE conc_all");
    }

    // ---------------------------------------------------------------- price bands

    /**
     * Creates {@code ref_price_bands} (SPEC M9, window only) for the category-level scopes: a listing is (platform,
     * marketplace, product_id, seller_id) with fact rows in the window, priced revenue ÷ units when it sold, else at
     * its latest month's price; per scope five bands at the quintiles of the listing prices, a listing in the band of
     * the highest lower edge at or below its price; per band listings, sellers, units, revenue, demand and supply
     * share, opportunity, and the best band (the highest opportunity among bands with at least 5 % of the units and 3
     * listings; ties to the higher revenue, then the cheaper band).
     */
    static void priceBands(DuckDb db, MarketSql.Window w) {
        exec(db, "CREATE OR REPLACE TEMP TABLE listings AS"
                + " WITH l AS (SELECT platform, marketplace, category, product_id, seller_id, sum(units) AS units, sum(revenue) AS revenue,"
                + "   arg_max(price, month) FILTER (WHERE price IS NOT NULL) AS latest_price FROM fact"
                + "   WHERE month BETWEEN DATE '" + w.firstMonth() + "-01' AND DATE '" + w.lastMonth() + "-01' GROUP BY ALL)"
                + " SELECT CASE WHEN all_p THEN 'ALL' ELSE platform END AS platform,"
                + "   CASE WHEN all_m THEN 'ALL' ELSE marketplace END AS marketplace, category,"
                + "   platform || chr(1) || seller_id AS seller, units, revenue,"
                + "   CASE WHEN units > 0 THEN revenue / units ELSE latest_price END AS price"
                + " FROM l CROSS JOIN (VALUES (false, false), (false, true), (true, false), (true, true)) s(all_p, all_m)");
        exec(db, "CREATE OR REPLACE TEMP TABLE band_cuts AS SELECT platform, marketplace, category, min(price) AS low, max(price) AS high,"
                + " quantile_cont(price, [0.2, 0.4, 0.6, 0.8]) AS cuts FROM listings WHERE price IS NOT NULL GROUP BY ALL");
        exec(db, "CREATE OR REPLACE TEMP TABLE ref_price_bands AS"
                + " WITH edges AS (SELECT platform, marketplace, category, i - 1 AS band_index, e[i] AS band_low, e[i + 1] AS band_high"
                + "   FROM (SELECT *, list_concat([low], cuts, [high]) AS e FROM band_cuts) CROSS JOIN range(1, 6) r(i)),"
                + " placed AS (SELECT l.platform, l.marketplace, l.category, l.seller, l.units, l.revenue,"
                + "   (l.price >= c.cuts[1])::INT + (l.price >= c.cuts[2])::INT + (l.price >= c.cuts[3])::INT"
                + "   + (l.price >= c.cuts[4])::INT AS band_index"
                + "   FROM listings l JOIN band_cuts c USING (platform, marketplace, category) WHERE l.price IS NOT NULL),"
                + " counted AS (SELECT platform, marketplace, category, band_index, count(*) AS listings, count(DISTINCT seller) AS sellers,"
                + "   sum(units) AS units, sum(revenue) AS revenue FROM placed GROUP BY ALL), "
                + DuckDbReference.bandShares("edges", "counted"));
    }

    // ---------------------------------------------------------------- output

    static void write(DuckDb db, Path out) {
        DuckDbReference.writeParquet(sql -> exec(db, sql), out, "ref_market_size", "ref_concentration", "ref_price_bands");
    }

    /** The input files by source, each list in file name order (the order in which the first occurrence of a key wins). */
    record Inputs(List<Path> fx, List<Path> sales, List<Path> competitors) {

        static Inputs of(Path input) throws IOException {
            List<Path> all = DuckDbReference.inputFiles(input);
            return new Inputs(of(all, "fx_rates"), of(all, "sales"), of(all, "competitors"));
        }

        private static List<Path> of(List<Path> all, String source) {
            return all.stream().filter(p -> p.getParent().getFileName().toString().equals(source))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }

        List<Path> all() {
            List<Path> all = new ArrayList<>(sales);
            all.addAll(competitors);
            all.addAll(fx);
            return all;
        }
    }
}
