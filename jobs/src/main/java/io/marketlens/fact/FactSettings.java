package io.marketlens.fact;

import java.io.Serializable;
import java.util.List;

/**
 * What the market fact reads of the run's settings.
 *
 * @param timezone          IANA zone the months of timestamps are taken in (rows were stored with it)
 * @param cancelledStatuses order-line statuses, lower case, that do not count as demand
 */
public record FactSettings(String timezone, List<String> cancelledStatuses) implements Serializable {

    public FactSettings {
        cancelledStatuses = List.copyOf(cancelledStatuses);
    }
}
