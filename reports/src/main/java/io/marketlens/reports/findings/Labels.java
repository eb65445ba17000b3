package io.marketlens.reports.findings;

import io.marketlens.reports.text.Numbers;
import io.marketlens.reports.text.Texts;
import io.marketlens.tables.Code;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.RunChange;
import java.util.Locale;
import java.util.Map;

/**
 * Words for the codes that the metric tables carry (season, life-cycle stage, concentration classes, change
 * direction, turning-point kind, forecast model, status, entity kind, quarantine reason) and for month
 * numbers, in the report's language. The findings use them, and the renderer uses them in its tables.
 *
 * <p>A code is looked up under {@code label.<family>.<code>}; the family comes from the table column that
 * holds the code (both DOJ columns share one family, since the two editions name their tiers alike). An
 * unknown code is shown as it is, an empty cell as {@link Numbers#MISSING}: a report never prints "null"
 * and never fails over a code a newer run introduced.
 */
public final class Labels {

    /** Table column → label family. */
    private static final Map<String, String> FAMILIES = Map.ofEntries(
            Map.entry(Columns.SEASON, Columns.SEASON),
            Map.entry(Columns.STAGE, Columns.STAGE),
            Map.entry(Columns.DOJ2023_CLASS, Codes.HHI_CLASS),
            Map.entry(Columns.DOJ2010_CLASS, Codes.HHI_CLASS),
            Map.entry(Columns.BAIN_CR4_CLASS, Columns.BAIN_CR4_CLASS),
            Map.entry(Columns.BAIN_CR8_CLASS, Columns.BAIN_CR8_CLASS),
            Map.entry(Columns.DIRECTION, Columns.DIRECTION),
            Map.entry(Columns.KIND, Columns.KIND),
            Map.entry(Columns.MODEL, Columns.MODEL),
            Map.entry(Columns.STATUS, Columns.STATUS),
            Map.entry(Columns.ENTITY, Columns.ENTITY),
            Map.entry(Columns.REASON, Columns.REASON),
            Map.entry(Columns.MONTH, Columns.MONTH),
            Map.entry(Columns.TYPE, Columns.TYPE),
            Map.entry(Columns.POSITION, Columns.POSITION));


    private final Texts texts;

    public Labels(Texts texts) {
        this.texts = texts;
    }

    /**
     * The words for {@code code} as found in the table column {@code column} (e.g. {@code Columns.DOJ2023_CLASS},
     * {@code Codes.HIGHLY_CONCENTRATED}); the code itself when it has none, {@link Numbers#MISSING} when empty.
     * A quarantine reason may carry its column ({@code bad_number:unit_price}): see {@link #reason(String)}.
     */
    public String of(String column, String code) {
        if (code == null || code.isBlank()) {
            return Numbers.MISSING;
        }
        if (Columns.REASON.equals(column)) {
            return reason(code);
        }
        if (Columns.STATUS.equals(column) && code.contains(Codes.STATUS_SEPARATOR)) {
            return codes(code).stream().map(c -> of(column, c)).collect(java.util.stream.Collectors.joining(texts.get("label.status.separator")));
        }
        String key = key(column, code);
        return key != null && texts.has(key) ? texts.get(key) : code;
    }

    /** Whether {@code code} of {@code column} has words of its own (is not shown as the bare code). */
    public boolean has(String column, String code) {
        if (code == null || code.isBlank()) {
            return false;
        }
        String key = Columns.REASON.equals(column) ? "label.reason." + reasonPrefix(code) : key(column, code);
        return key != null && texts.has(key);
    }

