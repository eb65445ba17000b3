package io.marketlens.ingest;

import io.marketlens.io.Storage;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fingerprints of the input files an earlier run read through, by path, with the size and modification time each
 * file had then: a file that still has both is not read through again to find its SHA-256 (a night's run would
 * otherwise read its whole history of exports). Kept in the warehouse as a text file ({@code _cache/fingerprints.tsv},
 * one line per file); safe to delete, the next run then fingerprints every file again.
 *
 * <p>A fingerprint is trusted only when the file's modification time lies at least {@value #SETTLED_MILLIS} ms before
 * the moment its bytes were read: a file changed again within the same tick of its file system's clock (one or two
 * seconds on some) could otherwise keep its size and time with other bytes. A file rewritten with other bytes of the
 * same size and then given its old time back is taken for the old one; {@code --reread} reads it again.
 */
public final class FingerprintCache {

    /** How long before its fingerprint was taken a file must have last changed for the fingerprint to be trusted. */
    public static final long SETTLED_MILLIS = 2_000;
    static final String HEADER = "marketlens-fingerprints\t1";

    /**
     * One file's fingerprint: its size and modification time, when its bytes were read ({@code scannedMillis}), its
     * SHA-256 and its line count (-1: not counted, as for a workbook).
     */
    public record Entry(long size, long modifiedMillis, long scannedMillis, String sha256, long lines) {

        /** Whether this fingerprint holds for a file of this size and modification time. */
        boolean matches(long size, long modifiedMillis) {
            return this.size == size && this.modifiedMillis == modifiedMillis
                    && modifiedMillis + SETTLED_MILLIS <= scannedMillis;
        }
    }

    private final Map<String, Entry> entries;

    private FingerprintCache(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** No fingerprints. */
    public static FingerprintCache empty() {
        return new FingerprintCache(new LinkedHashMap<>());
    }

    /** The fingerprints kept at {@code path}; none when it is missing or cannot be read (the files are read through). */
    public static FingerprintCache load(Storage storage, String path) {
        try {
            if (!storage.exists(path)) {
                return empty();
            }
            return parse(storage.readString(path)).orElseGet(FingerprintCache::empty);
        } catch (RuntimeException e) {
            return empty();
        }
    }

    /** The fingerprints of a text written by {@link #text}; empty when it is not one. */
    static Optional<FingerprintCache> parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            return Optional.empty();
        }
        Map<String, Entry> out = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            String[] f = lines[i].split("\t", -1);
            if (f.length != 6 || !f[4].matches("[0-9a-f]{64}")) {
                return Optional.empty();
            }
            try {
                out.put(f[0], new Entry(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), f[4],
                        Long.parseLong(f[5])));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new FingerprintCache(out));
    }

    /** The trusted fingerprint of the file at {@code path} with this size and modification time, if one is kept. */
    public Optional<Entry> lookup(String path, long size, long modifiedMillis) {
        Entry e = entries.get(path);
        return e != null && e.matches(size, modifiedMillis) ? Optional.of(e) : Optional.empty();
    }

    /**
     * The text of the fingerprints of {@code files} (path → entry), sorted by path; paths with a tab or a line break are
     * left out (they would break the format; those files are read through every time).
     */
    static String text(Map<String, Entry> files) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        new TreeMap<>(files).forEach((path, e) -> {
            if (path.indexOf('\t') < 0 && path.indexOf('\n') < 0 && path.indexOf('\r') < 0) {
                b.append(path).append('\t').append(e.size()).append('\t').append(e.modifiedMillis()).append('\t')
                        .append(e.scannedMillis()).append('\t').append(e.sha256()).append('\t').append(e.lines()).append('\n');
            }
        });
        return b.toString();
    }

    /**
     * Keeps the fingerprints of {@code files} at {@code path} (those of other files are dropped); returns "" or, when it
     * cannot be written, why (the run goes on; the next one reads every file through).
     */
    public static String save(Storage storage, String path, Map<String, Entry> files) {
        try {
            storage.mkdirs(new org.apache.hadoop.fs.Path(path).getParent().toString());
            storage.writeStringAtomically(path, text(files));
            return "";
        } catch (RuntimeException e) {
            return Storage.why(e);
        }
    }

    /** How many fingerprints are kept. */
    public int size() {
        return entries.size();
    }

    /** The kept fingerprints, by path. */
    Collection<Map.Entry<String, Entry>> entries() {
        return entries.entrySet();
    }
}
