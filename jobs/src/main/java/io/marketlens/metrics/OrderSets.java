package io.marketlens.metrics;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ObjLongConsumer;

/**
 * The orders of the market fact reduced to what distinct-order counts need: for every order (platform, order_id), the
 * set of cells — (leaf, month), a leaf being a (platform, marketplace, category) — it has demand lines in. An order
 * with all its cells in one month (nearly all orders: an order's lines share its date) is kept only as one more count of
 * its set in that month ({@link #local}); an order with cells in two months or more is kept by its key with its cells
 * ({@link #spanning}). Counting the orders per scope and period then needs the sets and their counts only.
 *
 * <p>A month's orders change when a night changes the month's lines; the sets can then be brought up to date from the
 * orders of the changed months and the cells, in other months, of those same orders ({@link #update}) — the months
 * no line of which changed keep their counts. A cell is {@code month << 32 | leaf}: sorted cells are in month order.
 */
public final class OrderSets {

    /** An order: its platform and id. */
    public record OrderKey(String platform, String orderId) {
    }

    /** A set of cells, sorted, with value equality. */
    public static final class Cells {
        final long[] cells;
        private final int hash;

        public Cells(long[] sorted) {
            this.cells = sorted;
            this.hash = Arrays.hashCode(sorted);
        }

        /** The set of {@code cells} in any order, without repeats. */
        public static Cells of(long... cells) {
            long[] s = cells.clone();
            Arrays.sort(s);
            for (int i = 1; i < s.length; i++) {
                if (s[i] == s[i - 1]) {
                    throw new IllegalArgumentException("a cell given twice: " + s[i]);
                }
            }
            return new Cells(s);
        }

        public int size() {
            return cells.length;
        }

        public long get(int i) {
            return cells[i];
        }

        int firstMonth() {
            return month(cells[0]);
        }

        boolean oneMonth() {
            return month(cells[0]) == month(cells[cells.length - 1]);
        }

        boolean touches(Set<Integer> months) {
            for (long c : cells) {
                if (months.contains(month(c))) {
                    return true;
                }
            }
            return false;
        }

        /** The cells in none of {@code months} (this set when there are none). */
        Cells without(Set<Integer> months) {
            long[] out = new long[cells.length];
            int n = 0;
            for (long c : cells) {
                if (!months.contains(month(c))) {
                    out[n++] = c;
                }
            }
            return n == cells.length ? this : new Cells(Arrays.copyOf(out, n));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cells other && hash == other.hash && Arrays.equals(cells, other.cells);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return Arrays.toString(cells);
        }
    }

    /** A cell of a leaf (an index into {@link #leaves}) and a month number. */
    public static long cell(int month, int leaf) {
        return ((long) month << 32) | (leaf & 0xffffffffL);
    }

    public static int month(long cell) {
        return (int) (cell >> 32);
    }

    public static int leaf(long cell) {
        return (int) cell;
    }

    /** The leaves, each a (platform, marketplace, category), numbered in order of first use. */
    private final List<List<String>> leaves = new ArrayList<>();
    private final Map<List<String>, Integer> leafNumbers = new HashMap<>();
    /** Per month, the sets of the orders whose cells are all in that month, and how many orders have each set. */
    private final TreeMap<Integer, Map<Cells, Long>> local = new TreeMap<>();
    /** The orders with cells in two months or more, and their cells. */
    private final Map<OrderKey, Cells> spanning = new HashMap<>();

    /** The number of a leaf, given one the first time it is asked for. */
    public int leaf(String platform, String marketplace, String category) {
        List<String> key = List.of(platform, marketplace, category);
        Integer n = leafNumbers.get(key);
        if (n == null) {
            n = leaves.size();
            leaves.add(key);
            leafNumbers.put(key, n);
        }
        return n;
    }

    /** The (platform, marketplace, category) of a leaf's number. */
    public List<String> leafText(int leaf) {
        return leaves.get(leaf);
    }

    public int leaves() {
        return leaves.size();
    }

