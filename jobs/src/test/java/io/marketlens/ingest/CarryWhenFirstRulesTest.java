package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The column-rule keys {@code carry}, {@code when} and {@code first} ({@link ColumnRule}), read from YAML. */
class CarryWhenFirstRulesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ValueParser PARSER = new ValueParser(SourceOptions.defaults(), ZoneOffset.UTC);
    private static final List<String> HEADER = List.of("Name", "Created at", "Lineitem name", "Lineitem price",
            "Lineitem quantity", "Currency", "Country", "Financial Status", "Cancelled at");
    private static final int STATUS = Source.SALES.indexOf("status");
    private static final int CURRENCY = Source.SALES.indexOf("currency");
    private static final int MARKETPLACE = Source.SALES.indexOf("marketplace");

    static ColumnRule rule(String yaml) {
        try {
            return YAML.readValue(yaml, ColumnRule.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A sales mapping of {@link #HEADER} with {@code rules} over the plain ones. */
    static HeaderMapping mapping(List<String> header, Map<String, String> rules) {
        Map<String, ColumnRule> columns = new LinkedHashMap<>();
        columns.put("order_id", ColumnRule.from("Name"));
        columns.put("order_ts", ColumnRule.from("Created at"));
        columns.put("platform", rule("{value: shop}"));
        columns.put("marketplace", rule("{from: Country, carry: Name}"));
        columns.put("category", rule("{value: c}"));
        columns.put("seller_id", rule("{value: own}"));
        columns.put("product_id", ColumnRule.from("Lineitem name"));
        columns.put("unit_price", ColumnRule.from("Lineitem price"));
        columns.put("quantity", ColumnRule.from("Lineitem quantity"));
        columns.put("currency", ColumnRule.from("Currency"));
        rules.forEach((k, v) -> columns.put(k, rule(v)));
        SourceOptions options = new SourceOptions(null, null, null, null, null, columns, "none", null, null);
        return HeaderMapping.resolve(Source.SALES, options, header, "in/sales/orders.csv");
    }

    static List<String> row(String... fields) {
        return new ArrayList<>(Arrays.asList(fields));
    }

    @Test
    void theKeysReadFromYaml() {
        ColumnRule r = rule("{first: [{value: cancelled, when: Cancelled at}, {from: Financial Status, map: {refunded: returned}},"
                + " [Fulfillment Status, Status]], carry: Name}");
        assertThat(r.carry()).isEqualTo("Name");
        assertThat(r.first()).hasSize(3);
        assertThat(r.first().get(0).when()).containsExactly("Cancelled at");
        assertThat(r.first().get(0).value()).isEqualTo("cancelled");
        assertThat(r.first().get(2).from()).containsExactly("Fulfillment Status", "Status");
        assertThat(r.headers()).containsExactly("Financial Status", "Fulfillment Status", "Status");
        assertThat(rule("{value: x, when: [A, B]}").when()).containsExactly("A", "B");
        assertThat(rule("Currency").carry()).isNull();
    }

    @Test
    void wrongUsesAreNamed() {
        assertThatThrownBy(() -> rule("{from: A, first: [B]}")).hasMessageContaining("exactly one of from, value, divide, file_name, first");
        assertThatThrownBy(() -> rule("{first: []}")).hasMessageContaining("first needs at least one rule");
        assertThatThrownBy(() -> rule("{first: A}")).hasMessageContaining("first needs a list of rules");
        assertThatThrownBy(() -> rule("{first: [{from: A, carry: Name}]}")).hasMessageContaining("put it beside first");
        assertThatThrownBy(() -> rule("{from: A, carry: ' '}")).hasMessageContaining("carry needs the header");
        assertThatThrownBy(() -> rule("{from: A, when: []}")).hasMessageContaining("when needs at least one header");
        assertThatThrownBy(() -> rule("{from: A, carried: Name}")).hasMessageContaining("unknown key 'carried'")
                .hasMessageContaining("carry");
    }

    @Test
    void whenReadsOnlyWhereItsColumnHasAValueAndFirstTakesTheFirstAlternativeWithAText() throws ValueParser.Rejection {
        HeaderMapping m = mapping(HEADER, Map.of("status", "{first: [{value: cancelled, when: Cancelled at},"
                + " {from: Financial Status, map: {refunded: returned}}, {value: unknown}]}"));
        List<String> r = row("#1", "2025-01-01", "Mug", "9.50", "1", "TRY", "TR", "paid", "2025-01-02 10:00:00 +0300");
        assertThat(m.text(STATUS, r, PARSER, "status")).isEqualTo("cancelled");
        r.set(8, " ");
        assertThat(m.text(STATUS, r, PARSER, "status")).isEqualTo("paid");
        r.set(7, "Refunded");
        assertThat(m.text(STATUS, r, PARSER, "status")).isEqualTo("returned");
        r.set(7, "");
        assertThat(m.text(STATUS, r, PARSER, "status")).isEqualTo("unknown");
        assertThat(m.ignored()).doesNotContain("Cancelled at", "Financial Status");
    }

    @Test
    void firstMapsTheChosenTextAndLeavesOutAlternativesTheFileLacks() throws ValueParser.Rejection {
        HeaderMapping m = mapping(HEADER, Map.of("status", "{first: [{value: gone, when: Deleted at}, Fulfillment Status,"
                + " Financial Status], map: {paid: settled}}"));
        List<String> r = row("#1", "2025-01-01", "Mug", "9.50", "1", "TRY", "TR", "paid", "");
        assertThat(m.text(STATUS, r, PARSER, "status")).isEqualTo("settled");
    }

    @Test
    void aRequiredColumnWhoseWhenColumnIsMissingIsNotFound() {
        assertThatThrownBy(() -> mapping(HEADER, Map.of("currency", "{value: TRY, when: Presentment Currency}")))
                .isInstanceOf(UnreadableFileException.class).hasMessageContaining("currency");
    }

    @Test
    void carryFillsAnEmptyTextFromThePreviousRowOfTheSameGroupOnly() throws ValueParser.Rejection {
        HeaderMapping m = mapping(HEADER, Map.of("currency", "{from: Currency, carry: Name}",
                "status", "{first: [{value: cancelled, when: Cancelled at}, Financial Status], carry: Name}"));
        assertThat(m.carries()).isTrue();
        HeaderMapping.Reading reading = m.reading();
        List<List<String>> rows = List.of(
                row("#1", "2025-01-01", "Mug", "9.50", "1", "TRY", "TR", "paid", "2025-01-03"),
                row("#1", "2025-01-01", "Cup", "4.00", "2", "", "", "", ""),
                row("#1", "2025-01-01", "Pot", "4.00", "1", "", "", "", ""),
                row("#2", "2025-01-02", "Mug", "9.50", "1", "", "", "", ""),      // a new order without its fields
                row("#3", "2025-01-02", "Mug", "9.50", "1", "USD", "DE", "pending", ""),
                row("#3", "2025-01-02", "Cup", "4.00", "1", "EUR", "", "", ""),   // a later line's own value wins
                row("#3", "2025-01-02", "Pot", "4.00", "1", "", "", "", ""),      // … and is carried on
                row("", "2025-01-02", "Pan", "4.00", "1", "", "", "", ""));       // no group: nothing carried
        List<String> seen = new ArrayList<>();
        for (List<String> r : rows) {
            seen.add(reading.text(CURRENCY, r, PARSER, "currency") + " " + reading.text(MARKETPLACE, r, PARSER, "marketplace")
                    + " " + reading.text(STATUS, r, PARSER, "status"));
        }
        assertThat(seen).containsExactly("TRY TR cancelled", "TRY TR cancelled", "TRY TR cancelled", "  ", "USD DE pending",
                "EUR DE pending", "EUR DE pending", "  ");
        // the mapping itself carries nothing: it is shared by the tasks that read a file
        assertThat(m.text(CURRENCY, rows.get(1), PARSER, "currency")).isEmpty();
        // another reader starts afresh
        assertThat(m.reading().text(CURRENCY, rows.get(1), PARSER, "currency")).isEmpty();
    }

    @Test
    void aMappingWithoutCarryingRulesCarriesNothingAndAMissingGroupColumnCarriesNothing() throws ValueParser.Rejection {
        assertThat(mapping(HEADER, Map.of("marketplace", "Country")).carries()).isFalse();
        List<String> header = new ArrayList<>(HEADER);
        header.set(0, "Order");
        HeaderMapping m = mapping(header, Map.of("order_id", "Order"));
        assertThat(m.carries()).isFalse();
    }

    @Test
    void aValidatorCarriesAcrossItsRecordsAndADeserialisedOneStartsAfresh() throws Exception {
        HeaderMapping m = mapping(HEADER, Map.of("currency", "{from: Currency, carry: Name}"));
        RowValidator v = new RowValidator(Source.SALES, m, PARSER, new FxRates("TRY", 7));
        assertThat(v.validate(row("#1", "2025-01-01", "Mug", "9.50", "1", "TRY", "TR", "paid", "")).accepted()).isTrue();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(v);
        }
        List<String> second = row("#1", "2025-01-01", "Cup", "4.00", "2", "", "", "", "");
        RowValidator.Outcome carried = v.validate(second);
        assertThat(carried.accepted()).isTrue();
        assertThat(carried.values()[CURRENCY]).isEqualTo("TRY");
        assertThat(carried.values()[MARKETPLACE]).isEqualTo("TR");
        RowValidator copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (RowValidator) in.readObject();
        }
        assertThat(copy.validate(second).reason()).isEqualTo("missing_required:marketplace");
    }
}
