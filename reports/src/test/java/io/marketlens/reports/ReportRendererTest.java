package io.marketlens.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.marketlens.reports.data.RunFolder;
import io.marketlens.reports.pdf.ReportFonts;
import io.marketlens.reports.text.Lang;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole report rendered from a small hand-written run folder, reopened with PDFBox: its words carry the
 * fixture's numbers, its fonts are embedded subsets, its charts are vectors, and the PNG charts are written.
 */
class ReportRendererTest {

    @TempDir
    Path dir;

    /** Whole market USD 1,250,000 (+25 %); Toys 750,000 (60 %) with HHI 2,600 (30/30/20/20); Garden 500,000, HHI 800. */
    static final Map<String, String> TABLES = Map.of(
            "market_size", """
                    platform,marketplace,category,period,revenue,units,orders,sellers,products,mom_growth,yoy_growth,cagr,rows,status
                    ALL,ALL,ALL,2024-11,100000,4000,300,30,200,,0.2,,10,
                    ALL,ALL,ALL,2024-12,120000,4800,360,31,210,0.2,0.25,,12,
                    ALL,ALL,ALL,window,1250000,50000,4000,40,300,,0.25,0.25,1000,
                    ALL,ALL,Toys,window,750000,30000,2500,25,200,,0.30,0.30,600,
                    ALL,ALL,Garden,window,500000,20000,1500,15,100,,-0.04,-0.04,400,
                    amazon,US,ALL,window,1250000,50000,4000,40,300,,0.25,0.25,1000,
                    """,
            "concentration", """
                    platform,marketplace,category,period,entity,entities,cr4,cr8,cr10,hhi,doj2023_class,doj2010_class,bain_cr4_class,bain_cr8_class,cr4_change,cr8_change,cr10_change,hhi_change,unattributed_share,rows,status
                    ALL,ALL,Toys,window,seller,4,100,100,100,2600,highly_concentrated,highly_concentrated,high_oligopoly,very_high_oligopoly,,,,150,0,600,
                    ALL,ALL,Garden,window,seller,20,30,45,52,800,unconcentrated,unconcentrated,low_oligopoly,low_concentration_oligopoly,,,,-20,0,400,
                    """,
            "price_bands", """
                    platform,marketplace,category,period,band,band_index,band_low,band_high,listings,sellers,units,revenue,demand_share,supply_share,opportunity,is_best,mean_rating,mean_reviews,edges_mode,rows,status
                    ALL,ALL,Toys,window,10–20,0,10,20,5,4,12000,180000,0.4,0.25,1.6,true,4.5,120,auto,50,
                    ALL,ALL,Toys,window,20–30,1,20,30,15,9,18000,450000,0.6,0.75,0.8,false,4.2,80,auto,90,
                    """,
            "logistics_lanes", """
                    carrier,service,destination_country,destination_region,period,shipments,delivered,returned,lost,in_transit,delivered_rate,returned_rate,lost_rate,lead_time_p50,lead_time_p90,lead_time_mean,on_time_rate,cost_per_shipment,cost_per_kg,cost_share,rows,status
                    ALL,ALL,ALL,ALL,window,500,450,20,10,20,0.9,0.04,0.02,4.25,9.5,5.1,0.9,6.4,3.2,0.085,500,
                    DHL,Express,US,ALL,window,300,290,5,2,3,0.9667,0.0167,0.0067,3.0,5.5,3.4,0.95,8.0,4.0,0.07,300,
                    """);

    static final String MANIFEST = """
            {"run_id":"fixture-run","as_of":"2024-12-31","base_currency":"USD",
             "inputs":[{"source":"sales","file":"/data/in/sales/orders.csv","sha256":"00","rows_read":1500,
                        "rows_accepted":1488,"rows_quarantined":12,"reasons":{"bad_number:unit_price":12}}],
             "config":{"window_months":12}}
            """;

