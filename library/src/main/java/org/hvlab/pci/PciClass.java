package org.hvlab.pci;

/** Names of the PCI class/subclass pairs hvlab meets, as lspci spells them. */
final class PciClass {
    private PciClass() {}

    static String name(int classCode) {
        switch (classCode >>> 8) {
            case 0x0100: return "SCSI storage controller";
            case 0x0106: return "SATA controller";
            case 0x0108: return "Non-Volatile memory controller";
            case 0x0180: return "Mass storage controller";
            case 0x0200: return "Ethernet controller";
            case 0x0280: return "Network controller";
            case 0x0300: return "VGA compatible controller";
            case 0x0600: return "Host bridge";
            case 0x0604: return "PCI bridge";
            case 0x0c03: return "USB controller";
            case 0x0880: return "System peripheral";
            default: return String.format("Class %04x", classCode >>> 8);
        }
    }
}
