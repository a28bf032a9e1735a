package org.hvlab.memory.stage2;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hvlab.core.ByteSize;
import org.hvlab.memory.MemoryMap;
import org.hvlab.memory.MmioRegion;
import org.hvlab.memory.RamRegion;

/** Builds a VM's {@link MemoryMap}: RAM, MMIO with the stage-2 mappings inside it, then other mappings. */
final class MemoryMaps {
    private MemoryMaps() {}

    static MemoryMap of(GuestMemory g) {
        List<Mapping> maps = g.stage2().mappings();
        List<MemoryMap.Region> top = new ArrayList<>();
        List<Mapping> placed = new ArrayList<>();
        for (RamRegion r : g.ramRegions()) {
            long pages = 0;
            for (Mapping m : maps) {
                if (r.contains(m.ipa())) {
                    pages += m.pages();
                    placed.add(m);
                }
            }
            top.add(new MemoryMap.Region(r.name(), MemoryMap.Kind.RAM, r.base(), r.size(),
                    pages + " of " + r.size().pages() + " pages mapped", List.of()));
        }
        for (MmioRegion r : g.mmio().regions()) {
            List<MemoryMap.Region> kids = new ArrayList<>();
            for (Mapping m : maps) {
                if (r.contains(m.ipa())) {
                    kids.add(region(m));
                    placed.add(m);
                }
            }
            top.add(new MemoryMap.Region(r.name(), MemoryMap.Kind.MMIO, r.base(), r.size(),
                    r.device().getClass().getSimpleName(), kids));
        }
        for (Mapping m : maps) if (!placed.contains(m)) top.add(region(m));
        top.sort(Comparator.comparing(MemoryMap.Region::base));
        return new MemoryMap(g.name() + " (VMID " + g.vmid() + ")", Stage2.IPA_BITS, top);
    }

    private static MemoryMap.Region region(Mapping m) {
        String detail = m.ap().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " -> " + m.pa()
                + (m.oneFrame() ? " (one shared frame x " + m.pages() + ")" : "")
                + (m.copyOnWrite() ? " copy-on-write" : "");
        return new MemoryMap.Region("stage2", MemoryMap.Kind.MAPPED, m.ipa(), ByteSize.pages(m.pages()), detail,
                List.of());
    }
}
