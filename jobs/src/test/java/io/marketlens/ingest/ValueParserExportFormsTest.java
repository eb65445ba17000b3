package io.marketlens.ingest;

import static io.marketlens.ingest.ValueParserTest.SHANGHAI;
import static io.marketlens.ingest.ValueParserTest.UTC;
import static io.marketlens.ingest.ValueParserTest.parse;
import static io.marketlens.ingest.ValueParserTest.plain;
import static io.marketlens.ingest.ValueParserTest.reason;
import static io.marketlens.ingest.ValueParserTest.rejection;
import static io.marketlens.ingest.ValueParserTest.sales;
import static io.marketlens.ingest.ValueParserTest.salesReason;
import static io.marketlens.ingest.ValueParserTest.with;
import static io.marketlens.ingest.ValueParserTest.withPatterns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The number and date forms of real seller exports (Amazon, Keepa, Helium 10, Shopify): currency marks, digit groups,
 * percentages, two-digit years, English month names, "(UTC)" timestamps. Every expected value is written beside its input.
 */
class ValueParserExportFormsTest {

    static ValueParser decimalComma() {
        return with(null, null, true, UTC);
    }

    static BigDecimal price(ValueParser p, String text) {
        return (BigDecimal) sales(p, "unit_price", text);
    }

    @Nested
    class Amounts {

        @ParameterizedTest(name = "unit_price ''{0}'' -> {1}")
        @CsvSource(delimiter = '|', value = {
                "£38,793.82    | 38793.820000",
                "£386.43       | 386.430000",
                "€ 121.60      | 121.600000",
                "₹32,999       | 32999.000000",
                "$12.99        | 12.990000",
                "US$ 5         | 5.000000",
                "12.99 USD     | 12.990000",
                "USD 12.99     | 12.990000",
                "12.99USD      | 12.990000",
                "120 TL        | 120.000000",
                "₺120,000.5    | 120000.500000",
                "+£3           | 3.000000",
                "£0.00         | 0.000000",
                "$1e3          | 1000.000000"})
        void currencyMarkBeforeOrAfterTheAmount(String text, String expected) {
            assertThat(price(plain(), text)).isEqualTo(new BigDecimal(expected));
        }

        @ParameterizedTest(name = "decimal_comma: unit_price ''{0}'' -> {1}")
        @CsvSource(delimiter = '|', value = {
                "R$ 1.234,56   | 1234.560000",
                "12,99 €       | 12.990000",
                "€ 1.234       | 1234.000000",
                "366 714,82    | 366714.820000",
                "EUR 0,99      | 0.990000"})
        void currencyMarkWithADecimalComma(String text, String expected) {
            assertThat(price(decimalComma(), text)).isEqualTo(new BigDecimal(expected));
        }

        @Test
        void noBreakSpacesAroundTheMarkAndBetweenGroups() {
            assertThat(price(decimalComma(), "12,99\u00A0€")).isEqualTo(new BigDecimal("12.990000"));
            assertThat(price(decimalComma(), "1\u202F234,50\u00A0€")).isEqualTo(new BigDecimal("1234.500000"));
            assertThat(price(plain(), "€\u00A0121.60")).isEqualTo(new BigDecimal("121.600000"));
        }

        @ParameterizedTest(name = "unit_price ''{0}'' -> negative:unit_price")
        @ValueSource(strings = {"-£3.00", "£-3.00", "-$0.01", "-3.00 USD"})
        void signBeforeOrAfterTheMarkIsNegative(String text) {
            assertThat(salesReason(plain(), "unit_price", text)).isEqualTo("negative:unit_price");
        }

        @Test
        void decimalCommaNegativeWithAMark() {
            assertThat(salesReason(decimalComma(), "unit_price", "-R$ 3,50")).isEqualTo("negative:unit_price");
        }

