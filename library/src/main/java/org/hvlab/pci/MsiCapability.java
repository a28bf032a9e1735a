package org.hvlab.pci;

/**
 * The MSI capability (ID 0x05) in its four layouts: 32- or 64-bit message address, with or without per-vector
 * masking (lengths 0x0A, 0x0E, 0x14, 0x18).
 *
 * <p>Message Control: bit0 enable, bits 3:1 Multiple Message Capable (log2 of vectors the function asks for), bits
 * 6:4 Multiple Message Enable (log2 of vectors software granted), bit7 64-bit, bit8 per-vector masking. Software
 * may write the enable bit, MME, the address, the data and the mask bits of implemented vectors; the rest is
 * read-only. A multi-vector function ORs the vector number into the low bits of Data.
 *
 * @param vectorsLog2        Multiple Message Capable, 0..5 (1..32 vectors)
 * @param address64          64-bit message address
 * @param perVectorMasking   mask and pending registers present
 * @param enabled            MSI enable
 * @param enabledVectorsLog2 Multiple Message Enable, 0..vectorsLog2
 * @param address            message address (dword aligned; below 4 GiB unless 64-bit)
 * @param data               message data, 16 bits
 * @param maskBits           per-vector mask bits (0 without masking)
 * @param pendingBits        per-vector pending bits (0 without masking)
 */