    /** Adds {@code orders} orders of the set {@code cells} (from a full reading of the orders). */
    public void add(Cells cells, long orders, OrderKey key) {
        if (cells.size() == 0 || orders <= 0) {
            return;
        }
        if (cells.oneMonth()) {
            local.computeIfAbsent(cells.firstMonth(), m -> new HashMap<>()).merge(cells, orders, Long::sum);
        } else {
            if (key == null || orders != 1) {
                throw new IllegalArgumentException("an order with cells in several months is added alone, with its key");
            }
            if (spanning.put(key, cells) != null) {
                throw new IllegalArgumentException("order " + key + " added twice");
            }
        }
    }

    /**
     * Brings the sets up to date after the orders of {@code changed} months changed. {@code fresh} gives, for every
     * order that now has a cell in a changed month, its cells — all of them, in every month — as {@link #add} takes
     * them: orders with one month's cells as counts per set, the others each with its key. The months not changed
     * keep their counts, except where an order gained or lost cells in a changed month: it then leaves, or joins, the
     * counts of the one month it has cells in besides. Throws {@link IllegalStateException} when the sets do not
     * agree with {@code fresh} (they were not those of the orders before the change): recount them all then.
     */
    public void update(Set<Integer> changed, OrderSets fresh) {
        for (Map.Entry<Integer, Map<Cells, Long>> e : fresh.local.entrySet()) {
            if (!changed.contains(e.getKey())) {
                throw new IllegalArgumentException("fresh orders of month " + e.getKey() + ", which did not change");
            }
        }
        List<Map.Entry<OrderKey, Cells>> touched = new ArrayList<>();
        for (Map.Entry<OrderKey, Cells> e : spanning.entrySet()) {
            if (e.getValue().touches(changed)) {
                touched.add(Map.entry(e.getKey(), e.getValue())); // a copy: the map changes below
            }
        }
        for (Integer m : changed) {
            local.remove(m);
        }
        for (Map.Entry<Integer, Map<Cells, Long>> e : fresh.local.entrySet()) {
            e.getValue().forEach((set, n) -> add(renumber(set, fresh), n, null));
        }
        for (Map.Entry<OrderKey, Cells> e : fresh.spanning.entrySet()) {
            Cells cells = renumber(e.getValue(), fresh);
            Cells old = spanning.remove(e.getKey());
            if (old == null) {
                // its cells in the months that did not change were counted in one of those months
                Cells rest = cells.without(changed);
                if (rest.size() > 0) {
                    if (!rest.oneMonth()) {
                        throw new IllegalStateException("order " + e.getKey() + " was not kept though its cells span months");
                    }
                    Map<Cells, Long> sets = local.get(rest.firstMonth());
                    Long n = sets == null ? null : sets.get(rest);
                    if (n == null) {
                        throw new IllegalStateException("order " + e.getKey() + " has cells " + rest + " no order was counted with");
                    }
                    if (n == 1) {
                        sets.remove(rest);
                    } else {
                        sets.put(rest, n - 1);
                    }
                }
            }
            spanning.put(e.getKey(), cells);
        }
        for (Map.Entry<OrderKey, Cells> e : touched) {
            if (fresh.spanning.containsKey(e.getKey())) {
                continue;
            }
            // no cell in a changed month now, or all of them in one changed month (counted there): what it keeps is its
            // cells in the other months
            spanning.remove(e.getKey());
            Cells rest = e.getValue().without(changed);
            if (rest.size() > 0) {
                if (rest.oneMonth()) {
                    add(rest, 1, null);
                } else {
                    spanning.put(e.getKey(), rest);
                }
            }
        }
        local.values().removeIf(Map::isEmpty);
    }

    /** {@code set}, a set of {@code from}'s leaf numbers, in this one's. */
    private Cells renumber(Cells set, OrderSets from) {
        if (from == this) {
            return set;
        }
        long[] out = new long[set.size()];
        for (int i = 0; i < out.length; i++) {
            List<String> t = from.leafText(leaf(set.get(i)));
            out[i] = cell(month(set.get(i)), leaf(t.get(0), t.get(1), t.get(2)));
        }
        Arrays.sort(out);
        return new Cells(out);
    }

    /** Every set with its number of orders (an order with cells in several months counts alone, one per call). */
    public void forEach(ObjLongConsumer<Cells> visit) {
        for (Map<Cells, Long> sets : local.values()) {
            sets.forEach((set, n) -> visit.accept(set, n));
        }
        for (Cells c : spanning.values()) {
            visit.accept(c, 1);
        }
    }

