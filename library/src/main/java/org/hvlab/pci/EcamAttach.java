package org.hvlab.pci;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.hvlab.core.ByteSize;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.memory.HostMemory;
import org.hvlab.memory.stage2.GuestMemory;
import org.hvlab.memory.stage2.Stage2;

/**
 * Makes attaching an ECAM all or nothing. Before anything changes it checks that the VM maps nothing inside the
 * window and that the host has the frames the strategy will take (counted exactly: 0xFF frames, leaf tables and
 * the table pages above them that do not exist yet); if mapping still fails, it unmaps the window (which releases
 * every frame and leaf table mapped there), takes the window off the MMIO bus and rethrows.
 */
final class EcamAttach {
    private EcamAttach() {}

    /** Host frames attaching {@code window} under {@code strategy} takes from the host (exact). */
    static long framesNeeded(Stage2 stage2, EcamWindow window, PciTopology topology, AbsentFunctionStrategy strategy, NoFunctionPage page) {
        if (!strategy.mapsAbsentPages()) return 0;
        int perStretch = (int) (EcamWindow.STRETCH_BYTES.bytes() >>> 12);
        long frames = 0;
        boolean sharedTableUsed = false;
        Set<Long> upper = new HashSet<>();
        for (int first = 0; first < window.functions(); first += perStretch) {
            int end = Math.min(first + perStretch, window.functions());
            int present = 0;
            for (int i = first; i < end; i++) if (topology.isPresent(window.functionAtOffset((long) i << 12))) present++;
            int absent = end - first - present;
            if (absent == 0) continue;
            Ipa stretch = window.base().offset((long) first << 12);
            upperTables(stage2, stretch, upper);
            if (strategy == AbsentFunctionStrategy.SHARED_LEAF_TABLE && end - first == perStretch && present == 0) {
                sharedTableUsed = true;
                continue;
            }
            if (stage2.tableAt(stretch, 3).isEmpty()) frames++;
            if (strategy == AbsentFunctionStrategy.PER_FUNCTION_PAGES) frames += absent;
        }
        if (sharedTableUsed && !page.hasLeafTable()) frames++;
        return frames + upper.size();
    }

    /** Adds the missing level-1 and level-2 tables on the way to {@code stretch} (keyed by the region they cover). */
    private static void upperTables(Stage2 stage2, Ipa stretch, Set<Long> missing) {
        for (int level = 1; level <= 2; level++) {
            Optional<Pa> t = stage2.tableAt(stretch, level);
            if (t.isEmpty()) missing.add((long) level << 60 | stretch.value() / Stage2.span(level - 1));
        }
    }

    /** Refuses the attach, before any change, if the VM maps pages in the window or the host lacks frames. */
    static void check(GuestMemory memory, EcamWindow window, PciTopology topology, AbsentFunctionStrategy strategy, NoFunctionPage page) {
        firstMapped(memory.stage2(), window).ifPresent(ipa -> {
            throw new PciException(PciException.Reason.ECAM_PLACEMENT, memory.name() + " already maps " + ipa + " inside " + window,
                    "the window's pages belong to the ECAM: present functions unmapped, absent ones as the strategy maps them",
                    "Place the window elsewhere with window(new EcamWindow(base, 0, n - 1)) or unmap that range first");
        });
        HostMemory host = page.memory();
        long needed = framesNeeded(memory.stage2(), window, topology, strategy, page);
        long free = host.frameCount() - host.framesInUse();
        if (needed > free) {
            throw new PciException(PciException.Reason.ECAM_PLACEMENT,
                    strategy + " needs " + needed + " host frames (" + ByteSize.pages(needed) + ") for " + window
                            + " of " + memory.name() + ", but the host has " + free + " free frames (" + ByteSize.pages(free) + ")",
                    strategy == AbsentFunctionStrategy.PER_FUNCTION_PAGES
                            ? "PER_FUNCTION_PAGES gives every absent function its own 0xFF frame (4 KiB each); nothing was attached"
                            : "each 2 MiB stretch of the window needs a leaf table; nothing was attached",
                    "Use strategy(AbsentFunctionStrategy.SHARED_PAGE) or SHARED_LEAF_TABLE (one 0xFF frame per host), "
                            + "fewer buses(..), or a host with more memory");
        }
    }

    /** The first page of the window stage 2 already maps, looking only at the window's own tables (cheap for big VMs). */
    static Optional<Ipa> firstMapped(Stage2 stage2, EcamWindow window) {
        long stretch = EcamWindow.STRETCH_BYTES.bytes();
        for (long off = 0; off < window.size().bytes(); off += stretch) {
            Ipa at = window.base().offset(off);
            if (stage2.tableAt(at, 3).isEmpty()) {
                if (stage2.descriptor(at).isPresent()) return Optional.of(at); // a block mapping covers the stretch
                continue;
            }
            long end = Math.min(off + stretch, window.size().bytes());
            for (long page = off; page < end; page += EcamWindow.FUNCTION_BYTES.bytes()) {
                Ipa ipa = window.base().offset(page);
                if (stage2.descriptor(ipa).isPresent()) return Optional.of(ipa);
            }
        }
        return Optional.empty();
    }

    /** Undoes a half-done attach: unmaps the window (releasing what it mapped) and takes it off the MMIO bus. */
    static void rollback(GuestMemory memory, EcamWindow window, String region) {
        memory.unmap(window.base(), window.size());
        memory.mmio().unregister(region);
    }
}
