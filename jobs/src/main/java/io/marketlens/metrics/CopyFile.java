package io.marketlens.metrics;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.marketlens.io.Storage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileStatus;

/**
 * A driver-side result kept in the warehouse's {@code _cache/} folder for the next run ({@link FactCubeStore},
 * {@link OrderCountsStore}): a zstd stream with a checksum holding a magic text, a format number, a header saying what
 * the copy reflects (a Delta table's version and schema, the last month it covers), then the body. It is written
 * under a temporary name and renamed into place, so a run killed while writing it leaves the previous copy.
 */
final class CopyFile {

    /** Folder of the warehouse that holds the copies. */
    static final String DIR = "_cache";

    /** What a copy reflects: the table version it was read at, the table's schema, its last month (a month number). */
    record Header(long version, String schema, int lastMonth) {
    }

    /** Writes a copy's body. */
    @FunctionalInterface
    interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private final Storage storage;
    private final String file;
    private final String magic;
    private final int format;

    CopyFile(Storage storage, String warehouseRoot, String name, String magic, int format) {
        this.storage = storage;
        this.file = Storage.join(warehouseRoot, DIR, name);
        this.magic = magic;
        this.format = format;
    }

    /**
     * The copy's stream positioned after its header, which {@code header} receives; null when there is no copy.
     * Throws when the file is not a copy of this kind and format, or is damaged.
     */
    DataInputStream open(java.util.function.Consumer<Header> header) throws IOException {
        if (!storage.exists(file)) {
            return null;
        }
        DataInputStream in = new DataInputStream(new BufferedInputStream(new ZstdInputStream(storage.open(file)), 1 << 16));
        try {
            if (!magic.equals(in.readUTF())) {
                throw new IOException("not a copy of this kind");
            }
            int f = in.readInt();
            if (f != format) {
                throw new IOException("written by another version of marketlens (format " + f + ")");
            }
            long version = in.readLong();
            int schemaLength = in.readInt();
            if (schemaLength < 0 || schemaLength > 1 << 24) {
                throw new IOException("a damaged header");
            }
            byte[] schema = new byte[schemaLength];
            in.readFully(schema);
            header.accept(new Header(version, new String(schema, StandardCharsets.UTF_8), in.readInt()));
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Checks that the body was read to its end, which makes the stream check the frame's checksum. */
    static void end(DataInputStream in) throws IOException {
        if (in.read() != -1) {
            throw new IOException("bytes after the copy's end");
        }
    }

    /**
     * Writes the copy under a temporary name and renames it into place; returns "" or, when it cannot be written, a
     * note saying so (the run goes on: the next one reads in full, or from the older copy, which is still correct for
     * the version it names).
     */
    String save(Header header, Body body) {
        String parent = new org.apache.hadoop.fs.Path(file).getParent().toString();
        String name = new org.apache.hadoop.fs.Path(file).getName();
        String tmp = file + ".tmp-" + java.util.UUID.randomUUID();
        try {
            storage.mkdirs(parent);
            for (FileStatus st : storage.list(parent)) {
                if (st.getPath().getName().startsWith(name + ".tmp-")) {
                    storage.delete(st.getPath().toString()); // left by a run killed while writing
                }
            }
            try (OutputStream raw = storage.create(tmp);
                 ZstdOutputStream z = new ZstdOutputStream(raw, 1);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(z, 1 << 16))) {
                z.setChecksum(true);
                out.writeUTF(magic);
                out.writeInt(format);
                out.writeLong(header.version());
                byte[] s = header.schema().getBytes(StandardCharsets.UTF_8);
                out.writeInt(s.length);
                out.write(s);
                out.writeInt(header.lastMonth());
                body.write(out);
            }
            storage.rename(tmp, file, true);
            return "";
        } catch (IOException | RuntimeException e) {
            try {
                storage.delete(tmp);
            } catch (RuntimeException ignored) {
                // the note says enough
            }
            return "; its copy for the next run cannot be written (" + Storage.why(e) + ")";
        }
    }

    /** Writes a text that may be null. */
    static void writeText(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
        } else {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }
    }

    /** Reads a text {@link #writeText} wrote. */
    static String readText(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < -1) {
            throw new IOException("a damaged text length");
        }
        if (len == -1) {
            return null;
        }
        byte[] b = new byte[len];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
