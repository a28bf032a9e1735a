package org.hvlab.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.hvlab.core.ByteSize;
import org.hvlab.core.Pa;
import org.hvlab.core.Renderable;
import tech.tablesaw.api.Table;

/**
 * Host physical memory as a sparse set of 4 KiB frames with reference counts.
 *
 * <p>{@link #allocate()} hands out a zero-filled frame holding one reference; its storage is created on the first
 * write (a frame never written reads as zeros and costs no host memory) and then kept for the life of the host, as
 * physical RAM is: a freed frame keeps its bytes until it is allocated again (then zeroed), so a stale TLB entry
 * reaches whatever now lives in that physical frame. {@link #retain(Pa)} adds a reference (a stage-2 mapping or
 * table that points at the frame), {@link #release(Pa)} drops one and frees the frame at zero. Stage-2 leaf
 * entries also count themselves with {@link #retainLeaf(Pa)}, so "is this frame mapped by someone else" has an
 * answer apart from other holders. {@link #bytesSaved()} is (guest pages mapped − host frames they use) × 4 KiB,
 * counted over the leaf mappings of every registered {@link LeafSource} (each VM's stage-2 tables). Writing a
 * shared frame changes it for every holder; copy-on-write is the caller's policy ({@link #copy(Pa)}). Frames can
 * be marked read-only for every guest ({@link #markReadOnly(Pa)}) or also write-dropping ({@link
 * #markDropWrites(Pa)}, the host-wide 0xFF "no function" page), and as stage-2 table pages ({@link
 * #markTable(Pa, int)}). Deterministic: frames are handed out lowest-first, freed ones reused last-freed-first.
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
    private final FrameMarks marks;
    private final List<LeafSource> leafSources = new ArrayList<>();
    private long nextFresh;
    private long[] freeList = new long[64];
    private int freeCount;
    private long inUse;
    private long backed;

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
        this.marks = new FrameMarks(chunks);
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
            throw HostMemoryErrors.outOfMemory(size, inUse);
        }
        int c = (int) (f >>> CHUNK_SHIFT);
        if (refs[c] == null) refs[c] = new int[CHUNK];
        refs[c][(int) f & (CHUNK - 1)] = 1;
        inUse++;
        byte[] kept = storage(f);
        if (kept != null) {
            Arrays.fill(kept, (byte) 0); // the physical frame keeps its array; a new owner sees zeros
            backed++;
        }
        return framePa(f);
    }

    /** Allocates a frame and fills every byte with {@code value} (e.g. 0xFF for "no function here"). */
    public Pa allocateFilled(int value) {
        Pa p = allocate();
        fill(p, value);
        return p;
    }

    /**
     * Allocates a frame filled with {@code value}; with {@code dropWrites} it is also marked so guest writes to it
     * are discarded and it is never mapped writable ({@link #markDropWrites(Pa)}).
     */
    public Pa allocateFilled(int value, boolean dropWrites) {
        Pa p = allocateFilled(value);
        if (dropWrites) markDropWrites(p);
        return p;
    }

    /** Marks a live frame as read-only for every guest: stage 2 refuses to map it writable. Cleared when freed. */
    public void markReadOnly(Pa frame) {
        long f = index(frame);
        refsOf(f, frame, "mark");
        marks.set(f, FrameMarks.READ_ONLY);
    }

    /**
     * Marks a live frame read-only for every guest and write-dropping: a guest store to it is discarded by the
     * standard fault handler (the host-wide 0xFF "no function" page). Cleared when the frame is freed.
     */
    public void markDropWrites(Pa frame) {
        long f = index(frame);
        refsOf(f, frame, "mark");
        marks.set(f, FrameMarks.READ_ONLY | FrameMarks.DROP_WRITES);
    }

    /** True when guests may never map {@code frame} writable ({@link #markReadOnly}, {@link #markDropWrites}). */
    public boolean isReadOnly(Pa frame) { return marks.has(index(frame), FrameMarks.READ_ONLY); }

    /** True when guest writes to {@code frame} are dropped ({@link #markDropWrites(Pa)}). */
    public boolean dropsWrites(Pa frame) { return marks.has(index(frame), FrameMarks.DROP_WRITES); }

    /** Records a live frame as a stage-2 table page of {@code level} (0-3). Cleared when the frame is freed. */
    public void markTable(Pa frame, int level) {
        long f = index(frame);
        refsOf(f, frame, "mark");
        marks.setTableLevel(f, level);
    }

    /** The stage-2 table level {@code frame} was recorded with ({@link #markTable}), or -1 when it is no table. */
    public int tableLevel(Pa frame) { return marks.tableLevel(index(frame)); }

    /** Adds a reference held by a stage-2 leaf entry: {@link #retain(Pa)} plus the leaf count. */
    public int retainLeaf(Pa frame) {
        int n = retain(frame);
        marks.addLeaf(index(frame), 1);
        return n;
    }

    /** Drops a reference held by a stage-2 leaf entry: {@link #release(Pa)} and the leaf count. */
    public int releaseLeaf(Pa frame) {
        long f = index(frame);
        refsOf(f, frame, "release");
        marks.addLeaf(f, -1);
        return release(frame);
    }

    /** Stage-2 leaf entries (in any table page) that map {@code frame}. */
    public int leafRefs(Pa frame) { return marks.leafRefs(index(frame)); }

    /** Registers a source of guest leaf mappings for {@link #bytesSaved()}. */
    public void addLeafSource(LeafSource source) { leafSources.add(Objects.requireNonNull(source, "source")); }

    /** Unregisters a source added with {@link #addLeafSource}. */
    public void removeLeafSource(LeafSource source) { leafSources.remove(source); }

    /** Adds a reference to an allocated frame; returns the new count. */
    public int retain(Pa frame) {
        long f = index(frame);
        int[] r = refsOf(f, frame, "retain");
        int i = (int) f & (CHUNK - 1);
        r[i]++;
        return r[i];
    }

    /** Drops a reference; the frame is freed at zero (its bytes stay until it is allocated again). Returns the new count. */
    public int release(Pa frame) {
        long f = index(frame);
        int[] r = refsOf(f, frame, "release");
        int i = (int) f & (CHUNK - 1);
        int n = --r[i];
        if (n > 0) return n;
        inUse--;
        marks.clear(f);
        if (storage(f) != null) backed--; // the array stays with the physical frame
        if (freeCount == freeList.length) freeList = Arrays.copyOf(freeList, freeCount * 2);
        freeList[freeCount++] = f;
        return 0;
    }

    /** References held on {@code frame} (0 when free). */
    public int refCount(Pa frame) { return refCountAt(index(frame)); }

    private int refCountAt(long f) {
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
    public byte[] readBytes(Pa pa, int length) { return FrameCopies.read(this, pa, length); }

    /** Writes {@code bytes} starting at {@code pa} (may span frames, all allocated). */
    public void writeBytes(Pa pa, byte[] bytes) { FrameCopies.write(this, pa, bytes); }

    /** Frames holding at least one reference. */
    public long framesInUse() { return inUse; }

    /** Frames in use that have storage (written at some time); the rest read as zeros for free. */
    public long framesBacked() { return backed; }

    /** Host bytes that frames in use stand for. */
    public ByteSize bytesInUse() { return ByteSize.pages(inUse); }

    /**
     * (guest pages mapped − host frames those pages use) × 4 KiB, over every registered {@link LeafSource}: the
     * memory that sharing saved. One guest page on the zero page saves nothing; 256 pages on one frame save 255.
     * Pages mapped outside host memory count on neither side. Computed from the leaf mappings when asked.
     */
    public ByteSize bytesSaved() { return ByteSize.pages(LeafSource.pagesSaved(leafSources, baseValue, sizeBytes)); }

    // ---- fast access for the stage-2 model (same package family) ----

    /**
     * The storage of {@code frame}, or null if it was never written. The array belongs to the physical frame for
     * the life of the host (a later owner of the frame uses the same array).
     */
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

    /**
     * The storage of the frame holding {@code physical}, created if needed, whether the frame is allocated or not:
     * what a stale TLB entry reaches, as hardware reaches the physical frame. Null outside host memory.
     */
    public byte[] physicalStorageForWrite(long physical) {
        long off = physical - baseValue;
        if (off < 0 || off >= sizeBytes) return null;
        long f = off >>> 12;
        byte[] d = storage(f);
        if (d != null) return d;
        int c = (int) (f >>> CHUNK_SHIFT);
        if (data[c] == null) data[c] = new byte[CHUNK][];
        d = new byte[FRAME_BYTES];
        data[c][(int) f & (CHUNK - 1)] = d;
        if (refCountAt(f) > 0) backed++;
        return d;
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

    /** The frame of index {@code f} (0 = the base). */
    Pa framePa(long f) { return Pa.of(base.value() + (f << 12)); }

    private long index(Pa frame) {
        long off = frame.value() - baseValue;
        if (off < 0 || off >= sizeBytes || (off & 0xFFF) != 0) throw notAFrame(frame);
        return off >>> 12;
    }

    // Cold paths kept out of index() and refsOf() so those stay small enough to inline on the access path.
    private MemoryException notAFrame(Pa frame) {
        return HostMemoryErrors.notAFrame(frame, HostMemoryViews.range(this));
    }

    private int[] refsOf(long f, Pa frame, String op) {
        int[] r = refs[(int) (f >>> CHUNK_SHIFT)];
        if (r == null || r[(int) f & (CHUNK - 1)] == 0) throw freed(f, op);
        return r;
    }

    private MemoryException freed(long f, String op) {
        return HostMemoryErrors.freed(framePa(f), op);
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
            throw HostMemoryErrors.crossesFrame(pa, size);
        }
        return off;
    }


    /** Frames in use: pa, refs, leaf_refs, shared, backed, marks (in address order). */
    public Table frames() { return HostMemoryViews.frames(this, nextFresh); }

    @Override
    public String toText() { return HostMemoryViews.text(this); }

    @Override
    public String toHtml() { return HostMemoryViews.html(this); }

    @Override
    public String toString() { return "HostMemory[" + size + ", " + inUse + " frames in use]"; }
}
