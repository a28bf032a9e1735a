package org.hvlab.firmware;

import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An EFI_GUID. The value is held as the canonical text reads it ({@code 6dcbd5ed-e82d-4c44-bda1-7194199ad92a});
 * on disk it is mixed-endian: the first three fields (UINT32, UINT16, UINT16) little endian, the last eight bytes as
 * written. {@link #toEfiBytes()} and {@link #fromEfiBytes(byte[], int)} convert between the two.
 */
public record Guid(long mostSignificantBits, long leastSignificantBits) implements Comparable<Guid> {

    // declared first: the constants below are parsed with it
    private static final Pattern TEXT = Pattern.compile(
            "\\{?([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})}?");

    /** EFI_FIRMWARE_MANAGEMENT_CAPSULE_ID_GUID: the CapsuleGuid of every FMP capsule (UEFI spec, edk2 FmpCapsule.h). */
    public static final Guid FMP_CAPSULE = parse("6dcbd5ed-e82d-4c44-bda1-7194199ad92a");

    /**
     * The "DPU management OS image" type GUID of the emulator, as the project reference names it
     * ({@code reference/capsule.md}: made up for the emulator, the one its mkeficapsule byte-compare uses); no vendor
     * registry assigns it. An FMP capsule carries it as UpdateImageTypeId, a plain capsule as its CapsuleGuid
     * (US20230229480A1 claim 7).
     */
    public static final Guid DPU_MANAGEMENT_OS_IMAGE = parse("3f1b7c5e-8d2a-4e6b-9a41-0c7d2e5f9b10");

    /** The size of an EFI_GUID on disk. */
    public static final int SIZE = 16;

    /** Parses {@code xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}, optionally in braces, any case. */
    public static Guid parse(String text) {
        Objects.requireNonNull(text, "text");
        var m = TEXT.matcher(text.trim());
        if (!m.matches()) {
            throw new FirmwareException(FirmwareException.Reason.GUID_SYNTAX, "'" + text + "' is not a GUID",
                    "a GUID is 32 hex digits grouped 8-4-4-4-12, e.g. 6dcbd5ed-e82d-4c44-bda1-7194199ad92a",
                    "Write it in that form or use Guid.DPU_MANAGEMENT_OS_IMAGE");
        }
        long msb = Long.parseUnsignedLong(m.group(1), 16) << 32 | Long.parseUnsignedLong(m.group(2), 16) << 16
                | Long.parseUnsignedLong(m.group(3), 16);
        long lsb = Long.parseUnsignedLong(m.group(4) + m.group(5), 16);
        return new Guid(msb, lsb);
    }

    /** The same 128-bit value as a {@link UUID}. */
    public static Guid of(UUID uuid) {
        return new Guid(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
    }

    /** A version-4 GUID drawn from a seeded generator (models never use unseeded randomness). */
    public static Guid random(Random random) {
        long msb = random.nextLong() & ~0xf000L | 0x4000L;
        long lsb = random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L;
        return new Guid(msb, lsb);
    }

    /** Reads the 16 on-disk (mixed-endian) bytes at {@code offset}. */
    public static Guid fromEfiBytes(byte[] bytes, int offset) {
        Objects.checkFromIndexSize(offset, SIZE, bytes.length);
        long d1 = le(bytes, offset, 4), d2 = le(bytes, offset + 4, 2), d3 = le(bytes, offset + 6, 2);
        long lsb = 0;
        for (int i = 8; i < 16; i++) lsb = lsb << 8 | (bytes[offset + i] & 0xff);
        return new Guid(d1 << 32 | d2 << 16 | d3, lsb);
    }

    private static long le(byte[] b, int off, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) v = v << 8 | (b[off + i] & 0xff);
        return v;
    }

    /** The 16 bytes as EFI stores them: Data1..Data3 little endian, Data4 as written. */
    public byte[] toEfiBytes() {
        byte[] out = new byte[SIZE];
        writeEfiBytes(out, 0);
        return out;
    }

    /** Writes the 16 on-disk bytes into {@code dst} at {@code offset}. */
    public void writeEfiBytes(byte[] dst, int offset) {
        Objects.checkFromIndexSize(offset, SIZE, dst.length);
        long d1 = mostSignificantBits >>> 32, d2 = mostSignificantBits >>> 16 & 0xffff, d3 = mostSignificantBits & 0xffff;
        for (int i = 0; i < 4; i++) dst[offset + i] = (byte) (d1 >>> 8 * i);
        for (int i = 0; i < 2; i++) dst[offset + 4 + i] = (byte) (d2 >>> 8 * i);
        for (int i = 0; i < 2; i++) dst[offset + 6 + i] = (byte) (d3 >>> 8 * i);
        for (int i = 0; i < 8; i++) dst[offset + 8 + i] = (byte) (leastSignificantBits >>> 8 * (7 - i));
    }

    public UUID toUuid() {
        return new UUID(mostSignificantBits, leastSignificantBits);
    }

    /** The well-known name of this GUID in hvlab, or the empty string. */
    public String wellKnownName() {
        if (equals(FMP_CAPSULE)) return "EFI_FIRMWARE_MANAGEMENT_CAPSULE_ID_GUID";
        if (equals(DPU_MANAGEMENT_OS_IMAGE)) return "DPU management OS image";
        return "";
    }

    @Override
    public int compareTo(Guid o) {
        int c = Long.compareUnsigned(mostSignificantBits, o.mostSignificantBits);
        return c != 0 ? c : Long.compareUnsigned(leastSignificantBits, o.leastSignificantBits);
    }

    /** Lower-case canonical text, as {@code mkeficapsule --guid} takes it. */
    @Override
    public String toString() {
        return toUuid().toString().toLowerCase(Locale.ROOT);
    }
}
