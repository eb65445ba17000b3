package io.marketlens.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.marketlens.ingest.ColumnSpec;
import io.marketlens.ingest.Source;
import io.marketlens.ingest.SourceOptions;
import io.marketlens.ingest.ValueParser;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads and checks the YAML config file; every problem becomes a {@link ConfigException} naming the key. */
public final class ConfigLoader {

    /** How jackson-core words a duplicate key: {@code Duplicate field 'name'}. */
    private static final String DUPLICATE_FIELD = "Duplicate field '";

    private ConfigLoader() {
    }

    public static MarketlensConfig load(Path file) {
        if (file == null) {
            return MarketlensConfig.defaults();
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + " does not exist; pass an existing YAML file to --config");
        }
        // a key given twice is refused rather than the last one winning; a fraction is not rounded into a whole number
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        MarketlensConfig config;
        try {
            String text = Files.readString(file);
            boolean onlyComments = text.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#") || l.equals("---"));
            config = onlyComments ? MarketlensConfig.defaults() : mapper.readValue(text, MarketlensConfig.class);
        } catch (JsonProcessingException e) {
            throw problem(file, e);
        } catch (IOException e) {
            throw new ConfigException("config " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (config == null) {
            return MarketlensConfig.defaults();
        }
        check(file, config);
        return config;
    }

    /** What is wrong with the file, in one line naming the key (and its line where Jackson knows it). */
    private static ConfigException problem(Path file, JsonProcessingException e) {
        String where = "config " + file + ": ";
        java.util.Optional<ConfigException> duplicate = duplicateKey(where, e);
        if (duplicate.isPresent()) {
            return duplicate.get();
        }
        if (e instanceof UnrecognizedPropertyException u) {
            int line = lineOfKey(file, u.getPropertyName()).orElse(u.getLocation().getLineNr());
            return new ConfigException(where + "unknown key '" + keyPath(u) + "' at line " + line
                    + "; known keys here: " + new java.util.TreeSet<>(u.getKnownPropertyIds().stream().map(String::valueOf).toList()), e);
        }
        if (e instanceof InvalidFormatException f && isWholeNumber(f.getTargetType()) && f.getValue() instanceof Number n) {
            // ACCEPT_FLOAT_AS_INT is off: 1.5 months is refused rather than read as 1
            return new ConfigException(where + keyPath(f) + " must be a whole number, not " + n + lineSuffix(f), e);
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException v) {
            // a section's options record refused its values: its own message says which and why
            String why = v.getCause() instanceof IllegalArgumentException cause ? cause.getMessage() : v.getOriginalMessage();
            return new ConfigException(where + keyPath(v) + ": " + why + lineSuffix(v), e);
        }
        if (e instanceof JsonMappingException m) {
            return new ConfigException(where + keyPath(m) + ": " + m.getOriginalMessage() + lineSuffix(m), e);
        }
        return new ConfigException(where + e.getOriginalMessage() + " at line "
                + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()), e);
    }

