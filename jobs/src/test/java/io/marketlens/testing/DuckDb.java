package io.marketlens.testing;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory DuckDB for differential tests: the expected figures are computed here in SQL, straight from the raw
 * CSV exports, with no code shared with the Spark pipeline.
 *
 * <p>{@link #loadCsvLines} reads CSV files without DuckDB's CSV sniffer, so that every physical line keeps its
 * 1-based number (the header is line 1) and a line with the wrong number of fields stays visible instead of being
 * skipped: the file is split into lines and each line into RFC 4180 fields by a regular expression (quoted fields may
 * hold commas and doubled quotes; no field of the test inputs holds a line break). Macros for the SQL:
 * <ul>
 *   <li>{@code field(f, h, name)}: the stripped value of column {@code name} (header matched case-insensitively),
 *       {@code NULL} when it is empty or the file has no such column;</li>
 *   <li>{@code local_ts(text, zone)}: a timestamp as wall-clock time in {@code zone} — text with an offset
 *       ({@code +08:00}, {@code -0300}) is converted, text without one is taken as wall-clock time in {@code zone}
 *       already; {@code YYYY-MM-DD}, {@code YYYY-MM-DDTHH:MM[:SS]} and {@code YYYY-MM-DD HH:MM:SS};
 *       {@code NULL} when it is not a valid date-time;</li>
 *   <li>{@code iso_date(text)}: a {@code YYYY-MM-DD} date or {@code NULL}.</li>
 * </ul>
 */
public final class DuckDb implements AutoCloseable {

    private static final String FIELD_PATTERN = ",(\"(?:[^\"]|\"\")*\"|[^,\"]*)";

    private final Connection connection;

    private DuckDb(Connection connection) {
        this.connection = connection;
    }

    public static DuckDb open() {
        try {
            DuckDb db = new DuckDb(DriverManager.getConnection("jdbc:duckdb:"));
            db.exec("CREATE MACRO unquote(x) AS CASE WHEN starts_with(x, '\"') AND length(x) >= 2"
                    + " THEN replace(x[2:length(x) - 1], '\"\"', '\"') ELSE x END");
            db.exec("CREATE MACRO field(f, h, name) AS nullif(trim(f[list_position(h, lower(name))]), '')");
            db.exec("CREATE MACRO local_ts(t, zone) AS CASE"
                    + " WHEN regexp_matches(t, '[T ]\\d{2}:\\d{2}(:\\d{2})?[+-]\\d{2}:?\\d{2}$')"
                    + " THEN timezone(zone, try_strptime(t, ['%Y-%m-%dT%H:%M:%S%z', '%Y-%m-%d %H:%M:%S%z', '%Y-%m-%dT%H:%M%z']))"
                    + " ELSE try_strptime(t, ['%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M', '%Y-%m-%d']) END");
            db.exec("CREATE MACRO iso_date(t) AS CAST(try_strptime(t, '%Y-%m-%d') AS DATE)");
            return db;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open an in-memory DuckDB: " + e.getMessage(), e);
        }
    }

    /**
     * Creates {@code table(file, name, line, f, h)}: one row per non-empty data line of every file matching
     * {@code glob}, {@code name} its file name, {@code f} its fields (unquoted, not stripped) and {@code h} the
     * file's header, lower-cased.
     */
    public void loadCsvLines(String table, String glob) {
        exec("CREATE OR REPLACE TEMP TABLE " + table + " AS"
                + " WITH files AS (SELECT filename AS file,"
                + "   string_split(replace(CASE WHEN starts_with(content, chr(65279)) THEN content[2:] ELSE content END,"
                + "     chr(13), ''), chr(10)) AS l FROM read_text(" + literal(glob) + ")),"
                + " lines AS (SELECT file, unnest(range(1, len(l) + 1)) AS line, unnest(l) AS text FROM files),"
                + " fields AS (SELECT file, line, text,"
                + "   list_transform(regexp_extract_all(',' || text, '" + FIELD_PATTERN + "', 1), x -> unquote(x)) AS f"
                + "   FROM lines WHERE text <> '')"
                + " SELECT d.file, regexp_extract(d.file, '[^/\\\\]+$') AS name, d.line, d.f,"
                + "   list_transform(h.f, x -> lower(trim(x))) AS h"
                + " FROM fields d JOIN fields h ON h.file = d.file AND h.line = 1 WHERE d.line > 1");
    }

    public void exec(String sql) {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + "\n in: " + sql, e);
        }
    }

    /** Every row of a query as column → value (DuckDB's JDBC types: Long, Double, BigDecimal, String, ...). */
    public List<Map<String, Object>> rows(String sql) {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            ResultSetMetaData md = r.getMetaData();
            List<Map<String, Object>> out = new ArrayList<>();
            while (r.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i), r.getObject(i));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + "\n in: " + sql, e);
        }
    }

    /** The single value of a one-row, one-column query. */
    public Object scalar(String sql) {
        List<Map<String, Object>> rows = rows(sql);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new IllegalStateException("expected one value from: " + sql + ", got " + rows);
        }
        return rows.get(0).values().iterator().next();
    }

    public long count(String sql) {
        return ((Number) scalar(sql)).longValue();
    }

    /** A SQL string literal. */
    public static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** A SQL string literal of a path with forward slashes (DuckDB globs accept them on every OS). */
    public static String literal(Path p) {
        return literal(p.toAbsolutePath().toString().replace('\\', '/'));
    }

    /** A number column as double (DuckDB returns DECIMAL as BigDecimal, HUGEINT as BigInteger). */
    public static Double dbl(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal b) {
            return b.doubleValue();
        }
        return ((Number) v).doubleValue();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
