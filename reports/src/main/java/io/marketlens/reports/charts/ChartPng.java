package io.marketlens.reports.charts;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
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
        encode(draw(chart, widthPx, heightPx), file);
    }

    /** {@code chart} drawn with anti-aliasing on white into an image of the given size, as {@link #rgbBytes} gives it. */
    static BufferedImage draw(JFreeChart chart, int widthPx, int heightPx) {
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
        return rgbBytes(image);
    }

    /** Writes an image {@link #draw} made as a PNG file (its folder made if need be). */
    static void encode(BufferedImage image, Path file) {
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

    /**
     * The image's pixels as 8-bit R, G, B samples side by side: the PNG writer copies such rows as they are, where it
     * reads an image of packed int pixels one sample at a time (a 1600 × 1000 test image, warm: 85 ms to write this way,
     * 100–330 ms from the int pixels).
     */
    static BufferedImage rgbBytes(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getType() == BufferedImage.TYPE_INT_RGB && image.getRaster().getDataBuffer() instanceof DataBufferInt d
                && d.getNumBanks() == 1 && d.getOffset() == 0 && image.getRaster().getMinX() == 0 && d.getSize() == w * h
                ? d.getData() : image.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0, j = 0; i < argb.length; i++) {
            int p = argb[i];
            rgb[j++] = (byte) (p >> 16);
            rgb[j++] = (byte) (p >> 8);
            rgb[j++] = (byte) p;
        }
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(rgb, rgb.length), w, h, w * 3, 3,
                new int[]{0, 1, 2}, null);
        ColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        return new BufferedImage(model, raster, false, null);
    }

    /** Writes every chart to {@code chartsDir/<id>.png} at the default size; returns the files in the same order. */
    public static List<Path> writeAll(List<ReportChart> charts, Path chartsDir) {
        return writeAllInBackground(() -> charts, chartsDir).await();
    }

    /** Images drawn and not yet written that {@link #writeAllInBackground} holds at most (5 MB each at the default size). */
    static final int PENDING_IMAGES = 6;

    /**
     * Builds the charts ({@code charts}), draws them and writes them to {@code chartsDir/<id>.png}, on two threads of its
     * own: one builds and draws, the other encodes, so that the encoding overlaps the drawing of the next charts, and both
     * the caller's own work (the report renders the PDF meanwhile). A chart is drawn by one thread at a time: the charts
     * given here must be objects of their own, not those the caller draws (the report builds its charts twice, from the
     * same tables). Returns at once; {@link Writing#await} waits for the files. At most {@value #PENDING_IMAGES} drawn
     * images wait to be written.
     */
    public static Writing writeAllInBackground(java.util.function.Supplier<List<ReportChart>> charts, Path chartsDir) {
        java.util.concurrent.ExecutorService encoder = daemon("marketlens-png");
        java.util.concurrent.ExecutorService drawer = daemon("marketlens-png-draw");
        java.util.concurrent.Semaphore room = new java.util.concurrent.Semaphore(PENDING_IMAGES);
        java.util.concurrent.Future<List<java.util.concurrent.Future<Path>>> drawing = drawer.submit(() -> {
            List<java.util.concurrent.Future<Path>> writes = new ArrayList<>();
            try {
                for (ReportChart c : charts.get()) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new java.util.concurrent.CancellationException("the report stopped");
                    }
                    Path file = chartsDir.resolve(c.id() + ".png");
                    BufferedImage image = draw(c.chart(), DEFAULT_WIDTH, DEFAULT_HEIGHT);
                    room.acquire();
                    writes.add(encoder.submit(() -> {
                        try {
                            encode(image, file);
                            return file;
                        } finally {
                            room.release();
                        }
                    }));
                }
            } finally {
                encoder.shutdown(); // runs what was submitted, then ends its thread
            }
            return writes;
        });
        drawer.shutdown();
        return new Writing(drawing, drawer, encoder);
    }

    private static java.util.concurrent.ExecutorService daemon(String name) {
        return java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true); // a failing report's exit is not held up by images still being drawn or written
            return t;
        });
    }

    /** The charts {@link #writeAllInBackground} is drawing and writing. */
    public static final class Writing {
        private final java.util.concurrent.Future<List<java.util.concurrent.Future<Path>>> drawing;
        private final java.util.concurrent.ExecutorService drawer;
        private final java.util.concurrent.ExecutorService encoder;

        private Writing(java.util.concurrent.Future<List<java.util.concurrent.Future<Path>>> drawing,
                        java.util.concurrent.ExecutorService drawer, java.util.concurrent.ExecutorService encoder) {
            this.drawing = drawing;
            this.drawer = drawer;
            this.encoder = encoder;
        }

        /**
         * Waits until every chart is written and returns the files in the charts' order; a chart that could not be built
         * or drawn, or a file that could not be written, is thrown as it failed ({@link UncheckedIOException} naming the
         * file), after the files already being written have ended.
         */
        public List<Path> await() {
            List<java.util.concurrent.Future<Path>> writes;
            try {
                writes = drawing.get();
            } catch (java.util.concurrent.ExecutionException e) {
                encoder.shutdown();
                awaitQuietly(encoder);
                throw rethrown(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel();
                throw new IllegalStateException("interrupted while the chart images were drawn", e);
            }
            List<Path> files = new ArrayList<>(writes.size());
            Throwable first = null;
            for (java.util.concurrent.Future<Path> w : writes) {
                try {
                    files.add(w.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    first = first == null ? e.getCause() : first;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancel();
                    throw new IllegalStateException("interrupted while the chart images were written", e);
                }
            }
            if (first != null) {
                throw rethrown(first);
            }
            return List.copyOf(files);
        }

        private static RuntimeException rethrown(Throwable t) {
            if (t instanceof RuntimeException r) {
                return r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            return new IllegalStateException(t);
        }

        private static void awaitQuietly(java.util.concurrent.ExecutorService pool) {
            try {
                pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Stops drawing and writing the charts not yet written (the report failed). */
        public void cancel() {
            drawer.shutdownNow();
            encoder.shutdownNow();
        }
    }
}
