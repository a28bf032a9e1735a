package org.hvlab.firmware;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses a capsule's headers from random-access storage, reading only header bytes: the images stay where they are
 * and are described by offset and length.
 */
final class CapsuleReader {
    private CapsuleReader() {}

    /** Random access to the capsule's bytes. */
    interface Source {
        long size() throws IOException;

        /** Reads exactly {@code len} bytes at {@code pos} or throws EOFException. */
        void read(long pos, byte[] dst, int len) throws IOException;
    }

    static Source of(byte[] bytes) {
        return new Source() {
            @Override public long size() { return bytes.length; }
            @Override public void read(long pos, byte[] dst, int len) throws IOException {
                if (pos + len > bytes.length) throw new EOFException();
                System.arraycopy(bytes, (int) pos, dst, 0, len);
            }
        };
    }

    static Source of(SeekableByteChannel ch) {
        return new Source() {
            @Override public long size() throws IOException { return ch.size(); }
            @Override public void read(long pos, byte[] dst, int len) throws IOException {
                ByteBuffer bb = ByteBuffer.wrap(dst, 0, len);
                ch.position(pos);
                while (bb.hasRemaining()) {
                    if (ch.read(bb) < 0) throw new EOFException();
                }
            }
        };
    }

    static Capsule parse(Source src) throws IOException {
        long actual = src.size();
        if (actual < EfiCapsuleHeader.MIN_SIZE) {
            throw FmpCapsuleHeader.truncated("EFI_CAPSULE_HEADER", EfiCapsuleHeader.MIN_SIZE, actual);
        }
        byte[] hb = new byte[EfiCapsuleHeader.MIN_SIZE];
        src.read(0, hb, hb.length);
        EfiCapsuleHeader header = EfiCapsuleHeader.decode(hb, 0);
        checkDeclaredSize(header, actual);
        if (!header.capsuleGuid().equals(Guid.FMP_CAPSULE)) {
            CapsuleImage img = new CapsuleImage(header.capsuleGuid(), 1, 0, header.headerSize(), header.bodySize(),
                    Optional.empty());
            return new Capsule(CapsuleKind.PLAIN, header, Optional.empty(), List.of(img));
        }
        long base = header.headerSize();
        long cap = header.capsuleImageSize();
        byte[] fixed = readUpTo(src, base, FmpCapsuleHeader.FIXED_SIZE, cap);
        int items = Le.u16(fixed, 4) + Le.u16(fixed, 6);
        int fmpSize = FmpCapsuleHeader.FIXED_SIZE + 8 * items;
        byte[] fb = readUpTo(src, base, fmpSize, cap);
        FmpCapsuleHeader fmp = FmpCapsuleHeader.decode(fb, 0, fb.length);
        List<CapsuleImage> images = new ArrayList<>();
        long lastEnd = base + fmpSize;
        for (int i = 0; i < fmp.itemOffsets().size(); i++) {
            long rel = fmp.itemOffsets().get(i);
            checkItemOffset(i, fmp, rel, base, cap);
            if (i < fmp.embeddedDriverCount()) continue;
            long abs = base + rel;
            byte[] ib = readUpTo(src, abs, FmpImageHeader.V3_SIZE, cap);
            FmpImageHeader ih = FmpImageHeader.decode(ib, 0, ib.length);
            long start = abs + ih.size();
            long end = start + ih.updateImageSize() + ih.updateVendorCodeSize();
            if (end > cap) {
                throw new FirmwareException(FirmwareException.Reason.TRUNCATED,
                        "payload item " + (i - fmp.embeddedDriverCount()) + " declares " + ih.updateImageSize()
                                + " image bytes + " + ih.updateVendorCodeSize() + " vendor bytes at offset " + start
                                + " but the capsule ends at " + cap,
                        "an item's UpdateImageSize and UpdateVendorCodeSize must fit inside CapsuleImageSize",
                        "Fetch the capsule again or rebuild it (Capsule.fmp(..))");
            }
            lastEnd = Math.max(lastEnd, end);
            images.add(new CapsuleImage(ih.updateImageTypeId(), ih.updateImageIndex(), ih.updateHardwareInstance(),
                    start, ih.updateImageSize(), Optional.of(ih)));
        }
        if (fmp.embeddedDriverCount() == 0 && lastEnd < cap) {
            throw new FirmwareException(FirmwareException.Reason.OVERSIZED,
                    "CapsuleImageSize is " + cap + " but the last FMP item ends at " + lastEnd,
                    (cap - lastEnd) + " bytes follow the last item and belong to nothing",
                    "Rebuild the capsule so CapsuleImageSize = header + FMP header + items");
        }
        return new Capsule(CapsuleKind.FMP, header, Optional.of(fmp), images);
    }

    static void checkDeclaredSize(EfiCapsuleHeader header, long actual) {
        long declared = header.capsuleImageSize();
        if (declared > actual) {
            throw new FirmwareException(FirmwareException.Reason.TRUNCATED,
                    "CapsuleImageSize declares " + declared + " bytes but there are " + actual,
                    "the capsule is cut short by " + (declared - actual) + " bytes",
                    "Fetch the capsule again (a resumed transfer must continue at byte " + actual + ")");
        }
        if (declared < actual) {
            throw new FirmwareException(FirmwareException.Reason.OVERSIZED,
                    "CapsuleImageSize declares " + declared + " bytes but there are " + actual,
                    (actual - declared) + " extra bytes follow the capsule",
                    "Check the producer: CapsuleImageSize must equal the file length");
        }
    }

    private static void checkItemOffset(int i, FmpCapsuleHeader fmp, long rel, long base, long cap) {
        if (rel < fmp.size() || base + rel >= cap || rel < 0) {
            throw new FirmwareException(FirmwareException.Reason.BAD_ITEM_OFFSET,
                    "ItemOffsetList[" + i + "] is " + Long.toUnsignedString(rel),
                    "an item must start after the FMP header (" + fmp.size() + " bytes) and before the capsule's end ("
                            + (cap - base) + " bytes after the FMP header)",
                    "Rebuild the capsule; the offset list is corrupt");
        }
    }

    private static byte[] readUpTo(Source src, long pos, int len, long cap) throws IOException {
        int n = (int) Math.max(0, Math.min(len, cap - pos));
        byte[] b = new byte[n];
        src.read(pos, b, n);
        return b;
    }
}
