package io.marketlens.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The manifest's entry of an input file, as JSON: a copy of another file of the run names it and has no rows. */
class RunManifestInputTest {

    @Test
    void aCopyNamesTheFileItDuplicatesAndAnOrdinaryFileHasNoSuchKey() {
        RunManifest.Input read = new RunManifest.Input("sales", "in/sales/orders.csv", "ab12", 3, 2, 1,
                Map.of("bad_number:unit_price", 1L), false, "amazon-order-report");
        RunManifest.Input copy = new RunManifest.Input("sales", "in/sales/orders (copy).csv", "ab12", 0, 0, 0, Map.of(), false,
                "amazon-order-report", "in/sales/orders.csv");
        RunManifest m = new RunManifest("r1", "2024-01-31", "USD", "2024-02-01T00:00:00Z", List.of(read, copy), List.of(),
                List.of(), Map.of(), Map.of());
        String json = m.toJson();
        assertThat(json).containsOnlyOnce("\"duplicate_of\"").contains("\"duplicate_of\" : \"in/sales/orders.csv\"");
        RunManifest back = RunManifest.fromJson(json);
        assertThat(back.inputs().get(0).duplicateOf()).isNull();
        assertThat(back.inputs().get(1).duplicateOf()).isEqualTo("in/sales/orders.csv");
        assertThat(back.inputs().get(1).rowsRead()).isZero();
    }

    @Test
    void theEntriesNotReadAreListedWithTheirReasons() {
        RunManifest m = new RunManifest("r1", "2024-01-31", "USD", "2024-02-01T00:00:00Z", List.of(), List.of(), List.of(),
                Map.of(), Map.of(), List.of(new RunManifest.Skipped("in/sales/_x.csv", "a name beginning with '_' is a hidden"
                        + " or a tool's own file; rename it to read it")));
        String json = m.toJson();
        assertThat(json).contains("\"skipped\" : [ {", "\"path\" : \"in/sales/_x.csv\"");
        assertThat(RunManifest.fromJson(json).skipped()).singleElement()
                .satisfies(k -> assertThat(k.reason()).startsWith("a name beginning with '_'"));
        // a manifest written before the list existed reads as none skipped
        assertThat(RunManifest.fromJson(json.replaceAll("(?s),\\s*\"skipped\" : \\[.*?\\]", "")).skipped()).isEmpty();
    }
}
