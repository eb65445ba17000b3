package io.marketlens.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's local file system ({@code file:} paths) without a process per file. Without Hadoop's native library, which
 * marketlens does not ship, Hadoop's {@link RawLocalFileSystem} starts a process for two things a run does hundreds of
 * times: it sets the mode of every file and folder it creates with a permission — each Parquet file, each Delta log
 * entry and checksum, each {@code .crc} side file — with {@code chmod}, and it asks whether a path is a symbolic link
 * with {@code readlink} before every rename through Hadoop's {@code FileContext}, which is how Delta writes each log
 * entry and checksum: the demo started 776 and 180 of them (Flight Recorder's {@code jdk.ProcessStart}). Here the modes
 * are set through Java's file API, the same bits, and a path that Java finds is not a symbolic link gets its plain
 * status, as Hadoop gives for it; a mode with the sticky bit (which Java's API cannot set), a file store without POSIX
 * modes, a symbolic link, and everything when the native library is there go Hadoop's own way.
 *
 * <p>{@code SparkSessions} makes it the {@code fs.file.impl}, and {@link Fs} the {@code fs.AbstractFileSystem.file.impl},
 * of a session run directly (not under spark-submit), unless the session is given others. Hadoop keeps one file system
 * per scheme for the whole JVM, made by the first caller with the settings of that caller: the commands make the
 * session before they touch a file through Hadoop, so theirs is this one.
 */
public final class LocalFileSystemWithoutShell extends LocalFileSystem {

    public LocalFileSystemWithoutShell() {
        super(new Raw());
    }

    /**
     * The same for {@code FileContext} (Hadoop's {@code LocalFs}): checksums over {@link RawFs}, which is Hadoop's
     * {@code RawLocalFs} over {@link Raw}.
     */
    public static final class Fs extends org.apache.hadoop.fs.ChecksumFs {

        public Fs(java.net.URI uri, org.apache.hadoop.conf.Configuration conf) throws IOException, java.net.URISyntaxException {
            super(new RawFs(uri, conf));
        }
    }

    /** Hadoop's {@code RawLocalFs} (whose constructors are not public) over {@link Raw}. */
    static final class RawFs extends org.apache.hadoop.fs.DelegateToFileSystem {

        RawFs(java.net.URI uri, org.apache.hadoop.conf.Configuration conf) throws IOException, java.net.URISyntaxException {
            super(uri, new Raw(), conf, org.apache.hadoop.fs.FsConstants.LOCAL_FS_URI.getScheme(), false);
        }

        @Override
        public int getUriDefaultPort() {
            return -1;
        }

        @Override
        public org.apache.hadoop.fs.FsServerDefaults getServerDefaults(Path f) throws IOException {
            return org.apache.hadoop.fs.local.LocalConfigKeys.getServerDefaults();
        }

        @Override
        @Deprecated
        public org.apache.hadoop.fs.FsServerDefaults getServerDefaults() throws IOException {
            return org.apache.hadoop.fs.local.LocalConfigKeys.getServerDefaults();
        }

        @Override
        public boolean isValidName(String src) {
            return true;
        }
    }

    /** The raw local file system underneath the checksums, with {@link #setPermission} and {@link #getFileLinkStatus} through Java. */
    static final class Raw extends RawLocalFileSystem {

        @Override
        public org.apache.hadoop.fs.FileStatus getFileLinkStatus(Path f) throws IOException {
            if (NativeIO.isAvailable() || Files.isSymbolicLink(pathToFile(f).toPath())) {
                return super.getFileLinkStatus(f);
            }
            return getFileStatus(f); // what Hadoop answers for a path readlink finds no link at (throws when there is none)
        }

        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            Set<PosixFilePermission> modes = NativeIO.isAvailable() ? null : modes(permission);
            if (modes == null || !setModes(p, modes)) {
                super.setPermission(p, permission);
            }
        }

        /** Sets the modes through Java; false when the file's store has no POSIX modes. */
        private boolean setModes(Path p, Set<PosixFilePermission> modes) throws IOException {
            try {
                Files.setPosixFilePermissions(pathToFile(p).toPath(), modes);
                return true;
            } catch (UnsupportedOperationException e) {
                return false; // a store without POSIX modes (FAT, SMB, ...): Hadoop's way
            }
        }
    }

    /**
     * The POSIX modes of {@code permission} (its {@code rwxr-x---} form read by Java), or null when it has the sticky bit,
     * which Java cannot set.
     */
    static Set<PosixFilePermission> modes(FsPermission permission) {
        return permission.getStickyBit() ? null : PosixFilePermissions.fromString(permission.toString());
    }
}
