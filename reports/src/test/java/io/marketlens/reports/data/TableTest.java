package io.marketlens.reports.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableTest {

    @TempDir
    Path dir;

    @Test
    void readsTheWritersCsvWithBomNeutralisedCellsAndEmptyValues() throws Exception {
        Path csv = dir.resolve("market_size.csv");
        Files.writeString(csv, "\uFEFFplatform,category,period,revenue,mom_growth\n"
                + "ALL,\"Home, Garden\",2025-01,1234.5,\n"
                + "amazon,'=SUM(A1),window,0.25,-0.125\n", StandardCharsets.UTF_8);

        Table t = Table.read(csv);

        assertThat(t.name()).isEqualTo("market_size");
        assertThat(t.columns()).containsExactly("platform", "category", "period", "revenue", "mom_growth");
        assertThat(t.rows()).hasSize(2);
        Table.Row first = t.rows().get(0);
        assertThat(first.str("platform")).isEqualTo("ALL");
        assertThat(first.str("category")).isEqualTo("Home, Garden");
        assertThat(first.num("revenue")).isEqualTo(1234.5);
        assertThat(first.num("mom_growth")).isNull();
        assertThat(first.num("mom_growth", -1)).isEqualTo(-1);
        Table.Row second = t.rows().get(1);
        assertThat(second.str("category")).isEqualTo("=SUM(A1)");
        assertThat(second.num("mom_growth")).isEqualTo(-0.125);
        assertThat(t.where("period", "window").rows()).singleElement().satisfies(r -> assertThat(r.str("platform")).isEqualTo("amazon"));
    }

    @Test
    void anUnknownColumnIsNamedInTheError() throws Exception {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "a,b\n1,2\n", StandardCharsets.UTF_8);
        Table t = Table.read(csv);
        assertThatThrownBy(() -> t.rows().get(0).str("c")).hasMessageContaining("table t has no column c");
        assertThatThrownBy(() -> new Table("u", java.util.List.of("x"), java.util.List.of(java.util.List.of("1,5"))).rows().get(0).num("x"))
                .hasMessageContaining("not a number: 1,5");
    }

    @Test
    void restoresOnlyWhatTheWriterNeutralised() {
        assertThat(Table.restore("'+49 30")).isEqualTo("+49 30");
        assertThat(Table.restore("'@home")).isEqualTo("@home");
        assertThat(Table.restore("'quoted'")).isEqualTo("'quoted'");
        assertThat(Table.restore("'")).isEqualTo("'");
    }

    @Test
    void aRunFolderWithoutManifestSaysWhatToPass() {
        assertThatThrownBy(() -> RunFolder.open(dir)).hasMessageContaining("no manifest.json");
    }
}
