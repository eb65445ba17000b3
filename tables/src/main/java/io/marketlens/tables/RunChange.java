package io.marketlens.tables;

/**
 * What changed since the previous run (column {@code kind} of {@code changes}); the report words each under
 * {@code label.change.<code>} and states each row with the sentence of its {@code sentence_key}.
 */
public enum RunChange implements Code.Named {
    /** A seller entered a category's top 10 by revenue (subject: the seller). */
    TOP10_ENTRY,
    /** A seller left a category's top 10. */
    TOP10_EXIT,
    /** A seller's share of a category moved by at least {@code metrics.changes.share_points}. */
    SHARE_MOVE,
    /** A category's HHI class (2023 guidelines) changed. */
    HHI_CLASS,
    /** A category's best price band moved to another band. */
    BEST_BAND,
    /** A change point was found that the previous run did not have. */
    CHANGE_POINT,
    /** A lane's median lead time moved by at least {@code metrics.changes.lead_time_days}. */
    LANE_LEAD_TIME,
    /** A lane's on-time rate moved by at least {@code metrics.changes.on_time_points}. */
    LANE_ON_TIME,
    /** The own store's rank in a category changed. */
    OWN_RANK;

    /** The family of the labels. */
    public static final String FAMILY = "change";

    @Override
    public String family() {
        return FAMILY;
    }

    /** The key of the sentence the report states a row of this kind with. */
    public String sentenceKey() {
        return "changes." + code();
    }
}
