package io.marketlens.reports.charts;

import io.marketlens.reports.text.Section;
import io.marketlens.tables.Codes;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;

/**
 * One chart of the report: {@code id} is the stem of its PNG file ({@code charts/<id>.png}; lower-case ASCII
 * letters, digits and underscores, so a Chinese category never reaches a file name), {@code title} the chart's
 * title in the report's language, {@code chart} the JFreeChart drawn to PNG and, as vectors, into the PDF;
 * {@code section} the chapter that shows it, null for a chart of one category (placed by its category instead).
 */
public record ReportChart(String id, Section section, String title, JFreeChart chart) {

    private static final Pattern ID = Pattern.compile("[a-z0-9_]+");

    public ReportChart {
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(title, Codes.TITLE);
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("chart id must be lower-case ascii letters, digits and _: " + id);
        }
    }
}
