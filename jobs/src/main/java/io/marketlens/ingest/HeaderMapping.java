package io.marketlens.ingest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the header of one export onto the canonical columns of its source. Each canonical column is read by its
 * {@link ColumnRule}: the config's ({@code sources.<source>.columns}) first, then the file's preset's ({@link Presets}),
 * else the header named like the column itself. Header names are compared case-insensitively, with spaces, dashes, dots
 * and slashes read as '_'. Headers that map to nothing are ignored (kept out of the warehouse).
 */
public final class HeaderMapping implements Serializable {

    /** How one canonical column's text is taken from a record. */
    private sealed interface Cell extends Serializable {
    }

    /** The first field of {@code indexes} with a value, transformed by its rule (null: as it is). */
    private record Field(int[] indexes, ColumnRule rule) implements Cell {
        int index() {
            return indexes[0];
        }
    }

    /** The same text on every row (a rule's value, or what a file-name rule found). */
    private record Constant(String text) implements Cell {
    }

    /** One field divided by another (a line total by its quantity). */
    private record Divide(int numerator, int denominator) implements Cell {
    }

    private final Cell[] cells;
    private final int fieldCount;
    private final List<String> ignored;
    private final SourceOptions options;
    private final Presets.Match preset;

    private HeaderMapping(Cell[] cells, int fieldCount, List<String> ignored, SourceOptions options, Presets.Match preset) {
        this.cells = cells;
        this.fieldCount = fieldCount;
        this.ignored = ignored;
        this.options = options;
        this.preset = preset;
    }

