package org.hvlab.pci;

/**
 * Offsets and bits of the type-0 and type-1 configuration headers, named as Linux's
 * {@code include/uapi/linux/pci_regs.h} names them.
 */
public final class Header {
    private Header() {}

    /** Vendor ID (16 bits); 0xFFFF means no function. */
    public static final int VENDOR_ID = 0x00;
    public static final int DEVICE_ID = 0x02;
    /** Command: bit0 I/O space, bit1 memory space, bit2 bus master, bit6 parity, bit8 SERR, bit10 INTx disable. */
    public static final int COMMAND = 0x04;
    /** The Command bits software may change (I/O, memory, bus master, parity, SERR, INTx disable). */
    public static final int COMMAND_WRITABLE = 0x0547;
    /** Status: bit4 capability list present; bits 8 and 11-15 are error bits, write-1-to-clear. */
    public static final int STATUS = 0x06;
    public static final int STATUS_CAP_LIST = 0x0010;
    public static final int STATUS_INTERRUPT = 0x0008;
    public static final int STATUS_ERRORS_W1C = 0xf900;
    public static final int REVISION_ID = 0x08;
    public static final int CLASS_PROG = 0x09;
    public static final int CACHE_LINE_SIZE = 0x0c;
    public static final int LATENCY_TIMER = 0x0d;
    /** Header type: bits 6:0 layout (0 endpoint, 1 bridge), bit 7 multi-function. */
    public static final int HEADER_TYPE = 0x0e;
    public static final int HEADER_MULTI_FUNCTION = 0x80;
    public static final int BIST = 0x0f;
    /** BAR0; BARn is at {@code BAR0 + 4 * n} (six on type 0, two on type 1). */
    public static final int BAR0 = 0x10;
    public static final int SUBSYSTEM_VENDOR_ID = 0x2c;
    public static final int SUBSYSTEM_ID = 0x2e;
    public static final int CAPABILITIES_POINTER = 0x34;
    public static final int INTERRUPT_LINE = 0x3c;
    public static final int INTERRUPT_PIN = 0x3d;

    // type 1 (PCI-to-PCI bridge, root port)
    public static final int PRIMARY_BUS = 0x18;
    public static final int SECONDARY_BUS = 0x19;
    public static final int SUBORDINATE_BUS = 0x1a;
    public static final int SEC_LATENCY_TIMER = 0x1b;
    public static final int IO_BASE = 0x1c;
    public static final int IO_LIMIT = 0x1d;
    public static final int SEC_STATUS = 0x1e;
    public static final int MEMORY_BASE = 0x20;
    public static final int MEMORY_LIMIT = 0x22;
    public static final int PREF_MEMORY_BASE = 0x24;
    public static final int PREF_MEMORY_LIMIT = 0x26;
    public static final int PREF_BASE_UPPER32 = 0x28;
    public static final int PREF_LIMIT_UPPER32 = 0x2c;
    public static final int IO_BASE_UPPER16 = 0x30;
    public static final int IO_LIMIT_UPPER16 = 0x32;
    public static final int BRIDGE_ROM_ADDRESS = 0x38;
    public static final int BRIDGE_CONTROL = 0x3e;

    /** Header layout values (bits 6:0 of {@link #HEADER_TYPE}). */
    public static final int TYPE_ENDPOINT = 0;
    public static final int TYPE_BRIDGE = 1;

    /** Capability IDs. */
    public static final int CAP_ID_PM = 0x01;
    public static final int CAP_ID_MSI = 0x05;
    public static final int CAP_ID_VENDOR = 0x09;
    public static final int CAP_ID_EXP = 0x10;
    public static final int CAP_ID_MSIX = 0x11;
    /** Extended capability ID of the Device Serial Number capability. */
    public static final int EXT_CAP_ID_DSN = 0x0003;
}