    static RunFolder fixture(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("tables"));
        Files.writeString(dir.resolve("manifest.json"), MANIFEST, StandardCharsets.UTF_8);
        for (var t : TABLES.entrySet()) {
            Files.writeString(dir.resolve("tables").resolve(t.getKey() + ".csv"), "\uFEFF" + t.getValue(), StandardCharsets.UTF_8);
        }
        return RunFolder.open(dir);
    }

    @Test
    void theEnglishReportCarriesTheTablesNumbersWithEmbeddedFontsAndVectorCharts() throws Exception {
        RunFolder run = fixture(dir.resolve("run"));
        List<String> warnings = new ArrayList<>();

        ReportRenderer.Result r = ReportRenderer.render(run, ReportRenderer.Settings.DEFAULT.forRun(run), "test", warnings::add);

        assertThat(warnings).isEmpty();
        assertThat(r.pdf()).isEqualTo(dir.resolve("run/report.pdf"));
        assertThat(r.lang()).isEqualTo(Lang.EN);
        try (PDDocument doc = Loader.loadPDF(r.pdf().toFile())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(r.pages()).isGreaterThan(10);
            String text = new PDFTextStripper().getText(doc);
            // cover
            assertThat(text).contains("Market analysis", "2024-12-31", "1,500 read, 1,488 accepted, 12 quarantined", "fixture-run");
            // findings: the window's market size and the most concentrated category, as the tables have them
            assertThat(text).contains("USD 1.25M").contains("HHI 2,600, CR4 100.0%");
            // the concentration table: Toys first (higher HHI), with its class in words
            assertThat(text).containsSubsequence("Market concentration", "Toys", "2,600", "+150", "Garden", "800", "−20");
            // the best price band highlighted in its table; 10–20 USD has 40 % of demand on 25 % of listings (the currency
            // in the header, the cells plain numbers)
            assertThat(text).containsSubsequence("Price bands of Toys", "Band (USD)", "10 – 20", "40.0%", "25.0%", "1.60", "yes");
            // logistics: the DHL lane's p50 and on-time rate
            assertThat(text).containsSubsequence("Lanes over the window", "DHL", "Express", "US", "300", "3.0", "95.0%");
            // appendices
            assertThat(text).containsSubsequence("Appendix A. Data quality", "orders.csv", "1,500", "1,488", "12",
                    "Appendix B. Methodology", "HHI");
            assertFontsEmbeddedAsSubsets(doc);
            assertThat(imagesIn(doc)).isZero();
            assertThat(formsIn(doc)).as("charts drawn as form XObjects").isGreaterThanOrEqualTo(r.charts().size() - 1);
        }
        assertThat(r.charts()).extracting(p -> p.getFileName().toString())
                .contains("market_size_revenue.png", "concentration_hhi.png", "price_bands_1.png", "logistics_lead_time.png");
        for (Path png : r.charts()) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).as(png.toString()).isGreaterThanOrEqualTo(1600);
        }
    }

    @Test
    void theChineseReportUsesTheStandardsTermsWithAnEmbeddedCjkFont() throws Exception {
        ReportFonts fonts = ReportFonts.discover(Optional.empty(), w -> { });
        assumeThat(fonts.hasCjk()).as("a CJK font is installed (CI installs fonts-wqy-microhei)").isTrue();
        RunFolder run = fixture(dir.resolve("run"));

        ReportRenderer.Result r = ReportRenderer.render(run, new ReportRenderer.Settings(Lang.ZH, null).forRun(run), "test",
                w -> { });

        assertThat(r.lang()).isEqualTo(Lang.ZH);
        try (PDDocument doc = Loader.loadPDF(r.pdf().toFile())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("市场分析报告", "市场容量", "市场集中度", "价格带", "物流", "附录 A 数据质量");
            assertThat(text).contains("2,600");
            assertThat(fontNames(doc)).anyMatch(n -> n.matches("[A-Z]{6}\\+WenQuanYi.*|[A-Z]{6}\\+.*CJK.*|[A-Z]{6}\\+.*Hei.*"));
            assertFontsEmbeddedAsSubsets(doc);
        }
    }

    @Test
    void chineseWithoutACjkFontWarnsAndRendersInEnglish() throws Exception {
        RunFolder run = fixture(dir.resolve("run"));
        ReportFonts latinOnly = ReportFonts.discover(Optional.empty(), name -> null, List.of(), w -> { });
        List<String> warnings = new ArrayList<>();

        ReportRenderer.Result r = ReportRenderer.render(run, new ReportRenderer.Settings(Lang.ZH, null).forRun(run), "test",
                warnings::add, latinOnly);

        assertThat(r.lang()).isEqualTo(Lang.EN);
        assertThat(warnings).first().asString().contains("no Chinese (CJK) font", "fonts-wqy-microhei");
        try (PDDocument doc = Loader.loadPDF(r.pdf().toFile())) {
            assertThat(new PDFTextStripper().getText(doc)).contains("Market concentration");
        }
    }

    @Test
    void fontsSearchedAheadGiveTheirWarningsToTheRenderingThatUsesThem() throws Exception {
        RunFolder run = fixture(dir.resolve("run"));
        Path missing = dir.resolve("no-such-font.ttc");
        ReportRenderer.FontSearch search = ReportRenderer.searchFonts(missing);
        List<String> warnings = new ArrayList<>();

        ReportRenderer.Result r = ReportRenderer.render(run, ReportRenderer.Settings.DEFAULT.forRun(run), "test", warnings::add,
                search);

        // the configured file's warning, given while the fonts were searched for, comes out once, through this rendering
        assertThat(warnings).filteredOn(w -> w.contains("the configured report font " + missing + " does not exist"))
                .hasSize(1);
        try (PDDocument doc = Loader.loadPDF(r.pdf().toFile())) {
            assertThat(new PDFTextStripper().getText(doc)).contains("Market concentration");
            assertFontsEmbeddedAsSubsets(doc);
        }
    }

    @Test
    void aTableWithoutAColumnTheReportReadsLeavesANoteNotACrash() throws Exception {
        RunFolder run = fixture(dir.resolve("run"));
        Files.writeString(dir.resolve("run/tables/concentration.csv"), "\uFEFFplatform,marketplace,category,period,entity,hhi\n"
                + "ALL,ALL,Toys,window,seller,2600\n", StandardCharsets.UTF_8);
        List<String> warnings = new ArrayList<>();

        ReportRenderer.Result r = ReportRenderer.render(RunFolder.open(dir.resolve("run")),
                ReportRenderer.Settings.DEFAULT.forRun(run), "test", warnings::add);

        assertThat(warnings).anyMatch(w -> w.contains("table concentration has no column"));
        try (PDDocument doc = Loader.loadPDF(r.pdf().toFile())) {
            assertThat(new PDFTextStripper().getText(doc)).contains("Appendix B. Methodology");
        }
    }

    /** The fixture with the competitor and product-selection tables of {@link CompetitorTables} beside it. */
    static RunFolder withCompetitors(Path dir) throws IOException {
        fixture(dir);
        Map<String, String> more = Map.of("competitors", CompetitorTables.COMPETITORS, "competitor_benchmark", CompetitorTables.BENCHMARK,
                "product_selection", CompetitorTables.selection(1.0, 1.0));
        for (var t : more.entrySet()) {
            Files.writeString(dir.resolve("tables").resolve(t.getKey() + ".csv"), "\uFEFF" + t.getValue(), StandardCharsets.UTF_8);
        }
        return RunFolder.open(dir);
    }

    @Test
    void theCompetitorAndProductSelectionChaptersCarryTheirTablesChartsAndFindings() throws Exception {
        RunFolder run = withCompetitors(dir.resolve("run"));
        List<String> warnings = new ArrayList<>();

        ReportRenderer.Result r = ReportRenderer.render(run, ReportRenderer.Settings.DEFAULT.forRun(run), "test", warnings::add);

        assertThat(warnings).isEmpty();
        try (PDDocument doc = Loader.loadPDF(r.pdf().toFile())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("The own store's largest category is Toys: rank 3 of 4 sellers");
            // the key findings by materiality (revenue at stake × size of the change), each followed by its action
            assertThat(text).containsSubsequence("Key findings", "1.",
                    "Top pick: A — strong growth (+32.0%), low concentration (HHI 640), robust in 100% of weightings.",
                    "Shortlist A for the next launch",
                    // chart titles are drawn as outlines, so not in the text: the chapter's own words are
                    "Competitors", "Leading competitors in Toys over the window", "amazon / S1", "Leader", "+10.00",
                    "Product selection", "Categories ranked by opportunity", "A", "0.41", "+32.0%", "640", "too few orders to judge: D",
                    "Logistics lanes", "Appendix B. Methodology", "Competitors and benchmark (1.1.5", "Product selection (1.1.8");
        }
        assertThat(r.charts()).extracting(p -> p.getFileName().toString())
                .contains("competitor_benchmark_1.png", "competitor_share_change_1.png", "product_selection.png");
    }

    @Test
    void theChineseCompetitorAndProductSelectionChapters() throws Exception {
        ReportFonts fonts = ReportFonts.discover(Optional.empty(), w -> { });
        assumeThat(fonts.hasCjk()).as("a CJK font is installed (CI installs fonts-wqy-microhei)").isTrue();
        RunFolder run = withCompetitors(dir.resolve("run"));

        ReportRenderer.Result r = ReportRenderer.render(run, new ReportRenderer.Settings(Lang.ZH, null).forRun(run), "test", w -> { });

        try (PDDocument doc = Loader.loadPDF(r.pdf().toFile())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).containsSubsequence("竞对分析", "市场追随者", "直接竞争", "市场领导者", "选品分析",
                    "首选类目", "稳健度");
            assertFontsEmbeddedAsSubsets(doc);
        }
    }

    /** The fixture with the platform-comparison, own-store and changes tables of {@link PlatformTables} beside it. */
    static RunFolder withPlatforms(Path dir) throws IOException {
        fixture(dir);
        Map<String, String> more = Map.of("platform_comparison", PlatformTables.PLATFORM_COMPARISON, "own_store", PlatformTables.OWN_STORE,
                "changes", PlatformTables.CHANGES);
        for (var t : more.entrySet()) {
            Files.writeString(dir.resolve("tables").resolve(t.getKey() + ".csv"), "\uFEFF" + t.getValue(), StandardCharsets.UTF_8);
        }
        return RunFolder.open(dir);
    }

    @Test
    void thePlatformsOwnStoreAndSinceTheLastRunParts() throws Exception {
        RunFolder run = withPlatforms(dir.resolve("run"));
        List<String> warnings = new ArrayList<>();

        ReportRenderer.Result r = ReportRenderer.render(run, ReportRenderer.Settings.DEFAULT.forRun(run), "test", warnings::add);

        assertThat(warnings).isEmpty();
        try (PDDocument doc = Loader.loadPDF(r.pdf().toFile())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).containsSubsequence("Key findings",
                    // a line of the PDF ends where the sentence wraps
                    "Top marketplace: amazon / US — a large market (USD 3M), fast delivery (median 4.0 days), robust in",
                    "Since the last run", "Against the run of 2025-07-31", "S4 entered the top 10 sellers of Toys: now rank 7, previously rank 14.",
                    "price_war: S2 in Toys, from 10 to 8.", "and 2 more changes in tables/changes.csv",
                    "Market size and growth",
                    "Platforms", "Platforms and marketplaces ranked by score", "amazon", "0.52", "95%", "3M", "15.0%",
                    "ebay /", "Best platform and marketplace per category",
                    "Own store", "Revenue", "USD 120K", "+20.0% on the previous window", "Cancel rate (lines)", "5.0%",
                    "\u22123.0 points on the previous window", "Own store's share, rank and growth per category", "Toys", "2 of 12", "+20.0",
                    "Own deliveries against their lanes", "amazon / US", "600", "5.0", "4.8",
                    "Logistics lanes", "Appendix B. Methodology", "Platform selection (1.2.1", "revenue (+) 1, growth",
                    "Own store (5.14", "Since the last run");
            assertFontsEmbeddedAsSubsets(doc);
            assertThat(imagesIn(doc)).isZero();
        }
        assertThat(r.charts()).extracting(p -> p.getFileName().toString()).contains("platform_comparison.png", "own_store_growth.png");
    }

    @Test
    void theChinesePlatformsOwnStoreAndSinceTheLastRunParts() throws Exception {
        ReportFonts fonts = ReportFonts.discover(Optional.empty(), w -> { });
        assumeThat(fonts.hasCjk()).as("a CJK font is installed (CI installs fonts-wqy-microhei)").isTrue();
        RunFolder run = withPlatforms(dir.resolve("run"));

        ReportRenderer.Result r = ReportRenderer.render(run, new ReportRenderer.Settings(Lang.ZH, null).forRun(run), "test", w -> { });

        assertThat(r.lang()).isEqualTo(Lang.ZH);
        try (PDDocument doc = Loader.loadPDF(r.pdf().toFile())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).containsSubsequence("执行摘要", "主要结论", "首选站点", "amazon / US", "自上次运行以来", "S4进入Toys卖家前十",
                    "平台选择", "店铺数据分析", "销售额", "12万 USD", "较上一周期 +20.0%", "取消率", "第 2 / 12", "平台选择（1.2.1");
            assertFontsEmbeddedAsSubsets(doc);
        }
    }

    @Test
    void aFirstRunWithoutAnOwnStoreSaysSoInBothParts() throws Exception {
        RunFolder run = fixture(dir.resolve("run"));
        Files.writeString(dir.resolve("run/tables/changes.csv"), "\uFEFF" + PlatformTables.CHANGES_FIRST_RUN, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("run/tables/own_store.csv"), "\uFEFF" + PlatformTables.OWN_STORE_EMPTY, StandardCharsets.UTF_8);
        run = RunFolder.open(dir.resolve("run"));

        ReportRenderer.Result r = ReportRenderer.render(run, ReportRenderer.Settings.DEFAULT.forRun(run), "test", w -> { });

        try (PDDocument doc = Loader.loadPDF(r.pdf().toFile())) {
            assertThat(new PDFTextStripper().getText(doc)).containsSubsequence("Since the last run", "First run: nothing to compare with yet.",
                    "Not covered by this run", "Own store: no own store is configured", "own_seller_ids");
        }
    }

    static void assertFontsEmbeddedAsSubsets(PDDocument doc) throws IOException {
        for (PDPage page : doc.getPages()) {
            for (PDFont f : fonts(page.getResources())) {
                assertThat(f.isEmbedded()).as(f.getName()).isTrue();
                assertThat(f.getName()).matches("[A-Z]{6}\\+.+");
            }
        }
    }

    private static List<String> fontNames(PDDocument doc) throws IOException {
        List<String> names = new ArrayList<>();
        for (PDPage page : doc.getPages()) {
            for (PDFont f : fonts(page.getResources())) {
                names.add(f.getName());
            }
        }
        return names;
    }

    private static List<PDFont> fonts(PDResources res) throws IOException {
        List<PDFont> out = new ArrayList<>();
        if (res == null) {
            return out;
        }
        for (COSName n : res.getFontNames()) {
            out.add(res.getFont(n));
        }
        for (COSName n : res.getXObjectNames()) {
            if (res.getXObject(n) instanceof PDFormXObject form) {
                out.addAll(fonts(form.getResources()));
            }
        }
        return out;
    }

    private static int imagesIn(PDDocument doc) throws IOException {
        int images = 0;
        for (PDPage page : doc.getPages()) {
            images += count(page.getResources(), PDImageXObject.class);
        }
        return images;
    }

    private static int formsIn(PDDocument doc) throws IOException {
        int forms = 0;
        for (PDPage page : doc.getPages()) {
            PDResources res = page.getResources();
            for (COSName n : res.getXObjectNames()) {
                forms += res.getXObject(n) instanceof PDFormXObject ? 1 : 0;
            }
        }
        return forms;
    }

    private static int count(PDResources res, Class<? extends PDXObject> kind) throws IOException {
        int c = 0;
        if (res == null) {
            return 0;
        }
        for (COSName n : res.getXObjectNames()) {
            PDXObject x = res.getXObject(n);
            if (kind.isInstance(x)) {
                c++;
            }
            if (x instanceof PDFormXObject form) {
                c += count(form.getResources(), kind);
            }
        }
        return c;
    }
}
