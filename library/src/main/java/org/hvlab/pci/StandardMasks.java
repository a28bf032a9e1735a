package org.hvlab.pci;

/** The write masks every function has by the spec, whatever the device: command, status, header registers. */
final class StandardMasks {
    private StandardMasks() {}

    static void apply(ConfigSpace cs) {
        cs.writable(Header.COMMAND, 2, Header.COMMAND_WRITABLE);
        cs.clearOnWrite(Header.STATUS, 2, Header.STATUS_ERRORS_W1C);
        cs.writable(Header.CACHE_LINE_SIZE, 1, 0xff);
        cs.writable(Header.INTERRUPT_LINE, 1, 0xff);
        if (cs.headerType() == Header.TYPE_BRIDGE) {
            cs.writable(Header.PRIMARY_BUS, 4, 0xffff_ffffL); // primary, secondary, subordinate, secondary latency
            cs.writable(Header.IO_BASE, 2, 0xf0f0);
            cs.clearOnWrite(Header.SEC_STATUS, 2, Header.STATUS_ERRORS_W1C);
            cs.writable(Header.MEMORY_BASE, 4, 0xfff0_fff0L);
            cs.writable(Header.PREF_MEMORY_BASE, 4, 0xfff0_fff0L);
            cs.writable(Header.PREF_BASE_UPPER32, 4, 0xffff_ffffL);
            cs.writable(Header.PREF_LIMIT_UPPER32, 4, 0xffff_ffffL);
            cs.writable(Header.BRIDGE_CONTROL, 2, 0x0fff);
        }
    }

    /** Masks for an imported function's MSI and MSI-X control registers, so software can enable them. */
    static void applyCapabilities(ConfigSpace cs) {
        for (ConfigSpace.CapabilityRef ref : cs.capabilities()) {
            try {
                applyCapability(cs, ref);
            } catch (PciException skipped) {
                // a capability cut off by the end of a short dump stays read-only
            }
        }
    }

    private static void applyCapability(ConfigSpace cs, ConfigSpace.CapabilityRef ref) {
        if (ref.id() == Header.CAP_ID_MSI) {
            MsiCapability msi = MsiCapability.decode(cs, ref.offset());
            cs.writable(ref.offset() + MsiCapability.CONTROL, 2, 0x0071);
            cs.writable(ref.offset() + MsiCapability.ADDRESS_LO, 4, 0xffff_fffcL);
            if (msi.address64()) cs.writable(ref.offset() + 8, 4, 0xffff_ffffL);
            cs.writable(ref.offset() + msi.dataOffset(), 2, 0xffff);
        } else if (ref.id() == Header.CAP_ID_MSIX) {
            cs.writable(ref.offset() + MsixCapability.CONTROL, 2, MsixCapability.CONTROL_ENABLE | MsixCapability.CONTROL_FUNCTION_MASK);
        }
    }

    /**
     * An imported BAR's size is unknown (a dump holds addresses, not masks); its address alignment bounds it, so the
     * address bits above the lowest set one become writable. An unassigned (zero) BAR stays read-only.
     */
    static void applyBars(ConfigSpace cs) {
        int count = cs.headerType() == Header.TYPE_BRIDGE ? 2 : cs.headerType() == Header.TYPE_ENDPOINT ? 6 : 0;
        for (int i = 0; i < count; i++) {
            int at = Header.BAR0 + 4 * i;
            long low = cs.read32(at) & 0xffff_ffffL;
            boolean io = (low & 1) != 0;
            boolean wide = !io && (low & 6) == 4 && i + 1 < count;
            long address = low & (io ? ~3L : ~0xfL) & 0xffff_ffffL;
            if (wide) address |= (cs.read32(at + 4) & 0xffff_ffffL) << 32;
            if (address != 0) {
                long mask = ~(Math.min(Long.lowestOneBit(address), io ? 256 : 1L << 62) - 1);
                cs.writable(at, 4, mask & (io ? 0xffff_fffcL : 0xffff_fff0L));
                if (wide) cs.writable(at + 4, 4, mask >>> 32);
            }
            if (wide) i++;
        }
    }
}
