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
 * currency: {from: Currency, carry: Name}  # empty on an order's later lines: the value of its previous line
 * status: {first: [{value: cancelled, when: Cancelled at}, {from: Financial Status, map: {refunded: returned}}]}
 * line_id: {join: [(Parent) ASIN, (Child) ASIN, SKU]}   # "B08FSRZJCW | B08GLW5WX9 | OIL02I - 001": a key of several columns
 * currency: {currency_of: Price}           # the ISO code of the amount's currency mark: "€ 121.60" → EUR
 * </pre>
 *
 * <p>{@code join} reads each of its headers and puts {@value #JOIN_SEPARATOR} between the values, an empty value kept
 * empty in its place (a row where all are empty reads as empty); it keys rows that no single column tells apart. {@code
 * currency_of} reads the first of its headers with a value on the row and gives the ISO 4217 code its currency mark
 * stands for ({@code £} GBP, {@code €} EUR, {@code ₹} INR, {@code R$} BRL, a code such as {@code 12.99 USD}); a value
 * without a mark, or with one several currencies share ({@code $}, {@code ¥}, {@code kr}), reads as empty (a required
 * currency then quarantines the row as {@code missing_required:currency}: map a constant instead).
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
 * <p>{@code first} is a list of rules (each a header name, a list of them or an object): the text of the first of them
 * that has one on the row, then {@code map}, {@code otherwise} and {@code code}. An alternative whose columns the file
 * lacks is left out. {@code when} names headers (like {@code from}): the rule reads its text only on a row where one of
 * them holds a value, and is empty elsewhere — with {@code value} it turns a column's presence into a word (an order
 * with a cancellation date is {@code cancelled}); a rule whose {@code when} headers the file lacks reads nothing.
 *
 * <p>{@code carry} names the header that identifies a group of consecutive rows (Shopify's order number {@code Name}):
 * where the rule's text is empty on a row, it is the text of the previous row of the same group — exports with one row
 * per order line that give the order's fields on its first line only. An empty group header carries nothing. It applies
 * to the rule as a whole (on a top-level rule, not inside {@code first}), after {@code first}, {@code when} and
 * {@code map}. Carrying needs the rows in file order, so a file whose mapping carries is read by one task, never split
 * into chunks ({@link HeaderMapping#carries()}).
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
 * @param carry    the header of the group (an order) whose previous row fills an empty text; null: none
 * @param when     headers one of which must hold a value on the row for the rule to read anything; null: always
 * @param first    alternative rules, the first with a text wins
 * @param join     headers whose values, joined, are the value
 * @param currencyOf headers of amounts: the currency of the first with a value is the value
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
public record ColumnRule(List<String> from, String value, Map<String, String> map, String otherwise, List<String> divide,
                         String fileName, boolean code, String extract, String carry, List<String> when, List<ColumnRule> first,
                         List<String> join, List<String> currencyOf)
        implements Serializable {

    /** What {@code join} puts between the values it joins. */
    public static final String JOIN_SEPARATOR = " | ";

    /** The word of {@code otherwise} that keeps an unmapped value. */
    public static final String KEEP = "keep";

    /** The compiled {@code extract} expressions, shared by the rules that use the same text. */
    private static final java.util.concurrent.ConcurrentMap<String, Pattern> EXTRACTS = new java.util.concurrent.ConcurrentHashMap<>();

    public ColumnRule {
        from = from == null ? null : List.copyOf(from);
        map = map == null ? Map.of() : normalisedKeys(map);
        otherwise = otherwise == null || KEEP.equalsIgnoreCase(otherwise) ? null : otherwise;
        divide = divide == null ? null : List.copyOf(divide);
        when = when == null ? null : List.copyOf(when);
        first = first == null ? null : List.copyOf(first);
        join = join == null ? null : List.copyOf(join);
        currencyOf = currencyOf == null ? null : List.copyOf(currencyOf);
        int kinds = (from != null ? 1 : 0) + (value != null ? 1 : 0) + (divide != null ? 1 : 0) + (fileName != null ? 1 : 0)
                + (first != null ? 1 : 0) + (join != null ? 1 : 0) + (currencyOf != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException(
                    "a column rule needs exactly one of from, value, divide, file_name, first, join, currency_of");
        }
        if (join != null && join.size() < 2) {
            throw new IllegalArgumentException("join needs two or more header names, e.g. join: [(Parent) ASIN, SKU]");
        }
        if (currencyOf != null && currencyOf.isEmpty()) {
            throw new IllegalArgumentException("currency_of needs the header of an amount, e.g. currency_of: Price");
        }
        checkCarryWhenFirst(carry, when, first);
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

    /** A rule without {@code carry}, {@code when}, {@code first}, {@code join} and {@code currency_of}. */
    public ColumnRule(List<String> from, String value, Map<String, String> map, String otherwise, List<String> divide,
                      String fileName, boolean code, String extract) {
        this(from, value, map, otherwise, divide, fileName, code, extract, null, null, null, null, null);
    }

    private static void checkCarryWhenFirst(String carry, List<String> when, List<ColumnRule> first) {
        if (carry != null && carry.isBlank()) {
            throw new IllegalArgumentException("carry needs the header that identifies a group of rows, e.g. carry: Name");
        }
        if (when != null && when.isEmpty()) {
            throw new IllegalArgumentException("when needs at least one header name");
        }
        if (first != null) {
            if (first.isEmpty()) {
                throw new IllegalArgumentException("first needs at least one rule");
            }
            if (first.stream().anyMatch(r -> r.carry() != null)) {
                throw new IllegalArgumentException("carry applies to a whole rule: put it beside first, not inside it");
            }
        }
    }

    /** Reads the column {@code header} (or the first of several). */
    public static ColumnRule from(String... headers) {
        return new ColumnRule(List.of(headers), null, null, null, null, null, false, null);
    }

    /**
     * A rule from YAML: a header name, a list of header names, or an object with the keys {@code from}, {@code value},
     * {@code map}, {@code otherwise}, {@code divide}, {@code file_name}, {@code code}, {@code extract}, {@code carry},
     * {@code when}, {@code first}, {@code join}, {@code currency_of}.
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
        List<String> known = List.of("from", "value", "map", "otherwise", "divide", "file_name", "code", "extract", "carry",
                "when", "first", "join", "currency_of");
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
        List<ColumnRule> first = null;
        if (node.has("first")) {
            if (!node.get("first").isArray()) {
                throw new IllegalArgumentException("first needs a list of rules");
            }
            first = new ArrayList<>();
            for (JsonNode alternative : node.get("first")) {
                first.add(of(alternative));
            }
        }
        return new ColumnRule(node.has("from") ? texts(node.get("from"), "from") : null, text(node, "value"), map,
                text(node, "otherwise"), node.has("divide") ? texts(node.get("divide"), "divide") : null, text(node, "file_name"),
                node.has("code") && node.get("code").asBoolean(), text(node, "extract"), text(node, "carry"),
                node.has("when") ? texts(node.get("when"), "when") : null, first,
                node.has("join") ? texts(node.get("join"), "join") : null,
                node.has("currency_of") ? texts(node.get("currency_of"), "currency_of") : null);
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

    /**
     * The header names this rule reads (from, divide's two, or those of first's rules); empty for a constant or a
     * file-name rule. The headers of {@code when} and {@code carry} are conditions, not read into the column.
     */
    public List<String> headers() {
        if (first != null) {
            return first.stream().flatMap(r -> r.headers().stream()).distinct().toList();
        }
        return from != null ? from : divide != null ? divide : join != null ? join : currencyOf != null ? currencyOf : List.of();
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
