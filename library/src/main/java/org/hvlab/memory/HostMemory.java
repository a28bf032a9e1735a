package org.hvlab.memory;

import java.util.Arrays;
import java.util.Objects;
import org.hvlab.core.ByteSize;
import org.hvlab.core.Html;
import org.hvlab.core.Pa;
import org.hvlab.core.Renderable;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Host physical memory as a sparse set of 4 KiB frames with reference counts.
 *
 * <p>{@link #allocate()} hands out a frame holding one reference; its storage is created on the first write (a
 * frame never written reads as zeros and costs no host memory). {@link #retain(Pa)} adds a reference (a stage-2
 * mapping or table that points at the frame), {@link #release(Pa)} drops one and frees the frame at zero. A frame
 * with several references is shared: {@link #bytesSaved()} counts every reference beyond the first as a frame that
 * sharing saved. Writing a shared frame changes it for every holder; copy-on-write is the caller's policy
 * ({@link #copy(Pa)}). Deterministic: frames are handed out lowest-first, freed ones reused last-freed-first.
 * Not thread-safe.
 */
public final class HostMemory implements Renderable {
    /** Where host RAM starts unless told otherwise (a common Arm DRAM base). */
    public static final Pa DEFAULT_BASE = Pa.of(0x8000_0000L);
    public static final int FRAME_BYTES = 4096;
    private static final int CHUNK_SHIFT = 9; // 512 frames (2 MiB) per directory chunk
    private static final int CHUNK = 1 << CHUNK_SHIFT;

    private final Pa base;
    private final ByteSize size;
    private final long baseValue;
    private final long sizeBytes;
    private final long frames;
    private final byte[][][] data;
    private final int[][] refs;
    private long nextFresh;
    private long[] freeList = new long[64];
    private int freeCount;
    private long inUse;
    private long backed;
    private long extraRefs;

    public HostMemory(ByteSize size) { this(DEFAULT_BASE, size); }

    public HostMemory(Pa base, ByteSize size) {
        Objects.requireNonNull(base, "base");
        if (size.isZero() || !size.isPageMultiple() || !base.isPageAligned()) {
            throw new MemoryException(MemoryException.Reason.NOT_A_FRAME, "host memory of " + size + " at " + base,
                    "host memory is a positive whole number of 4 KiB frames at a 4 KiB aligned base",
                    "Use a size such as gib(4) and a base such as HostMemory.DEFAULT_BASE");
        }
        base.checkedAdd(size);
        this.base = base;
        this.size = size;
        this.baseValue = base.value();
        this.sizeBytes = size.bytes();
        this.frames = size.pages();
        int chunks = (int) ((frames + CHUNK - 1) >>> CHUNK_SHIFT);
        this.data = new byte[chunks][][];
        this.refs = new int[chunks][];
    }

    public Pa base() { return base; }

    public ByteSize size() { return size; }

    /** The first address past the end. */
    public Pa limit() { return base.checkedAdd(size); }

    /** Number of frames in total. */
    public long frameCount() { return frames; }

    /** Allocates a zero-filled frame holding one reference. */
    public Pa allocate() {
        long f;
        if (freeCount > 0) {
            f = freeList[--freeCount];
        } else if (nextFresh < frames) {
            f = nextFresh++;
        } else {
            throw new MemoryException(MemoryException.Reason.OUT_OF_MEMORY,
                    "no free frame in " + size + " of host memory (" + inUse + " frames in use)",
                    "every 4 KiB frame holds at least one reference",
                    "Build the host with more memory(..), share pages, or release frames you no longer map");
        }
        int c = (int) (f >>> CHUNK_SHIFT);
        if (refs[c] == null) refs[c] = new int[CHUNK];
        refs[c][(int) f & (CHUNK - 1)] = 1;
        inUse++;
        return framePa(f);
    }

    /** Allocates a frame and fills every byte with {@code value} (e.g. 0xFF for "no function here"). */
    public Pa allocateFilled(int value) {
        Pa p = allocate();
        fill(p, value);
        return p;
    }

    /** Adds a reference to an allocated frame; returns the new count. */
    public int retain(Pa frame) {
        long f = index(frame);
        int[] r = refsOf(f, frame, "retain");
        int i = (int) f & (CHUNK - 1);
        r[i]++;
        extraRefs++;
        return r[i];
    }

    /** Drops a reference; the frame is freed (and its storage dropped) at zero. Returns the new count. */
    public int release(Pa frame) {
        long f = index(frame);
        int[] r = refsOf(f, frame, "release");
        int i = (int) f & (CHUNK - 1);
        int n = --r[i];
        if (n > 0) {
            extraRefs--;
            return n;
        }
        inUse--;
        int c = (int) (f >>> CHUNK_SHIFT);
        if (data[c] != null && data[c][i] != null) {
            data[c][i] = null;
            backed--;
        }
        if (freeCount == freeList.length) freeList = Arrays.copyOf(freeList, freeCount * 2);
        freeList[freeCount++] = f;
        return 0;
    }

    /** References held on {@code frame} (0 when free). */
    public int refCount(Pa frame) {
        long f = index(frame);
        int[] r = refs[(int) (f >>> CHUNK_SHIFT)];
        return r == null ? 0 : r[(int) f & (CHUNK - 1)];
    }

    public boolean isShared(Pa frame) { return refCount(frame) > 1; }

    /** Allocates a new frame with the contents of {@code frame} (one reference); the source is unchanged. */
    public Pa copy(Pa frame) {
        byte[] src = storage(index(frame));
        Pa dst = allocate();
        if (src != null) System.arraycopy(src, 0, storageForWrite(index(dst)), 0, FRAME_BYTES);
        return dst;
    }

    /** Sets every byte of {@code frame} to {@code value}. */
    public void fill(Pa frame, int value) {
        long f = index(frame);
        refsOf(f, frame, "fill");
        if ((byte) value == 0 && storage(f) == null) return;
        Arrays.fill(storageForWrite(f), (byte) value);
    }

    /** Reads 1, 2, 4 or 8 bytes (little endian) inside one frame. */
    public long read(Pa pa, int size) {
        LittleEndian.checkSize(size);
        int off = checkInFrame(pa, size);
        byte[] d = storage(index(pa.pageBase()));
        return d == null ? 0 : LittleEndian.get(d, off, size);
    }

    /** Writes 1, 2, 4 or 8 bytes (little endian) inside one frame. */
    public void write(Pa pa, int size, long value) {
        LittleEndian.checkSize(size);
        int off = checkInFrame(pa, size);
        long f = index(pa.pageBase());
        refsOf(f, pa, "write");
        LittleEndian.put(storageForWrite(f), off, size, value);
    }

    public long readLong(Pa pa) { return read(pa, 8); }

    public void writeLong(Pa pa, long value) { write(pa, 8, value); }

    /** Copies {@code length} bytes starting at {@code pa} (may span frames). */
    public byte[] readBytes(Pa pa, int length) {
        byte[] out = new byte[checkLength(length)];
        long a = pa.value();
        int done = 0;
        while (done < length) {
            long f = index(Pa.of(a & ~0xFFFL));
            int off = (int) (a & 0xFFF);
            int n = Math.min(length - done, FRAME_BYTES - off);
            byte[] d = storage(f);
            if (d != null) System.arraycopy(d, off, out, done, n);
            done += n;
            a += n;
        }
        return out;
    }

    /** Writes {@code bytes} starting at {@code pa} (may span frames, all allocated). */
    public void writeBytes(Pa pa, byte[] bytes) {
        long a = pa.value();
        int done = 0;
        while (done < bytes.length) {
            Pa frame = Pa.of(a & ~0xFFFL);
            long f = index(frame);
            refsOf(f, frame, "write");
            int off = (int) (a & 0xFFF);
            int n = Math.min(bytes.length - done, FRAME_BYTES - off);
            System.arraycopy(bytes, done, storageForWrite(f), off, n);
            done += n;
            a += n;
        }
    }

    /** Frames holding at least one reference. */
    public long framesInUse() { return inUse; }

    /** Frames that have been written (have storage); the rest of the frames in use read as zeros for free. */
    public long framesBacked() { return backed; }

    /** Host bytes that frames in use stand for. */
    public ByteSize bytesInUse() { return ByteSize.pages(inUse); }

    /** Every reference beyond a frame's first, times 4 KiB: the memory that sharing saved. */
    public ByteSize bytesSaved() { return ByteSize.pages(extraRefs); }

    // ---- fast access for the stage-2 model (same package family) ----

    /** The storage of {@code frame}, or null if it was never written. The array is live: do not keep it past a free. */
    public byte[] frameData(Pa frame) { return storage(index(frame)); }

    /**
     * The storage of the frame holding the raw physical address {@code physical}, or null when that frame was never
     * written or lies outside host memory. For the stage-2 walker and the TLB fill, which work on descriptor bits
     * and must not allocate; everything else uses {@link #frameData(Pa)}.
     */
    public byte[] storageOf(long physical) {
        long off = physical - baseValue;
        if (off < 0 || off >= sizeBytes) return null;
        return storage(off >>> 12);
    }

    /** The storage of {@code frame}, created (zero-filled) if needed. */
    public byte[] frameDataForWrite(Pa frame) {
        long f = index(frame);
        refsOf(f, frame, "write");
        return storageForWrite(f);
    }

    /** True when {@code pa} lies inside this host memory. */
    public boolean contains(Pa pa) {
        long off = pa.value() - baseValue;
        return off >= 0 && off < sizeBytes;
    }

    // ---- internals ----

    private Pa framePa(long f) { return Pa.of(base.value() + (f << 12)); }

    private long index(Pa frame) {
        long off = frame.value() - baseValue;
        if (off < 0 || off >= sizeBytes || (off & 0xFFF) != 0) throw notAFrame(frame);
        return off >>> 12;
    }

    // Cold paths kept out of index() and refsOf() so those stay small enough to inline on the access path.
    private MemoryException notAFrame(Pa frame) {
        return new MemoryException(MemoryException.Reason.NOT_A_FRAME, frame + " is not a frame of this host",
                "frames are 4 KiB aligned inside [" + base + ".." + Pa.of(limit().value() - 1) + "]",
                "Use an address from allocate(), or pa.pageBase()");
    }

    private int[] refsOf(long f, Pa frame, String op) {
        int[] r = refs[(int) (f >>> CHUNK_SHIFT)];
        if (r == null || r[(int) f & (CHUNK - 1)] == 0) throw freed(f, op);
        return r;
    }

    private MemoryException freed(long f, String op) {
        return new MemoryException(MemoryException.Reason.FRAME_FREED_TWICE,
                "cannot " + op + " frame " + framePa(f) + ": it is free",
                "it was freed already (or never allocated); each allocate() and retain() is matched by exactly one release()",
                "Check refCount(pa) before releasing, or look at memory.frames()");
    }

    private byte[] storage(long f) {
        byte[][] chunk = data[(int) (f >>> CHUNK_SHIFT)];
        return chunk == null ? null : chunk[(int) f & (CHUNK - 1)];
    }

    private byte[] storageForWrite(long f) {
        int c = (int) (f >>> CHUNK_SHIFT);
        if (data[c] == null) data[c] = new byte[CHUNK][];
        byte[] d = data[c][(int) f & (CHUNK - 1)];
        if (d == null) {
            d = new byte[FRAME_BYTES];
            data[c][(int) f & (CHUNK - 1)] = d;
            backed++;
        }
        return d;
    }

    private static int checkInFrame(Pa pa, int size) {
        int off = pa.pageOffset();
        if (off + size > FRAME_BYTES) {
            throw new MemoryException(MemoryException.Reason.MISALIGNED,
                    "a " + size + "-byte access at " + pa + " crosses a frame boundary",
                    "single accesses stay inside one 4 KiB frame", "Use readBytes/writeBytes for ranges");
        }
        return off;
    }

    private static int checkLength(int length) {
        if (length < 0) {
            throw new MemoryException(MemoryException.Reason.BAD_SIZE, "a range of " + length + " bytes",
                    "a length is never negative", "Pass a length of 0 or more");
        }
        return length;
    }

    /** Frames in use: pa, refs, shared, backed (in address order). */
    public Table frames() {
        StringColumn pa = StringColumn.create("pa");
        IntColumn rc = IntColumn.create("refs");
        BooleanColumn shared = BooleanColumn.create("shared");
        BooleanColumn bk = BooleanColumn.create("backed");
        for (long f = 0; f < nextFresh; f++) {
            int[] r = refs[(int) (f >>> CHUNK_SHIFT)];
            int n = r == null ? 0 : r[(int) f & (CHUNK - 1)];
            if (n == 0) continue;
            pa.append(framePa(f).hex());
            rc.append(n);
            shared.append(n > 1);
            bk.append(storage(f) != null);
        }
        return Table.create("host frames", pa, rc, shared, bk);
    }

    @Override
    public String toText() {
        return "host memory " + size + " at [" + base + ".." + Pa.of(limit().value() - 1) + "]: " + inUse
                + " frames in use (" + bytesInUse() + "), " + backed + " backed, " + bytesSaved() + " saved by sharing";
    }

    @Override
    public String toHtml() {
        return "<table class=\"hvlab-host-memory\"><caption>host memory " + Html.escape(size.toString())
                + "</caption><tr><th>range</th><td><code>" + base + ".." + Pa.of(limit().value() - 1)
                + "</code></td></tr><tr><th>frames in use</th><td>" + inUse + " (" + bytesInUse()
                + ")</td></tr><tr><th>backed</th><td>" + backed + "</td></tr><tr><th>saved by sharing</th><td>"
                + bytesSaved() + "</td></tr></table>";
    }

    @Override
    public String toString() { return "HostMemory[" + size + ", " + inUse + " frames in use]"; }
}
