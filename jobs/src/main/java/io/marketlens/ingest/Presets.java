package io.marketlens.ingest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The presets shipped in the jar, and which one a file's header selects: the preset the config names
 * ({@code sources.<source>.preset}), else the one of the file's source whose detecting headers the header has all of
 * (the one with the most of them when several do), else none — the canonical columns and the config's mapping.
 */
public final class Presets {

    /** The built-in presets, each {@code io/marketlens/ingest/presets/<name>.yaml}. */
    public static final List<String> BUILT_IN = List.of("amazon-order-report", "amazon-all-orders", "amazon-business-report",
            "helium10-xray", "keepa-product-viewer", "amazon-shipping", "shopify-orders", "shopify-fulfillments");
    /** {@code sources.<source>.preset: none} turns detection off for the source. */
    public static final String NONE = "none";

    private static final Map<String, Preset> ALL = load();

    private Presets() {
    }

    /** A file's preset and why it was chosen. */
    public record Match(Preset preset, String why) {
    }

    private static Map<String, Preset> load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        Map<String, Preset> out = new LinkedHashMap<>();
        for (String name : BUILT_IN) {
            String path = "/io/marketlens/ingest/presets/" + name + ".yaml";
            try (InputStream in = Presets.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("preset " + path + " is missing from the jar");
                }
                Preset p = yaml.readValue(in, Preset.class);
                if (!p.name().equals(name)) {
                    throw new IllegalStateException(path + " names itself " + p.name());
                }
                out.put(name, p);
            } catch (IOException e) {
                throw new UncheckedIOException("preset " + path + " cannot be read: " + e.getMessage(), e);
            }
        }
        return Map.copyOf(out);
    }

    /** Every built-in preset, in {@link #BUILT_IN} order. */
    public static List<Preset> all() {
        return BUILT_IN.stream().map(ALL::get).toList();
    }

    public static Optional<Preset> named(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    /**
     * The preset of a file of {@code source} with {@code header}: the one {@code options} name, or the one detected from
     * the header; empty for none. A name that is no preset of the source is an {@link UnreadableFileException}.
     */
    public static Optional<Match> select(Source source, SourceOptions options, List<String> header, String file) {
        String named = options.preset();
        if (named != null && !named.isBlank()) {
            if (NONE.equalsIgnoreCase(named)) {
                return Optional.empty();
            }
            Preset p = named(named).filter(x -> x.sourceKind() == source).orElseThrow(() -> new UnreadableFileException(file
                    + ": sources." + source.dirName() + ".preset '" + named + "' is not a " + source.dirName() + " preset; the "
                    + source.dirName() + " presets are " + ofSource(source)));
            return Optional.of(new Match(p, "named in the config (sources." + source.dirName() + ".preset)"));
        }
        Set<String> names = header.stream().map(HeaderMapping::normalise).collect(Collectors.toSet());
        return all().stream().filter(p -> p.sourceKind() == source && p.matches(names))
                .max(Comparator.comparingInt((Preset p) -> p.detect().size()))
                .map(p -> new Match(p, p.why()));
    }

    private static List<String> ofSource(Source source) {
        return all().stream().filter(p -> p.sourceKind() == source).map(Preset::name).toList();
    }
}