        @ParameterizedTest(name = "unit_price ''{0}'' -> bad_number:unit_price")
        @ValueSource(strings = {"£abc", "£", "$$12", "£12 USD", "US$ 5 USD", "12 PCS", "12.99 XYZ", "-$-3", "--£3",
                "12.99 usd", "£ 1,23,4", "12,99 €", "R$ 1.234,56", "£1 2", "GBP", "- £3"})
        void notAnAmountIsBadNumber(String text) {
            assertThat(salesReason(plain(), "unit_price", text)).isEqualTo("bad_number:unit_price");
        }

        @ParameterizedTest(name = "decimal_comma: unit_price ''{0}'' -> bad_number:unit_price")
        @ValueSource(strings = {"R$ 1,234.56", "€ 12.50", "€ 1.23,4", "1 23,5 €"})
        void notADecimalCommaAmountIsBadNumber(String text) {
            assertThat(salesReason(decimalComma(), "unit_price", text)).isEqualTo("bad_number:unit_price");
        }

        @Test
        void anAmountInTheOtherNotationSaysWhatToSet() {
            ValueParser.Rejection r = rejection(plain(), Source.SALES, "unit_price", "R$ 1.234,56");
            assertThat(r.reason()).isEqualTo("bad_number:unit_price");
            assertThat(r.getMessage()).contains("'R$ 1.234,56'").contains("decimal_comma");
        }

        @Test
        void aVeryLongCellIsRejectedNotThrown() throws ValueParser.Rejection {
            // the tolerant forms are not tried on 100,000 characters: no deep regular-expression repetition
            String digits = "1".repeat(100_000);
            assertThat(salesReason(plain(), "unit_price", "£" + digits)).isEqualTo("bad_number:unit_price");
            assertThat(salesReason(plain(), "unit_price", "1 234".repeat(20_000))).isEqualTo("bad_number:unit_price");
            assertThat(salesReason(plain(), "unit_price", digits)).isEqualTo("out_of_range:unit_price"); // plain form
            assertThat(ValueParser.currencyOfAmount("£" + digits)).isEmpty();
            assertThatThrownBy(() -> plain().percent("share", digits + "%")).isInstanceOf(ValueParser.Rejection.class);
            // the longest amount DECIMAL(22,6) holds, grouped and marked, is still read
            assertThat(price(plain(), "US$ 9,999,999,999,999,999.999999")).isEqualTo(new BigDecimal("9999999999999999.999999"));
        }

        @Test
        void onlyMoneyColumnsTakeACurrencyMark() {
            assertThat(salesReason(plain(), "quantity", "£3")).isEqualTo("bad_number:quantity");
            assertThat(reason(plain(), Source.LOGISTICS, "weight_kg", "€3")).isEqualTo("bad_number:weight_kg");
            assertThat(reason(plain(), Source.FX_RATES, "rate_to_base", "$1.1")).isEqualTo("bad_number:rate_to_base");
            assertThat(reason(plain(), Source.COMPETITORS, "rating", "$4")).isEqualTo("bad_number:rating");
            assertThat(parse(plain(), Source.LOGISTICS, "cost", "£4.20")).isEqualTo(new BigDecimal("4.200000"));
        }
    }

    @Nested
    class DigitGroups {

        @ParameterizedTest(name = "unit_price ''{0}'' -> {1}")
        @CsvSource(delimiter = '|', value = {
                "13,910        | 13910.000000",
                "1,125         | 1125.000000",
                "2,540.5       | 2540.500000",
                "1,234,567.891 | 1234567.891000",
                "6 892         | 6892.000000",
                "1 234.5       | 1234.500000",
                "12 345 678    | 12345678.000000"})
        void commaOrSpaceGroupsOfThreeInDotMode(String text, String expected) {
            assertThat(price(plain(), text)).isEqualTo(new BigDecimal(expected));
        }

        @ParameterizedTest(name = "unit_price with U+{0} between groups -> 1234.5")
        @ValueSource(strings = {"00A0", "202F", "2009"})
        void noBreakNarrowAndThinSpacesBetweenGroups(String hex) {
            String space = String.valueOf((char) Integer.parseInt(hex, 16));
            assertThat(price(plain(), "1" + space + "234.5")).isEqualTo(new BigDecimal("1234.500000"));
            assertThat(price(decimalComma(), "1" + space + "234,5")).isEqualTo(new BigDecimal("1234.500000"));
        }

