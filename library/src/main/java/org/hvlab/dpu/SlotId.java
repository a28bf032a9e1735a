package org.hvlab.dpu;

/** One of the two management-OS slots in a DPU's flash. */
public enum SlotId {
    A, B;

    /** The other slot. */
    public SlotId other() {
        return this == A ? B : A;
    }
}
