package io.marketlens.io;

/** A folder the run must write to cannot be written: one sentence naming it, why, and what to do. */
public final class NotWritableException extends RuntimeException {

    public NotWritableException(String message, Throwable cause) {
        super(message, cause);
    }
}
