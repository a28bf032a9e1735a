package org.hvlab.firmware;

/** Little-endian field access on byte arrays (UEFI structures are packed and little endian). */
final class Le {
    private Le() {}

    static long u(byte[] b, int off, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) v = v << 8 | (b[off + i] & 0xff);
        return v;
    }

    static int u8(byte[] b, int off) { return b[off] & 0xff; }
    static int u16(byte[] b, int off) { return (int) u(b, off, 2); }
    static long u32(byte[] b, int off) { return u(b, off, 4); }
    static long u64(byte[] b, int off) { return u(b, off, 8); }

    static void put(byte[] b, int off, int n, long v) {
        for (int i = 0; i < n; i++) b[off + i] = (byte) (v >>> 8 * i);
    }
}
