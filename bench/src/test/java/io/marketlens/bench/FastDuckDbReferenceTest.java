package io.marketlens.bench;

import static io.marketlens.testing.DuckDb.literal;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.metrics.DifferentialSql;
import io.marketlens.testing.DuckDb;
import io.marketlens.testing.TableDiff;
import io.marketlens.testing.TableDiff.Check;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastDuckDbReferenceTest {

    static final String SALES_HEADER = "order_id,line_id,order_ts,platform,marketplace,category,seller_id,brand,product_id,title,"
            + "unit_price,quantity,currency,status,launch_date";
    static final String COMPETITOR_HEADER = "snapshot_date,platform,marketplace,category,product_id,seller_id,brand,title,price,"
            + "currency,est_units,rating,review_count,launch_date,fulfillment,attributes";

    @TempDir
    Path tmp;

    /**
     * Three CHF rates (1 August 1.10, 5 August 1.20, 20 August 1.30): a line takes the rate of its local date or the
     * latest earlier one at most 7 days old; USD converts at 1 without any rate.
     */
    @Test
    void aLineTakesTheRateOfItsLocalDateOrTheLatestEarlierOneAtMostSevenDaysOld() throws IOException {
        Path in = tmp.resolve("in");
        write(in.resolve("fx_rates/rates.csv"), "date,currency,rate_to_base\n2024-08-01,CHF,1.10\n2024-08-05,chf,1.20\n2024-08-20,CHF,1.30\n");
        write(in.resolve("sales/orders.csv"), SALES_HEADER + "\n"
                + sale("before-first", "2024-07-31 10:00:00", "CHF")
                + sale("same-day", "2024-08-01 00:00:00", "CHF")
                + sale("three-days", "2024-08-04 23:59:59", "CHF")
                + sale("seven-days", "2024-08-12", "CHF")
                + sale("eight-days", "2024-08-13 08:00:00", "CHF")
                // 20:00 in New York on 12 August is 09:00 on 13 August in Shanghai: 8 days after the 5 August rate
                + sale("eight-local-days", "2024-08-12T20:00:00-05:00", "CHF")
                + sale("seven-after-last", "2024-08-27 12:00:00", "CHF")
                + sale("eight-after-last", "2024-08-28 12:00:00", "CHF")
                + sale("base", "2024-07-01 12:00:00", "USD"));
        try (DuckDb db = FastDuckDbReference.open()) {
            FastDuckDbReference.load(db, files(in, "fx_rates"), files(in, "sales"), List.of());
            Map<String, Double> rates = new LinkedHashMap<>();
            db.rows("SELECT order_id, rate FROM sales_new ORDER BY order_id").forEach(r -> rates.put((String) r.get("order_id"),
                    ((Number) r.get("rate")).doubleValue()));
            assertThat(rates).containsExactlyInAnyOrderEntriesOf(Map.of("same-day", 1.10, "three-days", 1.10, "seven-days", 1.20,
                    "seven-after-last", 1.30, "base", 1.0));
        }
    }

    /**
     * The acceptance rules, the first occurrence of a natural key (file name order, then line order), and columns
     * matched by name: b.csv has its columns in another order and no brand or launch_date column.
     */
    @Test
    void validLinesOnlyAndTheFirstOccurrenceOfAKeyCounts() throws IOException {
        Path in = tmp.resolve("in");
        write(in.resolve("fx_rates/rates.csv"), "date,currency,rate_to_base\n2024-08-08,EUR,1.10\n");
        String ok = "2024-08-10 10:00:00";
        write(in.resolve("sales/a.csv"), SALES_HEADER + "\n"
                + "K1,1,2024-08-10T10:00:00+08:00, Amazon , us ,Cat, S1 ,B,P1,\"Title, with a comma\",10.00,2,usd,Delivered,\n"
                + "K1,1," + ok + ",amazon,US,Cat,S1,B,P1,t,10.00,5,USD,delivered,\n"
                + "K2,," + ok + ",amazon,US,Cat,S1,B,P2,t,1.5,1,USD,,\n"
                + "K3,1," + ok + ",amazon,US,Cat,S1,B,P3,t,1.5,2.5,USD,,\n"
                + "K4,1," + ok + ",amazon,US,Cat,S1,B,P3,t,-1,1,USD,,\n"
                + "K5,1," + ok + ",amazon,US,Cat,S1,B,P3,t,1e3,1,USD,,\n"
                + "K6,1," + ok + ",amazon,US,Cat,S1,B,P3,t,1.00,0,USD,,\n"
                + "K7,1," + ok + ",amazon,US,Cat,,B,P3,t,1.00,1,USD,,\n"
                + "K8,1," + ok + ",amazon,US,Cat,S1,B,P3,t,1.00,1,USD,,,extra\n"
                + "K9,1,31/08/2024,amazon,US,Cat,S1,B,P3,t,1.00,1,USD,,\n"
                + "K10,1," + ok + ",amazon,US,Cat,S1,B,P3,t,1.00,1,US$,,\n"
                + "K11,1," + ok + ",amazon,US,Cat,S1,B,P3,t,1.00,1,USD,,2024-13-01\n"
                + "K12,1,2024-08-10T10:00,amazon,DE,Cat,S1,B,P3,t,1.00,1,EUR,,2020-01-01\n"
                + "K14,1,2024-07-10T10:00,amazon,DE,Cat,S1,B,P3,t,1.00,1,EUR,,\n"
                + "\n");
        write(in.resolve("sales/b.csv"), "line_id,order_id,order_ts,platform,marketplace,category,seller_id,product_id,title,"
                + "unit_price,quantity,currency,status\n"
                + "1,K1," + ok + ",amazon,US,Cat,S1,P1,t,10.00,7,USD,delivered\n"
                + "1,K13," + ok + ",amazon,US,Cat,S1,P4,t,3.00,1,USD,shipped\n");
        try (DuckDb db = FastDuckDbReference.open()) {
            FastDuckDbReference.load(db, files(in, "fx_rates"), files(in, "sales"), List.of());
            List<String> kept = db.rows("SELECT order_id || '/' || line_id || ' ' || platform || ' ' || marketplace || ' '"
                    + " || seller_id || ' ' || quantity || ' ' || coalesce(brand, '-') || ' ' || coalesce(status, '-') AS r"
                    + " FROM sales_new ORDER BY order_id").stream().map(r -> (String) r.get("r")).toList();
            assertThat(kept).containsExactly("K1/1 amazon US S1 2 B delivered", "K12/1 amazon DE S1 1 B -",
                    "K13/1 amazon US S1 1 - shipped", "K2/P2 amazon US S1 1 B -");
        }
    }

    /**
     * The reference's tables are those of {@link DuckDbReference} (the differential tests' SQL) on a market with every
     * kind of row the rules tell apart — bad lines, repeated keys, offsets, sparse FX rates, cancelled lines, orders
     * across categories, snapshots replaced by sales — and again after a night of new and corrected lines.
     */
    @Test
    void itsTablesAreThoseOfTheDifferentialReferenceFullAndNightly() throws IOException {
        Path in = tmp.resolve("in");
        Market.history(in);
        DifferentialSql.writeEdgeCases(in);
        DuckDbReference.full(in, tmp.resolve("old/store.duckdb"), tmp.resolve("old/full"));
        FastDuckDbReference.full(in, tmp.resolve("new/store.duckdb"), tmp.resolve("new/full"));
        try (DuckDb db = FastDuckDbReference.open()) {
            assertSameTables(db, tmp.resolve("old/full"), tmp.resolve("new/full"));
            Path fact = tmp.resolve("new/store.duckdb");
            db.exec("ATTACH " + literal(fact) + " AS s (READ_ONLY)");
            Map<String, Object> data = db.rows("SELECT (SELECT count(*) FROM (SELECT platform, order_id FROM s.sales_ok"
                    + "   GROUP BY ALL HAVING count(DISTINCT category) > 1)) AS multi_category_orders,"
                    + " (SELECT count(*) FROM s.sales_ok WHERE status LIKE 'cancel%') AS cancelled,"
                    + " (SELECT count(*) FROM s.comp_ok c WHERE EXISTS (SELECT 1 FROM s.sales_ok x WHERE x.platform = c.platform"
                    + "   AND x.marketplace = c.marketplace AND x.product_id = c.product_id AND x.month = c.month)) AS replaced,"
                    + " (SELECT count(*) FROM s.sales_ok WHERE currency = 'BRL') AS brl").get(0);
            db.exec("DETACH s");
            assertThat(data.values()).as("the data exercises what is compared: %s", data).allMatch(v -> ((Number) v).longValue() > 0);
        }

        Market.tonight(in);
        DuckDbReference.nightly(in, tmp.resolve("old/store.duckdb"), tmp.resolve("old/nightly"));
        FastDuckDbReference.nightly(in, tmp.resolve("new/store.duckdb"), tmp.resolve("new/nightly"));
        try (DuckDb db = FastDuckDbReference.open()) {
            assertSameTables(db, tmp.resolve("old/nightly"), tmp.resolve("new/nightly"));
            TableDiff.Result changed = TableDiff.compare(db, "the night changed the figures", parquet(tmp.resolve("new/full"), "market_size"),
                    parquet(tmp.resolve("new/nightly"), "market_size"), List.of("platform", "marketplace", "category", "period"),
                    List.of(Check.exact("units"), Check.exact("orders")), null);
            assertThat(changed.clean()).as("tonight's corrections change units and orders").isFalse();
        }
    }

    static void assertSameTables(DuckDb db, Path expected, Path actual) {
        List<String> scope = List.of("platform", "marketplace", "category");
        List<String> period = List.of("platform", "marketplace", "category", "period");
        TableDiff.Result ms = TableDiff.compare(db, "market_size", parquet(expected, "market_size"), parquet(actual, "market_size"),
                period, List.of(Check.relative("revenue", 1e-9), Check.exact("units"), Check.exact("orders"), Check.exact("sellers"),
                        Check.exact("products"), Check.relative("mom_growth", 1e-9), Check.relative("yoy_growth", 1e-9),
                        Check.relative("cagr", 1e-9)), null);
        TableDiff.assertClean("FastDuckDbReferenceTest", ms);
        assertThat(ms.matchedRows()).isGreaterThan(500);
        List<Check> concentration = new ArrayList<>(List.of(Check.exact("entities"), Check.exact("doj2023_class"),
                Check.exact("doj2010_class"), Check.exact("bain_cr4_class"), Check.exact("bain_cr8_class")));
        for (String m : List.of("cr4", "cr8", "cr10", "hhi", "cr4_change", "cr8_change", "cr10_change", "hhi_change")) {
            concentration.add(Check.absolute(m, 1e-9));
        }
        List<String> entityKey = new ArrayList<>(period);
        entityKey.add("entity");
        TableDiff.assertClean("FastDuckDbReferenceTest", TableDiff.compare(db, "concentration", parquet(expected, "concentration"),
                parquet(actual, "concentration"), entityKey, concentration, null));
        List<String> bandKey = new ArrayList<>(scope);
        bandKey.add("band_index");
        TableDiff.assertClean("FastDuckDbReferenceTest", TableDiff.compare(db, "price_bands", parquet(expected, "price_bands"),
                parquet(actual, "price_bands"), bandKey, List.of(Check.relative("band_low", 1e-9), Check.relative("band_high", 1e-9),
                        Check.exact("listings"), Check.exact("sellers"), Check.exact("units"), Check.relative("revenue", 1e-9),
                        Check.relative("opportunity", 1e-9), Check.exact("is_best")), null));
    }

    // ---------------------------------------------------------------- data

    /**
     * A seeded small market in the exports' layout: three platforms, four marketplaces (USD, EUR twice, BRL with a
     * rate every 9 days only), three categories, 30 months; orders of one to three lines of any category; bad lines;
     * a repeated key with another quantity in a later file; monthly competitor snapshots, some twice a month.
     */
    static final class Market {
        static final String[] PLATFORMS = {"amazon", "aliexpress", "shopee"};
        static final String[] MARKETPLACES = {"US", "DE", "ES", "BR"};
        static final String[] CURRENCIES = {"USD", "EUR", "EUR", "BRL"};
        static final String[] CATEGORIES = {"Home & Kitchen>Storage", "Beauty>Hair Tools", "玩具>拼图"};
        static final YearMonth FIRST = YearMonth.of(2023, 1);
        static final int MONTHS = 30;
        static final int PRODUCTS = 80;

        static String category(int product) {
            return CATEGORIES[product % CATEGORIES.length];
        }

        static String brand(int product) {
            return product % 7 == 0 ? "" : product % 11 == 0 ? " Brand" + (product % 9) + " " : "Brand" + (product % 9);
        }

        static void history(Path in) throws IOException {
            Random r = new Random(11);
            Map<Integer, StringBuilder> byYear = new LinkedHashMap<>();
            List<String> repeated = new ArrayList<>();
            for (int o = 0; o < 900; o++) {
                int p = r.nextInt(PLATFORMS.length);
                int m = r.nextInt(MARKETPLACES.length);
                String seller = String.format(Locale.ROOT, "S%02d", r.nextInt(25));
                YearMonth month = FIRST.plusMonths(r.nextInt(MONTHS));
                LocalDateTime t = month.atDay(1 + r.nextInt(month.lengthOfMonth())).atTime(r.nextInt(24), r.nextInt(60), r.nextInt(60));
                String ts = timestamp(r, t);
                int lines = 1 + r.nextInt(3);
                for (int l = 1; l <= lines; l++) {
                    int product = r.nextInt(PRODUCTS);
                    double price = 5 + product * 0.75 + r.nextInt(5) * 0.5;
                    int roll = r.nextInt(100);
                    String status = roll < 6 ? "cancelled" : roll < 8 ? "Canceled" : roll < 10 ? "returned" : roll < 55 ? "delivered" : "shipped";
                    String line = String.join(",", "O" + o, Integer.toString(l), ts, PLATFORMS[p], MARKETPLACES[m], category(product), seller,
                            brand(product), String.format(Locale.ROOT, "P%03d", product), "\"Item " + product + ", boxed\"",
                            String.format(Locale.ROOT, "%.2f", price), Integer.toString(1 + r.nextInt(4)), CURRENCIES[m], status, "");
                    byYear.computeIfAbsent(t.getYear(), y -> new StringBuilder(SALES_HEADER + "\n")).append(line).append('\n');
                    if (o % 97 == 0 && l == 1) {
                        repeated.add(line.replaceFirst(",[1-4],(USD|EUR|BRL),", ",9,$1,"));
                    }
                }
            }
            for (Map.Entry<Integer, StringBuilder> e : byYear.entrySet()) {
                StringBuilder sb = e.getValue();
                if (e.getKey() == 2025) {
                    repeated.forEach(x -> sb.append(x).append('\n'));
                }
                write(in.resolve("sales/orders-" + e.getKey() + ".csv"), sb.toString());
            }
            write(in.resolve("sales/orders-bad.csv"), SALES_HEADER + "\n"
                    + "B1,1,2024-03-10 10:00:00,amazon,US,Beauty>Hair Tools,S01,Brand1,P001,t,2.50,0,USD,delivered,\n"
                    + "B2,1,2024-03-10 10:00:00,amazon,US,Beauty>Hair Tools,S01,Brand1,P001,t,-2.50,1,USD,delivered,\n"
                    + "B3,1,2024-03-10 10:00:00,amazon,US,Beauty>Hair Tools,,Brand1,P001,t,2.50,1,USD,delivered,\n"
                    + "B4,1,2024-03-10 10:00:00,amazon,US,Beauty>Hair Tools,S01,Brand1,P001,t,2.50,two,USD,delivered,\n"
                    + "B5,1,2024-02-31 10:00:00,amazon,US,Beauty>Hair Tools,S01,Brand1,P001,t,2.50,1,USD,delivered,\n"
                    + "B6,1,2024-03-10 10:00:00,amazon,US,Beauty>Hair Tools,S01,Brand1,P001,t,2.50,1,USD,delivered,,x\n"
                    + "B7,1,2024-03-10 10:00:00,amazon,US,Beauty>Hair Tools,S01,Brand1,P001,t,2.50,1,JPY,delivered,\n"
                    + "B8,1,2024-03-10 10:00:00Z,amazon,US,Beauty>Hair Tools,S01,Brand1,P001,t,2.50,1,USD,delivered,\n");

            StringBuilder comp = new StringBuilder(COMPETITOR_HEADER + "\n");
            for (int k = 0; k < 60; k++) {
                int p = k % PLATFORMS.length;
                int m = (k / 3) % MARKETPLACES.length;
                int product = (k * 7) % PRODUCTS;
                String seller = String.format(Locale.ROOT, "C%02d", k % 13);
                for (int i = 0; i < MONTHS; i++) {
                    YearMonth month = FIRST.plusMonths(i);
                    int snapshots = r.nextInt(5) == 0 ? 2 : 1;
                    for (int s = 0; s < snapshots; s++) {
                        LocalDate d = month.atDay(1 + r.nextInt(month.lengthOfMonth()));
                        int roll = r.nextInt(40);
                        String rating = roll == 0 ? "5.5" : roll < 5 ? "" : String.format(Locale.ROOT, "%.1f", 3 + r.nextInt(20) / 10.0);
                        comp.append(String.join(",", d.toString(), PLATFORMS[p], MARKETPLACES[m], category(product),
                                String.format(Locale.ROOT, "P%03d", product), seller, brand(product), "t",
                                String.format(Locale.ROOT, "%.2f", 4 + product * 0.8 + r.nextInt(3)), CURRENCIES[m],
                                Integer.toString(r.nextInt(150)), rating, roll == 1 ? "" : Integer.toString(r.nextInt(500)), "", "self", ""))
                                .append('\n');
                    }
                }
            }
            write(in.resolve("competitors/listings.csv"), comp.toString());

            StringBuilder fx = new StringBuilder("date,currency,rate_to_base\n");
            for (LocalDate d = LocalDate.of(2022, 12, 1); d.isBefore(LocalDate.of(2025, 8, 1)); d = d.plusDays(1)) {
                if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                    fx.append(d).append(",EUR,").append(String.format(Locale.ROOT, "%.4f", 1.05 + (d.getDayOfYear() % 10) / 100.0)).append('\n');
                }
                if (d.toEpochDay() % 9 == 0) {
                    fx.append(d).append(",BRL,").append(String.format(Locale.ROOT, "%.4f", 0.18 + (d.getDayOfMonth() % 5) / 1000.0)).append('\n');
                }
            }
            write(in.resolve("fx_rates/rates.csv"), fx.toString());
            write(in.resolve("marketlens.yaml"), "timezone: Asia/Shanghai\nbase_currency: USD\n");
        }

        /** Mostly Beijing time with its offset; some without an offset, with another offset, as a date only, or in UTC 'Z' (not accepted). */
        static String timestamp(Random r, LocalDateTime t) {
            int roll = r.nextInt(100);
            String iso = t.toString().length() == 16 ? t + ":00" : t.toString();
            if (roll < 60) {
                return iso + "+08:00";
            } else if (roll < 75) {
                return iso.replace('T', ' ');
            } else if (roll < 90) {
                return iso + "-05:00";
            } else if (roll < 97) {
                return t.toLocalDate().toString();
            }
            return iso + "Z";
        }

        /** Tonight (1 July 2025): new orders, corrections of June's lines (quantity + 1, cancelled), snapshots, a rate. */
        static void tonight(Path in) throws IOException {
            List<String> june = Files.readAllLines(in.resolve("sales/orders-2025.csv"), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.contains(",2025-06-") && l.contains("+08:00")).limit(12).toList();
            StringBuilder corrections = new StringBuilder(SALES_HEADER + "\n");
            for (int i = 0; i < june.size(); i++) {
                String line = june.get(i);
                corrections.append(i % 2 == 0 ? line.replaceFirst(",([1-4]),(USD|EUR|BRL),", ",7,$2,")
                        : line.replaceAll(",(delivered|shipped|returned|cancelled|Canceled),$", ",cancelled,")).append('\n');
            }
            write(in.resolve("sales/corrections-2025-07-01.csv"), corrections.toString());
            write(in.resolve("sales/orders-2025-07-01.csv"), SALES_HEADER + "\n"
                    + "N1,1,2025-07-01T09:00:00+08:00,amazon,US,Beauty>Hair Tools,S01,Brand1,P001,t,12.00,2,USD,shipped,\n"
                    + "N2,1,2025-06-30T20:00:00-05:00,amazon,DE,Beauty>Hair Tools,S02,Brand1,P001,t,12.00,1,EUR,shipped,\n");
            write(in.resolve("competitors/listings-2025-07-01.csv"), COMPETITOR_HEADER + "\n"
                    + "2025-06-30,shopee,ES,Home & Kitchen>Storage,P999,C99,BrandX,t,9.00,EUR,40,4.0,2,,self,\n"
                    + "2025-07-01,shopee,ES,Home & Kitchen>Storage,P999,C99,BrandX,t,9.00,EUR,41,4.0,2,,self,\n");
            write(in.resolve("fx_rates/rates-2025-07-01.csv"), "date,currency,rate_to_base\n2025-07-01,EUR,1.0800\n");
        }
    }

    // ---------------------------------------------------------------- helpers

    static String sale(String orderId, String ts, String currency) {
        return orderId + ",1," + ts + ",amazon,DE,Cat,S1,B,P1,t,10.00,1," + currency + ",delivered,\n";
    }

    static List<Path> files(Path in, String source) throws IOException {
        try (var s = Files.list(in.resolve(source))) {
            return s.sorted().collect(Collectors.toList());
        }
    }

    static String parquet(Path dir, String table) {
        return "read_parquet(" + literal(dir.resolve(table + ".parquet")) + ")";
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
