package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code join} and {@code currency_of} rules, and {@code file_date}: the text of a {@code file_name} rule for a file
 * whose name has no match.
 */
class JoinCurrencyFileDateRulesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final ValueParser parser = new ValueParser(SourceOptions.defaults(), ZoneOffset.UTC);

    private static ColumnRule rule(String yaml) throws IOException {
        return ColumnRule.of(YAML.readTree(yaml));
    }

    /** A mapping of {@code source}'s canonical header plus {@code extra} headers, with {@code rules} for some columns. */
    private static HeaderMapping mapping(Source source, List<String> extra, Map<String, String> rules, String fileDate,
                                         String file) throws IOException {
        List<String> header = new ArrayList<>(HeaderMappingTest.canonicalHeader(source));
        header.removeAll(rules.keySet());
        header.addAll(extra);
        Map<String, ColumnRule> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : rules.entrySet()) {
            parsed.put(e.getKey(), rule(e.getValue()));
        }
        SourceOptions options = new SourceOptions(null, null, null, null, null, parsed, "none", null, null, fileDate, null);
        return HeaderMapping.resolve(source, options, header, file);
    }

    private static List<String> row(HeaderMapping m, Map<Integer, String> cells) {
        List<String> row = new ArrayList<>(Collections.nCopies(m.fieldCount(), "x"));
        cells.forEach(row::set);
        return row;
    }

    @Test
    void joinPutsItsColumnsValuesSideBySideKeepingAnEmptyOneInItsPlace() throws Exception {
        HeaderMapping m = mapping(Source.SALES, List.of("(Parent) ASIN", "(Child) ASIN", "SKU"),
                Map.of("line_id", "{join: [(Parent) ASIN, (Child) ASIN, SKU]}"), null, "in/sales/report.csv");
        int n = m.fieldCount();
        int lineId = Source.SALES.indexOf("line_id");
        assertThat(m.text(lineId, row(m, Map.of(n - 3, "B08FSRZJCW", n - 2, "B08GLW5WX9", n - 1, " OIL02I - 001 One day ")),
                parser, "line_id")).isEqualTo("B08FSRZJCW | B08GLW5WX9 | OIL02I - 001 One day");
        assertThat(m.text(lineId, row(m, Map.of(n - 3, "B08FSRZJCW", n - 2, "", n - 1, "OIL02I")), parser, "line_id"))
                .isEqualTo("B08FSRZJCW |  | OIL02I");
        assertThat(m.text(lineId, row(m, Map.of(n - 3, "", n - 2, " ", n - 1, "")), parser, "line_id")).isEmpty();
        assertThat(m.ignored()).isEmpty();
    }

    @Test
    void aJoinWhoseColumnsTheFileLacksIsAMissingColumn() throws Exception {
        assertThatThrownBy(() -> mapping(Source.SALES, List.of("SKU"), Map.of("order_id", "{join: [Order, SKU]}"), null,
                "in/sales/report.csv")).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("order_id (from [Order, SKU])");
        assertThatThrownBy(() -> rule("{join: [SKU]}")).hasMessageContaining("join needs two or more header names");
    }

    @Test
    void currencyOfGivesTheCodeOfTheFirstAmountsMark() throws Exception {
        HeaderMapping m = mapping(Source.COMPETITORS, List.of("Buy Box", "New"),
                Map.of("currency", "{currency_of: [Buy Box, New]}"), null, "in/competitors/keepa.csv");
        int n = m.fieldCount();
        int currency = Source.COMPETITORS.indexOf("currency");
        assertThat(m.text(currency, row(m, Map.of(n - 2, "€ 121.60", n - 1, "£5")), parser, "currency")).isEqualTo("EUR");
        assertThat(m.text(currency, row(m, Map.of(n - 2, "", n - 1, "£38,793.82")), parser, "currency")).isEqualTo("GBP");
        assertThat(m.text(currency, row(m, Map.of(n - 2, "₹32,999", n - 1, "")), parser, "currency")).isEqualTo("INR");
        assertThat(m.text(currency, row(m, Map.of(n - 2, "12.99 USD", n - 1, "")), parser, "currency")).isEqualTo("USD");
        // a bare number, or a mark several currencies share, names no currency: the row then lacks one
        assertThat(m.text(currency, row(m, Map.of(n - 2, "121.60", n - 1, "")), parser, "currency")).isEmpty();
        assertThat(m.text(currency, row(m, Map.of(n - 2, "$5.00", n - 1, "")), parser, "currency")).isEmpty();
        assertThat(m.text(currency, row(m, Map.of(n - 2, "", n - 1, "")), parser, "currency")).isEmpty();
    }

    @Test
    void fileDateStandsInForAFileNameRuleWhoseNameHasNoMatchOnly() throws Exception {
        Map<String, String> rules = Map.of("snapshot_date", "{file_name: '(\\d{4}-\\d{2}-\\d{2})'}");
        int date = Source.COMPETITORS.indexOf("snapshot_date");
        HeaderMapping undated = mapping(Source.COMPETITORS, List.of(), rules, "2026-11", "in/competitors/fragrance_it_keepa.csv");
        assertThat(undated.text(date, row(undated, Map.of()), parser, "snapshot_date")).isEqualTo("2026-11-30");
        HeaderMapping dated = mapping(Source.COMPETITORS, List.of(), rules, "2026-11-30", "in/competitors/Xray_2026-08-21.csv");
        assertThat(dated.text(date, row(dated, Map.of()), parser, "snapshot_date")).isEqualTo("2026-08-21");
        assertThatThrownBy(() -> mapping(Source.COMPETITORS, List.of(), rules, null, "in/competitors/keepa.csv"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("in/competitors/keepa.csv: its name gives no competitors snapshot_date (no match for"
                        + " (\\d{4}-\\d{2}-\\d{2})): rename the file to carry it, give --snapshot-date YYYY-MM-DD on the"
                        + " command line, or set sources.competitors.file_date in the config");
    }
}