        @ParameterizedTest(name = "decimal_comma: unit_price ''{0}'' -> {1}")
        @CsvSource(delimiter = '|', value = {
                "366 714,82    | 366714.820000",
                "6 892         | 6892.000000",
                "1 234 567,8   | 1234567.800000"})
        void spaceGroupsInDecimalCommaMode(String text, String expected) {
            assertThat(price(decimalComma(), text)).isEqualTo(new BigDecimal(expected));
        }

        @ParameterizedTest(name = "unit_price ''{0}'' -> {1}")
        @CsvSource(delimiter = '|', value = {
                "₹1,26,189       | 126189.000000",
                "1,23,456        | 123456.000000",
                "12,34,56,789.50 | 123456789.500000"})
        void indianLakhsAndCroresInDotMode(String text, String expected) {
            assertThat(price(plain(), text)).isEqualTo(new BigDecimal(expected));
        }

        @ParameterizedTest(name = "unit_price ''{0}'' -> bad_number:unit_price")
        @ValueSource(strings = {"1,23,4", "12,50", "1,2345", "1234,567", ",123", "1,,234", "1,234 567", "1, 234",
                "1 23", "1 2345", "1 234,5", "1\t234", "123,45,678", "1,23,45", "1,2,345"})
        void malformedGroupsAreBadNumbersInDotMode(String text) {
            assertThat(salesReason(plain(), "unit_price", text)).isEqualTo("bad_number:unit_price");
        }

        @Test
        void twelveFiftyStillPointsToDecimalComma() {
            ValueParser.Rejection r = rejection(plain(), Source.SALES, "unit_price", "12,50");
            assertThat(r.reason()).isEqualTo("bad_number:unit_price");
            assertThat(r.getMessage()).contains("decimal_comma");
        }

        @ParameterizedTest(name = "decimal_comma: unit_price ''{0}'' -> bad_number:unit_price")
        @ValueSource(strings = {"1 23,5", "1.234 567", "1 234.5", "1.23.456"})
        void malformedGroupsAreBadNumbersInDecimalCommaMode(String text) {
            assertThat(salesReason(decimalComma(), "unit_price", text)).isEqualTo("bad_number:unit_price");
        }

        @Test
        void countsAndQuantitiesTakeGroups() {
            assertThat(sales(plain(), "quantity", "1,200")).isEqualTo(1200L);
            assertThat(parse(plain(), Source.COMPETITORS, "review_count", "1 532")).isEqualTo(1532L);
            assertThat(parse(plain(), Source.COMPETITORS, "est_units", "13,910")).isEqualTo(13910L);
            assertThat(sales(decimalComma(), "quantity", "1.200")).isEqualTo(1200L);
            assertThat(salesReason(plain(), "quantity", "-1,200")).isEqualTo("negative:quantity");
            assertThat(salesReason(plain(), "quantity", "1,200.5")).isEqualTo("bad_number:quantity");
        }
    }

    @Nested
    class Percentages {

        @ParameterizedTest(name = "''{0}'' -> {1}")
        @CsvSource(delimiter = '|', value = {
                "1.60%      | 0.016",
                "75.71%     | 0.7571",
                "100.00%    | 1",
                "0%         | 0",
                "12.5 %     | 0.125",
                "250%       | 2.5",
                "-5%        | -0.05",
                "+3.2%      | 0.032",
                "1,234.5%   | 12.345",
                "1.6        | 0.016",
                "100        | 1",
                "40％       | 0.4"})
        void aPercentIsReadAsAFraction(String text, String expected) throws ValueParser.Rejection {
            assertThat(plain().percent("share", text)).isEqualTo(new BigDecimal(expected)); // equals: value and scale
        }

