package io.marketlens.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The folder work of the benchmark: clearing a work folder, and giving a run its own input folder cheaply. */
final class Dirs {

    private Dirs() {
    }

    /** Deletes {@code dir} and everything under it (links themselves, not what they point to); nothing if it is absent. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            Files.delete(p);
        }
    }

    /**
     * Gives every file under {@code from} a hard link at the same place under {@code to} (a copy where the file system
     * has no hard links), so that a run's input folder costs no space and the generated history stays untouched.
     */
    static void linkTree(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(from)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            Path target = to.resolve(from.relativize(f).toString());
            Files.createDirectories(target.getParent());
            try {
                Files.createLink(target, f);
            } catch (UnsupportedOperationException | IOException e) {
                // no hard links across file systems or on some of them: a copy times the same
                Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
