package org.hvlab.pci;

import java.util.Optional;

/**
 * A standard capability in the list that starts at the header's capabilities pointer: byte +0 is the ID, byte +1
 * the offset of the next one (0 ends the list). The ones hvlab models are PCI Express, MSI and MSI-X.
 */
public sealed interface Capability permits PcieCapability, MsiCapability, MsixCapability {

    /** The capability ID (0x10 PCI Express, 0x05 MSI, 0x11 MSI-X). */
    int id();

    /** Bytes it occupies in config space. */
    int length();

    /** Device-model side: writes the capability at {@code offset}, linked to {@code next}, with its write masks. */
    void install(ConfigSpace cs, int offset, int next);

    /** Decodes the capability at {@code ref} if it is one of the modelled kinds. */
    static Optional<Capability> decode(ConfigSpace cs, ConfigSpace.CapabilityRef ref) {
        switch (ref.id()) {
            case Header.CAP_ID_MSI: return Optional.of(MsiCapability.decode(cs, ref.offset()));
            case Header.CAP_ID_MSIX: return Optional.of(MsixCapability.decode(cs, ref.offset()));
            case Header.CAP_ID_EXP: return Optional.of(PcieCapability.decode(cs, ref.offset()));
            default: return Optional.empty();
        }
    }

    /** The name lspci prints for a capability ID. */
    static String name(int id) {
        switch (id) {
            case Header.CAP_ID_PM: return "Power Management";
            case Header.CAP_ID_MSI: return "MSI";
            case Header.CAP_ID_VENDOR: return "Vendor Specific";
            case Header.CAP_ID_EXP: return "Express";
            case Header.CAP_ID_MSIX: return "MSI-X";
            default: return String.format("cap 0x%02x", id);
        }
    }
}
