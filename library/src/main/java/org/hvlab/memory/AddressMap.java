package org.hvlab.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hvlab.core.ByteSize;
import org.hvlab.core.Ipa;

/**
 * The regions of one VM's guest-physical space: RAM regions and the MMIO bus. No two regions overlap; a RAM or
 * MMIO region that would overlap another fails with {@link MemoryException.Reason#REGION_OVERLAP} (or
 * {@link MemoryException.Reason#MMIO_OVERLAP} between two devices) naming both.
 */
public final class AddressMap {
    private final String owner;
    private final List<RamRegion> ram = new ArrayList<>();
    private final MmioBus bus;

    /** @param owner the VM's name, used in messages */
    public AddressMap(String owner) {
        this.owner = owner;
        this.bus = new MmioBus(owner);
    }

    /** Adds RAM at {@code [base, base + size)}. */
    public RamRegion addRam(String name, Ipa base, ByteSize size) {
        RamRegion r = new RamRegion(name, base, size);
        checkNoRam(name, base, size);
        Optional<MmioRegion> m = bus.overlapping(base, size);
        if (m.isPresent()) throw overlap(name, base, size, "MMIO " + m.get());
        ram.add(r);
        ram.sort(Comparator.comparing(RamRegion::base));
        return r;
    }

    /** Puts {@code device} on the bus at {@code [base, base + size)}. */
    public MmioRegion attach(String name, Ipa base, ByteSize size, MmioDevice device) {
        checkNoRam(name, base, size);
        return bus.register(name, base, size, device);
    }

    private void checkNoRam(String name, Ipa base, ByteSize size) {
        for (RamRegion r : ram) {
            if (r.overlaps(base, size)) throw overlap(name, base, size, "RAM '" + r.name() + "' " + r.range());
        }
    }

    private MemoryException overlap(String name, Ipa base, ByteSize size, String other) {
        return new MemoryException(MemoryException.Reason.REGION_OVERLAP,
                "region '" + name + "' [" + base + ".." + base.offset(Math.max(1, size.bytes()) - 1) + "] overlaps "
                        + other + " in " + owner, "the regions of a VM never overlap",
                "Pick another base, or look at vm.memoryMap()");
    }

    /** True when {@code ipa} is inside a RAM region. */
    public boolean inRam(Ipa ipa) {
        for (RamRegion r : ram) if (r.contains(ipa)) return true;
        return false;
    }

    /** The RAM regions in address order. */
    public List<RamRegion> ram() { return List.copyOf(ram); }

    public MmioBus mmio() { return bus; }

    /** {@code RAM is [0x4000_0000..0xbfff_ffff]}, or that there is none. */
    public String describeRam() {
        return ram.isEmpty() ? owner + " has no RAM"
                : "RAM is " + ram.stream().map(RamRegion::range).collect(Collectors.joining(", "));
    }
}
