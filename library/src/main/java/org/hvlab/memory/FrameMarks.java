package org.hvlab.memory;

/**
 * Per-frame facts {@link HostMemory} keeps besides the reference count: marks (read-only for guests, writes
 * dropped, stage-2 table level) and how many stage-2 leaf entries map the frame. Chunked like the reference counts
 * (512 frames per chunk, created on first use); everything is cleared when the frame is freed.
 */
final class FrameMarks {
    static final int READ_ONLY = 1;
    static final int DROP_WRITES = 2;
    private static final int TABLE_SHIFT = 4; // table level + 1 in bits [6:4], 0 = not a table
    private static final int TABLE_MASK = 7 << TABLE_SHIFT;
    private static final int SHIFT = 9;
    private static final int CHUNK = 1 << SHIFT;

    private final byte[][] flags;
    private final int[][] leaves;

    FrameMarks(int chunks) {
        flags = new byte[chunks][];
        leaves = new int[chunks][];
    }

    void set(long f, int bits) { flagChunk(f)[slot(f)] |= (byte) bits; }

    boolean has(long f, int bits) {
        byte[] c = flags[chunk(f)];
        return c != null && (c[slot(f)] & bits) == bits;
    }

    void setTableLevel(long f, int level) {
        byte[] c = flagChunk(f);
        c[slot(f)] = (byte) ((c[slot(f)] & ~TABLE_MASK) | ((level + 1) << TABLE_SHIFT));
    }

    int tableLevel(long f) {
        byte[] c = flags[chunk(f)];
        return c == null ? -1 : ((c[slot(f)] & TABLE_MASK) >>> TABLE_SHIFT) - 1;
    }

    /** Adds {@code delta} leaf entries; never below zero (table pages built outside stage 2 count plain refs). */
    void addLeaf(long f, int delta) {
        int c = chunk(f);
        if (leaves[c] == null) leaves[c] = new int[CHUNK];
        leaves[c][slot(f)] = Math.max(0, leaves[c][slot(f)] + delta);
    }

    int leafRefs(long f) {
        int[] c = leaves[chunk(f)];
        return c == null ? 0 : c[slot(f)];
    }

    void clear(long f) {
        byte[] c = flags[chunk(f)];
        if (c != null) c[slot(f)] = 0;
        int[] l = leaves[chunk(f)];
        if (l != null) l[slot(f)] = 0;
    }

    private byte[] flagChunk(long f) {
        int c = chunk(f);
        if (flags[c] == null) flags[c] = new byte[CHUNK];
        return flags[c];
    }

    private static int chunk(long f) { return (int) (f >>> SHIFT); }

    private static int slot(long f) { return (int) f & (CHUNK - 1); }
}
