package io.marketlens.ingest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns one CSV record into a canonical row or a rejection: required cells present, each cell parsed
 * and range-checked, the rules that span cells, then FX conversion of the source's amount.
 * The first problem found, in column order, is the row's reason; all problems go into its details.
 * A validator reads the records of one file (or chunk) in their order: rules that carry an order's values down to its
 * later lines ({@link ColumnRule#carry()}) remember the previous record's.
 */
public final class RowValidator implements Serializable {

    private final Source source;
    private final HeaderMapping mapping;
    private final ValueParser parser;
    private final FxRates fx;
    private final int moneyIndex;
    private final int currencyIndex;
    private final int dateIndex;

    private final java.util.Set<String> cancelledStatuses;
    private final Plausibility plausibility;

    /** What carrying rules carried so far; a deserialised validator starts afresh, as a new reader. */
    private transient HeaderMapping.Reading reading;

    public RowValidator(Source source, HeaderMapping mapping, ValueParser parser, FxRates fx) {
        this(source, mapping, parser, fx, List.of("cancelled", "canceled"), Plausibility.defaults(parser.zone().getId()));
    }

    /**
     * {@code cancelledStatuses}: sales statuses of lines that may come without a price, a currency or a quantity;
     * {@code plausibility}: the bounds beyond which a parsed value is {@code out_of_range}.
     */
    public RowValidator(Source source, HeaderMapping mapping, ValueParser parser, FxRates fx, List<String> cancelledStatuses,
                        Plausibility plausibility) {
        this.plausibility = plausibility;
        this.cancelledStatuses = java.util.Set.copyOf(cancelledStatuses);
        this.source = source;
        this.mapping = mapping;
        this.parser = parser;
        this.fx = fx;
        this.moneyIndex = source.moneyColumn().map(source::indexOf).orElse(-1);
        this.currencyIndex = source.indexOf("currency");
        this.dateIndex = source.indexOf(source.dateColumn());
    }

    /** A validated row: either canonical values (+ base amount and rate) or a reason with details. */
    public record Outcome(Object[] values, BigDecimal fxRate, Double baseAmount, String reason, String details) {
        public boolean accepted() {
            return reason == null;
        }

        static Outcome rejected(String reason, String details) {
            return new Outcome(null, null, null, reason, details);
        }
    }

    public Outcome validate(List<String> fields) {
        if (fields.size() != mapping.fieldCount()) {
            return Outcome.rejected("malformed_row", "expected " + mapping.fieldCount() + " fields, found " + fields.size());
        }
        List<ColumnSpec> specs = source.columns();
        if (reading == null) {
            reading = mapping.reading();
        }
        Object[] values = new Object[specs.size()];
        List<String> reasons = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (int c = 0; c < specs.size(); c++) {
            ColumnSpec spec = specs.get(c);
            String text;
            try {
                text = ValueParser.withoutControlCharacters(reading.text(c, fields, parser, spec.name()));
            } catch (ValueParser.Rejection r) {
                reasons.add(r.reason());
                details.add(r.getMessage());
                continue;
            }
            if (text.isEmpty()) {
                if (spec.required()) {
                    reasons.add("missing_required:" + spec.name());
                    details.add(spec.name() + " is empty");
                }
                continue;
            }
            try {
                values[c] = parser.parse(spec, text);
            } catch (ValueParser.Rejection r) {
                reasons.add(r.reason());
                details.add(r.getMessage());
                continue;
            }
            String implausible = plausibility.implausible(source, spec.name(), values[c]);
            if (implausible != null) {
                reasons.add("out_of_range:" + spec.name());
                details.add(implausible);
                values[c] = null;
            }
        }
        String unselected = mapping.unselected(fields);
        if (unselected != null) {
            // after every column was read, so that a carried value still passes to the group's next rows
            return Outcome.rejected(SourceOptions.NOT_SELECTED, "no value in " + unselected + ": not a " + source.dirName()
                    + " row for this file's reading (rows_with)");
        }
        crossFieldRules(values, reasons, details);
        if (!reasons.isEmpty()) {
            return Outcome.rejected(reasons.get(0), String.join("; ", details));
        }
        if (moneyIndex < 0 || values[moneyIndex] == null) {
            return new Outcome(values, null, null, null, null);
        }
        String currency = (String) values[currencyIndex];
        LocalDate day = localDate(values[dateIndex], parser.zone());
        Optional<BigDecimal> rate = fx.rate(currency, day);
        if (rate.isEmpty()) {
            return Outcome.rejected("fx_rate_missing", "no " + currency + "→" + fx.baseCurrency() + " rate on " + day
                    + " or up to " + fx.toleranceDays() + " days before; add it to fx_rates");
        }
        BigDecimal amount = (BigDecimal) values[moneyIndex];
        return new Outcome(values, rate.get(), amount.multiply(rate.get()).doubleValue(), null, null);
    }

    private void crossFieldRules(Object[] v, List<String> reasons, List<String> details) {
        switch (source) {
            case SALES -> {
                int line = source.indexOf("line_id");
                if (v[line] == null) {
                    v[line] = v[source.indexOf("product_id")];
                }
                Object status = v[source.indexOf("status")];
                if (status != null && cancelledStatuses.contains(status) && v[moneyIndex] == null) {
                    // a cancelled line may come without a price, its currency and a quantity (Amazon reports one with
                    // quantity 0 and no amount): accepted as cancelled, quantity 0, no price
                    forgive(reasons, details, "missing_required:unit_price");
                    forgive(reasons, details, "missing_required:currency");
                    if (forgive(reasons, details, "out_of_range:quantity")) {
                        v[source.indexOf("quantity")] = 0L;
                    }
                }
            }
            case LOGISTICS -> {
                int status = source.indexOf("status");
                if (v[status] != null) {
                    String s = ((String) v[status]).replaceAll("[\\s\\-]+", "_");
                    v[status] = s;
                    if (ShipmentStatus.of(s) == null) {  // spaces and dashes in an export's value are read as '_'
                        reasons.add("bad_value:status");
                        details.add("status '" + s + "' is not one of " + ShipmentStatus.codes());
                    }
                }
                Instant ship = (Instant) v[source.indexOf("ship_ts")];
                Instant delivered = (Instant) v[source.indexOf("delivered_ts")];
                if (ShipmentStatus.DELIVERED.code().equals(v[status]) && delivered == null) {
                    reasons.add("missing_required:delivered_ts");
                    details.add("status is delivered but delivered_ts is empty");
                }
                if (ship != null && delivered != null && delivered.isBefore(ship)) {
                    reasons.add("out_of_range:delivered_ts");
                    details.add("delivered_ts is before ship_ts");
                }
                if (v[source.indexOf("cost")] != null && v[currencyIndex] == null) {
                    reasons.add("missing_required:currency");
                    details.add("cost is given without a currency");
                }
            }
            default -> {
            }
        }
    }

    /** Drops {@code reason} (and its detail) from the row's problems; whether it was there. */
    private static boolean forgive(List<String> reasons, List<String> details, String reason) {
        int i = reasons.indexOf(reason);
        if (i < 0) {
            return false;
        }
        reasons.remove(i);
        details.remove(i);
        return true;
    }

    private static LocalDate localDate(Object value, ZoneId zone) {
        return value instanceof Instant i ? i.atZone(zone).toLocalDate() : (LocalDate) value;
    }
}
