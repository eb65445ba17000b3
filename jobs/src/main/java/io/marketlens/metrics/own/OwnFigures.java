package io.marketlens.metrics.own;

import io.marketlens.metrics.logistics.LaneStats;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The own store's sums in one scope and period, added line by line and shipment by shipment (plain Java; the Spark
 * adapter {@link OwnStoreTable} feeds it): demand revenue and units (lines not cancelled), every line's gross revenue,
 * the cancelled and returned lines and their revenue, distinct orders (counted by the adapter, once per order), the
 * demand lines' traffic (sessions, page views, buy-box share) where they carry it, and the own shipments with the lanes
 * (carrier, service, destination country) they travelled.
 */
final class OwnFigures {

    double revenue;
    long units;
    long orders;
    /** The last order counted in {@link #orders}, by the number the table's adapter gives it (−1: none yet). */
    long lastOrder = -1;
    long lines;
    double grossRevenue;
    long cancelledLines;
    double cancelledRevenue;
    long returnedLines;
    double returnedRevenue;
    /** Σ sessions and Σ page views of the demand lines that carry them, and how many lines carry each. */
    long sessions;
    long sessionLines;
    long pageViews;
    long pageViewLines;
    /** Σ quantity of the demand lines that carry sessions. */
    long sessionUnits;
    /** Σ sessions × buy_box_pct and Σ sessions of the demand lines that carry both. */
    double buyBoxSessions;
    long buyBoxWeight;
    final LaneStats shipments = new LaneStats();
    long shipmentCount;
    final Set<List<String>> lanes = new HashSet<>();

    /** Adds one own sales line of revenue {@code lineRevenue} (unit_price_base × quantity). */
    void addLine(String status, double lineRevenue, long quantity, LineStatuses statuses) {
        lines++;
        grossRevenue += lineRevenue;
        if (statuses.isCancelled(status)) {
            cancelledLines++;
            cancelledRevenue += lineRevenue;
            return;
        }
        revenue += lineRevenue;
        units += quantity;
        if (statuses.isReturned(status)) {
            returnedLines++;
            returnedRevenue += lineRevenue;
        }
    }

    /**
     * Adds the traffic of one own demand line (its listing's over the line's period, as an aggregated Business Report
     * line carries it): {@code sessions}, {@code pageViews} and {@code buyBoxPct} (a fraction), each null when the line
     * has none; {@code quantity} the line's units.
     */
    void addTraffic(Long sessions, Long pageViews, Double buyBoxPct, long quantity) {
        if (sessions != null) {
            this.sessions += sessions;
            sessionLines++;
            sessionUnits += quantity;
            if (buyBoxPct != null) {
                buyBoxSessions += sessions * buyBoxPct;
                buyBoxWeight += sessions;
            }
        }
        if (pageViews != null) {
            this.pageViews += pageViews;
            pageViewLines++;
        }
    }

    /** Σ sessions; null when no demand line carries sessions. */
    Long sessions() {
        return sessionLines > 0 ? sessions : null;
    }

    /** Σ page views; null when no demand line carries page views. */
    Long pageViews() {
        return pageViewLines > 0 ? pageViews : null;
    }

    /** Units of the lines with sessions ÷ their sessions; null without sessions. */
    Double conversionRate() {
        return sessions > 0 ? (double) sessionUnits / sessions : null;
    }

    /** Session-weighted mean buy-box share of the lines with both; null without such sessions. */
    Double buyBoxPct() {
        return buyBoxWeight > 0 ? buyBoxSessions / buyBoxWeight : null;
    }

    /** Adds one own shipment and its lane. */
    void addShipment(LaneStats.Shipment s, List<String> lane) {
        shipments.add(s);
        shipmentCount++;
        lanes.add(lane);
    }

    /** revenue ÷ orders; null without orders. */
    Double aov() {
        return orders > 0 ? revenue / orders : null;
    }

    /** revenue ÷ units; null without units. */
    Double asp() {
        return units > 0 ? revenue / units : null;
    }

    /** cancelled lines ÷ lines; null without lines. */
    Double cancelRate() {
        return lines > 0 ? (double) cancelledLines / lines : null;
    }

    /** cancelled revenue ÷ gross revenue; null without gross revenue. */
    Double cancelRevenueRate() {
        return grossRevenue > 0 ? cancelledRevenue / grossRevenue : null;
    }

    /** returned lines ÷ lines; null without lines. */
    Double returnRate() {
        return lines > 0 ? (double) returnedLines / lines : null;
    }

    /** returned revenue ÷ gross revenue; null without gross revenue. */
    Double returnRevenueRate() {
        return grossRevenue > 0 ? returnedRevenue / grossRevenue : null;
    }
}
