package io.marketlens.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * File operations on any Hadoop file system (local paths, hdfs://, s3a:// ...), so that input, warehouse
 * and output can live wherever Spark can read. Failures surface as {@link UncheckedIOException}.
 */
public final class Storage {

    private final Configuration conf;

    public Storage(Configuration conf) {
        this.conf = conf;
    }

    /** The Hadoop configuration the file systems are opened with. */
    public Configuration configuration() {
        return conf;
    }

    /** A configuration rebuilt on an executor from {@link #settings()} of the driver's. */
    public static Storage fromSettings(Map<String, String> settings) {
        Configuration c = new Configuration(false);
        settings.forEach(c::set);
        return new Storage(c);
    }

    /** The configuration's entries, small and serialisable, for shipping to executors. */
    public Map<String, String> settings() {
        Map<String, String> m = new TreeMap<>();
        conf.forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    /** A path string qualified with its file system's scheme, so executors resolve it the same way. */
    public String qualify(String path) {
        Path p = new Path(path);
        return fs(p).makeQualified(p).toString();
    }

    private FileSystem fs(Path p) {
        try {
            return p.getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file system of " + p + ": " + e.getMessage(), e);
        }
    }

    public boolean exists(String path) {
        Path p = new Path(path);
        try {
            return fs(p).exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isDirectory(String path) {
        Path p = new Path(path);
        try {
            return fs(p).getFileStatus(p).isDirectory();
        } catch (java.io.FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Entries directly under {@code dir}, sorted by name; empty when it does not exist. On a local disk a name with a
     * colon ({@code orders 2024-03-05T10:00.csv}) is listed too: Hadoop's own listing reads such a name as a URI scheme
     * and fails, so the local folder is listed by Java and each entry's status asked for by its full path. Another file
     * system that cannot list such a name fails with a sentence saying to rename the file.
     */
    public List<FileStatus> list(String dir) {
        Path p = new Path(dir);
        try {
            FileSystem fs = fs(p);
            if (!fs.exists(p)) {
                return List.of();
            }
            List<FileStatus> out = new ArrayList<>();
            if ("file".equals(fs.getUri().getScheme())) {
                java.nio.file.Path local = java.nio.file.Paths.get(fs.makeQualified(p).toUri());
                try (java.util.stream.Stream<java.nio.file.Path> entries = java.nio.file.Files.list(local)) {
                    for (java.nio.file.Path e : (Iterable<java.nio.file.Path>) entries::iterator) {
                        try {
                            out.add(fs.getFileStatus(new Path(fs.makeQualified(p).toString() + "/"
                                    + e.getFileName().toString())));
                        } catch (java.io.FileNotFoundException gone) {
                            // a dangling link, or an entry removed while listing: nothing to read, as Hadoop's listing
                        }
                    }
                }
            } else {
                try {
                    out.addAll(Arrays.asList(fs.listStatus(p)));
                } catch (IllegalArgumentException e) {
                    throw new UncheckedIOException(new IOException(dir + " holds a file whose name this file system cannot"
                            + " list (a ':' in a name reads as a URI scheme): rename it without ':'", e));
                }
            }
            out.sort(Comparator.comparing(s -> s.getPath().getName()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the folder " + dir + " (" + why(e) + ")", e);
        }
    }

    /**
     * The bytes of the files at or under {@code path} (0 when it does not exist), counted until they reach {@code
     * limit}: the result is then {@code limit}, however much more there is. A folder that cannot be listed counts as
     * {@code limit} too (too much to tell): the command that reads it says why it cannot. So does a folder nested more
     * than {@value #MAX_DEPTH} levels deep (marketlens reads none so deep; a link to a folder above it would nest
     * without end).
     */
    public long bytesUnder(String path, long limit) {
        return bytesUnder(path, limit, 0);
    }

    private static final int MAX_DEPTH = 16;

    /** Whether the files at or under {@code path} take less than {@code bytes} ({@link #bytesUnder}; a missing path holds none). */
    public boolean holdsLessThan(String path, long bytes) {
        return bytesUnder(path, bytes) < bytes;
    }

    private long bytesUnder(String path, long limit, int depth) {
        try {
            Path p = new Path(path);
            FileStatus status = fs(p).getFileStatus(p);
            if (!status.isDirectory()) {
                return Math.min(status.getLen(), limit);
            }
            if (depth > MAX_DEPTH) {
                return limit;
            }
            long total = 0;
            for (FileStatus entry : list(path)) {
                total += entry.isDirectory() ? bytesUnder(entry.getPath().toString(), limit - total, depth + 1) : entry.getLen();
                if (total >= limit) {
                    return limit;
                }
            }
            return total;
        } catch (java.io.FileNotFoundException e) {
            return 0;
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            return limit;
        }
    }

    /**
     * The names of the symbolic links directly under a local {@code dir} whose target does not exist, sorted ({@link
     * #list} leaves them out); empty on other file systems.
     */
    public List<String> danglingLinks(String dir) {
        Path p = new Path(dir);
        FileSystem fs = fs(p);
        if (!"file".equals(fs.getUri().getScheme())) {
            return List.of();
        }
        java.nio.file.Path local = java.nio.file.Paths.get(fs.makeQualified(p).toUri());
        if (!java.nio.file.Files.isDirectory(local)) {
            return List.of();
        }
        try (java.util.stream.Stream<java.nio.file.Path> entries = java.nio.file.Files.list(local)) {
            return entries.filter(e -> java.nio.file.Files.isSymbolicLink(e) && !java.nio.file.Files.exists(e))
                    .map(e -> e.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the folder " + dir + " (" + why(e) + ")", e);
        }
    }

    /**
     * Entries directly under {@code dir}, sorted by name, the checksum files ({@code .<name>.crc}) of a checksumming
     * file system included, which {@link #list} does not show; empty when it does not exist.
     */
    public List<FileStatus> listWithChecksums(String dir) {
        Path p = new Path(dir);
        try {
            FileSystem fs = fs(p);
            FileSystem raw = fs instanceof org.apache.hadoop.fs.ChecksumFileSystem c ? c.getRawFileSystem() : fs;
            if (!raw.exists(p)) {
                return List.of();
            }
            List<FileStatus> out = new ArrayList<>(Arrays.asList(raw.listStatus(p)));
            out.sort(Comparator.comparing(s -> s.getPath().getName()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens a file to read. On a checksumming file system (the local disk) the file is read without its checksum file:
     * inputs come without one, and looking for {@code .<name>.crc} fails on a name with a colon.
     */
    public InputStream open(String path) throws IOException {
        Path p = new Path(path);
        FileSystem fs = fs(p);
        return fs instanceof org.apache.hadoop.fs.ChecksumFileSystem c ? c.getRawFileSystem().open(p) : fs.open(p);
    }

    public OutputStream create(String path) throws IOException {
        Path p = new Path(path);
        return fs(p).create(p, true);
    }

    /** Creates a file that must not exist yet (an exclusive create, the basis of the lock on remote file systems). */
    public OutputStream createNew(String path) throws IOException {
        Path p = new Path(path);
        return fs(p).create(p, false);
    }

    public String readString(String path) {
        try (InputStream in = open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code text} to a temporary sibling, then renames it over {@code path} in one step. */
    public void writeStringAtomically(String path, String text) {
        String tmp = path + ".tmp-" + Long.toHexString(System.nanoTime());
        try {
            try (OutputStream out = create(tmp)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            rename(tmp, path, true);
        } catch (IOException e) {
            delete(tmp);
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks that files can be created in the folder {@code dir} (made if missing) by creating and removing one, so that
     * a run finds out before it changes anything; {@code what} names the folder's role in the message ("the output
     * folder"). Throws {@link NotWritableException} with one sentence otherwise.
     */
    public void checkWritable(String dir, String what, String option) {
        Path p = new Path(dir);
        String probe = join(dir, ".marketlens-write-check-" + java.util.UUID.randomUUID());
        try {
            FileSystem fs = fs(p);
            if (fs.exists(p) && !fs.getFileStatus(p).isDirectory()) {
                throw new IOException("it is a file, not a folder");
            }
            if (!fs.mkdirs(p)) {
                throw new IOException("the folder cannot be created");
            }
            try (OutputStream out = fs.create(new Path(probe), false)) {
                out.write(0);
            }
            fs.delete(new Path(probe), false);
        } catch (IOException | RuntimeException e) {
            throw new NotWritableException(what + " " + dir + " cannot be written (" + why(e) + "); give " + option
                    + " a folder this user may write to, or change its permissions", e);
        }
    }

    /**
     * What went wrong, in a few words for a sentence: "permission denied" (the JDK's {@code AccessDeniedException}, whose
     * message is the path alone, or an exception saying so anywhere in its causes), "no such file or folder", else the
     * message (the exception's name when it has none).
     */
    public static String why(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.file.AccessDeniedException || String.valueOf(t.getMessage()).contains("ermission denied")
                    || t instanceof org.apache.hadoop.security.AccessControlException) {
                return "permission denied";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.file.NoSuchFileException || t instanceof java.io.FileNotFoundException) {
                return "no such file or folder";
            }
        }
        if (e instanceof org.apache.hadoop.fs.FSError && e.getCause() != null) {
            return why(e.getCause()); // the local file system's wrapper of an I/O error says only its cause
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * The path a refused permission was about, where the exception says it: an {@code AccessDeniedException}'s file, the
     * {@code <path> (Permission denied)} of a {@code FileNotFoundException}; empty otherwise.
     */
    public static java.util.Optional<String> deniedPath(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.file.AccessDeniedException a && a.getFile() != null) {
                return java.util.Optional.of(a.getFile());
            }
            String m = String.valueOf(t.getMessage());
            int at = m.indexOf(" (Permission denied)");
            if (at > 0) {
                return java.util.Optional.of(m.substring(m.lastIndexOf(": ", at) < 0 ? 0 : m.lastIndexOf(": ", at) + 2, at));
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether {@code e}, or one of its causes, is a permission refused. */
    public static boolean permissionDenied(Throwable e) {
        return "permission denied".equals(why(e));
    }

    public void mkdirs(String path) {
        Path p = new Path(path);
        try {
            fs(p).mkdirs(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path + ": " + e.getMessage(), e);
        }
    }

    /** Renames {@code from} to {@code to}; with {@code overwrite} an existing file at {@code to} is replaced atomically. */
    public void rename(String from, String to, boolean overwrite) {
        Path src = new Path(from);
        Path dst = new Path(to);
        try {
            FileContext fc = FileContext.getFileContext(URI.create(fs(src).getUri().toString()), conf);
            if (overwrite) {
                fc.rename(src, dst, Options.Rename.OVERWRITE);
            } else {
                fc.rename(src, dst, Options.Rename.NONE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    /** Copies a file or folder tree. */
    public void copy(String from, String to) {
        Path src = new Path(from);
        Path dst = new Path(to);
        try {
            org.apache.hadoop.fs.FileUtil.copy(fs(src), src, fs(dst), dst, false, conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    public void delete(String path) {
        Path p = new Path(path);
        try {
            fs(p).delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
        }
    }

    /** The local file of {@code path} (a path on the local disk, with or without {@code file:}); empty on another file system. */
    public java.util.Optional<java.nio.file.Path> localFile(String path) {
        return isLocal(path) ? java.util.Optional.of(java.nio.file.Path.of(new Path(qualify(path)).toUri()))
                : java.util.Optional.empty();
    }

    public boolean isLocal(String path) {
        String scheme = fs(new Path(path)).getUri().getScheme();
        return scheme == null || "file".equals(scheme);
    }

    public static String join(String dir, String... parts) {
        StringBuilder sb = new StringBuilder(dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir);
        for (String part : parts) {
            sb.append('/').append(part);
        }
        return sb.toString();
    }
}
