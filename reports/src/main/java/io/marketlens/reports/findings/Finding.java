package io.marketlens.reports.findings;

import java.util.Objects;

/**
 * One finding of the report: a sentence of fact generated from a run's numbers, the topic it is about and, for a finding
 * that can lead the report, the sentence of what it implies (the action) and the two figures of its materiality.
 *
 * <p>Materiality (the executive page's order, README "Report"): {@code M = R × min(max(|c|, FLOOR), CAP)} where R is the
 * revenue at stake — the window revenue of the finding's scope (the market, a category, a seller's share of a category,
 * a marketplace) — and c the relative size of the change the finding reports (a growth, a level shift, a forecast's
 * change, a share's move as a fraction of the scope's revenue, HHI change ÷ the HHI before). A finding without a change
 * (a best price band, a top pick) counts as a move of {@link #FLOOR}; a change beyond {@link #CAP} (a term that grew
 * tenfold from little) counts as {@link #CAP}, so that a small scope's big swing does not outrank the market.
 *
 * @param topic   what the finding is about
 * @param text    the fact, in the report's language, its numbers formatted by {@code Numbers}
 * @param action  what the fact implies for a seller, one sentence; null for a finding that only informs
 * @param revenue R, the revenue at stake in the base currency; null when the finding has no revenue scope
 * @param change  c, the relative change the finding reports; null when it reports none
 */
public record Finding(Topic topic, String text, String action, Double revenue, Double change) {

    /** The weight of a finding without a change: as if its scope's revenue had moved by 5 %. */
    public static final double FLOOR = 0.05;
    /** The largest change counted: 100 %. */
    public static final double CAP = 1.0;

    public Finding {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(text, "text");
    }

    /** A finding that informs only: it goes to its chapter's "More findings". */
    public Finding(Topic topic, String text) {
        this(topic, text, null, null, null);
    }

    /** Whether the finding can be a key finding: it has an action and a revenue at stake above 0. */
    public boolean isKey() {
        return action != null && revenue != null && revenue > 0 && Double.isFinite(revenue);
    }

    /** M = R × min(max(|c|, FLOOR), CAP); 0 for a finding that cannot be a key finding. */
    public double materiality() {
        if (!isKey()) {
            return 0;
        }
        double size = change == null || !Double.isFinite(change) ? FLOOR : Math.min(Math.max(Math.abs(change), FLOOR), CAP);
        return revenue * size;
    }

    /** The fact and its action joined by {@code separator} (a space in English, nothing in Chinese). */
    public String withAction(String separator) {
        return action == null ? text : text + separator + action;
    }
}
