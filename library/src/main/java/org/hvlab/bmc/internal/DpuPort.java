package org.hvlab.bmc.internal;

import org.hvlab.dpu.Dpu;
import org.hvlab.pci.Bdf;

import java.util.List;

/**
 * What the BMC needs from one DPU: identity, its PCIe function, its two management-OS slots, a writer for the
 * inactive slot, and a reset that boots with fallback. The adapter over {@code org.hvlab.dpu.Dpu} implements it.
 */
public interface DpuPort {
    /** One flash slot as FirmwareInventory shows it ({@code empty}: nothing was ever written to it). */
    record Slot(String id, boolean active, String version, String build, boolean bootable, boolean empty) {
        public Slot(String id, boolean active, String version, String build, boolean bootable) {
            this(id, active, version, build, bootable, version.isEmpty() && !bootable);
        }
    }

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

    /** Its FMP HardwareInstance (see {@code Dpu.hardwareInstance}): what a capsule's UpdateHardwareInstance names. */
    default long hardwareInstance() { return Dpu.hardwareInstance(bdf()); }

    /** PCI vendor and device ID of that function. */
    int vendorId();

    int deviceId();

    /** The function's class code (base, sub-class, programming interface), from its config space. */
    default int classCode() { return 0x02_00_00; }

    /** Subsystem vendor and subsystem ID (config space 0x2c and 0x2e). */
    default int subsystemVendorId() { return vendorId(); }

    default int subsystemId() { return 0; }

    /** The largest image the inactive slot can hold, in bytes. */
    long slotCapacityBytes();

    /** {@code On} while the DPU is powered (running, or failed to boot), else {@code Off}. */
    String powerState();

    /**
     * Redfish {@code Status} of the system: {@code Enabled}/{@code OK} while it runs the slot it should,
     * {@code Enabled}/{@code Warning} after a fallback boot, {@code UnavailableOffline}/{@code Critical} when powered
     * with no bootable slot, {@code Disabled}/{@code OK} when off.
     */
    default Status status() { return "On".equals(powerState()) ? Status.RUNNING : Status.OFF; }

    /** A Redfish {@code Status}: its {@code State} and {@code Health}. */
    record Status(String state, String health) {
        public static final Status RUNNING = new Status("Enabled", "OK");
        public static final Status FELL_BACK = new Status("Enabled", "Warning");
        public static final Status BOOT_FAILED = new Status("UnavailableOffline", "Critical");
        public static final Status OFF = new Status("Disabled", "OK");

        /** Whether a management OS runs (ResetType On then leaves the system alone). */
        public boolean running() { return state.equals("Enabled"); }
    }

    /** Powers the DPU off. */
    void powerOff();

    List<Slot> slots();

    BootInfo lastBoot();

    /** Opens the inactive slot for a new image of {@code imageBytes} bytes; throws {@link UpdateFailure} if busy. */
    SlotWriter openInactiveSlot(long imageBytes);

    /** Resets the DPU: it boots the preferred slot, or falls back to the other one if that fails verification. */
    BootInfo reset();
}
