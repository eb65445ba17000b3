package io.marketlens.ingest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How one canonical column is read from an export: the mapping language of {@code sources.<source>.columns} in the
 * config and of the presets. In YAML a rule is a header name, a list of header names (the first one the file has), or
 * an object:
 *
 * <pre>
 * order_id: Order ID                       # the column "Order ID"
 * order_ts: [Created at, Paid at]          # the first of these with a value on the row
 * platform: {value: amazon}                # the same text on every row
 * status: {from: Status, map: {"Shipped - Delivered to Buyer": delivered, Cancelled: cancelled}, otherwise: keep}
 * unit_price: {divide: [Amount, Qty]}      # a line total ÷ its quantity (empty when the quantity is 0)
 * region: {from: ship-postal-code, code: true}   # "400081.0" → "400081"
 * snapshot_date: {file_name: '(\d{4}-\d{2}-\d{2})'}   # the first group of the regex in the file's name
 * product_id: {from: link, extract: '/dp/([A-Z0-9]{10})'}   # the first group of the regex in the column's value
 * </pre>
 *
 * {@code extract} takes a piece of a column's value: the regular expression is searched for in the value (it need not
 * match the whole of it) and its first group is the cell; a value in which it is not found, or whose first group takes
 * no part in the match, becomes empty (a required column then quarantines the row as {@code missing_required:<column>},
 * never a wrong piece of text). With a list of headers the first one with a value is read, then extracted. The
 * extracted text then goes through {@code map}, {@code otherwise} and {@code code}.
 *
 * <p>{@code map} replaces a value found among its keys (compared case-insensitively, trimmed); a value not among them is
 * kept as it is ({@code otherwise: keep}, the default) or replaced by {@code otherwise}'s text.
 *
 * @param from     header names: the first of them that the file has and that holds a value on the row is read (null
 *                 for a rule that reads no column)
 * @param value    a constant
 * @param map      value → replacement
 * @param otherwise what a value not in {@code map} becomes: null (kept) or a text
 * @param divide   two header names: numerator and denominator
 * @param fileName a regular expression whose first group, found in the file's name, is the value
 * @param code     whether a number-like code loses a trailing ".0" (spreadsheets turn postal codes into 400081.0)
 * @param extract  a regular expression with a group, searched for in the {@code from} column's value: the first group is
 *                 the value (empty when it is not found); null to read the value whole
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
public record ColumnRule(List<String> from, String value, Map<String, String> map, String otherwise, List<String> divide,
                         String fileName, boolean code, String extract) implements Serializable {

    /** The word of {@code otherwise} that keeps an unmapped value. */
    public static final String KEEP = "keep";

    /** The compiled {@code extract} expressions, shared by the rules that use the same text. */
    private static final java.util.concurrent.ConcurrentMap<String, Pattern> EXTRACTS = new java.util.concurrent.ConcurrentHashMap<>();

    public ColumnRule {
        from = from == null ? null : List.copyOf(from);
        map = map == null ? Map.of() : normalisedKeys(map);
        otherwise = otherwise == null || KEEP.equalsIgnoreCase(otherwise) ? null : otherwise;
        divide = divide == null ? null : List.copyOf(divide);
        int kinds = (from != null ? 1 : 0) + (value != null ? 1 : 0) + (divide != null ? 1 : 0) + (fileName != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("a column rule needs exactly one of from, value, divide, file_name");
        }
        if (divide != null && divide.size() != 2) {
            throw new IllegalArgumentException("divide needs two columns, [numerator, denominator], not " + divide);
        }
        if (from != null && from.isEmpty()) {
            throw new IllegalArgumentException("from needs at least one header name");
        }
        if (fileName != null) {
            checkGroup("file_name", fileName);
        }
        if (extract != null) {
            if (from == null) {
                throw new IllegalArgumentException("extract needs from: the column whose value it takes a piece of");
            }
            checkGroup("extract", extract);
        }
    }

    private static void checkGroup(String key, String regex) {
        try {
            if (Pattern.compile(regex).matcher("").groupCount() < 1) {
                throw new IllegalArgumentException(key + " '" + regex + "' needs a group ( ) around the value");
            }
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(key + " '" + regex + "' is not a regular expression: " + e.getDescription());
        }
    }

    /** Reads the column {@code header} (or the first of several). */
    public static ColumnRule from(String... headers) {
        return new ColumnRule(List.of(headers), null, null, null, null, null, false, null);
    }

    /**
     * A rule from YAML: a header name, a list of header names, or an object with the keys {@code from}, {@code value},
     * {@code map}, {@code otherwise}, {@code divide}, {@code file_name}, {@code code}, {@code extract}.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ColumnRule of(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("a column rule is empty");
        }
        if (node.isValueNode()) {
            return from(node.asText());
        }
        if (node.isArray()) {
            return new ColumnRule(texts(node, "a header list"), null, null, null, null, null, false, null);
        }
        List<String> known = List.of("from", "value", "map", "otherwise", "divide", "file_name", "code", "extract");
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in a column rule; the keys are " + known);
            }
        }
        Map<String, String> map = null;
        if (node.has("map")) {
            if (!node.get("map").isObject()) {
                throw new IllegalArgumentException("map needs value: replacement pairs");
            }
            map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.get("map").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                map.put(e.getKey(), e.getValue().asText());
            }
        }
        return new ColumnRule(node.has("from") ? texts(node.get("from"), "from") : null, text(node, "value"), map,
                text(node, "otherwise"), node.has("divide") ? texts(node.get("divide"), "divide") : null, text(node, "file_name"),
                node.has("code") && node.get("code").asBoolean(), text(node, "extract"));
    }

    private static String text(JsonNode node, String key) {
        return node.has(key) && !node.get(key).isNull() ? node.get(key).asText() : null;
    }

    private static List<String> texts(JsonNode node, String what) {
        List<String> out = new ArrayList<>();
        if (node.isValueNode()) {
            out.add(node.asText());
            return out;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(what + " needs a header name or a list of them");
        }
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, String> normalisedKeys(Map<String, String> map) {
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k.strip().toLowerCase(Locale.ROOT), v));
        return Map.copyOf(out);
    }

    /** The header names this rule reads (from, or divide's two); empty for a constant or a file-name rule. */
    public List<String> headers() {
        return from != null ? from : divide != null ? divide : List.of();
    }

    /** {@code text} after {@code extract}, {@code map}, {@code otherwise} and {@code code}. */
    String transform(String text) {
        String t = text;
        if (extract != null && !t.isEmpty()) {
            java.util.regex.Matcher m = EXTRACTS.computeIfAbsent(extract, Pattern::compile).matcher(t);
            String piece = m.find() ? m.group(1) : null;
            t = piece == null ? "" : piece.strip();
        }
        if (!map.isEmpty() && !t.isEmpty()) {
            String mapped = map.get(t.strip().toLowerCase(Locale.ROOT));
            t = mapped != null ? mapped : otherwise != null ? otherwise : t;
        }
        if (code && t.endsWith(".0") && t.length() > 2 && t.chars().limit(t.length() - 2).allMatch(Character::isDigit)) {
            t = t.substring(0, t.length() - 2);
        }
        return t;
    }
}
