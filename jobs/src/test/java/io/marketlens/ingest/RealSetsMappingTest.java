package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.config.ConfigLoader;
import io.marketlens.config.MarketlensConfig;
import io.marketlens.testing.OlistExport;
import io.marketlens.testing.SparkTestSession;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two real sets of {@code ../shared/datasets} that no preset reads, ingested through a column mapping in the config
 * (the YAML below, the same as in README.md "Mapping an export by hand"), each against what the raw file says read here
 * line by line with commons-csv and java.time, not through the mapping: every line is accepted or quarantined with the
 * reason the documented rules give it. Skipped where the data sets are absent.
 */
class RealSetsMappingTest {

    /** README.md "Mapping an export by hand": amazon-in-listings-2023 as competitor snapshots. */
    static final String AMAZON_IN_LISTINGS = """
            base_currency: INR
            sources:
              competitors:
                columns:
                  snapshot_date: {value: 2023-03-18}    # the scrape's day: qid=1679134237 in the links is a Unix time
                  platform: {value: amazon}
                  marketplace: {value: IN}
                  category: sub_category
                  product_id: {from: link, extract: '/dp/([A-Z0-9]{10})'}   # the ASIN in the product link
                  seller_id: {value: amazon.in}         # a search page names no seller: one listing per ASIN
                  title: name
                  price: [discount_price, actual_price] # the price paid; the list price when there is no discount
                  currency: {value: INR}
                  est_units: {value: 0}                 # no sales column: supply only, no demand (see below)
                  rating: ratings
                  review_count: no_of_ratings
            """;

    /** README.md "Mapping an export by hand": scms-delivery-history as shipments. */
    static final String SCMS_DELIVERY_HISTORY = """
            base_currency: USD
            sources:
              logistics:
                # 02-Jun-06, 11/13/06, and 2001-10-07: 1/10/07 that a spreadsheet turned into an ISO-looking date
                date_pattern: [dd-MMM-yy, M/d/yy, "'20'MM-dd-yy"]
                columns:
                  shipment_id: ID
                  order_id: "PO / SO #"
                  carrier: Fulfill Via                  # Direct Drop (from the vendor) or From RDC (a regional warehouse)
                  service: {from: Shipment Mode, map: {"N/A": ""}}   # Air, Truck, Air Charter, Ocean
                  destination_country:
                    from: Country
                    map: {Afghanistan: AF, Angola: AO, Belize: BZ, Benin: BJ, Botswana: BW, Burkina Faso: BF,
                          Burundi: BI, Cameroon: CM, "Congo, DRC": CD, "Côte d'Ivoire": CI, Dominican Republic: DO,
                          Ethiopia: ET, Ghana: GH, Guatemala: GT, Guinea: GN, Guyana: GY, Haiti: HT, Kazakhstan: KZ,
                          Kenya: KE, Kyrgyzstan: KG, Lebanon: LB, Lesotho: LS, Liberia: LR, Libya: LY, Malawi: MW,
                          Mali: ML, Mozambique: MZ, Namibia: NA, Nigeria: NG, Pakistan: PK, Rwanda: RW, Senegal: SN,
                          Sierra Leone: SL, South Africa: ZA, South Sudan: SS, Sudan: SD, Swaziland: SZ, Tanzania: TZ,
                          Togo: TG, Uganda: UG, Vietnam: VN, Zambia: ZM, Zimbabwe: ZW}
                  ship_ts: PO Sent to Vendor Date       # the order to the vendor: the only start date the set has
                  promised_ts: Scheduled Delivery Date
                  delivered_ts: Delivered to Client Date
                  status: {value: delivered}            # every row of the set is a delivery
                  weight_kg: Weight (Kilograms)
                  cost: Freight Cost (USD)
                  currency: {value: USD}
            """;

    @TempDir
    Path tmp;

    private final SparkSession spark = SparkTestSession.get();

    private static Path real(String folder, String file) {
        Optional<Path> p = OlistExport.locate(folder).map(d -> d.resolve(file)).filter(Files::isRegularFile);
        Assumptions.assumeTrue(p.isPresent(), "../shared/datasets/" + folder + " is absent; skipping the real-set test");
        return p.get();
    }

