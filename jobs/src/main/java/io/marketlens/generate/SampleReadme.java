package io.marketlens.generate;

import io.marketlens.generate.SyntheticMarket.BadRow;
import io.marketlens.generate.SyntheticMarket.CategoryTruth;
import io.marketlens.generate.SyntheticMarket.FileCount;
import io.marketlens.generate.SyntheticMarket.Truth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Renders {@code README.md} of a generated data set from its {@link Truth}. */
final class SampleReadme {
    private SampleReadme() {
    }

    static String render(Truth t, Path outDir) throws IOException {
        SyntheticMarket.Params p = t.params();
        StringBuilder sb = new StringBuilder(12_000);
        sb.append("# data-samples\n\n")
                .append("Synthetic but realistic canonical exports for the marketlens pipeline: ")
                .append(p.months()).append(" months of cross-border e-commerce sales (")
                .append(p.firstMonth()).append(" .. ").append(p.lastMonth())
                .append("), monthly competitor listing snapshots, logistics shipments and daily FX rates. ")
                .append("Every value is made up; the patterns in it are planted on purpose and listed below, ")
                .append("together with the deliberately bad rows and the reason code each one must get.\n\n")
                .append("**Generated - do not edit by hand.** Produced by `io.marketlens.generate.SampleDataMain` ")
                .append("(seed `").append(p.seed()).append("`, ~").append(p.salesRows())
                .append(" sales lines requested, ").append(p.competitorListings())
                .append(" competitor listings). The same seed always gives byte-identical files.\n\n");

        sb.append("## Regenerate\n\n")
                .append("The generator is plain JDK 17 code (no Spark, no third-party library). From the repository root:\n\n")
                .append("```sh\n")
                .append("javac -d /tmp/gen $(find jobs/src/main/java/io/marketlens/generate -name '*.java') jobs/src/main/java/io/marketlens/ingest/ShipmentStatus.java\n")
                .append("java -cp /tmp/gen io.marketlens.generate.SampleDataMain data-samples")
                .append(p.seed() == SyntheticMarket.Params.defaults().seed() ? "" : " " + p.seed()).append('\n')
                .append("```\n\n")
                .append("or, after a Maven build, `java -cp jobs/target/classes io.marketlens.generate.SampleDataMain data-samples`. ")
                .append("An optional second argument overrides the seed. Existing `*.csv` files in the four ")
                .append("sub-directories are deleted first; `truth.json` (machine-readable ground truth), this README ")
                .append("and `marketlens.yaml` are rewritten.\n\n");
        if (t.ownStore() != null) {
            sb.append("## Own store\n\n")
                    .append("`marketlens.yaml` names the own store, `own_seller_ids: [\"").append(t.ownStore().sellerId())
                    .append("\"]` (").append(t.ownStore().platform()).append("): ")
                    .append(t.ownStore().planted() ? "the seller planted by `--selection-cases` (below)"
                            : "the seller of the sales files with the largest revenue (lines not cancelled, in USD)")
                    .append(". The sales files hold ").append(t.totalSellers()).append(" sellers, so without the setting ")
                    .append("the run knows no own store and the competitor tables have no competitor types, price index or ")
                    .append("benchmark (status `no_own_store`); with it, every other seller is a competitor of that store. ")
                    .append("Also in `truth.json` (`own_store`).\n\n");
        }

        sb.append("## Files\n\n")
                .append("| file | content | data rows | good | bad | bytes |\n")
                .append("|---|---|---:|---:|---:|---:|\n");
        int rows = 0;
        int good = 0;
        int bad = 0;
        long bytes = 0;
        for (FileCount f : t.files()) {
            long size = Files.size(outDir.resolve(f.file()));
            sb.append("| `").append(f.file()).append("` | ").append(describe(f.file())).append(" | ")
                    .append(f.rows()).append(" | ").append(f.good()).append(" | ").append(f.bad()).append(" | ")
                    .append(size).append(" |\n");
            rows += f.rows();
            good += f.good();
            bad += f.bad();
            bytes += size;
        }
        sb.append("| **total** | | ").append(rows).append(" | ").append(good).append(" | ").append(bad)
                .append(" | ").append(bytes).append(" |\n\n")
                .append("Data rows exclude the header. Every file: UTF-8 without BOM, `\\n` line ends, header row, ")
                .append("comma delimiter, RFC 4180 quoting (a field is quoted only when it contains a comma or a ")
                .append("double quote: the title `Aluminum Camping Table 24\", Black` is written ")
                .append("`\"Aluminum Camping Table 24\"\", Black\"`). No field contains ")
                .append("a line break, so line number = record number + 1.\n\n");

        sb.append("## Format notes for the ingest\n\n")
                .append("- **Time zone.** All timestamps are China Standard Time (UTC+08:00) wall-clock, as exported by ")
                .append("the seller's ERP. In `sales/`, `amazon` and `shopee` rows use `YYYY-MM-DD HH:MM:SS`; ")
                .append("`aliexpress` rows use `YYYY-MM-DDTHH:MM:SS+08:00` (same zone, explicit offset). The month ")
                .append("of an order is the month of that +08:00 wall clock (the realised totals in `truth.json` use it). ")
                .append("`logistics/` timestamps all use `YYYY-MM-DD HH:MM:SS` (+08:00); `promised_ts` is always 23:59:59.\n")
                .append("- **Money.** `unit_price`/`price`/`cost` are in the row's `currency`; JPY amounts have no ")
                .append("decimals (`1980`), all others two (`19.99`). Shelf prices end in .99 (JPY in 80); about 12 % of ")
                .append("lines carry a coupon and have odd prices.\n")
                .append("- **FX.** `fx_rates/usd_rates.csv` has `rate_to_base` = USD per one unit, 6 significant digits, ")
                .append("for CNY, EUR, GBP, JPY, MYR and SGD, **weekdays only**, from ")
                .append(p.firstMonth().minusMonths(1).atDay(1)).append(" (a month before the first order) to ")
                .append(p.lastMonth().atEndOfMonth()).append(". USD has no rows (rate 1). Convert with the latest ")
                .append("rate on or before the date (a weekend order uses Friday's rate; gaps are at most 3 days).\n")
                .append("- **Sales.** One row per order line; an order has 1-3 lines, all with the same seller, ")
                .append("marketplace and timestamp. `launch_date` is empty for ~6 % of products (unknown). Statuses: ")
                .append("`delivered`, `shipped` (not yet delivered at the end of the data, or parcel lost), `cancelled`, ")
                .append("`returned` (customer return or parcel returned to sender).\n")
                .append("- **Competitors.** One row per listing and snapshot; `snapshot_date` is the last day of each ")
                .append("month; `est_units` = units sold in the 30 days before. `rating` is `0.0` while ")
                .append("`review_count` is 0. About 15 % of the listings are the sellers' own products (same ")
                .append("`product_id`/`seller_id` as in sales). Listings appear at launch and ~10 % are delisted later.\n")
                .append("- **Logistics.** One shipment per order for AliExpress orders and Amazon FBM orders ")
                .append("(~11 % of Amazon orders); Amazon FBA and Shopee (SLS) orders and cancelled orders have none. ")
                .append("`delivered_ts` is empty unless `status` = `delivered`; `returned` = returned to sender (the ")
                .append("order's sales lines are `returned`); `lost` and `in_transit` parcels have `shipped` sales ")
                .append("lines. `in_transit` only occurs in the last weeks of the data. Carriers: YunExpress, 4PX, ")
                .append("Cainiao, DHL eCommerce (cost in CNY; DHL eCommerce in USD). `destination_region` is filled ")
                .append("for US (state code), DE (Bundesland) and JP (prefecture) only. Lead times differ per ")
                .append("service and destination and are ~30 % longer for parcels shipped Nov 1 - Jan 7.\n\n");

        sb.append("## Planted patterns (ground truth, also in `truth.json`)\n\n")
                .append("Expected orders per category and month = base x category weight x season index(calendar month) ")
                .append("x (1 + ").append(pct(t.monthlyGrowth(), 1)).append(")^months since ").append(p.firstMonth())
                .append(" x level shift; the actual count is Poisson around it. Competitor `est_units` follow the ")
                .append("same season, trend and level shift.\n\n")
                .append("**Season index** (mean 1.0; peak ").append(monthName(t.peakMonth())).append(", trough ")
                .append(monthName(t.troughMonth())).append(", planted peak/trough ratio ")
                .append(fmt(t.peakToTroughRatio(), 3)).append("):\n\n| month |");
        for (int m = 1; m <= 12; m++) {
            sb.append(' ').append(monthName(m)).append(" |");
        }
        sb.append("\n|---|");
        sb.append("---:|".repeat(12)).append("\n| index |");
        for (int m = 1; m <= 12; m++) {
            sb.append(' ').append(fmt(t.seasonIndex().get(m - 1), 2)).append(" |");
        }
        sb.append("\n\nWithin a month, order days are weighted (weekends, Amazon Prime Day in July, 11.11 on ")
                .append("AliExpress/Shopee, Black Friday - Cyber Monday, 12.12 on Shopee); this moves orders inside ")
                .append("the month only.\n\n")
                .append("**Level shift:** category `").append(t.levelShift().category()).append("` x")
                .append(fmt(t.levelShift().factor(), 2)).append(" (+").append(pct(t.levelShift().factor() - 1, 0))
                .append(") from ").append(t.levelShift().fromMonth()).append(" on (sales and competitor units).\n\n");
        if (!t.timeSeriesCases().isEmpty()) {
            sb.append("**Time-series cases** (`--time-series-cases`, also in `truth.json`), one per category:\n\n")
                    .append("| category | case | month | second month | factor |\n|---|---|---|---|---:|\n");
            for (TimeSeriesCases.Case c : t.timeSeriesCases()) {
                sb.append("| ").append(c.category()).append(" | ").append(c.kind().name().toLowerCase(java.util.Locale.ROOT))
                        .append(" | ").append(c.month() == null ? "" : c.month().toString())
                        .append(" | ").append(c.secondMonth() == null ? "" : c.secondMonth().toString())
                        .append(" | ").append(fmt(c.factor(), 2)).append(" |\n");
            }
            sb.append('\n');
        }
        if (t.selectionCases() != null) {
            selectionCases(sb, t.selectionCases());
        }
        sb.append("**Realised in the good sales rows** (gross USD revenue, any status): peak/trough ratio of the ")
                .append("de-trended calendar-month means excluding the level-shift category = ")
                .append(fmt(t.realised().peakToTroughRatio(), 3)).append(" (planted ")
                .append(fmt(t.peakToTroughRatio(), 3)).append("); revenue ratio of the level-shift category to ")
                .append("all others, after / before the shift = ").append(fmt(t.realised().levelShiftRatio(), 3))
                .append(" (planted ").append(fmt(t.levelShift().factor(), 2)).append("). Monthly orders, lines and ")
                .append("gross USD are in `truth.json` (`realised_monthly_sales`) for checking pipeline totals.\n\n")
                .append("**Seller concentration:** ").append(t.totalSellers()).append(" sellers (Amazon, AliExpress, ")
                .append("Shopee). Within each category sellers are ranked at random and get a Zipf share ")
                .append("1/rank^").append(fmt(SyntheticMarket.ZIPF_EXPONENT, 2))
                .append(" of the category's orders (per-seller shares in `truth.json`).\n\n")
                .append("| category | median list price USD | sellers | top-4 planted order share | top-4 realised revenue share |\n")
                .append("|---|---:|---:|---:|---:|\n");
        for (CategoryTruth c : t.categories()) {
            sb.append("| `").append(c.category()).append("` | ").append(fmt(c.medianPriceUsd(), 0)).append(" | ")
                    .append(c.sellers().size()).append(" | ").append(pct(c.top4PlantedShare(), 1)).append(" | ")
                    .append(pct(c.top4RevenueShare(), 1)).append(" |\n");
        }
        sb.append("\nPrices are log-normal around the category median (materials shift it: titanium and stainless ")
                .append("steel dearer, plastic cheaper) and converted to the marketplace currency at the quarter's ")
                .append("opening FX rate.\n\n")
                .append("**Titles and terms:** English and Chinese titles (most Chinese in the Chinese-named categories) ")
                .append("built from repeated terms, e.g. silicone / 硅胶, stainless steel / 不锈钢, foldable / 折叠, ")
                .append("non-stick / 不粘. Rising term: in `").append(t.risingTermCategory()).append("` the share of ")
                .append("newly launched products called `").append(t.risingTerm().en()).append("` / `")
                .append(t.risingTerm().zh()).append("` grows from ~10 % to ~75 % over the period. `attributes` ")
                .append("repeat the material and colour (`material:silicone;color:black;pieces:4`).\n\n")
                .append("**New products:** launch dates run from 30 months before the first month to the last month, ")
                .append("so every period has new products (they ramp up over ~2 months).\n\n");

        sb.append("## Deliberately bad rows\n\n")
                .append("Each bad row has exactly one defect; line numbers are 1-based physical lines (header = line 1). ")
                .append("All are extra lines, so they do not change the good data, except `duplicate_key`, an exact ")
                .append("repeat of an earlier good line (the later line is the bad one).\n\n")
                .append("| file | line | reason | what is wrong |\n|---|---:|---|---|\n");
        for (BadRow b : t.badRows()) {
            sb.append("| `").append(b.file()).append("` | ").append(b.line()).append(" | `").append(b.reason())
                    .append("` | ").append(b.description().replace("|", "\\|")).append(" |\n");
        }
        sb.append('\n');
        return sb.toString();
    }

