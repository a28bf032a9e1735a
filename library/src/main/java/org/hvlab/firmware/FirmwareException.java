package org.hvlab.firmware;

import org.hvlab.core.LabException;

/** A capsule or GUID that cannot be built, parsed or accepted; {@link #reason()} tells which rule it broke. */
public class FirmwareException extends LabException {
    private static final long serialVersionUID = 1L;

    /** Why a capsule was refused. Codes are {@code firmware.<name>}, e.g. {@code firmware.truncated}. */
    public enum Reason implements LabException.Reason {
        /** A GUID string is not 8-4-4-4-12 hex digits. */
        GUID_SYNTAX,
        /** The data ends before a header, an item or the declared CapsuleImageSize. */
        TRUNCATED,
        /** There are more bytes than CapsuleImageSize (or the image) declares. */
        OVERSIZED,
        /** The capsule carries no image of the expected type (CapsuleGuid or UpdateImageTypeId). */
        WRONG_GUID,
        /** HeaderSize is below 28 or beyond the capsule. */
        BAD_HEADER_SIZE,
        /** An FMP header or image header has a version this parser does not know. */
        BAD_VERSION,
        /** An FMP ItemOffsetList entry points outside the capsule or overlaps the headers. */
        BAD_ITEM_OFFSET,
        /** UpdateImageIndex is 0 (it starts at 1) or above 255. */
        BAD_IMAGE_INDEX,
        /** A size does not fit the 32-bit field that holds it. */
        TOO_LARGE,
        /** The capsule uses a feature this reader does not support in this mode. */
        UNSUPPORTED,
        /** Reading or writing the capsule's file or stream failed. */
        IO,
        /** The FMP image's UpdateHardwareInstance names another instance of the device than the one updated. */
        WRONG_INSTANCE;

        @Override public String code() { return LabException.Reason.code("firmware", this); }
    }

    public FirmwareException(Reason reason, String what, String why, String next) {
        super(reason, what, why, next);
    }

    public FirmwareException(Reason reason, String what, String why, String next, Throwable cause) {
        super(reason, what, why, next, cause);
    }

    @Override
    public Reason reason() {
        return (Reason) super.reason();
    }
}
