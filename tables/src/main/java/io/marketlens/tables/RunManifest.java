package io.marketlens.tables;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a published run: what was read (per file, with checksums and row accounting),
 * how long each stage took, which tables were written, and the versions and settings that produced them.
 * The jobs module writes it; the report renders its data-quality appendix from it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunManifest(
        @JsonProperty("run_id") String runId,
        @JsonProperty("as_of") String asOf,
        @JsonProperty("base_currency") String baseCurrency,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("inputs") List<Input> inputs,
        @JsonProperty("stages") List<Stage> stages,
        @JsonProperty("tables") List<String> tables,
        @JsonProperty("versions") Map<String, String> versions,
        @JsonProperty("config") Map<String, Object> config,
        @JsonProperty("skipped") List<Skipped> skipped) {

    public RunManifest {
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    /** A manifest whose input folders held nothing that was passed over. */
    public RunManifest(String runId, String asOf, String baseCurrency, String startedAt, List<Input> inputs, List<Stage> stages,
                       List<String> tables, Map<String, String> versions, Map<String, Object> config) {
        this(runId, asOf, baseCurrency, startedAt, inputs, stages, tables, versions, config, List.of());
    }

    /** An entry of an input folder that was not read, and why (a folder, a hidden name, a link to nothing, …). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Skipped(@JsonProperty("path") String path, @JsonProperty("reason") String reason) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** One input file and what became of its rows. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(
            @JsonProperty("source") String source,
            @JsonProperty("file") String file,
            @JsonProperty("sha256") String sha256,
            @JsonProperty("rows_read") long rowsRead,
            @JsonProperty("rows_accepted") long rowsAccepted,
            @JsonProperty("rows_quarantined") long rowsQuarantined,
            @JsonProperty("reasons") Map<String, Long> reasons,
            @JsonProperty("previously_ingested") boolean previouslyIngested,
            @JsonProperty("preset") String preset,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            @JsonProperty("duplicate_of") String duplicateOf,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            @JsonProperty("lines") Long lines) {

        /** An input whose physical lines were not counted (a workbook). */
        public Input(String source, String file, String sha256, long rowsRead, long rowsAccepted, long rowsQuarantined,
                     Map<String, Long> reasons, boolean previouslyIngested, String preset, String duplicateOf) {
            this(source, file, sha256, rowsRead, rowsAccepted, rowsQuarantined, reasons, previouslyIngested, preset,
                    duplicateOf, null);
        }

        /** An input read without a preset (its own canonical columns and the config's mapping). */
        public Input(String source, String file, String sha256, long rowsRead, long rowsAccepted, long rowsQuarantined,
                     Map<String, Long> reasons, boolean previouslyIngested) {
            this(source, file, sha256, rowsRead, rowsAccepted, rowsQuarantined, reasons, previouslyIngested, null, null, null);
        }

        /** An input that is no copy of another of the same run. */
        public Input(String source, String file, String sha256, long rowsRead, long rowsAccepted, long rowsQuarantined,
                     Map<String, Long> reasons, boolean previouslyIngested, String preset) {
            this(source, file, sha256, rowsRead, rowsAccepted, rowsQuarantined, reasons, previouslyIngested, preset, null, null);
        }
    }

    /** A pipeline stage and its wall-clock duration. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stage(@JsonProperty("name") String name, @JsonProperty("seconds") double seconds) {
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RunManifest fromJson(String json) {
        try {
            return JSON.readValue(json, RunManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a marketlens manifest: " + e.getMessage(), e);
        }
    }
}