    private static void selectionCases(StringBuilder sb, SelectionCases.Planted c) {
        SelectionCases.Plan plan = c.plan();
        sb.append("**Selection cases** (`--selection-cases`, also in `truth.json` `selection_cases`):\n\n")
                .append("| case | seller | category | what is planted |\n|---|---|---|---|\n")
                .append("| own store | ").append(c.ownPlatform()).append(" / `").append(c.ownSellerId()).append("` | ")
                .append(String.join(", ", plan.ownCategories()))
                .append(" | the largest sales seller (Zipf rank 1) of these three categories; `own_seller_ids` |\n")
                .append("| direct competitor | ").append(c.direct().platform()).append(" / `").append(c.direct().sellerId())
                .append("` | ").append(c.direct().category()).append(" | one US listing per own product of the category, at ")
                .append("its price, on sale since before the data; ").append(fmt(SelectionCases.DIRECT_REVENUE, 2))
                .append(" × the base revenue of the category's other listings |\n")
                .append("| emerging seller | ").append(c.emerging().platform()).append(" / `").append(c.emerging().sellerId())
                .append("` | ").append(c.emerging().category()).append(" | ").append(SelectionCases.EMERGING_LISTINGS)
                .append(" US listings launched ").append(plan.emergingFirstMonth().atDay(1)).append(" (first month ")
                .append(plan.emergingFirstMonth()).append("), at full speed ").append(fmt(SelectionCases.EMERGING_REVENUE, 2))
                .append(" × the category's other listings: the largest share gain |\n")
                .append("| best category | | ").append(plan.bestCategory()).append(" | +")
                .append(pct(SelectionCases.BEST_GROWTH, 0)).append(" growth a month, ").append(pct(SelectionCases.BEST_SEASON_KEPT, 0))
                .append(" of the season, ").append(SelectionCases.BEST_SELLERS).append(" small competitor sellers, ")
                .append(pct(1 - SelectionCases.BEST_LAUNCHED_BEFORE, 0)).append(" of its listings launched during the data, more ")
                .append("of them later, the later the more units (up to ").append(fmt(1 + SelectionCases.BEST_LATE_UNITS, 1))
                .append("×), ").append(fmt(SelectionCases.BEST_SWEET_SPOT_UNITS, 1))
                .append("× units within ±").append(pct(SelectionCases.BEST_SWEET_SPOT, 0)).append(" of the median price, ")
                .append(pct(SelectionCases.BEST_REVIEW_RATE, 0)).append(" of the review rate, ")
                .append(pct(SelectionCases.BEST_KG, 0)).append(" of the parcel weight |\n\n");
    }

    private static String describe(String file) {
        if (file.startsWith("sales/")) {
            return "order lines of the year";
        }
        if (file.startsWith("competitors/")) {
            return "month-end listing snapshots of the year";
        }
        if (file.startsWith("logistics/")) {
            return "one row per shipment";
        }
        return "daily (weekday) USD rates";
    }

    private static final String[] MONTHS =
            {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private static String monthName(int m) {
        return MONTHS[m - 1];
    }

    private static String fmt(double v, int places) {
        return String.format(Locale.ROOT, "%." + places + "f", v);
    }

    private static String pct(double v, int places) {
        return String.format(Locale.ROOT, "%." + places + "f %%", v * 100);
    }
}
