package org.hvlab.dpu;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of verifying an image: a status, the header when it could be read, and a sentence saying why.
 *
 * @param status verdict
 * @param image  the decoded header (present unless EMPTY, BAD_MAGIC or BAD_HEADER)
 * @param detail what was found, e.g. {@code payload SHA-256 is 3fa0... but the header says 9c1e...}
 * @param bytes  the image bytes seen
 */
public record ImageCheck(ImageStatus status, Optional<DpuImage> image, String detail, long bytes) {

    public ImageCheck {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(detail, "detail");
    }

    static ImageCheck empty() {
        return new ImageCheck(ImageStatus.EMPTY, Optional.empty(), "the slot is empty", 0);
    }

    public boolean valid() {
        return status == ImageStatus.VALID;
    }

    /** The check as an exception (for a failed one), with what to do next. */
    public DpuException toException(String where) {
        return new DpuException(status.reason(), where + ": " + detail,
                "a DPU only boots an image whose header, size and payload SHA-256 check out",
                "Rebuild or fetch the image again; the DPU keeps booting its other slot");
    }

    @Override
    public String toString() {
        return status + ": " + detail;
    }
}
