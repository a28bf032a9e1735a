package org.hvlab.firmware;

import java.util.Objects;

/**
 * EFI_FIRMWARE_MANAGEMENT_CAPSULE_IMAGE_HEADER: Version, UpdateImageTypeId, UpdateImageIndex (UINT8, from 1),
 * 3 reserved bytes, UpdateImageSize, UpdateVendorCodeSize (UINT32), then UpdateHardwareInstance (UINT64, v2+) and
 * ImageCapsuleSupport (UINT64, v3). The image follows the header, then UpdateVendorCodeSize bytes of vendor code.
 * edk2's GenerateCapsule writes v2 (40 bytes), U-Boot's mkeficapsule v3 (48 bytes).
 */
public record FmpImageHeader(int version, Guid updateImageTypeId, int updateImageIndex, long updateImageSize,
                             long updateVendorCodeSize, long updateHardwareInstance, long imageCapsuleSupport) {

    public static final int V1_SIZE = 32;
    public static final int V2_SIZE = 40;
    public static final int V3_SIZE = 48;

    public FmpImageHeader {
        Objects.requireNonNull(updateImageTypeId, "updateImageTypeId");
        checkVersion(version);
        if (updateImageIndex < 1 || updateImageIndex > 255) {
            throw new FirmwareException(FirmwareException.Reason.BAD_IMAGE_INDEX,
                    "UpdateImageIndex is " + updateImageIndex,
                    "it is a UINT8 that counts from 1 (the FMP's ImageIndex)", "Use an index in 1..255");
        }
        checkU32("UpdateImageSize", updateImageSize);
        checkU32("UpdateVendorCodeSize", updateVendorCodeSize);
        if (version < 2 && updateHardwareInstance != 0) throw new IllegalArgumentException("v1 has no instance");
        if (version < 3 && imageCapsuleSupport != 0) throw new IllegalArgumentException("v1/v2 have no ImageCapsuleSupport");
    }

    /** Throws BAD_VERSION unless {@code version} is 1, 2 or 3. */
    static void checkVersion(int version) {
        if (version < 1 || version > 3) {
            throw new FirmwareException(FirmwareException.Reason.BAD_VERSION,
                    "EFI_FIRMWARE_MANAGEMENT_CAPSULE_IMAGE_HEADER.Version is " + Integer.toUnsignedString(version),
                    "versions 1, 2 and 3 are defined (v2: +UpdateHardwareInstance, v3: +ImageCapsuleSupport)",
                    "Use version 2 (edk2) or 3 (mkeficapsule)");
        }
    }

    private static void checkU32(String field, long v) {
        if (v < 0 || v > 0xffff_ffffL) {
            throw new FirmwareException(FirmwareException.Reason.TOO_LARGE, field + " " + v + " does not fit in a UINT32",
                    "an FMP image is at most 4 GiB - 1 bytes", "Use a smaller image");
        }
    }

    /** The header's size for its version: 32, 40 or 48 bytes. */
    public int size() {
        return sizeOf(version);
    }

    static int sizeOf(int version) {
        return switch (version) {
            case 1 -> V1_SIZE;
            case 2 -> V2_SIZE;
            default -> V3_SIZE;
        };
    }

    public byte[] encode() {
        byte[] b = new byte[size()];
        Le.put(b, 0, 4, version);
        updateImageTypeId.writeEfiBytes(b, 4);
        b[20] = (byte) updateImageIndex;
        Le.put(b, 24, 4, updateImageSize);
        Le.put(b, 28, 4, updateVendorCodeSize);
        if (version >= 2) Le.put(b, 32, 8, updateHardwareInstance);
        if (version >= 3) Le.put(b, 40, 8, imageCapsuleSupport);
        return b;
    }

    /** Decodes the header at {@code offset}, of which {@code available} bytes are readable. */
    static FmpImageHeader decode(byte[] b, int offset, int available) {
        if (available < 4) throw FmpCapsuleHeader.truncated("EFI_FIRMWARE_MANAGEMENT_CAPSULE_IMAGE_HEADER", 4, available);
        int version = (int) Le.u32(b, offset);
        checkVersion(version);
        int size = sizeOf(version);
        if (available < size) throw FmpCapsuleHeader.truncated("image header v" + version, size, available);
        int index = Le.u8(b, offset + 20);
        return new FmpImageHeader(version, Guid.fromEfiBytes(b, offset + 4), index, Le.u32(b, offset + 24),
                Le.u32(b, offset + 28), version >= 2 ? Le.u64(b, offset + 32) : 0, version >= 3 ? Le.u64(b, offset + 40) : 0);
    }
}
