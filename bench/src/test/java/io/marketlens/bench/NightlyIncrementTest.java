package io.marketlens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NightlyIncrementTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path tmp;

    /** A small history in Beijing time; its last local date is 2026-01-01 (12:00 in New York is 01:00 next day in Beijing). */
    static Path history(Path dir) throws IOException {
        write(dir.resolve("marketlens.yaml"), "timezone: Asia/Shanghai\nbase_currency: USD\n");
        String header = "order_id,line_id,order_ts,platform,marketplace,category,seller_id,brand,product_id,title,unit_price,quantity,currency,status,launch_date\n";
        StringBuilder sales = new StringBuilder(header);
        for (int i = 0; i < 200; i++) {
            String day = LocalDate.of(2025, 12, 1).plusDays(i % 31).toString();
            String ts = i % 2 == 0 ? day + " 10:00:00" : day + "T11:00:00+08:00";
            sales.append(String.format("1%02d-000%04d-1,1,%s,amazon,US,Kitchen,S%d,Brand,P%d,\"Title, with comma\",10.50,2,USD,shipped,%n",
                    i % 100, i, ts, i % 7, i % 13));
            sales.append(String.format("1%02d-000%04d-1,2,%s,amazon,US,Kitchen,S%d,Brand,Q%d,Other,4.00,1,USD,shipped,%n",
                    i % 100, i, ts, i % 7, i % 5));
        }
        sales.append("AE-1,1,2025-12-31T12:00:00-05:00,aliexpress,DE,Kitchen,S9,,P1,x,9.99,1,EUR,delivered,\n");
        write(dir.resolve("sales/orders-2025.csv"), sales.toString());
        write(dir.resolve("competitors/listings-2025.csv"), """
                snapshot_date,platform,marketplace,category,product_id,seller_id,brand,title,price,currency,est_units,rating,review_count,launch_date,fulfillment,attributes
                2025-11-30,amazon,US,Kitchen,C1,S1,B,t,5.00,USD,10,4.0,3,,FBA,
                2025-12-31,amazon,US,Kitchen,C1,S1,B,t,5.00,USD,12,4.0,3,,FBA,
                2025-12-31,amazon,US,Kitchen,C2,S2,B,t,6.00,USD,8,4.1,4,,FBA,
                """);
        StringBuilder ships = new StringBuilder("shipment_id,order_id,carrier,service,origin_country,destination_country,destination_region,ship_ts,promised_ts,delivered_ts,status,weight_kg,cost,currency\n");
        for (int i = 0; i < 100; i++) {
            ships.append(String.format("YT%06d,100-0000%03d-1,Yun,Std,CN,US,,2025-12-%02d 08:00:00,2025-12-%02d 08:00:00,,in_transit,0.5,3.20,CNY%n",
                    i, i, 1 + i % 20, 11 + i % 20));
        }
        write(dir.resolve("logistics/shipments.csv"), ships.toString());
        write(dir.resolve("fx_rates/usd_rates.csv"), "date,currency,rate_to_base\n2025-12-30,EUR,1.05\n2025-12-31,EUR,1.06\n2025-12-31,CNY,0.14\n");
        return dir;
    }

    @Test
    void addsTheDayAfterTheLastLocalDateInProportion() throws IOException {
        Path out = tmp.resolve("tonight");
        NightlyIncrement.Counts c = NightlyIncrement.write(history(tmp.resolve("history")), out, 7, 0.1);
        assertThat(c.day()).isEqualTo(LocalDate.of(2026, 1, 2));
        assertThat(c.historySales()).isEqualTo(401);
        // 40 lines (a tenth of 401, rounded), whole orders of two lines each: 20 orders
        assertThat(c.salesLines()).isEqualTo(40);
        assertThat(c.orders()).isEqualTo(20);
        assertThat(c.corrections()).isEqualTo(8); // a fifth of 40
        assertThat(c.snapshots()).isEqualTo(1); // a tenth of 3, at least 1
        assertThat(c.shipments()).isEqualTo(10);
        assertThat(c.fxRates()).isEqualTo(2);

        List<Map<String, String>> orders = read(out.resolve("sales/orders-2026-01-02.csv"));
        assertThat(orders).allSatisfy(r -> assertThat(NightlyIncrement.local(r.get("order_ts"), SHANGHAI).toLocalDate())
                .isEqualTo(c.day()));
        Set<String> historyOrders = read(tmp.resolve("history/sales/orders-2025.csv")).stream().map(r -> r.get("order_id"))
                .collect(Collectors.toSet());
        assertThat(orders).noneMatch(r -> historyOrders.contains(r.get("order_id")));
        assertThat(orders).allMatch(r -> r.get("order_id").matches("\\d{3}-\\d{7}-\\d")); // the shape of the history's ids
        assertThat(read(out.resolve("competitors/listings-2026-01-02.csv"))).allMatch(r -> r.get("snapshot_date").equals("2026-01-02"));
        assertThat(read(out.resolve("fx_rates/rates-2026-01-02.csv"))).extracting(r -> r.get("currency") + " " + r.get("date"))
                .containsExactly("CNY 2026-01-02", "EUR 2026-01-02");
        Set<String> tonightOrders = orders.stream().map(r -> r.get("order_id")).collect(Collectors.toSet());
        assertThat(read(out.resolve("logistics/shipments-2026-01-02.csv"))).allSatisfy(r -> {
            assertThat(tonightOrders).contains(r.get("order_id"));
            assertThat(r.get("ship_ts")).startsWith("2026-01-02 ");
            assertThat(r.get("status")).isEqualTo("in_transit");
        });
    }

    @Test
    void correctionsKeepTheNaturalKeyAndChangeQuantityOrStatus() throws IOException {
        Path out = tmp.resolve("tonight");
        NightlyIncrement.write(history(tmp.resolve("history")), out, 7, 0.1);
        Function<Map<String, String>, String> key = r -> r.get("platform") + "|" + r.get("order_id") + "|" + r.get("line_id");
        Map<String, Map<String, String>> before = read(tmp.resolve("history/sales/orders-2025.csv")).stream()
                .collect(Collectors.toMap(key, r -> r));
        List<Map<String, String>> corrections = read(out.resolve("sales/corrections-2026-01-02.csv"));
        assertThat(corrections).isNotEmpty().allSatisfy(r -> {
            Map<String, String> old = before.get(key.apply(r));
            assertThat(old).as("a correction of an existing line").isNotNull();
            assertThat(r.get("quantity").equals(old.get("quantity")) && r.get("status").equals(old.get("status"))).isFalse();
            assertThat(r.get("order_ts")).isEqualTo(old.get("order_ts"));
        });
        assertThat(corrections).extracting(r -> r.get("status")).contains("cancelled", "returned");
    }

    @Test
    void theSameSeedWritesTheSameFiles() throws IOException {
        Path history = history(tmp.resolve("history"));
        NightlyIncrement.write(history, tmp.resolve("a"), 7, 0.1);
        NightlyIncrement.write(history, tmp.resolve("b"), 7, 0.1);
        NightlyIncrement.write(history, tmp.resolve("c"), 8, 0.1);
        for (String f : List.of("sales/orders-2026-01-02.csv", "sales/corrections-2026-01-02.csv",
                "logistics/shipments-2026-01-02.csv", "fx_rates/rates-2026-01-02.csv")) {
            assertThat(tmp.resolve("b").resolve(f)).hasSameTextualContentAs(tmp.resolve("a").resolve(f));
        }
        assertThat(Files.readString(tmp.resolve("c/sales/orders-2026-01-02.csv")))
                .isNotEqualTo(Files.readString(tmp.resolve("a/sales/orders-2026-01-02.csv")));
    }

    @Test
    void timestampsAreReadAndWrittenInTheirTemplatesStyle() {
        LocalDateTime at = LocalDateTime.of(2026, 1, 2, 9, 5, 7);
        assertThat(NightlyIncrement.restamp("2025-12-31 23:00:00", at, SHANGHAI)).isEqualTo("2026-01-02 09:05:07");
        assertThat(NightlyIncrement.restamp("2025-12-31T23:00:00+08:00", at, SHANGHAI)).isEqualTo("2026-01-02T09:05:07+08:00");
        // 09:05:07 in Beijing is 01:05:07 UTC
        assertThat(NightlyIncrement.restamp("2025-12-31T23:00:00Z", at, SHANGHAI)).isEqualTo("2026-01-02T01:05:07Z");
        assertThat(NightlyIncrement.restamp("2025-12-31T23:00:00-0500", at, SHANGHAI)).isEqualTo("2026-01-01T20:05:07-0500");
        assertThat(NightlyIncrement.restamp("2025-12-31", at, SHANGHAI)).isEqualTo("2026-01-02");
        assertThat(NightlyIncrement.local("2026-01-01T20:05:07-0500", SHANGHAI)).isEqualTo(at);
        assertThat(NightlyIncrement.local("2026-01-02T09:05", SHANGHAI)).isEqualTo(at.withSecond(0));
    }

    private static List<Map<String, String>> read(Path csv) throws IOException {
        try (var p = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(csv, StandardCharsets.UTF_8))) {
            return p.getRecords().stream().map(org.apache.commons.csv.CSVRecord::toMap).toList();
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
