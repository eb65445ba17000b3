package io.marketlens.ingest;

import io.marketlens.io.Storage;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileStatus;

/**
 * Finds the exports of an input folder ({@code <input>/sales/*.csv}, {@code competitors/}, {@code logistics/},
 * {@code fx_rates/}; .csv, .tsv, .txt and .xlsx files) and fingerprints each with SHA-256. In the same pass over a file bigger than one chunk
 * it finds where tasks may start reading ({@link RecordBoundaries}). Anything else in the folder is
 * reported, not read.
 */
public final class InputScanner {

    private final Storage storage;
    private final Consumer<String> warn;
    private final IngestSettings config;
    private final long chunkBytes;

    /** @param chunkBytes the size above which a file is read by several tasks, about this much each */
    public InputScanner(Storage storage, Consumer<String> warn, IngestSettings config, long chunkBytes) {
        this.storage = storage;
        this.warn = warn;
        this.config = config;
        this.chunkBytes = chunkBytes;
    }

    /** An entry of an input folder that is not read, and why. */
    public record Skipped(String path, String reason) {
    }

    private final List<Skipped> skipped = new ArrayList<>();
    private FingerprintCache cache = FingerprintCache.empty();
    private final Map<String, FingerprintCache.Entry> seen = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Takes the SHA-256 of a file that has the size and modification time it had when an earlier run read it through
     * from {@code kept} ({@link FingerprintCache}), instead of reading it through again; such a file comes without its
     * chunks planned (see {@link #complete}).
     */
    public InputScanner useCache(FingerprintCache kept) {
        this.cache = kept;
        return this;
    }

    /** The fingerprints of the files of the last {@link #scan} (and of those completed since), by path. */
    public Map<String, FingerprintCache.Entry> fingerprints() {
        return Map.copyOf(seen);
    }

    /**
     * The file read through, with its chunks planned, when its fingerprint came from the cache (to be parsed, it needs
     * its chunks); the file itself otherwise. Its SHA-256 is that of its bytes now, which the caller compares with the
     * one it had.
     */
    public InputFile complete(InputFile f) {
        if (f.chunking() != null) {
            return f;
        }
        long at = System.currentTimeMillis();
        Fingerprint fp = fingerprint(f.source(), f.path(), f.display(), f.size());
        seen.put(f.path(), new FingerprintCache.Entry(f.size(), f.modifiedMillis(), at, fp.sha256(), fp.lines()));
        return new InputFile(f.source(), f.path(), f.display(), fp.sha256(), f.size(), f.modifiedMillis(), f.batch(),
                fp.chunking(), fp.lines());
    }

    /** The entries the last {@link #scan} passed over, in folder order, each also said in the progress. */
    public List<Skipped> skipped() {
        return List.copyOf(skipped);
    }

    private void skip(String path, String reason) {
        skipped.add(new Skipped(path, reason));
        warn.accept("ignored " + path + ": " + reason);
    }

    /** Files per source, ordered by modification time then name (batch numbers are assigned later). */
    public Map<Source, List<InputFile>> scan(String input) {
        skipped.clear();
        seen.clear();
        if (!storage.isDirectory(input)) {
            throw new UnreadableFileException("input folder " + input + " does not exist or is not a folder; pass the folder"
                    + " that holds sales/, competitors/, logistics/ and fx_rates/ to --input");
        }
        Map<Source, List<InputFile>> out = new EnumMap<>(Source.class);
        Map<Source, List<java.util.concurrent.Future<InputFile>>> pending = new EnumMap<>(Source.class);
        Map<Source, List<FileStatus>> toRead = new EnumMap<>(Source.class);
        Map<Source, String> dirOf = new EnumMap<>(Source.class);
        checkFolder(storage, input);
        for (FileStatus entry : storage.list(input)) {
            String name = entry.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;   // beside the source folders: a tool's own files (.DS_Store, _SUCCESS), no input
            }
            var source = entry.isDirectory() ? Source.fromDirName(name) : java.util.Optional.<Source>empty();
            if (source.isEmpty()) {
                if (entry.isDirectory() || isExport(name)) { // notes and configs beside the folders are no mistake
                    skip(Storage.join(input, name), "exports belong in sales/, competitors/, logistics/ or fx_rates/");
                }
                continue;
            }
            List<FileStatus> files = new ArrayList<>();
            toRead.put(source.get(), files);
            dirOf.put(source.get(), name);
            for (FileStatus f : storage.list(entry.getPath().toString())) {
                String fname = f.getPath().getName();
                String path = Storage.join(input, name, fname);
                if (f.isDirectory()) {
                    skip(path, "a folder (or a link to one): only the files directly in " + name + "/ are read");
                } else if (fname.startsWith(".") || fname.startsWith("_")) {
                    skip(path, "a name beginning with '" + fname.charAt(0) + "' is a hidden or a tool's own file; rename it"
                            + " to read it");
                } else if (fname.toLowerCase(Locale.ROOT).endsWith(".xls")) {
                    skip(path, "an old binary Excel workbook (.xls) is not read; save it as .xlsx or CSV (UTF-8)");
                } else if (!isExport(fname)) {
                    skip(path, "only .csv, .tsv, .txt and .xlsx exports are read");
                } else {
                    files.add(f);
                }
            }
            for (String dangling : storage.danglingLinks(entry.getPath().toString())) {
                skip(Storage.join(input, name, dangling), "a link to a file that does not exist");
            }
        }
        // the fingerprints are independent: one thread per core reads the files
        int count = toRead.values().stream().mapToInt(List::size).sum();
        int threads = Math.max(1, Math.min(count, Runtime.getRuntime().availableProcessors()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "marketlens-fingerprint");
            t.setDaemon(true);
            return t;
        });
        try {
            toRead.forEach((source, files) -> {
                List<java.util.concurrent.Future<InputFile>> futures = new ArrayList<>();
                pending.put(source, futures);
                for (FileStatus f : files) {
                    String path = f.getPath().toString();
                    String display = Storage.join(input, dirOf.get(source), f.getPath().getName());
                    futures.add(pool.submit(() -> {
                        Optional<FingerprintCache.Entry> kept = cache.lookup(path, f.getLen(), f.getModificationTime());
                        if (kept.isPresent()) {
                            // unchanged since an earlier run read it through: not planned (see complete)
                            seen.put(path, kept.get());
                            return new InputFile(source, path, display, kept.get().sha256(), f.getLen(),
                                    f.getModificationTime(), 0, null, kept.get().lines());
                        }
                        long at = System.currentTimeMillis();
                        Fingerprint fp = fingerprint(source, path, display, f.getLen());
                        seen.put(path, new FingerprintCache.Entry(f.getLen(), f.getModificationTime(), at, fp.sha256(), fp.lines()));
                        return new InputFile(source, path, display, fp.sha256(), f.getLen(), f.getModificationTime(), 0,
                                fp.chunking(), fp.lines());
                    }));
                }
            });
            for (Map.Entry<Source, List<java.util.concurrent.Future<InputFile>>> e : pending.entrySet()) {
                List<InputFile> files = new ArrayList<>();
                for (java.util.concurrent.Future<InputFile> future : e.getValue()) {
                    files.add(result(future));
                }
                out.put(e.getKey(), files);
            }
        } finally {
            pool.shutdownNow();
        }
        for (List<InputFile> files : out.values()) {
            files.sort(java.util.Comparator.comparingLong(InputFile::modifiedMillis).thenComparing(InputFile::path));
        }
        return out;
    }

