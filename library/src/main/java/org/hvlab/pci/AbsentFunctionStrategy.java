package org.hvlab.pci;

import org.hvlab.core.ByteSize;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.memory.stage2.S2Ap;
import org.hvlab.memory.stage2.Stage2;

/** The four ways a hypervisor can answer a guest's config accesses to absent functions. */
public enum AbsentFunctionStrategy implements AbsentFunctionMapping {
    /** Nothing is mapped: every access exits and the VMM answers all ones (QEMU/KVM, cloud-hypervisor today). */
    TRAP_AND_EMULATE {
        @Override
        public void map(Stage2 stage2, EcamWindow window, PciTopology topology, NoFunctionPage page) {
            // every ECAM page stays unmapped: the MMIO bus answers
        }
    },
    /** A naive private 0xFF frame per absent function, mapped read-only: no exits, 4 KiB per function. */
    PER_FUNCTION_PAGES {
        @Override
        public void map(Stage2 stage2, EcamWindow window, PciTopology topology, NoFunctionPage page) {
            for (int i = 0; i < window.functions(); i++) {
                Ipa ipa = window.base().offset((long) i << 12);
                if (topology.isPresent(window.functionAtOffset((long) i << 12))) continue;
                Pa frame = page.memory().allocateFilled(NoFunctionPage.FILL, true);
                stage2.map(ipa, frame, ByteSize.PAGE, S2Ap.READ_ONLY);
                page.memory().release(frame); // the stage-2 entry now holds the only reference
            }
        }
    },
    /** US11561894B2: the host's one 0xFF frame mapped read-only at every absent function; leaf tables per VM. */
    SHARED_PAGE {
        @Override
        public void map(Stage2 stage2, EcamWindow window, PciTopology topology, NoFunctionPage page) {
            mapSharedRuns(stage2, window, topology, page, 0, window.functions());
        }
    },
    /**
     * Beyond the patent: each 2 MiB stretch with no present function gets the host's one shared leaf table (512
     * read-only entries to the 0xFF frame); stretches holding a present function fall back to {@link #SHARED_PAGE}.
     */
    SHARED_LEAF_TABLE {
        @Override
        public void map(Stage2 stage2, EcamWindow window, PciTopology topology, NoFunctionPage page) {
            int perStretch = (int) (EcamWindow.STRETCH_BYTES.bytes() >>> 12);
            for (int first = 0; first < window.functions(); first += perStretch) {
                int end = Math.min(first + perStretch, window.functions());
                boolean whole = end - first == perStretch;
                if (whole && !anyPresent(window, topology, first, end)) {
                    stage2.installTable(window.base().offset((long) first << 12), 3, page.leafTable());
                } else {
                    mapSharedRuns(stage2, window, topology, page, first, end);
                }
            }
        }
    };

    /** Whether absent functions' pages are mapped (reads cost no exit). */
    public boolean mapsAbsentPages() {
        return this != TRAP_AND_EMULATE;
    }

    private static boolean anyPresent(EcamWindow window, PciTopology topology, int first, int end) {
        Bdf lo = window.functionAtOffset((long) first << 12);
        Bdf hi = window.functionAtOffset((long) (end - 1) << 12);
        return topology.anyPresent(lo, hi);
    }

    private static void mapSharedRuns(Stage2 stage2, EcamWindow window, PciTopology topology, NoFunctionPage page, int first, int end) {
        int run = -1;
        for (int i = first; i <= end; i++) {
            boolean absent = i < end && !topology.isPresent(window.functionAtOffset((long) i << 12));
            if (absent && run < 0) run = i;
            if (!absent && run >= 0) {
                stage2.mapShared(window.base().offset((long) run << 12), ByteSize.pages(i - run), page.frame());
                run = -1;
            }
        }
    }
}
