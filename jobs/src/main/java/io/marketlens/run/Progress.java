package io.marketlens.run;

import io.marketlens.tables.RunManifest;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Progress lines on stderr, and the stage durations that go into the manifest. */
public final class Progress {

    private final PrintStream err;
    private final List<RunManifest.Stage> stages = new ArrayList<>();
    /** The stages begun and not yet done, the innermost first. */
    private final Deque<Running> running = new ArrayDeque<>();

    /** A stage under way: its name and when it began. */
    private record Running(String name, long start) {
    }

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
        running.push(new Running(name, start));
        T result;
        try {
            result = body.get();
        } finally {
            running.pop();
        }
        double seconds = seconds(System.nanoTime() - start);
        stages.add(new RunManifest.Stage(name, seconds));
        say(String.format(Locale.ROOT, "[%s] done in %.2f s", name, seconds));
        return result;
    }

    /** The stages done, in the order they finished. */
    public List<RunManifest.Stage> stages() {
        return List.copyOf(stages);
    }

    /**
     * The stages done, then the ones still under way (outermost last) with their seconds so far: what a file written
     * from inside a stage, such as the manifest at publishing, can say of that stage.
     */
    public List<RunManifest.Stage> stagesSoFar() {
        long now = System.nanoTime();
        List<RunManifest.Stage> all = new ArrayList<>(stages);
        running.forEach(r -> all.add(new RunManifest.Stage(r.name(), seconds(now - r.start()))));
        return List.copyOf(all);
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }
}
