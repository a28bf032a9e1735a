package org.hvlab.memory.stage2;

import static org.hvlab.memory.stage2.Descriptor.AF;
import static org.hvlab.memory.stage2.Descriptor.S2AP_R;
import static org.hvlab.memory.stage2.Descriptor.S2AP_W;

import org.hvlab.core.Ipa;

/**
 * Guest byte ranges: every page of the range is checked first (translated, RAM that pages in, or MMIO; with the
 * standard handler also permitted, copy-on-write or write-dropping), so a refused range changes nothing and
 * reaches no device; then one checked access per page, and a copy while the TLB maps the page.
 */
final class ByteRanges {
    private ByteRanges() {}

    static byte[] read(GuestMemory g, Ipa ipa, int length) {
        ipa.offset(length);
        checkPages(g, ipa.value(), length, false);
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
        checkPages(g, ipa.value(), bytes.length, true);
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

    /** Throws what the access would raise at the first page of {@code [start, start + length)} that cannot work. */
    private static void checkPages(GuestMemory g, long start, int length, boolean write) {
        if (length == 0) return;
        long last = (start + length - 1) >>> 12;
        for (long p = start >>> 12; p <= last; p++) {
            long a = Math.max(start, p << 12);
            checkPage(g, a, write);
        }
    }

    private static void checkPage(GuestMemory g, long a, boolean write) {
        if (a >= 1L << Stage2.IPA_BITS) {
            throw g.unmapped(new Fault(g.name(), Ipa.of(a), 1, write, 0, 0, FaultKind.TRANSLATION, 0));
        }
        Tlb tlb = g.tlb();
        long page = a >>> 12;
        int i = tlb.index(g.vmid(), page);
        long desc;
        int level = 3;
        if (tlb.tags[i] == Tlb.tag(g.vmid(), page)) {
            desc = tlb.descs[i]; // a cached translation is what the access will use, stale or not
        } else {
            Stage2 s2 = g.stage2();
            desc = s2.lookup(a);
            level = s2.lastLevel;
        }
        Ipa ipa = Ipa.of(a);
        if (desc == 0) {
            if (g.inRam(ipa) || g.mmio().find(ipa).isPresent()) return;
            throw g.unmapped(new Fault(g.name(), ipa, 1, write, 0, level, FaultKind.TRANSLATION, 0));
        }
        if (g.faultHandler() != FaultHandler.STANDARD || (desc & AF) == 0) return;
        if ((desc & (write ? S2AP_W : S2AP_R)) != 0) return;
        Fault f = new Fault(g.name(), ipa, 1, write, 0, level, FaultKind.PERMISSION, desc);
        if (write && (desc & Descriptor.SW_COW) != 0) return;
        if (write && g.dropsWrites(f)) return;
        throw g.denied(f);
    }
}
