package org.hvlab.memory;

import java.util.BitSet;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Whatever maps guest pages to host frames (a VM's stage-2 tables), registered with {@link
 * HostMemory#addLeafSource}: it reports every mapped guest page by the physical address it maps to, and returns
 * how many it reported. {@link HostMemory#bytesSaved()} is computed from these reports.
 */
@FunctionalInterface
public interface LeafSource {
    long forEachLeafPage(LongConsumer physical);

    /** Guest pages mapped into {@code [base, base + size)} minus the distinct frames they use, over all sources. */
    static long pagesSaved(List<LeafSource> sources, long base, long size) {
        BitSet used = new BitSet();
        long[] pages = {0};
        for (LeafSource s : sources) {
            s.forEachLeafPage(physical -> {
                long off = physical - base;
                if (off < 0 || off >= size) return;
                pages[0]++;
                used.set((int) (off >>> 12));
            });
        }
        return Math.max(0, pages[0] - used.cardinality());
    }
}
