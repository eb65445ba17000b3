package io.marketlens.ingest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses one cell of a canonical column into its typed value, or rejects it with a reason code
 * ({@code bad_number:<col>}, {@code bad_date:<col>}, {@code negative:<col>}, {@code out_of_range:<col>},
 * {@code bad_value:<col>}).
 */
public final class ValueParser implements Serializable {

    /** Scale of stored amounts and weights (DECIMAL(22,6)); more decimal places are rounded half-up. */
    public static final int AMOUNT_SCALE = 6;
    /** Scale of stored FX rates (DECIMAL(28,12)), enough for currencies such as VND or IDR. */
    public static final int RATE_SCALE = 12;
    static final int AMOUNT_PRECISION = 22;
    static final int RATE_PRECISION = 28;

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern COMMA_NUMBER = Pattern.compile("[+-]?(\\d{1,3}(\\.\\d{3})+|\\d+)(,\\d+)?");
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
    private static final int MIN_YEAR = 1970;
    private static final int MAX_YEAR = 2100;

    /** ISO-8601 local date-time after a space separator was turned into 'T'; seconds, fraction and offset optional. */
    private static final DateTimeFormatter ISO_TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private final ZoneId zone;
    private final boolean decimalComma;
    private final String datePattern;
    private final String timestampPattern;
    private transient DateTimeFormatter dateFormatter;
    private transient DateTimeFormatter timestampFormatter;

    public ValueParser(SourceOptions options, ZoneId zone) {
        this.zone = zone;
        this.decimalComma = options.decimalComma();
        this.datePattern = options.datePattern();
        this.timestampPattern = options.timestampPattern();
    }

    /** A rejected cell; carries the reason code and a short human explanation. */
    public static final class Rejection extends Exception {
        private final String reason;

