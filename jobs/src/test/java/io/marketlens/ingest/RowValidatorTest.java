package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One record to one canonical row or one reason (SPEC §2 "Bad input"). */
class RowValidatorTest {

    static final ZoneId UTC = ZoneId.of("UTC");

    static List<String> canonicalHeader(Source source) {
        List<String> h = new ArrayList<>();
        for (ColumnSpec c : source.columns()) {
            h.add(c.name());
        }
        return h;
    }

    static RowValidator validator(Source source, FxRates fx, ZoneId zone) {
        HeaderMapping mapping = HeaderMapping.resolve(source, SourceOptions.defaults(), canonicalHeader(source), "t.csv");
        return new RowValidator(source, mapping, new ValueParser(SourceOptions.defaults(), zone), fx);
    }

    /** Fields in canonical order: {@code base} overridden by {@code changes} (column → text). */
    static List<String> row(Source source, Map<String, String> base, String... changes) {
        Map<String, String> cells = new LinkedHashMap<>(base);
        for (int i = 0; i < changes.length; i += 2) {
            cells.put(changes[i], changes[i + 1]);
        }
        List<String> fields = new ArrayList<>();
        for (ColumnSpec c : source.columns()) {
            fields.add(cells.getOrDefault(c.name(), ""));
        }
        return fields;
    }

    static Object value(RowValidator.Outcome o, Source source, String column) {
        return o.values()[source.indexOf(column)];
    }

    @Nested
    class Sales {

        static final Map<String, String> GOOD = Map.ofEntries(
                Map.entry("order_id", "O-1001"),
                Map.entry("line_id", ""),
                Map.entry("order_ts", "2024-03-01 10:00:00"),
                Map.entry("platform", "Amazon"),
                Map.entry("marketplace", "de"),
                Map.entry("category", "Electronics>Audio"),
                Map.entry("seller_id", "S-7"),
                Map.entry("brand", "Acme"),
                Map.entry("product_id", "P-42"),
                Map.entry("title", "蓝牙耳机"),
                Map.entry("unit_price", "9.00"),
                Map.entry("quantity", "2"),
                Map.entry("currency", "eur"),
                Map.entry("status", "Shipped"),
                Map.entry("launch_date", "2024-01-15"));

        final FxRates fx = new FxRates("USD", 7).put("EUR", LocalDate.of(2024, 3, 1), new BigDecimal("1.10"));
        final RowValidator v = validator(Source.SALES, fx, UTC);

        RowValidator.Outcome validate(String... changes) {
            return v.validate(row(Source.SALES, GOOD, changes));
        }

        @Test
        void goodRowIsTyped() {
            RowValidator.Outcome o = validate();
            assertThat(o.accepted()).isTrue();
            assertThat(o.reason()).isNull();
            assertThat(o.values()).hasSize(18);
            assertThat(value(o, Source.SALES, "order_id")).isEqualTo("O-1001");
            assertThat(value(o, Source.SALES, "order_ts")).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
            assertThat(value(o, Source.SALES, "platform")).isEqualTo("amazon");
            assertThat(value(o, Source.SALES, "marketplace")).isEqualTo("DE");
            assertThat(value(o, Source.SALES, "category")).isEqualTo("Electronics>Audio");
            assertThat(value(o, Source.SALES, "title")).isEqualTo("蓝牙耳机");
            assertThat(value(o, Source.SALES, "unit_price")).isEqualTo(new BigDecimal("9.000000"));
            assertThat(value(o, Source.SALES, "quantity")).isEqualTo(2L);
            assertThat(value(o, Source.SALES, "currency")).isEqualTo("EUR");
            assertThat(value(o, Source.SALES, "status")).isEqualTo("shipped");
            assertThat(value(o, Source.SALES, "launch_date")).isEqualTo(LocalDate.of(2024, 1, 15));
            // no traffic in this row: the optional columns stay empty
            assertThat(value(o, Source.SALES, "sessions")).isNull();
            assertThat(value(o, Source.SALES, "buy_box_pct")).isNull();
        }

