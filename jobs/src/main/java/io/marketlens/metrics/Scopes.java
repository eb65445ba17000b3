package io.marketlens.metrics;

import static org.apache.spark.sql.functions.*;

import io.marketlens.fact.MarketFact;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The scopes every market metric is computed for: each row counts in its own (platform, marketplace,
 * category) and in the roll-ups that replace platform, marketplace and/or category with {@code ALL} —
 * the eight combinations. Rows are multiplied once, so one aggregation then serves all scopes.
 */
public final class Scopes {

    /** The value of a rolled-up scope column (SPEC §7). */
    public static final String ALL = "ALL";
    public static final List<String> COLUMNS = List.of(MarketFact.PLATFORM, MarketFact.MARKETPLACE, MarketFact.CATEGORY);

    private Scopes() {
    }

    /** Each row once per scope it belongs to; {@code withAllCategories} false keeps category-level scopes only. */
    public static Dataset<Row> explode(Dataset<Row> rows, boolean withAllCategories) {
        List<Column> combos = new ArrayList<>();
        for (boolean p : new boolean[]{false, true}) {
            for (boolean m : new boolean[]{false, true}) {
                for (boolean c : withAllCategories ? new boolean[]{false, true} : new boolean[]{false}) {
                    combos.add(struct(
                            (p ? lit(ALL) : col(MarketFact.PLATFORM)).as("p"),
                            (m ? lit(ALL) : col(MarketFact.MARKETPLACE)).as("m"),
                            (c ? lit(ALL) : col(MarketFact.CATEGORY)).as("c")));
                }
            }
        }
        return rows.withColumn("_scope", functions.explode(array(combos.toArray(Column[]::new))))
                .withColumn(MarketFact.PLATFORM, col("_scope.p"))
                .withColumn(MarketFact.MARKETPLACE, col("_scope.m"))
                .withColumn(MarketFact.CATEGORY, col("_scope.c"))
                .drop("_scope");
    }

    /**
     * Each row once for its month, once more for {@code window} when the month is in the window and, with
     * {@code withPrevious}, for {@code previous_window} when it is in the window before (for changes over
     * the window; those rows are for comparison, not for output).
     */
    public static Dataset<Row> withWindow(Dataset<Row> rows, AnalysisPeriod period, boolean withPrevious) {
        Column month = col(MarketFact.PERIOD);
        Column inWindow = month.geq(period.firstWindowPeriod()).and(month.leq(period.lastPeriod()));
        Column inPrevious = month.geq(period.firstPreviousWindowPeriod()).and(month.leq(period.lastPreviousWindowPeriod()));
        Column labels = when(inWindow, array(month, lit(AnalysisPeriod.WINDOW)));
        if (withPrevious) {
            labels = labels.when(inPrevious, array(month, lit(AnalysisPeriod.PREVIOUS_WINDOW)));
        }
        return rows.withColumn(MarketFact.PERIOD, functions.explode(labels.otherwise(array(month))));
    }

    /**
     * The month {@code months} after a {@code YYYY-MM} period column (negative: before); null for the
     * {@code window} labels, which are not months (guarded, since Spark may evaluate it before a filter).
     */
    public static Column shiftMonths(Column period, int months) {
        return when(period.rlike("^[0-9]{4}-[0-9]{2}$"),
                date_format(add_months(to_date(concat(period, lit("-01"))), months), "yyyy-MM"));
    }

    public static Column[] scopeColumns() {
        return COLUMNS.stream().map(functions::col).toArray(Column[]::new);
    }

    /** Scope columns followed by {@code extra}. */
    public static Column[] scopeAnd(String... extra) {
        List<Column> cols = new ArrayList<>(List.of(scopeColumns()));
        for (String e : extra) {
            cols.add(col(e));
        }
        return cols.toArray(Column[]::new);
    }
}