    private static String lineSuffix(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    private static boolean isWholeNumber(Class<?> type) {
        return type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == java.math.BigInteger.class;
    }

    /**
     * A key given twice in one mapping (the parser's strict duplicate detection), named with its section, e.g.
     * {@code sources.sales.encoding}, and the line of its second occurrence.
     */
    private static java.util.Optional<ConfigException> duplicateKey(String where, JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException p && p.getOriginalMessage() != null
                    && p.getOriginalMessage().startsWith(DUPLICATE_FIELD)) {
                String name = p.getOriginalMessage().substring(DUPLICATE_FIELD.length());
                name = name.endsWith("'") ? name.substring(0, name.length() - 1) : name;
                String key = p.getProcessor() == null ? name : sectionPath(p.getProcessor().getParsingContext()) + name;
                return java.util.Optional.of(new ConfigException(where + "key '" + key + "' is given twice"
                        + (p.getLocation() == null ? "" : " (again at line " + p.getLocation().getLineNr() + ")") + "; keep one", e));
            }
        }
        return java.util.Optional.empty();
    }

    /** The keys of the mappings that enclose the parser's current one, each followed by a dot: {@code sources.sales.}. */
    private static String sectionPath(com.fasterxml.jackson.core.JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (com.fasterxml.jackson.core.JsonStreamContext c = context == null ? null : context.getParent();
             c != null && !c.inRoot(); c = c.getParent()) {
            path.insert(0, (c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName()) + ".");
        }
        return path.toString().replace(".[", "[");
    }

    /** The dotted key of a mapping problem, e.g. {@code sources.sales.decimal_comma}. */
    private static String keyPath(com.fasterxml.jackson.databind.JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** Jackson reads records ahead of the key it rejects; the key's own line is found in the text. */
    private static java.util.Optional<Integer> lineOfKey(Path file, String key) {
        try {
            java.util.List<String> lines = Files.readAllLines(file);
            java.util.regex.Pattern p = java.util.regex.Pattern.compile("^\\s*(- )?[\"']?" + java.util.regex.Pattern.quote(key) + "[\"']?\\s*:.*");
            for (int i = 0; i < lines.size(); i++) {
                if (p.matcher(lines.get(i)).matches()) {
                    return java.util.Optional.of(i + 1);
                }
            }
        } catch (IOException ignored) {
            // the line number is a convenience; the message stands without it
        }
        return java.util.Optional.empty();
    }

    static void check(Path file, MarketlensConfig c) {
        String where = "config " + file + ": ";
        if (!c.baseCurrency().matches("[A-Z]{3}")) {
            throw new ConfigException(where + MarketlensConfig.BASE_CURRENCY + " must be an ISO 4217 code such as USD, not '"
                    + c.baseCurrency() + "'");
        }
        try {
            ZoneId.of(c.timezone());
        } catch (DateTimeException e) {
            throw new ConfigException(where + MarketlensConfig.TIMEZONE + " '" + c.timezone()
                    + "' is not a time zone; use an IANA id such as UTC, Asia/Shanghai or America/New_York");
        }
        if (c.fxToleranceDays() < 0) {
            throw new ConfigException(where + MarketlensConfig.FX_TOLERANCE_DAYS + " must be ≥ 0");
        }
        if (c.returnedStatuses().contains("")) {
            throw new ConfigException(where + MarketlensConfig.RETURNED_STATUSES + " has an empty entry; list the sales"
                    + " statuses of returned lines, e.g. [returned, refunded], or [] when the exports have none");
        }
        List<String> both = c.returnedStatuses().stream().filter(c.cancelledStatuses()::contains).toList();
        if (!both.isEmpty()) {
            throw new ConfigException(where + "status " + both + " is in both " + MarketlensConfig.CANCELLED_STATUSES
                    + " and " + MarketlensConfig.RETURNED_STATUSES + "; a line is either cancelled or returned: remove it"
                    + " from one of them");
        }
        if (c.maxQuarantineRatio() < 0 || c.maxQuarantineRatio() > 1) {
            throw new ConfigException(where + MarketlensConfig.MAX_QUARANTINE_RATIO + " must be a fraction between 0 and 1");
        }
        if (c.windowMonths() < 1) {
            throw new ConfigException(where + MarketlensConfig.WINDOW_MONTHS + " must be ≥ 1");
        }
        if (c.shufflePartitions() < 1) {
            throw new ConfigException(where + MarketlensConfig.SHUFFLE_PARTITIONS + " must be ≥ 1, not " + c.shufflePartitions());
        }
        checkPlausibility(where + MarketlensConfig.PLAUSIBILITY + ".", c.plausibility());
        checkMetrics(where + MarketlensConfig.METRICS + ".", c.metrics());
        for (Map.Entry<String, SourceOptions> e : c.sources().entrySet()) {
            Source source = Source.fromDirName(e.getKey()).orElseThrow(() -> new ConfigException(where + "sources."
                    + e.getKey() + " is not a source; use one of sales, competitors, logistics, fx_rates"));
            checkSource(where + "sources." + e.getKey(), source, e.getValue());
        }
    }

    private static void checkPlausibility(String where, PlausibilityOptions p) {
        if (p.maxQuantity() < 1 || p.maxEstUnits() < 1) {
            throw new ConfigException(where + "max_quantity and max_est_units must be ≥ 1");
        }
        if (p.daysAhead() < 0) {
            throw new ConfigException(where + "days_ahead must be ≥ 0 (0: nothing dated after the run's date)");
        }
        try {
            java.time.LocalDate.parse(p.earliestDate());
        } catch (java.time.format.DateTimeParseException e) {
            throw new ConfigException(where + "earliest_date must be a date such as 2000-01-01, not '" + p.earliestDate() + "'");
        }
    }

    /** The scalar settings of {@code metrics:}; its sections check themselves as they are read. */
    private static void checkMetrics(String where, MetricsOptions m) {
        if (m.newProductMonths() < 1) {
            throw new ConfigException(where + "new_product_months must be ≥ 1");
        }
        if (m.hotTermsTopN() < 1) {
            throw new ConfigException(where + "hot_terms_top_n must be ≥ 1");
        }
        if (m.minOrdersPerMonth() < 0) {
            throw new ConfigException(where + "min_orders_per_month must be ≥ 0 (0 judges no scope too thin)");
        }
        try {
            m.changePointSearch();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + "change_point_penalty: " + e.getMessage());
        }
        if (m.forecastHorizon() < 1 || m.backtestMonths() < 1) {
            throw new ConfigException(where + "forecast_horizon and backtest_months must be ≥ 1");
        }
    }

    private static void checkSource(String where, Source source, SourceOptions o) {
        try {
            if (!SourceOptions.AUTO.equalsIgnoreCase(o.encoding())) {
                Charset.forName(o.encoding());
            }
        } catch (RuntimeException ex) {
            throw new ConfigException(where + ".encoding '" + o.encoding() + "' is not a known character set; try UTF-8,"
                    + " GB18030, windows-1252 or auto");
        }
        String d = o.delimiter();
        if (!SourceOptions.AUTO.equalsIgnoreCase(d) && !"\\t".equals(d) && !"tab".equalsIgnoreCase(d) && d.length() != 1) {
            throw new ConfigException(where + ".delimiter must be one character (',' ';' '|'), \"\\t\" or auto, not '" + d + "'");
        }
        String h = o.headerRow();
        if (!SourceOptions.AUTO.equalsIgnoreCase(h) && !h.matches("0*[1-9][0-9]{0,8}")) {
            throw new ConfigException(where + ".header_row must be auto or the number (1 or more) of the line that holds"
                    + " the header, e.g. header_row: 9 when 8 lines of report title come before it; not '" + h + "'");
        }
        if (o.fileDate() != null) {
            try {
                java.time.LocalDate.parse(o.fileDate());
            } catch (java.time.format.DateTimeParseException e) {
                throw new ConfigException(where + ".file_date must be a date (2026-03-31) or a month (2026-03, its last day),"
                        + " not '" + o.fileDate() + "'");
            }
        }
        if (o.rowsWith().stream().anyMatch(String::isBlank)) {
            throw new ConfigException(where + ".rows_with needs header names, e.g. rows_with: [Fulfilled at]");
        }
        if (o.maxLinesPerRecord() < 1) {
            throw new ConfigException(where + ".max_lines_per_record must be ≥ 1 (1: no record spans lines), not "
                    + o.maxLinesPerRecord());
        }
        checkPatterns(where + ".date_pattern", o.datePattern());
        checkPatterns(where + ".timestamp_pattern", o.timestampPattern());
        for (String canonical : o.columns().keySet()) {
            if (source.indexOf(canonical) < 0) {
                throw new ConfigException(where + ".columns." + canonical + " is not a " + source.dirName()
                        + " column; the columns are " + source.columns().stream().map(ColumnSpec::name)
                        .collect(Collectors.joining(", ")));
            }
        }
    }

    /** Every pattern of a {@code date_pattern} / {@code timestamp_pattern} list, as the value parser will build it. */
    private static void checkPatterns(String key, List<String> patterns) {
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            String at = patterns.size() == 1 ? key : key + "[" + i + "]";
            if (pattern.isBlank()) {
                throw new ConfigException(at + " is empty; give a java.time pattern such as dd/MM/yyyy, or remove the entry");
            }
            try {
                ValueParser.patternFormatter(pattern);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(at + " '" + pattern + "' is not a java.time pattern: " + e.getMessage());
            }
        }
    }
}
