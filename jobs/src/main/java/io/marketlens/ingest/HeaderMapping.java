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
 *
 * <p>A mapping is shared by the tasks that read a file and holds no state of its own; a rule that carries values down
 * from row to row ({@link ColumnRule#carry()}) reads through a {@link Reading}, one per reader of the file.
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

    /** The first of several cells with a text, transformed by its rule. */
    private record First(Cell[] cells, ColumnRule rule) implements Cell {
    }

    /** {@code cell}'s text on a row where one of the fields {@code indexes} has a value; empty elsewhere. */
    private record When(int[] indexes, Cell cell) implements Cell {
    }

    /** {@code cell}'s text; where empty, a {@link Reading} gives the previous row's of the same group (field {@code group}). */
    /** Several fields' values joined by {@link ColumnRule#JOIN_SEPARATOR}. */
    private record Join(int[] indexes, ColumnRule rule) implements Cell {
    }

    /** The currency of the first of these fields that holds an amount. */
    private record CurrencyOf(int[] indexes, ColumnRule rule) implements Cell {
    }

    private record Carry(int group, Cell cell) implements Cell {
    }

    private final Cell[] cells;
    private final int fieldCount;
    private final List<String> ignored;
    private final SourceOptions options;
    private final Presets.Match preset;
    /** The fields of {@code rows_with}: a row with a value in none of them is not selected; null: every row is. */
    private final int[] rowsWith;

    private HeaderMapping(Cell[] cells, int fieldCount, List<String> ignored, SourceOptions options, Presets.Match preset,
                          int[] rowsWith) {
        this.rowsWith = rowsWith;
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
        List<String> unnamed = new ArrayList<>();   // required columns a file-name rule finds nothing for
        for (int c = 0; c < cells.length; c++) {
            ColumnSpec spec = source.columns().get(c);
            ColumnRule rule = effective.columns().get(spec.name());
            Cell cell = rule == null ? canonical(spec.name(), position) : cell(rule, position, file, effective.fileDate());
            if (cell == null && rule != null && rule.from() != null) {
                cell = canonical(spec.name(), position);   // a header named like the column still fills it
            }
            if (cell == null && spec.required() && rule != null && rule.fileName() != null) {
                unnamed.add(spec.name() + " (no match for " + rule.fileName() + ")");
            } else if (cell == null && spec.required()) {
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
            fieldsOf(cell, used);
        }
        if (!unnamed.isEmpty() && missing.isEmpty()) {
            throw new UnreadableFileException(file + ": " + match.map(m -> "matches the preset " + m.preset().name() + " ("
                    + m.why() + ") but ").orElse("") + "its name gives no " + source.dirName() + " "
                    + String.join(", ", unnamed) + ": " + fileDateHint(source));
        }
        missing.addAll(unnamed);
        if (!missing.isEmpty()) {
            throw new UnreadableFileException(file + ": " + match.map(m -> "matches the preset " + m.preset().name() + " ("
                    + m.why() + ") but ").orElse("") + "required " + source.dirName() + " column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " not found in " + shownHeader(header) + ". "
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
        int[] rowsWith = null;
        if (!effective.rowsWith().isEmpty()) {
            rowsWith = present(effective.rowsWith(), position);
            if (rowsWith.length == 0) {
                throw new UnreadableFileException(file + ": " + match.map(m -> "matches the preset " + m.preset().name() + " ("
                        + m.why() + ") but ").orElse("") + "has none of the columns " + effective.rowsWith() + " that tell which"
                        + " rows are " + source.dirName() + " rows (rows_with); export the report with one of them");
            }
        }
        return new HeaderMapping(cells, header.size(), List.copyOf(ignored), effective, match.orElse(null), rowsWith);
    }

    /** The longest header name that a message shows. */
    private static final int LONGEST_SHOWN_NAME = 64;

    /**
     * The header as a message may show it: {@code the header [order, date, …]} when it has two names or more and each
     * reads as a column name, else only how many columns it has — so that a file that is no export (a system file linked
     * into the input folder, say) is not copied into a message or a log.
     */
    static String shownHeader(List<String> header) {
        List<String> names = header.stream().map(String::strip).filter(h -> !h.isEmpty()).toList();
        if (names.size() >= 2 && names.stream().allMatch(HeaderMapping::readsAsAName)) {
            return "the header " + header;
        }
        return "its header row (" + header.size() + (header.size() == 1 ? " column" : " columns")
                + ", not shown: it does not read as column names)";
    }

    /**
     * Whether a header cell reads as a column name: a letter at least, at most {@value #LONGEST_SHOWN_NAME} characters,
     * no control character, none of {@code {}<>="\`}, not a path ({@code /root}), and a colon only before a space
     * ({@code Buy Box: Current}, not {@code root:x:0}).
     */
    static boolean readsAsAName(String name) {
        if (name.length() > LONGEST_SHOWN_NAME || name.startsWith("/") || name.codePoints().noneMatch(Character::isLetter)) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || "{}<>=\"\\`".indexOf(c) >= 0
                    || c == ':' && i + 1 < name.length() && name.charAt(i + 1) != ' ') {
                return false;
            }
        }
        return true;
    }

    /** How to give the text that a file-name rule finds nothing for. */
    private static String fileDateHint(Source source) {
        String option = source == Source.COMPETITORS ? "--snapshot-date YYYY-MM-DD" : source == Source.SALES
                ? "--period YYYY-MM" : null;
        return "rename the file to carry it, " + (option == null ? "" : "give " + option + " on the command line, ")
                + "or set sources." + source.dirName() + ".file_date in the config";
    }

    /** The header named like the canonical column, or null. */
    private static Cell canonical(String name, Map<String, Integer> position) {
        Integer i = position.get(name);
        return i == null ? null : new Field(new int[]{i}, null);
    }

    /** Adds the fields that {@code cell} reads to {@code used}. */
    private static void fieldsOf(Cell cell, Set<Integer> used) {
        if (cell instanceof Field f) {
            for (int i : f.indexes()) {
                used.add(i);
            }
        } else if (cell instanceof Divide d) {
            used.add(d.numerator());
            used.add(d.denominator());
        } else if (cell instanceof First f) {
            for (Cell c : f.cells()) {
                fieldsOf(c, used);
            }
        } else if (cell instanceof When w) {
            for (int i : w.indexes()) {
                used.add(i);
            }
            fieldsOf(w.cell(), used);
        } else if (cell instanceof Carry k) {
            used.add(k.group());
            fieldsOf(k.cell(), used);
        } else if (cell instanceof Join j) {
            for (int i : j.indexes()) {
                used.add(i);
            }
        } else if (cell instanceof CurrencyOf c) {
            for (int i : c.indexes()) {
                used.add(i);
            }
        }
    }

    /** The positions of those of {@code headers} that the header has, in their order. */
    private static int[] present(List<String> headers, Map<String, Integer> position) {
        return headers.stream().map(h -> position.get(normalise(h))).filter(java.util.Objects::nonNull)
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * The cell a rule reads from this header, or null when the header lacks its columns (or its {@code when} columns).
     * A rule that carries, in a header without its group column, carries nothing.
     */
    private static Cell cell(ColumnRule rule, Map<String, Integer> position, String file, String fileDate) {
        Cell cell = unconditional(rule, position, file, fileDate);
        if (cell != null && rule.when() != null) {
            int[] when = present(rule.when(), position);
            cell = when.length == 0 ? null : new When(when, cell);
        }
        Integer group = rule.carry() == null ? null : position.get(normalise(rule.carry()));
        return cell != null && group != null ? new Carry(group, cell) : cell;
    }

    /**
     * The rule's cell before {@code when} and {@code carry}. A file-name rule whose expression the name does not match
     * reads {@code fileDate} (the source's {@code file_date}, set by {@code --snapshot-date} or {@code --period}) when
     * there is one.
     */
    private static Cell unconditional(ColumnRule rule, Map<String, Integer> position, String file, String fileDate) {
        if (rule.first() != null) {
            List<Cell> cells = new ArrayList<>();
            for (ColumnRule alternative : rule.first()) {
                Cell c = cell(alternative, position, file, fileDate);
                if (c != null) {
                    cells.add(c);
                }
            }
            return cells.isEmpty() ? null : new First(cells.toArray(Cell[]::new), rule);
        }
        if (rule.value() != null) {
            return new Constant(rule.transform(rule.value()));
        }
        if (rule.fileName() != null) {
            String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
            Matcher m = Pattern.compile(rule.fileName()).matcher(name);
            if (m.find() && m.group(1) != null) {
                return new Constant(rule.transform(m.group(1)));
            }
            return fileDate == null ? null : new Constant(fileDate);
        }
        if (rule.join() != null) {
            int[] present = present(rule.join(), position);
            return present.length < rule.join().size() ? null : new Join(present, rule);
        }
        if (rule.currencyOf() != null) {
            int[] present = present(rule.currencyOf(), position);
            return present.length == 0 ? null : new CurrencyOf(present, rule);
        }
        if (rule.divide() != null) {
            Integer n = position.get(normalise(rule.divide().get(0)));
            Integer d = position.get(normalise(rule.divide().get(1)));
            return n == null || d == null ? null : new Divide(n, d);
        }
        int[] present = present(rule.from(), position);
        return present.length == 0 ? null : new Field(present, rule);
    }

    /**
     * The text of the canonical column at {@code canonicalIndex} in a record ({@code fields}, as many as the header), read
     * by its rule: empty when the file has no such column. A divided column whose two numbers {@code parser} cannot read
     * is a rejection naming {@code column}; a division by zero is empty (a cancelled line of quantity 0 has no unit price).
     * Nothing is carried down from an earlier row: {@link Reading#text} does that.
     */
    String text(int canonicalIndex, List<String> fields, ValueParser parser, String column) throws ValueParser.Rejection {
        Cell cell = cells[canonicalIndex];
        return cell == null ? "" : text(cell, fields, parser, column);
    }

    private static String text(Cell cell, List<String> fields, ValueParser parser, String column) throws ValueParser.Rejection {
        if (cell instanceof Carry k) {
            return text(k.cell(), fields, parser, column);
        }
        if (cell instanceof When w) {
            for (int i : w.indexes()) {
                if (!fields.get(i).isBlank()) {
                    return text(w.cell(), fields, parser, column);
                }
            }
            return "";
        }
        if (cell instanceof First f) {
            String t = "";
            for (int i = 0; i < f.cells().length && t.isEmpty(); i++) {
                t = text(f.cells()[i], fields, parser, column);
            }
            return f.rule().transform(t);
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
        if (cell instanceof Join j) {
            String[] parts = new String[j.indexes().length];
            boolean any = false;
            for (int i = 0; i < parts.length; i++) {
                parts[i] = fields.get(j.indexes()[i]).strip();
                any |= !parts[i].isEmpty();
            }
            return any ? j.rule().transform(String.join(ColumnRule.JOIN_SEPARATOR, parts)) : "";
        }
        if (cell instanceof CurrencyOf c) {
            for (int i : c.indexes()) {
                String amount = fields.get(i).strip();
                if (!amount.isEmpty()) {
                    return c.rule().transform(ValueParser.currencyOfAmount(amount).orElse(""));
                }
            }
            return "";
        }
        Divide d = (Divide) cell;
        String num = fields.get(d.numerator()).strip();
        String den = fields.get(d.denominator()).strip();
        if (num.isEmpty() || den.isEmpty()) {
            return "";
        }
        BigDecimal n = parser.money(column, num);   // a line total may carry its currency: £38,793.82
        BigDecimal q = parser.number(column, den);
        if (q.signum() == 0) {
            return "";
        }
        return parser.notation(n.divide(q, ValueParser.AMOUNT_SCALE, RoundingMode.HALF_UP));   // read back by the parser
    }

    /**
     * Whether a row is one of the source's: it holds a value in one of the {@code rows_with} columns, or there are none.
     * The header of a column named there, or null.
     */
    String unselected(List<String> fields) {
        if (rowsWith == null) {
            return null;
        }
        for (int i : rowsWith) {
            if (!fields.get(i).isBlank()) {
                return null;
            }
        }
        return String.join(", ", options.rowsWith());
    }

    /** Whether a rule carries values down from row to row: the file must then be read in order by one reader. */
    public boolean carries() {
        return java.util.Arrays.stream(cells).anyMatch(c -> c instanceof Carry);
    }

    /** A reader's view of the mapping, remembering what rules that {@code carry} carry down; one per reader of a file. */
    public Reading reading() {
        return new Reading();
    }

    /**
     * Reads the records of one file (or of one chunk of it, when nothing carries) in their order: where a carrying rule's
     * text is empty, it is the text that rule had on the latest row of the same group (the same value in the group field,
     * e.g. the same order number); an empty group field carries nothing. Not shared between readers or threads.
     */
    public final class Reading {

        private final String[] groups = new String[cells.length];
        private final String[] texts = new String[cells.length];

        private Reading() {
        }

        /** As {@link HeaderMapping#text}, carrying down; call it for the records in file order. */
        String text(int canonicalIndex, List<String> fields, ValueParser parser, String column) throws ValueParser.Rejection {
            String t = HeaderMapping.this.text(canonicalIndex, fields, parser, column);
            if (!(cells[canonicalIndex] instanceof Carry k)) {
                return t;
            }
            String group = fields.get(k.group()).strip();
            if (t.isEmpty() && !group.isEmpty() && group.equals(groups[canonicalIndex])) {
                return texts[canonicalIndex];
            }
            groups[canonicalIndex] = group;
            texts[canonicalIndex] = t;
            return t;
        }
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
