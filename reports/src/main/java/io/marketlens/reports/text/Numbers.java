package io.marketlens.reports.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Numbers as a reader wants them: thousands separators, percentages, money in the base currency, and
 * compact amounts (en: 1.23 M; zh: 123.4 万, 1.23 亿). Rounding is half-up on the decimal value, so
 * that the text and the tables agree to the digits shown. A negative number has the minus sign U+2212 ("−0.47"),
 * never a hyphen. A missing value prints as {@value #MISSING}.
 */
public final class Numbers {

    public static final String MISSING = "–";

    private final Lang lang;
    private final String currency;

    public Numbers(Lang lang, String currency) {
        this.lang = lang;
        this.currency = currency == null || currency.isBlank() ? "" : currency;
    }

    public Lang lang() {
        return lang;
    }

    public String currency() {
        return currency;
    }

    /** {@code 1,234,567} (rounded to a whole number). */
    public String integer(Double v) {
        return v == null || !Double.isFinite(v) ? MISSING : pattern(0, true).format(round(v, 0));
    }

    public String integer(long v) {
        return pattern(0, true).format(v);
    }

    /** {@code 1,234.57} with exactly {@code digits} decimals. */
    public String decimal(Double v, int digits) {
        return v == null || !Double.isFinite(v) ? MISSING : pattern(digits, true).format(round(v, digits));
    }

    /** A fraction as a percentage: 0.1234 → {@code 12.3%} (digits = 1). */
    public String percent(Double fraction, int digits) {
        return fraction == null || !Double.isFinite(fraction) ? MISSING
                : pattern(digits, true).format(round(fraction * 100, digits)) + "%";
    }

    /** A fraction as a signed percentage: 0.05 → {@code +5.0%}, −0.05 → {@code −5.0%}. */
    public String signedPercent(Double fraction, int digits) {
        return fraction == null || !Double.isFinite(fraction) ? MISSING : signed(round(fraction * 100, digits), digits) + "%";
    }

    /** A signed number: 2.345 → {@code +2.35}, −0.5 → {@code −0.50} (digits = 2); zero after rounding has no sign. */
    public String signedDecimal(Double v, int digits) {
        return v == null || !Double.isFinite(v) ? MISSING : signed(round(v, digits), digits);
    }

    private static String signed(BigDecimal r, int digits) {
        String body = pattern(digits, true).format(r.abs());
        return r.signum() > 0 ? "+" + body : r.signum() < 0 ? "\u2212" + body : body;
    }

    /** A value already in percent (CR_n): 78.5 → {@code 78.5%}. */
    public String percentValue(Double percent, int digits) {
        return percent == null || !Double.isFinite(percent) ? MISSING : pattern(digits, true).format(round(percent, digits)) + "%";
    }

    /** Money with its currency and thousands separators: {@code USD 1,234,568} (en), {@code 1,234,568 USD} (zh). */
    public String money(Double v, int digits) {
        if (v == null || !Double.isFinite(v)) {
            return MISSING;
        }
        String amount = pattern(digits, true).format(round(v, digits));
        return withCurrency(amount);
    }

    /** Money in a compact form: {@code USD 1.23M} (en), {@code 123.4万 USD} (zh). */
    public String moneyCompact(Double v) {
        return v == null || !Double.isFinite(v) ? MISSING : withCurrency(compact(v));
    }

    /**
     * A large count or amount in a compact form: en K/M/B with three significant digits (999 stays 999,
     * 1 234 → 1.23K, 45 600 000 → 45.6M); zh 万 (10⁴) and 亿 (10⁸).
     */
    public String compact(double v) {
        double a = Math.abs(v);
        String sign = v < 0 ? "\u2212" : "";
        BigDecimal r = new BigDecimal(Double.toString(a)).round(new MathContext(3, RoundingMode.HALF_UP));
        double[] units = lang == Lang.ZH ? new double[]{1e8, 1e4} : new double[]{1e9, 1e6, 1e3};
        String[] names = lang == Lang.ZH ? new String[]{"亿", "万"} : new String[]{"B", "M", "K"};
        for (int i = 0; i < units.length; i++) {
            BigDecimal unit = BigDecimal.valueOf(units[i]);
            if (r.compareTo(unit) >= 0) {
                return sign + plain(r.divide(unit)) + names[i];
            }
        }
        // below the smallest unit: whole numbers from 100 up, else three significant digits
        return sign + (a >= 100 ? pattern(0, true).format(round(a, 0)) : plain(r));
    }

    private static String plain(BigDecimal r) {
        String s = r.stripTrailingZeros().toPlainString();
        return s.contains(".") || s.length() <= 3 ? s : pattern(0, true).format(r);
    }

    private String withCurrency(String amount) {
        if (currency.isEmpty()) {
            return amount;
        }
        return lang == Lang.ZH ? amount + " " + currency : currency + " " + amount;
    }

    private static BigDecimal round(double v, int digits) {
        return new BigDecimal(Double.toString(v)).setScale(digits, RoundingMode.HALF_UP);
    }

    private static DecimalFormat pattern(int digits, boolean grouping) {
        StringBuilder p = new StringBuilder(grouping ? "#,##0" : "0");
        if (digits > 0) {
            p.append('.').append("0".repeat(digits));
        }
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setMinusSign('\u2212');   // the typographic minus, as in the signed forms, never a hyphen
        DecimalFormat f = new DecimalFormat(p.toString(), symbols);
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f;
    }
}
