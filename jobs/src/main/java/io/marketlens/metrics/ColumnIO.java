package io.marketlens.metrics;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Whole primitive columns to and from a stream, big-endian, through a 64 KiB buffer (a value at a time through
 * {@link DataOutputStream} would cost a call per value); doubles keep their raw bits (NaN payloads, −0.0).
 */
final class ColumnIO {

    private static final int BUFFER = 1 << 16;

    private ColumnIO() {
    }

    static void writeInts(DataOutputStream out, int[] a, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(BUFFER);
        for (int i = 0; i < n; ) {
            int k = Math.min(n - i, BUFFER / Integer.BYTES);
            b.clear();
            b.asIntBuffer().put(a, i, k);
            out.write(b.array(), 0, k * Integer.BYTES);
            i += k;
        }
    }

    static void writeLongs(DataOutputStream out, long[] a, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(BUFFER);
        for (int i = 0; i < n; ) {
            int k = Math.min(n - i, BUFFER / Long.BYTES);
            b.clear();
            b.asLongBuffer().put(a, i, k);
            out.write(b.array(), 0, k * Long.BYTES);
            i += k;
        }
    }

    static void writeDoubles(DataOutputStream out, double[] a, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(BUFFER);
        for (int i = 0; i < n; ) {
            int k = Math.min(n - i, BUFFER / Double.BYTES);
            b.clear();
            b.asDoubleBuffer().put(a, i, k);
            out.write(b.array(), 0, k * Double.BYTES);
            i += k;
        }
    }

    static int[] readInts(DataInputStream in, int n) throws IOException {
        int[] a = new int[checked(n)];
        byte[] buf = new byte[BUFFER];
        for (int i = 0; i < n; ) {
            int k = Math.min(n - i, BUFFER / Integer.BYTES);
            in.readFully(buf, 0, k * Integer.BYTES);
            ByteBuffer.wrap(buf, 0, k * Integer.BYTES).asIntBuffer().get(a, i, k);
            i += k;
        }
        return a;
    }

    static long[] readLongs(DataInputStream in, int n) throws IOException {
        long[] a = new long[checked(n)];
        byte[] buf = new byte[BUFFER];
        for (int i = 0; i < n; ) {
            int k = Math.min(n - i, BUFFER / Long.BYTES);
            in.readFully(buf, 0, k * Long.BYTES);
            ByteBuffer.wrap(buf, 0, k * Long.BYTES).asLongBuffer().get(a, i, k);
            i += k;
        }
        return a;
    }

    static double[] readDoubles(DataInputStream in, int n) throws IOException {
        double[] a = new double[checked(n)];
        byte[] buf = new byte[BUFFER];
        for (int i = 0; i < n; ) {
            int k = Math.min(n - i, BUFFER / Double.BYTES);
            in.readFully(buf, 0, k * Double.BYTES);
            ByteBuffer.wrap(buf, 0, k * Double.BYTES).asDoubleBuffer().get(a, i, k);
            i += k;
        }
        return a;
    }

    private static int checked(int n) throws IOException {
        if (n < 0) {
            throw new IOException("a negative length: the file is damaged");
        }
        return n;
    }
}
