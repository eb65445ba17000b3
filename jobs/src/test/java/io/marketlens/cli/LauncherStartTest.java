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
 * What the launcher builds and how it starts Java, run in a copy of the project's layout with stand-ins for {@code mvn}
 * and {@code java} that only say they ran (and with what): it builds once after its sources change, also when the build
 * leaves the jar as it was (Maven does not rewrite a jar whose classes did not change, e.g. after git touched pom.xml);
 * it picks the heap and the JIT compilers by the size of the data a command reads.
 */
class LauncherStartTest {

    @TempDir
    Path tmp;

    @Test
    void aBuildThatLeavesTheJarAsItWasIsNotRepeatedByTheNextCommand() throws Exception {
        Path home = project();
        Path pom = home.resolve("pom.xml");
        for (String built : List.of("marketlens-jobs-0.1.0-SNAPSHOT.jar", "classpath.txt")) {
            Files.setLastModifiedTime(home.resolve("jobs/target").resolve(built), FileTime.from(Instant.now().minusSeconds(3600)));
        }

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

    @Test
    void smallDataRunsWithTheFirstCompilerTierOnlyTheSerialCollectorAndTheSmallerHeap() throws Exception {
        Path home = project();
        Path tools = echoingTools();
        Path input = tmp.resolve("input");
        LauncherHeapTest.fill(input.resolve("sales/a.csv"), 15);

        String small = launch(home, tools, Map.of(), "run", "--input", input.toString());
        assertThat(small).contains(" -Xmx2g -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=240m -XX:+UseSerialGC ");

        LauncherHeapTest.fill(input.resolve("sales/b.csv"), 1); // 16 MB: both tiers
        String larger = launch(home, tools, Map.of(), "run", "--input", input.toString());
        assertThat(larger).contains(" -Xmx2g ").doesNotContain("TieredStopAtLevel").doesNotContain("UseSerialGC")
                .doesNotContain("CompileThresholdScaling").doesNotContain("CompilerDirectivesFile");

        // the user's own options replace both choices
        String own = launch(home, tools, Map.of("MARKETLENS_JAVA_OPTS", "-Xmx1g"), "run", "--input", input.toString());
        assertThat(own).contains(" -Xmx1g ").doesNotContain("TieredStopAtLevel").doesNotContain("-Xmx2g");
    }

    @Test
    void largeDataRunsWithLaterSecondTierCompilesTheParallelCollectorAndJaninoOnTheFirstTier() throws Exception {
        Path home = project();
        Path tools = echoingTools();

        // a folder in an object store counts as large (its size is not measured)
        String large = launch(home, tools, Map.of(), "run", "--input", "s3://bucket/history");
        assertThat(large).contains(" -Xmx3g -XX:CompileThresholdScaling=5 -XX:+UseParallelGC -XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile="
                + home.resolve("bin/jit-directives.json") + " ").doesNotContain("TieredStopAtLevel");

        String own = launch(home, tools, Map.of("MARKETLENS_JAVA_OPTS", "-Xmx1g"), "run", "--input", "s3://bucket/history");
        assertThat(own).contains(" -Xmx1g ").doesNotContain("CompileThresholdScaling").doesNotContain("CompilerDirectivesFile");
    }

    @Test
    void theJitDirectivesFileIsOneThisJavaLoadsAndItKeepsBriefCodeFromTheSecondTier() throws Exception {
        Path file = LauncherHeapTest.LAUNCHER.resolveSibling("jit-directives.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=" + file,
                "-XX:+CompilerDirectivesPrint", "-version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // a file Java cannot parse stops the JVM before it starts ("Parsing of compiler directives failed")
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("3 compiler directives added");
        // each directive's block (Java prints them in the file's order, its patterns in reverse): excluded from C2, C1 left
        // to its defaults; Janino's classes, Spark's generated classes, number formatting and object serialization
        List<String> blocks = List.of(out.substring(out.indexOf("Directive:"), out.indexOf("Directive: (default)")).split("\\n\\s*\\nDirective:"));
        assertThat(blocks).hasSize(3);
        assertThat(blocks.get(0)).contains("matching: org/codehaus/*.*");
        assertThat(blocks.get(1)).contains("matching: org/apache/spark/sql/catalyst/expressions/GeneratedClass*.*");
        assertThat(blocks.get(2)).contains("jdk/internal/math/*.*", "java/io/ObjectOutputStream*.*", "java/io/ObjectInputStream*.*",
                "java/io/ObjectStreamClass*.*");
        for (String directive : blocks) {
            String c2 = directive.substring(directive.indexOf("c2 directives:"));
            assertThat(c2).as(directive).contains("Exclude:true");
            assertThat(directive.substring(0, directive.indexOf("c2 directives:"))).as(directive).contains("Exclude:false");
        }
    }

    @Test
    void theClassArchiveIsSavedByARunOrDemoThatRunsNotByOneThatOnlyPrintsItsHelp() throws Exception {
        Path home = project();
        Path tools = tmp.resolve("tools");
        Files.createDirectories(tools);
        script(tools.resolve("mvn"), "exit 0\n");
        // java writes the archive it is asked to save, as the JVM does at its exit
        script(tools.resolve("java"), "for a in \"$@\"; do case \"$a\" in -XX:ArchiveClassesAtExit=*) echo classes > \"${a#*=}\" ;; "
                + "-XX:SharedArchiveFile=*) echo \"mapped ${a#*=}\" ;; esac; done\n");
        Path archive = home.resolve("jobs/target/marketlens-classes.jsa");
        Map<String, String> cds = Map.of("MARKETLENS_CDS", "on");

        for (String[] help : List.of(new String[] {"demo", "--help"}, new String[] {"run", "-h"}, new String[] {"demo", "-V"},
                new String[] {"run", "--input", "in", "--version"})) {
            assertThat(launch(home, tools, cds, help)).as(String.join(" ", help)).doesNotContain("saves the classes");
            assertThat(archive).as(String.join(" ", help)).doesNotExist();
        }
        assertThat(launch(home, tools, cds, "demo")).contains("saves the classes");
        assertThat(archive).hasContent("classes");
        assertThat(launch(home, tools, cds, "demo", "--help")).contains("mapped " + archive);
    }

    /** Stand-ins for {@code mvn} (does nothing) and {@code java} (prints how it was called). */
    private Path echoingTools() throws Exception {
        Path tools = tmp.resolve("tools");
        Files.createDirectories(tools);
        script(tools.resolve("mvn"), "exit 0\n");
        script(tools.resolve("java"), "echo \"java $*\"\n");
        return tools;
    }

    /** A copy of the project's layout with the launcher, a jar built after its sources, and no class archive. */
    private Path project() throws Exception {
        Path home = tmp.resolve("project");
        Files.createDirectories(home.resolve("bin"));
        Files.copy(LauncherHeapTest.LAUNCHER, home.resolve("bin/marketlens"));
        Files.createDirectories(home.resolve("jobs/src/main"));
        Files.writeString(home.resolve("pom.xml"), "<project/>");
        Path target = home.resolve("jobs/target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("marketlens-jobs-0.1.0-SNAPSHOT.jar"), "jar");
        Files.writeString(target.resolve("classpath.txt"), "");
        return home;
    }

    private static void script(Path file, String body) throws Exception {
        Files.writeString(file, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String launch(Path home, Path tools) throws Exception {
        return launch(home, tools, Map.of(), "--version");
    }

    private static String launch(Path home, Path tools, Map<String, String> extraEnv, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", home.resolve("bin/marketlens").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PATH", tools + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("MARKETLENS_CDS", "off");
        env.remove("MARKETLENS_JAVA_OPTS");
        env.putAll(extraEnv);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
