package org.hvlab.memory;

import java.util.Objects;
import org.hvlab.core.ByteSize;
import org.hvlab.core.Ipa;

/** A named range of guest RAM, {@code [base, base + size)}, paged in on first touch. */
public record RamRegion(String name, Ipa base, ByteSize size) {
    public RamRegion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(base, "base");
        if (size.isZero() || !size.isPageMultiple() || !base.isPageAligned()) {
            throw new MemoryException(MemoryException.Reason.MAPPING, "RAM region '" + name + "' of " + size + " at " + base,
                    "guest RAM is a positive whole number of 4 KiB pages at a 4 KiB aligned IPA",
                    "Use a base such as ipa(0x4000_0000L) and a size such as gib(2)");
        }
        base.checkedAdd(size);
    }

    public Ipa last() { return base.offset(size.bytes() - 1); }

    public boolean contains(Ipa ipa) {
        return ipa.value() >= base.value() && ipa.value() - base.value() < size.bytes();
    }

    public boolean overlaps(Ipa otherBase, ByteSize otherSize) {
        return otherBase.value() < base.value() + size.bytes() && base.value() < otherBase.value() + otherSize.bytes();
    }

    /** {@code [0x4000_0000..0xbfff_ffff]}. */
    public String range() { return "[" + base + ".." + last() + "]"; }
}
