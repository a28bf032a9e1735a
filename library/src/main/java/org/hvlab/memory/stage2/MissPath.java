package org.hvlab.memory.stage2;

import static org.hvlab.memory.stage2.Descriptor.AF;
import static org.hvlab.memory.stage2.Descriptor.S2AP_R;
import static org.hvlab.memory.stage2.Descriptor.S2AP_W;

import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.core.SimClock;
import org.hvlab.core.Trace;
import org.hvlab.memory.HostMemory;
import org.hvlab.memory.LittleEndian;
import org.hvlab.memory.MemoryException;
import org.hvlab.memory.MmioBus;

/**
 * The slow path of a guest access, taken when {@link GuestMemory}'s inline TLB check misses: look the page up in
 * the TLB, else walk {@link Stage2} and fill the TLB; on a translation, access-flag or permission fault exit to the
 * VM's {@link FaultHandler} (charged {@code vm_exit}) and retry or finish as it resolves.
 */
final class MissPath {
    private static final int MAX_ATTEMPTS = 4;

    private final GuestMemory g;
    private final String name;
    private final int vmid;
    private final HostMemory mem;
    private final Stage2 s2;
    private final Tlb tlb;
    private final SimClock clock;
    private final Trace trace;
    private final ExitCosts costs;
    private final MmioBus bus;
    /** Exits taken so far. */
    long exits;

    MissPath(GuestMemory g, HostMemory mem, Stage2 s2, Tlb tlb, SimClock clock, Trace trace, ExitCosts costs,
             MmioBus bus) {
        this.g = g;
        this.name = g.name();
        this.vmid = g.vmid();
        this.mem = mem;
        this.s2 = s2;
        this.tlb = tlb;
        this.clock = clock;
        this.trace = trace;
        this.costs = costs;
        this.bus = bus;
    }

    /** Loads (returns the zero-extended value) or stores {@code value}: {@code size} bytes at IPA {@code a}. */
    long access(long a, int size, boolean write, long value) {
        if (a >= (1L << Stage2.IPA_BITS)) {
            throw new MemoryException(MemoryException.Reason.IPA_RANGE, "IPA " + Ipa.of(a) + " in " + name
                    + " is beyond the 48-bit stage-2 input range", "stage 2 translates IPAs below 2^48",
                    "Look at vm.memoryMap()");
        }
        long page = a >>> 12;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int i = tlb.index(vmid, page);
            long desc;
            long pa;
            int level;
            if (tlb.tags[i] == Tlb.tag(vmid, page)) {
                tlb.hits++;
                desc = tlb.descs[i];
                pa = tlb.pas[i];
                level = tlb.levels[i];
            } else {
                tlb.misses++;
                desc = s2.lookup(a);
                level = s2.lastLevel;
                clock.advanceCycles(costs.walkLevel() * (level + 1));
                if (desc == 0) {
                    boolean mmio = bus.find(Ipa.of(a)).isPresent();
                    Fault f = new Fault(name, Ipa.of(a), size, write, value, level,
                            mmio ? FaultKind.MMIO : FaultKind.TRANSLATION, 0);
                    Resolution r = exit(f);
                    if (r.action() == Resolution.Action.RETRY) continue;
                    return finish(r, size);
                }
                if ((desc & AF) == 0) {
                    Resolution r = exit(new Fault(name, Ipa.of(a), size, write, value, level, FaultKind.ACCESS_FLAG,
                            desc));
                    if (r.action() == Resolution.Action.RETRY) continue;
                    return finish(r, size);
                }
                pa = Stage2.output(desc, level, a & ~0xFFFL);
                tlb.fill(vmid, page, desc, level, pa, mem.storageOf(pa));
            }
            if ((desc & (write ? S2AP_W : S2AP_R)) == 0) {
                Resolution r = exit(new Fault(name, Ipa.of(a), size, write, value, level, FaultKind.PERMISSION, desc));
                if (r.action() == Resolution.Action.RETRY) continue;
                return finish(r, size);
            }
            int off = (int) (a & 0xFFF);
            byte[] d = mem.storageOf(pa);
            if (d == null || write) d = backing(a, pa, write);
            if (tlb.tags[i] == Tlb.tag(vmid, page) && d != null) tlb.data[i] = d;
            if (write) {
                LittleEndian.put(d, off, size, value);
                return 0;
            }
            return d == null ? 0 : LittleEndian.get(d, off, size);
        }
        throw new MemoryException(MemoryException.Reason.PERMISSION, "the access at " + Ipa.of(a) + " in " + name
                + " still faults after " + MAX_ATTEMPTS + " attempts",
                "the fault handler returned retry without fixing the mapping",
                "Make the handler map the page, or return emulated(..) or dropped()");
    }

    /**
     * The storage of the physical frame behind {@code pa}: created for a write, null for a read of a frame never
     * written. Like hardware it does not ask who owns the frame now: through a stale TLB entry the access reaches
     * whatever lives in that physical frame (free, or reused by another mapping).
     */
    private byte[] backing(long a, long pa, boolean write) {
        Pa frame = Pa.of(pa & ~0xFFFL);
        if (!mem.contains(frame)) {
            throw new MemoryException(MemoryException.Reason.UNMAPPED, "IPA " + Ipa.of(a) + " in " + name
                    + " maps to PA " + frame + " outside host memory",
                    "only host RAM " + mem.base() + ".." + mem.limit() + " is modelled behind stage 2",
                    "Attach a device with vm.attach(..) instead of mapping a physical address outside RAM");
        }
        return write ? mem.physicalStorageForWrite(pa) : mem.storageOf(pa);
    }

    private static long finish(Resolution r, int size) {
        return r.action() == Resolution.Action.EMULATED ? LittleEndian.truncate(r.value(), size) : 0;
    }

    private Resolution exit(Fault f) {
        exits++;
        clock.advanceCycles(costs.vmExit());
        trace.event("vm_exit", name, f); // the fault record; its text is made only if the log is read
        return g.faultHandler().handle(f, g);
    }
}
