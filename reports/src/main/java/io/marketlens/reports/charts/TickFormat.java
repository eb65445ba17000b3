package io.marketlens.reports.charts;

import io.marketlens.reports.text.Numbers;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.function.DoubleFunction;

/**
 * Axis tick labels written by {@link Numbers}, so that the axes read like the report's text: compact amounts
 * (1.2M; 120万), percentages of fractions (12.5%) and whole numbers with thousands separators. Formatting only:
 * JFreeChart never parses tick labels, so {@link #parse} declines.
 */
final class TickFormat extends NumberFormat {

    private final transient DoubleFunction<String> format;

    private TickFormat(DoubleFunction<String> format) {
        this.format = format;
    }

    /** 1.2M / 120万 (no currency: the axis label carries it). */
    static TickFormat compact(Numbers numbers) {
        return new TickFormat(numbers::compact);
    }

    /** A fraction as a percentage with at most one decimal: 0.25 → 25%, 0.125 → 12.5%. */
    static TickFormat percent(Numbers numbers) {
        return new TickFormat(v -> {
            String s = numbers.percent(v, 1);
            return s.endsWith(".0%") ? s.substring(0, s.length() - 3) + "%" : s;
        });
    }

    /** 1,800 — whole numbers with thousands separators. */
    static TickFormat integer(Numbers numbers) {
        return new TickFormat(v -> numbers.integer(v));
    }

    /** At most one decimal: 1.1, 0.9, 12 (seasonal indices, days). */
    static TickFormat decimal(Numbers numbers) {
        return new TickFormat(v -> {
            String s = numbers.decimal(v, 1);
            return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        });
    }

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(format.apply(number));
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(format.apply(number));
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        return null;
    }
}
