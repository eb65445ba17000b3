package io.marketlens.generate;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Set;

/**
 * Non-cancelled Amazon orders without a shipment row (FBA), which a bad shipment row can pretend to ship.
 *
 * <p>Which order that is depends on a shipment row chosen by its position in the finished logistics file, so
 * the orders are logged to a temporary file (one line each, in generation order) and searched once at the end
 * instead of being held.
 */
final class UnshippedAmazonOrders implements Closeable {
    private final Path file;
    private final Set<String> marketplaces = new HashSet<>();
    private Writer out;

    UnshippedAmazonOrders(Path file) throws IOException {
        this.file = file;
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    void add(String marketplace, LocalDateTime ts, String orderId) throws IOException {
        marketplaces.add(marketplace);
        out.write(marketplace + '\t' + key(ts, orderId) + '\n');
    }

    boolean anyIn(String marketplace) {
        return marketplaces.contains(marketplace);
    }

    /**
     * Id of the marketplace's order with the greatest {@code order_ts|order_id} at or below {@code key}, or, if
     * none is, of its least one; null if the marketplace has none.
     */
    String floorOrFirst(String marketplace, String key) throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
        String floor = null;
        String first = null;
        String prefix = marketplace + '\t';
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.startsWith(prefix)) {
                    continue;
                }
                String k = line.substring(prefix.length());
                if (first == null || k.compareTo(first) < 0) {
                    first = k;
                }
                if (k.compareTo(key) <= 0 && (floor == null || k.compareTo(floor) > 0)) {
                    floor = k;
                }
            }
        }
        String found = floor != null ? floor : first;
        return found == null ? null : found.substring(found.indexOf('|') + 1);
    }

    static String key(LocalDateTime ts, String orderId) {
        return ts.format(SyntheticMarket.TS) + "|" + orderId;
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
        Files.deleteIfExists(file);
    }
}
