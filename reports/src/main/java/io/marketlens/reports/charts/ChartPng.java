package io.marketlens.reports.charts;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;

/**
 * Writes charts as PNG files ({@code charts/<id>.png}). A chart is laid out on a canvas
 * {@value #LAYOUT_WIDTH} units wide and scaled to the image, so that its text keeps the same size relative to
 * the chart at any resolution (at the default 1600 px a 12 pt font is about 19 px high).
 */
public final class ChartPng {

    public static final int DEFAULT_WIDTH = 1600;
    public static final int DEFAULT_HEIGHT = 1000;
    /** The width the chart is laid out at before scaling to the image. */
    static final double LAYOUT_WIDTH = 1000;

    private ChartPng() {
    }

    /** Writes {@code chart} as a {@value #DEFAULT_WIDTH} × {@value #DEFAULT_HEIGHT} PNG. */
    public static void write(JFreeChart chart, Path file) {
        write(chart, file, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /** Writes {@code chart} as a PNG of the given size, drawn with anti-aliasing on white. */
    public static void write(JFreeChart chart, Path file, int widthPx, int heightPx) {
        if (widthPx <= 0 || heightPx <= 0) {
            throw new IllegalArgumentException("a chart image needs a positive size, got " + widthPx + " x " + heightPx);
        }
        BufferedImage image = new BufferedImage(widthPx, heightPx, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, widthPx, heightPx);
            double scale = widthPx / LAYOUT_WIDTH;
            g.scale(scale, scale);
            chart.draw(g, new Rectangle2D.Double(0, 0, LAYOUT_WIDTH, heightPx / scale));
        } finally {
            g.dispose();
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes every chart to {@code chartsDir/<id>.png} at the default size; returns the files in the same order. */
    public static List<Path> writeAll(List<ReportChart> charts, Path chartsDir) {
        List<Path> written = new ArrayList<>(charts.size());
        for (ReportChart c : charts) {
            Path file = chartsDir.resolve(c.id() + ".png");
            write(c.chart(), file);
            written.add(file);
        }
        return written;
    }
}
