package io.marketlens.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Test-scope converter from the raw files of the Olist Brazilian e-commerce data set
 * ({@code shared/datasets/olist-2017-subset/}: {@code orders.csv}, {@code order_items.csv},
 * {@code products.csv}, {@code customers.csv}, {@code product_category_name_translation.csv}) to
 * marketlens canonical exports (SPEC §2), for end-to-end tests on real data that nobody here wrote.
 * It only re-arranges and joins the raw values; it never cleans them, so whatever is odd in the real
 * data reaches the pipeline and must be accounted for there.
 *
 * <h2>sales — {@code <dir>/sales/olist-2017.csv}, one row per order item ({@code order_items.csv} row, in file order)</h2>
 * <table>
 * <caption>sales mapping</caption>
 * <tr><th>canonical</th><th>from</th></tr>
 * <tr><td>order_id</td><td>order_items.order_id</td></tr>
 * <tr><td>line_id</td><td>order_items.order_item_id (1, 2, … within the order)</td></tr>
 * <tr><td>order_ts</td><td>orders.order_purchase_timestamp, verbatim ({@code YYYY-MM-DD HH:MM:SS}); empty if the order is
 *     not in orders.csv</td></tr>
 * <tr><td>platform</td><td>{@value #PLATFORM}</td></tr>
 * <tr><td>marketplace</td><td>{@value #MARKETPLACE}</td></tr>
 * <tr><td>category</td><td>products.product_category_name translated to English with
 *     product_category_name_translation.csv; the Portuguese name when it has no translation (e.g. {@code pc_gamer});
 *     <b>empty</b> when the product has no category (or is not in products.csv) — the pipeline must then quarantine
 *     the row as {@code missing_required:category}</td></tr>
 * <tr><td>seller_id</td><td>order_items.seller_id</td></tr>
 * <tr><td>brand</td><td>empty (Olist has no brand)</td></tr>
 * <tr><td>product_id</td><td>order_items.product_id</td></tr>
 * <tr><td>title</td><td>empty (Olist has no product names)</td></tr>
 * <tr><td>unit_price</td><td>order_items.price, verbatim (each item row is one unit)</td></tr>
 * <tr><td>quantity</td><td>1</td></tr>
 * <tr><td>currency</td><td>{@value #CURRENCY}</td></tr>
 * <tr><td>status</td><td>orders.order_status, verbatim ({@code delivered}, {@code shipped}, {@code canceled},
 *     {@code unavailable}, {@code invoiced}, {@code processing}, {@code created}, {@code approved})</td></tr>
 * <tr><td>launch_date</td><td>empty</td></tr>
 * </table>
 *
 * <h2>logistics — {@code <dir>/logistics/olist-2017.csv}, one row per order with a carrier hand-over date
 * ({@code orders.csv} rows with a non-empty order_delivered_carrier_date, in file order)</h2>
 * <table>
 * <caption>logistics mapping</caption>
 * <tr><th>canonical</th><th>from</th></tr>
 * <tr><td>shipment_id</td><td>orders.order_id (Olist ships each order as one parcel)</td></tr>
 * <tr><td>order_id</td><td>orders.order_id</td></tr>
 * <tr><td>carrier</td><td>{@value #CARRIER} (Olist names no carrier)</td></tr>
 * <tr><td>service</td><td>{@value #SERVICE}</td></tr>
 * <tr><td>origin_country</td><td>{@value #COUNTRY}</td></tr>
 * <tr><td>destination_country</td><td>{@value #COUNTRY}</td></tr>
 * <tr><td>destination_region</td><td>customers.customer_state of the order's customer (SP, RJ, …; empty if unknown)</td></tr>
 * <tr><td>ship_ts</td><td>orders.order_delivered_carrier_date</td></tr>
 * <tr><td>promised_ts</td><td>orders.order_estimated_delivery_date</td></tr>
 * <tr><td>delivered_ts</td><td>orders.order_delivered_customer_date (empty while not delivered)</td></tr>
 * <tr><td>status</td><td>the rule, in order: (1) delivered_ts present → {@code delivered}; (2) Olist says
 *     {@code delivered} but gives no delivery date → {@code delivered} all the same, as the export claims it (the
 *     pipeline quarantines such a row as {@code missing_required:delivered_ts}: its lead time is unknowable, and
 *     calling it in transit would invent a fact); (3) anything else (Olist {@code shipped}, {@code invoiced}, …) →
 *     {@code in_transit}. Olist has no returned/lost statuses.</td></tr>
 * <tr><td>weight_kg</td><td>Σ over the order's items of products.product_weight_g ÷ 1000 (an item counts once per
 *     order_items row); <b>empty</b> when a product weight is missing (or the order has no items); a product
 *     weight of 0 is summed as 0, so an all-zero order is written as {@code 0} and the pipeline quarantines it as
 *     {@code out_of_range:weight_kg} (the converter does not hide bad weights)</td></tr>
 * <tr><td>cost</td><td>Σ over the order's items of order_items.freight_value; empty when the order has no items</td></tr>
 * <tr><td>currency</td><td>{@value #CURRENCY}</td></tr>
 * </table>
 * Olist's own inconsistencies pass through on purpose: a customer delivery before the carrier hand-over is
 * quarantined by the pipeline as {@code out_of_range:delivered_ts}, a promised date before the hand-over as
 * {@code out_of_range:promised_ts}.
 *
 * <h2>config — {@link #writeConfig}</h2>
 * {@code base_currency: BRL} (every Olist amount is in BRL, so no FX rates are needed) and {@code timezone: UTC}.
 * Olist timestamps are Brazilian wall-clock times without an offset; reading them in UTC keeps each row's
 * calendar date and month exactly as written (lead times then ignore the ≤ 1 h daylight-saving shifts of 2017–18).
 * UTC is also the default zone, so a test session shared with other tests keeps its time zone.
 *
 * <p>Files are written as UTF-8 without BOM, RFC 4180, comma-separated, {@code \n}-terminated; no Olist value
 * contains a line break, so physical line {@code n + 1} holds data row {@code n}.
 */
public final class OlistExport {

    public static final String DATASET = "olist-2017-subset";
    public static final String FILE_NAME = "olist-2017.csv";
    public static final String PLATFORM = "olist";
    public static final String MARKETPLACE = "BR";
    public static final String CURRENCY = "BRL";
    public static final String CARRIER = "olist";
    public static final String SERVICE = "standard";
    public static final String COUNTRY = "BR";
    public static final String TIMEZONE = "UTC";

    public static final List<String> SALES_HEADER = List.of("order_id", "line_id", "order_ts", "platform", "marketplace",
            "category", "seller_id", "brand", "product_id", "title", "unit_price", "quantity", "currency", "status",
            "launch_date");
    public static final List<String> LOGISTICS_HEADER = List.of("shipment_id", "order_id", "carrier", "service",
            "origin_country", "destination_country", "destination_region", "ship_ts", "promised_ts", "delivered_ts",
            "status", "weight_kg", "cost", "currency");

    /** How the exports are written; also how the pipeline re-serialises a record into the quarantine's {@code raw}. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    private final List<Map<String, String>> orders;
    private final List<Map<String, String>> items;
    private final Map<String, Map<String, String>> ordersById = new HashMap<>();
    private final Map<String, Map<String, String>> productsById = new HashMap<>();
    private final Map<String, String> stateByCustomer = new HashMap<>();
    private final Map<String, String> english = new HashMap<>();
    private final Map<String, List<Map<String, String>>> itemsByOrder = new LinkedHashMap<>();

    private OlistExport(Path dir) {
        orders = read(dir.resolve("orders.csv"));
        items = read(dir.resolve("order_items.csv"));
        orders.forEach(o -> ordersById.put(o.get("order_id"), o));
        read(dir.resolve("products.csv")).forEach(p -> productsById.put(p.get("product_id"), p));
        read(dir.resolve("customers.csv")).forEach(c -> stateByCustomer.put(c.get("customer_id"), c.get("customer_state")));
        read(dir.resolve("product_category_name_translation.csv"))
                .forEach(t -> english.put(t.get("product_category_name"), t.get("product_category_name_english")));
        items.forEach(i -> itemsByOrder.computeIfAbsent(i.get("order_id"), k -> new ArrayList<>()).add(i));
    }

    /** Reads the raw Olist files of {@code dir} (the {@value #DATASET} folder). */
    public static OlistExport load(Path dir) {
        return new OlistExport(dir);
    }

    /**
     * The shared data set folder, looked for as {@code ../shared/datasets/<name>} (from the project root) and
     * {@code ../../shared/datasets/<name>} (from a module folder, where Maven runs tests); empty when absent.
     */
    public static Optional<Path> locate(String name) {
        for (String base : List.of("../shared/datasets", "../../shared/datasets")) {
            Path p = Path.of(base, name).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** {@link #locate(String)} of {@value #DATASET}, with its five files present. */
    public static Optional<Path> locate() {
        return locate(DATASET).filter(p -> List.of("orders.csv", "order_items.csv", "products.csv", "customers.csv",
                "product_category_name_translation.csv").stream().allMatch(f -> Files.isRegularFile(p.resolve(f))));
    }

    /** The sales rows (one per order item), in {@link #SALES_HEADER} order. */
    public List<List<String>> salesRows() {
        List<List<String>> rows = new ArrayList<>(items.size());
        for (Map<String, String> i : items) {
            Map<String, String> order = ordersById.getOrDefault(i.get("order_id"), Map.of());
            rows.add(List.of(i.get("order_id"), i.get("order_item_id"), order.getOrDefault("order_purchase_timestamp", ""),
                    PLATFORM, MARKETPLACE, category(i.get("product_id")), i.get("seller_id"), "", i.get("product_id"), "",
                    i.get("price"), "1", CURRENCY, order.getOrDefault("order_status", ""), ""));
        }
        return rows;
    }

    /** The logistics rows (one per order handed to the carrier), in {@link #LOGISTICS_HEADER} order. */
    public List<List<String>> logisticsRows() {
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, String> o : orders) {
            String ship = o.get("order_delivered_carrier_date");
            if (ship.isEmpty()) {
                continue;
            }
            String delivered = o.get("order_delivered_customer_date");
            String status = !delivered.isEmpty() || "delivered".equals(o.get("order_status")) ? "delivered" : "in_transit";
            List<Map<String, String>> its = itemsByOrder.getOrDefault(o.get("order_id"), List.of());
            rows.add(List.of(o.get("order_id"), o.get("order_id"), CARRIER, SERVICE, COUNTRY, COUNTRY,
                    stateByCustomer.getOrDefault(o.get("customer_id"), ""), ship, o.get("order_estimated_delivery_date"),
                    delivered, status, weightKg(its), cost(its), CURRENCY));
        }
        return rows;
    }

    /** Writes {@code <dir>/sales/olist-2017.csv} and returns its path. */
    public Path writeSales(Path dir) {
        return write(dir.resolve("sales").resolve(FILE_NAME), SALES_HEADER, salesRows());
    }

    /** Writes {@code <dir>/logistics/olist-2017.csv} and returns its path. */
    public Path writeLogistics(Path dir) {
        return write(dir.resolve("logistics").resolve(FILE_NAME), LOGISTICS_HEADER, logisticsRows());
    }

    /** Writes the run config for Olist exports (base currency BRL, time zone UTC) to {@code file}. */
    public static Path writeConfig(Path file) {
        return Files2.write(file, "# Olist exports: every amount is in BRL, so BRL as base needs no FX rates.\n"
                + "base_currency: " + CURRENCY + "\n"
                + "# Olist timestamps are Brazilian wall-clock times; read as UTC they keep their calendar dates.\n"
                + "timezone: " + TIMEZONE + "\n"
                + "# 11 k lines: two shuffle partitions instead of eight; no figure depends on it\n"
                + "shuffle_partitions: 2\n");
    }

    private String category(String productId) {
        Map<String, String> p = productsById.get(productId);
        String pt = p == null ? "" : p.getOrDefault("product_category_name", "").strip();
        if (pt.isEmpty()) {
            return "";
        }
        String en = english.get(pt);
        return en == null || en.isBlank() ? pt : en.strip();
    }

    private String weightKg(List<Map<String, String>> its) {
        if (its.isEmpty()) {
            return "";
        }
        BigDecimal grams = BigDecimal.ZERO;
        for (Map<String, String> i : its) {
            Map<String, String> p = productsById.get(i.get("product_id"));
            String g = p == null ? "" : p.getOrDefault("product_weight_g", "").strip();
            if (g.isEmpty()) {
                return "";
            }
            grams = grams.add(new BigDecimal(g));
        }
        return plain(grams.movePointLeft(3));
    }

    private static String cost(List<Map<String, String>> its) {
        if (its.isEmpty()) {
            return "";
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Map<String, String> i : its) {
            sum = sum.add(new BigDecimal(i.get("freight_value").strip()));
        }
        return plain(sum);
    }

    private static String plain(BigDecimal v) {
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }

    private static Path write(Path file, List<String> header, List<List<String>> rows) {
        try {
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 CSVPrinter printer = new CSVPrinter(w, FORMAT)) {
                printer.printRecord(header);
                for (List<String> r : rows) {
                    printer.printRecord(r);
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The records of a raw CSV file as header → value maps (a leading UTF-8 BOM is skipped). */
    public static List<Map<String, String>> read(Path file) {
        try (Reader r = withoutBom(Files.newBufferedReader(file, StandardCharsets.UTF_8));
             CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            List<Map<String, String>> out = new ArrayList<>();
            for (CSVRecord rec : p) {
                Map<String, String> m = new HashMap<>(rec.toMap());
                m.replaceAll((k, v) -> v == null ? "" : v);
                out.add(m);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Reader withoutBom(BufferedReader r) throws IOException {
        r.mark(1);
        if (r.read() != '\uFEFF') {
            r.reset();
        }
        return r;
    }
}
