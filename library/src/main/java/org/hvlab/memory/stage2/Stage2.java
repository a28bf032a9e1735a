package org.hvlab.memory.stage2;

import static org.hvlab.memory.stage2.Descriptor.OA_MASK;
import static org.hvlab.memory.stage2.Descriptor.TYPE;
import static org.hvlab.memory.stage2.Descriptor.VALID;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hvlab.core.ByteSize;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.core.Renderable;
import org.hvlab.core.Trace;
import org.hvlab.memory.HostMemory;
import org.hvlab.memory.LeafSource;
import org.hvlab.memory.LittleEndian;
import tech.tablesaw.api.Table;

/**
 * One VM's stage-2 translation tables: real ARMv8 descriptors (4 KiB granule, 48-bit IPA, walk from level 0) in
 * frames of {@link HostMemory}.
 *
 * <p>Reference counts: each table entry holds one reference on what it points at (a page frame inside host memory,
 * or a next-level table), and the root is held by this object. A table page installed in several places
 * ({@link #installTable}) is shared; modifying it through any holder first copies it (table copy-on-write), so a
 * change never leaks into another VM. Changing tables does not touch any TLB: invalidate afterwards, as a real
 * hypervisor does (the {@code GuestMemory} methods do it for you). Not thread-safe.
 */
public final class Stage2 implements Renderable {
    /** Input address size. */
    public static final int IPA_BITS = 48;
    private static final long IPA_LIMIT = Stage2Rules.IPA_LIMIT;

    private final HostMemory mem;
    private final int vmid;
    private final String owner;
    private final Trace trace;
    private final Pa root;
    private final LeafSource leafSource;
    private long leafPages;
    private boolean destroyed;
    /** Scratch of the last {@link #lookup(long)}: level reached (the leaf's or the faulting one). */
    int lastLevel;

    public Stage2(HostMemory mem, int vmid, String owner, Trace trace) {
        this.mem = Objects.requireNonNull(mem, "mem");
        this.vmid = vmid;
        this.owner = Objects.requireNonNull(owner, "owner");
        this.trace = Objects.requireNonNull(trace, "trace");
        this.root = mem.allocate();
        mem.markTable(root, 0);
        this.leafSource = out -> Stage2Tree.forEachLeafPage(this, root.value(), 0, out);
        mem.addLeafSource(leafSource);
    }

    /** The level-0 table (VTTBR_EL2.BADDR). */
    public Pa root() { return root; }

    public int vmid() { return vmid; }

    /** VTTBR_EL2 as the hardware would hold it: VMID in bits [63:48], root in [47:1]. */
    public long vttbr() { return ((long) vmid << 48) | root.value(); }

    /** Valid L3 page entries reachable from the root. */
    public long mappedPages() { return leafPages; }

    public HostMemory hostMemory() { return mem; }

    static int index(long ipa, int level) { return (int) ((ipa >>> (39 - 9 * level)) & 0x1FF); }

    /** Bytes one entry at {@code level} covers: 512 GiB, 1 GiB, 2 MiB, 4 KiB. */
    public static long span(int level) { return 1L << (39 - 9 * level); }

    long read(long table, int idx) {
        byte[] d = mem.storageOf(table);
        return d == null ? 0 : LittleEndian.getLong(d, idx << 3);
    }

    private void write(long table, int idx, long desc) {
        LittleEndian.putLong(mem.frameDataForWrite(Pa.of(table)), idx << 3, desc);
    }

    /**
     * The leaf descriptor translating {@code ipa}, or 0 when the walk faults; {@link #lastLevel} is the level reached.
     * The number of descriptors read is {@code lastLevel + 1}.
     */
    long lookup(long ipa) {
        long table = root.value();
        for (int level = 0; level < 4; level++) {
            long desc = read(table, index(ipa, level));
            lastLevel = level;
            if ((desc & VALID) == 0) return 0;
            if (level == 3) return (desc & TYPE) != 0 ? desc : 0;
            if ((desc & TYPE) == 0) return level == 0 ? 0 : desc;
            table = desc & OA_MASK;
        }
        return 0;
    }

    /** The output address for {@code ipa} of a leaf found at {@code level}. */
    static long output(long desc, int level, long ipa) {
        long s = span(level) - 1;
        return (desc & OA_MASK & ~s) | (ipa & s);
    }

