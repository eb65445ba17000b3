package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The rate of an amount's own date, or the latest earlier one within the tolerance (SPEC §2 fx_rates). */
class FxRatesTest {

    static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    /** EUR on 1 and 10 March 2024; CNY on 5 March; base USD, tolerance 7 days. */
    final FxRates fx = new FxRates("USD", 7)
            .put("EUR", d("2024-03-01"), new BigDecimal("1.08"))
            .put("EUR", d("2024-03-10"), new BigDecimal("1.09"))
            .put("CNY", d("2024-03-05"), new BigDecimal("0.139"));

    @Test
    void exactDate() {
        assertThat(fx.rate("EUR", d("2024-03-01"))).contains(new BigDecimal("1.08"));
        assertThat(fx.rate("EUR", d("2024-03-10"))).contains(new BigDecimal("1.09"));
        assertThat(fx.rate("CNY", d("2024-03-05"))).contains(new BigDecimal("0.139"));
    }

    @Test
    void latestEarlierRateWithinTolerance() {
        assertThat(fx.rate("EUR", d("2024-03-02"))).contains(new BigDecimal("1.08")); // 1 day after
        assertThat(fx.rate("EUR", d("2024-03-08"))).contains(new BigDecimal("1.08")); // 7 days after: the edge
        assertThat(fx.rate("EUR", d("2024-03-12"))).contains(new BigDecimal("1.09")); // latest earlier is 10 Mar, not 1 Mar
    }

    @Test
    void beyondTolerance() {
        FxRates one = new FxRates("USD", 7).put("EUR", d("2024-03-01"), new BigDecimal("1.08"));
        assertThat(one.rate("EUR", d("2024-03-08"))).contains(new BigDecimal("1.08")); // 7 days
        assertThat(one.rate("EUR", d("2024-03-09"))).isEmpty(); // 8 days
        assertThat(fx.rate("EUR", d("2024-03-09"))).isEmpty(); // 8 days after 1 Mar; 10 Mar is later, never used
        assertThat(fx.rate("EUR", d("2024-03-18"))).isEmpty(); // 8 days after 10 Mar
        assertThat(fx.rate("CNY", d("2024-04-01"))).isEmpty();
    }

    @Test
    void zeroToleranceMeansTheSameDayOnly() {
        FxRates strict = new FxRates("USD", 0).put("EUR", d("2024-03-01"), new BigDecimal("1.08"));
        assertThat(strict.rate("EUR", d("2024-03-01"))).contains(new BigDecimal("1.08"));
        assertThat(strict.rate("EUR", d("2024-03-02"))).isEmpty();
    }

    @Test
    void beforeTheFirstRate() {
        assertThat(fx.rate("EUR", d("2024-02-29"))).isEmpty();
        assertThat(fx.rate("CNY", d("2024-03-04"))).isEmpty(); // a later rate is never used
    }

    @Test
    void unknownCurrency() {
        assertThat(fx.rate("GBP", d("2024-03-01"))).isEmpty();
    }

    @Test
    void baseCurrencyIsOne() {
        assertThat(fx.rate("USD", d("2024-03-01"))).contains(BigDecimal.ONE);
        assertThat(new FxRates("CNY", 7).rate("CNY", d("1999-01-01"))).contains(BigDecimal.ONE);
    }

    @Test
    void laterPutForTheSameDateReplaces() {
        FxRates r = new FxRates("USD", 7)
                .put("EUR", d("2024-03-01"), new BigDecimal("1.08"))
                .put("EUR", d("2024-03-01"), new BigDecimal("1.07"));
        assertThat(r.rate("EUR", d("2024-03-01"))).contains(new BigDecimal("1.07"));
        assertThat(r.size()).isEqualTo(1);
    }

    @Test
    void accessors() {
        assertThat(fx.baseCurrency()).isEqualTo("USD");
        assertThat(fx.toleranceDays()).isEqualTo(7);
        assertThat(fx.size()).isEqualTo(3);
    }
}
