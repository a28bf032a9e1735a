package org.hvlab.firmware;

import java.util.List;
import java.util.Objects;

/**
 * EFI_FIRMWARE_MANAGEMENT_CAPSULE_HEADER, the body of an FMP capsule: Version (UINT32, 1), EmbeddedDriverCount
 * (UINT16), PayloadItemCount (UINT16), then ItemOffsetList: one UINT64 per driver and per payload, each an offset
 * from the start of this header (drivers first).
 *
 * @param itemOffsets driver offsets then payload offsets, relative to this header
 */
public record FmpCapsuleHeader(int version, int embeddedDriverCount, int payloadItemCount, List<Long> itemOffsets) {

    /** The only version UEFI defines. */
    public static final int VERSION = 1;
    /** Size without the offset list. */
    public static final int FIXED_SIZE = 8;

    public FmpCapsuleHeader {
        itemOffsets = List.copyOf(itemOffsets);
        checkVersion(version);
        if (embeddedDriverCount < 0 || embeddedDriverCount > 0xffff || payloadItemCount < 0 || payloadItemCount > 0xffff) {
            throw new IllegalArgumentException("counts are UINT16");
        }
        if (itemOffsets.size() != embeddedDriverCount + payloadItemCount) {
            throw new FirmwareException(FirmwareException.Reason.BAD_ITEM_OFFSET,
                    itemOffsets.size() + " item offsets for " + embeddedDriverCount + " drivers and "
                            + payloadItemCount + " payloads",
                    "ItemOffsetList has one entry per driver and per payload", "Give one offset per item");
        }
    }

    /** Throws BAD_VERSION unless {@code version} is 1. */
    static void checkVersion(int version) {
        if (version != VERSION) {
            throw new FirmwareException(FirmwareException.Reason.BAD_VERSION,
                    "EFI_FIRMWARE_MANAGEMENT_CAPSULE_HEADER.Version is " + Integer.toUnsignedString(version),
                    "UEFI defines only version 1", "Check the capsule's producer (./hvlab capsule inspect shows the fields)");
        }
    }

    /** The header a single-payload, driverless capsule carries (what mkeficapsule writes). */
    public static FmpCapsuleHeader singlePayload() {
        return new FmpCapsuleHeader(VERSION, 0, 1, List.of((long) FIXED_SIZE + 8));
    }

    /** This header's size in bytes: 8 + 8 x items. */
    public int size() {
        return FIXED_SIZE + 8 * itemOffsets.size();
    }

    /** The offset of payload item {@code i} (0-based), relative to this header. */
    public long payloadOffset(int i) {
        Objects.checkIndex(i, payloadItemCount);
        return itemOffsets.get(embeddedDriverCount + i);
    }

    public byte[] encode() {
        byte[] b = new byte[size()];
        Le.put(b, 0, 4, version);
        Le.put(b, 4, 2, embeddedDriverCount);
        Le.put(b, 6, 2, payloadItemCount);
        for (int i = 0; i < itemOffsets.size(); i++) Le.put(b, 8 + 8 * i, 8, itemOffsets.get(i));
        return b;
    }

    /** Decodes the fixed part; {@code available} bytes are readable from {@code offset}. */
    static FmpCapsuleHeader decode(byte[] b, int offset, int available) {
        if (available < FIXED_SIZE) throw truncated("EFI_FIRMWARE_MANAGEMENT_CAPSULE_HEADER", FIXED_SIZE, available);
        int version = (int) Le.u32(b, offset);
        checkVersion(version);
        int drivers = Le.u16(b, offset + 4), payloads = Le.u16(b, offset + 6);
        int need = FIXED_SIZE + 8 * (drivers + payloads);
        if (available < need) throw truncated("ItemOffsetList", need, available);
        Long[] offs = new Long[drivers + payloads];
        for (int i = 0; i < offs.length; i++) offs[i] = Le.u64(b, offset + 8 + 8 * i);
        return new FmpCapsuleHeader(version, drivers, payloads, List.of(offs));
    }

    static FirmwareException truncated(String what, long need, long have) {
        return new FirmwareException(FirmwareException.Reason.TRUNCATED,
                what + " needs " + need + " bytes but only " + have + " remain",
                "the capsule ends inside a header", "Fetch the capsule again; it was cut short");
    }
}