        @Test
        void decimalCommaPercent() throws ValueParser.Rejection {
            assertThat(decimalComma().percent("share", "1,6 %")).isEqualTo(new BigDecimal("0.016"));
            assertThat(decimalComma().percent("share", "1.234,5%")).isEqualTo(new BigDecimal("12.345"));
        }

        @ParameterizedTest(name = "''{0}'' -> bad_number:share")
        @ValueSource(strings = {"abc%", "%", "1.6%%", "12,5%", "£3%", "%12", "1.6 % x", "--5%", "1,23,4%", "-"})
        void notAPercentIsBadNumber(String text) {
            assertThatThrownBy(() -> plain().percent("share", text))
                    .isInstanceOf(ValueParser.Rejection.class)
                    .satisfies(e -> assertThat(((ValueParser.Rejection) e).reason()).isEqualTo("bad_number:share"))
                    .hasMessageContaining("'" + text + "'");
        }
    }

    @Nested
    class CurrencyOfAmount {

        @ParameterizedTest(name = "''{0}'' -> {1}")
        @CsvSource(delimiter = '|', value = {
                "£38,793.82    | GBP",
                "-£3.00        | GBP",
                "€ 121.60      | EUR",
                "12,99 €       | EUR",
                "₹32,999       | INR",
                "R$ 1.234,56   | BRL",
                "US$ 5         | USD",
                "12.99 USD     | USD",
                "JPY 1200      | JPY",
                "₺120          | TRY",
                "120 TL        | TRY",
                "A$ 20         | AUD",
                "C$ 20         | CAD",
                "99 zł         | PLN"})
        void theMarkImpliesACode(String text, String code) {
            assertThat(ValueParser.currencyOfAmount(text)).contains(code);
        }

        @ParameterizedTest(name = "''{0}'' -> empty")
        @ValueSource(strings = {"$12.99", "¥1200", "￥1200", "120 kr", "12.99", "£abc", "12 XYZ", "12.99 usd", "£12 USD",
                "GBP", ""})
        void sharedOrNoMarkImpliesNone(String text) {
            assertThat(ValueParser.currencyOfAmount(text)).isEmpty();
        }

        @Test
        void nullImpliesNone() {
            assertThat(ValueParser.currencyOfAmount(null)).isEqualTo(Optional.empty());
        }
    }

    @Nested
    class Dates {

