package org.hvlab.bmc.internal;

import org.hvlab.pci.Bdf;

import java.nio.ByteBuffer;
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

    /** A writer for the inactive slot: nothing is visible to the DPU until {@link #commit()}. */
    interface SlotWriter {
        void write(ByteBuffer bytes);

        /** Makes the written image the slot's content and the next boot's first choice. */
        void commit();

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

    List<Slot> slots();

    BootInfo lastBoot();

    /** Opens the inactive slot for a new image of {@code imageBytes} bytes. */
    SlotWriter openInactiveSlot(long imageBytes);

    /** Resets the DPU: it boots the preferred slot, or falls back to the other one if that fails verification. */
    BootInfo reset();
}
