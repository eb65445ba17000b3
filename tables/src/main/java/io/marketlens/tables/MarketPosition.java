package io.marketlens.tables;

/**
 * A seller's competitive position in a scope by its revenue share rank (column {@code position} of
 * {@code competitors}), after Kotler's four roles — market leader, challenger, follower and nicher — and his
 * hypothetical market structure of 40 % / 30 % / 20 % / 10 % (Kotler &amp; Keller, Marketing Management, chapter
 * "Competitive dynamics"). With the sellers ranked by share and c the cumulative share of the sellers ranked above
 * one: {@link #LEADER} rank 1; {@link #CHALLENGER} c &lt; 70 %; {@link #FOLLOWER} c &lt; 90 %; {@link #NICHER} the
 * rest, the small sellers of the last 10 % of the market.
 */
public enum MarketPosition implements Code.Named {
    LEADER, CHALLENGER, FOLLOWER, NICHER;

    /** Cumulative share of the sellers above below which a seller (not first) is a challenger: leader's 40 % + 30 %. */
    public static final double CHALLENGER_BEFORE = 0.70;
    /** Cumulative share of the sellers above below which a seller is a follower: 40 % + 30 % + 20 %. */
    public static final double FOLLOWER_BEFORE = 0.90;

    @Override
    public String family() {
        return Columns.POSITION;
    }

    /** The position of the seller at {@code rank} (1 = largest share) with {@code shareAbove} the sellers above hold. */
    public static MarketPosition of(int rank, double shareAbove) {
        if (rank <= 1) {
            return LEADER;
        }
        if (shareAbove < CHALLENGER_BEFORE) {
            return CHALLENGER;
        }
        return shareAbove < FOLLOWER_BEFORE ? FOLLOWER : NICHER;
    }
}
