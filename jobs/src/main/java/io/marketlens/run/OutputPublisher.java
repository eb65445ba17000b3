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
    /** The marker file Spark writes into a folder it wrote completely. */
    private static final String SUCCESS = "_SUCCESS";

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
