package org.hvlab.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hvlab.core.ByteSize;
import org.hvlab.core.Ipa;

/**
 * The devices of one VM, as a sorted map of non-overlapping guest-physical ranges. Registering a range that
 * overlaps another fails with {@link MemoryException.Reason#MMIO_OVERLAP} naming both.
 */
public final class MmioBus {
    private final String owner;
    private final TreeMap<Long, MmioRegion> regions = new TreeMap<>();

    /** @param owner the VM's name, used in messages */
    public MmioBus(String owner) { this.owner = owner; }

    /** Puts {@code device} at {@code [base, base + size)}; returns the region. */
    public MmioRegion register(String name, Ipa base, ByteSize size, MmioDevice device) {
        MmioRegion r = new MmioRegion(name, base, size, device);
        for (MmioRegion other : regions.values()) {
            if (other.name().equals(name)) {
                throw new MemoryException(MemoryException.Reason.MMIO_OVERLAP,
                        "an MMIO region named '" + name + "' is already on " + owner + "'s bus at " + other.range(),
                        "region names are unique on a bus", "Pick another name or unregister(\"" + name + "\") first");
            }
        }
        Map.Entry<Long, MmioRegion> below = regions.floorEntry(base.value() + size.bytes() - 1);
        if (below != null && below.getValue().overlaps(base, size)) {
            MmioRegion o = below.getValue();
            throw new MemoryException(MemoryException.Reason.MMIO_OVERLAP,
                    "MMIO region " + r + " overlaps " + o + " on " + owner + "'s bus",
                    "regions on a bus never overlap",
                    "Pick a base outside " + o.range() + " or look at vm.memoryMap()");
        }
        regions.put(base.value(), r);
        return r;
    }

    /** Removes the region named {@code name}; returns it. */
    public MmioRegion unregister(String name) {
        for (MmioRegion r : regions.values()) {
            if (r.name().equals(name)) {
                regions.remove(r.base().value());
                return r;
            }
        }
        throw new MemoryException(MemoryException.Reason.MAPPING, "no MMIO region '" + name + "' on " + owner + "'s bus",
                "the regions are " + regions.values(), "Use one of those names");
    }

    /** The region containing {@code ipa}, if any. */
    public Optional<MmioRegion> find(Ipa ipa) { return Optional.ofNullable(lookup(ipa.value())); }

    /** The region containing the raw IPA, or null (hot path of the fault handler). */
    MmioRegion lookup(long ipa) {
        Map.Entry<Long, MmioRegion> e = regions.floorEntry(ipa);
        if (e == null) return null;
        MmioRegion r = e.getValue();
        return ipa - r.base().value() < r.size().bytes() ? r : null;
    }

    /** The first region overlapping {@code [base, base + size)}, if any. */
    public Optional<MmioRegion> overlapping(Ipa base, ByteSize size) {
        for (MmioRegion r : regions.values()) if (r.overlaps(base, size)) return Optional.of(r);
        return Optional.empty();
    }

    /** Dispatches a load to the device at {@code ipa}. */
    public long read(Ipa ipa, int size) {
        MmioRegion r = require(ipa);
        LittleEndian.checkSize(size);
        return LittleEndian.truncate(r.device().read(ipa.value() - r.base().value(), size), size);
    }

    /** Dispatches a store to the device at {@code ipa}. */
    public void write(Ipa ipa, int size, long value) {
        MmioRegion r = require(ipa);
        LittleEndian.checkSize(size);
        r.device().write(ipa.value() - r.base().value(), size, LittleEndian.truncate(value, size));
    }

    private MmioRegion require(Ipa ipa) {
        MmioRegion r = lookup(ipa.value());
        if (r == null) {
            throw new MemoryException(MemoryException.Reason.UNMAPPED, "no device at " + ipa + " on " + owner + "'s bus",
                    "the MMIO regions are " + regions.values(), "Register one with vm.attach(..) or look at vm.memoryMap()");
        }
        return r;
    }

    /** The regions in address order. */
    public List<MmioRegion> regions() { return List.copyOf(new ArrayList<>(regions.values())); }

    @Override
    public String toString() { return "MmioBus[" + owner + ", " + regions.size() + " regions]"; }
}
