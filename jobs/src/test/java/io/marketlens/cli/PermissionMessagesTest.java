package io.marketlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.io.Storage;
import io.marketlens.testing.Files2;
import io.marketlens.testing.SparkTestSession;
import io.marketlens.testing.StdStreams;
import io.marketlens.testing.StdStreams.Captured;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file or folder the run cannot read or write is one sentence naming it, why and what to do, with exit code 1 — never a
 * Java exception. Root reads and writes whatever the permission bits say, so the tests that set them skip where they are
 * not enforced; the others make the same failures in ways that hold for root too.
 */
class PermissionMessagesTest {

    private static final String SALES = "order_id,line_id,order_ts,platform,marketplace,category,seller_id,product_id,"
            + "unit_price,quantity,currency,status\no1,1,2024-01-05,amazon,US,Kitchen,s1,p1,10.50,2,USD,shipped\n";

    @TempDir
    Path dir;

    /**
     * Whether this process is refused what the permission bits refuse: not so for root with its usual capabilities
     * ({@code .ci/run} runs this class a second time without them: {@code setpriv --bounding-set=-dac_override,…}).
     */
    private boolean permissionsEnforced() throws IOException {
        Path probe = Files2.write(dir.resolve("probe"), "x");
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("---------"));
        try {
            Files.readAllBytes(probe);
            return false;
        } catch (AccessDeniedException e) {
            return true;
        } finally {
            Files.delete(probe);
        }
    }

    @Test
    void theCauseOfAnIoFailureInAFewWords() {
        // the JDK's AccessDeniedException says nothing but the path: "cannot lock warehouse …/.lock" was all one saw
        AccessDeniedException denied = new AccessDeniedException("/data/wh/.lock");
        assertThat(Storage.why(new UncheckedIOException(denied))).isEqualTo("permission denied");
        assertThat(Storage.deniedPath(new UncheckedIOException(denied))).contains("/data/wh/.lock");
        FileNotFoundException hadoop = new FileNotFoundException("/data/in/sales/a.csv (Permission denied)");
        assertThat(Storage.why(new IOException("cannot open", hadoop))).isEqualTo("permission denied");
        assertThat(Storage.deniedPath(hadoop)).contains("/data/in/sales/a.csv");
        assertThat(Storage.why(new java.nio.file.NoSuchFileException("/data/in/x.csv"))).isEqualTo("no such file or folder");
        assertThat(Storage.why(new IOException("Input/output error"))).isEqualTo("Input/output error");
        assertThat(Storage.permissionDenied(new IOException("Input/output error"))).isFalse();
    }

    @Test
    void aWarehouseLockThatCannotBeOpenedIsOneSentence() throws IOException {
        SparkTestSession.get();
        Files2.write(dir.resolve("in/sales/orders.csv"), SALES);
        Path warehouse = dir.resolve("wh");
        // a folder where the lock file goes: it cannot be opened for writing, whoever runs the test
        Files.createDirectories(warehouse.resolve(".lock"));
        Captured c = StdStreams.capture(() -> MarketlensCli.execute("ingest", "--input", dir.resolve("in").toString(),
                "--warehouse", warehouse.toString()));
        assertThat(c.exitCode()).isEqualTo(1);
        assertThat(c.err().strip()).startsWith("marketlens: cannot lock the warehouse " + warehouse + ": its lock file "
                + warehouse.resolve(".lock") + " cannot be created or opened for writing (")
                .endsWith("); let this user write to that folder, or give --warehouse a folder it may write to")
                .doesNotContain("Exception").doesNotContain("\n");
    }

    @Test
    void anInputFileThatCannotBeReadIsOneSentence() throws IOException {
        SparkTestSession.get();
        Path mem = Path.of("/proc/self/mem");
        Assumptions.assumeTrue(Files.exists(mem), "needs /proc/self/mem, whose first bytes no one may read");
        Files2.write(dir.resolve("in/sales/orders.csv"), SALES);
        Files.createSymbolicLink(dir.resolve("in/sales/memory.csv"), mem);
        Captured c = StdStreams.capture(() -> MarketlensCli.execute("validate", "--input", dir.resolve("in").toString()));
        assertThat(c.exitCode()).isEqualTo(1);
        assertThat(c.err().strip()).endsWith("marketlens: " + dir.resolve("in/sales/memory.csv") + ": cannot be read"
                + " (Input/output error); check that it is still there and readable");
    }

    @Test
    void anInputFileWithoutReadPermissionIsOneSentence() throws IOException {
        Assumptions.assumeTrue(permissionsEnforced(), "this process reads any file (root)");
        SparkTestSession.get();
        Path file = Files2.write(dir.resolve("in/sales/orders.csv"), SALES);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        Captured c = StdStreams.capture(() -> MarketlensCli.execute("validate", "--input", dir.resolve("in").toString()));
        assertThat(c.exitCode()).isEqualTo(1);
        assertThat(c.err().strip()).endsWith("marketlens: " + file + ": cannot be read (permission denied); let the user"
                + " running marketlens read it, or move it out of the input folder");
    }

    @Test
    void aWarehouseWithoutWritePermissionIsOneSentence() throws IOException {
        Assumptions.assumeTrue(permissionsEnforced(), "this process writes any folder (root)");
        SparkTestSession.get();
        Files2.write(dir.resolve("in/sales/orders.csv"), SALES);
        Path warehouse = Files.createDirectories(dir.resolve("wh"));
        Files.setPosixFilePermissions(warehouse, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Captured c = StdStreams.capture(() -> MarketlensCli.execute("ingest", "--input", dir.resolve("in").toString(),
                    "--warehouse", warehouse.toString()));
            assertThat(c.exitCode()).isEqualTo(1);
            assertThat(c.err().strip()).startsWith("marketlens: ").contains(warehouse.toString())
                    .contains("permission denied").doesNotContain("Exception").doesNotContain("\n");
        } finally {
            Files.setPosixFilePermissions(warehouse, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
