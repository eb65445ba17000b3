package io.marketlens.generate;

import java.io.IOException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Predicate;

/**
 * Splices a fixed set of deliberately bad rows into the generated files, each with exactly one defect and the
 * reason code the ingest must give it. Bad rows are extra lines (copies of a neighbouring good row with fresh
 * ids and one field broken), so the good data and the ground truth are unaffected; the only exception is
 * {@code duplicate_key}, an exact repeat of an earlier good line (the later copy is the bad one).
 */
final class BadRows {

    interface OrderIds {
        String fresh(String platform, String marketplace, LocalDateTime ts);
    }

    interface ProductIds {
        String fresh(String platform);
    }

    private record Plan(String reason, int slot, double fraction) {
    }

    /** Where the sales bad rows go: slot 0/1/2 = first/middle/last sales file; fraction = position in it. */
    private static final List<Plan> SALES = List.of(
            new Plan("missing_required:order_id", 0, 0.18),
            new Plan("bad_number:unit_price", 0, 0.63),
            new Plan("bad_date:order_ts", 1, 0.12),
            new Plan("negative:unit_price", 1, 0.41),
            new Plan("out_of_range:quantity", 1, 0.77),
            new Plan("bad_number:quantity", 2, 0.09),
            new Plan("fx_rate_missing", 2, 0.35),
            new Plan("malformed_row", 2, 0.58),
            new Plan("duplicate_key", 2, 0.86));

    private static final List<Plan> COMPETITORS = List.of(
            new Plan("out_of_range:rating", 0, 0.55),
            new Plan("missing_required:seller_id", 1, 0.30),
            new Plan("bad_number:price", 2, 0.70));

    private static final List<Plan> LOGISTICS = List.of(
            new Plan("negative:cost", 0, 0.27),
            new Plan("bad_date:ship_ts", 0, 0.66));

    static final String MALFORMED_TITLE = "Silicone Baking Mat, Non-Stick 40x30cm";

    private final Rng rng;
    private final Predicate<String> claimId;
    private final OrderIds orderIds;
    private final ProductIds productIds;
    private final UnshippedAmazonOrders unshippedAmazonOrders;

    BadRows(Rng rng, Predicate<String> claimId, OrderIds orderIds, ProductIds productIds,
            UnshippedAmazonOrders unshippedAmazonOrders) {
        this.rng = rng;
        this.claimId = claimId;
        this.orderIds = orderIds;
        this.productIds = productIds;
        this.unshippedAmazonOrders = unshippedAmazonOrders;
    }

    /** Plants all bad rows; files with fewer than 2 good rows (tiny data sets) get none. */
    void plant(List<CsvFile> sales, List<CsvFile> competitors, CsvFile logistics) throws IOException {
        for (Plan plan : SALES) {
            CsvFile f = file(sales, plan.slot());
            if (f != null) {
                plantSales(f, plan);
            }
        }
        for (Plan plan : COMPETITORS) {
            CsvFile f = file(competitors, plan.slot());
            if (f != null) {
                plantCompetitor(f, plan);
            }
        }
        for (Plan plan : LOGISTICS) {
            if (logistics.rowCount() >= 2) {
                plantLogistics(logistics, plan);
            }
        }
    }

    private static CsvFile file(List<CsvFile> files, int slot) {
        if (files.isEmpty()) {
            return null;
        }
        CsvFile f = files.get((int) Math.round(slot * (files.size() - 1) / 2.0));
        return f.rowCount() >= 2 ? f : null;
    }

    private static int position(CsvFile f, double fraction) {
        return Math.max(1, Math.min(f.rowCount() - 1, (int) (fraction * f.rowCount())));
    }

