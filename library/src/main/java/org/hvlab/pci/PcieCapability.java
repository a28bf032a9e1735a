package org.hvlab.pci;

/**
 * The PCI Express capability (ID 0x10), version 2, 0x3C bytes: the port type that tells software whether it is
 * looking at an endpoint or a port with a bus behind it, device control/status, link capabilities and status.
 * Its presence is what gives a function 4 KiB of config space (extended capabilities from 0x100).
 *
 * @param portType   Device/Port Type (PCI Express Capabilities bits 7:4)
 * @param linkSpeed  link generation 1..5 (2.5, 5, 8, 16, 32 GT/s), maximum and current
 * @param linkWidth  lanes 1..32, maximum and negotiated
 */
public record PcieCapability(PortType portType, int linkSpeed, int linkWidth) implements Capability {

    /** Device/Port Type values. */
    public enum PortType {
        ENDPOINT(0x0), LEGACY_ENDPOINT(0x1), ROOT_PORT(0x4), UPSTREAM_PORT(0x5), DOWNSTREAM_PORT(0x6),
        PCIE_TO_PCI_BRIDGE(0x7), ROOT_COMPLEX_INTEGRATED_ENDPOINT(0x9);

        public final int code;

        PortType(int code) {
            this.code = code;
        }

        /** Whether a link to a slot hangs below it (root and downstream ports). */
        public boolean isDownstream() {
            return this == ROOT_PORT || this == DOWNSTREAM_PORT;
        }

        static PortType of(int code) {
            for (PortType t : values()) if (t.code == code) return t;
            throw CapabilityErrors.invalid("PCI Express port type 0x" + Integer.toHexString(code) + " is not modelled",
                    "hvlab models endpoints, root/upstream/downstream ports and bridges", "Check the dump's Express capability");
        }
    }

    public static final int FLAGS = 0x02;
    public static final int DEVICE_CAPABILITIES = 0x04;
    public static final int DEVICE_CONTROL = 0x08;
    public static final int DEVICE_STATUS = 0x0a;
    public static final int LINK_CAPABILITIES = 0x0c;
    public static final int LINK_CONTROL = 0x10;
    public static final int LINK_STATUS = 0x12;
    public static final int SLOT_CAPABILITIES = 0x14;
    public static final int ROOT_CONTROL = 0x1c;
    public static final int LINK_CAPABILITIES2 = 0x2c;
    public static final int LINK_CONTROL2 = 0x30;

    public PcieCapability {
        if (linkSpeed < 1 || linkSpeed > 5 || linkWidth < 1 || linkWidth > 32) {
            throw CapabilityErrors.invalid("Link Gen" + linkSpeed + " x" + linkWidth + " is not valid",
                    "a PCI Express link runs at generation 1..5 with 1..32 lanes", "Use e.g. PcieCapability.endpoint()");
        }
    }

    /** An endpoint on a Gen3 x4 link. */
    public static PcieCapability endpoint() { return new PcieCapability(PortType.ENDPOINT, 3, 4); }

    /** A root port with a Gen3 x16 link. */
    public static PcieCapability rootPort() { return new PcieCapability(PortType.ROOT_PORT, 3, 16); }

    @Override
    public int id() { return Header.CAP_ID_EXP; }

    @Override
    public int length() { return 0x3c; }

    @Override
    public void install(ConfigSpace cs, int offset, int next) {
        cs.preset(offset, 1, id()).preset(offset + 1, 1, next);
        cs.preset(offset + FLAGS, 2, 0x2 | portType.code << 4 | (portType.isDownstream() ? 0x100 : 0));
        cs.preset(offset + DEVICE_CAPABILITIES, 4, 0x1 /* 256-byte max payload */ | 1 << 15 /* role-based errors */);
        cs.preset(offset + DEVICE_CONTROL, 2, 0x2810).writable(offset + DEVICE_CONTROL, 2, 0x7fff);
        cs.clearOnWrite(offset + DEVICE_STATUS, 2, 0x000f);
        cs.preset(offset + LINK_CAPABILITIES, 4, linkSpeed | linkWidth << 4 | (portType.isDownstream() ? 1L << 20 : 0));
        cs.writable(offset + LINK_CONTROL, 2, 0x0fc3);
        cs.preset(offset + LINK_STATUS, 2, linkSpeed | linkWidth << 4 | (portType.isDownstream() ? 1 << 13 : 0));
        if (portType.isDownstream()) cs.writable(offset + 0x18, 2, 0x1fff); // slot control
        if (portType == PortType.ROOT_PORT) cs.writable(offset + ROOT_CONTROL, 2, 0x001f);
        cs.preset(offset + LINK_CAPABILITIES2, 4, ((1 << linkSpeed) - 1) << 1);
        cs.preset(offset + LINK_CONTROL2, 2, linkSpeed).writable(offset + LINK_CONTROL2, 2, 0x000f);
    }

    /** Reads the Express capability at {@code offset} back from config space. */
    public static PcieCapability decode(ConfigSpace cs, int offset) {
        if (cs.read8(offset) != Header.CAP_ID_EXP) {
            throw CapabilityErrors.invalid(String.format("No PCI Express capability at 0x%02x", offset),
                    "the Express capability starts with ID 0x10", "Find it with config.findCapability(0x10)");
        }
        int type = cs.read16(offset + FLAGS) >> 4 & 0xf;
        int link = cs.read32(offset + LINK_CAPABILITIES);
        return new PcieCapability(PortType.of(type), Math.max(1, Math.min(5, link & 0xf)), Math.max(1, Math.min(32, link >> 4 & 0x3f)));
    }
}
