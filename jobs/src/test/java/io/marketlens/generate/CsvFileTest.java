package io.marketlens.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.generate.SyntheticMarket.BadRow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileTest {

    @Test
    void quotesOnlyWhatNeedsQuotingAndParsesItBack() {
        List<String> fields = List.of("plain", "", "a,b", "Table 24\", Black", " padded ", "不锈钢 锅盖架");
        String line = CsvFile.line(fields);

        assertThat(line).isEqualTo("plain,,\"a,b\",\"Table 24\"\", Black\",\" padded \",不锈钢 锅盖架");
        assertThat(CsvFile.parse(line)).isEqualTo(fields);
        assertThat(CsvFile.parse("a,")).containsExactly("a", "");
    }

    @Test
    void readsAnyRowBackFromTheWrittenFile(@TempDir Path root) throws IOException {
        CsvFile f = new CsvFile(root, "x/rows.csv", List.of("n", "text"));
        for (int i = 0; i < 3000; i++) { // three offset marks (every 1024 rows); multi-byte text shifts them
            f.append(List.of(Integer.toString(i), i % 7 == 0 ? "第" + i + "行, quoted" : "row " + i));
        }
        f.close();

        assertThat(f.rowCount()).isEqualTo(3000);
        assertThat(f.row(0)).containsExactly("0", "第0行, quoted");
        assertThat(f.row(1023)).containsExactly("1023", "row 1023");
        assertThat(f.row(1029)).containsExactly("1029", "第1029行, quoted");
        assertThat(f.row(2999)).containsExactly("2999", "row 2999");
        assertThat(f.rawRow(1024)).isEqualTo("1024,row 1024");
        assertThat(f.row(7)).containsExactly("7", "第7行, quoted");
    }

    @Test
    void splicesBadLinesInAndReportsTheirLineNumbers(@TempDir Path root) throws IOException {
        CsvFile f = new CsvFile(root, "rows.csv", List.of("n"));
        for (String n : List.of("a", "b", "c", "d")) {
            f.append(List.of(n));
        }
        f.close();
        f.inserts.add(new CsvFile.Insert(3, "bad-before-d", "r2", "second", -1));
        f.inserts.add(new CsvFile.Insert(1, "bad-before-b", "r1", "first", -1));
        f.inserts.add(new CsvFile.Insert(3, f.rawRow(0), "duplicate_key", "repeat of line {line}", 0));

        List<BadRow> bad = f.finish();

        // header = line 1; a = 2; bad-before-b = 3; b = 4; c = 5; then the two inserts before d in planting order
        assertThat(Files.readAllLines(root.resolve("rows.csv"), StandardCharsets.UTF_8))
                .containsExactly("n", "a", "bad-before-b", "b", "c", "bad-before-d", "a", "d");
        assertThat(bad).containsExactly(new BadRow("rows.csv", 3, "r1", "first"),
                new BadRow("rows.csv", 6, "r2", "second"),
                new BadRow("rows.csv", 7, "duplicate_key", "repeat of line 2"));
        assertThat(f.rowCount()).isEqualTo(4);
    }
}