    /** Translates {@code ipa} (no TLB, no cost): the PA, or empty when it faults. */
    public Optional<Pa> translate(Ipa ipa) {
        long d = ipa.value() < IPA_LIMIT ? lookup(ipa.value()) : 0;
        return d == 0 ? Optional.empty() : Optional.of(Pa.of(output(d, lastLevel, ipa.value())));
    }

    /** The leaf descriptor for {@code ipa}, if mapped. */
    public Optional<Descriptor> descriptor(Ipa ipa) {
        long d = ipa.value() < IPA_LIMIT ? lookup(ipa.value()) : 0;
        return d == 0 ? Optional.empty() : Optional.of(new Descriptor(d));
    }

    /** The walk for {@code ipa}, level by level. */
    public Stage2Walk walk(Ipa ipa) {
        Stage2Rules.checkRange(ipa, ByteSize.ofBytes(1), owner);
        return Stage2Tree.walk(this, owner, ipa);
    }

    // ---- changes ----

    /** Maps {@code size} bytes at {@code ipa} to consecutive frames from {@code pa}; every page must be unmapped. */
    public void map(Ipa ipa, Pa pa, ByteSize size, S2Ap ap) {
        checkChange(ipa, size);
        checkUnmapped(ipa, size);
        Stage2Rules.checkFrames(mem, ipa, pa, size.pages(), true, ap.writable(), owner);
        mapPages(ipa, size, pa, Descriptor.page(pa, ap).raw(), true, "stage2_map", ap.name());
    }

    /**
     * Maps every page of {@code [ipa, ipa + size)} to the one frame {@code frame}, read-only ({@code PA | 0x77F}):
     * reads cost no exit, writes take a permission fault. Every page must be unmapped.
     */
    public void mapShared(Ipa ipa, ByteSize size, Pa frame) {
        checkChange(ipa, size);
        checkUnmapped(ipa, size);
        Stage2Rules.checkFrames(mem, ipa, frame, size.pages(), false, false, owner);
        mapPages(ipa, size, frame, Descriptor.readOnlyShared(frame).raw(), false, "stage2_map_shared",
                "READ_ONLY x" + size.pages());
    }

    /**
     * Maps {@code [ipa, ipa + size)} read-only and copy-on-write (software bit 55) to consecutive frames from
     * {@code pa}: reads share the frames, the first write to a page gives that page a private copy.
     */
    public void mapCopyOnWrite(Ipa ipa, Pa pa, ByteSize size) {
        checkChange(ipa, size);
        checkUnmapped(ipa, size);
        Stage2Rules.checkFrames(mem, ipa, pa, size.pages(), true, false, owner);
        mapPages(ipa, size, pa, Descriptor.page(pa, S2Ap.READ_ONLY, MemAttr.NORMAL_WB, true).raw(), true,
                "stage2_map_cow", "READ_ONLY COW");
    }

    /**
     * Sets every page to {@code first} (advancing its output address when {@code consecutive}). The caller checked
     * the range and every frame before, so nothing is left half-done.
     */
    private void mapPages(Ipa ipa, ByteSize size, Pa pa, long first, boolean consecutive, String event, String what) {
        for (long i = 0; i < size.pages(); i++) {
            setLeaf(ipa.value() + (i << 12), consecutive ? first + (i << 12) : first);
        }
        trace.event(event, owner, Stage2Rules.range(ipa, size) + " -> " + pa + " " + what);
    }

    /** Sets the page at {@code ipa} to {@code d}, replacing what was there (the old frame is released). */
    public void remap(Ipa page, Descriptor d) {
        checkChange(page, ByteSize.PAGE);
        if (!d.isPage(3)) throw Stage2Rules.notAPageDescriptor(d, page);
        Pa frame = d.outputAddress();
        Stage2Rules.checkFrames(mem, page, frame, 1, false, false, owner);
        if (d.writable()) {
            long old = lookup(page.value());
            int self = old != 0 && lastLevel == 3 && (old & OA_MASK) == frame.value() && !Stage2Tree.sharedPath(this, page.value())
                    ? 1 : 0;
            Stage2Rules.checkWritable(mem, page.value(), frame.value(), self, owner);
        }
        setLeaf(page.value(), d.raw());
    }

    private void setLeaf(long ipa, long desc) {
        long t = tableFor(ipa, 3, true);
        int idx = index(ipa, 3);
        long old = read(t, idx);
        retainFrame(desc & OA_MASK);
        if ((old & VALID) != 0) releaseFrame(old & OA_MASK);
        else leafPages++;
        write(t, idx, desc);
    }