    /**
     * Throws {@link InputFolderException} when {@code input} holds exports but no {@code sales/}, {@code competitors/},
     * {@code logistics/} or {@code fx_rates/} folder, so that nothing is read or written for the wrong folder; a folder
     * that does not exist, or holds no export, passes (the scan reports the one, and finds nothing in the other).
     */
    public static void checkFolder(Storage storage, String input) {
        if (!storage.isDirectory(input)) {
            return;
        }
        boolean sourceFolder = false;
        boolean looseExport = false;
        for (FileStatus entry : storage.list(input)) {
            String name = entry.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            sourceFolder |= entry.isDirectory() && Source.fromDirName(name).isPresent();
            looseExport |= !entry.isDirectory() && isExport(name);
        }
        if (looseExport && !sourceFolder) {
            throw new InputFolderException(wrongFolder(input));
        }
    }

    /**
     * What to pass instead of a folder that holds exports but no source folder: its parent when it is itself a source
     * folder ({@code mydata/sales}), else where its exports belong.
     */
    static String wrongFolder(String input) {
        String folder = input.length() > 1 && input.endsWith("/") ? input.substring(0, input.length() - 1) : input;
        int slash = folder.lastIndexOf('/');
        String what = folder + " holds data files but no sales/, competitors/, logistics/ or fx_rates/ folder: ";
        if (Source.fromDirName(folder.substring(slash + 1)).isPresent()) {
            String parent = slash < 0 ? "." : slash == 0 ? "/" : folder.substring(0, slash);
            return what + "pass its parent, --input " + parent;
        }
        return what + "move each export into the folder of its source, e.g. " + Storage.join(folder, "sales") + "/";
    }

