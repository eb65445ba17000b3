package io.marketlens.warehouse;

import io.marketlens.io.Storage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One run at a time per warehouse. On a local disk an OS file lock is used, which the OS releases if
 * the process dies, so a killed run never blocks the next. On other file systems a lock file is created
 * exclusively and removed at the end; one left by a killed run is named in the message for removal.
 */
public final class WarehouseLock implements AutoCloseable {

    static final String LOCK_FILE = ".lock";

    private final Storage storage;
    private final String lockPath;
    private final FileChannel channel;
    private final FileLock lock;

    private WarehouseLock(Storage storage, String lockPath, FileChannel channel, FileLock lock) {
        this.storage = storage;
        this.lockPath = lockPath;
        this.channel = channel;
        this.lock = lock;
    }

    static WarehouseLock acquire(Storage storage, String warehouse, String runId) {
        storage.mkdirs(warehouse);
        String lockPath = Storage.join(warehouse, LOCK_FILE);
        String holder = "run " + runId + " (" + ManagementFactory.getRuntimeMXBean().getName() + ") since " + Instant.now();
        java.util.Optional<Path> local = storage.localFile(lockPath);
        if (local.isPresent()) {
            Path p = local.get();
            try {
                FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null;
                }
                if (l == null) {
                    String by = Files.readString(p, StandardCharsets.UTF_8).strip();
                    ch.close();
                    throw busy(warehouse, by);
                }
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)));
                return new WarehouseLock(storage, lockPath, ch, l);
            } catch (IOException e) {
                throw cannotLock(warehouse, lockPath, e);
            }
        }
        try (OutputStream out = storage.createNew(lockPath)) {
            out.write(holder.getBytes(StandardCharsets.UTF_8));
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            throw busy(warehouse, storage.readString(lockPath).strip() + "; if that run is no longer alive, delete " + lockPath);
        } catch (IOException e) {
            throw cannotLock(warehouse, lockPath, e);
        }
        return new WarehouseLock(storage, lockPath, null, null);
    }

    /** The lock file cannot be created or opened: one sentence with the cause and what to do. */
    private static io.marketlens.io.NotWritableException cannotLock(String warehouse, String lockPath, IOException e) {
        return new io.marketlens.io.NotWritableException("cannot lock the warehouse " + warehouse + ": its lock file "
                + lockPath + " cannot be created or opened for writing (" + Storage.why(e) + "); let this user write to "
                + (Storage.permissionDenied(e) ? "that file and folder" : "that folder")
                + ", or give --warehouse a folder it may write to", e);
    }

    private static WarehouseBusyException busy(String warehouse, String by) {
        return new WarehouseBusyException("warehouse " + warehouse + " is in use by another marketlens run (" + by
                + "); wait for it to finish, or give this run its own --warehouse");
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                channel.truncate(0);
                lock.release();
                channel.close();
            } else {
                storage.delete(lockPath);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
