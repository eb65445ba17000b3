package io.marketlens.reports.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.reports.findings.ComponentText;
import java.awt.Color;
import org.junit.jupiter.api.Test;

class HeatTest {

    @Test
    void aHighHhiCountsAgainstTheScoreSoItsCellIsOnTheRedSide() {
        // HHI enters the score with sign −1: z = +1 (more concentrated than the average candidate) is bad
        Color hhi = Heat.of(ComponentText.HHI.goodness(1.0));
        assertThat(hhi.getRed()).isGreaterThan(hhi.getGreen());
        // |goodness| 1 of the full 2: half the deepest tint, 0.225 of red (215, 48, 39) mixed into white
        assertThat(hhi).isEqualTo(new Color(246, 208, 206));
        // the same z of a component that adds to the score is green
        Color growth = Heat.of(ComponentText.GROWTH.goodness(1.0));
        assertThat(growth.getGreen()).isGreaterThan(growth.getRed());
        assertThat(Heat.of(ComponentText.HHI.goodness(-1.0))).isEqualTo(growth);
    }

    @Test
    void theTintDeepensUpToTwoAndStaysLightEnoughForTextInGrey() {
        assertThat(Heat.of(0.0)).isEqualTo(Color.WHITE);
        assertThat(Heat.of(-2.0)).isEqualTo(Heat.of(-5.0));
        assertThat(Heat.of(null)).isNull();
        assertThat(Heat.of(Double.NaN)).isNull();
        for (double g : new double[]{-2, 2}) {
            Color c = Heat.of(g);
            double luma = (0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue()) / 255;
            assertThat(luma).as("grey level of the deepest tint of %s", g).isGreaterThan(0.7);
        }
    }
}
