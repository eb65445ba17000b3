package io.marketlens.run;

import io.marketlens.io.Storage;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;

/**
 * Publishes a run folder atomically: everything is written into a hidden sibling, which then takes the
 * place of {@code <output>/<as_of>}. The previous folder is moved aside first and removed last; if a
 * run dies between the two renames, the next run puts the previous folder back before it starts.
 *
 * <p>A staging folder belongs to its run: on a local disk the run holds an OS lock on {@code .partial-<run id>.lock}
 * beside it from {@link #stage} until {@link #close}, which the OS releases if the run dies. Another run writing to
 * the same output (with another warehouse) removes a staging folder only when that lock is free — the run that made
 * it is gone — and never one whose run still holds it. On other file systems, where no such lock exists, a run
 * removes only its own.
 */
public final class OutputPublisher implements AutoCloseable {

    private static final String STAGING = ".partial-";
    private static final String REPLACED = ".replaced-";
    /** The marker file Spark writes into a folder it wrote completely. */
    private static final String SUCCESS = "_SUCCESS";

    private static final String OWNER = ".lock";

    private final Storage storage;
    private final String output;
    /** The lock on this run's staging folder (local disks), and its file; null before {@link #stage}. */
    private java.nio.channels.FileChannel ownerChannel;
    private java.nio.channels.FileLock ownerLock;
    private String ownerFile;

    public OutputPublisher(Storage storage, String output) {
        this.storage = storage;
        this.output = output;
    }

    /** The lock file of the run {@code runId}'s staging folders. */
    private String ownerFile(String runId) {
        return Storage.join(output, STAGING + runId + OWNER);
    }

    /** The local file of {@code path}, or null when it is on another file system. */
    private java.nio.file.Path local(String path) {
        return storage.localFile(path).orElse(null);
    }

    /**
     * Whether the run {@code runId} is provably gone: its lock file on a local disk is absent or free. False on other
     * file systems, where that cannot be known.
     */
    private boolean gone(String runId) {
        java.nio.file.Path lockFile = local(ownerFile(runId));
        if (lockFile == null) {
            return false;
        }
        if (!java.nio.file.Files.exists(lockFile)) {
            return true;
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lockFile,
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock l = ch.tryLock();
            if (l == null) {
                return false;
            }
            l.release();
            return true;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return false;   // held by a run of this same process
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Restores a run folder left aside by a killed publish and removes abandoned staging folders. */
    public void recover() {
        if (!storage.exists(output)) {
            return;
        }
        List<FileStatus> entries = storage.list(output);
        for (FileStatus st : entries) {
            String name = st.getPath().getName();
            int at = name.indexOf(REPLACED);
            if (name.startsWith(".") && at > 0) {
                String target = Storage.join(output, name.substring(1, at));
                if (!storage.exists(target)) {
                    storage.rename(st.getPath().toString(), target, false);
                } else {
                    storage.delete(st.getPath().toString());
                }
            }
        }
        // staging folders (.<name>.partial-<run id>) and lock files (.partial-<run id>.lock) of runs that are gone
        for (FileStatus st : entries.stream().sorted(Comparator.comparing(st -> st.getPath().getName())).toList()) {
            String name = st.getPath().getName();
            int at = name.indexOf(STAGING);
            if (!name.startsWith(".") || at < 0) {
                continue;
            }
            String runId = name.substring(at + STAGING.length());
            boolean lockFile = at == 0 && runId.endsWith(OWNER);
            if (lockFile) {
                runId = runId.substring(0, runId.length() - OWNER.length());
            }
            if (!runId.isEmpty() && gone(runId)) {
                storage.delete(st.getPath().toString());
            }
        }
    }

    /**
     * A fresh staging folder for the run folder {@code name}, owned by this run: on a local disk its lock is held until
     * {@link #close}.
     */
    public String stage(String name, String runId) {
        String dir = Storage.join(output, "." + name + STAGING + runId);
        storage.mkdirs(dir);
        java.nio.file.Path lockFile = local(ownerFile(runId));
        if (lockFile != null && ownerLock == null) {
            try {
                ownerChannel = java.nio.channels.FileChannel.open(lockFile, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.WRITE);
                ownerLock = ownerChannel.lock();
                ownerFile = lockFile.toString();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(new java.io.IOException("cannot write to the output folder " + output
                        + " (" + e.getMessage() + "); give an --output this user may write to", e));
            }
        }
        return dir;
    }

    /** Releases this run's staging lock and removes its lock file. */
    @Override
    public void close() {
        if (ownerLock == null) {
            return;
        }
        try {
            ownerLock.release();
            ownerChannel.close();
            java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(ownerFile));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            ownerLock = null;
        }
    }

    /**
     * Moves the staging folder into place as {@code <output>/<name>} and returns that path. The file system's checksum
     * files ({@code .part-00000.parquet.crc}, {@code .manifest.json.crc}, ...) and Spark's {@code _SUCCESS} markers are
     * removed from it first: they describe how the files were written, not the run, and the run folder holds only what
     * a reader of the run opens.
     */
    public String publish(String staged, String name, String runId) {
        removeWriteMarkers(staged);
        String target = Storage.join(output, name);
        String aside = Storage.join(output, "." + name + REPLACED + runId);
        boolean replacing = storage.exists(target);
        if (replacing) {
            storage.rename(target, aside, false);
        }
        storage.rename(staged, target, false);
        if (replacing) {
            storage.delete(aside);
        }
        return target;
    }

    /** Whether a file is a checksum file or a {@code _SUCCESS} marker left by a writer. */
    static boolean isWriteMarker(String fileName) {
        return fileName.endsWith(".crc") || fileName.equals(SUCCESS);
    }

    /** Deletes the checksum files and {@code _SUCCESS} markers anywhere under {@code dir}. */
    private void removeWriteMarkers(String dir) {
        for (FileStatus st : storage.listWithChecksums(dir)) {
            String path = st.getPath().toString();
            if (st.isDirectory()) {
                removeWriteMarkers(path);
            } else if (isWriteMarker(st.getPath().getName()) && storage.exists(path)) {
                // a marker's own checksum goes with it, so it may be gone by the time its turn comes
                storage.delete(path);
            }
        }
    }
}
