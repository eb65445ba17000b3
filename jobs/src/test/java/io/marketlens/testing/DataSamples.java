package io.marketlens.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The checked-in data-samples/ folder, found from the module or the project folder. */
public final class DataSamples {

    private DataSamples() {
    }

    public static Path path() {
        for (String candidate : List.of("data-samples", "../data-samples")) {
            if (Files.isDirectory(Path.of(candidate, "logistics"))) {
                return Path.of(candidate).toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("data-samples/ not found from " + Path.of("").toAbsolutePath());
    }
}
