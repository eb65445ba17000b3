package io.marketlens.ingest;

import java.io.Serializable;

/**
 * One export file found in the input folder.
 *
 * @param path     qualified path (file:/..., hdfs://...)
 * @param display  the path as the user gave it, for messages
 * @param batch    ingest order; a row from a higher batch replaces one with the same natural key
 */
public record InputFile(Source source, String path, String display, String sha256, long size, long modifiedMillis,
                        long batch) implements Serializable {

    public InputFile withBatch(long newBatch) {
        return new InputFile(source, path, display, sha256, size, modifiedMillis, newBatch);
    }
}
