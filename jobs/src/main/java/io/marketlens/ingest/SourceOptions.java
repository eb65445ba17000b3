package io.marketlens.ingest;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Per-source reading options from the config file ({@code sources.<name>}).
 *
 * @param encoding         character set of the files (UTF-8 default; GB18030, GBK, windows-1252 ...), or "auto": per
 *                         file, a byte-order mark wins, else valid UTF-8 is UTF-8, else the encoding its first bytes
 *                         look like (UTF-16 without a BOM, GB18030, windows-1252; see {@code EncodingSniffer})
 * @param delimiter        "," ";" "\t" "|" or "auto" (sniffed from the header line; the default)
 * @param datePattern      java.time patterns for date columns, tried in order before ISO-8601 (e.g. dd/MM/yyyy,
 *                         MM-dd-yy, MMM d, yyyy); one string in the YAML is a list of one; empty when not configured
 * @param timestampPattern java.time patterns for timestamp columns, tried in order before the date patterns and ISO-8601
 * @param decimalComma     numbers use a decimal comma and optional dot grouping (1.234,56)
 * @param columns          canonical column → how it is read ({@link ColumnRule}: a header name, a list of them, or a rule)
 * @param preset           the preset of the source's files ({@link Presets}); null (or "auto") to detect it from each
 *                         header, "none" for none
 * @param headerRow        physical line (1-based; the sheet row of an .xlsx) of the header row, or "auto" (the
 *                         default): lines of a preamble before the header (report name, date range, blank lines)
 *                         are skipped up to the first line, among the first {@value #PREAMBLE_SEARCH_LINES}, that
 *                         names a column of the source (canonical name or alias)
 * @param sheet            the sheet of an .xlsx workbook to read; null: the first
 * @param fileDate         what a {@code file_name} rule reads from a file whose name does not match it: the snapshot
 *                         date of competitor files named without one ({@code --snapshot-date}), the period of an
 *                         aggregated sales report ({@code --period}); null: such a file's column is missing
 * @param rowsWith         headers one of which must hold a value for a row to be one of the source's: a row with none
 *                         is quarantined as {@value #NOT_SELECTED}, which {@code max_quarantine_ratio} does not count
 *                         (Shopify's order export read as shipments: only an order's fulfilled first line is one); empty:
 *                         every row
 * @param maxLinesPerRecord how many physical lines one record may span (line breaks inside a quoted field): a quote
 *                         still open after as many lines, or a record over several lines whose field count differs
 *                         from the header's, is an unbalanced quote; its opening line is quarantined as
 *                         {@value #UNBALANCED_QUOTE} and reading resumes on the next line (default
 *                         {@value #DEFAULT_MAX_LINES_PER_RECORD})
 */
public record SourceOptions(
        String encoding,
        String delimiter,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> datePattern,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> timestampPattern,
        Boolean decimalComma,
        Map<String, ColumnRule> columns,
        String preset,
        String headerRow,
        String sheet,
        String fileDate,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> rowsWith,
        Integer maxLinesPerRecord) implements Serializable {

    /** How many physical lines one record may span by default (a quoted field with line breaks in it). */
    public static final int DEFAULT_MAX_LINES_PER_RECORD = 5;

    /** The quarantine reason of a row that {@code rows_with} leaves out. */
    public static final String NOT_SELECTED = "not_selected";

    /** The quarantine reason of the opening line of a quote that is never closed (see {@code max_lines_per_record}). */
    public static final String UNBALANCED_QUOTE = "unbalanced_quote";

    public static final String AUTO = "auto";

    /** How many lines from the top {@code header_row: auto} looks at for the header. */
    public static final int PREAMBLE_SEARCH_LINES = 50;

    public static SourceOptions defaults() {
        return new SourceOptions(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Options with the default {@code max_lines_per_record}. */
    public SourceOptions(String encoding, String delimiter, List<String> datePattern, List<String> timestampPattern,
                         Boolean decimalComma, Map<String, ColumnRule> columns, String preset, String headerRow, String sheet,
                         String fileDate, List<String> rowsWith) {
        this(encoding, delimiter, datePattern, timestampPattern, decimalComma, columns, preset, headerRow, sheet, fileDate,
                rowsWith, null);
    }

    /** Options without a {@code file_date}. */
    public SourceOptions(String encoding, String delimiter, List<String> datePattern, List<String> timestampPattern,
                         Boolean decimalComma, Map<String, ColumnRule> columns, String preset, String headerRow, String sheet) {
        this(encoding, delimiter, datePattern, timestampPattern, decimalComma, columns, preset, headerRow, sheet, null, null);
    }

    public SourceOptions {
        encoding = encoding == null || encoding.isBlank() ? "UTF-8" : encoding.trim();
        delimiter = delimiter == null || delimiter.isEmpty() ? AUTO : delimiter;
        datePattern = patterns(datePattern);
        timestampPattern = patterns(timestampPattern);
        decimalComma = decimalComma != null && decimalComma;
        columns = columns == null ? Map.of() : Map.copyOf(columns);
        preset = preset == null || preset.isBlank() || AUTO.equalsIgnoreCase(preset.strip()) ? null : preset.strip();
        headerRow = headerRow == null || headerRow.isBlank() ? AUTO : headerRow.strip();
        sheet = sheet == null || sheet.isBlank() ? null : sheet.strip();
        fileDate = fileDate == null || fileDate.isBlank() ? null : monthEnd(fileDate.strip());
        rowsWith = rowsWith == null ? List.of() : rowsWith.stream().map(h -> h == null ? "" : h).toList();
        maxLinesPerRecord = maxLinesPerRecord == null ? DEFAULT_MAX_LINES_PER_RECORD : maxLinesPerRecord;
    }

    /**
     * The effective options under their config keys, as the run manifest lists them: every key with a value, the
     * defaults included. A preset detected from each header is {@code auto}; a setting whose default is to have none
     * ({@code sheet}: the first sheet, {@code file_date}: no date for a file named without one) is an empty text, which
     * the config reads the same way.
     */
    public Map<String, Object> describe() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("encoding", encoding);
        m.put("delimiter", delimiter);
        m.put("date_pattern", datePattern);
        m.put("timestamp_pattern", timestampPattern);
        m.put("decimal_comma", decimalComma);
        m.put("header_row", headerRow);
        m.put("sheet", sheet == null ? "" : sheet);
        m.put("file_date", fileDate == null ? "" : fileDate);
        m.put("rows_with", rowsWith);
        m.put("max_lines_per_record", maxLinesPerRecord);
        m.put("preset", preset == null ? AUTO : preset);
        m.put("columns", new java.util.TreeMap<>(columns));
        return m;
    }

    /** {@code 2026-03} → {@code 2026-03-31} (a month is read as its last day); any other text as it is. */
    static String monthEnd(String date) {
        if (date.matches("\\d{4}-\\d{2}")) {
            try {
                return java.time.YearMonth.parse(date).atEndOfMonth().toString();
            } catch (java.time.DateTimeException e) {
                return date;
            }
        }
        return date;
    }

    /**
     * The configured header line (1-based), or empty for {@code auto}. {@code ConfigLoader} has checked the value;
     * anything else than a positive integer reads as {@code auto}.
     */
    public java.util.OptionalInt headerLine() {
        if (AUTO.equalsIgnoreCase(headerRow)) {
            return java.util.OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(headerRow);
            return n >= 1 ? java.util.OptionalInt.of(n) : java.util.OptionalInt.empty();
        } catch (NumberFormatException e) {
            return java.util.OptionalInt.empty();
        }
    }

    /**
     * These options over a preset's: a setting given here wins, one left at its default takes the preset's; the
     * columns are the preset's with these ones replacing theirs.
     */
    public SourceOptions withPreset(SourceOptions p) {
        Map<String, ColumnRule> merged = new java.util.LinkedHashMap<>(p.columns());
        merged.putAll(columns);
        return new SourceOptions("UTF-8".equalsIgnoreCase(encoding) ? p.encoding() : encoding,
                AUTO.equalsIgnoreCase(delimiter) ? p.delimiter() : delimiter,
                !datePattern.isEmpty() ? datePattern : p.datePattern(),
                !timestampPattern.isEmpty() ? timestampPattern : p.timestampPattern(),
                decimalComma || p.decimalComma(), merged, preset,
                AUTO.equalsIgnoreCase(headerRow) ? p.headerRow() : headerRow, sheet != null ? sheet : p.sheet(),
                fileDate != null ? fileDate : p.fileDate(), !rowsWith.isEmpty() ? rowsWith : p.rowsWith(),
                maxLinesPerRecord != DEFAULT_MAX_LINES_PER_RECORD ? maxLinesPerRecord : p.maxLinesPerRecord());
    }

    /** These options with {@code rules} as their columns. */
    public SourceOptions withColumns(Map<String, ColumnRule> rules) {
        return new SourceOptions(encoding, delimiter, datePattern, timestampPattern, decimalComma, rules, preset, headerRow, sheet,
                fileDate, rowsWith, maxLinesPerRecord);
    }

    /** These options with {@code date} as their {@code file_date}; unchanged for null. */
    public SourceOptions withFileDate(String date) {
        return date == null ? this : new SourceOptions(encoding, delimiter, datePattern, timestampPattern, decimalComma, columns,
                preset, headerRow, sheet, date, rowsWith, maxLinesPerRecord);
    }

    /** An unmodifiable copy; a null entry (YAML {@code ~}) becomes "" for the config check to name. */
    private static List<String> patterns(List<String> given) {
        return given == null ? List.of() : given.stream().map(p -> p == null ? "" : p).toList();
    }

    /** The delimiter character, or empty when it is to be sniffed. */
    public java.util.Optional<Character> delimiterChar() {
        String d = delimiter;
        if (AUTO.equalsIgnoreCase(d)) {
            return java.util.Optional.empty();
        }
        if ("\\t".equals(d) || "tab".equalsIgnoreCase(d)) {
            return java.util.Optional.of('\t');
        }
        return java.util.Optional.of(d.charAt(0));
    }
}
