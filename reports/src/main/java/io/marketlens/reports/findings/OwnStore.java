package io.marketlens.reports.findings;

import io.marketlens.reports.data.Table.Row;
import io.marketlens.tables.Columns;
import io.marketlens.tables.MarketPosition;
import java.util.List;
import java.util.Optional;

/**
 * The own store's place among the sellers of a scope. {@code competitor_benchmark} gives the own store's rank and
 * share but not its position; the position follows from them by the contract's rule ({@link MarketPosition#of}) with
 * the shares of the sellers ranked above it, which {@code competitors} (every other seller of the scope) and the own
 * store's other sellers hold.
 */
public final class OwnStore {

    private OwnStore() {}

    /**
     * Kotler's position of the seller {@code own} (a row with {@code rank} and {@code share}) among {@code sellers}, the
     * rows of every seller of its scope (it may be among them); empty when its rank is unknown or a seller ranked above it
     * is missing or has no share, so that no position is made up.
     */
    public static Optional<MarketPosition> position(Row own, List<Row> sellers) {
        Double rank = KeyFindings.num(own, Columns.RANK);
        if (rank == null || rank < 1) {
            return Optional.empty();
        }
        long above = 0;
        double shareAbove = 0;
        for (Row r : sellers) {
            Double k = KeyFindings.num(r, Columns.RANK);
            if (k != null && k < rank) {
                Double share = KeyFindings.num(r, Columns.SHARE);
                if (share == null) {
                    return Optional.empty();
                }
                above++;
                shareAbove += share;
            }
        }
        return above == Math.round(rank) - 1 ? Optional.of(MarketPosition.of((int) Math.round(rank), shareAbove)) : Optional.empty();
    }
}
