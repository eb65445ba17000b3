package io.marketlens.run;

import io.marketlens.tables.RunManifest;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Progress lines on stderr, and the stage durations that go into the manifest. */
public final class Progress {

    private final PrintStream err;
    private final List<RunManifest.Stage> stages = new ArrayList<>();

    public Progress(PrintStream err) {
        this.err = err;
    }

    public void say(String line) {
        err.println(line);
    }

    public void warn(String line) {
        err.println("warning: " + line);
    }

    /** Runs one stage, printing its start and its duration. */
    public <T> T stage(String name, Supplier<T> body) {
        say("[" + name + "]");
        long start = System.nanoTime();
        T result = body.get();
        double seconds = Math.round((System.nanoTime() - start) / 1e7) / 100.0;
        stages.add(new RunManifest.Stage(name, seconds));
        say(String.format(Locale.ROOT, "[%s] done in %.2f s", name, seconds));
        return result;
    }

    public List<RunManifest.Stage> stages() {
        return List.copyOf(stages);
    }
}
