package org.hvlab.memory.stage2;

/** Stage-2 memory attributes, descriptor bits [5:2] (MemAttr[3:0]). */
public enum MemAttr {
    /** 0b0000: Device-nGnRnE. */
    DEVICE_NGNRNE(0b0000),
    /** 0b0001: Device-nGnRE. */
    DEVICE_NGNRE(0b0001),
    /** 0b0101: Normal, non-cacheable. */
    NORMAL_NC(0b0101),
    /** 0b1111: Normal, write-back cacheable (guest RAM). */
    NORMAL_WB(0b1111),
    /** An encoding this model does not name; {@link #bits()} is -1, read {@code Descriptor.memAttrBits()}. */
    UNKNOWN(-1);

    private final int bits;

    MemAttr(int bits) { this.bits = bits; }

    public int bits() { return bits; }

    /** The attribute for {@code bits}, or {@link #UNKNOWN} for an encoding this model does not name. */
    public static MemAttr ofBits(int bits) {
        for (MemAttr m : values()) if (m.bits == (bits & 0xF)) return m;
        return UNKNOWN;
    }
}
