package org.hvlab.firmware;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * EFI_CAPSULE_HEADER: CapsuleGuid (16), HeaderSize (4), Flags (4), CapsuleImageSize (4), little endian.
 *
 * <p>HeaderSize is at least 28; U-Boot's mkeficapsule writes 28, edk2's GenerateCapsule 32 (one reserved UINT32).
 * A reader must find the capsule body at HeaderSize, never at a fixed offset. CapsuleImageSize counts the header and
 * the body, so it equals the file length.
 *
 * @param capsuleGuid      what the body is ({@link Guid#FMP_CAPSULE} for FMP capsules)
 * @param headerSize       bytes from the start of the capsule to its body, {@code >= 28}
 * @param flags            CAPSULE_FLAGS_* in bits 16-18, OEM flags in bits 0-15
 * @param capsuleImageSize header plus body, in bytes (UINT32)
 */
public record EfiCapsuleHeader(Guid capsuleGuid, int headerSize, int flags, long capsuleImageSize) {

    /** The four fields of the UEFI definition; the minimum HeaderSize, and what mkeficapsule writes. */
    public static final int MIN_SIZE = 28;
    /** What edk2 GenerateCapsule writes (one more reserved UINT32). */
    public static final int EDK2_SIZE = 32;
    public static final int FLAG_PERSIST_ACROSS_RESET = 0x0001_0000;
    public static final int FLAG_POPULATE_SYSTEM_TABLE = 0x0002_0000;
    public static final int FLAG_INITIATE_RESET = 0x0004_0000;
    /** The largest CapsuleImageSize (the field is a UINT32). */
    public static final long MAX_CAPSULE_SIZE = 0xffff_ffffL;

    public EfiCapsuleHeader {
        Objects.requireNonNull(capsuleGuid, "capsuleGuid");
        if (headerSize < MIN_SIZE) {
            throw new FirmwareException(FirmwareException.Reason.BAD_HEADER_SIZE,
                    "EFI_CAPSULE_HEADER.HeaderSize is " + Integer.toUnsignedString(headerSize),
                    "it must be at least 28, the size of the four header fields",
                    "Use 28 (mkeficapsule) or 32 (edk2 GenerateCapsule)");
        }
        if (capsuleImageSize < 0 || capsuleImageSize > MAX_CAPSULE_SIZE) {
            throw new FirmwareException(FirmwareException.Reason.TOO_LARGE,
                    "CapsuleImageSize " + capsuleImageSize + " does not fit in a UINT32",
                    "a capsule is at most 4 GiB - 1 bytes", "Use a smaller payload");
        }
        if (capsuleImageSize < headerSize) {
            throw new FirmwareException(FirmwareException.Reason.BAD_HEADER_SIZE,
                    "HeaderSize " + headerSize + " exceeds CapsuleImageSize " + capsuleImageSize,
                    "the header is part of the capsule, so CapsuleImageSize >= HeaderSize",
                    "Check that the file is a UEFI capsule (./hvlab capsule inspect FILE shows its fields)");
        }
    }

    /** Decodes the 28 header bytes at {@code offset} (the body starts at the decoded HeaderSize). */
    public static EfiCapsuleHeader decode(byte[] b, int offset) {
        Objects.checkFromIndexSize(offset, MIN_SIZE, b.length);
        return new EfiCapsuleHeader(Guid.fromEfiBytes(b, offset), (int) Le.u32(b, offset + 16),
                (int) Le.u32(b, offset + 20), Le.u32(b, offset + 24));
    }

    /** HeaderSize bytes: the four fields, then zeros up to HeaderSize. */
    public byte[] encode() {
        byte[] b = new byte[headerSize];
        capsuleGuid.writeEfiBytes(b, 0);
        Le.put(b, 16, 4, headerSize);
        Le.put(b, 20, 4, flags);
        Le.put(b, 24, 4, capsuleImageSize);
        return b;
    }

    /** Bytes after the header: CapsuleImageSize - HeaderSize. */
    public long bodySize() {
        return capsuleImageSize - headerSize;
    }

    /** The OEM (GUID-specific) low 16 flag bits. */
    public int oemFlags() {
        return flags & 0xffff;
    }

    /** The set flags by name, e.g. {@code [PERSIST_ACROSS_RESET, OEM=0x0012]}. */
    public List<String> flagNames() {
        List<String> names = new ArrayList<>();
        if ((flags & FLAG_PERSIST_ACROSS_RESET) != 0) names.add("PERSIST_ACROSS_RESET");
        if ((flags & FLAG_POPULATE_SYSTEM_TABLE) != 0) names.add("POPULATE_SYSTEM_TABLE");
        if ((flags & FLAG_INITIATE_RESET) != 0) names.add("INITIATE_RESET");
        int other = flags & ~0xffff & ~(FLAG_PERSIST_ACROSS_RESET | FLAG_POPULATE_SYSTEM_TABLE | FLAG_INITIATE_RESET);
        if (other != 0) names.add(String.format("RESERVED=0x%08x", other));
        if (oemFlags() != 0) names.add(String.format("OEM=0x%04x", oemFlags()));
        return List.copyOf(names);
    }
}
