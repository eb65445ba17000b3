package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cell parsing and the reason codes of SPEC §2 "Bad input"; every expected value is written beside its input. */
class ValueParserTest {

    static final ZoneId UTC = ZoneId.of("UTC");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static ValueParser plain() {
        return new ValueParser(SourceOptions.defaults(), UTC);
    }

    static ValueParser with(String datePattern, String timestampPattern, Boolean decimalComma, ZoneId zone) {
        return withPatterns(datePattern == null ? null : List.of(datePattern),
                timestampPattern == null ? null : List.of(timestampPattern), decimalComma, zone);
    }

    static ValueParser withPatterns(List<String> datePatterns, List<String> timestampPatterns, Boolean decimalComma,
                                    ZoneId zone) {
        return new ValueParser(new SourceOptions(null, null, datePatterns, timestampPatterns, decimalComma, null, null, null, null), zone);
    }

    static ColumnSpec spec(Source source, String column) {
        int i = source.indexOf(column);
        assertThat(i).as("column %s of %s", column, source).isGreaterThanOrEqualTo(0);
        return source.columns().get(i);
    }

    static Object parse(ValueParser p, Source source, String column, String text) {
        try {
            return p.parse(spec(source, column), text);
        } catch (ValueParser.Rejection r) {
            return fail("'" + text + "' in " + column + " was rejected: " + r.reason() + " (" + r.getMessage() + ")");
        }
    }

    static Object sales(ValueParser p, String column, String text) {
        return parse(p, Source.SALES, column, text);
    }

    /** The rejection of {@code text}, failing when the cell is accepted. */
    static ValueParser.Rejection rejection(ValueParser p, Source source, String column, String text) {
        try {
            Object v = p.parse(spec(source, column), text);
            return fail("'" + text + "' in " + column + " was accepted as " + v);
        } catch (ValueParser.Rejection r) {
            return r;
        }
    }

    static String reason(ValueParser p, Source source, String column, String text) {
        return rejection(p, source, column, text).reason();
    }

    static String salesReason(ValueParser p, String column, String text) {
        return reason(p, Source.SALES, column, text);
    }

    @Nested
    class ReasonCodes {

        @ParameterizedTest(name = "unit_price ''{0}'' -> bad_number:unit_price")
        @ValueSource(strings = {"12,5x", "two", "1e", "", "12.5.1", "$$12", "1 00", "--1", "0x1F", "NaN", "Infinity",
                "£abc", "1,23,4"})
        void notANumberIsBadNumber(String text) {
            assertThat(salesReason(plain(), "unit_price", text)).isEqualTo("bad_number:unit_price");
        }

        @ParameterizedTest(name = "unit_price ''{0}'' -> negative:unit_price")
        @ValueSource(strings = {"-3.00", "-0.01", "-1e2"})
        void negativePriceIsNegative(String text) {
            assertThat(salesReason(plain(), "unit_price", text)).isEqualTo("negative:unit_price");
        }

        @Test
        void zeroQuantityIsOutOfRange() {
            assertThat(salesReason(plain(), "quantity", "0")).isEqualTo("out_of_range:quantity");
        }

        @ParameterizedTest(name = "quantity ''{0}'' -> out_of_range:quantity")
        @ValueSource(strings = {"99999999999999999999", "9223372036854775808", "1e999999999"})
        void aWholeNumberBeyondTheLongRangeIsOutOfRange(String text) {
            assertThat(salesReason(plain(), "quantity", text)).isEqualTo("out_of_range:quantity");
        }

        @Test
        void negativeQuantityIsNegative() {
            assertThat(salesReason(plain(), "quantity", "-2")).isEqualTo("negative:quantity");
        }

        @ParameterizedTest(name = "quantity ''{0}'' -> bad_number:quantity")
        @ValueSource(strings = {"1.5", "2.01", "two", ""})
        void fractionalOrNonNumericQuantityIsBadNumber(String text) {
            assertThat(salesReason(plain(), "quantity", text)).isEqualTo("bad_number:quantity");
        }

