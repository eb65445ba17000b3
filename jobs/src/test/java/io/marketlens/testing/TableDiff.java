package io.marketlens.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Compares two DuckDB tables (or queries) row by row on key columns: every row must be on both sides, and every
 * compared column equal — numbers within a relative or absolute tolerance, anything else exactly (null equals null
 * only). The outcome lists every discrepancy with its row, the expected and the actual value, and the largest
 * difference seen per numeric column (absolute for columns compared with an absolute tolerance, else relative), for
 * the test report.
 */
public final class TableDiff {

    /** A run folder's table as a DuckDB query over its Parquet files. */
    public static String parquetTable(java.nio.file.Path runDir, String name) {
        java.nio.file.Path parquet = runDir.resolve("tables").resolve(name + ".parquet");
        org.assertj.core.api.Assertions.assertThat(parquet).as("the run's %s table (SPEC §7)", name).exists();
        return "read_parquet(" + DuckDb.literal(parquet.toString()
                + (java.nio.file.Files.isDirectory(parquet) ? "/*.parquet" : "")) + ")";
    }

    /** Prints the comparison's summary under {@code who} and fails listing the first discrepancies, if any. */
    public static void assertClean(String who, Result r) {
        System.err.println(who + ": " + r.summary());
        org.assertj.core.api.Assertions.assertThat(r.discrepancies()).as(r.describe(40)).isEmpty();
    }


    /** How one column is compared. */
    public record Check(String column, Kind kind, double tolerance) {
        public enum Kind { RELATIVE, ABSOLUTE, EXACT }

        /** |a − e| ≤ tol · max(|e|, |a|), or both 0; both null is equal. */
        public static Check relative(String column, double tolerance) {
            return new Check(column, Kind.RELATIVE, tolerance);
        }

        /** |a − e| ≤ tol; both null is equal. */
        public static Check absolute(String column, double tolerance) {
            return new Check(column, Kind.ABSOLUTE, tolerance);
        }

        /** Equal values (numbers compared as doubles, 1 = 1.0); both null is equal. */
        public static Check exact(String column) {
            return new Check(column, Kind.EXACT, 0);
        }
    }

    /** One difference: the row's key, the column (or "(row)" when the row is missing on one side) and the values. */
    public record Discrepancy(String key, String column, Object expected, Object actual) {
        @Override
        public String toString() {
            return key + " " + column + ": expected " + expected + ", actual " + actual;
        }
    }

    /** What a comparison found. */
    public record Result(String what, long expectedRows, long actualRows, long matchedRows,
                         Map<String, Double> maxRelative, Map<String, Double> maxAbsolute,
                         List<Discrepancy> discrepancies) {

        public boolean clean() {
            return discrepancies.isEmpty();
        }

        /** One line for the log: rows compared and the largest differences. */
        public String summary() {
            String rel = maxRelative.entrySet().stream()
                    .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.1e", e.getValue()))
                    .collect(Collectors.joining(", "));
            String abs = maxAbsolute.entrySet().stream()
                    .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.1e", e.getValue()))
                    .collect(Collectors.joining(", "));
            return String.format(Locale.ROOT, "%s: %d expected rows, %d actual, %d compared, %d discrepancies;"
                    + " max relative difference: %s; max absolute difference: %s", what, expectedRows, actualRows, matchedRows,
                    discrepancies.size(), rel.isEmpty() ? "-" : rel, abs.isEmpty() ? "-" : abs);
        }

        /** The summary and the first {@code limit} discrepancies. */
        public String describe(int limit) {
            StringBuilder sb = new StringBuilder(summary());
            discrepancies.stream().limit(limit).forEach(d -> sb.append("\n  ").append(d));
            if (discrepancies.size() > limit) {
                sb.append("\n  ... and ").append(discrepancies.size() - limit).append(" more");
            }
            return sb.toString();
        }
    }

    private TableDiff() {
    }

    /**
     * Compares {@code expected} with {@code actual} (table names or parenthesised queries) on {@code keys}.
     *
     * @param where an optional SQL condition on the key columns (unqualified) restricting both sides, or null
     */
    public static Result compare(DuckDb db, String what, String expected, String actual, List<String> keys,
                                 List<Check> checks, String where) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (String k : keys) {
            sql.append("coalesce(CAST(e.").append(k).append(" AS VARCHAR), CAST(a.").append(k).append(" AS VARCHAR)) AS \"k:")
                    .append(k).append("\", ");
        }
        for (Check c : checks) {
            sql.append("e.").append(c.column()).append(" AS \"e:").append(c.column()).append("\", ");
            sql.append("a.").append(c.column()).append(" AS \"a:").append(c.column()).append("\", ");
        }
        String filter = where == null ? "" : " WHERE " + where;
        sql.append("e._present IS NOT NULL AS in_expected, a._present IS NOT NULL AS in_actual")
                .append(" FROM (SELECT *, true AS _present FROM ").append(expected).append(filter).append(") e")
                .append(" FULL OUTER JOIN (SELECT *, true AS _present FROM ").append(actual).append(filter).append(") a ON ")
                .append(keys.stream().map(k -> "e." + k + " = a." + k).collect(Collectors.joining(" AND ")))
                .append(" ORDER BY ").append(keys.stream().map(k -> "\"k:" + k + "\"").collect(Collectors.joining(", ")));

        long expectedRows = 0;
        long actualRows = 0;
        long matched = 0;
        Map<String, Double> maxRelative = new LinkedHashMap<>();
        Map<String, Double> maxAbsolute = new LinkedHashMap<>();
        List<Discrepancy> found = new ArrayList<>();
        for (Map<String, Object> row : db.rows(sql.toString())) {
            String key = keys.stream().map(k -> k + "=" + row.get("k:" + k)).collect(Collectors.joining(", ", "[", "]"));
            boolean inExpected = (Boolean) row.get("in_expected");
            boolean inActual = (Boolean) row.get("in_actual");
            expectedRows += inExpected ? 1 : 0;
            actualRows += inActual ? 1 : 0;
            if (!inExpected || !inActual) {
                found.add(new Discrepancy(key, "(row)", inExpected ? "present" : "absent", inActual ? "present" : "absent"));
                continue;
            }
            matched++;
            for (Check c : checks) {
                Object e = row.get("e:" + c.column());
                Object a = row.get("a:" + c.column());
                if (e == null || a == null) {
                    if (e != a) {
                        found.add(new Discrepancy(key, c.column(), e, a));
                    }
                    continue;
                }
                if (c.kind() == Check.Kind.EXACT && !(e instanceof Number && a instanceof Number)) {
                    if (!Objects.equals(String.valueOf(e), String.valueOf(a))) {
                        found.add(new Discrepancy(key, c.column(), e, a));
                    }
                    continue;
                }
                double ev = DuckDb.dbl(e);
                double av = DuckDb.dbl(a);
                double abs = Math.abs(av - ev);
                double scale = Math.max(Math.abs(ev), Math.abs(av));
                double rel = scale == 0 ? 0 : abs / scale;
                if (c.kind() == Check.Kind.ABSOLUTE) {
                    maxAbsolute.merge(c.column(), abs, Math::max);
                } else {
                    maxRelative.merge(c.column(), rel, Math::max);
                }
                boolean ok = switch (c.kind()) {
                    case RELATIVE -> rel <= c.tolerance();
                    case ABSOLUTE -> abs <= c.tolerance();
                    case EXACT -> ev == av;
                };
                if (!ok) {
                    found.add(new Discrepancy(key, c.column(), e, a));
                }
            }
        }
        return new Result(what, expectedRows, actualRows, matched, maxRelative, maxAbsolute, found);
    }
}
