package org.hvlab.memory.stage2;

import org.hvlab.core.ByteSize;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.memory.MemoryException;

/**
 * The rules a change to a {@link Stage2} must keep, each with the error that says which one was broken: what (the
 * range and the VM), why (the rule), next (the call that fixes it). {@link Stage2} decides when a rule applies;
 * the wording lives here so every error of the stage-2 tables reads the same way.
 */
final class Stage2Rules {
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
                "tables below the root are at levels 1, 2 or 3", "Use level 3 for a 2 MiB region");
    }

    static MemoryException freeTable(Pa table) {
        return new MemoryException(MemoryException.Reason.BAD_TABLE, "table " + table + " is a free frame",
                "only a live table page can be shared", "Take one from another VM's stage2().tableAt(..)");
    }

    static MemoryException entryInUse(Ipa ipa, ByteSize region, int level, String owner) {
        return new MemoryException(MemoryException.Reason.MAPPING,
                range(ipa, region) + " already has a level-" + level + " table or block in " + owner,
                "installTable only fills an empty entry", "unmap(" + ipa + ", " + region + ") first");
    }
}
