package org.hvlab.memory.stage2;

import java.util.Arrays;
import java.util.Optional;
import org.hvlab.core.ByteSize;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.core.Renderable;
import org.hvlab.memory.MemoryException;

/**
 * The host's software TLB for stage-2 translations: direct-mapped, a power-of-two number of entries, each tagged
 * by VMID and IPA page. Like hardware it is never updated by table changes: an entry stays (stale) until an
 * explicit invalidation by IPA ({@code TLBI IPAS2E1IS}), by VMID ({@code TLBI VMALLS12E1IS}) or of everything
 * ({@code TLBI ALLE1IS}). Counts hits and misses. Not thread-safe.
 */
public final class Tlb implements Renderable {
    /** The VMID shifted above the 40-bit page number in a tag. */
    static final int TAG_SHIFT = 40;
    static final long EMPTY = -1L;

    final long[] tags;
    /** The tag when the entry permits reads, else {@link #EMPTY}: the read fast path checks only this. */
    final long[] readTags;
    /** The tag when the entry permits writes, else {@link #EMPTY}. */
    final long[] writeTags;
    /** The leaf descriptor (permissions and attributes). */
    final long[] descs;
    /** The page's PA. */
    final long[] pas;
    /**
     * The frame's storage, or null if the frame had none when the entry was filled. Host memory keeps one array
     * per physical frame for its life, so a stale entry reaches the physical frame, whoever owns it now.
     */
    final byte[][] data;
    /** The level of the leaf (3 for a page, 2 or 1 for a block), for the fault record of a permission fault. */
    final byte[] levels;
    final int mask;
    /** Hits since the TLB was made (never reset: the clock charges them through a meter). */
    long hits;
    /** {@link #hits} at the last {@link #resetCounters()}. */
    private long hitsAtReset;
    long misses;
    private long fills;
    private long invalidations;

    /** A TLB of {@code entries} (a power of two, 1 to 2^20). */
    public Tlb(int entries) {
        if (entries < 1 || entries > (1 << 20) || Integer.bitCount(entries) != 1) {
            throw new MemoryException(MemoryException.Reason.BAD_SIZE, "a TLB of " + entries + " entries",
                    "the TLB is direct-mapped with a power-of-two number of entries from 1 to 1048576",
                    "Use e.g. 1024");
        }
        tags = new long[entries];
        Arrays.fill(tags, EMPTY);
        readTags = new long[entries];
        Arrays.fill(readTags, EMPTY);
        writeTags = new long[entries];
        Arrays.fill(writeTags, EMPTY);
        descs = new long[entries];
        pas = new long[entries];
        data = new byte[entries][];
        levels = new byte[entries];
        mask = entries - 1;
    }

    static long tag(int vmid, long page) { return ((long) vmid << TAG_SHIFT) | page; }

    int index(int vmid, long page) { return (int) ((page ^ salt(vmid)) & mask); }

    /** Spreads VMs over the entries; a VM computes it once. */
    static long salt(int vmid) { return (long) vmid * 0x9E37_79B9L; }

    void fill(int vmid, long page, long desc, int level, long pa, byte[] frame) {
        int i = index(vmid, page);
        long t = tag(vmid, page);
        tags[i] = t;
        readTags[i] = (desc & Descriptor.S2AP_R) != 0 ? t : EMPTY;
        writeTags[i] = (desc & Descriptor.S2AP_W) != 0 ? t : EMPTY;
        descs[i] = desc;
        pas[i] = pa;
        levels[i] = (byte) level;
        data[i] = frame;
        fills++;
    }

    /** What the TLB holds for {@code ipa} in {@code vmid}, without counting a hit or miss. */
    public Optional<Entry> probe(int vmid, Ipa ipa) {
        long page = ipa.pageNumber();
        int i = index(vmid, page);
        if (tags[i] != tag(vmid, page)) return Optional.empty();
        return Optional.of(new Entry(vmid, ipa.pageBase(), Pa.of(pas[i]), new Descriptor(descs[i])));
    }

    /** A cached translation. */
    public record Entry(int vmid, Ipa page, Pa pa, Descriptor descriptor) {}

    /** Drops the entry for one page of {@code vmid} (TLBI IPAS2E1IS). */
    public void invalidate(int vmid, Ipa ipa) {
        long page = ipa.pageNumber();
        int i = index(vmid, page);
        if (tags[i] == tag(vmid, page)) drop(i);
        invalidations++;
    }

    /** Drops every page of {@code [ipa, ipa + size)} of {@code vmid}. */
    public void invalidate(int vmid, Ipa ipa, ByteSize size) {
        long first = ipa.pageNumber();
        long last = (ipa.value() + Math.max(1, size.bytes()) - 1) >>> 12;
        if (last - first >= tags.length) {
            invalidateVmid(vmid);
            return;
        }
        for (long p = first; p <= last; p++) {
            int i = index(vmid, p);
            if (tags[i] == tag(vmid, p)) drop(i);
        }
        invalidations++;
    }

    /** Drops every entry of {@code vmid} (TLBI VMALLS12E1IS). */
    public void invalidateVmid(int vmid) {
        for (int i = 0; i < tags.length; i++) {
            if (tags[i] != EMPTY && (tags[i] >>> TAG_SHIFT) == vmid) drop(i);
        }
        invalidations++;
    }

    /** Drops every entry (TLBI ALLE1IS). */
    public void invalidateAll() {
        Arrays.fill(tags, EMPTY);
        Arrays.fill(readTags, EMPTY);
        Arrays.fill(writeTags, EMPTY);
        Arrays.fill(data, null);
        invalidations++;
    }

    private void drop(int i) {
        tags[i] = EMPTY;
        readTags[i] = EMPTY;
        writeTags[i] = EMPTY;
        data[i] = null;
    }

    public int entries() { return tags.length; }

    /** Entries holding a translation. */
    public int validEntries() {
        int n = 0;
        for (long t : tags) if (t != EMPTY) n++;
        return n;
    }

    public long hits() { return hits - hitsAtReset; }

    public long misses() { return misses; }

    public long fills() { return fills; }

    public long invalidations() { return invalidations; }

    /** misses / (hits + misses), 0 before any lookup. */
    public double missRatio() {
        long n = hits() + misses;
        return n == 0 ? 0 : (double) misses / n;
    }

    /** Zeroes the hit, miss, fill and invalidation counters (entries stay). */
    public void resetCounters() {
        hitsAtReset = hits;
        misses = 0;
        fills = 0;
        invalidations = 0;
    }

    @Override
    public String toText() {
        return String.format("TLB: %d entries (%d valid), %d hits, %d misses, miss ratio %.4f, %d fills, %d invalidations",
                tags.length, validEntries(), hits(), misses, missRatio(), fills, invalidations);
    }

    @Override
    public String toString() {
        return "Tlb[" + tags.length + " entries, " + hits() + " hits, " + misses + " misses]";
    }
}
