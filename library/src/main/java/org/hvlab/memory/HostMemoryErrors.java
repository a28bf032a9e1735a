package org.hvlab.memory;

import org.hvlab.core.ByteSize;
import org.hvlab.core.Pa;

/** The errors of {@link HostMemory}: what (the values), why (the rule), next (the call that helps). */
final class HostMemoryErrors {
    private HostMemoryErrors() {}

    static MemoryException outOfMemory(ByteSize size, long inUse) {
        return new MemoryException(MemoryException.Reason.OUT_OF_MEMORY,
                "no free frame in " + size + " of host memory (" + inUse + " frames in use)",
                "every 4 KiB frame holds at least one reference",
                "Build the host with more memory(..), share pages, or release frames you no longer map");
    }

    static MemoryException notAFrame(Pa frame, String range) {
        return new MemoryException(MemoryException.Reason.NOT_A_FRAME, frame + " is not a frame of this host",
                "frames are 4 KiB aligned inside [" + range + "]", "Use an address from allocate(), or pa.pageBase()");
    }

    static MemoryException freed(Pa frame, String op) {
        return new MemoryException(MemoryException.Reason.FRAME_FREED_TWICE,
                "cannot " + op + " frame " + frame + ": it is free",
                "it was freed already (or never allocated); each allocate() and retain() is matched by exactly one release()",
                "Check refCount(pa) before releasing, or look at memory.frames()");
    }

    static MemoryException crossesFrame(Pa pa, int size) {
        return new MemoryException(MemoryException.Reason.MISALIGNED,
                "a " + size + "-byte access at " + pa + " crosses a frame boundary",
                "single accesses stay inside one 4 KiB frame", "Use readBytes/writeBytes for ranges");
    }

    static MemoryException negativeLength(int length) {
        return new MemoryException(MemoryException.Reason.BAD_SIZE, "a range of " + length + " bytes",
                "a length is never negative", "Pass a length of 0 or more");
    }
}
