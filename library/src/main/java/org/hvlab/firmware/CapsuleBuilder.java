package org.hvlab.firmware;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a plain or FMP capsule around one image. Defaults match U-Boot's mkeficapsule: HeaderSize 28, Flags
 * PERSIST_ACROSS_RESET, FMP header v1 with one payload at offset 16, image header v3, index 1, instance 0. The
 * image is streamed from its file, so a 256 MiB capsule is written without holding it.
 *
 * <pre>{@code
 * Capsule c = Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE).index(1).payload(image).writeTo(out);
 * }</pre>
 */
public final class CapsuleBuilder {
    private final CapsuleKind kind;
    private final Guid guid;
    private int index = 1;
    private long instance;
    private int imageHeaderVersion = 3;
    private int headerSize = EfiCapsuleHeader.MIN_SIZE;
    private int oemFlags;
    private int resetFlags = EfiCapsuleHeader.FLAG_PERSIST_ACROSS_RESET;
    private byte[] payloadBytes;
    private Path payloadFile;
    private long payloadLength = -1;

    CapsuleBuilder(CapsuleKind kind, Guid guid) {
        this.kind = kind;
        this.guid = Objects.requireNonNull(guid, "guid");
    }

    /** FMP UpdateImageIndex, 1..255 ({@code mkeficapsule --index}). */
    public CapsuleBuilder index(int updateImageIndex) {
        fmpOnly("index");
        if (updateImageIndex < 1 || updateImageIndex > 255) {
            throw new FirmwareException(FirmwareException.Reason.BAD_IMAGE_INDEX, "index " + updateImageIndex,
                    "UpdateImageIndex is a UINT8 counted from 1", "Use 1..255");
        }
        this.index = updateImageIndex;
        return this;
    }

    /** FMP UpdateHardwareInstance, 0 for every instance ({@code mkeficapsule --instance}); needs header v2+. */
    public CapsuleBuilder instance(long updateHardwareInstance) {
        fmpOnly("instance");
        this.instance = updateHardwareInstance;
        return this;
    }

    /** The FMP image header version: 2 (edk2, 40 bytes) or 3 (mkeficapsule, 48 bytes, the default). */
    public CapsuleBuilder imageHeaderVersion(int version) {
        fmpOnly("imageHeaderVersion");
        if (version != 2 && version != 3) {
            throw new FirmwareException(FirmwareException.Reason.BAD_VERSION, "image header version " + version,
                    "this builder writes v2 (edk2 GenerateCapsule) or v3 (U-Boot mkeficapsule)", "Use 2 or 3");
        }
        this.imageHeaderVersion = version;
        return this;
    }

    /** EFI_CAPSULE_HEADER.HeaderSize: 28 (mkeficapsule, the default) or 32 (edk2). */
    public CapsuleBuilder headerSize(int bytes) {
        if (bytes != EfiCapsuleHeader.MIN_SIZE && bytes != EfiCapsuleHeader.EDK2_SIZE) {
            throw new FirmwareException(FirmwareException.Reason.BAD_HEADER_SIZE, "HeaderSize " + bytes,
                    "the builder writes 28 (mkeficapsule) or 32 (edk2 GenerateCapsule)", "Use 28 or 32");
        }
        this.headerSize = bytes;
        return this;
    }

    /** The GUID-specific low 16 flag bits ({@code mkeficapsule --capoemflag}). */
    public CapsuleBuilder oemFlags(int flags) {
        if (flags < 0 || flags > 0xffff) {
            throw new FirmwareException(FirmwareException.Reason.TOO_LARGE, String.format("OEM flags 0x%x", flags),
                    "OEM flags are the low 16 bits of Flags", "Use 0x0000..0xffff");
        }
        this.oemFlags = flags;
        return this;
    }

    /** The CAPSULE_FLAGS_* bits (16-18); PERSIST_ACROSS_RESET by default. */
    public CapsuleBuilder resetFlags(int flags) {
        if ((flags & ~0x0007_0000) != 0) {
            throw new FirmwareException(FirmwareException.Reason.UNSUPPORTED, String.format("flags 0x%08x", flags),
                    "only PERSIST_ACROSS_RESET, POPULATE_SYSTEM_TABLE and INITIATE_RESET are defined",
                    "Combine EfiCapsuleHeader.FLAG_* constants; OEM bits go through oemFlags(..)");
        }
        int needsPersist = EfiCapsuleHeader.FLAG_INITIATE_RESET | EfiCapsuleHeader.FLAG_POPULATE_SYSTEM_TABLE;
        if ((flags & needsPersist) != 0 && (flags & EfiCapsuleHeader.FLAG_PERSIST_ACROSS_RESET) == 0) {
            throw new FirmwareException(FirmwareException.Reason.UNSUPPORTED, String.format("flags 0x%08x", flags),
                    "UEFI's UpdateCapsule() requires PERSIST_ACROSS_RESET with INITIATE_RESET or POPULATE_SYSTEM_TABLE",
                    "Add EfiCapsuleHeader.FLAG_PERSIST_ACROSS_RESET");
        }
        this.resetFlags = flags;
        return this;
    }