    /** Removes every mapping in {@code [ipa, ipa + size)}; pages already unmapped are left as they are. */
    public void unmap(Ipa ipa, ByteSize size) {
        checkChange(ipa, size);
        long a = ipa.value();
        long end = a + size.bytes();
        while (a < end) {
            boolean whole2m = (a & (span(2) - 1)) == 0 && end - a >= span(2);
            long t = tableFor(a, whole2m ? 2 : 3, false);
            if (t < 0) {
                long s = span(lastLevel);
                a = (a & -s) + s;
                continue;
            }
            int level = whole2m ? 2 : 3;
            int idx = index(a, level);
            long e = read(t, idx);
            if ((e & VALID) != 0) {
                if (level == 2 && (e & TYPE) != 0) {
                    leafPages -= countLeaves(e & OA_MASK, 3);
                    releaseTable(e & OA_MASK, 3);
                } else if (level == 3) {
                    releaseFrame(e & OA_MASK);
                    leafPages--;
                } else {
                    throw Stage2Rules.inBlock(a, level, owner);
                }
                write(t, idx, 0);
            }
            a += span(level);
        }
        trace.event("stage2_unmap", owner, Stage2Rules.range(ipa, size));
    }

    /** Changes the permissions of every page in {@code [ipa, ipa + size)}; all must be mapped. */
    public void protect(Ipa ipa, ByteSize size, S2Ap ap) {
        checkChange(ipa, size);
        for (long a = ipa.value(); a < ipa.value() + size.bytes(); a += 4096) {
            long d = lookup(a);
            if (d == 0 || lastLevel != 3) throw Stage2Rules.notMappedByAPage(a, ipa, size, owner);
            if ((d & Descriptor.SW_COW) != 0 && ap.writable()) {
                throw Stage2Rules.sharedCopyOnWrite(a, d & OA_MASK, owner);
            }
            if (ap.writable()) Stage2Rules.checkWritable(mem, a, d & OA_MASK, Stage2Tree.sharedPath(this, a) ? 0 : 1, owner);
        }
        for (long a = ipa.value(); a < ipa.value() + size.bytes(); a += 4096) {
            long t = tableFor(a, 3, false);
            int idx = index(a, 3);
            write(t, idx, new Descriptor(read(t, idx)).withS2ap(ap).raw());
        }
        trace.event("stage2_protect", owner, Stage2Rules.range(ipa, size) + " " + ap);
    }

    /**
     * Installs the existing table page {@code table} as the level-{@code level} table for the region at {@code ipa}
     * (a level-3 table covers 2 MiB, level 2 covers 1 GiB, level 1 covers 512 GiB). The table gains a reference and
     * becomes shared; the region must be unmapped here. Get a table to share with {@link #tableAt(Ipa, int)}.
     */
    public void installTable(Ipa ipa, int level, Pa table) {
        if (level < 1 || level > 3) throw Stage2Rules.badTableLevel(level);
        ByteSize region = ByteSize.ofBytes(span(level - 1));
        checkChange(ipa, region);
        if (!ipa.isAligned(region)) {
            throw Stage2Rules.unaligned("IPA " + ipa + " for a level-" + level + " table (" + region + ")");
        }
        Stage2Rules.checkTable(mem, table, level);
        long parent = tableFor(ipa.value(), level - 1, true);
        int idx = index(ipa.value(), level - 1);
        if ((read(parent, idx) & VALID) != 0) throw Stage2Rules.entryInUse(ipa, region, level, owner);
        mem.retain(table);
        mem.markTable(table, level);
        write(parent, idx, Descriptor.table(table).raw());
        leafPages += countLeaves(table.value(), level);
        trace.event("stage2_install_table", owner, Stage2Rules.range(ipa, region) + " L" + level + " table " + table);
    }

    /** The level-{@code level} table used to translate {@code ipa} (level 0 is the root), if present. */
    public Optional<Pa> tableAt(Ipa ipa, int level) {
        if (level < 0 || level > 3) throw Stage2Rules.badTableLevel(level);
        long table = root.value();
        for (int l = 0; l < level; l++) {
            long d = read(table, index(ipa.value(), l));
            if ((d & VALID) == 0 || (d & TYPE) == 0 || l == 3) return Optional.empty();
            table = d & OA_MASK;
        }
        return Optional.of(Pa.of(table));
    }

