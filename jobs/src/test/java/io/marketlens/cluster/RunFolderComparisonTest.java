package io.marketlens.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderComparisonTest {

    @TempDir
    Path dir;

    private Path run(String name, String table, String manifestRows) throws IOException {
        Path run = dir.resolve(name);
        Files.createDirectories(run.resolve("tables"));
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = new org.apache.pdfbox.pdmodel.PDDocument()) {
            pdf.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            pdf.save(run.resolve("report.pdf").toFile());
        }
        Files.writeString(run.resolve("tables/market_size.csv"), "\uFEFF" + table);
        Files.writeString(run.resolve("manifest.json"), "{\"as_of\":\"2025-08-31\",\"stages\":[{\"name\":\"ingest\",\"seconds\":1.5}],"
                + "\"inputs\":[{\"source\":\"sales\",\"file\":\"in/sales/a.csv\",\"rows_read\":" + manifestRows + "}]}");
        return run;
    }

    @Test
    void equalTablesInAnotherRowOrderWithinTheToleranceAreTheSame() throws IOException {
        Path a = run("a", "category,revenue\nbooks,10.5\ntoys,3\n", "5");
        Path b = run("b", "category,revenue\ntoys,3.0\nbooks,10.500000000001\n", "5");
        assertThat(RunFolderComparison.compare(a, b)).isEmpty();
    }

    @Test
    void everyDifferenceIsNamed() throws IOException {
        Path a = run("a", "category,revenue\nbooks,10.5\ntoys,3\n", "5");
        Path b = run("b", "category,revenue\nbooks,10.6\ntoys,3\ngames,1\n", "6");
        List<String> d = RunFolderComparison.compare(a, b);
        assertThat(d).anyMatch(s -> s.contains("tables/market_size.csv: 3 rows, expected 2"));
        assertThat(d).anyMatch(s -> s.contains("manifest inputs sales in/sales/a.csv rows_read: 6, expected 5"));
        Files.delete(b.resolve("report.pdf"));
        assertThat(RunFolderComparison.compare(a, b)).anyMatch(s -> s.contains("report.pdf: missing from the actual run"));
    }

    @Test
    void numbersAreComparedRelatively() {
        assertThat(RunFolderComparison.sameCell("1000000", "1000000.0000001")).isTrue();
        assertThat(RunFolderComparison.sameCell("1.0", "1.00001")).isFalse();
        assertThat(RunFolderComparison.sameCell("", "")).isTrue();
        assertThat(RunFolderComparison.sameCell("", "0")).isFalse();
        assertThat(RunFolderComparison.sameCell("NaN", "NaN")).isTrue();
        assertThat(RunFolderComparison.sameCell("2025-08", "2025-08")).isTrue();
    }
}