        @ParameterizedTest(name = "rating ''{0}'' -> {1}")
        @CsvSource({"7.5, out_of_range:rating", "5.01, out_of_range:rating", "-1, negative:rating", "four, bad_number:rating"})
        void ratingOutsideZeroToFive(String text, String expected) {
            assertThat(reason(plain(), Source.COMPETITORS, "rating", text)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "buy_box_pct ''{0}'' -> {1}")
        @CsvSource({"100.01%, out_of_range:buy_box_pct", "150, out_of_range:buy_box_pct", "-5%, negative:buy_box_pct",
                "most, bad_number:buy_box_pct", "75.71%%, bad_number:buy_box_pct"})
        void buyBoxShareOutsideZeroToOneHundredPercent(String text, String expected) {
            assertThat(salesReason(plain(), "buy_box_pct", text)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "order_ts ''{0}'' -> bad_date:order_ts")
        @ValueSource(strings = {"31/02/2024", "2024-13-01", "2024-02-30 10:00:00", "2023-02-29", "2024-03-01 25:00:00",
                "2024-03-01 10:61", "yesterday", "2024/03/01", "01.03.2024 10:20", "2024-3-1"})
        void impossibleOrUnknownTimestampIsBadDate(String text) {
            assertThat(salesReason(plain(), "order_ts", text)).isEqualTo("bad_date:order_ts");
        }

        @ParameterizedTest(name = "launch_date ''{0}'' -> bad_date:launch_date")
        @ValueSource(strings = {"31/02/2024", "2024-13-01", "2024-02-30", "2023-02-29", "March 1st"})
        void impossibleDateIsBadDate(String text) {
            assertThat(salesReason(plain(), "launch_date", text)).isEqualTo("bad_date:launch_date");
        }

        @ParameterizedTest(name = "order_ts ''{0}'' -> out_of_range:order_ts (outside 1970-2100)")
        @ValueSource(strings = {"1969-12-31", "2101-01-01 00:00:00", "0024-03-01"})
        void yearOutsideSupportedRangeIsOutOfRange(String text) {
            assertThat(salesReason(plain(), "order_ts", text)).isEqualTo("out_of_range:order_ts");
        }

        @ParameterizedTest(name = "currency ''{0}'' -> bad_value:currency")
        @ValueSource(strings = {"US", "usd1", "US$", "USDX", "€", "12A"})
        void currencyNotThreeLettersIsBadValue(String text) {
            assertThat(salesReason(plain(), "currency", text)).isEqualTo("bad_value:currency");
        }

        @ParameterizedTest(name = "est_units ''{0}'' -> {1}")
        @CsvSource({"-1, negative:est_units", "2.5, bad_number:est_units", "many, bad_number:est_units"})
        void estimatedUnitsMustBeAWholeNumberAtLeastZero(String text, String expected) {
            assertThat(reason(plain(), Source.COMPETITORS, "est_units", text)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "rate_to_base ''{0}'' -> {1}")
        @CsvSource({"0, out_of_range:rate_to_base", "-0.5, negative:rate_to_base",
                "0.0000000000001, out_of_range:rate_to_base", "x, bad_number:rate_to_base"})
        void fxRateMustBePositive(String text, String expected) {
            assertThat(reason(plain(), Source.FX_RATES, "rate_to_base", text)).isEqualTo(expected);
        }

        @Test
        void weightOfZeroIsOutOfRange() {
            assertThat(reason(plain(), Source.LOGISTICS, "weight_kg", "0")).isEqualTo("out_of_range:weight_kg");
        }

        @Test
        void amountTooLargeForDecimal22_6IsOutOfRange() {
            // DECIMAL(22,6) holds 16 integer digits: 10^16 needs 17
            assertThat(salesReason(plain(), "unit_price", "10000000000000000")).isEqualTo("out_of_range:unit_price");
            assertThat(salesReason(plain(), "unit_price", "1e100")).isEqualTo("out_of_range:unit_price");
            assertThat(sales(plain(), "unit_price", "9999999999999999")).isEqualTo(new BigDecimal("9999999999999999.000000"));
        }

        @Test
        void hugeExponentIsRejectedNotThrown() {
            // A cell such as 1e999999999 must be quarantined like 1e100, not crash the file's task.
            assertTimeout(Duration.ofSeconds(2), () ->
                    assertThat(salesReason(plain(), "unit_price", "1e999999999")).isEqualTo("out_of_range:unit_price"));
        }

        @Test
        void tinyExponentIsRejectedNotThrown() {
            // 1e-999999999 kg rounds to 0 at 6 decimals, like 0.0000001 does
            assertThat(reason(plain(), Source.LOGISTICS, "weight_kg", "0.0000001")).isEqualTo("out_of_range:weight_kg");
            assertTimeout(Duration.ofSeconds(2), () ->
                    assertThat(reason(plain(), Source.LOGISTICS, "weight_kg", "1e-999999999")).isEqualTo("out_of_range:weight_kg"));
        }

        @Test
        void rejectionMessageQuotesTheCell() {
            assertThat(rejection(plain(), Source.SALES, "unit_price", "two").getMessage()).contains("'two'");
            assertThat(rejection(plain(), Source.SALES, "order_ts", "31/02/2024").getMessage()).contains("31/02/2024");
        }
    }

    @Nested
    class Timestamps {

        @Test
        void dateOnlyIsMidnightInTheZone() {
            assertThat(sales(plain(), "order_ts", "2024-03-01")).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
            // midnight in Shanghai (UTC+8) is 16:00 UTC of the day before
            assertThat(sales(with(null, null, null, SHANGHAI), "order_ts", "2024-03-01"))
                    .isEqualTo(Instant.parse("2024-02-29T16:00:00Z"));
        }

        @ParameterizedTest(name = "order_ts ''{0}'' (UTC) -> {1}")
        @CsvSource({
                "2024-03-01 10:20:30,          2024-03-01T10:20:30Z",
                "2024-03-01T10:20:30,          2024-03-01T10:20:30Z",
                "2024-03-01T10:20,             2024-03-01T10:20:00Z",
                "2024-03-01 10:20,             2024-03-01T10:20:00Z",
                "2024-03-01T10:20:30+08:00,    2024-03-01T02:20:30Z",
                "2024-03-01T10:20:30+0800,     2024-03-01T02:20:30Z",
                "2024-03-01T10:20:30+08,       2024-03-01T02:20:30Z",
                "2024-03-01 10:20:30-05:00,    2024-03-01T15:20:30Z",
                "2024-03-01T10:20:30.123Z,     2024-03-01T10:20:30.123Z",
                "2024-03-01T10:20:30Z,         2024-03-01T10:20:30Z",
                "2024-02-29 23:59:59,          2024-02-29T23:59:59Z"})
        void acceptedForms(String text, String expected) {
            assertThat(sales(plain(), "order_ts", text)).isEqualTo(Instant.parse(expected));
        }

        @Test
        void sameLocalTextDiffersByEightHoursBetweenShanghaiAndUtc() {
            Instant utc = (Instant) sales(plain(), "order_ts", "2024-03-01 10:00:00");
            Instant shanghai = (Instant) sales(with(null, null, null, SHANGHAI), "order_ts", "2024-03-01 10:00:00");
            assertThat(utc).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
            assertThat(shanghai).isEqualTo(Instant.parse("2024-03-01T02:00:00Z"));
            assertThat(Duration.between(shanghai, utc)).isEqualTo(Duration.ofHours(8));
        }

        @Test
        void explicitOffsetWinsOverTheZone() {
            assertThat(sales(with(null, null, null, SHANGHAI), "order_ts", "2024-03-01T10:20:30Z"))
                    .isEqualTo(Instant.parse("2024-03-01T10:20:30Z"));
            assertThat(sales(with(null, null, null, SHANGHAI), "order_ts", "2024-03-01T10:20:30+08:00"))
                    .isEqualTo(Instant.parse("2024-03-01T02:20:30Z"));
        }

        @Test
        void timestampPatternIsTriedBeforeIso() {
            ValueParser p = with(null, "dd.MM.yyyy HH:mm", null, UTC);
            assertThat(sales(p, "order_ts", "01.03.2024 10:20")).isEqualTo(Instant.parse("2024-03-01T10:20:00Z"));
            assertThat(sales(p, "order_ts", "2024-03-01 10:20:30")).isEqualTo(Instant.parse("2024-03-01T10:20:30Z"));
            assertThat(sales(with(null, "dd.MM.yyyy HH:mm", null, SHANGHAI), "order_ts", "01.03.2024 10:20"))
                    .isEqualTo(Instant.parse("2024-03-01T02:20:00Z"));
        }

        @Test
        void timestampPatternStillRejectsImpossibleDates() {
            ValueParser p = with(null, "dd.MM.yyyy HH:mm", null, UTC);
            ValueParser.Rejection r = rejection(p, Source.SALES, "order_ts", "31.02.2024 10:20");
            assertThat(r.reason()).isEqualTo("bad_date:order_ts");
            assertThat(r.getMessage()).contains("dd.MM.yyyy HH:mm");
        }

        @Test
        void datePatternAppliesToDateOnlyTimestamps() {
            ValueParser p = with("dd/MM/yyyy", null, null, UTC);
            assertThat(sales(p, "order_ts", "31/01/2024")).isEqualTo(Instant.parse("2024-01-31T00:00:00Z"));
            assertThat(sales(p, "order_ts", "2024-01-31")).isEqualTo(Instant.parse("2024-01-31T00:00:00Z"));
            assertThat(salesReason(p, "order_ts", "31/02/2024")).isEqualTo("bad_date:order_ts");
        }

        @ParameterizedTest(name = "date_pattern {0}: order_ts ''{1}'' -> 2024-03-01T00:00Z")
        @CsvSource({"d/M/yyyy, 1/3/2024", "yyyyMMdd, 20240301", "yyyy/M/d, 2024/3/1"})
        void datePatternOfAnotherLengthAppliesToTimestampsToo(String pattern, String text) {
            // launch_date accepts these (see Dates); order_ts should accept the same configured date form
            assertThat(sales(with(pattern, null, null, UTC), "order_ts", text)).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
        }
    }

    @Nested
    class Dates {

        @Test
        void isoDate() {
            assertThat(sales(plain(), "launch_date", "2024-01-15")).isEqualTo(LocalDate.of(2024, 1, 15));
            assertThat(sales(plain(), "launch_date", "2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        }

        @Test
        void configuredDatePattern() {
            ValueParser p = with("dd/MM/yyyy", null, null, UTC);
            assertThat(sales(p, "launch_date", "31/01/2024")).isEqualTo(LocalDate.of(2024, 1, 31));
            assertThat(sales(p, "launch_date", "2024-01-31")).isEqualTo(LocalDate.of(2024, 1, 31));
            ValueParser.Rejection r = rejection(p, Source.SALES, "launch_date", "31/02/2024");
            assertThat(r.reason()).isEqualTo("bad_date:launch_date");
            assertThat(r.getMessage()).contains("dd/MM/yyyy");
        }

        @ParameterizedTest(name = "date_pattern {0}: launch_date ''{1}'' -> 2024-03-01")
        @CsvSource({"d/M/yyyy, 1/3/2024", "yyyyMMdd, 20240301", "yyyy/M/d, 2024/3/1"})
        void otherConfiguredPatterns(String pattern, String text) {
            assertThat(sales(with(pattern, null, null, UTC), "launch_date", text)).isEqualTo(LocalDate.of(2024, 3, 1));
        }

        @Test
        void timestampInADateColumnIsItsLocalDate() {
            assertThat(sales(plain(), "launch_date", "2024-03-01 10:00:00")).isEqualTo(LocalDate.of(2024, 3, 1));
            // 23:30 at UTC-5 is 04:30 UTC on the next day
            assertThat(sales(plain(), "launch_date", "2024-03-01T23:30:00-05:00")).isEqualTo(LocalDate.of(2024, 3, 2));
        }
    }

    @Nested
    class Numbers {

        @ParameterizedTest(name = "unit_price ''{0}'' -> {1}")
        @CsvSource({
                "9.5,         9.500000",
                "9,           9.000000",
                "0,           0.000000",
                "0.00,        0.000000",
                "+12.25,      12.250000",
                ".5,          0.500000",
                "1.23456789,  1.234568",
                "1.2345674,   1.234567",
                "0.0000005,   0.000001",
                "1e3,         1000.000000",
                "1.5E-2,      0.015000"})
        void amountsKeepSixDecimals(String text, String expected) {
            BigDecimal v = (BigDecimal) sales(plain(), "unit_price", text);
            assertThat(v).isEqualTo(new BigDecimal(expected)); // equals: value and scale
            assertThat(v.scale()).isEqualTo(ValueParser.AMOUNT_SCALE).isEqualTo(6);
        }

        @Test
        void ratesKeepTwelveDecimals() {
            BigDecimal vnd = (BigDecimal) parse(plain(), Source.FX_RATES, "rate_to_base", "0.0000393700787401");
            assertThat(vnd).isEqualTo(new BigDecimal("0.000039370079"));
            assertThat(vnd.scale()).isEqualTo(ValueParser.RATE_SCALE).isEqualTo(12);
            assertThat(parse(plain(), Source.FX_RATES, "rate_to_base", "1.1")).isEqualTo(new BigDecimal("1.100000000000"));
        }

        @Test
        void weightIsAnAmount() {
            assertThat(parse(plain(), Source.LOGISTICS, "weight_kg", "1.25")).isEqualTo(new BigDecimal("1.250000"));
        }

        @ParameterizedTest(name = "quantity ''{0}'' -> {1}")
        @CsvSource({"1, 1", "12, 12", "+3, 3", "2.0, 2", "1e2, 100", "9223372036854775807, 9223372036854775807"})
        void quantityIsALong(String text, long expected) {
            assertThat(sales(plain(), "quantity", text)).isEqualTo(expected);
        }

        @Test
        void countsAllowZero() {
            assertThat(parse(plain(), Source.COMPETITORS, "est_units", "0")).isEqualTo(0L);
            assertThat(parse(plain(), Source.COMPETITORS, "review_count", "1532")).isEqualTo(1532L);
        }

        @ParameterizedTest(name = "rating ''{0}'' -> {1}")
        @CsvSource({"0, 0.0", "4.5, 4.5", "5, 5.0", "3.75, 3.75"})
        void ratingIsADouble(String text, double expected) {
            assertThat(parse(plain(), Source.COMPETITORS, "rating", text)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "buy_box_pct ''{0}'' -> {1}")
        @CsvSource(delimiter = '|', value = {"75.71% | 0.7571", "100.00% | 1.0", "0% | 0.0", "34.56 % | 0.3456",
                "97.3 | 0.973"})
        void buyBoxShareIsAPercentageReadAsAFraction(String text, double expected) {
            assertThat(parse(plain(), Source.SALES, "buy_box_pct", text)).isEqualTo(expected);
        }

        @Test
        void trafficCountsAreWholeNumbersWithDigitGroups() {
            assertThat(parse(plain(), Source.SALES, "sessions", "13,910")).isEqualTo(13_910L);
            assertThat(parse(plain(), Source.SALES, "page_views", "0")).isEqualTo(0L);
            assertThat(salesReason(plain(), "sessions", "-3")).isEqualTo("negative:sessions");
        }

        @ParameterizedTest(name = "decimal_comma: ''{0}'' -> {1}")
        @CsvSource(delimiter = '|', value = {
                "1.234,56      | 1234.560000",
                "12,5          | 12.500000",
                "12            | 12.000000",
                "1.234.567,8   | 1234567.800000",
                "0,99          | 0.990000",
                "1.000         | 1000.000000"})
        void decimalComma(String text, String expected) {
            assertThat(sales(with(null, null, true, UTC), "unit_price", text)).isEqualTo(new BigDecimal(expected));
        }

        @ParameterizedTest(name = "decimal_comma: ''{0}'' -> bad_number:unit_price")
        @ValueSource(strings = {"1.5", "12.50", "1,234.56", "1.23,4", "12,", ",5", "1e3"})
        void underDecimalCommaADotIsOnlyGrouping(String text) {
            assertThat(salesReason(with(null, null, true, UTC), "unit_price", text)).isEqualTo("bad_number:unit_price");
        }

        @Test
        void decimalCommaNegativeIsNegative() {
            assertThat(salesReason(with(null, null, true, UTC), "unit_price", "-3,50")).isEqualTo("negative:unit_price");
        }

        @Test
        void decimalCommaQuantity() {
            ValueParser p = with(null, null, true, UTC);
            assertThat(sales(p, "quantity", "3")).isEqualTo(3L);
            assertThat(salesReason(p, "quantity", "1,5")).isEqualTo("bad_number:quantity");
        }

        @Test
        void commaWithoutDecimalCommaIsBadNumberAndSaysWhatToSet() {
            ValueParser.Rejection r = rejection(plain(), Source.SALES, "unit_price", "12,5");
            assertThat(r.reason()).isEqualTo("bad_number:unit_price");
            assertThat(r.getMessage()).contains("decimal_comma");
        }
    }

    @Nested
    class Text {

        @Test
        void currencyIsUpperCased() {
            assertThat(sales(plain(), "currency", "usd")).isEqualTo("USD");
            assertThat(sales(plain(), "currency", "Eur")).isEqualTo("EUR");
            assertThat(sales(plain(), "currency", "CNY")).isEqualTo("CNY");
        }

        @Test
        void platformAndStatusAreLowerCased() {
            assertThat(sales(plain(), "platform", "AliExpress")).isEqualTo("aliexpress");
            assertThat(sales(plain(), "platform", "AMAZON")).isEqualTo("amazon");
            assertThat(sales(plain(), "status", "Cancelled")).isEqualTo("cancelled");
        }

        @Test
        void marketplaceIsUpperCased() {
            assertThat(sales(plain(), "marketplace", "de")).isEqualTo("DE");
        }

        @Test
        void freeTextIsKeptAsIs() {
            assertThat(sales(plain(), "title", "蓝牙耳机 Pro, Black")).isEqualTo("蓝牙耳机 Pro, Black");
            assertThat(sales(plain(), "category", "Electronics>Audio>Headphones")).isEqualTo("Electronics>Audio>Headphones");
            assertThat(sales(plain(), "seller_id", "Seller-A")).isEqualTo("Seller-A");
        }
    }

    // ---- properties ----

    @Property(tries = 300)
    void wholeNumbersRoundTrip(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long n) {
        assertThat(sales(plain(), "quantity", Long.toString(n))).isEqualTo(n);
    }

    @Property(tries = 300)
    void plainAmountsRoundTripAtScaleSix(@ForAll @BigRange(min = "0", max = "9999999999999999") BigInteger whole,
                                         @ForAll @IntRange(min = 0, max = 6) int decimals) {
        BigDecimal value = new BigDecimal(whole, decimals);
        BigDecimal parsed = (BigDecimal) sales(plain(), "unit_price", value.toPlainString());
        assertThat(parsed).isEqualTo(value.setScale(6, RoundingMode.UNNECESSARY));
    }

    @Property(tries = 300)
    void decimalCommaAmountsWithGroupingRoundTrip(@ForAll @BigRange(min = "0", max = "999999999999") BigInteger whole,
                                                  @ForAll @IntRange(min = 0, max = 6) int decimals) {
        BigDecimal value = new BigDecimal(whole, decimals);
        DecimalFormat german = new DecimalFormat("#,##0.######", DecimalFormatSymbols.getInstance(Locale.GERMANY));
        String text = german.format(value); // e.g. 1.234,56
        BigDecimal parsed = (BigDecimal) sales(with(null, null, true, UTC), "unit_price", text);
        assertThat(parsed).as(text).isEqualByComparingTo(value);
    }
}
