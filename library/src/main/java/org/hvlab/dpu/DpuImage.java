package org.hvlab.dpu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;
import org.hvlab.core.Html;
import org.hvlab.core.HtmlTable;
import org.hvlab.core.Renderable;

/**
 * The header of a DPU management OS image: what the image is (model, version, build) and how to check it (payload
 * size and SHA-256). An image file is this 256-byte header followed by the payload:
 *
 * <pre>
 * off size field
 *   0    8 magic "HVDPUOS1"
 *   8    2 format version (1), little endian
 *  10    2 header size (256)
 *  12    4 flags (0)
 *  16    8 payload size in bytes
 *  24   32 payload SHA-256
 *  56   32 model, ASCII, NUL padded (e.g. "BlueField-2")
 *  88   32 version, ASCII, NUL padded (e.g. "4.2.0")
 * 120   64 build, ASCII, NUL padded
 * 184   68 reserved, zero
 * 252    4 CRC-32 of bytes 0..251
 * </pre>
 *
 * @param model         the DPU model it runs on ({@link DpuModel#name()})
 * @param version       the management OS version
 * @param build         the build string
 * @param payloadBytes  payload size in bytes
 * @param payloadSha256 SHA-256 of the payload
 */
public record DpuImage(String model, String version, String build, long payloadBytes, Sha256 payloadSha256)
        implements Renderable {

    /** The 8 magic bytes at offset 0. */
    public static final String MAGIC = "HVDPUOS1";
    public static final int FORMAT_VERSION = 1;
    public static final int HEADER_SIZE = 256;
    static final int MODEL_FIELD = 32, VERSION_FIELD = 32, BUILD_FIELD = 64;

    public DpuImage {
        field("model", model, MODEL_FIELD);
        field("version", version, VERSION_FIELD);
        field("build", build, BUILD_FIELD);
        Objects.requireNonNull(payloadSha256, "payloadSha256");
        if (payloadBytes < 0) {
            throw new DpuException(DpuException.Reason.BAD_SETTING, "payload size " + payloadBytes,
                    "a payload size is >= 0", "Use a non-negative size");
        }
    }

    private static void field(String name, String value, int max) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty() || value.length() > max || !StandardCharsets.US_ASCII.newEncoder().canEncode(value)
                || value.indexOf('\0') >= 0) {
            throw new DpuException(DpuException.Reason.BAD_SETTING, "image " + name + " '" + value + "'",
                    "the header holds 1.." + max + " printable ASCII characters", "Shorten it");
        }
    }

    /** A builder for an image file with a seeded, deterministic payload. */
    public static DpuImageBuilder builder() {
        return new DpuImageBuilder();
    }

    /** A streaming verifier: feed it an image's bytes, then ask for the verdict. */
    public static DpuImageVerifier verifier() {
        return new DpuImageVerifier();
    }

    /** The payload size as a {@link org.hvlab.core.ByteSize}. */
    public org.hvlab.core.ByteSize payloadSize() {
        return org.hvlab.core.ByteSize.ofBytes(payloadBytes);
    }

    /** Header plus payload, in bytes. */
    public long totalBytes() {
        return HEADER_SIZE + payloadBytes;
    }

    /** The 256 header bytes, CRC included. */
    public byte[] encode() {
        byte[] b = new byte[HEADER_SIZE];
        System.arraycopy(MAGIC.getBytes(StandardCharsets.US_ASCII), 0, b, 0, 8);
        put(b, 8, 2, FORMAT_VERSION);
        put(b, 10, 2, HEADER_SIZE);
        put(b, 16, 8, payloadBytes);
        System.arraycopy(payloadSha256.bytes(), 0, b, 24, Sha256.SIZE);
        ascii(b, 56, model);
        ascii(b, 88, version);
        ascii(b, 120, build);
        put(b, 252, 4, crc(b));
        return b;
    }

    /**
     * Decodes a header.
     *
     * @throws DpuException BAD_MAGIC, or BAD_HEADER for a CRC, version or field error, or TRUNCATED below 256 bytes
     */
    public static DpuImage decode(byte[] b) {
        if (b.length < HEADER_SIZE) {
            throw new DpuException(DpuException.Reason.TRUNCATED, "an image of " + b.length + " bytes",
                    "the image header alone is " + HEADER_SIZE + " bytes", "Write the whole image");
        }
        if (!Arrays.equals(b, 0, 8, MAGIC.getBytes(StandardCharsets.US_ASCII), 0, 8)) {
            throw new DpuException(DpuException.Reason.BAD_MAGIC, "the image starts with "
                    + java.util.HexFormat.ofDelimiter(" ").formatHex(b, 0, 8),
                    "a DPU management OS image starts with \"" + MAGIC + "\"",
                    "Check that it is a DPU image (DpuImage.builder() writes one)");
        }
        long stored = get(b, 252, 4);
        if (stored != crc(b)) {
            throw new DpuException(DpuException.Reason.BAD_HEADER,
                    String.format("image header CRC-32 is 0x%08x but the header hashes to 0x%08x", stored, crc(b)),
                    "the header was damaged", "Rewrite the image");
        }
        int fmt = (int) get(b, 8, 2), hs = (int) get(b, 10, 2);
        if (fmt != FORMAT_VERSION || hs != HEADER_SIZE) {
            throw new DpuException(DpuException.Reason.BAD_HEADER, "image format " + fmt + ", header size " + hs,
                    "this DPU reads format " + FORMAT_VERSION + " with a " + HEADER_SIZE + "-byte header",
                    "Rebuild the image with DpuImage.builder()");
        }
        try {
            return new DpuImage(text(b, 56, MODEL_FIELD), text(b, 88, VERSION_FIELD), text(b, 120, BUILD_FIELD),
                    get(b, 16, 8), Sha256.of(Arrays.copyOfRange(b, 24, 24 + Sha256.SIZE)));
        } catch (DpuException e) {
            throw new DpuException(DpuException.Reason.BAD_HEADER, "image header field: " + e.what(), e.why(),
                    "Rebuild the image with DpuImage.builder()");
        }
    }

    /** Reads the header of an image file (no payload check; {@link #verify(Path)} does that). */
    public static DpuImage read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return decode(in.readNBytes(HEADER_SIZE));
        } catch (IOException e) {
            throw DpuException.io("read " + file, e);
        }
    }

    /** Verifies an image file: header, size and payload SHA-256, streamed. */
    public static ImageCheck verify(Path file) {
        if (!Files.exists(file)) return ImageCheck.empty();
        try (InputStream in = Files.newInputStream(file)) {
            return verify(in);
        } catch (IOException e) {
            throw DpuException.io("read " + file, e);
        }
    }

    /** Verifies an image read to its end from {@code in} (not closed), e.g. a capsule's image stream. */
    public static ImageCheck verify(InputStream in) throws IOException {
        DpuImageVerifier v = verifier();
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0 && v.failure().isEmpty(); ) v.update(buf, 0, n);
        return v.finish();
    }

    static long crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b, 0, 252);
        return c.getValue();
    }

    private static void ascii(byte[] b, int off, String s) {
        byte[] t = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, b, off, t.length);
    }

    private static String text(byte[] b, int off, int max) {
        int n = 0;
        while (n < max && b[off + n] != 0) n++;
        return new String(b, off, n, StandardCharsets.US_ASCII);
    }

    static void put(byte[] b, int off, int n, long v) {
        for (int i = 0; i < n; i++) b[off + i] = (byte) (v >>> 8 * i);
    }

    static long get(byte[] b, int off, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) v = v << 8 | (b[off + i] & 0xff);
        return v;
    }

    @Override
    public String toText() {
        return model + " management OS " + version + " (" + build + "), " + payloadBytes + " payload bytes, sha256 "
                + payloadSha256.shortHex();
    }

    @Override
    public String toHtml() {
        return HtmlTable.withClass("hvlab-dpu-image").entry("model", Html.escape(model))
                .entry("version", Html.escape(version)).entry("build", Html.escape(build))
                .entry("payload bytes", String.valueOf(payloadBytes))
                .entry("payload SHA-256", Html.code(payloadSha256.hex())).html();
    }
}
