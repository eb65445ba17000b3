package io.marketlens.metrics.platforms;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which destination country (ISO 3166-1 alpha-2, as the logistics files' {@code destination_country}) a marketplace
 * ships to, so that a platform × marketplace can be set beside the lanes to that country (T/CCPITCSC 111-2022 1.2.1
 * 平台选择). A marketplace code is compared trimmed and in upper case: a configured entry wins; else the aliases that
 * marketplaces use for a country whose ISO code differs ({@link #ALIASES}: UK → GB); else a code that is itself an
 * ISO country code ships there (US → US, DE → DE, BR → BR); anything else has no destination.
 */
public final class Destinations {

    /** Marketplace codes in common use that are not the ISO code of their country. */
    public static final Map<String, String> ALIASES = Map.of("UK", "GB");

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    private final Map<String, String> configured;

    /**
     * The mapping with {@code configured} entries (marketplace → country) before the defaults.
     *
     * @throws IllegalArgumentException when a configured country is not an ISO 3166-1 alpha-2 code
     */
    public Destinations(Map<String, String> configured) {
        Map<String, String> m = new TreeMap<>();
        configured.forEach((marketplace, country) -> {
            String c = normalise(country);
            if (!ISO_COUNTRIES.contains(c)) {
                throw new IllegalArgumentException("destination of marketplace " + marketplace + " must be an ISO 3166-1"
                        + " alpha-2 country code such as US, GB or DE, got '" + country + "'");
            }
            m.put(normalise(marketplace), c);
        });
        this.configured = Map.copyOf(m);
    }

    /** The defaults alone. */
    public static Destinations defaults() {
        return new Destinations(Map.of());
    }

    /** The country a marketplace ships to; empty when none is known. */
    public Optional<String> countryOf(String marketplace) {
        if (marketplace == null) {
            return Optional.empty();
        }
        String m = normalise(marketplace);
        String c = configured.getOrDefault(m, ALIASES.get(m));
        if (c != null) {
            return Optional.of(c);
        }
        return ISO_COUNTRIES.contains(m) ? Optional.of(m) : Optional.empty();
    }

    /** The configured entries, as the config writes them. */
    public Map<String, String> configured() {
        return configured;
    }

    private static String normalise(String code) {
        return code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
    }
}
