package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the fingerprint of a source's settings ({@link IngestSettings#fingerprint}) covers, source by source. */
class SettingsFingerprintTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    private static Plausibility bounds(long maxQuantity, long maxEstUnits, LocalDate today, int daysAhead) {
        return new Plausibility(maxQuantity, maxEstUnits, LocalDate.of(2000, 1, 1), today.plusDays(daysAhead), "UTC", daysAhead);
    }

    private static IngestSettings settings(String base, String zone, int fxTolerance, SourceOptions sales,
                                           List<String> cancelled, Plausibility plausibility) {
        Map<Source, SourceOptions> sources = new EnumMap<>(Source.class);
        sources.put(Source.SALES, sales);
        return new IngestSettings(base, zone, fxTolerance, sources, cancelled, plausibility);
    }

    private static final IngestSettings DEFAULTS = settings("USD", "UTC", 7, SourceOptions.defaults(),
            List.of("cancelled", "canceled"), bounds(10_000, 10_000_000, TODAY, 1));

    /** The sources whose fingerprint differs from the defaults'. */
    private static List<String> changed(IngestSettings other) {
        return Source.INGEST_ORDER.stream().filter(s -> !other.fingerprint(s).equals(DEFAULTS.fingerprint(s)))
                .map(Source::dirName).toList();
    }

    private static SourceOptions salesWith(List<String> timestampPattern, String fileDate) {
        return new SourceOptions(null, null, null, timestampPattern, null, null, null, null, null, fileDate, null);
    }

    @Test
    void aSha256InHexTheSameForTheSameSettings() {
        assertThat(DEFAULTS.fingerprint(Source.SALES)).matches("[0-9a-f]{64}")
                .isEqualTo(settings("USD", "UTC", 7, SourceOptions.defaults(), List.of("cancelled", "canceled"),
                        bounds(10_000, 10_000_000, TODAY, 1)).fingerprint(Source.SALES))
                .isNotEqualTo(DEFAULTS.fingerprint(Source.LOGISTICS));
    }

    @Test
    void aSourcesReadingOptionsChangeItsOwnFingerprintOnly() {
        assertThat(changed(settings("USD", "UTC", 7, salesWith(List.of("dd/MM/yyyy HH:mm"), null),
                List.of("cancelled", "canceled"), bounds(10_000, 10_000_000, TODAY, 1)))).containsExactly("sales");
    }

    @Test
    void theDateOfFilesNamedWithoutOneIsNoReadingSetting() {
        assertThat(changed(settings("USD", "UTC", 7, salesWith(null, "2026-03"), List.of("cancelled", "canceled"),
                bounds(10_000, 10_000_000, TODAY, 1)))).isEmpty();
    }

    @Test
    void theColumnsMappedCountNotTheOrderTheyAreGivenIn() {
        Map<String, ColumnRule> ab = new LinkedHashMap<>();
        ab.put("order_id", ColumnRule.from("Order"));
        ab.put("order_ts", ColumnRule.from("Date"));
        Map<String, ColumnRule> ba = new LinkedHashMap<>();
        ba.put("order_ts", ColumnRule.from("Date"));
        ba.put("order_id", ColumnRule.from("Order"));
        IngestSettings one = settings("USD", "UTC", 7, SourceOptions.defaults().withColumns(ab), List.of("cancelled", "canceled"),
                bounds(10_000, 10_000_000, TODAY, 1));
        IngestSettings other = settings("USD", "UTC", 7, SourceOptions.defaults().withColumns(ba), List.of("canceled", "cancelled"),
                bounds(10_000, 10_000_000, TODAY, 1));
        assertThat(one.fingerprint(Source.SALES)).isEqualTo(other.fingerprint(Source.SALES))
                .isNotEqualTo(DEFAULTS.fingerprint(Source.SALES));
    }

    @Test
    void runWideSettingsChangeTheSourcesTheyApplyTo() {
        List<String> cancelled = List.of("cancelled", "canceled");
        Plausibility usual = bounds(10_000, 10_000_000, TODAY, 1);
        assertThat(changed(settings("USD", "Asia/Shanghai", 7, SourceOptions.defaults(), cancelled, usual)))
                .containsExactly("fx_rates", "sales", "competitors", "logistics");
        assertThat(changed(settings("EUR", "UTC", 7, SourceOptions.defaults(), cancelled, usual)))
                .containsExactly("sales", "competitors", "logistics");
        assertThat(changed(settings("USD", "UTC", 14, SourceOptions.defaults(), cancelled, usual)))
                .containsExactly("sales", "competitors", "logistics");
        assertThat(changed(settings("USD", "UTC", 7, SourceOptions.defaults(), List.of("void"), usual)))
                .containsExactly("sales");
    }

    @Test
    void theBoundsCountButNotTheDayTheRunIsOn() {
        List<String> cancelled = List.of("cancelled", "canceled");
        assertThat(changed(settings("USD", "UTC", 7, SourceOptions.defaults(), cancelled,
                bounds(10_000, 10_000_000, TODAY.plusDays(1), 1)))).as("the next night").isEmpty();
        assertThat(changed(settings("USD", "UTC", 7, SourceOptions.defaults(), cancelled,
                bounds(100, 10_000_000, TODAY, 1)))).containsExactly("sales");
        assertThat(changed(settings("USD", "UTC", 7, SourceOptions.defaults(), cancelled,
                bounds(10_000, 1_000, TODAY, 1)))).containsExactly("competitors");
        assertThat(changed(settings("USD", "UTC", 7, SourceOptions.defaults(), cancelled,
                bounds(10_000, 10_000_000, TODAY, 400)))).containsExactly("sales", "competitors", "logistics");
    }
}
