package io.marketlens.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One export file found in the input folder.
 *
 * @param path     qualified path (file:/..., hdfs://...)
 * @param display  the path as the user gave it, for messages
 * @param batch    ingest order; a row from a higher batch replaces one with the same natural key
 * @param chunking where tasks may start reading it (an .xlsx workbook is never split); null when its fingerprint came
 *                 from the {@link FingerprintCache} and it was not read through ({@link InputScanner#complete} plans it)
 * @param lines    physical lines of a text file ({@link LineCounter}); -1 for a workbook
 */
public record InputFile(Source source, String path, String display, String sha256, long size, long modifiedMillis,
                        long batch, Chunking chunking, long lines) implements Serializable {

    /** A file whose lines were not counted. */
    public InputFile(Source source, String path, String display, String sha256, long size, long modifiedMillis,
                     long batch, Chunking chunking) {
        this(source, path, display, sha256, size, modifiedMillis, batch, chunking, -1);
    }

    /** One task's share of a file: bytes from {@code start} to {@code end} (-1: the end of the file). */
    public record Chunk(InputFile file, int index, long start, long end, long linesBefore) implements Serializable {

        /** The first chunk starts at the header; the others after a record boundary, with the header known. */
        public boolean first() {
            return index == 0;
        }
    }

    /** An Excel workbook (.xlsx), read by {@link XlsxFileReader} in one task; other exports are CSV text. */
    public boolean workbook() {
        return isWorkbook(path);
    }

    static boolean isWorkbook(String path) {
        return path.toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx");
    }

    public InputFile withBatch(long newBatch) {
        return new InputFile(source, path, display, sha256, size, modifiedMillis, newBatch, chunking, lines);
    }

    /** The chunks in file order, one per split plus the first; a file without splits is one chunk. */
    public List<Chunk> chunks() {
        List<Chunking.Split> splits = chunking.splits();
        List<Chunk> out = new ArrayList<>(splits.size() + 1);
        long start = 0;
        long lines = 0;
        for (int i = 0; i <= splits.size(); i++) {
            long end = i < splits.size() ? splits.get(i).offset() : -1;
            out.add(new Chunk(this, i, start, end, lines));
            if (i < splits.size()) {
                start = end;
                lines = splits.get(i).linesBefore();
            }
        }
        return out;
    }
}
