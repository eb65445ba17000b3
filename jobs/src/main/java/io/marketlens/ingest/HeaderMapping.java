package io.marketlens.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the header of one export onto the canonical columns of its source: configured aliases first,
 * then the canonical name itself, compared case-insensitively with spaces, dashes and dots read as '_'.
 * Headers that map to nothing are ignored (kept out of the warehouse).
 */
public final class HeaderMapping implements Serializable {

    private final int[] fieldIndex;
    private final int fieldCount;
    private final List<String> ignored;

    private HeaderMapping(int[] fieldIndex, int fieldCount, List<String> ignored) {
        this.fieldIndex = fieldIndex;
        this.fieldCount = fieldCount;
        this.ignored = ignored;
    }

    static String normalise(String header) {
        return header.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-./]+", "_");
    }

    /**
     * Resolves the header or throws {@link UnreadableFileException} naming the file, the problem and the fix.
     */
    public static HeaderMapping resolve(Source source, SourceOptions options, List<String> header, String file) {
        Map<String, String> aliasToCanonical = new HashMap<>();
        for (Map.Entry<String, List<String>> e : options.columns().entrySet()) {
            for (String alias : e.getValue()) {
                aliasToCanonical.put(normalise(alias), e.getKey());
            }
        }
        int[] index = new int[source.columns().size()];
        java.util.Arrays.fill(index, -1);
        // configured aliases first; a header named like a canonical column fills it only if no alias did
        for (int i = 0; i < header.size(); i++) {
            String canonical = aliasToCanonical.get(normalise(header.get(i)));
            if (canonical != null) {
                claim(source, index, canonical, i, header, file);
            }
        }
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String h = normalise(header.get(i));
            if (aliasToCanonical.containsKey(h)) {
                continue;
            }
            int c = source.indexOf(h);
            if (c >= 0 && index[c] < 0) {
                index[c] = i;
            } else if (c >= 0 && !options.columns().containsKey(h)) {
                claim(source, index, h, i, header, file); // two headers with the same name: an error
            } else {
                ignored.add(header.get(i));
            }
        }
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < index.length; c++) {
            ColumnSpec spec = source.columns().get(c);
            if (spec.required() && index[c] < 0) {
                missing.add(spec.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new UnreadableFileException(file + ": required " + source.dirName() + " column"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " not found in the header "
                    + header + ". Rename the header, or map it in the config, e.g. sources." + source.dirName()
                    + ".columns." + missing.get(0) + ": \"<header in your export>\""
                    + (header.size() == 1 ? " (only one column was found: check the delimiter or the encoding)" : ""));
        }
        return new HeaderMapping(index, header.size(), List.copyOf(ignored));
    }

    private static void claim(Source source, int[] index, String canonical, int field, List<String> header, String file) {
        int c = source.indexOf(canonical);
        if (index[c] >= 0) {
            throw new UnreadableFileException(file + ": columns '" + header.get(index[c]) + "' and '" + header.get(field)
                    + "' both map to " + source.dirName() + "." + canonical
                    + "; keep one of them or fix sources." + source.dirName() + ".columns in the config");
        }
        index[c] = field;
    }

    /** Position in the record of the canonical column at {@code canonicalIndex}, or -1 when absent. */
    public int fieldOf(int canonicalIndex) {
        return fieldIndex[canonicalIndex];
    }

    public int fieldCount() {
        return fieldCount;
    }

    /** Header names that map to no canonical column. */
    public List<String> ignored() {
        return ignored;
    }
}
