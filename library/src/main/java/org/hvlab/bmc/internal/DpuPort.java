package org.hvlab.bmc.internal;

import org.hvlab.pci.Bdf;

import java.util.List;

/**
 * What the BMC needs from one DPU: identity, its PCIe function, its two management-OS slots, a writer for the
 * inactive slot, and a reset that boots with fallback. The adapter over {@code org.hvlab.dpu.Dpu} implements it.
 */
public interface DpuPort {
    /** One flash slot as FirmwareInventory shows it. */
    record Slot(String id, boolean active, String version, String build, boolean bootable) {}

    /** What the last boot reported: the slot that came up, its version and why. */
    record BootInfo(String slotId, String version, boolean fellBack, String reason) {}

    /** A committed image: its header's version and build, and the boot after the switch. */
    record Committed(String version, String build, BootInfo boot) {}

    /** A writer for the inactive slot: nothing is visible to the DPU until {@link #commit()}. */
    interface SlotWriter {
        /** The slot being written. */
        String slotId();

        /** Stages bytes; throws {@link UpdateFailure} as soon as they show the image is bad. */
        void write(byte[] b, int off, int len);

        /**
         * Verifies the staged image, makes it the slot's content and the active slot, resets the DPU and returns
         * that boot; throws {@link UpdateFailure} (and changes nothing) if verification fails.
         */
        Committed commit();

        /** Drops what was written; the slot and the active selection are unchanged. */
        void abort();
    }

    /** Redfish {@code Id}, e.g. {@code DPU0}. */
    String id();

    String model();

    String manufacturer();

    String serialNumber();

    /** The DPU's PCIe function in the host topology. */
    Bdf bdf();

    /** PCI vendor and device ID of that function. */
    int vendorId();

    int deviceId();

    /** The largest image the inactive slot can hold, in bytes. */
    long slotCapacityBytes();

    /** {@code On} while the DPU runs a management OS, else {@code Off}. */
    String powerState();

    /** Powers the DPU off. */
    void powerOff();

    List<Slot> slots();

    BootInfo lastBoot();

    /** Opens the inactive slot for a new image of {@code imageBytes} bytes; throws {@link UpdateFailure} if busy. */
    SlotWriter openInactiveSlot(long imageBytes);

    /** Resets the DPU: it boots the preferred slot, or falls back to the other one if that fails verification. */
    BootInfo reset();
}
