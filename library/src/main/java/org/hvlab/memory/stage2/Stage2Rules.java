package org.hvlab.memory.stage2;

import org.hvlab.core.ByteSize;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.memory.HostMemory;
import org.hvlab.memory.MemoryException;

/**
 * The rules a change to a {@link Stage2} must keep, each with the error that says which one was broken: what (the
 * range and the VM), why (the rule), next (the call that fixes it). {@link Stage2} decides when a rule applies;
 * the wording lives here so every error of the stage-2 tables reads the same way.
 */
final class Stage2Rules {

    /** Refuses when any page of the range is already mapped (skipping whole unmapped blocks of the walk). */
    static void checkUnmapped(Stage2 s2, Ipa ipa, ByteSize size, String owner) {
        for (long a = ipa.value(); a < ipa.value() + size.bytes(); a += 4096) {
            long d = s2.lookup(a);
            int level = s2.lastLevel;
            if (d != 0) throw alreadyMapped(a, Stage2.output(d, level, a), owner);
            if (level < 3) a = (a & -Stage2.span(level)) + Stage2.span(level) - 4096;
        }
    }
    static final long IPA_LIMIT = 1L << Stage2.IPA_BITS;

    private Stage2Rules() {}

    /** {@code [first..last]} of the range, as every stage-2 message shows it. */
    static String range(Ipa ipa, ByteSize size) {
        return "[" + ipa + ".." + Ipa.of(ipa.value() + size.bytes() - 1) + "]";
    }

    /** The range must end within the 48-bit input range. */
    static void checkRange(Ipa ipa, ByteSize size, String owner) {
        if (ipa.value() + size.bytes() > IPA_LIMIT) {
            throw new MemoryException(MemoryException.Reason.IPA_RANGE,
                    "IPA range " + ipa + " + " + size + " is beyond the 48-bit stage-2 input range of " + owner,
                    "stage 2 translates IPAs below " + Ipa.of(IPA_LIMIT - 1).offset(1),
                    "Use an IPA below 0x1_0000_0000_0000");
        }
    }

    /** A change covers whole pages: page-aligned start, non-zero size in pages. */
    static void checkPages(Ipa ipa, ByteSize size) {
        if (!ipa.isPageAligned() || !size.isPageMultiple() || size.isZero()) {
            throw unaligned(range(ipa, size.max(ByteSize.ofBytes(1))));
        }
    }

    static MemoryException unaligned(String what) {
        return new MemoryException(MemoryException.Reason.MAPPING, what + " is not page aligned",
                "stage-2 mappings start on a 4 KiB boundary and cover whole 4 KiB pages",
                "Use ipa.alignDown(ByteSize.PAGE) and a size in pages");
    }

    static MemoryException destroyed(String owner) {
        return new MemoryException(MemoryException.Reason.MAPPING, "the stage-2 tables of " + owner + " are destroyed",
                "a destroyed VM has released its tables", "Create a new VM");
    }

    static MemoryException inBlock(long ipa, int level, String owner) {
        return new MemoryException(MemoryException.Reason.MAPPING,
                "IPA " + Ipa.of(ipa) + " is inside a level-" + level + " block mapping in " + owner,
                "this model changes page mappings, not blocks", "unmap the whole block region first");
    }

    static MemoryException alreadyMapped(long ipa, long pa, String owner) {
        return new MemoryException(MemoryException.Reason.MAPPING,
                "IPA " + Ipa.of(ipa) + " is already mapped in " + owner + " (to PA " + Pa.of(pa) + ")",
                "map(..) never replaces a mapping", "unmap(..) it first, or use protect(..) to change permissions");
    }

    static MemoryException notAPageDescriptor(Descriptor d, Ipa page) {
        return new MemoryException(MemoryException.Reason.BAD_TABLE, "descriptor " + d.hex() + " for " + page,
                "remap installs an L3 page descriptor", "Build it with Descriptor.page(..)");
    }

    static MemoryException notMappedByAPage(long ipa, Ipa start, ByteSize size, String owner) {
        return new MemoryException(MemoryException.Reason.MAPPING,
                "IPA " + Ipa.of(ipa) + " in " + range(start, size) + " is not mapped by a page in " + owner,
                "protect changes the permissions of existing page mappings", "Map it first with map(..)");
    }

    static MemoryException sharedCopyOnWrite(long ipa, long frame, String owner) {
        return new MemoryException(MemoryException.Reason.MAPPING,
                "IPA " + Ipa.of(ipa) + " is a copy-on-write share of frame " + Pa.of(frame),
                "making it writable would let " + owner + " write a frame other holders read",
                "Write to it through the VM to get a private copy, or unmap and map a frame of its own");
    }