    private static InputFile result(java.util.concurrent.Future<InputFile> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fingerprinting the input files", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static boolean isExport(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") || n.endsWith(".tsv") || n.endsWith(".txt") || InputFile.isWorkbook(n);
    }

    private record Fingerprint(String sha256, Chunking chunking, long lines) {
    }

    private Fingerprint fingerprint(Source source, String path, String display, long size) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (Tap tap = new Tap(storage.open(path), digest)) {
            Chunking layout = InputFile.isWorkbook(path)
                    ? Chunking.whole(size > chunkBytes ? "it is an Excel workbook" : null)
                    : size > chunkBytes ? startPlan(tap, source, display) : Chunking.whole(null);
            byte[] buf = new byte[1 << 16];
            while (tap.read(buf) >= 0) {
                // the tap digests, and finds boundaries in, what passes through it
            }
            return new Fingerprint(HexFormat.of().formatHex(digest.digest()), finishPlan(tap, layout, size),
                    InputFile.isWorkbook(path) ? -1 : tap.lines.lines());
        } catch (IOException | UncheckedIOException | org.apache.hadoop.fs.FSError e) {
            // FSError: the local file system's wrapping of a read that failed (an I/O error of the disk)
            throw new UnreadableFileException(display + ": cannot be read (" + Storage.why(e) + "); "
                    + (Storage.permissionDenied(e) ? "let the user running marketlens read it, or move it out of the input folder"
                    : "check that it is still there and readable"), e);
        }
    }

    /**
     * Reads the header as a task would, then hands the bytes read so far and all that follow to the record
     * boundaries. Returns the layout (splits to come), or a whole-file chunking when the file cannot be split.
     */
    private Chunking startPlan(Tap tap, Source source, String display) {
        tap.hold();
        CsvFileReader head;
        try {
            head = CsvFileReader.open(tap.unclosable(), display, source, config.source(source));
        } catch (UnreadableFileException e) {
            tap.release(null);
            return Chunking.whole(null); // the header check before parsing reports it
        }
        Optional<String> why = RecordBoundaries.unsplittable(Charset.forName(head.encoding()), head.delimiter())
                .or(() -> carriesDown(source, head.header(), display));
        if (why.isPresent()) {
            tap.release(null);
            return Chunking.whole(why.get());
        }
        tap.release(new RecordBoundaries(head.delimiter(), chunkBytes, head.byteOrderMark(), head.preambleLines(),
                head.header().size(), config.source(source).maxLinesPerRecord()));
        return new Chunking(head.encoding(), head.delimiter(), head.header(), List.of(), null);
    }

    /**
     * Why the file must be read in order by one task: its mapping carries values down from row to row (an order's fields
     * given on its first line only), which a task starting inside the file could not know.
     */
    private Optional<String> carriesDown(Source source, List<String> header, String display) {
        HeaderMapping mapping;
        try {
            mapping = HeaderMapping.resolve(source, config.source(source), header, display);
        } catch (UnreadableFileException e) {
            return Optional.empty(); // the header check before parsing reports it
        }
        return mapping.carries()
                ? Optional.of("its rows carry an order's values down from its first line"
                        + mapping.preset().map(m -> " (preset " + m.preset().name() + ")").orElse(""))
                : Optional.empty();
    }

    private Chunking finishPlan(Tap tap, Chunking layout, long size) {
        if (tap.boundaries == null) {
            return layout;
        }
        // a record start at the end of the file would begin an empty chunk
        List<Chunking.Split> splits = tap.boundaries.splits().stream().filter(s -> s.offset() < size).toList();
        if (splits.isEmpty()) {
            return Chunking.whole("no line ends outside quotes after its first " + Chunking.size(chunkBytes)
                    + " (line breaks that are CR alone, or a quote never closed)");
        }
        return new Chunking(layout.charset(), layout.delimiter(), layout.header(), splits, null);
    }

    /**
     * Every byte read through it goes into the digest and, once boundaries are being found, to them; while the
     * header is read the bytes are held, since the delimiter that the boundaries need comes from the header.
     */
    private static final class Tap extends FilterInputStream {

        private final MessageDigest digest;
        private final LineCounter lines = new LineCounter();
        private ByteArrayOutputStream held;
        private RecordBoundaries boundaries;

        Tap(InputStream in, MessageDigest digest) {
            super(in);
            this.digest = digest;
        }

        void hold() {
            held = new ByteArrayOutputStream();
        }

        /** Stops holding; {@code next} (may be null) gets the held bytes and all bytes read from now on. */
        void release(RecordBoundaries next) {
            boundaries = next;
            if (next != null) {
                next.accept(held.toByteArray(), 0, held.size());
            }
            held = null;
        }

        /** This stream for a reader that would close it when done with it; the scan reads on. */
        InputStream unclosable() {
            return new FilterInputStream(this) {
                @Override
                public void close() {
                }
            };
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
                lines.accept(b, off, n);
                if (held != null) {
                    held.write(b, off, n);
                } else if (boundaries != null) {
                    boundaries.accept(b, off, n);
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] scratch = new byte[(int) Math.min(n, 1 << 16)];
            int read = read(scratch, 0, scratch.length); // bytes skipped are fingerprinted too
            return Math.max(read, 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
