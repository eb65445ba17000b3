package io.marketlens.config;

/** A configuration or usage problem; the CLI exits with code 2 and prints the message. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
