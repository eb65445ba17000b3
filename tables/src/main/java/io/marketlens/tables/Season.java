package io.marketlens.tables;

/**
 * The season of a calendar month (column {@code season} of {@code seasonality}, T/CCPITCSC 111-2022 1.1.4 淡旺季): peak
 * when its seasonal index is at least the peak threshold, off when at most the off threshold, normal between.
 * The thresholds are the config's {@code metrics.seasonality.peak} and {@code .off}, by default
 * {@value #DEFAULT_PEAK} and {@value #DEFAULT_OFF}.
 */
public enum Season implements Code.Named {
    PEAK, OFF, NORMAL;

    public static final double DEFAULT_PEAK = 1.10;
    public static final double DEFAULT_OFF = 0.90;
    /** Where the config (and the manifest's copy of it) holds the thresholds: {@code metrics.seasonality.peak|off}. */
    public static final java.util.List<String> PEAK_THRESHOLD_KEY = java.util.List.of("metrics", "seasonality", "peak");
    public static final java.util.List<String> OFF_THRESHOLD_KEY = java.util.List.of("metrics", "seasonality", "off");

    @Override
    public String family() {
        return Columns.SEASON;
    }
}