    /** The records of a CSV file with a header (a UTF-8 byte-order mark skipped), in file order. */
    private static List<CSVRecord> records(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (Reader r = new StringReader(text)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    /** The physical line of a record: neither file has a line break inside a field, so record n is line n + 1. */
    private static long line(CSVRecord rec) {
        return rec.getRecordNumber() + 1;
    }

    record Ingested(FileStats stats, List<Row> rows, Map<Long, String> reasonByLine, Map<Long, String> detailsByLine) {
    }

    /** Ingests {@code file} alone as {@code source} with the config {@code yaml}, loaded as a run loads it. */
    private void ingest(Source source, Path file, String yaml, Consumer<Ingested> check) throws IOException {
        Path configFile = Files.writeString(tmp.resolve("marketlens.yaml"), yaml, StandardCharsets.UTF_8);
        MarketlensConfig config = ConfigLoader.load(configFile);
        ExportFiles.ingestAlone(spark, tmp, source, file, config, r -> {
            assertThat(r.presets()).isEmpty();   // read through the config's mapping, not a preset
            Map<Long, String> reasons = new TreeMap<>();
            Map<Long, String> details = new TreeMap<>();
            for (Row q : r.quarantine().collectAsList()) {
                reasons.put(q.<Long>getAs("line"), q.getAs("reason"));
                details.put(q.<Long>getAs("line"), q.getAs("details"));
            }
            check.accept(new Ingested(r.files().get(0), r.accepted().get(source).collectAsList(), reasons, details));
        });
    }

    private static Map<String, Long> counts(Map<Long, String> reasonByLine) {
        Map<String, Long> out = new TreeMap<>();
        reasonByLine.values().forEach(reason -> out.merge(reason, 1L, Long::sum));
        return out;
    }

    @Test
    void theReadmeShowsTheseConfigsAsTheyAre() throws IOException {
        Optional<Path> readme = java.util.stream.Stream.of("README.md", "../README.md").map(Path::of).filter(Files::isRegularFile)
                .findFirst();
        Assumptions.assumeTrue(readme.isPresent(), "README.md not found from " + Path.of("").toAbsolutePath());
        String text = Files.readString(readme.get(), StandardCharsets.UTF_8);
        assertThat(text).contains("### Mapping an export by hand")
                .contains("```yaml\n" + AMAZON_IN_LISTINGS + "```")
                .contains("```yaml\n" + SCMS_DELIVERY_HISTORY + "```");
        // and they load as configs
        for (String yaml : List.of(AMAZON_IN_LISTINGS, SCMS_DELIVERY_HISTORY)) {
            Path p = Files.writeString(tmp.resolve("check.yaml"), yaml, StandardCharsets.UTF_8);
            assertThat(ConfigLoader.load(p).sources()).isNotEmpty();
        }
    }

    // ---------------------------------------------------------------- amazon-in-listings-2023

    /** Rupees with groups of three, or in lakhs and crores (thousands, then groups of two: ₹1,26,189). */
    private static final Pattern RUPEES = Pattern.compile("₹(\\d{1,3}(?:,\\d{3})*|\\d{1,2}(?:,\\d{2})+,\\d{3}|\\d+)(\\.\\d+)?");
    private static final Pattern COUNT = Pattern.compile("\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.0+)?");

    /** The ASIN of a product link, read by splitting it: the path segment after "dp". */
    private static String asin(String link) {
        String path = link.split("\\?")[0];
        String[] parts = path.split("/");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equals("dp")) {
                return parts[i + 1];
            }
        }
        return "";
    }

    /** A listing as the file says: its ASIN and price, or the reason it cannot be a snapshot. */
    record Listing(long line, String asin, BigDecimal price, Double rating, Long reviews, String reason) {
    }

