package io.marketlens.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.tables.ClassScale;
import io.marketlens.tables.Code;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Column;
import io.marketlens.tables.CompetitorType;
import io.marketlens.tables.Direction;
import io.marketlens.tables.LifecycleStage;
import io.marketlens.tables.MarketPosition;
import io.marketlens.tables.RunChange;
import io.marketlens.tables.Season;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.TableSchema;
import io.marketlens.tables.Tables;
import io.marketlens.tables.TurningKind;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reports read the tables only through the contract of the {@code tables} module: no table name, column name or
 * code is spelled out as a string literal in the reports' main code (a renamed column then fails to compile instead
 * of rendering an empty section).
 */
class ContractLiteralsTest {

    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    /** Every table name, column name and code of the contract. */
    static Set<String> contractNames() throws IllegalAccessException {
        Set<String> names = new TreeSet<>();
        List<TableSchema> tables = new ArrayList<>(Tables.METRICS);
        tables.add(Tables.QUARANTINE);
        for (TableSchema t : tables) {
            names.add(t.name());
            t.columns().stream().map(Column::name).forEach(names::add);
        }
        for (Field f : Codes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                names.add((String) f.get(null));
            }
        }
        for (Code[] codes : List.<Code[]>of(Season.values(), LifecycleStage.values(), Direction.values(),
                TurningKind.values(), CompetitorType.values(), MarketPosition.values(), RunChange.values())) {
            Stream.of(codes).map(Code::code).forEach(names::add);
        }
        names.add(Scopes.PREVIOUS_WINDOW);
        for (ClassScale s : List.of(ClassScale.DOJ_2023, ClassScale.DOJ_2010, ClassScale.BAIN_CR4, ClassScale.BAIN_CR8)) {
            s.tiers().forEach(t -> names.add(t.code()));
        }
        return names;
    }

    /** The string literals of a Java source, comments left out (line comments and block comments). */
    static List<String> literals(String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)//.*$", "");
        List<String> out = new ArrayList<>();
        Matcher m = LITERAL.matcher(code);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void theScanFindsALiteralItShouldRefuse() throws Exception {
        // the scan itself: a column name in a literal is found, one in a comment or inside a longer text is not
        assertThat(literals("r.str(\"hhi\"); // \"cr4\"\n/* \"cr8\" */ t.get(\"chart.hhi.title\");"))
                .containsExactly("hhi", "chart.hhi.title");
        assertThat(contractNames()).contains("hhi", "market_size", "insufficient_history", "peak", "atomistic",
                "moderately_concentrated", "destination_country", "nicher", "emerging", "product_selection", "rank_stability");
    }

    @Test
    void reportsMainCodeSpellsNoTableColumnOrCode() throws IOException, IllegalAccessException {
        Set<String> contract = contractNames();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                for (String literal : literals(Files.readString(p))) {
                    if (contract.contains(literal)) {
                        found.add(p.getFileName() + ": \"" + literal + "\"");
                    }
                }
            }
        }
        assertThat(found).as("table, column and code names written as literals in the reports' main code").isEmpty();
    }
}
