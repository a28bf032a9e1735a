package org.hvlab.dpu;

import java.security.MessageDigest;
import java.util.Optional;

/**
 * Verifies a DPU image as its bytes go by (a download, a slot write): the header from the first 256 bytes, then the
 * payload's SHA-256 and size. The first failure is kept and later bytes are ignored, so a writer can stop early.
 * Not thread-safe.
 */
public final class DpuImageVerifier {
    private final byte[] head = new byte[DpuImage.HEADER_SIZE];
    private final MessageDigest sha = Sha256.newDigest();
    private int headFill;
    private DpuImage image;
    private long payloadSeen;
    private long total;
    private ImageCheck failure;

    DpuImageVerifier() {}

    /** Feeds the next {@code len} image bytes. */
    public void update(byte[] b, int off, int len) {
        if (failure != null || len <= 0) return;
        total += len;
        if (image == null) {
            int n = Math.min(len, head.length - headFill);
            System.arraycopy(b, off, head, headFill, n);
            headFill += n;
            off += n;
            len -= n;
            if (headFill < head.length) return;
            try {
                image = DpuImage.decode(head);
            } catch (DpuException e) {
                failure = new ImageCheck(e.reason() == DpuException.Reason.BAD_MAGIC ? ImageStatus.BAD_MAGIC
                        : ImageStatus.BAD_HEADER, Optional.empty(), e.what(), total);
                return;
            }
        }
        if (payloadSeen + len > image.payloadBytes()) {
            failure = new ImageCheck(ImageStatus.OVERSIZED, Optional.of(image), "the header declares "
                    + image.payloadBytes() + " payload bytes but more follow (at least " + (payloadSeen + len) + ")",
                    total);
            return;
        }
        sha.update(b, off, len);
        payloadSeen += len;
    }

    /** The first failure so far, if any (header, magic or oversize; hash and truncation show at {@link #finish()}). */
    public Optional<ImageCheck> failure() {
        return Optional.ofNullable(failure);
    }

    /** The image header, once its 256 bytes have been fed and decoded. */
    public Optional<DpuImage> image() {
        return Optional.ofNullable(image);
    }

    /** Image bytes fed so far. */
    public long bytesSeen() {
        return total;
    }

    /** The verdict on everything fed. Call once, after the last byte. */
    public ImageCheck finish() {
        if (failure != null) return failure;
        if (image == null) {
            return total == 0 ? ImageCheck.empty()
                    : new ImageCheck(ImageStatus.TRUNCATED, Optional.empty(), "only " + total
                            + " bytes, fewer than the " + DpuImage.HEADER_SIZE + "-byte header", total);
        }
        if (payloadSeen < image.payloadBytes()) {
            return new ImageCheck(ImageStatus.TRUNCATED, Optional.of(image), "the header declares "
                    + image.payloadBytes() + " payload bytes but the image ends after " + payloadSeen, total);
        }
        Sha256 actual = Sha256.of(sha.digest());
        if (!actual.equals(image.payloadSha256())) {
            return new ImageCheck(ImageStatus.HASH_MISMATCH, Optional.of(image), "payload SHA-256 is "
                    + actual.shortHex() + "... but the header says " + image.payloadSha256().shortHex() + "...", total);
        }
        return new ImageCheck(ImageStatus.VALID, Optional.of(image), "header, size and SHA-256 "
                + actual.shortHex() + "... verified", total);
    }
}
