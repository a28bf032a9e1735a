package org.hvlab.memory;

import org.hvlab.core.Pa;

/** Byte copies that span frames, built on the per-frame storage accessors of {@link HostMemory}. */
final class FrameCopies {
    private FrameCopies() {}

    /** {@code length} bytes from {@code pa}; frames never written read as zeros. */
    static byte[] read(HostMemory mem, Pa pa, int length) {
        if (length < 0) throw HostMemoryErrors.negativeLength(length);
        byte[] out = new byte[length];
        long a = pa.value();
        int done = 0;
        while (done < length) {
            int off = (int) (a & 0xFFF);
            int n = Math.min(length - done, HostMemory.FRAME_BYTES - off);
            byte[] d = mem.frameData(Pa.of(a & ~0xFFFL));
            if (d != null) System.arraycopy(d, off, out, done, n);
            done += n;
            a += n;
        }
        return out;
    }

    /** Writes {@code bytes} from {@code pa}; every frame touched must be allocated. */
    static void write(HostMemory mem, Pa pa, byte[] bytes) {
        long a = pa.value();
        int done = 0;
        while (done < bytes.length) {
            int off = (int) (a & 0xFFF);
            int n = Math.min(bytes.length - done, HostMemory.FRAME_BYTES - off);
            System.arraycopy(bytes, done, mem.frameDataForWrite(Pa.of(a & ~0xFFFL)), off, n);
            done += n;
            a += n;
        }
    }
}
