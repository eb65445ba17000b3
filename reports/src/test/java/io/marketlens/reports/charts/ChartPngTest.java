package io.marketlens.reports.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlens.reports.data.RunFolder;
import io.marketlens.reports.text.Lang;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Charts drawn headless to PNG files, and a whole fixture run rendered end to end. */
class ChartPngTest {

    @TempDir
    Path dir;

    @Test
    void writesTheRequestedSize() throws Exception {
        ReportChart c = Fixture.charts(dir.resolve("run"), Map.of("market_size", ReportChartsTest.MARKET_SIZE)).marketSize().orElseThrow();

        Path small = dir.resolve("out/nested/small.png");
        ChartPng.write(c.chart(), small, 800, 500);
        BufferedImage img = ImageIO.read(small.toFile());
        assertThat(img.getWidth()).isEqualTo(800);
        assertThat(img.getHeight()).isEqualTo(500);
        assertThatThrownBy(() -> ChartPng.write(c.chart(), small, 0, 500)).hasMessageContaining("positive size");
    }

    @Test
    void theBytesWrittenAreThePixelsDrawn() throws Exception {
        // a 3 x 2 image of known colours: its R, G, B bytes side by side, and the PNG read back gives the same pixels
        int[][] colours = {{0xFF0000, 0x00FF00, 0x0000FF}, {0xFFFFFF, 0x123456, 0x000000}};
        BufferedImage drawn = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                drawn.setRGB(x, y, colours[y][x]);
            }
        }
        BufferedImage bytes = ChartPng.rgbBytes(drawn);
        assertThat(((java.awt.image.DataBufferByte) bytes.getRaster().getDataBuffer()).getData()).containsExactly(
                (byte) 0xFF, 0, 0, 0, (byte) 0xFF, 0, 0, 0, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x12, 0x34, 0x56, 0, 0, 0);
        Path png = dir.resolve("pixels.png");
        assertThat(ImageIO.write(bytes, "png", png.toFile())).isTrue();
        BufferedImage read = ImageIO.read(png.toFile());
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                assertThat(read.getRGB(x, y) & 0xFFFFFF).as("pixel %d,%d", x, y).isEqualTo(colours[y][x]);
            }
        }
        // an image of another type is read through its colour model, to the same bytes
        BufferedImage argb = new BufferedImage(3, 2, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                argb.setRGB(x, y, 0xFF000000 | colours[y][x]);
            }
        }
        assertThat(((java.awt.image.DataBufferByte) ChartPng.rgbBytes(argb).getRaster().getDataBuffer()).getData())
                .containsExactly(((java.awt.image.DataBufferByte) bytes.getRaster().getDataBuffer()).getData());
    }

    @Test
    void writeAllWritesOnePngPerChartAtLeast1600PixelsWide() throws Exception {
        List<ReportChart> charts = Fixture.charts(dir.resolve("run"), Map.of("market_size", ReportChartsTest.MARKET_SIZE,
                "seasonality", ReportChartsTest.seasonality(""))).all();

        List<Path> files = ChartPng.writeAll(charts, dir.resolve("charts"));

        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("market_size_revenue.png", "market_size_growth.png", "seasonality.png");
        for (Path f : files) {
            BufferedImage img = ImageIO.read(f.toFile());
            assertThat(img.getWidth()).isGreaterThanOrEqualTo(1600);
            assertThat(img.getHeight()).isEqualTo(1000);
        }
    }

    @Test
    void chartsWrittenInTheBackgroundAreThePixelsDrawnAndAFileThatCannotBeWrittenIsReported() throws Exception {
        ReportChart c = Fixture.charts(dir.resolve("run"), Map.of("market_size", ReportChartsTest.MARKET_SIZE)).marketSize().orElseThrow();
        // more charts than may wait to be written, so that drawing waits for the writer at least once
        List<ReportChart> many = new java.util.ArrayList<>();
        for (int i = 0; i < ChartPng.PENDING_IMAGES + 3; i++) {
            many.add(new ReportChart("chart_" + i, c.section(), c.title(), c.chart()));
        }
        List<Path> files = ChartPng.writeAllInBackground(() -> many, dir.resolve("bg")).await();
        assertThat(files).hasSize(ChartPng.PENDING_IMAGES + 3);
        Path direct = dir.resolve("direct.png");
        ChartPng.write(c.chart(), direct);
        BufferedImage expected = ImageIO.read(direct.toFile());
        BufferedImage last = ImageIO.read(files.get(files.size() - 1).toFile());
        for (int y = 0; y < expected.getHeight(); y += 97) {
            for (int x = 0; x < expected.getWidth(); x += 89) {
                assertThat(last.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(expected.getRGB(x, y));
            }
        }

        // the charts folder is a file: no image can be written, and waiting for them says which one failed
        Path notADir = dir.resolve("taken");
        java.nio.file.Files.writeString(notADir, "a file, not a folder");
        ChartPng.Writing writing = ChartPng.writeAllInBackground(() -> many.subList(0, 2), notADir);
        assertThatThrownBy(writing::await).isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("cannot write chart " + notADir.resolve("chart_0.png"));
    }

    @Test
    void chartsThatCannotBeBuiltInTheBackgroundAreReportedByAwaitAndNoFileIsWritten() {
        Path charts = dir.resolve("unbuilt");
        ChartPng.Writing writing = ChartPng.writeAllInBackground(() -> {
            throw new IllegalStateException("table market_size has no column period");
        }, charts);
        assertThatThrownBy(writing::await).isInstanceOf(IllegalStateException.class)
                .hasMessage("table market_size has no column period");
        assertThat(charts).doesNotExist();
    }

    /** Every kind of table the charts read, small enough to check by eye (see ReportChartsTest for the values). */
    private Map<String, String> everyTable() {
        return Map.ofEntries(
                Map.entry("market_size", ReportChartsTest.MARKET_SIZE),
                Map.entry("new_vs_existing", """
                        platform,marketplace,category,period,new_product_count_share,new_product_revenue_share,status
                        ALL,ALL,ALL,2024-01,0.25,0.10,
                        ALL,ALL,ALL,2024-02,0.20,0.15,
                        ALL,ALL,ALL,2024-03,0.22,0.12,
                        """),
                Map.entry("seasonality", ReportChartsTest.seasonality("")),
                Map.entry("turning_points", "platform,marketplace,category,period,kind,level\nALL,ALL,ALL,2024-02,peak,111\n"),
                Map.entry("change_points", "platform,marketplace,category,period,direction,level_before,level_after,change\n"
                        + "ALL,ALL,ALL,2024-03,down,120,90,-0.25\n"),
                Map.entry("forecast", """
                        platform,marketplace,category,period,forecast,lower,upper,interval_level,model
                        ALL,ALL,ALL,2024-04,95,80,110,0.9,holt_damped
                        ALL,ALL,ALL,2024-05,99,78,120,0.9,holt_damped
                        """),
                Map.entry("concentration_curve", ReportChartsTest.CURVE),
                Map.entry("concentration", """
                        platform,marketplace,category,period,entity,hhi
                        ALL,ALL,A,window,seller,1500
                        ALL,ALL,B,window,seller,2500
                        """),
                Map.entry("competition_intensity", """
                        platform,marketplace,category,period,index
                        ALL,ALL,A,window,40
                        ALL,ALL,B,window,70
                        """),
                Map.entry("price_bands", ReportChartsTest.PRICE_BANDS),
                Map.entry("hot_terms", """
                        platform,marketplace,category,period,term,kind,weight,share,rank,growth
                        ALL,ALL,A,window,tent,title,300,0.5,1,0.1
                        ALL,ALL,A,window,color:green,attribute,200,0.3,2,
                        """),
                Map.entry("logistics_lanes", ReportChartsTest.lanes()));
    }

    @Test
    void everyChartOfAFixtureRunRendersToANonTrivialPng() throws Exception {
        RunFolder run = Fixture.run(dir.resolve("run"), everyTable());
        for (Lang lang : Lang.values()) {
            List<ReportChart> charts = Fixture.charts(run, lang).all();

            assertThat(charts).extracting(ReportChart::id).containsExactly("market_size_revenue", "market_size_growth",
                    "new_vs_existing", "seasonality", "turning_points", "forecast", "concentration_lorenz", "concentration_hhi",
                    "competition_intensity", "price_bands_1", "price_bands_2", "hot_terms_1", "logistics_lead_time",
                    "logistics_on_time");
            List<Path> files = ChartPng.writeAll(charts, run.chartsDir().resolve(lang.code()));
            for (Path f : files) {
                assertThat(f).isRegularFile();
                BufferedImage img = ImageIO.read(f.toFile());
                assertThat(img.getWidth()).isEqualTo(ChartPng.DEFAULT_WIDTH);
                assertThat(img.getHeight()).isEqualTo(ChartPng.DEFAULT_HEIGHT);
                // the data are drawn: the image holds pixels of the report's series colours or season colours, not
                // only the white background, text and grid
                Set<Integer> drawn = colours(img);
                Set<Integer> data = new HashSet<>();
                for (java.awt.Color c : ChartStyle.PALETTE) {
                    data.add(c.getRGB());
                }
                data.add(ChartStyle.NEGATIVE.getRGB());
                assertThat(drawn).as(f.toString()).containsAnyElementsOf(data);
                assertThat(drawn).as(f.toString()).contains(java.awt.Color.WHITE.getRGB());
            }
        }
    }

    private static Set<Integer> colours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen;
    }
}
