package io.marketlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.testing.Files2;
import io.marketlens.testing.SparkTestSession;
import io.marketlens.testing.StdStreams;
import io.marketlens.testing.StdStreams.Captured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class MarketlensCliTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"run", "ingest", "metrics", "report", "validate", "generate", "demo"})
    void everyCommandHasHelp(String command) {
        Captured c = StdStreams.capture(() -> MarketlensCli.execute(command, "--help"));
        assertThat(c.exitCode()).isZero();
        assertThat(c.out()).contains("Usage: marketlens " + command);
    }

    /** With a help width that fits any sentence, each description sentence stays on one line: none is split. */
    @ParameterizedTest
    @ValueSource(strings = {"run", "ingest", "metrics", "report", "validate", "generate", "demo"})
    void helpDescriptionsAreWholeSentences(String command) {
        Captured c = withProperty("picocli.usage.width", "1000", () -> StdStreams.capture(() -> MarketlensCli.execute(command, "--help")));
        assertThat(c.exitCode()).isZero();
        List<String> text = c.out().lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("Usage: ") && !l.startsWith("[")).toList();
        assertThat(text).isNotEmpty().allSatisfy(l -> assertThat(l).as("help line of %s", command).matches(".*[.:?!]"));
    }

    @Test
    void everyDescriptionOfTheModelIsCompleteSentences() {
        CommandLine cli = new CommandLine(new MarketlensCli());
        for (CommandLine cmd : cli.getSubcommands().values()) {
            List<String> parts = new java.util.ArrayList<>(List.of(cmd.getCommandSpec().usageMessage().description()));
            cmd.getCommandSpec().options().forEach(o -> parts.addAll(List.of(o.description())));
            assertThat(parts).as(cmd.getCommandName()).allSatisfy(d -> {
                assertThat(d).matches("(?s).*[.:?!]");
                assertThat(d.chars().filter(ch -> ch == '(').count()).isEqualTo(d.chars().filter(ch -> ch == ')').count());
            });
        }
    }

    @Test
    void ingestHelpKeepsItsDescriptionSentencesTogether() {
        Captured c = withProperty("picocli.usage.width", "1000", () -> StdStreams.capture(() -> MarketlensCli.execute("ingest", "--help")));
        assertThat(c.out().lines().map(String::strip)).contains("Read the input folder into the warehouse only. Files already"
                + " ingested (same SHA-256) change nothing; a corrected re-export replaces the rows it corrects (natural key,"
                + " newest file wins).");
    }

    @Test
    void noColourCodesEvenWhereAnsiIsAskedFor() {
        Captured help = withProperty("picocli.ansi", "true", () -> StdStreams.capture(() -> MarketlensCli.execute("run", "--help")));
        assertThat(help.out()).contains("Usage: marketlens run").doesNotContain("\u001B[");
        Captured bad = withProperty("picocli.ansi", "true", () -> StdStreams.capture(() -> MarketlensCli.execute("run", "--nope")));
        assertThat(bad.err()).isNotEmpty().doesNotContain("\u001B[");
    }

    @Test
    void aBadAsOfDateIsOneLineNamingTheOptionAndTheHelp() {
        Captured c = StdStreams.capture(() -> MarketlensCli.execute("run", "--input", dir.toString(), "--output",
                dir.resolve("out").toString(), "--as-of", "2025/06/30"));
        assertThat(c.exitCode()).isEqualTo(2);
        assertThat(c.err()).isEqualTo("marketlens run: --as-of must be YYYY-MM-DD, got 2025/06/30" + System.lineSeparator()
                + "Try 'marketlens run --help'." + System.lineSeparator());
        Captured metrics = StdStreams.capture(() -> MarketlensCli.execute("metrics", "--as-of", "30.06.2025", "--output", "o",
                "--warehouse", "w"));
        assertThat(metrics.exitCode()).isEqualTo(2);
        assertThat(metrics.err()).isEqualTo("marketlens metrics: --as-of must be YYYY-MM-DD, got 30.06.2025"
                + System.lineSeparator() + "Try 'marketlens metrics --help'." + System.lineSeparator());
    }

    @Test
    void aMisspelledOptionIsNamedWithTheClosestOneRatherThanReportedAsAMissingOne() {
        Captured c = StdStreams.capture(() -> MarketlensCli.execute("run", "--inptu", "x", "--output", "y"));
        assertThat(c.exitCode()).isEqualTo(2);
        assertThat(c.err()).isEqualTo("marketlens run: unknown option '--inptu' (did you mean --input?)" + System.lineSeparator()
                + "Try 'marketlens run --help'." + System.lineSeparator());
        Captured command = StdStreams.capture(() -> MarketlensCli.execute("valdate", "--input", "x"));
        assertThat(command.exitCode()).isEqualTo(2);
        assertThat(command.err()).isEqualTo("marketlens: unknown command 'valdate' (did you mean validate?)"
                + System.lineSeparator() + "Try 'marketlens --help'." + System.lineSeparator());
    }

    private static <T> T withProperty(String key, String value, java.util.function.Supplier<T> call) {
        String old = System.getProperty(key);
        System.setProperty(key, value);
        try {
            return call.get();
        } finally {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }

    @Test
    void reportNeedsAFinishedRunFolderAndAKnownLanguage() {
        Captured notARun = StdStreams.capture(() -> MarketlensCli.execute("report", "--run", dir.toString()));
        assertThat(notARun.exitCode()).isEqualTo(2);
        assertThat(notARun.err()).contains("is not a marketlens run folder (no manifest.json)");
        Captured badLang = StdStreams.capture(() -> MarketlensCli.execute("report", "--run", dir.toString(), "--lang", "fr"));
        assertThat(badLang.exitCode()).isEqualTo(2);
        assertThat(badLang.err()).contains("unknown report language 'fr': use en or zh");
    }

    @Test
    void generateWritesTheSameExportsForTheSameSeed() throws Exception {
        String[] args = {"generate", "--months", "24", "--rows", "2000", "--listings", "20", "--seed", "7"};
        Captured first = StdStreams.capture(() -> MarketlensCli.execute(concat(args, "--out", dir.resolve("a").toString())));
        Captured second = StdStreams.capture(() -> MarketlensCli.execute(concat(args, "--out", dir.resolve("b").toString())));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).isZero();
        assertThat(first.out().strip()).isEqualTo(dir.resolve("a").toString());
        for (String f : new String[]{"truth.json", "marketlens.yaml", "sales/orders-2023.csv", "competitors/listings-2024.csv",
                "logistics/shipments.csv", "fx_rates/usd_rates.csv"}) {
            assertThat(Files.mismatch(dir.resolve("a").resolve(f), dir.resolve("b").resolve(f))).as(f).isEqualTo(-1L);
        }
        assertThat(Files.readString(dir.resolve("a/truth.json"))).contains("\"seed\": 7", "\"months\": 24", "\"season_index\"");
    }

    @Test
    void generateRefusesImpossibleSizes() {
        Captured c = StdStreams.capture(() -> MarketlensCli.execute("generate", "--out", dir.toString(), "--rows", "5"));
        assertThat(c.exitCode()).isEqualTo(2);
        assertThat(c.err()).contains("salesRows must be >= 100");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
        Captured c = StdStreams.capture(() -> MarketlensCli.execute("run", "--input", "x"));
        assertThat(c.exitCode()).isEqualTo(2);
        assertThat(c.err()).contains("Missing required option: '--output=DIR'");
    }

    @Test
    void aBadConfigIsAUsageErrorNamingTheKey() {
        Path cfg = Files2.write(dir.resolve("c.yaml"), "base_currency: USD\nfx_tolerance: 3\n");
        Captured c = StdStreams.capture(() -> MarketlensCli.execute("validate", "--input", dir.toString(), "--config", cfg.toString()));
        assertThat(c.exitCode()).isEqualTo(2);
        assertThat(c.err()).contains("unknown key 'fx_tolerance' at line 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"window_months: 1.5\n|window_months must be a whole number, not 1.5 (line 1)",
            "window_months: 12\nwindow_months: 24\n|key 'window_months' is given twice (again at line 2); keep one",
            "shuffle_partitions: -5\n|shuffle_partitions must be ≥ 1, not -5"})
    void aConfigThatWouldBeMisreadIsAUsageErrorOfOneLineNamingTheKey(String yamlAndMessage) {
        String[] parts = yamlAndMessage.split("\\|");
        Path cfg = Files2.write(dir.resolve("c.yaml"), parts[0]);
        Captured c = StdStreams.capture(() -> MarketlensCli.execute("validate", "--input", dir.toString(), "--config", cfg.toString()));
        assertThat(c.exitCode()).isEqualTo(2);
        assertThat(c.err()).isEqualTo("marketlens: config " + cfg + ": " + parts[1] + System.lineSeparator());
    }

    @Test
    void anUnreadableFileFailsWithOneMessageNamingTheFileAndTheFix() {
        SparkTestSession.get();
        Files2.write(dir.resolve("in/sales/s.csv"), "order;date\n1;2024-01-01\n");
        Captured c = StdStreams.capture(() -> MarketlensCli.execute("run", "--input", dir.resolve("in").toString(),
                "--output", dir.resolve("out").toString()));
        assertThat(c.exitCode()).isEqualTo(1);
        assertThat(c.err()).contains("marketlens: " + dir.resolve("in/sales/s.csv") + ": required sales columns order_id,")
                .contains("sources.sales.columns.order_id")
                .doesNotContain("Exception");
        assertThat(Files.exists(dir.resolve("out/warehouse/files"))).as("no file registered").isFalse();
        assertThat(Files.exists(dir.resolve("out/warehouse/sales"))).as("no sales table").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "ingest", "validate"})
    void theSalesFolderGivenAsTheInputIsAUsageErrorNamingItsParent(String command) throws Exception {
        SparkTestSession.get();
        Files2.write(dir.resolve("mydata/sales/orders.csv"), "order_id,order_ts\n1,2024-01-01\n");
        String input = dir.resolve("mydata/sales").toString();
        String[] args = switch (command) {
            case "run" -> new String[]{command, "--input", input, "--output", dir.resolve("out").toString()};
            case "ingest" -> new String[]{command, "--input", input, "--warehouse", dir.resolve("wh").toString()};
            default -> new String[]{command, "--input", input};
        };
        Captured c = StdStreams.capture(() -> MarketlensCli.execute(args));
        assertThat(c.exitCode()).isEqualTo(2);
        assertThat(c.err().lines().filter(l -> l.startsWith("marketlens"))).containsExactly("marketlens: " + input
                + " holds data files but no sales/, competitors/, logistics/ or fx_rates/ folder: pass its parent, --input "
                + dir.resolve("mydata"));
        assertThat(c.err()).doesNotContain("total");
        try (var entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).as("nothing written").containsExactly("mydata");
        }
    }

    @Test
    void aLinkedSystemFileIsNotEchoedInTheError() throws Exception {
        SparkTestSession.get();
        Path passwd = Files2.write(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n"
                + "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
                + "alice:x:1000:1000:Alice Example,,,:/home/alice:/bin/bash\n");
        Files.createDirectories(dir.resolve("in/sales"));
        Files.createSymbolicLink(dir.resolve("in/sales/x.csv"), passwd);
        Captured c = StdStreams.capture(() -> MarketlensCli.execute("validate", "--input", dir.resolve("in").toString()));
        assertThat(c.exitCode()).isEqualTo(1);
        assertThat(c.err()).contains("marketlens: " + dir.resolve("in/sales/x.csv") + ": required sales columns order_id,")
                .contains("not found in its header row (1 column, not shown: it does not read as column names)")
                .doesNotContain("root:x").doesNotContain("/bin/bash").doesNotContain("daemon").doesNotContain("alice");
    }

    @Test
    void validateWritesNothing() throws Exception {
        SparkTestSession.get();
        Files2.write(dir.resolve("in/sales/s.csv"), "order_id,order_ts,platform,marketplace,category,seller_id,product_id,unit_price,quantity,currency\n"
                + "o1,2024-01-01,amazon,US,Toys,s1,p1,1.00,1,USD\n"
                + "o2,2024-01-01,amazon,US,Toys,s1,p1,x,1,USD\n");
        Captured c = StdStreams.capture(() -> MarketlensCli.execute("validate", "--input", dir.resolve("in").toString()));
        assertThat(c.exitCode()).as("1 of 2 rows quarantined is above the 5 % default").isEqualTo(3);
        assertThat(c.err()).contains("s.csv:3  bad_number:unit_price  'x' is not a number");
        try (var entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("in");
        }
    }

    @Test
    void validateSaysWhichPresetEachFileMatchedAndWhy() throws Exception {
        SparkTestSession.get();
        Files2.write(dir.resolve("in/sales/All Orders.txt"), io.marketlens.ingest.ExportPresetsTest.ALL_ORDERS);
        Captured c = StdStreams.capture(() -> MarketlensCli.execute("validate", "--input", dir.resolve("in").toString()));
        // the summary line of the file, then its preset and the headers that selected it
        assertThat(c.err()).containsSubsequence("All Orders.txt", "preset amazon-all-orders: its header has 'amazon-order-id',"
                + " 'purchase-date', 'order-status', 'sku', 'asin', 'quantity', 'currency', 'item-price'");
    }

    @Test
    void snapshotDateGivesTheDateOfCompetitorFilesNamedWithoutOne() throws Exception {
        SparkTestSession.get();
        Files2.write(dir.resolve("in/competitors/fragrance_it_keepa.csv"), "Locale,ASIN,Title,Brand,Buy Box: Current,"
                + "Sales Rank: 90 days avg.,Bought in past month,Buy Box: Is FBA,Buy Box Seller,Categories: Root\n"
                + "it,B07B65CCJB,Acqua di Gio,GIORGIO ARMANI,€ 121.60,85459,300,no,3rd Party (ATOGCWC1WP4O6),Bellezza\n");
        String in = dir.resolve("in").toString();
        Captured undated = StdStreams.capture(() -> MarketlensCli.execute("validate", "--input", in, "--base-currency", "EUR"));
        assertThat(undated.exitCode()).isEqualTo(1);
        assertThat(undated.err()).contains("fragrance_it_keepa.csv: matches the preset keepa-product-viewer")
                .contains("give --snapshot-date YYYY-MM-DD on the command line");
        Captured dated = StdStreams.capture(() -> MarketlensCli.execute("validate", "--input", in, "--base-currency", "EUR",
                "--snapshot-date", "2026-11"));
        assertThat(dated.exitCode()).as(dated.err()).isZero();
        assertThat(dated.err()).containsSubsequence("1 rows read, 1 accepted, 0 quarantined", "fragrance_it_keepa.csv",
                "preset keepa-product-viewer");
        Captured bad = StdStreams.capture(() -> MarketlensCli.execute("validate", "--input", in, "--snapshot-date", "30.11.2026"));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("'30.11.2026' is not a date (2026-03-31) or a month (2026-03)");
    }

    @Test
    void anOutputThatCannotBeWrittenStopsTheRunBeforeTheWarehouseIsCommitted() throws Exception {
        SparkTestSession.get();
        Files2.write(dir.resolve("in/sales/orders.csv"), "order_id,line_id,order_ts,platform,marketplace,category,seller_id,"
                + "product_id,unit_price,quantity,currency,status\no1,1,2024-01-05,amazon,US,Kitchen,s1,p1,10.50,2,USD,shipped\n");
        // a file where the output folder should be: not writable as a folder, whoever runs the test (root included)
        Path output = Files2.write(dir.resolve("report-output"), "a file, not a folder\n");
        Path warehouse = dir.resolve("wh");
        Captured c = StdStreams.capture(() -> MarketlensCli.execute("run", "--input", dir.resolve("in").toString(),
                "--output", output.toString(), "--warehouse", warehouse.toString()));
        assertThat(c.exitCode()).isEqualTo(1);
        assertThat(c.err().strip()).isEqualTo("marketlens: the output folder " + output + " cannot be written (it is a file,"
                + " not a folder); give --output a folder this user may write to, or change its permissions");
        assertThat(Files.exists(warehouse)).as("nothing of the warehouse written").isFalse();
    }
}
