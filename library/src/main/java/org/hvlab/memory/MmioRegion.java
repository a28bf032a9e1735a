package org.hvlab.memory;

import java.util.Objects;
import org.hvlab.core.ByteSize;
import org.hvlab.core.Ipa;

/** A named range of guest-physical addresses served by a device; {@code [base, base + size)}. */
public record MmioRegion(String name, Ipa base, ByteSize size, MmioDevice device) {
    public MmioRegion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(device, "device");
        if (size.isZero()) {
            throw new MemoryException(MemoryException.Reason.BAD_SIZE, "MMIO region '" + name + "' of 0 bytes",
                    "a region covers at least one byte", "Give it a size such as kib(4)");
        }
        base.checkedAdd(size);
    }

    /** The last address inside the region. */
    public Ipa last() { return base.offset(size.bytes() - 1); }

    /** The first address past the region. */
    public Ipa end() { return base.checkedAdd(size); }

    public boolean contains(Ipa ipa) {
        return ipa.value() >= base.value() && ipa.value() - base.value() < size.bytes();
    }

    public boolean overlaps(Ipa otherBase, ByteSize otherSize) {
        return otherBase.value() < base.value() + size.bytes() && base.value() < otherBase.value() + otherSize.bytes();
    }

    /** {@code [0x900_0000..0x900_0fff]}. */
    public String range() { return "[" + base + ".." + last() + "]"; }

    @Override
    public String toString() { return "'" + name + "' " + range(); }
}
