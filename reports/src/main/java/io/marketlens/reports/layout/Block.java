package io.marketlens.reports.layout;

import io.marketlens.reports.charts.ReportChart;
import java.awt.Color;
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

    /** A list: bullets, or numbers 1, 2, … when its order is a ranking ({@code numbered}). */
    record Bullets(List<String> items, boolean numbered) implements Block {

        public Bullets {
            items = List.copyOf(items);
        }

        /** A bulleted list. */
        public Bullets(List<String> items) {
            this(items, false);
        }
    }

    /** Small print under a chart or table: what it shows and where it comes from. */
    record Note(String text) implements Block {
    }

    /** Key figures side by side: each a label, its value and a line under it (e.g. its change), which may be empty. */
    record Tiles(List<Tile> tiles) implements Block {

        public Tiles {
            tiles = List.copyOf(tiles);
        }
    }

    record Tile(String label, String value, String change) {
    }

    /** A chart, drawn full text width as vectors. */
    record Chart(ReportChart chart, float heightPt) implements Block {
    }

    /**
     * A table: column headers, relative widths (how the width left over once every header and cell fits on one line is
     * shared; the widths themselves come from the content, see {@code pdf.TableGrid}) and alignment, rows of formatted
     * cells, the rows to highlight
     * (indices into {@code rows}) and the background of single cells ({@code fills}: per row, per column, null for
     * none; a heat table, see {@link Heat}). {@code fills} may be shorter than {@code rows}, its rows shorter than the
     * columns: the cells left out have no background of their own.
     */
    record Table(String caption, List<Column> columns, List<List<String>> rows, Set<Integer> highlighted,
                 List<List<Color>> fills) implements Block {

        public Table {
            for (List<String> r : rows) {
                if (r.size() != columns.size()) {
                    throw new IllegalArgumentException("table '" + caption + "': a row has " + r.size() + " cells for "
                            + columns.size() + " columns");
                }
            }
            fills = fills == null ? List.of() : fills;
        }

        public Table(String caption, List<Column> columns, List<List<String>> rows, Set<Integer> highlighted) {
            this(caption, columns, rows, highlighted, List.of());
        }

        /** The background of the cell, null for none. */
        public Color fill(int row, int column) {
            List<Color> r = row < fills.size() ? fills.get(row) : null;
            return r == null || column >= r.size() ? null : r.get(column);
        }
    }

    /**
     * A table column: header, relative width (its share of the spare width), and whether its cells are numbers
     * (right-aligned, never wrapped; the unit belongs in the header, e.g. "Revenue (USD)", the cells are plain numbers).
     * A header wraps only between words: a header too long for its column is shortened in the label files.
     */
    record Column(String header, float width, boolean numeric) {

        public static Column text(String header, float width) {
            return new Column(header, width, false);
        }

        public static Column number(String header, float width) {
            return new Column(header, width, true);
        }
    }
}