public record MsiCapability(int vectorsLog2, boolean address64, boolean perVectorMasking, boolean enabled,
                            int enabledVectorsLog2, long address, int data, int maskBits, int pendingBits)
        implements Capability {

    public static final int CONTROL = 2;
    public static final int ADDRESS_LO = 4;
    public static final int CONTROL_ENABLE = 0x0001;
    public static final int CONTROL_64BIT = 0x0080;
    public static final int CONTROL_MASKABLE = 0x0100;

    public MsiCapability {
        if (vectorsLog2 < 0 || vectorsLog2 > 5 || enabledVectorsLog2 < 0 || enabledVectorsLog2 > vectorsLog2) {
            throw CapabilityErrors.invalid("MSI with 2^" + vectorsLog2 + " vectors (2^" + enabledVectorsLog2 + " enabled) is not valid",
                    "MSI offers 1, 2, 4, 8, 16 or 32 vectors and software enables at most that many",
                    "Use MsiCapability.vectors(n) with n a power of two up to 32");
        }
        long addressLimit = address64 ? -1L : 0xffff_ffffL;
        if ((address & 3) != 0 || (!address64 && (address < 0 || address > addressLimit))) {
            throw CapabilityErrors.invalid(String.format("MSI address 0x%x is not valid", address),
                    "the address is dword aligned and, without 64-bit support, below 4 GiB",
                    "Align it to 4 bytes or use withAddress64()");
        }
        if (data < 0 || data > 0xffff) {
            throw CapabilityErrors.invalid("MSI data 0x" + Integer.toHexString(data) + " is not valid", "Message Data is 16 bits",
                    "Use a value 0..0xffff");
        }
        int implemented = vectorMask(vectorsLog2);
        if (!perVectorMasking && (maskBits != 0 || pendingBits != 0)
                || (maskBits & ~implemented) != 0 || (pendingBits & ~implemented) != 0) {
            throw CapabilityErrors.invalid("MSI mask/pending bits are not valid for this layout",
                    "mask and pending bits exist only with per-vector masking, one per capable vector",
                    "Use withPerVectorMasking() and bits below 2^vectors");
        }
    }

    /** A disabled 32-bit MSI capability for {@code vectors} vectors (a power of two, 1..32). */
    public static MsiCapability vectors(int vectors) {
        if (vectors < 1 || vectors > 32 || Integer.bitCount(vectors) != 1) {
            throw CapabilityErrors.invalid("MSI with " + vectors + " vectors is not valid",
                    "MSI offers 1, 2, 4, 8, 16 or 32 vectors", "Use a power of two up to 32, or MSI-X for more");
        }
        return new MsiCapability(Integer.numberOfTrailingZeros(vectors), false, false, false, 0, 0, 0, 0, 0);
    }

    public MsiCapability withAddress64() {
        return new MsiCapability(vectorsLog2, true, perVectorMasking, enabled, enabledVectorsLog2, address, data, maskBits, pendingBits);
    }

    public MsiCapability withPerVectorMasking() {
        return new MsiCapability(vectorsLog2, address64, true, enabled, enabledVectorsLog2, address, data, maskBits, pendingBits);
    }

    /** The state after software programmed it: enabled, {@code granted} vectors, address and data. */
    public MsiCapability programmed(long messageAddress, int messageData, int granted) {
        return new MsiCapability(vectorsLog2, address64, perVectorMasking, true,
                Integer.numberOfTrailingZeros(Math.max(1, granted)), messageAddress, messageData, maskBits, pendingBits);
    }

    @Override
    public int id() { return Header.CAP_ID_MSI; }

    @Override
    public int length() { return (address64 ? 0x0e : 0x0a) + (perVectorMasking ? 0x0a : 0); }

    /** Vectors the function can use. */
    public int vectors() { return 1 << vectorsLog2; }

    /** Offset of Message Data within the capability. */
    public int dataOffset() { return address64 ? 0x0c : 0x08; }

    /** Offset of the mask bits within the capability (only with per-vector masking). */
    public int maskOffset() { return address64 ? 0x10 : 0x0c; }

    public int control() {
        return (enabled ? CONTROL_ENABLE : 0) | vectorsLog2 << 1 | enabledVectorsLog2 << 4
                | (address64 ? CONTROL_64BIT : 0) | (perVectorMasking ? CONTROL_MASKABLE : 0);
    }

    @Override
    public void install(ConfigSpace cs, int offset, int next) {
        cs.preset(offset, 1, id()).preset(offset + 1, 1, next);
        cs.preset(offset + CONTROL, 2, control()).writable(offset + CONTROL, 2, 0x0071);
        cs.preset(offset + ADDRESS_LO, 4, address & 0xffff_ffffL).writable(offset + ADDRESS_LO, 4, 0xffff_fffcL);
        if (address64) cs.preset(offset + 8, 4, address >>> 32).writable(offset + 8, 4, 0xffff_ffffL);
        cs.preset(offset + dataOffset(), 2, data).writable(offset + dataOffset(), 2, 0xffff);
        if (perVectorMasking) {
            cs.preset(offset + maskOffset(), 4, maskBits & 0xffff_ffffL).writable(offset + maskOffset(), 4, vectorMask(vectorsLog2) & 0xffff_ffffL);
            cs.preset(offset + maskOffset() + 4, 4, pendingBits & 0xffff_ffffL);
        }
    }

    /** Reads the MSI capability at {@code offset} back from config space. */
    public static MsiCapability decode(ConfigSpace cs, int offset) {
        if (cs.read8(offset) != Header.CAP_ID_MSI) {
            throw CapabilityErrors.invalid(String.format("No MSI capability at 0x%02x", offset),
                    "an MSI capability starts with ID 0x05", "Find it with config.findCapability(0x05)");
        }
        int control = cs.read16(offset + CONTROL);
        boolean wide = (control & CONTROL_64BIT) != 0;
        boolean maskable = (control & CONTROL_MASKABLE) != 0;
        long address = cs.read32(offset + ADDRESS_LO) & 0xffff_fffcL;
        if (wide) address |= (cs.read32(offset + 8) & 0xffff_ffffL) << 32;
        int dataAt = offset + (wide ? 0x0c : 0x08);
        int maskAt = offset + (wide ? 0x10 : 0x0c);
        int mmc = Math.min(5, control >> 1 & 7);
        return new MsiCapability(mmc, wide, maskable, (control & CONTROL_ENABLE) != 0,
                Math.min(mmc, control >> 4 & 7), address, cs.read16(dataAt),
                maskable ? cs.read32(maskAt) & vectorMask(mmc) : 0, maskable ? cs.read32(maskAt + 4) & vectorMask(mmc) : 0);
    }

    private static int vectorMask(int log2) {
        return log2 >= 5 ? -1 : (1 << (1 << log2)) - 1;
    }
}
