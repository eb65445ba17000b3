package io.marketlens.testing;

import io.marketlens.reports.data.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** What the end-to-end tests compare a run's report with: rows of its tables, and the PDF's text. */
public final class ReportTables {

    private ReportTables() {
    }

    /** The whole market's window row (ALL/ALL/ALL) of {@code table}. */
    public static Table.Row marketWindow(Path runDir, String table) {
        return Table.read(runDir.resolve("tables/" + table + ".csv")).where(r -> r.is("platform", "ALL")
                && r.is("marketplace", "ALL") && r.is("category", "ALL") && r.is("period", "window")).rows().get(0);
    }

    /** The category with the highest seller HHI over the window (ties by name), as the key findings name it. */
    public static Table.Row mostConcentrated(Path runDir) {
        java.util.Set<String> thin = lowVolumeCategories(runDir);
        return Table.read(runDir.resolve("tables/concentration.csv")).where(r -> r.is("platform", "ALL")
                        && r.is("marketplace", "ALL") && !r.is("category", "ALL") && r.is("period", "window")
                        && r.is("entity", "seller") && !r.isEmpty("hhi") && !thin.contains(r.str("category")))
                .sorted(Comparator.comparing((Table.Row r) -> -r.num("hhi")).thenComparing(r -> r.str("category"))).get(0);
    }

    /** The categories (over all platforms and marketplaces) whose change points have status low_volume. */
    public static java.util.Set<String> lowVolumeCategories(Path runDir) {
        return Table.read(runDir.resolve("tables/change_points.csv")).where(r -> r.is("platform", "ALL")
                        && r.is("marketplace", "ALL") && !r.is("category", "ALL") && r.is("status", "low_volume"))
                .rows().stream().map(r -> r.str("category")).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The PDF's text with every run of white space as one space (lines wrap where the layout wraps them). */
    public static String pdfText(Path pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