        Rejection(String reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** Parses a non-empty, trimmed cell. */
    public Object parse(ColumnSpec spec, String text) throws Rejection {
        String col = spec.name();
        return switch (spec.type()) {
            case TEXT -> text;
            case LOWER -> text.toLowerCase(Locale.ROOT);
            case UPPER -> text.toUpperCase(Locale.ROOT);
            case CURRENCY -> currency(col, text);
            case TIMESTAMP -> timestamp(col, text);
            case DATE -> date(col, text);
            case MONEY -> amount(col, text, false, AMOUNT_SCALE, AMOUNT_PRECISION);
            case POSITIVE_DECIMAL -> amount(col, text, true,
                    "rate_to_base".equals(col) ? RATE_SCALE : AMOUNT_SCALE,
                    "rate_to_base".equals(col) ? RATE_PRECISION : AMOUNT_PRECISION);
            case POSITIVE_INT -> whole(col, text, true);
            case COUNT -> whole(col, text, false);
            case RATING -> rating(col, text);
        };
    }

    private static String currency(String col, String text) throws Rejection {
        String code = text.toUpperCase(Locale.ROOT);
        if (!CURRENCY_CODE.matcher(code).matches()) {
            throw new Rejection("bad_value:" + col, "'" + text + "' is not a three-letter ISO 4217 code");
        }
        return code;
    }

    /** A number in the file's notation, or a rejection naming the column. */
    BigDecimal number(String col, String text) throws Rejection {
        String s = text;
        if (decimalComma) {
            if (!COMMA_NUMBER.matcher(s).matches()) {
                throw new Rejection("bad_number:" + col, "'" + text + "' is not a number with a decimal comma");
            }
            s = s.replace(".", "").replace(',', '.');
        } else if (!PLAIN_NUMBER.matcher(s).matches()) {
            throw new Rejection("bad_number:" + col, "'" + text + "' is not a number"
                    + (text.contains(",") ? " (set decimal_comma: true for numbers like 12,50)" : ""));
        }
        return new BigDecimal(s);
    }

    private BigDecimal amount(String col, String text, boolean strictlyPositive, int scale, int precision) throws Rejection {
        BigDecimal v = number(col, text);
        if (v.signum() < 0) {
            throw new Rejection("negative:" + col, text + " is negative");
        }
        if (strictlyPositive && v.signum() == 0) {
            throw new Rejection("out_of_range:" + col, col + " must be greater than 0");
        }
        // digits before the point, from the representation: cheap even for 1e999999999
        long integerDigits = (long) v.precision() - v.scale();
        if (integerDigits > precision - scale) {
            throw new Rejection("out_of_range:" + col, text + " is too large");
        }
        BigDecimal scaled = integerDigits < -scale - 1
                ? BigDecimal.ZERO.setScale(scale) // far below the last stored decimal place
                : v.setScale(scale, RoundingMode.HALF_UP);
        if (scaled.precision() > precision) {
            throw new Rejection("out_of_range:" + col, text + " is too large");
        }
        if (strictlyPositive && scaled.signum() == 0) {
            throw new Rejection("out_of_range:" + col, text + " rounds to 0 at " + scale + " decimal places");
        }
        return scaled;
    }

    private Long whole(String col, String text, boolean strictlyPositive) throws Rejection {
        BigDecimal v = number(col, text);
        if (v.signum() != 0 && v.stripTrailingZeros().scale() > 0) {
            throw new Rejection("bad_number:" + col, "'" + text + "' is not a whole number");
        }
        long n;
        try {
            if ((long) v.precision() - v.scale() > 19) {
                throw new ArithmeticException(); // without expanding 1e999999999
            }
            n = v.longValueExact();
        } catch (ArithmeticException e) {
            throw new Rejection("out_of_range:" + col, text + " is too large");
        }
        if (n < 0) {
            throw new Rejection("negative:" + col, text + " is negative");
        }
        if (strictlyPositive && n == 0) {
            throw new Rejection("out_of_range:" + col, col + " must be at least 1");
        }
        return n;
    }

    private Double rating(String col, String text) throws Rejection {
        BigDecimal v = number(col, text);
        if (v.signum() < 0) {
            throw new Rejection("negative:" + col, text + " is negative");
        }
        if (v.compareTo(BigDecimal.valueOf(5)) > 0) {
            throw new Rejection("out_of_range:" + col, text + " is above 5");
        }
        return v.doubleValue();
    }

    private Instant timestamp(String col, String text) throws Rejection {
        LocalDateTime local;
        Instant instant = null;
        try {
            if (timestampPattern == null && datePattern == null) {
                LocalDateTime plain = text.length() == 10 ? atStartOfDay(plainLocalDate(text)) : plainLocalDateTime(text);
                if (plain != null) {
                    return checkYear(col, text, plain.atZone(zone).toInstant());
                }
            }
            if (timestampPattern != null) {
                try {
                    TemporalAccessor t = timestampFormatter().parse(text);
                    return checkYear(col, text, toInstant(t));
                } catch (DateTimeException ignored) {
                    // fall through to ISO-8601
                }
            }
            LocalDate byDatePattern = datePattern == null ? null : parseOrNull(text, isoOrPatternDate());
            if (byDatePattern != null) {
                local = byDatePattern.atStartOfDay();
            } else if (text.length() == 10) {
                local = LocalDate.parse(text, isoOrPatternDate()).atStartOfDay();
            } else {
                String iso = text.length() > 10 && text.charAt(10) == ' '
                        ? text.substring(0, 10) + 'T' + text.substring(11) : text;
                instant = toInstant(ISO_TIMESTAMP.parse(iso));
                local = null;
            }
        } catch (DateTimeException e) {
            throw new Rejection("bad_date:" + col, "'" + text + "' is not a date-time (YYYY-MM-DD HH:MM:SS"
                    + (timestampPattern == null ? "; set timestamp_pattern for other forms)" : " or " + timestampPattern + ")"));
        }
        return checkYear(col, text, instant != null ? instant : local.atZone(zone).toInstant());
    }

    /**
     * {@code YYYY-MM-DD HH:MM:SS} (or with a 'T'), the form nearly every export writes, read without a formatter:
     * the same verdict as {@link #ISO_TIMESTAMP}'s strict resolver (an impossible date or time throws) without a
     * formatter's work per cell. Null when the text has another form.
     */
    static LocalDateTime plainLocalDateTime(String text) {
        if (text.length() != 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(13) != ':'
                || text.charAt(16) != ':' || (text.charAt(10) != ' ' && text.charAt(10) != 'T')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second);
    }

    private static LocalDateTime atStartOfDay(LocalDate date) {
        return date == null ? null : date.atStartOfDay();
    }

    /** {@code YYYY-MM-DD} read without a formatter (an impossible date throws); null when the text has another form. */
    static LocalDate plainLocalDate(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if ((year | month | day) < 0) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    /** The decimal number in {@code text[from, to)}, or -1 when a character is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static LocalDate parseOrNull(String text, DateTimeFormatter f) {
        try {
            return LocalDate.parse(text, f);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private Instant toInstant(TemporalAccessor t) {
        LocalDateTime ldt = LocalDateTime.of(LocalDate.from(t),
                t.isSupported(ChronoField.HOUR_OF_DAY) ? java.time.LocalTime.from(t) : java.time.LocalTime.MIDNIGHT);
        if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
            return OffsetDateTime.of(ldt, java.time.ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS))).toInstant();
        }
        return ldt.atZone(zone).toInstant();
    }

    private Instant checkYear(String col, String text, Instant instant) throws Rejection {
        int year = instant.atZone(zone).getYear();
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new Rejection("out_of_range:" + col, text + " is outside " + MIN_YEAR + "–" + MAX_YEAR);
        }
        return instant;
    }

    private LocalDate date(String col, String text) throws Rejection {
        LocalDate d;
        try {
            if (text.length() > 10 && (text.charAt(10) == ' ' || text.charAt(10) == 'T') && datePattern == null) {
                // a timestamp in a date column: its local calendar date
                d = timestamp(col, text).atZone(zone).toLocalDate();
            } else {
                LocalDate plain = datePattern == null ? plainLocalDate(text) : null;
                d = plain != null ? plain : LocalDate.parse(text, isoOrPatternDate());
            }
        } catch (DateTimeException e) {
            throw new Rejection("bad_date:" + col, "'" + text + "' is not a date (YYYY-MM-DD"
                    + (datePattern == null ? "; set date_pattern for other forms)" : " or " + datePattern + ")"));
        }
        if (d.getYear() < MIN_YEAR || d.getYear() > MAX_YEAR) {
            throw new Rejection("out_of_range:" + col, text + " is outside " + MIN_YEAR + "–" + MAX_YEAR);
        }
        return d;
    }

    private DateTimeFormatter isoOrPatternDate() {
        if (dateFormatter == null) {
            DateTimeFormatterBuilder b = new DateTimeFormatterBuilder();
            if (datePattern != null) {
                b.appendOptional(DateTimeFormatter.ofPattern(datePattern.replace("yyyy", "uuuu"), Locale.ROOT));
            }
            b.appendOptional(DateTimeFormatter.ISO_LOCAL_DATE);
            dateFormatter = b.toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
        }
        return dateFormatter;
    }

    private DateTimeFormatter timestampFormatter() {
        if (timestampFormatter == null) {
            timestampFormatter = DateTimeFormatter.ofPattern(timestampPattern.replace("yyyy", "uuuu"), Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT);
        }
        return timestampFormatter;
    }

    public ZoneId zone() {
        return zone;
    }
}
