package org.hvlab.memory.stage2;

/** Why a guest access exited to the hypervisor. */
public enum FaultKind {
    /** No valid stage-2 descriptor (DFSC 0x04 + level) and no device claims the IPA: unmapped, or not yet paged in. */
    TRANSLATION(0x04),
    /** The descriptor's access flag is clear (DFSC 0x08 + level). */
    ACCESS_FLAG(0x08),
    /** S2AP forbids the access (DFSC 0x0C + level), e.g. a write to a read-only shared page. */
    PERMISSION(0x0C),
    /** A translation fault on an IPA an MMIO device claims: the hypervisor emulates it (DFSC 0x04 + level). */
    MMIO(0x04);

    private final int dfscBase;

    FaultKind(int dfscBase) { this.dfscBase = dfscBase; }

    /** The data fault status code for a fault at {@code level}. */
    public int dfsc(int level) { return dfscBase + level; }
}
