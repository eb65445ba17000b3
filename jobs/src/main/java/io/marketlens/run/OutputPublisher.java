package io.marketlens.run;

import io.marketlens.io.Storage;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;

/**
 * Publishes a run folder atomically: everything is written into a hidden sibling, which then takes the
 * place of {@code <output>/<as_of>}. The previous folder is moved aside first and removed last; if a
 * run dies between the two renames, the next run puts the previous folder back before it starts.
 */
public final class OutputPublisher {

    private static final String STAGING = ".partial-";
    private static final String REPLACED = ".replaced-";

    private final Storage storage;
    private final String output;

    public OutputPublisher(Storage storage, String output) {
        this.storage = storage;
        this.output = output;
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
        entries.stream().filter(st -> st.getPath().getName().startsWith(".") && st.getPath().getName().contains(STAGING))
                .sorted(Comparator.comparing(st -> st.getPath().getName()))
                .forEach(st -> storage.delete(st.getPath().toString()));
    }

    /** A fresh staging folder for the run folder {@code name}. */
    public String stage(String name, String runId) {
        String dir = Storage.join(output, "." + name + STAGING + runId);
        storage.mkdirs(dir);
        return dir;
    }

    /** Moves the staging folder into place as {@code <output>/<name>} and returns that path. */
    public String publish(String staged, String name, String runId) {
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
}
