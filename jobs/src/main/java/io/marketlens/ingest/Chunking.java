package io.marketlens.ingest;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * How the tasks share one export: where records start inside it ({@code splits}) and the text layout
 * that its header established, so that a task starting inside the file needs not read the header.
 * Without splits the file is one task; {@code note} then says why a big file could not be split.
 *
 * @param charset   the encoding the reader found (a byte-order mark wins over the configured one)
 * @param delimiter configured or sniffed from the header
 */
public record Chunking(String charset, char delimiter, List<String> header, List<Split> splits, String note)
        implements Serializable {

    /** A record starts at byte {@code offset}; {@code linesBefore} physical lines precede it. */
    public record Split(long offset, long linesBefore) implements Serializable {
    }

    public Chunking {
        header = List.copyOf(header);
        splits = List.copyOf(splits);
    }

    /** One task for the whole file; {@code note} (may be null) says why it was not split. */
    static Chunking whole(String note) {
        return new Chunking(null, ',', List.of(), List.of(), note);
    }

    /** A byte count for messages: 512 B, 64 MiB, 1.8 GiB. */
    static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 || v >= 10 || v == Math.rint(v)
                ? String.format(Locale.ROOT, "%.0f %s", v, units[u])
                : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
