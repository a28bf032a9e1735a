package org.hvlab.dpu;

import java.util.List;
import org.hvlab.core.ByteSize;
import org.hvlab.pci.Bar;
import org.hvlab.pci.MsixCapability;
import org.hvlab.pci.PciFunction;
import org.hvlab.pci.PcieCapability;
import java.util.Objects;

/**
 * A DPU model as the host sees it on PCIe and as images name it.
 *
 * @param name         the model name images carry, e.g. {@code BlueField-2}
 * @param pciVendorId  PCI vendor ID of its host-facing function
 * @param pciDeviceId  PCI device ID of its host-facing function
 * @param catalogId    the platform catalog id, e.g. {@code bluefield2}
 */
public record DpuModel(String name, int pciVendorId, int pciDeviceId, String catalogId) {

    /** NVIDIA (Mellanox, vendor 0x15b3) BlueField-2 integrated ConnectX-6 Dx, device 0xa2d6. */
    public static final DpuModel BLUEFIELD_2 = new DpuModel("BlueField-2", 0x15b3, 0xa2d6, "bluefield2");
    /** NVIDIA (Mellanox, vendor 0x15b3) BlueField-3, device 0xa2dc. */
    public static final DpuModel BLUEFIELD_3 = new DpuModel("BlueField-3", 0x15b3, 0xa2dc, "bluefield3");

    public DpuModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(catalogId, "catalogId");
        if (name.isBlank() || name.length() > DpuImage.MODEL_FIELD) {
            throw new DpuException(DpuException.Reason.BAD_SETTING, "DPU model name '" + name + "'",
                    "a model name is 1.." + DpuImage.MODEL_FIELD + " characters", "Use e.g. BlueField-2");
        }
        if (pciVendorId < 0 || pciVendorId > 0xffff || pciDeviceId < 0 || pciDeviceId > 0xffff) {
            throw new DpuException(DpuException.Reason.BAD_SETTING,
                    String.format("PCI ids %x:%x", pciVendorId, pciDeviceId), "PCI ids are 16-bit", "Use 0..0xffff");
        }
    }

    /** The models hvlab knows. */
    public static List<DpuModel> known() {
        return List.of(BLUEFIELD_2, BLUEFIELD_3);
    }

    /** The known model with this name or catalog id (case-insensitive). */
    public static DpuModel byName(String nameOrCatalogId) {
        return known().stream().filter(m -> m.name.equalsIgnoreCase(nameOrCatalogId)
                        || m.catalogId.equalsIgnoreCase(nameOrCatalogId)).findFirst()
                .orElseThrow(() -> new DpuException(DpuException.Reason.BAD_SETTING,
                        "Unknown DPU model '" + nameOrCatalogId + "'", "hvlab knows " + known().stream()
                                .map(m -> m.name + " (" + m.catalogId + ")").toList(),
                        "Use one of those or new DpuModel(name, vendor, device, catalogId)"));
    }

    /** The host-facing function's PCI class code: 0x020000, Ethernet controller (the DPU's ConnectX NIC). */
    public int pciClassCode() {
        return 0x02_00_00;
    }

    /**
     * A new host-facing PCIe function of this model with its own config space, as the host enumerates it: the
     * integrated ConnectX's physical function (class 02:00:00) with a 32 MiB 64-bit prefetchable BAR0 holding the
     * MSI-X table (64 vectors at 0x2000, PBA at 0x3000), a PCI Express endpoint capability and the card's serial
     * number in the Device Serial Number capability.
     */
    public PciFunction pciFunction(long serialNumber) {
        return PciFunction.endpoint(name + " DPU", pciVendorId, pciDeviceId).classCode(pciClassCode())
                .subsystem(pciVendorId, 0x0051).interruptPin(1)
                .bar(0, Bar.memory64(ByteSize.mib(32)).withPrefetchable())
                .pcie(PcieCapability.endpoint())
                .msix(MsixCapability.of(64, 0, 0x2000, 0x3000))
                .serialNumber(serialNumber)
                .build();
    }

    /** {@code 15b3:a2d6}, as lspci -n shows it. */
    public String pciIds() {
        return String.format("%04x:%04x", pciVendorId, pciDeviceId);
    }
}
