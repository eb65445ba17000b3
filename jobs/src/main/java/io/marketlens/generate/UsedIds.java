package io.marketlens.generate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Every id the generator has handed out, so that no id is issued twice.
 *
 * <p>Seller and product ids (a few per listing) are kept as strings. Order and shipment ids, one or two per
 * order, are kept as exact 64-bit codes of their fixed formats in open-addressing sets: 11 to 21 bytes an id
 * (the table is 3/8 to 3/4 full) instead of some 100 for a string in a hash set, and a redraw happens for
 * exactly the same ids as with a set of strings. The three kinds of id have formats that can never be equal,
 * so three separate sets answer as one set would.
 */
final class UsedIds {
    private static final long ALNUM_8 = 2_821_109_907_456L; // 36^8

    private final Set<String> catalog = new HashSet<>();
    private final Map<String, LongSet> ordersByPlatform = new HashMap<>();
    private final LongSet shipments = new LongSet();

    /** Seller and product ids; false if already taken. */
    boolean claimCatalog(String id) {
        return catalog.add(id);
    }

    /** An order id is unique per platform; false if already taken. */
    boolean claimOrder(String platform, String id) {
        return ordersByPlatform.computeIfAbsent(platform, k -> new LongSet()).add(orderCode(platform, id));
    }

    /** False if the shipment id is already taken. */
    boolean claimShipment(String id) {
        return shipments.add(shipmentCode(id));
    }

    /**
     * Amazon {@code ddd-ddddddd-ddddddd} (17 digits), AliExpress 16 digits, other platforms {@code yyMMdd} and
     * 8 characters of [0-9A-Z] (below 10^6 &middot; 36^8 &lt; 2^62).
     */
    static long orderCode(String platform, String id) {
        return switch (platform) {
            case "amazon" -> {
                require(id.length() == 19 && id.charAt(3) == '-' && id.charAt(11) == '-', "order", id);
                yield digits(id.substring(0, 3) + id.substring(4, 11) + id.substring(12), "order", id);
            }
            case "aliexpress" -> {
                require(id.length() == 16, "order", id);
                yield digits(id, "order", id);
            }
            default -> {
                require(id.length() == 14 && id.substring(6).chars().allMatch(c -> c >= '0' && c <= '9'
                        || c >= 'A' && c <= 'Z'), "order", id);
                yield digits(id.substring(0, 6), "order", id) * ALNUM_8 + Long.parseLong(id.substring(6), 36);
            }
        };
    }

    /** Carrier prefix in the top bits, the id's digits (at most 18, below 2^60) in the rest. */
    static long shipmentCode(String id) {
        int prefix;
        String number;
        if (id.startsWith("YT") && id.length() == 18) {
            prefix = 0;
            number = id.substring(2);
        } else if (id.startsWith("4PX") && id.endsWith("CN") && id.length() == 18) {
            prefix = 1;
            number = id.substring(3, 16);
        } else if (id.startsWith("LP00") && id.length() == 16) {
            prefix = 2;
            number = id.substring(4);
        } else if (id.startsWith("GM") && id.length() == 20) {
            prefix = 3;
            number = id.substring(2);
        } else {
            throw new IllegalArgumentException("unknown shipment id format: " + id);
        }
        return (long) prefix << 60 | digits(number, "shipment", id);
    }

    private static long digits(String s, String kind, String id) {
        require(!s.isEmpty() && s.length() <= 18 && s.chars().allMatch(c -> c >= '0' && c <= '9'), kind, id);
        return Long.parseLong(s);
    }

    private static void require(boolean ok, String kind, String id) {
        if (!ok) {
            throw new IllegalArgumentException("unknown " + kind + " id format: " + id);
        }
    }

    /** Open-addressing hash set of longs (linear probing, at most 3/4 full). */
    static final class LongSet {
        private long[] slots = new long[1024];
        private boolean hasZero;
        private int size;

        boolean add(long key) {
            if (key == 0) { // 0 marks an empty slot
                boolean added = !hasZero;
                hasZero = true;
                size += added ? 1 : 0;
                return added;
            }
            int mask = slots.length - 1;
            for (int i = slot(key, mask); ; i = (i + 1) & mask) {
                if (slots[i] == key) {
                    return false;
                }
                if (slots[i] == 0) {
                    slots[i] = key;
                    if (++size > slots.length / 4 * 3) {
                        grow();
                    }
                    return true;
                }
            }
        }

        int size() {
            return size;
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            int mask = slots.length - 1;
            for (long key : old) {
                if (key != 0) {
                    int i = slot(key, mask);
                    while (slots[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    slots[i] = key;
                }
            }
        }

        private static int slot(long key, int mask) {
            long h = key * 0x9E3779B97F4A7C15L; // Fibonacci hashing: codes that differ only in high bits spread too
            return (int) (h ^ (h >>> 32)) & mask;
        }
    }
}
