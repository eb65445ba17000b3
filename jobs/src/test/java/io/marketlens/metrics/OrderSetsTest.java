package io.marketlens.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlens.metrics.OrderSets.Cells;
import io.marketlens.metrics.OrderSets.OrderKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The orders' sets of cells ({@link OrderSets}) brought up to date from the changed months' orders are the sets a
 * reading of all orders gives: by hand on a night that moves orders between the kept counts and the orders kept by key,
 * and on random histories and nights.
 */
class OrderSetsTest {

    private static final int JAN = 2025 * 12;
    private static final int FEB = JAN + 1;
    private static final List<List<String>> LEAVES = List.of(List.of("amazon", "US", "Toys"), List.of("amazon", "US", "Games"),
            List.of("amazon", "DE", "Toys"), List.of("ebay", "US", "Toys"));

    /** Orders by key, each with its cells as (month, leaf index into {@link #LEAVES}). */
    private static final class Model {
        final Map<OrderKey, TreeSet<List<Integer>>> orders = new LinkedHashMap<>();

        Model put(String id, int... monthLeaf) {
            TreeSet<List<Integer>> cells = new TreeSet<>((a, b) -> a.get(0).equals(b.get(0)) ? a.get(1) - b.get(1) : a.get(0) - b.get(0));
            for (int i = 0; i < monthLeaf.length; i += 2) {
                cells.add(List.of(monthLeaf[i], monthLeaf[i + 1]));
            }
            orders.put(new OrderKey("amazon", id), cells);
            return this;
        }

        /** The sets of these orders (of those with a cell in {@code only} when given), leaves numbered from {@code order}. */
        OrderSets sets(Set<Integer> only, List<Integer> order) {
            OrderSets s = new OrderSets();
            for (int leaf : order) {
                s.leaf(LEAVES.get(leaf).get(0), LEAVES.get(leaf).get(1), LEAVES.get(leaf).get(2));
            }
            orders.forEach((key, cells) -> {
                if (cells.isEmpty() || (only != null && cells.stream().noneMatch(c -> only.contains(c.get(0))))) {
                    return;
                }
                long[] c = cells.stream().mapToLong(x -> OrderSets.cell(x.get(0),
                        s.leaf(LEAVES.get(x.get(1)).get(0), LEAVES.get(x.get(1)).get(1), LEAVES.get(x.get(1)).get(2)))).toArray();
                s.add(Cells.of(c), 1, key);
            });
            return s;
        }

        OrderSets sets() {
            return sets(null, List.of(0, 1, 2, 3));
        }
    }