        @Test
        void trafficIsTypedAndRangeChecked() {
            RowValidator.Outcome o = validate("sessions", "13,910", "page_views", "18,499", "buy_box_pct", "75.71%");
            assertThat(o.accepted()).isTrue();
            assertThat(value(o, Source.SALES, "sessions")).isEqualTo(13_910L);
            assertThat(value(o, Source.SALES, "page_views")).isEqualTo(18_499L);
            assertThat(value(o, Source.SALES, "buy_box_pct")).isEqualTo(0.7571);
            assertThat(validate("buy_box_pct", "101%").reason()).isEqualTo("out_of_range:buy_box_pct");
            assertThat(validate("sessions", "1.5").reason()).isEqualTo("bad_number:sessions");
        }

        @Test
        void baseAmountIsUnitPriceTimesRate() {
            RowValidator.Outcome o = validate();
            assertThat(o.fxRate()).isEqualByComparingTo("1.10");
            assertThat(o.baseAmount()).isEqualTo(9.9); // 9.00 EUR × 1.10 = 9.90 USD (per unit, not × quantity)
        }

        @Test
        void lineIdDefaultsToProductId() {
            assertThat(value(validate(), Source.SALES, "line_id")).isEqualTo("P-42");
            assertThat(value(validate("line_id", "L-2"), Source.SALES, "line_id")).isEqualTo("L-2");
        }

        @Test
        void cellsAreTrimmed() {
            RowValidator.Outcome o = validate("order_id", "  O-1001 ", "quantity", " 3 ");
            assertThat(value(o, Source.SALES, "order_id")).isEqualTo("O-1001");
            assertThat(value(o, Source.SALES, "quantity")).isEqualTo(3L);
        }

        @Test
        void optionalCellsMayBeEmpty() {
            RowValidator.Outcome o = validate("brand", "", "title", "", "status", "", "launch_date", "");
            assertThat(o.accepted()).isTrue();
            assertThat(value(o, Source.SALES, "brand")).isNull();
            assertThat(value(o, Source.SALES, "launch_date")).isNull();
        }

        @Test
        void missingRequired() {
            RowValidator.Outcome o = validate("seller_id", "");
            assertThat(o.accepted()).isFalse();
            assertThat(o.reason()).isEqualTo("missing_required:seller_id");
            assertThat(o.details()).contains("seller_id");
            assertThat(o.values()).isNull();
        }

        @Test
        void blankIsMissing() {
            assertThat(validate("product_id", "   ").reason()).isEqualTo("missing_required:product_id");
        }

        @Test
        void firstReasonInColumnOrderWinsAndDetailsListAll() {
            // unit_price (column 11) comes before quantity (column 12)
            RowValidator.Outcome o = validate("quantity", "0", "unit_price", "abc");
            assertThat(o.reason()).isEqualTo("bad_number:unit_price");
            assertThat(o.details()).contains("'abc'").contains("quantity");
            // order_ts (column 3) comes before seller_id (column 7)
            RowValidator.Outcome o2 = validate("seller_id", "", "order_ts", "2024-02-30");
            assertThat(o2.reason()).isEqualTo("bad_date:order_ts");
            assertThat(o2.details()).contains("2024-02-30").contains("seller_id");
        }

        @Test
        void wrongFieldCountIsMalformed() {
            List<String> fields = row(Source.SALES, GOOD);
            RowValidator.Outcome fewer = v.validate(fields.subList(0, 14));
            assertThat(fewer.reason()).isEqualTo("malformed_row");
            assertThat(fewer.details()).contains("18").contains("14");
            List<String> more = new ArrayList<>(fields);
            more.add("extra");
            assertThat(v.validate(more).reason()).isEqualTo("malformed_row");
        }

        @Test
        void baseCurrencyNeedsNoRate() {
            RowValidator.Outcome o = validate("currency", "usd", "unit_price", "12.50");
            assertThat(o.accepted()).isTrue();
            assertThat(o.fxRate()).isEqualByComparingTo("1");
            assertThat(o.baseAmount()).isEqualTo(12.5);
        }

