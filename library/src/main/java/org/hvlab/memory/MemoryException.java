package org.hvlab.memory;

import org.hvlab.core.LabException;

/** The {@link LabException} of {@code org.hvlab.memory} and {@code org.hvlab.memory.stage2}. */
public final class MemoryException extends LabException {
    private static final long serialVersionUID = 1L;

    /** Why a memory operation was refused. */
    public enum Reason implements LabException.Reason {
        /** A frame released more often than it was allocated or retained. */
        FRAME_FREED_TWICE("memory.frame_freed_twice"),
        /** An address that is not a frame of this host memory (outside it, or not 4 KiB aligned). */
        NOT_A_FRAME("memory.not_a_frame"),
        /** Every host frame is in use. */
        OUT_OF_MEMORY("memory.out_of_memory"),
        /** An access size other than 1, 2, 4 or 8, or a negative length. */
        BAD_SIZE("memory.bad_size"),
        /** A 2/4/8-byte guest access not aligned to its size. */
        MISALIGNED("memory.misaligned"),
        /** A guest access to an IPA that no RAM, MMIO region or stage-2 mapping covers. */
        UNMAPPED("memory.unmapped"),
        /** A guest access the stage-2 permissions forbid and no handler resolved. */
        PERMISSION("memory.permission"),
        /** Two MMIO regions on a bus overlap. */
        MMIO_OVERLAP("memory.mmio_overlap"),
        /** A RAM or MMIO region overlaps another region of the VM. */
        REGION_OVERLAP("memory.region_overlap"),
        /** A stage-2 operation on a range that is not (or already) mapped, or not page aligned. */
        MAPPING("memory.mapping"),
        /** An IPA beyond the 48-bit stage-2 input range. */
        IPA_RANGE("memory.ipa_range"),
        /** A table level or table frame that does not fit the operation. */
        BAD_TABLE("memory.bad_table"),
        /** No free VMID is left. */
        VMID_EXHAUSTED("memory.vmid_exhausted");

        private final String code;

        Reason(String code) { this.code = code; }

        @Override public String code() { return code; }
    }

    public MemoryException(Reason reason, String what, String why, String next) {
        super(reason, what, why, next);
    }
}
