package org.hvlab.firmware;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hvlab.core.Html;
import org.hvlab.core.HtmlTable;
import org.hvlab.core.Renderable;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A parsed UEFI capsule: its EFI_CAPSULE_HEADER, for FMP capsules the FMP header, and where each image sits. Parsing
 * reads header bytes only; images stay in the file and are streamed by {@link CapsuleImage#openStream(Path)}.
 *
 * <pre>{@code
 * Capsule c = Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE).payload(imageFile).writeTo(capsuleFile);
 * Capsule back = Capsule.read(capsuleFile);                       // validates sizes, offsets, versions
 * CapsuleImage img = back.image(Guid.DPU_MANAGEMENT_OS_IMAGE);    // WRONG_GUID if absent
 * back.table()                                                    // every header field with its offset
 * }</pre>
 */
public final class Capsule implements Renderable {
    private final CapsuleKind kind;
    private final EfiCapsuleHeader header;
    private final Optional<FmpCapsuleHeader> fmpHeader;
    private final List<CapsuleImage> images;

    Capsule(CapsuleKind kind, EfiCapsuleHeader header, Optional<FmpCapsuleHeader> fmpHeader, List<CapsuleImage> images) {
        this.kind = Objects.requireNonNull(kind);
        this.header = Objects.requireNonNull(header);
        this.fmpHeader = Objects.requireNonNull(fmpHeader);
        this.images = List.copyOf(images);
    }

    // ---- building

    /** An FMP capsule whose one image has UpdateImageTypeId {@code imageTypeId} (what real BMCs accept). */
    public static CapsuleBuilder fmp(Guid imageTypeId) {
        return new CapsuleBuilder(CapsuleKind.FMP, imageTypeId);
    }

    /** A plain capsule whose CapsuleGuid is {@code capsuleGuid} and whose body is the raw image. */
    public static CapsuleBuilder plain(Guid capsuleGuid) {
        if (Guid.FMP_CAPSULE.equals(capsuleGuid)) {
            throw new FirmwareException(FirmwareException.Reason.UNSUPPORTED,
                    "a plain capsule with CapsuleGuid " + capsuleGuid + " (EFI_FIRMWARE_MANAGEMENT_CAPSULE_ID_GUID)",
                    "that GUID announces an FMP body, which a plain capsule does not have",
                    "Use Capsule.fmp(imageTypeId) for an FMP capsule");
        }
        return new CapsuleBuilder(CapsuleKind.PLAIN, capsuleGuid);
    }

    // ---- parsing

