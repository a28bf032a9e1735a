package org.hvlab.memory.stage2;

import org.hvlab.core.Hex;
import org.hvlab.core.Ipa;

/**
 * One guest access that exited to the hypervisor, as the hypervisor sees it.
 *
 * @param vm         the VM's name
 * @param ipa        the faulting address (HPFAR_EL2 page + FAR_EL2 offset)
 * @param size       access size in bytes (1, 2, 4, 8)
 * @param write      a store (ESR WnR) rather than a load
 * @param value      the value stored (0 for loads)
 * @param level      the stage-2 level where the walk stopped
 * @param kind       translation, access flag, permission, or MMIO
 * @param descriptor the leaf descriptor for permission and access-flag faults, else 0
 */
public record Fault(String vm, Ipa ipa, int size, boolean write, long value, int level, FaultKind kind,
                   long descriptor) {
    /** ESR_EL2.EC for a data abort from a lower exception level. */
    public static final int EC_DABT_LOW = 0x24;

    /** The data fault status code (ESR_EL2[5:0]). */
    public int dfsc() { return kind.dfsc(level); }

    /** ESR_EL2 as the hardware would report it: EC 0x24, IL, ISV, SAS, WnR, DFSC. */
    public long esr() {
        int sas = Integer.numberOfTrailingZeros(size);
        return ((long) EC_DABT_LOW << 26) | (1L << 25) | (1L << 24) | ((long) sas << 22) | (write ? 1L << 6 : 0)
                | dfsc();
    }

    /** HPFAR_EL2: the faulting IPA's page number in bits [43:4] (IPA bits [47:12]). */
    public long hpfar() { return (ipa.value() >>> 12) << 4; }

    /** The leaf descriptor as a record (raw 0 when there was none). */
    public Descriptor leaf() { return new Descriptor(descriptor); }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " fault L" + level + " " + (write ? "write" : "read") + " " + size + "B at "
                + ipa + (write ? " value " + Hex.address(value) : "") + " in " + vm + " (ESR " + Hex.address(esr())
                + ")";
    }
}