    static Listing listing(CSVRecord rec) {
        String asin = asin(rec.get("link"));
        String priceText = rec.get("discount_price").isBlank() ? rec.get("actual_price").strip() : rec.get("discount_price").strip();
        BigDecimal price = null;
        Matcher m = RUPEES.matcher(priceText);
        if (m.matches()) {
            price = new BigDecimal(m.group(1).replace(",", "") + (m.group(2) == null ? "" : m.group(2)));
        }
        String ratingText = rec.get("ratings").strip();
        Double rating = null;
        boolean ratingOk = ratingText.isEmpty();
        if (!ratingOk) {
            try {
                BigDecimal r = new BigDecimal(ratingText);
                ratingOk = r.signum() >= 0 && r.compareTo(BigDecimal.valueOf(5)) <= 0;
                rating = r.doubleValue();
            } catch (NumberFormatException e) {
                ratingOk = false;
            }
        }
        String reviewText = rec.get("no_of_ratings").strip();
        Long reviews = null;
        if (COUNT.matcher(reviewText).matches()) {
            reviews = new BigDecimal(reviewText.replace(",", "")).longValueExact();
        }
        String reason = rec.get("sub_category").isBlank() ? "missing_required:category"
                : asin.isEmpty() ? "missing_required:product_id"
                : priceText.isEmpty() ? "missing_required:price"
                : price == null ? "bad_number:price"
                : !ratingOk ? "bad_number:rating"
                : !reviewText.isEmpty() && reviews == null ? "bad_number:review_count"
                : null;
        return new Listing(line(rec), asin, price, rating, reviews, reason);
    }

    @Test
    void amazonInListingsBecomeCompetitorSnapshotsThroughTheReadmeMapping() throws IOException {
        Path file = real("amazon-in-listings-2023", "Amazon-Products.csv");
        List<CSVRecord> raw = records(file);
        Map<Long, String> wantReasons = new TreeMap<>();
        Map<String, Listing> firstOfAsin = new HashMap<>();
        for (CSVRecord rec : raw) {
            Listing l = listing(rec);
            if (l.reason() != null) {
                wantReasons.put(l.line(), l.reason());
            } else if (firstOfAsin.putIfAbsent(l.asin(), l) != null) {
                wantReasons.put(l.line(), "duplicate_key");   // the same ASIN again: one snapshot per listing and day
            }
        }
        BigDecimal wantPrices = firstOfAsin.values().stream().map(Listing::price).reduce(BigDecimal.ZERO, BigDecimal::add);
        long wantReviews = firstOfAsin.values().stream().map(Listing::reviews).filter(r -> r != null).mapToLong(Long::longValue).sum();
        long wantRated = firstOfAsin.values().stream().filter(l -> l.rating() != null).count();

        ingest(Source.COMPETITORS, file, AMAZON_IN_LISTINGS, got -> {
            FileStats s = got.stats();
            assertThat(s.rowsRead()).isEqualTo(raw.size()).isEqualTo(10_930);
            assertThat(s.rowsAccepted()).isEqualTo(firstOfAsin.size()).isEqualTo(9_777);
            assertThat(s.rowsRead()).isEqualTo(s.rowsAccepted() + s.rowsQuarantined());
            assertThat(s.reasons()).isEqualTo(counts(wantReasons)).isEqualTo(Map.of("duplicate_key", 1_027L,
                    "missing_required:price", 93L, "bad_number:rating", 33L));
            assertThat(got.reasonByLine()).isEqualTo(wantReasons);
            // "Get" and "FREE" in the ratings column: words of the page, not ratings
            assertThat(got.detailsByLine().values()).anyMatch(d -> d.contains("'Get' is not a number"));

            BigDecimal prices = BigDecimal.ZERO;
            long reviews = 0;
            long rated = 0;
            Set<String> asins = new HashSet<>();
            for (Row r : got.rows()) {
                assertThat(asins.add(r.getAs("product_id"))).isTrue();
                prices = prices.add(r.getAs("price"));
                reviews += r.getAs("review_count") == null ? 0 : r.<Long>getAs("review_count");
                rated += r.getAs("rating") == null ? 0 : 1;
                assertThat(r.<LocalDate>getAs("snapshot_date")).isEqualTo(LocalDate.of(2023, 3, 18));
                assertThat(r.<String>getAs("marketplace")).isEqualTo("IN");
                assertThat(r.<Long>getAs("est_units")).isZero();
            }
            assertThat(asins).isEqualTo(firstOfAsin.keySet());
            assertThat(prices).isEqualByComparingTo(wantPrices);
            assertThat(reviews).isEqualTo(wantReviews);
            assertThat(rated).isEqualTo(wantRated);
            // the first line, by hand: Lloyd 1.5 Ton AC, /dp/B0BRKXTSBT/, 4.2 stars from "2,255", "₹32,999" (list "₹58,990")
            Row lloyd = got.rows().stream().filter(r -> "B0BRKXTSBT".equals(r.getAs("product_id"))).findFirst().orElseThrow();
            assertThat(lloyd.<BigDecimal>getAs("price")).isEqualByComparingTo("32999");
            assertThat(lloyd.<Double>getAs("rating")).isEqualTo(4.2);
            assertThat(lloyd.<Long>getAs("review_count")).isEqualTo(2_255L);
            assertThat(lloyd.<String>getAs("category")).isEqualTo("Air Conditioners");
            assertThat(lloyd.<String>getAs("currency")).isEqualTo("INR");
            assertThat(lloyd.<String>getAs("title")).startsWith("Lloyd 1.5 Ton 3 Star Inverter Split Ac");
        });
    }

