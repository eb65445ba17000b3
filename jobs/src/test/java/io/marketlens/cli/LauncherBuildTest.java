package io.marketlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher builds once after its sources change, also when the build leaves the jar as it was (Maven does not
 * rewrite a jar whose classes did not change, e.g. after git touched pom.xml): the launcher runs in a copy of the
 * project's layout with stand-ins for {@code mvn} and {@code java} that only say they ran.
 */
class LauncherBuildTest {

    private static final Path LAUNCHER = Path.of(System.getProperty("user.dir")).getParent().resolve("bin/marketlens");

    @TempDir
    Path tmp;

    @Test
    void aBuildThatLeavesTheJarAsItWasIsNotRepeatedByTheNextCommand() throws Exception {
        Path home = tmp.resolve("home");
        Path bin = home.resolve("bin");
        Files.createDirectories(bin);
        Files.copy(LAUNCHER, bin.resolve("marketlens"));
        Path target = home.resolve("jobs/target");
        Files.createDirectories(target);
        Path jar = target.resolve("marketlens-jobs-0.1.0-SNAPSHOT.jar");
        Files.writeString(jar, "jar");
        Files.writeString(target.resolve("classpath.txt"), "");
        Files.createDirectories(home.resolve("jobs/src/main"));
        Path pom = home.resolve("pom.xml");
        Files.writeString(pom, "<project/>");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));
        Files.setLastModifiedTime(target.resolve("classpath.txt"), FileTime.from(Instant.now().minusSeconds(3600)));

        // stand-ins: mvn leaves the jar untouched, java says it ran
        Path tools = tmp.resolve("tools");
        Files.createDirectories(tools);
        script(tools.resolve("mvn"), "echo mvn >> \"" + tmp.resolve("builds") + "\"\n");
        script(tools.resolve("java"), "echo java ran\n");

        assertThat(launch(home, tools)).contains("building").contains("java ran");
        assertThat(launch(home, tools)).doesNotContain("building").contains("java ran");
        assertThat(Files.readAllLines(tmp.resolve("builds"))).hasSize(1);

        // a source changed after that build: one build again
        Files.setLastModifiedTime(pom, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(launch(home, tools)).contains("building");
        assertThat(Files.readAllLines(tmp.resolve("builds"))).hasSize(2);
    }

    private static void script(Path file, String body) throws Exception {
        Files.writeString(file, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String launch(Path home, Path tools) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", home.resolve("bin/marketlens").toString(), "--version"))
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PATH", tools + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("MARKETLENS_CDS", "off");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