    static MemoryException badTableLevel(int level) {
        return new MemoryException(MemoryException.Reason.BAD_TABLE, "a level-" + level + " table",
                "stage-2 tables are at levels 0 (the root) to 3; installTable takes 1, 2 or 3",
                "Use level 3 for a 2 MiB region");
    }

    /**
     * Every frame a mapping of {@code pages} pages from {@code first} would point at (one frame unless
     * {@code consecutive}) is page aligned, live and no table page, and, for a writable mapping, no frame other
     * mappings share or the host marked read-only. Checked before anything changes, so a refused map leaves the
     * tables as they were. Frames outside host memory (device addresses) are not host frames and pass.
     */
    static void checkFrames(HostMemory mem, Ipa ipa, Pa first, long pages, boolean consecutive, boolean writable,
                            String owner) {
        if (!first.isPageAligned()) throw unaligned("PA " + first);
        long n = consecutive ? pages : 1;
        for (long i = 0; i < n; i++) {
            long a = ipa.value() + (consecutive ? i << 12 : 0);
            Pa f = Pa.of(first.value() + (i << 12));
            if (!mem.contains(f)) continue;
            if (mem.refCount(f) == 0) {
                throw new MemoryException(MemoryException.Reason.MAPPING,
                        "frame " + f + " for IPA " + Ipa.of(a) + " in " + owner + " is free",
                        "a stage-2 mapping holds a reference on a live frame; a free frame may become someone "
                                + "else's page or a table page at any time", "allocate() the frame first, then map it");
            }
            int level = mem.tableLevel(f);
            if (level >= 0) {
                throw new MemoryException(MemoryException.Reason.MAPPING,
                        "frame " + f + " for IPA " + Ipa.of(a) + " in " + owner + " is a level-" + level
                                + " stage-2 table page",
                        "a guest must never reach translation tables through its own mappings",
                        "Map a data frame from allocate(); look at stage2().tableFrames() for the tables");
            }
            if (writable) checkWritable(mem, a, f.value(), 0, owner);
        }
    }

    /**
     * A writable mapping of {@code frame} at {@code ipa} is allowed only when the host did not mark the frame
     * read-only and no stage-2 leaf entry other than the {@code self} ones being changed maps it: otherwise one
     * guest's stores would change what other guests read.
     */
    static void checkWritable(HostMemory mem, long ipa, long frame, int self, String owner) {
        Pa f = Pa.of(frame);
        if (!mem.contains(f)) return;
        int others = mem.leafRefs(f) - self;
        if (mem.isReadOnly(f) || others > 0) {
            throw new MemoryException(MemoryException.Reason.SHARED_FRAME,
                    "IPA " + Ipa.of(ipa) + " in " + owner + " cannot map frame " + f + " writable: "
                            + (mem.isReadOnly(f) ? "the host marked it read-only for every guest"
                            + (mem.dropsWrites(f) ? " (writes to it are dropped)" : "")
                            : "it is mapped by " + others + " other stage-2 entr" + (others == 1 ? "y" : "ies")),
                    "a frame shared read-only is the same bytes for every holder; a writable mapping would let one "
                            + "VM change them for all",
                    "Map it with mapCopyOnWrite(..) so the first store gets a private copy, or map a frame of its own");
        }
    }

    /** {@code table} is a live frame that host memory records as a level-{@code level} table page. */
    static void checkTable(HostMemory mem, Pa table, int level) {
        if (mem.refCount(table) == 0) {
            throw new MemoryException(MemoryException.Reason.BAD_TABLE, "table " + table + " is a free frame",
                    "only a live table page can be shared", "Take one from another VM's stage2().tableAt(..)");
        }
        int recorded = mem.tableLevel(table);
        if (recorded == level) return;
        throw new MemoryException(MemoryException.Reason.BAD_TABLE,
                "frame " + table + " is " + (recorded >= 0 ? "a level-" + recorded + " table"
                        : mem.leafRefs(table) > 0 ? "a data page mapped into a guest" : "not a table page") + ", not a level-" + level + " table",
                "installTable links a table page of the same level; a data page would be read as descriptors",
                "Take a level-" + level + " table from another VM's stage2().tableAt(ipa, " + level + ")");
    }

    static MemoryException entryInUse(Ipa ipa, ByteSize region, int level, String owner) {
        return new MemoryException(MemoryException.Reason.MAPPING,
                range(ipa, region) + " already has a level-" + level + " table or block in " + owner,
                "installTable only fills an empty entry", "unmap(" + ipa + ", " + region + ") first");
    }
}
