package io.marketlens.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketlens.io.Storage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;

/**
 * What marketlens asks of a Delta table's history — its latest version and the user metadata of a commit — read from
 * the commit files of its transaction log ({@code _delta_log/<version>.json}, whose {@code commitInfo} action holds
 * the commit's {@code userMetadata}), as the Delta protocol lays them out. Reading a file or two costs no Spark job,
 * where Delta's history API runs several to build the table's snapshot first.
 */
public final class DeltaLogs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOG = "_delta_log";

    private final Storage storage;

    public DeltaLogs(Storage storage) {
        this.storage = storage;
    }

    /** The table's latest version, or -1 when {@code table} holds no Delta table. */
    public long version(String table) {
        String log = Storage.join(table, LOG);
        long latest = -1;
        for (FileStatus st : storage.list(log)) {
            String name = st.getPath().getName();
            if (name.endsWith(".json") && name.length() == 25 && name.chars().limit(20).allMatch(Character::isDigit)) {
                latest = Math.max(latest, Long.parseLong(name.substring(0, 20)));
            }
        }
        return latest;
    }

    /**
     * The user metadata of the commit of {@code version} ("" when the commit has none), or empty when its commit file
     * is gone (the log was cleaned up).
     */
    public Optional<String> userMetadata(String table, long version) {
        String file = Storage.join(table, LOG, String.format("%020d.json", version));
        if (!storage.exists(file)) {
            return Optional.empty();
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(storage.open(file), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.contains("\"commitInfo\"")) {
                    continue;
                }
                JsonNode info = JSON.readTree(line).get("commitInfo");
                if (info != null) {
                    JsonNode meta = info.get("userMetadata");
                    return Optional.of(meta == null || meta.isNull() ? "" : meta.asText());
                }
            }
            return Optional.of("");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The values of the partition column {@code column} that hold data files at the table's latest version, replayed
     * from its commit files ({@code add} and {@code remove} actions by file path and deletion vector, as the Delta
     * protocol reconciles them), or empty when that cannot be told: a commit file is gone (the log was cleaned up after a checkpoint), or
     * an added file names no value of the column. A partition of rows without a value of the column (null) is left
     * out, and so is a file whose deletion vector deletes all its rows. Delta removes commit files older than the
     * table's log retention (30 days by default) once a checkpoint holds them; this then gives empty, and callers read
     * the whole table as they would without it.
     */
    public Optional<java.util.Set<String>> partitions(String table, String column) {
        long latest = version(table);
        java.util.Map<String, String> files = new java.util.HashMap<>();
        boolean told = latest >= 0 && readActions(table, 0, latest, parsed -> {
            boolean add = parsed.has("add");
            if (!add && !parsed.has("remove")) {
                return true;
            }
            JsonNode action = parsed.get(add ? "add" : "remove");
            // a file is its path and deletion vector: a commit that deletes rows removes the file as it was and adds it
            // back with a vector
            JsonNode dv = action.path("deletionVector");
            String key = action.path("path").asText() + (dv.isObject() ? "|" + dv.path("storageType").asText()
                    + dv.path("pathOrInlineDv").asText() + "@" + dv.path("offset").asText() : "");
            if (!add) {
                files.remove(key);
                return true;
            }
            JsonNode values = action.path("partitionValues");
            if (!values.has(column)) {
                return false;
            }
            JsonNode value = values.get(column);
            // a file whose every row its deletion vector deletes holds no row of the partition
            files.put(key, value.isNull() || deletesEveryRow(action, dv) ? null : value.asText());
            return true;
        });
        if (!told) {
            return Optional.empty();
        }
        java.util.Set<String> out = new java.util.TreeSet<>();
        files.values().stream().filter(java.util.Objects::nonNull).forEach(out::add);
        return Optional.of(out);
    }

    /**
     * Whether the deletion vector {@code dv} of the added file {@code add} deletes as many rows as the file's statistics
     * say it has (false without either).
     */
    private static boolean deletesEveryRow(JsonNode add, JsonNode dv) {
        if (!dv.isObject() || !dv.path("cardinality").canConvertToLong() || !add.path("stats").isTextual()) {
            return false;
        }
        try {
            JsonNode records = JSON.readTree(add.get("stats").asText()).path("numRecords");
            return records.canConvertToLong() && dv.get("cardinality").asLong() >= records.asLong();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The values of the partition column {@code column} whose files the commits after {@code after} up to
     * {@code upTo} added or removed (a file's partition values are in its {@code add} and {@code remove} actions), or
     * empty when that cannot be told: a commit file is gone (the log was cleaned up), a commit changes the table's
     * schema or protocol ({@code metaData}, {@code protocol}), or an action names no value of the column. The rows of
     * every other partition are the same at both versions, since Delta never changes a data file in place.
     */
    public Optional<java.util.Set<String>> partitionsTouched(String table, long after, long upTo, String column) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        boolean told = readActions(table, after + 1, upTo, action -> {
            if (action.has("metaData") || action.has("protocol")) {
                return false;
            }
            JsonNode changed = action.has("add") ? action.get("add") : action.get("remove");
            if (changed == null) {
                return true;
            }
            JsonNode value = changed.path("partitionValues").get(column);
            if (value == null || value.isNull()) {
                return false;
            }
            out.add(value.asText());
            return true;
        });
        return told ? Optional.of(out) : Optional.empty();
    }

    /**
     * Hands every action of the commits {@code from} up to {@code upTo} to {@code action}, commit after commit and in
     * the order of their lines, until it returns false; false then, and when a commit file is gone (the log was
     * cleaned up), true when every action was handed over.
     */
    private boolean readActions(String table, long from, long upTo, java.util.function.Predicate<JsonNode> action) {
        for (long v = from; v <= upTo; v++) {
            String file = Storage.join(table, LOG, String.format("%020d.json", v));
            if (!storage.exists(file)) {
                return false;
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(storage.open(file), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (!line.isBlank() && !action.test(JSON.readTree(line))) {
                        return false;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return true;
    }
}
