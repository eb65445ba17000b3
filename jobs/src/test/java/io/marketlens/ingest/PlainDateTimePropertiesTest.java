package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The formatter-free reading of {@code YYYY-MM-DD HH:MM:SS} and {@code YYYY-MM-DD} gives the verdict of the JDK's strict
 * ISO formatters on every such text, impossible dates and times included.
 */
class PlainDateTimePropertiesTest {

    @Property(tries = 3000)
    void timestampsAsTheStrictIsoFormatterReadsThem(@ForAll @IntRange(max = 9999) int year, @ForAll @IntRange(max = 13) int month,
                                                  @ForAll @IntRange(max = 32) int day, @ForAll @IntRange(max = 25) int hour,
                                                  @ForAll @IntRange(max = 61) int minute, @ForAll @IntRange(max = 61) int second,
                                                  @ForAll boolean spaced) {
        String text = String.format("%04d-%02d-%02d%s%02d:%02d:%02d", year, month, day, spaced ? " " : "T", hour, minute, second);
        LocalDateTime expected = orNull(() -> LocalDateTime.parse(text.replace(' ', 'T'), DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        LocalDateTime actual = orNull(() -> ValueParser.plainLocalDateTime(text));
        assertThat(actual).as(text).isEqualTo(expected);
    }

    @Property(tries = 3000)
    void datesAsTheStrictIsoFormatterReadsThem(@ForAll @IntRange(max = 9999) int year, @ForAll @IntRange(max = 13) int month,
                                             @ForAll @IntRange(max = 32) int day) {
        String text = String.format("%04d-%02d-%02d", year, month, day);
        assertThat(orNull(() -> ValueParser.plainLocalDate(text))).as(text)
                .isEqualTo(orNull(() -> LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE)));
    }

    @Property(tries = 500)
    void otherFormsAreLeftToTheFormatters(@ForAll @CharRange(from = ' ', to = '~') char c) {
        String text = "2024-03-01 1" + c + ":00:00";
        String date = "2024-03-1" + c;
        if (c >= '0' && c <= '9') {
            assertThat(ValueParser.plainLocalDateTime(text)).isEqualTo(LocalDateTime.of(2024, 3, 1, 10 + c - '0', 0));
            assertThat(ValueParser.plainLocalDate(date)).isEqualTo(LocalDate.of(2024, 3, 10 + c - '0'));
        } else {
            assertThat(ValueParser.plainLocalDateTime(text)).isNull();
            assertThat(ValueParser.plainLocalDate(date)).isNull();
        }
        assertThat(ValueParser.plainLocalDateTime("2024-03-01 10:00")).isNull();
        assertThat(ValueParser.plainLocalDateTime("2024-03-01 10:00:00.5")).isNull();
    }

    private static <T> T orNull(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