    // ---------------------------------------------------------------- scms-delivery-history

    private static final DateTimeFormatter DAY_MON_YY = DateTimeFormatter.ofPattern("dd-MMM-yy", Locale.ENGLISH);
    private static final DateTimeFormatter M_D_YY = DateTimeFormatter.ofPattern("M/d/yy", Locale.ENGLISH);
    private static final Pattern SPREADSHEET_ISO = Pattern.compile("20(\\d\\d)-(\\d\\d)-(\\d\\d)");

    /** A date of the set in any of its forms, or null: 02-Jun-06, 11/13/06, and 2001-10-07 for 1/10/07. */
    static LocalDate scmsDate(String text) {
        for (DateTimeFormatter f : List.of(DAY_MON_YY, M_D_YY)) {
            try {
                return LocalDate.parse(text, f);
            } catch (DateTimeParseException e) {
                // the next form
            }
        }
        Matcher m = SPREADSHEET_ISO.matcher(text);
        if (m.matches()) {
            try {
                return LocalDate.of(2000 + Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            } catch (DateTimeException e) {
                // not month-day-year: read as the ISO date it looks like
            }
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A plain decimal number, or one with comma digit groups; null for text such as "Weight Captured Separately". */
    static BigDecimal scmsNumber(String text) {
        String t = text.strip();
        if (!t.matches("\\d{1,3}(,\\d{3})+(\\.\\d+)?|\\d+(\\.\\d+)?")) {
            return null;
        }
        return new BigDecimal(t.replace(",", ""));
    }

    /** A shipment as the file says, or the reason it cannot be one (the first problem in canonical column order). */
    record Shipment(long line, String id, String country, LocalDate ship, LocalDate delivered, BigDecimal weight,
                    BigDecimal cost, String reason) {
    }

    static Shipment shipment(CSVRecord rec) {
        LocalDate ship = scmsDate(rec.get("PO Sent to Vendor Date").strip());
        LocalDate promised = scmsDate(rec.get("Scheduled Delivery Date").strip());
        LocalDate delivered = scmsDate(rec.get("Delivered to Client Date").strip());
        BigDecimal weight = scmsNumber(rec.get("Weight (Kilograms)"));
        BigDecimal cost = scmsNumber(rec.get("Freight Cost (USD)"));
        String reason = rec.get("ID").isBlank() ? "missing_required:shipment_id"
                : rec.get("Fulfill Via").isBlank() ? "missing_required:carrier"
                : rec.get("Country").isBlank() ? "missing_required:destination_country"
                : ship == null ? "bad_date:ship_ts"
                : promised == null ? "bad_date:promised_ts"
                : delivered == null ? "bad_date:delivered_ts"
                : weight == null ? "bad_number:weight_kg"
                : weight.signum() == 0 ? "out_of_range:weight_kg"
                : cost == null ? "bad_number:cost"
                : delivered.isBefore(ship) ? "out_of_range:delivered_ts"
                : null;
        return new Shipment(line(rec), rec.get("ID").strip(), rec.get("Country").strip(), ship, delivered, weight, cost, reason);
    }

    /** The English name Java gives an ISO code, with the set's older names for three countries. */
    private static String countryName(String code) {
        return switch (code) {
            case "CI" -> "Côte d'Ivoire";
            case "CD" -> "Congo, DRC";
            case "SZ" -> "Swaziland";
            default -> new Locale("", code).getDisplayCountry(Locale.ENGLISH);
        };
    }

    @Test
    void scmsDeliveryHistoryBecomesShipmentsAndItsTextInNumberColumnsIsQuarantined() throws IOException {
        Path file = real("scms-delivery-history", "SCMS_Delivery_History_Dataset.csv");
        List<CSVRecord> raw = records(file);
        Map<Long, String> wantReasons = new TreeMap<>();
        Map<String, Shipment> accepted = new HashMap<>();
        for (CSVRecord rec : raw) {
            Shipment s = shipment(rec);
            if (s.reason() != null) {
                wantReasons.put(s.line(), s.reason());
            } else if (accepted.putIfAbsent(s.id(), s) != null) {
                wantReasons.put(s.line(), "duplicate_key");
            }
        }
        BigDecimal wantCost = accepted.values().stream().map(Shipment::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal wantWeight = accepted.values().stream().map(Shipment::weight).reduce(BigDecimal.ZERO, BigDecimal::add);

        ingest(Source.LOGISTICS, file, SCMS_DELIVERY_HISTORY, got -> {
            FileStats s = got.stats();
            assertThat(s.rowsRead()).isEqualTo(raw.size()).isEqualTo(10_324);
            assertThat(s.rowsAccepted()).isEqualTo(accepted.size()).isEqualTo(2_908);
            assertThat(s.rowsRead()).isEqualTo(s.rowsAccepted() + s.rowsQuarantined());
            // no out_of_range:delivered_ts: read as 1/10/07, no "2001-10-07" order comes after its delivery any more
            assertThat(s.reasons()).isEqualTo(counts(wantReasons)).isEqualTo(Map.of("bad_date:ship_ts", 5_732L,
                    "bad_number:weight_kg", 1_648L, "bad_number:cost", 35L, "out_of_range:weight_kg", 1L));
            assertThat(got.reasonByLine()).isEqualTo(wantReasons);
            // the text of the cells says why: nothing is lost without its reason
            assertThat(got.detailsByLine().values())
                    .anyMatch(d -> d.contains("'N/A - From RDC' is not a date-time"))
                    .anyMatch(d -> d.contains("'Date Not Captured' is not a date-time"))
                    .anyMatch(d -> d.contains("'Weight Captured Separately' is not a number"))
                    .anyMatch(d -> d.contains("'Freight Included in Commodity Cost' is not a number"));

            BigDecimal cost = BigDecimal.ZERO;
            BigDecimal weight = BigDecimal.ZERO;
            for (Row r : got.rows()) {
                Shipment want = accepted.get(r.<String>getAs("shipment_id"));
                assertThat(want).isNotNull();
                assertThat(r.<Instant>getAs("ship_ts")).isEqualTo(want.ship().atStartOfDay(ZoneOffset.UTC).toInstant());
                assertThat(r.<Instant>getAs("delivered_ts")).isEqualTo(want.delivered().atStartOfDay(ZoneOffset.UTC).toInstant());
                assertThat(countryName(r.getAs("destination_country"))).isEqualTo(want.country());
                assertThat(r.<String>getAs("status")).isEqualTo("delivered");
                assertThat(r.<String>getAs("currency")).isEqualTo("USD");
                assertThat(r.<String>getAs("service")).isIn("Air", "Truck", "Air Charter", "Ocean", null);
                cost = cost.add(r.getAs("cost"));
                weight = weight.add(r.getAs("weight_kg"));
            }
            assertThat(cost).isEqualByComparingTo(wantCost);
            assertThat(weight).isEqualByComparingTo(wantWeight);
            // the first line, by hand: ID 1, SCMS-4 to Côte d'Ivoire by air, PO date not captured: not a shipment
            assertThat(got.reasonByLine().get(2L)).isEqualTo("bad_date:ship_ts");
        });
    }
}
