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
 */
public record SourceOptions(
        String encoding,
        String delimiter,
        String datePattern,
        String timestampPattern,
        Boolean decimalComma,
        Map<String, List<String>> columns) implements Serializable {

    public static final String AUTO = "auto";

    public static SourceOptions defaults() {
        return new SourceOptions(null, null, null, null, null, null);
    }

    public SourceOptions {
        encoding = encoding == null || encoding.isBlank() ? "UTF-8" : encoding.trim();
        delimiter = delimiter == null || delimiter.isEmpty() ? AUTO : delimiter;
        decimalComma = decimalComma != null && decimalComma;
        columns = columns == null ? Map.of() : Map.copyOf(columns);
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
