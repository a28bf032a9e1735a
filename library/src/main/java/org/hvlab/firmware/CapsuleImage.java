package org.hvlab.firmware;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one image sits in a capsule: its type GUID, FMP index and instance, and the byte range of the image itself
 * (without headers or vendor code). The bytes stay in the capsule's file; {@link #openStream(Path)} reads them.
 *
 * @param imageTypeId            UpdateImageTypeId (FMP) or CapsuleGuid (plain)
 * @param updateImageIndex       FMP UpdateImageIndex; 1 for a plain capsule
 * @param updateHardwareInstance FMP UpdateHardwareInstance (0 = every instance; 0 for a plain capsule)
 * @param payloadOffset          offset of the first image byte from the start of the capsule
 * @param payloadLength          image bytes
 * @param fmpHeader              the FMP image header, empty for a plain capsule
 */
public record CapsuleImage(Guid imageTypeId, int updateImageIndex, long updateHardwareInstance, long payloadOffset,
                           long payloadLength, Optional<FmpImageHeader> fmpHeader) {

    public CapsuleImage {
        Objects.requireNonNull(imageTypeId, "imageTypeId");
        Objects.requireNonNull(fmpHeader, "fmpHeader");
        if (payloadOffset < 0 || payloadLength < 0) throw new IllegalArgumentException("negative range");
    }

    /** The image size as a {@link org.hvlab.core.ByteSize}. */
    public org.hvlab.core.ByteSize payloadSize() {
        return org.hvlab.core.ByteSize.ofBytes(payloadLength);
    }

    /** The offset one past the last image byte. */
    public long payloadEnd() {
        return payloadOffset + payloadLength;
    }

    /**
     * Streams this image's bytes out of the capsule file it was parsed from, without loading them: a read of
     * {@code [payloadOffset, payloadEnd)} through a file channel. Close the stream when done.
     */
    public InputStream openStream(Path capsuleFile) {
        try {
            FileChannel ch = FileChannel.open(capsuleFile, StandardOpenOption.READ);
            if (ch.size() < payloadEnd()) {
                long size = ch.size();
                ch.close();
                throw new FirmwareException(FirmwareException.Reason.TRUNCATED, capsuleFile + " has " + size
                        + " bytes but the image ends at offset " + payloadEnd(), "the file is not the capsule that was "
                        + "parsed, or it was cut short since", "Parse the file again with Capsule.read(path)");
            }
            ch.position(payloadOffset);
            return new BoundedInputStream(Channels.newInputStream(ch), payloadLength, "capsule image");
        } catch (IOException e) {
            throw Capsule.io("open " + capsuleFile, e);
        }
    }
}