    /** The image, in memory. */
    public CapsuleBuilder payload(byte[] image) {
        this.payloadBytes = image.clone();
        this.payloadFile = null;
        this.payloadLength = image.length;
        return this;
    }

    /** The image, streamed from a file when the capsule is written. */
    public CapsuleBuilder payload(Path imageFile) {
        try {
            this.payloadLength = Files.size(imageFile);
        } catch (IOException e) {
            throw Capsule.io("size " + imageFile, e);
        }
        this.payloadFile = imageFile;
        this.payloadBytes = null;
        return this;
    }

    private void fmpOnly(String setting) {
        if (kind != CapsuleKind.FMP) {
            throw new FirmwareException(FirmwareException.Reason.UNSUPPORTED, setting + " on a plain capsule",
                    "a plain capsule has no FMP image header; only FMP capsules carry index, instance and version",
                    "Use Capsule.fmp(guid) for those settings");
        }
    }

    private long payloadLength() {
        if (payloadLength < 0) {
            throw new FirmwareException(FirmwareException.Reason.UNSUPPORTED, "no payload",
                    "a capsule wraps an image", "Call payload(file) or payload(bytes) first");
        }
        return payloadLength;
    }

    /** The capsule this builder describes, without writing it. */
    public Capsule layout() {
        return headerBytesWithLength(payloadLength()).capsule();
    }

    private record Layout(byte[] head, Capsule capsule) {}

    private Layout headerBytesWithLength(long p) {
        int flags = resetFlags | oemFlags;
        if (kind == CapsuleKind.PLAIN) {
            EfiCapsuleHeader h = new EfiCapsuleHeader(guid, headerSize, flags, checkedSize(headerSize + p));
            CapsuleImage img = new CapsuleImage(guid, 1, 0, headerSize, p, Optional.empty());
            return new Layout(h.encode(), new Capsule(kind, h, Optional.empty(), List.of(img)));
        }
        FmpCapsuleHeader fmp = FmpCapsuleHeader.singlePayload();
        FmpImageHeader ih = new FmpImageHeader(imageHeaderVersion, guid, index, p, 0, instance, 0);
        long pre = (long) headerSize + fmp.size() + ih.size();
        EfiCapsuleHeader h = new EfiCapsuleHeader(Guid.FMP_CAPSULE, headerSize, flags, checkedSize(pre + p));
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) pre);
        out.writeBytes(h.encode());
        out.writeBytes(fmp.encode());
        out.writeBytes(ih.encode());
        CapsuleImage img = new CapsuleImage(guid, index, instance, pre, p, Optional.of(ih));
        return new Layout(out.toByteArray(), new Capsule(kind, h, Optional.of(fmp), List.of(img)));
    }

    private static long checkedSize(long total) {
        if (total > EfiCapsuleHeader.MAX_CAPSULE_SIZE) {
            throw new FirmwareException(FirmwareException.Reason.TOO_LARGE, "a capsule of " + total + " bytes",
                    "CapsuleImageSize is a UINT32 (at most 4 GiB - 1)", "Use a smaller image");
        }
        return total;
    }

    /** Every byte before the image: EFI_CAPSULE_HEADER, and for FMP the FMP header and the image header. */
    public byte[] headerBytes() {
        return headerBytesWithLength(payloadLength()).head();
    }

    /** The whole capsule as a stream: the headers, then the image read from its file as the stream is read. */
    public InputStream openStream() {
        Layout l = headerBytesWithLength(payloadLength());
        InputStream body;
        try {
            body = payloadFile != null ? Files.newInputStream(payloadFile) : new ByteArrayInputStream(payloadBytes);
        } catch (IOException e) {
            throw Capsule.io("open " + payloadFile, e);
        }
        return new SequenceInputStream(new ByteArrayInputStream(l.head()),
                new BoundedInputStream(body, payloadLength, "capsule payload " + (payloadFile == null ? "" : payloadFile)));
    }

    /** The whole capsule in memory (small payloads). */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeTo(out);
        return out.toByteArray();
    }

    /** Writes the capsule to {@code out} (not closed), streaming the image; returns its layout. */
    public Capsule writeTo(OutputStream out) {
        Layout l = headerBytesWithLength(payloadLength());
        try (InputStream in = openStream()) {
            in.transferTo(out);
            out.flush();
        } catch (IOException e) {
            throw Capsule.io("write the capsule", e);
        }
        return l.capsule();
    }

    /** Writes the capsule to a file (replacing it), streaming the image; returns its layout. */
    public Capsule writeTo(Path file) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            return writeTo(out);
        } catch (IOException e) {
            throw Capsule.io("write " + file, e);
        }
    }
}
