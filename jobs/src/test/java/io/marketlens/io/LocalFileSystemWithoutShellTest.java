package io.marketlens.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlens.testing.SparkTestSession;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local file system without a process per file gives the modes and statuses Hadoop's own gives. */
class LocalFileSystemWithoutShellTest {

    @TempDir
    java.nio.file.Path dir;

    @Test
    void modesAreTheBitsOfThePermission() {
        assertThat(LocalFileSystemWithoutShell.modes(new FsPermission((short) 0755))).isEqualTo(EnumSet.of(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
        assertThat(PosixFilePermissions.toString(LocalFileSystemWithoutShell.modes(new FsPermission((short) 0640))))
                .isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(LocalFileSystemWithoutShell.modes(new FsPermission((short) 0203))))
                .isEqualTo("-w-----wx");
        assertThat(LocalFileSystemWithoutShell.modes(new FsPermission((short) 0))).isEmpty();
        // the sticky bit cannot be set through Java: Hadoop's own way then
        assertThat(LocalFileSystemWithoutShell.modes(new FsPermission((short) 01777))).isNull();
    }

    @Test
    void filesAndFoldersGetTheModesHadoopsOwnFileSystemGives() throws Exception {
        Configuration conf = new Configuration(false);
        FileSystem ours = new LocalFileSystemWithoutShell();
        ours.initialize(java.net.URI.create("file:///"), conf);
        FileSystem hadoops = new LocalFileSystem();
        hadoops.initialize(java.net.URI.create("file:///"), conf);
        for (short mode : new short[] {0640, 0600, 0755, 0444}) {
            String theirs = mode(hadoops, mode);
            assertThat(mode(ours, mode)).as("mode %o", mode).isEqualTo(theirs);
        }
        // with the default umask (022), a file and a folder asked for as 0664 are made 0644 by either
        assertThat(mode(ours, (short) 0664)).isEqualTo("rw-r--r-- rw-r--r--");
        ours.close();
        hadoops.close();
    }

    /** The mode of a file and a folder made with {@code mode} by {@code fs}, which must agree, as text. */
    private String mode(FileSystem fs, short mode) throws Exception {
        Path file = new Path(dir.resolve(fs.getClass().getSimpleName() + "-" + Integer.toOctalString(mode) + ".txt").toUri());
        try (var out = fs.create(file, new FsPermission(mode), true, 4096, (short) 1, 1 << 20, null)) {
            out.write(1);
        }
        Path folder = new Path(dir.resolve(fs.getClass().getSimpleName() + "-" + Integer.toOctalString(mode)).toUri());
        assertThat(fs.mkdirs(folder, new FsPermission(mode))).isTrue();
        String f = PosixFilePermissions.toString(Files.getPosixFilePermissions(java.nio.file.Path.of(file.toUri())));
        String d = PosixFilePermissions.toString(Files.getPosixFilePermissions(java.nio.file.Path.of(folder.toUri())));
        return f + " " + d;
    }

    @Test
    void aPathsLinkStatusIsHadoops() throws Exception {
        Configuration conf = new Configuration(false);
        LocalFileSystemWithoutShell.Raw ours = new LocalFileSystemWithoutShell.Raw();
        ours.initialize(java.net.URI.create("file:///"), conf);
        org.apache.hadoop.fs.RawLocalFileSystem hadoops = new org.apache.hadoop.fs.RawLocalFileSystem();
        hadoops.initialize(java.net.URI.create("file:///"), conf);
        java.nio.file.Path target = Files.writeString(dir.resolve("target.txt"), "12345");
        java.nio.file.Path link = Files.createSymbolicLink(dir.resolve("link.txt"), target);
        // as a qualified path (file:/…) and as a bare one (/…): Hadoop finds the link only in the bare one
        for (java.nio.file.Path p : new java.nio.file.Path[] {target, link, dir}) {
            for (Path path : new Path[] {new Path(p.toUri()), new Path(p.toString())}) {
                FileStatus a = ours.getFileLinkStatus(path);
                FileStatus b = hadoops.getFileLinkStatus(path);
                assertThat(a.isSymlink()).as(path.toString()).isEqualTo(b.isSymlink());
                assertThat(a.isDirectory()).isEqualTo(b.isDirectory());
                assertThat(a.getLen()).isEqualTo(b.getLen());
                assertThat(a.getPath()).isEqualTo(b.getPath());
                assertThat(a.getModificationTime()).isEqualTo(b.getModificationTime());
                if (b.isSymlink()) {
                    assertThat(a.getSymlink()).isEqualTo(b.getSymlink());
                }
            }
        }
        assertThat(ours.getFileLinkStatus(new Path(target.toUri())).getLen()).isEqualTo(5);
        assertThat(ours.getFileLinkStatus(new Path(link.toString())).isSymlink()).isTrue();
        assertThat(ours.getFileLinkStatus(new Path(link.toString())).getSymlink().toUri().getPath()).isEqualTo(target.toString());
        Path missing = new Path(dir.resolve("missing.txt").toUri());
        assertThatThrownBy(() -> ours.getFileLinkStatus(missing)).isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> hadoops.getFileLinkStatus(missing)).isInstanceOf(FileNotFoundException.class);
        ours.close();
        hadoops.close();
    }

    @Test
    void theSessionWritesLocalFilesThroughItAndRenamesThroughFileContext() throws Exception {
        Configuration conf = SparkTestSession.get().sparkContext().hadoopConfiguration();
        // a new instance: Hadoop caches one file system per scheme for the JVM, and another test may have made the
        // file: one from a configuration of its own before the session existed
        try (FileSystem fs = FileSystem.newInstance(dir.toUri(), conf)) {
            assertThat(fs).isInstanceOf(LocalFileSystemWithoutShell.class);
        }
        FileContext fc = FileContext.getFileContext(java.net.URI.create("file:///"), conf);
        assertThat(fc.getDefaultFileSystem()).isInstanceOf(LocalFileSystemWithoutShell.Fs.class);
        // a rename that must not overwrite, as Delta writes its log entries: refused when the name is taken
        Path from = new Path(dir.resolve("a.json").toUri());
        Path to = new Path(dir.resolve("b.json").toUri());
        try (var out = fc.create(from, EnumSet.of(org.apache.hadoop.fs.CreateFlag.CREATE))) {
            out.write("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        fc.rename(from, to, Options.Rename.NONE);
        assertThat(Files.readString(dir.resolve("b.json"))).isEqualTo("{}");
        assertThat(Files.exists(dir.resolve("a.json"))).isFalse();
        try (var out = fc.create(from, EnumSet.of(org.apache.hadoop.fs.CreateFlag.CREATE))) {
            out.write("[]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> fc.rename(from, to, Options.Rename.NONE))
                .isInstanceOf(org.apache.hadoop.fs.FileAlreadyExistsException.class);
        assertThat(Files.readString(dir.resolve("b.json"))).isEqualTo("{}");
    }
}
