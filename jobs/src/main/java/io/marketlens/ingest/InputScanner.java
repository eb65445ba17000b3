package io.marketlens.ingest;

import io.marketlens.io.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileStatus;

/**
 * Finds the exports of an input folder ({@code <input>/sales/*.csv}, {@code competitors/}, {@code logistics/},
 * {@code fx_rates/}) and fingerprints each with SHA-256. Anything else in the folder is reported, not read.
 */
public final class InputScanner {

    private final Storage storage;
    private final Consumer<String> warn;

    public InputScanner(Storage storage, Consumer<String> warn) {
        this.storage = storage;
        this.warn = warn;
    }

    /** Files per source, ordered by modification time then name (batch numbers are assigned later). */
    public Map<Source, List<InputFile>> scan(String input) {
        if (!storage.isDirectory(input)) {
            throw new UnreadableFileException("input folder " + input + " does not exist or is not a folder; pass the folder"
                    + " that holds sales/, competitors/, logistics/ and fx_rates/ to --input");
        }
        Map<Source, List<InputFile>> out = new EnumMap<>(Source.class);
        for (FileStatus entry : storage.list(input)) {
            String name = entry.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            var source = entry.isDirectory() ? Source.fromDirName(name) : java.util.Optional.<Source>empty();
            if (source.isEmpty()) {
                if (entry.isDirectory() || isExport(name)) { // notes and configs beside the folders are no mistake
                    warn.accept("ignored " + Storage.join(input, name) + ": exports belong in sales/, competitors/, logistics/ or fx_rates/");
                }
                continue;
            }
            List<InputFile> files = new ArrayList<>();
            for (FileStatus f : storage.list(entry.getPath().toString())) {
                String fname = f.getPath().getName();
                if (f.isDirectory() || fname.startsWith(".") || fname.startsWith("_")) {
                    continue;
                }
                if (!isExport(fname)) {
                    warn.accept("ignored " + Storage.join(input, name, fname) + ": only .csv, .tsv and .txt exports are read");
                    continue;
                }
                String path = f.getPath().toString();
                files.add(new InputFile(source.get(), path, Storage.join(input, name, fname), sha256(path), f.getLen(),
                        f.getModificationTime(), 0));
            }
            files.sort(java.util.Comparator.comparingLong(InputFile::modifiedMillis).thenComparing(InputFile::path));
            out.put(source.get(), files);
        }
        return out;
    }

    private static boolean isExport(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") || n.endsWith(".tsv") || n.endsWith(".txt");
    }

    private String sha256(String path) {
        try (InputStream in = new DigestInputStream(storage.open(path), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // the digest stream hashes as it reads
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
