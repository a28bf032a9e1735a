package org.hvlab.dpu;

/** The verdict on a slot's image. */
public enum ImageStatus {
    /** Header, size and payload SHA-256 all check out. */
    VALID,
    /** The slot holds no image. */
    EMPTY,
    /** It does not start with the image magic. */
    BAD_MAGIC,
    /** The header CRC, format version or a field is wrong. */
    BAD_HEADER,
    /** It ends before the declared payload size. */
    TRUNCATED,
    /** More bytes follow the declared payload. */
    OVERSIZED,
    /** The payload's SHA-256 differs from the header's. */
    HASH_MISMATCH,
    /** A sound image built for another DPU model. */
    WRONG_MODEL;

    /** The exception reason for this status (not for VALID or EMPTY). */
    DpuException.Reason reason() {
        return switch (this) {
            case BAD_MAGIC -> DpuException.Reason.BAD_MAGIC;
            case BAD_HEADER, VALID, EMPTY -> DpuException.Reason.BAD_HEADER;
            case TRUNCATED -> DpuException.Reason.TRUNCATED;
            case OVERSIZED -> DpuException.Reason.OVERSIZED;
            case HASH_MISMATCH -> DpuException.Reason.HASH_MISMATCH;
            case WRONG_MODEL -> DpuException.Reason.WRONG_MODEL;
        };
    }
}
