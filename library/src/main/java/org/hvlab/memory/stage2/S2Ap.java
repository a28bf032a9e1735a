package org.hvlab.memory.stage2;

/** Stage-2 access permissions, descriptor bits [7:6] (S2AP[1] write, S2AP[0] read). */
public enum S2Ap {
    /** 0b00: every access takes a permission fault. */
    NONE(0),
    /** 0b01: reads allowed, writes take a permission fault. */
    READ_ONLY(1),
    /** 0b10: writes allowed, reads take a permission fault. */
    WRITE_ONLY(2),
    /** 0b11: reads and writes allowed. */
    READ_WRITE(3);

    private final int bits;

    S2Ap(int bits) { this.bits = bits; }

    /** The two-bit field value. */
    public int bits() { return bits; }

    public boolean readable() { return (bits & 1) != 0; }

    public boolean writable() { return (bits & 2) != 0; }

    public static S2Ap ofBits(int bits) { return values()[bits & 3]; }
}