    private void plantSales(CsvFile f, Plan plan) throws IOException {
        int orderCol = f.column("order_id");
        int idx = position(f, plan.fraction());
        while (idx < f.rowCount() - 1
                && f.row(idx).get(orderCol).equals(f.row(idx - 1).get(orderCol))) {
            idx++; // never split the lines of one order
        }
        if (plan.reason().equals("duplicate_key")) {
            int earlier = Math.max(0, idx - 137);
            f.inserts.add(new CsvFile.Insert(idx, f.rawRow(earlier), plan.reason(),
                    "exact repeat of line {line} (same platform, order_id, line_id)", earlier));
            return;
        }
        List<String> row = f.row(idx - 1);
        String platform = row.get(f.column("platform"));
        String tsText = row.get(f.column("order_ts"));
        LocalDateTime ts = LocalDateTime.parse(tsText.substring(0, 19).replace('T', ' '), SyntheticMarket.TS);
        row.set(orderCol, orderIds.fresh(platform, row.get(f.column("marketplace")), ts));
        row.set(f.column("line_id"), "1");
        String description;
        String line = null;
        switch (plan.reason()) {
            case "missing_required:order_id" -> {
                row.set(orderCol, "");
                description = "order_id is empty";
            }
            case "bad_number:unit_price" -> {
                row.set(f.column("unit_price"), "12,5x");
                description = "unit_price is `12,5x` (quoted field, not a number)";
            }
            case "bad_date:order_ts" -> {
                String bad = "31/02/" + ts.getYear();
                row.set(f.column("order_ts"), bad);
                description = "order_ts is `" + bad + "` (day-first and 31 February)";
            }
            case "negative:unit_price" -> {
                row.set(f.column("unit_price"), "-3.00");
                description = "unit_price is `-3.00`";
            }
            case "out_of_range:quantity" -> {
                row.set(f.column("quantity"), "0");
                description = "quantity is `0`";
            }
            case "bad_number:quantity" -> {
                row.set(f.column("quantity"), "two");
                description = "quantity is `two`";
            }
            case "fx_rate_missing" -> {
                row.set(f.column("marketplace"), "BR");
                row.set(f.column("currency"), "BRL");
                row.set(f.column("unit_price"), "89.90");
                description = "marketplace BR, currency `BRL`: fx_rates has no BRL rate at all";
            }
            case "malformed_row" -> {
                int titleCol = f.column("title");
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < row.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    sb.append(i == titleCol ? MALFORMED_TITLE : CsvFile.escape(row.get(i)));
                }
                line = sb.toString();
                description = (row.size() + 1) + " fields instead of " + row.size()
                        + ": unquoted comma in title `" + MALFORMED_TITLE + "`";
            }
            default -> throw new IllegalStateException(plan.reason());
        }
        f.inserts.add(new CsvFile.Insert(idx, line != null ? line : CsvFile.line(row), plan.reason(), description, -1));
    }

    private void plantCompetitor(CsvFile f, Plan plan) throws IOException {
        int idx = position(f, plan.fraction());
        List<String> row = f.row(idx - 1);
        row.set(f.column("product_id"), productIds.fresh(row.get(f.column("platform"))));
        String description;
        switch (plan.reason()) {
            case "out_of_range:rating" -> {
                row.set(f.column("rating"), "7.5");
                description = "rating is `7.5` (scale is 0-5)";
            }
            case "missing_required:seller_id" -> {
                row.set(f.column("seller_id"), "");
                description = "seller_id is empty";
            }
            case "bad_number:price" -> {
                row.set(f.column("price"), "1.299,00");
                description = "price is `1.299,00` (German number format, quoted)";
            }
            default -> throw new IllegalStateException(plan.reason());
        }
        f.inserts.add(new CsvFile.Insert(idx, CsvFile.line(row), plan.reason(), description, -1));
    }

    private void plantLogistics(CsvFile f, Plan plan) throws IOException {
        int carrierCol = f.column("carrier");
        int destCol = f.column("destination_country");
        int shipCol = f.column("ship_ts");
        int idx = position(f, plan.fraction());
        // a neighbour an Amazon FBM parcel could look like, so the row refers to a real Amazon order
        while (idx < f.rowCount() - 1 && (f.row(idx - 1).get(carrierCol).equals("Cainiao")
                || !unshippedAmazonOrders.anyIn(f.row(idx - 1).get(destCol)))) {
            idx++;
        }
        List<String> row = f.row(idx - 1);
        if (unshippedAmazonOrders.anyIn(row.get(destCol))) {
            // '~' sorts after every id character: the latest order at or before the ship time
            row.set(f.column("order_id"), unshippedAmazonOrders.floorOrFirst(row.get(destCol), row.get(shipCol) + "|~"));
        }
        row.set(f.column("shipment_id"), freshShipmentId(row.get(f.column("shipment_id"))));
        String description;
        switch (plan.reason()) {
            case "negative:cost" -> {
                row.set(f.column("cost"), "-1.00");
                description = "cost is `-1.00`";
            }
            case "bad_date:ship_ts" -> {
                String ts = row.get(shipCol);
                String bad = ts.substring(0, 5) + "13" + ts.substring(7);
                row.set(shipCol, bad);
                description = "ship_ts is `" + bad + "` (month 13)";
            }
            default -> throw new IllegalStateException(plan.reason());
        }
        f.inserts.add(new CsvFile.Insert(idx, CsvFile.line(row), plan.reason(), description, -1));
    }

    /** Same carrier format as {@code like}, last digits re-drawn until unused. */
    private String freshShipmentId(String like) {
        while (true) {
            char[] chars = like.toCharArray();
            int changed = 0;
            for (int i = chars.length - 1; i >= 0 && changed < 8; i--) {
                if (Character.isDigit(chars[i])) {
                    chars[i] = (char) ('0' + rng.nextInt(10));
                    changed++;
                }
            }
            String id = new String(chars);
            if (claimId.test(id)) {
                return id;
            }
        }
    }
}
