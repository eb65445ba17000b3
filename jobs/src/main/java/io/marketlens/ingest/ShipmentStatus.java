package io.marketlens.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The status of a shipment in the {@code logistics} source: the codes an accepted row carries. */
public enum ShipmentStatus {
    IN_TRANSIT,
    DELIVERED,
    RETURNED,
    LOST;

    private static final Map<String, ShipmentStatus> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ShipmentStatus::code, Function.identity()));

    /** The value in the data: the name in lower case ({@code in_transit}). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status with this code, or null when the code is not one of them (or is null). */
    public static ShipmentStatus of(String code) {
        return code == null ? null : BY_CODE.get(code);
    }

    /** The codes in order, for messages: {@code in_transit, delivered, returned, lost}. */
    public static String codes() {
        return Arrays.stream(values()).map(ShipmentStatus::code).collect(Collectors.joining(", "));
    }
}
