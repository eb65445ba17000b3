package io.marketlens.generate;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Puts blocks of output lines into (time, id) order while holding at most a fixed number of lines in memory:
 * a full buffer is sorted and spilled to a run file, and {@link #drainTo} merges the runs (external merge sort).
 * Equal keys keep the order in which they were added.
 */
final class ExternalSort implements Closeable {

    /** Lines that stay together (the lines of one order), with their sort key. */
    record Block(long time, String id, String[] lines) {
    }

    interface LineSink {
        void accept(String line) throws IOException;
    }

    private static final Comparator<Block> ORDER = Comparator.comparingLong(Block::time).thenComparing(Block::id);

    private record Run(Path file, int blocks) {
    }

    private final Path tempDir;
    private final int maxLines;
    private final List<Block> buffer = new ArrayList<>();
    private final List<Run> runs = new ArrayList<>();
    private int bufferedLines;
    private int peakLines;
    private int spills;

    /** Spills go to {@code tempDir}; {@code maxLines} bounds the lines held (a single larger block is still held). */
    ExternalSort(Path tempDir, int maxLines) {
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be >= 1: " + maxLines);
        }
        this.tempDir = tempDir;
        this.maxLines = maxLines;
    }

    void add(Block block) throws IOException {
        if (!buffer.isEmpty() && bufferedLines + block.lines().length > maxLines) {
            spill();
        }
        buffer.add(block);
        bufferedLines += block.lines().length;
        peakLines = Math.max(peakLines, bufferedLines);
    }

    /** Writes every line added so far in order, then starts empty again. */
    void drainTo(LineSink sink) throws IOException {
        buffer.sort(ORDER);
        List<Cursor> sources = new ArrayList<>();
        try {
            for (Run run : runs) {
                sources.add(new RunCursor(run, sources.size()));
            }
            sources.add(new MemoryCursor(buffer.iterator(), sources.size()));
            PriorityQueue<Cursor> queue = new PriorityQueue<>(
                    Comparator.comparing((Cursor c) -> c.head, ORDER).thenComparingInt(c -> c.source));
            for (Cursor c : sources) {
                if (c.advance()) {
                    queue.add(c);
                }
            }
            while (!queue.isEmpty()) {
                Cursor c = queue.poll();
                for (String line : c.head.lines()) {
                    sink.accept(line);
                }
                if (c.advance()) {
                    queue.add(c);
                }
            }
        } finally {
            for (Cursor c : sources) {
                c.close();
            }
            close();
        }
    }

    /** Most lines held in memory at once so far. */
    int peakLines() {
        return peakLines;
    }

    /** How many sorted runs went to disk so far. */
    int spills() {
        return spills;
    }

    /** Drops what is buffered and deletes the run files. */
    @Override
    public void close() throws IOException {
        buffer.clear();
        bufferedLines = 0;
        for (Run run : runs) {
            Files.deleteIfExists(run.file());
        }
        runs.clear();
    }

    private void spill() throws IOException {
        buffer.sort(ORDER);
        Path file = Files.createTempFile(tempDir, "run-", ".bin");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            for (Block b : buffer) {
                out.writeLong(b.time());
                out.writeUTF(b.id());
                out.writeInt(b.lines().length);
                for (String line : b.lines()) {
                    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(bytes.length);
                    out.write(bytes);
                }
            }
        }
        runs.add(new Run(file, buffer.size()));
        spills++;
        buffer.clear();
        bufferedLines = 0;
    }

    private abstract static class Cursor implements Closeable {
        final int source;
        Block head;

        Cursor(int source) {
            this.source = source;
        }

        abstract boolean advance() throws IOException;

        @Override
        public void close() throws IOException {
        }
    }

    private static final class MemoryCursor extends Cursor {
        private final Iterator<Block> blocks;

        MemoryCursor(Iterator<Block> blocks, int source) {
            super(source);
            this.blocks = blocks;
        }

        @Override
        boolean advance() {
            head = blocks.hasNext() ? blocks.next() : null;
            return head != null;
        }
    }

    private static final class RunCursor extends Cursor {
        private final DataInputStream in;
        private int left;

        RunCursor(Run run, int source) throws IOException {
            super(source);
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run.file()), 1 << 16));
            this.left = run.blocks();
        }

        @Override
        boolean advance() throws IOException {
            if (left == 0) {
                head = null;
                return false;
            }
            left--;
            long time = in.readLong();
            String id = in.readUTF();
            String[] lines = new String[in.readInt()];
            for (int i = 0; i < lines.length; i++) {
                lines[i] = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
            }
            head = new Block(time, id, lines);
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
