package io.marketlens.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and {@code --flag}s of the benchmark's command lines. */
record Options(Map<String, String> values, Set<String> flags) {

    /** Reads {@code args} from index {@code from} on; {@code flags} are the options that take no value. */
    static Options parse(String[] args, int from, Set<String> known, Set<String> knownFlags) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new java.util.HashSet<>();
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (knownFlags.contains(a)) {
                flags.add(a);
            } else if (known.contains(a) && i + 1 < args.length) {
                values.put(a, args[++i]);
            } else {
                throw new UsageException("unknown option or missing value: " + a + " (options: " + known + ", flags: " + knownFlags + ")");
            }
        }
        return new Options(Map.copyOf(values), Set.copyOf(flags));
    }

    String required(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new UsageException(name + " is required");
        }
        return v;
    }

    String value(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    long number(String name, long otherwise, long min) {
        String v = values.get(name);
        if (v == null) {
            return otherwise;
        }
        try {
            long n = Long.parseLong(v.replace("_", ""));
            if (n < min) {
                throw new UsageException(name + " must be at least " + min + ", not " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " takes a whole number, not '" + v + "'");
        }
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    /** Bad usage: the message says what to change. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static Set<String> names(String... names) {
        return Set.copyOf(List.of(names));
    }
}
