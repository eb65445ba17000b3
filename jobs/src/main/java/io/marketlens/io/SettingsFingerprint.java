package io.marketlens.io;

/**
 * The SHA-256 (hex) of settings written as canonical JSON — map entries and properties in key order, so equal settings
 * give equal bytes: what a stored result records of the settings it was made with, to tell later whether they changed.
 */
public final class SettingsFingerprint {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper
            .builder().enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();

    private SettingsFingerprint() {
    }

    /** The fingerprint of {@code settings} (maps, lists, strings, numbers). */
    public static String of(Object settings) {
        try {
            byte[] json = JSON.writeValueAsBytes(settings);
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint settings: " + e.getMessage(), e);
        }
    }
}