        @ParameterizedTest(name = "MM-dd-yy: launch_date ''{0}'' -> {1}")
        @CsvSource({"04-30-22, 2022-04-30", "12-31-99, 2099-12-31", "01-01-00, 2000-01-01", "02-29-24, 2024-02-29"})
        void twoDigitYearsAreIn2000To2099(String text, LocalDate expected) {
            assertThat(sales(with("MM-dd-yy", null, null, UTC), "launch_date", text)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "MM-dd-yy: launch_date ''{0}'' -> bad_date:launch_date")
        @ValueSource(strings = {"13-45-22", "02-29-23", "04-31-22", "04-30-2022", "4-30-22x", "Apr 30, 2022"})
        void impossibleTwoDigitYearDatesAreBadDates(String text) {
            assertThat(salesReason(with("MM-dd-yy", null, null, UTC), "launch_date", text)).isEqualTo("bad_date:launch_date");
        }

        @ParameterizedTest(name = "MMM d, yyyy: launch_date ''{0}'' -> {1}")
        @CsvSource(delimiter = '|', value = {
                "Aug 22, 2017 | 2017-08-22",
                "Apr 5, 2018  | 2018-04-05",
                "AUG 22, 2017 | 2017-08-22",
                "aug 22, 2017 | 2017-08-22",
                "Sep 9, 2020  | 2020-09-09",
                "Feb 29, 2024 | 2024-02-29"})
        void englishMonthNamesInAnyCase(String text, LocalDate expected) {
            assertThat(sales(with("MMM d, yyyy", null, null, UTC), "launch_date", text)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "MMM d, yyyy: launch_date ''{0}'' -> bad_date:launch_date")
        @ValueSource(strings = {"Aug 32, 2017", "Feb 29, 2017", "August 22, 2017", "Aux 22, 2017", "Aug 22 2017", "22 Aug 2017"})
        void impossibleOrOtherMonthNameDatesAreBadDates(String text) {
            assertThat(salesReason(with("MMM d, yyyy", null, null, UTC), "launch_date", text)).isEqualTo("bad_date:launch_date");
        }

        @Test
        void patternsAreTriedInOrderThenIso() {
            ValueParser p = withPatterns(List.of("MM-dd-yy", "MMM d, yyyy", "MMMM d, yyyy"), null, null, UTC);
            assertThat(sales(p, "launch_date", "04-30-22")).isEqualTo(LocalDate.of(2022, 4, 30));
            assertThat(sales(p, "launch_date", "Aug 22, 2017")).isEqualTo(LocalDate.of(2017, 8, 22));
            assertThat(sales(p, "launch_date", "August 22, 2017")).isEqualTo(LocalDate.of(2017, 8, 22));
            assertThat(sales(p, "launch_date", "2017-08-22")).isEqualTo(LocalDate.of(2017, 8, 22));
            ValueParser.Rejection r = rejection(p, Source.SALES, "launch_date", "Aug 32, 2017");
            assertThat(r.reason()).isEqualTo("bad_date:launch_date");
            assertThat(r.getMessage()).contains("MM-dd-yy or MMM d, yyyy or MMMM d, yyyy");
        }

        @Test
        void theFirstPatternThatReadsTheWholeCellWins() {
            // d/M/yy would read "1/3/20" of "1/3/2024"; only a pattern reading the whole cell counts
            ValueParser p = withPatterns(List.of("d/M/yy", "d/M/yyyy"), null, null, UTC);
            assertThat(sales(p, "launch_date", "1/3/24")).isEqualTo(LocalDate.of(2024, 3, 1));
            assertThat(sales(p, "launch_date", "1/3/2024")).isEqualTo(LocalDate.of(2024, 3, 1));
        }

        @Test
        void datePatternsApplyToDateOnlyTimestamps() {
            ValueParser p = withPatterns(List.of("MM-dd-yy", "MMM d, yyyy"), null, null, SHANGHAI);
            // midnight in Shanghai (UTC+8) is 16:00 UTC of the day before
            assertThat(sales(p, "order_ts", "04-30-22")).isEqualTo(Instant.parse("2022-04-29T16:00:00Z"));
            assertThat(sales(p, "order_ts", "Aug 22, 2017")).isEqualTo(Instant.parse("2017-08-21T16:00:00Z"));
            assertThat(salesReason(p, "order_ts", "13-45-22")).isEqualTo("bad_date:order_ts");
        }

        @Test
        void quotedLiteralsKeepTheirLetters() {
            // the y of 'day' is a literal, not a year
            ValueParser p = with("'day' d, MMM yyyy", null, null, UTC);
            assertThat(sales(p, "launch_date", "day 5, Apr 2018")).isEqualTo(LocalDate.of(2018, 4, 5));
        }

        @Test
        void patternFormatterRejectsWhatIsNotAPattern() {
            assertThatThrownBy(() -> ValueParser.patternFormatter("dd/MM/yyyyb")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ValueParser.patternFormatter("dd/MM 'x")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Timestamps {

        @Test
        void shopifyOffsetAfterASpace() {
            // 09:55:16 at UTC-4 is 13:55:16 UTC, whatever the configured zone
            assertThat(sales(plain(), "order_ts", "2025-05-11 09:55:16 -0400")).isEqualTo(Instant.parse("2025-05-11T13:55:16Z"));
            assertThat(sales(with(null, null, null, SHANGHAI), "order_ts", "2025-05-11 09:55:16 -0400"))
                    .isEqualTo(Instant.parse("2025-05-11T13:55:16Z"));
            assertThat(sales(plain(), "order_ts", "2025-05-11 09:55:16 +05:30")).isEqualTo(Instant.parse("2025-05-11T04:25:16Z"));
            // 23:55 at UTC-4 is 03:55 UTC of the next day
            assertThat(sales(plain(), "launch_date", "2025-05-11 23:55:16 -0400")).isEqualTo(LocalDate.of(2025, 5, 12));
        }

        @ParameterizedTest(name = "order_ts ''{0}'' -> bad_date:order_ts")
        @ValueSource(strings = {"2025-05-11 09:55:16  -0400", "2025-05-11 09:55:16 -04000", "2025-05-11 09:55:16 ", "2025-05-11 09:55:16 x"})
        void onlyOneSpaceThenAnOffset(String text) {
            assertThat(salesReason(plain(), "order_ts", text)).isEqualTo("bad_date:order_ts");
        }

        @Test
        void utcMarkWinsOverTheConfiguredZone() {
            ValueParser literal = with(null, "dd/MM/yyyy HH:mm '(UTC)'", null, SHANGHAI);
            assertThat(sales(literal, "order_ts", "02/01/2026 15:43 (UTC)")).isEqualTo(Instant.parse("2026-01-02T15:43:00Z"));
            ValueParser withoutLiteral = with(null, "dd/MM/yyyy HH:mm", null, SHANGHAI);
            assertThat(sales(withoutLiteral, "order_ts", "02/01/2026 15:43 (UTC)")).isEqualTo(Instant.parse("2026-01-02T15:43:00Z"));
            // without the mark: Shanghai time, 8 hours ahead of UTC
            assertThat(sales(withoutLiteral, "order_ts", "02/01/2026 15:43")).isEqualTo(Instant.parse("2026-01-02T07:43:00Z"));
            // ISO text with the mark needs no pattern
            assertThat(sales(with(null, null, null, SHANGHAI), "order_ts", "2026-01-02 15:43:00 (UTC)"))
                    .isEqualTo(Instant.parse("2026-01-02T15:43:00Z"));
            assertThat(sales(with(null, null, null, SHANGHAI), "order_ts", "2026-01-02 (utc)"))
                    .isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
        }

        @Test
        void utcMarkedImpossibleTimeIsBadDate() {
            ValueParser p = with(null, "dd/MM/yyyy HH:mm '(UTC)'", null, SHANGHAI);
            ValueParser.Rejection r = rejection(p, Source.SALES, "order_ts", "31/02/2026 15:43 (UTC)");
            assertThat(r.reason()).isEqualTo("bad_date:order_ts");
            assertThat(r.getMessage()).contains("dd/MM/yyyy HH:mm '(UTC)'");
            assertThat(salesReason(p, "order_ts", "02/01/2026 25:43 (UTC)")).isEqualTo("bad_date:order_ts");
            assertThat(salesReason(p, "order_ts", "(UTC)")).isEqualTo("bad_date:order_ts");
        }

        @Test
        void timestampPatternsAreTriedInOrder() {
            ValueParser p = withPatterns(null, List.of("dd/MM/yyyy HH:mm '(UTC)'", "MM-dd-yy HH:mm", "MMM d, yyyy h:mm a"),
                    null, UTC);
            assertThat(sales(p, "order_ts", "02/01/2026 15:43 (UTC)")).isEqualTo(Instant.parse("2026-01-02T15:43:00Z"));
            assertThat(sales(p, "order_ts", "04-30-22 10:15")).isEqualTo(Instant.parse("2022-04-30T10:15:00Z"));
            assertThat(sales(p, "order_ts", "Apr 5, 2018 3:04 PM")).isEqualTo(Instant.parse("2018-04-05T15:04:00Z"));
            assertThat(sales(p, "order_ts", "2024-03-01 10:20:30")).isEqualTo(Instant.parse("2024-03-01T10:20:30Z"));
            assertThat(salesReason(p, "order_ts", "13-45-22 10:15")).isEqualTo("bad_date:order_ts");
        }
    }
}
