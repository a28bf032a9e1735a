package org.hvlab.pci;

import java.util.Optional;
import org.hvlab.core.ByteSize;

/**
 * A base address register: what a function decodes (memory or I/O), how big, and where it sits now.
 *
 * <p>A BAR's read-write bits are its address bits above the size, so sizing is the spec's procedure with no special
 * case: write all ones, read back, clear the flag bits, invert, add one ({@link #probe}). The size must be a power
 * of two (at least 16 bytes for memory, 4-256 bytes for I/O); a 64-bit BAR takes two registers.
 *
 * @param kind         memory (32/64-bit) or I/O
 * @param size         bytes decoded, a power of two
 * @param prefetchable memory BAR bit 3
 * @param address      the assigned PCI bus address, aligned to {@code size} (0 = unassigned); a bus address is
 *                     what the function decodes, neither an IPA nor a host PA
 */
public record Bar(Kind kind, ByteSize size, boolean prefetchable, long address) {

    /** What a BAR decodes; the low bits it shows. */
    public enum Kind {
        MEMORY32(0x0), MEMORY64(0x4), IO(0x1);

        final int flags;

        Kind(int flags) {
            this.flags = flags;
        }
    }

    public Bar {
        java.util.Objects.requireNonNull(kind, "kind");
        long bytes = java.util.Objects.requireNonNull(size, "size").bytes();
        long min = kind == Kind.IO ? 4 : 16;
        long max = kind == Kind.IO ? 256 : kind == Kind.MEMORY32 ? 1L << 31 : 1L << 62;
        if (bytes < min || bytes > max || Long.bitCount(bytes) != 1) {
            throw new PciException(PciException.Reason.BAR_SIZE,
                    "A " + kind + " BAR of " + bytes + " bytes is not valid",
                    "a BAR decodes a power of two of bytes, " + min + ".." + max + " for " + kind,
                    bytes > max ? "Use at most " + max + " bytes" + (kind == Kind.IO ? " or a memory BAR" : kind == Kind.MEMORY32 ? " or Bar.memory64(..)" : "")
                            : "Round the size up to a power of two, e.g. " + Math.max(min, Long.highestOneBit(Math.max(1, bytes - 1)) << 1));
        }
        if (kind == Kind.IO && prefetchable) {
            throw new PciException(PciException.Reason.BAR_SIZE, "An I/O BAR cannot be prefetchable",
                    "bit 3 is prefetchable only on memory BARs", "Drop withPrefetchable() or use Bar.memory64(..)");
        }
        long limit = kind == Kind.MEMORY64 ? Long.MAX_VALUE : 0xffff_ffffL;
        if (address < 0 || address > limit || (address & (bytes - 1)) != 0) {
            throw new PciException(PciException.Reason.BAR_ADDRESS,
                    String.format("BAR address 0x%x is not valid for a %s BAR of 0x%x bytes", address, kind, bytes),
                    "the base is aligned to the size and fits the BAR's width",
                    "Pick an address that is a multiple of 0x" + Long.toHexString(bytes));
        }
    }

    /** A 32-bit memory BAR (decodes below 4 GiB), unassigned. */
    public static Bar memory32(ByteSize size) { return new Bar(Kind.MEMORY32, size, false, 0); }

    /** A 64-bit memory BAR (two registers), unassigned. */
    public static Bar memory64(ByteSize size) { return new Bar(Kind.MEMORY64, size, false, 0); }

    /** An I/O BAR of 4..256 bytes, unassigned. */
    public static Bar io(ByteSize size) { return new Bar(Kind.IO, size, false, 0); }

    /** The same BAR marked prefetchable (memory only). */
    public Bar withPrefetchable() { return new Bar(kind, size, true, address); }

    /** The same BAR placed at PCI bus address {@code base}. */
    public Bar at(long base) { return new Bar(kind, size, prefetchable, base); }

    /** How many 32-bit BAR registers it uses: 2 for 64-bit memory, else 1. */
    public int registers() { return kind == Kind.MEMORY64 ? 2 : 1; }

    /** The low flag bits: bit0 I/O, bits 2:1 type, bit3 prefetchable. */
    public int flags() { return kind.flags | (prefetchable ? 0x8 : 0); }

    /** Device-model side: puts this BAR's value and address mask in BAR register {@code index}. */
    void install(ConfigSpace cs, int index) {
        int at = Header.BAR0 + 4 * index;
        long mask = ~(size.bytes() - 1);
        long value = address | flags();
        cs.preset(at, 4, value & 0xffff_ffffL);
        cs.writable(at, 4, mask & (kind == Kind.IO ? 0xffff_fffcL : 0xffff_fff0L));
        if (kind == Kind.MEMORY64) {
            cs.preset(at + 4, 4, value >>> 32);
            cs.writable(at + 4, 4, mask >>> 32);
        }
    }

    /**
     * Guest side: sizes BAR register {@code index} the way firmware and Linux do (save, write all ones, read the mask,
     * restore) and returns the BAR, or empty if the register is absent (reads back 0).
     */
    public static Optional<Bar> probe(ConfigSpace cs, int index) {
        int at = Header.BAR0 + 4 * index;
        int original = cs.read32(at);
        cs.write32(at, 0xffff_ffff);
        long sized = cs.read32(at) & 0xffff_ffffL;
        cs.write32(at, original);
        if (sized == 0) return Optional.empty();
        boolean io = (sized & 1) != 0;
        if (io) {
            long mask = sized & 0xffff_fffcL | 0xffff_0000L; // upper 16 bits may read 0 on 16-bit I/O decoders
            return Optional.of(new Bar(Kind.IO, ByteSize.ofBytes((~mask & 0xffff_ffffL) + 1), false, original & 0xffff_fffcL));
        }
        boolean wide = (sized & 0x6) == 0x4;
        boolean pf = (sized & 0x8) != 0;
        long base = original & 0xffff_fff0L;
        long mask = sized & 0xffff_fff0L;
        if (wide) {
            int upper = cs.read32(at + 4);
            cs.write32(at + 4, 0xffff_ffff);
            long sizedHigh = cs.read32(at + 4) & 0xffff_ffffL;
            cs.write32(at + 4, upper);
            mask |= sizedHigh << 32;
            base |= (upper & 0xffff_ffffL) << 32;
            return Optional.of(new Bar(Kind.MEMORY64, ByteSize.ofBytes(~mask + 1), pf, base));
        }
        return Optional.of(new Bar(Kind.MEMORY32, ByteSize.ofBytes((~mask & 0xffff_ffffL) + 1), pf, base));
    }
}