        @Test
        void unknownCurrencyHasNoRate() {
            RowValidator.Outcome o = validate("currency", "GBP");
            assertThat(o.reason()).isEqualTo("fx_rate_missing");
            assertThat(o.details()).contains("GBP").contains("2024-03-01");
        }

        @Test
        void rateWithinToleranceIsUsed() {
            // 2024-02-24 is 6 days before 2024-03-01; tolerance 7
            FxRates earlier = new FxRates("USD", 7).put("EUR", LocalDate.of(2024, 2, 24), new BigDecimal("1.08"));
            RowValidator.Outcome o = validator(Source.SALES, earlier, UTC).validate(row(Source.SALES, GOOD));
            assertThat(o.accepted()).isTrue();
            assertThat(o.fxRate()).isEqualByComparingTo("1.08");
            assertThat(o.baseAmount()).isEqualTo(9.72); // 9.00 × 1.08
        }

        @Test
        void rateOutsideToleranceIsMissing() {
            // 2024-02-22 is 8 days before 2024-03-01; tolerance 7
            FxRates tooOld = new FxRates("USD", 7).put("EUR", LocalDate.of(2024, 2, 22), new BigDecimal("1.08"));
            RowValidator.Outcome o = validator(Source.SALES, tooOld, UTC).validate(row(Source.SALES, GOOD));
            assertThat(o.accepted()).isFalse();
            assertThat(o.reason()).isEqualTo("fx_rate_missing");
            assertThat(o.details()).contains("EUR").contains("2024-03-01").contains("fx_rates");
        }

        @Test
        void rateIsChosenByTheLocalDateInTheConfiguredZone() {
            // 01:00 at +08:00 on 1 March is 17:00 UTC on 29 February
            FxRates onlyMarch = new FxRates("USD", 7).put("EUR", LocalDate.of(2024, 3, 1), new BigDecimal("1.10"))
                    .put("EUR", LocalDate.of(2024, 2, 29), new BigDecimal("1.05"));
            List<String> fields = row(Source.SALES, GOOD, "order_ts", "2024-03-01T01:00:00+08:00");
            assertThat(validator(Source.SALES, onlyMarch, UTC).validate(fields).fxRate()).isEqualByComparingTo("1.05");
            assertThat(validator(Source.SALES, onlyMarch, ZoneId.of("Asia/Shanghai")).validate(fields).fxRate())
                    .isEqualByComparingTo("1.10");
        }

        @Test
        void badCellReasonsReachTheOutcome() {
            assertThat(validate("unit_price", "-3.00").reason()).isEqualTo("negative:unit_price");
            assertThat(validate("quantity", "1.5").reason()).isEqualTo("bad_number:quantity");
            assertThat(validate("currency", "US").reason()).isEqualTo("bad_value:currency");
            assertThat(validate("launch_date", "31/02/2024").reason()).isEqualTo("bad_date:launch_date");
        }

        @Test
        void fieldsAreFoundThroughTheMapping() {
            List<String> header = new ArrayList<>(canonicalHeader(Source.SALES));
            java.util.Collections.reverse(header);
            header.add(0, "ignored_col");
            HeaderMapping mapping = HeaderMapping.resolve(Source.SALES, SourceOptions.defaults(), header, "t.csv");
            RowValidator reversed = new RowValidator(Source.SALES, mapping, new ValueParser(SourceOptions.defaults(), UTC), fx);
            List<String> fields = new ArrayList<>(row(Source.SALES, GOOD));
            java.util.Collections.reverse(fields);
            fields.add(0, "whatever");
            RowValidator.Outcome o = reversed.validate(fields);
            assertThat(o.accepted()).isTrue();
            assertThat(value(o, Source.SALES, "order_id")).isEqualTo("O-1001");
            assertThat(value(o, Source.SALES, "quantity")).isEqualTo(2L);
        }
    }

    @Nested
    class Logistics {

