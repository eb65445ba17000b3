package io.marketlens.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small helpers for writing fixture files. */
public final class Files2 {

    private Files2() {
    }

    public static Path write(Path file, String text) {
        return write(file, text, StandardCharsets.UTF_8);
    }

    public static Path write(Path file, String text, Charset charset) {
        return writeBytes(file, text.getBytes(charset));
    }

    public static Path writeBytes(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
