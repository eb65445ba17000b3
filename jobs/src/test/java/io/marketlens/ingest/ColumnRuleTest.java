package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code extract} key of a column rule: a piece of a column's value, found by a regular expression's first group. */
class ColumnRuleTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static ColumnRule rule(String yaml) throws IOException {
        JsonNode node = YAML.readTree(yaml);
        return ColumnRule.of(node);
    }

    private static final String LINK =
            "https://www.amazon.in/Lloyd-Inverter-Convertible-Anti-Viral-GLS18I3FWAMC/dp/B0BRKXTSBT/ref=sr_1_4?qid=1679134237&s=kitchen&sr=1-4";

    @Test
    void extractTakesTheFirstGroupOfTheExpressionFoundInTheValue() throws IOException {
        ColumnRule r = rule("{from: link, extract: '/dp/([A-Z0-9]{10})'}");
        assertThat(r.from()).containsExactly("link");
        assertThat(r.extract()).isEqualTo("/dp/([A-Z0-9]{10})");
        assertThat(r.transform(LINK)).isEqualTo("B0BRKXTSBT");
        assertThat(r.transform("qid=1679134237 /dp/B0BQ3MXML8")).isEqualTo("B0BQ3MXML8");
    }

    @Test
    void aValueWithoutTheExpressionBecomesEmptyNotAWrongPiece() throws IOException {
        ColumnRule r = rule("{from: link, extract: '/dp/([A-Z0-9]{10})'}");
        assertThat(r.transform("https://www.amazon.in/s?k=ac")).isEmpty();
        assertThat(r.transform("")).isEmpty();
        // a group that takes no part in the match is no value either
        assertThat(rule("{from: x, extract: 'a(b)?c'}").transform("ac")).isEmpty();
        // the piece is trimmed
        assertThat(rule("{from: x, extract: 'id:([^;]*);'}").transform("id: 42 ;")).isEqualTo("42");
    }

    @Test
    void theExtractedPieceGoesThroughMapAndCode() throws IOException {
        ColumnRule mapped = rule("{from: qid, extract: 'qid=(\\d+)', map: {'1679134237': 2023-03-18}, otherwise: unknown}");
        assertThat(mapped.transform("ref=sr_1_4?qid=1679134237&s=kitchen")).isEqualTo("2023-03-18");
        assertThat(mapped.transform("qid=1")).isEqualTo("unknown");
        ColumnRule code = rule("{from: zip, extract: 'PIN (\\S+)', code: true}");
        assertThat(code.transform("PIN 400081.0")).isEqualTo("400081");
    }

    @Test
    void extractNeedsFromAndAGroup() {
        assertThatThrownBy(() -> rule("{value: x, extract: '(a)'}")).hasMessageContaining("extract needs from");
        assertThatThrownBy(() -> rule("{from: link, extract: '/dp/[A-Z0-9]{10}'}")).hasMessageContaining("extract")
                .hasMessageContaining("needs a group");
        assertThatThrownBy(() -> rule("{from: link, extract: '/dp/(['}")).hasMessageContaining("extract")
                .hasMessageContaining("not a regular expression");
        assertThatThrownBy(() -> rule("{from: link, extrakt: '(a)'}")).hasMessageContaining("extract");
    }

    @Test
    void aMappedColumnWithExtractIsReadFromTheFirstHeaderWithAValue() throws Exception {
        List<String> header = new ArrayList<>(HeaderMappingTest.canonicalHeader(Source.COMPETITORS));
        header.remove("product_id");
        header.add("link");
        header.add("url");
        SourceOptions options = new SourceOptions(null, null, null, null, null,
                Map.of("product_id", rule("{from: [link, url], extract: '/dp/([A-Z0-9]{10})'}")), null, null, null);
        HeaderMapping m = HeaderMapping.resolve(Source.COMPETITORS, options, header, "in/competitors/listings.csv");
        assertThat(m.ignored()).isEmpty();
        List<String> row = new ArrayList<>(java.util.Collections.nCopies(header.size(), "x"));
        row.set(header.size() - 2, LINK);
        ValueParser parser = new ValueParser(SourceOptions.defaults(), ZoneOffset.UTC);
        int productId = Source.COMPETITORS.indexOf("product_id");
        assertThat(m.text(productId, row, parser, "product_id")).isEqualTo("B0BRKXTSBT");
        row.set(header.size() - 2, "");
        row.set(header.size() - 1, "https://www.amazon.in/x/dp/B0BPYN9JGF/");
        assertThat(m.text(productId, row, parser, "product_id")).isEqualTo("B0BPYN9JGF");
        row.set(header.size() - 1, "https://www.amazon.in/s?k=ac");
        assertThat(m.text(productId, row, parser, "product_id")).isEmpty();
    }
}
