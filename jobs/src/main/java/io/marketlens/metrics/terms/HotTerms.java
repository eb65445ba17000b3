package io.marketlens.metrics.terms;

import static io.marketlens.fact.MarketFact.*;
import static io.marketlens.tables.Columns.*;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.metrics.FactCube;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Tables;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Hot search terms and attributes, T/CCPITCSC 111-2022 Table 1, 1.1.4 热搜属性及流行趋势 (SPEC M10): per
 * category-level scope (category with its platform and marketplace, or {@code ALL} of them), the terms of the
 * window's listings weighted by revenue, the top terms and the fastest risers against the window before.
 *
 * <p>Each fact row of the window or the previous window contributes its {@link TitleTokenizer#titleTerms title
 * terms} ({@code kind} = {@code title}) and its {@link TitleTokenizer#attributeTerms attribute pairs}
 * ({@code kind} = {@code attribute}), each term once, each with the row's whole revenue as weight. Per scope and
 * term:
 * <ul>
 *   <li>{@code weight} = Σ revenue of the window's rows carrying the term; terms with no positive weight are
 *       left out; {@code previous_weight} likewise over the previous window;</li>
 *   <li>{@code share} = weight ÷ the scope's window revenue (the share of demand whose listings carry the term;
 *       shares of different terms overlap);</li>
 *   <li>{@code rank} = 1, 2, … by weight descending, ties by term ascending;</li>
 *   <li>{@code growth} = weight ÷ previous_weight − 1; null for a term new in the window (no previous weight);</li>
 *   <li>{@code riser_rank} = 1, 2, … by growth descending (ties by weight descending, then term) among the terms
 *       with growth &gt; 0 and previous_weight ≥ {@code riserMinShare} (default
 *       {@value #DEFAULT_RISER_MIN_SHARE}) × the scope's previous-window revenue — a floor on the base of the
 *       ratio so a term that went from a few cents to a few dollars is not the fastest riser; null for others;</li>
 *   <li>a row is kept when rank ≤ N or riser_rank ≤ N (N = {@code topN}, default {@value #DEFAULT_TOP_N}), so the
 *       fastest risers appear even outside the top terms;</li>
 *   <li>{@code rows} = fact rows of the window carrying the term; {@code period} = {@code window};
 *       {@code status} = {@code insufficient_history} when the previous window starts before the fact's first
 *       month (growth then compares with a partial window and old terms may look new), else null.</li>
 * </ul>
 *
 * <p>Computed on the driver from the fact loaded there ({@link FactCube}): a listing's title and attributes repeat
 * month after month, so each distinct (platform, marketplace, category, title, attributes) is tokenised once, with
 * its rows' revenue of each window summed first.
 */
public final class HotTerms {

    /** N: terms kept per scope, by weight and by growth each. */
    public static final int DEFAULT_TOP_N = 30;
    /** A riser needs at least this share of the scope's previous-window revenue as its previous weight. */
    public static final double DEFAULT_RISER_MIN_SHARE = 0.01;

    private HotTerms() {
    }

    /** The table keeping {@code topN} (≥ 1) terms per scope by weight and by growth, risers from {@code riserMinShare}. */
    public static MetricTable compute(MetricsContext ctx, int topN, double riserMinShare) {
        if (topN < 1) {
            throw new IllegalArgumentException("hot terms: top N must be at least 1, got " + topN);
        }
        if (!(riserMinShare >= 0 && riserMinShare <= 1)) {
            throw new IllegalArgumentException("hot terms: riser minimum share must be in [0, 1], got " + riserMinShare);
        }
        FactCube cube = ctx.cube();
        AnalysisPeriod period = ctx.period();
        int firstPrevious = FactCube.monthNumber(period.firstPreviousWindowPeriod());
        int firstWindow = FactCube.monthNumber(period.firstWindowPeriod());
        int last = FactCube.monthNumber(period.lastPeriod());
        String status = firstPrevious < cube.firstMonth() ? Codes.INSUFFICIENT_HISTORY : null;

        // per category-level scope: the window's and the previous window's revenue; per distinct (leaf scope, title,
        // attributes) — a listing's texts repeat month after month — the same sums and the window's rows
        Map<Integer, Sums> scopeRevenue = new HashMap<>();
        Map<TextKey, Sums> texts = new LinkedHashMap<>();
        for (int i = 0; i < cube.rows(); i++) {
            int m = cube.month(i);
            if (m < firstPrevious || m > last) {
                continue;
            }
            boolean current = m >= firstWindow;
            boolean hasRevenue = !cube.revenueNull(i);
            double revenue = cube.revenue(i);
            int[] scopes = cube.scopesOf(i);
            for (int j = 0; j < 8; j += 2) {
                Sums sums = scopeRevenue.computeIfAbsent(scopes[j], k -> new Sums());
                if (hasRevenue) {
                    sums.add(current, revenue);
                }
            }
            Sums text = texts.computeIfAbsent(new TextKey(cube.leaf(i), cube.title(i), cube.attributes(i)),
                    k -> new Sums());
            if (hasRevenue) {
                text.add(current, revenue);
            }
            if (current) {
                text.rows++;
            }
        }

        // tokenise each distinct text once; add its sums to every term of it in its four category-level scopes
        Map<Integer, List<String>> titleTerms = new HashMap<>();
        Map<Integer, List<String>> attributeTerms = new HashMap<>();
        Map<Integer, Map<TermKey, Sums>> terms = new HashMap<>();
        for (Map.Entry<TextKey, Sums> e : texts.entrySet()) {
            TextKey t = e.getKey();
            Sums sums = e.getValue();
            List<TermKey> keys = new ArrayList<>();
            for (String term : titleTerms.computeIfAbsent(t.title(),
                    c -> TitleTokenizer.titleTerms(c < 0 ? null : cube.titles.text(c)))) {
                keys.add(new TermKey(term, Codes.TITLE));
            }
            for (String term : attributeTerms.computeIfAbsent(t.attributes(),
                    c -> TitleTokenizer.attributeTerms(c < 0 ? null : cube.attributeTexts.text(c)))) {
                keys.add(new TermKey(term, Codes.ATTRIBUTE));
            }
            int[] scopes = cube.leafScopes(t.leaf());
            for (int j = 0; j < 8; j += 2) {
                Map<TermKey, Sums> scopeTerms = terms.computeIfAbsent(scopes[j], k -> new HashMap<>());
                for (TermKey key : keys) {
                    scopeTerms.computeIfAbsent(key, k -> new Sums()).merge(sums);
                }
            }
        }

        List<Row> out = new ArrayList<>();
        for (int scope : cube.scopesInOrder()) {
            Map<TermKey, Sums> scopeTerms = terms.get(scope);
            if (scopeTerms == null) {
                continue;
            }
            Sums revenue = scopeRevenue.get(scope);
            List<Ranked> ranked = new ArrayList<>();
            for (Map.Entry<TermKey, Sums> e : scopeTerms.entrySet()) {
                Sums w = e.getValue();
                if (w.hasWindow && w.window > 0) {
                    Double growth = w.hasPrevious && w.previous > 0 ? w.window / w.previous - 1 : null;
                    boolean riser = growth != null && growth > 0 && revenue.hasPrevious
                            && w.previous >= revenue.previous * riserMinShare;
                    ranked.add(new Ranked(e.getKey(), w, growth, riser));
                }
            }
            ranked.sort(Comparator.<Ranked>comparingDouble(r -> -r.sums().window).thenComparing(Ranked::key, TERM_ORDER));
            for (int i = 0; i < ranked.size(); i++) {
                ranked.get(i).rank = i + 1;
            }
            List<Ranked> risers = new ArrayList<>(ranked.stream().filter(Ranked::riser).toList());
            risers.sort(Comparator.<Ranked>comparingDouble(r -> -r.growth()).thenComparingDouble(r -> -r.sums().window)
                    .thenComparing(Ranked::key, TERM_ORDER));
            for (int i = 0; i < risers.size(); i++) {
                risers.get(i).riserRank = i + 1;
            }
            for (Ranked r : ranked) {
                if (r.rank <= topN || r.riserRank != null && r.riserRank <= topN) {
                    out.add(RowFactory.create(cube.platformOf(scope), cube.marketplaceOf(scope), cube.categoryOf(scope),
                            AnalysisPeriod.WINDOW, r.key().term(), r.key().kind(), r.sums().window,
                            revenue.hasWindow ? r.sums().window / revenue.window : null, r.rank,
                            r.sums().hasPrevious ? r.sums().previous : null, r.growth(), r.riserRank, r.sums().rows,
                            status));
                }
            }
        }
        return MetricTable.local(ctx.spark(), Tables.HOT_TERMS, out);
    }

    /** Columns of the table, in order. */

    /** Terms by text (as Spark orders strings), then kind. */
    private static final Comparator<TermKey> TERM_ORDER = (a, b) -> {
        int c = FactCube.compareText(a.term(), b.term());
        return c != 0 ? c : FactCube.compareText(a.kind(), b.kind());
    };

    private record TextKey(int leaf, int title, int attributes) {
    }

    private record TermKey(String term, String kind) {
    }

    /** Revenue of the window and of the previous window (each null until a value is added), and the window's rows. */
    private static final class Sums {
        double window;
        double previous;
        boolean hasWindow;
        boolean hasPrevious;
        long rows;

        void add(boolean current, double revenue) {
            if (current) {
                window += revenue;
                hasWindow = true;
            } else {
                previous += revenue;
                hasPrevious = true;
            }
        }

        void merge(Sums o) {
            if (o.hasWindow) {
                window += o.window;
                hasWindow = true;
            }
            if (o.hasPrevious) {
                previous += o.previous;
                hasPrevious = true;
            }
            rows += o.rows;
        }
    }

    private static final class Ranked {
        private final TermKey key;
        private final Sums sums;
        private final Double growth;
        private final boolean riser;
        int rank;
        Integer riserRank;

        Ranked(TermKey key, Sums sums, Double growth, boolean riser) {
            this.key = key;
            this.sums = sums;
            this.growth = growth;
            this.riser = riser;
        }

        TermKey key() {
            return key;
        }

        Sums sums() {
            return sums;
        }

        Double growth() {
            return growth;
        }

        boolean riser() {
            return riser;
        }
    }
}
