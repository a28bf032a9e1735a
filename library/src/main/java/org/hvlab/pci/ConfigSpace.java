package org.hvlab.pci;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The configuration space of one PCI function: up to 4 KiB of little-endian bytes, each bit of which is read-only,
 * read-write or write-1-to-clear.
 *
 * <p>Two sides use it. The device model sets it up with {@link #preset}, {@link #writable} and {@link #clearOnWrite}
 * (masks are ignored there). The guest uses {@link #read} and {@link #write} with 1, 2 or 4 naturally aligned bytes,
 * as an ECAM access does: a write changes only read-write bits, clears write-1-to-clear bits written as 1, and leaves
 * read-only bits alone; a write that tried to change a read-only bit is counted in {@link #ignoredWrites()}.
 * A conventional (PCI) function has 256 bytes; offsets 0x100-0xFFF then read as all ones and writes there are
 * dropped, as QEMU does.
 *
 * <p>BAR sizing needs no special case: a BAR's read-write mask is its address bits, so writing all ones and
 * reading back gives the size mask (see {@link Bar#probe}).
 */
public final class ConfigSpace {
    /** Bytes of a PCI Express function's configuration space. */
    public static final int EXPRESS_SIZE = 4096;
    /** Bytes of a conventional PCI function's configuration space. */
    public static final int CONVENTIONAL_SIZE = 256;

    private final int size;
    private final byte[] bytes = new byte[EXPRESS_SIZE];
    private final byte[] rw = new byte[EXPRESS_SIZE];
    private final byte[] w1c = new byte[EXPRESS_SIZE];
    private long ignoredWrites;

    /** An all-zero, all read-only space of {@code size} bytes (256 or 4096). */
    public ConfigSpace(int size) {
        if (size != CONVENTIONAL_SIZE && size != EXPRESS_SIZE) {
            throw new PciException(PciException.Reason.REGISTER_RANGE, "Config space size " + size + " is not valid",
                    "a function has 256 bytes (conventional PCI) or 4096 bytes (PCI Express)",
                    "Use new ConfigSpace(ConfigSpace.CONVENTIONAL_SIZE) or new ConfigSpace(ConfigSpace.EXPRESS_SIZE)");
        }
        this.size = size;
        Arrays.fill(bytes, size, EXPRESS_SIZE, (byte) 0xff);
    }

    /** A read-only space holding a copy of {@code image} (256 or 4096 bytes), e.g. from an lspci dump. */
    public static ConfigSpace of(byte[] image) {
        ConfigSpace cs = new ConfigSpace(image.length);
        System.arraycopy(image, 0, cs.bytes, 0, image.length);
        return cs;
    }

    /** 256 or 4096. */
    public int size() {
        return size;
    }

    /** Reads {@code width} (1, 2 or 4) bytes at {@code offset}, little endian, as the guest sees them. */
    public int read(int offset, int width) {
        check(offset, width);
        int v = 0;
        for (int i = width - 1; i >= 0; i--) v = v << 8 | (bytes[offset + i] & 0xff);
        return v;
    }

    public int read8(int offset) { return read(offset, 1); }

    public int read16(int offset) { return read(offset, 2); }

    public int read32(int offset) { return read(offset, 4); }

    /** A guest write of {@code width} (1, 2 or 4) bytes at {@code offset}; honours the write masks. */
    public void write(int offset, int width, int value) {
        check(offset, width);
        if (offset >= size) {
            ignoredWrites++;
            return;
        }
        boolean touchedReadOnly = false;
        for (int i = 0; i < width; i++) {
            int at = offset + i;
            int v = value >>> (8 * i) & 0xff;
            int old = bytes[at] & 0xff;
            int w = rw[at] & 0xff;
            int c = w1c[at] & 0xff;
            int ro = ~(w | c) & 0xff;
            if ((v & ro) != (old & ro)) touchedReadOnly = true;
            bytes[at] = (byte) (old & ro | v & w | old & c & ~v);
        }
        if (touchedReadOnly) ignoredWrites++;
    }

    public void write8(int offset, int value) { write(offset, 1, value); }

    public void write16(int offset, int value) { write(offset, 2, value); }

    public void write32(int offset, int value) { write(offset, 4, value); }

    /** Guest writes that tried to change at least one read-only bit (the bits were left as they were). */
    public long ignoredWrites() {
        return ignoredWrites;
    }

    /** Device-model side: sets {@code width} bytes at {@code offset} regardless of the masks. */
    public ConfigSpace preset(int offset, int width, long value) {
        checkSetup(offset, width);
        for (int i = 0; i < width; i++) bytes[offset + i] = (byte) (value >>> (8 * i));
        return this;
    }

    /** Device-model side: the bits of {@code mask} in the {@code width} bytes at {@code offset} become read-write. */
    public ConfigSpace writable(int offset, int width, long mask) {
        checkSetup(offset, width);
        for (int i = 0; i < width; i++) {
            rw[offset + i] = (byte) (mask >>> (8 * i));
            w1c[offset + i] &= (byte) ~(mask >>> (8 * i));
        }
        return this;
    }

    /** Device-model side: the bits of {@code mask} become write-1-to-clear (status bits). */
    public ConfigSpace clearOnWrite(int offset, int width, long mask) {
        checkSetup(offset, width);
        for (int i = 0; i < width; i++) {
            w1c[offset + i] = (byte) (mask >>> (8 * i));
            rw[offset + i] &= (byte) ~(mask >>> (8 * i));
        }
        return this;
    }

    /** The read-write bits of {@code width} bytes at {@code offset}. */
    public int writeMask(int offset, int width) {
        return gather(rw, offset, width);
    }

    /** The write-1-to-clear bits of {@code width} bytes at {@code offset}. */
    public int clearMask(int offset, int width) {
        return gather(w1c, offset, width);
    }

    private int gather(byte[] from, int offset, int width) {
        check(offset, width);
        int v = 0;
        for (int i = width - 1; i >= 0; i--) v = v << 8 | (from[offset + i] & 0xff);
        return v;
    }

    /** A copy of the {@link #size()} bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** An independent copy with the same bytes, masks and counter. */
    public ConfigSpace copy() {
        ConfigSpace c = new ConfigSpace(size);
        System.arraycopy(bytes, 0, c.bytes, 0, EXPRESS_SIZE);
        System.arraycopy(rw, 0, c.rw, 0, EXPRESS_SIZE);
        System.arraycopy(w1c, 0, c.w1c, 0, EXPRESS_SIZE);
        c.ignoredWrites = ignoredWrites;
        return c;
    }

    // ---- header fields (offsets from Linux include/uapi/linux/pci_regs.h) ----

    public int vendorId() { return read16(Header.VENDOR_ID); }

    public int deviceId() { return read16(Header.DEVICE_ID); }

    /** Class, subclass and programming interface as one 24-bit value, e.g. 0x010802 for NVMe. */
    public int classCode() { return read32(Header.REVISION_ID) >>> 8; }

    public int revision() { return read8(Header.REVISION_ID); }

    /** The header layout, bits 6:0 of the header-type byte: 0 endpoint, 1 PCI-to-PCI bridge, 2 CardBus. */
    public int headerType() { return read8(Header.HEADER_TYPE) & 0x7f; }

    /** Bit 7 of the header-type byte: the device has functions other than 0. */
    public boolean multiFunction() { return (read8(Header.HEADER_TYPE) & 0x80) != 0; }

    /**
     * Walks the standard capability list (offsets 0x40-0xFF) as Linux's {@code pci_find_capability} does: only if
     * Status bit 4 is set, pointers masked to a dword, stopping at 0 and after 48 hops (so a loop cannot hang it).
     */
    public List<CapabilityRef> capabilities() {
        List<CapabilityRef> found = new ArrayList<>();
        if ((read16(Header.STATUS) & Header.STATUS_CAP_LIST) == 0) return found;
        int ptr = read8(headerType() == 2 ? 0x14 : Header.CAPABILITIES_POINTER) & 0xfc;
        for (int hops = 0; ptr >= 0x40 && hops < 48; hops++) {
            int id = read8(ptr);
            if (id == 0xff) break;
            found.add(new CapabilityRef(id, ptr));
            ptr = read8(ptr + 1) & 0xfc;
        }
        return found;
    }

    /** Walks the extended capability list from 0x100 (PCI Express functions only); stops on 0, all ones or a loop. */
    public List<CapabilityRef> extendedCapabilities() {
        List<CapabilityRef> found = new ArrayList<>();
        if (size < EXPRESS_SIZE) return found;
        int ptr = 0x100;
        for (int hops = 0; ptr >= 0x100 && hops < (EXPRESS_SIZE - 0x100) / 8; hops++) {
            int header = read32(ptr);
            if (header == 0 || header == -1) break;
            found.add(new CapabilityRef(header & 0xffff, ptr));
            ptr = header >>> 20 & 0xffc;
        }
        return found;
    }

    /** The offset of the first capability with {@code id}, if the list has one. */
    public java.util.OptionalInt findCapability(int id) {
        for (CapabilityRef c : capabilities()) if (c.id() == id) return java.util.OptionalInt.of(c.offset());
        return java.util.OptionalInt.empty();
    }

    private void check(int offset, int width) {
        if (width != 1 && width != 2 && width != 4) {
            throw new PciException(PciException.Reason.REGISTER_RANGE, "A config access of " + width + " bytes is not valid",
                    "ECAM accesses are 1, 2 or 4 bytes", "Use read8/read16/read32 or width 1, 2 or 4");
        }
        if (offset < 0 || offset + width > EXPRESS_SIZE || offset % width != 0) {
            throw new PciException(PciException.Reason.REGISTER_RANGE,
                    String.format("Config offset 0x%x (%d bytes) is out of range or unaligned", offset, width),
                    "a register is 0x000..0xfff and naturally aligned to its width",
                    "Use an offset in 0..0xfff that is a multiple of the width");
        }
    }

    private void checkSetup(int offset, int width) {
        if (width < 1 || width > 8 || offset < 0 || offset + width > size) {
            throw new PciException(PciException.Reason.REGISTER_RANGE,
                    String.format("Config bytes 0x%x..+%d are outside this %d-byte space", offset, width, size),
                    "a device model sets up 1-8 bytes inside the function's config space",
                    size == CONVENTIONAL_SIZE ? "Give the function a PCI Express capability to get 4096 bytes" : "Use an offset below 0x1000");
        }
    }

    /** A capability found by a walk: its ID and its offset in config space. */
    public record CapabilityRef(int id, int offset) {
        @Override
        public String toString() {
            return String.format("[%02x] id 0x%02x", offset, id);
        }
    }
}
