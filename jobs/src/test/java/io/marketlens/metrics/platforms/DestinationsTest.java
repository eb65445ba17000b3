package io.marketlens.metrics.platforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Marketplace → destination country: configured entries, the UK alias, ISO codes as themselves. */
class DestinationsTest {

    @Test
    void isoCodesShipToThemselvesAndUkToGreatBritain() {
        Destinations d = Destinations.defaults();
        assertThat(d.countryOf("US")).contains("US");
        assertThat(d.countryOf(" de ")).contains("DE");
        assertThat(d.countryOf("BR")).contains("BR");
        assertThat(d.countryOf("UK")).contains("GB");
        assertThat(d.countryOf("gb")).contains("GB");
    }

    @Test
    void codesThatAreNoCountryHaveNoDestination() {
        Destinations d = Destinations.defaults();
        assertThat(d.countryOf("EU")).isEmpty();   // a region, not an ISO 3166-1 country
        assertThat(d.countryOf("GLOBAL")).isEmpty();
        assertThat(d.countryOf("")).isEmpty();
        assertThat(d.countryOf(null)).isEmpty();
    }

    @Test
    void configuredEntriesComeFirst() {
        Destinations d = new Destinations(Map.of("global", "cn", "UK", "IE", "EU", "DE"));
        assertThat(d.countryOf("GLOBAL")).contains("CN");
        assertThat(d.countryOf("uk")).contains("IE");
        assertThat(d.countryOf("EU")).contains("DE");
        assertThat(d.countryOf("FR")).contains("FR");
        assertThat(d.configured()).containsEntry("GLOBAL", "CN");
    }

    @Test
    void aConfiguredDestinationMustBeACountry() {
        assertThatThrownBy(() -> new Destinations(Map.of("EU", "Europe")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("destination of marketplace EU must be an ISO 3166-1 alpha-2 country code")
                .hasMessageContaining("'Europe'");
    }
}
