package org.hvlab.dpu;

import org.hvlab.core.LabException;

/** A DPU image, slot update or catalog error; {@link #reason()} tells which. */
public class DpuException extends LabException {
    private static final long serialVersionUID = 1L;

    /** Why a DPU operation was refused. Codes are {@code dpu.<name>}, e.g. {@code dpu.hash_mismatch}. */
    public enum Reason implements LabException.Reason {
        /** The image does not start with the DPU management OS magic. */
        BAD_MAGIC,
        /** The image header is damaged (CRC), has an unknown format version or a bad field. */
        BAD_HEADER,
        /** The image ends before the header's payload size. */
        TRUNCATED,
        /** More bytes follow the payload the header declares. */
        OVERSIZED,
        /** The payload's SHA-256 differs from the header's. */
        HASH_MISMATCH,
        /** The image was built for another DPU model. */
        WRONG_MODEL,
        /** The image is larger than a management-OS slot. */
        SLOT_TOO_SMALL,
        /** An update of this DPU is already being written. */
        UPDATE_IN_PROGRESS,
        /** The slot writer was already committed or aborted. */
        WRITER_CLOSED,
        /** No DPU has that name or address. */
        NO_SUCH_DPU,
        /** The image catalog has no image for a DPU model, or a catalog line is malformed. */
        CATALOG,
        /** A builder setting is out of range. */
        BAD_SETTING,
        /** Reading or writing the DPU's flash files failed. */
        IO;

        @Override
        public String code() {
            return "dpu." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public DpuException(Reason reason, String what, String why, String next) {
        super(reason, what, why, next);
    }

    public DpuException(Reason reason, String what, String why, String next, Throwable cause) {
        super(reason, what, why, next, cause);
    }

    @Override
    public Reason reason() {
        return (Reason) super.reason();
    }

    static DpuException io(String what, java.io.IOException e) {
        return new DpuException(Reason.IO, "Could not " + what, String.valueOf(e.getMessage()),
                "Check the DPU flash directory and its free space", e);
    }
}
