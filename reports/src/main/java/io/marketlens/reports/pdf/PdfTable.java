package io.marketlens.reports.pdf;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a table in the report shows: columns (header, relative width, alignment), rows of text cells, the rows
 * to highlight (e.g. the best price band), the background of single cells (a heat table), an optional caption and
 * zebra striping. Built with {@link #builder()};
 * {@link PdfReport#table(PdfTable)} lays it out: the column widths come from the content ({@link TableGrid}), the
 * relative widths only share out the width left over.
 */
public final class PdfTable {

    /** Horizontal alignment of a column's header and cells. */
    public enum Align {
        LEFT,
        RIGHT
    }

    /**
     * A column: header text, width relative to the other columns' (any positive number: its share of the width left
     * over when every header and cell fits on one line), alignment (a right-aligned cell, a number, never wraps).
     */
    public record Column(String header, float weight, Align align) {
        public Column {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(align, "align");
            if (!(weight > 0) || Float.isInfinite(weight)) {
                throw new IllegalArgumentException("column '" + header + "': the relative width must be a positive number,"
                        + " got " + weight);
            }
        }
    }

    private final List<Column> columns;
    private final List<List<String>> rows;
    private final BitSet highlighted;
    private final Map<List<Integer>, Color> fills;
    private final String caption;
    private final boolean zebra;

    private PdfTable(Builder b) {
        this.columns = List.copyOf(b.columns);
        this.rows = List.copyOf(b.rows);
        this.highlighted = (BitSet) b.highlighted.clone();
        this.fills = Map.copyOf(b.fills);
        this.caption = b.caption;
        this.zebra = b.zebra;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Column> columns() {
        return columns;
    }

    /** The rows, each with exactly one cell per column (missing cells are empty, null cells are empty). */
    public List<List<String>> rows() {
        return rows;
    }

    public boolean isHighlighted(int row) {
        return highlighted.get(row);
    }

    /** The background of one cell (a heat table), or null: the row's own background shows. */
    public Color fill(int row, int column) {
        return fills.get(List.of(row, column));
    }

    /** The caption drawn above the table, or null. */
    public String caption() {
        return caption;
    }

    public boolean zebra() {
        return zebra;
    }

    /** Collects a table; columns first, then rows. */
    public static final class Builder {
        private final List<Column> columns = new ArrayList<>();
        private final List<List<String>> rows = new ArrayList<>();
        private final BitSet highlighted = new BitSet();
        private final Map<List<Integer>, Color> fills = new HashMap<>();
        private String caption;
        private boolean zebra = true;

        private Builder() {}

        public Builder column(String header, float weight, Align align) {
            if (!rows.isEmpty()) {
                throw new IllegalStateException("add the columns before the rows");
            }
            columns.add(new Column(header, weight, align));
            return this;
        }

        /** A left-aligned column (text). */
        public Builder left(String header, float weight) {
            return column(header, weight, Align.LEFT);
        }

        /** A right-aligned column (numbers). */
        public Builder right(String header, float weight) {
            return column(header, weight, Align.RIGHT);
        }

        /**
         * A row. Fewer cells than columns are padded with empty cells; null cells are empty.
         *
         * @throws IllegalArgumentException when the row has more cells than the table has columns
         */
        public Builder row(String... cells) {
            return row(Arrays.asList(cells));
        }

        /** {@link #row(String...)} from a list. */
        public Builder row(List<String> cells) {
            if (columns.isEmpty()) {
                throw new IllegalStateException("add the columns before the rows");
            }
            if (cells.size() > columns.size()) {
                throw new IllegalArgumentException("row " + (rows.size() + 1) + " has " + cells.size() + " cells but the table has "
                        + columns.size() + " columns");
            }
            List<String> row = new ArrayList<>(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                String c = i < cells.size() ? cells.get(i) : null;
                row.add(c == null ? "" : c);
            }
            rows.add(List.copyOf(row));
            return this;
        }

        /** A row drawn highlighted: light accent background, bold text and an accent bar at its left edge. */
        public Builder highlightedRow(String... cells) {
            row(cells);
            highlighted.set(rows.size() - 1);
            return this;
        }

        /** Highlights an already added row (0-based). */
        public Builder highlight(int row) {
            if (row < 0 || row >= rows.size()) {
                throw new IndexOutOfBoundsException("no row " + row + " (the table has " + rows.size() + ")");
            }
            highlighted.set(row);
            return this;
        }

        /** Gives an already added cell (0-based row and column) a background of its own; null removes it. */
        public Builder fill(int row, int column, Color color) {
            if (row < 0 || row >= rows.size() || column < 0 || column >= columns.size()) {
                throw new IndexOutOfBoundsException("no cell (" + row + ", " + column + ") in a table of " + rows.size()
                        + " rows and " + columns.size() + " columns");
            }
            if (color == null) {
                fills.remove(List.of(row, column));
            } else {
                fills.put(List.of(row, column), color);
            }
            return this;
        }

        public Builder caption(String caption) {
            this.caption = caption;
            return this;
        }

        /** Alternate rows on a light grey background (on by default). */
        public Builder zebra(boolean zebra) {
            this.zebra = zebra;
            return this;
        }

        public PdfTable build() {
            if (columns.isEmpty()) {
                throw new IllegalStateException("a table needs at least one column");
            }
            return new PdfTable(this);
        }
    }
}
