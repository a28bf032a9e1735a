package org.hvlab.memory;

import org.hvlab.core.LabException;

/** The {@link LabException} of {@code org.hvlab.memory} and {@code org.hvlab.memory.stage2}. */
public final class MemoryException extends LabException {
    private static final long serialVersionUID = 1L;

    /** Why a memory operation was refused. Codes are {@code memory.<name>}, e.g. {@code memory.unmapped}. */
    public enum Reason implements LabException.Reason {
        /** A frame released more often than it was allocated or retained. */
        FRAME_FREED_TWICE,
        /** An address that is not a frame of this host memory (outside it, or not 4 KiB aligned). */
        NOT_A_FRAME,
        /** Every host frame is in use. */
        OUT_OF_MEMORY,
        /** An access size other than 1, 2, 4 or 8, or a negative length. */
        BAD_SIZE,
        /** A 2/4/8-byte guest access not aligned to its size. */
        MISALIGNED,
        /** A guest access to an IPA that no RAM, MMIO region or stage-2 mapping covers. */
        UNMAPPED,
        /** A guest access the stage-2 permissions forbid and no handler resolved. */
        PERMISSION,
        /** Two MMIO regions on a bus overlap. */
        MMIO_OVERLAP,
        /** A RAM or MMIO region overlaps another region of the VM. */
        REGION_OVERLAP,
        /** A stage-2 operation on a range that is not (or already) mapped, or not page aligned. */
        MAPPING,
        /** An IPA beyond the 48-bit stage-2 input range. */
        IPA_RANGE,
        /** A table level or table frame that does not fit the operation. */
        BAD_TABLE,
        /** No free VMID is left. */
        VMID_EXHAUSTED,
        /** A writable mapping of a frame shared read-only (mapped elsewhere, or marked read-only by the host). */
        SHARED_FRAME;

        @Override public String code() { return LabException.Reason.code("memory", this); }
    }

    public MemoryException(Reason reason, String what, String why, String next) {
        super(reason, what, why, next);
    }
}