        static final Map<String, String> GOOD = Map.ofEntries(
                Map.entry("shipment_id", "SH-1"),
                Map.entry("order_id", "O-1001"),
                Map.entry("carrier", "DHL"),
                Map.entry("service", "Express"),
                Map.entry("origin_country", "cn"),
                Map.entry("destination_country", "us"),
                Map.entry("destination_region", "CA"),
                Map.entry("ship_ts", "2024-03-01 08:00:00"),
                Map.entry("promised_ts", "2024-03-08"),
                Map.entry("delivered_ts", "2024-03-06 12:00:00"),
                Map.entry("status", "Delivered"),
                Map.entry("weight_kg", "1.5"),
                Map.entry("cost", "12.00"),
                Map.entry("currency", "EUR"));

        final FxRates fx = new FxRates("USD", 7).put("EUR", LocalDate.of(2024, 3, 1), new BigDecimal("1.10"));
        final RowValidator v = validator(Source.LOGISTICS, fx, UTC);

        RowValidator.Outcome validate(String... changes) {
            return v.validate(row(Source.LOGISTICS, GOOD, changes));
        }

        @Test
        void goodShipment() {
            RowValidator.Outcome o = validate();
            assertThat(o.accepted()).isTrue();
            assertThat(value(o, Source.LOGISTICS, "status")).isEqualTo("delivered");
            assertThat(value(o, Source.LOGISTICS, "origin_country")).isEqualTo("CN");
            assertThat(value(o, Source.LOGISTICS, "destination_country")).isEqualTo("US");
            assertThat(value(o, Source.LOGISTICS, "ship_ts")).isEqualTo(Instant.parse("2024-03-01T08:00:00Z"));
            assertThat(value(o, Source.LOGISTICS, "promised_ts")).isEqualTo(Instant.parse("2024-03-08T00:00:00Z"));
            assertThat(value(o, Source.LOGISTICS, "delivered_ts")).isEqualTo(Instant.parse("2024-03-06T12:00:00Z"));
            assertThat(value(o, Source.LOGISTICS, "weight_kg")).isEqualTo(new BigDecimal("1.500000"));
            assertThat(value(o, Source.LOGISTICS, "cost")).isEqualTo(new BigDecimal("12.000000"));
            assertThat(o.fxRate()).isEqualByComparingTo("1.10");
            assertThat(o.baseAmount()).isEqualTo(13.2); // 12.00 EUR × 1.10
        }

        @Test
        void statusIsNormalised() {
            RowValidator.Outcome o = validate("status", "In Transit", "delivered_ts", "");
            assertThat(o.accepted()).isTrue();
            assertThat(value(o, Source.LOGISTICS, "status")).isEqualTo("in_transit");
            assertThat(value(validate("status", "IN-TRANSIT", "delivered_ts", ""), Source.LOGISTICS, "status"))
                    .isEqualTo("in_transit");
            assertThat(value(validate("status", "LOST", "delivered_ts", ""), Source.LOGISTICS, "status")).isEqualTo("lost");
            assertThat(value(validate("status", "Returned"), Source.LOGISTICS, "status")).isEqualTo("returned");
        }

        @Test
        void unknownStatusIsBadValue() {
            RowValidator.Outcome o = validate("status", "Pending");
            assertThat(o.reason()).isEqualTo("bad_value:status");
            assertThat(o.details()).contains("pending");
        }

        @Test
        void missingStatusIsMissingRequired() {
            assertThat(validate("status", "").reason()).isEqualTo("missing_required:status");
        }

        @Test
        void deliveredWithoutDeliveredTs() {
            RowValidator.Outcome o = validate("delivered_ts", "");
            assertThat(o.reason()).isEqualTo("missing_required:delivered_ts");
        }

        @Test
        void deliveredBeforeShipped() {
            RowValidator.Outcome o = validate("delivered_ts", "2024-02-28 12:00:00");
            assertThat(o.reason()).isEqualTo("out_of_range:delivered_ts");
            assertThat(o.details()).contains("delivered_ts").contains("ship_ts");
        }