    /** The sets as text: each set's cells as "month leaf-text", sorted, with its number of orders. */
    private static Map<String, Long> text(OrderSets s) {
        Map<String, Long> out = new TreeMap<>();
        s.forEach((set, n) -> {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < set.size(); i++) {
                cells.add(OrderSets.month(set.get(i)) + " " + s.leafText(OrderSets.leaf(set.get(i))));
            }
            cells.sort(null);
            out.merge(String.join(" + ", cells), n, Long::sum);
        });
        return out;
    }

    @Test
    void aNightMovesOrdersBetweenTheCountsAndTheKeys() {
        Model before = new Model()
                .put("A", JAN, 0).put("B", JAN, 0)
                .put("S", JAN, 0, FEB, 1) // spans January and February: kept by its key
                .put("C", FEB, 1);
        OrderSets sets = before.sets();
        assertThat(sets.spanningOrders()).isEqualTo(1);
        assertThat(text(sets)).containsExactly(
                Map.entry(JAN + " [amazon, US, Toys]", 2L),
                Map.entry(JAN + " [amazon, US, Toys] + " + FEB + " [amazon, US, Games]", 1L),
                Map.entry(FEB + " [amazon, US, Games]", 1L));

        // February changes: S loses its February line, D is new, B gains a February line; C is as it was
        Model after = new Model()
                .put("A", JAN, 0).put("B", JAN, 0, FEB, 1).put("S", JAN, 0).put("C", FEB, 1).put("D", FEB, 0);
        sets.update(Set.of(FEB), after.sets(Set.of(FEB), List.of(3, 2, 1, 0)));

        // January's count keeps A, loses B (now kept by its key), gains S (now of January only)
        assertThat(text(sets)).containsExactly(
                Map.entry(JAN + " [amazon, US, Toys]", 2L),
                Map.entry(JAN + " [amazon, US, Toys] + " + FEB + " [amazon, US, Games]", 1L),
                Map.entry(FEB + " [amazon, US, Games]", 1L),
                Map.entry(FEB + " [amazon, US, Toys]", 1L));
        assertThat(sets.spanningOrders()).isEqualTo(1);
        assertThat(sets.orders()).isEqualTo(5);
        assertThat(text(sets)).isEqualTo(text(after.sets()));
    }

    @Test
    void setsThatDoNotAgreeWithTheNightAreRefused() {
        // the kept sets do not have E's January cell, which the night's orders say it has
        OrderSets sets = new Model().put("A", JAN, 0).sets();
        OrderSets fresh = new Model().put("E", JAN, 1, FEB, 1).sets(Set.of(FEB), List.of(0, 1, 2, 3));
        assertThatThrownBy(() -> sets.update(Set.of(FEB), fresh)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no order was counted with");
    }

    @Test
    void laterMonthsAreDroppedAsIfNeverRead() {
        Model m = new Model().put("A", JAN, 0, FEB, 1).put("B", FEB, 2).put("C", JAN, 3);
        OrderSets sets = m.sets();
        sets.keepUpTo(JAN);
        assertThat(text(sets)).isEqualTo(text(new Model().put("A", JAN, 0).put("C", JAN, 3).sets()));
        assertThat(sets.spanningOrders()).isZero();
    }

    @Test
    void writtenAndReadBackTheSetsAreTheSame() throws IOException {
        OrderSets sets = new Model().put("A", JAN, 0, JAN, 2).put("B", JAN, 0, FEB, 3).put("C", FEB, 1).sets();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        sets.write(new DataOutputStream(bytes));
        OrderSets back = OrderSets.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(text(back)).isEqualTo(text(sets));
        assertThat(back.spanningOrders()).isEqualTo(1);
    }

    /** Random orders over six months and four leaves, about a fifth with cells in a second month. */
    private static Model history(Random r, int orders) {
        Model m = new Model();
        for (int i = 0; i < orders; i++) {
            m.orders.put(new OrderKey("amazon", "o" + i), cells(r, JAN + r.nextInt(6)));
        }
        return m;
    }

    private static TreeSet<List<Integer>> cells(Random r, int month) {
        Model tmp = new Model();
        List<Integer> flat = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        for (int k = 0; k < n; k++) {
            flat.add(month);
            flat.add(r.nextInt(LEAVES.size()));
        }
        if (r.nextInt(5) == 0) {
            flat.add(JAN + r.nextInt(6));
            flat.add(r.nextInt(LEAVES.size()));
        }
        tmp.put("x", flat.stream().mapToInt(Integer::intValue).toArray());
        return tmp.orders.values().iterator().next();
    }

    @Property(tries = 300)
    void aNightBroughtUpToDateEqualsAReadingOfAllOrders(@ForAll long seed) {
        Random r = new Random(seed);
        Model before = history(r, 40);
        Set<Integer> changed = new HashSet<>();
        int k = 1 + r.nextInt(3);
        for (int i = 0; i < k; i++) {
            changed.add(JAN + r.nextInt(6));
        }
        // the night: the changed months' cells of an order are kept, drawn again or dropped; new orders come in those
        // months; the other months' cells stay as they were
        Model after = new Model();
        before.orders.forEach((key, cells) -> {
            TreeSet<List<Integer>> next = new TreeSet<>(cells.comparator());
            cells.stream().filter(c -> !changed.contains(c.get(0))).forEach(next::add);
            int what = r.nextInt(3);
            if (what == 0) { // kept
                cells.stream().filter(c -> changed.contains(c.get(0))).forEach(next::add);
            } else if (what == 1) { // drawn again
                List<Integer> months = new ArrayList<>(changed);
                int n = 1 + r.nextInt(2);
                for (int i = 0; i < n; i++) {
                    next.add(List.of(months.get(r.nextInt(months.size())), r.nextInt(LEAVES.size())));
                }
            } // else dropped: an order with no other month's cells is gone
            after.orders.put(key, next);
        });
        List<Integer> months = new ArrayList<>(changed);
        for (int i = 0; i < 5; i++) {
            List<Integer> flat = new ArrayList<>();
            int n = 1 + r.nextInt(3);
            for (int j = 0; j < n; j++) {
                flat.add(months.get(r.nextInt(months.size())));
                flat.add(r.nextInt(LEAVES.size()));
            }
            after.put("new" + i, flat.stream().mapToInt(Integer::intValue).toArray());
        }

        OrderSets sets = before.sets();
        List<Integer> shuffled = new ArrayList<>(List.of(0, 1, 2, 3));
        java.util.Collections.shuffle(shuffled, r);
        sets.update(changed, after.sets(changed, shuffled));
        assertThat(text(sets)).isEqualTo(text(after.sets()));
        assertThat(sets.orders()).isEqualTo(after.orders.values().stream().filter(c -> !c.isEmpty()).count());

        int last = JAN + r.nextInt(6);
        sets.keepUpTo(last);
        Model upTo = new Model();
        after.orders.forEach((key, cells) -> {
            TreeSet<List<Integer>> kept = new TreeSet<>(cells.comparator());
            cells.stream().filter(c -> c.get(0) <= last).forEach(kept::add);
            upTo.orders.put(key, kept);
        });
        assertThat(text(sets)).isEqualTo(text(upTo.sets()));
    }
}
