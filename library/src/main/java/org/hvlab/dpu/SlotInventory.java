package org.hvlab.dpu;

import java.util.Objects;
import java.util.Optional;

/**
 * One management-OS slot as an inventory (Redfish FirmwareInventory) shows it.
 *
 * @param slot    the slot
 * @param active  whether the boot loader tries it first
 * @param running whether the DPU is running from it now
 * @param status  the full verification of the slot's current file (rerun whenever the file changed)
 * @param image   the slot's header, when readable
 * @param detail  why the status is what it is
 */
public record SlotInventory(SlotId slot, boolean active, boolean running, ImageStatus status, Optional<DpuImage> image,
                            String detail) {

    public SlotInventory {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(detail, "detail");
    }

    /** The image's version, or the empty string for an empty or unreadable slot. */
    public String version() {
        return image.map(DpuImage::version).orElse("");
    }

    /** The image's build string, or the empty string. */
    public String build() {
        return image.map(DpuImage::build).orElse("");
    }

    /** Whether the slot holds an image that verified (header, size, SHA-256, model). */
    public boolean healthy() {
        return status == ImageStatus.VALID;
    }
}