    /** The number of orders with cells in two months or more. */
    public int spanningOrders() {
        return spanning.size();
    }

    /** The number of orders in all. */
    public long orders() {
        long[] n = new long[1];
        forEach((set, count) -> n[0] += count);
        return n[0];
    }

    /** Drops the orders' cells in months after {@code lastMonth}. */
    public void keepUpTo(int lastMonth) {
        local.tailMap(lastMonth, false).clear();
        Set<Integer> later = new java.util.HashSet<>();
        for (Cells c : spanning.values()) {
            for (int i = 0; i < c.size(); i++) {
                if (month(c.get(i)) > lastMonth) {
                    later.add(month(c.get(i)));
                }
            }
        }
        if (!later.isEmpty()) {
            List<Map.Entry<OrderKey, Cells>> all = new ArrayList<>(spanning.entrySet());
            spanning.clear();
            for (Map.Entry<OrderKey, Cells> e : all) {
                Cells rest = e.getValue().without(later);
                if (rest.size() > 0) {
                    add(rest, 1, e.getKey());
                }
            }
        }
    }

    /** Writes the sets (read back by {@link #read}). */
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(leaves.size());
        for (List<String> l : leaves) {
            for (String s : l) {
                out.writeUTF(s);
            }
        }
        out.writeInt(local.size());
        for (Map.Entry<Integer, Map<Cells, Long>> e : local.entrySet()) {
            out.writeInt(e.getKey());
            out.writeInt(e.getValue().size());
            for (Map.Entry<Cells, Long> s : e.getValue().entrySet()) {
                writeCells(out, s.getKey());
                out.writeLong(s.getValue());
            }
        }
        out.writeInt(spanning.size());
        for (Map.Entry<OrderKey, Cells> e : spanning.entrySet()) {
            out.writeUTF(e.getKey().platform());
            out.writeUTF(e.getKey().orderId());
            writeCells(out, e.getValue());
        }
    }

    private static void writeCells(DataOutputStream out, Cells c) throws IOException {
        out.writeInt(c.size());
        for (int i = 0; i < c.size(); i++) {
            out.writeLong(c.get(i));
        }
    }

    /** The sets {@link #write} wrote; an {@link IOException} for bytes that are not such sets. */
    public static OrderSets read(DataInputStream in) throws IOException {
        OrderSets s = new OrderSets();
        int leaves = count(in.readInt());
        for (int i = 0; i < leaves; i++) {
            s.leaf(in.readUTF(), in.readUTF(), in.readUTF());
        }
        if (s.leaves() != leaves) {
            throw new IOException("a leaf written twice");
        }
        int months = count(in.readInt());
        for (int i = 0; i < months; i++) {
            int month = in.readInt();
            int sets = count(in.readInt());
            for (int j = 0; j < sets; j++) {
                Cells c = readCells(in, s);
                if (!c.oneMonth() || c.firstMonth() != month) {
                    throw new IOException("a set of month " + month + " with cells of other months");
                }
                s.add(c, in.readLong(), null);
            }
        }
        int spanning = count(in.readInt());
        for (int i = 0; i < spanning; i++) {
            OrderKey key = new OrderKey(in.readUTF(), in.readUTF());
            Cells c = readCells(in, s);
            if (c.oneMonth()) {
                throw new IOException("an order of one month kept by its key");
            }
            try {
                s.add(c, 1, key);
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage());
            }
        }
        return s;
    }

    private static Cells readCells(DataInputStream in, OrderSets s) throws IOException {
        int n = count(in.readInt());
        if (n == 0) {
            throw new IOException("an empty set");
        }
        long[] c = new long[n];
        for (int i = 0; i < n; i++) {
            c[i] = in.readLong();
            if (leaf(c[i]) < 0 || leaf(c[i]) >= s.leaves() || (i > 0 && c[i] <= c[i - 1])) {
                throw new IOException("a damaged set of cells");
            }
        }
        return new Cells(c);
    }

    private static int count(int n) throws IOException {
        if (n < 0 || n > 1 << 28) {
            throw new IOException("a damaged count: " + n);
        }
        return n;
    }
}