        @Test
        void deliveredAtTheShipInstantIsFine() {
            assertThat(validate("delivered_ts", "2024-03-01 08:00:00").accepted()).isTrue();
        }

        @Test
        void promisedBeforeShippedIsALateShipmentNotBadData() {
            RowValidator.Outcome o = validate("promised_ts", "2024-02-29");
            assertThat(o.accepted()).isTrue();
            assertThat(value(o, Source.LOGISTICS, "promised_ts")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
        }

        @Test
        void costWithoutCurrency() {
            RowValidator.Outcome o = validate("currency", "");
            assertThat(o.reason()).isEqualTo("missing_required:currency");
            assertThat(o.details()).contains("cost");
        }

        @Test
        void missingCostNeedsNoFx() {
            // GBP has no rate at all, but there is no amount to convert
            RowValidator.Outcome o = validate("cost", "", "currency", "GBP");
            assertThat(o.accepted()).isTrue();
            assertThat(o.fxRate()).isNull();
            assertThat(o.baseAmount()).isNull();
            RowValidator.Outcome none = validate("cost", "", "currency", "");
            assertThat(none.accepted()).isTrue();
        }

        @Test
        void costInACurrencyWithoutRateIsFxRateMissing() {
            assertThat(validate("currency", "GBP").reason()).isEqualTo("fx_rate_missing");
        }

        @Test
        void statusReasonComesAfterCellReasons() {
            // cell problems are found column by column first, then the rules that span cells
            RowValidator.Outcome o = validate("status", "Pending", "weight_kg", "0");
            assertThat(o.reason()).isEqualTo("out_of_range:weight_kg");
            assertThat(o.details()).contains("pending");
        }
    }

    @Nested
    class FxRatesSource {

        @Test
        void rateRowNeedsNoConversion() {
            RowValidator v = validator(Source.FX_RATES, new FxRates("USD", 7), UTC);
            RowValidator.Outcome o = v.validate(List.of("2024-03-01", "eur", "1.1"));
            assertThat(o.accepted()).isTrue();
            assertThat(o.values()).containsExactly(LocalDate.of(2024, 3, 1), "EUR", new BigDecimal("1.100000000000"));
            assertThat(o.fxRate()).isNull();
            assertThat(o.baseAmount()).isNull();
        }

        @Test
        void zeroRateIsOutOfRange() {
            RowValidator v = validator(Source.FX_RATES, new FxRates("USD", 7), UTC);
            assertThat(v.validate(List.of("2024-03-01", "EUR", "0")).reason()).isEqualTo("out_of_range:rate_to_base");
        }
    }

    @Nested
    class Competitors {

        @Test
        void snapshotConvertsPriceAtItsDate() {
            FxRates fx = new FxRates("USD", 7).put("CNY", LocalDate.of(2024, 3, 1), new BigDecimal("0.14"));
            RowValidator v = validator(Source.COMPETITORS, fx, UTC);
            Map<String, String> cells = Map.ofEntries(
                    Map.entry("snapshot_date", "2024-03-03"), Map.entry("platform", "Shopee"),
                    Map.entry("marketplace", "my"), Map.entry("category", "Audio"), Map.entry("product_id", "X1"),
                    Map.entry("seller_id", "C-1"), Map.entry("price", "100"), Map.entry("currency", "CNY"),
                    Map.entry("est_units", "0"), Map.entry("rating", "4.5"), Map.entry("review_count", "12"));
            RowValidator.Outcome o = v.validate(row(Source.COMPETITORS, cells));
            assertThat(o.accepted()).isTrue();
            assertThat(value(o, Source.COMPETITORS, "est_units")).isEqualTo(0L);
            assertThat(value(o, Source.COMPETITORS, "rating")).isEqualTo(4.5);
            assertThat(o.fxRate()).isEqualByComparingTo("0.14"); // 2 days before the snapshot
            assertThat(o.baseAmount()).isEqualTo(14.0); // 100 CNY × 0.14
            assertThat(v.validate(row(Source.COMPETITORS, cells, "rating", "7.5")).reason()).isEqualTo("out_of_range:rating");
        }
    }
}
