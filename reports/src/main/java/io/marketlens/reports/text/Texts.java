package io.marketlens.reports.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The report's words in one language: every label, heading, sentence pattern and methodology text, read
 * from the UTF-8 property files {@code io/marketlens/reports/text/<part>_<lang>.properties} (one file per
 * part of the report, so that each part keeps its own words). A pattern's {@code {0}}, {@code {1}}, ... are
 * replaced by the arguments as given: numbers are formatted by {@link Numbers} before they get here, and
 * no other character of the pattern is special (unlike {@link java.text.MessageFormat}, quotes are text).
 */
public final class Texts {

    /** The parts; each has one file per language. */
    static final List<String> PARTS = List.of("common", "sections", "charts", "findings", "methodology", "pdf");

    private final Lang lang;
    private final Map<String, String> entries;

    private Texts(Lang lang, Map<String, String> entries) {
        this.lang = lang;
        this.entries = entries;
    }

    public static Texts of(Lang lang) {
        Map<String, String> all = new TreeMap<>();
        for (String part : PARTS) {
            String resource = part + "_" + lang.code() + ".properties";
            try (InputStream in = Texts.class.getResourceAsStream(resource)) {
                if (in == null) {
                    continue;
                }
                Properties p = new Properties();
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String k : p.stringPropertyNames()) {
                    String previous = all.put(k, p.getProperty(k));
                    if (previous != null) {
                        throw new IllegalStateException("text key " + k + " is defined twice (" + resource + ")");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Texts(lang, all);
    }

    public Lang lang() {
        return lang;
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The text of {@code key} with {@code {i}} replaced by {@code args[i]}. */
    public String get(String key, Object... args) {
        String pattern = entries.get(key);
        if (pattern == null) {
            throw new IllegalArgumentException("no " + lang.code() + " text for key " + key);
        }
        return fill(key, pattern, args);
    }

    /** {@code pattern} with {@code {i}} replaced by {@code args[i]}; {@code key} names it in errors. */
    static String fill(String key, String pattern, Object... args) {
        if (args.length == 0) {
            return pattern;
        }
        StringBuilder out = new StringBuilder(pattern.length() + 32);
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '{') {
                int close = pattern.indexOf('}', i);
                if (close > i + 1) {
                    String inside = pattern.substring(i + 1, close);
                    if (inside.chars().allMatch(Character::isDigit)) {
                        int n = Integer.parseInt(inside);
                        if (n >= args.length) {
                            throw new IllegalArgumentException("text " + key + " needs argument {" + n + "}, got " + args.length);
                        }
                        out.append(args[n]);
                        i = close + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** All keys, for completeness checks between languages. */
    public java.util.Set<String> keys() {
        return java.util.Collections.unmodifiableSet(entries.keySet());
    }
}
