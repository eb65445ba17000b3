package io.marketlens.ingest;

/**
 * A whole input file cannot be read (encoding, missing header, required column absent after mapping).
 * The message names the file and says what to do; nothing of the file enters the warehouse.
 */
public class UnreadableFileException extends RuntimeException {
    public UnreadableFileException(String message) {
        super(message);
    }

    public UnreadableFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
