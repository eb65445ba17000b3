package io.marketlens.reports;

import io.marketlens.reports.data.Table.Row;
import io.marketlens.reports.layout.Block;
import io.marketlens.reports.text.Numbers;
import io.marketlens.reports.text.Texts;
import io.marketlens.tables.Columns;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The own store's key figures over the window (M15, 5.14 数据分析), each with its change against the window before:
 * amounts as a relative change in percent, rates in percentage points. Read from the whole-market rows (ALL, ALL, ALL)
 * of {@code own_store}; the words are {@code kpi.<column>}.
 */
enum OwnStoreKpi {
    REVENUE(Columns.REVENUE, false, Numbers::moneyCompact),
    ORDERS(Columns.ORDERS, false, Numbers::integer),
    AOV(Columns.AOV, false, (n, v) -> n.money(v, 2)),
    UNITS(Columns.UNITS, false, Numbers::integer),
    CANCEL_RATE(Columns.CANCEL_RATE, true, (n, v) -> n.percent(v, 1)),
    RETURN_RATE(Columns.RETURN_RATE, true, (n, v) -> n.percent(v, 1));

    private final String column;
    /** A rate, whose change is a difference in percentage points rather than a relative change. */
    private final boolean rate;
    private final BiFunction<Numbers, Double, String> format;

    OwnStoreKpi(String column, boolean rate, BiFunction<Numbers, Double, String> format) {
        this.column = column;
        this.rate = rate;
        this.format = format;
    }

    /** The tiles of {@code window}'s figures, their changes against {@code previous} (null when the run has none). */
    static List<Block.Tile> tiles(Row window, Row previous, Texts t, Numbers n) {
        return Arrays.stream(values()).map(k -> new Block.Tile(t.get("kpi." + k.column), k.format.apply(n, window.num(k.column)),
                k.change(window, previous, t, n))).toList();
    }

    /**
     * The change against the previous window: {@code value ÷ previous − 1} for an amount, {@code 100 · (value − previous)}
     * points for a rate; "no previous window" when either is missing or a previous amount is 0.
     */
    String change(Row window, Row previous, Texts t, Numbers n) {
        Double now = window.num(column);
        Double before = previous == null ? null : previous.num(column);
        if (now == null || before == null || (!rate && before == 0)) {
            return t.get("kpi.no_previous");
        }
        return rate ? t.get("kpi.change_points", n.signedDecimal(100 * (now - before), 1))
                : t.get("kpi.change", n.signedPercent(now / before - 1, 1));
    }
}
