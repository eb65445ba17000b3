package io.marketlens.io;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.fs.FileStatus;

/**
 * A file a run keeps in the warehouse's {@link #DIR} for the next run: zstd-compressed with a
 * checksum, opened by a text saying what it is and a format number, written under a temporary name and renamed into
 * place — so a run killed while writing it leaves the previous file — and safe to delete.
 */
public final class CacheFile {

    /** The warehouse's folder of the files runs keep for the next run; safe to delete. */
    public static final String DIR = "_cache";

    /** Writes a file's content after its magic and format. */
    public interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private final Storage storage;
    private final String file;
    private final String magic;
    private final int format;

    public CacheFile(Storage storage, String warehouseRoot, String name, String magic, int format) {
        this.storage = storage;
        this.file = Storage.join(warehouseRoot, DIR, name);
        this.magic = magic;
        this.format = format;
    }

    /**
     * The file's stream positioned after the magic and format; null without a file; an {@link IOException} for a file
     * of something else or of another format.
     */
    public DataInputStream open() throws IOException {
        if (!storage.exists(file)) {
            return null;
        }
        InputStream raw = storage.open(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(new ZstdInputStream(raw), 1 << 16));
        try {
            if (!magic.equals(in.readUTF())) {
                throw new IOException("not a " + magic);
            }
            int f = in.readInt();
            if (f != format) {
                throw new IOException("written by another version of marketlens (format " + f + ")");
            }
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Writes the file (under a temporary name, then renamed into place); returns "" or, when it cannot be written, a
     * note saying so — the run goes on, and the next one reads without it or from the older file.
     */
    public String save(Body body, String whatFor) {
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
            return "; " + whatFor + " for the next run cannot be written (" + Storage.why(e) + ")";
        }
    }
}
