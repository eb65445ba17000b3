package io.marketlens.cli;

import picocli.CommandLine.TypeConversionException;

/**
 * A value an option's converter refuses, with a message that is a whole sentence naming the option (e.g.
 * {@code --as-of must be YYYY-MM-DD, got 2025/06/30}); the CLI prints it as it is, without picocli's
 * "Invalid value for option" in front.
 */
final class BadOptionValue extends TypeConversionException {

    BadOptionValue(String message) {
        super(message);
    }
}
