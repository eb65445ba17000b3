package io.marketlens.ingest;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Per-source reading options from the config file ({@code sources.<name>}).
 *
 * @param encoding         character set of the files (UTF-8 default; GB18030, GBK, ISO-8859-1 ...)
 * @param delimiter        "," ";" "\t" "|" or "auto" (sniffed from the header line; the default)
 * @param datePattern      java.time pattern for date columns, tried before ISO-8601 (e.g. dd/MM/yyyy)
 * @param timestampPattern java.time pattern for timestamp columns, tried before ISO-8601
 * @param decimalComma     numbers use a decimal comma and optional dot grouping (1.234,56)
 * @param columns          canonical column → header names in the export (case-insensitive aliases)
 * @param headerRow        physical line (1-based; the sheet row of an .xlsx) of the header row, or "auto" (the
 *                         default): lines of a preamble before the header (report name, date range, blank lines)
 *                         are skipped up to the first line, among the first {@value #PREAMBLE_SEARCH_LINES}, that
 *                         names a column of the source (canonical name or alias)
 * @param sheet            the sheet of an .xlsx workbook to read; null: the first
 */
public record SourceOptions(
        String encoding,
        String delimiter,
        String datePattern,
        String timestampPattern,
        Boolean decimalComma,
        Map<String, List<String>> columns,
        String headerRow,
        String sheet) implements Serializable {

    public static final String AUTO = "auto";

    /** How many lines from the top {@code header_row: auto} looks at for the header. */
    public static final int PREAMBLE_SEARCH_LINES = 50;

    public static SourceOptions defaults() {
        return new SourceOptions(null, null, null, null, null, null, null, null);
    }

    public SourceOptions {
        encoding = encoding == null || encoding.isBlank() ? "UTF-8" : encoding.trim();
        delimiter = delimiter == null || delimiter.isEmpty() ? AUTO : delimiter;
        decimalComma = decimalComma != null && decimalComma;
        columns = columns == null ? Map.of() : Map.copyOf(columns);
        headerRow = headerRow == null || headerRow.isBlank() ? AUTO : headerRow.strip();
        sheet = sheet == null || sheet.isBlank() ? null : sheet.strip();
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
