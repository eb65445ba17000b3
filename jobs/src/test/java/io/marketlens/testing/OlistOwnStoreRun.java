package io.marketlens.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.cli.MarketlensCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One {@code marketlens run} of the Olist export ({@link OlistExport}: sales only, base currency BRL, time zone UTC)
 * with a real Olist seller named the own store ({@code own_seller_ids}), shared by the tests that check the own-store
 * and competitor tables on it, so that a test JVM runs the pipeline once per seller instead of once per test class.
 * The run folder lives in a temporary directory removed when the JVM exits.
 */
public final class OlistOwnStoreRun {

    /**
     * The own store both Olist tests use, chosen in SQL on the raw items: among the sellers with at least one item of a
     * {@code canceled} order and demand (items of other orders) in at least three categories, the one with the most
     * demand revenue (ties by seller_id), from {@link #loadLines}' {@code lines}.
     */
    public static final String CHOOSE_OWN_SQL = "SELECT seller_id, count(DISTINCT category) FILTER (WHERE NOT cancelled)"
            + " AS categories, sum(price) FILTER (WHERE NOT cancelled) AS revenue, count(*) FILTER (WHERE cancelled)"
            + " AS cancelled_lines, count(*) AS lines FROM lines GROUP BY seller_id"
            + " HAVING count(*) FILTER (WHERE cancelled) > 0 AND count(DISTINCT category) FILTER (WHERE NOT cancelled) >= 3"
            + " ORDER BY revenue DESC, seller_id LIMIT 1";

    /** A finished run: its folder and how long the pipeline took (0 when an earlier test of this JVM ran it). */
    public record Run(Path runDir, double seconds) {
    }

    private static final Map<String, Path> RUNS = new HashMap<>();

    private OlistOwnStoreRun() {
    }

    /** The run with {@code own} as the own store, run on first use. */
    public static synchronized Run of(Path olist, String own) throws IOException {
        Path done = RUNS.get(own);
        if (done != null) {
            return new Run(done, 0);
        }
        Path tmp = Files.createTempDirectory("marketlens-olist-own-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(tmp)));
        Path in = tmp.resolve("in");
        OlistExport.load(olist).writeSales(in);
        Path config = OlistExport.writeConfig(tmp.resolve("olist.yaml"));
        Files.writeString(config, "own_seller_ids: [" + own + "]\n", StandardOpenOption.APPEND);
        long t0 = System.nanoTime();
        StdStreams.Captured c = StdStreams.capture(() -> MarketlensCli.execute("run", "--input", in.toString(),
                "--output", tmp.resolve("out").toString(), "--config", config.toString()));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(c.exitCode()).as(c.err()).isZero();
        Path runDir = Path.of(c.out().strip());
        RUNS.put(own, runDir);
        return new Run(runDir, seconds);
    }

    /**
     * {@code raw_<name>}: the raw Olist files as text; {@code lines}: every raw item of an order with a purchase
     * timestamp and of a product with a category (the English name, else the Portuguese one) — what reaches the
     * warehouse —, one unit each, price as an exact decimal, the order's status, its month as written, and whether it
     * is cancelled (status {@code canceled}).
     */
    public static void loadLines(DuckDb db, Path olist) {
        for (String t : List.of("orders", "order_items", "products", "product_category_name_translation")) {
            db.exec("CREATE TEMP TABLE raw_" + t + " AS SELECT * FROM read_csv(" + DuckDb.literal(olist.resolve(t + ".csv"))
                    + ", header = true, all_varchar = true, delim = ',', quote = '\"')");
        }
        db.exec("CREATE TEMP TABLE lines AS SELECT *, status IN ('canceled', 'cancelled') AS cancelled FROM (SELECT"
                + " i.order_id, i.order_item_id, i.product_id, i.seller_id, CAST(i.price AS DECIMAL(18, 2)) AS price,"
                + " o.order_status AS status, substr(o.order_purchase_timestamp, 1, 7) AS month,"
                + " coalesce(nullif(trim(t.product_category_name_english), ''), nullif(trim(p.product_category_name), '')) AS category"
                + " FROM raw_order_items i"
                + " JOIN raw_orders o ON o.order_id = i.order_id"
                + " LEFT JOIN raw_products p ON p.product_id = i.product_id"
                + " LEFT JOIN raw_product_category_name_translation t ON t.product_category_name = trim(p.product_category_name)"
                + " WHERE nullif(o.order_purchase_timestamp, '') IS NOT NULL)"
                + " WHERE category IS NOT NULL");
    }

    private static void delete(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
