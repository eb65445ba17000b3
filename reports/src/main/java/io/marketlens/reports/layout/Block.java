package io.marketlens.reports.layout;

import io.marketlens.reports.charts.ReportChart;
import java.util.List;
import java.util.Set;

/**
 * One piece of the report's flow, independent of how it is drawn: the report's content is a list of
 * blocks built from the run's tables, which {@link io.marketlens.reports.ReportRenderer} lays out in the PDF.
 */
public sealed interface Block {

    /** A section heading; level 1 starts a section (and a bookmark), level 2 a subsection. */
    record Heading(int level, String text) implements Block {
    }

    record Paragraph(String text) implements Block {
    }

    record Bullets(List<String> items) implements Block {
    }

    /** Small print under a chart or table: what it shows and where it comes from. */
    record Note(String text) implements Block {
    }

    /** A chart, drawn full text width as vectors. */
    record Chart(ReportChart chart, float heightPt) implements Block {
    }

    /**
     * A table: column headers, relative widths and alignment, rows of formatted cells, and the rows to
     * highlight (indices into {@code rows}).
     */
    record Table(String caption, List<Column> columns, List<List<String>> rows, Set<Integer> highlighted) implements Block {

        public Table {
            for (List<String> r : rows) {
                if (r.size() != columns.size()) {
                    throw new IllegalArgumentException("table '" + caption + "': a row has " + r.size() + " cells for "
                            + columns.size() + " columns");
                }
            }
        }
    }

    /** A table column: header, relative width, and whether its cells are numbers (right-aligned). */
    record Column(String header, float width, boolean numeric) {

        public static Column text(String header, float width) {
            return new Column(header, width, false);
        }

        public static Column number(String header, float width) {
            return new Column(header, width, true);
        }
    }
}
