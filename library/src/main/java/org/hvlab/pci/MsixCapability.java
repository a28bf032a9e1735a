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
        return new MsixCapability((control & 0x7ff) + 1, (int) Math.min(5, table & 7), table & ~7L,
                (int) Math.min(5, pba & 7), pba & ~7L, (control & CONTROL_ENABLE) != 0, (control & CONTROL_FUNCTION_MASK) != 0);
    }
}
