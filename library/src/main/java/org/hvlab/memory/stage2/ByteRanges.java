package org.hvlab.memory.stage2;

import org.hvlab.core.Ipa;

/** Guest byte ranges: one checked access per page, then a copy while the TLB maps the page. */
final class ByteRanges {
    private ByteRanges() {}

    static byte[] read(GuestMemory g, Ipa ipa, int length) {
        ipa.offset(length);
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long a = ipa.value() + done;
            int n = Math.min(length - done, 4096 - (int) (a & 0xFFF));
            out[done] = (byte) g.read(Ipa.of(a), 1);
            byte[] frame = g.cachedFrame(a, false);
            if (frame != null) {
                System.arraycopy(frame, (int) (a & 0xFFF) + 1, out, done + 1, n - 1);
                g.chargeHits(n - 1);
            } else if (g.unbackedReadable(a)) {
                g.chargeHits(n - 1);
            } else {
                for (int k = 1; k < n; k++) out[done + k] = (byte) g.read(Ipa.of(a + k), 1);
            }
            done += n;
        }
        return out;
    }

    static void write(GuestMemory g, Ipa ipa, byte[] bytes) {
        ipa.offset(bytes.length);
        int done = 0;
        while (done < bytes.length) {
            long a = ipa.value() + done;
            int n = Math.min(bytes.length - done, 4096 - (int) (a & 0xFFF));
            g.write(Ipa.of(a), 1, bytes[done]);
            byte[] frame = g.cachedFrame(a, true);
            if (frame != null) {
                System.arraycopy(bytes, done + 1, frame, (int) (a & 0xFFF) + 1, n - 1);
                g.chargeHits(n - 1);
            } else {
                for (int k = 1; k < n; k++) g.write(Ipa.of(a + k), 1, bytes[done + k]);
            }
            done += n;
        }
    }
}
