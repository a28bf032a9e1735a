package org.hvlab.dpu;

import java.util.Objects;

/**
 * One slot the boot loader tried.
 *
 * @param slot   the slot
 * @param check  what verification found
 * @param booted whether the DPU came up from it
 */
public record BootAttempt(SlotId slot, ImageCheck check, boolean booted) {
    public BootAttempt {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(check, "check");
    }
}
