package org.hvlab.firmware;

import java.util.ArrayList;
import java.util.List;

/** The header fields of a capsule flattened into rows, for its table and its text and HTML views. */
record CapsuleFields(List<String> structure, List<String> field, List<Integer> offset, List<Integer> size,
                     List<String> value) {

    static CapsuleFields of(Capsule c) {
        CapsuleFields f = new CapsuleFields(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        EfiCapsuleHeader h = c.header();
        String ch = "EFI_CAPSULE_HEADER";
        f.add(ch, "CapsuleGuid", 0, 16, h.capsuleGuid() + name(h.capsuleGuid()));
        f.add(ch, "HeaderSize", 16, 4, Integer.toString(h.headerSize()));
        f.add(ch, "Flags", 20, 4, String.format("0x%08x %s", h.flags(), h.flagNames()));
        f.add(ch, "CapsuleImageSize", 24, 4, Long.toString(h.capsuleImageSize()));
        if (c.fmpHeader().isPresent()) {
            FmpCapsuleHeader fmp = c.fmpHeader().get();
            int base = h.headerSize();
            String fh = "EFI_FIRMWARE_MANAGEMENT_CAPSULE_HEADER";
            f.add(fh, "Version", base, 4, Integer.toString(fmp.version()));
            f.add(fh, "EmbeddedDriverCount", base + 4, 2, Integer.toString(fmp.embeddedDriverCount()));
            f.add(fh, "PayloadItemCount", base + 6, 2, Integer.toString(fmp.payloadItemCount()));
            for (int i = 0; i < fmp.itemOffsets().size(); i++) {
                f.add(fh, "ItemOffsetList[" + i + "]", base + 8 + 8 * i, 8, Long.toString(fmp.itemOffsets().get(i)));
            }
            for (CapsuleImage img : c.images()) {
                FmpImageHeader ih = img.fmpHeader().orElseThrow();
                int at = (int) (img.payloadOffset() - ih.size());
                String ihn = "EFI_FIRMWARE_MANAGEMENT_CAPSULE_IMAGE_HEADER";
                f.add(ihn, "Version", at, 4, Integer.toString(ih.version()));
                f.add(ihn, "UpdateImageTypeId", at + 4, 16, ih.updateImageTypeId() + name(ih.updateImageTypeId()));
                f.add(ihn, "UpdateImageIndex", at + 20, 1, Integer.toString(ih.updateImageIndex()));
                f.add(ihn, "UpdateImageSize", at + 24, 4, Long.toString(ih.updateImageSize()));
                f.add(ihn, "UpdateVendorCodeSize", at + 28, 4, Long.toString(ih.updateVendorCodeSize()));
                if (ih.version() >= 2) {
                    f.add(ihn, "UpdateHardwareInstance", at + 32, 8, Long.toUnsignedString(ih.updateHardwareInstance()));
                }
                if (ih.version() >= 3) {
                    f.add(ihn, "ImageCapsuleSupport", at + 40, 8, String.format("0x%x", ih.imageCapsuleSupport()));
                }
            }
        }
        for (CapsuleImage img : c.images()) {
            f.add("image", "payload", (int) Math.min(Integer.MAX_VALUE, img.payloadOffset()),
                    (int) Math.min(Integer.MAX_VALUE, img.payloadLength()), img.payloadLength() + " bytes");
        }
        return f;
    }

    private static String name(Guid g) {
        return g.wellKnownName().isEmpty() ? "" : " (" + g.wellKnownName() + ")";
    }

    private void add(String s, String fld, int off, int sz, String v) {
        structure.add(s);
        field.add(fld);
        offset.add(off);
        size.add(sz);
        value.add(v);
    }
}