    /** Parses a capsule file, reading its headers only; the file length must equal CapsuleImageSize. */
    public static Capsule read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch);
        } catch (IOException e) {
            throw io("read " + file, e);
        }
    }

    /** Parses a capsule from a seekable channel whose size is the capsule's length; reads headers only. */
    public static Capsule read(SeekableByteChannel channel) {
        try {
            return CapsuleReader.parse(CapsuleReader.of(channel));
        } catch (IOException e) {
            throw io("read a capsule channel", e);
        }
    }

    /** Parses a capsule held in memory (small capsules, tests). */
    public static Capsule parse(byte[] bytes) {
        try {
            return CapsuleReader.parse(CapsuleReader.of(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the headers at the front of a stream and returns a reader for the image that follows. */
    public static CapsuleStream stream(InputStream in) {
        try {
            return new CapsuleStream(in);
        } catch (IOException e) {
            throw io("read a capsule stream", e);
        }
    }

    static FirmwareException io(String what, IOException e) {
        return new FirmwareException(FirmwareException.Reason.IO, "Could not " + what,
                String.valueOf(e.getMessage()), "Check the path and permissions", e);
    }

    // ---- queries

    public CapsuleKind kind() {
        return kind;
    }

    public EfiCapsuleHeader header() {
        return header;
    }

    /** The EFI_FIRMWARE_MANAGEMENT_CAPSULE_HEADER of an FMP capsule; empty for a plain one. */
    public Optional<FmpCapsuleHeader> fmpHeader() {
        return fmpHeader;
    }

    /** Every payload image (a plain capsule has one: its body). */
    public List<CapsuleImage> images() {
        return images;
    }

    /** CapsuleImageSize: the whole capsule in bytes. */
    public long totalBytes() {
        return header.capsuleImageSize();
    }

    /** CapsuleImageSize as a {@link org.hvlab.core.ByteSize}. */
    public org.hvlab.core.ByteSize size() {
        return org.hvlab.core.ByteSize.ofBytes(totalBytes());
    }

    /** Whether some image has type {@code imageTypeId}. */
    public boolean carries(Guid imageTypeId) {
        return images.stream().anyMatch(i -> i.imageTypeId().equals(imageTypeId));
    }

    /**
     * The image of type {@code imageTypeId}: the FMP item with that UpdateImageTypeId, or the body of a plain
     * capsule whose CapsuleGuid it is.
     *
     * @throws FirmwareException WRONG_GUID naming the types the capsule does carry
     */
    public CapsuleImage image(Guid imageTypeId) {
        return images.stream().filter(i -> i.imageTypeId().equals(imageTypeId)).findFirst()
                .orElseThrow(() -> new FirmwareException(FirmwareException.Reason.WRONG_GUID,
                        "The " + kind + " capsule carries no image of type " + imageTypeId + describe(imageTypeId),
                        "it carries " + images.stream().map(i -> i.imageTypeId() + describe(i.imageTypeId())).toList()
                                + (kind == CapsuleKind.FMP ? " (UpdateImageTypeId)" : " (CapsuleGuid)"),
                        "Wrap the image with Capsule.fmp(" + imageTypeId + ") or Capsule.plain(" + imageTypeId + ")"));
    }

    /**
     * The image of type {@code imageTypeId} meant for the device instance {@code hardwareInstance} (its FMP
     * HardwareInstance): as UEFI's capsule processing does, an FMP item whose UpdateHardwareInstance is neither 0
     * ("every instance") nor that instance is passed over. A plain capsule applies to every instance.
     *
     * @throws FirmwareException WRONG_GUID as {@link #image(Guid)}; WRONG_INSTANCE when items of that type exist but
     *     all of them name other instances
     */
    public CapsuleImage image(Guid imageTypeId, long hardwareInstance) {
        image(imageTypeId); // WRONG_GUID when there is none of that type at all
        List<CapsuleImage> ofType = images.stream().filter(i -> i.imageTypeId().equals(imageTypeId)).toList();
        return ofType.stream()
                .filter(i -> i.updateHardwareInstance() == 0 || i.updateHardwareInstance() == hardwareInstance)
                .findFirst()
                .orElseThrow(() -> new FirmwareException(FirmwareException.Reason.WRONG_INSTANCE,
                        "The capsule's " + imageTypeId + describe(imageTypeId) + " image is for hardware instance "
                                + String.join(", ", ofType.stream()
                                .map(i -> "0x" + Long.toHexString(i.updateHardwareInstance())).toList())
                                + " (UpdateHardwareInstance), not for 0x" + Long.toHexString(hardwareInstance),
                        "UEFI passes over an FMP image whose UpdateHardwareInstance is neither 0 nor the device's"
                                + " HardwareInstance, so nothing would be written to this device",
                        "Wrap the image again with instance 0x" + Long.toHexString(hardwareInstance)
                                + " (CapsuleBuilder.instance, mkeficapsule --instance) or 0 for every instance"));
    }

    /** The DPU management OS image in this capsule, in either encoding. */
    public CapsuleImage dpuImage() {
        return image(Guid.DPU_MANAGEMENT_OS_IMAGE);
    }

    private static String describe(Guid g) {
        return g.wellKnownName().isEmpty() ? "" : " (" + g.wellKnownName() + ")";
    }

    // ---- views

    /** One row per header field: structure, field, offset in the capsule, size and value. */
    public Table table() {
        CapsuleFields f = CapsuleFields.of(this);
        return Table.create("capsule",
                StringColumn.create("structure", f.structure()), StringColumn.create("field", f.field()),
                IntColumn.create("offset", f.offset().stream().mapToInt(Integer::intValue).toArray()),
                IntColumn.create("size", f.size().stream().mapToInt(Integer::intValue).toArray()),
                StringColumn.create("value", f.value()));
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(kind).append(" capsule, ").append(totalBytes()).append(" bytes, CapsuleGuid ")
                .append(header.capsuleGuid()).append(describe(header.capsuleGuid())).append('\n');
        CapsuleFields f = CapsuleFields.of(this);
        for (int i = 0; i < f.field().size(); i++) {
            sb.append(String.format("  %-45s %-24s @%-6d %s%n", f.structure().get(i), f.field().get(i),
                    f.offset().get(i), f.value().get(i)));
        }
        for (CapsuleImage img : images) {
            sb.append(String.format("  image %s index %d instance %d: %d bytes at offset %d%n", img.imageTypeId(),
                    img.updateImageIndex(), img.updateHardwareInstance(), img.payloadLength(), img.payloadOffset()));
        }
        return sb.toString().stripTrailing();
    }

    @Override
    public String toHtml() {
        HtmlTable t = HtmlTable.withClass("hvlab-capsule")
                .caption(Html.escape(kind + " capsule, " + totalBytes() + " bytes")).header("structure", "field", "offset", "value");
        CapsuleFields f = CapsuleFields.of(this);
        for (int i = 0; i < f.field().size(); i++) {
            t.row(Html.escape(f.structure().get(i)), Html.escape(f.field().get(i)), String.valueOf(f.offset().get(i)),
                    Html.code(f.value().get(i)));
        }
        return t.html();
    }

    @Override
    public String toString() {
        return toText();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Capsule c && kind == c.kind && header.equals(c.header) && fmpHeader.equals(c.fmpHeader)
                && images.equals(c.images);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, header, fmpHeader, images);
    }
}