    private static String reasonPrefix(String reason) {
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    private static String key(String column, String code) {
        String family = FAMILIES.get(column);
        return family == null ? null : "label." + family + "." + code.trim().toLowerCase(Locale.ROOT);
    }

    public String season(String code) {
        return of(Columns.SEASON, code);
    }

    public String stage(String code) {
        return of(Columns.STAGE, code);
    }

    /** A DOJ 2023 or 2010 HHI class (both editions use the same three codes). */
    public String hhiClass(String code) {
        return of(Columns.DOJ2023_CLASS, code);
    }

    public String bainCr4Class(String code) {
        return of(Columns.BAIN_CR4_CLASS, code);
    }

    public String bainCr8Class(String code) {
        return of(Columns.BAIN_CR8_CLASS, code);
    }

    public String direction(String code) {
        return of(Columns.DIRECTION, code);
    }

    /** Peak or trough of {@code turning_points}, title or attribute of {@code hot_terms}. */
    public String kind(String code) {
        return of(Columns.KIND, code);
    }

    public String model(String code) {
        return of(Columns.MODEL, code);
    }

    public String status(String code) {
        return of(Columns.STATUS, code);
    }

    /** How a seller competes with the own store: direct, indirect or emerging ({@code CompetitorType}). */
    public String competitorType(String code) {
        return of(Columns.TYPE, code);
    }

    /** A seller's market position after Kotler: leader, challenger, follower, nicher ({@code MarketPosition}). */
    public String position(String code) {
        return of(Columns.POSITION, code);
    }

    /** What changed since the previous run ({@code kind} of {@code changes}, {@link RunChange}). */
    public String change(String code) {
        if (code == null || code.isBlank()) {
            return Numbers.MISSING;
        }
        String key = Code.labelKey(RunChange.FAMILY, code.trim().toLowerCase(Locale.ROOT));
        return texts.has(key) ? texts.get(key) : code;
    }

    /** The codes of a {@code status} cell, in order; none for an empty cell. */
    public static java.util.List<String> codes(String status) {
        if (status == null || status.isBlank()) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(status.split(Codes.STATUS_SEPARATOR)).map(String::trim).filter(c -> !c.isEmpty()).toList();
    }

    /** Whether the {@code status} cell gives {@code code} among its reasons. */
    public static boolean holds(String status, String code) {
        return codes(status).contains(code);
    }

    /** The name of a calendar month, 1–12 (January / 1月); the number itself outside that range. */
    public String month(int month) {
        return month >= 1 && month <= 12 ? texts.get("label.month." + month) : Integer.toString(month);
    }

    /**
     * A quarantine reason in words: {@code bad_number:unit_price} → "bad number: unit_price"; a reason
     * without a column ({@code duplicate_key}) → its words alone; an unknown prefix stays as written.
     */
    public String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            return Numbers.MISSING;
        }
        int colon = reason.indexOf(':');
        String key = "label.reason." + reasonPrefix(reason);
        if (!texts.has(key)) {
            return reason;
        }
        String words = texts.get(key);
        return colon < 0 || colon == reason.length() - 1 ? words
                : texts.get("label.reason.with_column", words, reason.substring(colon + 1));
    }

    /** {@code text} with its first letter in upper case, for a label that starts a table cell or heading. */
    public static String capitalize(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        int first = text.codePointAt(0);
        return new StringBuilder().appendCodePoint(Character.toUpperCase(first))
                .append(text.substring(Character.charCount(first))).toString();
    }

    /**
     * A lane's service as it reads beside its carrier: without the carrier's name when the export repeats it there
     * (carrier "Cainiao", service "Cainiao Super Economy Global" → "Super Economy Global"), so that "carrier service" never
     * says the name twice; otherwise as it is (also a service that is nothing but the carrier's name).
     */
    public static String service(String carrier, String service) {
        if (carrier == null || carrier.isBlank() || service == null) {
            return service;
        }
        String c = carrier.strip();
        String s = service.strip();
        if (s.length() > c.length() + 1 && s.regionMatches(true, 0, c, 0, c.length()) && Character.isWhitespace(s.charAt(c.length()))) {
            return s.substring(c.length() + 1).strip();
        }
        return service;
    }
}
