package io.marketlens.metrics.changes;

import static org.apache.spark.sql.functions.col;

import io.marketlens.io.Storage;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.TableSchema;
import io.marketlens.tables.Tables;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The table {@code changes}: this run's tables as just written (their rows in {@link MetricsContext}) against the
 * previous run folder's {@code tables/<name>.parquet}, compared by {@link RunChanges}. The previous tables are small:
 * Spark reads each one the comparison needs and the driver collects it, only its window rows where the comparison
 * reads no others. Without a previous run the table has no rows and the run says so; a previous table that is missing
 * or cannot be read leaves its kinds out with a notice, never failing the run.
 */
public final class ChangesTable {

    /** The notice of a run without a previous run folder. */
    public static final String FIRST_RUN = "first run: no previous run to compare with";

    private ChangesTable() {
    }

    /** The changes since {@code previous} (none without one). */
    public static MetricTable compute(MetricsContext ctx, Storage storage, Optional<PreviousRun> previous,
                                      RunChanges.Rules rules) {
        String asOf = ctx.period().asOf().toString();
        if (previous.isEmpty()) {
            ctx.notice(FIRST_RUN);
            return MetricTable.local(ctx.spark(), Tables.CHANGES, List.of());
        }
        PreviousRun p = previous.get();
        Map<String, List<Row>> current = new HashMap<>();
        for (TableSchema t : RunChanges.TABLES) {
            if (ctx.hasTable(t.name())) {
                current.put(t.name(), ctx.tableRows(t));
            }
        }
        RunChanges.Run before = read(ctx, storage, p);
        RunChanges.Result result = RunChanges.compare(new RunChanges.Run(asOf, current), before, rules);
        ctx.notice("changes: compared with the run of " + p.asOf() + " (" + p.folder() + "): " + result.changes().size()
                + " change(s)");
        result.notices().forEach(n -> ctx.notice("changes: " + n));
        return MetricTable.local(ctx.spark(), Tables.CHANGES, RunChanges.rows(result.changes(), asOf, p.asOf().toString()));
    }

    /** The previous run's tables that {@link RunChanges} reads: those it has and can read, and why not the others. */
    static RunChanges.Run read(MetricsContext ctx, Storage storage, PreviousRun p) {
        Map<String, List<Row>> tables = new HashMap<>();
        Map<String, String> unreadable = new HashMap<>();
        for (TableSchema t : RunChanges.TABLES) {
            String path = Storage.join(p.folder(), "tables", t.name() + ".parquet");
            if (!storage.exists(path)) {
                continue;
            }
            try {
                Dataset<Row> rows = ctx.spark().read().parquet(path);
                if (RunChanges.WINDOW_TABLES.contains(t) && Arrays.asList(rows.columns()).contains(Columns.PERIOD)) {
                    rows = rows.filter(col(Columns.PERIOD).equalTo(Scopes.WINDOW));
                }
                tables.put(t.name(), rows.collectAsList());
            } catch (Exception e) { // a damaged or foreign file: its kinds are left out, the run goes on
                unreadable.put(t.name(), path + " cannot be read: " + firstLine(e));
            }
        }
        return new RunChanges.Run(p.asOf().toString(), tables, unreadable);
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