    /** Releases every table and mapping; the object is unusable afterwards. */
    public void destroy() {
        if (destroyed) return;
        releaseTable(root.value(), 0);
        mem.removeLeafSource(leafSource);
        leafPages = 0;
        destroyed = true;
        trace.event("stage2_destroy", owner, "root " + root);
    }

    // ---- queries over the tree ----

    /** Every table page reachable from the root, root first. */
    public Set<Pa> tableFrames() { return Stage2Tree.tableFrames(this); }

    /** Table pages reachable, how many are shared, host bytes. */
    public TableUsage tableUsage() { return Stage2Tree.usage(this, mem); }

    /** The mapped pages as runs, in IPA order. */
    public List<Mapping> mappings() { return Stage2Tree.mappings(this); }

    // ---- internals ----


    /**
     * The private table at {@code target} level on the path to {@code ipa}: missing tables are created when
     * {@code create}, otherwise -1 is returned with {@link #lastLevel} at the missing level. Shared tables on the path
     * are copied first.
     */
    private long tableFor(long ipa, int target, boolean create) {
        long table = root.value();
        for (int level = 0; level < target; level++) {
            int idx = index(ipa, level);
            long desc = read(table, idx);
            if ((desc & VALID) == 0) {
                if (!create) {
                    lastLevel = level;
                    return -1;
                }
                Pa t = mem.allocate();
                mem.markTable(t, level + 1);
                write(table, idx, Descriptor.table(t).raw());
                table = t.value();
                continue;
            }
            if ((desc & TYPE) == 0) throw Stage2Rules.inBlock(ipa, level, owner);
            long next = desc & OA_MASK;
            if (mem.refCount(Pa.of(next)) > 1) next = unshare(table, idx, next, level + 1);
            table = next;
        }
        return table;
    }

    /** Replaces the shared table {@code child} under entry {@code idx} of {@code parent} with a private copy. */
    private long unshare(long parent, int idx, long child, int childLevel) {
        Pa copy = mem.copy(Pa.of(child));
        mem.markTable(copy, childLevel);
        for (int i = 0; i < 512; i++) {
            long e = read(copy.value(), i);
            if ((e & VALID) == 0) continue;
            if (childLevel < 3 && (e & TYPE) != 0) mem.retain(Pa.of(e & OA_MASK));
            else retainFrame(e & OA_MASK);
        }
        write(parent, idx, Descriptor.table(copy).raw());
        mem.release(Pa.of(child));
        trace.event("stage2_unshare_table", owner, "L" + childLevel + " table " + Pa.of(child) + " copied to " + copy);
        return copy.value();
    }

    private void releaseTable(long t, int level) {
        Pa tp = Pa.of(t);
        if (mem.refCount(tp) == 1) {
            for (int i = 0; i < 512; i++) {
                long e = read(t, i);
                if ((e & VALID) == 0) continue;
                if (level < 3 && (e & TYPE) != 0) releaseTable(e & OA_MASK, level + 1);
                else releaseFrame(e & OA_MASK);
            }
        }
        mem.release(tp);
    }

    private long countLeaves(long t, int level) { return Stage2Tree.countLeaves(this, t, level); }

    private void retainFrame(long pa) {
        Pa p = Pa.of(pa);
        if (mem.contains(p)) mem.retainLeaf(p);
    }

    private void releaseFrame(long pa) {
        Pa p = Pa.of(pa);
        if (mem.contains(p)) mem.releaseLeaf(p);
    }

    private void checkUnmapped(Ipa ipa, ByteSize size) { Stage2Rules.checkUnmapped(this, ipa, size, owner); }

    private void checkChange(Ipa ipa, ByteSize size) {
        if (destroyed) throw Stage2Rules.destroyed(owner);
        Stage2Rules.checkPages(ipa, size);
        Stage2Rules.checkRange(ipa, size, owner);
    }

    /** Mapped runs: ipa, last, pages, pa, s2ap, one_frame, cow. */
    public Table table() { return Stage2Tree.table(this, owner); }

    @Override
    public String toText() { return Stage2Tree.text(this, owner); }

    @Override
    public String toString() {
        return "Stage2[" + owner + ", VMID " + vmid + ", root " + root + ", " + leafPages + " pages]";
    }
}
