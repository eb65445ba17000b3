package io.marketlens.ingest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Format;
import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses one cell of a canonical column into its typed value, or rejects it with a reason code
 * ({@code bad_number:<col>}, {@code bad_date:<col>}, {@code negative:<col>}, {@code out_of_range:<col>},
 * {@code bad_value:<col>}).
 *
 * <p>Each cell is first read in its plain form ({@code 1234.5}, {@code 2024-05-01 10:00:00}); only when that fails are the
 * tolerant forms of seller exports tried: digit groups ({@code 13,910}, {@code 6 892}), a currency symbol or ISO code
 * around an amount ({@code £38,793.82}, {@code 12.99 USD}), the configured date and timestamp patterns, an offset after a
 * space ({@code 2025-05-11 09:55:16 -0400}) and a trailing {@code (UTC)}.
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

    /**
     * Longest cell the tolerant number forms are tried on: far above any amount DECIMAL(22,6) holds with its separators
     * and mark, and short enough for the regular expressions' repetition to stay shallow.
     */
    private static final int MAX_TOLERANT_LENGTH = 120;

    /** Spaces that exports put between digit groups or around a currency mark: space, no-break, narrow no-break, thin. */
    private static final String SPACE = "[ \\u00A0\\u202F\\u2009]";
    /**
     * Currency marks written beside amounts, longest first; a three-letter code must be an ISO 4217 code
     * ({@link #ISO_CODES}). The ISO code each implies, when it implies one, is in {@link #CURRENCY_OF_MARK}.
     */
    private static final String CURRENCY_MARK =
            "US\\$|AU\\$|CA\\$|NZ\\$|HK\\$|MX\\$|A\\$|C\\$|S\\$|R\\$|[$£€¥￥₹₺₩₽₱₫₪฿]|zł|TL|kr|[A-Z]{3}";
    /**
     * An amount as exports write it: a sign, then a currency mark before or after the number (spaces between the mark and
     * the number allowed, none after the sign), e.g. {@code -£3.00}, {@code £-3.00}, {@code € 121.60}, {@code R$ 1.234,56},
     * {@code 12.99 USD}. The number part is checked afterwards against the file's notation.
     */
    private static final Pattern AMOUNT = Pattern.compile(SPACE + "*(?<sign1>[+-])?"
            + "(?:(?<pre>" + CURRENCY_MARK + ")" + SPACE + "*)?"
            + "(?<sign2>[+-])?"
            + "(?<num>[0-9.,](?:[0-9.,eE+-]|" + SPACE + "(?=[0-9]))*)"
            + "(?:" + SPACE + "*(?<suf>" + CURRENCY_MARK + "))?" + SPACE + "*");
    /** A percentage: a number, optionally followed by a percent sign (ASCII or full-width). */
    private static final Pattern PERCENT = Pattern.compile(SPACE + "*(?<num>[+-]?[0-9.,](?:[0-9.,eE+-]|" + SPACE
            + "(?=[0-9]))*)" + SPACE + "*[%％]?" + SPACE + "*");
    /**
     * Dot-decimal numbers with digit groups of three: {@code 13,910}, {@code 2,540.5}, {@code 1 234.5}; or in the Indian
     * system, thousands then groups of two: {@code 1,26,189}, {@code 12,34,56,789.50} (lakhs and crores of rupees).
     */
    private static final Pattern DOT_GROUPED = Pattern.compile("\\d{1,3}(?:(?:,\\d{3})+|(?:" + SPACE + "\\d{3})+)(?:\\.\\d*)?"
            + "|\\d{1,2}(?:,\\d{2})+,\\d{3}(?:\\.\\d*)?");
    /** Decimal-comma numbers with digit groups of three: {@code 1.234,56}, {@code 366 714,82}. */
    private static final Pattern COMMA_GROUPED = Pattern.compile("\\d{1,3}(?:(?:\\.\\d{3})+|(?:" + SPACE + "\\d{3})+)(?:,\\d+)?");
    private static final Pattern DOT_MODE_GROUPS = Pattern.compile("[, \\u00A0\\u202F\\u2009]");
    private static final Pattern COMMA_MODE_GROUPS = Pattern.compile("[. \\u00A0\\u202F\\u2009]");
    private static final Set<String> ISO_CODES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());
    /** The ISO code a currency symbol implies; $, ¥ and kr are shared by several currencies and imply none. */
    private static final Map<String, String> CURRENCY_OF_MARK = Map.ofEntries(
            Map.entry("£", "GBP"), Map.entry("€", "EUR"), Map.entry("₹", "INR"), Map.entry("R$", "BRL"),
            Map.entry("US$", "USD"), Map.entry("AU$", "AUD"), Map.entry("A$", "AUD"), Map.entry("CA$", "CAD"),
            Map.entry("C$", "CAD"), Map.entry("NZ$", "NZD"), Map.entry("HK$", "HKD"), Map.entry("MX$", "MXN"),
            Map.entry("S$", "SGD"), Map.entry("₺", "TRY"), Map.entry("TL", "TRY"), Map.entry("₩", "KRW"),
            Map.entry("₽", "RUB"), Map.entry("₱", "PHP"), Map.entry("₫", "VND"), Map.entry("₪", "ILS"),
            Map.entry("฿", "THB"), Map.entry("zł", "PLN"));
    /** A timestamp's text ending in this is read in UTC whatever the configured zone. */
    private static final Pattern UTC_MARK = Pattern.compile("(?i)" + SPACE + "*\\(UTC\\)$");
    private static final int MIN_YEAR = 1970;
    private static final int MAX_YEAR = 2100;

    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_LOCAL_DATE; // strict resolver

    /**
     * ISO-8601 local date-time after a space separator was turned into 'T'; seconds, fraction and offset optional, and the
     * offset may follow a space ({@code 2025-05-11T09:55:16 -0400}, Shopify's form).
     */
    private static final DateTimeFormatter ISO_TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().optionalStart().appendLiteral(' ').optionalEnd().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().optionalStart().appendLiteral(' ').optionalEnd().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().optionalStart().appendLiteral(' ').optionalEnd().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private final ZoneId zone;
    private final boolean decimalComma;
    private final List<String> datePatterns;
    private final List<String> timestampPatterns;
    private transient Format[] dateFormats;
    private transient Format[] timestampFormats;

    public ValueParser(SourceOptions options, ZoneId zone) {
        this.zone = zone;
        this.decimalComma = options.decimalComma();
        this.datePatterns = options.datePattern();
        this.timestampPatterns = options.timestampPattern();
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

    /**
     * A cell's text without control characters, wherever in the file it stands: NUL, BEL, ESC, vertical tab, form feed,
     * DEL and the C1 range are removed, then the text is trimmed; tabs and line breaks (a quoted title written over
     * several lines) are text and stay. {@code "\0=1+1"} becomes {@code "=1+1"}, which the CSV tables then neutralise as
     * a formula.
     */
    public static String withoutControlCharacters(String text) {
        boolean any = false;
        for (int i = 0; i < text.length() && !any; i++) {
            char ch = text.charAt(i);
            any = (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || (ch >= 0x7F && ch <= 0x9F);
        }
        return any ? io.marketlens.io.TableWriter.CONTROL_CHARACTERS.matcher(text).replaceAll("").strip() : text;
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
            case MONEY -> amount(col, text, false, true, AMOUNT_SCALE, AMOUNT_PRECISION);
            case POSITIVE_DECIMAL -> amount(col, text, true, false,
                    "rate_to_base".equals(col) ? RATE_SCALE : AMOUNT_SCALE,
                    "rate_to_base".equals(col) ? RATE_PRECISION : AMOUNT_PRECISION);
            case POSITIVE_INT -> whole(col, text, true);
            case COUNT -> whole(col, text, false);
            case RATING -> rating(col, text);
            case FRACTION -> fraction(col, text);
        };
    }

    private static String currency(String col, String text) throws Rejection {
        String code = text.toUpperCase(Locale.ROOT);
        if (!CURRENCY_CODE.matcher(code).matches()) {
            throw new Rejection("bad_value:" + col, "'" + text + "' is not a three-letter ISO 4217 code");
        }
        return code;
    }

    /**
     * The ISO 4217 code implied by the currency mark of an amount such as {@code £38,793.82} (GBP), {@code R$ 1.234,56}
     * (BRL), {@code US$ 5} (USD), {@code 12.99 USD} (USD), {@code ₺120} or {@code 120 TL} (TRY). Empty when the text is
     * not an amount with a currency mark, or when the mark is shared by several currencies: {@code $}, {@code ¥} (JPY or
     * CNY), {@code kr}.
     */
    public static Optional<String> currencyOfAmount(String text) {
        if (text == null || text.length() > MAX_TOLERANT_LENGTH) {
            return Optional.empty();
        }
        Matcher m = AMOUNT.matcher(text);
        if (!m.matches() || (m.group("pre") != null && m.group("suf") != null)) {
            return Optional.empty();
        }
        String mark = m.group("pre") != null ? m.group("pre") : m.group("suf");
        if (mark == null) {
            return Optional.empty();
        }
        if (CURRENCY_CODE.matcher(mark).matches()) {
            return ISO_CODES.contains(mark) ? Optional.of(mark) : Optional.empty();
        }
        return Optional.ofNullable(CURRENCY_OF_MARK.get(mark));
    }

    /** A number in the file's notation, a currency mark before or after it allowed, or a rejection naming the column. */
    BigDecimal money(String col, String text) throws Rejection {
        return number(col, text, true);
    }

    /** A number in the file's notation, or a rejection naming the column; no currency mark. */
    BigDecimal number(String col, String text) throws Rejection {
        return number(col, text, false);
    }

    /**
     * A number in the file's notation: the plain form first ({@code 1234.5}, or {@code 1.234,5} with a decimal comma),
     * then digit groups of three separated by commas (dot-decimal files), dots (decimal-comma files) or spaces (either),
     * and, when {@code currencyMarks}, a currency symbol or ISO code before or after the number.
     */
    private BigDecimal number(String col, String text, boolean currencyMarks) throws Rejection {
        if (decimalComma) {
            if (COMMA_NUMBER.matcher(text).matches()) {
                return new BigDecimal(text.replace(".", "").replace(',', '.'));
            }
        } else if (PLAIN_NUMBER.matcher(text).matches()) {
            return new BigDecimal(text);
        }
        BigDecimal v = tolerantNumber(text, currencyMarks);
        if (v == null) {
            throw notANumber(col, text);
        }
        return v;
    }

    private Rejection notANumber(String col, String text) {
        if (decimalComma) {
            return new Rejection("bad_number:" + col, "'" + text + "' is not a number with a decimal comma");
        }
        return new Rejection("bad_number:" + col, "'" + text + "' is not a number"
                + (text.contains(",") ? " (set decimal_comma: true for numbers like 12,50)" : ""));
    }

    /** The value of an amount with a currency mark or digit groups, or null when the text is not one. */
    private BigDecimal tolerantNumber(String text, boolean currencyMarks) {
        if (text.length() > MAX_TOLERANT_LENGTH) {
            return null;
        }
        Matcher m = AMOUNT.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String pre = m.group("pre");
        String suf = m.group("suf");
        if ((pre != null || suf != null) && (!currencyMarks || (pre != null && suf != null)
                || !knownMark(pre) || !knownMark(suf))) {
            return null;
        }
        String sign1 = m.group("sign1");
        String sign2 = m.group("sign2");
        if (sign1 != null && sign2 != null) {
            return null;
        }
        BigDecimal v = unsignedNumber(m.group("num"));
        if (v == null) {
            return null;
        }
        return "-".equals(sign1) || "-".equals(sign2) ? v.negate() : v;
    }

    private static boolean knownMark(String mark) {
        return mark == null || !CURRENCY_CODE.matcher(mark).matches() || ISO_CODES.contains(mark);
    }

    /** An unsigned number in the file's notation, digit groups allowed; null when it is not one. */
    private BigDecimal unsignedNumber(String num) {
        if (decimalComma) {
            if (COMMA_NUMBER.matcher(num).matches() && num.charAt(0) != '+' && num.charAt(0) != '-') {
                return new BigDecimal(num.replace(".", "").replace(',', '.'));
            }
            if (COMMA_GROUPED.matcher(num).matches()) {
                return new BigDecimal(COMMA_MODE_GROUPS.matcher(num).replaceAll("").replace(',', '.'));
            }
            return null;
        }
        if (PLAIN_NUMBER.matcher(num).matches() && num.charAt(0) != '+' && num.charAt(0) != '-') {
            return new BigDecimal(num);
        }
        if (DOT_GROUPED.matcher(num).matches()) {
            return new BigDecimal(DOT_MODE_GROUPS.matcher(num).replaceAll(""));
        }
        return null;
    }

    /**
     * A percentage cell as a fraction: {@code 1.60%} is 0.016, {@code 100.00%} is 1, {@code 75.71 %} is 0.7571. The percent
     * sign is optional and does not change the reading: {@code 1.6} is also 1.6 % = 0.016 (a percentage column holds
     * percents, with or without the sign). Digit groups and the file's decimal notation are read as for other numbers;
     * a sign is kept ({@code -5%} is -0.05). The result is exact, without trailing zeros.
     *
     * @throws Rejection {@code bad_number:<col>} when the text is not a number with an optional percent sign
     */
    public BigDecimal percent(String col, String text) throws Rejection {
        if (text.length() > MAX_TOLERANT_LENGTH) {
            throw notANumber(col, text);
        }
        Matcher m = PERCENT.matcher(text);
        if (!m.matches()) {
            throw notANumber(col, text);
        }
        String num = m.group("num");
        String unsigned = num.charAt(0) == '+' || num.charAt(0) == '-' ? num.substring(1) : num;
        BigDecimal v = unsigned.isEmpty() ? null : unsignedNumber(unsigned);
        if (v == null) {
            throw notANumber(col, text);
        }
        BigDecimal fraction = (num.charAt(0) == '-' ? v.negate() : v).movePointLeft(2).stripTrailingZeros();
        return fraction.scale() < 0 ? fraction.setScale(0) : fraction;
    }

    private BigDecimal amount(String col, String text, boolean strictlyPositive, boolean currencyMarks, int scale,
                              int precision) throws Rejection {
        BigDecimal v = number(col, text, currencyMarks);
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

    /** A percentage as a fraction in [0, 1]: {@code 75.71%} is 0.7571, {@code 100%} is 1. */
    private Double fraction(String col, String text) throws Rejection {
        BigDecimal v = percent(col, text);
        if (v.signum() < 0) {
            throw new Rejection("negative:" + col, text + " is negative");
        }
        if (v.compareTo(BigDecimal.ONE) > 0) {
            throw new Rejection("out_of_range:" + col, text + " is above 100%");
        }
        return v.doubleValue();
    }

    private Instant timestamp(String col, String text) throws Rejection {
        if (timestampPatterns.isEmpty() && datePatterns.isEmpty()) {
            try {
                LocalDateTime plain = text.length() == 10 ? atStartOfDay(plainLocalDate(text)) : plainLocalDateTime(text);
                if (plain != null) {
                    return checkYear(col, text, plain.atZone(zone).toInstant());
                }
            } catch (DateTimeException e) {
                throw badTimestamp(col, text);
            }
        }
        // "02/01/2026 15:43 (UTC)": the export says which zone its clock shows
        Matcher utcMark = UTC_MARK.matcher(text);
        boolean inUtc = utcMark.find();
        ZoneId at = inUtc ? ZoneOffset.UTC : zone;
        String bare = inUtc ? text.substring(0, utcMark.start()) : text;
        for (Format f : timestampFormats()) {
            TemporalAccessor t = parsed(f, text);
            if (t == null && inUtc) {
                t = parsed(f, bare);
            }
            if (t != null) {
                try {
                    return checkYear(col, text, toInstant(t, at));
                } catch (DateTimeException e) {
                    throw badTimestamp(col, text); // e.g. a pattern without a date
                }
            }
        }
        for (Format f : dateFormats()) {
            TemporalAccessor t = parsed(f, bare);
            if (t != null) {
                try {
                    return checkYear(col, text, toInstant(t, at));
                } catch (DateTimeException e) {
                    throw badTimestamp(col, text);
                }
            }
        }
        Instant instant;
        try {
            if (bare.length() == 10) {
                instant = LocalDate.parse(bare, ISO_DATE).atStartOfDay(at).toInstant();
            } else {
                String iso = bare.length() > 10 && bare.charAt(10) == ' '
                        ? bare.substring(0, 10) + 'T' + bare.substring(11) : bare;
                instant = toInstant(ISO_TIMESTAMP.parse(iso), at);
            }
        } catch (DateTimeException e) {
            throw badTimestamp(col, text);
        }
        return checkYear(col, text, instant);
    }

    private Rejection badTimestamp(String col, String text) {
        List<String> patterns = timestampPatterns.isEmpty() ? datePatterns : timestampPatterns;
        return new Rejection("bad_date:" + col, "'" + text + "' is not a date-time (YYYY-MM-DD HH:MM:SS"
                + (patterns.isEmpty() ? "; set timestamp_pattern for other forms)" : " or " + String.join(" or ", patterns) + ")"));
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

    /**
     * The fields {@code f} reads from the whole of {@code text}, resolved strictly; null when the text has another form or
     * names an impossible date (a failed pattern costs no exception, as several patterns are tried per cell).
     */
    private static TemporalAccessor parsed(Format f, String text) {
        ParsePosition pos = new ParsePosition(0);
        Object t = f.parseObject(text, pos);
        return t != null && pos.getIndex() == text.length() ? (TemporalAccessor) t : null;
    }

    /** The instant of parsed fields: their own offset or instant when they have one, else local time in {@code at}. */
    private static Instant toInstant(TemporalAccessor t, ZoneId at) {
        if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
            return Instant.from(t);
        }
        LocalDateTime ldt = LocalDateTime.of(LocalDate.from(t),
                t.isSupported(ChronoField.HOUR_OF_DAY) ? java.time.LocalTime.from(t) : java.time.LocalTime.MIDNIGHT);
        if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
            return OffsetDateTime.of(ldt, ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS))).toInstant();
        }
        return ldt.atZone(at).toInstant();
    }

    private Instant checkYear(String col, String text, Instant instant) throws Rejection {
        int year = instant.atZone(zone).getYear();
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new Rejection("out_of_range:" + col, text + " is outside " + MIN_YEAR + "–" + MAX_YEAR);
        }
        return instant;
    }

    private LocalDate date(String col, String text) throws Rejection {
        LocalDate d = null;
        try {
            if (text.length() > 10 && (text.charAt(10) == ' ' || text.charAt(10) == 'T') && datePatterns.isEmpty()) {
                // a timestamp in a date column: its local calendar date
                d = timestamp(col, text).atZone(zone).toLocalDate();
            } else if (datePatterns.isEmpty()) {
                LocalDate plain = plainLocalDate(text);
                d = plain != null ? plain : LocalDate.parse(text, ISO_DATE);
            } else {
                for (Format f : dateFormats()) {
                    TemporalAccessor t = parsed(f, text);
                    if (t != null) {
                        d = LocalDate.from(t);
                        break;
                    }
                }
                if (d == null) {
                    d = LocalDate.parse(text, ISO_DATE);
                }
            }
        } catch (DateTimeException e) {
            throw new Rejection("bad_date:" + col, "'" + text + "' is not a date (YYYY-MM-DD"
                    + (datePatterns.isEmpty() ? "; set date_pattern for other forms)" : " or " + String.join(" or ", datePatterns) + ")"));
        }
        if (d.getYear() < MIN_YEAR || d.getYear() > MAX_YEAR) {
            throw new Rejection("out_of_range:" + col, text + " is outside " + MIN_YEAR + "–" + MAX_YEAR);
        }
        return d;
    }

    /**
     * The formatter of a configured {@code date_pattern} or {@code timestamp_pattern}, as the parser uses it: month and
     * day names in English, matched case-insensitively ({@code Aug}, {@code AUGUST}); resolved strictly, so an impossible
     * date is rejected, with every year letter {@code y} read as {@code u} (proleptic year), so {@code yyyy} needs no era
     * and {@code yy} is a two-digit year in 2000–2099 ({@code 04-30-22} with {@code MM-dd-yy} is 2022-04-30). Quoted
     * literals ({@code '(UTC)'}) are kept as written.
     *
     * @throws IllegalArgumentException when the pattern is not a java.time pattern
     */
    public static DateTimeFormatter patternFormatter(String pattern) {
        StringBuilder proleptic = new StringBuilder(pattern.length());
        boolean quoted = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            proleptic.append(!quoted && c == 'y' ? 'u' : c);
        }
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(proleptic.toString())
                .toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    }

    private static Format[] formats(List<String> patterns) {
        return patterns.stream().map(p -> patternFormatter(p).toFormat()).toArray(Format[]::new);
    }

    private Format[] dateFormats() {
        if (dateFormats == null) {
            dateFormats = formats(datePatterns);
        }
        return dateFormats;
    }

    private Format[] timestampFormats() {
        if (timestampFormats == null) {
            timestampFormats = formats(timestampPatterns);
        }
        return timestampFormats;
    }

    /** {@code v} as text this parser reads back: plain decimal notation, with a decimal comma where the file has one. */
    String notation(BigDecimal v) {
        String plain = v.toPlainString();
        return decimalComma ? plain.replace('.', ',') : plain;
    }

    public ZoneId zone() {
        return zone;
    }
}
