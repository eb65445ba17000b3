package io.marketlens.ingest;

/**
 * The input folder is not the one above the source folders: it holds exports but no {@code sales/},
 * {@code competitors/}, {@code logistics/} or {@code fx_rates/} folder (its {@code sales/} folder itself was given, say).
 * A usage mistake: the message says which folder to pass, and the CLI exits with code 2.
 */
public class InputFolderException extends RuntimeException {
    public InputFolderException(String message) {
        super(message);
    }
}
