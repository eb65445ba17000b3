package io.marketlens.ingest;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Files to read again although the registry holds them with the same bytes and settings ({@code --reread}): every file of
 * the input folder ({@code all}), or the files named, each as the manifest shows it ({@code in/sales/orders.csv}) or
 * under the input folder ({@code sales/orders.csv}).
 */
public record Reread(boolean all, List<String> files) {

    /** Nothing forced: files are read again only when their source's settings changed, or for new FX rates. */
    public static final Reread NONE = new Reread(false, List.of());

    public Reread {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** Every file of the input folder. */
    public static Reread everything() {
        return new Reread(true, List.of());
    }

    /** The files named. */
    public static Reread of(String... files) {
        return new Reread(false, List.of(files));
    }

    public boolean none() {
        return !all && files.isEmpty();
    }

    /**
     * The files of {@code found} (scanned from {@code input}) to read again, as {@code <source>:<sha256>}; a name that
     * is no file of the folder is refused ({@link InputFolderException}) before anything is read.
     */
    Set<String> keys(Map<Source, List<InputFile>> found, String input) {
        Set<String> out = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String name : files) {
            boolean matched = false;
            for (List<InputFile> of : found.values()) {
                for (InputFile f : of) {
                    if (names(name, f, input)) {
                        out.add(f.source().dirName() + ":" + f.sha256());
                        matched = true;
                    }
                }
            }
            if (!matched) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            String example = found.values().stream().flatMap(List::stream).map(InputFile::display).findFirst()
                    .map(d -> " (its files are named like " + d + ")").orElse(" (it holds no export)");
            throw new InputFolderException("--reread " + String.join(", ", unknown) + ": no such file in the input folder "
                    + input + example + "; name a file as the manifest shows it, or its path under the input folder,"
                    + " e.g. sales/orders.csv");
        }
        if (all) {
            found.values().forEach(of -> of.forEach(f -> out.add(f.source().dirName() + ":" + f.sha256())));
        }
        return out;
    }

    /** Whether {@code name} names {@code f}: its displayed path, its path under {@code input}, or the same file on disk. */
    static boolean names(String name, InputFile f, String input) {
        String n = name.strip();
        if (n.equals(f.display()) || n.equals(f.path()) || io.marketlens.io.Storage.join(input, n).equals(f.display())) {
            return true;
        }
        try {
            Path file = Path.of(f.display()).toAbsolutePath().normalize();
            return Path.of(n).toAbsolutePath().normalize().equals(file)
                    || Path.of(input).resolve(n).toAbsolutePath().normalize().equals(file);
        } catch (InvalidPathException e) {
            return false; // a URI (hdfs://...): compared as text above
        }
    }
}
