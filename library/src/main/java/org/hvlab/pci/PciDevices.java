package org.hvlab.pci;

import static org.hvlab.core.ByteSize.kib;
import static org.hvlab.core.ByteSize.ofBytes;

import java.util.List;

/**
 * Ready-made emulated functions to populate a VM or a demo host: a NIC with MSI and MSI-X, an NVMe storage
 * controller, a root port (so secondary buses exist), a host bridge and a two-function NIC. IDs are those of the
 * real parts (or QEMU's models of them), so {@code lspci} names them from its ID database.
 */
public final class PciDevices {
    private PciDevices() {}

    public static final int VENDOR_INTEL = 0x8086;
    public static final int VENDOR_REDHAT_QEMU = 0x1b36;
    public static final int VENDOR_REDHAT_VIRTIO = 0x1af4;
    public static final int VENDOR_BROADCOM = 0x14e4;
    public static final int VENDOR_VIA = 0x1106;

    /** QEMU's generic PCIe host bridge (1b36:0008, class 06:00:00), the function at 00:00.0 of an Arm virt ECAM. */
    public static PciFunction hostBridge() {
        return PciFunction.endpoint("host bridge", VENDOR_REDHAT_QEMU, 0x0008).classCode(0x060000).build();
    }

    /**
     * An Intel 82574L Gigabit NIC (8086:10d3, class 02:00:00): 128 KiB register BAR0, flash BAR1, I/O BAR2, 16 KiB
     * BAR3 holding the MSI-X table; a 64-bit single-vector MSI capability, PCI Express endpoint, MSI-X with 5
     * vectors.
     */
    public static PciFunction nic() {
        return PciFunction.endpoint("82574L NIC", VENDOR_INTEL, 0x10d3).classCode(0x020000).subsystem(VENDOR_INTEL, 0xa01f)
                .bar(0, Bar.memory32(kib(128))).bar(1, Bar.memory32(kib(128))).bar(2, Bar.io(ofBytes(32)))
                .bar(3, Bar.memory32(kib(16))).interruptPin(1)
                .msi(MsiCapability.vectors(1).withAddress64())
                .pcie(PcieCapability.endpoint())
                .msix(MsixCapability.of(5, 3, 0x0000, 0x2000))
                .serialNumber(0x0015_17ff_ff24_8a1eL)
                .build();
    }

    /**
     * An NVMe controller as QEMU models it (1b36:0010 rev 2, class 01:08:02): a 16 KiB 64-bit BAR0 with the MSI-X
     * table at 0x2000 and PBA at 0x3000; a 64-bit MSI capability with 32 maskable vectors; PCI Express endpoint.
     */
    public static PciFunction nvme() {
        return PciFunction.endpoint("NVMe controller", VENDOR_REDHAT_QEMU, 0x0010).classCode(0x010802).revision(2)
                .subsystem(VENDOR_REDHAT_VIRTIO, 0x1100).interruptPin(1)
                .bar(0, Bar.memory64(kib(16)))
                .pcie(PcieCapability.endpoint())
                .msi(MsiCapability.vectors(32).withAddress64().withPerVectorMasking())
                .msix(MsixCapability.of(64, 0, 0x2000, 0x3000))
                .build();
    }

    /**
     * A PCI Express root port as QEMU models it (1b36:000c, class 06:04:00, type-1 header) forwarding buses
     * {@code secondary..subordinate}; a 32-bit single-vector MSI capability.
     */
    public static PciFunction rootPort(int secondary, int subordinate) {
        return PciFunction.bridge("root port", VENDOR_REDHAT_QEMU, 0x000c).classCode(0x060400).interruptPin(1)
                .buses(0, secondary, subordinate)
                .pcie(PcieCapability.rootPort())
                .msi(MsiCapability.vectors(1))
                .build();
    }

    /**
     * The Raspberry Pi 4's only PCIe root port: the BCM2711's brcmstb controller (14e4:2711 rev 0x10, class 06:04:00,
     * Linux {@code drivers/pci/controller/pcie-brcmstb.c}) forwarding bus 1. It has no MSI capability of its own: the
     * controller's MSI block (in its register space, not config space) signals one SPI.
     */
    public static PciFunction bcm2711RootPort() {
        return PciFunction.bridge("BCM2711 PCIe Bridge", VENDOR_BROADCOM, 0x2711).classCode(0x060400).revision(0x10)
                .buses(0, 1, 1)
                .pcie(PcieCapability.rootPort())
                .build();
    }

    /**
     * The VIA VL805 USB 3.0 xHCI controller (1106:3483 rev 1, class 0c:03:30) soldered behind the Raspberry Pi 4's
     * root port: one 4 KiB 64-bit memory BAR (Linux shows it as {@code 0000:01:00.0 xhci-hcd}, 4 KiB, in
     * /proc/iomem), a 64-bit MSI capability with 4 vectors, PCI Express endpoint, no MSI-X.
     */
    public static PciFunction vl805() {
        return PciFunction.endpoint("VL805/806 xHCI USB 3.0 Controller", VENDOR_VIA, 0x3483).classCode(0x0c0330).revision(1)
                .subsystem(VENDOR_VIA, 0x3483).interruptPin(1)
                .bar(0, Bar.memory64(kib(4)))
                .msi(MsiCapability.vectors(4).withAddress64())
                .pcie(PcieCapability.endpoint())
                .build();
    }

    /**
     * The two functions of an Intel 82576 dual-port NIC (8086:10c9), both with the multi-function bit: function 0
     * first. Each has a 64-bit maskable MSI capability and MSI-X with 10 vectors in BAR3.
     */
    public static List<PciFunction> dualPortNic() {
        return List.of(dualPortFunction(0), dualPortFunction(1));
    }

    private static PciFunction dualPortFunction(int port) {
        return PciFunction.endpoint("82576 NIC port " + port, VENDOR_INTEL, 0x10c9).classCode(0x020000).revision(1)
                .subsystem(VENDOR_INTEL, 0x0000).multiFunction().interruptPin(1 + port)
                .bar(0, Bar.memory32(kib(128))).bar(2, Bar.io(ofBytes(32))).bar(3, Bar.memory32(kib(16)))
                .msi(MsiCapability.vectors(1).withAddress64().withPerVectorMasking())
                .msix(MsixCapability.of(10, 3, 0x0000, 0x2000))
                .pcie(PcieCapability.endpoint())
                .build();
    }
}
