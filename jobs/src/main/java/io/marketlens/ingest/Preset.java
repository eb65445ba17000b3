package io.marketlens.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A named reading of one kind of export (Amazon's order report, Keepa's product viewer, …): the headers that identify
 * it, the reading options it needs (date patterns, decimal comma) and a {@link ColumnRule} per canonical column. A
 * preset is a small YAML file in the jar ({@code io/marketlens/ingest/presets/<name>.yaml}); the config's
 * {@code sources.<source>.columns} use the same rules and override a preset's, column by column.
 *
 * @param name        the preset's name, as {@code sources.<source>.preset} names it
 * @param source      the canonical source its rows become
 * @param description what export it reads, in one line
 * @param detect      headers that together identify the export: a file whose header has all of them matches
 * @param options     reading options (the keys of {@code sources.<source>}) the export needs
 * @param columns     canonical column → rule
 */
public record Preset(
        @JsonProperty("name") String name,
        @JsonProperty("source") String source,
        @JsonProperty("description") String description,
        @JsonProperty("detect") List<String> detect,
        @JsonProperty("options") SourceOptions options,
        @JsonProperty("columns") Map<String, ColumnRule> columns) implements Serializable {

    public Preset {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a preset needs a name");
        }
        if (Source.fromDirName(source == null ? "" : source).isEmpty()) {
            throw new IllegalArgumentException("preset " + name + ": source '" + source + "' is not sales, competitors, logistics or fx_rates");
        }
        if (detect == null || detect.isEmpty()) {
            throw new IllegalArgumentException("preset " + name + " needs the headers that detect it");
        }
        detect = List.copyOf(detect);
        options = options == null ? SourceOptions.defaults() : options;
        columns = columns == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(columns));
        Source s = Source.fromDirName(source).orElseThrow();
        for (String c : columns.keySet()) {
            if (s.indexOf(c) < 0) {
                throw new IllegalArgumentException("preset " + name + ": '" + c + "' is not a " + source + " column");
            }
        }
    }

    /** The reading options of the preset with its columns. */
    public SourceOptions readingOptions() {
        return options.withColumns(columns);
    }

    public Source sourceKind() {
        return Source.fromDirName(source).orElseThrow();
    }

    /** Whether a header (its names {@link HeaderMapping#normalise normalised}) has every detecting column. */
    boolean matches(Set<String> normalisedHeader) {
        return detect.stream().map(HeaderMapping::normalise).allMatch(normalisedHeader::contains);
    }

    /** Why a header matched: the detecting columns, for {@code validate} and the progress. */
    String why() {
        return "its header has " + detect.stream().map(h -> "'" + h + "'").collect(Collectors.joining(", "));
    }
}
