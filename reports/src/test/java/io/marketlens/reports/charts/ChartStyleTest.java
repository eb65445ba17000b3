package io.marketlens.reports.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.Test;

class ChartStyleTest {

    @Test
    void appliesTheBaseFontFlatBarsWhiteBackgroundAndKeepsColoursABuilderSet() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(1, "s", "a");
        BarRenderer bars = new BarRenderer();
        bars.setSeriesPaint(0, ChartStyle.HIGHLIGHT);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("x"), new NumberAxis("y"), bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        JFreeChart chart = new JFreeChart("t", plot);

        new ChartStyle(new Font(Font.SERIF, Font.PLAIN, 10)).apply(chart);

        assertThat(chart.getTitle().getFont().getFamily()).isEqualTo(new Font(Font.SERIF, Font.PLAIN, 10).getFamily());
        assertThat(chart.getTitle().getFont().getSize2D()).isEqualTo(15f);          // 1.5 × 10
        assertThat(plot.getRangeAxis().getLabelFont().getSize2D()).isEqualTo(11f);  // 1.1 × 10
        assertThat(plot.getRangeAxis().getTickLabelFont().getSize2D()).isEqualTo(10f);
        assertThat(chart.getLegend().getItemFont().getSize2D()).isEqualTo(10f);
        assertThat(chart.getBackgroundPaint()).isEqualTo(Color.WHITE);
        assertThat(plot.getBackgroundPaint()).isEqualTo(Color.WHITE);
        assertThat(bars.getShadowsVisible()).isFalse();
        assertThat(bars.getBarPainter()).isInstanceOf(StandardBarPainter.class);
        assertThat(bars.getSeriesPaint(0)).isEqualTo(ChartStyle.HIGHLIGHT);
        assertThat(plot.getRangeAxisEdge().toString()).isEqualTo("RectangleEdge.BOTTOM");
    }

    @Test
    void paletteColoursDifferInGreyPrint() {
        // luminance 0.299 R + 0.587 G + 0.114 B of the colours that must stay apart on one chart
        assertThat(grey(ChartStyle.NEGATIVE)).isLessThan(grey(ChartStyle.NEUTRAL) - 30);   // peak vs normal season
        assertThat(grey(ChartStyle.NEUTRAL)).isLessThan(grey(ChartStyle.LIGHT) - 30);      // normal vs off season
        assertThat(grey(ChartStyle.ACCENT)).isLessThan(grey(ChartStyle.NEUTRAL) - 30);     // demand vs supply
    }

    private static double grey(Color c) {
        return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
    }
}
