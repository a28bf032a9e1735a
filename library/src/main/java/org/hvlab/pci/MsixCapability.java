package org.hvlab.pci;

/**
 * The MSI-X capability (ID 0x11, 12 bytes): Message Control (bits 10:0 table size minus one, bit14 function mask,
 * bit15 enable), then the table and the pending-bit array, each as an offset into a BAR with the BAR number (BIR)
 * in the low three bits. The table itself (16 bytes per vector) lives in that BAR's memory, not in config space.
 *
 * @param tableSize    vectors, 1..2048
 * @param tableBir     BAR holding the table, 0..5
 * @param tableOffset  offset of the table in that BAR, 8-byte aligned
 * @param pbaBir       BAR holding the pending-bit array, 0..5
 * @param pbaOffset    offset of the PBA in that BAR, 8-byte aligned
 * @param enabled      MSI-X enable (bit 15)
 * @param functionMask every vector masked (bit 14)
 */
public record MsixCapability(int tableSize, int tableBir, long tableOffset, int pbaBir, long pbaOffset,
                             boolean enabled, boolean functionMask) implements Capability {

    public static final int CONTROL = 2;
    public static final int TABLE = 4;
    public static final int PBA = 8;
    public static final int CONTROL_ENABLE = 0x8000;
    public static final int CONTROL_FUNCTION_MASK = 0x4000;
    /** Bytes per MSI-X table entry: address low, address high, data, vector control. */
    public static final int ENTRY_SIZE = 16;

    public MsixCapability {
        if (tableSize < 1 || tableSize > 2048) {
            throw CapabilityErrors.invalid("An MSI-X table of " + tableSize + " vectors is not valid",
                    "Message Control holds the table size minus one in 11 bits: 1..2048 vectors",
                    "Use a table size from 1 to 2048");
        }
        for (long[] p : new long[][] {{tableBir, tableOffset}, {pbaBir, pbaOffset}}) {
            if (p[0] < 0 || p[0] > 5 || p[1] < 0 || p[1] > 0xffff_fff8L || (p[1] & 7) != 0) {
                throw CapabilityErrors.invalid(String.format("MSI-X BIR %d offset 0x%x is not valid", p[0], p[1]),
                        "the BIR names BAR 0..5 and the offset is 8-byte aligned and 32-bit",
                        "Place the table and PBA at 8-byte aligned offsets of BAR 0..5");
            }
        }
    }

    /** A disabled MSI-X capability with {@code vectors} entries in BAR {@code bir} at {@code tableOffset}, PBA after it. */
    public static MsixCapability of(int vectors, int bir, long tableOffset, long pbaOffset) {
        return new MsixCapability(vectors, bir, tableOffset, bir, pbaOffset, false, false);
    }

    /** Bytes of table the BAR must hold. */
    public long tableBytes() { return (long) tableSize * ENTRY_SIZE; }

    /** Bytes of pending-bit array (one bit per vector, in whole qwords). */
    public long pbaBytes() { return (tableSize + 63L) / 64 * 8; }

    public int control() {
        return (tableSize - 1) | (functionMask ? CONTROL_FUNCTION_MASK : 0) | (enabled ? CONTROL_ENABLE : 0);
    }

    @Override
    public int id() { return Header.CAP_ID_MSIX; }

    @Override
    public int length() { return 12; }

    @Override
    public void install(ConfigSpace cs, int offset, int next) {
        cs.preset(offset, 1, id()).preset(offset + 1, 1, next);
        cs.preset(offset + CONTROL, 2, control()).writable(offset + CONTROL, 2, CONTROL_ENABLE | CONTROL_FUNCTION_MASK);
        cs.preset(offset + TABLE, 4, tableOffset | tableBir);
        cs.preset(offset + PBA, 4, pbaOffset | pbaBir);
    }

    /** Reads the MSI-X capability at {@code offset} back from config space. */
    public static MsixCapability decode(ConfigSpace cs, int offset) {
        if (cs.read8(offset) != Header.CAP_ID_MSIX) {
            throw CapabilityErrors.invalid(String.format("No MSI-X capability at 0x%02x", offset),
                    "an MSI-X capability starts with ID 0x11", "Find it with config.findCapability(0x11)");
        }
        int control = cs.read16(offset + CONTROL);
        long table = cs.read32(offset + TABLE) & 0xffff_ffffL;
        long pba = cs.read32(offset + PBA) & 0xffff_ffffL;
        for (long[] r : new long[][] {{TABLE, table}, {PBA, pba}}) {
            if ((r[1] & 7) > 5) {
                throw CapabilityErrors.invalid(String.format("MSI-X %s BIR %d in the capability at 0x%02x is reserved",
                                r[0] == TABLE ? "table" : "PBA", r[1] & 7, offset),
                        "a BIR of 0..5 names BAR0..BAR5; 6 and 7 are reserved, so the " + (r[0] == TABLE ? "table" : "PBA") + " has no home",
                        "Fix the register at 0x" + Integer.toHexString(offset + (int) r[0])
                                + " (if a dump ended inside this capability, dump the function again with 'lspci -xxx')");
            }
        }
        return new MsixCapability((control & 0x7ff) + 1, (int) (table & 7), table & ~7L,
                (int) (pba & 7), pba & ~7L, (control & CONTROL_ENABLE) != 0, (control & CONTROL_FUNCTION_MASK) != 0);
    }

    /**
     * Checks that the table and the PBA each lie inside an implemented memory BAR of a function with BARs
     * {@code bars} (indexed by register; a 64-bit BAR sits at its lower index) and do not overlap.
     */
    void checkPlacement(String function, Bar[] bars) {
        place(function, bars, "table", tableBir, tableOffset, tableBytes());
        place(function, bars, "PBA", pbaBir, pbaOffset, pbaBytes());
        if (tableBir == pbaBir && tableOffset < pbaOffset + pbaBytes() && pbaOffset < tableOffset + tableBytes()) {
            throw CapabilityErrors.invalid(String.format("The MSI-X table [0x%x..0x%x) and PBA [0x%x..0x%x) of %s overlap in BAR %d",
                            tableOffset, tableOffset + tableBytes(), pbaOffset, pbaOffset + pbaBytes(), function, tableBir),
                    "the table and the pending-bit array are separate structures (they may share a BAR, not bytes)",
                    String.format("Put the PBA at or after 0x%x, e.g. MsixCapability.of(%d, %d, 0x%x, 0x%x)",
                            tableOffset + tableBytes(), tableSize, tableBir, tableOffset, (tableOffset + tableBytes() + 7) & ~7L));
        }
    }

    private static void place(String function, Bar[] bars, String what, int bir, long offset, long bytes) {
        Bar bar = bir < bars.length ? bars[bir] : null;
        if (bar == null) {
            if (bir > 0 && bir - 1 < bars.length && bars[bir - 1] != null && bars[bir - 1].registers() == 2) {
                throw CapabilityErrors.invalid("The MSI-X " + what + " of " + function + " names BAR " + bir
                                + ", the upper half of 64-bit BAR " + (bir - 1),
                        "a BIR names the register that holds a BAR's low half", "Use BIR " + (bir - 1));
            }
            throw CapabilityErrors.invalid("The MSI-X " + what + " of " + function + " names BAR " + bir + ", but the function has no BAR "
                            + bir, "the table and PBA live in the memory a BAR decodes",
                    "Add it with .bar(" + bir + ", Bar.memory32(kib(16))) or point the BIR at an existing memory BAR");
        }
        if (bar.kind() == Bar.Kind.IO) {
            throw CapabilityErrors.invalid("The MSI-X " + what + " of " + function + " is in BAR " + bir + ", an I/O BAR",
                    "MSI-X structures are memory-mapped: the BIR must name a memory BAR",
                    "Point the BIR at a memory BAR, e.g. .bar(" + bir + ", Bar.memory32(kib(16)))");
        }
        if (offset + bytes > bar.size().bytes()) {
            throw CapabilityErrors.invalid(String.format("The MSI-X %s of %s (%d bytes at 0x%x) does not fit BAR %d of %s",
                            what, function, bytes, offset, bir, bar.size()),
                    "the " + what + " lies wholly inside the BAR its BIR names",
                    "Use a BAR of at least " + org.hvlab.core.ByteSize.ofBytes(Long.highestOneBit(Math.max(1, offset + bytes - 1)) << 1)
                            + ", fewer vectors or a lower offset");
        }
    }
}
