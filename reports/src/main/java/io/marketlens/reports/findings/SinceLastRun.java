package io.marketlens.reports.findings;

import io.marketlens.reports.data.RunFolder;
import io.marketlens.reports.data.Table;
import io.marketlens.reports.data.Table.Row;
import io.marketlens.reports.text.Numbers;
import io.marketlens.reports.text.Texts;
import io.marketlens.tables.Columns;
import io.marketlens.tables.RunChange;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.Tables;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What changed since the previous run, in sentences (table {@code changes}): the {@value #MAX_LINES} most important
 * changes in the table's {@code rank} order, each stated with the sentence of its {@code sentence_key} and its values
 * formatted as its kind needs (ranks as whole places, shares and rates as percentages with one decimal, points and days
 * with one decimal); how many more the table holds; and on a first run (no rows, or no table) that there is nothing to
 * compare with yet. A kind this version has no sentence for is stated with a general one.
 */
public final class SinceLastRun {

    /** Changes stated before the rest are counted. */
    public static final int MAX_LINES = 10;

    /** An introduction, the sentences, and the line saying how many more changes the table holds (null when none). */
    public record Summary(String intro, List<String> lines, String more) {
    }

    /** How a {@code before} or {@code after} cell reads. */
    private enum Value { RANK, SHARE, RATE, DAYS, MONEY, HHI_CLASS, TEXT }

    /** How a {@code magnitude} reads. */
    private enum Magnitude { PLACES, POINTS, HHI, DAYS, NONE }

    private final Texts texts;
    private final Numbers numbers;
    private final Labels labels;

    private SinceLastRun(Texts texts, Numbers numbers) {
        this.texts = texts;
        this.numbers = numbers;
        this.labels = new Labels(texts);
    }

    /** The changes of {@code run} in the language of {@code texts}. */
    public static Summary of(RunFolder run, Texts texts, Numbers numbers) {
        return new SinceLastRun(texts, numbers).summary(run.table(Tables.CHANGES.name()));
    }

    private Summary summary(Optional<Table> table) {
        if (table.isEmpty() || table.get().isEmpty() || !table.get().has(Columns.KIND)) {
            return new Summary(texts.get("changes.first_run"), List.of(), null);
        }
        List<Row> rows = table.get().sorted(Comparator.comparingDouble(r -> rank(r)));
        String previous = KeyFindings.str(rows.get(0), Columns.PREVIOUS_AS_OF);
        String intro = previous.isEmpty() ? texts.get("changes.intro_plain") : texts.get("changes.intro", previous);
        List<String> lines = rows.stream().limit(MAX_LINES).map(this::sentence).toList();
        String more = rows.size() > MAX_LINES
                ? texts.get("changes.more", numbers.integer((long) rows.size() - MAX_LINES), Tables.CHANGES.name()) : null;
        return new Summary(intro, lines, more);
    }

    /** The row's rank; rows without one after those with one (a stable sort keeps the table's order among them). */
    private static double rank(Row r) {
        Double rank = KeyFindings.num(r, Columns.RANK);
        return rank == null ? Double.MAX_VALUE : rank;
    }

    /** The row in words: {0} subject, {1} scope, {2} before, {3} after, {4} magnitude, {5} the kind in words. */
    private String sentence(Row r) {
        String code = KeyFindings.str(r, Columns.KIND);
        Optional<RunChange> kind = kind(code);
        String key = KeyFindings.str(r, Columns.SENTENCE_KEY);
        if (key.isEmpty() || !texts.has(key)) {
            key = kind.map(RunChange::sentenceKey).filter(texts::has).orElse("changes.other");
        }
        Value value = kind.map(SinceLastRun::value).orElse(Value.TEXT);
        String subject = KeyFindings.str(r, Columns.SUBJECT);
        if (kind.orElse(null) == RunChange.CHANGE_POINT) {
            subject = labels.kind(subject);   // a change point's kind (level_shift) in words; a period stays as it is
        }
        return texts.get(key, subject.isEmpty() ? Numbers.MISSING : subject, scope(r), value(value, KeyFindings.str(r, Columns.BEFORE)),
                value(value, KeyFindings.str(r, Columns.AFTER)),
                magnitude(kind.map(SinceLastRun::magnitude).orElse(Magnitude.NONE), KeyFindings.num(r, Columns.MAGNITUDE)),
                code.isEmpty() ? Numbers.MISSING : labels.change(code));
    }

    private static Optional<RunChange> kind(String code) {
        for (RunChange k : RunChange.values()) {
            if (k.code().equals(code)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    private static Value value(RunChange kind) {
        return switch (kind) {
            case TOP10_ENTRY, TOP10_EXIT, OWN_RANK -> Value.RANK;
            case SHARE_MOVE -> Value.SHARE;
            case HHI_CLASS -> Value.HHI_CLASS;
            case BEST_BAND -> Value.TEXT;
            case CHANGE_POINT -> Value.MONEY;
            case LANE_LEAD_TIME -> Value.DAYS;
            case LANE_ON_TIME -> Value.RATE;
        };
    }

    private static Magnitude magnitude(RunChange kind) {
        return switch (kind) {
            case TOP10_ENTRY, TOP10_EXIT, OWN_RANK -> Magnitude.PLACES;
            case SHARE_MOVE, LANE_ON_TIME -> Magnitude.POINTS;
            case HHI_CLASS -> Magnitude.HHI;
            case LANE_LEAD_TIME -> Magnitude.DAYS;
            case BEST_BAND, CHANGE_POINT -> Magnitude.NONE;
        };
    }

    /** A {@code before} or {@code after} cell: a number as its kind reads, a code in words, other text as written. */
    private String value(Value format, String cell) {
        if (format == Value.HHI_CLASS) {
            return labels.hhiClass(cell);
        }
        Double v = number(cell);
        if (format == Value.RANK) {
            return v == null ? (cell.isEmpty() ? texts.get("changes.unranked") : cell) : texts.get("changes.rank", numbers.integer(v));
        }
        if (v == null) {
            return cell.isEmpty() ? Numbers.MISSING : cell;
        }
        return switch (format) {
            case SHARE, RATE -> numbers.percent(v, 1);
            case DAYS -> numbers.decimal(v, 1);
            case MONEY -> numbers.money(v, 0);
            default -> cell;
        };
    }

    private String magnitude(Magnitude format, Double v) {
        return switch (format) {
            case PLACES, HHI -> numbers.signedDecimal(v, 0);
            case POINTS, DAYS -> numbers.signedDecimal(v, 1);
            case NONE -> v == null ? Numbers.MISSING : numbers.signedDecimal(v, 1);
        };
    }

    /** The category, with its platform and marketplace when it is not over all of them; the whole market for ALL. */
    private String scope(Row r) {
        String category = KeyFindings.str(r, Columns.CATEGORY);
        String platform = KeyFindings.str(r, Columns.PLATFORM);
        String marketplace = KeyFindings.str(r, Columns.MARKETPLACE);
        String what = category.isEmpty() || Scopes.ALL.equals(category) ? texts.get("changes.scope.market") : category;
        if (platform.isEmpty() || Scopes.ALL.equals(platform)) {
            return what;
        }
        return texts.get("changes.scope.on", what, marketplace.isEmpty() || Scopes.ALL.equals(marketplace) ? platform
                : texts.get("cell.market", platform, marketplace));
    }

    private static Double number(String cell) {
        if (cell.isEmpty()) {
            return null;
        }
        try {
            double d = Double.parseDouble(cell);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
