package org.hvlab.firmware;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A capsule read front to back from a stream (an HTTP body, a pipe) without holding its image: the headers are
 * parsed when it opens, {@link #payload()} streams the image bytes, and {@link #finish()} checks that the stream
 * ends exactly at CapsuleImageSize. Supports plain capsules and FMP capsules with one payload and no drivers (what
 * {@link CapsuleBuilder} and mkeficapsule write); anything else needs {@link Capsule#read(java.nio.file.Path)}.
 *
 * <pre>{@code
 * try (CapsuleStream cs = Capsule.stream(body)) {
 *     CapsuleImage img = cs.capsule().image(Guid.DPU_MANAGEMENT_OS_IMAGE);   // WRONG_GUID if not there
 *     cs.payload().transferTo(slotWriter);
 *     cs.finish();                                                          // OVERSIZED / TRUNCATED
 * }
 * }</pre>
 */
public final class CapsuleStream implements AutoCloseable {
    private final InputStream in;
    private final Capsule capsule;
    private final BoundedInputStream payload;
    private long consumed;
    private boolean finished;

    CapsuleStream(InputStream in) throws IOException {
        this.in = in;
        byte[] hb = readExactly(EfiCapsuleHeader.MIN_SIZE, "EFI_CAPSULE_HEADER");
        EfiCapsuleHeader header = EfiCapsuleHeader.decode(hb, 0);
        skip(header.headerSize() - EfiCapsuleHeader.MIN_SIZE, "EFI_CAPSULE_HEADER padding");
        long cap = header.capsuleImageSize();
        if (!header.capsuleGuid().equals(Guid.FMP_CAPSULE)) {
            CapsuleImage img = new CapsuleImage(header.capsuleGuid(), 1, 0, header.headerSize(), header.bodySize(),
                    Optional.empty());
            capsule = new Capsule(CapsuleKind.PLAIN, header, Optional.empty(), List.of(img));
        } else {
            long base = header.headerSize();
            byte[] fixed = readExactly(FmpCapsuleHeader.FIXED_SIZE, "EFI_FIRMWARE_MANAGEMENT_CAPSULE_HEADER");
            FmpCapsuleHeader.checkVersion((int) Le.u32(fixed, 0));
            int drivers = Le.u16(fixed, 4), payloads = Le.u16(fixed, 6);
            if (drivers != 0 || payloads != 1) {
                throw new FirmwareException(FirmwareException.Reason.UNSUPPORTED,
                        "FMP capsule with " + drivers + " drivers and " + payloads + " payloads",
                        "the streaming reader handles one payload and no drivers",
                        "Save the capsule to a file and use Capsule.read(path)");
            }
            byte[] off = readExactly(8, "ItemOffsetList");
            FmpCapsuleHeader fmp = new FmpCapsuleHeader(1, 0, 1, List.of(Le.u64(off, 0)));
            long rel = fmp.itemOffsets().get(0);
            if (rel < fmp.size() || base + rel >= cap) {
                throw new FirmwareException(FirmwareException.Reason.BAD_ITEM_OFFSET,
                        "ItemOffsetList[0] is " + Long.toUnsignedString(rel),
                        "the item must start after the FMP header and inside the capsule",
                        "Rebuild the capsule; the offset list is corrupt");
            }
            skip(base + rel - consumed, "gap before payload item 0");
            byte[] v = readExactly(4, "image header");
            int version = (int) Le.u32(v, 0);
            FmpImageHeader.checkVersion(version);
            int size = FmpImageHeader.sizeOf(version);
            byte[] rest = readExactly(size - 4, "image header");
            byte[] ib = new byte[size];
            System.arraycopy(v, 0, ib, 0, 4);
            System.arraycopy(rest, 0, ib, 4, size - 4);
            FmpImageHeader ih = FmpImageHeader.decode(ib, 0, size);
            long end = consumed + ih.updateImageSize() + ih.updateVendorCodeSize();
            if (end != cap) {
                throw new FirmwareException(end > cap ? FirmwareException.Reason.TRUNCATED : FirmwareException.Reason.OVERSIZED,
                        "the image ends at " + end + " but CapsuleImageSize is " + cap,
                        "UpdateImageSize + UpdateVendorCodeSize must end the capsule exactly",
                        "Rebuild the capsule (Capsule.fmp(..))");
            }
            capsule = new Capsule(CapsuleKind.FMP, header, Optional.of(fmp), List.of(new CapsuleImage(
                    ih.updateImageTypeId(), ih.updateImageIndex(), ih.updateHardwareInstance(), consumed,
                    ih.updateImageSize(), Optional.of(ih))));
        }
        CapsuleImage img = capsule.images().get(0);
        payload = new BoundedInputStream(in, img.payloadLength(), "capsule image", false);
    }

    /** The capsule as its headers declare it (sizes are checked against the stream by {@link #finish()}). */
    public Capsule capsule() {
        return capsule;
    }

    /** The one image's descriptor. */
    public CapsuleImage image() {
        return capsule.images().get(0);
    }

    /** The image bytes, exactly UpdateImageSize (FMP) or CapsuleImageSize - HeaderSize (plain) of them. */
    public InputStream payload() {
        return payload;
    }

    /**
     * Reads what is left of the image and the vendor code, then checks the stream ends at CapsuleImageSize.
     *
     * @throws FirmwareException TRUNCATED if it ends earlier, OVERSIZED if more bytes follow
     */
    public Capsule finish() {
        if (finished) return capsule;
        try {
            payload.skipNBytes(payload.remaining());
            consumed += image().payloadLength();
            skip(capsule.header().capsuleImageSize() - consumed, "vendor code");
            int extra = in.read();
            if (extra >= 0) {
                long more = 1 + in.skip(Long.MAX_VALUE);
                throw new FirmwareException(FirmwareException.Reason.OVERSIZED,
                        "CapsuleImageSize declares " + capsule.header().capsuleImageSize()
                                + " bytes but the stream goes on for at least " + more + " more",
                        "a capsule ends at CapsuleImageSize", "Check the producer or the transfer");
            }
            finished = true;
            return capsule;
        } catch (IOException e) {
            throw Capsule.io("read the capsule stream", e);
        }
    }

    private byte[] readExactly(long n, String what) throws IOException {
        byte[] b = in.readNBytes((int) n);
        consumed += b.length;
        if (b.length < n) throw FmpCapsuleHeader.truncated(what, n, b.length);
        return b;
    }

    private void skip(long n, String what) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) throw FmpCapsuleHeader.truncated(what, n, n - left);
                s = 1;
            }
            left -= s;
        }
        consumed += n;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw Capsule.io("close the capsule stream", e);
        }
    }
}
