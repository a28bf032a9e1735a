package org.hvlab.dpu;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import org.hvlab.core.Progress;

/**
 * Builds a DPU management OS image: header fields plus a payload that is either given or generated from a seed
 * (SplitMix64, little endian, so the same seed and size give the same bytes everywhere). The payload is streamed in
 * 1 MiB chunks: a 256 MiB image is written without being held in memory.
 *
 * <pre>{@code
 * DpuImage img = DpuImage.builder().model(DpuModel.BLUEFIELD_2).version("4.2.0").build("bf-4.2.0-1")
 *         .payloadBytes(256L << 20).seed(42).writeTo(file);
 * }</pre>
 */
public final class DpuImageBuilder {
    private static final int CHUNK = 1 << 20;
    /** The largest payload the builder writes (the header field is 64-bit; 16 GiB keeps demos sane). */
    public static final long MAX_PAYLOAD_BYTES = 16L << 30;
    private String model = DpuModel.BLUEFIELD_2.name();
    private String version = "1.0.0";
    private String build = "hvlab";
    private long payloadBytes = 1 << 16;
    private long seed;
    private byte[] payload;

    DpuImageBuilder() {}

    public DpuImageBuilder model(DpuModel m) {
        this.model = m.name();
        return this;
    }

    public DpuImageBuilder model(String modelName) {
        this.model = modelName;
        return this;
    }

    public DpuImageBuilder version(String v) {
        this.version = v;
        return this;
    }

    public DpuImageBuilder build(String b) {
        this.build = b;
        return this;
    }

    /** The size of a generated payload. */
    public DpuImageBuilder payloadBytes(long bytes) {
        if (bytes < 0 || bytes > MAX_PAYLOAD_BYTES) {
            throw new DpuException(DpuException.Reason.BAD_SETTING, "payload size " + bytes,
                    "a generated payload is 0.." + MAX_PAYLOAD_BYTES + " bytes", "Use a size in that range");
        }
        this.payloadBytes = bytes;
        this.payload = null;
        return this;
    }

    /** The size of a generated payload, e.g. {@code mib(256)}. */
    public DpuImageBuilder payloadSize(org.hvlab.core.ByteSize size) {
        return payloadBytes(size.bytes());
    }

    /** The seed of a generated payload. */
    public DpuImageBuilder seed(long s) {
        this.seed = s;
        return this;
    }

    /** An explicit payload (copied) instead of a generated one. */
    public DpuImageBuilder payload(byte[] bytes) {
        this.payload = bytes.clone();
        this.payloadBytes = bytes.length;
        return this;
    }

    /** The header this builder's image will have (generates the payload once to hash it, writes nothing). */
    public DpuImage header() {
        MessageDigest sha = Sha256.newDigest();
        try {
            pump(sha::update, null);
        } catch (IOException e) {
            throw DpuException.io("hash the payload", e);
        }
        return new DpuImage(model, version, build, payloadBytes, Sha256.of(sha.digest()));
    }

    /** Writes the image file (header, then payload) in one pass and returns its header. */
    public DpuImage writeTo(Path file) {
        new DpuImage(model, version, build, payloadBytes, Sha256.of(new byte[Sha256.SIZE])); // check fields first
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            MessageDigest sha = Sha256.newDigest();
            ch.position(DpuImage.HEADER_SIZE);
            pump(chunk -> {
                sha.update(chunk);
                chunk.rewind();
                while (chunk.hasRemaining()) ch.write(chunk);
            }, "write DPU image " + file.getFileName());
            DpuImage img = new DpuImage(model, version, build, payloadBytes, Sha256.of(sha.digest()));
            ByteBuffer head = ByteBuffer.wrap(img.encode());
            ch.position(0);
            while (head.hasRemaining()) ch.write(head);
            return img;
        } catch (IOException e) {
            throw DpuException.io("write " + file, e);
        }
    }

    /** Writes the image to a stream (two passes over the generated payload: hash, then bytes); not closed. */
    public DpuImage writeTo(OutputStream out) {
        DpuImage img = header();
        try {
            OutputStream o = new BufferedOutputStream(out, CHUNK);
            o.write(img.encode());
            pump(chunk -> o.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining()), null);
            o.flush();
        } catch (IOException e) {
            throw DpuException.io("write the image stream", e);
        }
        return img;
    }

    private interface ChunkSink {
        void accept(ByteBuffer chunk) throws IOException;
    }

    private void pump(ChunkSink sink, String task) throws IOException {
        if (payload != null) {
            sink.accept(ByteBuffer.wrap(payload));
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        long state = seed;
        long left = payloadBytes;
        try (Progress.Task t = task == null ? null : Progress.start(task, payloadBytes)) {
            while (left > 0) {
                buf.clear();
                int n = (int) Math.min(CHUNK, left);
                int words = (n + 7) / 8;
                for (int i = 0; i < words; i++) {
                    state += 0x9E3779B97F4A7C15L;
                    long z = state;
                    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                    buf.putLong(z ^ (z >>> 31));
                }
                buf.flip().limit(n);
                sink.accept(buf);
                left -= n;
                if (t != null) t.advance(n);
            }
        }
    }
}
