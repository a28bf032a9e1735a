package org.hvlab.dpu;

import java.util.Objects;
import org.hvlab.core.Renderable;

/**
 * A committed management-OS update: the slot written, the image now in it, and the boot that followed the switch.
 *
 * @param dpu          the DPU's name
 * @param slot         the slot written (it is now the active slot)
 * @param image        the verified image written
 * @param bytesWritten image bytes written to the slot
 * @param boot         the reset and boot after the switch
 */
public record DpuUpdateResult(String dpu, SlotId slot, DpuImage image, long bytesWritten, DpuBootReport boot)
        implements Renderable {

    public DpuUpdateResult {
        Objects.requireNonNull(dpu, "dpu");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(boot, "boot");
    }

    @Override
    public String toText() {
        return dpu + ": wrote " + image.model() + " management OS " + image.version() + " (" + image.build()
                + ") to slot " + slot + " (" + bytesWritten + " bytes), switched and reset. " + boot.summary();
    }
}