    static String normalise(String header) {
        return header.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-./]+", "_");
    }

    /**
     * Resolves the header or throws {@link UnreadableFileException} naming the file, the problem and the fix.
     */
    public static HeaderMapping resolve(Source source, SourceOptions options, List<String> header, String file) {
        Optional<Presets.Match> match = Presets.select(source, options, header, file);
        SourceOptions effective = match.map(m -> options.withPreset(m.preset().readingOptions())).orElse(options);
        Map<String, Integer> position = new LinkedHashMap<>();
        Map<String, Integer> repeated = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            Integer before = position.putIfAbsent(normalise(header.get(i)), i);
            if (before != null) {
                repeated.putIfAbsent(normalise(header.get(i)), i);
            }
        }
        Cell[] cells = new Cell[source.columns().size()];
        Set<Integer> used = new HashSet<>();
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < cells.length; c++) {
            ColumnSpec spec = source.columns().get(c);
            ColumnRule rule = effective.columns().get(spec.name());
            Cell cell = rule == null ? canonical(spec.name(), position) : cell(rule, position, file);
            if (cell == null && rule != null && rule.from() != null) {
                cell = canonical(spec.name(), position);   // a header named like the column still fills it
            }
            if (cell == null && spec.required()) {
                missing.add(rule == null ? spec.name() : spec.name() + " (from " + rule.headers() + ")");
            }
            cells[c] = cell;
            for (String h : rule == null ? List.of(spec.name()) : rule.headers()) {
                Integer second = repeated.get(normalise(h));
                if (second != null && cell != null) {
                    throw new UnreadableFileException(file + ": columns '" + header.get(position.get(normalise(h))) + "' and '"
                            + header.get(second) + "' both map to " + source.dirName() + "." + spec.name()
                            + "; keep one of them or fix sources." + source.dirName() + ".columns in the config");
                }
            }
            if (cell instanceof Field f) {
                for (int i : f.indexes()) {
                    used.add(i);
                }
            } else if (cell instanceof Divide d) {
                used.add(d.numerator());
                used.add(d.denominator());
            }
        }
        if (!missing.isEmpty()) {
            throw new UnreadableFileException(file + ": " + match.map(m -> "matches the preset " + m.preset().name() + " ("
                    + m.why() + ") but ").orElse("") + "required " + source.dirName() + " column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " not found in the header " + header + ". "
                    + (match.isPresent() ? "Export the report with that column, or map it in the config, e.g. sources."
                    : "Rename the header, or map it in the config, e.g. sources.") + source.dirName()
                    + ".columns." + missing.get(0).split(" ")[0] + ": \"<header in your export>\""
                    + (header.size() == 1 ? " (only one column was found: check the delimiter or the encoding)" : ""));
        }
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (!used.contains(i)) {
                ignored.add(header.get(i));
            }
        }
        return new HeaderMapping(cells, header.size(), List.copyOf(ignored), effective, match.orElse(null));
    }

    /** The header named like the canonical column, or null. */
    private static Cell canonical(String name, Map<String, Integer> position) {
        Integer i = position.get(name);
        return i == null ? null : new Field(new int[]{i}, null);
    }

    /** The cell a rule reads from this header, or null when the header lacks its columns. */
    private static Cell cell(ColumnRule rule, Map<String, Integer> position, String file) {
        if (rule.value() != null) {
            return new Constant(rule.transform(rule.value()));
        }
        if (rule.fileName() != null) {
            String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
            Matcher m = Pattern.compile(rule.fileName()).matcher(name);
            return m.find() && m.group(1) != null ? new Constant(rule.transform(m.group(1))) : null;
        }
        if (rule.divide() != null) {
            Integer n = position.get(normalise(rule.divide().get(0)));
            Integer d = position.get(normalise(rule.divide().get(1)));
            return n == null || d == null ? null : new Divide(n, d);
        }
        int[] present = rule.from().stream().map(h -> position.get(normalise(h))).filter(java.util.Objects::nonNull)
                .mapToInt(Integer::intValue).toArray();
        return present.length == 0 ? null : new Field(present, rule);
    }

    /**
     * The text of the canonical column at {@code canonicalIndex} in a record ({@code fields}, as many as the header), read
     * by its rule: empty when the file has no such column. A divided column whose two numbers {@code parser} cannot read
     * is a rejection naming {@code column}; a division by zero is empty (a cancelled line of quantity 0 has no unit price).
     */
    String text(int canonicalIndex, List<String> fields, ValueParser parser, String column) throws ValueParser.Rejection {
        Cell cell = cells[canonicalIndex];
        if (cell == null) {
            return "";
        }
        if (cell instanceof Field f) {
            String t = "";
            for (int i = 0; i < f.indexes().length && t.isEmpty(); i++) {
                t = fields.get(f.indexes()[i]).strip();
            }
            return f.rule() == null ? t : f.rule().transform(t);
        }
        if (cell instanceof Constant k) {
            return k.text();
        }
        Divide d = (Divide) cell;
        String num = fields.get(d.numerator()).strip();
        String den = fields.get(d.denominator()).strip();
        if (num.isEmpty() || den.isEmpty()) {
            return "";
        }
        BigDecimal n = parser.number(column, num);
        BigDecimal q = parser.number(column, den);
        if (q.signum() == 0) {
            return "";
        }
        String quotient = n.divide(q, ValueParser.AMOUNT_SCALE, RoundingMode.HALF_UP).toPlainString();
        return options.decimalComma() ? quotient.replace('.', ',') : quotient;   // read back in the file's notation
    }

    /** The field a canonical column is read from as it is or through a mapping; -1 for a constant, a division or none. */
    int fieldOf(int canonicalIndex) {
        return cells[canonicalIndex] instanceof Field f ? f.index() : -1;
    }

    public int fieldCount() {
        return fieldCount;
    }

    /** Header names that map to no canonical column. */
    public List<String> ignored() {
        return ignored;
    }

    /** The reading options of the file: the config's over its preset's. */
    public SourceOptions options() {
        return options;
    }

    /** The file's preset and why it was chosen; empty when it has none. */
    public Optional<Presets.Match> preset() {
        return Optional.ofNullable(preset);
    }
}
