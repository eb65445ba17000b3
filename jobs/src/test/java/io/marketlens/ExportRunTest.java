package io.marketlens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.cli.MarketlensCli;
import io.marketlens.reports.data.Table;
import io.marketlens.tables.RunManifest;
import io.marketlens.testing.OlistExport;
import io.marketlens.testing.StdStreams;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} on one real export alone, read with the preset its header selects ({@code ../shared/datasets/exports},
 * skipped where absent): the Amazon order report gives the market tables of one store's categories, the Helium 10 Xray
 * export the competitor-based ones; the manifest names each file's preset.
 */
class ExportRunTest {

    @TempDir
    Path tmp;

    private static Path real(String folder, String file) {
        Optional<Path> p = OlistExport.locate("exports/" + folder).map(d -> d.resolve(file)).filter(Files::isRegularFile);
        Assumptions.assumeTrue(p.isPresent(), "../shared/datasets/exports/" + folder + " is absent; skipping the real-export run");
        return p.get();
    }

    private Path run(String source, List<Path> files, String config, String... options) throws IOException {
        Path in = tmp.resolve("in").resolve(source);
        Files.createDirectories(in);
        for (Path file : files) {
            Files.copy(file, in.resolve(file.getFileName().toString()));
        }
        // small data: two shuffle partitions instead of eight; no figure depends on it
        Path cfg = Files.writeString(tmp.resolve("marketlens.yaml"), config + "shuffle_partitions: 2\n");
        Path out = tmp.resolve("out");
        List<String> args = new java.util.ArrayList<>(List.of("run", "--input", tmp.resolve("in").toString(),
                "--output", out.toString(), "--config", cfg.toString()));
        args.addAll(List.of(options));
        StdStreams.Captured c = StdStreams.capture(() -> MarketlensCli.execute(args.toArray(String[]::new)));
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.err()).contains("read with the preset");
        try (var runs = Files.list(out)) {
            return runs.filter(p -> Files.exists(p.resolve("manifest.json"))).findFirst().orElseThrow();
        }
    }

    @Test
    void theAmazonOrderReportAloneGivesTheMarketTablesOfItsCategories() throws IOException {
        Path file = real("amazon-in-sale-report", "Amazon Sale Report.csv");
        // by hand from the file: the categories, and the revenue of its lines that were not cancelled
        Set<String> categories = new HashSet<>();
        BigDecimal revenue = BigDecimal.ZERO;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                categories.add(rec.get("Category"));
                if (!rec.get("Status").equals("Cancelled") && !rec.get("Amount").isEmpty() && !rec.get("Qty").equals("0")) {
                    revenue = revenue.add(new BigDecimal(rec.get("Amount")));
                }
            }
        }
        Path runDir = run("sales", List.of(file), "base_currency: INR\nown_seller_ids: [own-store]\n");

        RunManifest m = RunManifest.fromJson(Files.readString(runDir.resolve("manifest.json")));
        assertThat(m.inputs()).singleElement().satisfies(i -> {
            assertThat(i.preset()).isEqualTo("amazon-order-report");
            assertThat(i.rowsRead()).isEqualTo(i.rowsAccepted() + i.rowsQuarantined()).isEqualTo(5_733);
        });
        Table size = Table.read(runDir.resolve("tables/market_size.csv"));
        Set<String> published = new HashSet<>(size.where(r -> r.is("platform", "ALL") && r.is("marketplace", "ALL")).rows().stream()
                .map(r -> r.str("category")).toList());
        assertThat(published).containsAll(categories).contains("ALL");
        double total = size.where(r -> r.is("platform", "ALL") && r.is("marketplace", "ALL") && r.is("category", "ALL")
                && !r.is("period", "window")).rows().stream().mapToDouble(r -> r.num("revenue")).sum();
        assertThat(total).isCloseTo(revenue.doubleValue(), within(0.05));
        // one store: every category's seller concentration is that store's (HHI 10,000)
        Table concentration = Table.read(runDir.resolve("tables/concentration.csv"));
        assertThat(concentration.where(r -> r.is("entity", "seller") && r.is("platform", "ALL") && r.is("marketplace", "ALL")
                && !r.isEmpty("hhi")).rows()).isNotEmpty().allSatisfy(r -> assertThat(r.num("hhi")).isEqualTo(10_000.0));
        assertThat(runDir.resolve("report.pdf")).isRegularFile();
    }

    @Test
    void heliumTenAndKeepaAloneGiveConcentrationByBrandAndPriceBands() throws IOException {
        Path helium = real("helium10-xray", "Helium_10_Xray_2026-08-21.csv");
        Path keepa = real("keepa", "fragance_it_keepa.csv");
        // Keepa names its file without a date: --snapshot-date gives it. 5 of Helium 10's 70 lines repeat a listing of
        // the same page (duplicate_key); none of Keepa's 85 listings has Amazon's "bought in past month" figure (or a
        // buy-box seller): 90 of 155 rows quarantined, so the run is told to accept that many
        Path runDir = run("competitors", List.of(helium, keepa), "base_currency: USD\nmax_quarantine_ratio: 0.6\n",
                "--snapshot-date", "2026-08-21");
        // a snapshot of 21 August alone is the market of August: the run is as of the month's end
        assertThat(runDir.getFileName().toString()).isEqualTo("2026-08-31");

        RunManifest m = RunManifest.fromJson(Files.readString(runDir.resolve("manifest.json")));
        assertThat(m.inputs()).hasSize(2).anySatisfy(i -> {
            assertThat(i.preset()).isEqualTo("helium10-xray");
            assertThat(i.rowsRead()).isEqualTo(70);
            assertThat(i.rowsAccepted()).isEqualTo(65);
        }).anySatisfy(i -> {
            assertThat(i.preset()).isEqualTo("keepa-product-viewer");
            assertThat(i.rowsRead()).isEqualTo(85);
            assertThat(i.rowsQuarantined()).isEqualTo(85);
        });
        Table concentration = Table.read(runDir.resolve("tables/concentration.csv"));
        List<Table.Row> brands = concentration.where(r -> r.is("entity", "brand") && r.is("category", "Automotive")
                && r.is("platform", "ALL") && r.is("marketplace", "ALL")).rows();
        assertThat(brands).isNotEmpty();
        Table bands = Table.read(runDir.resolve("tables/price_bands.csv"));
        assertThat(bands.where(r -> r.is("category", "Automotive")).rows()).isNotEmpty();
    }
}
